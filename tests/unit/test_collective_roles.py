"""A body acting on "these clusters" acts for every cluster the document has named
(ingest/arguments.py `collective_roles`), on sentences written for these tests with the entities
placed by hand, as the extractor would place them."""

from __future__ import annotations

from ingest.arguments import collective_roles
from ingest.relations import relations_of
from kb import nlp
from tests.unit.test_clause_roles import _sentence


def _roles(text: str, bodies: list[str], count: int = 0) -> set[tuple[str, str]]:
    s = _sentence(text, dict.fromkeys(bodies, "Agency"))
    return {(b.name, r.role) for b, r in collective_roles(s, nlp.parse(s.clean), count)}


def test_a_body_acting_on_these_clusters_is_their_partner_or_takes_its_verbs_role() -> None:
    assert _roles("The Rubber Board in collaboration with district administrations will hand "
                  "hold these clusters.", ["Rubber Board"]) == {("Rubber Board", "partner")}  # fmt: skip
    assert _roles("The Coir Board provides administrative support to these clusters.",
                  ["Coir Board"]) == {("Coir Board", "partner")}  # fmt: skip
    assert _roles("All the clusters were approved by the Tea Board last year.",
                  ["Tea Board"]) == {("Tea Board", "nodal agency")}  # fmt: skip
    # object control: the Department is who ensures
    assert _roles(
        "The minister directed the Industries Department to ensure that proposals for roads in "
        "these clusters are sent within 10 days.",
        ["Industries Department"],
    ) == {("Industries Department", "partner")}


def test_clusters_not_pointed_back_at_or_only_reported_on_give_no_role() -> None:
    assert _roles("The Rubber Board will hand hold 12 clusters.", ["Rubber Board"]) == set()
    assert (
        _roles("The Rubber Board said these clusters will export mats.", ["Rubber Board"]) == set()
    )
    assert _roles("The Rubber Board visited these clusters.", ["Rubber Board"]) == set()
    assert _roles("The Rubber Board will hand hold the artisans.", ["Rubber Board"]) == set()


def test_the_body_is_linked_to_each_cluster_the_document_names() -> None:
    listed = _sentence("These include the Brass Cluster in Moradabad and the Lamp Cluster in Agra.",
                       {"Brass Cluster": "Cluster", "Lamp Cluster": "Cluster"})  # fmt: skip
    later = _sentence("The Rubber Board will hand hold these clusters.", {"Rubber Board": "Agency"})
    later.index = 1
    found = {(src, rel, tgt, a.get("role")) for _, src, rel, tgt, _, a in relations_of(
        [listed, later], {"title": "x"}) if tgt == "agency:Rubber Board"}  # fmt: skip
    assert found == {
        ("cluster:Brass Cluster", "SUPPORTED_BY", "agency:Rubber Board", "partner"),
        ("cluster:Lamp Cluster", "SUPPORTED_BY", "agency:Rubber Board", "partner"),
    }


def test_clusters_counted_as_many_as_the_document_names_are_its_clusters() -> None:
    # "facing five sectoral clusters" in a document naming five: they are its clusters; a
    # count the document does not match points at no cluster of it
    text = "The Rubber Board will study the problems facing five sectoral clusters."
    assert _roles(text, ["Rubber Board"], 5) == {("Rubber Board", "partner")}
    assert _roles(text, ["Rubber Board"], 3) == set()
    assert _roles("The Rubber Board will hand hold 12 clusters.", ["Rubber Board"], 12) == {
        ("Rubber Board", "partner")
    }
