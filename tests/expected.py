"""Counts a correct build must produce, computed straight from the bundled files.

Deliberately independent of the loaders: plain csv/json and a simple name key, so a loader
that drops, duplicates or merges rows wrongly disagrees with these numbers.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path


def key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).split())


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def expected_counts(data: Path) -> dict[str, int]:
    t = data / "tables"
    states = rows(t / "lgd-states.csv")
    districts = rows(t / "lgd-districts.csv")
    odop = rows(t / "odop.csv")
    lgd_codes = {d["District Code"] for d in districts}
    new_districts = {
        (r["State"], key(r["District"])) for r in odop if r["LGD Code"] not in lgd_codes
    }
    with open(t / "gi-registry.csv", encoding="utf-8", newline="") as f:
        gi_names = {key(r["Geographical Indications"]) for r in csv.DictReader(f)}
    schemes = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((t / "myscheme").glob("*.json"))
    ]
    return {
        "State": len(states),
        "District": len(lgd_codes) + len(new_districts),
        "Product": len({key(r["Product"]) for r in odop}),
        "Sector": len(
            {r["Sector"].strip().lower().rstrip("s") for r in odop if r["Sector"].strip()}
        ),
        "GeographicalIndication": len(gi_names),
        # myScheme records, and the scheme-fit, scheme-status and scheme-owners rows' schemes
        # with no record
        "Scheme": len(schemes)
        + len(
            (
                {key(r["scheme"]) for r in rows(t / "scheme-fit.csv")}
                | {key(r["scheme"]) for r in rows(t / "scheme-status.csv")}
                | {key(r["scheme"]) for r in rows(t / "scheme-owners.csv")}
            )
            - {key(s["content"]["title"]) for s in schemes}
        ),
        "ODOP_PRODUCT": len({(r["State"], key(r["District"]), key(r["Product"])) for r in odop}),
        "LOCATED_IN": len(lgd_codes) + len(new_districts),
        "ADMINISTERS": sum(1 for s in schemes if s["content"].get("department"))
        + len(rows(t / "scheme-ministry.csv"))  # one programme a row, each in the registry
        + len(rows(t / "scheme-owners.csv")),  # one scheme a row, in no other table
    }
