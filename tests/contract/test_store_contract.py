"""The store protocol, once, against every backend (see conftest.BACKENDS)."""

from __future__ import annotations

from typing import Any

import pytest

from kb.errors import SchemaError
from kb.store.base import Edge, GraphStore, Node
from tests.conftest import prov

CLUSTER = "cluster:muzaffarpur-bag-cluster"


def test_get_node_returns_what_was_written(tiny: GraphStore) -> None:
    n = tiny.get_node("agency:jeevika")
    assert n is not None
    assert (n.type, n.name, n.aliases) == ("Agency", "JEEViKA", ["BRLPS"])
    assert n.provenance[0].locator == "s4"
    assert tiny.get_node("agency:nobody") is None


def test_returned_nodes_are_copies(tiny: GraphStore) -> None:
    n = tiny.get_node("state:bihar")
    assert n is not None
    n.attrs["lgd_code"] = 99
    again = tiny.get_node("state:bihar")
    assert again is not None and again.attrs["lgd_code"] == 10


def test_upsert_merges_attributes_aliases_and_provenance(tiny: GraphStore) -> None:
    tiny.upsert_node(
        Node(
            "agency:jeevika",
            "Agency",
            "JEEViKA",
            {"role": "society"},
            ["Jeevika Bihar"],
            [prov("s9")],
        )
    )
    n = tiny.get_node("agency:jeevika")
    assert n is not None
    assert n.attrs == {"role": "society"}
    assert n.aliases == ["BRLPS", "Jeevika Bihar"]
    assert sorted(p.locator for p in n.provenance) == ["s4", "s9"]


def test_upsert_same_provenance_twice_is_idempotent(tiny: GraphStore) -> None:
    before = tiny.stats().to_dict()
    tiny_edge = Edge("agency:jeevika", "MOBILISES", CLUSTER, {}, [prov("s4")])
    tiny.upsert_edge(tiny_edge)
    e = tiny.get_edge(*tiny_edge.key)
    assert e is not None and len(e.provenance) == 1
    assert tiny.stats().to_dict() == before


def test_type_change_is_refused(tiny: GraphStore) -> None:
    with pytest.raises(SchemaError) as err:
        tiny.upsert_node(Node("agency:jeevika", "Scheme", "JEEViKA", {}, [], [prov()]))
    assert "is a Agency" in str(err.value)
    n = tiny.get_node("agency:jeevika")
    assert n is not None and n.type == "Agency"


@pytest.mark.parametrize(
    "node",
    [
        Node("x:1", "Widget", "A widget", {}, [], [prov()]),
        Node("x:2", "Agency", "", {}, [], [prov()]),
        Node("x:3", "Agency", "No source", {}, [], []),
    ],
    ids=["unknown-type", "no-name", "no-provenance"],
)
def test_invalid_nodes_are_refused(store: GraphStore, node: Node) -> None:
    with pytest.raises(SchemaError):
        store.upsert_node(node)
    assert store.stats().nodes == 0


@pytest.mark.parametrize(
    "edge",
    [
        Edge("agency:jeevika", "LIKES", CLUSTER, {}, [prov()]),
        Edge("state:bihar", "ANCHORS", CLUSTER, {}, [prov()]),
        Edge("agency:jeevika", "MOBILISES", "cluster:nowhere", {}, [prov()]),
        Edge("agency:jeevika", "MOBILISES", CLUSTER, {}, []),
    ],
    ids=["unknown-relation", "wrong-endpoint-type", "missing-node", "no-provenance"],
)
def test_invalid_edges_are_refused(tiny: GraphStore, edge: Edge) -> None:
    before = tiny.stats().to_dict()
    with pytest.raises(SchemaError):
        tiny.upsert_edge(edge)
    assert tiny.stats().to_dict() == before


def test_neighbors_by_relation_and_direction(tiny: GraphStore) -> None:
    into = tiny.neighbors(CLUSTER, direction="in")
    assert [(n.edge.relation, n.node.id) for n in into] == [
        ("ANCHORS", "enterprise:high-spirit"),
        ("FUNDS", "scheme:mmuy"),
        ("MOBILISES", "agency:jeevika"),
    ]
    out = tiny.neighbors(CLUSTER, relation="LOCATED_IN")
    assert [n.node.name for n in out] == ["Muzaffarpur"]
    both = tiny.neighbors(CLUSTER, direction="both")
    assert len(both) == 5
    assert tiny.neighbors("cluster:nowhere") == []


