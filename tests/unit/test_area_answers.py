"""Areas: "how much land", "how many acres", "the land area of X" ask for an area with its
unit (kb.question.area_asked), which only an area span answers (kb.nlp: "82 acres", "2.5
hectares", "50,000 sq ft"); "which area of X" still asks for a place. Sentences written for
the test."""

from __future__ import annotations

import pytest

from kb.evidence import SPAN_TYPES
from kb.nlp import parse, spans
from kb.question import answer_type


@pytest.mark.parametrize(
    "question",
    [
        "and how much land is it set up on?",
        "land area of the tile cluster vs the spice park",
        "How many acres has the state allotted for the park?",
        "What is the total area of the industrial estate?",
        "cashew acreage in the agency tracts",
    ],
)
def test_questions_asking_for_an_area(question: str) -> None:
    assert answer_type(parse(question))[0] == "area"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which area of Mumbai were they working in?", "place"),
        ("How much did the common facility centre cost?", "money"),
        ("How many units are in the cluster?", "count"),
    ],
)
def test_other_questions_keep_their_type(question: str, kind: str) -> None:
    assert answer_type(parse(question))[0] == kind


def test_areas_are_read_with_their_unit() -> None:
    text = (
        "The park spreads over 2.5 hectares; its CFC has 50,000 sq ft of built-up space "
        "and 1,200 square metres of sheds, and the 19 units stand on 82 acres."
    )
    found = {(s.text, s.type) for s in spans(text)}
    assert {("2.5 hectares", "area"), ("50,000 sq ft", "area"), ("1,200 square metres", "area"),
            ("82 acres", "area")} <= found  # fmt: skip
    assert ("19", "count") in found  # a count of units stays a count
    assert SPAN_TYPES["area"] == {"area"}
