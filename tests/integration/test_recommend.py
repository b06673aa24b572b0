"""Replication partners: the six lists, their reasons, bad input, and the ODOP ground truth."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from clusterkb.service import KnowledgeBase
from kb.errors import NotFound
from kb.ids import state_of
from kb.recommend import KINDS
from kb.schema import VALUE_CHAIN_STAGES
from tests.conftest import REPO


def test_gaya_handloom_returns_all_lists_with_reasons(built_kb: KnowledgeBase) -> None:
    r = built_kb.recommend("Gaya", "Handloom/Garments").to_dict()
    assert r["district"]["id"] == "district:bihar:gaya" and r["sector"] == "Textile"
    for kind in (*KINDS, "peer_districts"):
        assert kind in r
        for item in r[kind]:
            assert set(item) >= {"id", "name", "score", "why", "reasons"} and item["reasons"]
            assert 0 <= item["score"] <= 100
            # reasons are short sentences a planner can paste; `why` is the same, in one string
            for said in item["reasons"]:
                assert said[0].isupper() or said[0].isdigit(), said
                assert said.endswith((".", "…")), said
                assert "; " not in said.split(":")[0], said  # not fragments joined by "; "
            assert item["why"] == " ".join(item["reasons"])
    top = r["model_clusters"][0]
    assert top["reasons"][0].startswith("Makes the same product (")
    assert top["reasons"][0].endswith(" in the same state (Bihar)."), top["reasons"]
    assert any(w.endswith(" km from Gaya.") for w in top["reasons"]), top["reasons"]
    assert r["peer_districts"][0]["reasons"][0].startswith("Its ODOP product is ")
    assert "state:bihar" in {
        state_of(nb.node.id) for nb in built_kb.store.neighbors(top["id"], "LOCATED_IN")
    }  # the same product in the same state comes first
    assert top["status"] and top["place"] and top["evidence"]
    agency = r["agencies"][0]
    assert agency["name"] == "Ministry of Textiles"
    assert agency["evidence"][0]["document"] == "data/tables/odop.csv"  # the list names it
    rec = built_kb.recommender()
    for s in r["schemes"]:  # national, or open in Bihar
        assert rec.home_state(built_kb.store.get_node(s["id"])) in (None, "state:bihar"), s
    assert "Handloom/Garments cluster" in r["coverage"] and r["scale"]


def test_anchor_of_the_same_product_is_proposed_with_its_evidence(
    built_kb: KnowledgeBase,
) -> None:
    r = built_kb.recommend("East Champaran", "Bags & Garments").to_dict()
    bag = "cluster:muzaffarpur-bag-cluster"
    assert bag in [i["id"] for i in r["model_clusters"][:5]]
    anchor = r["anchors"][0]
    assert anchor["name"] == "High Spirit Commercial Ventures Pvt Ltd"
    assert built_kb.store.get_edge(anchor["id"], "ANCHORS", bag) is not None
    assert anchor["evidence"] and anchor["evidence"][0]["document"].startswith("doc:")


def _anchored_products(kb: KnowledgeBase, enterprise: str) -> list[str]:
    return [nb.node.name for nb in kb.store.neighbors(enterprise, "ANCHORS")]


def test_darbhanga_makhana_plan_keeps_to_the_product(built_kb: KnowledgeBase) -> None:
    """Issue 15's acceptance case: a makhana cluster among the models; no bag maker, no
    out-of-state state body, no closed scheme; peers are the other makhana districts."""
    r = built_kb.recommend("Darbhanga", "Makhana").to_dict()
    models = r["model_clusters"][:5]
    assert any("makhana" in m["name"].lower() for m in models)
    here = [m for m in models if m.get("already_here")]
    assert here and all("darbhanga" in m["id"] for m in here)
    for kind in ("anchors", "buyers", "suppliers"):
        for item in r[kind]:
            assert "bag" not in " ".join(_anchored_products(built_kb, item["id"])).lower()
        if not r[kind]:
            assert "Makhana" in r["empty"][kind]
    rec = built_kb.recommender()
    for item in r["agencies"] + r["schemes"]:
        node = built_kb.store.get_node(item["id"])
        assert node is not None
        assert rec.home_state(node) in (None, "state:bihar"), item["name"]
        assert node.attrs.get("status") not in ("closed", "renamed"), item["name"]
    for item in r["schemes"]:  # never a scheme for another sector's clusters (kb/eligibility.py)
        craft = ("handloom", "handicraft", "powerloom", "bamboo", "coir", "weaver", "textile")
        assert not any(w in item["name"].lower() for w in craft), item["name"]
    peers = {p["name"] for p in r["peer_districts"]}
    assert {"Madhubani", "Purnia"} <= peers
    assert "1 Makhana cluster" in r["coverage"] or "Makhana clusters" in r["coverage"]


def test_moradabad_metal_craft_plan_leads_with_metal_clusters(built_kb: KnowledgeBase) -> None:
    r = built_kb.recommend("Moradabad", "Moradabad Metal Craft").to_dict()
    lead = r["model_clusters"][:3]
    assert all(
        any(w in (m["name"] + m["why"]).lower() for w in ("brass", "metal", "bronze")) for m in lead
    ), [m["name"] for m in lead]


def test_closed_scheme_is_never_proposed(built_kb: KnowledgeBase) -> None:
    sgsy = built_kb.store.get_node("scheme:swarnajayanti-gram-swarozgar-yojana")
    assert sgsy is not None and sgsy.attrs["status"] == "closed"
    for district, product in (("Gaya", "Handloom/Garments"), ("Darbhanga", "Makhana")):
        r = built_kb.recommend(district, product).to_dict()
        assert sgsy.id not in [s["id"] for s in r["schemes"]]


def test_misspelt_district_resolves_and_unknown_one_is_refused(built_kb: KnowledgeBase) -> None:
    assert (
        built_kb.recommend("Gayaa", "Handloom/Garments").to_dict()["district"]["id"]
        == "district:bihar:gaya"
    )
    free = built_kb.recommend("Gaya", "Handlom sarees").to_dict()
    assert free["note"] and "Gaya's ODOP products" in free["note"] and free["model_clusters"]
    assert built_kb.recommend("Gaya", "Handloom/Garments").to_dict()["note"] is None
    with pytest.raises(NotFound) as err:
        built_kb.recommend("Atlantis", "Coral")
    assert "no district called 'Atlantis'" in str(err.value)


def test_cli_recommend_json(built_home: Path) -> None:
    env = {**os.environ, "CLUSTERKB_HOME": str(built_home)}
    cmd = [
        sys.executable,
        "-m",
        "clusterkb.cli",
        "recommend",
        "--district",
        "Darbhanga",
        "--product",
        "Makhana",
        "--json",
    ]
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert '"model_clusters"' in proc.stdout and '"schemes"' in proc.stdout
    bad = subprocess.run(
        cmd[:5] + ["Atlantis", "--product", "Coral"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "no district called 'Atlantis'" in bad.stderr


def test_ministry_prediction_beats_popularity(built_kb: KnowledgeBase) -> None:
    from clusterkb.evaluate import evaluate_ministry_prediction

    r = evaluate_ministry_prediction(built_kb)
    assert r["cases"] >= 1200
    assert r["model"]["hit@5"] >= 0.8
    assert (
        r["model"]["mrr"] > r["baseline"]["mrr"]
        and r["model"]["hit@1"] >= 2 * r["baseline"]["hit@1"]
    )


def _scratch_store() -> KnowledgeBase:
    """A tiny in-memory KB: one cluster with an anchor, a CFC funded by a scheme, no buyer."""
    from kb.config import Settings
    from kb.store.base import Edge, Node, Provenance
    from kb.store.memory import MemoryStore

    p = [Provenance("test", "1", "made up for the test", "test")]
    store = MemoryStore(None)
    store.upsert_nodes(
        [
            Node("cluster:x", "Cluster", "X Cluster", provenance=p),
            Node("enterprise:a", "Enterprise", "A Ltd", provenance=p),
            Node("facility:cfc", "Facility", "X CFC", provenance=p),
            Node("scheme:s", "Scheme", "S Scheme", provenance=p),
            Node("agency:t", "Agency", "T Institute", provenance=p),
        ]
    )
    store.upsert_edges(
        [
            Edge("enterprise:a", "MEMBER_OF", "cluster:x", provenance=p),
            Edge("cluster:x", "HAS_FACILITY", "facility:cfc", provenance=p),
            Edge("scheme:s", "FUNDS", "facility:cfc", provenance=p),
            Edge("agency:t", "TRAINS", "cluster:x", provenance=p),
        ]
    )
    return KnowledgeBase(Settings(home=Path("/nonexistent")), store=store)


def test_gaps_follow_the_graph() -> None:
    kb = _scratch_store()
    r = kb.gaps("X Cluster").to_dict()
    by_stage = {s["stage"]: s for s in r["stages"]}
    assert r["gaps"] == ["raw_material", "market"]
    assert [a["name"] for a in by_stage["finance"]["actors"]] == ["S Scheme"]
    assert by_stage["finance"]["actors"][0]["via"] == "X CFC"
    assert [a["name"] for a in by_stage["skills"]["actors"]] == ["T Institute"]
    # A buyer closes the market gap.
    from kb.store.base import Edge, Node, Provenance

    p = [Provenance("test", "2", "another made-up fact", "test")]
    kb.store.upsert_node(Node("enterprise:b", "Enterprise", "B Traders", provenance=p))
    kb.store.upsert_edge(Edge("enterprise:b", "BUYS_FROM", "cluster:x", provenance=p))
    assert kb.gaps("cluster:x").to_dict()["gaps"] == ["raw_material"]
    with pytest.raises(NotFound):
        kb.gaps("Atlantis")


def test_existing_cluster_gaps_are_filled_first(built_kb: KnowledgeBase) -> None:
    gaps = built_kb.gaps("Muzaffarpur bag cluster").to_dict()
    r = built_kb.recommend("Muzaffarpur", "Bags", context="Muzaffarpur bag cluster").to_dict()
    assert r["existing_cluster"]["id"] == "cluster:muzaffarpur-bag-cluster"
    assert r["gaps"] == gaps["gaps"] and r["gaps"]
    own = {a["id"] for st in gaps["stages"] for a in st["actors"]}
    assert all(i["id"] != r["existing_cluster"]["id"] for i in r["model_clusters"])
    for kind in KINDS:
        for item in r[kind]:
            assert set(item["fills"]) <= {st.name for st in VALUE_CHAIN_STAGES}
        gap_fillers = {i["id"] for i in r[kind] if set(i["fills"]) & set(r["gaps"])}
        assert not own & gap_fillers or kind == "schemes"  # its own partners are not proposed
    # a new cluster's gaps are the stages the KB knows no actor for, around this product
    new = built_kb.recommend("Gaya", "Handloom/Garments").to_dict()
    assert new["existing_cluster"] is None
    actors = [i for k in ("anchors", "buyers", "suppliers", "agencies") for i in new[k]]
    for stage in new["gaps"]:
        assert not any(stage in i["fills"] for i in actors), stage
    assert len(new["gaps"]) < len(VALUE_CHAIN_STAGES)  # not every stage: the KB knows some


def test_scheme_fit_is_data_with_reasons(built_kb: KnowledgeBase) -> None:
    from kb.schemefit import planned_groups, profile

    sfurti = built_kb.store.get_node(
        "scheme:scheme-of-fund-for-regeneration-of-traditional-industries"
    )
    assert sfurti is not None
    fit = profile(sfurti)
    assert "artisans" in fit.groups and fit.cluster_level and fit.cluster_size
    assert any("crore" in c for c in fit.caps)
    assert sfurti.attrs["fit"]["assistance"][0]["source"]
    assert "artisans" in planned_groups("Handloom/Garments", "Textile", None)
    assert "women" in planned_groups("Makhana", "Agriculture", "women SHGs through JEEViKA")
    r = built_kb.recommend("Gaya", "Handloom/Garments", context="women weavers").to_dict()
    assert {"women", "artisans"} <= set(r["target_groups"])
    fitting = []
    for item in r["schemes"]:
        node = built_kb.store.get_node(item["id"])
        if node is not None and set(profile(node).groups) & set(r["target_groups"]):
            fitting.append(item["id"])
    assert fitting  # schemes for the planned cluster's groups are among those proposed


def test_recommend_all_covers_every_odop_pair(built_kb: KnowledgeBase, tmp_path: Path) -> None:
    import csv
    import io

    from kb.recommend import odop_pairs

    seen: list[tuple[int, int]] = []
    buf = io.StringIO()
    counts = built_kb.recommend_all(buf, top=2, progress=lambda d, t: seen.append((d, t)))
    pairs = odop_pairs(built_kb.store)
    assert counts["pairs"] == len(pairs) >= 1200 and seen[-1] == (len(pairs), len(pairs))
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == counts["rows"]
    assert {(r["district"], r["product"]) for r in rows if r["kind"] == "agencies"} and all(
        r["why"] for r in rows
    )
    covered = {(r["district"], r["product"]) for r in rows}
    assert len(covered) >= 0.95 * len({(d, p) for _, d, p in pairs})


def test_gi_and_cluster_link_evaluations_run(built_kb: KnowledgeBase) -> None:
    from clusterkb.evaluate import evaluate_cluster_links, evaluate_gi_prediction

    gi = evaluate_gi_prediction(built_kb)
    assert gi["cases"] >= 200
    assert gi["model"]["hit@5"] >= 2 * gi["baseline"]["hit@5"]
    before = built_kb.stats()
    links = evaluate_cluster_links(built_kb)
    kinds = links["kinds"]
    assert kinds["schemes"]["cases"] >= 300 and kinds["agencies"]["cases"] >= 50
    # floors the fitted model reaches on the held-out halves, not its figures (schemes 1.28x
    # popularity and 1.25x nearest-first since the scheme alias table made MSE-CDP the answer
    # of more cases; agencies 1.84x and 1.42x)
    for kind, floor in (("schemes", 1.2), ("agencies", 1.5)):
        assert kinds[kind]["model"]["mrr"] >= floor * kinds[kind]["baseline"]["mrr"]
        assert kinds[kind]["model"]["mrr"] >= 1.2 * kinds[kind]["baseline_nearest"]["mrr"]
    for kind in ("schemes", "agencies"):
        folds = kinds[kind]["fitted_on_other_half"]
        assert len(folds) == 2 and sum(f["cases"] for f in folds) == kinds[kind]["cases"]
    assert kinds["schemes"]["source_known"]["mrr"] >= kinds["schemes"]["model"]["mrr"]
    mc = kinds["model_clusters"]
    assert mc["cases"] >= 300 and mc["model"]["hit@5"] >= 0.8
    assert mc["model_without_thesaurus"]["mrr"] > mc["baseline"]["mrr"]
    assert built_kb.stats() == before  # the evaluation reads the KB, it does not change it


def test_cli_gaps(built_home: Path) -> None:
    env = {**os.environ, "CLUSTERKB_HOME": str(built_home)}
    run = [sys.executable, "-m", "clusterkb.cli", "gaps"]
    ok = subprocess.run(
        run + ["Muzafarpur bag clustr"], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert ok.returncode == 0 and "raw_material" in ok.stdout and "GAP" in ok.stdout
    bad = subprocess.run(run + ["Atlantis"], cwd=REPO, env=env, capture_output=True, text=True)
    assert bad.returncode == 1 and "no cluster called" in bad.stderr


def test_free_text_product_gets_the_ministry_of_similar_odop_products(
    built_kb: KnowledgeBase,
) -> None:
    from collections import Counter

    fish = Counter(
        str(e.attrs["ministry"])
        for e in built_kb.store.edges("ODOP_PRODUCT")
        if "fish" in e.target and e.attrs.get("ministry")
    )
    assert fish, "the ODOP list has fish products"
    r = built_kb.recommend("Gaya", "frozen fish fillets").to_dict()
    assert r["note"]  # not a known product
    names = [a["name"] for a in r["agencies"]]
    assert fish.most_common(1)[0][0] in names[:3]  # the ministry of the most similar products


def test_index_gathers_what_a_scan_of_every_cluster_gives(
    built_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A recommendation reads the clusters near the target from the index (kb.recommend
    ClusterIndex) and sums the others' evidence per backer; with every cluster counted as
    near (a scan of all of them) the plan is the same."""
    from kb.recommend import ClusterIndex

    asks = [("Gaya", "Handloom/Garments", None), ("Moradabad", "Metal Craft", None),
            ("Darbhanga", "Makhana", "women SHGs"), ("Gaya", "bamboo baskets", None)]  # fmt: skip
    rec = built_kb.recommender()  # itself: the service would give the second plans from its memo
    indexed = [rec.recommend(d, p, None, c).to_dict() for d, p, c in asks]
    assert rec._index is not None and len(
        rec._index.near(rec.target("Makhana", None, None, None))
    ) < len(rec.clusters())
    monkeypatch.setattr(ClusterIndex, "near", lambda self, target: list(range(len(self.clusters))))
    scanned = [rec.recommend(d, p, None, c).to_dict() for d, p, c in asks]
    assert indexed == scanned


def test_the_ministry_models_vectors_are_read_again_from_disk(built_kb: KnowledgeBase) -> None:
    """A new process reads the ODOP rows' vectors it saved, rather than embedding ~1,200
    product descriptions again (a minute on two cores) for its first free-text product."""
    from kb.recommend import MinistryModel

    cache = built_kb.linker.cache_dir  # where the KB keeps its vectors (computed once a session)
    assert cache is not None
    first = MinistryModel(built_kb.store, built_kb.embedder(), cache=cache).vectors
    assert (cache / "odop-rows.npz").exists()

    class NoEncoding:
        def encode(self, texts: list[str]) -> None:
            raise AssertionError(f"{len(texts)} texts embedded again")

    again = MinistryModel(built_kb.store, NoEncoding(), cache=cache)  # type: ignore[arg-type]
    assert np.array_equal(again.vectors, first) and len(first) >= 1000
