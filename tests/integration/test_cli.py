"""The `clusterkb` command as a user runs it: a real process, a real KB home on disk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kb.config import REPO_DATA
from tests.conftest import REPO
from tests.expected import expected_counts

CLI = [sys.executable, "-m", "clusterkb.cli"]


def run(home: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLUSTERKB_HOME": str(home)}
    proc = subprocess.run(
        [*CLI, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def home(tmp_path: Path, built_home: Path) -> Path:
    h = tmp_path / "home"
    shutil.copytree(built_home, h)
    return h


def test_build_then_stats_json_matches_the_tables(tmp_path: Path) -> None:
    home = tmp_path / "fresh"
    built = run(home, "build", "--no-docs")
    assert "reading tables" in built.stderr  # progress goes to stderr
    assert "ODOP list" in built.stdout and "skipped" in built.stdout
    stats = json.loads(run(home, "stats", "--json").stdout)
    counts = {**stats["nodes_by_type"], **stats["edges_by_relation"]}
    grown = {"Sector", "Scheme", "LOCATED_IN"}  # the cluster registry adds to these
    for name, want in expected_counts(REPO_DATA).items():
        assert counts[name] >= want if name in grown else counts[name] == want, name
    assert counts["Cluster"] >= 550  # the registry's clusters (test_build checks each row)
    assert stats["nodes"] == sum(stats["nodes_by_type"].values())


def test_build_json_reports_sources_and_skips(tmp_path: Path) -> None:
    report = json.loads(run(tmp_path / "h", "build", "--no-docs", "--json").stdout)
    names = [s["name"] for s in report["sources"]]
    assert names[:2] == ["LGD states", "LGD districts"] and "ODOP list" in names
    assert report["skipped"] == sum(len(s["skipped"]) for s in report["sources"])


def test_show_muzaffarpur_json(home: Path) -> None:
    view = json.loads(run(home, "show", "Muzaffarpur", "--json").stdout)
    assert view["type"] == "District" and view["id"] == "district:bihar:muzaffarpur"
    odop = {r["name"]: r for r in view["relations"] if r["relation"] == "ODOP_PRODUCT"}
    assert set(odop) == {"Shahi Litchi", "Bags & Garments", "Sujini Embroidery"}
    for r in odop.values():
        p = r["provenance"][0]
        assert p["source"] == "data/tables/odop.csv" and p["locator"].startswith("row ")
        assert r["name"] in p["text"]
    located = [
        r["name"]
        for r in view["relations"]
        if r["relation"] == "LOCATED_IN" and r["direction"] == "out"
    ]
    assert located == ["Bihar"]
    assert view["provenance"]


def test_show_text_tolerates_misspelling(home: Path) -> None:
    out = run(home, "show", "Muzzafarpur").stdout
    assert out.startswith("Muzaffarpur  (District")
    assert "Sujini Embroidery (Product)" in out


def test_show_unknown_name_fails_with_suggestions(home: Path) -> None:
    proc = run(home, "show", "Muzafarpurr Bagz", check=False)
    assert proc.returncode == 1
    assert "nothing in the knowledge base is called 'Muzafarpurr Bagz'" in proc.stderr
    assert "Did you mean" in proc.stderr


def test_show_empty_name_is_a_clear_error(home: Path) -> None:
    proc = run(home, "show", "  ", check=False)
    assert proc.returncode == 1 and "give a name" in proc.stderr


def test_path_between_two_products_of_one_district(home: Path) -> None:
    path = json.loads(run(home, "path", "Sujini Embroidery", "Shahi Litchi", "--json").stdout)
    assert [h["relation"] for h in path["hops"]] == ["ODOP_PRODUCT", "ODOP_PRODUCT"]
    assert {h["from_name"] for h in path["hops"]} == {"Muzaffarpur"}
    text = run(home, "path", "Muzaffarpur", "Bihar").stdout
    assert "Muzaffarpur -[LOCATED_IN]-> Bihar" in text


def test_path_with_no_route_within_the_limit(home: Path) -> None:
    proc = run(home, "path", "Muzaffarpur", "Kanyakumari", "--max-hops", "1", check=False)
    assert proc.returncode == 1 and "no linkage path" in proc.stderr


def test_stats_on_an_empty_home(tmp_path: Path) -> None:
    out = run(tmp_path / "empty", "stats").stdout
    assert "empty" in out and "clusterkb build" in out


def test_unknown_store_backend_is_a_clear_error(home: Path) -> None:
    env = {**os.environ, "CLUSTERKB_HOME": str(home), "CLUSTERKB_STORE": "oracle"}
    proc = subprocess.run([*CLI, "stats"], cwd=REPO, env=env, capture_output=True, text=True)
    assert proc.returncode == 1 and "CLUSTERKB_STORE='oracle'" in proc.stderr


def test_stats_does_not_import_torch_or_sentence_transformers(home: Path) -> None:
    code = (
        "import sys; from clusterkb.cli import main; main(['stats', '--json']); "
        "heavy = [m for m in ('torch', 'sentence_transformers', 'gradio', 'langchain') if m in sys.modules]; "
        "sys.stderr.write(repr(heavy))"
    )
    env = {**os.environ, "CLUSTERKB_HOME": str(home)}
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "[]"


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "jute bags in Assam", "--json"],
        ["ask", "Who anchors the Muzaffarpur bag cluster?"],
    ],
)
def test_search_and_ask_do_not_import_torch(home: Path, argv: list[str]) -> None:
    """The query encoder runs in numpy (kb/minilm.py): a cold command pays no torch import."""
    code = (
        f"import sys; from clusterkb.cli import main; main({argv!r}); "
        "heavy = [m for m in ('torch', 'sentence_transformers') if m in sys.modules]; "
        "sys.stderr.write(repr(heavy))"
    )
    env = {**os.environ, "CLUSTERKB_HOME": str(home)}
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().endswith("[]"), proc.stderr
