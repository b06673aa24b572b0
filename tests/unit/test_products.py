"""The product thesaurus (kb/products.py, kb/products.csv) on real product names, both ways."""

import pytest

from kb.products import (
    Thesaurus,
    place_words,
    product_of_name,
    product_words,
    stem,
    thesaurus,
)
from kb.recommend import Recommender
from kb.store.base import Edge, Node
from kb.store.memory import MemoryStore
from tests.conftest import prov, tiny_graph


def rel(a: str, b: str, *places: str) -> str | None:
    th = thesaurus()
    leave_out = place_words(*places)
    return th.relation(th.key(a, leave_out), th.key(b, leave_out))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Makhana", "Foxnut processing", "same"),  # a synonym row
        ("Makhana (Foxnut)", "Makhana", "same"),  # a one-word parenthesis is a gloss
        ("Handloom", "Handloom fabrics (natural dyes)", "same"),
        ("Green Tea", "Orthodox Tea", "same"),  # the same head, other modifiers
        ("Cashew Kernels", "Cashew Nut", "same"),
        ("Brassware", "Moradabad Metal Craft", "related"),  # narrower -> broader concept
        ("Brass and bronze utensils", "Metal Craft", "related"),
        ("Green Dates", "Green Yarn", None),  # a shared colour makes nothing the same
        ("Black Pottery", "Black Rice", None),
        ("Clay products (kulhads, cups, glasses)", "Firozabad Glass", None),  # examples only
        ("Clay products (kulhads, cups, glasses)", "Terracotta", "related"),
    ],
)
def test_relation_rests_on_what_is_made(a: str, b: str, expected: str | None) -> None:
    assert rel(a, b, "Moradabad", "Firozabad") == expected
    assert rel(b, a, "Moradabad", "Firozabad") == expected  # symmetric


def test_modifiers_are_data_not_code() -> None:
    rows = [("tea", "tea", "same")]
    plain = Thesaurus(rows)
    taught = Thesaurus([*rows, ("green", "green", "modifier")])
    a, b = "Green Dates", "Green Yarn"
    assert plain.relation(plain.key(a), plain.key(b)) == "same"  # without the modifier row
    assert taught.relation(taught.key(a), taught.key(b)) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Textile", "Garments & Textiles"),  # a plural in -es meets its singular
        ("Kancheepuram Saree", "Venkatagiri Sarees"),
        ("Pulse", "Pulses"),
    ],
)
def test_plurals_in_es_meet_their_singular(a: str, b: str) -> None:
    assert rel(a, b) == "same"
    assert stem("textiles") == stem("textile") and stem("sarees") == stem("saree")
    assert stem("boxes") == stem("box") and stem("utensils") == stem("utensil")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Foundry", "Metal Casting"),  # foundry = casting: one concept, not a word and it too
        ("Apparel Manufacturing", "Readymade Garments"),
        ("Dal Mill", "Pulses (Daal)"),  # the rows for dal
        ("Silver Ornaments", "Silver Jewellery"),
        ("Ornaments", "Jewellery"),  # the rows for ornaments
    ],
)
def test_a_terms_concept_stands_for_its_words(a: str, b: str) -> None:
    assert rel(a, b) == "same"
    assert rel(b, a) == "same"


def test_a_name_makes_its_product_words() -> None:
    th = thesaurus()
    known = product_words(th, [("Coir Products", frozenset()),
                               ("Salem Silk", place_words("Salem", "Tamil Nadu"))])  # fmt: skip
    state = place_words("Tamil Nadu")
    assert product_of_name("Kangeyam Coir Cluster", state, known) == "Coir"
    assert product_of_name("Salem Coir Cluster", state, known) == "Coir"  # Salem: a place
    assert product_of_name("Rampur-Ani Cluster", state, known) == "Rampur-Ani"  # nothing known
    assert product_of_name("Tamil Nadu Coir Cluster", state, known) == "Coir"
    assert product_of_name("Food Processing Cluster", state, known | {"food"}) == "Food Processing"


def test_a_document_cluster_in_its_state_only_makes_its_product_words() -> None:
    """The recommender reads what a cluster with no product of its own makes from its name's
    product words: the town the document names ("Kanti") is no part of the product."""
    store = MemoryStore(None)
    tiny_graph(store)  # Muzaffarpur's ODOP product: Bags
    kanti = Node("cluster:kanti-bags-cluster", "Cluster", "Kanti Bags Cluster", {}, [], [prov()])
    with store.batch():
        store.upsert_node(kanti)
        store.upsert_edge(Edge(kanti.id, "LOCATED_IN", "state:bihar", {}, [prov()]))
    rec = Recommender(store, None, None)  # type: ignore[arg-type]  # no linker, no model
    facts = rec._facts(kanti, store.neighbors(kanti.id), {})
    assert facts.product == "Bags"
    assert facts.key == thesaurus().key("Bags")
