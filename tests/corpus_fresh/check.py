#!/usr/bin/env python3
"""Consistency check for the corpus_fresh question set (stdlib only; it reads files, it runs nothing).

    python3 tests/corpus_fresh/check.py [FOLDER]

The documents are the five bundled corpus files in data/corpus/ (found from this script's
location, two levels up). Checks on questions.jsonl, adapted from tests/unseen4/check.py:
  * keys (id, docs, question, answer_any, type, multi_doc; optional answer_all, after),
    unique ids of the form CFNNN, known types, known documents, `after` names an earlier question;
  * every answer_any / answer_all string occurs (case-insensitively) in the union of the
    question's documents;
  * unanswerable questions have no answers and multi_doc false;
  * multi_doc questions cite two or more documents and each holds at least one answer string;
    single-document answerable questions cite exactly one document;
  * no file here mentions a local filesystem path.
Prints counts and exits 1 when something is wrong.
"""

import collections
import json
import os
import re
import sys

# the folder checked: this one, or a later set of the same layout named as an argument
# (tests/corpus_fresh2 runs this script on itself); its ids are CF plus the folder's suffix
HERE = (
    os.path.abspath(sys.argv[1])
    if len(sys.argv) > 1
    else os.path.dirname(os.path.abspath(__file__))
)
ROOT = os.path.dirname(os.path.dirname(HERE))
PREFIX = "CF" + os.path.basename(HERE).removeprefix("corpus_fresh")
DOCS = os.path.join(ROOT, "data", "corpus")
TYPES = {"lookup", "relation", "count", "list", "aggregate", "path", "unanswerable"}
QKEYS = {"id", "docs", "question", "answer_any", "type", "multi_doc"}
QOPT = {"answer_all", "after"}
LOCAL_PATH = re.compile(r"(?<![\w.])/(?:work|tmp|home|root|mnt|Users)/")
problems = []


def read_docs():
    texts = {}
    for name in sorted(os.listdir(DOCS)):
        if name.endswith(".txt"):
            texts[name] = open(os.path.join(DOCS, name), encoding="utf-8").read()
    if not texts:
        problems.append("no .txt documents in data/corpus")
    return texts


def check_questions(texts):
    qs, seen = [], set()
    for n, line in enumerate(open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8"), 1):
        if line.strip():
            try:
                qs.append(json.loads(line))
            except json.JSONDecodeError as e:
                problems.append(f"questions.jsonl line {n}: {e}")
    for q in qs:
        qid = q.get("id", "?")
        if QKEYS - q.keys() or q.keys() - QKEYS - QOPT:
            problems.append(f"{qid}: keys {sorted(q.keys())}")
            continue
        if not re.fullmatch(rf"{PREFIX}\d{{3}}", str(qid)):
            problems.append(f"{qid}: id is not {PREFIX}NNN")
        if qid in seen:
            problems.append(f"{qid}: duplicate id")
        if q["type"] not in TYPES:
            problems.append(f"{qid}: unknown type {q['type']}")
        if not isinstance(q["question"], str) or not q["question"].strip():
            problems.append(f"{qid}: empty question")
        if not isinstance(q["multi_doc"], bool):
            problems.append(f"{qid}: multi_doc is not a boolean")
        if "after" in q and q["after"] not in seen:
            problems.append(f"{qid}: after={q['after']} is not an earlier id")
        seen.add(qid)
        for d in q["docs"]:
            if d not in texts:
                problems.append(f"{qid}: unknown document {d}")
        hay = {d: texts.get(d, "").lower() for d in q["docs"]}
        union = "\n".join(hay.values())
        any_, all_ = q["answer_any"], q.get("answer_all", [])
        if q["type"] == "unanswerable":
            if any_ or all_ or q["multi_doc"]:
                problems.append(f"{qid}: unanswerable must have no answers and multi_doc false")
            continue
        if not any_:
            problems.append(f"{qid}: answerable with empty answer_any")
        for a in any_ + all_:
            if a.lower() not in union:
                problems.append(f"{qid}: answer {a!r} not in {q['docs']}")
        if q["multi_doc"]:
            if len(q["docs"]) < 2:
                problems.append(f"{qid}: multi_doc with fewer than two documents")
            for d, t in hay.items():
                if not any(a.lower() in t for a in any_ + all_):
                    problems.append(f"{qid}: multi_doc, but {d} holds no answer string")
        elif len(q["docs"]) != 1:
            problems.append(f"{qid}: single-document question cites {len(q['docs'])} documents")
    return qs


def check_paths():
    for fn in sorted(os.listdir(HERE)):
        if fn.endswith((".jsonl", ".json", ".md")):
            t = open(os.path.join(HERE, fn), encoding="utf-8").read()
            m = LOCAL_PATH.search(t)
            if m:
                problems.append(
                    f"{fn}: mentions a local path near {t[m.start() : m.start() + 30]!r}"
                )


def main():
    texts = read_docs()
    qs = check_questions(texts)
    check_paths()
    print(f"documents: {len(texts)}")
    print(
        f"questions: {len(qs)}  "
        + ", ".join(
            f"{k} {v}" for k, v in sorted(collections.Counter(q["type"] for q in qs).items())
        )
    )
    print(
        f"  multi_doc {sum(q['multi_doc'] for q in qs)}, follow-ups {sum('after' in q for q in qs)}, "
        f"documents cited: {sorted({d for q in qs for d in q['docs']})}"
    )
    if problems:
        print(f"\nFAIL: {len(problems)} problem(s)")
        for p in problems:
            print("  -", p)
        sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
