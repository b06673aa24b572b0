"""The cluster registry (data/clusters/clusters.csv): 597 real clusters from public sources.

Each row becomes a Cluster node carrying its status, component, year, cost, scale and the
row's provenance (the row as text, its source URL and title), linked to:
- its District (LGD names and aliases; the `district` column, then the `place` column) and,
  failing that, its State — a row that cannot be placed is reported by `build`, not dropped;
- its product: the ODOP Product of its district when the two are the same thing by the product
  thesaurus (kb/products.py), or an ODOP product of the same name elsewhere; an "ODOP CFC" row
  with no product serves its district's ODOP product, and the link says it is inferred;
- its sector (the registry's sector word mapped onto the ODOP list's sectors; the README of
  the registry warns the word is the compiler's classification, and the edge says so);
- its scheme (canonical names through the public alias table; a state's own scheme applies in
  that state) and its implementing, nodal and technical agencies with their role (a body that
  is not national is qualified by the row's state).

A cluster a document also describes becomes one node: the name is "<place> <name>" and the id
follows the rule documents use (kb/ids.py), and its aliases carry the other spellings.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from ingest.agencies import AgencyNames
from ingest.facts import FactSet, row_text, table_rows
from ingest.places import Places
from ingest.schemes import _canonical_scheme
from kb.ids import node_id, parse, place_slug
from kb.products import place_words, thesaurus
from kb.resolve import Resolver, normalize
from kb.store.base import Provenance

REGISTRY_FILE = "clusters/clusters.csv"
SCHEME_ALIASES_FILE = "tables/scheme-aliases.csv"  # one programme under two names, with sources
MINISTRY_FILE = "tables/scheme-ministry.csv"  # who runs a scheme no myScheme record covers
EXTRACTOR = "table:cluster-registry"

# The registry's sector words onto the ODOP list's sectors (the rest keep their own Sector).
ODOP_SECTOR = {
    "handicrafts": "Handicraft",
    "handloom": "Handloom",
    "textiles": "Textile",
    "food processing": "Food Processing",
    "agro": "Agriculture",
    "engineering": "Manufacturing",
    "dairy": "Dairy",
    "fisheries": "Marine",
}

# Status wording -> a class a planner can sort on: working clusters first, then approved,
# then proposed, then listed. The first class whose cue occurs wins, in this order.
STATUS_CLASSES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("functional", ("completed", "inaugurated", "functional", "operational", "existing cfc",
                    "running", "commissioned", "working")),
    ("approved", ("approved", "sanctioned", "under implementation", "taken up", "selected",
                  "launched", "initiated", "ongoing", "implemented", "established")),
    ("proposed", ("proposed", "proposal", "dpr", "planned", "upcoming", "under diagnostic",
                  "recommended", "considered", "deferred", "pending")),
    ("listed", ("identified", "existing", "potential", "state list", "listed")),
)  # fmt: skip

_SPLIT = re.compile(r"\s*(?:;|/|,| and )\s*")
_LIES_IN = re.compile(r"place lies in ([A-Z][A-Za-z &]+?)\)")


def status_class(status: str) -> str:
    s = status.lower()
    for klass, cues in STATUS_CLASSES:
        if any(c in s for c in cues):
            return klass
    return "unknown"


def _crore(value: str) -> float | None:
    try:
        return round(float(value.replace(",", "")), 4) if value.strip() else None
    except ValueError:
        return None


def state_named_in(text: str, places: Places) -> str | None:
    """The state whose name (or alias) occurs as whole words in `text`, if exactly one does."""
    low = f" {normalize(text)} "
    found = {sid for key, sid in places.state_by_key.items() if len(key) > 3 and f" {key} " in low}
    return found.pop() if len(found) == 1 else None


class RegistryLoader:
    def __init__(
        self,
        data_dir: Path,
        places: Places,
        agencies: AgencyNames,
        resolver: Resolver,
        odop: FactSet,
    ):
        self.data_dir = data_dir
        self.places = places
        self.agencies = agencies
        self.resolver = resolver
        self.thesaurus = thesaurus()
        # a scheme as one source list writes it -> the name another list gives the same programme
        self.scheme_alias: dict[str, str] = {}
        aliases_path = data_dir / SCHEME_ALIASES_FILE
        if aliases_path.exists():
            with aliases_path.open(encoding="utf-8", newline="") as f:
                for r in csv.DictReader(f):
                    if (r.get("written") or "").strip() and (r.get("canonical") or "").strip():
                        self.scheme_alias[normalize(r["written"])] = r["canonical"].strip()
        # district id -> [(product id, product name)] and product name -> id, from the ODOP list
        self.odop_of: dict[str, list[tuple[str, str]]] = {}
        self.product_by_name: dict[str, str] = {}
        for e in odop.edges.values():
            if e.relation == "ODOP_PRODUCT":
                name = odop.nodes[e.target].name if e.target in odop.nodes else e.target
                self.odop_of.setdefault(e.source, []).append((e.target, name))
                self.product_by_name.setdefault(normalize(name), e.target)

    # -- places -------------------------------------------------------------------------------

    def _place(self, row: dict[str, str]) -> tuple[str | None, str | None, str | None]:
        """(district id, state id, how) for a row; how is None when placed as written."""
        places = self.places
        state_id = places.state(row["state"]) if row["state"].strip() else None
        how = None
        if state_id is None and row["state"].strip():
            how = f"state {row['state']!r} not in LGD"
        if state_id is None:  # the compiler's note "(place lies in X)"
            m = _LIES_IN.search(row.get("source_note") or "")
            if m and places.state(m.group(1)):
                state_id = places.state(m.group(1))
                how = f"state from the registry's note ({m.group(1)})"
        names = [n for col in ("district", "place") for n in _SPLIT.split(row[col]) if n.strip()]
        for name in names:  # as a district's name or alias, then as its headquarters town
            did = self._district(state_id, name) or places.by_headquarters(state_id, name)
            if did:
                return did, places.district_state[did], how
        if state_id:  # a district named inside the cluster's name or place ("Madhubani Painting")
            text = f" {normalize(row['cluster_name'] + ' ' + row['place'])} "
            named = {d for key, d in places.districts_in_state[state_id].items()
                     if len(key) >= 4 and f" {key} " in text}  # fmt: skip
            if len(named) == 1:
                did = named.pop()
                return did, state_id, how
        return None, state_id, how

    def _district(self, state_id: str | None, name: str) -> str | None:
        places = self.places
        if state_id:
            return places.district(state_id, name)
        for cutoff in (None, 92.0):  # exact names first, then close spellings ("Tirupur")
            hits = {d for s in places.districts_in_state if (d := places.district(s, name, cutoff))}
            if hits:
                return hits.pop() if len(hits) == 1 else None
        return None

    # -- the rows -----------------------------------------------------------------------------

    def load(self) -> FactSet:
        path = self.data_dir / REGISTRY_FILE
        facts = FactSet(f"data/{REGISTRY_FILE}")
        header, table = table_rows(facts, path)
        for lineno, values in table:
            loc = f"row {lineno}"
            if len(values) != len(header):
                facts.skip(
                    loc, f"malformed row: {len(values)} fields, the header has {len(header)}"
                )
                continue
            row = {h: (v or "").strip() for h, v in zip(header, values, strict=True)}
            if not row.get("cluster_name"):
                facts.skip(loc, "no cluster name")
                continue
            prov = Provenance(facts.source, loc, row_text(header, values), EXTRACTOR)
            self._row(facts, loc, row, prov)
        self._state_schemes(facts)
        self._ministries(facts)
        _unshared_aliases(facts)
        return facts

    def _state_schemes(self, facts: FactSet) -> None:
        """A scheme the public alias table does not know nationally, whose every registry
        cluster (two or more) lies in one state, is taken as that state's own scheme ("ODOP CFC
        (UP)", "MSICDP"): it applies in that state, and the node says the level is inferred."""
        states: dict[str, set[str]] = {}
        count: dict[str, int] = {}
        for e in facts.edges.values():
            if e.relation == "SUPPORTED_BY" and e.target.startswith("scheme:"):
                count[e.target] = count.get(e.target, 0) + 1
                located = [x.target for x in facts.edges.values()
                           if x.source == e.source and x.relation == "LOCATED_IN"]  # fmt: skip
                states.setdefault(e.target, set()).update(
                    self.places.district_state.get(t, t) for t in located
                )
        for sid, found in states.items():
            node = facts.nodes[sid]
            if node.attrs.get("level") or self.resolver.is_public("Scheme", node.name):
                continue
            if len(found) == 1 and count[sid] >= 2:
                home = found.pop()
                prov = node.provenance[0]
                facts.node(sid, "Scheme", node.name, prov,
                           {"level": "state", "state": home, "level_inferred": True})  # fmt: skip
                facts.edge(sid, "APPLIES_IN", home, prov, {"inferred": True})

    def _row(self, facts: FactSet, loc: str, row: dict[str, str], prov: Provenance) -> None:
        district_id, state_id, how = self._place(row)
        district = self.places.district_name.get(district_id or "")
        where = row["place"] or district or row["district"]
        name = row["cluster_name"]
        if where and normalize(where.split(",")[0]) not in normalize(name):
            full = f"{where.split(',')[0].strip()} {name}"
        else:
            full = name
        # the id rule documents use: a name holding its district's name stands alone,
        # any other is qualified by the district (or state) it lies in
        if district and normalize(district) in normalize(full):
            cid = node_id("Cluster", full)
        elif district_id:
            cid = node_id("Cluster", place_slug(district_id), full)
        elif state_id:
            cid = node_id("Cluster", parse(state_id).parts[-1], full)
        else:
            cid = node_id("Cluster", full)
        aliases = [f"{name}, {where}" if where else name]
        if district and district != where:
            aliases.append(f"{district} {name}")
        product = row["product"]
        klass = status_class(row["status"])
        attrs: dict[str, Any] = {
            "registry": True,
            "product": product or None,
            "sector": row["sector"] or None,
            "status": row["status"] or None,
            "status_class": klass,
            "component": row["component"] or None,
            "year": row["year"] or None,
            "cost_crore": _crore(row["project_cost_inr_crore"]),
            "grant_crore": _crore(row["govt_grant_inr_crore"]),
            "scale": row["artisans_or_units"] or None,
            "place": row["place"] or None,
            "scheme_as_written": row["scheme"] or None,
            "source_url": row["source_url"] or None,
            "source_title": row["source_title"] or None,
        }
        facts.node(cid, "Cluster", full, prov, {k: v for k, v in attrs.items() if v is not None},
                   aliases)  # fmt: skip
        if district_id:
            facts.edge(cid, "LOCATED_IN", district_id, prov)
            if how:
                facts.note(loc, f"{full}: {how}; placed in {district}")
        elif state_id:
            facts.edge(cid, "LOCATED_IN", state_id, prov)
            facts.note(
                loc,
                f"{full}: placed in {self.places.state_name.get(state_id, state_id)} only — "
                f"district {row['district'] or '(none)'!r}, place {row['place'] or '(none)'!r} "
                "not found among that state's LGD districts",
            )
        else:
            facts.note(loc, f"{full}: could not be placed (no state or district the LGD knows)")
        self._product(facts, cid, row, district_id, district, prov)
        self._sector(facts, cid, row, prov)
        state_name = self.places.state_name.get(state_id or "")
        self._scheme(facts, cid, row, prov)
        for col, relation, role in (
            ("implementing_agency", "IMPLEMENTS", "implementing agency"),
            ("nodal_agency", "SUPPORTED_BY", "nodal agency"),
            ("technical_agency", "PARTNERS_WITH", "technical agency"),
        ):
            for raw in (a for a in row[col].split(";") if a.strip()):
                own = state_named_in(raw, self.places)  # "Directorate of Textiles, Govt of WB"
                home = self.places.state_name.get(own) if own else state_name
                aid, aname, aliases = self.agencies.id_for(raw, home)
                facts.node(aid, "Agency", aname, prov, {"role": role}, aliases)
                if relation == "SUPPORTED_BY":
                    facts.edge(cid, relation, aid, prov, {"role": role})
                else:
                    facts.edge(aid, relation, cid, prov, {"role": role})

    def _product(
        self,
        facts: FactSet,
        cid: str,
        row: dict[str, str],
        district_id: str | None,
        district: str | None,
        prov: Provenance,
    ) -> None:
        product = row["product"]
        odop_here = self.odop_of.get(district_id or "", [])
        th = self.thesaurus
        if not product:
            if "odop" in row["scheme"].lower() and odop_here:  # an ODOP CFC serves the ODOP product
                # unless its name says it makes something else ("ODOP CFC (clay)" in a glass
                # district): a name with no product words ("ODOP Common Facility Centre") or
                # words of the same or a related product leave the inference standing
                named = th.key(row["cluster_name"], place_words(district or "", "odop"))
                served = [(pid, pname) for pid, pname in odop_here
                          if not named or th.relation(named, th.key(
                              pname, place_words(district or ""))) is not None]  # fmt: skip
                for pid, pname in served:
                    basis = (f"an ODOP CFC in {district} serves the district's ODOP product "
                             f"({pname}); the row names no product, so this is inferred")  # fmt: skip
                    facts.edge(cid, "PRODUCES", pid, prov, {"inferred": True, "basis": basis})
                    facts.node(cid, "Cluster", facts.nodes[cid].name, prov,
                               {"product_inferred": basis})  # fmt: skip
                if not served:
                    facts.note(f"{prov.locator}", f"{facts.nodes[cid].name}: an ODOP CFC whose "
                               "name names another product than the district's ODOP product "
                               f"({', '.join(n for _, n in odop_here)}); not linked to it")  # fmt: skip
            return
        key = th.key(product)
        for pid, pname in odop_here:
            if th.relation(key, th.key(pname, place_words(district or ""))) == "same":
                facts.edge(cid, "PRODUCES", pid, prov,
                           {"basis": f"the same product as {district}'s ODOP product"})  # fmt: skip
                return
        same_name = self.product_by_name.get(normalize(product))
        if same_name:
            facts.edge(cid, "PRODUCES", same_name, prov,
                       {"basis": "an ODOP product of the same name"})  # fmt: skip

    def _sector(self, facts: FactSet, cid: str, row: dict[str, str], prov: Provenance) -> None:
        word = row["sector"].lower()
        if not word:
            return
        label = ODOP_SECTOR.get(word, word.capitalize())
        sid = node_id("Sector", label)
        facts.node(sid, "Sector", label, prov)
        facts.edge(cid, "IN_SECTOR", sid, prov, {"basis": "the registry compiler's classification"})

    def _scheme_name(self, written: str) -> tuple[str, list[str]]:
        """A scheme as a source list writes it: its canonical name and its aliases."""
        same = self.scheme_alias.get(normalize(written))  # tables/scheme-aliases.csv
        name = same or written
        aliases: list[str] = [written] if same else []
        base = same or written
        for part in [base, *_SPLIT.split(re.sub(r"\s*\(.*?\)", "", base)),
                     *re.findall(r"\(([^)]+)\)", base)]:  # fmt: skip
            canonical, al = _canonical_scheme(self.resolver, part.strip())
            if canonical != part.strip() or self.resolver.is_public("Scheme", canonical):
                name, aliases = canonical, [a for a in [written, *al, *aliases] if a != canonical]
                break
        return name, aliases

    def _ministries(self, facts: FactSet) -> None:
        """Which ministry or bureau runs a scheme the registry names when no myScheme record
        says so (tables/scheme-ministry.csv: MSE-CDP, the Ministry of Textiles' cluster
        schemes, the BEE's programme), each with its source: an ADMINISTERS edge, as a myScheme
        record's department gives one. A row naming a programme an earlier row named, or one
        no registry row has, is skipped."""
        path = self.data_dir / MINISTRY_FILE
        if not path.exists():
            return
        src = f"data/{MINISTRY_FILE}"
        done: dict[str, int] = {}
        with path.open(encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f), start=2):
                written = " ".join((row.get("scheme") or "").split())
                ministry = " ".join((row.get("ministry") or "").split())
                if not written or not ministry:
                    facts.skip(f"{src} row {i}", f"needs a scheme and a ministry: {row}")
                    continue
                sid = node_id("Scheme", self._scheme_name(written)[0])
                if sid not in facts.nodes:
                    facts.skip(f"{src} row {i}", f"no cluster of the registry has {written!r}")
                    continue
                if sid in done:
                    facts.skip(f"{src} row {i}", f"the programme of row {done[sid]}")
                    continue
                done[sid] = i
                text = f"{written}: {ministry}; {row.get('source', '')}"
                prov = Provenance(src, f"row {i}", text, "table:scheme-ministry")
                aid, aname, aaliases = self.agencies.id_for(ministry)
                facts.node(aid, "Agency", aname, prov, {}, aaliases)
                facts.edge(aid, "ADMINISTERS", sid, prov)

    def _scheme(self, facts: FactSet, cid: str, row: dict[str, str], prov: Provenance) -> None:
        written = row["scheme"]
        if not written:
            return
        name, aliases = self._scheme_name(written)
        home = state_named_in(written, self.places)
        attrs: dict[str, Any] = {"registry": True}
        if home:
            attrs["level"] = "state"
            attrs["state"] = home
        sid = node_id("Scheme", name)
        facts.node(sid, "Scheme", name, prov, attrs, aliases)
        facts.edge(cid, "SUPPORTED_BY", sid, prov, {"role": "scheme"})
        if home:  # a state's own scheme applies there; a national one everywhere
            facts.edge(sid, "APPLIES_IN", home, prov)


def _unshared_aliases(facts: FactSet) -> None:
    """Drop each cluster alias that another cluster bears as its name or alias: the Dubbak
    row's "Siddipet Handloom Cluster" (its district's name before its own) is the name of the
    Siddipet row, and a name two clusters share names neither."""
    clusters = [n for n in facts.nodes.values() if n.type == "Cluster"]
    bearers: dict[str, set[str]] = {}
    for n in clusters:
        for name in (n.name, *n.aliases):
            bearers.setdefault(normalize(name), set()).add(n.id)
    for n in clusters:
        n.aliases = [a for a in n.aliases if len(bearers[normalize(a)]) == 1]


def load_registry(
    data_dir: Path, places: Places, agencies: AgencyNames, resolver: Resolver, odop: FactSet
) -> FactSet:
    return RegistryLoader(data_dir, places, agencies, resolver, odop).load()
