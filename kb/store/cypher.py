"""Every Cypher statement the neo4j backend sends, in one place.

Values are always `$parameters`. Labels, relation types and hop counts cannot be parameters
in Cypher, so the few functions that build a statement take them only after `kb.schema` has
checked them (node types, relation types) or `int()` has (hop counts).

Storage shape: every node has the label `Entity` plus its type as a second label, and the
properties id, type, name, aliases (list), sources (list of provenance sources), attrs and
provenance (JSON strings, since Neo4j properties cannot hold maps). Relationships carry
sources, attrs and provenance the same way.
"""

from __future__ import annotations

from kb.schema import check_node_type, check_relation

SCHEMA = [
    "CREATE CONSTRAINT clusterkb_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
]

NODE_FIELDS = (
    "n.id AS id, n.type AS type, n.name AS name, n.aliases AS aliases, "
    "n.attrs AS attrs, n.provenance AS provenance"
)

# `IN`, not UNWIND + MATCH: ArcadeDB plans only this form as an index seek (Neo4j both)
GET_NODES = f"MATCH (n:Entity) WHERE n.id IN $ids RETURN {NODE_FIELDS}"

ALL_NODES = f"MATCH (n:Entity) RETURN {NODE_FIELDS} ORDER BY n.id"

DELETE_NODES = "UNWIND $ids AS i MATCH (n:Entity {id: i}) DETACH DELETE n"

EDGE_FIELDS = (
    "a.id AS source, type(r) AS relation, b.id AS target, r.attrs AS attrs, "
    "r.provenance AS provenance"
)

ALL_EDGES = f"MATCH (a:Entity)-[r]->(b:Entity) RETURN {EDGE_FIELDS}"

NODES_CITING = (
    f"MATCH (n:Entity) WHERE any(s IN n.sources WHERE s IN $sources) RETURN {NODE_FIELDS}"
)

EDGES_CITING = (
    f"MATCH (a:Entity)-[r]->(b:Entity) WHERE any(s IN r.sources WHERE s IN $sources) "
    f"RETURN {EDGE_FIELDS}"
)

NODE_SOURCES = "MATCH (n:Entity) UNWIND n.sources AS s RETURN s AS source, count(*) AS n"

EDGE_SOURCES = (
    "MATCH (:Entity)-[r]->(:Entity) UNWIND r.sources AS s RETURN s AS source, count(*) AS n"
)

COUNT_NODES = "MATCH (n:Entity) RETURN n.type AS key, count(*) AS n"

COUNT_EDGES = "MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS key, count(*) AS n"

INCIDENT = (
    "UNWIND $ids AS i MATCH (a:Entity {id: i})-[r]-(m:Entity) "
    "RETURN i AS at, startNode(r).id AS source, type(r) AS relation, endNode(r).id AS target, "
    "r.attrs AS attrs, r.provenance AS provenance, m.id AS other"
)

CLEAR = "MATCH (n:Entity) DETACH DELETE n"


def nodes_of_type(type_: str) -> str:
    label = check_node_type(type_)
    return f"MATCH (n:{label}) RETURN {NODE_FIELDS} ORDER BY n.id"


def merge_nodes(type_: str) -> str:
    """Insert or replace nodes of one type: rows of {id, props}."""
    label = check_node_type(type_)
    # Both labels in the MERGE: adding a label later makes some servers (ArcadeDB) re-create
    # the node, which the uniqueness constraint refuses. A node never changes type.
    return f"UNWIND $rows AS row MERGE (n:Entity:{label} {{id: row.id}}) SET n += row.props"


def create_nodes(type_: str) -> str:
    """Insert nodes of one type that the same transaction has just read as absent: rows of
    {id, props}. Both labels at creation (see merge_nodes). A MERGE with two labels is not
    planned on the id index by ArcadeDB (it scans every node of the label per row: 50 ms a
    row at 8,000 nodes, growing with the graph), a CREATE is; on Neo4j both are index work.
    Should another writer create the same id in between, the uniqueness constraint refuses
    the CREATE and the batch fails as a whole (a MERGE would instead overwrite that writer's
    provenance with this batch's, merged from the earlier read)."""
    label = check_node_type(type_)
    return f"UNWIND $rows AS row CREATE (n:Entity:{label} {{id: row.id}}) SET n += row.props"


