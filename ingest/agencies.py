"""Agency nodes: the LGD directory of central ministries, departments and organisations.

`AgencyNames` gives every loader the same id for the same body, following the public alias
table (so "DC Handicraft", "DC handicraft" and "DC Handicrafts" are one node).
"""

from __future__ import annotations

from pathlib import Path

from ingest.facts import FactSet, row_text, table_rows
from kb.ids import node_id
from kb.resolve import Resolver, display_name, name_variants, normalize, organisation_key
from kb.store.base import Provenance

CENTRAL_FILE = "lgd-central-organisations.csv"
_ROLE = {"ministry": "ministry", "department": "government department"}
_PLACEHOLDERS = {"test", "na", "n a", "none", "nil"}


class AgencyNames:
    """Canonical names and ids of agencies, shared by the loaders of one build."""

    def __init__(self, resolver: Resolver):
        self.resolver = resolver
        self.known: dict[str, str] = {}  # normalised canonical name -> id

    def canonical(self, raw: str) -> str:
        """Public canonical name for any variant ('Ministry of Electronics & IT (MeitY)')."""
        cleaned = " ".join(raw.split()).rstrip(".")
        for v in name_variants(cleaned):
            c = self.resolver.canonical_name("Agency", v)
            if c != v:
                return c
        if " " not in cleaned and cleaned.isupper() and len(cleaned) <= 6:
            return cleaned  # an acronym such as RGVN
        return display_name(cleaned)

    def id_for(self, raw: str, state: str | None = None) -> tuple[str, str, list[str]]:
        """(id, display name, aliases). A body not known nationally is qualified by `state`."""
        name = self.canonical(raw)
        key = normalize(name)
        aliases = [a for a in {" ".join(raw.split()).rstrip(".")} if normalize(a) != key]
        aliases += self.resolver.public_aliases("Agency", name)
        national = key in self.known or self.resolver.is_public("Agency", name)
        if state and not national:
            return node_id("Agency", state, name), f"{name}, {state}", aliases + [name]
        # one body however its legal form is written ("... Corporation", "... Corporation Ltd")
        legal = organisation_key(name)
        aid = self.known.setdefault(key, self.known.get(legal) or node_id("Agency", name))
        self.known.setdefault(legal, aid)
        return aid, name, aliases


def load_central(data_dir: Path, names: AgencyNames) -> FactSet:
    path = data_dir / "tables" / CENTRAL_FILE
    facts = FactSet(f"data/{path.relative_to(data_dir).as_posix()}")
    header, table = table_rows(facts, path)
    for lineno, row in table:
        loc = f"row {lineno}"
        if len(row) < 7 or not row[2].strip():
            facts.skip(loc, f"malformed organisation row {row!r}")
            continue
        if normalize(row[2]) in _PLACEHOLDERS:
            facts.skip(loc, f"placeholder organisation name {row[2]!r}")
            continue
        prov = Provenance(facts.source, loc, row_text(header, row), "table:lgd-central")
        try:
            org_id = _agency(facts, names, row[1], row[2], row[3], prov)
            if row[5].strip() and normalize(row[5]) not in _PLACEHOLDERS:
                parent_id = _agency(facts, names, row[4], row[5], row[6], prov)
                if parent_id != org_id:
                    facts.edge(org_id, "PART_OF", parent_id, prov)
        except ValueError as e:
            facts.skip(loc, f"bad value: {e}")
    return facts


def _agency(
    facts: FactSet, names: AgencyNames, code: str, raw: str, kind: str, prov: Provenance
) -> str:
    aid, name, aliases = names.id_for(raw)
    attrs: dict[str, object] = {
        "role": _ROLE.get(kind.strip().lower(), "organisation"),
        "level": "central",
    }
    if code.strip():
        attrs["lgd_org_code"] = int(float(code))
    facts.node(aid, "Agency", name, prov, attrs, aliases)
    return aid
