"""The `clusterkb` command. Each subcommand is a thin shell over KnowledgeBase.

Exit codes: 0 success, 1 a failure the message explains (not found, bad input, store error),
2 a usage error (argparse), 3 `ask` of one question that the KB could not answer (it said so).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kb.config import Settings

if TYPE_CHECKING:
    from clusterkb.service import KnowledgeBase
from kb.errors import ClusterKBError, InputError, NotFound

RELATIONS_SHOWN = 15  # per relation in text output; --json lists all
# Earlier blind sets that became development sets once their first runs were recorded
# (tests/unseenN/README.md): fit-qa learns from them too; their documents must be ingested.
DEV_QUESTION_SETS = [
    Path(__file__).resolve().parent.parent / "tests" / f"unseen{n}" / "questions.jsonl"
    for n in (2, 3, 4, 29, 30, 31, 32, 33, 34)
]


def _print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_build(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    data = Path(args.data) if args.data else None
    docs = Path(args.docs) if args.docs else None
    if args.fresh:
        report, gone = kb.rebuild(data, docs, progress=_progress, documents=not args.no_docs)
        for name in gone:
            _progress(f"not read again, its file is gone: {name}")
    else:
        report = kb.build(data, docs, progress=_progress, documents=not args.no_docs)
    _prepare(kb, ask=False)  # sentence and name vectors, cached for every later command
    if args.json:
        _print_json(report.to_dict())
        return 0
    s = report.stats
    print(f"built in {report.seconds:.1f}s: {s['nodes']} nodes, {s['edges']} edges")
    if report.documents is not None:
        d = report.documents
        print(
            f"  documents: {len(d.added)} added, {len(d.replaced)} replaced, "
            f"{len(d.unchanged)} unchanged, {len(d.failed)} failed"
        )
    for r in report.sources:
        print(
            f"  {r.name:<28} {r.rows:>6} rows  {r.nodes:>6} nodes  {r.edges:>6} edges"
            f"  {len(r.skipped):>4} skipped"
        )
    unplaced = [c for c in report.corrected if "could not be placed" in c.reason]
    state_only = [c for c in report.corrected if " only — district" in c.reason]
    other = [c for c in report.corrected if c not in unplaced and c not in state_only]
    if other:
        print(f"corrected or completed {len(other)} rows (--json lists all):")
        for c in other[:10]:
            print(f"  {c}")
    if state_only:
        print(f"cluster registry: {len(state_only)} rows placed in their state only, no LGD "
              "district found (--json lists all)")  # fmt: skip
    if unplaced:
        print(f"cluster registry: {len(unplaced)} rows could not be placed (kept, unlinked):")
        for c in unplaced:
            print(f"  {c}")
    if report.skipped:
        print(f"skipped {len(report.skipped)} rows (the rest was built):")
        for s in report.skipped:
            print(f"  {s}")
    return 0


def cmd_doctor(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    report = kb.doctor()
    if args.json:
        _print_json(report)
        return 0
    if not report["dropped"]:
        print(f"the journal verifies: {report['records_kept']} records; "
              f"{report['nodes']} nodes, {report['edges']} edges")  # fmt: skip
        return 0
    for d in report["dropped"]:
        print(f"dropped the {d['bytes']} bytes at offset {d['offset']}: they do not verify")
    if report["missing_batches"]:
        print(f"batches lost with them: {', '.join(map(str, report['missing_batches']))} "
              "(re-ingest the documents they wrote)")  # fmt: skip
    print(f"kept {report['records_kept']} records that verify; the original journal is at "
          f"{report['backup']}; now {report['nodes']} nodes, {report['edges']} edges")  # fmt: skip
    return 0


def cmd_stats(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    stats = kb.stats().to_dict()
    # Cluster nodes that carry a registry row as provenance (and how many a document also names)
    registry = [n for n in kb.store.nodes("Cluster")
                if any(p.source == "data/clusters/clusters.csv" for p in n.provenance)]  # fmt: skip
    stats["registry_clusters"] = len(registry)
    stats["registry_clusters_also_in_documents"] = sum(
        1 for n in registry if any(p.source.startswith("doc:") for p in n.provenance)
    )
    if args.json:
        _print_json(stats)
        return 0
    if stats["nodes"] == 0:
        print(f"the knowledge base at {kb.settings.home} is empty; run `clusterkb build`")
        return 0
    print(f"{stats['nodes']} nodes, {stats['edges']} edges  ({kb.settings.home})")
    for t, n in stats["nodes_by_type"].items():
        print(f"  {t:<24} {n:>7}")
        if t == "Cluster":
            print(f"    from the registry (a row as provenance) {stats['registry_clusters']:>5}; "
                  f"also in a document {stats['registry_clusters_also_in_documents']}")  # fmt: skip
    for r, n in stats["edges_by_relation"].items():
        print(f"  {r:<24} {n:>7}")
    return 0


def cmd_show(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    view = kb.entity(args.name)
    if args.json:
        _print_json(view.to_dict())
        return 0
    n = view.node
    print(f"{n.name}  ({n.type}, {n.id})")
    numbers = [
        (k.split("@", 1)[1], q)
        for k, v in n.attrs.items()
        if k.startswith("quantities@")
        for q in v
    ]
    for k, v in sorted(n.attrs.items()):
        if k.startswith("quantities@"):
            continue
        if v not in (None, [], ""):
            text = v if not isinstance(v, list) else "; ".join(map(str, v))
            print(f"  {k}: {str(text)[:200]}")
    if n.aliases:
        print(f"  also known as: {', '.join(n.aliases)}")
    if numbers:
        print("  numbers:")
        for doc, q in numbers:
            print(f"    {q['text']:<28} [{doc} sentence {q['sentence']}]")
    groups: dict[tuple[str, str, str], list[Any]] = {}
    for r in view.relations:
        groups.setdefault((r.relation, r.direction, r.via or ""), []).append(r)
    for (rel, direction, via), items in groups.items():
        arrow = "->" if direction == "out" else "<-"
        print(f"  {rel} {arrow}" + (f"   (via {via})" if via else ""))
        for r in items[:RELATIONS_SHOWN]:
            src = r.edge.provenance[0]
            print(f"    {r.node.name} ({r.node.type})   [{src.source} {src.locator}]")
        if len(items) > RELATIONS_SHOWN:
            print(f"    ... and {len(items) - RELATIONS_SHOWN} more (--json lists all)")
    print("  sources:")
    for p in n.provenance[:5]:
        print(f"    {p.source} {p.locator}: {p.text[:160]}")
    if view.other_matches:
        others = ", ".join(f"{m.name} ({m.type})" for m in view.other_matches[:5])
        print(f"  other matches: {others}")
    return 0


def cmd_path(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    view = kb.path(args.source, args.target, args.max_hops)
    if args.json:
        _print_json(view.to_dict())
        return 0
    print(f"{view.source.name} -> {view.target.name}: {len(view.edges)} hops")
    for e in view.edges:
        p = e.provenance[0]
        print(
            f"  {view.names[e.source]} -[{e.relation}]-> {view.names[e.target]}"
            f"   [{p.source} {p.locator}]"
        )
    return 0


def _neo4j(kb: KnowledgeBase) -> Any:
    from kb.store import open_store

    if not kb.settings.neo4j_uri:
        raise InputError("set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)")
    return open_store(replace(kb.settings, store="neo4j"))


def _memory(kb: KnowledgeBase) -> Any:
    from kb.store import open_store

    return open_store(replace(kb.settings, store="memory"))


def cmd_export(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    from kb.store.transfer import copy_graph

    source, target = _memory(kb), _neo4j(kb)
    stats = copy_graph(source, target, _progress)
    print(f"exported {stats.nodes} nodes and {stats.edges} edges to {kb.settings.neo4j_uri}")
    return 0


def cmd_import(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    from kb.store.transfer import copy_graph

    source, target = _neo4j(kb), _memory(kb)
    stats = copy_graph(source, target, _progress)
    kb.stamp_import(kb.settings.neo4j_uri or "neo4j")
    print(f"imported {stats.nodes} nodes and {stats.edges} edges into {kb.settings.home}")
    return 0


def cmd_ingest(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    report = kb.ingest([Path(p) for p in args.paths], progress=_progress)
    if report.added or report.replaced:
        _prepare(kb, ask=False)  # vectors of the new sentences, cached for later commands
    if args.json:
        _print_json(report.to_dict())
    else:
        print(
            f"{len(report.added)} added, {len(report.replaced)} replaced, "
            f"{len(report.unchanged)} unchanged, {len(report.failed)} failed "
            f"({report.sentences} sentences in {report.seconds:.1f}s)"
        )
        for f in report.failed:
            print(f"  failed: {f}")
    return 1 if report.failed and not (report.added or report.replaced or report.unchanged) else 0


def cmd_forget(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    nodes, edges = kb.forget(args.doc)
    print(f"forgot {args.doc}: removed {nodes} nodes and {edges} relations only it supported")
    return 0


def cmd_eval_extract(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    from clusterkb.evaluate import evaluate

    gold = Path(args.gold) if args.gold else kb.settings.data_dir / "eval" / "extract"
    result = evaluate(kb.store, gold)
    if args.json:
        _print_json(result)
        return 0
    print(f"{'document':<48} {'ent P':>6} {'ent R':>6} {'rel P':>6} {'rel R':>6}")
    for name, d in result["documents"].items():
        e, r = d["entities"], d["relations"]
        print(
            f"{name:<48} {e['precision']:>6.2f} {e['recall']:>6.2f} {r['precision']:>6.2f} {r['recall']:>6.2f}"
        )
    e, r = result["entities"], result["relations"]
    print(
        f"{'all (micro)':<48} {e['precision']:>6.2f} {e['recall']:>6.2f} {r['precision']:>6.2f} {r['recall']:>6.2f}"
    )
    print(
        f"entities: {e['extracted']} extracted, {e['gold']} gold; relations: {r['extracted']} extracted, {r['gold']} gold"
    )
    if args.verbose:
        for name, d in result["documents"].items():
            print(f"== {name}")
            for kind in ("entities", "relations"):
                for fp in d[kind]["false_positives"]:
                    print(f"  extra {kind[:3]}: {fp}")
                for m in d[kind]["missed"]:
                    print(f"  missed {kind[:3]}: {m}")
    return 0


def cmd_ask(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    if args.question == "-":  # one question per line, one JSON object per line; model loaded once
        for line in sys.stdin:
            if not line.strip():
                continue
            question, history = _question_line(line.strip())
            try:
                out = kb.ask(question, history).to_dict()
            except ClusterKBError as e:
                out = {"question": question, "error": str(e), "answered": False}
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return 0
    answer = kb.ask(args.question)
    if args.json:
        _print_json(answer.to_dict())
        return 0
    print(answer.answer)
    for c in answer.citations:
        print(f"  [{c.document} {getattr(c, 'locator', '')}] {c.text[:200]}")
    return 0 if answer.answered else 3


def _question_line(line: str) -> tuple[str, list[Any] | None]:
    """A stdin line of `ask -`: plain text is one question on its own; a JSON object
    {"question": ..., "history": [earlier questions, oldest first]} is a turn of a conversation."""
    if line.startswith("{"):
        try:
            data = json.loads(line)
        except ValueError:
            return line, None
        if isinstance(data, dict) and isinstance(data.get("question"), str):
            history = data.get("history")
            return data["question"], list(history) if isinstance(history, list) else None
    return line, None


def _bar(done: int, total: int, started: float) -> None:
    """A progress bar on stderr: redrawn in place on a terminal, every 10% otherwise."""
    width = 30
    fill = width * done // max(total, 1)
    line = (
        f"[{'#' * fill}{'.' * (width - fill)}] {done}/{total}  {time.monotonic() - started:.0f} s"
    )
    if sys.stderr.isatty():
        print("\r" + line, end="" if done < total else "\n", file=sys.stderr, flush=True)
    elif done == total or done % max(1, total // 10) == 0:
        print(line, file=sys.stderr, flush=True)


def cmd_recommend(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    if args.all:
        if not args.out:
            raise InputError("--all writes a CSV file: give --out FILE.csv")
        out = Path(args.out)
        tmp = out.with_name(out.name + ".part")
        started = time.monotonic()
        with tmp.open("w", encoding="utf-8", newline="") as f:
            counts = kb.recommend_all(f, args.top, lambda d, t: _bar(d, t, started))
        tmp.replace(out)  # a crash leaves no half-written FILE.csv
        print(
            f"wrote {counts['rows']} rows for {counts['pairs']} district-product pairs "
            f"to {out} in {time.monotonic() - started:.1f} s"
        )
        return 0
    if not (args.district and args.product):
        raise InputError("give --district and --product (or --all --out FILE.csv)")
    result = kb.recommend(args.district, args.product, args.state, args.context).to_dict()
    if args.json:
        _print_json(result)
        return 0
    print(
        f"Partners for {result['product']} in {result['district']['name']}"
        + (f" ({result['sector']})" if result["sector"] else "")
    )
    if result["note"]:
        print(f"  note: {result['note']}")
    print(f"  the KB knows: {result['coverage']}")
    if result["existing_cluster"]:
        print(f"  existing cluster: {result['existing_cluster']['name']}")
        print(f"  its value-chain gaps (filled first): {', '.join(result['gaps']) or 'none'}")
    else:
        print(
            f"  stages with no known actor for this product: {', '.join(result['gaps']) or 'none'}"
        )
    from kb.recommend import KINDS

    for kind in KINDS:
        print(f"  {kind.replace('_', ' ')}:")
        for item in result[kind][:5]:
            where = f" [{item['place']}]" if item.get("place") else ""
            print(f"    {item['score']:.2f}  {item['name']}{where}  — {item['why']}")
        if not result[kind]:
            print(f"    ({result['empty'].get(kind) or 'none known'})")
        if kind == "model_clusters" and result["peer_districts"]:
            peers = ", ".join(f"{p['name']} ({p['place']})" for p in result["peer_districts"][:8])
            print(f"  peer districts with the same ODOP product: {peers}")
    return 0


def cmd_gaps(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    result = kb.gaps(args.cluster).to_dict()
    if args.json:
        _print_json(result)
        return 0
    print(f"Value chain of {result['cluster']['name']}")
    for st in result["stages"]:
        actors = ", ".join(
            a["name"] + (f" (via {a['via']})" if a["via"] else "") for a in st["actors"]
        )
        print(f"  {st['stage']:<16} {'GAP — ' + st['meaning'] if st['gap'] else actors}")
    return 0


def cmd_eval_recommend(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    from clusterkb.evaluate import (
        evaluate_cluster_links,
        evaluate_document_clusters,
        evaluate_gi_prediction,
        evaluate_ministry_prediction,
    )

    ministry = evaluate_ministry_prediction(kb)
    gi = evaluate_gi_prediction(kb)
    links = evaluate_cluster_links(kb)
    documents = evaluate_document_clusters(kb)
    if args.json:
        _print_json({"ministry": ministry, "gi": gi, "cluster_links": links,
                     "document_clusters": documents})  # fmt: skip
        return 0
    print("Leave-one-out: hide a known link, predict it; a baseline in the same run")
    print(f"  {'held-out link':<40} {'cases':>5}  {'hit@1':>6} {'hit@5':>6} {'MRR':>6}"
          f"   {'baseline hit@1':>14} {'hit@5':>6} {'MRR':>6}")  # fmt: skip
    kinds = links["kinds"]
    table = [
        (f"ODOP ministry/department ({ministry['ministries']})", ministry["cases"],
         ministry["model"], ministry["baseline"]),
        (f"ODOP product GI ({gi['labels']} GIs)", gi["cases"], gi["model"], gi["baseline"]),
        ("(a) registry cluster's scheme", kinds["schemes"]["cases"], kinds["schemes"]["model"],
         kinds["schemes"]["baseline"]),
        ("(a) ... against nearest first [2]", kinds["schemes"]["cases"],
         kinds["schemes"]["model"], kinds["schemes"]["baseline_nearest"]),
        ("(a) ... if its source were known [1]", kinds["schemes"]["cases"],
         kinds["schemes"]["source_known"], kinds["schemes"]["baseline"]),
        ("(b) its implementing agency", kinds["agencies"]["cases"], kinds["agencies"]["model"],
         kinds["agencies"]["baseline"]),
        ("(b) ... against nearest first [2]", kinds["agencies"]["cases"],
         kinds["agencies"]["model"], kinds["agencies"]["baseline_nearest"]),
        ("(c) same-product model cluster", kinds["model_clusters"]["cases"],
         kinds["model_clusters"]["model"], kinds["model_clusters"]["baseline"]),
        ("(c) ... without the thesaurus tier", kinds["model_clusters"]["cases"],
         kinds["model_clusters"]["model_without_thesaurus"], kinds["model_clusters"]["baseline"]),
    ]  # fmt: skip
    for label, cases, m, b in table:
        print(f"  {label:<40} {cases:>5}  {m['hit@1']:>6.3f} {m['hit@5']:>6.3f} {m['mrr']:>6.3f}"
              f"   {b['hit@1']:>14.3f} {b['hit@5']:>6.3f} {b['mrr']:>6.3f}")  # fmt: skip
    print(
        f"  (a), (b): the plan's model fitted on one half of the {links['registry_clusters']} "
        "registry clusters, cases ranked on the other, both ways; baselines: popularity "
        "(ministry, GI, a, b), nearest first (c)"
    )
    print("  [1] a diagnostic, not a method: the schemes of the other half's rows from the same "
          "source document first (a planner does not know the source)")  # fmt: skip
    print("  [2] the same model against a second baseline: the other half's schemes (agencies) "
          "of the nearest clusters first")  # fmt: skip
    top = documents["top"]
    print(f"(d) a document's cluster among the top {top} model clusters of the plan for its "
          f"ODOP product (its district, else the nearest district with it): "
          f"{documents['hits']} of {documents['cases']} ({documents[f'hit@{top}']:.3f}); "
          f"{documents['no_odop_match']} document clusters match no ODOP product")  # fmt: skip
    per_doc: dict[str, list[int]] = {}
    for case in documents["details"]:
        for doc in case["documents"]:
            per_doc.setdefault(doc, [0, 0])[0] += case["hit"]
            per_doc[doc][1] += 1
    for doc, (hits, cases) in sorted(per_doc.items()):
        print(f"  {doc:<60} {hits:>3} of {cases:>3}")
    return 0


def cmd_search(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    passages = kb.search(args.query, args.k)
    if args.json:
        _print_json([p.to_dict() for p in passages])
        return 0
    for p in passages:
        print(f"{p.score:.4f}  [{p.document} sentence {p.sentence}]  {p.text}")
    return 0


def cmd_eval_qa(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    from clusterkb.evaluate import evaluate_qa

    path = (
        Path(args.questions)
        if args.questions
        else kb.settings.data_dir / "eval" / "qa" / "questions.jsonl"
    )
    result = evaluate_qa(kb, path)
    if args.json:
        _print_json(result)
        return 0
    for r in result["results"]:
        if args.verbose or not r["ok"]:
            print(f"{'ok ' if r['ok'] else 'BAD'} {r['question']}\n      -> {r['answer'][:160]}")
    print(
        f"accuracy {result['accuracy']:.3f}: {result['correct']}/{result['questions']} correct; "
        f"{result['abstained_correctly']}/{result['unanswerable']} unanswerable questions abstained"
    )
    return 0


def cmd_fit_qa(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    from clusterkb.fitqa import fit, fit_only

    files = [Path(f) for f in args.questions] or [
        kb.settings.data_dir / "eval" / "devset" / "questions.jsonl",
        kb.settings.data_dir / "eval" / "qa" / "questions.jsonl",
        *DEV_QUESTION_SETS,
        kb.settings.data_dir / "eval" / "corpus_dev" / "questions.jsonl",
        kb.settings.data_dir / "eval" / "devset_more" / "questions.jsonl",
        kb.settings.data_dir / "eval" / "corpus_dev2" / "questions.jsonl",
    ]
    missing = [f for f in files if not f.is_file()]
    if missing:
        raise InputError(f"no question file {missing[0]}")
    kwargs = {"out": Path(args.out)} if args.out else {}
    if args.only:
        try:
            result = fit_only(kb, files, args.only, progress=_progress, **kwargs)
        except ValueError as e:
            raise InputError(str(e)) from None
    else:
        result = fit(kb, files, progress=_progress, **kwargs)
    if args.json:
        _print_json(result)
        return 0
    if args.only:
        print(
            f"refitted {', '.join(sorted(set(args.only)))} on "
            f"{result['refitted_only_accuracy_on_fitted_questions']:.3f} of the questions "
            f"({result['refitted_only_accuracy_5fold_held_out']:.3f} with only those weights "
            f"held out); the rest of the model kept"
        )
        return 0
    print(
        f"fitted on {result['questions']} questions ({result['candidates']} candidates, "
        f"{result['positives']} holding an answer): threshold {result['threshold']}; "
        f"{result['accuracy_on_fitted_questions']:.3f} on those questions, "
        f"{result['accuracy_5fold_held_out']:.3f} held out (5 folds by question)"
    )
    return 0


SHUTDOWN_GRACE = 5  # seconds in-flight requests get after SIGTERM


WARMED_UP = "plans warmed up"  # logged when the warm-up after listening ends (bench/load.py)


def _warm_up(kb: KnowledgeBase) -> None:
    started = time.perf_counter()
    try:
        kb.warm_up()
    except Exception as e:  # a failed warm-up only means the first plan is slower
        _progress(f"warm-up failed ({type(e).__name__}: {e}); continuing")
        return
    _progress(f"{WARMED_UP} in {time.perf_counter() - started:.1f} s")


def _prepare(kb: KnowledgeBase, ask: bool) -> None:
    """Models, indexes and vectors loaded (and vectors cached on disk) now, with a log line,
    rather than on the first question."""
    import time

    started = time.perf_counter()
    _progress("loading the embedding model, indexes and vectors")
    try:
        took = kb.prepare(_progress, ask=ask)
    except Exception as e:  # a failed warm-up only means the first question is slower
        _progress(f"loading models and indexes failed ({type(e).__name__}: {e}); continuing")
        return
    parts = ", ".join(f"{k} {v:.1f}s" for k, v in took.items())
    _progress(f"models and indexes ready in {time.perf_counter() - started:.1f}s ({parts})")


def _rebuild_if_stale(kb: KnowledgeBase) -> None:
    """A KB another version of clusterkb built, or built from data changed since, is rebuilt
    before serving, the user's own documents read again from their files; so is one built
    before builds were stamped that holds the bundled corpus and nothing of the user's. It is
    kept as it is, with a line saying how to rebuild it, when a file of one of its documents is
    gone, or when nothing says a build made it (written by other means). An imported KB is
    never rebuilt."""
    why = kb.stale()
    if why is None:
        return
    gone = [name for name, path in kb.own_documents() if not path.is_file()]
    if gone or not (kb.stamped() or kb.built_by_clusterkb()):
        because = (
            f"the files of {len(gone)} of its documents are gone "
            f"({', '.join(gone[:3])}{', ...' if len(gone) > 3 else ''})"
            if gone
            else "nothing shows that a build of clusterkb made it"
        )
        _progress(
            f"the knowledge base may be out of date ({why}); it is not rebuilt by itself "
            f"because {because}: `clusterkb build --fresh` rebuilds it"
            + (" without them" if gone else "")
        )
        return
    _progress(f"rebuilding the knowledge base: {why}")
    kb.rebuild(progress=_progress)


def cmd_serve(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    from clusterkb.server import MALLOC_ARENAS, cap_malloc_arenas, create_server, serve

    if cap_malloc_arenas():  # before any thread: memory stays steady under load
        _progress(f"malloc arenas capped at {MALLOC_ARENAS} (set MALLOC_ARENA_MAX to choose)")

    if kb.is_empty():
        _progress("the knowledge base is empty; building it from the bundled data first")
        kb.build(progress=_progress)
    else:
        _rebuild_if_stale(kb)
    import logging

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.host not in ("0.0.0.0", "::") and args.host not in kb.settings.allowed_hosts:
        # the address the server binds is a name its clients use
        kb.settings = replace(kb.settings, allowed_hosts=(*kb.settings.allowed_hosts, args.host))
    elif args.host in ("0.0.0.0", "::") and "*" not in kb.settings.allowed_hosts:
        _progress(
            "answering only for the host names in CLUSTERKB_ALLOWED_HOSTS "
            f"({', '.join(kb.settings.allowed_hosts)}); add the names clients use"
        )
    kb.rebuild_after_writes = True  # requests never wait for a rebuild after a write
    # Load the embedding model, the indexes and the question answerer before listening, so
    # the first question is as fast as the second.
    _prepare(kb, ask=True)
    # What only plans need (every cluster's facts, the ODOP rows' vectors for a product the
    # list does not name: a minute of encoding on 2 cores) is built after the server listens;
    # a plan asked for meanwhile reuses what is done (the embedder keeps its vectors).
    threading.Thread(target=_warm_up, args=(kb,), daemon=True).start()
    app = create_server(kb, ui=not args.no_ui)
    _progress(f"serving on http://{args.host}:{args.port}/ (API under /api/v1, docs at /docs)")
    # On SIGTERM uvicorn stops taking requests and waits SHUTDOWN_GRACE seconds for those in
    # flight. Their deadlines are cut to end before that (clusterkb.server.serve), so an answer,
    # a plan or a preview stops and its client gets a 503 saying the server is stopping; work
    # still running then (a long ingest in a worker thread) is abandoned: a document is
    # committed whole or not at all, so stopping loses no committed write.
    serve(app, args.host, args.port, SHUTDOWN_GRACE)
    busy = [
        t for t in threading.enumerate() if t is not threading.current_thread() and not t.daemon
    ]
    if busy:
        _progress(f"stopped with {len(busy)} requests unfinished; their writes were not committed")
        kb.close()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    return 0


def cmd_mcp(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    from clusterkb.mcp import serve_stdio

    if kb.is_empty():
        _progress("the knowledge base is empty; building it from the bundled data first")
        kb.build(progress=_progress)
    serve_stdio(kb)  # stdout is the protocol's: messages go to stderr
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="clusterkb",
        description="Knowledge base of India's MSME clusters, ODOP products, schemes and agencies.",
    )
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the KB from the bundled data")
    b.add_argument("--data", help="data folder (default: the bundled data/)")
    b.add_argument("--docs", help="documents folder (default: the bundled data/corpus)")
    b.add_argument("--no-docs", action="store_true", help="build from the tables only")
    b.add_argument(
        "--fresh",
        action="store_true",
        help="withdraw every fact first, then read every document again (the corpus, and your "
        "own from their files): what a new version of clusterkb extracts",
    )
    b.add_argument("--json", action="store_true")
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("stats", help="counts of nodes by type and edges by relation")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_stats)

    sh = sub.add_parser("show", help="an entity, its attributes, relations and sources")
    sh.add_argument("name", help="a name, alias or id (fuzzy spelling is tolerated)")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(func=cmd_show)

    pa = sub.add_parser("path", help="shortest linkage path between two entities")
    pa.add_argument("source")
    pa.add_argument("target")
    pa.add_argument("--max-hops", type=int, default=6)
    pa.add_argument("--json", action="store_true")
    pa.set_defaults(func=cmd_path)

    ig = sub.add_parser("ingest", help="add documents (.txt .md .html .pdf or folders); idempotent")
    ig.add_argument("paths", nargs="+")
    ig.add_argument("--json", action="store_true")
    ig.set_defaults(func=cmd_ingest)

    fg = sub.add_parser("forget", help="remove a document and the facts only it supported")
    fg.add_argument("doc", help="document id (doc:NAME) or NAME")
    fg.set_defaults(func=cmd_forget)

    ev = sub.add_parser("eval-extract", help="extraction precision/recall on the gold set")
    ev.add_argument("--gold", help="gold folder (default data/eval/extract)")
    ev.add_argument("--json", action="store_true")
    ev.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    ev.set_defaults(func=cmd_eval_extract)

    eq = sub.add_parser("eval-qa", help="question-answering accuracy on a question set")
    eq.add_argument("--questions", help="JSON-lines file (default data/eval/qa/questions.jsonl)")
    eq.add_argument("--json", action="store_true")
    eq.add_argument("-v", "--verbose", action="store_true")
    eq.set_defaults(func=cmd_eval_qa)

    fq = sub.add_parser(
        "fit-qa",
        help="fit the answer scorer on question sets (the KB must hold their documents)",
    )
    fq.add_argument(
        "questions",
        nargs="*",
        help="question files (default: devset, data/eval/qa, unseen2-4, unseen29-34, corpus_dev, "
        "devset_more, corpus_dev2)",
    )
    fq.add_argument("--out", help="where to write the model (default kb/qa_model.json)")
    fq.add_argument(
        "--only",
        action="append",
        metavar="FEATURE",
        help="fit only this feature's weight (repeatable), keeping the rest of the model at --out",
    )
    fq.add_argument("--json", action="store_true")
    fq.set_defaults(func=cmd_fit_qa)

    ak = sub.add_parser("ask", help='one question ("-": one per stdin line, JSON lines out)')
    ak.add_argument("question")
    ak.add_argument("--json", action="store_true")
    ak.set_defaults(func=cmd_ask)

    rc = sub.add_parser("recommend", help="replication partners for a district's ODOP product")
    rc.add_argument("--district")
    rc.add_argument("--product")
    rc.add_argument("--state")
    rc.add_argument("--context", help="an existing cluster's name, or words about the cluster")
    rc.add_argument("--json", action="store_true")
    rc.add_argument("--all", action="store_true", help="every ODOP district-product pair")
    rc.add_argument("--out", help="the CSV file --all writes")
    rc.add_argument("--top", type=int, default=5, help="items per kind with --all")
    rc.set_defaults(func=cmd_recommend)

    gp = sub.add_parser("gaps", help="a cluster's value-chain stages and those with no actor")
    gp.add_argument("cluster")
    gp.add_argument("--json", action="store_true")
    gp.set_defaults(func=cmd_gaps)

    er = sub.add_parser("eval-recommend", help="leave-one-out evaluation of recommendation signals")
    er.add_argument("--json", action="store_true")
    er.set_defaults(func=cmd_eval_recommend)

    se = sub.add_parser("search", help="the sentences that best match a query (hybrid retrieval)")
    se.add_argument("query")
    se.add_argument("-k", type=int, default=5)
    se.add_argument("--json", action="store_true")
    se.set_defaults(func=cmd_search)

    ex = sub.add_parser("export", help="copy the KB at CLUSTERKB_HOME to the NEO4J_URI server")
    ex.add_argument("--to", choices=["neo4j"], required=True)
    ex.set_defaults(func=cmd_export)

    im = sub.add_parser("import", help="replace the KB at CLUSTERKB_HOME with the NEO4J_URI one")
    im.add_argument("--from", dest="source", choices=["neo4j"], required=True)
    im.set_defaults(func=cmd_import)

    dr = sub.add_parser(
        "doctor",
        help="check the store's journal; keep every record that verifies (original kept)",
    )
    dr.add_argument("--json", action="store_true")
    dr.set_defaults(func=cmd_doctor)

    sv = sub.add_parser("serve", help="run the web UI and HTTP API")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=7860)
    sv.add_argument("--no-ui", action="store_true", help="serve the API only")
    sv.set_defaults(func=cmd_serve)

    mc = sub.add_parser("mcp", help="serve the KB's tools to AI assistants over MCP (stdio)")
    mc.set_defaults(func=cmd_mcp)
    return p


def main(argv: list[str] | None = None) -> int:
    # One BLAS thread per process unless told otherwise: the matrices of one question are
    # small, and on a machine whose cores are busy two threads mostly wait for each other
    # (measured: a question's spaCy and MiniLM work ~2x faster on one). Read when numpy
    # loads, so set before the service is imported.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    args = parser().parse_args(argv)
    try:
        from clusterkb.service import KnowledgeBase

        kb = KnowledgeBase(Settings.from_env())
        try:
            return int(args.func(kb, args))
        finally:
            kb.close()
    except NotFound as e:
        hint = f" Did you mean: {', '.join(e.suggestions)}?" if e.suggestions else ""
        print(f"clusterkb: {e}.{hint}", file=sys.stderr)
        return 1
    except ClusterKBError as e:
        print(f"clusterkb: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and cut off: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
