"""Extraction quality against the hand-written gold set (data/eval/extract/*.json).

An extracted node matches a gold entity when the types agree and a normalised name or alias
agrees; a relation matches when both ends match and the relation type is the same (a cluster
placed in a district of the state the gold places it in matches that placement). Products,
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
    states = {state_of(n.id): g for n in nodes.values() if n.type == "State"
              for g in [gold_for(n)] if g}  # fmt: skip

    def as_gold_rel(e: Any) -> tuple[str | None, str, str | None]:
        """The gold relation an edge states. A cluster placed in a district of the state the
        gold places it in states that placement, more finely ("Payranga Eri Cluster, Boko.
        Assam": Boko is in Kamrup district, and Kamrup in Assam)."""
        said = (matched.get(e.source), e.relation, matched.get(e.target))
        target = nodes[e.target]
        if said not in gold_rels and e.relation == "LOCATED_IN" and target.type == "District":
            within = (said[0], e.relation, states.get(state_of(target.id)))
            return within if within in gold_rels else said
        return said

    as_gold = {as_gold_rel(e): e for e in edges}
    rels = Score(extracted=len(edges), gold=len(gold_rels))
    rels.tp_extracted = sum(1 for e in edges if as_gold_rel(e) in gold_rels)
    rels.tp_gold = sum(1 for r in gold_rels if r in as_gold)
    rels.false_positives = sorted(
        f"{nodes[e.source].name} {e.relation} {nodes[e.target].name}  [{e.provenance[0].locator}]"
        for e in edges
        if as_gold_rel(e) not in gold_rels
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

    model = MinistryModel(kb.store, kb.embedder(), neighbours, cache=kb.linker.cache_dir)
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
    the registry by MiniLM similarity of its name to the row's product, sector and
    description, with a bonus for GIs registered in the row's state. Note: the links were
    made by a name matcher (ingest/odop.py link_gi), so this measures agreement with it, from
    a different signal."""
    import numpy as np

    from kb.recommend import ODOP_SEED
    from kb.search import cached_vectors

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
    # each row as the ministry model writes it, so the bundled vectors serve (clusterkb/seed.py)
    texts = [f"{names.get(e.target, e.target)}. {e.attrs.get('sector') or ''}. "
             f"{e.attrs.get('description') or ''}" for e in rows]  # fmt: skip
    gvec = kb.embedder().encode([g.name for g in gis])
    rvec = cached_vectors(kb.embedder(), texts, None, seed=ODOP_SEED)[0]
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


def evaluate_cluster_links(kb: KnowledgeBase) -> dict[str, Any]:
    """Leave-one-out over the registry's clusters, in two folds (halves split by a hash of the
    cluster id): the model fitted on one half, the other half's cases ranked with it, and the
    other way round, so no reported case was ranked with weights fitted on it:

    - schemes: hide a cluster's scheme(s) and rank schemes with the plan's own ranking
      (kb.recommend Recommender.rank_backers: the conditional-logit model of kb/backers.py over
      who served clusters of the same product, sector and state), its weights fitted on the
      other half (Recommender.fit_backers), whose clusters are also the only evidence.
      Baseline: the schemes that served the most clusters of that half; a second baseline,
      `baseline_nearest`, takes the schemes of that half's clusters nearest first (then by
      count), the issue's "nearest-distance" baseline. `source_known` is a
      diagnostic, not a method: the same ranking with the schemes of the other half's rows
      from the same source document put first — how much of the answer the source decides,
      which a planner does not know.
    - agencies: the same for a cluster's implementing agency, where one is known.
    - model_clusters: hide a cluster, plan for its district and product (kb.recommend
      Recommender.rank_models), and find the first other cluster of the same product (by the
      product thesaurus, kb/products.py) in the ranking. Baseline: nearest first. Only clusters
      with a district and with another cluster of the same product are cases. The ranker's
      weights are set by hand, not fitted; "same product" is the thesaurus's judgement, the
      same one the ranker's first tier uses, so a hit is nearly certain wherever such a cluster
      exists; `model_without_thesaurus` ranks without that tier (meaning, sector and place
      only) against the same truth, which is the figure that can fail.
    """
    import zlib
    from dataclasses import replace

    from kb.products import ProductKey
    from kb.recommend import backed_by

    rec = kb.recommender()
    th = rec.thesaurus
    every = rec.clusters()
    registry = [c for c in every if c.node.attrs.get("registry")]
    vectors = rec._embed([c.product for c in every])
    index = {c.node.id: i for i, c in enumerate(every)}

    def half(c: Any) -> int:
        return zlib.crc32(c.node.id.encode()) % 2

    train = [c for c in registry if half(c) == 0]
    test = [c for c in registry if half(c) == 1]
    target_of = rec.target_of

    def ranked_by_count(clusters: list[Any], kind: str, labels: Any) -> list[str]:
        count: dict[str, int] = {}
        for v in clusters:
            for i in labels(v, kind):
                count[i] = count.get(i, 0) + 1
        return sorted(count, key=lambda i: (-count[i], i))

    def all_schemes(v: Any, kind: str) -> set[str]:  # the baseline counts every scheme link
        return {n.id for n, _ in v.backers[kind]} if kind == "schemes" else backed_by(v, kind)

    kinds: dict[str, Any] = {}
    for kind in ("schemes", "agencies"):
        ranks: list[int | None] = []
        base: list[int | None] = []
        nearest: list[int | None] = []
        known: list[int | None] = []
        folds = []
        for fit_on, report_on in ((train, test), (test, train)):  # two folds: every case is
            model = rec.fit_backers(kind, fit_on)  # ranked with weights fitted on the other half
            popular = ranked_by_count(fit_on, kind, all_schemes)
            voters = vectors[[index[v.node.id] for v in fit_on]]
            r: list[int | None] = []
            b: list[int | None] = []
            for c in report_on:
                truth = backed_by(c, kind)
                if not truth:
                    continue
                sims = voters @ vectors[index[c.node.id]]
                ranked = [cand.node.id for cand, _ in
                          rec.rank_backers(kind, target_of(c), fit_on, sims, rec.groups_of(c),
                                           model)]  # fmt: skip
                r.append(_best_rank(ranked, truth))
                b.append(_best_rank(popular, truth))
                nearest.append(_best_rank(_nearest_first(c, fit_on, kind, popular), truth))
                url = c.node.attrs.get("source_url")
                same_source = [v for v in fit_on if url and v.node.attrs.get("source_url") == url]
                first = ranked_by_count(same_source, kind, backed_by)
                known.append(_best_rank(first + [i for i in ranked if i not in first], truth))
            ranks += r
            base += b
            folds.append({"fitted_on": len(fit_on), "taught_by": model.cases, "cases": len(r),
                          "model": _summary(r), "baseline": _summary(b),
                          "weights": model.to_dict()["weights"]})  # fmt: skip
        kinds[kind] = {
            "cases": len(ranks),
            "model": _summary(ranks),
            "baseline": _summary(base),
            "baseline_nearest": _summary(nearest),
            "source_known": _summary(known),
            "fitted_on_other_half": folds,
        }

    ranks_m: list[int | None] = []
    ranks_meaning: list[int | None] = []  # the same ranking without the thesaurus tier
    base_m: list[int | None] = []
    for c in registry:  # nothing is fitted here: every registry cluster is a case
        home = c.district
        if home is None:
            continue
        others = [o for o in every if o.node.id != c.node.id]
        same = {o.node.id for o in others if th.relation(c.key, o.key) == "same"}
        if not same:
            continue
        sims = vectors[[index[o.node.id] for o in others]] @ vectors[index[c.node.id]]
        ranked = [r[1].node.id for r in rec.rank_models(target_of(c), others, sims)]
        ranks_m.append(_best_rank(ranked, same))
        blind = replace(target_of(c), key=ProductKey(frozenset(), frozenset()))
        ranked = [r[1].node.id for r in rec.rank_models(blind, others, sims)]
        ranks_meaning.append(_best_rank(ranked, same))
        near = sorted(others, key=lambda o: (_km(home, o.district), o.node.id))
        base_m.append(_best_rank([o.node.id for o in near], same))
    kinds["model_clusters"] = {
        "cases": len(ranks_m),
        "model": _summary(ranks_m),
        "baseline": _summary(base_m),
        "model_without_thesaurus": _summary(ranks_meaning),
    }
    return {
        "clusters": len(every),
        "registry_clusters": len(registry),
        "train": len(train),
        "test": len(test),
        "skipped": [],
        "kinds": kinds,
    }


def _km(a: Node | None, b: Node | None) -> float:
    """Kilometres between two districts' headquarters; 1e9 (last) when either is unknown."""
    from kb.recommend import haversine_km

    km = haversine_km(a, b) if a is not None and b is not None else None
    return km if km is not None else 1e9


