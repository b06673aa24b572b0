"""Warm hybrid-search latency on the bundled KB: p50 / p95 per query, model already loaded.

    python bench/search.py [--reps N]

Builds a KB (tables + corpus) in a temporary home, loads the model once, then times
KnowledgeBase.search over a fixed set of officer-style queries. Prints figures only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.stats import percentiles  # noqa: E402
from clusterkb.service import KnowledgeBase  # noqa: E402
from kb.config import REPO_DATA, Settings  # noqa: E402

QUERIES = [
    "Who is the anchor unit of the Muzaffarpur bag cluster?",
    "Which schemes funded the Umden Eri CFC?",
    "Which banks gave credit to the clusters?",
    "How many women entrepreneurs were selected?",
    "What did Grant Thornton Bharat do in Bokaro?",
    "Which clusters are in Assam?",
    "What is the production value of the bag cluster?",
    "Who trained the women entrepreneurs?",
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Settings(home=Path(tmp), data_dir=REPO_DATA))
        kb.build()
        t = time.perf_counter()
        kb.search("warm up")  # imports torch, loads the model, embeds every sentence
        cold = time.perf_counter() - t
        times = []
        for _ in range(args.reps):
            for q in QUERIES:
                t = time.perf_counter()
                kb.search(q, 5)
                times.append((time.perf_counter() - t) * 1000)
        n = len(kb._index.entries)  # noqa: SLF001 - a figure for the report
    print(f"index: {n} sentences; first search (import + load + embed all): {cold:.1f} s")
    print(f"warm search over {len(times)} queries: {percentiles(times)}")


if __name__ == "__main__":
    main()
