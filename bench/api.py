"""HTTP API under a bounded local load: requests/s and p50/p95 per route.

Builds a KB in a temporary home, starts `clusterkb serve --no-ui` (real uvicorn) on a free
loopback port, warms it up, then runs CLIENTS concurrent clients for each route in turn.
Usage: python bench/api.py [--clients 4] [--requests 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402

from bench.stats import percentiles  # noqa: E402
from clusterkb.service import KnowledgeBase  # noqa: E402
from kb.config import REPO_DATA, Settings  # noqa: E402
from tests.servers import start  # noqa: E402

QUESTIONS = [
    "Who anchors the Muzaffarpur bag cluster?",
    "What is the ODOP product of Gaya?",
    "Which agency mobilised women in Muzaffarpur?",
    "Which schemes support the Umden Eri Cluster?",
]
NAMES = ["Muzaffarpur", "Gaya", "handloom", "SFURTI", "bamboo", "Bokaro", "JEEViKA", "makhana"]
CENTRES = ["cluster:muzaffarpur-bag-cluster", "district:bihar:gaya", "state:bihar"]


def load(base: str, route: str, clients: int, total: int) -> tuple[float, list[float], int]:
    times: list[float] = []
    errors = 0
    lock = threading.Lock()
    per = total // clients

    def client(c: int) -> None:
        nonlocal errors
        with httpx.Client(base_url=f"{base}/api/v1", timeout=60) as h:
            for i in range(per):
                k = c * per + i
                t = time.perf_counter()
                if route == "ask":
                    r = h.post("/ask", json={"question": QUESTIONS[k % len(QUESTIONS)]})
                elif route == "entities":
                    r = h.get("/entities", params={"q": NAMES[k % len(NAMES)], "limit": 20})
                else:
                    r = h.get(f"/entities/{CENTRES[k % len(CENTRES)]}/neighbors",
                              params={"depth": 2, "limit": 200})  # fmt: skip
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    times.append(ms)
                    errors += r.status_code != 200

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    started = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return time.perf_counter() - started, times, errors


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--requests", type=int, default=200, help="per route")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        kb = KnowledgeBase(Settings(home=home, data_dir=REPO_DATA))
        kb.build()
        kb.close()
        server = start(home, args=["--no-ui"])
        try:
            with httpx.Client(timeout=120) as h:  # load the model before timing
                h.post(f"{server.base}/api/v1/ask", json={"question": QUESTIONS[0]})
            print(f"{args.clients} concurrent clients, {args.requests} requests per route, "
                  f"uvicorn on loopback")  # fmt: skip
            for route in ("ask", "entities", "neighbors"):
                seconds, times, errors = load(server.base, route, args.clients, args.requests)
                print(f"  {route:<10} {len(times) / seconds:7.1f} req/s  {percentiles(times)}"
                      f"  errors {errors}")  # fmt: skip
        finally:
            server.stop()


if __name__ == "__main__":
    main()
