"""Bodies a cluster's work is done with ("in association with X and Y") support the cluster
(ingest/relations.py, the ontology's "with_partners" cue), on sentences written for these
tests with the entities placed by hand."""

from __future__ import annotations

from ingest.relations import relations_of
from ingest.units import Entity, Sentence


def _links(text: str, bodies: list[str], focal: Entity) -> set[tuple[str, str, str]]:
    s = Sentence(0, text, text)
    for name in bodies:
        start = text.index(name)
        s.entities.append(Entity(f"agency:{name}", "Agency", name, start, start + len(name)))
    context = {"title": "x", "cluster_entity": focal}
    return {(src, rel, tgt) for _, src, rel, tgt, _, _ in relations_of([s], context)
            if rel != "LOCATED_IN"}  # fmt: skip


def test_bodies_worked_with_support_the_documents_cluster() -> None:
    focal = Entity("cluster:ranipet-leather", "Cluster", "Ranipet Leather Cluster", 0, 0)
    text = "A treatment plant is planned in association with Town Trust and Nagarika."
    assert _links(text, ["Town Trust", "Nagarika"], focal) == {
        ("cluster:ranipet-leather", "SUPPORTED_BY", "agency:Town Trust"),
        ("cluster:ranipet-leather", "SUPPORTED_BY", "agency:Nagarika"),
    }
    # a body merely named in the same sentence is no partner
    text = "A treatment plant is planned; Town Trust objected."
    assert _links(text, ["Town Trust"], focal) == set()


def test_a_body_the_project_is_agreed_with_supports_the_cluster() -> None:
    focal = Entity("cluster:ranipet-leather", "Cluster", "Ranipet Leather Cluster", 0, 0)
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
