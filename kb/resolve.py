"""Entity resolution: normalised names, canonical ids, and one index of names and aliases.

Two names that normalise to the same key (case, punctuation, "&"/"and", a leading "The",
diacritics) are the same entity; so are a name and any of its aliases. Fuzzy matching
(rapidfuzz) is a last resort with a high threshold and is never used to *create* identity
silently: callers see the score.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from kb import aliases as public_aliases
from kb.schema import PLACE_TYPES
from kb.store.base import Node

_PARENS = re.compile(r"\(([^)]*)\)")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_SMALL_WORDS = {"of", "and", "for", "the", "in", "on", "at", "to", "by", "&"}


def normalize(name: str) -> str:
    """Comparison key of a name: 'The JEEViKA  & Co.' -> 'jeevika and co'."""
    if name.isascii():  # nothing to decompose (most names, and every n-gram the linker tries)
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "")
    text = _NON_WORD.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


# A company's or corporation's legal form written out or short ("Ltd", "Corp", "Pvt"): the
# same body however a document writes it ("National Handloom Development Corp", "... Corporation
# Ltd")
_LEGAL_TAIL = re.compile(r"(?:\s+(?:pvt|private))?\s+(?:ltd|limited)$")
_SHORT_FORMS = ((re.compile(r"\bcorpn?$"), "corporation"), (re.compile(r"\bco$"), "company"))


def organisation_key(name: str) -> str:
    """`normalize`d, without the legal form at the end and with a short form written out:
    'National Handloom Development Corp' and '... Corporation Ltd' have one key."""
    key = _LEGAL_TAIL.sub("", normalize(name))
    for short, full in _SHORT_FORMS:
        key = short.sub(full, key)
    return key


def slug(name: str) -> str:
    return normalize(name).replace(" ", "-")


def display_name(name: str) -> str:
    """A readable name for ALL-CAPS source labels ('BIHAR' -> 'Bihar'); others kept."""
    name = " ".join(name.split())
    if not name.isupper():
        return name
    words = name.title().split(" ")
    return " ".join(
        w.lower() if i and w.lower() in _SMALL_WORDS else w for i, w in enumerate(words)
    )


def name_variants(name: str, place: bool = False) -> list[str]:
    """The name, and for 'Anantapuram (Anantapur)' also 'Anantapuram' and 'Anantapur'. Of
    anything but a place, only an abbreviation in brackets is another name ('Coir Board (CB)');
    in 'Bridge & Roof Co.(India) Ltd' or 'Ongc Videsh Ltd. (India)' the bracket qualifies the
    name ('India' is not the firm)."""
    out = [name]
    found = _PARENS.findall(name)
    if found:
        out.append(_PARENS.sub(" ", name))
        out.extend(p for p in found if place or sum(c.isupper() for c in p) >= 2)
    return [v for v in (" ".join(o.split()) for o in out) if v]


@dataclass(frozen=True)
class Match:
    id: str
    type: str
    name: str
    score: float  # 100 for an exact name or alias, else the fuzzy score


class Resolver:
    """Index of every node's name and aliases by normalised key, per type."""

    def __init__(self) -> None:
        self._keys: dict[str, set[str]] = defaultdict(set)  # key -> ids
        self._info: dict[str, tuple[str, str]] = {}  # id -> (type, name)
        self._by_type_keys: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._public: dict[tuple[str, str], str] = {}  # (type, alias key) -> canonical name
        for canonical, names in public_aliases.AGENCIES:
            for n in [canonical, *names]:
                self._public[("Agency", normalize(n))] = canonical
        for canonical, names in public_aliases.SCHEMES:
            for n in [canonical, *names]:
                self._public[("Scheme", normalize(n))] = canonical

    @classmethod
    def from_nodes(cls, nodes: Iterable[Node]) -> Resolver:
        r = cls()
        for n in nodes:
            r.add(n)
        return r

    def canonical_name(self, type_: str, name: str) -> str:
        """The public canonical name for a known acronym or spelling, else the name itself."""
        return self._public.get((type_, normalize(name)), name)

    def is_public(self, type_: str, name: str) -> bool:
        """Whether the alias table knows this name (a national scheme or agency)."""
        return (type_, normalize(name)) in self._public

    def public_aliases(self, type_: str, canonical: str) -> list[str]:
        table = public_aliases.AGENCIES if type_ == "Agency" else public_aliases.SCHEMES
        for name, names in table:
            if normalize(name) == normalize(canonical):
                return list(names)
        return []

    def add(self, node: Node) -> None:
        self._info[node.id] = (node.type, node.name)
        place = node.type in PLACE_TYPES
        for n in [node.name, *node.aliases]:
            for v in name_variants(n, place):
                key = normalize(v)
                if key:
                    self._keys[key].add(node.id)
                    self._by_type_keys[node.type][key].add(node.id)

    def remove(self, node_id: str) -> None:
        if node_id not in self._info:
            return
        type_, _ = self._info.pop(node_id)
        for key in [k for k, ids in self._keys.items() if node_id in ids]:
            self._keys[key].discard(node_id)
            self._by_type_keys[type_][key].discard(node_id)

    def exact(self, name: str, type_: str | None = None) -> list[Match]:
        """Nodes whose name or alias normalises to the same key (public aliases followed)."""
        keys = {normalize(v) for v in name_variants(name, place=True)}
        for t in [type_] if type_ else ["Agency", "Scheme"]:
            canonical = self._public.get((t, normalize(name)))
            if canonical:
                keys.add(normalize(canonical))
        index = self._by_type_keys[type_] if type_ else self._keys
        ids = sorted({i for k in keys for i in index.get(k, ())})
        return [Match(i, *self._info[i], 100.0) for i in ids]

    def fuzzy(
        self, name: str, type_: str | None = None, limit: int = 5, cutoff: float = 88.0
    ) -> list[Match]:
        """Closest names by rapidfuzz ratio (for misspellings such as 'Muzzaffarpur')."""
        index = self._by_type_keys[type_] if type_ else self._keys
        hits = process.extract(
            normalize(name), list(index.keys()), scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff
        )
        out: dict[str, Match] = {}
        for key, score, _ in hits:
            for i in sorted(index[key]):
                if i not in out or out[i].score < score:
                    out[i] = Match(i, *self._info[i], float(score))
        return sorted(out.values(), key=lambda m: (-m.score, m.id))

    def search(
        self, name: str, type_: str | None = None, limit: int = 500, cutoff: float = 80.0
    ) -> list[Match]:
        """Search-box matching: exact names and aliases first (100), then names that contain
        the words or come close to them (rapidfuzz WRatio), best first."""
        index = self._by_type_keys[type_] if type_ else self._keys
        out: dict[str, Match] = {m.id: m for m in self.exact(name, type_)}
        hits = process.extract(
            normalize(name),
            list(index.keys()),
            scorer=fuzz.WRatio,
            limit=limit,
            score_cutoff=cutoff,
        )
        words = set(normalize(name).split())
        for key, score, _ in hits:
            # a name that leaves some of the query's words out ranks below one that has them all
            missing = len(words - set(key.split())) / max(len(words), 1)
            score = min(float(score), 99.0) - 15.0 * missing
            for i in sorted(index[key]):
                if i not in out or out[i].score < score:
                    out[i] = Match(i, *self._info[i], score)
        return sorted(out.values(), key=lambda m: (-m.score, len(m.name), m.id))

    def lookup(self, name: str, type_: str | None = None) -> list[Match]:
        """Exact matches if any, else fuzzy ones."""
        return self.exact(name, type_) or self.fuzzy(name, type_)

    def suggest(self, name: str, type_: str | None = None, limit: int = 5) -> list[str]:
        """Closest known names, for 'did you mean' messages."""
        return [m.name for m in self.fuzzy(name, type_, limit=limit, cutoff=60.0)]
