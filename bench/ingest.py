"""Document ingest throughput: documents/s and sentences/s, and whether ingest is linear in
the number of documents.

    python bench/ingest.py [--repeat N]              # the bundled corpus, N rounds
    python bench/ingest.py --scale 25,50,100,200     # N documents of 1-2 k characters each

Each round ingests into a fresh copy of a tables-only KB (so every document is new), timing
load + extraction (spaCy parser on) + the durable write.

`--scale` makes its documents from real text: the development set's and the unseen sets'
documents (`data/eval/devset/docs`, `tests/unseen*/docs`, 61 files), each cut at a sentence or
line end to at most 2,000 characters and kept when 1,000 or more remain. There are fewer of
them than 200, so they are used round-robin: the k-th repeat of a text gets its own file name and
a header line of its own (`TITLE: <title> (copy k)`), so every file is a new document to the KB
(its own id and content hash) although its body repeats an earlier one's; the clusters and
bodies it names are then already in the graph, as they are when a real corpus names one cluster
in many documents. The spaCy model is loaded before the first N is timed. For each N it prints seconds, documents/s and seconds per document: if
ingest is linear in the number of documents, seconds per document stays flat as N grows.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from clusterkb.service import KnowledgeBase  # noqa: E402
from kb import nlp  # noqa: E402
from kb.config import REPO_DATA, Settings  # noqa: E402

SOURCES = [
    REPO / "data" / "eval" / "devset" / "docs",
    *sorted((REPO / "tests").glob("unseen*/docs")),
]
MIN_CHARS, MAX_CHARS = 1000, 2000
_END = re.compile(r"[.!?][\"”’)]*\s|\n")


def cut(text: str, limit: int = MAX_CHARS) -> str:
    """`text` up to its last sentence or line end within `limit` characters."""
    if len(text) <= limit:
        return text.strip()
    ends = [m.end() for m in _END.finditer(text, 0, limit)]
    return text[: ends[-1] if ends else limit].strip()


def sample_texts() -> list[tuple[str, str, str]]:
    """(file stem, title, body) of each source document cut to 1-2 k characters."""
    out = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            header: dict[str, str] = {}
            lines = path.read_text(encoding="utf-8").splitlines()
            i = 0
            while i < len(lines) and (m := re.match(r"^(TITLE|SOURCE|DATE):\s*(.*)$", lines[i])):
                header[m.group(1)] = m.group(2)
                i += 1
            body = cut("\n".join(lines[i:]).strip())
            if len(body) >= MIN_CHARS:
                out.append((path.stem, header.get("TITLE", path.stem), body))
    return out


def write_documents(folder: Path, n: int, texts: list[tuple[str, str, str]]) -> int:
    """`n` documents in `folder`, round-robin over `texts`; returns their total characters."""
    folder.mkdir(parents=True)
    chars = 0
    for i in range(n):
        stem, title, body = texts[i % len(texts)]
        copy = i // len(texts)
        name = f"{i:03d}_{stem}" + (f"_copy{copy}" if copy else "")
        text = f"TITLE: {title}" + (f" (copy {copy})" if copy else "") + f"\n\n{body}\n"
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        chars += len(body)
    return chars


def corpus_rounds(base: Path, tmp: Path, repeat: int) -> None:
    corpus = REPO_DATA / "corpus"
    times, docs, sentences = [], 0, 0
    for i in range(repeat):
        home = tmp / f"round{i}"
        shutil.copytree(base, home)
        kb = KnowledgeBase(Settings(home=home, data_dir=REPO_DATA))
        t = time.perf_counter()
        report = kb.ingest([corpus])
        times.append(time.perf_counter() - t)
        docs, sentences = len(report.added), report.sentences
        kb.close()
    median = statistics.median(times)
    print(f"corpus: {docs} documents, {sentences} sentences; {repeat} rounds")
    print(f"ingest seconds: median {median:.3f} (all: {', '.join(f'{t:.3f}' for t in times)})")
    print(f"throughput: {docs / median:.1f} documents/s, {sentences / median:.0f} sentences/s")


def scale_rounds(base: Path, tmp: Path, sizes: list[int]) -> None:
    texts = sample_texts()
    t = time.perf_counter()
    nlp.parse_many(["The cluster was set up in 2010."])  # the model loads once, before timing
    print(f"spaCy model loaded in {time.perf_counter() - t:.2f} s (not counted below)")
    print(
        f"documents of {MIN_CHARS}-{MAX_CHARS} characters, from {len(texts)} real texts "
        "(repeated with their own names and titles past that); parser on; "
        "a fresh tables-only KB for each N"
    )
    print(f"{'N':>5} {'chars':>8} {'sentences':>9} {'seconds':>8} {'docs/s':>7} {'s/doc':>7}")
    for n in sizes:
        docs = tmp / f"docs{n}"
        chars = write_documents(docs, n, texts)
        home = tmp / f"scale{n}"
        shutil.copytree(base, home)
        kb = KnowledgeBase(Settings(home=home, data_dir=REPO_DATA))
        t = time.perf_counter()
        report = kb.ingest([docs])
        seconds = time.perf_counter() - t
        kb.close()
        done = len(report.added)
        print(
            f"{done:>5} {chars:>8} {report.sentences:>9} {seconds:>8.2f} "
            f"{done / seconds:>7.1f} {seconds / done:>7.3f}"
            + (f"  ({len(report.failed)} failed)" if report.failed else "")
        )
        shutil.rmtree(home)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument(
        "--scale",
        help="comma-separated document counts (e.g. 25,50,100,200): ingest N documents of "
        "1-2 k characters for each N and print seconds, documents/s and seconds per document",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "tables"
        KnowledgeBase(Settings(home=base, data_dir=REPO_DATA)).build(documents=False)
        if args.scale:
            sizes = [int(x) for x in args.scale.split(",") if x.strip()]
            scale_rounds(base, Path(tmp), sizes)
        else:
            corpus_rounds(base, Path(tmp), args.repeat)


if __name__ == "__main__":
    main()
