"""LGD states and districts, district headquarters coordinates: the geographic backbone.

A `Places` index answers "which State/District node is this name (in this state)?" for the
other loaders, using LGD codes first, then names, aliases and (within one state) fuzzy names.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from ingest.facts import FactSet, row_text, table_rows
from kb import aliases as public_aliases
from kb.ids import node_id
from kb.resolve import display_name, name_variants, normalize
from kb.store.base import Provenance

STATES_FILE = "lgd-states.csv"
DISTRICTS_FILE = "lgd-districts.csv"
HQ_DIR = "district-hq"
SUBDIVISION_FILES = ("lgd-subdistricts.csv", "lgd-blocks.csv")


@dataclass
class Places:
    """Lookups from names and LGD codes to the ids of State and District nodes."""

    state_by_key: dict[str, str] = field(default_factory=dict)
    state_by_code: dict[str, str] = field(default_factory=dict)
    state_name: dict[str, str] = field(default_factory=dict)  # state id -> display name
    district_by_code: dict[str, str] = field(default_factory=dict)
    district_state: dict[str, str] = field(default_factory=dict)  # district id -> state id
    district_name: dict[str, str] = field(default_factory=dict)  # district id -> display name
    districts_in_state: dict[str, dict[str, str]] = field(
        default_factory=lambda: defaultdict(dict)
    )  # state id -> normalised name -> district id
    hq_in_state: dict[str, dict[str, str]] = field(
        default_factory=lambda: defaultdict(dict)
    )  # state id -> normalised headquarters town -> district id

    def state(self, name: str) -> str | None:
        for v in name_variants(" ".join(name.split()), place=True):
            sid = self.state_by_key.get(normalize(v))
            if sid:
                return sid
        return None

    def district(
        self, state_id: str, name: str, fuzzy_cutoff: float | None = 88.0, variants: bool = True
    ) -> str | None:
        """The district of the state with this name or alias; fuzzy unless the cutoff is None.

        `variants` also tries the name without its parenthesis and the parenthesis alone.
        """
        names = self.districts_in_state.get(state_id, {})
        for v in name_variants(name, place=True) if variants else [name]:
            did = names.get(normalize(v))
            if did:
                return did
        if fuzzy_cutoff is None:
            return None
        hit = process.extractOne(
            normalize(name), list(names), scorer=fuzz.ratio, score_cutoff=fuzzy_cutoff
        )
        return names[hit[0]] if hit else None

    def by_headquarters(self, state_id: str | None, town: str) -> str | None:
        """The district whose headquarters is `town` (in the state, or the only one anywhere)."""
        key = normalize(town)
        if state_id is not None:
            return self.hq_in_state.get(state_id, {}).get(key)
        hits = {d for towns in self.hq_in_state.values() if (d := towns.get(key))}
        return hits.pop() if len(hits) == 1 else None

    def add_district_name(self, district_id: str, name: str) -> None:
        state_id = self.district_state[district_id]
        for v in name_variants(name, place=True):
            if len(normalize(v)) >= 3:
                self.districts_in_state[state_id].setdefault(normalize(v), district_id)


def _source(data_dir: Path, path: Path) -> str:
    return f"data/{path.relative_to(data_dir).as_posix()}"


def load_states(data_dir: Path, places: Places) -> FactSet:
    path = data_dir / "tables" / STATES_FILE
    facts = FactSet(_source(data_dir, path))
    header, table = table_rows(facts, path)
    for lineno, row in table:
        if len(row) < 8 or not row[1].strip().isdigit() or not row[3].strip():
            facts.skip(f"row {lineno}", f"malformed state row {row!r}")
            continue
        code, lgd_name = row[1].strip(), row[3].strip()
        sid = node_id("State", lgd_name)
        kind = {"S": "State", "U": "Union Territory"}.get(row[7].strip(), row[7].strip())
        prov = Provenance(facts.source, f"row {lineno}", row_text(header, row), "table:lgd-states")
        facts.node(
            sid,
            "State",
            display_name(lgd_name),
            prov,
            {"lgd_code": int(code), "kind": kind, "census_2011_code": row[6].strip() or None},
            [lgd_name],
        )
        places.state_by_code[code] = sid
        places.state_name[sid] = display_name(lgd_name)
        places.state_by_key[normalize(lgd_name)] = sid
    for lgd_name, names in public_aliases.STATES:
        known = places.state_by_key.get(normalize(lgd_name))
        if known is None:
            continue
        facts.nodes[known].aliases.extend(n for n in names if n not in facts.nodes[known].aliases)
        for n in names:
            places.state_by_key[normalize(n)] = known
    return facts


def load_districts(data_dir: Path, places: Places) -> FactSet:
    path = data_dir / "tables" / DISTRICTS_FILE
    facts = FactSet(_source(data_dir, path))
    header, table = table_rows(facts, path)
    for lineno, row in table:
        loc = f"row {lineno}"
        if len(row) < 4 or not row[2].strip().isdigit() or not row[3].strip():
            facts.skip(loc, f"malformed district row {row!r}")
            continue
        state_id = places.state_by_code.get(row[0].strip())
        if state_id is None:
            facts.skip(loc, f"unknown state code {row[0]!r} ({row[1]})")
            continue
        code, lgd_name = row[2].strip(), row[3].strip()
        did = node_id("District", row[1].strip(), lgd_name)
        prov = Provenance(facts.source, loc, row_text(header, row), "table:lgd-districts")
        census = row[5].strip() if len(row) > 5 else ""
        facts.node(
            did,
            "District",
            display_name(lgd_name),
            prov,
            {
                "lgd_code": int(code),
                "census_2011_code": census if census not in ("", "0") else None,
            },
            [lgd_name],
        )
        facts.edge(did, "LOCATED_IN", state_id, prov)
        places.district_by_code[code] = did
        places.district_state[did] = state_id
        places.district_name[did] = display_name(lgd_name)
        places.add_district_name(did, lgd_name)
    for state_name, lgd_name, alias in public_aliases.DISTRICTS:
        in_state = places.state(state_name)
        target = places.districts_in_state.get(in_state or "", {}).get(normalize(lgd_name))
        if target is None:
            continue
        facts.nodes[target].aliases.append(alias)
        places.add_district_name(target, alias)
    old: dict[str, dict[str, str]] = defaultdict(dict)  # state id -> word -> old spelling
    for state_name, word, spelt in public_aliases.OLD_SPELLINGS:
        old[places.state(state_name) or ""][normalize(word)] = spelt
    for did, shown in list(places.district_name.items()):
        state_id = places.district_state[did]
        for variant in direction_variants(shown, old.get(state_id)):
            taken = places.districts_in_state[state_id].get(normalize(variant))
            if taken is None:  # a name another district has keeps meaning that district
                facts.nodes[did].aliases.append(variant)
                places.add_district_name(did, variant)
    return facts


def direction_variants(name: str, spellings: dict[str, str] | None = None) -> list[str]:
    """Other ways a district's name is written: its direction word in English before or after
    the rest, or in an Indian language before it ("Medinipur West": "West Medinipur",
    "Paschim Medinipur"), two words written as one ("Rangareddy"), and words in an older spelling (`spellings`, normalised word -> old
    spelling, from `public_aliases.OLD_SPELLINGS` for the district's state: "West Midnapore")."""
    spellings = spellings or {}
    words = name.split()
    respelt = " ".join(spellings.get(normalize(w), w) for w in words)
    out = {respelt}
    directional = {w for said in public_aliases.DIRECTIONS.values() for w in said}
    if len(words) == 2 and all(
        w.isalpha() and len(w) >= 3 and w.lower() not in directional for w in words
    ):
        out.add(words[0] + words[1].lower())  # "Ranga Reddy" is also written "Rangareddy"
    at, direction = None, ""
    for english, said in public_aliases.DIRECTIONS.items():
        for pos in (0, len(words) - 1):
            if len(words) > 1 and words[pos].lower() in said:
                at, direction = pos, english
    rest = words[1:] if at == 0 else words[:-1]
    turnable = at is not None and not any(
        w.lower() in said for said in public_aliases.DIRECTIONS.values() for w in rest
    )  # "North East", "South West Garo Hills": no one stem to turn around
    if turnable and len(" ".join(rest)) >= 4:
        for stem in {" ".join(rest), " ".join(spellings.get(normalize(w), w) for w in rest)}:
            out |= {f"{direction.title()} {stem}", f"{stem} {direction.title()}"}
            out |= {f"{said.title()} {stem}" for said in public_aliases.DIRECTIONS[direction]}
    return sorted(v for v in out if normalize(v) != normalize(name))


def load_district_hq(data_dir: Path, places: Places) -> FactSet:
    """Headquarters points: lat/lon on the District, by LGD code (Sikkim's keys are lower case)."""
    folder = data_dir / "tables" / HQ_DIR
    facts = FactSet(_source(data_dir, folder))
    for path in sorted(folder.glob("*.geojson")):
        src = _source(data_dir, path)
        try:
            features = json.loads(path.read_text(encoding="utf-8"))["features"]
        except (OSError, ValueError, KeyError) as e:
            facts.skip(src, f"unreadable GeoJSON ({e})")
            continue
        for i, feat in enumerate(features, start=1):
            facts.rows += 1
            loc = f"feature {i}"
            props = {k.lower(): v for k, v in (feat.get("properties") or {}).items()}
            code = str(props.get("dist_lgd") or "").split(".")[0]
            did = places.district_by_code.get(code)
            if did is None:
                facts.skip(
                    loc, f"no LGD district with code {code or '(none)'} ({props.get('dtname')})"
                )
                continue
            try:
                lon, lat = (float(x) for x in feat["geometry"]["coordinates"][:2])
            except (KeyError, TypeError, ValueError):
                facts.skip(loc, "feature has no point coordinates")
                continue
            hq = props.get("dist_hqnm") or props.get("dist_hq") or props.get("loc_name")
            if hq and len(normalize(str(hq))) >= 3:
                places.hq_in_state[places.district_state[did]].setdefault(normalize(str(hq)), did)
            text = (
                f"{props.get('dtname')} district headquarters {hq or ''} "
                f"at lat {lat:.5f}, lon {lon:.5f} (LGD {code})"
            )
            prov = Provenance(
                src,
                loc,
                " ".join(text.split()),
                "table:district-hq",
                fields=("lat", "lon", "hq_name"),
            )
            dtname = str(props.get("dtname") or "").strip()
            # DTNAME is the Census 2011 name, sometimes the parent of a newer district:
            # keep it as an alias only when it names no other district of the state.
            other = places.district(places.district_state[did], dtname, None, variants=False)
            if other not in (None, did):
                dtname = ""
            facts.node(
                did,
                "District",
                places.district_name[did],
                prov,
                {"lat": round(lat, 6), "lon": round(lon, 6), "hq_name": hq},
                [dtname] if dtname else [],
            )
            if dtname:
                places.add_district_name(did, dtname)
    return facts


# A sub-district's or block's name past its administrative qualifier: "Burdwan-I", "Aalo HQ",
# "Nampong SDO", "Bilasipara Pt", "Maldah (Old)", "Dhemaji Circle" -> the place's own name
_QUALIFIER = re.compile(
    r"(?:\s*\([^)]*\)|[\s-]+(?:i{1,3}|iv|circle|st|adc|eac|hq|sdo|pt\.?|taluk|block|btc|part"
    r"|td|p\.s))+$",
    re.I,
)
# Names of no place of their own ("Sadar" is the main sub-division of many districts)
_NOT_SUBDIVISION = {"sadar", "rural", "urban", "town", "city", "central", "north", "south",
                    "east", "west", "nagar", "bazar", "road", "valley"}  # fmt: skip


def subdivision_name(raw: str) -> str | None:
    """The name a text calls a sub-district or block by, or None when it names no place of its
    own (too short, or a word such as "Sadar")."""
    name = " ".join(_QUALIFIER.sub("", raw).split()).strip(" -")
    if name.isupper() or name.islower():
        name = name.title()
    if len(name) < 4 or normalize(name) in _NOT_SUBDIVISION or not re.search(r"[A-Za-z]", name):
        return None
    return name


def load_subdivisions(data_dir: Path, places: Places) -> FactSet:
    """LGD sub-districts (tehsils, talukas, mandals, circles) and blocks: each District gets
    the names of its own (`subdivisions`), by which a text's town or village is placed in it
    ("Sihor" is in Bhavnagar, "Sualkuchi" in Kamrup)."""
    folder = data_dir / "tables"
    facts = FactSet(_source(data_dir, folder))
    names: dict[str, dict[str, None]] = defaultdict(dict)  # district id -> names, in order
    sources: dict[str, list[str]] = defaultdict(list)
    for file in SUBDIVISION_FILES:
        path = folder / file
        header, table = table_rows(facts, path)
        for lineno, row in table:
            if len(row) < 8 or not row[3].strip().isdigit():
                facts.skip(f"{file} row {lineno}", f"malformed row {row!r}")
                continue
            did = places.district_by_code.get(row[3].strip())
            if did is None:
                facts.skip(f"{file} row {lineno}", f"no LGD district with code {row[3].strip()}")
                continue
            name = subdivision_name(row[7])
            if name is None or normalize(name) == normalize(places.district_name[did]):
                continue
            names[did].setdefault(name, None)
            if file not in sources[did]:
                sources[did].append(file)
    for did, own in names.items():
        listed = sorted(own)
        prov = Provenance(
            facts.source,
            ", ".join(sources[did]),
            f"{places.district_name[did]} district: sub-districts and blocks " + ", ".join(listed),
            "table:lgd-subdivisions",
            fields=("subdivisions",),
        )
        facts.node(did, "District", places.district_name[did], prov, {"subdivisions": listed})
    return facts
