"""Hybrid retrieval over ingested sentences, with the real bundled MiniLM model."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from clusterkb.service import KnowledgeBase
from kb.errors import InputError
from kb.retriever import ClusterKBRetriever
from kb.search import SentenceIndex, _Entry


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "Which scheme funded the construction of the CFC in Umden Eri?",
            "constructed under the sponsorship",
        ),
        ("Assam Gramin Vikash Bank", "Assam Gramin Vikash Bank have provided credit"),
        ("How long did it take to start production?", "56 days"),
        ("Who mobilised the women entrepreneurs?", "mobili"),
        ("knowledge partner for the Bokaro workshop", "knowledge partner"),
    ],
)
def test_relevant_sentence_is_in_the_top_three(
    built_kb: KnowledgeBase, query: str, expected: str
) -> None:
    top = built_kb.search(query, 3)
    assert any(expected in p.text for p in top), [p.text[:80] for p in top]
    first = top[0]
    doc = built_kb.store.get_node(first.document)
    assert doc is not None and doc.attrs["sentences"][first.sentence - 1] == first.text


def test_empty_query_is_refused(built_kb: KnowledgeBase) -> None:
    with pytest.raises(InputError):
        built_kb.search("   ")


def test_langchain_retriever_returns_cited_documents(built_kb: KnowledgeBase) -> None:
    docs = ClusterKBRetriever(kb=built_kb, k=2).invoke(
        "Which bank provided credit to the clusters?"
    )
    assert len(docs) == 2
    assert docs[0].metadata["document"].startswith("doc:") and docs[0].metadata[
        "locator"
    ].startswith("sentence ")
    assert "Bank" in docs[0].page_content


class CountingEmbedder:
    """Deterministic stand-in vectors; counts what it is asked to embed (a unit test of the cache)."""

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, hash(t) % 384] = 1.0
        return out


def test_embeddings_are_cached_by_document_hash(tmp_path: Path) -> None:
    entries = [_Entry("doc:a", "A", i, f"sentence {i}", f"h1:{i}") for i in range(1, 4)]
    embedder = CountingEmbedder()
    SentenceIndex(entries, embedder, tmp_path)
    assert embedder.calls == 3
    again = SentenceIndex(entries, embedder, tmp_path)
    assert embedder.calls == 3 and again.encoded == 0
    changed = [*entries, _Entry("doc:b", "B", 1, "new sentence", "h2:1")]
    SentenceIndex(changed, embedder, tmp_path)
    assert embedder.calls == 4
    (tmp_path / "embeddings.npz").write_bytes(b"garbage")
    rebuilt = SentenceIndex(changed, embedder, tmp_path)
    assert rebuilt.encoded == 4  # a damaged cache is rebuilt, not trusted
