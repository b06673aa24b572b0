"""Reading the graph around entities: an entity with its relations (and the ones a planner
wants one hop further out), the neighbourhood within a few hops, and the linkage path
between two entities. Pure functions of a store; the service and QA call them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kb.errors import NotFound
from kb.models import EntityRef as Ref
from kb.models import GraphEdge, GraphNode, Neighborhood
from kb.resolve import Match
from kb.schema import PLACE_TYPES, RELATION_TYPES
from kb.store.base import Direction, Edge, GraphStore, Node

PATH_RELATIONS = [r for r in RELATION_TYPES if r != "MENTIONED_IN"]

# What a planner wants on a cluster's or a district's page that sits one hop further out:
# who funds a cluster's facilities; which schemes and agencies back the clusters of a district.
VIA = {"Cluster": {"HAS_FACILITY"}, "District": {"LOCATED_IN"}}
CONTEXT_RELATIONS = {"FUNDS", "SUPPORTED_BY", "IMPLEMENTS", "PARTNERS_WITH", "FINANCES", "TRAINS",
                     "MOBILISES", "ANCHORS", "BUYS_FROM", "SUPPLIES"}  # fmt: skip

# What one entity page may hold when served (`EntityView.to_dict(bounded=True)`): a document of
# 100,000 sentences made its page 20 MB (its sentences, and one source per sentence naming each
# entity it mentions). None of the bundled entities reaches these but the sources per relation
# (12 of 7,749 relations have more than 10, at most 27) and per entity (31 entities have more
# than 100, at most 425); the full lists' lengths are given beside the cut ones.
MAX_RELATIONS = 500
MAX_RELATION_SOURCES = 10
MAX_ENTITY_SOURCES = 100


@dataclass
class Related:
    relation: str
    direction: str  # "out": entity -> other; "in": other -> entity
    node: Node
    edge: Edge
    via: str | None = None  # the neighbour through which this relation reaches the entity

    def to_dict(self, max_sources: int | None = None) -> dict[str, Any]:
        sources = self.edge.provenance
        return {
            "via": self.via,
            "relation": self.relation,
            "direction": self.direction,
            "id": self.node.id,
            "name": self.node.name,
            "type": self.node.type,
            "attrs": self.edge.attrs,
            "provenance": [p.to_dict() for p in sources[:max_sources]],
            "provenance_total": len(sources),
        }


@dataclass
class EntityView:
    """An entity with its relations; `to_dict()` is the kb.models.Entity shape."""

    node: Node
    relations: list[Related]
    other_matches: list[Match] = field(default_factory=list)

    def to_dict(self, bounded: bool = False) -> dict[str, Any]:
        """The kb.models.Entity shape; `bounded` (what the API and MCP serve) keeps at most
        MAX_RELATIONS relations (those other than MENTIONED_IN first), MAX_RELATION_SOURCES
        sources of each and MAX_ENTITY_SOURCES of the entity, and gives a document's
        sentences as their number (its text is served apart, GET /api/v1/documents/{id})."""
        node = self.node.to_dict()
        relations = self.relations
        node["provenance_total"] = len(node["provenance"])
        node["relations_total"] = len(relations)
        if bounded:
            node["provenance"] = node["provenance"][:MAX_ENTITY_SOURCES]
            if len(relations) > MAX_RELATIONS:
                relations = sorted(relations, key=lambda r: r.relation == "MENTIONED_IN")
                relations = relations[:MAX_RELATIONS]
            if "sentences" in node["attrs"]:  # a copy: the node's own attrs stay whole
                attrs = {k: v for k, v in node["attrs"].items() if k != "sentences"}
                node["attrs"] = {**attrs, "sentence_count": len(node["attrs"]["sentences"])}
        max_sources = MAX_RELATION_SOURCES if bounded else None
        return {
            **node,
            "relations": [r.to_dict(max_sources) for r in relations],
            "other_matches": [
                {"id": m.id, "name": m.name, "type": m.type} for m in self.other_matches
            ],
        }


@dataclass
class PathView:
    """A linkage path; `to_dict()` is the kb.models.PathResult shape."""

    source: Node
    target: Node
    edges: list[Edge]
    names: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": {"id": self.source.id, "name": self.source.name, "type": self.source.type},
            "target": {"id": self.target.id, "name": self.target.name, "type": self.target.type},
            "hops": [
                {
                    "from": e.source,
                    "from_name": self.names[e.source],
                    "relation": e.relation,
                    "to": e.target,
                    "to_name": self.names[e.target],
                    "provenance": [p.to_dict() for p in e.provenance],
                }
                for e in self.edges
            ],
        }


def entity_view(store: GraphStore, node: Node, others: list[Match] | None = None) -> EntityView:
    """`node` with every relation, and for clusters and districts the relations one hop out."""
    related = [
        Related(nb.edge.relation, "out" if nb.edge.source == node.id else "in", nb.node, nb.edge)
        for nb in store.neighbors(node.id, direction="both")
    ]
    return EntityView(node, related + _via(store, node, related), others or [])


def _via(store: GraphStore, node: Node, related: list[Related]) -> list[Related]:
    hops = VIA.get(node.type, set())
    out: list[Related] = []
    for r in related:
        if r.relation not in hops or r.node.type in PLACE_TYPES:
            continue
        for nb in store.neighbors(r.node.id, direction="both"):
            far = nb.node
            if (
                nb.edge.relation in CONTEXT_RELATIONS
                and far.id != node.id
                and far.type != "Cluster"
            ):
                direction = "out" if nb.edge.source == r.node.id else "in"
                out.append(Related(nb.edge.relation, direction, far, nb.edge, via=r.node.name))
    return out[:100]


def neighborhood(
    store: GraphStore,
    center: Node,
    relation: str | None = None,
    direction: Direction = "both",
    depth: int = 1,
    limit: int = 200,
) -> Neighborhood:
    """The entities within `depth` hops of `center` (breadth first, at most `limit`; documents
    only when MENTIONED_IN is asked for), and the relations among them that were followed.
    One `store.subgraph` query (one per level on Neo4j), walked here in the asked direction."""
    relations = [relation] if relation else PATH_RELATIONS
    sub = store.subgraph(center.id, depth, relations)
    by_id = {n.id: n for n in sub.nodes}
    hops: dict[str, list[tuple[Edge, str]]] = {}
    for e in sub.edges:
        if direction in ("out", "both"):
            hops.setdefault(e.source, []).append((e, e.target))
        if direction in ("in", "both"):
            hops.setdefault(e.target, []).append((e, e.source))
    level_of = {center.id: 0}  # every entity within the depth, in breadth-first order
    walked: list[Edge] = []
    frontier = [center.id]
    for level in range(1, depth + 1):
        nxt = []
        for nid in frontier:
            for e, other in hops.get(nid, []):
                if other not in by_id:
                    continue
                if other not in level_of:
                    level_of[other] = level
                    nxt.append(other)
                walked.append(e)
        frontier = nxt
    kept = dict(list(level_of.items())[:limit])
    edges = {e.key: e for e in walked if e.source in kept and e.target in kept}
    by_id[center.id] = center
    return Neighborhood(
        center=Ref(id=center.id, name=center.name, type=center.type),
        nodes=[GraphNode(id=i, name=by_id[i].name, type=by_id[i].type, depth=d) for i, d in kept.items()],
        edges=[GraphEdge(source=e.source, relation=e.relation, target=e.target) for e in edges.values()],
        truncated=len(level_of) > len(kept),
        total=len(level_of),
    )  # fmt: skip


def path_view(
    store: GraphStore,
    source: Node,
    target: Node,
    max_hops: int = 6,
    avoid: tuple[str, ...] = (),
) -> PathView:
    """The shortest linkage path between two entities (any relation but MENTIONED_IN); with
    `avoid`, one that passes through no entity of those types (hubs such as a Sector or a
    State, which link almost anything to anything) unless it starts or ends there."""
    edges = (
        _path_avoiding(store, source.id, target.id, max_hops, set(avoid))
        if avoid
        else store.shortest_path(source.id, target.id, max_hops, PATH_RELATIONS)
    )
    if edges is None:
        without = f" that avoids {', '.join(avoid)}" if avoid else ""
        raise NotFound(
            f"no linkage path{without} of at most {max_hops} hops between {source.name} "
            f"and {target.name}"
        )
    ids = {source.id, target.id} | {e.source for e in edges} | {e.target for e in edges}
    names = {}
    for i in ids:
        n = store.get_node(i)
        names[i] = n.name if n else i
    return PathView(source, target, edges, names)


def is_government(node: Node) -> bool:
    """Whether a node is the Union's or a state's government (ingest/extract.py `_government`):
    on a path avoiding States it is avoided too, as it links as much as a State does (every
    cluster it funds or approves)."""
    return node.type == "Agency" and node.attrs.get("role") == "government"


def _path_avoiding(
    store: GraphStore, source: str, target: str, max_hops: int, avoid: set[str]
) -> list[Edge] | None:
    """Fewest hops from `source` to `target`, edge direction ignored, through no entity whose
    type is in `avoid` (breadth first over `store.neighbors`)."""
    if source == target:
        return []
    came: dict[str, Edge | None] = {source: None}
    frontier = [source]
    allowed = set(PATH_RELATIONS)
    for _ in range(max_hops):
        nxt = []
        for nid in frontier:
            for nb in store.neighbors(nid, None, "both"):
                other = nb.node.id
                if other in came or nb.edge.relation not in allowed:
                    continue
                if other != target and (
                    nb.node.type in avoid or ("State" in avoid and is_government(nb.node))
                ):
                    continue
                came[other] = nb.edge
                if other == target:
                    out = []
                    while (e := came[other]) is not None:
                        out.append(e)
                        other = e.source if e.target == other else e.target
                    return out[::-1]
                nxt.append(other)
        frontier = nxt
    return None
