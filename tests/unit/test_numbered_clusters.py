"""A table of a chamber's clusters ("Kalapur Chamber Light Engineering Cluster 10", "KCC Lean
Cluster-1 8", "KCC Lean Cluster-2 7"): its rows are data, not a menu, though the numbered names
share a shape once figures are masked (ingest/documents.py `_table_lines`); a cluster its
promoter's known name opens is the cluster, not the promoter alone (ingest/extract.py `select`);
and the numbers of a series tell its clusters apart (`_same_clusters`). Names invented for
the test."""

from __future__ import annotations

from ingest.documents import LoadedDocument, strip_boilerplate
from ingest.extract import Extractor
from kb.resolve import Resolver
from kb.store.base import Node

ROWS = [
    "Cluster Beneficiary Companies",
    "Auto Component Cluster 10",
    "White Goods Cluster 10",
    "KCC Light Engineering Cluster 10",
    "KCC General Engineering Cluster 10",
    "KCC Amaze Lean Cluster 10",
    "KCC Varna Lean Cluster-1 8",
    "KCC Varna Lean Cluster-2 7",
    "KCC Varna Lean Cluster-3 9",
]


def test_rows_whose_names_hold_numbers_are_a_table_not_a_menu() -> None:
    assert strip_boilerplate(ROWS) == ROWS
    menu = ["Area Sales Manager 3", "Opening 2", "Area Sales Manager 5", "Opening 4"] * 2
    assert strip_boilerplate(menu) == []  # the same labels again: navigation


def test_a_promoter_named_cluster_and_its_numbered_series() -> None:
    chamber = Node("agency:kcc", "Agency", "Kalapur Chamber of Commerce", aliases=["KCC"])
    ex = Extractor([chamber], Resolver.from_nodes([chamber]))
    doc = LoadedDocument("doc:test", "Lean clusters of KCC", "test.txt", "0", ROWS[3:])
    read, _ = ex.read(doc)
    clusters = [e.name for s in read for e in s.of("Cluster")]
    assert clusters == [
        "KCC Light Engineering Cluster",
        "KCC General Engineering Cluster",
        "KCC Amaze Lean Cluster",
        "KCC Varna Lean Cluster-1",
        "KCC Varna Lean Cluster-2",
        "KCC Varna Lean Cluster-3",
    ]
