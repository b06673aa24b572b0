#!/usr/bin/env python3
"""Consistency check for the unseen4 evaluation set (stdlib only; it reads files, it runs nothing).

    python3 tests/unseen4/check.py [SET_DIR]   (another set of the same layout: tests/unseen5)

Checks, in the spirit of the development set's validate.py:
  * every docs/NN_slug.txt has `SOURCE: <url>`, `TITLE: <title>`, an optional `DATE: <date>`,
    a blank line and a non-empty body;
  * questions.jsonl: keys, unique ids, known types, known documents, `after` names an earlier
    question; every answer_any / answer_all string occurs (case-insensitively) in the union of
    the question's documents; unanswerable questions have no answers; multi_doc questions cite
    two or more documents and each of them holds at least one answer string;
  * extract_gold/*.json: parses; `doc` names a document and `source` is its SOURCE line; every
    cluster has the agreed keys and its evidence sentence occurs in the document; every scheme,
    agency, anchor, buyer and supplier of a cluster is listed in `entities`; every entity (or one
    of its aliases, from the cluster or from aliases.json) occurs in the document;
    every agency role is one of the devset's roles; every document has a gold file;
  * gold_clusters.jsonl, when present (unseen4 has none: its gold is extract_gold/ only): one line
    per document, cluster names as in extract_gold, every `numbers` value and `place` in the document;
  * no file mentions a local filesystem path.
Prints counts and exits 1 when something is wrong.
"""

import collections
import json
import os
import re
import sys

HERE = (
    os.path.abspath(sys.argv[1])
    if len(sys.argv) > 1
    else os.path.dirname(os.path.abspath(__file__))
)
DOCS = os.path.join(HERE, "docs")
GOLD = os.path.join(HERE, "extract_gold")
TYPES = {"lookup", "relation", "count", "list", "aggregate", "path", "unanswerable"}
QKEYS = {"id", "docs", "question", "answer_any", "type", "multi_doc"}
QOPT = {"answer_all", "after"}
CKEYS = {
    "name",
    "aliases",
    "state",
    "district",
    "product",
    "place_words",
    "product_words",
    "schemes",
    "agencies",
    "anchors",
    "buyers",
    "suppliers",
    "facilities",
    "evidence",
}
ROLES = {
    "implementing",
    "nodal",
    "technical",
    "funding",
    "financing",
    "training",
    "partner",
    "administering",
}
LOCAL_PATH = re.compile(r"(?<![\w.])/(?:work|tmp|home|root|mnt|Users)/")
problems = []


def norm(s):
    return " ".join(s.lower().split())


def read_docs():
    texts, sources = {}, {}
    for name in sorted(os.listdir(DOCS)):
        if not re.fullmatch(r"\d\d_[a-z0-9_]+\.txt", name):
            problems.append(f"{name}: name is not NN_slug.txt")
            continue
        text = open(os.path.join(DOCS, name), encoding="utf-8").read()
        lines = text.split("\n")
        if not lines[0].startswith("SOURCE: http"):
            problems.append(f"{name}: first line must be 'SOURCE: <url>'")
        if len(lines) < 2 or not lines[1].startswith("TITLE: ") or len(lines[1]) < 9:
            problems.append(f"{name}: second line must be 'TITLE: <title>'")
        start = 3 if len(lines) > 2 and lines[2].startswith("DATE: ") else 2
        if len(lines) <= start or lines[start] != "":
            problems.append(f"{name}: the header must be followed by a blank line")
        if not "\n".join(lines[start + 1 :]).strip():
            problems.append(f"{name}: empty body")
        texts[name] = text
        sources[name] = lines[0][len("SOURCE: ") :].strip()
    return texts, sources


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
        if qid in seen:
            problems.append(f"{qid}: duplicate id")
        if q["type"] not in TYPES:
            problems.append(f"{qid}: unknown type {q['type']}")
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


