"""The place of a kind asked ("which state is X in"), walked up LOCATED_IN on the tiny graph
(kb.qa QuestionAnswerer._located): a cluster's district, then its state."""

from __future__ import annotations

from types import SimpleNamespace

from kb.qa import QuestionAnswerer, _long_list
from kb.store.base import Edge, Node
from kb.store.memory import MemoryStore
from tests.conftest import prov, tiny_graph

CLUSTER = "cluster:muzaffarpur-bag-cluster"


def _walk(store: MemoryStore, id_: str, kind: str) -> list[str] | None:
    node = store.get_node(id_)
    assert node is not None
    found = QuestionAnswerer._located(SimpleNamespace(store=store), node, kind)  # type: ignore[arg-type]
    return None if found is None else [n.id for n in found[0]]


def test_a_cluster_is_walked_up_to_the_kind_of_place_asked() -> None:
    store = MemoryStore(None)
    tiny_graph(store)
    assert _walk(store, CLUSTER, "State") == ["district:bihar:muzaffarpur", "state:bihar"]
    assert _walk(store, CLUSTER, "District") == ["district:bihar:muzaffarpur"]
    assert _walk(store, "district:bihar:muzaffarpur", "State") == ["state:bihar"]
    assert _walk(store, "state:bihar", "State") is None  # nothing above a state


def test_a_cluster_in_two_districts_has_no_one_answer() -> None:
    store = MemoryStore(None)
    tiny_graph(store)
    store.upsert_node(Node("district:bihar:patna", "District", "Patna", provenance=[prov("s9")]))
    store.upsert_edge(Edge(CLUSTER, "LOCATED_IN", "district:bihar:patna", {}, [prov("s9")]))
    assert _walk(store, CLUSTER, "State") is None


def test_a_states_clusters_include_those_placed_in_its_districts() -> None:
    store = MemoryStore(None)
    tiny_graph(store)
    state = store.get_node("state:bihar")
    assert state is not None
    reader = SimpleNamespace(store=store)
    found = QuestionAnswerer._in_districts(reader, state, set())  # type: ignore[arg-type]
    assert [r.node.id for r in found] == [CLUSTER]
    assert QuestionAnswerer._in_districts(reader, state, {CLUSTER}) == []  # type: ignore[arg-type]


def test_a_long_list_names_the_clusters_documents_describe_first() -> None:
    rows = [
        Node(
            f"cluster:row-{k}",
            "Cluster",
            f"A{k} Row Cluster",
            provenance=[prov("r", "dataset:registry")],
        )
        for k in range(9)
    ]
    described = Node("cluster:z-described", "Cluster", "Z Described Cluster", provenance=[prov()])
    text = _long_list([*rows, described], "clusters")
    assert text.startswith("10 clusters, the best documented first: Z Described Cluster, A0 Row")
