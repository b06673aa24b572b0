"""Build the knowledge base from the bundled tables, in one all-or-nothing write.

Every loader reads its file(s) into a FactSet; nothing touches the store until all have
been read. Then one batch withdraws what earlier builds said from these sources and writes
the new facts, so a rebuild gives the same graph and a failure leaves the old one intact.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.agencies import AgencyNames, load_central
from ingest.facts import FactSet, Skipped
from ingest.odop import link_gi, load_gi, load_odop
from ingest.places import (
    Places,
    load_district_hq,
    load_districts,
    load_states,
    load_subdivisions,
)
from ingest.registry import load_registry
from ingest.schemes import load_scheme_fit, load_scheme_owners, load_scheme_status, load_schemes
from kb.errors import InputError
from kb.resolve import Resolver
from kb.store.base import GraphStore

Progress = Callable[[str], None]


@dataclass
class SourceReport:
    name: str
    source: str
    rows: int
    nodes: int
    edges: int
    skipped: list[Skipped] = field(default_factory=list)
    corrected: list[Skipped] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "source": self.source,
            "rows": self.rows,
            "nodes": self.nodes,
            "edges": self.edges,
            "skipped": [str(s) for s in self.skipped],
            "corrected": [str(s) for s in self.corrected],
        }


@dataclass
class BuildReport:
    sources: list[SourceReport]
    seconds: float
    stats: dict[str, Any]
    documents: Any = None  # ingest.pipeline.IngestReport when a corpus was ingested

    @property
    def skipped(self) -> list[Skipped]:
        return [s for r in self.sources for s in r.skipped]

    @property
    def corrected(self) -> list[Skipped]:
        return [s for r in self.sources for s in r.corrected]

    def to_dict(self) -> dict[str, Any]:
        return {
            "seconds": round(self.seconds, 2),
            "sources": [r.to_dict() for r in self.sources],
            "skipped": len(self.skipped),
            "corrected": len(self.corrected),
            "stats": self.stats,
            "documents": self.documents.to_dict() if self.documents is not None else None,
        }


def _quiet(_: str) -> None:
    pass


def read_tables(data_dir: Path, progress: Progress = _quiet) -> list[tuple[str, FactSet]]:
    """Read every bundled table into FactSets (no store writes)."""
    if not (data_dir / "tables").is_dir():
        raise InputError(
            f"no tables/ folder under {data_dir}; pass --data or set CLUSTERKB_DATA to the folder "
            "holding clusterkb's tables/ (the repository's data/)"
        )
    resolver = Resolver()
    places = Places()
    agencies = AgencyNames(resolver)
    out: list[tuple[str, FactSet]] = []

    def step(name: str, facts: FactSet) -> FactSet:
        out.append((name, facts))
        progress(
            f"  read {name}: {facts.rows} rows -> {len(facts.nodes)} nodes, "
            f"{len(facts.edges)} edges"
            + (f", {len(facts.skipped)} skipped" if facts.skipped else "")
        )
        return facts

    loaders: list[tuple[str, Callable[[], FactSet]]] = [
        ("LGD states", lambda: load_states(data_dir, places)),
        ("LGD districts", lambda: load_districts(data_dir, places)),
        ("district headquarters", lambda: load_district_hq(data_dir, places)),
        ("LGD sub-districts and blocks", lambda: load_subdivisions(data_dir, places)),
        ("LGD central organisations", lambda: load_central(data_dir, agencies)),
    ]
    for name, load in loaders:
        step(name, _guard(name, load))
    try:
        odop, odop_rows = load_odop(data_dir, places, agencies)
    except OSError as e:
        odop, odop_rows = _failed("ODOP list", e), []
    step("ODOP list", odop)
    try:
        gi, gi_by_state = load_gi(data_dir, places)
    except OSError as e:
        gi, gi_by_state = _failed("GI registry", e), {}
    step("GI registry", gi)
    step("ODOP-GI links", link_gi(odop, gi, odop_rows, gi_by_state, places))
    step(
        "myScheme records",
        _guard("myScheme records", lambda: load_schemes(data_dir, places, agencies, resolver)),
    )
    step("scheme fit", _guard("scheme fit", lambda: load_scheme_fit(data_dir, resolver)))
    step("scheme status", _guard("scheme status", lambda: load_scheme_status(data_dir, resolver)))
    step(
        "scheme owners",
        _guard("scheme owners", lambda: load_scheme_owners(data_dir, agencies, resolver)),
    )
    step(
        "cluster registry",
        _guard(
            "cluster registry", lambda: load_registry(data_dir, places, agencies, resolver, odop)
        ),
    )
    return out


def _failed(name: str, e: Exception) -> FactSet:
    facts = FactSet(name)
    facts.skip("file", f"unreadable: {e}")
    return facts


def _guard(name: str, load: Callable[[], FactSet]) -> FactSet:
    try:
        return load()
    except OSError as e:
        return _failed(name, e)


def build_tables(store: GraphStore, data_dir: Path, progress: Progress = _quiet) -> BuildReport:
    started = time.perf_counter()
    progress(f"reading tables from {data_dir}")
    factsets = read_tables(data_dir, progress)
    new_sources = {p.source for _, fs in factsets for n in fs.nodes.values() for p in n.provenance}
    new_sources |= {p.source for _, fs in factsets for e in fs.edges.values() for p in e.provenance}
    prefixes = tuple(fs.source for _, fs in factsets)
    old_sources = {s for s in store.sources() if s.startswith(prefixes)}
    n_nodes = sum(len(fs.nodes) for _, fs in factsets)
    n_edges = sum(len(fs.edges) for _, fs in factsets)
    progress(f"writing {n_nodes} nodes and {n_edges} edges in one batch")
    with store.batch():
        store.remove_sources(old_sources | new_sources)
        store.upsert_nodes(n for _, fs in factsets for n in fs.nodes.values())
        store.upsert_edges(e for _, fs in factsets for e in fs.edges.values())
    compact = getattr(store, "compact", None)
    if callable(compact):
        compact()
    reports = [
        SourceReport(name, fs.source, fs.rows, len(fs.nodes), len(fs.edges), fs.skipped, fs.notes)
        for name, fs in factsets
    ]
    return BuildReport(reports, time.perf_counter() - started, store.stats().to_dict())
