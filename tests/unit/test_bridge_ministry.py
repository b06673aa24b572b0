"""What two named things share (kb.qa QuestionAnswerer._bridge) on a hand-made graph: a body
asked for is also reached through the schemes it administers ("the ministry behind A and B"),
and "common" asks for what they share only before a kind of body or scheme."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from kb.qa import LINK_ASKED, QuestionAnswerer
from kb.store.base import Edge, Node
from kb.store.memory import MemoryStore
from tests.conftest import prov


def _graph() -> MemoryStore:
    store = MemoryStore(None)
    for id_, type_, name in [
        ("cluster:rampur-brass", "Cluster", "Rampur Brass Cluster"),
        ("cluster:sitapur-carpet", "Cluster", "Sitapur Carpet Cluster"),
        ("scheme:craft-fund", "Scheme", "Craft Fund Scheme"),
        ("agency:ministry-of-crafts", "Agency", "Ministry of Crafts"),
    ]:
        store.upsert_node(Node(id_, type_, name, provenance=[prov("s1")]))
    for src, rel, dst in [
        ("cluster:rampur-brass", "SUPPORTED_BY", "scheme:craft-fund"),
        ("agency:ministry-of-crafts", "FUNDS", "cluster:sitapur-carpet"),
        ("agency:ministry-of-crafts", "ADMINISTERS", "scheme:craft-fund"),
    ]:
        store.upsert_edge(Edge(src, rel, dst, {}, [prov("s1")]))
    return store


def _bridge(store: MemoryStore, question: str) -> str | None:
    reader: Any = SimpleNamespace(store=store, index=lambda: SimpleNamespace())
    reader._sentence_naming = lambda doc, node: None
    reader._entities = lambda nodes: []
    sides = [store.get_node("cluster:rampur-brass"), store.get_node("cluster:sitapur-carpet")]
    a = QuestionAnswerer._bridge(reader, question, sides, [])
    return None if a is None else a.answer


def test_the_ministry_behind_two_clusters_is_reached_through_a_scheme_it_administers() -> None:
    answer = _bridge(_graph(), "Which ministry is behind both the Rampur and the Sitapur clusters?")
    assert answer is not None and answer.startswith("Ministry of Crafts (agency) links")
    # a scheme asked for is not a body: the ministry is not reached for it
    assert _bridge(_graph(), "Which scheme do both the Rampur and Sitapur clusters share?") is None


def test_common_asks_what_is_shared_only_before_a_kind_of_body_or_scheme() -> None:
    assert LINK_ASKED.search("common union ministry behind the rampur and sitapur clusters")
    assert LINK_ASKED.search("the common scheme of the two clusters")
    assert not LINK_ASKED.search("what does the common facility centre of the rampur cluster do")
