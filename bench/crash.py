"""The kill test at scale: kill -9 a writer of a big memory store, reopen, check every batch.

    python bench/crash.py --home DIR [--kills 3]

DIR is a KB home made by `bench/scale.py --home DIR` (its graph/ is used in place). Each round
starts `tests/writer.py crash` on it: one batch per step (a counter node, a product, an edge,
deleting the product three steps back), compaction after every few steps, so kills land in
journal appends and in rewrites of the whole snapshot alike. The writer is killed at a random
moment after its first commit; then the store is reopened and must hold the counter at least
at the last step the writer printed (at most one further), exactly the three newest products,
and every edge the big graph had. Prints what each round found; exits 1 on a violation.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kb.store.memory import MemoryStore  # noqa: E402
from tests.writer import COUNTER, product  # noqa: E402


def check(home: Path, edges_before: int) -> tuple[int, int, float]:
    started, cpu = time.perf_counter(), time.process_time()
    store = MemoryStore(home)
    try:
        reopen = time.perf_counter() - started
        print(f"reopened in {reopen:.1f}s wall, {time.process_time() - cpu:.1f}s CPU", flush=True)
        counter = store.get_node(COUNTER)
        m = int(counter.attrs["n"]) if counter else -1
        products = sorted(
            int(n.id.rsplit("-", 1)[1])
            for n in store.nodes("Product")
            if n.id.startswith(product(0)[:-1])
        )
        if products != list(range(max(0, m - 2), m + 1)):
            raise SystemExit(f"inconsistent: counter {m}, products {products}")
        edges = store.stats().edges
        if edges < edges_before:
            raise SystemExit(f"lost edges: {edges} < {edges_before}")
        return m, edges, reopen
    finally:
        store.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", required=True)
    ap.add_argument("--kills", type=int, default=3)
    ap.add_argument("--seed", type=int, default=18)
    args = ap.parse_args()
    home = Path(args.home) / "graph"
    rng = random.Random(args.seed)
    _, edges_before, reopen = check(home, 0)
    print(json.dumps({"round": 0, "edges": edges_before, "reopen_s": round(reopen, 1)}), flush=True)
    last = -1
    for k in range(1, args.kills + 1):
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.writer", "crash", str(home)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the writer has loaded the big graph and committed once
        if not first.strip():
            raise SystemExit(proc.stderr.read() if proc.stderr else "the writer died")
        delay = rng.uniform(0.5, 60.0)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        printed = [int(x) for x in (first + out).split()]
        m, edges, reopen = check(home, edges_before)
        ok = printed[-1] <= m <= printed[-1] + 1 and m > last
        print(json.dumps({"round": k, "killed_after_s": round(delay, 1), "last_printed": printed[-1],
                          "counter": m, "edges": edges, "reopen_s": round(reopen, 1), "ok": ok}),
              flush=True)  # fmt: skip
        if not ok:
            raise SystemExit(1)
        last = m


if __name__ == "__main__":
    main()
