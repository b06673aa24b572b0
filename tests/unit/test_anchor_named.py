"""A business named after its value-chain role ("its anchor investor Aeques") is a business,
and the cluster of its sentence is its anchor's (ingest/mentions.py `_ANCHOR_NAMED`). Names
made up for the test."""

from __future__ import annotations

from ingest.documents import LoadedDocument
from ingest.extract import Extractor, to_facts
from ingest.mentions import pattern_mentions
from kb.resolve import Resolver
from kb.store.base import Node

PLACES = [
    Node("state:rajasthan", "State", "Rajasthan"),
    Node("district:rajasthan:jodhpur", "District", "Jodhpur", attrs={"state": "Rajasthan"}),
]


def test_a_name_after_anchor_investor_is_a_business() -> None:
    text = "The Jodhpur Toy Cluster will open in 2021 with its anchor investor Kalapur Playthings."
    assert ("Enterprise", "Kalapur Playthings") in [
        (m.type, m.name) for m in pattern_mentions(text)
    ]
    assert not [m for m in pattern_mentions("The anchor investors are yet to come.")
                if m.type == "Enterprise"]  # fmt: skip


def test_the_anchor_investor_anchors_the_cluster_of_its_sentence() -> None:
    ex = Extractor(PLACES, Resolver.from_nodes(PLACES))
    text = "The Jodhpur Toy Cluster will open in 2021 with its anchor investor Kalapur Playthings."
    doc = LoadedDocument("doc:test", "Toys in Jodhpur", "test.txt", "0", [text])
    read, context = ex.read(doc)
    facts = to_facts(doc, read, context, source=doc.id)
    names = {n.id: n.name for n in facts.nodes.values()}
    edges = {(names.get(e.source), e.relation, names.get(e.target)) for e in facts.edges.values()}
    assert ("Kalapur Playthings", "ANCHORS", "Jodhpur Toy Cluster") in edges
