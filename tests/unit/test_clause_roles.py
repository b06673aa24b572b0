"""Bodies tied to clusters by the verb of one clause (ingest/arguments.py), on sentences
written for these tests with the entities placed by hand, as the extractor would place them."""

from __future__ import annotations

from ingest.arguments import clause_roles, scheme_owners
from ingest.units import Entity, Sentence
from kb import nlp


def _sentence(text: str, names: dict[str, str]) -> Sentence:
    """`names`: surface -> type; each surface's first occurrence becomes an entity."""
    s = Sentence(0, text, text)
    for surface, type_ in names.items():
        start = text.index(surface)
        s.entities.append(Entity(f"{type_.lower()}:{surface}", type_, surface, start,
                                 start + len(surface)))  # fmt: skip
    s.entities.sort(key=lambda e: e.start)
    return s


def _roles(s: Sentence) -> set[tuple[str, str, str, str]]:
    return {(b.name, c.name, r.relation, r.role) for b, c, r in clause_roles(s, nlp.parse(s.clean))}


def test_the_subject_of_an_approval_backs_every_cluster_of_the_coordinated_list() -> None:
    s = _sentence(
        "The State Steering Committee approved the Pottery Cluster at Khurja, the Brass Cluster "
        "at Moradabad and the Carpet Cluster at Bhadohi for recommendation to the Tea Board.",
        {"State Steering Committee": "Agency", "Pottery Cluster": "Cluster",
         "Brass Cluster": "Cluster", "Carpet Cluster": "Cluster", "Tea Board": "Agency"},
    )  # fmt: skip
    roles = _roles(s)
    for cluster in ("Pottery Cluster", "Brass Cluster", "Carpet Cluster"):
        assert ("State Steering Committee", cluster, "SUPPORTED_BY", "nodal agency") in roles
        assert ("Tea Board", cluster, "SUPPORTED_BY", "partner") in roles


def test_the_agent_of_a_passive_verb_acts_and_a_funding_verb_gives_funds() -> None:
    s = _sentence(
        "The Khurja Pottery Cluster was funded by the Rubber Board in 2019.",
        {"Khurja Pottery Cluster": "Cluster", "Rubber Board": "Agency"},
    )
    assert _roles(s) == {("Rubber Board", "Khurja Pottery Cluster", "FUNDS", "funding")}


def test_a_body_asked_to_act_for_the_clusters_is_a_partner() -> None:
    s = _sentence(
        "The committee advised the Coir Board to complete the reports and the Tea Board to "
        "allot land to the Brass Cluster at Moradabad.",
        {"Coir Board": "Agency", "Tea Board": "Agency", "Brass Cluster": "Cluster"},
    )
    assert _roles(s) == {
        ("Coir Board", "Brass Cluster", "SUPPORTED_BY", "partner"),
        ("Tea Board", "Brass Cluster", "SUPPORTED_BY", "partner"),
    }


def test_a_verb_that_is_no_role_ties_nothing() -> None:
    s = _sentence(
        "The Coir Board met in Delhi and the Brass Cluster at Moradabad has 200 units.",
        {"Coir Board": "Agency", "Brass Cluster": "Cluster"},
    )
    assert _roles(s) == set()


def test_the_cluster_of_a_sentence_naming_none_is_the_documents_own() -> None:
    focal = Entity("cluster:khurja-pottery", "Cluster", "Khurja Pottery Cluster", 0, 0)
    s = _sentence(
        "The cluster was selected by the Coir Board for support in 2019.",
        {"Coir Board": "Agency"},
    )
    found = {(b.name, c.name, r.role) for b, c, r in clause_roles(s, nlp.parse(s.clean), focal)}
    assert found == {("Coir Board", "Khurja Pottery Cluster", "nodal agency")}
    many = _sentence(
        "A cluster was selected by the Coir Board for support in 2019.", {"Coir Board": "Agency"}
    )
    assert list(clause_roles(many, nlp.parse(many.clean), focal)) == []  # not "the" cluster


