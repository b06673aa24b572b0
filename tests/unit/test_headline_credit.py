"""A document's headline is read for answers without the publication it credits (kb.evidence
EvidencePool._uncredited): "(The Rampur Times)" answers no "which firm"."""

from __future__ import annotations

from kb.evidence import Candidate, EvidencePool, LogisticModel
from kb.nlp import spans
from kb.store.base import Node
from kb.store.memory import MemoryStore
from tests.conftest import prov

TITLE = "Rampur carpet weavers find a buyer (The Rampur Times)"


def _pool() -> EvidencePool:
    store = MemoryStore(None)
    store.upsert_node(Node("doc:rampur", "Document", TITLE, provenance=[prov("s1")]))
    store.upsert_node(
        Node("doc:plain", "Document", "Rampur carpet weavers find a buyer", provenance=[prov("s2")])
    )
    return EvidencePool(store, None, LogisticModel({}, 0.5, {}))  # type: ignore[arg-type]


def test_the_headline_is_read_without_its_credit() -> None:
    pool = _pool()
    bare = pool._uncredited("doc:rampur", TITLE)
    assert bare == "Rampur carpet weavers find a buyer"
    read = Candidate(TITLE, "doc:rampur", "sentence 1", gloss=bare).reading
    assert not any(s.type == "org" and "Times" in s.text for s in spans(read))


def test_other_sentences_and_uncredited_headlines_are_read_as_written() -> None:
    pool = _pool()
    assert (
        pool._uncredited("doc:rampur", "The Rampur Times reports a new buyer (Mohan Exports).")
        == ""
    )
    assert pool._uncredited("doc:plain", "Rampur carpet weavers find a buyer") == ""
    assert pool._uncredited("doc:missing", TITLE) == ""


def test_a_headline_that_would_read_as_a_heading_alone_keeps_its_credit() -> None:
    """ "RAMPUR CARPET CLUSTER (Lok Sabha question)" bare would be a heading, dropped as one."""
    store = MemoryStore(None)
    title = "RAMPUR CARPET CLUSTER SCHEME (Lok Sabha question)"
    store.upsert_node(Node("doc:ls", "Document", title, provenance=[prov("s3")]))
    pool = EvidencePool(store, None, LogisticModel({}, 0.5, {}))  # type: ignore[arg-type]
    assert pool._uncredited("doc:ls", title) == ""