def test_neighbors_many_is_neighbors_for_each_id(tiny: GraphStore) -> None:
    """The batched read (kb.store.base.neighbors_many; Neo4j: one query per thousand ids)
    gives what one `neighbors` call per id gives, filtered by relation, in the same order."""
    from kb.store.base import neighbors_many

    ids = [CLUSTER, "district:bihar:muzaffarpur", "enterprise:high-spirit", "cluster:nowhere"]

    def keys(nbs: list[Any]) -> list[tuple[Any, str]]:
        return [(nb.edge.key, nb.node.id) for nb in nbs]

    for direction in ("out", "in", "both"):
        many = neighbors_many(tiny, ids, None, direction)  # type: ignore[arg-type]
        assert list(many) == ids
        for i in ids:
            assert keys(many[i]) == keys(tiny.neighbors(i, direction=direction))  # type: ignore[arg-type]
    some = neighbors_many(tiny, ids, ["ANCHORS", "LOCATED_IN"])
    assert keys(some[CLUSTER]) == [
        (nb.edge.key, nb.node.id)
        for nb in tiny.neighbors(CLUSTER, direction="both")
        if nb.edge.relation in ("ANCHORS", "LOCATED_IN")
    ]
    assert some[CLUSTER][0].node.name and some[CLUSTER][0].edge.provenance
    assert neighbors_many(tiny, ids, [])[CLUSTER] == []


def test_nodes_by_type_and_attribute(tiny: GraphStore) -> None:
    assert [n.id for n in tiny.nodes("Enterprise")] == ["enterprise:high-spirit"]
    assert [n.id for n in tiny.nodes("Enterprise", {"role": "anchor"})] == [
        "enterprise:high-spirit"
    ]
    assert list(tiny.nodes("Enterprise", {"role": "buyer"})) == []
    assert len(list(tiny.nodes())) == 7


def test_edges_by_relation(tiny: GraphStore) -> None:
    assert [e.source for e in tiny.edges("LOCATED_IN")] == [CLUSTER, "district:bihar:muzaffarpur"]
    assert len(list(tiny.edges())) == 7


def test_shortest_path_ignores_direction(tiny: GraphStore) -> None:
    path = tiny.shortest_path("agency:jeevika", "state:bihar")
    assert path is not None
    assert [e.relation for e in path] == ["MOBILISES", "LOCATED_IN", "LOCATED_IN"]
    assert tiny.shortest_path("agency:jeevika", "state:bihar", max_hops=2) is None
    assert tiny.shortest_path("agency:jeevika", "agency:jeevika") == []
    assert tiny.shortest_path("agency:jeevika", "state:nowhere") is None


def test_shortest_path_restricted_to_relations(tiny: GraphStore) -> None:
    via_product = tiny.shortest_path(
        CLUSTER, "district:bihar:muzaffarpur", relations=["PRODUCES", "ODOP_PRODUCT"]
    )
    assert via_product is not None
    assert [e.relation for e in via_product] == ["PRODUCES", "ODOP_PRODUCT"]


def test_subgraph_depth(tiny: GraphStore) -> None:
    one = tiny.subgraph("agency:jeevika", depth=1)
    assert [n.id for n in one.nodes] == ["agency:jeevika", CLUSTER]
    two = tiny.subgraph("agency:jeevika", depth=2)
    assert len(two.nodes) == 6  # all but the state
    assert {e.relation for e in two.edges} >= {"ANCHORS", "FUNDS", "PRODUCES"}
    assert tiny.subgraph("nobody").nodes == []


def test_delete_node_removes_its_edges(tiny: GraphStore) -> None:
    assert tiny.delete_node(CLUSTER) is True
    assert tiny.get_node(CLUSTER) is None
    assert tiny.neighbors("agency:jeevika") == []
    assert tiny.stats().edges == 2
    assert tiny.delete_node(CLUSTER) is False


