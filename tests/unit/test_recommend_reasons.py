"""A plan's reasons are short sentences a planner can paste into a DPR."""

from __future__ import annotations

from kb.recommend import _and, _distance, sentence
from kb.store.base import Node


def test_a_fragment_becomes_a_sentence() -> None:
    assert sentence("assistance: 80% of the project cost") == "Assistance: 80% of the project cost."
    assert (
        sentence("for artisans (scheme facts: artisans);")
        == "For artisans (scheme facts: artisans)."
    )
    assert sentence("Already a sentence.") == "Already a sentence."
    assert sentence("cut at a word…") == "Cut at a word…"  # a cut text keeps its ellipsis


def test_stages_and_distance_read_as_words() -> None:
    assert _and(["raw_material"]) == "raw material"
    assert _and(["raw_material", "market", "skills"]) == "raw material, market and skills"
    gaya = Node("district:bihar:gaya", "District", "Gaya")
    assert _distance(205.4, gaya) == "205 km from Gaya."
    assert _distance(0.0, gaya) == "In Gaya itself."
