"""Clusters listed by their places, read into the document's clusters (ingest/extract.py
`_descriptions` and `_corefer`), on documents written for these tests with a hand-made
gazetteer."""

from __future__ import annotations

from ingest.documents import LoadedDocument
from ingest.extract import Extractor
from kb.resolve import Resolver
from kb.store.base import Node

PLACES = [
    Node("state:maharashtra", "State", "Maharashtra"),
    Node("state:odisha", "State", "Odisha"),
    Node("district:maharashtra:kolhapur", "District", "Kolhapur", attrs={"state": "Maharashtra"}),
    Node("district:odisha:cuttack", "District", "Cuttack", attrs={"state": "Odisha"}),
    Node("district:odisha:bargarh", "District", "Bargarh", attrs={"state": "Odisha"}),
]


def _clusters(title: str, sentences: list[str]) -> list[str]:
    ex = Extractor(PLACES, Resolver.from_nodes(PLACES))
    doc = LoadedDocument("doc:test", title, "test.txt", "0", [title, *sentences])
    read, _ = ex.read(doc)
    return sorted({e.name for s in read for e in s.of("Cluster")})


def test_places_listed_with_no_product_are_clusters_each_named_by_its_place() -> None:
    sentences = [
        "The state has a new policy for small industry in Maharashtra.",
        "The minister said that clusters have been approved in Kolhapur, Talwade and Ambet.",
    ]
    assert _clusters("New industrial policy", sentences) == [
        "Ambet Cluster",
        "Kolhapur Cluster",
        "Talwade Cluster",
    ]


def test_the_headline_names_the_product_of_places_listed_with_none() -> None:
    sentences = [
        "The retailer buys handicrafts from artisans in Odisha.",
        "Its handicrafts sell in many cities.",
        "It has now grown to 16 clusters in Bargarh, Cuttack and Nuapatna, among others.",
    ]
    assert _clusters("A retailer takes Odisha's handicrafts to the world", sentences) == [
        "Bargarh Handicrafts Cluster",
        "Cuttack Handicrafts Cluster",
        "Nuapatna Handicrafts Cluster",
    ]


def test_one_capitalised_cluster_name_at_two_towns_is_two_clusters() -> None:
    sentences = [
        "The scheme is for the development of Powerloom Mega Clusters at Ichalkaranji, "
        "Bhiwandi and future projects in Maharashtra.",
    ]
    names = _clusters("Powerloom scheme continued", sentences)
    assert len(names) == 2 and any("Bhiwandi" in n for n in names)


def test_crafts_a_list_includes_are_no_places_of_clusters() -> None:
    sentences = [
        "The Board has sanctioned 15 craft-clusters and they include Tikuli (1), Sujani (2), "
        "Sikki (2) and Manjusha (1) respectively.",
    ]
    assert _clusters("Craft clusters sanctioned", sentences) == []
