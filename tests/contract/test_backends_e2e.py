"""The whole KB on each backend: build, look up, show, path give the same answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clusterkb.service import KnowledgeBase
from kb.config import REPO_DATA, Settings
from tests.conftest import HAVE_NEO4J, neo4j_store

pytestmark = pytest.mark.skipif(not HAVE_NEO4J, reason="no neo4j backend on this machine")

QUERIES = ["Muzaffarpur", "Orissa", "Ministry of Textile", "Shahi Litchi", "DC Handloom", "Mewat"]
PATHS = [("Sujini Embroidery", "Shahi Litchi"), ("Muzaffarpur", "Bihar"), ("Kolasib", "Mizoram")]


@pytest.fixture(scope="module")
def neo4j_kb(neo4j_env: dict[str, str]) -> Iterator[tuple[KnowledgeBase, float]]:
    import time

    settings = Settings(home=Path("/nonexistent"), store="neo4j", data_dir=REPO_DATA)
    kb = KnowledgeBase(settings, store=neo4j_store(neo4j_env))
    started = time.perf_counter()
    kb.build()
    yield kb, time.perf_counter() - started
    kb.close()


def test_stats_are_equal(neo4j_kb: tuple[KnowledgeBase, float], built_kb: KnowledgeBase) -> None:
    assert neo4j_kb[0].stats() == built_kb.stats()


def test_every_fact_is_equal(
    neo4j_kb: tuple[KnowledgeBase, float], built_kb: KnowledgeBase
) -> None:
    neo, mem = neo4j_kb[0].store, built_kb.store
    assert [n.to_dict() for n in neo.nodes()] == [n.to_dict() for n in mem.nodes()]
    assert [e.to_dict() for e in neo.edges()] == [e.to_dict() for e in mem.edges()]


@pytest.mark.parametrize("name", QUERIES)
def test_show_gives_the_same_entity(
    neo4j_kb: tuple[KnowledgeBase, float], built_kb: KnowledgeBase, name: str
) -> None:
    assert neo4j_kb[0].entity(name).to_dict() == built_kb.entity(name).to_dict()


@pytest.mark.parametrize(("a", "b"), PATHS)
def test_paths_have_the_same_length_and_ends(
    neo4j_kb: tuple[KnowledgeBase, float], built_kb: KnowledgeBase, a: str, b: str
) -> None:
    neo, mem = neo4j_kb[0].path(a, b), built_kb.path(a, b)
    assert len(neo.edges) == len(mem.edges)
    assert (neo.source.id, neo.target.id) == (mem.source.id, mem.target.id)


def test_rebuild_on_neo4j_is_a_no_op(neo4j_kb: tuple[KnowledgeBase, float]) -> None:
    kb = neo4j_kb[0]
    before = [e.to_dict() for e in kb.store.edges("ODOP_PRODUCT")]
    kb.build()
    assert [e.to_dict() for e in kb.store.edges("ODOP_PRODUCT")] == before


def test_export_to_neo4j_and_import_back(
    neo4j_env: dict[str, str], built_home: Path, tmp_path: Path
) -> None:
    import json
    import os
    import shutil
    import subprocess
    import sys

    from tests.conftest import REPO

    home = tmp_path / "home"
    shutil.copytree(built_home, home)
    env = {**os.environ, **neo4j_env, "CLUSTERKB_HOME": str(home)}

    def cli(*args: str, home_dir: Path = home) -> str:
        proc = subprocess.run(
            [sys.executable, "-m", "clusterkb.cli", *args],
            cwd=REPO,
            env={**env, "CLUSTERKB_HOME": str(home_dir)},
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    want = json.loads(cli("stats", "--json"))
    assert f"exported {want['nodes']} nodes" in cli("export", "--to", "neo4j")
    on_server = json.loads(
        subprocess.run(
            [sys.executable, "-m", "clusterkb.cli", "stats", "--json"],
            cwd=REPO,
            env={**env, "CLUSTERKB_STORE": "neo4j"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert on_server == want
    fresh = tmp_path / "fresh"
    assert "imported" in cli("import", "--from", "neo4j", home_dir=fresh)
    assert json.loads(cli("stats", "--json", home_dir=fresh)) == want
    show = json.loads(cli("show", "Muzaffarpur", "--json", home_dir=fresh))
    assert {r["name"] for r in show["relations"] if r["relation"] == "ODOP_PRODUCT"} == {
        "Shahi Litchi",
        "Bags & Garments",
        "Sujini Embroidery",
    }


ASK = [
    "Who is the anchor unit of the Muzaffarpur bag cluster?",
    "How much did each JEEViKA didi receive?",
    "Which districts of Bihar have Shahi Litchi as ODOP product?",
    "What is the ODOP product of Atlantis district?",
    "Which banks provided credit to the Umden Eri Cluster?",
]


@pytest.mark.parametrize("question", ASK)
def test_ask_gives_the_same_answer(
    neo4j_kb: tuple[KnowledgeBase, float], built_kb: KnowledgeBase, question: str
) -> None:
    neo, mem = neo4j_kb[0].ask(question).to_dict(), built_kb.ask(question).to_dict()
    assert neo == mem


def test_recommend_gives_the_same_lists(
    neo4j_kb: tuple[KnowledgeBase, float], built_kb: KnowledgeBase
) -> None:
    neo = neo4j_kb[0].recommend("Gaya", "Handloom/Garments").to_dict()
    mem = built_kb.recommend("Gaya", "Handloom/Garments").to_dict()
    assert neo == mem and mem["model_clusters"]
