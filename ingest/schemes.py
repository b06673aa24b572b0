"""Scheme records scraped from myScheme: Scheme nodes with their department and states.

Each JSON file's `content` gives title, state, department, type, beneficiary, details,
benefits, eligibility, exclusions, tags and source URLs. National schemes ("India",
"Central", "All States") get `level: central` and no APPLIES_IN edges; state schemes get one
edge per named state, and a state department is its own Agency node (qualified by state).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ingest.agencies import AgencyNames
from ingest.facts import FactSet
from ingest.places import Places
from kb.ids import is_qualified, node_id, state_slug
from kb.resolve import Resolver, name_variants, normalize
from kb.store.base import Provenance

SCHEME_DIR = "myscheme"
_NATIONAL = {
    "india",
    "central",
    "central government",
    "all states",
    "all states and union territories",
    "not specified",
    "",
}


def _canonical_scheme(resolver: Resolver, title: str) -> tuple[str, list[str]]:
    """The canonical scheme name and its aliases ('SFURTI' -> the full name) from any variant."""
    for v in name_variants(title):
        c = resolver.canonical_name("Scheme", v)
        if c != v:
            aliases = [
                a
                for a in [title, *resolver.public_aliases("Scheme", c)]
                if normalize(a) != normalize(c)
            ]
            return c, aliases
    return title, [a for a in [title_acronym(title)] if a]


_SMALL = {"of", "and", "for", "the", "in", "on", "to", "a", "an", "&"}


def title_acronym(title: str) -> str | None:
    """'Back Ended Interest Subsidy (BEIS)' -> 'BEIS': a trailing acronym of the initials."""
    m = re.match(r"^(.*\S)\s*\(([A-Za-z&-]{2,})\)\s*$", title)
    if not m:
        return None
    words = re.findall(r"[A-Za-z]+", m.group(1))
    acronym = re.sub(r"[^A-Za-z]", "", m.group(2)).upper()
    full = "".join(w[0] for w in words).upper()
    significant = "".join(w[0] for w in words if w.lower() not in _SMALL).upper()
    return m.group(2) if acronym in (full, significant) else None


def load_schemes(
    data_dir: Path, places: Places, agencies: AgencyNames, resolver: Resolver
) -> FactSet:
    folder = data_dir / "tables" / SCHEME_DIR
    facts = FactSet(f"data/{folder.relative_to(data_dir).as_posix()}")
    for path in sorted(folder.glob("*.json")):
        facts.rows += 1
        src = f"data/{path.relative_to(data_dir).as_posix()}"
        try:
            content = json.loads(path.read_text(encoding="utf-8"))["content"]
            title = " ".join(str(content["title"]).split())
        except (OSError, ValueError, KeyError, TypeError) as e:
            facts.skip(path.name, f"not a myScheme record ({type(e).__name__}: {e})")
            continue
        if not title:
            facts.skip(path.name, "record has no title")
            continue
        name, aliases = _canonical_scheme(resolver, title)
        state_field = " ".join(str(content.get("state") or "").split())
        states = (
            []
            if normalize(state_field) in _NATIONAL
            else [s for s in (p.strip() for p in re.split(r",| and (?=[A-Z])", state_field)) if s]
        )
        state_ids = [places.state(s) for s in states]
        known_states = [s for s in state_ids if s]
        sid = node_id("Scheme", name)
        if sid in facts.nodes and facts.nodes[sid].attrs.get("record") != path.name:
            # Same title, another state's record: keep both, told apart by state.
            sid = node_id("Scheme", name, *(state_slug(s) for s in known_states[:1]))
        details = " ".join(str(content.get("details") or "").split())
        text = f"{title}. {details}" if details else title
        prov = Provenance(src, "content", text, "table:myscheme")
        attrs = {
            "record": path.name,
            "level": "state" if known_states else "central",
            "state_label": state_field or None,
            "scheme_type": content.get("type"),
            "beneficiary": content.get("beneficiary"),
            "details": details or None,
            "benefits": list(content.get("benefits") or []),
            "eligibility": list(content.get("eligibility") or []),
            "exclusions": list(content.get("exclusions") or []),
            "tags": list(content.get("tags") or []),
            "urls": [
                s.get("url")
                for s in content.get("sources") or []
                if isinstance(s, dict) and s.get("url")
            ],
        }
        facts.node(sid, "Scheme", name, prov, attrs, aliases)
        for st in known_states:
            facts.edge(sid, "APPLIES_IN", st, prov)
        dept = " ".join(str(content.get("department") or "").split())
        if dept:
            state_name = places.state_name.get(known_states[0]) if len(known_states) == 1 else None
            aid, aname, aaliases = agencies.id_for(dept, state_name)
            dept_attrs = (
                {"role": "government department", "level": "state"} if is_qualified(aid) else {}
            )
            facts.node(aid, "Agency", aname, prov, dept_attrs, aaliases)
            facts.edge(aid, "ADMINISTERS", sid, prov)
    return facts


FIT_FILE = "scheme-fit.csv"


def _items(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split(";") if x.strip()]


def load_scheme_fit(data_dir: Path, resolver: Resolver) -> FactSet:
    """Scheme fit as data (tables/scheme-fit.csv): each cluster scheme's sectors, target
    groups, cluster-size limits and assistance caps, each fact with its source. Stored on the
    Scheme node as `fit`; kb/schemefit.py reads it beside the myScheme record's own text."""
    import csv

    path = data_dir / "tables" / FIT_FILE
    src = f"data/tables/{FIT_FILE}"
    facts = FactSet(src)
    fits: dict[str, tuple[str, list[str], dict[str, Any], list[Provenance]]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f), start=2):
            facts.rows += 1
            title = " ".join((row.get("scheme") or "").split())
            if not title:
                facts.skip(f"row {i}", "no scheme name")
                continue
            name, aliases = _canonical_scheme(resolver, title)
            sid = node_id("Scheme", name)
            _, _, fit, provs = fits.setdefault(
                sid,
                (name, aliases, {"sectors": [], "target_groups": [], "cluster_size": None,
                                 "assistance": []}, []),
            )  # fmt: skip
            for key in ("sectors", "target_groups"):
                fit[key] += [x for x in _items(row.get(key)) if x not in fit[key]]
            fit["cluster_size"] = fit["cluster_size"] or (row.get("cluster_size") or None)
            source = (row.get("source") or "").strip()
            if row.get("assistance"):
                fit["assistance"].append(
                    {"text": row["assistance"].strip(), "source": source,
                     "quote": (row.get("quote") or "").strip() or None}
                )  # fmt: skip
            provs.append(
                Provenance(
                    src,
                    f"row {i}",
                    (row.get("quote") or row.get("assistance") or title).strip(),
                    "table:scheme-fit",
                )
            )
    for sid, (name, aliases, fit, provs) in fits.items():
        for prov in provs:
            facts.node(sid, "Scheme", name, prov, {"fit": fit}, aliases)
    return facts


