"""What a document's cluster makes, read from its name (ingest.pipeline.ProductIndex): the
product the KB knows whose name's words are those of the cluster's name without its place
words. The products and clusters are written for these tests."""

from __future__ import annotations

from ingest.facts import FactSet
from ingest.pipeline import ProductIndex
from kb.store.base import Edge, Node, Provenance
from kb.store.memory import MemoryStore
from tests.conftest import prov

PRODUCTS = [
    Node("product:cashew-processing", "Product", "Cashew Processing", provenance=[prov("t1")]),
    Node("product:cashew", "Product", "Cashew", provenance=[prov("t2")]),
    Node("product:brass-utensils", "Product", "Brass Utensils", provenance=[prov("t3")]),
    Node("district:odisha:ganjam", "District", "Ganjam", provenance=[prov("t4")]),
]


def _store() -> MemoryStore:
    store = MemoryStore(None)
    for n in PRODUCTS:
        store.upsert_node(n)
    return store


def _said(n: int) -> Provenance:
    return Provenance("doc:report", f"sentence {n}", "...", "rules", 0.9)


def test_a_clusters_name_names_the_shortest_product_of_its_words() -> None:
    index = ProductIndex([n for n in PRODUCTS if n.type == "Product"])
    assert index.product("Ganjam Cashew Cluster", ["Ganjam"]) == "product:cashew"
    assert index.product("Ganjam Brass Utensils Cluster", ["Ganjam"]) == "product:brass-utensils"
    assert index.product("Ganjam Engineering Cluster", ["Ganjam"]) is None  # no such product


def test_a_document_cluster_gets_the_product_its_name_names_cited_at_its_sentence() -> None:
    store = _store()
    facts = FactSet("doc:report")
    facts.node("cluster:ganjam-cashew-cluster", "Cluster", "Ganjam Cashew Cluster", _said(3))
    facts.edge("cluster:ganjam-cashew-cluster", "LOCATED_IN", "district:odisha:ganjam", _said(3))
    facts.node("cluster:ganjam-brass-cluster", "Cluster", "Ganjam Brass Cluster", _said(4))
    facts.edge("cluster:ganjam-brass-cluster", "PRODUCES", "product:brass-utensils", _said(4))
    ProductIndex([n for n in PRODUCTS if n.type == "Product"]).link(store, facts)
    made = [e for e in facts.edges.values() if e.relation == "PRODUCES"]
    assert sorted((e.source, e.target) for e in made) == [
        ("cluster:ganjam-brass-cluster", "product:brass-utensils"),  # what a fact said stays
        ("cluster:ganjam-cashew-cluster", "product:cashew"),
    ]
    edge = next(e for e in made if e.source == "cluster:ganjam-cashew-cluster")
    assert edge.provenance[0].locator == "sentence 3" and edge.provenance[0].source == "doc:report"
    # the product cites the sentence too: rebuilding the tables (which drops nodes only the
    # tables support, with their edges) keeps the document's edge
    assert [p.source for p in facts.nodes["product:cashew"].provenance] == ["doc:report"]


def test_a_cluster_the_kb_already_says_makes_something_is_left_alone() -> None:
    store = _store()
    store.upsert_node(Node("cluster:ganjam-cashew-cluster", "Cluster", "Ganjam Cashew Cluster",
                           provenance=[prov("t5")]))  # fmt: skip
    store.upsert_edge(Edge("cluster:ganjam-cashew-cluster", "PRODUCES", "product:cashew-processing",
                           {}, [prov("t5")]))  # fmt: skip
    facts = FactSet("doc:report")
    facts.node("cluster:ganjam-cashew-cluster", "Cluster", "Ganjam Cashew Cluster", _said(2))
    ProductIndex([n for n in PRODUCTS if n.type == "Product"]).link(store, facts)
    assert not [e for e in facts.edges.values() if e.relation == "PRODUCES"]
