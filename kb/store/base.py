"""The store protocol and the models that cross it.

Only these models leave a backend: never a networkx view or a neo4j record. Every node and
edge carries provenance (where it came from); a fact whose last provenance is removed is
removed with it, which is how `forget` and rebuilding one source work.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from kb.errors import SchemaError
from kb.schema import check_node_type, check_relation

Direction = Literal["out", "in", "both"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a fact came from: a source (document id or data file), a place in it, its text."""

    source: str
    locator: str
    text: str
    extractor: str
    confidence: float = 1.0
    fields: tuple[str, ...] = ()  # the attributes this source supplied, if not all

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.locator, self.extractor)

    def citation(self) -> dict[str, str]:
        """The source as answers and recommendations cite it: document, place, text."""
        return {"document": self.source, "locator": self.locator, "text": self.text}

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "source": self.source,
            "locator": self.locator,
            "text": self.text,
            "extractor": self.extractor,
            "confidence": self.confidence,
        }
        if self.fields:
            d["fields"] = list(self.fields)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Provenance:
        return cls(
            source=d["source"],
            locator=d["locator"],
            text=d["text"],
            extractor=d["extractor"],
            confidence=float(d.get("confidence", 1.0)),
            fields=tuple(d.get("fields", ())),
        )


def _merge_provenance(old: list[Provenance], new: list[Provenance]) -> list[Provenance]:
    """Union by (source, locator, extractor), in a canonical order so that the same facts
    written in another order (a rebuild after documents were ingested) compare equal."""
    merged = {p.key: p for p in old}
    for p in new:
        merged[p.key] = p
    return [merged[k] for k in sorted(merged)]


def _alias_key(name: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in name.casefold()).split())


def _merge_aliases(name: str, aliases: list[str]) -> list[str]:
    """Aliases in first-seen order, without repeats or the name itself (case/punctuation aside)."""
    seen = {_alias_key(name)}
    out = []
    for a in aliases:
        k = _alias_key(a)
        if k and k not in seen:
            seen.add(k)
            out.append(a)
    return out


