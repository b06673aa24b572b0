"""clusterkb.fitqa on hand-made candidates: the ranking fit and the out-of-fold scores that
abstention is fitted on."""

from __future__ import annotations

from typing import Any

import pytest

from clusterkb import fitqa
from kb.evidence import Candidate
from kb.question import Question


def _case(n: int, answerable: bool = True) -> fitqa.Case:
    """A question with one good candidate (overlap 1, holds the answer) and three poor ones."""
    good = Candidate(f"the answer{n} is here", "d", "sentence 1", features={"overlap": 1.0})
    poor = [
        Candidate(f"nothing {n} {k}", "d", f"sentence {k}", features={"overlap": 0.1 * k})
        for k in range(2, 5)
    ]
    expected = [f"answer{n}"] if answerable else []
    q = Question(f"q{n}", "other")
    return fitqa.Case(f"q{n}", None, expected, [], q, [good, *poor])


def test_fit_learns_the_feature_that_marks_the_answer() -> None:
    weights = fitqa._fit([_case(n) for n in range(12)])
    assert weights["overlap"] > 0
    model = fitqa.LogisticModel(weights, 0.5, {})
    case = _case(99)
    assert fitqa._ranked(case, model)[0].text == "the answer99 is here"


def test_out_of_fold_ranks_each_question_with_a_model_fitted_without_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cases = [_case(n, answerable=n % 4 != 0) for n in range(15)]
    fitted_on: list[set[str]] = []
    real_fit = fitqa._fit

    def recording_fit(train: list[fitqa.Case], **kw: Any) -> dict[str, float]:
        fitted_on.append({c.question for c in train})
        return real_fit(train, **kw)

    scored_by: dict[str, int] = {}

    def answers(kb: Any, case: fitqa.Case, ranked: list[Candidate], threshold: float) -> bool:
        scored_by[case.question] = len(fitted_on) - 1  # the model fitted last ranked it
        return bool(case.expected) and fitqa.holds(ranked[0].text, case.expected, [])

    monkeypatch.setattr(fitqa, "_fit", recording_fit)
    monkeypatch.setattr(fitqa, "_answers", answers)
    out = fitqa._out_of_fold(None, cases, 0.5, folds=5)  # type: ignore[arg-type]
    assert len(fitted_on) == 5
    assert sorted(scored_by) == sorted(c.question for c in cases)  # each scored once
    for question, model in scored_by.items():
        assert question not in fitted_on[model]
    assert all(f is not None and 0.0 < f["top_score"] < 1.0 for f, _ in out)
    # the right/wrong labels follow the cases: unanswerable ones are never right
    assert [right for _, right in out] == [n % 4 != 0 for n in range(15)]


def test_a_fit_of_one_feature_keeps_every_other_weight() -> None:
    """`fit-qa --only conversation`: the named weight is fitted, the held ones stay as given."""
    cases = [_case(n) for n in range(12)]
    held = {"bias": -1.5, "overlap": 0.25, "dense": 0.7}
    weights = fitqa._fit(cases, held=held, free=frozenset({"overlap"}))
    assert weights["bias"] == -1.5 and weights["dense"] == 0.7
    assert weights["overlap"] > held["overlap"]  # the feature marking the answer gains
    assert all(weights[f] == 0.0 for f in fitqa.FEATURES if f not in held)