UPDATE_NODES = "UNWIND $rows AS row MATCH (n:Entity {id: row.id}) SET n += row.props"


def get_edges(relation: str) -> str:
    rel = check_relation(relation)
    return (
        "UNWIND $keys AS k "
        f"MATCH (a:Entity {{id: k.source}})-[r:{rel}]->(b:Entity {{id: k.target}}) "
        f"RETURN {EDGE_FIELDS}"
    )


def merge_edges(relation: str) -> str:
    """Insert or replace relationships of one type: rows of {source, target, props}."""
    rel = check_relation(relation)
    # two MATCH clauses, not one with a comma: ArcadeDB runs the comma form about twice as slow
    return (
        "UNWIND $rows AS row MATCH (a:Entity {id: row.source}) "
        "MATCH (b:Entity {id: row.target}) "
        f"MERGE (a)-[r:{rel}]->(b) SET r += row.props"
    )


def delete_edges(relation: str) -> str:
    rel = check_relation(relation)
    return (
        "UNWIND $keys AS k "
        f"MATCH (a:Entity {{id: k.source}})-[r:{rel}]->(b:Entity {{id: k.target}}) "
        "DELETE r RETURN count(*) AS n"
    )


def edges_of(relation: str) -> str:
    rel = check_relation(relation)
    return f"MATCH (a:Entity)-[r:{rel}]->(b:Entity) RETURN {EDGE_FIELDS}"


# an edge and the node at its other end, as neighbors() and neighbors_many() return them
NEIGHBOR_FIELDS = (
    "startNode(r).id AS source, type(r) AS relation, endNode(r).id AS target, r.attrs AS attrs, "
    "r.provenance AS provenance, m.id AS id, m.type AS type, m.name AS name, "
    "m.aliases AS aliases, m.attrs AS node_attrs, m.provenance AS node_provenance"
)


def neighbors(direction: str, relation: str | None) -> str:
    rel = f":{check_relation(relation)}" if relation else ""
    pattern = {
        "out": f"(a:Entity {{id: $id}})-[r{rel}]->(m:Entity)",
        "in": f"(a:Entity {{id: $id}})<-[r{rel}]-(m:Entity)",
        "both": f"(a:Entity {{id: $id}})-[r{rel}]-(m:Entity)",
    }[direction]
    return f"MATCH {pattern} RETURN {NEIGHBOR_FIELDS}"


def neighbors_many(direction: str, relations: list[str] | None) -> str:
    """Neighbours of many ids ($ids) in one statement, each row with the id it is around
    (`at`); `relations` (checked) limit the relation types."""
    rel = ":" + "|".join(check_relation(r) for r in relations) if relations else ""
    pattern = {
        "out": f"(a)-[r{rel}]->(m:Entity)",
        "in": f"(a)<-[r{rel}]-(m:Entity)",
        "both": f"(a)-[r{rel}]-(m:Entity)",
    }[direction]
    return (
        f"MATCH (a:Entity) WHERE a.id IN $ids MATCH {pattern} RETURN a.id AS at, {NEIGHBOR_FIELDS}"
    )


def shortest_path(max_hops: int, relations: list[str] | None) -> str:
    hops = int(max_hops)
    rels = ":" + "|".join(check_relation(r) for r in relations) if relations else ""
    return (
        "MATCH (a:Entity {id: $source}), (b:Entity {id: $target}) "
        f"MATCH p = shortestPath((a)-[{rels}*..{hops}]-(b)) "
        "RETURN [r IN relationships(p) | [startNode(r).id, type(r), endNode(r).id]] AS hops"
    )
