"""Bodies a cluster's work is done with ("in association with X and Y") support the cluster
(ingest/relations.py, the ontology's "with_partners" cue), on sentences written for these
tests with the entities placed by hand."""

from __future__ import annotations

from ingest.relations import relations_of
from ingest.units import Entity, Sentence

RANIPET = Entity("cluster:ranipet-leather", "Cluster", "Ranipet Leather Cluster", 0, 0)


def _links(text: str, bodies: list[str], focal: Entity) -> set[tuple[str, str, str]]:
    s = Sentence(0, text, text)
    for name in bodies:
        start = text.index(name)
        s.entities.append(Entity(f"agency:{name}", "Agency", name, start, start + len(name)))
    context = {"title": "x", "cluster_entity": focal}
    return {(src, rel, tgt) for _, src, rel, tgt, _, _ in relations_of([s], context)
            if rel != "LOCATED_IN"}  # fmt: skip


def test_bodies_worked_with_support_the_documents_cluster() -> None:
    focal = RANIPET
    text = "A treatment plant is planned in association with Town Trust and Nagarika."
    assert _links(text, ["Town Trust", "Nagarika"], focal) == {
        ("cluster:ranipet-leather", "SUPPORTED_BY", "agency:Town Trust"),
        ("cluster:ranipet-leather", "SUPPORTED_BY", "agency:Nagarika"),
    }
    # a body merely named in the same sentence is no partner
    text = "A treatment plant is planned; Town Trust objected."
    assert _links(text, ["Town Trust"], focal) == set()


def test_a_body_the_project_is_agreed_with_supports_the_cluster() -> None:
    focal = RANIPET
    text = "The report follows our engagement agreement with Leather Directorate dated 2 May."
    assert _links(text, ["Leather Directorate"], focal) == {
        ("cluster:ranipet-leather", "SUPPORTED_BY", "agency:Leather Directorate")
    }
    text = "The units signed an MoU with Town Trust last year."
    assert _links(text, ["Town Trust"], focal) == {
        ("cluster:ranipet-leather", "SUPPORTED_BY", "agency:Town Trust")
    }


def _cluster_and_company(text: str) -> Sentence:
    """The sentence with the Ranipet cluster and the Palar company marked as entities."""
    s = Sentence(0, text, text)
    for type_, name in (
        ("Cluster", "Ranipet Leather Cluster"),
        ("Enterprise", "Palar Tanners Pvt Ltd"),
    ):
        start = text.index(name)
        s.entities.append(Entity(f"{type_.lower()}:{name}", type_, name, start, start + len(name)))
    return s


def test_a_company_in_brackets_after_a_cluster_is_its_spv() -> None:
    text = "Project Report: Ranipet Leather Cluster (Palar Tanners Pvt Ltd), Tamil Nadu"
    s = _cluster_and_company(text)
    found = {
        (src, rel, tgt, attrs.get("role"))
        for _, src, rel, tgt, _, attrs in relations_of([s], {"title": "x"})
    }
    assert (
        "enterprise:Palar Tanners Pvt Ltd",
        "IMPLEMENTS",
        "cluster:Ranipet Leather Cluster",
        "SPV",
    ) in found
    # a company named after the cluster in the running text is no SPV by this rule
    text = "Ranipet Leather Cluster buys hides from Palar Tanners Pvt Ltd (Vellore)."
    s = _cluster_and_company(text)
    found = {(src, rel, tgt) for _, src, rel, tgt, _, _ in relations_of([s], {"title": "x"})}
    assert (
        "enterprise:Palar Tanners Pvt Ltd",
        "IMPLEMENTS",
        "cluster:Ranipet Leather Cluster",
    ) not in found


def _paper(title: str) -> set[tuple[str, str, str]]:
    head = Sentence(0, "Ministry of Rural Crafts, New Delhi", "Ministry of Rural Crafts, New Delhi")
    head.entities.append(Entity("agency:mrc", "Agency", "Ministry of Rural Crafts", 0, 24))
    items = []
    for i, (cid, name) in enumerate(
        [("cluster:a", "Bell Cluster, Akola"), ("cluster:b", "Mat Cluster, Beed")]
    ):
        s = Sentence(i + 1, f"1.{i} CFC in {name}", f"1.{i} CFC in {name}")
        s.entities.append(Entity(cid, "Cluster", name, 11, 11 + len(name)))
        items.append(s)
    return {(src, rel, tgt) for _, src, rel, tgt, _, _ in relations_of([head, *items], {"title": title})
            if rel == "SUPPORTED_BY"}  # fmt: skip


def test_the_body_issuing_a_committees_agenda_administers_each_cluster_it_lists() -> None:
    assert _paper("Agenda for the 12th Meeting of the Project Committee") == {
        ("cluster:a", "SUPPORTED_BY", "agency:mrc"),
        ("cluster:b", "SUPPORTED_BY", "agency:mrc"),
    }
    # a body named above the clusters of another kind of paper is no issuer
    assert _paper("Craft clusters of the plains") == set()


def test_the_bodies_a_centre_is_set_up_with_funding_from_fund_it() -> None:
    focal = RANIPET
    text = "The plant has been set up with funding from Town Trust and Nagarika, a local NGO."
    assert _links(text, ["Town Trust", "Nagarika"], focal) == {
        ("agency:Town Trust", "FUNDS", "cluster:ranipet-leather"),
        ("agency:Nagarika", "FUNDS", "cluster:ranipet-leather"),
    }
    # a company so named (its CSR) is the cluster's funding partner
    text = "The plant has been set up with funding from the Pipelines Division of Palar Oil Ltd."
    s = Sentence(0, text, text)
    start = text.index("Pipelines")
    s.entities.append(
        Entity("enterprise:palar", "Enterprise", text[start:-1], start, len(text) - 1)
    )
    found = {(src, rel, tgt) for _, src, rel, tgt, _, _ in
             relations_of([s], {"title": "x", "cluster_entity": focal})}  # fmt: skip
    assert ("enterprise:palar", "PARTNERS_WITH", "cluster:ranipet-leather") in found


def test_a_body_collaborated_with_supports_the_cluster() -> None:
    focal = RANIPET
    text = "The institute has collaborated with Glass Institute to leverage technology."
    assert _links(text, ["Glass Institute"], focal) == {
        ("cluster:ranipet-leather", "SUPPORTED_BY", "agency:Glass Institute")
    }


def test_the_body_a_clusters_work_goes_through_supports_it() -> None:
    focal = RANIPET
    text = "Land was allotted for the new cluster through Town Corporation last week."
    assert _links(text, ["Town Corporation"], focal) == {
        ("cluster:ranipet-leather", "SUPPORTED_BY", "agency:Town Corporation")
    }
    text = "Land was allotted for the new cluster; Town Corporation objected."
    assert _links(text, ["Town Corporation"], focal) == set()
