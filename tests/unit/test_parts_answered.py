"""A question of several parts (kb.qa QuestionAnswerer._by_parts): each part answered on its
own, a part the abstention would decline shown as less sure beside a confident one, never a
part with no evidence worth showing. The answerer's search and model are stubs here."""

from __future__ import annotations

from typing import Any

from kb.evidence import Candidate
from kb.qa import LESS_SURE, QuestionAnswerer, _reply, compared
from kb.question import Question

QUESTION = "How many looms does the kauna cluster have, and how many weavers work there?"
CONTINUED: list[Any] = []  # the conversation each part was asked in


class _Model:
    threshold = 0.5

    def declines(self, ranked: list[Candidate]) -> bool:
        return ranked[0].score < self.threshold


def _answerer(scores: dict[str, float]) -> QuestionAnswerer:
    """An answerer whose part about looms and part about weavers find one sentence each,
    scored as given."""
    qa = object.__new__(QuestionAnswerer)

    def candidates(
        question: str, history: Any = None, conversation: Any = None
    ) -> tuple[Question, list[Candidate]]:
        CONTINUED.append(conversation)
        key = "looms" if "looms" in question else "weavers"
        c = Candidate(f"The cluster has 40 {key}.", "doc:kauna", "sentence 1")
        c.score = scores[key]
        c.features = {"type_span": 1.0}  # it holds a number, as a count question asks
        return Question(question, "count"), [c]

    def compose(q: Question, best: Candidate, pool: list[Candidate]) -> Any:
        return _reply(q.text, f"40 {best.text.split()[-1]}", True, [], [], [])

    qa.candidates = candidates  # type: ignore[method-assign]
    qa.compose = compose  # type: ignore[method-assign]
    qa._unknown = lambda q: []  # type: ignore[method-assign]
    qa._entities = lambda nodes: []  # type: ignore[method-assign]
    qa.model = _Model()  # type: ignore[assignment]
    return qa


def test_both_parts_confident_are_set_side_by_side() -> None:
    a = _answerer({"looms": 0.9, "weavers": 0.8})._by_parts(QUESTION, None, frozenset())
    assert a is not None and a.answer == "40 looms. | 40 weavers."


def test_each_part_continues_the_whole_question_s_conversation() -> None:
    CONTINUED.clear()
    _answerer({"looms": 0.9, "weavers": 0.8})._by_parts(QUESTION, None, frozenset({"doc:kauna"}))
    assert CONTINUED == [frozenset({"doc:kauna"})] * 2


def test_an_unsure_part_beside_a_confident_one_is_marked_less_sure() -> None:
    a = _answerer({"looms": 0.9, "weavers": 0.2})._by_parts(QUESTION, None, frozenset())
    assert a is not None and a.answer == f"40 looms. | {LESS_SURE}40 weavers."


def test_a_part_without_evidence_worth_showing_or_no_confident_part_asks_the_whole() -> None:
    assert _answerer({"looms": 0.9, "weavers": 0.02})._by_parts(QUESTION, None, frozenset()) is None
    assert _answerer({"looms": 0.3, "weavers": 0.2})._by_parts(QUESTION, None, frozenset()) is None


def test_a_comparison_leads_with_the_side_holding_more() -> None:
    """compared: the side whose short answer holds the larger amount, or the smaller when the
    comparison asks for it; nothing when a side's answer holds no amount or the kinds differ."""
    sides = ["the rampur CFC", "the sitapur dye house"]
    leads = ["Rs 2.50 crore (Rampur CFC).", "Rs 70 lakh"]
    assert (
        compared(sides, leads, True) == "The rampur CFC is more: Rs 2.50 crore against Rs 70 lakh. "
    )
    assert compared(sides, leads, False).startswith("The sitapur dye house is less: Rs 70 lakh")
    assert compared(sides, ["Rs 2 crore", "40 weavers"], True) == ""  # money against a count
    assert compared(sides, ["Rs 2 crore", ""], True) == ""  # a side without an amount
    assert compared(sides, ["120 weavers", "85 weavers"], None).startswith("The rampur CFC is more")