STATUS_FILE = "scheme-status.csv"


def load_scheme_status(data_dir: Path, resolver: Resolver) -> FactSet:
    """Which schemes are closed or renamed (tables/scheme-status.csv), each with its source:
    `status`, `since` and `successor` on the Scheme node, so a plan offers a closed scheme as
    history, never as an option."""
    import csv

    path = data_dir / "tables" / STATUS_FILE
    src = f"data/tables/{STATUS_FILE}"
    facts = FactSet(src)
    with path.open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f), start=2):
            facts.rows += 1
            title = " ".join((row.get("scheme") or "").split())
            status = (row.get("status") or "").strip().lower()
            if not title or status not in ("active", "closed", "renamed"):
                facts.skip(f"row {i}", f"needs a scheme and a status active/closed/renamed: {row}")
                continue
            name, aliases = _canonical_scheme(resolver, title)
            attrs = {
                "status": status,
                "status_since": (row.get("since") or "").strip() or None,
                "successor": (row.get("successor") or "").strip() or None,
            }
            text = f"{name}: {status} since {attrs['status_since']}; {row.get('source', '')}"
            prov = Provenance(src, f"row {i}", text, "table:scheme-status")
            facts.node(node_id("Scheme", name), "Scheme", name, prov,
                       {k: v for k, v in attrs.items() if v}, aliases)  # fmt: skip
    return facts


OWNERS_FILE = "scheme-owners.csv"


def load_scheme_owners(data_dir: Path, agencies: AgencyNames, resolver: Resolver) -> FactSet:
    """Central schemes for clusters that no myScheme record and no registry row names, each
    with its short names and the ministry or department that runs it (tables/scheme-owners.csv,
    each row with its source): a Scheme node and an ADMINISTERS edge, so a document's cluster
    under PMMSY or the Lean scheme is known to be a ministry's."""
    import csv

    path = data_dir / "tables" / OWNERS_FILE
    src = f"data/tables/{OWNERS_FILE}"
    facts = FactSet(src)
    if not path.exists():
        return facts
    with path.open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f), start=2):
            facts.rows += 1
            title = " ".join((row.get("scheme") or "").split())
            ministry = " ".join((row.get("ministry") or "").split())
            if not title or not ministry:
                facts.skip(f"row {i}", f"needs a scheme and a ministry: {row}")
                continue
            name, aliases = _canonical_scheme(resolver, title)
            aliases += [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
            text = f"{name}: {ministry}; {row.get('source', '')}"
            prov = Provenance(src, f"row {i}", text, "table:scheme-owners")
            sid = node_id("Scheme", name)
            facts.node(sid, "Scheme", name, prov, {"level": "central"}, aliases)
            aid, aname, aaliases = agencies.id_for(ministry)
            facts.node(aid, "Agency", aname, prov, {}, aaliases)
            facts.edge(aid, "ADMINISTERS", sid, prov)
    return facts
