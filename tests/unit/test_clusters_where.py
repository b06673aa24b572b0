"""The KB's clusters of the products and places a question names (kb.qa
QuestionAnswerer._clusters_where) on the tiny graph: 'bag clusters in Bihar - where'."""

from __future__ import annotations

from kb.models import Answer
from kb.qa import QuestionAnswerer
from kb.store.base import Edge, Node
from kb.store.memory import MemoryStore
from tests.conftest import prov, tiny_graph


def _reader() -> QuestionAnswerer:
    store = MemoryStore(None)
    tiny_graph(store)
    # a second product's cluster in the same district
    store.upsert_node(Node("product:litchi", "Product", "Litchi", provenance=[prov("s7")]))
    store.upsert_node(Node("cluster:kanti-litchi", "Cluster", "Kanti Litchi Cluster",
                           provenance=[prov("s7")]))  # fmt: skip
    store.upsert_edge(Edge("cluster:kanti-litchi", "LOCATED_IN", "district:bihar:muzaffarpur", {},
                           [prov("s7")]))  # fmt: skip
    store.upsert_edge(Edge("cluster:kanti-litchi", "PRODUCES", "product:litchi", {}, [prov("s7")]))
    reader = QuestionAnswerer.__new__(QuestionAnswerer)
    reader.store = store
    return reader


def _node(reader: QuestionAnswerer, id_: str) -> Node:
    node = reader.store.get_node(id_)
    assert node is not None
    return node


def test_a_products_clusters_are_named_with_their_place() -> None:
    r = _reader()
    a = r._clusters_where(
        "bag clusters in these reports - where", [_node(r, "product:bags")], "place"
    )
    assert a is not None
    assert a.answer.startswith("Muzaffarpur bag cluster (Muzaffarpur)")
    assert a.citations  # the edges that place it are cited


def test_a_states_clusters_are_those_of_its_districts_with_what_they_make() -> None:
    r = _reader()
    a = r._clusters_where("bihar clusters and their products", [_node(r, "state:bihar")], "list")
    assert a is not None
    assert "2 clusters" in a.answer
    assert "Kanti Litchi Cluster (Muzaffarpur; Litchi)" in a.answer
    assert "Muzaffarpur bag cluster (Muzaffarpur; Bags)" in a.answer


def test_product_and_place_together_narrow_the_clusters() -> None:
    r = _reader()
    focus = [_node(r, "product:litchi"), _node(r, "district:bihar:muzaffarpur")]
    a = r._clusters_where("litchi clusters in muzaffarpur", focus, "list")
    assert a is not None and "bag" not in a.answer and "Kanti Litchi Cluster" in a.answer


def test_a_body_the_question_names_narrows_the_clusters_to_those_linked_to_it() -> None:
    r = _reader()
    state, jeevika = _node(r, "state:bihar"), _node(r, "agency:jeevika")
    a = r._clusters_where("bihar clusters mobilised by jeevika", [state, jeevika], "list")
    assert a is not None and "Muzaffarpur bag cluster" in a.answer and "Litchi" not in a.answer
    litchi = _node(r, "product:litchi")  # no litchi cluster is linked to JEEViKA
    assert r._clusters_where("litchi clusters of jeevika", [litchi, jeevika], "list") is None


def test_a_question_about_the_documents_leaves_out_the_registrys_rows() -> None:
    r = _reader()
    r.store.upsert_node(Node("cluster:kanti-bags", "Cluster", "Kanti Bag Cluster",
                             provenance=[prov("row 9", "data/clusters/clusters.csv")]))  # fmt: skip
    r.store.upsert_edge(Edge("cluster:kanti-bags", "PRODUCES", "product:bags", {},
                             [prov("row 9", "data/clusters/clusters.csv")]))  # fmt: skip
    bags = [_node(r, "product:bags")]
    assert "Kanti Bag Cluster" in (r._clusters_where("bag clusters - where", bags, "place")
                                   or _none()).answer  # fmt: skip
    a = r._clusters_where("bag clusters in these reports - where", bags, "place")
    assert a is not None and "Kanti" not in a.answer and "Muzaffarpur bag cluster" in a.answer


def _none() -> Answer:
    raise AssertionError("no answer")


def test_other_questions_about_clusters_are_left_to_other_readers() -> None:
    r = _reader()
    state = [_node(r, "state:bihar")]
    assert r._clusters_where("how many clusters does bihar have", state, "count") is None
    assert r._clusters_where("who runs the clusters of bihar", state, "org") is None
    assert r._clusters_where("bihar's bag cluster", state, "list") is None  # no 'clusters'
    assert r._clusters_where("which clusters are there", [], "list") is None  # nothing named


def test_the_states_of_clusters_placed_in_their_districts() -> None:
    # "Which states have litchi clusters?": a cluster placed in its district is in that
    # district's state
    r = _reader()
    r._entities = lambda nodes: []  # type: ignore[method-assign]
    a = r._clusters_by_word("Which states have litchi clusters?")
    assert a is not None
    assert a.answer.startswith("Bihar"), a.answer
    assert {f["target"] for f in a.facts} >= {"district:bihar:muzaffarpur", "state:bihar"}


def test_the_words_before_clusters_narrow_them_to_that_kind_when_no_product_is_linked() -> None:
    # "bihar's lichi procesing clusters": no product linked (misspelt), the clusters whose
    # names hold the words are that kind; words naming no cluster's kind narrow nothing
    r = _reader()
    r.store.upsert_node(Node("cluster:kanti-litchi-processing", "Cluster",
                             "Kanti Litchi Processing Cluster", provenance=[prov("s8")]))  # fmt: skip
    r.store.upsert_edge(Edge("cluster:kanti-litchi-processing", "LOCATED_IN",
                             "district:bihar:muzaffarpur", {}, [prov("s8")]))  # fmt: skip
    state = [_node(r, "state:bihar")]
    a = r._clusters_where("which bihar districts have lichi procesing clusters", state, "list")
    assert a is not None and "Kanti Litchi Processing Cluster" in a.answer, a
    assert "bag" not in a.answer and "3 clusters" not in a.answer, a.answer
    a = r._clusters_where("which of these bihar clusters", state, "list")
    assert a is not None and "3 clusters" in a.answer, a.answer


def test_a_long_list_leaves_out_what_the_clusters_names_say() -> None:
    # eight clusters whose names hold their place and product: said once, so all fit
    r = _reader()
    for i in range(8):
        cid = f"cluster:muzaffarpur-litchi-{i}"
        r.store.upsert_node(Node(cid, "Cluster", f"Muzaffarpur Litchi Processing Cluster {i}",
                                 provenance=[prov("s9")]))  # fmt: skip
        r.store.upsert_edge(Edge(cid, "LOCATED_IN", "district:bihar:muzaffarpur", {},
                                 [prov("s9")]))  # fmt: skip
        r.store.upsert_edge(Edge(cid, "PRODUCES", "product:litchi", {}, [prov("s9")]))
    a = r._clusters_where("bihar clusters and their products", [_node(r, "state:bihar")], "list")
    assert a is not None and "(Muzaffarpur; Litchi)" not in a.answer, a.answer
    assert "Muzaffarpur Litchi Processing Cluster 0" in a.answer, a.answer
    # a short list says each cluster's place and product (test above)
