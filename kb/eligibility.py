"""Which sectors a scheme is for: scheme eligibility as data, so a plan never offers a scheme
where it cannot serve (a handloom mega-cluster scheme for a makhana cluster).

Two sources, in this order:
- what the scheme says: the sectors named by its curated facts (tables/scheme-fit.csv), else
  by its name, else by its myScheme tags, read through the term table `sectors.csv` (term ->
  Sector, or `*` for a scheme stated for every sector: "all manufacturing and service sectors").
  Its own words win over the sector words the registry's compiler gave its clusters;
- whom it served: the sectors of the clusters it backed. A scheme that says nothing of its
  sectors is held to one only when every cluster it served is in that sector and they are too
  many to be there by chance: were it open to all, each of its n clusters would be in sector s
  with probability p (the share of all clusters in s), and p ** n, times the number of sectors
  tried (Bonferroni), below `CHANCE` says it is not. One cluster, or clusters of several
  sectors (the energy-efficiency programme's foundries, rice mills and potteries), leave it
  open; the ranking (kb/backers.py) still weighs where it served.

A scheme is eligible for a planned cluster when it is open to every sector, when one of the
planned cluster's sectors (its own, and those of the known clusters of the same product) is
among the scheme's, or when it served a cluster of the same or a related product (kb.recommend
decides that part). The rule is in docs/plans.md.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kb.ids import node_id
from kb.products import stem, words
from kb.schemefit import profile
from kb.store.base import Node

TERMS_FILE = Path(__file__).with_name("sectors.csv")
EVERY = "*"  # a term meaning "every sector"
CHANCE = 0.05  # below this, a scheme's clusters did not fall in its sectors by chance


def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(text))


@lru_cache(maxsize=1)
def sector_terms() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(stemmed term, Sector id or EVERY) from `sectors.csv`, longest terms first."""
    with TERMS_FILE.open(encoding="utf-8", newline="") as f:
        rows = [(r["term"], r["sector"].strip()) for r in csv.DictReader(f) if r["term"].strip()]
    terms = {(_stems(t), s if s == EVERY else node_id("Sector", s)) for t, s in rows}
    return tuple(sorted(terms, key=lambda r: (-len(r[0]), r)))


def sectors_named(text: str) -> frozenset[str]:
    """The Sector ids (or EVERY) whose terms occur in `text` as whole words."""
    toks = f" {' '.join(_stems(text))} "
    return frozenset(s for term, s in sector_terms() if f" {' '.join(term)} " in toks)


def stated_sectors(scheme: Node) -> tuple[frozenset[str], str]:
    """The sectors a scheme says it is for, and the words that say so (empty when silent):
    its curated sectors, else its name, else its tags."""
    a = scheme.attrs
    curated = "; ".join((a.get("fit") or {}).get("sectors") or [])
    return _stated(curated, scheme.name, ", ".join(str(t) for t in a.get("tags") or []))


@lru_cache(maxsize=4096)
def _stated(curated: str, name: str, tags: str) -> tuple[frozenset[str], str]:
    for basis, text in (("its scheme facts", curated), ("its name", name),
                        ("its myScheme tags", tags)):  # fmt: skip
        found = sectors_named(text) if text else frozenset()
        if found:
            short = text if len(text) <= 80 else text[:80].rsplit(" ", 1)[0].rstrip(",;:") + "…"
            return found, f"{basis}: {short}"
    return frozenset(), ""


@dataclass
class Served:
    """The sectors of the clusters each scheme served, over one set of clusters (the voters)."""

    clusters: int = 0  # clusters with a sector
    per_sector: dict[str, int] = field(default_factory=dict)
    by_scheme: dict[str, list[frozenset[str]]] = field(default_factory=dict)

    def add(self, sectors: frozenset[str], schemes: list[str]) -> None:
        if not sectors:
            return
        self.clusters += 1
        for s in sectors:
            self.per_sector[s] = self.per_sector.get(s, 0) + 1
        for sid in schemes:
            self.by_scheme.setdefault(sid, []).append(sectors)

    def held_to(self, scheme_id: str) -> frozenset[str] | None:
        """The sector(s) every cluster the scheme served shares, if they are too many to be
        there by chance; else None (the clusters do not hold it to a sector)."""
        seen = self.by_scheme.get(scheme_id) or []
        if not seen or not self.clusters:
            return None
        common = frozenset.intersection(*seen)
        tests = len(self.per_sector)  # one test per sector: Bonferroni
        held = frozenset(
            s for s in common if (self.per_sector[s] / self.clusters) ** len(seen) * tests < CHANCE
        )
        return held or None


@dataclass(frozen=True)
class Eligibility:
    """Whom a scheme is for: every sector (`open`), or `sectors`, with the basis in words."""

    open: bool
    sectors: frozenset[str]
    basis: str

    def admits(self, sectors: frozenset[str]) -> bool:
        return self.open or bool(self.sectors & sectors)


def eligibility(scheme: Node, served: Served) -> Eligibility:
    """A scheme's eligibility from its own words, else from the clusters it served."""
    stated, basis = stated_sectors(scheme)
    if stated:  # its own words win over the compiler's sector words of the clusters it served
        if EVERY in stated:
            return Eligibility(True, frozenset(), basis)
        return Eligibility(False, stated, basis)
    held = served.held_to(scheme.id)
    if held is not None:
        n = len(served.by_scheme[scheme.id])
        return Eligibility(False, held, f"all {n} clusters it served are in these sectors")
    return Eligibility(True, frozenset(), "")


def stated_reason(scheme: Node, sector_name: Callable[[str], str]) -> str | None:
    """What the scheme's own words say it is for, as a planner reads it, or None if silent."""
    stated, basis = stated_sectors(scheme)
    if not stated:
        return None
    if EVERY in stated:
        return f"Not limited to a sector ({basis})."
    names = sorted(sector_name(s) for s in stated)
    return f"For {' and '.join(names) if len(names) < 3 else ', '.join(names)} ({basis})."


BENEFICIARY_FILE = Path(__file__).with_name("beneficiaries.csv")


@lru_cache(maxsize=1)
def beneficiary_terms() -> dict[str, str]:
    """Beneficiary and scheme-type words -> person | body | benefit (`beneficiaries.csv`)."""
    with BENEFICIARY_FILE.open(encoding="utf-8", newline="") as f:
        return {" ".join(words(r["term"])): r["kind"].strip()
                for r in csv.DictReader(f) if r["term"].strip()}  # fmt: skip


def for_individuals(scheme: Node) -> str | None:
    """Why a scheme is meant for individual people rather than a cluster, or None: its
    myScheme type is a personal benefit (a scholarship, pension, insurance, award, prize), or
    its beneficiary names only people ("Individual Weavers", "Children of Artisans/Weavers",
    "Farmers") and no body (an enterprise, unit, SHG, society, cluster …) — unless its own
    words speak of clusters or common facilities (kb/schemefit.py), as SFURTI's do."""
    a = scheme.attrs
    terms = beneficiary_terms()
    kind = str(a.get("scheme_type") or "")
    toks = f" {' '.join(words(kind))} "
    if any(k == "benefit" and f" {t} " in toks for t, k in terms.items()):
        return f"a personal benefit (myScheme type: {kind})"
    who = str(a.get("beneficiary") or "")
    if not who:
        return None
    toks = f" {' '.join(words(who))} "
    found = {k for t, k in terms.items() if f" {t} " in toks}
    if found != {"person"}:
        return None
    fit = profile(scheme)
    if fit.cluster_level is not None:
        return None
    return f"for individual people (beneficiary: {who})"
