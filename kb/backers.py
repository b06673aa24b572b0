"""Which schemes and agencies would back a planned cluster: a small conditional-logit ranking
whose weights are fitted on the clusters the knowledge base knows.

The evidence for a backer b, counted over the known clusters ("voters"; a voter's backers share
its vote), is a backoff from the product to the sector, the state and the country:
- how often b served any cluster (its prior), and how often it served clusters of each context
  of the planned cluster — the same state, sector, product, same or related product, state and
  sector, state and product, district, and the nearest by meaning (MiniLM similarity to the
  power `SHARPNESS`) — each as the log-ratio of b's share there, smoothed towards its prior by
  `ALPHA` pseudo-clusters, to the prior: naive-Bayes evidence, 0 where a context says nothing;
- whether b is a state's own body or scheme;
- for schemes: the similarity of its title and tags to the product, its scheme-fit bonus
  (kb/schemefit.py), and whether any cluster evidences it at all (a catalogue scheme may not).
`BackerModel.fit` finds the weights that make each fitting cluster's own backer likeliest among
its candidates (softmax over candidates, L2-regularised), every case's evidence counted without
it. A closed scheme or another state's body is never a candidate (kb.recommend decides who is).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kb.store.base import Node

CONTEXTS = ("state", "sector", "same_product", "product", "state_sector", "state_product",
            "district", "meaning")  # fmt: skip
FEATURES = ("prior", *CONTEXTS, "state_own", "title_fit", "scheme_fit", "evidenced")
ALPHA = 8.0  # pseudo-clusters a context's share is smoothed with, towards the backer's prior
SHARPNESS = 12  # similarity by meaning to this power: the nearest products count, not the crowd
L2 = 0.5  # ridge on the weights (not on the prior's)
# ALPHA, SHARPNESS and L2 were chosen by a two-fold split inside one half of the registry
# (docs/plans.md); the weights themselves are fitted wherever the model is used.


def context_weights(
    same_state: bool, same_sector: bool, tier: str | None, same_district: bool, similarity: float
) -> np.ndarray:
    """How much a voter cluster counts in each context (all, then CONTEXTS)."""
    product = tier in ("same", "related")
    return np.array(
        [1.0, same_state, same_sector, tier == "same", product, same_state and same_sector,
         same_state and product, same_district, max(0.0, similarity) ** SHARPNESS],
        dtype=float,
    )  # fmt: skip


@dataclass
class Candidate:
    """A backer that could be proposed, with its features and the clusters it served that
    say why (same state, or a same/related product or sector: (cluster, edge, tier))."""

    node: Node
    features: np.ndarray
    served: list[tuple[Any, Any, str | None]] = field(default_factory=list)
    votes: float = 0.0  # clusters it served, all contexts (its backers' shares summed)


class Evidence:
    """Backers' weighted counts over the voters, then their feature rows."""

    def __init__(self) -> None:
        self.totals = np.zeros(1 + len(CONTEXTS))
        self.counts: dict[str, np.ndarray] = {}
        self.nodes: dict[str, Node] = {}
        self.served: dict[str, list[tuple[Any, Any, str | None]]] = {}

    def add(self, weights: np.ndarray, backers: dict[str, tuple[Node, Any]],
            cluster: Any, tier: str | None, says_why: bool) -> None:  # fmt: skip
        if not backers:
            return
        self.totals += weights
        share = weights / len(backers)
        for bid, (node, edge) in backers.items():
            if bid in self.counts:
                self.counts[bid] += share
            else:
                self.counts[bid] = share.copy()
            self.nodes[bid] = node
            if says_why:
                self.served.setdefault(bid, []).append((cluster, edge, tier))

    def features(self, candidates: list[Node], extra: dict[str, tuple[float, float]],
                 state_own: dict[str, bool]) -> list[Candidate]:  # fmt: skip
        """Feature rows for `candidates`; `extra[id]` = (title fit, scheme fit) for schemes."""
        n_all, k = self.totals[0], max(1, len(candidates))
        out = []
        for node in candidates:
            counts = self.counts.get(node.id, np.zeros_like(self.totals))
            prior = (counts[0] + 0.5) / (n_all + 0.5 * k)
            ratios = np.log((counts[1:] + ALPHA * prior) / (self.totals[1:] + ALPHA)) - math.log(
                prior
            )
            title, fit = extra.get(node.id, (0.0, 0.0))
            row = np.concatenate(
                ([math.log(prior)], ratios,
                 [float(state_own[node.id]), title, fit, float(counts[0] > 0)])
            )  # fmt: skip
            out.append(Candidate(node, row, self.served.get(node.id, []), float(counts[0])))
        return out


@dataclass
class BackerModel:
    """Weights over FEATURES; a candidate's score is its features times the weights."""

    kind: str
    weights: np.ndarray
    cases: int = 0  # the clusters it was fitted on

    def scores(self, candidates: list[Candidate]) -> np.ndarray:
        if not candidates:
            return np.zeros(0)
        return np.stack([c.features for c in candidates]) @ self.weights

    def rank(self, candidates: list[Candidate]) -> list[tuple[Candidate, float]]:
        """Candidates best first, each with its probability under the model."""
        z = self.scores(candidates)
        if not len(z):
            return []
        p = np.exp(z - z.max())
        p /= p.sum()
        order = sorted(range(len(candidates)), key=lambda i: (-z[i], candidates[i].node.id))
        return [(candidates[i], float(p[i])) for i in order]

    def to_dict(self) -> dict[str, Any]:
        return {"cases": self.cases,
                "weights": {f: round(float(w), 3) for f, w in zip(FEATURES, self.weights,
                                                                   strict=True)}}  # fmt: skip

    @classmethod
    def fit(cls, kind: str, cases: list[tuple[list[Candidate], set[str]]]) -> BackerModel:
        """Weights maximising the probability of each case's true backers (softmax over its
        candidates, L2 on all but the prior's weight). Cases whose backer is no candidate
        (a closed scheme, or one no other cluster shows) teach nothing and are left out."""
        from scipy.optimize import minimize

        data = []
        for candidates, truth in cases:
            y = np.array([c.node.id in truth for c in candidates], dtype=float)
            if y.any() and not y.all():
                data.append((np.stack([c.features for c in candidates]), y))
        w0 = np.zeros(len(FEATURES))
        w0[0] = 1.0  # popularity, where the fit starts
        if not data:
            return cls(kind, w0, 0)
        ridge = np.full(len(FEATURES), L2)
        ridge[0] = 0.0

        def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
            f, g = float(ridge @ (w * w)), 2 * ridge * w
            for x, y in data:
                z = x @ w
                p = np.exp(z - z.max())
                p /= p.sum()
                hit = float(p @ y)
                f -= math.log(max(hit, 1e-300))
                g -= x.T @ (p * y / hit - p)
            return f, g

        found = minimize(loss, w0, jac=True, method="L-BFGS-B")
        return cls(kind, np.asarray(found.x), len(data))
