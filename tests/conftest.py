"""Shared fixtures: the tiny canonical graph, stores of every backend, a KB built once."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from clusterkb.service import KnowledgeBase
from kb.config import REPO_DATA, Settings
from kb.store.base import Edge, GraphStore, Node, Provenance
from kb.store.memory import MemoryStore
from tests import arcadedb_server

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")

# Every backend available here runs the same contract suite: memory, memory on disk, neo4j
# over Bolt against an ArcadeDB server started by a fixture, and neo4j against the server
# NEO4J_URI names when it is set.
HAVE_ARCADEDB = importlib.util.find_spec("arcadedb_embedded") is not None
HAVE_NEO4J_SERVER = bool(os.environ.get("NEO4J_URI"))
HAVE_NEO4J = HAVE_ARCADEDB or HAVE_NEO4J_SERVER
BACKENDS = (
    ["memory", "memory-durable"]
    + (["neo4j"] if HAVE_ARCADEDB else [])
    + (["neo4j-server"] if HAVE_NEO4J_SERVER else [])
)


def prov(locator: str = "s1", source: str = "doc:tiny") -> Provenance:
    return Provenance(source, locator, f"sentence {locator}", "test")


def tiny_graph(store: GraphStore) -> None:
    """Muzaffarpur in miniature: a cluster, its anchor, its district, state, scheme, agency."""
    nodes = [
        Node("state:bihar", "State", "Bihar", {"lgd_code": 10}, ["BR"], [prov("s1")]),
        Node(
            "district:bihar:muzaffarpur",
            "District",
            "Muzaffarpur",
            {"lgd_code": 208},
            [],
            [prov("s1")],
        ),
        Node("product:bags", "Product", "Bags", {}, [], [prov("s2")]),
        Node(
            "cluster:muzaffarpur-bag-cluster",
            "Cluster",
            "Muzaffarpur bag cluster",
            {},
            [],
            [prov("s2")],
        ),
        Node(
            "enterprise:high-spirit",
            "Enterprise",
            "High Spirit",
            {"role": "anchor"},
            [],
            [prov("s3")],
        ),
        Node("agency:jeevika", "Agency", "JEEViKA", {}, ["BRLPS"], [prov("s4")]),
        Node("scheme:mmuy", "Scheme", "Mukhyamantri Mahila Udyami Yojana", {}, [], [prov("s5")]),
    ]
    edges = [
        Edge("district:bihar:muzaffarpur", "LOCATED_IN", "state:bihar", {}, [prov("s1")]),
        Edge("district:bihar:muzaffarpur", "ODOP_PRODUCT", "product:bags", {}, [prov("s2")]),
        Edge(
            "cluster:muzaffarpur-bag-cluster",
            "LOCATED_IN",
            "district:bihar:muzaffarpur",
            {},
            [prov("s2")],
        ),
        Edge("cluster:muzaffarpur-bag-cluster", "PRODUCES", "product:bags", {}, [prov("s2")]),
        Edge(
            "enterprise:high-spirit", "ANCHORS", "cluster:muzaffarpur-bag-cluster", {}, [prov("s3")]
        ),
        Edge("agency:jeevika", "MOBILISES", "cluster:muzaffarpur-bag-cluster", {}, [prov("s4")]),
        Edge(
            "scheme:mmuy",
            "FUNDS",
            "cluster:muzaffarpur-bag-cluster",
            {"amount_inr": 1_000_000},
            [prov("s5")],
        ),
    ]
    with store.batch():
        for n in nodes:
            store.upsert_node(n)
        for e in edges:
            store.upsert_edge(e)


@pytest.fixture(scope="session")
def neo4j_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """NEO4J_* settings of a server to test against: ArcadeDB's, or else the configured one."""
    if not HAVE_ARCADEDB:
        yield {k: v for k, v in os.environ.items() if k.startswith("NEO4J_")}
        return
    proc, env = arcadedb_server.start(tmp_path_factory.mktemp("arcadedb"))
    yield env
    proc.kill()
    proc.wait(timeout=30)


def neo4j_store(env: dict[str, str]) -> GraphStore:
    from kb.store.neo4j import Neo4jStore

    store = Neo4jStore(
        env["NEO4J_URI"],
        env.get("NEO4J_USER"),
        env.get("NEO4J_PASSWORD"),
        env.get("NEO4J_DATABASE"),
    )
    store.clear()
    return store


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    if backend == "neo4j":
        s = neo4j_store(request.getfixturevalue("neo4j_env"))
    elif backend == "neo4j-server":
        s = neo4j_store({k: v for k, v in os.environ.items() if k.startswith("NEO4J_")})
    elif backend == "memory":
        s = MemoryStore(None)
    else:
        s = MemoryStore(tmp_path / "graph")
    yield s
    s.close()


@pytest.fixture
def tiny(store: GraphStore) -> GraphStore:
    tiny_graph(store)
    return store


@pytest.fixture(scope="session")
def built_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A KB home built once from the bundled data; tests must not write to it."""
    home = tmp_path_factory.mktemp("built")
    kb = KnowledgeBase(Settings(home=home, data_dir=REPO_DATA))
    kb.build()
    kb.prepare(ask=False)  # as `clusterkb build` does: sentence and name vectors cached on disk
    # and the ODOP rows' vectors (from the bundled seed, data/vectors), which a server's warm-up
    # otherwise writes in every copy of this home a test starts a server on
    from kb.recommend import MinistryModel

    MinistryModel(kb.store, kb.embedder(), cache=kb.linker.cache_dir).vectors  # noqa: B018
    kb.close()
    return home


@pytest.fixture(scope="session")
def tables_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A KB home built from the bundled tables only (no documents); tests must not write to it."""
    home = tmp_path_factory.mktemp("tables")
    kb = KnowledgeBase(Settings(home=home, data_dir=REPO_DATA))
    kb.build(documents=False)
    kb.close()
    return home


@pytest.fixture
def tables_kb(tables_home: Path) -> Iterator[KnowledgeBase]:
    kb = KnowledgeBase(Settings(home=tables_home, data_dir=REPO_DATA))
    yield kb
    kb.close()


@pytest.fixture
def scratch_kb(tmp_path: Path, built_home: Path) -> Iterator[KnowledgeBase]:
    """A writable copy of the built KB (tables and corpus)."""
    import shutil

    home = tmp_path / "scratch-home"
    shutil.copytree(built_home, home)
    kb = KnowledgeBase(Settings(home=home, data_dir=REPO_DATA))
    yield kb
    kb.close()


@pytest.fixture
def built_kb(built_home: Path) -> Iterator[KnowledgeBase]:
    kb = KnowledgeBase(Settings(home=built_home, data_dir=REPO_DATA))
    yield kb
    kb.close()
