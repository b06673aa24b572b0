"""Extraction quality against the hand-written gold set (data/eval/extract/*.json).

An extracted node matches a gold entity when the types agree and a normalised name or alias
agrees; a relation matches when both ends match and the relation type is the same. Products,
documents and PRODUCES / MENTIONED_IN edges are not scored (see data/eval/extract/README.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clusterkb.service import KnowledgeBase
from kb.ids import node_id, state_of
from kb.resolve import normalize
from kb.schema import BACKER_TYPES
from kb.store.base import GraphStore, Node

UNSCORED_TYPES = {"Product", "Document", "Sector", "GeographicalIndication"}
UNSCORED_RELATIONS = {"PRODUCES", "MENTIONED_IN", "IN_SECTOR"}


def _keys(names: list[str]) -> set[str]:
    out = set()
    for n in names:
        k = normalize(n)
        out.add(k)
        out.add(k.split(" ", 1)[1] if k.startswith("the ") else k)
    return out


@dataclass
class Score:
    tp_extracted: int = 0
    extracted: int = 0
    tp_gold: int = 0
    gold: int = 0
    false_positives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp_extracted / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 1.0

    def add(self, other: Score) -> None:
        self.tp_extracted += other.tp_extracted
        self.extracted += other.extracted
        self.tp_gold += other.tp_gold
        self.gold += other.gold

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "extracted": self.extracted,
            "gold": self.gold,
            "false_positives": self.false_positives,
            "missed": self.missed,
        }


def score_document(store: GraphStore, doc_id: str, gold: dict[str, Any]) -> tuple[Score, Score]:
    facts = store.facts_from(doc_id)
    nodes = {n.id: n for n in facts.nodes if n.type not in UNSCORED_TYPES}
    gold_entities = [(t, name, _keys([name, *aliases])) for t, name, aliases in gold["entities"]]

    def gold_for(n: Node) -> str | None:
        keys = _keys([n.name, *n.aliases])
        for t, name, gkeys in gold_entities:
            if t == n.type and keys & gkeys:
                return name
        return None

    matched = {nid: gold_for(n) for nid, n in nodes.items()}
    ents = Score(extracted=len(nodes), gold=len(gold_entities))
    ents.tp_extracted = sum(1 for g in matched.values() if g)
    found_gold = {g for g in matched.values() if g}
    ents.tp_gold = len(found_gold)
    ents.false_positives = sorted(
        f"{nodes[i].type} {nodes[i].name}" for i, g in matched.items() if not g
    )
    ents.missed = sorted(f"{t} {name}" for t, name, _ in gold_entities if name not in found_gold)

    gold_rels = {tuple(r) for r in gold["relations"]}
    edges = [
        e
        for e in facts.edges
        if e.relation not in UNSCORED_RELATIONS and e.source in nodes and e.target in nodes
    ]
    as_gold = {(matched.get(e.source), e.relation, matched.get(e.target)): e for e in edges}
    rels = Score(extracted=len(edges), gold=len(gold_rels))
    rels.tp_extracted = sum(
        1 for e in edges if (matched.get(e.source), e.relation, matched.get(e.target)) in gold_rels
    )
    rels.tp_gold = sum(1 for r in gold_rels if r in as_gold)
    rels.false_positives = sorted(
        f"{nodes[e.source].name} {e.relation} {nodes[e.target].name}  [{e.provenance[0].locator}]"
        for e in edges
        if (matched.get(e.source), e.relation, matched.get(e.target)) not in gold_rels
    )
    rels.missed = sorted(" ".join(r) for r in gold_rels if r not in as_gold)
    return ents, rels


def evaluate(store: GraphStore, gold_dir: Path) -> dict[str, Any]:
    per_doc = {}
    total_e, total_r = Score(), Score()
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc_id = node_id("Document", Path(gold["document"]).stem)
        e, r = score_document(store, doc_id, gold)
        per_doc[gold["document"]] = {"entities": e.to_dict(), "relations": r.to_dict()}
        total_e.add(e)
        total_r.add(r)
    return {
        "entities": {
            k: v for k, v in total_e.to_dict().items() if k not in ("false_positives", "missed")
        },
        "relations": {
            k: v for k, v in total_r.to_dict().items() if k not in ("false_positives", "missed")
        },
        "documents": per_doc,
    }


def evaluate_qa(kb: KnowledgeBase, questions: Path) -> dict[str, Any]:
    """Accuracy on a question set (data/eval/qa/questions.jsonl; see its README)."""
    rows = [
        json.loads(line)
        for line in questions.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    results = []
    for row in rows:
        history = [kb.ask(row["after"]).to_dict()] if row.get("after") else None
        answer = kb.ask(row["question"], history)
        if "expect" in row:
            ok = answer.answered and any(x.lower() in answer.answer.lower() for x in row["expect"])
            ok = ok and bool(answer.citations)
        else:
            ok = not answer.answered
        results.append(
            {
                "question": row["question"],
                "ok": ok,
                "answer": answer.answer,
                "answered": answer.answered,
            }
        )
    correct = sum(r["ok"] for r in results)
    abstain = [r for r, row in zip(results, rows, strict=True) if "expect" not in row]
    return {
        "accuracy": round(correct / len(results), 3) if results else 0.0,
        "correct": correct,
        "questions": len(results),
        "unanswerable": len(abstain),
        "abstained_correctly": sum(r["ok"] for r in abstain),
        "results": results,
    }


def evaluate_ministry_prediction(kb: KnowledgeBase, neighbours: int = 15) -> dict[str, Any]:
    """Leave-one-out over the ODOP list: hide a row's ministry/department and predict it from
    the other rows (product, description, sector, category, state) with the recommender's
    MinistryModel. Reports hit@1, hit@5 and MRR beside a popularity baseline."""
    import numpy as np

    from kb.recommend import MinistryModel

    model = MinistryModel(kb.store, kb.embedder(), neighbours)
    sims = model.vectors @ model.vectors.T
    np.fill_diagonal(sims, -1.0)  # a row does not vote for itself
    counts: dict[str, int] = {}
    for t in model.truth:
        counts[t] = counts.get(t, 0) + 1
    model_ranks, base_ranks = [], []
    for i, answer in enumerate(model.truth):
        ranking = [m for m, _ in model.vote(sims[i], model.sectors[i], model.states[i])]
        model_ranks.append(_best_rank(ranking, {answer}))
        popularity = {m: c - (1 if m == answer else 0) for m, c in counts.items()}
        base = sorted(popularity, key=lambda m: (-popularity[m], m))
        base_ranks.append(_best_rank(base, {answer}))
    return {
        "cases": len(model.rows),
        "ministries": len(counts),
        "model": _summary(model_ranks),
        "baseline": _summary(base_ranks),
    }


def _summary(ranks: list[int | None]) -> dict[str, float]:
    if not ranks:
        return {"hit@1": 0.0, "hit@5": 0.0, "mrr": 0.0}
    hit5 = sum(1 for r in ranks if r is not None and r <= 5) / len(ranks)
    hit1 = sum(1 for r in ranks if r == 1) / len(ranks)
    mrr = sum(1 / r for r in ranks if r is not None) / len(ranks)
    return {"hit@1": round(hit1, 3), "hit@5": round(hit5, 3), "mrr": round(mrr, 3)}


def _best_rank(ranking: list[str], answers: set[str]) -> int | None:
    """Rank of the first correct item (a cluster's hidden partners are all correct answers)."""
    for i, x in enumerate(ranking, start=1):
        if x in answers:
            return i
    return None


def evaluate_gi_prediction(kb: KnowledgeBase) -> dict[str, Any]:
    """Leave-one-out over the ODOP rows with a GI link: hide the link and rank every GI of
    the registry by MiniLM similarity of its name to the row's product and description, with
    a bonus for GIs registered in the row's state. Note: the links were made by a name matcher
    (ingest/odop.py link_gi), so this measures agreement with it, from a different signal."""
    import numpy as np

    store = kb.store
    gis = list(store.nodes("GeographicalIndication"))
    if not gis:
        return {"cases": 0, "labels": 0, "model": _summary([]), "baseline": _summary([])}
    gi_state = {g.id: {nb.node.id for nb in store.neighbors(g.id, "REGISTERED_IN")} for g in gis}
    links: dict[str, set[str]] = {}
    for e in store.edges("HAS_GI"):
        links.setdefault(e.source, set()).add(e.target)
    popularity: dict[str, int] = {}
    for targets in links.values():
        for t in targets:
            popularity[t] = popularity.get(t, 0) + 1
    rows = [e for e in store.edges("ODOP_PRODUCT") if e.target in links]
    names = {n.id: n.name for n in store.nodes("Product")}
    texts = [f"{names.get(e.target, e.target)}. {e.attrs.get('description') or ''}" for e in rows]
    gvec = kb.embedder().encode([g.name for g in gis])
    rvec = kb.embedder().encode(texts)
    sims = rvec @ gvec.T
    ids = [g.id for g in gis]
    model_ranks, base_ranks = [], []
    for i, e in enumerate(rows):
        state = state_of(e.source)
        answers = {t for t in links[e.target] if state in gi_state.get(t, set())} or links[e.target]
        bonus = np.array([0.3 if state in gi_state[g] else 0.0 for g in ids])
        order = np.argsort(-(sims[i] + bonus))
        model_ranks.append(_best_rank([ids[j] for j in order[:50]], answers))
        pop = {g: popularity.get(g, 0) - (1 if g in answers else 0) for g in ids}
        base = sorted(ids, key=lambda g: (-pop[g], g))[:50]
        base_ranks.append(_best_rank(base, answers))
    return {
        "cases": len(rows),
        "labels": len(gis),
        "model": _summary(model_ranks),
        "baseline": _summary(base_ranks),
    }


LINK_KINDS = {"schemes": "Scheme", "agencies": "Agency", "anchors": "Enterprise"}


def _cluster_partners(store: Any, cluster: Any) -> dict[str, set[str]]:
    """A cluster's scheme, agency and anchor links, direct or through its facilities."""
    from kb.recommend import ACTOR_RELATIONS

    found: dict[str, set[str]] = {k: set() for k in LINK_KINDS}
    for nb in store.neighbors(cluster.id, direction="both"):
        rel, other = nb.edge.relation, nb.node
        if rel == "ANCHORS" and other.type == "Enterprise":
            found["anchors"].add(other.id)
        elif rel in ACTOR_RELATIONS and other.type in BACKER_TYPES:
            found["schemes" if other.type == "Scheme" else "agencies"].add(other.id)
        elif rel == "HAS_FACILITY":
            for far in store.neighbors(other.id, direction="in"):
                if far.edge.relation in ACTOR_RELATIONS and far.node.type in BACKER_TYPES:
                    found["schemes" if far.node.type == "Scheme" else "agencies"].add(far.node.id)
    return found


def evaluate_cluster_links(kb: KnowledgeBase) -> dict[str, Any]:
    """Leave-one-out over the documented clusters: remove a cluster (and the facilities only it
    has) from a copy of the graph, recommend partners for its district and product, and see
    where its real scheme, agency and anchor partners rank. Baseline: the nodes of that kind
    linked to the most clusters in the same reduced graph."""
    from kb.store.memory import MemoryStore

    copy = MemoryStore(None)
    copy.upsert_nodes(kb.store.nodes())
    copy.upsert_edges(kb.store.edges())
    sub = KnowledgeBase(kb.settings, store=copy, embedder=kb.embedder())
    ranks: dict[str, list[int | None]] = {k: [] for k in LINK_KINDS}
    base: dict[str, list[int | None]] = {k: [] for k in LINK_KINDS}
    skipped = []
    clusters = sorted(copy.nodes("Cluster"), key=lambda n: n.id)
    for c in clusters:
        districts = [
            nb.node for nb in copy.neighbors(c.id, "LOCATED_IN") if nb.node.type == "District"
        ]
        truth = _cluster_partners(copy, c)
        if not districts or not any(truth.values()):
            skipped.append(c.name)
            continue
        products = [nb.node.name for nb in copy.neighbors(c.id, "PRODUCES")]
        product = products[0] if products else c.name.replace(" Cluster", "")
        facilities = [
            nb.node
            for nb in copy.neighbors(c.id, "HAS_FACILITY")
            if len(copy.neighbors(nb.node.id, "HAS_FACILITY", "in")) == 1
        ]
        removed_nodes = [c, *facilities]
        removed_edges = {
            e.edge.key: e.edge
            for n in removed_nodes
            for e in copy.neighbors(n.id, direction="both")
        }
        for n in removed_nodes:
            copy.delete_node(n.id)
        try:
            rec = sub.recommend(districts[0].id, product)
            counts: dict[str, dict[str, int]] = {k: {} for k in LINK_KINDS}
            for other in copy.nodes("Cluster"):
                for kind, ids in _cluster_partners(copy, other).items():
                    for i in ids:
                        counts[kind][i] = counts[kind].get(i, 0) + 1
            for kind, answers in truth.items():
                if not answers:
                    continue
                ranks[kind].append(_best_rank([x.id for x in getattr(rec, kind)], answers))
                pop = counts[kind]
                base[kind].append(_best_rank(sorted(pop, key=lambda i: (-pop[i], i)), answers))
        finally:
            copy.upsert_nodes(removed_nodes)
            copy.upsert_edges(removed_edges.values())
    return {
        "clusters": len(clusters),
        "skipped": skipped,
        "kinds": {
            k: {"cases": len(ranks[k]), "model": _summary(ranks[k]), "baseline": _summary(base[k])}
            for k in LINK_KINDS
        },
    }
