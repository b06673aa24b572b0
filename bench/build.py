"""Build time, peak memory, snapshot size and cold-start latencies on the bundled data.

    python bench/build.py [--repeat N]

Prints figures; asserts nothing. Each build runs in a fresh CLUSTERKB_HOME.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from clusterkb.service import KnowledgeBase  # noqa: E402
from kb.config import REPO_DATA, Settings  # noqa: E402
from kb.store.memory import MemoryStore  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cli_seconds(home: Path, *args: str, runs: int = 5) -> float:
    env = {**os.environ, "CLUSTERKB_HOME": str(home)}
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        cmd = [sys.executable, "-m", "clusterkb.cli", *args]
        subprocess.run(cmd, cwd=REPO, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rss_before = peak_rss_mb()
    build_times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            home = Path(tmp) / f"h{i}"
            kb = KnowledgeBase(Settings(home=home, data_dir=REPO_DATA))
            t = time.perf_counter()
            report = kb.build()
            build_times.append(time.perf_counter() - t)
            kb.close()
        rss_after = peak_rss_mb()
        home = Path(tmp) / "h0"
        snapshot = (home / "graph" / "snapshot.json").stat().st_size
        t = time.perf_counter()
        store = MemoryStore(home / "graph")
        open_s = time.perf_counter() - t
        t = time.perf_counter()
        for _ in range(200):
            store.neighbors("district:bihar:muzaffarpur", direction="both")
        neighbors_ms = (time.perf_counter() - t) / 200 * 1000
        t = time.perf_counter()
        for _ in range(50):
            store.shortest_path("product:sujini-embroidery", "state:goa")
        path_ms = (time.perf_counter() - t) / 50 * 1000
        stats_cli = cli_seconds(home, "stats")
        show_cli = cli_seconds(home, "show", "Muzaffarpur", "--json")
    figures = {
        "nodes": report.stats["nodes"],
        "edges": report.stats["edges"],
        "build_seconds_median": round(statistics.median(build_times), 2),
        "build_seconds_all": [round(x, 2) for x in build_times],
        "peak_rss_mb_process": round(rss_after, 1),
        "peak_rss_mb_before_build": round(rss_before, 1),
        "snapshot_mb": round(snapshot / 1e6, 2),
        "open_store_seconds": round(open_s, 3),
        "neighbors_ms": round(neighbors_ms, 3),
        "shortest_path_ms": round(path_ms, 2),
        "cli_stats_seconds_median": round(stats_cli, 2),
        "cli_show_seconds_median": round(show_cli, 2),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