def test_the_project_of_a_cluster_document_is_its_cluster() -> None:
    focal = Entity("cluster:khurja-pottery", "Cluster", "Khurja Pottery Cluster", 0, 0)
    s = _sentence(
        "The project was sanctioned by the Ministry of Mines under the Kiln Scheme in 2004.",
        {"Ministry of Mines": "Agency", "Kiln Scheme": "Scheme"},
    )
    found = {(b.name, c.name, r.relation) for b, c, r in clause_roles(s, nlp.parse(s.clean), focal)}
    assert found == {("Ministry of Mines", "Khurja Pottery Cluster", "FUNDS")}
    other = _sentence(
        "A project was sanctioned by the Ministry of Mines in 2004.",
        {"Ministry of Mines": "Agency"},
    )
    assert list(clause_roles(other, nlp.parse(other.clean), focal)) == []  # not "the" project


def test_a_phrasal_verb_is_read_with_its_particle() -> None:
    s = _sentence(
        "The Coir Board set up the Brass Cluster at Moradabad in 2019.",
        {"Coir Board": "Agency", "Brass Cluster": "Cluster"},
    )
    assert _roles(s) == {("Coir Board", "Brass Cluster", "IMPLEMENTS", "implementing agency")}
    s = _sentence(
        "The Coir Board set the Brass Cluster at Moradabad a target.",
        {"Coir Board": "Agency", "Brass Cluster": "Cluster"},
    )
    assert _roles(s) == set()  # "set" alone is no role


def _scheme_roles(text: str, names: dict[str, str]) -> set[tuple[str, str, str]]:
    from ingest.arguments import scheme_roles

    s = _sentence(text, names)
    return {(b.name, sc.name, r) for b, sc, r in scheme_roles(s, nlp.parse(s.clean))}


def test_a_body_that_modifies_or_runs_a_scheme_administers_or_implements_it() -> None:
    assert _scheme_roles(
        "The Rubber Board has modified the Pottery Mission for small units.",
        {"Rubber Board": "Agency", "Pottery Mission": "Scheme"},
    ) == {("Rubber Board", "Pottery Mission", "ADMINISTERS")}
    assert _scheme_roles(
        "The Tea Board will implement the Pottery Mission in Assam.",
        {"Tea Board": "Agency", "Pottery Mission": "Scheme"},
    ) == {("Tea Board", "Pottery Mission", "IMPLEMENTS")}


def test_a_scheme_that_is_no_object_of_the_bodys_verb_gets_no_link() -> None:
    assert (
        _scheme_roles(
            "The Pottery Mission was discussed when the Tea Board met.",
            {"Tea Board": "Agency", "Pottery Mission": "Scheme"},
        )
        == set()
    )


def _programme_roles(text: str, bodies: list[str]) -> set[tuple[str, str]]:
    """(body, role) pairs programme_roles reads in `text`, the named `bodies` its agencies."""
    from ingest.arguments import programme_roles

    s = _sentence(text, dict.fromkeys(bodies, "Agency"))
    return {(b.name, r.role) for b, r in programme_roles(s, nlp.parse(s.clean))}


def test_a_body_acting_on_clusters_in_general_acts_for_the_documents_clusters() -> None:
    from ingest.arguments import programme_roles
    from ingest.relations import relations_of

    assert _programme_roles(
        "The Rubber Board has selected 12 clusters in the State for a pilot.", ["Rubber Board"]
    ) == {("Rubber Board", "nodal agency")}
    assert _programme_roles(
        "The Ministry of Mines has started a pottery cluster development programme.",
        ["Ministry of Mines"],
    ) == {("Ministry of Mines", "administering")}
    assert (
        _programme_roles("The Rubber Board has selected a new chairman.", ["Rubber Board"]) == set()
    )
    assert _programme_roles("The Rubber Board has visited 12 clusters.", ["Rubber Board"]) == set()
    # a named scheme is no programme of the document's clusters: the scheme rules read it
    s = _sentence("The Ministry of Mines runs the Pottery Cluster Development Programme.",
                  {"Ministry of Mines": "Agency", "Pottery Cluster Development Programme": "Scheme"})  # fmt: skip
    assert list(programme_roles(s, nlp.parse(s.clean))) == []
    # the document's clusters (named equally: each of them) are backed, as a reading of the
    # document; a sentence naming a cluster leaves it to the sentence's own rules
    listed = _sentence("The clusters are the Brass Cluster and the Lamp Cluster.",
                       {"Brass Cluster": "Cluster", "Lamp Cluster": "Cluster"})  # fmt: skip
    later = _sentence("The Rubber Board has selected 12 clusters for a pilot.",
                      {"Rubber Board": "Agency"})  # fmt: skip
    later.index = 1
    found = {(src, rel, tgt, a.get("via")) for _, src, rel, tgt, _, a in relations_of(
        [listed, later], {"title": "x"}) if src.startswith("cluster:") and tgt.startswith("agency:")}  # fmt: skip
    assert found == {
        ("cluster:Brass Cluster", "SUPPORTED_BY", "agency:Rubber Board", "document"),
        ("cluster:Lamp Cluster", "SUPPORTED_BY", "agency:Rubber Board", "document"),
    }


