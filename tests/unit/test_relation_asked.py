"""The relation a question asks, read from its cue words on the tiny graph (kb.qa
QuestionAnswerer._relation): an abbreviation of a role counts as its words ("the IA": the
implementing agency), and "what does X make" asks what it produces."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from kb.qa import QuestionAnswerer
from kb.store.base import Edge, Node
from kb.store.memory import MemoryStore
from tests.conftest import prov, tiny_graph

CLUSTER = "cluster:muzaffarpur-bag-cluster"


def _reader(store: MemoryStore) -> Any:
    reader: Any = SimpleNamespace(store=store, _masked=QuestionAnswerer._masked)
    reader._answer = lambda q, text, nodes, edges: QuestionAnswerer._answer(
        reader, q, text, nodes, edges
    )
    reader._entities = lambda nodes: []
    reader._located = lambda node, kind: None
    return reader


def _asked(store: MemoryStore, question: str) -> str | None:
    node = store.get_node(CLUSTER)
    assert node is not None
    a = QuestionAnswerer._relation(_reader(store), question, [node])  # type: ignore[arg-type]
    return None if a is None else a.answer


def test_an_abbreviated_role_asks_for_the_role() -> None:
    store = MemoryStore(None)
    tiny_graph(store)
    store.upsert_edge(Edge("agency:jeevika", "IMPLEMENTS", CLUSTER, {}, [prov("s9")]))
    answer = _asked(store, "Who is the IA of the Muzaffarpur Bag Cluster?")
    assert answer is not None and answer.startswith("JEEViKA")


def test_what_a_cluster_makes_is_its_product_or_its_own_word_for_it() -> None:
    store = MemoryStore(None)
    tiny_graph(store)
    answer = _asked(store, "What does the Muzaffarpur Bag Cluster make?")
    assert answer is not None and "Bags" in answer
    # no product node: the cluster's own word for what it makes
    store.upsert_node(
        Node("cluster:rampur-kite-cluster", "Cluster", "Rampur Kite Cluster", {"product": "Kites"},
             provenance=[prov("s9")])
    )  # fmt: skip
    kites = store.get_node("cluster:rampur-kite-cluster")
    assert kites is not None
    a = QuestionAnswerer._relation(
        _reader(store), "What does the Rampur Kite Cluster make?", [kites]
    )  # type: ignore[arg-type]
    assert a is not None and a.answer == "Rampur Kite Cluster — produces Kites."
