"""The Neo4j backend: the store protocol over the official `neo4j` driver (Bolt + Cypher).

Merging (attributes, aliases, provenance) happens in Python exactly as in the memory
backend, so both stores hold the same facts; the server stores the result. Writes go in
UNWIND batches; reads outside a batch run as managed read transactions (retried by the
driver on transient errors); a `batch()` is one explicit transaction, per thread.
No APOC or other plugins are used. All Cypher lives in `kb/store/cypher.py`.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from typing import Any

from kb.errors import StoreError
from kb.store import cypher
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

CHUNK = 1000


def _chunks(rows: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _node_props(n: Node) -> dict[str, Any]:
    return {
        "type": n.type,
        "name": n.name,
        "aliases": list(n.aliases),
        "sources": sorted({p.source for p in n.provenance}),
        "attrs": json.dumps(n.attrs, ensure_ascii=False, sort_keys=True),
        "provenance": json.dumps([p.to_dict() for p in n.provenance], ensure_ascii=False),
    }


def _edge_props(e: Edge) -> dict[str, Any]:
    return {
        "sources": sorted({p.source for p in e.provenance}),
        "attrs": json.dumps(e.attrs, ensure_ascii=False, sort_keys=True),
        "provenance": json.dumps([p.to_dict() for p in e.provenance], ensure_ascii=False),
    }


def _prov(raw: str | None) -> list[Provenance]:
    return [Provenance.from_dict(p) for p in json.loads(raw or "[]")]


def _node(rec: dict[str, Any]) -> Node:
    return Node(
        rec["id"],
        rec["type"],
        rec["name"],
        json.loads(rec.get("attrs") or "{}"),
        list(rec.get("aliases") or []),
        _prov(rec.get("provenance")),
    )


def _edge(rec: dict[str, Any]) -> Edge:
    return Edge(
        rec["source"],
        rec["relation"],
        rec["target"],
        json.loads(rec.get("attrs") or "{}"),
        _prov(rec.get("provenance")),
    )


class Neo4jStore:
    """GraphStore on a Neo4j 5 compatible server (tested over Bolt against ArcadeDB)."""

    def __init__(self, uri: str, user: str | None, password: str | None, database: str | None):
        try:
            from neo4j import GraphDatabase
            from neo4j.exceptions import Neo4jError, ServiceUnavailable
        except ImportError as e:  # pragma: no cover - neo4j is a dependency
            raise StoreError("the neo4j backend needs the `neo4j` package") from e
        self._errors: tuple[type[Exception], ...] = (Neo4jError, ServiceUnavailable, OSError)
        self._database = database
        self._local = threading.local()
        try:
            auth = (user, password or "") if user else None
            self._driver = GraphDatabase.driver(uri, auth=auth)
            self._driver.verify_connectivity()
            for statement in cypher.SCHEMA:
                self._write(statement)
        except self._errors as e:
            raise StoreError(f"cannot reach the Neo4j server at {uri}: {e}") from e

    # -- sessions and transactions ---------------------------------------------------------

    @property
    def _tx(self) -> Any:
        return getattr(self._local, "tx", None)

    def _session(self) -> Any:
        return (
            self._driver.session(database=self._database)
            if self._database
            else self._driver.session()
        )

    def _run(self, query: str, write: bool, **params: Any) -> list[dict[str, Any]]:
        """Inside a batch: its transaction; else a managed one (retried on transient errors)."""
        if self._tx is not None:
            return list(self._tx.run(query, **params).data())
        try:
            with self._session() as s:
                run = s.execute_write if write else s.execute_read
                return list(run(lambda tx: tx.run(query, **params).data()))
        except self._errors as e:
            raise StoreError(f"Neo4j {'write' if write else 'read'} failed: {e}") from e

    def _read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        return self._run(query, False, **params)

    def _write(self, query: str, **params: Any) -> list[dict[str, Any]]:
        return self._run(query, True, **params)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        local = self._local
        if getattr(local, "tx", None) is not None:
            local.depth += 1
            try:
                yield
            finally:
                local.depth -= 1
            return
        session = self._session()
        try:
            local.tx, local.depth = session.begin_transaction(), 1
            try:
                yield
                local.tx.commit()
            except BaseException:
                with contextlib.suppress(*self._errors):
                    local.tx.rollback()
                raise
        except self._errors as e:
            raise StoreError(f"Neo4j transaction failed: {e}") from e
        finally:
            local.tx = None
            session.close()

    # -- writes ------------------------------------------------------------------------------

    def _existing_nodes(self, ids: list[str]) -> dict[str, Node]:
        found: dict[str, Node] = {}
        for chunk in _chunks(sorted(set(ids))):
            for rec in self._read(cypher.GET_NODES, ids=chunk):
                found[rec["id"]] = _node(rec)
        return found

    def _put_nodes(self, nodes: list[Node], existing: Iterable[str] | None = None) -> None:
        """Write merged nodes. `existing`: the ids this transaction read as present (those are
        updated, the others created); None: not known, every row is MERGEd."""
        known = None if existing is None else set(existing)
        by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
        updates: list[dict[str, Any]] = []
        for n in nodes:
            row = {"id": n.id, "props": _node_props(n)}
            if known is not None and n.id in known:
                updates.append(row)
            else:
                by_type[n.type].append(row)
        for type_, rows in by_type.items():
            statement = cypher.merge_nodes(type_) if known is None else cypher.create_nodes(type_)
            for chunk in _chunks(rows):
                self._write(statement, rows=chunk)
        for chunk in _chunks(updates):
            self._write(cypher.UPDATE_NODES, rows=chunk)

    def _put_edges(self, edges: list[Edge]) -> None:
        by_rel: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for e in edges:
            by_rel[e.relation].append(
                {"source": e.source, "target": e.target, "props": _edge_props(e)}
            )
        for rel, rows in by_rel.items():
            for chunk in _chunks(rows):
                self._write(cypher.merge_edges(rel), rows=chunk)

    def upsert_nodes(self, nodes: Iterable[Node]) -> list[Node]:
        merged: dict[str, Node] = {}
        for n in nodes:
            validate_node(n)
            merged[n.id] = merged[n.id].merged_with(n) if n.id in merged else n.copy()
        with self.batch():
            old = self._existing_nodes(list(merged))
            result = [old[i].merged_with(n) if i in old else n for i, n in merged.items()]
            self._put_nodes(result, existing=old)
        return [n.copy() for n in result]

    def upsert_node(self, node: Node) -> Node:
        return self.upsert_nodes([node])[0]

    def upsert_edges(self, edges: Iterable[Edge]) -> list[Edge]:
        merged: dict[EdgeKey, Edge] = {}
        for e in edges:
            merged[e.key] = merged[e.key].merged_with(e) if e.key in merged else e.copy()
        with self.batch():
            ends = self._existing_nodes([i for k in merged for i in (k[0], k[2])])
            for e in merged.values():
                validate_edge(e, ends.get(e.source), ends.get(e.target))
            old = self._existing_edges(list(merged))
            result = [old[k].merged_with(e) if k in old else e for k, e in merged.items()]
            self._put_edges(result)
        return [e.copy() for e in result]

    def upsert_edge(self, edge: Edge) -> Edge:
        return self.upsert_edges([edge])[0]

    def _existing_edges(self, keys: list[EdgeKey]) -> dict[EdgeKey, Edge]:
        by_rel: dict[str, list[dict[str, str]]] = defaultdict(list)
        for s, r, t in keys:
            by_rel[r].append({"source": s, "target": t})
        found: dict[EdgeKey, Edge] = {}
        for rel, rows in by_rel.items():
            for chunk in _chunks(rows):
                for rec in self._read(cypher.get_edges(rel), keys=chunk):
                    e = _edge(rec)
                    found[e.key] = e
        return found

    def delete_node(self, node_id: str) -> bool:
        with self.batch():
            if not self._existing_nodes([node_id]):
                return False
            self._write(cypher.DELETE_NODES, ids=[node_id])
            return True

    def delete_edge(self, source: str, relation: str, target: str) -> bool:
        keys = [{"source": source, "target": target}]
        rows = self._write(cypher.delete_edges(relation), keys=keys)
        return bool(rows and rows[0]["n"])

    def remove_sources(self, sources: Iterable[str]) -> tuple[int, int]:
        gone = frozenset(sources)
        if not gone:
            return 0, 0
        with self.batch():
            params = {"sources": sorted(gone)}
            nodes = [_node(r) for r in self._read(cypher.NODES_CITING, **params)]
            edges = [_edge(r) for r in self._read(cypher.EDGES_CITING, **params)]
            dead_nodes, kept_nodes = [], []
            for n in nodes:
                kept = without_sources(n.provenance, n.attrs, gone)
                if kept is None:
                    dead_nodes.append(n.id)
                else:
                    names = kept_aliases(n.provenance, n.aliases, gone)
                    kept_nodes.append(Node(n.id, n.type, n.name, kept[0], names, kept[1]))
            dead = set(dead_nodes)
            dead_edges, kept_edges = [], []
            for e in edges:
                kept = without_sources(e.provenance, e.attrs, gone)
                if kept is None or e.source in dead or e.target in dead:
                    dead_edges.append(e.key)
                else:
                    kept_edges.append(Edge(e.source, e.relation, e.target, kept[0], kept[1]))
            removed = set(dead_edges)
            for chunk in _chunks(dead_nodes):
                for rec in self._read(cypher.INCIDENT, ids=chunk):
                    removed.add((rec["source"], rec["relation"], rec["target"]))
            for rel, keys in _by_relation(dead_edges).items():
                for chunk in _chunks(keys):
                    self._write(cypher.delete_edges(rel), keys=chunk)
            for chunk in _chunks(dead_nodes):
                self._write(cypher.DELETE_NODES, ids=chunk)
            self._put_nodes(kept_nodes, existing=[n.id for n in kept_nodes])
            self._put_edges(kept_edges)
        return len(dead_nodes), len(removed)

    def clear(self) -> None:
        """Delete everything (used by tests and `import`)."""
        self._write(cypher.CLEAR)

    # -- reads -------------------------------------------------------------------------------

    def get_node(self, node_id: str) -> Node | None:
        return self._existing_nodes([node_id]).get(node_id)

    def get_edge(self, source: str, relation: str, target: str) -> Edge | None:
        return self._existing_edges([(source, relation, target)]).get((source, relation, target))

    def nodes(self, type: str | None = None, where: dict[str, Any] | None = None) -> Iterator[Node]:
        query = cypher.nodes_of_type(type) if type else cypher.ALL_NODES
        for rec in self._read(query):
            n = _node(rec)
            if where and any(n.attrs.get(k) != v for k, v in where.items()):
                continue
            yield n

    def edges(self, relation: str | None = None) -> Iterator[Edge]:
        query = cypher.edges_of(relation) if relation else cypher.ALL_EDGES
        yield from sorted((_edge(r) for r in self._read(query)), key=lambda e: e.key)

    def neighbors(
        self, node_id: str, relation: str | None = None, direction: Direction = "out"
    ) -> list[Neighbor]:
        result = []
        for rec in self._read(cypher.neighbors(direction, relation), id=node_id):
            other = _node({**rec, "attrs": rec["node_attrs"], "provenance": rec["node_provenance"]})
            result.append(Neighbor(_edge(rec), other))
        return sorted(result, key=lambda nb: (nb.edge.relation, nb.node.id, nb.edge.key))

    def neighbors_many(
        self, node_ids: list[str], relations: frozenset[str] | None, direction: Direction
    ) -> dict[str, list[Neighbor]]:
        """Many ids' neighbours, a thousand ids per round trip (kb.store.base.neighbors_many)."""
        query = cypher.neighbors_many(direction, sorted(relations) if relations else None)
        out: dict[str, list[Neighbor]] = {i: [] for i in node_ids}
        if relations is not None and not relations:
            return out
        for chunk in _chunks(list(node_ids)):
            for rec in self._read(query, ids=chunk):
                other = _node({**rec, "attrs": rec["node_attrs"],
                               "provenance": rec["node_provenance"]})  # fmt: skip
                out[rec["at"]].append(Neighbor(_edge(rec), other))
        for found in out.values():
            found.sort(key=lambda nb: (nb.edge.relation, nb.node.id, nb.edge.key))
        return out

    def shortest_path(
        self, source: str, target: str, max_hops: int = 6, relations: list[str] | None = None
    ) -> list[Edge] | None:
        found = self._existing_nodes([source, target])
        if source not in found or target not in found:
            return None
        if source == target:
            return []
        rows = self._read(cypher.shortest_path(max_hops, relations), source=source, target=target)
        if not rows:
            return None
        keys = [tuple(h) for h in rows[0]["hops"]]
        edges = self._existing_edges(keys)  # type: ignore[arg-type]
        return [edges[k] for k in keys]  # type: ignore[index]

    def subgraph(
        self, node_id: str, depth: int = 1, relations: list[str] | None = None
    ) -> Subgraph:
        if not self._existing_nodes([node_id]):
            return Subgraph([], [])
        seen = {node_id}
        edges: dict[EdgeKey, Edge] = {}
        frontier = deque([node_id])
        for _ in range(depth):
            if not frontier:
                break
            rows = self._read(cypher.INCIDENT, ids=list(frontier))
            frontier = deque()
            for rec in rows:
                if relations is not None and rec["relation"] not in relations:
                    continue
                e = _edge(rec)
                edges[e.key] = e
                if rec["other"] not in seen:
                    seen.add(rec["other"])
                    frontier.append(rec["other"])
        nodes = self._existing_nodes(list(seen))
        return Subgraph([nodes[i] for i in sorted(nodes)], [e for _, e in sorted(edges.items())])

    def sources(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for query in (cypher.NODE_SOURCES, cypher.EDGE_SOURCES):
            for rec in self._read(query):
                counts[rec["source"]] += rec["n"]
        return dict(sorted(counts.items()))

    def facts_from(self, source: str) -> Subgraph:
        nodes = [_node(r) for r in self._read(cypher.NODES_CITING, sources=[source])]
        edges = [_edge(r) for r in self._read(cypher.EDGES_CITING, sources=[source])]
        return Subgraph(sorted(nodes, key=lambda n: n.id), sorted(edges, key=lambda e: e.key))

    def stats(self) -> Stats:
        nodes = {r["key"]: r["n"] for r in self._read(cypher.COUNT_NODES) if r["n"]}
        edges = {r["key"]: r["n"] for r in self._read(cypher.COUNT_EDGES) if r["n"]}
        return Stats(nodes, edges)

    def close(self) -> None:
        self._driver.close()


def _by_relation(keys: list[EdgeKey]) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for s, r, t in keys:
        out[r].append({"source": s, "target": t})
    return out
