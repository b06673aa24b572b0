"""Examples a sentence gives of a kind ("problems like A, B and C") as one typed span, and a
list question answered by them only when it asks for that kind. Hand-made sentences."""

from __future__ import annotations

import pytest

from kb.evidence import answer_spans
from kb.nlp import parse, spans
from kb.question import Question, asked_noun
from kb.search import stem

SENTENCE = (
    "The survey found common problems like lack of raw material, old looms and weak "
    "marketing in the Rampur cluster."
)


def items(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.head) for s in spans(text) if s.type == "items"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SENTENCE, [("lack of raw material, old looms and weak marketing in the Rampur cluster",
                     "problem")]),
        ("Agencies such as the District Industries Centre and two banks lent to the weavers.",
         [("the District Industries Centre and two banks", "agency")]),
        ("Lenders like SIDBI/NABARD refinanced the units.", [("SIDBI/NABARD", "lender")]),
        # "as" alone introduces no examples; nor does a list without a kind before it
        ("The CFC works as a dye house.", []),
        ("Rampur makes looms, saris, shawls and rugs.", []),
    ],
)  # fmt: skip
def test_examples_of_a_kind_are_one_span_headed_by_the_kind(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert items(text) == expected


def test_a_list_question_is_answered_by_examples_of_the_kind_it_asks() -> None:
    problems = Question("Which problems did the survey find?", "list", plural=True,
                        noun=stem("problem"))  # fmt: skip
    assert [s.type for s in answer_spans(problems, SENTENCE)] == ["items"]
    products = Question("Which products did the survey find?", "list", plural=True,
                        noun=stem("product"))  # fmt: skip
    assert "items" not in [s.type for s in answer_spans(products, SENTENCE)]


def test_a_command_to_list_asks_for_its_object() -> None:
    assert asked_noun(parse("list the common problems the survey found")) == "problem"
    assert asked_noun(parse("name the banks that lent to the Rampur weavers")) == "bank"


def test_a_compound_asks_for_its_head() -> None:
    """In "the fashion design institute" the institute is asked for, however the tagger calls
    it, not the first noun of its compound."""
    assert asked_noun(parse("name of the fashion design institute engaged to train weavers")) == (
        "institute"
    )
    assert asked_noun(parse("name the firm building the Rampur cluster")) == "firm"
