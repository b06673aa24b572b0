"""Warm question-answering latency on the bundled KB: p50 / p95 over the question set.

    python bench/qa.py [--reps N]

Builds a KB in a temporary home, answers every question once to warm up (model loaded,
index built), then times N passes over data/eval/qa/questions.jsonl. Prints figures only.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.stats import percentiles  # noqa: E402
from clusterkb.service import KnowledgeBase  # noqa: E402
from kb.config import REPO_DATA, Settings  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=10)
    args = ap.parse_args()
    rows = [
        json.loads(line)
        for line in (REPO / "data" / "eval" / "qa" / "questions.jsonl").read_text().splitlines()
    ]
    questions = [r["question"] for r in rows if not r.get("after")]
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Settings(home=Path(tmp), data_dir=REPO_DATA))
        kb.build()
        t = time.perf_counter()
        for q in questions:
            kb.ask(q)
        warmup = time.perf_counter() - t
        times = []
        for _ in range(args.reps):
            for q in questions:
                t = time.perf_counter()
                kb.ask(q)
                times.append((time.perf_counter() - t) * 1000)
    print(f"{len(questions)} questions; first pass (loads model, builds indexes): {warmup:.1f} s")
    print(f"warm: {len(times)} answers, {percentiles(times)}")


if __name__ == "__main__":
    main()
