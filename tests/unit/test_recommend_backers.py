"""The scheme/agency model (kb/backers.py): evidence as smoothed shares, a fitted softmax."""

from __future__ import annotations

import math

import numpy as np

from kb.backers import ALPHA, CONTEXTS, FEATURES, BackerModel, Candidate, Evidence, context_weights
from kb.store.base import Node

A = Node("scheme:a", "Scheme", "A")
B = Node("scheme:b", "Scheme", "B")


def test_a_voter_counts_in_the_contexts_it_shares() -> None:
    w = context_weights(True, False, "related", False, 0.5)
    assert dict(zip(("all", *CONTEXTS), w.tolist(), strict=True)) == {
        "all": 1.0, "state": 1.0, "sector": 0.0, "same_product": 0.0, "product": 1.0,
        "state_sector": 0.0, "state_product": 1.0, "district": 0.0, "meaning": 0.5**12,
    }  # fmt: skip
    assert context_weights(False, False, None, False, -0.3)[-1] == 0.0  # no negative meaning


def test_evidence_is_the_share_in_a_context_smoothed_towards_the_prior() -> None:
    ev = Evidence()
    in_state = context_weights(True, False, None, False, 0.0)
    elsewhere = context_weights(False, False, None, False, 0.0)
    ev.add(in_state, {A.id: (A, None)}, "c1", None, True)
    ev.add(elsewhere, {B.id: (B, None)}, "c2", None, False)
    ev.add(elsewhere, {A.id: (A, None), B.id: (B, None)}, "c3", None, False)  # shares its vote
    rows = {c.node.id: c for c in ev.features([A, B], {}, {A.id: False, B.id: True})}
    prior_a = (1.5 + 0.5) / (3 + 0.5 * 2)  # 1.5 votes of 3, smoothed by half a vote
    assert math.isclose(rows[A.id].features[0], math.log(prior_a))
    state = FEATURES.index("state")
    expected = math.log((1 + ALPHA * prior_a) / (1 + ALPHA)) - math.log(prior_a)
    assert math.isclose(rows[A.id].features[state], expected)
    assert rows[A.id].features[state] > 0 > rows[B.id].features[state]  # A served the state
    assert rows[A.id].features[FEATURES.index("sector")] == 0.0  # no sector said: no evidence
    assert rows[B.id].features[FEATURES.index("state_own")] == 1.0
    assert [s[0] for s in rows[A.id].served] == ["c1"] and rows[B.id].served == []
    assert rows[A.id].votes == 1.5


def _candidate(node: Node, state: float) -> Candidate:
    x = np.zeros(len(FEATURES))
    x[FEATURES.index("state")] = state
    return Candidate(node, x)


def test_the_fit_learns_which_evidence_names_the_backer() -> None:
    # in every case the backer with state evidence is the true one
    cases = [([_candidate(A, s), _candidate(B, -s)], {A.id if s > 0 else B.id})
             for s in (1.0, -1.0, 0.5, -0.5, 2.0)]  # fmt: skip
    model = BackerModel.fit("schemes", cases)
    assert model.cases == 5 and model.weights[FEATURES.index("state")] > 0
    ranked = model.rank([_candidate(B, -1.0), _candidate(A, 1.0)])
    assert [c.node.id for c, _ in ranked] == [A.id, B.id]
    assert math.isclose(sum(p for _, p in ranked), 1.0) and ranked[0][1] > 0.5


def test_a_case_whose_backer_is_no_candidate_teaches_nothing() -> None:
    model = BackerModel.fit("schemes", [([_candidate(A, 1.0)], {"scheme:closed"})])
    assert model.cases == 0 and model.weights[0] == 1.0  # popularity, untouched
    assert model.rank([]) == []
