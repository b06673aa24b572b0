"""Fitting the evidence scorer (kb/evidence.py) on development questions.

For every question of the given sets (devset format: answer_any / answer_all / after; or the
project's own format: expect / answered / after), the answerer gathers its candidates with their
features; a candidate is a positive example when it holds an expected answer string. The weights
minimise a logistic loss plus a per-question ranking loss (see _fit); the abstention threshold is the one that makes the most questions
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
from kb.evidence import (
    ABSTAIN_FEATURES,
    FEATURES,
    MODEL_FILE,
    Candidate,
    LogisticModel,
    abstain_features,
)
from kb.qa import ranked_answers, typed_first
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


def _matrix(cases: list[Case]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels, and which question each candidate belongs to."""
    xs, ys, group = [], [], []
    for k, c in enumerate(cases):
        for cand in c.candidates:
            xs.append([cand.features.get(f, 0.0) for f in FEATURES])
            ys.append(1 if c.expected and holds(cand.text, c.expected, c.required) else 0)
            group.append(k)
    return np.asarray(xs, dtype=np.float64), np.asarray(ys), np.asarray(group)


def _fit(
    cases: list[Case],
    l2: float = 0.001,
    held: dict[str, float] | None = None,
    free: frozenset[str] = frozenset(FEATURES),
) -> dict[str, float]:
    """Weights minimising two losses at once: the candidates' log loss (so that a score is a
    probability, which abstention reads) and, per question with an answer among its
    candidates, the softmax loss of ranking those candidates first (which is what choosing the
    evidence needs; the log loss alone spends its effort on the many easy negatives). Only the
    `free` features' weights move; the others keep their `held` values."""
    from scipy.optimize import minimize
    from scipy.special import expit, logsumexp

    x, y, group = _matrix(cases)
    moving = np.asarray([f in free for f in FEATURES])
    base = np.asarray([0.0 if f in free else (held or {}).get(f, 0.0) for f in FEATURES])
    questions = [np.flatnonzero(group == k) for k in range(len(cases))]
    ranked = [(idx, y[idx] == 1) for idx in questions if len(idx) and y[idx].any()]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = expit(z)
        eps = 1e-12
        point = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
        grad = x.T @ (p - y) / len(y)
        rank, rgrad = 0.0, np.zeros_like(w)
        for idx, pos in ranked:
            zi = z[idx]
            all_ = logsumexp(zi)
            rank += all_ - logsumexp(zi[pos])
            soft = np.exp(zi - all_)
            good = np.where(pos, np.exp(zi - logsumexp(zi[pos])), 0.0)
            rgrad += x[idx].T @ (soft - good)
        n = max(1, len(ranked))
        total = point + rank / n + l2 * float(w @ w)
        return total, grad + rgrad / n + 2 * l2 * w

    def moved(v: np.ndarray) -> tuple[float, np.ndarray]:
        w = base.copy()
        w[moving] = v
        total, g = loss(w)
        return total, g[moving]

    v0 = np.zeros(int(moving.sum()))
    result = minimize(moved, v0, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    w = base.copy()
    w[moving] = result.x
    return {f: round(float(v), 4) for f, v in zip(FEATURES, w, strict=True)}


def _ranked(case: Case, model: LogisticModel) -> list[Candidate]:
    for cand in case.candidates:
        cand.score = model.probability(cand.features)
    return ranked_answers(case.q, case.candidates)  # as the answerer ranks


def _answers(kb: KnowledgeBase, case: Case, ranked: list[Candidate], threshold: float) -> bool:
    """Whether the answer composed from the best candidate holds what is expected."""
    if not case.expected or not ranked:
        return False
    best = typed_first(case.q, ranked)  # as the answerer chooses
    text = kb.answerer().compose(case.q, best, case.candidates, threshold).answer
    return len(text) <= 400 and holds(text, case.expected, case.required)


def _right_at(kb: KnowledgeBase, case: Case, model: LogisticModel, threshold: float) -> bool:
    """Right or not when declining below a score threshold (no abstention model)."""
    ranked = _ranked(case, model)
    if not ranked or ranked[0].score < threshold:
        return not case.expected
    return _answers(kb, case, ranked, threshold)


def _right(kb: KnowledgeBase, case: Case, model: LogisticModel) -> bool:
    """Right or not as the answerer would do it: the abstention model decides."""
    ranked = _ranked(case, model)
    if model.declines(ranked):
        return not case.expected
    return _answers(kb, case, ranked, model.threshold)


def _threshold(kb: KnowledgeBase, cases: list[Case], model: LogisticModel) -> tuple[float, float]:
    """The score threshold that makes the most questions right, and that share."""
    best = (0.5, -1.0)
    for t in np.linspace(0.05, 0.95, 37):
        acc = sum(_right_at(kb, c, model, float(t)) for c in cases) / max(1, len(cases))
        if acc > best[1] + 1e-9:
            best = (round(float(t), 3), acc)
    return best


# What a wrong answer costs against a right one (1) and a wrong "does not say" (0) when the
# abstention threshold is chosen: a confident wrong answer is worse than declining (issue 13).
WRONG_ANSWER_COST = 0.5


def _out_of_fold(
    kb: KnowledgeBase, cases: list[Case], threshold: float, folds: int
) -> list[tuple[dict[str, float] | None, bool]]:
    """Each question's abstain_features when ranked by a model fitted without it (its fold left
    out), with whether the answer composed from that ranking is right. Abstention is fitted on
    these because the answerer reads the scores of questions its ranking model never saw: on
    the questions it was fitted on, scores are higher and surer, and an abstention fitted on
    them declines too often on new text."""
    order = np.random.default_rng(11).permutation(len(cases))
    out: list[tuple[dict[str, float] | None, bool]] = [(None, False)] * len(cases)
    for k in range(folds):
        held = set(order[k::folds].tolist())
        train = [c for i, c in enumerate(cases) if i not in held]
        inner = LogisticModel(_fit(train), threshold, {})
        for i in sorted(held):
            ranked = _ranked(cases[i], inner)
            features = abstain_features(ranked) if ranked else None
            out[i] = (features, _answers(kb, cases[i], ranked, threshold))
    return out


def _fit_abstain(
    kb: KnowledgeBase, cases: list[Case], model: LogisticModel, folds: int = 5
) -> tuple[dict[str, float], float]:
    """A question-level logistic model of whether the best candidate is a right answer
    (features: abstain_features of out-of-fold rankings, see _out_of_fold), and the threshold
    on it that makes the most questions right, declined unanswerable questions counting as
    right and a wrong answer costing WRONG_ANSWER_COST more than declining."""
    from sklearn.linear_model import LogisticRegression

    scored = _out_of_fold(kb, cases, model.threshold, folds)
    rows, labels, expected = [], [], []
    for case, (f, right) in zip(cases, scored, strict=True):
        if f is None:
            continue
        rows.append([f[k] for k in ABSTAIN_FEATURES])
        labels.append(1 if right else 0)
        expected.append(bool(case.expected))
    x, y = np.asarray(rows), np.asarray(labels)
    if len(set(labels)) < 2:
        return {}, 0.5
    fitted = LogisticRegression(C=3.0, max_iter=2000, fit_intercept=False).fit(x, y)
    weights = {
        k: round(float(w), 4) for k, w in zip(ABSTAIN_FEATURES, fitted.coef_[0], strict=True)
    }
    conf = fitted.predict_proba(x)[:, 1]
    best = (0.5, -np.inf)
    for t in np.linspace(0.05, 0.95, 37):
        gain = sum(
            (1.0 if lab == 1 else -WRONG_ANSWER_COST) if c >= t else (1.0 if not e else 0.0)
            for c, lab, e in zip(conf, y, expected, strict=True)
        )
        if gain > best[1]:
            best = (round(float(t), 3), gain)
    return weights, best[0]


def _train(kb: KnowledgeBase, cases: list[Case]) -> tuple[LogisticModel, float]:
    """The model fitted on `cases`, and its accuracy on them."""
    model = LogisticModel(_fit(cases), 0.5, {})
    model.threshold, _ = _threshold(kb, cases, model)
    model.abstain, model.abstain_threshold = _fit_abstain(kb, cases, model)
    return model, sum(_right(kb, c, model) for c in cases) / max(1, len(cases))


def fit_only(
    kb: KnowledgeBase,
    files: list[Path],
    only: list[str],
    out: Path = MODEL_FILE,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Fit the weights of the features `only` names, the model at `out` kept otherwise (its
    other weights, threshold and abstention): a feature that is zero on every question but
    some (a follow-up's) then changes no other answer. Cross-validated as `fit` is; saves."""
    unknown = [f for f in only if f not in FEATURES]
    if unknown:
        raise ValueError(f"no feature {unknown[0]}; the features are {', '.join(FEATURES)}")
    base = LogisticModel.load(out)
    free = frozenset(only)

    def train(cases: list[Case]) -> LogisticModel:
        weights = _fit(cases, held=base.weights, free=free)
        return LogisticModel(weights, base.threshold, {}, base.abstain, base.abstain_threshold)

    progress("gathering candidates")
    cases = collect(kb, files, progress)
    held = _cross_validated(kb, cases, train, progress)
    model = train(cases)
    model.meta = {
        **base.meta,
        # every weight refitted alone so far (each fit keeps the others')
        "refitted_only": sorted(set(base.meta.get("refitted_only", [])) | free),
        # the kept weights saw every question: these figures are of this fit's only
        "refitted_only_accuracy_on_fitted_questions": round(
            sum(_right(kb, c, model) for c in cases) / max(1, len(cases)), 3
        ),
        "refitted_only_accuracy_5fold_held_out": held,
    }
    model.save(out)
    return {"weights": model.weights, "threshold": model.threshold, **model.meta}


def _cross_validated(
    kb: KnowledgeBase,
    cases: list[Case],
    train: Callable[[list[Case]], LogisticModel],
    progress: Callable[[str], None],
) -> float:
    """The mean share of held-out questions right over 5 folds by question."""
    rng = np.random.default_rng(7)
    order = rng.permutation(len(cases))
    folds = [order[i::5] for i in range(5)]
    held = []
    for k in range(5):
        test = [cases[i] for i in folds[k]]
        m = train([cases[i] for j, f in enumerate(folds) if j != k for i in f])
        held.append(sum(_right(kb, c, m) for c in test) / max(1, len(test)))
        progress(f"  fold {k + 1}: {held[-1]:.3f} on {len(test)} held-out questions")
    return round(float(np.mean(held)), 3)


def fit(
    kb: KnowledgeBase,
    files: list[Path],
    out: Path = MODEL_FILE,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Fit, cross-validate (5 folds by question), save; returns the figures."""
    progress("gathering candidates")
    cases = collect(kb, files, progress)
    held = _cross_validated(kb, cases, lambda train: _train(kb, train)[0], progress)
    model, train_acc = _train(kb, cases)
    x, y, _ = _matrix(cases)
    model.meta = {
        "fitted": True,
        "question_files": [f"{p.parent.name}/{p.name}" for p in files],
        "questions": len(cases),
        "candidates": int(len(y)),
        "positives": int(y.sum()),
        "accuracy_on_fitted_questions": round(train_acc, 3),
        "accuracy_5fold_held_out": held,
    }
    model.save(out)
    return {"weights": model.weights, "threshold": model.threshold, **model.meta}