def _nearest_first(c: Any, voters: list[Any], kind: str, popular: list[str]) -> list[str]:
    """The schemes (or agencies) of `voters`, those of the clusters nearest `c` first; then the
    rest by popularity. A cluster with no district gets the popularity ranking."""
    from kb.recommend import backed_by

    if c.district is None:
        return popular
    out = [i for v in sorted(voters, key=lambda v: (_km(c.district, v.district), v.node.id))
           for i in sorted(backed_by(v, kind))]  # fmt: skip
    return list(dict.fromkeys([*out, *popular]))


def evaluate_document_clusters(kb: KnowledgeBase, top: int = 5) -> dict[str, Any]:
    """(d) Are the clusters documents describe among the plans of their ODOP products?

    Every cluster a document describes (a provenance from a `doc:` source) whose product is
    the same, by the product thesaurus, as some district's ODOP product is a case: the plan
    for that product in the cluster's own district if it is one of those districts, else in
    the nearest of them (by district headquarters; the first by id when the cluster has no
    district), is made with `Recommender.recommend`, and the case is a hit when the cluster
    is among the plan's first `top` model clusters. Nothing is fitted. Clusters whose product
    matches no ODOP product are counted, not scored. Each case names its documents, so the
    figure can be read for one set of documents (e.g. unseen ones ingested into a fresh KB).
    """

    rec = kb.recommender()
    th = rec.thesaurus
    odop = rec._odop_keys()
    cases: list[dict[str, Any]] = []
    unmatched = 0
    for c in rec.clusters():
        docs = sorted({p.source for p in c.node.provenance if p.source.startswith("doc:")})
        if not docs or not c.key:
            continue
        matching = [(d, p) for _, d, p, key in odop if th.relation(c.key, key) == "same"]
        if not matching:
            unmatched += 1
            continue

        def far(row: tuple[Node, Node], home: Node | None = c.district) -> tuple[float, str]:
            own = home is not None and row[0].id == home.id
            return (0.0 if own else _km(home, row[0]), row[0].id)

        district, product = min(matching, key=far)
        plan = rec.recommend(district.id, product.name)
        ids = [i.id for i in plan.model_clusters]
        rank = ids.index(c.node.id) + 1 if c.node.id in ids else None
        cases.append({"cluster": c.node.id, "name": c.node.name, "documents": docs,
                      "registry": bool(c.node.attrs.get("registry")),
                      "district": district.id, "product": product.name,
                      "own_district": c.district is not None and district.id == c.district.id,
                      "rank": rank, "hit": rank is not None and rank <= top})  # fmt: skip
    hits = sum(1 for x in cases if x["hit"])
    return {"cases": len(cases), "top": top, "hits": hits,
            f"hit@{top}": round(hits / len(cases), 3) if cases else 0.0,
            "no_odop_match": unmatched, "details": cases}  # fmt: skip
