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


def test_a_run_of_400_characters_without_a_space_is_no_word_to_the_patterns() -> None:
    """The stored sentence keeps the run; the extractor reads it as a space, so the names
    around it are found as without it (and no pattern walks the run position by position)."""
    from ingest.extract import Extractor
    from kb.resolve import Resolver

    said = "The Gaya Silk Cluster is supported by SFURTI."
    ex = Extractor([], Resolver.from_nodes([]))
    found = {}
    for run in ("", "A" * 999, "https://example.org/" + "x" * 380):
        text = f"{said} {run}".strip()
        doc = LoadedDocument("doc:t", "t", "t.txt", "0", [text])
        sentences, _ = ex.read(doc)
        assert sentences[0].text == text and run not in sentences[0].clean or not run
        found[run[:5]] = sorted((e.type, e.name) for s in sentences for e in s.entities)
    assert found["A" * 5] == found["https"] == found[""]
    assert ("Cluster", "Gaya Silk Cluster") in found[""]
    # a shorter run (the longest URL of the test sets is 331 characters) is read as written
    url = "https://example.org/" + "x" * 300
    sentences, _ = ex.read(LoadedDocument("doc:t", "t", "t.txt", "0", [f"{said} {url}"]))
    assert url in sentences[0].clean
