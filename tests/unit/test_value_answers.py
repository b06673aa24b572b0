"""A question asking a value (an amount, a date, a count, a share) is answered only by
evidence stating a value of that type; a count of days is a duration."""

from __future__ import annotations

from kb.evidence import Candidate, answer_spans
from kb.qa import ranked_answers
from kb.question import Question


def _candidate(
    text: str, score: float, kind: str = "sentence", type_span: bool = False
) -> Candidate:
    c = Candidate(text, "doc:x", "", kind=kind)
    c.score, c.features = score, {"type_span": 1.0 if type_span else 0.0}
    return c


def test_only_evidence_stating_a_value_answers_a_question_asking_one() -> None:
    fact = _candidate("The cluster has a CFC.", 0.9, kind="fact")
    cost = _candidate("The CFC will cost Rs 5 crore.", 0.3, type_span=True)
    other = _candidate("The CFC was opened by the minister.", 0.5)
    money = Question("What did the CFC cost?", "money")
    assert ranked_answers(money, [fact, cost, other]) == [cost]
    assert ranked_answers(money, [fact, other]) == []  # nothing states it: the answerer declines
    # a question asking for a body or a description ranks every candidate
    who = Question("Who opened the CFC?", "org")
    assert ranked_answers(who, [cost, fact, other]) == [fact, other, cost]


def test_a_count_of_days_is_answered_by_a_duration() -> None:
    text = "The designers ran a need assessment survey for around 15-20 days in the villages."
    days = Question("How many days did the survey run?", "count", noun="day")
    assert [s.text for s in answer_spans(days, text)] == ["15-20 days"]
    artisans = Question("How many artisans did the survey meet?", "count", noun="artisan")
    assert "15-20 days" not in [s.text for s in answer_spans(artisans, text)]