@dataclass(slots=True)
class Node:
    id: str
    type: str
    name: str
    attrs: dict[str, Any] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    provenance: list[Provenance] = field(default_factory=list)

    def copy(self) -> Node:
        return Node(
            self.id,
            self.type,
            self.name,
            dict(self.attrs),
            list(self.aliases),
            list(self.provenance),
        )

    def merged_with(self, other: Node) -> Node:
        """This node updated by `other` (same id): attributes overwritten, the rest unioned."""
        if other.type != self.type:
            raise SchemaError(
                f"node {self.id!r} is a {self.type}; cannot merge a {other.type} into it"
            )
        aliases = _merge_aliases(other.name or self.name, [*self.aliases, *other.aliases])
        return Node(
            self.id,
            self.type,
            other.name or self.name,
            {**self.attrs, **other.attrs},
            aliases,
            _merge_provenance(self.provenance, other.provenance),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "attrs": self.attrs,
            "aliases": self.aliases,
            "provenance": [p.to_dict() for p in self.provenance],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Node:
        return cls(
            d["id"],
            d["type"],
            d["name"],
            dict(d.get("attrs", {})),
            list(d.get("aliases", [])),
            [Provenance.from_dict(p) for p in d.get("provenance", [])],
        )


EdgeKey = tuple[str, str, str]  # (source id, relation, target id)


@dataclass(slots=True)
class Edge:
    source: str
    relation: str
    target: str
    attrs: dict[str, Any] = field(default_factory=dict)
    provenance: list[Provenance] = field(default_factory=list)

    @property
    def key(self) -> EdgeKey:
        return (self.source, self.relation, self.target)

    def copy(self) -> Edge:
        return Edge(
            self.source, self.relation, self.target, dict(self.attrs), list(self.provenance)
        )

    def merged_with(self, other: Edge) -> Edge:
        return Edge(
            self.source,
            self.relation,
            self.target,
            {**self.attrs, **other.attrs},
            _merge_provenance(self.provenance, other.provenance),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "relation": self.relation,
            "target": self.target,
            "attrs": self.attrs,
            "provenance": [p.to_dict() for p in self.provenance],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Edge:
        return cls(
            d["source"],
            d["relation"],
            d["target"],
            dict(d.get("attrs", {})),
            [Provenance.from_dict(p) for p in d.get("provenance", [])],
        )


@dataclass(frozen=True, slots=True)
class Neighbor:
    edge: Edge
    node: Node  # the node at the other end of `edge`


@dataclass
class Subgraph:
    nodes: list[Node]
    edges: list[Edge]


@dataclass
class Stats:
    nodes_by_type: dict[str, int]
    edges_by_relation: dict[str, int]

    @property
    def nodes(self) -> int:
        return sum(self.nodes_by_type.values())

    @property
    def edges(self) -> int:
        return sum(self.edges_by_relation.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": self.nodes,
            "edges": self.edges,
            "nodes_by_type": dict(sorted(self.nodes_by_type.items())),
            "edges_by_relation": dict(sorted(self.edges_by_relation.items())),
        }


def validate_node(node: Node) -> None:
    check_node_type(node.type)
    if not node.id or not node.name:
        raise SchemaError(f"a node needs an id and a name: {node.id!r}/{node.name!r}")
    if not node.provenance:
        raise SchemaError(f"node {node.id!r} has no provenance; every fact must have a source")


def validate_edge(edge: Edge, source: Node | None, target: Node | None) -> None:
    if source is None or target is None:
        missing = edge.source if source is None else edge.target
        raise SchemaError(f"edge {edge.key} refers to a node that does not exist: {missing!r}")
    check_relation(edge.relation, source.type, target.type)
    if not edge.provenance:
        raise SchemaError(f"edge {edge.key} has no provenance; every fact must have a source")


def without_sources(
    prov: list[Provenance], attrs: dict[str, Any], sources: frozenset[str]
) -> tuple[dict[str, Any], list[Provenance]] | None:
    """Provenance and attributes left when `sources` are withdrawn; None if nothing is left."""
    kept = [p for p in prov if p.source not in sources]
    if not kept:
        return None
    dropped_fields = {f for p in prov if p.source in sources for f in p.fields}
    still_supplied = {f for p in kept for f in p.fields}
    gone = dropped_fields - still_supplied
    return {k: v for k, v in attrs.items() if k not in gone}, kept


ALIAS_FIELD = "alias:"  # a provenance field "alias:<name>": the source gave that other name


def kept_aliases(prov: list[Provenance], aliases: list[str], sources: frozenset[str]) -> list[str]:
    """Aliases left when `sources` are withdrawn: a name that only withdrawn sources gave (a
    field "alias:<name>" of their provenance) goes with them; untracked aliases stay."""

    def given(withdrawn: bool) -> set[str]:
        return {f[len(ALIAS_FIELD) :] for p in prov if (p.source in sources) == withdrawn
                for f in p.fields if f.startswith(ALIAS_FIELD)}  # fmt: skip

    gone = given(True) - given(False)
    return [a for a in aliases if a not in gone]


def neighbors_many(
    store: Any,
    node_ids: Iterable[str],
    relations: Iterable[str] | None = None,
    direction: Direction = "both",
) -> dict[str, list[Neighbor]]:
    """`store.neighbors(i, direction=direction)` for many ids at once, keeping only edges of
    `relations` (None: all), in the same order: id -> neighbours. A backend may do it in fewer
    round trips (`neighbors_many` on the store: Neo4j reads a thousand ids per query);
    otherwise one call per id. Optional for a backend, not part of the protocol."""
    ids = list(dict.fromkeys(node_ids))
    wanted = None if relations is None else frozenset(relations)
    many = getattr(store, "neighbors_many", None)
    if many is not None:
        return many(ids, wanted, direction)  # type: ignore[no-any-return]
    return {
        i: [nb for nb in store.neighbors(i, direction=direction)
            if wanted is None or nb.edge.relation in wanted]
        for i in ids
    }  # fmt: skip


class GraphStore(Protocol):
    """What every backend provides. Writes outside `batch()` commit one by one."""

    def batch(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all (nested batches join the outer)."""
        ...

    def upsert_node(self, node: Node) -> Node:
        """Insert or merge (attributes overwritten, aliases and provenance unioned)."""
        ...

    def upsert_edge(self, edge: Edge) -> Edge: ...

    def upsert_nodes(self, nodes: Iterable[Node]) -> list[Node]:
        """Many upserts in one round trip where the backend allows (one batch)."""
        ...

    def upsert_edges(self, edges: Iterable[Edge]) -> list[Edge]: ...

    def get_node(self, node_id: str) -> Node | None: ...

    def get_edge(self, source: str, relation: str, target: str) -> Edge | None: ...

    def delete_node(self, node_id: str) -> bool:
        """Delete the node and every edge touching it; False if it was not there."""
        ...

    def delete_edge(self, source: str, relation: str, target: str) -> bool: ...

    def nodes(self, type: str | None = None, where: dict[str, Any] | None = None) -> Iterator[Node]:
        """Nodes of a type (or all), optionally with attributes equal to `where`."""
        ...

    def edges(self, relation: str | None = None) -> Iterator[Edge]: ...

    def neighbors(
        self, node_id: str, relation: str | None = None, direction: Direction = "out"
    ) -> list[Neighbor]: ...

    def shortest_path(
        self, source: str, target: str, max_hops: int = 6, relations: list[str] | None = None
    ) -> list[Edge] | None:
        """Fewest-hops path ignoring edge direction; None if there is none within max_hops."""
        ...

    def subgraph(
        self, node_id: str, depth: int = 1, relations: list[str] | None = None
    ) -> Subgraph: ...

    def sources(self) -> dict[str, int]:
        """Every provenance source and how many facts (nodes + edges) cite it."""
        ...

    def facts_from(self, source: str) -> Subgraph: ...

    def remove_sources(self, sources: Iterable[str]) -> tuple[int, int]:
        """Drop `sources` from all provenance; delete facts only they supported. (nodes, edges)."""
        ...

    def stats(self) -> Stats: ...

    def close(self) -> None: ...
