"""Facts gathered from one source before they are written: nodes and edges keyed by id.

Loaders add to a FactSet (merging repeats in memory); the build writes each FactSet through
the store in one batch. A row that cannot be used becomes a `Skipped` entry naming its file
and row, and the build goes on.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.resolve import normalize
from kb.store.base import Edge, EdgeKey, Node, Provenance


@dataclass(frozen=True)
class Skipped:
    source: str
    locator: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.locator}: {self.reason}"


@dataclass
class FactSet:
    source: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[EdgeKey, Edge] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Skipped] = field(default_factory=list)  # rows used after a correction
    rows: int = 0

    def node(
        self,
        id: str,
        type: str,
        name: str,
        prov: Provenance,
        attrs: dict[str, Any] | None = None,
        aliases: list[str] | None = None,
    ) -> Node:
        key = normalize(name)
        kept = list(
            {normalize(a): a for a in reversed(aliases or []) if normalize(a) != key}.values()
        )
        new = Node(id, type, name, dict(attrs or {}), kept[::-1], [prov])
        old = self.nodes.get(id)
        self.nodes[id] = old.merged_with(new) if old else new
        return self.nodes[id]

    def edge(
        self,
        source: str,
        relation: str,
        target: str,
        prov: Provenance,
        attrs: dict[str, Any] | None = None,
    ) -> Edge:
        new = Edge(source, relation, target, dict(attrs or {}), [prov])
        old = self.edges.get(new.key)
        self.edges[new.key] = old.merged_with(new) if old else new
        return self.edges[new.key]

    def skip(self, locator: str, reason: str) -> None:
        self.skipped.append(Skipped(self.source, locator, reason))

    def note(self, locator: str, what: str) -> None:
        self.notes.append(Skipped(self.source, locator, what))


def table_rows(facts: FactSet, path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """A CSV file's header and (line number, row) pairs, counted into `facts`.

    Line numbers are a spreadsheet's (the header is line 1). Undecodable bytes become U+FFFD
    rather than failing the whole file.
    """
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, [])
        table = list(enumerate(reader, start=2))
    facts.rows += len(table)
    return header, table


def row_text(header: list[str], row: list[str], leave_out: tuple[str, ...] = ()) -> str:
    """A table row as citable text: 'State: Bihar; District: Muzaffarpur; ...'."""
    parts = [
        f"{h.strip()}: {' '.join(v.split())}"
        for h, v in zip(header, row, strict=False)
        if h.strip() and v.strip() and h.strip() not in leave_out
    ]
    return "; ".join(parts)
