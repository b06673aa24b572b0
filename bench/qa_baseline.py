"""A naive question-answering baseline to read clusterkb's QA figures against: the one sentence
of the documents with the best BM25 score, always answered (so it never declines).

    printf '#!/bin/sh\nexec python3 bench/qa_baseline.py DOCS_DIR "$@"\n' > /tmp/bm25 && chmod +x /tmp/bm25
    python3 data/eval/devset/score_qa.py /tmp/bm25 QUESTIONS.jsonl

It takes the arguments that are folders as the documents (the scorer's `ask - --json` are
not), reads questions as `clusterkb ask - --json` does (plain lines, or JSON lines with a
"history", whose questions are added to the query) and writes one JSON answer per line.
Measured on 2026-12-01: devset 38/100, unseen5 9/30, unseen6 6/30, corpus_fresh (over
data/corpus) 12/30.
Standard library only; prints answers, asserts nothing.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

STOP = set(
    "the a an of in to and for is are was were what which who how does do did by on at with from "
    "as it its that this be has have many much".split()
)


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP]


def sentences(folders: list[str]) -> list[str]:
    out = []
    for folder in folders:
        for path in sorted(Path(folder).glob("*")):
            if path.suffix in (".txt", ".md"):
                for line in path.read_text(encoding="utf-8").splitlines():
                    out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s) > 20]
    return out


def main() -> None:
    texts = sentences([a for a in sys.argv[1:] if Path(a).is_dir()])
    bags = [Counter(words(s)) for s in texts]
    n = len(bags)
    avg = sum(sum(b.values()) for b in bags) / max(1, n)
    df = Counter(w for b in bags for w in b)

    def best(query: str) -> str:
        def score(b: Counter[str]) -> float:
            length = sum(b.values())
            return sum(
                math.log(1 + (n - df[w] + 0.5) / (df[w] + 0.5))
                * b[w] * 2.2 / (b[w] + 1.2 * (0.25 + 0.75 * length / avg))
                for w in set(words(query)) if w in b
            )  # fmt: skip

        return max(zip(texts, bags, strict=True), key=lambda tb: score(tb[1]))[0] if n else ""

    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        query = line
        if line.startswith("{"):
            obj = json.loads(line)
            query = " ".join([*obj.get("history", []), obj["question"]])
        answer: dict[str, object] = {"question": query, "answer": best(query)[:400],
                                     "answered": True, "citations": [], "entities": []}  # fmt: skip
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
