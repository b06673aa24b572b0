"""The memory store's own bidirectional BFS finds paths exactly as long as networkx's shortest
paths on the same graph, with and without a relation filter and a hop limit."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from kb.store.base import Edge, Node, Provenance
from kb.store.memory import MemoryStore

RELATIONS = ["SUPPLIES", "BUYS_FROM", "MEMBER_OF"]


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    rng = random.Random(18)
    p = [Provenance("test", "row 1", "row 1", "test")]
    s = MemoryStore(None)
    with s.batch():
        for i in range(200):
            s.upsert_node(Node(f"enterprise:e{i}", "Enterprise", f"E{i}", {}, [], p))
        for _ in range(420):
            a, b = rng.randrange(200), rng.randrange(200)
            if a != b:
                s.upsert_edge(
                    Edge(f"enterprise:e{a}", rng.choice(RELATIONS), f"enterprise:e{b}", {}, p)
                )
    return s


@pytest.mark.parametrize("relations", [None, ["SUPPLIES"], ["BUYS_FROM", "MEMBER_OF"]])
@pytest.mark.parametrize("max_hops", [1, 3, 6])
def test_path_lengths_match_networkx(
    store: MemoryStore, relations: list[str] | None, max_hops: int
) -> None:
    rng = random.Random(max_hops)
    g = store._g  # noqa: SLF001  # the reference: networkx on the store's own graph
    if relations is not None:
        g = nx.subgraph_view(g, filter_edge=lambda u, v, k: k in relations)
    undirected = g.to_undirected(as_view=True)
    for _ in range(150):
        a, b = (f"enterprise:e{rng.randrange(200)}" for _ in range(2))
        try:
            length: int | None = nx.shortest_path_length(undirected, a, b)
        except nx.NetworkXNoPath:
            length = None
        want = None if length is None or length > max_hops else length
        path = store.shortest_path(a, b, max_hops=max_hops, relations=relations)
        assert (None if path is None else len(path)) == want, (a, b)
        at = a
        for e in path or []:
            assert at in (e.source, e.target)
            assert relations is None or e.relation in relations
            at = e.target if e.source == at else e.source
        assert path is None or at == b
