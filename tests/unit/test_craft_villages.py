"""A village a craft names is a cluster project, and what a verb makes into a cluster ("as")
is at the place it names (ingest/clusters.py), on sentences written for these tests with a
hand-made gazetteer."""

from __future__ import annotations

from tests.unit.places_stub import described, place_kinds

place_kind = place_kinds({"Hardoi", "Moradabad"}, {"Uttar Pradesh"})


def _described(text: str) -> list[tuple[str, str, str | None]]:
    return described(text, place_kind)


def test_a_town_to_be_developed_as_a_craft_village_is_its_place() -> None:
    assert _described("Kotwa is to be developed as a craft handloom village.") == [
        ("craft handloom", "Kotwa", None)
    ]


def test_a_village_a_verb_makes_into_a_handicraft_village() -> None:
    text = "The ministry approved developing Belur village as a Handicraft Village."
    assert _described(text) == [("Handicraft", "Belur", None)]


def test_the_subject_said_to_be_among_the_villages_chosen() -> None:
    text = "Tirwa village is among the five villages chosen as a crafts village by the ministry."
    assert _described(text) == [("crafts", "Tirwa", None)]


def test_a_craft_village_at_a_place() -> None:
    assert _described("A craft village at Kotwa was opened last year.") == [
        ("craft", "Kotwa", None)
    ]


def test_a_district_declared_as_a_product_cluster() -> None:
    assert _described("Moradabad was declared as a brass cluster by the state.") == [
        ("brass", "Moradabad", "district:moradabad")
    ]


def test_a_village_no_craft_names_is_a_place_not_a_cluster() -> None:
    assert _described("The heritage village of Kotwa draws tourists from Hardoi.") == []
    assert _described("Kotwa was selected as a model village by the ministry.") == []


def test_a_headlines_cluster_is_the_bodys_cluster_of_its_kind_not_its_craft_village() -> None:
    from ingest.documents import LoadedDocument
    from ingest.extract import Extractor
    from kb.resolve import Resolver
    from kb.store.base import Node

    places = [
        Node("state:uttar-pradesh", "State", "Uttar Pradesh"),
        Node(
            "district:uttar-pradesh:hardoi", "District", "Hardoi", attrs={"state": "Uttar Pradesh"}
        ),  # fmt: skip
    ]
    title = "Centre to set up handloom cluster in Kotwa's village"
    body = [
        "A mega handloom cluster will be set up at Belur village in Hardoi district of Uttar "
        "Pradesh.",
        "The minister also said a handloom craft village will be set up at Tirwa.",
    ]
    ex = Extractor(places, Resolver.from_nodes(places))
    read, _ = ex.read(LoadedDocument("doc:test", title, "test.txt", "0", [title, *body]))
    names = sorted({e.name for s in read for e in s.of("Cluster")})
    assert any(n.endswith("Handloom Craft Village") and "Tirwa" in n for n in names), names
    assert not any("Kotwa" in n for n in names), names
    assert len(names) == 2, names
