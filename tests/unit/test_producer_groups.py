"""A producers' own company or group named for what it makes, with its place, is a cluster
project of that product there, which the group runs and does not anchor (ingest/extract.py
`_producer_groups`, ingest/relations.py `_group_clusters`), on documents written for these
tests with a hand-made gazetteer."""

from __future__ import annotations

from ingest.documents import LoadedDocument
from ingest.extract import Extractor
from ingest.relations import relations_of
from kb.resolve import Resolver
from kb.store.base import Node

PLACES = [
    Node("state:uttar-pradesh", "State", "Uttar Pradesh"),
    Node("district:uttar-pradesh:hardoi", "District", "Hardoi", attrs={"state": "Uttar Pradesh"}),
    Node("district:uttar-pradesh:banda", "District", "Banda", attrs={"state": "Uttar Pradesh"}),
]


def _read(sentences: list[str]) -> tuple[list[str], list[tuple[str, str, str]]]:
    ex = Extractor(PLACES, Resolver.from_nodes(PLACES))
    title = "Women dairy farmers in Uttar Pradesh"
    doc = LoadedDocument("doc:test", title, "test.txt", "0", [title, *sentences])
    read, context = ex.read(doc)
    names = {e.id: e.name for s in read for e in s.entities}
    clusters = sorted({e.name for s in read for e in s.of("Cluster")})
    links = [(names.get(src, src), rel, names.get(tgt, tgt))
             for _, src, rel, tgt, _, _ in relations_of(read, context)]  # fmt: skip
    return clusters, links


def test_a_producer_company_named_for_its_product_is_a_cluster_at_its_place() -> None:
    clusters, links = _read([
        "The state runs two women-owned companies, Kotwa Milk Producer Company (Hardoi) and "
        "Shakti Honey Producer Company of Banda, with support from the district.",
    ])  # fmt: skip
    assert clusters == ["Banda Honey Cluster", "Hardoi Milk Cluster"]
    assert ("Kotwa Milk Producer Company", "IMPLEMENTS", "Hardoi Milk Cluster") in links
    assert not any(r == "ANCHORS" for _, r, _ in links)


def test_a_group_of_no_product_or_no_place_makes_no_cluster() -> None:
    clusters, _ = _read([
        "Kotwa Women Producer Company (Hardoi) and Shakti Honey Producer Company sell online.",
        # a place opening the name is the group's home, not its producers' place
        "The Hardoi Honey Cooperative Society trains women beekeepers across the state.",
    ])  # fmt: skip
    assert clusters == []
