"""Neighbourhoods and paths on the tiny graph, with exact expectations."""

from __future__ import annotations

import pytest

from kb.errors import NotFound
from kb.explore import (
    MAX_ENTITY_SOURCES,
    MAX_RELATION_SOURCES,
    MAX_RELATIONS,
    entity_view,
    neighborhood,
    path_view,
)
from kb.models import Entity
from kb.store.base import Edge, Node, Provenance
from kb.store.memory import MemoryStore
from tests.conftest import tiny_graph

CLUSTER = "cluster:muzaffarpur-bag-cluster"


@pytest.fixture
def store() -> MemoryStore:
    s = MemoryStore(None)
    tiny_graph(s)
    p = [Provenance("doc:tiny", "s9", "mentioned", "test")]
    s.upsert_node(Node("doc:tiny", "Document", "Tiny", provenance=p))
    s.upsert_edge(Edge(CLUSTER, "MENTIONED_IN", "doc:tiny", provenance=p))
    return s


def _ids(store: MemoryStore, **kw: object) -> set[str]:
    center = store.get_node(CLUSTER)
    assert center is not None
    return {n.id for n in neighborhood(store, center, **kw).nodes} - {CLUSTER}  # type: ignore[arg-type]


def test_neighbourhood_by_direction_relation_and_depth(store: MemoryStore) -> None:
    assert _ids(store) == {"district:bihar:muzaffarpur", "product:bags", "enterprise:high-spirit",
                           "agency:jeevika", "scheme:mmuy"}  # fmt: skip
    assert _ids(store, direction="out") == {"district:bihar:muzaffarpur", "product:bags"}
    assert _ids(store, direction="in") == {
        "enterprise:high-spirit",
        "agency:jeevika",
        "scheme:mmuy",
    }
    assert _ids(store, relation="ANCHORS") == {"enterprise:high-spirit"}
    assert "state:bihar" in _ids(store, depth=2)  # through the district
    assert "doc:tiny" not in _ids(store, depth=2)  # documents only when asked for
    assert _ids(store, relation="MENTIONED_IN") == {"doc:tiny"}


def test_neighbourhood_cap_is_reported(store: MemoryStore) -> None:
    center = store.get_node(CLUSTER)
    assert center is not None
    capped = neighborhood(store, center, depth=2, limit=3)
    assert len(capped.nodes) == 3 and capped.truncated
    assert not neighborhood(store, center, depth=2).truncated


def test_path_between_two_entities(store: MemoryStore) -> None:
    a, b = store.get_node("agency:jeevika"), store.get_node("state:bihar")
    assert a is not None and b is not None
    view = path_view(store, a, b)
    assert [e.relation for e in view.edges] == ["MOBILISES", "LOCATED_IN", "LOCATED_IN"]
    with pytest.raises(NotFound):
        path_view(store, a, b, max_hops=2)


def test_path_can_avoid_hub_types(store: MemoryStore) -> None:
    # the agency reaches the district's product only through the cluster or the state hub
    p = [Provenance("doc:tiny", "s1", "t", "test")]
    store.upsert_node(Node("agency:bihar-udyog", "Agency", "Bihar Udyog", provenance=p))
    store.upsert_edge(Edge("agency:bihar-udyog", "LOCATED_IN", "state:bihar", provenance=p))
    a, b = store.get_node("agency:bihar-udyog"), store.get_node("district:bihar:muzaffarpur")
    assert a is not None and b is not None
    through = path_view(store, a, b)
    assert [e.relation for e in through.edges] == ["LOCATED_IN", "LOCATED_IN"]  # via the state
    with pytest.raises(NotFound) as err:
        path_view(store, a, b, avoid=("State",))
    assert "avoids State" in str(err.value)
    jeevika = store.get_node("agency:jeevika")
    assert jeevika is not None
    around = path_view(store, jeevika, b, avoid=("State", "Sector"))
    assert all(store.get_node(e.source).type != "State" for e in around.edges)  # type: ignore[union-attr]
    assert [e.relation for e in around.edges] == ["MOBILISES", "LOCATED_IN"]


def test_neighbourhood_counts_what_the_cap_left_out(store: MemoryStore) -> None:
    center = store.get_node(CLUSTER)
    assert center is not None
    full = neighborhood(store, center, depth=2)
    capped = neighborhood(store, center, depth=2, limit=3)
    assert capped.total == full.total == len(full.nodes) > 3


def test_a_served_entity_page_is_bounded_however_large_the_document() -> None:
    """Issue 17: a document of 100,001 sentences made its page 20 MB (its sentences, and one
    source per sentence naming each entity it mentions)."""
    s = MemoryStore(None)
    n = 2000
    sentences = [f"The Weaver Cluster number {i} in Gaya is supported by SFURTI." for i in range(n)]
    said = [Provenance("doc:huge", f"sentence {i + 1}", t, "test") for i, t in enumerate(sentences)]
    s.upsert_node(Node("doc:huge", "Document", "Huge", {"sentences": sentences}, [], said[:1]))
    for k in range(MAX_RELATIONS + 100):  # each entity named in the first ten sentences and more
        s.upsert_node(Node(f"agency:a{k}", "Agency", f"Agency {k}", {}, [], said))
        s.upsert_edge(Edge(f"agency:a{k}", "MENTIONED_IN", "doc:huge", {}, said[: 10 + k]))

    page = entity_view(s, s.get_node("doc:huge")).to_dict(bounded=True)  # type: ignore[arg-type]
    Entity.model_validate(page)
    assert "sentences" not in page["attrs"] and page["attrs"]["sentence_count"] == n
    assert len(page["relations"]) == MAX_RELATIONS
    assert page["relations_total"] == MAX_RELATIONS + 100
    assert all(len(r["provenance"]) <= MAX_RELATION_SOURCES for r in page["relations"])
    assert max(r["provenance_total"] for r in page["relations"]) >= 10 + MAX_RELATIONS - 1
    assert len(s.get_node("doc:huge").attrs["sentences"]) == n  # type: ignore[union-attr]

    agency = entity_view(s, s.get_node("agency:a0")).to_dict(bounded=True)  # type: ignore[arg-type]
    assert len(agency["provenance"]) == MAX_ENTITY_SOURCES and agency["provenance_total"] == n
    assert len(str(page)) + len(str(agency)) < 1_000_000

    whole = entity_view(s, s.get_node("doc:huge")).to_dict()  # type: ignore[arg-type]
    assert len(whole["attrs"]["sentences"]) == n and len(whole["relations"]) == MAX_RELATIONS + 100


def test_a_path_avoiding_states_avoids_governments_too(store: MemoryStore) -> None:
    # two clusters a government funds are linked only through it, a hub as a State is
    p = [Provenance("doc:tiny", "s1", "t", "test")]
    store.upsert_node(Node("agency:government-of-india", "Agency", "Government of India",
                           attrs={"role": "government"}, provenance=p))  # fmt: skip
    store.upsert_node(Node("cluster:x:brass", "Cluster", "Brass Cluster", provenance=p))
    store.upsert_node(Node("cluster:y:lamp", "Cluster", "Lamp Cluster", provenance=p))
    for c in ("cluster:x:brass", "cluster:y:lamp"):
        store.upsert_edge(Edge("agency:government-of-india", "FUNDS", c, provenance=p))
    a, b = store.get_node("cluster:x:brass"), store.get_node("cluster:y:lamp")
    assert a is not None and b is not None
    assert len(path_view(store, a, b).edges) == 2  # through the government
    with pytest.raises(NotFound):
        path_view(store, a, b, avoid=("State",))
