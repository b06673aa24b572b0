"""Are the clusters unseen documents describe found among the plans of their ODOP products?

    python bench/plans_from_docs.py [--base HOME] [--plans N] [--json] [SET_DIR ...]

The project lead's check of issue 15, measured on sets with extraction gold (SET_DIR/docs and
SET_DIR/extract_gold, as data/eval/devset; default: the development sets devset, unseen3 …
unseen6). For each set: a fresh KB (`build`, or a copy of --base, a home built by `clusterkb
build` at this commit), the set's documents ingested into it, and then for every gold cluster
(not "optional"):

  - its product (the gold's `product`) is matched to the ODOP products by the recommender's
    product thesaurus (kb/products.py: the "same" relation, as the plan's peer districts);
    no ODOP product the same          -> counted as "no ODOP product", not a case;
  - its node is found as data/eval/devset/score_extraction.py finds it (that module's
    Scorer and DocScore.assign, imported, not copied: a Cluster or Facility node the
    document touched, matched by place and product words); a facility stands for the
    clusters it belongs to; not found  -> counted as "not extracted", not a case;
  - the ODOP districts with that product other than the cluster's own (its own when there
    is no other), the N nearest to the cluster's district (same state first, then by id
    when it has none), each planned with `Recommender.recommend(district, its ODOP product)`;
    one case per plan: hit@5 / hit@10 when the cluster is among the first 5 / 10 model
    clusters, "anywhere" when its id is any item of the plan or its name is in any reason.

Prints per set and overall (cases are plans; clusters counted once each), and every miss with
the cluster's product, place and tier in that plan (same/related/sector/none) so plan misses
can be told apart. Asserts nothing; nothing is fitted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from clusterkb.service import KnowledgeBase  # noqa: E402
from kb.config import REPO_DATA, Settings  # noqa: E402
from kb.ids import state_of  # noqa: E402
from kb.products import place_words  # noqa: E402
from kb.recommend import haversine_km, tier  # noqa: E402

DEV_SETS = ["data/eval/devset", "tests/unseen3", "tests/unseen4", "tests/unseen5", "tests/unseen6"]


def scorer_module() -> Any:
    """data/eval/devset/score_extraction.py, the extraction scorer whose matching we reuse."""
    path = REPO / "data" / "eval" / "devset" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["score_extraction"] = mod
    spec.loader.exec_module(mod)
    return mod


def fresh_kb(home: Path, base: Path | None) -> KnowledgeBase:
    if base is not None:
        shutil.copytree(base, home)
        return KnowledgeBase(Settings(home=home, data_dir=REPO_DATA))
    kb = KnowledgeBase(Settings(home=home, data_dir=REPO_DATA))
    kb.build()
    return kb


def matched_clusters(sc: Any, nodes: set[str]) -> list[str]:
    """The Cluster nodes a matched set stands for: its clusters, and the clusters that have a
    matched facility."""
    out = []
    for n in sorted(nodes):
        node = sc.g.nodes[n]
        if node["type"] == "Cluster":
            out.append(n)
        else:
            out += [
                o for rel, o, d, _ in sc.g.adj.get(n, []) if rel == "HAS_FACILITY" and d == "in"
            ]
    return list(dict.fromkeys(out))


def in_plan(plan: Any, ids: list[str], names: list[str]) -> tuple[int | None, bool]:
    """(rank among the model clusters, whether the cluster is anywhere in the plan)."""
    models = [p.id for p in plan.model_clusters]
    ranks = [models.index(i) + 1 for i in ids if i in models]
    rank = min(ranks) if ranks else None
    anywhere = rank is not None
    for kind in ("peer_districts", "anchors", "buyers", "suppliers", "agencies", "schemes"):
        for item in getattr(plan, kind):
            if item.id in ids or any(n and n in item.why for n in names):
                anywhere = True
    return rank, anywhere


def measure(kb: KnowledgeBase, set_dir: Path, se: Any, plans: int) -> dict[str, Any]:
    golds, groups = se.load_gold(set_dir / "extract_gold")
    g = se.Graph(kb.export("nodes").decode(), kb.export("edges").decode())
    stems = [Path(d["doc"]).stem for d in golds]
    sc = se.Scorer(g, se.Attribution(g, stems), groups)
    rec = kb.recommender()
    facts = {c.node.id: c for c in rec.clusters()}
    th = rec.thesaurus
    odop = rec._odop_keys()
    out: dict[str, Any] = {"set": str(set_dir), "gold": 0, "no_odop_product": [],
                           "not_extracted": [], "clusters": 0, "cases": []}  # fmt: skip
    for d in golds:
        assigned = se.DocScore(sc, d, set_dir / "docs").assign()
        for gi, c in enumerate(d["clusters"]):
            if c.get("optional"):
                continue
            out["gold"] += 1
            label = f"{Path(d['doc']).stem[:2]} {c['name']}"
            dists, _ = sc.place_nodes(c.get("state", ""), c.get("district", ""))
            own = next((kb.node(i) for i in sorted(dists)), None)
            key = th.key(c.get("product") or "", place_words(c.get("district", ""),
                                                             c.get("state", "")))  # fmt: skip
            rows = [(dist, prod) for _, dist, prod, k in odop if th.relation(key, k) == "same"]
            if not rows:
                out["no_odop_product"].append(f"{label} ({c.get('product')})")
                continue
            ids = matched_clusters(sc, assigned.get(gi, set()))
            if not ids:
                out["not_extracted"].append(label)
                continue
            out["clusters"] += 1
            others = [r for r in rows if own is None or r[0].id != own.id] or rows
            home_state = state_of(own.id) if own is not None else None

            def order(r: tuple[Any, Any], own: Any = own, st: Any = home_state) -> tuple:
                km = haversine_km(own, r[0]) if own is not None else None
                return (state_of(r[0].id) != st, km if km is not None else 1e9, r[0].id)

            names = [kb.node(i).name for i in ids if kb.node(i) is not None]  # type: ignore[union-attr]
            for dist, prod in sorted(others, key=order)[:plans]:
                plan = rec.recommend(dist.id, prod.name)
                rank, anywhere = in_plan(plan, ids, names)
                target = rec.target(plan.product, plan.sector, dist, state_of(dist.id))
                tiers = [tier(th, target, facts[i]) if i in facts else "?" for i in ids]
                where = [(facts[i].place or facts[i].state) if i in facts else "?" for i in ids]
                made = [facts[i].product if i in facts else "?" for i in ids]
                out["cases"].append({"cluster": label, "nodes": ids, "district": dist.id,
                                     "product": prod.name, "rank": rank, "anywhere": anywhere,
                                     "tiers": tiers, "where": where, "made": made})  # fmt: skip
    return out


def rates(cases: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(cases)

    def share(k: int) -> float:
        return round(k / n, 3) if n else 0.0

    h5 = sum(1 for c in cases if c["rank"] is not None and c["rank"] <= 5)
    h10 = sum(1 for c in cases if c["rank"] is not None and c["rank"] <= 10)
    anyw = sum(1 for c in cases if c["anywhere"])
    return {"plans": n, "hit@5": share(h5), "hit@10": share(h10), "anywhere": share(anyw),
            "hits@5": h5, "hits@10": h10, "hits_anywhere": anyw}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="*", default=DEV_SETS)
    ap.add_argument("--base", type=Path, help="a home built by `clusterkb build` to copy")
    ap.add_argument("--plans", type=int, default=3, help="plans per cluster (peer districts)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    se = scorer_module()
    results = []
    with tempfile.TemporaryDirectory(prefix="plans-from-docs-") as tmp:
        for i, s in enumerate(args.sets):
            set_dir = (REPO / s).resolve()
            kb = fresh_kb(Path(tmp) / f"h{i}", args.base)
            kb.ingest([set_dir / "docs"])
            results.append(measure(kb, set_dir, se, args.plans))
            kb.close()
    every = [c for r in results for c in r["cases"]]
    if args.json:
        print(json.dumps({"sets": [{**r, **rates(r["cases"])} for r in results],
                          "overall": rates(every)}, indent=1))  # fmt: skip
        return
    print(f"{'set':<16} {'gold':>5} {'noODOP':>7} {'notext':>7} {'clust':>6} {'plans':>6}"
          f" {'hit@5':>6} {'hit@10':>6} {'anywh':>6}")  # fmt: skip
    for r in results:
        x = rates(r["cases"])
        print(f"{Path(r['set']).name:<16} {r['gold']:>5} {len(r['no_odop_product']):>7}"
              f" {len(r['not_extracted']):>7} {r['clusters']:>6} {x['plans']:>6}"
              f" {x['hit@5']:>6.3f} {x['hit@10']:>6.3f} {x['anywhere']:>6.3f}")  # fmt: skip
    x = rates(every)
    tot = [sum(r[k] if isinstance(r[k], int) else len(r[k]) for r in results)
           for k in ("gold", "no_odop_product", "not_extracted", "clusters")]  # fmt: skip
    print(f"{'overall':<16} {tot[0]:>5} {tot[1]:>7} {tot[2]:>7} {tot[3]:>6} {x['plans']:>6}"
          f" {x['hit@5']:>6.3f} {x['hit@10']:>6.3f} {x['anywhere']:>6.3f}")  # fmt: skip
    for r in results:
        name = Path(r["set"]).name
        for m in r["no_odop_product"]:
            print(f"  {name}: no ODOP product: {m}")
        for m in r["not_extracted"]:
            print(f"  {name}: not extracted: {m}")
        for c in r["cases"]:
            if c["rank"] is None or c["rank"] > 5:
                print(f"  {name}: plan miss: {c['cluster']} in {c['district']} / {c['product']}:"
                      f" rank {c['rank']}, tiers {c['tiers']}, makes {c['made']},"
                      f" at {c['where']}")  # fmt: skip


if __name__ == "__main__":
    main()
