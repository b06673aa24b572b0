"""Long input is read in bounded pieces: sentence pieces, the acronym rewrite, the name cap."""

from __future__ import annotations

import time

from ingest.documents import MAX_SENTENCE_CHARS, LoadedDocument, pieces, split_sentences
from ingest.extract import to_facts
from ingest.mentions import acronym_pairs, pattern_mentions
from ingest.units import Entity, Sentence
from kb.ids import node_id


def test_a_long_sentence_becomes_pieces_cut_at_spaces() -> None:
    text = "Ab Cd " * 20_000  # 120 KB, no full stop
    out = split_sentences(text)
    assert all(0 < len(s) <= MAX_SENTENCE_CHARS for s in out)
    assert " ".join(out) == text.strip()
    assert pieces("short sentence.") == ["short sentence."]
    word = "A" * 2500
    assert pieces(word) == ["A" * 1000, "A" * 1000, "A" * 500]
    assert pieces("x " + word) == ["x", "A" * 1000, "A" * 1000, "A" * 500]


def test_acronym_definitions_as_before() -> None:
    assert acronym_pairs("The North Eastern Council (NEC) funds it.") == (
        "The North Eastern Council funds it.",
        [("NEC", "North Eastern Council")],
    )
    assert acronym_pairs("BRGF (Backward Region Grant Fund) Scheme helps.") == (
        "BRGF Scheme helps.",
        [("BRGF", "Backward Region Grant Fund")],
    )
    assert acronym_pairs("a ) b (c) ((KVIC) x")[0] == "a ) b (c) ( x"


def test_long_runs_cost_linear_time() -> None:
    """Each call is on a sentence piece of at most 1,000 characters; these are quick."""
    for text in ("A" * 1000, "Ab Cd " * 166, "word " * 200):
        started = time.perf_counter()
        acronym_pairs(text)
        pattern_mentions(text)
        print(f"{text[:6]!r}… {1000 * (time.perf_counter() - started):.1f} ms")
    assert acronym_pairs("x" * 100_000) == ("x" * 100_000, [])  # linear: returns at once


def test_a_name_over_200_characters_is_not_kept() -> None:
    long_name = "Gaya " + "Pattu " * 40 + "Weavers Cluster"
    text = f"The {long_name} and the Gaya Silk Cluster are supported by SFURTI."
    doc = LoadedDocument("doc:t", "t", "t.txt", "0", [text])
    ents = [
        Entity(node_id("Cluster", n), "Cluster", n, 0, len(n))
        for n in (long_name, "Gaya Silk Cluster")
    ]
    facts = to_facts(doc, [Sentence(0, text, text, ents)], {"pairs": []}, source="doc:t")
    names = [n.name for n in facts.nodes.values() if n.type == "Cluster"]
    assert names == ["Gaya Silk Cluster"]
    assert any("more than 200" in s.reason for s in facts.skipped)
