"""Finding entity mentions in a sentence: known names (a gazetteer of the KB) and new ones.

New names are found by the shape the domain gives them: "... Pvt Ltd", "... Cooperative
Society Ltd", "... Bank", "Department of ...", "... Department", "Ministry of ...",
"... Council/Commission/Board/Institute/Society/Corporation/Organization", "... Scheme",
"... Yojana", "... Programme", "... Mission", "... Fund", "... Cluster", "<place> <product>
cluster", lists after "clusters include" or "banks like", and shared facilities (CFC, common
facility centre, plug & play, work sheds). Acronyms defined in passing ("North Eastern
Council (NEC)", "BRGF (Backward Region Grant Fund)") are folded into one name with an alias.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kb import aliases as public_aliases
from kb.resolve import node_id, normalize
from kb.store.base import Node

GAZETTEER_TYPES = ("District", "State", "Agency", "Scheme", "Cluster", "Enterprise")
MAX_TOKENS = 12
_DIRECTIONS = {"north", "south", "east", "west", "central", "upper", "lower", "new", "north east",
               "south east", "north west", "south west", "middle", "east west"}  # fmt: skip
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&'’.-]*")


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

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def _is_acronym(text: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", text)
    return 2 <= len(letters) <= 7 and sum(c.isupper() for c in letters) >= len(letters) - 1


class Gazetteer:
    """Normalised names and aliases of known entities, matched as longest token n-grams."""

    def __init__(self, nodes: Iterable[Node]):
        self.index: dict[str, list[tuple[str, str, str]]] = defaultdict(
            list
        )  # key -> (id, type, name)
        self.acronyms: set[str] = set()  # keys that must match an all-caps surface form
        self.names: dict[str, str] = {}  # id -> display name
        for n in nodes:
            if n.type in GAZETTEER_TYPES:
                self.add_node(n.id, n.type, n.name, n.aliases)
        for canonical, names in public_aliases.AGENCIES:
            self.add(node_id("Agency", canonical), "Agency", canonical, names)
        for canonical, names in public_aliases.SCHEMES:
            self.add(node_id("Scheme", canonical), "Scheme", canonical, names)

    def add_node(self, id_: str, type_: str, name: str, aliases: Iterable[str]) -> None:
        """Index a KB node. A cluster with a generic name ("Iron Cluster", id qualified by its
        district) is indexed as "<district> <name>" only, so it is not found in other places."""
        if type_ == "Cluster" and id_.count(":") == 2:
            place = id_.split(":")[1].replace("-", " ").title()
            self.names.setdefault(id_, name)
            self.add(id_, type_, f"{place} {name}", [f"{place} {a}" for a in aliases])
            return
        self.add(id_, type_, name, aliases)

    def add(self, id_: str, type_: str, name: str, aliases: Iterable[str]) -> None:
        for surface in [name, *aliases]:
            if surface in public_aliases.NOT_IN_TEXT:
                continue
            key = normalize(surface)
            if len(key) < 2 or key.isdigit():
                continue
            self.names.setdefault(id_, name)
            if (id_, type_, name) not in self.index[key]:
                self.index[key].append((id_, type_, name))
            if _is_acronym(surface) and len(key) <= 7:
                self.acronyms.add(key)

    def find(self, sentence: str) -> list[Mention]:
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            if sentence[tokens[i][0] : tokens[i][1]].lower() == "the":
                i += 1  # names are matched without their article
                continue
            hit = None
            for n in range(min(MAX_TOKENS, len(tokens) - i), 0, -1):
                start, end = tokens[i][0], tokens[i + n - 1][1]
                surface = sentence[start:end].rstrip(".")
                key = normalize(surface)
                entries = self.index.get(key)
                if not entries or not self._case_ok(key, surface):
                    continue
                hit = (n, start, start + len(surface), entries)
                break
            if hit is None:
                i += 1
                continue
            n, start, end, entries = hit
            types = {t for _, t, _ in entries}
            type_ = "District" if types == {"District"} else sorted(types)[0]
            ids = [e[0] for e in entries if e[1] == type_]
            name = next(e[2] for e in entries if e[1] == type_)
            found.append(Mention(type_, name, start, end, ids=ids, how="gazetteer"))
            i += n
        return found

    def places_in(self, text: str) -> list[str]:
        """Ids of the districts and states named inside `text` (unambiguous ones only)."""
        out = []
        for m in re.finditer(r"[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*)?", text):
            for surface in (m.group(0), m.group(0).split()[0]):
                if normalize(surface) in _DIRECTIONS:
                    continue  # "Central Coir Research Institute" names no district
                entries = [
                    e
                    for e in self.index.get(normalize(surface), [])
                    if e[1] in ("District", "State")
                ]
                if len(entries) == 1 and surface[:1].isupper():
                    out.append(entries[0][0])
                    break
        return list(dict.fromkeys(out))

    def _case_ok(self, key: str, surface: str) -> bool:
        if key in self.acronyms:
            return _is_acronym(surface)
        return surface[:1].isupper() or surface[:1].isdigit()


# -- patterns ---------------------------------------------------------------------------------

_CAP = r"(?:[A-Z][A-Za-z0-9&'’.-]*|[A-Z]{2,}[a-z]*)"
_CONN = r"(?:of|for|and|&|the|de)"
_NAME = rf"{_CAP}(?:\s+(?:{_CONN}\s+)?{_CAP}){{0,7}}"

ORG_PATTERNS: list[tuple[str, str | None, re.Pattern[str]]] = [
    ("Enterprise", "cooperative", re.compile(rf"{_NAME}\s+Co-?operative\s+Society(?:\s+Ltd\.?)?")),
    (
        "Enterprise",
        "company",
        re.compile(
            rf"(?:The\s+)?{_NAME}\s+(?:Pvt\.?\s*Ltd\.?|Private\s+Limited|Limited|Ltd\.?|LLP|"
            rf"Producer\s+Company(?:\s+Ltd\.?)?)"
        ),
    ),
    ("Agency", "bank", re.compile(rf"{_NAME}\s+Bank\b(?:\s+of\s+{_CAP}(?:\s+{_CAP})*)?")),
    (
        "Agency",
        "government department",
        re.compile(
            rf"(?:[Dd]epartment|Ministry|Directorate|Office)\s+(?:of|for)\s+(?:the\s+)?[A-Za-z][A-Za-z-]*"
            rf"(?:,?\s+(?:{_CONN}\s+)?{_CAP}|\s+(?:and|&)\s+[A-Za-z]+)*"
        ),
    ),
    (
        "Agency",
        "government department",
        re.compile(rf"{_CAP}(?:\s+{_CAP}){{0,3}}\s+(?:[Dd]epartment|[Dd]irectorate)\b(?!\s+of)"),
    ),
    (
        "Agency",
        "organisation",
        re.compile(
            rf"{_NAME}\s+(?:Council|Commission|Board|Institute|Institution|Society|Corporation|"
            rf"Organi[sz]ation|Authority|Federation|Foundation|Trust|University|Nigam|Centre|Center)\b"
            rf"(?:\s+(?:of|for)\s+{_CAP}(?:\s+(?:and\s+)?{_CAP})*)?"
        ),
    ),
    (
        "Agency",
        "organisation",
        re.compile(
            rf"(?:{_CAP}\s+){{0,3}}(?:Institute|Council|Board|Organi[sz]ation)\s+(?:of|for)\s+"
            rf"{_CAP}(?:\s+(?:and\s+|&\s+)?{_CAP}){{0,5}}"
        ),
    ),
    ("Agency", "government department", re.compile(r"\b[Dd]istrict\s+[a-z]+\s+office\b")),
    (
        "Agency",
        "district administration",
        re.compile(rf"{_CAP}\s+(?:[Dd]istrict\s+)?[Aa]dministration\b"),
    ),
    (
        "Scheme",
        None,
        re.compile(
            rf"{_CAP}(?:,?\s+(?:{_CONN}\s+)?(?:{_CAP}|[a-z]+(?=\s+(?:Scheme|Yojana|Yojna)))){{0,9}}?"
            rf"\s+(?:Scheme|Yojana|Yojna|Programme|Program|Mission|Fund)\b(?:\s+Scheme\b)?"
            rf"(?:\s*-?\s*\d{{4}})?"
        ),
    ),
    (
        "Cluster",
        None,
        re.compile(rf"{_CAP}(?:[\s-]+{_CAP}){{0,5}}\s+Cluster\b(?!\s+(?:Scheme|Development))"),
    ),
    # The agent of a cluster action: "mobilised by Kudumbashree", "trained by the XYZ".
    (
        "Agency",
        "organisation",
        re.compile(
            rf"\b(?:mobilised|mobilized|trained|funded|supported|sponsored|implemented|promoted|"
            rf"financed|assisted|organised|organized) by (?:the )?(?P<name>{_CAP}(?:\s+{_CAP}){{0,4}})"
        ),
    ),
]
# Words that start a sentence or a clause but are not part of a name.
_LEADING = {"the", "through", "under", "in", "with", "by", "a", "an", "this", "these", "that",
            "as", "from", "to", "for", "and", "of", "at", "on", "its", "their", "our", "now",
            "notably", "moreover", "further", "also", "successful", "implementation", "some",
            "examples", "gap", "funding", "sponsored", "commercial", "selection", "while", "all",
            "various", "different", "other", "state-of-the-art", "new", "both"}  # fmt: skip
_GENERIC = {"cluster", "scheme", "department", "programme", "program", "fund", "mission",
            "bank", "banks", "society", "institute", "board", "council", "office", "the cluster",
            "msme cluster", "cluster development", "msme", "government", "organisation",
            "organization", "institution", "corporation", "authority"}  # fmt: skip

FACILITY_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    ("CFC", "CFC", re.compile(r"\bCFCs?\b|[Cc]ommon [Ff]acility [Cc]ent(?:re|er)s?")),
    (
        "plug & play shed",
        "plug & play facility",
        re.compile(r"plug\s*(?:&|and|n)\s*play(?:\s+(?:facilit(?:y|ies)|sheds?|model))?", re.I),
    ),
    ("work shed", "work sheds", re.compile(r"\bwork\s*-?\s*sheds?\b", re.I)),
    ("work shed", "rearing sheds", re.compile(r"\brearing\s+sheds?\b", re.I)),
]

LIST_AFTER = re.compile(
    r"\b(?P<what>clusters?|banks?|MFI'?s?|NGOs?|institutions|agencies)\s+"
    r"(?:include|including|such as|like|namely)\s+(?P<items>[^.;:]+)",
    re.I,
)
ROLE_OF_LIST = {"bank": ("Agency", "bank"), "mfi": ("Agency", "MFI"), "ngo": ("Agency", "NGO"),
                "institution": ("Agency", "organisation"), "agenc": ("Agency", "organisation"),
                "cluster": ("Cluster", None)}  # fmt: skip


def _trim_leading(text: str, start: int) -> tuple[str, int]:
    words = text.split(" ")
    while len(words) > 1 and (
        words[0].lower().strip(",") in _LEADING or words[0].lower().endswith("ing")
    ):
        start += len(words[0]) + 1
        words = words[1:]
    return " ".join(words), start


def pattern_mentions(sentence: str) -> list[Mention]:
    found: list[Mention] = []
    for type_, role, rx in ORG_PATTERNS:
        for m in rx.finditer(sentence):
            group = "name" if "name" in rx.groupindex else 0
            name, start = _trim_leading(m.group(group).strip(" ,"), m.start(group))
            name = name.rstrip(" ,")
            if normalize(name) in _GENERIC or len(name) < 4:
                continue
            if type_ == "Agency" and re.search(r"facility cent(?:re|er)", name, re.I):
                continue  # a common facility centre is a Facility, not a body
            if type_ == "Scheme":
                role = "scheme"
            found.append(Mention(type_, name, start, start + len(name), role))
    for m in LIST_AFTER.finditer(sentence):
        kind = next(
            (v for k, v in ROLE_OF_LIST.items() if m.group("what").lower().startswith(k)), None
        )
        if kind is None:
            continue
        offset = m.start("items")
        for part in re.split(
            r",\s*(?:and\s+)?|\s*/\s*|\s+&\s+|\s+and\s+(?=[A-Z][^,]*$)", m.group("items")
        ):
            item = part.strip().removeprefix("and ").strip()
            item = re.sub(r"\s+(?:from|have|has|etc|had|were|are|is)\b.*$", "", item).strip()
            words = item.split()
            if not item or not item[0].isupper() or len(words) > 6:
                continue
            pos = sentence.find(item, offset)
            if pos < 0:
                continue
            found.append(Mention(kind[0], item, pos, pos + len(item), kind[1], how="list"))
    return found


def facility_mentions(sentence: str) -> list[tuple[str, str, int]]:
    """(role, display kind, position) of shared-facility mentions."""
    out = []
    for role, label, rx in FACILITY_PATTERNS:
        for m in rx.finditer(sentence):
            out.append((role, label, m.start()))
    return sorted(out, key=lambda f: f[2])


def acronym_pairs(sentence: str) -> tuple[str, list[tuple[str, str]]]:
    """The sentence without in-passing definitions, and the (acronym, expansion) pairs.

    "North Eastern Council (NEC)" -> "North Eastern Council"; "BRGF (Backward Region Grant
    Fund) Scheme" -> "BRGF Scheme"; "(MSME)" after "Medium Enterprises" -> dropped.
    """
    pairs: list[tuple[str, str]] = []

    def initials(text: str) -> str:
        return "".join(
            w[0]
            for w in re.findall(r"[A-Za-z]+", text)
            if w.lower() not in {"of", "and", "for", "the"}
        ).upper()

    def repl(m: re.Match[str]) -> str:
        before, inner = m.group(1), m.group(2).strip()
        if _is_acronym(inner):
            words = re.findall(r"[A-Za-z][A-Za-z.-]*", before)
            for k in range(1, min(len(words), 10) + 1):
                candidate = " ".join(words[-k:])
                if (
                    initials(candidate).startswith(re.sub(r"[^A-Z]", "", inner.upper())[:2])
                    and len(initials(candidate)) >= len(re.sub(r"[^A-Za-z]", "", inner)) - 1
                ):
                    pairs.append((inner, candidate))
                    break
            return before
        last = before.split()[-1] if before.split() else ""
        if _is_acronym(last) and initials(inner).startswith(re.sub(r"[^A-Z]", "", last)[:2]):
            pairs.append((last, inner))
            return before
        return m.group(0)

    cleaned = re.sub(r"([^()]*?)\s*\(([^()]{1,80})\)", repl, sentence)
    return " ".join(cleaned.split()), pairs