def test_delete_edge(tiny: GraphStore) -> None:
    assert tiny.delete_edge("scheme:mmuy", "FUNDS", CLUSTER) is True
    assert tiny.get_edge("scheme:mmuy", "FUNDS", CLUSTER) is None
    assert tiny.delete_edge("scheme:mmuy", "FUNDS", CLUSTER) is False


def test_sources_and_remove_sources(tiny: GraphStore) -> None:
    tiny.upsert_node(
        Node("agency:jeevika", "Agency", "JEEViKA", {}, [], [prov("x1", source="doc:other")])
    )
    assert tiny.sources() == {"doc:other": 1, "doc:tiny": 14}
    facts = tiny.facts_from("doc:other")
    assert [n.id for n in facts.nodes] == ["agency:jeevika"] and facts.edges == []
    removed = tiny.remove_sources(["doc:tiny"])
    assert removed == (6, 7)
    assert [n.id for n in tiny.nodes()] == ["agency:jeevika"]  # still cited by doc:other
    n = tiny.get_node("agency:jeevika")
    assert n is not None and [p.source for p in n.provenance] == ["doc:other"]


def test_remove_sources_drops_only_the_fields_it_supplied(store: GraphStore) -> None:
    store.upsert_node(
        Node("district:x", "District", "X", {"lgd_code": 1}, [], [prov("row 1", "lgd")])
    )
    coords = prov("f1", "hq")
    coords = type(coords)(
        coords.source, coords.locator, coords.text, coords.extractor, 1.0, ("lat",)
    )
    store.upsert_node(Node("district:x", "District", "X", {"lat": 25.0}, [], [coords]))
    store.remove_sources(["hq"])
    n = store.get_node("district:x")
    assert n is not None and n.attrs == {"lgd_code": 1}


def test_remove_sources_drops_the_names_only_it_gave(store: GraphStore) -> None:
    """A document folded into a registry cluster gave it another name ('alias:<name>' in its
    provenance): forgetting the document takes that name away, and keeps the registry's."""
    store.upsert_node(
        Node(
            "cluster:x",
            "Cluster",
            "Bagulamari Jute Cluster",
            {},
            ["Bagulamari"],
            [prov("r1", "reg")],
        )
    )
    doc = prov("s3", "doc:a")
    doc = type(doc)(doc.source, doc.locator, doc.text, doc.extractor, 1.0,
                    ("alias:Bogulamari Jute Cluster",))  # fmt: skip
    store.upsert_node(Node("cluster:x", "Cluster", "Bagulamari Jute Cluster", {},
                           ["Bogulamari Jute Cluster"], [doc]))  # fmt: skip
    n = store.get_node("cluster:x")
    assert n is not None and "Bogulamari Jute Cluster" in n.aliases
    store.remove_sources(["doc:a"])
    n = store.get_node("cluster:x")
    assert n is not None and n.aliases == ["Bagulamari"]


def test_batch_rolls_back_on_error(tiny: GraphStore) -> None:
    before = tiny.stats().to_dict()
    with pytest.raises(RuntimeError), tiny.batch():
        tiny.upsert_node(Node("agency:new", "Agency", "New", {}, [], [prov()]))
        tiny.delete_node(CLUSTER)
        raise RuntimeError("crash mid-batch")
    assert tiny.stats().to_dict() == before
    assert tiny.get_node("agency:new") is None
    assert len(tiny.neighbors(CLUSTER, direction="both")) == 5


def test_batch_reads_its_own_writes(store: GraphStore) -> None:
    with store.batch():
        store.upsert_node(Node("state:goa", "State", "Goa", {}, [], [prov()]))
        assert store.get_node("state:goa") is not None
        store.upsert_node(Node("district:goa:north-goa", "District", "North Goa", {}, [], [prov()]))
        store.upsert_edge(Edge("district:goa:north-goa", "LOCATED_IN", "state:goa", {}, [prov()]))
    assert store.stats().to_dict()["edges_by_relation"] == {"LOCATED_IN": 1}


def test_stats(tiny: GraphStore) -> None:
    s = tiny.stats()
    assert s.nodes == 7 and s.edges == 7
    assert s.nodes_by_type["Cluster"] == 1
    assert s.edges_by_relation["LOCATED_IN"] == 2
