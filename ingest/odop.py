"""The national ODOP list and the GI registry.

ODOP rows become District -ODOP_PRODUCT-> Product (with category, sector, GI status and the
row's description on the edge), Product -IN_SECTOR-> Sector and Agency -RESPONSIBLE_FOR->
Product. Labels are normalised ("No "/"no "/"NO ", "DC handicraft"/"DC Handicrafts").
A row's LGD code is trusted only when it belongs to the row's state; otherwise the district
is found by name within the state, and districts newer than the LGD list are created from
the row. GI registry rows become GeographicalIndication nodes; ODOP products whose GI status
is Yes are linked to the best-matching GI registered for the same state.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from ingest.agencies import AgencyNames
from ingest.facts import FactSet, row_text, table_rows
from ingest.places import Places
from kb.ids import node_id, state_slug
from kb.resolve import display_name, normalize
from kb.store.base import Provenance

ODOP_FILE = "odop.csv"
GI_FILE = "gi-registry.csv"
ODOP_COLUMNS = ("State", "Product", "District", "LGD Code", "Category", "Sector", "GI Status")

_SECTOR_FIX = {"handlooms": "handloom", "textiles": "textile", "handicrafts": "handicraft"}
_GOODS_FIX = {
    "handicrafts": "Handicraft",
    "handicraft": "Handicraft",
    "agricultural": "Agricultural",
    "agriculture": "Agricultural",
    "manufactured": "Manufactured",
    "food stuff": "Food Stuff",
    "foodstuff": "Food Stuff",
    "natural goods": "Natural Goods",
}
_GI_STOP = {
    "of",
    "and",
    "the",
    "from",
    "in",
    "work",
    "works",
    "products",
    "product",
    "gi",
    "craft",
    "crafts",
    "art",
    "item",
    "items",
    "handicraft",
    "handloom",
    "industry",
    "goods",
    "etc",
}


def label(value: str) -> str:
    """'Secondary ' -> 'Secondary', 'food processing' -> 'Food Processing'."""
    key = normalize(value)
    key = _SECTOR_FIX.get(key, key)
    return " ".join(w.capitalize() for w in key.split())


@dataclass
class OdopRow:
    lineno: int
    state_id: str
    district_id: str
    product_id: str
    gi: bool
    product_name: str


def load_odop(
    data_dir: Path, places: Places, agencies: AgencyNames
) -> tuple[FactSet, list[OdopRow]]:
    path = data_dir / "tables" / ODOP_FILE
    facts = FactSet(f"data/{path.relative_to(data_dir).as_posix()}")
    rows_out: list[OdopRow] = []
    header, table = table_rows(facts, path)
    header = [h.strip() for h in header]
    missing = [c for c in ODOP_COLUMNS if c not in header]
    if missing:
        facts.skip("header", f"missing columns {missing}; is this the ODOP list?")
        return facts, rows_out
    col = {h: i for i, h in enumerate(header)}
    for lineno, row in table:
        if len(row) < len(header):
            facts.skip(f"row {lineno}", f"has {len(row)} cells, expected {len(header)}")
            continue
        rec = {h: row[i].strip() for h, i in col.items()}
        out = _odop_row(facts, places, agencies, header, row, rec, lineno)
        if out is not None:
            rows_out.append(out)
    return facts, rows_out


def _odop_row(
    facts: FactSet,
    places: Places,
    agencies: AgencyNames,
    header: list[str],
    row: list[str],
    rec: dict[str, str],
    lineno: int,
) -> OdopRow | None:
    loc = f"row {lineno}"
    if not rec["Product"] or not rec["District"]:
        facts.skip(loc, "no product or district name")
        return None
    state_id = places.state(rec["State"])
    if state_id is None:
        facts.skip(loc, f"unknown state {rec['State']!r}")
        return None
    text = row_text(header, row, leave_out=("Photo", "Description"))
    prov = Provenance(facts.source, loc, text, "table:odop")
    code = rec["LGD Code"].split(".")[0]
    by_code = places.district_by_code.get(code)
    by_name = places.district(state_id, rec["District"], fuzzy_cutoff=None, variants=False)
    district_id = by_code
    if by_code is not None and places.district_state[by_code] != state_id:
        district_id = by_name  # the code belongs to another state: a data error in the row
        facts.note(
            loc,
            f"LGD code {code} is {places.district_name[by_code]} in another state; "
            f"matched {rec['District']!r} by name in {rec['State']}",
        )
    elif by_code is not None and by_name is not None and by_name != by_code:
        district_id = by_name  # the code names another district of the state
        facts.note(
            loc,
            f"LGD code {code} is {places.district_name[by_code]}, but the row names "
            f"{rec['District']!r} ({places.district_name[by_name]}); followed the name",
        )
    if district_id is None:
        district_id = places.district(state_id, rec["District"])
    if district_id is None:
        if code in places.district_by_code:
            facts.skip(
                loc,
                f"LGD code {code} is in another state and no district "
                f"{rec['District']!r} is known in {rec['State']}",
            )
            return None
        # A district created after the LGD list: the ODOP row is its only source.
        facts.note(
            loc,
            f"district {rec['District']!r} (LGD {code}) is not in the LGD list; "
            f"created it in {rec['State']} from this row",
        )
        district_id = node_id("District", state_slug(state_id), rec["District"])
        new_attrs = {"lgd_code": int(code)} if code.isdigit() else {}
        facts.node(district_id, "District", display_name(rec["District"]), prov, new_attrs)
        facts.edge(district_id, "LOCATED_IN", state_id, prov)
        places.district_state[district_id] = state_id
        places.district_name[district_id] = display_name(rec["District"])
        if code.isdigit():
            places.district_by_code[code] = district_id
        places.add_district_name(district_id, rec["District"])
    dname = places.district_name[district_id]
    facts.node(district_id, "District", dname, prov, aliases=[rec["District"]])

    product_name = " ".join(rec["Product"].split())
    product_id = node_id("Product", product_name)
    facts.node(product_id, "Product", product_name, prov)
    sector = label(rec["Sector"]) if rec["Sector"] else None
    category = label(rec["Category"]) if rec["Category"] else None
    gi = normalize(rec["GI Status"]) == "yes"
    edge_text = row_text(header, row, leave_out=("Photo",))
    attrs: dict[str, object] = {"category": category, "sector": sector, "gi_status": gi}
    if rec.get("Description"):
        attrs["description"] = " ".join(rec["Description"].split())
    ministry = rec.get("Ministry/ Department", "")
    if ministry:
        attrs["ministry"] = agencies.canonical(ministry)
    facts.edge(
        district_id,
        "ODOP_PRODUCT",
        product_id,
        Provenance(facts.source, loc, edge_text, "table:odop"),
        attrs,
    )
    if sector:
        sector_id = node_id("Sector", sector)
        facts.node(sector_id, "Sector", sector, prov)
        facts.edge(product_id, "IN_SECTOR", sector_id, prov)
    if ministry:
        aid, aname, aliases = agencies.id_for(ministry)
        facts.node(aid, "Agency", aname, prov, {"level": "central"}, aliases)
        facts.edge(aid, "RESPONSIBLE_FOR", product_id, prov)
    return OdopRow(lineno, state_id, district_id, product_id, gi, product_name)


def load_gi(data_dir: Path, places: Places) -> tuple[FactSet, dict[str, list[str]]]:
    """GI nodes, and for each state id the GI ids registered there (for linking)."""
    path = data_dir / "tables" / GI_FILE
    facts = FactSet(f"data/{path.relative_to(data_dir).as_posix()}")
    by_state: dict[str, list[str]] = defaultdict(list)
    header, table = table_rows(facts, path)
    for lineno, row in table:
        loc = f"row {lineno}"
        if len(row) < 4 or not row[1].strip():
            facts.skip(loc, f"malformed GI row {row!r}")
            continue
        name = " ".join(row[1].split())
        gid = node_id("GeographicalIndication", name)
        prov = Provenance(facts.source, loc, row_text(header, row), "table:gi")
        goods = _GOODS_FIX.get(normalize(row[2]), display_name(row[2].strip()) or None)
        states = [s.strip() for s in row[3:] if s.strip()]
        known = [(s, places.state(s)) for s in states]
        countries = [s for s, sid in known if sid is None]
        attrs: dict[str, object] = {"goods": goods}
        if countries:
            attrs["countries"] = countries
        node = facts.node(gid, "GeographicalIndication", name, prov, attrs)
        numbers = set(node.attrs.get("application_numbers", []))
        if row[0].strip().isdigit():
            numbers.add(int(row[0]))
        node.attrs["application_numbers"] = sorted(numbers)
        for _, sid in known:
            if sid is not None:
                facts.edge(gid, "REGISTERED_IN", sid, prov)
                if gid not in by_state[sid]:
                    by_state[sid].append(gid)
    return facts, by_state


def _stem(token: str) -> str:
    for suffix in ("ies", "es", "s"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return token


def _tokens(name: str) -> set[str]:
    return {_stem(t) for t in re.split(r"\s+", normalize(name)) if t and t not in _GI_STOP}


def _same(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= 85)


def gi_match_score(product: set[str], gi: set[str]) -> tuple[float, float]:
    """(overlap coefficient, Jaccard) of two token sets, tokens compared with spelling slack."""
    if not product or not gi:
        return 0.0, 0.0
    shared = sum(1 for a in product if any(_same(a, b) for b in gi))
    return shared / min(len(product), len(gi)), shared / len(product | gi)


def link_gi(
    odop: FactSet,
    gi: FactSet,
    rows: list[OdopRow],
    gi_by_state: dict[str, list[str]],
    places: Places,
) -> FactSet:
    """Product -HAS_GI-> GI for ODOP rows marked GI 'Yes': best token overlap in the same state."""
    facts = FactSet("data/tables/odop.csv+gi-registry.csv")
    state_words = {w for sid in gi_by_state for w in _tokens(state_slug(sid).replace("-", " "))}
    for r in rows:
        if not r.gi:
            continue
        facts.rows += 1
        wanted = _tokens(r.product_name) - state_words
        best: tuple[float, float, str] | None = None
        for gid in sorted(gi_by_state.get(r.state_id, [])):
            have = _tokens(gi.nodes[gid].name) - state_words
            score, jaccard = gi_match_score(wanted, have)
            if score > 0 and (best is None or (score, jaccard) > best[:2]):
                best = (score, jaccard, gid)
        if best is None or best[0] < 0.5:
            facts.skip(
                f"odop row {r.lineno}",
                f"GI status Yes but no GI of the state matches {r.product_name!r}",
            )
            continue
        score, _, gid = best
        edge = odop.edges[(r.district_id, "ODOP_PRODUCT", r.product_id)]
        gi_prov = gi.nodes[gid].provenance[0]
        text = (
            f"{edge.provenance[0].text.split('; Description:')[0]} || GI registry: {gi_prov.text}"
        )
        prov = Provenance(
            facts.source,
            f"odop row {r.lineno}; gi {gi_prov.locator}",
            text,
            "table:gi-match",
            round(score, 2),
        )
        facts.edge(r.product_id, "HAS_GI", gid, prov)
    return facts
