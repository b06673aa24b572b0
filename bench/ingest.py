"""Document ingest throughput on the bundled corpus: documents/s and sentences/s.

    python bench/ingest.py [--repeat N]

Each round ingests the corpus into a fresh copy of a tables-only KB (so every document is
new), timing load + extraction + the durable write. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from clusterkb.service import KnowledgeBase  # noqa: E402
from kb.config import REPO_DATA, Settings  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    corpus = REPO_DATA / "corpus"
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "tables"
        KnowledgeBase(Settings(home=base, data_dir=REPO_DATA)).build(documents=False)
        times, docs, sentences = [], 0, 0
        for i in range(args.repeat):
            home = Path(tmp) / f"round{i}"
            shutil.copytree(base, home)
            kb = KnowledgeBase(Settings(home=home, data_dir=REPO_DATA))
            t = time.perf_counter()
            report = kb.ingest([corpus])
            times.append(time.perf_counter() - t)
            docs, sentences = len(report.added), report.sentences
            kb.close()
    median = statistics.median(times)
    print(f"corpus: {docs} documents, {sentences} sentences; {args.repeat} rounds")
    print(f"ingest seconds: median {median:.3f} (all: {', '.join(f'{t:.3f}' for t in times)})")
    print(f"throughput: {docs / median:.1f} documents/s, {sentences / median:.0f} sentences/s")


if __name__ == "__main__":
    main()
