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


def test_under_which_scheme_asks_for_the_scheme_backing_a_cluster() -> None:
    # "is under which central scheme": the scheme a cluster is supported by, not a parent of it
    store = MemoryStore(None)
    tiny_graph(store)
    store.upsert_node(Node("scheme:sfurti", "Scheme", "SFURTI", provenance=[prov("s9")]))
    store.upsert_edge(Edge(CLUSTER, "SUPPORTED_BY", "scheme:sfurti", {}, [prov("s9")]))
    answer = _asked(store, "the muzaffarpur bag cluster is under which central scheme")
    assert answer is not None and "SFURTI" in answer, answer
    # a cluster part of a larger one is still asked "under which" alone
    assert _asked(store, "the muzaffarpur bag cluster comes under which larger cluster") is None


def test_the_company_the_artisans_formed_runs_their_cluster() -> None:
    # "company formed by the bag artisans": the body they formed implements their cluster
    store = MemoryStore(None)
    tiny_graph(store)
    store.upsert_node(Node("enterprise:bag-makers-pvt", "Enterprise", "Bag Makers Pvt Ltd",
                           provenance=[prov("s9")]))  # fmt: skip
    store.upsert_edge(Edge("enterprise:bag-makers-pvt", "IMPLEMENTS", CLUSTER, {}, [prov("s9")]))
    answer = _asked(store, "company formed by the muzaffarpur bag cluster artisans")
    assert answer is not None and answer.startswith("Bag Makers Pvt Ltd"), answer
    # "formed" alone asks no body: when a cluster was formed is no relation of it
    assert _asked(store, "when was the muzaffarpur bag cluster formed") is None


def test_an_answer_names_a_node_also_by_the_short_name_its_sentence_writes() -> None:
    # the cited sentence says "the CDP": the answer gives the scheme's name and that word
    from kb.store.base import Provenance

    store = MemoryStore(None)
    tiny_graph(store)
    store.upsert_node(Node("scheme:cdp", "Scheme", "Cluster Development Programme", {}, ["CDP"],
                           [prov("s9")]))  # fmt: skip
    said = Provenance("doc:tiny", "s9", "The cluster was approved under the CDP in 2021.", "test")
    store.upsert_edge(Edge(CLUSTER, "SUPPORTED_BY", "scheme:cdp", {}, [said]))
    answer = _asked(store, "the muzaffarpur bag cluster is under which central scheme")
    assert answer is not None and "Cluster Development Programme (CDP)" in answer, answer
