"""bench/scale.py's synthetic national graph: the size asked for, the real ontology, heavy tails,
and every sentence-cited fact citing a sentence its document holds."""

from __future__ import annotations

import statistics
from collections import Counter

from bench.scale import Generator, read_base, write
from kb.store.base import Edge, Node, Provenance
from kb.store.memory import MemoryStore


def _row(i: int) -> Provenance:
    return Provenance("tables/test.csv", f"row {i}", f"row {i}", "test")


def _base_store() -> MemoryStore:
    store = MemoryStore(None)
    nodes = [
        Node("state:bihar", "State", "Bihar", {}, [], [_row(1)]),
        Node("district:bihar:muzaffarpur", "District", "Muzaffarpur", {}, [], [_row(2)]),
        Node("district:bihar:gaya", "District", "Gaya", {}, [], [_row(3)]),
        Node("product:bags", "Product", "Bags", {}, [], [_row(4)]),
        Node("product:makhana", "Product", "Makhana (fox nut)", {}, [], [_row(5)]),
        Node("sector:textiles", "Sector", "Textiles", {}, [], [_row(6)]),
        Node("scheme:pmegp", "Scheme", "PMEGP", {}, [], [_row(7)]),
        Node("scheme:sfurti", "Scheme", "SFURTI", {}, [], [_row(8)]),
        Node("scheme:mse-cdp", "Scheme", "MSE-CDP", {}, [], [_row(9)]),
        Node("agency:jeevika", "Agency", "JEEViKA", {}, [], [_row(10)]),
    ]
    edges = [
        Edge("district:bihar:muzaffarpur", "ODOP_PRODUCT", "product:bags", {}, [_row(11)]),
        Edge("district:bihar:gaya", "ODOP_PRODUCT", "product:makhana", {}, [_row(12)]),
        Edge("product:bags", "IN_SECTOR", "sector:textiles", {}, [_row(13)]),
        Edge("district:bihar:gaya", "LOCATED_IN", "state:bihar", {}, [_row(14)]),
    ]
    with store.batch():
        store.upsert_nodes(nodes)
        store.upsert_edges(edges)
    return store


def _generated(edges: int, seed: int = 0) -> tuple[MemoryStore, Generator]:
    store = _base_store()
    gen = Generator(read_base(store), edges, seed=seed, sentence_share=0.2)
    gen.generate()
    write(store, gen.registry)  # through the protocol: the store checks the ontology
    write(store, gen.documents)
    return store, gen


def test_the_graph_has_exactly_the_edges_asked_for() -> None:
    store, _ = _generated(3000)
    assert store.stats().edges == 3000


def test_same_seed_same_graph_and_another_seed_another() -> None:
    a, b, c = (_generated(1500, seed)[0] for seed in (1, 1, 2))
    assert [e.key for e in a.edges()] == [e.key for e in b.edges()]
    assert [e.key for e in a.edges()] != [e.key for e in c.edges()]


def test_trade_degrees_are_heavy_tailed() -> None:
    store, _ = _generated(6000)
    out = Counter(e.source for r in ("SUPPLIES", "BUYS_FROM") for e in store.edges(r))
    degrees = sorted(out.values())
    assert degrees[-1] >= 10 * statistics.median(degrees)


def test_enterprises_play_every_role_and_clusters_have_their_district_product() -> None:
    store, gen = _generated(3000)
    roles = Counter(n.attrs["role"] for n in store.nodes("Enterprise"))
    assert {"anchor", "member unit", "supplier", "buyer"} <= set(roles)
    for cid, _, district, product in gen.clusters:
        assert {nb.node.id for nb in store.neighbors(cid, "LOCATED_IN")} == {district}
        assert product in {nb.node.id for nb in store.neighbors(cid, "PRODUCES")}
        assert store.neighbors(cid, "ANCHORS", direction="in")


def test_sentence_citations_point_at_their_documents_sentences() -> None:
    store, _ = _generated(3000)
    cited = 0
    for e in store.edges():
        for p in e.provenance:
            if p.locator.startswith("sentence "):
                doc = store.get_node(p.source)
                assert doc is not None and doc.type == "Document"
                assert doc.attrs["sentences"][int(p.locator.split()[1]) - 1] == p.text
                assert store.get_edge(e.source, "MENTIONED_IN", p.source) is not None
                cited += 1
    assert cited > 0
