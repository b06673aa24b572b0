"""The extraction scorer (clusterkb/evaluate.py): a cluster placed in a district of the state the
gold places it in states that placement, more finely; a district of another state does not."""

from __future__ import annotations

from clusterkb.evaluate import score_document
from kb.store.base import Edge, Node
from kb.store.memory import MemoryStore
from tests.conftest import prov

GOLD = {
    "entities": [["Cluster", "Payranga Eri Cluster", []], ["State", "Assam", []]],
    "relations": [["Payranga Eri Cluster", "LOCATED_IN", "Assam"]],
}


def _store(district: str, name: str) -> MemoryStore:
    store = MemoryStore(None)
    for node in (
        Node("cluster:payranga-eri-cluster", "Cluster", "Payranga Eri Cluster"),
        Node("state:assam", "State", "Assam"),
        Node(district, "District", name),
    ):
        node.provenance = [prov()]
        store.upsert_node(node)
    store.upsert_edge(Edge("cluster:payranga-eri-cluster", "LOCATED_IN", district, {}, [prov()]))
    return store


def test_a_district_of_the_gold_state_states_the_placement() -> None:
    _, rels = score_document(_store("district:assam:kamrup", "Kamrup"), "doc:tiny", GOLD)
    assert (rels.precision, rels.recall) == (1.0, 1.0), rels


def test_a_district_of_another_state_does_not() -> None:
    _, rels = score_document(_store("district:meghalaya:ri-bhoi", "Ri Bhoi"), "doc:tiny", GOLD)
    assert (rels.precision, rels.recall) == (0.0, 0.0), rels
