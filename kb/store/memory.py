"""The embedded backend: a networkx MultiDiGraph in process, made durable by `journal.py`.

Writes apply to the in-memory graph at once (so a batch reads its own writes) and keep an
undo log; the batch commits by appending one journal record, or rolls back from the undo
log. Each write is reduced to primitive puts ("n", id, node|None) and ("e", key, edge|None),
which is what the journal stores and what replay applies, so replay cannot diverge from the
original write. Several processes may share one directory: writers serialise on an
exclusive lock and first catch up on what others committed; readers catch up under a
shared lock when the files have changed.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import sys
import threading
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kb.errors import StoreError
from kb.store.base import (
    Direction,
    Edge,
    EdgeKey,
    Neighbor,
    Node,
    Provenance,
    Stats,
    Subgraph,
    kept_aliases,
    validate_edge,
    validate_node,
    without_sources,
)
from kb.store.journal import DurableFiles, FileState, Record

log = logging.getLogger(__name__)

COMPACT_BYTES = 16 * 1024 * 1024


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a graph is decoded: each collection would scan
    every object made so far, which turns loading a million edges quadratic-ish in time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Decoder:
    """Snapshot and journal dicts to the store's objects, sharing what repeats.

    Ids, types, relations, sources and extractors are interned (an id is held once however
    many edges name it), and equal citations become one Provenance object (a table row that
    yields a node and its edges is kept once). The sharing is only of immutable values, so
    the store's objects behave exactly as `Node.from_dict` / `Edge.from_dict` would make them.
    """

    def __init__(self) -> None:
        self._citations: dict[tuple[Any, ...], Provenance] = {}

    @staticmethod
    def text(value: str) -> str:
        return sys.intern(value)

    def key(self, key: list[str]) -> EdgeKey:
        s, r, t = key
        return (sys.intern(s), sys.intern(r), sys.intern(t))

    def provenance(self, items: list[dict[str, Any]]) -> list[Provenance]:
        out = []
        for p in items:
            fields = tuple(p.get("fields", ()))
            k = (p["source"], p["locator"], p["text"], p["extractor"], p.get("confidence", 1.0),
                 fields)  # fmt: skip
            found = self._citations.get(k)
            if found is None:
                found = self._citations[k] = Provenance(
                    sys.intern(p["source"]),
                    p["locator"],
                    p["text"],
                    sys.intern(p["extractor"]),
                    float(p.get("confidence", 1.0)),
                    fields,
                )
            out.append(found)
        return out

    def node(self, d: dict[str, Any]) -> Node:
        return Node(
            sys.intern(d["id"]),
            sys.intern(d["type"]),
            d["name"],
            dict(d.get("attrs", {})),
            list(d.get("aliases", [])),
            self.provenance(d.get("provenance", [])),
        )

    def edge(self, d: dict[str, Any]) -> Edge:
        return Edge(
            sys.intern(d["source"]),
            sys.intern(d["relation"]),
            sys.intern(d["target"]),
            dict(d.get("attrs", {})),
            self.provenance(d.get("provenance", [])),
        )


class MemoryStore:
    """GraphStore over networkx; `home=None` keeps it in memory only (for unit tests)."""

    def __init__(self, home: Path | str | None, compact_bytes: int = COMPACT_BYTES):
        self._g: nx.MultiDiGraph = nx.MultiDiGraph()
        self._by_type: dict[str, set[str]] = defaultdict(set)
        self._files = DurableFiles(Path(home)) if home is not None else None
        self._state = FileState()
        self._compact_bytes = compact_bytes
        self._mutex = threading.RLock()
        self._depth = 0
        self._ops: list[Any] = []
        self._undo: list[tuple[str, Any, Any]] = []
        if self._files is not None:
            with self._files.locked(exclusive=False):
                self._refresh()

    # -- primitive state changes ------------------------------------------------------------

    def _apply_node(self, node_id: str, node: Node | None) -> None:
        old = self._g.nodes[node_id]["obj"] if node_id in self._g else None
        if old is not None:
            self._by_type[old.type].discard(node_id)
        if node is None:
            if node_id in self._g:
                self._g.remove_node(node_id)
            return
        self._g.add_node(node_id, obj=node)
        self._by_type[node.type].add(node_id)

    def _apply_edge(self, key: EdgeKey, edge: Edge | None) -> None:
        s, r, t = key
        if edge is None:
            if self._g.has_edge(s, t, key=r):
                self._g.remove_edge(s, t, key=r)
            return
        self._g.add_edge(s, t, key=r, obj=edge)

    def _put_node(self, node_id: str, node: Node | None) -> None:
        if not self._depth:
            raise StoreError("internal: a write outside a batch")
        prior = self._g.nodes[node_id]["obj"] if node_id in self._g else None
        self._undo.append(("n", node_id, prior))
        self._apply_node(node_id, node)
        self._ops.append(["n", node_id, None if node is None else node.to_dict()])

    def _put_edge(self, key: EdgeKey, edge: Edge | None) -> None:
        if not self._depth:
            raise StoreError("internal: a write outside a batch")
        s, r, t = key
        prior = self._g.edges[s, t, r]["obj"] if self._g.has_edge(s, t, key=r) else None
        self._undo.append(("e", key, prior))
        self._apply_edge(key, edge)
        self._ops.append(["e", list(key), None if edge is None else edge.to_dict()])

    def _replay(self, ops: list[Any]) -> None:
        decode = Decoder()
        with _collector_paused():
            for kind, key, value in ops:
                if kind == "n":
                    self._apply_node(
                        decode.text(key), None if value is None else decode.node(value)
                    )
                else:
                    edge = None if value is None else decode.edge(value)
                    self._apply_edge(edge.key if edge else decode.key(key), edge)

    def _rollback(self) -> None:
        for kind, key, prior in reversed(self._undo):
            if kind == "n":
                self._apply_node(key, prior)
            else:
                self._apply_edge(key, prior)

    # -- files --------------------------------------------------------------------------------

    def _load(self, graph: dict[str, Any] | None) -> None:
        self._g = nx.MultiDiGraph()
        self._by_type = defaultdict(set)
        if not graph:
            return
        decode = Decoder()
        with _collector_paused():
            # The snapshot's dicts are dropped as they are turned into objects, so the parsed
            # JSON and the graph are not both held in full.
            for key, apply in (("nodes", self._load_node), ("edges", self._load_edge)):
                items = graph.pop(key)
                for i, d in enumerate(items):
                    items[i] = None
                    apply(decode, d)
                del items
        gc.freeze()  # the loaded graph is long-lived: later collections need not scan it

    def _load_node(self, decode: Decoder, d: dict[str, Any]) -> None:
        n = decode.node(d)
        self._apply_node(n.id, n)

    def _load_edge(self, decode: Decoder, d: dict[str, Any]) -> None:
        e = decode.edge(d)
        self._apply_edge(e.key, e)

    def _refresh(self) -> None:
        """Catch up with the files; the caller holds the directory lock."""
        assert self._files is not None
        files, state = self._files, self._state
        sid = files.snapshot_id()
        if sid != state.snapshot_id or files.journal_size() < state.journal_offset:
            seq, graph = files.read_snapshot()
            self._load(graph)
            state.snapshot_id, state.seq, state.journal_offset = sid, seq, 0
        records, end = files.read_journal(state.journal_offset)
        for rec in records:
            if rec.seq > state.seq:
                self._replay(rec.ops)
                state.seq = rec.seq
        state.journal_offset = end

    def _fresh(self) -> None:
        if self._files is not None and not self._depth and self._files.is_stale(self._state):
            with self._files.locked(exclusive=False):
                self._refresh()

    def _graph_dict(self) -> dict[str, Any]:
        nodes = [self._g.nodes[n]["obj"].to_dict() for n in sorted(self._g.nodes)]
        edges = sorted((d["obj"] for _, _, d in self._g.edges(data=True)), key=lambda e: e.key)
        return {"nodes": nodes, "edges": [e.to_dict() for e in edges]}

    def compact(self) -> None:
        """Fold the journal into a fresh snapshot (done automatically past a size)."""
        if self._files is None:
            return
        with self._mutex, self._files.locked(exclusive=True):
            self._refresh()
            self._files.write_snapshot(self._state.seq, self._graph_dict())
            self._state.snapshot_id = self._files.snapshot_id()
            self._state.journal_offset = 0

    # -- batches ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        with self._mutex:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            lock = (
                self._files.locked(exclusive=True)
                if self._files is not None
                else contextlib.nullcontext()
            )
            with lock:
                if self._files is not None:
                    self._refresh()
                self._depth, self._ops, self._undo = 1, [], []
                try:
                    yield
                    if self._ops and self._files is not None:
                        rec = Record(self._state.seq + 1, self._ops)
                        self._state.journal_offset = self._files.append(
                            rec, self._state.journal_offset
                        )
                        self._state.seq = rec.seq
                except BaseException:
                    self._rollback()
                    raise
                finally:
                    self._depth, self._ops, self._undo = 0, [], []
                if self._files is not None and self._state.journal_offset > self._compact_bytes:
                    try:
                        self.compact()
                    except OSError as e:  # the commit is durable; compaction can wait
                        log.warning("journal compaction failed: %s", e)

    # -- writes -------------------------------------------------------------------------------

    def upsert_node(self, node: Node) -> Node:
        validate_node(node)
        with self.batch():
            old = self.get_node(node.id)
            new = old.merged_with(node) if old is not None else node.copy()
            self._put_node(new.id, new)
            return new.copy()

    def upsert_nodes(self, nodes: Iterable[Node]) -> list[Node]:
        with self.batch():
            return [self.upsert_node(n) for n in nodes]

    def upsert_edges(self, edges: Iterable[Edge]) -> list[Edge]:
        with self.batch():
            return [self.upsert_edge(e) for e in edges]

    def upsert_edge(self, edge: Edge) -> Edge:
        with self.batch():
            validate_edge(edge, self.get_node(edge.source), self.get_node(edge.target))
            old = self.get_edge(*edge.key)
            new = old.merged_with(edge) if old is not None else edge.copy()
            self._put_edge(new.key, new)
            return new.copy()

    def delete_node(self, node_id: str) -> bool:
        with self.batch():
            if node_id not in self._g:
                return False
            for s, t, r in list(self._g.in_edges(node_id, keys=True)) + list(
                self._g.out_edges(node_id, keys=True)
            ):
                if self._g.has_edge(s, t, key=r):
                    self._put_edge((s, r, t), None)
            self._put_node(node_id, None)
            return True

    def delete_edge(self, source: str, relation: str, target: str) -> bool:
        with self.batch():
            if not self._g.has_edge(source, target, key=relation):
                return False
            self._put_edge((source, relation, target), None)
            return True

    def remove_sources(self, sources: Iterable[str]) -> tuple[int, int]:
        source = frozenset(sources)
        removed_nodes = removed_edges = 0
        if not source:
            return 0, 0
        with self.batch():
            for _, _, data in list(self._g.edges(data=True)):
                e: Edge = data["obj"]
                if any(p.source in source for p in e.provenance):
                    kept = without_sources(e.provenance, e.attrs, source)
                    if kept is None:
                        self._put_edge(e.key, None)
                        removed_edges += 1
                    else:
                        self._put_edge(e.key, Edge(e.source, e.relation, e.target, *kept))
            for node_id in list(self._g.nodes):
                n: Node = self._g.nodes[node_id]["obj"]
                if any(p.source in source for p in n.provenance):
                    kept = without_sources(n.provenance, n.attrs, source)
                    if kept is None:
                        removed_edges += self._g.degree(node_id)
                        self.delete_node(node_id)
                        removed_nodes += 1
                    else:
                        attrs, prov = kept
                        names = kept_aliases(n.provenance, n.aliases, source)
                        self._put_node(node_id, Node(n.id, n.type, n.name, attrs, names, prov))
        return removed_nodes, removed_edges

    # -- reads --------------------------------------------------------------------------------

    def get_node(self, node_id: str) -> Node | None:
        with self._mutex:
            self._fresh()
            if node_id not in self._g:
                return None
            obj: Node = self._g.nodes[node_id]["obj"]
            return obj.copy()

    def get_edge(self, source: str, relation: str, target: str) -> Edge | None:
        with self._mutex:
            self._fresh()
            if not self._g.has_edge(source, target, key=relation):
                return None
            obj: Edge = self._g.edges[source, target, relation]["obj"]
            return obj.copy()

    def nodes(self, type: str | None = None, where: dict[str, Any] | None = None) -> Iterator[Node]:
        with self._mutex:
            self._fresh()
            ids = sorted(self._by_type.get(type, ())) if type else sorted(self._g.nodes)
            found = [self._g.nodes[i]["obj"] for i in ids]
        for n in found:
            if where and any(n.attrs.get(k) != v for k, v in where.items()):
                continue
            yield n.copy()

    def edges(self, relation: str | None = None) -> Iterator[Edge]:
        with self._mutex:
            self._fresh()
            found = [
                d["obj"]
                for _, _, r, d in self._g.edges(keys=True, data=True)
                if relation is None or r == relation
            ]
        for e in sorted(found, key=lambda e: e.key):
            yield e.copy()

    def neighbors(
        self, node_id: str, relation: str | None = None, direction: Direction = "out"
    ) -> list[Neighbor]:
        with self._mutex:
            self._fresh()
            if node_id not in self._g:
                return []
            found: list[tuple[Edge, str]] = []
            if direction in ("out", "both"):
                found += [
                    (d, t)
                    for _, t, r, d in self._g.out_edges(node_id, keys=True, data="obj")
                    if relation is None or r == relation
                ]
            if direction in ("in", "both"):
                found += [
                    (d, s)
                    for s, _, r, d in self._g.in_edges(node_id, keys=True, data="obj")
                    if relation is None or r == relation
                ]
            nodes = self._g.nodes
            result = [Neighbor(e.copy(), nodes[other]["obj"].copy()) for e, other in found]
        return sorted(result, key=lambda nb: (nb.edge.relation, nb.node.id, nb.edge.key))

    def neighbors_many(
        self, node_ids: list[str], relations: frozenset[str] | None, direction: Direction
    ) -> dict[str, list[Neighbor]]:
        """Many ids' neighbours under one hold of the lock, other relations skipped before
        anything is copied (kb.store.base.neighbors_many)."""
        out: dict[str, list[Neighbor]] = {}
        with self._mutex:
            self._fresh()
            nodes = self._g.nodes
            for node_id in node_ids:
                if node_id not in self._g:
                    out[node_id] = []
                    continue
                found: list[tuple[Edge, str]] = []
                if direction in ("out", "both"):
                    found += [(d, t) for _, t, r, d in
                              self._g.out_edges(node_id, keys=True, data="obj")
                              if relations is None or r in relations]  # fmt: skip
                if direction in ("in", "both"):
                    found += [(d, s) for s, _, r, d in
                              self._g.in_edges(node_id, keys=True, data="obj")
                              if relations is None or r in relations]  # fmt: skip
                result = [Neighbor(e.copy(), nodes[other]["obj"].copy()) for e, other in found]
                out[node_id] = sorted(
                    result, key=lambda nb: (nb.edge.relation, nb.node.id, nb.edge.key)
                )
        return out

    def _hops(
        self, source: str, target: str, max_hops: int, relations: list[str] | None
    ) -> list[str] | None:
        """The nodes of a fewest-hops path ignoring direction (bidirectional BFS, expanding the
        smaller side, as networkx's bidirectional_shortest_path does), read straight from the
        graph's adjacency dicts (node -> {neighbour: {relation: data}}) rather than through
        filtered undirected views, and given up once no path within `max_hops` can remain:
        at a million edges the views cost most of a path's time."""
        succ, pred = self._g._succ, self._g._pred
        allowed = None if relations is None else set(relations)

        def around(v: str) -> Iterator[str]:
            for adjacency in (succ[v], pred[v]):
                for w, keys in adjacency.items():
                    if allowed is None or not allowed.isdisjoint(keys):
                        yield w

        back: dict[str, str | None] = {source: None}  # towards the source
        ahead: dict[str, str | None] = {target: None}  # towards the target
        fringe, rfringe = [source], [target]
        depth = 0  # levels expanded on both sides together
        meet = None
        while fringe and rfringe and meet is None and depth < max_hops:
            forward = len(fringe) <= len(rfringe)
            seen, other = (back, ahead) if forward else (ahead, back)
            level, nxt = (fringe if forward else rfringe), []
            for v in level:
                for w in around(v):
                    if w not in seen:
                        seen[w] = v
                        nxt.append(w)
                    if w in other:
                        meet = w
                        break
                if meet is not None:
                    break
            if forward:
                fringe = nxt
            else:
                rfringe = nxt
            depth += 1
        if meet is None:
            return None
        path: list[str] = []
        node: str | None = meet
        while node is not None:
            path.append(node)
            node = back[node]
        path.reverse()
        node = ahead[meet]
        while node is not None:
            path.append(node)
            node = ahead[node]
        return path if len(path) - 1 <= max_hops else None

    def _edges_between(self, a: str, b: str, relations: list[str] | None) -> list[Edge]:
        found = []
        for s, t in ((a, b), (b, a)):
            for r, d in (self._g.get_edge_data(s, t) or {}).items():
                if relations is None or r in relations:
                    found.append(d["obj"])
        return sorted(found, key=lambda e: e.key)

    def shortest_path(
        self, source: str, target: str, max_hops: int = 6, relations: list[str] | None = None
    ) -> list[Edge] | None:
        with self._mutex:
            self._fresh()
            if source not in self._g or target not in self._g:
                return None
            if source == target:
                return []
            hops = self._hops(source, target, max_hops, relations)
            if hops is None:
                return None
            pairs = zip(hops, hops[1:], strict=False)
            return [self._edges_between(a, b, relations)[0].copy() for a, b in pairs]

    def subgraph(
        self, node_id: str, depth: int = 1, relations: list[str] | None = None
    ) -> Subgraph:
        with self._mutex:
            self._fresh()
            if node_id not in self._g:
                return Subgraph([], [])
            seen = {node_id}
            edges: dict[EdgeKey, Edge] = {}
            frontier = deque([(node_id, 0)])
            while frontier:
                current, d = frontier.popleft()
                if d >= depth:
                    continue
                for e, other in self._incident(current, relations):
                    edges[e.key] = e
                    if other not in seen:
                        seen.add(other)
                        frontier.append((other, d + 1))
            nodes = [self._g.nodes[n]["obj"].copy() for n in sorted(seen)]
            return Subgraph(nodes, [e.copy() for _, e in sorted(edges.items())])

    def _incident(self, node_id: str, relations: list[str] | None) -> Iterator[tuple[Edge, str]]:
        for _, t, r, e in self._g.out_edges(node_id, keys=True, data="obj"):
            if relations is None or r in relations:
                yield e, t
        for s, _, r, e in self._g.in_edges(node_id, keys=True, data="obj"):
            if relations is None or r in relations:
                yield e, s

    def sources(self) -> dict[str, int]:
        with self._mutex:
            self._fresh()
            counts: Counter[str] = Counter()
            for _, d in self._g.nodes(data="obj"):
                counts.update({p.source for p in d.provenance})
            for _, _, e in self._g.edges(data="obj"):
                counts.update({p.source for p in e.provenance})
        return dict(sorted(counts.items()))

    def facts_from(self, source: str) -> Subgraph:
        with self._mutex:
            self._fresh()
            nodes = [
                n.copy()
                for _, n in sorted(self._g.nodes(data="obj"), key=lambda x: x[0])
                if any(p.source == source for p in n.provenance)
            ]
            edges = [
                e.copy()
                for _, _, e in self._g.edges(data="obj")
                if any(p.source == source for p in e.provenance)
            ]
        return Subgraph(nodes, sorted(edges, key=lambda e: e.key))

    def stats(self) -> Stats:
        with self._mutex:
            self._fresh()
            by_type = {t: len(ids) for t, ids in self._by_type.items() if ids}
            by_rel = Counter(r for _, _, r in self._g.edges(keys=True))
        return Stats(by_type, dict(by_rel))

    def version(self) -> int:
        """The number of the last batch committed to the files, by any process (after catching
        up); what was derived from the graph at an older number is stale. 0 in memory only."""
        with self._mutex:
            self._fresh()
            return self._state.seq

    def close(self) -> None:
        if self._files is not None:
            self._files.close()
