"""Fitting the evidence scorer (kb/evidence.py) on development questions.

For every question of the given sets (devset format: answer_any / answer_all / after; or the
project's own format: expect / answered / after), the answerer gathers its candidates with their
features; a candidate is a positive example when it holds an expected answer string. A logistic
regression learns the weights; the abstention threshold is the one that makes the most questions
right (answered correctly, or declined when unanswerable). A 5-fold split by question reports how
the method does on questions it was not fitted on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from clusterkb.service import KnowledgeBase
from kb.evidence import FEATURES, MODEL_FILE, Candidate, LogisticModel
from kb.question import Question


@dataclass
class Case:
    question: str
    history: list[str] | None
    expected: list[str]  # any of these (empty: unanswerable)
    required: list[str]  # all of these
    q: Question
    candidates: list[Candidate]


def read_questions(path: Path) -> list[tuple[str, list[str] | None, list[str], list[str]]]:
    """(question, history, answer_any, answer_all) for each line of a question file."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    by_id = {r["id"]: r for r in rows if "id" in r}
    by_text = {r["question"]: r for r in rows}
    out = []
    for r in rows:
        history: list[str] = []
        prev = r.get("after")
        while prev:
            earlier = by_id.get(prev) or by_text.get(prev)
            if earlier is None or earlier["question"] in history:
                break
            history.insert(0, earlier["question"])
            prev = earlier.get("after")
        expected = list(r.get("answer_any") or r.get("expect") or [])
        if r.get("answered") is False:
            expected = []
        out.append((r["question"], history or None, expected, list(r.get("answer_all") or [])))
    return out


def holds(text: str, expected: list[str], required: list[str]) -> bool:
    t = text.lower()
    return any(e.lower() in t for e in expected) and all(e.lower() in t for e in required)


def collect(
    kb: KnowledgeBase, files: list[Path], progress: Callable[[str], None] = lambda _: None
) -> list[Case]:
    qa = kb.answerer()
    cases = []
    for path in files:
        rows = read_questions(path)
        for n, (question, history, expected, required) in enumerate(rows, start=1):
            q, cands = qa.candidates(question, history)
            cases.append(Case(question, history, expected, required, q, cands))
            if n % 20 == 0:
                progress(f"  {path.name}: {n}/{len(rows)} questions")
    return cases


def _matrix(cases: list[Case]) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for c in cases:
        for cand in c.candidates:
            xs.append([cand.features.get(f, 0.0) for f in FEATURES])
            ys.append(1 if c.expected and holds(cand.text, c.expected, c.required) else 0)
    return np.asarray(xs, dtype=np.float64), np.asarray(ys)


def _fit(cases: list[Case]) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression

    x, y = _matrix(cases)
    model = LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False)
    model.fit(x, y)
    return {f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0], strict=True)}


def _right(kb: KnowledgeBase, case: Case, model: LogisticModel, threshold: float) -> bool:
    for cand in case.candidates:
        cand.score = model.probability(cand.features)
    best = max(case.candidates, key=lambda c: c.score, default=None)
    if best is None or best.score < threshold:
        return not case.expected
    if not case.expected:
        return False
    answer = kb.answerer().compose(case.q, best, case.candidates, threshold).answer
    return len(answer) <= 400 and holds(answer, case.expected, case.required)


def _threshold(kb: KnowledgeBase, cases: list[Case], model: LogisticModel) -> tuple[float, float]:
    """The abstention threshold that makes the most questions right, and that share."""
    best = (0.5, -1.0)
    for t in np.linspace(0.05, 0.95, 37):
        acc = sum(_right(kb, c, model, float(t)) for c in cases) / max(1, len(cases))
        if acc > best[1] + 1e-9:
            best = (round(float(t), 3), acc)
    return best


def fit(
    kb: KnowledgeBase,
    files: list[Path],
    out: Path = MODEL_FILE,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Fit, cross-validate (5 folds by question), save; returns the figures."""
    progress("gathering candidates")
    cases = collect(kb, files, progress)
    rng = np.random.default_rng(7)
    order = rng.permutation(len(cases))
    folds = [order[i::5] for i in range(5)]
    held = []
    for k in range(5):
        test = [cases[i] for i in folds[k]]
        train = [cases[i] for j, f in enumerate(folds) if j != k for i in f]
        m = LogisticModel(_fit(train), 0.5, {})
        m.threshold, _ = _threshold(kb, train, m)
        held.append(sum(_right(kb, c, m, m.threshold) for c in test) / max(1, len(test)))
        progress(f"  fold {k + 1}: {held[-1]:.3f} on {len(test)} held-out questions")
    weights = _fit(cases)
    model = LogisticModel(weights, 0.5, {})
    model.threshold, train_acc = _threshold(kb, cases, model)
    x, y = _matrix(cases)
    model.meta = {
        "fitted": True,
        "question_files": [p.name for p in files],
        "questions": len(cases),
        "candidates": int(len(y)),
        "positives": int(y.sum()),
        "accuracy_on_fitted_questions": round(train_acc, 3),
        "accuracy_5fold_held_out": round(float(np.mean(held)), 3),
    }
    model.save(out)
    return {"weights": weights, "threshold": model.threshold, **model.meta}
