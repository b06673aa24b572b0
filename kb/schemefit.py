"""Scheme fit as data: whom a scheme is for, what it pays, and why it fits a planned cluster.

Two sources, both in the graph: the curated `fit` attribute (tables/scheme-fit.csv: sectors,
target groups, cluster-size limits, assistance caps, each with its source) and the myScheme
record's own words (beneficiary, eligibility, benefits, tags), read with the patterns below.
A planned cluster gets target groups from its product's sector (a handloom or craft product
is made by artisans; a food product by farmers and food processors) and from the planner's
context text ("women SHGs mobilised by JEEViKA").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kb.store.base import Node

GROUPS: dict[str, str] = {
    "women": r"\bwom[ae]n\b|\bfemale\b|\bmahila\b|\bgirls?\b",
    "SC/ST": r"\bSC\b|\bST\b|scheduled (?:caste|tribe)|\btribal\b|\bdalit",
    "artisans": r"artisan|craft|weaver|handloom|traditional industr|karigar|khadi|coir|bamboo",
    "farmers": r"\bFPOs?\b|farmer|producer organi[sz]ation|agricultur",
    "SHG": r"self[- ]help group|\bSHGs?\b|\bJEEViKA\b|livelihood mission",
    "food processing": r"food",
    "youth": r"\byouth\b|unemployed",
    "exporters": r"export",
}
CLUSTER_LEVEL = re.compile(
    r"\bclusters?\b|\bSPVs?\b|common facilit|\bCFCs?\b|consortium", re.IGNORECASE
)
AMOUNT = re.compile(
    r"(?:₹|\bRs\.?|\bINR)\s*[\d.,]+\s*(?:lakh|lac|crore|cr)?|[\d.,]+\s*(?:lakh|lac|crore)",
    re.IGNORECASE,
)
# Value-chain stages a scheme serves, from the words of its name, details and benefits.
STAGE_WORDS = {
    "raw_material": r"raw[- ]material|yarn|inputs?\b",
    "common_facility": r"common facilit|\bCFCs?\b|infrastructure|work ?shed",
    "skills": r"training|skill|capacity building",
    "market": r"market|exhibition|buyer|export|e-commerce|branding",
}
_STAGE_RE = {st: re.compile(p, re.IGNORECASE) for st, p in STAGE_WORDS.items()}
_GROUP_RE = {g: re.compile(p, re.IGNORECASE) for g, p in GROUPS.items()}


def groups_in(text: str) -> set[str]:
    return {g for g, rx in _GROUP_RE.items() if rx.search(text)}


@dataclass
class Fit:
    groups: dict[str, str] = field(default_factory=dict)  # group -> the words that say so
    sectors: list[str] = field(default_factory=list)
    cluster_level: str | None = None  # the words that make it a cluster scheme
    cluster_size: str | None = None
    caps: list[str] = field(default_factory=list)
    stages: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target_groups": sorted(self.groups),
            "sectors": self.sectors,
            "cluster_level": self.cluster_level is not None,
            "cluster_size": self.cluster_size,
            "assistance": self.caps,
        }


def profile(scheme: Node) -> Fit:
    """What the graph says about whom `scheme` is for and what it gives."""
    a = scheme.attrs
    fit = Fit()
    curated = a.get("fit") or {}
    for g in curated.get("target_groups") or []:
        for found in groups_in(g) or {g}:
            fit.groups.setdefault(found, f"scheme facts: {g}")
    fit.sectors = list(curated.get("sectors") or [])
    fit.cluster_size = curated.get("cluster_size")
    fit.caps = [c["text"] for c in curated.get("assistance") or [] if c.get("text")]
    lines = [str(a.get("beneficiary") or "")] + [str(x) for x in a.get("eligibility") or []]
    lines += [" ".join(str(t) for t in a.get("tags") or [])]
    for line in lines:
        for g in groups_in(line):
            fit.groups.setdefault(g, f"eligibility: {line.strip()[:90]}")
    words = " ".join([scheme.name, str(a.get("details") or ""), *map(str, a.get("benefits") or [])])
    fit.stages = {"finance"} | {st for st, rx in _STAGE_RE.items() if rx.search(words)}
    for line in [scheme.name, str(a.get("details") or ""), *map(str, a.get("benefits") or [])]:
        m = CLUSTER_LEVEL.search(line)
        if m and fit.cluster_level is None:
            fit.cluster_level = line.strip()[:90]
    if curated.get("cluster_size"):
        fit.cluster_level = fit.cluster_level or curated["cluster_size"]
    if not fit.caps:
        fit.caps = [_clip(str(b).strip(), 140) for b in a.get("benefits") or []
                    if AMOUNT.search(str(b))][:2]  # fmt: skip
    return fit


def _clip(text: str, n: int) -> str:
    """`text` cut to about `n` characters at a word's end, '…' marking the cut."""
    if len(text) <= n:
        return text
    return text[:n].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def planned_groups(product: str, sector: str | None, context: str | None) -> set[str]:
    """Target groups of a planned cluster, from its product, sector and the planner's words."""
    text = " ".join(x for x in (product, sector or "", context or "") if x)
    found = groups_in(text)
    if re.search(r"textile|handloom|handicraft|garment|carpet|pottery|wood|metal ?craft|leather",
                 text, re.IGNORECASE):  # fmt: skip
        found.add("artisans")
    if re.search(r"agri|food|fruit|vegetable|spice|grain|dairy|fish|honey", text, re.IGNORECASE):
        found |= {"food processing", "farmers"}
    return found


def fit_reasons(fit: Fit, wanted: set[str]) -> tuple[float, list[str]]:
    """A score bonus and the eligibility reasons a planner reads."""
    bonus, why = 0.0, []
    matched = sorted(g for g in fit.groups if g in wanted)
    if matched:
        bonus += min(0.2, 0.1 * len(matched))
        why.append("for " + ", ".join(matched) + f" ({fit.groups[matched[0]]})")
    if fit.cluster_level is not None:
        bonus += 0.1
        why.append("funds clusters" + (f": {fit.cluster_size}" if fit.cluster_size else ""))
    if fit.caps:
        why.append("assistance: " + fit.caps[0])
    return bonus, why
