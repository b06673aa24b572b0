"""Entity linking: finding the KB's known entities in text, for ingest, QA and search alike.

`Gazetteer` matches the normalised names and aliases of known entities (and the public alias
lists of kb.aliases) as the longest token n-grams of a sentence; `EntityLinker` puts it together
with the resolver and name vectors over one store.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kb import aliases as public_aliases
from kb.errors import InputError, NotFound
from kb.ids import node_id, qualifier
from kb.resolve import Match, Resolver, normalize
from kb.schema import GAZETTEER_TYPES, LINKABLE_TYPES, PLACE_TYPES
from kb.search import Embedder, cached_vectors
from kb.sound import spelling
from kb.store.base import GraphStore, Node

MAX_TOKENS = 12
_DIRECTIONS = {"north", "south", "east", "west", "central", "upper", "lower", "new", "north east",
               "south east", "north west", "south west", "middle", "east west"}  # fmt: skip
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&'’.-]*")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass
class Mention:
    type: str
    name: str
    start: int
    end: int
    role: str | None = None
    ids: list[str] = field(default_factory=list)  # known node ids (several if ambiguous)
    aliases: list[str] = field(default_factory=list)
    how: str = "pattern"
    town: str = ""  # a described cluster's town, when its place is a town (see ingest.extract)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def is_acronym(text: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", text)
    return 2 <= len(letters) <= 7 and sum(c.isupper() for c in letters) >= len(letters) - 1


def _without_articles(key: str) -> str:
    """A normalised name without its inner "the" ("scheme of the fund" -> "scheme of fund")."""
    words = key.split(" ")
    inner = [w for i, w in enumerate(words) if w != "the" or i == 0 or i == len(words) - 1]
    return " ".join(inner)


def place_spelling(name: str) -> str:
    """A place name as it sounds (`kb.sound.spelling`, with aspiration dropped: Tamil and
    Hindi names are written with and without the "h" of "th", "dh", "bh", "kh"):
    "Thiruvallur" and "Tiruvallur" -> "tiruvalur"."""
    return re.sub(r"([a-z])\1+", r"\1", re.sub(r"([tdbkgp])h", r"\1", spelling(name)))


# A scheme's kind word in the plural at a name's end (normalised, lower case): its "s" goes
_PLURAL_KIND = re.compile(r" (scheme|programme|program|mission)s$")


class Gazetteer:
    """Normalised names and aliases of known entities, matched as longest token n-grams."""

    def __init__(self, nodes: Iterable[Node]):
        self.index: dict[str, list[tuple[str, str, str]]] = defaultdict(
            list
        )  # key -> (id, type, name)
        self.acronyms: set[str] = set()  # keys that must match an all-caps surface form
        # the first words of the keys: an n-gram whose first word is none of them is no name, so
        # `find` tries no longer n-grams from there (most of a sentence's words)
        self.first_words: set[str] = set()
        # an acronym as newspapers write it, a capitalised word ("Nabard", "Teri"): found only
        # where the alias table lists that very form
        self.word_forms: set[str] = set()
        self.names: dict[str, str] = {}  # id -> display name
        # districts by how their names sound (`place_spelling`): "Tiruvallur district" is
        # Thiruvallur, "Kancheepuram district" Kanchipuram
        self.spelled: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        # districts by the town that is their headquarters (the census's district HQ table):
        # "Baripada" is in Mayurbhanj
        self.headquarters: dict[str, list[str]] = defaultdict(list)
        # districts by the names of their LGD sub-districts and blocks: "Sihor" is in
        # Bhavnagar (a name several districts share lists them all)
        self.subdivisions: dict[str, list[str]] = defaultdict(list)
        for n in nodes:
            if n.type in GAZETTEER_TYPES:
                self.add_node(n.id, n.type, n.name, n.aliases)
            if n.type == "District" and n.attrs.get("hq_name"):
                self.headquarters[normalize(str(n.attrs["hq_name"]))].append(n.id)
            if n.type == "District":
                for name in n.attrs.get("subdivisions") or ():
                    self.subdivisions[normalize(str(name))].append(n.id)
        for canonical, names in public_aliases.AGENCIES:
            self.add(node_id("Agency", canonical), "Agency", canonical, names)
        for canonical, names in public_aliases.SCHEMES:
            self.add(node_id("Scheme", canonical), "Scheme", canonical, names)

    def add_node(
        self, id_: str, type_: str, name: str, aliases: Iterable[str], own: Iterable[str] = ()
    ) -> None:
        """Index a KB node. A cluster with a generic name ("Iron Cluster", id qualified by its
        district) is indexed as "<district> <name>", so it is not found in other places; its
        names of three words or more are indexed as they are as well. `own`: names that name
        this node alone whatever their length (a cluster's "<place> <product>")."""
        if type_ == "Cluster" and (district := qualifier(id_)) is not None:
            place = district.replace("-", " ").title()
            self.names.setdefault(id_, name)
            self.add(id_, type_, f"{place} {name}", [f"{place} {a}" for a in aliases])
            # a name of three words or more names one cluster ("Payranga Eri Cluster",
            # "Patna city Readymade Garment Cluster") and is found as written too
            if len(name.split()) >= 3:
                self.add(id_, type_, name, [a for a in aliases if len(a.split()) >= 3])
            self.add(id_, type_, f"{place} {name}", own, shown=False)
            return
        self.add(id_, type_, name, [*aliases, *own])

    def add(
        self, id_: str, type_: str, name: str, aliases: Iterable[str], shown: bool = True
    ) -> None:
        """Index `name` (unless not `shown`: then it is only the name displayed) and aliases."""
        for surface in [name, *aliases] if shown else list(aliases):
            if surface in public_aliases.NOT_IN_TEXT:
                continue
            key = normalize(surface)
            if len(key) < 2 or key.isdigit():
                continue
            self.names.setdefault(id_, name)
            sounds = self.spelled[place_spelling(surface)] if type_ == "District" else None
            if sounds is not None and (id_, type_, name) not in sounds:
                sounds.append((id_, type_, name))
            for k in dict.fromkeys((key, _without_articles(key))):
                if (id_, type_, name) not in self.index[k]:
                    self.index[k].append((id_, type_, name))
                    self.first_words.add(k.split(" ")[0])
            if is_acronym(surface) and len(key) <= 7:
                self.acronyms.add(key)
            elif surface.isalpha() and surface[:1].isupper() and surface[1:].islower():
                self.word_forms.add(surface)

    def find(self, sentence: str) -> list[Mention]:
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            if sentence[tokens[i][0] : tokens[i][1]].lower() == "the":
                i += 1  # names are matched without their article
                continue
            hit = None
            named = self._may_start(sentence[tokens[i][0] : tokens[i][1]])
            for n in range(min(MAX_TOKENS if named else 2, len(tokens) - i), 0, -1):
                start, end = tokens[i][0], tokens[i + n - 1][1]
                surface = _POSSESSIVE.sub("", sentence[start:end].rstrip("."))  # "Punjab's first"
                key = normalize(surface)
                # "Scheme of the Fund for ..." names "Scheme of Fund for ...": a name's inner
                # articles are written or left out at will
                entries = (
                    (self.index.get(key) or self.index.get(_without_articles(key)))
                    if named
                    else None
                )
                if not entries and named and _PLURAL_KIND.search(key):
                    # "the scheme of Integrated Handloom Development Schemes": a scheme's name
                    # with its kind's word in the plural is the scheme
                    entries = [e for e in self.index.get(_PLURAL_KIND.sub(r" \1", key), ())
                               if e[1] == "Scheme"] or None  # fmt: skip
                if not entries and n <= 2:
                    entries = self._spelled_district(surface, sentence[start + len(surface) :])
                if not entries or not self._case_ok(key, surface):
                    continue
                hit = (n, start, start + len(surface), entries)
                break
            if hit is None:
                i += 1
                continue
            n, start, end, entries = hit
            types = {t for _, t, _ in entries}
            if types == {"District"} and normalize(sentence[start:end]) in _DIRECTIONS:
                # Delhi's "North East" or "West" district only as "... district": "the North
                # East States", "East Singhbhum" name a region and another district
                if not re.match(r"\s+district\b", sentence[end:], re.I):
                    i += n
                    continue
            type_ = "District" if types == {"District"} else sorted(types)[0]
            ids = [e[0] for e in entries if e[1] == type_]
            name = next(e[2] for e in entries if e[1] == type_)
            found.append(Mention(type_, name, start, end, ids=ids, how="gazetteer"))
            i += n
        return found

    def _may_start(self, word: str) -> bool:
        """Whether a name the gazetteer knows may start with this token: its normalised first
        word (with or without a possessive "'s") is the first word of some key."""
        heads = {normalize(w).split(" ")[0] for w in (word, _POSSESSIVE.sub("", word.rstrip(".")))}
        return "the" in heads or not heads.isdisjoint(self.first_words)

    def _spelled_district(self, surface: str, after: str) -> list[tuple[str, str, str]]:
        """The one district a capitalised name written before "district" sounds like, when it
        is not written as the KB writes it ("Tiruvallur district": Thiruvallur): names of
        places are romanised many ways. Empty when none or several sound like it."""
        if not surface[:1].isupper() or not re.match(r"\s+district\b", after, re.I):
            return []
        return self.sounding_district(surface) if len(place_spelling(surface)) >= 5 else []

    def sounding_district(self, surface: str) -> list[tuple[str, str, str]]:
        """The entries of the one district `surface` sounds like (`place_spelling`), or none
        when no district or several do."""
        entries = self.spelled.get(place_spelling(surface), [])
        return entries if len({e[0] for e in entries}) == 1 else []

    def places_in(self, text: str) -> list[str]:
        """Ids of the districts and states named inside `text` (unambiguous ones only)."""
        out = []
        for m in re.finditer(r"[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*)?", text):
            for surface in (m.group(0), m.group(0).split()[0]):
                if normalize(surface) in _DIRECTIONS:
                    continue  # "Central Coir Research Institute" names no district
                entries = [e for e in self.index.get(normalize(surface), []) if e[1] in PLACE_TYPES]
                if len(entries) == 1 and surface[:1].isupper():
                    out.append(entries[0][0])
                    break
        return list(dict.fromkeys(out))

    def _case_ok(self, key: str, surface: str) -> bool:
        if key in self.acronyms:
            return is_acronym(surface) or surface in self.word_forms
        return surface[:1].isupper() or surface[:1].isdigit()


# When a name matches several entities, which one is presented first.
TYPE_PRIORITY = [
    "Cluster",
    "District",
    "State",
    "Scheme",
    "Agency",
    "Enterprise",
    "Product",
    "GeographicalIndication",
    "Sector",
    "Facility",
    "Document",
]


def _own_names(n: Node) -> list[str]:
    """A cluster's "<place> <product>" ("Balussery Coir"), the way people name it in a question
    ("the Balussery coir project"), when the place is a name of its own and not the product."""
    place, product = str(n.attrs.get("place") or ""), str(n.attrs.get("product") or "")
    if n.type != "Cluster" or not place[:1].isupper() or not product:
        return []
    if normalize(product) in normalize(place):  # "Coir" at "Coir Nagar": not a name of its own
        return []
    return [f"{place} {product}"]


LEGAL_SUFFIX = re.compile(r"\s+(?:pvt\.?\s*ltd\.?|private limited|limited|ltd\.?|llp)$", re.I)


class EntityLinker:
    """The one entity linker: the resolver (names, aliases, fuzzy), the gazetteer (names in
    running text) and name vectors (names by meaning), over one store. Ingest builds its own
    gazetteer from the same class; QA, search and the service link through this."""

    def __init__(self, store: GraphStore, embedder: Embedder | None = None,
                 cache_dir: Path | None = None):  # fmt: skip
        self.store = store
        self.embedder = embedder
        self.cache_dir = cache_dir  # name vectors, keyed by content (kb.search.cached_vectors)
        self._resolver: Resolver | None = None
        self._gazetteer: Gazetteer | None = None
        self._names: tuple[list[Node], np.ndarray] | None = None
        self._lock = threading.RLock()

    @property
    def resolver(self) -> Resolver:
        with self._lock:
            if self._resolver is None:
                self._resolver = Resolver.from_nodes(self.store.nodes())
            return self._resolver

    @property
    def gazetteer(self) -> Gazetteer:
        """Every entity but documents and sectors, with the short forms people write:
        "Umden Eri" for "Umden Eri Cluster", a firm without its "Pvt Ltd"."""
        with self._lock:
            if self._gazetteer is None:
                g = Gazetteer([])
                for n in self.store.nodes():
                    if n.type in ("Document", "Sector"):
                        continue
                    names = [n.name, *n.aliases]
                    short = [re.sub(r"\s+Cluster\b", "", a) for a in names if " Cluster" in a]
                    bare = [LEGAL_SUFFIX.sub("", a) for a in names if LEGAL_SUFFIX.search(a)]
                    g.add_node(n.id, n.type, n.name, [*n.aliases, *short, *bare], _own_names(n))
                self._gazetteer = g
            return self._gazetteer

    def find(self, name: str, type_: str | None = None) -> list[Match]:
        """Entities matching a name or id, best first (exact, alias, then fuzzy)."""
        name = name.strip()
        if not name:
            raise InputError("give a name to look up")
        node = self.store.get_node(name)
        if node is not None:
            return [Match(node.id, node.type, node.name, 100.0)]
        matches = self.resolver.lookup(name, type_)
        rank = {t: i for i, t in enumerate(TYPE_PRIORITY)}
        return sorted(matches, key=lambda m: (-m.score, rank.get(m.type, 99), m.id))

    def one(self, name: str) -> tuple[Node, list[Match]]:
        """The best match for `name` and the other matches; NotFound (with suggestions) if none."""
        matches = self.find(name)
        node = self.store.get_node(matches[0].id) if matches else None
        if node is None:
            raise NotFound(
                f"nothing in the knowledge base is called {name!r}", self.resolver.suggest(name)
            )
        return node, matches[1:]

    def suggest(self, name: str, type_: str | None = None, limit: int = 5) -> list[str]:
        return self.resolver.suggest(name, type_, limit)

    def in_text(self, text: str) -> list[Mention]:
        """Known entities named in running text (as written, and title-cased)."""
        return self.gazetteer.find(text) + self.gazetteer.find(text.title())

    def by_meaning(self, text: str, cutoff: float = 0.7) -> list[tuple[Node, float]]:
        """Every linkable entity whose name is at least `cutoff` similar to `text` (MiniLM),
        most similar first, with its similarity."""
        if self.embedder is None:
            return []
        nodes, vectors = self.name_vectors()
        if not nodes:
            return []
        sims = vectors @ self.embedder.encode([text])[0]
        order = np.argsort(-sims, kind="stable")
        return [(nodes[i], float(sims[i])) for i in order if sims[i] >= cutoff]

    def name_vectors(self) -> tuple[list[Node], np.ndarray]:
        """The linkable entities and their name vectors (computed for names not cached)."""
        assert self.embedder is not None
        with self._lock:
            if self._names is None:
                nodes = [n for t in LINKABLE_TYPES for n in self.store.nodes(t)]
                vectors, _ = cached_vectors(self.embedder, [n.name for n in nodes], self._cache())
                self._names = (nodes, vectors)
            return self._names

    def _cache(self) -> Path | None:
        return self.cache_dir / "names.npz" if self.cache_dir is not None else None