def test_a_body_planning_to_set_up_clusters_sets_them_up() -> None:
    assert _programme_roles(
        "The Rubber Board plans to set up rubber clusters across India.", ["Rubber Board"]
    ) == {("Rubber Board", "implementing agency")}
    assert _programme_roles(
        "The Rubber Board has decided to develop 12 clusters in the State.", ["Rubber Board"]
    ) == {("Rubber Board", "implementing agency")}
    # a plan to do something else with clusters is no role
    assert (
        _programme_roles("The Rubber Board plans to visit 12 clusters.", ["Rubber Board"]) == set()
    )


def test_a_body_distributing_to_a_clusters_workers_implements_for_it() -> None:
    s = _sentence(
        "The Silk Board distributed 40 looms among the weavers of the Kolar Silk Cluster.",
        {"Silk Board": "Agency", "Kolar Silk Cluster": "Cluster"},
    )
    assert _roles(s) == {("Silk Board", "Kolar Silk Cluster", "IMPLEMENTS", "implementing agency")}


def test_the_subject_of_a_verb_controlling_a_role_verb_takes_its_role() -> None:
    going = _sentence(
        "The Rubber Board is going to set up the Brass Cluster at Moradabad next year.",
        {"Rubber Board": "Agency", "Brass Cluster": "Cluster"},
    )
    assert _roles(going) == {("Rubber Board", "Brass Cluster", "IMPLEMENTS", "implementing agency")}
    purpose = _sentence(
        "The Rubber Board has obtained approval from the Centre for setting up the Pottery "
        "Cluster at Khurja.",
        {"Rubber Board": "Agency", "Pottery Cluster": "Cluster"},
    )
    assert _roles(purpose) == {
        ("Rubber Board", "Pottery Cluster", "IMPLEMENTS", "implementing agency")
    }
    visit = _sentence(
        "The Rubber Board is going to Delhi to see the Brass Cluster at Moradabad.",
        {"Rubber Board": "Agency", "Brass Cluster": "Cluster"},
    )
    assert _roles(visit) == set()


def test_a_scheme_said_to_be_a_bodys_is_administered_by_it() -> None:
    def owners(text: str, names: dict[str, str]) -> set[tuple[str, str]]:
        return {(b.name, sc.name) for b, sc in scheme_owners(_sentence(text, names))}

    names = {"Coir Udyami Yojana": "Scheme", "Coir Board": "Agency"}
    assert owners("It was approved under the Coir Udyami Yojana of the Coir Board.", names) == {
        ("Coir Board", "Coir Udyami Yojana")
    }
    assert owners("The Coir Udyami Yojana, a flagship scheme of the Coir Board, helps.", names) == {
        ("Coir Board", "Coir Udyami Yojana")
    }
    assert owners("The Coir Board's Coir Udyami Yojana pays for it.", names) == {
        ("Coir Board", "Coir Udyami Yojana")
    }
    # a body named later for something else is not the scheme's
    assert owners("The Coir Udyami Yojana helped units; the Coir Board met in May.", names) == set()


def test_a_noun_naming_a_role_verbs_act_gives_its_by_the_role() -> None:
    s = _sentence(
        "The Khurja Pottery Cluster and the Moradabad Brass Cluster are examples of successful "
        "implementation of the programme by the Tea Board.",
        {"Khurja Pottery Cluster": "Cluster", "Moradabad Brass Cluster": "Cluster",
         "Tea Board": "Agency"},
    )  # fmt: skip
    assert _roles(s) == {
        ("Tea Board", "Khurja Pottery Cluster", "IMPLEMENTS", "implementing agency"),
        ("Tea Board", "Moradabad Brass Cluster", "IMPLEMENTS", "implementing agency"),
    }
    s = _sentence(  # a noun of no role verb's act ties nothing
        "The Khurja Pottery Cluster is an example of the pride of the programme by the Tea Board.",
        {"Khurja Pottery Cluster": "Cluster", "Tea Board": "Agency"},
    )
    assert _roles(s) == set()
