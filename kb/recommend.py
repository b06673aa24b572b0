"""Replication partners for a new ODOP cluster (a district and its product): ranked, explained.

Signals, combined per kind:
- product similarity: cosine of MiniLM embeddings of the target product (with its sector)
  and of each cluster's name / each scheme's title and tags;
- geography: same state, and distance between district headquarters (bundled coordinates);
- graph: who anchors, buys from, supplies, funds, trains, mobilises, finances or partners the
  similar clusters; the ministry/department the ODOP list names for the product; state schemes
  open in the district's state.
- scheme fit as data (kb/schemefit.py): target groups, sectors, cluster-level support and
  assistance caps, matched against the planned cluster's groups (from its product and sector
  and the planner's context text);
- value-chain gaps (kb/valuechain.py): for a cluster that exists (named in `context`, or one
  in the district making a similar product) the stages with no actor; for a new cluster every
  stage. An item that fills a gap is raised (+0.15) and says which gap it fills.
Every item carries a `why` naming the features and the graph fact that put it there.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

import numpy as np

from kb.errors import NotFound
from kb.ids import state_of, state_slug
from kb.linking import EntityLinker
from kb.models import Recommendation
from kb.resolve import normalize
from kb.schema import BACKER_TYPES, VALUE_CHAIN_STAGES
from kb.schemefit import fit_reasons, planned_groups, profile
from kb.search import Embedder
from kb.store.base import GraphStore, Node
from kb.valuechain import value_chain

KINDS = ("model_clusters", "anchors", "buyers", "suppliers", "agencies", "schemes")
ACTOR_RELATIONS = {
    "MOBILISES",
    "TRAINS",
    "IMPLEMENTS",
    "FINANCES",
    "PARTNERS_WITH",
    "SUPPORTED_BY",
    "FUNDS",
}


@dataclass
class Item:
    id: str
    name: str
    score: float
    why: list[str] = field(default_factory=list)
    evidence: list[dict[str, str]] = field(default_factory=list)  # the facts' sources
    stages: set[str] = field(default_factory=set)  # value-chain stages the item would fill

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "score": round(self.score, 3),
            "why": "; ".join(self.why),
            "evidence": self.evidence,
            "fills": sorted(self.stages),
        }


# Which value-chain stages a partner fills, by the relation it has with a model cluster.
STAGES_OF = {
    rel: {st.name for st in VALUE_CHAIN_STAGES if rel in st.relations}
    for st in VALUE_CHAIN_STAGES
    for rel in st.relations
}
GAP_BONUS = 0.15


def haversine_km(a: Node, b: Node) -> float | None:
    try:
        la1, lo1, la2, lo2 = (
            math.radians(float(x))
            for x in (a.attrs["lat"], a.attrs["lon"], b.attrs["lat"], b.attrs["lon"])
        )
    except (KeyError, TypeError, ValueError):
        return None
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(h))


class MinistryModel:
    """Which ministry or department the ODOP list would name for a product: similarity-
    weighted votes of the nearest ODOP rows (MiniLM on product, sector and description; a
    bonus for the same sector and state). `clusterkb.evaluate.evaluate_ministry_prediction` measures
    exactly this model, leaving each row out in turn."""

    def __init__(self, store: GraphStore, embedder: Embedder, neighbours: int = 15):
        self.embedder = embedder
        self.neighbours = neighbours
        self.rows = [e for e in store.edges("ODOP_PRODUCT") if e.attrs.get("ministry")]
        names = {n.id: n.name for n in store.nodes("Product")}
        self.texts = [
            f"{names.get(e.target, e.target)}. {e.attrs.get('sector') or ''}. "
            f"{e.attrs.get('description') or ''}"
            for e in self.rows
        ]
        self.truth = [str(e.attrs["ministry"]) for e in self.rows]
        self.sectors = [e.attrs.get("sector") for e in self.rows]
        self.states = [state_slug(e.source) for e in self.rows]
        self._vectors: np.ndarray | None = None

    @property
    def vectors(self) -> np.ndarray:
        if self._vectors is None:
            self._vectors = np.asarray(self.embedder.encode(self.texts))
        return self._vectors

    def vote(
        self, sims: np.ndarray, sector: str | None, state: str | None
    ) -> list[tuple[str, float]]:
        """Ministries ranked by the votes of the rows nearest by `sims` (one value per row)."""
        votes: dict[str, float] = {}
        for j in np.argsort(-sims)[: self.neighbours]:
            w = (
                float(sims[j])
                + (0.1 if sector is not None and self.sectors[j] == sector else 0.0)
                + (0.05 if state is not None and self.states[j] == state else 0.0)
            )
            votes[self.truth[j]] = votes.get(self.truth[j], 0.0) + w
        return sorted(votes.items(), key=lambda kv: -kv[1])

    def predict(self, text: str, sector: str | None, state: str | None) -> list[tuple[str, float]]:
        if not self.rows:
            return []
        query = np.asarray(self.embedder.encode([text]))[0]
        return self.vote(self.vectors @ query, sector, state)


class Recommender:
    """Ranks replication partners from the store, linking names through the entity linker and
    comparing products by meaning (MiniLM)."""

    def __init__(
        self,
        store: GraphStore,
        linker: EntityLinker,
        embedder: Embedder,
    ):
        self.store = store
        self.linker = linker
        self.embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}
        self._fits: dict[str, Any] = {}
        self._ministries: MinistryModel | None = None

    def _profile(self, node: Node) -> Any:
        if node.id not in self._fits:
            self._fits[node.id] = profile(node)
        return self._fits[node.id]

    def _embed(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            for t, v in zip(missing, self.embedder.encode(missing), strict=True):
                self._vectors[t] = v
        return np.stack([self._vectors[t] for t in texts])

    # -- inputs -------------------------------------------------------------------------------

    def _district(self, name: str, state: str | None) -> Node:
        matches = [m for m in self.linker.find(name, "District")]
        if state:
            st = self.linker.find(state, "State")
            if st:
                matches = [m for m in matches if state_of(m.id) == st[0].id] or matches
        if not matches:
            raise NotFound(
                f"no district called {name!r}", self.linker.resolver.suggest(name, "District")
            )
        node = self.store.get_node(matches[0].id)
        assert node is not None
        return node

    def _product(self, name: str, district: Node) -> tuple[str, str | None, Node | None]:
        """(product text, sector, product node if known) — a district's ODOP product if it matches."""
        odop = self.store.neighbors(district.id, "ODOP_PRODUCT")
        for nb in odop:
            if normalize(nb.node.name) == normalize(name):
                return nb.node.name, nb.edge.attrs.get("sector"), nb.node
        found = self.linker.find(name, "Product")
        if found and found[0].score >= 90:
            node = self.store.get_node(found[0].id)
            sectors = (
                [nb.node.name for nb in self.store.neighbors(found[0].id, "IN_SECTOR")]
                if node
                else []
            )
            return (node.name if node else name), (sectors[0] if sectors else None), node
        if not name.strip():
            raise NotFound("give a product", [nb.node.name for nb in odop])
        return name.strip(), None, None  # a free-text product is allowed: similarity still works

    # -- the lists ----------------------------------------------------------------------------

    def _existing(
        self, district: Node, context: str | None, clusters: list[Node], sims: np.ndarray
    ) -> Node | None:
        """The cluster being planned for, if it exists: named in `context`, or a cluster in the
        district whose name is close to the product (similarity >= 0.6)."""
        if context:
            found = [m for m in self.linker.find(context, "Cluster") if m.score >= 90]
            if found:
                return self.store.get_node(found[0].id)  # type: ignore[no-any-return]
        here = {nb.node.id for nb in self.store.neighbors(district.id, "LOCATED_IN", "in")}
        best = [(float(s), c) for c, s in zip(clusters, sims, strict=True) if c.id in here]
        best = [b for b in best if b[0] >= 0.6]
        return max(best, key=lambda b: b[0])[1] if best else None

    def recommend(
        self,
        district_name: str,
        product_name: str,
        state: str | None = None,
        context: str | None = None,
    ) -> Recommendation:
        store = self.store
        district = self._district(district_name, state)
        product, sector, product_node = self._product(product_name, district)
        state_id = state_of(district.id)
        target = self._embed([f"{product} ({sector})" if sector else product])[0]
        wanted = planned_groups(product, sector, context)

        clusters = list(store.nodes("Cluster"))
        out: dict[str, list[Item]] = {k: [] for k in KINDS}
        cluster_score: dict[str, float] = {}
        sims = (
            self._embed([c.name.replace(" Cluster", "") for c in clusters]) @ target
            if clusters
            else np.zeros(0)
        )
        existing = self._existing(district, context, clusters, sims)
        chain = value_chain(store, existing) if existing is not None else []
        gaps = (
            [s.stage for s in chain if s.gap] if existing else [s.name for s in VALUE_CHAIN_STAGES]
        )
        if clusters:
            for c, sim in zip(clusters, sims, strict=True):
                if existing is not None and c.id == existing.id:
                    continue  # the cluster being planned for is not its own model
                places = [nb.node for nb in store.neighbors(c.id, "LOCATED_IN")]
                states = {state_of(p.id) for p in places}
                near = [
                    d
                    for d in (haversine_km(district, p) for p in places if p.type == "District")
                    if d is not None
                ]
                score = 0.6 * float(sim) + (0.3 if state_id in states else 0.0)
                why = [f"product similarity {float(sim):.2f}"]
                if state_id in states:
                    why.append(f"same state ({store.get_node(state_id).name})")  # type: ignore[union-attr]
                if near:
                    score += 0.1 * max(0.0, 1 - min(near) / 1000)
                    why.append(f"{min(near):.0f} km away")
                documented = len(
                    [
                        nb
                        for nb in store.neighbors(c.id, direction="in")
                        if nb.edge.relation in ACTOR_RELATIONS | {"ANCHORS"}
                    ]
                )
                if documented:
                    score += min(0.1, 0.02 * documented)
                    why.append(f"{documented} documented partners")
                cluster_score[c.id] = score
                out["model_clusters"].append(Item(c.id, c.name, score, why))

        roles = {"anchors": "ANCHORS", "buyers": "BUYS_FROM", "suppliers": "SUPPLIES"}
        best: dict[str, dict[str, Item]] = defaultdict(dict)
        for c in clusters:
            if c.id not in cluster_score:
                continue  # the existing cluster: its own partners are not recommended to it
            for nb in store.neighbors(c.id, direction="in"):
                rel, who = nb.edge.relation, nb.node
                kind = next((k for k, r in roles.items() if r == rel), None)
                if kind is None and rel in ACTOR_RELATIONS:
                    kind = (
                        "schemes"
                        if who.type == "Scheme"
                        else "agencies"
                        if who.type == "Agency"
                        else None
                    )
                if kind is None:
                    continue
                s = cluster_score[c.id]
                verb = rel.lower().replace("_", " ")
                item = best[kind].get(who.id)
                if item is None or s > item.score:
                    best[kind][who.id] = Item(
                        who.id,
                        who.name,
                        s,
                        [f"{verb} {c.name}", *cluster_reasons(out, c.id)],
                        _evidence(nb.edge),
                        (item.stages if item else set()) | STAGES_OF.get(rel, set()),
                    )
                else:
                    item.stages |= STAGES_OF.get(rel, set())
            for nb in store.neighbors(c.id, direction="out"):  # cluster SUPPORTED_BY scheme/agency
                if nb.edge.relation == "SUPPORTED_BY" and nb.node.type in BACKER_TYPES:
                    kind = "schemes" if nb.node.type == "Scheme" else "agencies"
                    s = cluster_score[c.id]
                    item = best[kind].get(nb.node.id)
                    if item is None or s > item.score:
                        best[kind][nb.node.id] = Item(
                            nb.node.id,
                            nb.node.name,
                            s,
                            [f"supports {c.name}", *cluster_reasons(out, c.id)],
                            _evidence(nb.edge),
                            (item.stages if item else set()) | {"finance"},
                        )
        named = (  # the ministry/department the ODOP list names for the product
            store.neighbors(product_node.id, "RESPONSIBLE_FOR", "in") if product_node else []
        )
        for nb in named:
            best["agencies"][nb.node.id] = Item(
                nb.node.id,
                nb.node.name,
                1.0,
                [f"the ODOP list names it for {product}"],
                _evidence(nb.edge),
            )
        if not named:
            self._predicted_ministries(best["agencies"], product, sector, state_id)
        self._state_schemes(best["schemes"], state_id, product, sector, target)
        for item in best["schemes"].values():
            node = store.get_node(item.id)
            fit = self._profile(node) if node is not None else None
            if fit is not None:
                bonus, reasons = fit_reasons(fit, wanted)
                item.score += bonus
                item.why.extend(reasons)
                item.stages |= fit.stages
        for kind, items in best.items():
            out[kind].extend(items.values())
        for kind in KINDS:
            for item in out[kind]:
                filled = [g for g in gaps if g in item.stages]
                if filled:
                    item.score += GAP_BONUS
                    item.why.insert(0, f"fills the {', '.join(filled)} gap")
        result: dict[str, Any] = {
            "district": {"id": district.id, "name": district.name},
            "product": product,
            "sector": sector,
            "target_groups": sorted(wanted),
            "existing_cluster": (
                {"id": existing.id, "name": existing.name} if existing is not None else None
            ),
            "gaps": gaps,
            "note": None,
        }
        if product_node is None:  # free text: say so, and name the products the KB knows
            listed = [nb.node.name for nb in store.neighbors(district.id, "ODOP_PRODUCT")]
            closest = [
                n for n in self.linker.resolver.suggest(product, "Product") if n not in listed
            ]
            result["note"] = (
                f"{product!r} is not a product in the knowledge base; partners are ranked by "
                f"similarity to its words. {district.name}'s ODOP products: "
                f"{', '.join(listed) or 'none listed'}"
                + (f"; closest known products: {', '.join(closest[:5])}" if closest else "")
            )
        for kind in KINDS:
            ranked = sorted(out[kind], key=lambda i: (-i.score, i.name))[:10]
            result[kind] = [i.to_dict() for i in ranked]
        return Recommendation.model_validate(result)

    def recommend_all(
        self, out: TextIO, top: int = 5, progress: Callable[[int, int], None] | None = None
    ) -> dict[str, int]:
        """Top partners of every kind for every ODOP district-product pair, as CSV rows on
        `out`. Returns counts; `progress(done, total)` is called after each pair."""
        import csv

        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
        writer.writeheader()
        pairs = odop_pairs(self.store)
        states = {n.id: n.name for n in self.store.nodes("State")}
        rows = 0
        for done, (district_id, district_name, product) in enumerate(pairs, start=1):
            r = self.recommend(district_id, product)
            state = states.get(state_of(district_id), "")
            for kind in KINDS:
                for rank, item in enumerate(getattr(r, kind)[:top], start=1):
                    writer.writerow(
                        {"state": state, "district": district_name, "product": r.product,
                         "sector": r.sector or "", "kind": kind, "rank": rank, "id": item.id,
                         "name": item.name, "score": item.score, "fills": " ".join(item.fills),
                         "why": item.why}
                    )  # fmt: skip
                    rows += 1
            if progress is not None:
                progress(done, len(pairs))
        return {"pairs": len(pairs), "rows": rows}

    def _predicted_ministries(
        self, best: dict[str, Item], product: str, sector: str | None, state_id: str
    ) -> None:
        """For a product the ODOP list does not name: the ministries it names for the most
        similar products (the model eval-recommend measures), as agencies to approach."""
        if self._ministries is None:
            self._ministries = MinistryModel(self.store, self.embedder)
        ranked = self._ministries.predict(product, sector, state_slug(state_id))
        total = sum(w for _, w in ranked) or 1.0
        for name, weight in ranked[:2]:
            found = [m for m in self.linker.find(name, "Agency") if m.score >= 90]
            if not found or found[0].id in best:
                continue
            share = weight / total
            best[found[0].id] = Item(
                found[0].id,
                found[0].name,
                0.5 + 0.5 * share,
                [
                    f"the ODOP list names it for similar products ({share:.0%} of the votes of "
                    f"the {self._ministries.neighbours} nearest ODOP rows)"
                ],  # fmt: skip
            )

    def _state_schemes(
        self,
        best: dict[str, Item],
        state_id: str,
        product: str,
        sector: str | None,
        target: np.ndarray,
    ) -> None:
        """Schemes open in the state or nationally, by similarity of title and tags to the product."""
        store = self.store
        schemes = [s for s in store.nodes("Scheme") if s.attrs.get("record") or s.attrs.get("fit")]
        if not schemes:
            return
        texts = [f"{s.name}. {' '.join(s.attrs.get('tags') or [])}" for s in schemes]
        sims = self._embed(texts) @ target
        for s, sim in zip(schemes, sims, strict=True):
            in_state = any(nb.node.id == state_id for nb in store.neighbors(s.id, "APPLIES_IN"))
            central = s.attrs.get("level") == "central" or (
                not s.attrs.get("record") and bool(s.attrs.get("fit"))
            )
            if not (in_state or central):
                continue
            score = 0.7 * float(sim) + (0.15 if in_state else 0.05)
            why = [f"fits {product}{f' ({sector})' if sector else ''}: similarity {float(sim):.2f}",
                   "open in the state" if in_state else "national scheme"]  # fmt: skip
            if s.id not in best or score > best[s.id].score:
                best[s.id] = Item(s.id, s.name, score, why)


def _evidence(edge: Any) -> list[dict[str, str]]:
    return [p.citation() for p in edge.provenance[:1]]


def cluster_reasons(out: dict[str, list[Item]], cluster_id: str) -> list[str]:
    for item in out["model_clusters"]:
        if item.id == cluster_id:
            return item.why[:2]
    return []


CSV_FIELDS = ("state", "district", "product", "sector", "kind", "rank", "id", "name", "score",
              "fills", "why")  # fmt: skip


def odop_pairs(store: GraphStore) -> list[tuple[str, str, str]]:
    """Every (district id, district name, product name) pair of the ODOP list."""
    pairs = []
    names: dict[str, str] = {}
    for e in store.edges("ODOP_PRODUCT"):
        for i in (e.source, e.target):
            if i not in names:
                n = store.get_node(i)
                names[i] = n.name if n else i
        pairs.append((e.source, names[e.source], names[e.target]))
    return sorted(set(pairs))
