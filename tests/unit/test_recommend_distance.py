"""Distances of a plan's model clusters: a place with no point of its own (a cluster placed in
its state only, a district the bundled headquarters lack) is as far as the mean over its
state's districts, said as "about"."""

from __future__ import annotations

from typing import Any

import pytest

from kb.recommend import Recommender, haversine_km
from kb.store.base import Node, Provenance
from kb.store.memory import MemoryStore

POINTS = {"a": (10.0, 78.0), "b": (10.0, 79.0), "c": (11.0, 78.0)}
SRC = [Provenance("test", "here", "a test place", "test")]


@pytest.fixture
def rec() -> Recommender:
    store = MemoryStore(None)
    store.upsert_node(Node("state:tamil-nadu", "State", "Tamil Nadu", provenance=SRC))
    for slug, (lat, lon) in POINTS.items():
        store.upsert_node(Node(f"district:tamil-nadu:{slug}", "District", slug.upper(),
                               {"lat": lat, "lon": lon}, provenance=SRC))  # fmt: skip
    store.upsert_node(
        Node("district:tamil-nadu:new", "District", "New", provenance=SRC)
    )  # no point
    none: Any = None  # distances read the store only
    return Recommender(store, none, none)


def node(rec: Recommender, slug: str) -> Node:
    n = rec.store.get_node(f"district:tamil-nadu:{slug}")
    assert n is not None
    return n  # type: ignore[no-any-return]


def test_two_districts_with_points_are_one_pair_apart(rec: Recommender) -> None:
    km, said = rec.distance(node(rec, "a"), node(rec, "b"), None)
    assert km is not None and km == pytest.approx(haversine_km(node(rec, "a"), node(rec, "b")))
    assert said == f"{km:.0f} km from A."


def test_a_cluster_in_its_state_only_is_the_mean_over_the_states_districts(
    rec: Recommender,
) -> None:
    km, said = rec.distance(node(rec, "a"), None, "state:tamil-nadu")
    pairs = [haversine_km(node(rec, "a"), node(rec, s)) or 0.0 for s in POINTS]
    assert km is not None and km == pytest.approx(sum(pairs) / len(pairs))
    assert 0 < km < max(pairs)  # neither no distance nor the farthest district
    assert said.startswith(f"About {km:.0f} km from A") and "Tamil Nadu" in said


def test_a_district_without_a_point_stands_as_its_states_districts(rec: Recommender) -> None:
    km, said = rec.distance(node(rec, "new"), node(rec, "b"), None)
    pairs = [haversine_km(node(rec, s), node(rec, "b")) or 0.0 for s in POINTS]
    assert km is not None and km == pytest.approx(sum(pairs) / len(pairs))
    assert said.startswith("About") and "from New" in said
    assert rec.distance(node(rec, "a"), None, "state:kerala") == (None, "")  # nothing known