def check_gold(texts, sources):
    groups = json.load(open(os.path.join(GOLD, "aliases.json"), encoding="utf-8"))["groups"]
    galias = {g["name"]: [g["name"], *g.get("aliases", [])] for g in groups}
    tot = collections.Counter()
    for f in sorted(os.listdir(GOLD)):
        if not f.endswith(".json") or f == "aliases.json":
            continue
        try:
            d = json.load(open(os.path.join(GOLD, f), encoding="utf-8"))
        except json.JSONDecodeError as e:
            problems.append(f"{f}: {e}")
            continue
        doc = d.get("doc")
        if doc not in texts or f != doc.replace(".txt", ".json"):
            problems.append(f"{f}: doc {doc!r} is not the matching file in docs/")
            continue
        if d.get("source") != sources[doc]:
            problems.append(f"{f}: source differs from the document's SOURCE line")
        text = norm(texts[doc])
        ents = d.get("entities", {})
        names = {t: set(ents.get(t, [])) for t in ("Scheme", "Agency", "Enterprise")}
        allnames = set().union(*names.values())
        local = {}
        for c in d["clusters"]:
            if CKEYS - c.keys():
                problems.append(f"{f} / {c.get('name')}: missing {sorted(CKEYS - c.keys())}")
            if norm(c.get("evidence", "")) not in text:
                problems.append(f"{f} / {c['name']}: evidence not found in the document")
            if not c.get("optional"):
                tot["clusters"] += 1
                tot["with district"] += bool(c["district"])
                tot["scheme links"] += len(c["schemes"])
                tot["agency links"] += len(c["agencies"])
                tot["anchors/buyers/suppliers"] += (
                    len(c["anchors"]) + len(c["buyers"]) + len(c["suppliers"])
                )
                tot["facilities"] += len(c["facilities"])
            else:
                tot["optional clusters"] += 1
            for s in c["schemes"]:
                if s not in names["Scheme"]:
                    problems.append(f"{f} / {c['name']}: scheme {s!r} not in entities")
            for a in c["agencies"]:
                if a.get("role") not in ROLES:
                    problems.append(
                        f"{f} / {c['name']}: agency {a['name']!r} has role {a.get('role')!r}"
                    )
                local.setdefault(a["name"], []).extend(a.get("aliases", []))
                if a["name"] not in allnames:
                    problems.append(f"{f} / {c['name']}: agency {a['name']!r} not in entities")
            for k in ("anchors", "buyers", "suppliers"):
                for e in c[k]:
                    if e not in names["Enterprise"]:
                        problems.append(f"{f} / {c['name']}: {k} {e!r} not an Enterprise entity")
        for t, ns in names.items():
            tot["entities " + t] += len(ns)
            for n in ns:
                cands = [n, *local.get(n, []), *galias.get(n, [])]
                if not any(norm(x) in text for x in cands):
                    problems.append(f"{f}: entity {n!r} (or an alias) not found in the document")
    tot["alias groups"] = len(groups)
    for doc in texts:
        if not os.path.exists(os.path.join(GOLD, doc.replace(".txt", ".json"))):
            problems.append(f"{doc}: no extract_gold file")
    return tot


def check_gold_clusters(texts):
    seen = {}
    for n, line in enumerate(open(os.path.join(HERE, "gold_clusters.jsonl"), encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"gold_clusters.jsonl line {n}: {e}")
            continue
        doc = d.get("doc")
        if doc not in texts or doc in seen:
            problems.append(f"gold_clusters.jsonl line {n}: unknown or repeated doc {doc!r}")
            continue
        seen[doc] = d
        text = norm(texts[doc])
        gold = json.load(open(os.path.join(GOLD, doc.replace(".txt", ".json")), encoding="utf-8"))
        if [c["name"] for c in d["clusters"]] != [c["name"] for c in gold["clusters"]]:
            problems.append(f"gold_clusters.jsonl {doc}: cluster names differ from extract_gold")
        for c in d["clusters"]:
            for k, v in c.get("numbers", {}).items():
                if norm(str(v)) not in text:
                    problems.append(
                        f"gold_clusters.jsonl {doc} / {c['name']}: number {k}={v!r} not in the document"
                    )
            if c.get("place") and norm(c["place"].split(",")[0]) not in text:
                problems.append(
                    f"gold_clusters.jsonl {doc} / {c['name']}: place {c['place']!r} not in the document"
                )
    for doc in texts:
        if doc not in seen:
            problems.append(f"gold_clusters.jsonl: no line for {doc}")
    return sum(len(d["clusters"]) for d in seen.values())


def check_paths():
    for root, _dirs, files in os.walk(HERE):
        for fn in files:
            if fn.endswith((".txt", ".jsonl", ".json", ".md")):
                t = open(os.path.join(root, fn), encoding="utf-8").read()
                m = LOCAL_PATH.search(t)
                if m:
                    problems.append(
                        f"{fn}: mentions a local path near {t[m.start() : m.start() + 30]!r}"
                    )


def main():
    texts, sources = read_docs()
    qs = check_questions(texts)
    tot = check_gold(texts, sources)
    has_gc = os.path.exists(os.path.join(HERE, "gold_clusters.jsonl"))
    ngc = check_gold_clusters(texts) if has_gc else None
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
    print("gold: " + ", ".join(f"{k} {v}" for k, v in tot.items()))
    if ngc is not None:
        print(f"gold_clusters.jsonl: {ngc} clusters")
    if problems:
        print(f"\nFAIL: {len(problems)} problem(s)")
        for p in problems:
            print("  -", p)
        sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
