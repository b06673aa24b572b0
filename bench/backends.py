"""The memory and neo4j backends side by side on the bundled data.

    python bench/backends.py [--reps N]

Builds the KB on each backend (neo4j: NEO4J_URI if set, else an ArcadeDB server with the
Bolt plugin started here on loopback), then times the same read operations on both and
prints median and p95 in milliseconds and the neo4j/memory ratio. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from clusterkb.service import KnowledgeBase  # noqa: E402
from kb.config import REPO_DATA, Settings  # noqa: E402
from kb.store.memory import MemoryStore  # noqa: E402
from kb.store.neo4j import Neo4jStore  # noqa: E402


def timed(fn: Callable[[], object], reps: int) -> tuple[float, float]:
    fn()  # warm
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def operations(kb: KnowledgeBase) -> dict[str, Callable[[], object]]:
    s = kb.store
    return {
        "stats": s.stats,
        "get_node": lambda: s.get_node("district:bihar:muzaffarpur"),
        "neighbors (both)": lambda: s.neighbors("district:bihar:muzaffarpur", direction="both"),
        "neighbors of a state": lambda: s.neighbors("state:bihar", direction="both"),
        "show Muzaffarpur": lambda: kb.entity("Muzaffarpur"),
        "path product->state": lambda: s.shortest_path("product:sujini-embroidery", "state:goa"),
        "subgraph depth 2": lambda: s.subgraph("district:bihar:muzaffarpur", depth=2),
        "ask (anchor question)": lambda: kb.ask(
            "Who is the anchor unit of the Muzaffarpur bag cluster?"
        ),
        "ask (ODOP question)": lambda: kb.ask("Which districts have makhana as ODOP product?"),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=50)
    args = ap.parse_args()
    server = None
    with tempfile.TemporaryDirectory() as tmp:
        if os.environ.get("NEO4J_URI"):
            env = {k: v for k, v in os.environ.items() if k.startswith("NEO4J_")}
        else:
            from tests.arcadedb_server import start

            server, env = start(Path(tmp) / "arcadedb")
        try:
            neo = Neo4jStore(
                env["NEO4J_URI"],
                env["NEO4J_USER"],
                env["NEO4J_PASSWORD"],
                env.get("NEO4J_DATABASE"),
            )
            neo.clear()
            kbs = {
                "memory": KnowledgeBase(Settings(home=Path(tmp) / "home", data_dir=REPO_DATA)),
                "neo4j": KnowledgeBase(
                    Settings(home=Path(tmp), store="neo4j", data_dir=REPO_DATA), neo
                ),
            }
            results: dict[str, dict[str, tuple[float, float]]] = {}
            for name, kb in kbs.items():
                t = time.perf_counter()
                kb.build()
                results[name] = {"build (s)": (time.perf_counter() - t, 0.0)}
            for name, kb in kbs.items():
                for op, fn in operations(kb).items():
                    results[name][op] = timed(fn, args.reps)
            assert isinstance(kbs["memory"].store, MemoryStore)
        finally:
            if server is not None:
                server.kill()
    print(
        f"{'operation':<24} {'memory p50':>11} {'p95':>8} {'neo4j p50':>11} {'p95':>8} {'ratio':>7}"
    )
    for op in results["memory"]:
        m50, m95 = results["memory"][op]
        n50, n95 = results["neo4j"][op]
        unit = "s" if op.startswith("build") else "ms"
        ratio = n50 / m50 if m50 else float("nan")
        print(
            f"{op:<24} {m50:>9.3f}{unit:>2} {m95:>8.3f} "
            f"{n50:>9.3f}{unit:>2} {n95:>8.3f} {ratio:>6.1f}x"
        )
    print(
        f"neo4j side: {env['NEO4J_URI']} "
        f"({'configured' if server is None else 'ArcadeDB Bolt plugin'})"
    )


if __name__ == "__main__":
    main()
