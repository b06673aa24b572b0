"""Warm question-answering latency on the bundled KB: p50 / p95 over the question set.

    python bench/qa.py [--reps N] [--docs DIR --questions FILE]

(`--docs data/eval/devset/docs --questions data/eval/devset/questions.jsonl`: the dev questions
on a KB that holds their documents.)

Builds a KB in a temporary home, answers every question once to warm up (model loaded,
index built), then times N passes over data/eval/qa/questions.jsonl: each answer computed
(the answerer itself, as for a question the server has not seen) and, apart, as served again
from the service's memo of recent answers. Prints figures only.
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
    ap.add_argument("--docs", type=Path, help="documents to ingest after the build")
    ap.add_argument(
        "--questions", type=Path, default=REPO / "data" / "eval" / "qa" / "questions.jsonl"
    )
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.questions.read_text().splitlines() if line.strip()]
    questions = [r["question"] for r in rows if not r.get("after")]
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Settings(home=Path(tmp), data_dir=REPO_DATA))
        kb.build()
        if args.docs:
            kb.ingest(sorted(args.docs.iterdir()))
        t = time.perf_counter()
        for q in questions:
            kb.ask(q)
        warmup = time.perf_counter() - t
        computed, remembered = [], []
        qa = kb.answerer()
        for _ in range(args.reps):
            for q in questions:
                t = time.perf_counter()
                qa.ask(q)  # computed: the memo is the service's, not the answerer's
                computed.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                kb.ask(q)
                remembered.append((time.perf_counter() - t) * 1000)
    print(f"{len(questions)} questions; first pass (loads model, builds indexes): {warmup:.1f} s")
    print(f"warm, computed: {len(computed)} answers, {percentiles(computed)}")
    print(f"warm, served again from the memo: {len(remembered)} answers, {percentiles(remembered)}")


if __name__ == "__main__":
    main()
