"""Replication partners: the six lists, their reasons, bad input, and the ODOP ground truth."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kb.errors import NotFound
from kb.recommend import KINDS
from kb.service import KnowledgeBase
from tests.conftest import REPO


def test_gaya_handloom_returns_all_lists_with_reasons(built_kb: KnowledgeBase) -> None:
    r = built_kb.recommend("Gaya", "Handloom/Garments")
    assert r["district"]["id"] == "district:bihar:gaya" and r["sector"] == "Textile"
    for kind in KINDS:
        assert kind in r
        for item in r[kind]:
            assert set(item) >= {"id", "name", "score", "why"} and item["why"]
    scores = [i["score"] for i in r["model_clusters"]]
    assert scores == sorted(scores, reverse=True)
    top = r["model_clusters"][0]
    assert top["name"] == "Muzaffarpur Bag Cluster" and "same state (Bihar)" in top["why"]
    assert r["anchors"][0]["name"] == "High Spirit Commercial Ventures Pvt Ltd"
    assert "anchors Muzaffarpur Bag Cluster" in r["anchors"][0]["why"]
    assert (
        r["agencies"][0]["name"] == "Ministry of Textiles"
        and "ODOP list" in r["agencies"][0]["why"]
    )
    assert any(s["name"] == "Mukhyamantri Mahila Udyami Yojana" for s in r["schemes"])


def test_misspelt_district_resolves_and_unknown_one_is_refused(built_kb: KnowledgeBase) -> None:
    assert (
        built_kb.recommend("Gayaa", "Handloom/Garments")["district"]["id"] == "district:bihar:gaya"
    )
    with pytest.raises(NotFound) as err:
        built_kb.recommend("Atlantis", "Coral")
    assert "no district called 'Atlantis'" in str(err.value)


def test_cli_recommend_json(built_home: Path) -> None:
    env = {**os.environ, "CLUSTERKB_HOME": str(built_home)}
    cmd = [
        sys.executable,
        "-m",
        "kb.cli",
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
    from kb.evaluate import evaluate_ministry_prediction

    r = evaluate_ministry_prediction(built_kb)
    assert r["cases"] >= 1200
    assert r["model"]["hit@5"] >= 0.8
    assert (
        r["model"]["mrr"] > r["baseline"]["mrr"]
        and r["model"]["hit@1"] >= 2 * r["baseline"]["hit@1"]
    )
