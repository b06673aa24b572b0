"""Offline extraction: a loaded document -> entities, relations and quantities, with provenance.

Mentions (ingest/mentions.py) are resolved against the KB so nothing is duplicated; then the
document's context is worked out — its dominant state and district, its focal cluster (the
one most mentioned, which "the cluster" refers to) and its focal department (which "the
Department" refers to) — and relation rules (ingest/relations.py) read each sentence.
Every fact cites the sentence it came from.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz, process

from ingest.agencies import AgencyNames
from ingest.clusters import (
    CATEGORY,
    CLUSTER_WORD,
    DROPPED,
    FACILITY_WORD,
    NOT_PLACES,
    PERSON_TITLES,
    UNITS_IN,
    WORKER_NOUNS,
    Described,
    announced_places,
    caps_cluster_names,
    caps_role_holders,
    cell_place,
    described_clusters,
    document_product,
    elided_clusters,
    facility_places,
    for_items,
    foreign_places,
    framed_items,
    headline_product,
    in_items,
    is_product_word,
    item_frame,
    listed_clusters,
    mentions_cluster,
    parse_all,
    place_product_rows,
    product_words,
    salient_product,
    section_heading,
    served_workers,
    unglue,
    units_in_places,
    unplaced_clusters,
)
from ingest.documents import LoadedDocument
from ingest.facts import FactSet
from ingest.hindi import HindiReader
from ingest.mentions import (
    AFTER_BODY,
    CLUSTER_LIKE_HEADS,
    acronym_pairs,
    acting_acronyms,
    defined_projects,
    market_organisations,
    pattern_mentions,
)
from ingest.registry import MINISTRY_FILE
from ingest.relations import GROUP_PLACE, relations_of
from ingest.units import Entity, Sentence, facilities, focal_group
from kb import deadline, nlp
from kb.aliases import STATE_BOARDS
from kb.config import bundled_data
from kb.errors import SchemaError
from kb.ids import is_a, is_qualified, node_id, place_slug, qualifier, slug, state_of, state_slug
from kb.linking import Gazetteer, Mention, is_acronym
from kb.products import TERMS_FILE, thesaurus
from kb.quantities import find_quantities
from kb.resolve import Resolver, display_name, normalize, organisation_key
from kb.schema import PLACE_TYPES, check_relation
from kb.search import stands_for
from kb.store.base import Node, Provenance

EXTRACTOR = "rules"
MAX_NAME_CHARS = 200  # a longer "name" is a run of text the rules misread; it is not kept
_UNION_SEAT = "state:delhi"  # the Union government's seat, named for it
_PRIORITY = {"list": 0, "description": 0.5, "gazetteer": 1, "coref": 1, "pattern": 2, "role": 2}
_GENERIC_DEPT = re.compile(
    r"^(?:department|directorate|office)\s+(?:of|for)\b|\b(?:department|office)$", re.I
)
_DIRECTION = {"north", "south", "east", "west", "central", "upper", "lower", "new"}


def _other_states(m: Mention, state: str | None, sentence: str) -> bool:
    """Whether a generic department the KB holds for one state ("Handloom Department,
    Meghalaya") is matched by its bare name ("Handloom Department") in a document of another
    state: that state's own department is meant, not the one the KB holds."""
    aid, written = m.ids[0], sentence[m.start : m.end]
    where = qualifier(aid) if is_a(aid, "Agency") and is_qualified(aid) else None
    return bool(
        where
        and state
        and where != state_slug(state)
        and _GENERIC_DEPT.search(written)
        and where not in slug(written)
    )


_PLACE_CLUSTER = re.compile(r"\b(?P<place>[A-Z][a-z]+)\s+(?P<what>[a-z]+(?:\s[a-z]+)?)\s+cluster\b")
_CLUSTER_IN = re.compile(
    r"\b(?:a|an|the)\s+(?P<what>[a-z]+(?:\s[a-z]+)?)\s+cluster\s+in\s+(?P<place>[A-Z][a-z]+)"
)
_BARE_DEPT = re.compile(r"\b[Tt]he\s+Department\b(?!\s+(?:of|for))|^Department\b(?!\s+(?:of|for))")
_ODOP = re.compile(r"\bODOP\b|\bOne District,? One Product\b", re.I)
# A run of this many characters without a space is no word (the longest in the 420 documents of
# the test sets is a 331-character URL): it is read as one space, not matched against every
# pattern, where a name-shaped pattern tries each of its positions to its end (a 1,000-character
# run cost 0.18 s a sentence; the stored sentence keeps it)
_NO_WORD = re.compile(r"\S{400,}")
_BARE_ADMIN = re.compile(r"\b[Dd]istrict\s+[Aa]dministration\b")
# "the Board", "the Committee": the document's one named body with that head word
_BODY_HEADS = ("Board", "Committee", "Directorate", "Ministry", "Corporation", "Council",
               "Commission", "Society", "Institute", "Federation", "Authority", "Bank")  # fmt: skip
_BARE_BODY = re.compile(rf"\b[Tt]he\s+({'|'.join(_BODY_HEADS)})\b(?!\s+(?:of|for)\b)")


# A person's title right before a name ("Minister Sirsa", "Shri Balakrishna")
_TITLED = re.compile(
    rf"\b(?:{'|'.join(sorted(t.upper() if t in ('mla', 'mp') else t.title() for t in PERSON_TITLES))})"
    r"\.?\s+$"
)
# A place word after a place's name ("Thongjao village")
_PLACE_UNIT_WORD = re.compile(rf"\s+(?:{nlp.PLACE_UNIT_WORDS})$", re.I)
# A body's name and a comma before a place: the body's seat ("CGCRI, Kolkata")
_SEAT = re.compile(
    r"(?:\b[A-Z]{2,}[A-Za-z]*|\b(?:Institute|University|College|Corporation|Board|Ltd|Limited))"
    r"\.?,\s*$"
)
# Who makes or grows, and the one project, centre or unit they work in: what a document
# naming no cluster speaks of when it is about one
_PRODUCERS = re.compile(
    r"\b(?:artisans?|weavers?|craftsm[ae]n|craftspeople|potters?|farmers?|growers?|producers?|"
    r"fisher(?:wo)?m[ae]n|tribals?|project|cent(?:re|er)|unit|hub|park|village)\b",
    re.I,
)
_MANY_CLUSTERS = re.compile(r"\bclusters\b|\bCFCs\b", re.I)
# One cluster spoken of, not many, and not the cluster way of working ("cluster development
# programme", "cluster approach")
_ONE_CLUSTER = re.compile(
    r"\bcluster\b(?!\s*(?:-\s*)?(?:development|approach|scheme|programme|program|policy|based|"
    r"level|mode|initiative|clusters))|\bCFC\b|\bcommon facilit(?:y|ation) cent(?:re|er)\b",
    re.I,
)
# A product's one cluster in lower case, the sentences `_unplaced` reads ("the aluminium die
# casting cluster's report")
_ONE_LOWER_CLUSTER = re.compile(
    r"[a-z] cluster\b(?!\s*(?:-\s*)?(?:development|approach|scheme|programme))"
)
# A body named as the special purpose vehicle of a cluster project: MSE-CDP and SFURTI clusters
# are run by one (an SPV is formed for the cluster), so the body stands for its cluster
_SPV_WORDS = re.compile(r"\bSPV\b|\bspecial purpose vehicle\b", re.I)
# Where a body's name turns from what it is about to what kind of body it is ("Tungwali
# Beekeepers | Cooperative Society", "Unigraa Printing Solutions | Private")
_BODY_KIND = re.compile(
    r"\s+(?:Co-?operative|Society|Pvt|Private|Ltd|Limited|LLP|Company|Producer|Association|"
    r"Federation|Foundation|Trust|Samiti|Sangh)\b.*$"
)


def spv_cluster(clean: str, found: list[Mention]) -> tuple[str, int, int] | None:
    """The cluster a sentence's special purpose vehicle stands for, in a document that names
    no cluster: "the Tungwali Beekeepers Cooperative Society, a special purpose vehicle (SPV)"
    is the Tungwali Beekeepers Cluster. The name (the body's own words before its kind, with
    "Cluster") and the span of the SPV words, or None."""
    spv = _SPV_WORDS.search(clean)
    if spv is None:
        return None
    bodies = [m for m in found if m.type in ("Enterprise", "Agency") and m.how != "gazetteer"]
    if not bodies:
        return None
    nearest = min(bodies, key=lambda m: min(abs(m.end - spv.start()), abs(spv.end() - m.start)))
    core = _BODY_KIND.sub("", nearest.name).strip()
    if core == nearest.name or len(core.split()) < 2:
        return None  # not a body of a known kind, or its kind is all its name says
    name = core if core.lower().endswith("cluster") else f"{core} Cluster"
    return name, spv.start(), spv.end()


# A body its producers own: their cooperative, producer company or federation
_COLLECTIVE_KIND = re.compile(
    r"\s+(?:(?:Primary\s+)?(?:Service\s+)?Co-?operative|Producers?\s+(?:Company|Federation|"
    r"Organi[sz]ation|Society)|Federation|Samiti|Sangh)\b.*$"
)
# The craft workers a producers' body is named for (a farmers' producer company is a
# business of its own, not a cluster: the devset's gold)
_MEMBERS = WORKER_NOUNS | {"weaver", "weavers'", "artisans'", "craftswomen"}


def collective_cluster(found: list[Mention]) -> tuple[str, Mention] | None:
    """The cluster a craft workers' own body stands for, in a document that names no cluster
    and no special purpose vehicle: "Talipady Weavers Cooperative Society" is the Talipady
    Weavers Cluster. The body is of a collective kind (`_COLLECTIVE_KIND`) and its own words
    name its members (`_MEMBERS`: weavers, potters, artisans); "Pudhu Vaazhvu District Society"
    and a farmers' "Aranayak Agri Producers Company" are none. The name and the body, or
    None."""
    for m in found:
        if m.type not in ("Enterprise", "Agency") or m.how == "gazetteer":
            continue
        core = _COLLECTIVE_KIND.sub("", m.name).strip()
        words = [w.lower() for w in _NAME_WORD.findall(core)]
        if core == m.name or len(words) < 2:
            continue
        if not any(w in _MEMBERS for w in words[1:]):
            continue  # the first word is the place ("Talipady"), the rest says who
        return (core if core.lower().endswith("cluster") else f"{core} Cluster"), m
    return None


# A document about several clusters or cluster-like units: a table of places and their crafts
# under it lists them (`place_product_rows`), one a row; under ODOP such a table lists products
_PLURAL_UNITS = re.compile(rf"\bclusters\b|\bCFCs\b|\b(?:{CLUSTER_LIKE_HEADS})s\b", re.I)
_TABLE_ITEMS = re.compile(r"\s*(?:,|&|\band\b)\s*")


def not_clusters(
    orgs: list[Mention],
    pairs: list[tuple[str, str]],
    is_place: Callable[[str], bool] = lambda _: False,
    bodies: frozenset[str] = frozenset(),
) -> list[Mention]:
    """The NER's organisations less the clusters, places, products and known bodies among them:
    a cluster is no business, be it an organisation named "... Cluster" or the acronym a
    document defines for a cluster's name ("the Ratan Brass Cluster (RBC)" makes a later "RBC"
    no company), and neither is a district or state the NER took for one ("investment for
    Coimbatore"), a single word that names a product ("Tussar fabric weavers procure cocoon")
    or an acronym standing for a body the document names (`bodies`, the acronyms of `pairs`
    whose expansion it names: that body, not a new business)."""
    # acronyms standing for a cluster's name or for a body the document names
    not_new = {
        acronym
        for acronym, expansion in pairs
        if CLUSTER_WORD.search(expansion) or normalize(expansion) in bodies
    }
    products = product_words()
    return [
        o
        for o in orgs
        if o.name not in not_new
        and not CLUSTER_WORD.search(o.name)
        and not is_place(o.name)
        and not (" " not in o.name and o.name.lower() in products)
    ]


_NAME_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def initials(name: str) -> str:
    """The capitals a name's acronym is made of: the first letter of each word but "of",
    "and", "for", "the", "in" ("Bhartiya Gramotthan Sanstha" -> "BGS")."""
    words = [
        w for w in _NAME_WORD.findall(name) if w.lower() not in ("of", "and", "for", "the", "in")
    ]
    return "".join(w[0].upper() for w in words)


_BARE_ACRONYM = re.compile(r"(?<![\w&/-])([A-Z]{3,6})(?![\w&/-])")


_KIND_OF_CLUSTER = re.compile(r"\b((?:[A-Z][a-z]+\s+){1,5})Clusters\b")


def cluster_initials(
    texts: list[str], is_known: Callable[[str], bool] = lambda _: False
) -> list[tuple[str, str]]:
    """Acronyms a document uses without defining them that are the initials of a kind of
    cluster it writes out ("22 Van Dhan Vikas Kendra Clusters ... Luguburu VDVKC"):
    (acronym, the kind's name in the singular) pairs, read like a definition in brackets, so
    the cluster readers read "Luguburu Van Dhan Vikas Kendra Cluster". Three letters or more;
    one kind per acronym, written in the plural (a kind, not one cluster's name: "Cotton
    Fabric Cluster" is no "CFC"); an acronym the gazetteer or the shorthand list knows keeps
    its reading."""
    kinds: dict[str, set[str]] = {}
    for text in texts:
        for m in _KIND_OF_CLUSTER.finditer(text):
            name = f"{m.group(1).strip()} Cluster"
            kinds.setdefault(initials(name), set()).add(name)
    used = {hit.group(1) for text in texts for hit in _BARE_ACRONYM.finditer(text)}
    return [
        (acronym, next(iter(names)))
        for acronym, names in kinds.items()
        if len(acronym) >= 3
        and len(names) == 1
        and acronym in used
        and not is_known(acronym)
        and stands_for(acronym) is None
    ]


def initial_acronyms(
    texts: list[str],
    raw: list[list[Mention]],
    pairs: list[tuple[str, str]],
    is_known: Callable[[str], bool] = lambda _: False,
) -> list[tuple[str, str]]:
    """Acronyms a document uses without defining them that are the initials of exactly one body
    it names in full ("Bhartiya Gramotthan Sanstha established a CFC ... BGS procures raw wool"):
    (acronym, the body's name) pairs, read like a definition in brackets. Three letters or
    more; an acronym the document defines, or the gazetteer knows, keeps that reading."""
    defined = {a for a, _ in pairs}
    by_initials: dict[str, set[str]] = {}
    for found in raw:
        for m in found:
            if (
                m.type in ("Agency", "Enterprise")
                and m.how != "gazetteer"
                or (m.type == "Agency" and m.how == "gazetteer" and " " in m.name)
            ):
                by_initials.setdefault(initials(m.name), set()).add(m.name)
    out: list[tuple[str, str]] = []
    for text in texts:
        for hit in _BARE_ACRONYM.finditer(text):
            acronym = hit.group(1)
            names = by_initials.get(acronym, set())
            if acronym in defined or len(names) != 1 or is_known(acronym):
                continue
            out.append((acronym, next(iter(names))))
            defined.add(acronym)
    return out


_INDEX_NUMBER = re.compile(r"\d+(?:\.\d+)+\b")


def state_headings(clean: str, found: list[Mention]) -> list[tuple[int, str]]:
    """States standing as headings of an index or a flattened table: a state named alone
    between the start of the text or a page number and the end of the text or an item number
    ("... Gadag 7 Madhya Pradesh", "Karnataka 48.3.4 CFC in ..."), or a sentence opening with
    "In <State>:" or "In <State>," (position, state id). The items after a heading lie in its
    state until the next heading."""
    out = []
    for m in found:
        if m.type != "State" or len(m.ids) != 1:
            continue
        before, after = clean[: m.start].rstrip(), clean[m.end :].lstrip()
        opens = not before or before[-1].isdigit() or before.lower() == "in"
        closes = not after or _INDEX_NUMBER.match(after) is not None or after[0] in ":,"
        if opens and closes:
            out.append((m.start, m.ids[0]))
    return sorted(out)


def _directional(name: str) -> bool:
    """Whether a district's name is a direction put before one word ("West Tripura", "South
    Goa", "New Delhi"), which text also writes for a part of a state or town; a longer name
    ("West Garo Hills", "North 24 Parganas") names only the district."""
    words = normalize(name).split(" ")
    rest = [w for w in words if w not in _DIRECTION]
    return words[0] in _DIRECTION and len(rest) < 2


def select(mentions: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: lists first, then known names, then longer spans.

    An organisation name headed by a place ("Bokaro administration", "Assam Gramin Vikash
    Bank") outranks the bare place inside it.
    """
    places = [m for m in mentions if m.how == "gazetteer" and m.type in PLACE_TYPES]

    known = [m for m in mentions if m.how == "gazetteer"]

    def rank(m: Mention) -> float:
        r = float(_PRIORITY.get(m.how, 3))
        if m.how == "list" and any(
            k.start <= m.start and m.end <= k.end and k.end - k.start > m.end - m.start
            for k in known
        ):  # fmt: skip
            r = 2.5  # "Khadi" of a list split at "and" is inside a known "Khadi and Village ..."
        if m.how in ("pattern", "role") and any(
            m.start <= p.start and p.end <= m.end and m != p for p in places
        ):
            r = 0.5
            if m.type == "Cluster" and _state_heads(m, places, mentions):
                r = 2.0
        if m.how == "pattern" and m.type == "Cluster" and any(
            o.how == "gazetteer" and o.type in ("Agency", "Enterprise") and o.start == m.start
            and len(m.name[o.end - m.start :].split()) >= 3
            for o in mentions
        ):  # fmt: skip
            r = 0.5  # "MCCIA Light Engineering Cluster": a cluster its promoter's name opens
        if m.how == "pattern" and m.type == "Enterprise" and any(
            o.how == "gazetteer" and o.type == "Enterprise" and m.start <= o.start
            and o.end <= m.end and o.end - o.start < m.end - m.start
            for o in mentions
        ):  # fmt: skip
            r = 0.5  # "Aranayak Agri Producers Company Limited", not a known name inside it
        if m.how == "pattern" and m.type == "Scheme":
            for o in mentions:  # "ODOP Common Facility Centre Scheme" is not ODOP itself,
                # "State Mini Cluster Development Scheme" not a business called "State"
                inside = m.start <= o.start and o.end <= m.end and o.end - o.start < m.end - m.start
                if o.how == "gazetteer" and o.type in ("Scheme", "Enterprise") and inside:
                    r = 0.5
        return r

    chosen: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (rank(m), -(m.end - m.start), m.start)):
        if all(m.end <= c.start or c.end <= m.start for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def _only_kind(name: str) -> bool:
    """Whether a cluster's name holds only words for a kind of cluster ("Artisan Cluster",
    "Cluster Major Cluster"): no product, no place, so no specific cluster."""
    words = [w for w in re.findall(r"[a-z]+", name.lower()) if w not in ("cluster", "clusters")]
    return all(w in CATEGORY or w in DROPPED for w in words)


def _defined_acronyms(
    sentences: list[Sentence], raw: list[list[Mention]], pairs: list[tuple[str, str]]
) -> None:
    """An acronym a document defines ("Textiles Committee (TC)") names the same body wherever
    the document uses it again ("TC was selected as ..."): each later bare use becomes a
    mention like the one of its expansion."""
    named: dict[str, Mention] = {}
    for found in raw:
        for m in found:
            if m.type in ("Agency", "Scheme", "Enterprise"):
                named.setdefault(normalize(m.name), m)
    for acronym, expansion in pairs:
        like = named.get(normalize(expansion))
        if like is None:  # "Ambedkar Hastshilp Vikas Yojna (AHVY) Scheme": the kind after it
            key = normalize(expansion)
            like = next((m for m in named.values() if m.type == "Scheme"
                         and normalize(_KIND_WORD.sub("", m.name)) == key), None)  # fmt: skip
        if like is None or not is_acronym(acronym) or len(acronym) < 2:
            continue
        _add_uses(sentences, raw, _alone(acronym), like, replace=True)


def _add_uses(
    sentences: list[Sentence],
    raw: list[list[Mention]],
    rx: re.Pattern[str],
    like: Mention,
    replace: bool = False,
) -> None:
    """Each use of `rx` in the sentences that no mention covers yet becomes a mention like
    `like` (the same entity, named the same way); with `replace`, also each that a mention of
    the same type names by the very words used (a defined acronym read as a name of its own)."""
    for s, found in zip(sentences, raw, strict=True):
        for hit in rx.finditer(s.clean):
            # a bare acronym read on its own ("under AHVY" as a scheme "AHVY") is the defined one
            if replace:
                found[:] = [m for m in found if m.how == "gazetteer" or (m.start, m.end, m.name,
                            m.type) != (*hit.span(), hit.group(), like.type)]  # fmt: skip
            if any(m.start < hit.end() and hit.start() < m.end for m in found):
                continue
            found.append(Mention(like.type, like.name, hit.start(), hit.end(), like.role,
                                 list(like.ids), list(like.aliases), like.how))  # fmt: skip


_ORG_TYPES = ("Scheme", "Agency", "Enterprise", "Cluster")
_KIND_WORD = re.compile(r"\s+(?i:schemes?|programmes?|programs?|yojana|projects?)$")


def _schemes_named_again(sentences: list[Sentence], raw: list[list[Mention]]) -> None:
    """A scheme the document names by its shape once ("under TANII scheme") is the same scheme
    wherever the document writes that name again ("replicated with TANII scheme", "TANII
    supports ..."), though no shape marks it there: each later use becomes a mention like the
    first. The name is sought as written, and an acronym name also without its kind word."""
    named: dict[str, Mention] = {}
    for found in raw:
        for m in found:
            if m.type == "Scheme" and m.how != "gazetteer":
                named.setdefault(m.name, m)
    for name, like in named.items():
        bare = _KIND_WORD.sub("", name)
        forms = [name] + ([bare] if bare != name and is_acronym(bare) and len(bare) >= 3 else [])
        for form in forms:
            _add_uses(sentences, raw, _alone(form), like)


# "Nongpok Kakching, a village in Imphal East district", "Rajpura block of Patiala District": a
# place the document itself places
_TOWN_IN_DISTRICT = re.compile(
    r"(?P<town>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?:,\s+(?:a|the)\s+(?:small\s+|remote\s+)?"
    r"(?:village|town|hamlet|suburb|block|panchayat)\s+(?:\w+\s+){0,3}?in|"
    r"\s+(?i:village|town|block|tehsil|tahsil|taluka?|mandal)\s+(?:of|in))\s+(?:the\s+)?"
    r"(?P<district>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\s+(?i:district)"
)
# A sentence opening with its district: "In Sambalpur district, ..."
_FRONTED_DISTRICT = re.compile(
    r"\W*In\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})\s+[Dd]istrict\b"
)
# "District: East Godavari District": a profile's label giving the district it is in
_DISTRICT_LABEL = re.compile(r"(?<![\w-])District\s*:\s*", re.I)


def _word_rx(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


_CLUSTER_LIKE_END = re.compile(rf"\b(?:{CLUSTER_LIKE_HEADS})$")  # "... Craft Park" keeps its name


def _alone(acronym: str) -> re.Pattern[str]:
    """`acronym` written as a word of its own (not inside "NI-MSME", "J&K", "A/B")."""
    return re.compile(rf"(?<![\w&/-]){re.escape(acronym)}(?![\w&/-])")


def _cluster_acronyms(clean: str, pairs: list[tuple[str, str]]) -> str:
    """`clean` with the acronyms the document defined earlier for a kind of cluster or a
    cluster's name ("electronic manufacturing clusters (EMCs)", "... Accessories Cluster
    (MLFAC)") written out, singular or plural as used ("An EMC at Kotur-Belur in Dharwad
    district", "three EMCs would be set up at ..."): the cluster readers read the words."""
    for acronym, expansion in pairs:
        base = acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym
        words = expansion.split()
        if (
            len(base) < 2
            or not is_acronym(base)
            or words[-1].lower() not in ("cluster", "clusters")
        ):
            continue
        stem = " ".join([*words[:-1], words[-1][:7]])  # "... cluster" / "... Cluster"
        for form, full in ((base + "s", stem + "s"), (base, stem)):
            clean = _alone(form).sub(full, clean)
    return clean


def _state_heads(m: Mention, places: list[Mention], mentions: list[Mention]) -> bool:
    """Whether a cluster name found by its shape starts with a state and another reading of
    the words names the cluster: in a table row "Karnataka Global Puffed Rice Cluster,
    Chitradurga" the state is the row's column, the cluster is the known or described one."""
    if not any(p.type == "State" and p.start == m.start for p in places):
        return False
    return any(
        o.type == "Cluster" and o.how in ("gazetteer", "description") and o is not m
        and _overlap(o, m)
        for o in mentions
    )  # fmt: skip


def _unkinded(key: str) -> str:
    """A scheme's key (`_scheme_key`) without the word for its kind at the end."""
    return re.sub(r"\s+(?:programme|mission|yojana)$", "", key)


def _scheme_key(name: str, honorific: bool = False) -> str:
    """A scheme's name as matched: lower case, no year, one spelling of common variants and
    no "Scheme" at the end; without the Prime Minister's honorific unless `honorific`."""
    key = normalize(re.sub(r"[-\s]*\b(19|20)\d{2}\b", "", name))
    for a, b in (("mukhya mantri", "mukhyamantri"), ("yojna", "yojana"), ("program ", "programme "),
                 ("organization", "organisation")):  # fmt: skip
        key = (key + " ").replace(a, b).strip()
    # the Prime Minister's honorific is left out as often as written ("Kisan Sampada Yojana")
    if not honorific:
        key = re.sub(r"^(?:pradhan\s+mantri|pradhanmantri|pm)\s+(?=\w+\s+\w)", "", key)
    return re.sub(r"\s+schemes?$", "", key).strip()


def _scheme_ministries(resolver: Resolver, agencies: AgencyNames) -> dict[str, str]:
    """The ministry that runs each scheme tables/scheme-ministry.csv names: the scheme's
    canonical name -> the ministry's canonical name, normalised."""
    out: dict[str, str] = {}
    path = bundled_data() / MINISTRY_FILE
    if not path.exists():
        return out
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            scheme, ministry = row.get("scheme") or "", row.get("ministry") or ""
            if scheme and ministry:
                canonical = resolver.canonical_name("Scheme", scheme)
                out.setdefault(canonical, normalize(agencies.canonical(ministry)))
    return out


# A description ending in a village word: a craft village (ingest/clusters.py VILLAGE_HEADS)
_VILLAGE_END = re.compile(r"\b[Vv]illages?$")
# A producers' own company or group: "Milk Producer Company", "Ginger FPO", "Weavers
# Cooperative Society" (ingest/mentions.py reads their names as enterprises)
_PRODUCER_GROUP = re.compile(
    r"\bProducers?['’]?\s+(?:Company|Organi[sz]ation)\b|\b(?:FPO|FPC|FPCL)\b|"
    r"\bCo-?operative\b",
    re.I,
)
# Words of such names that the product names know but that say how, not what, it makes
_NOT_MADE = {"organic", "women", "tribal", "rural", "farmers", "allied", "agro", "agri"}


@dataclass
class _PlaceSeen:
    """A place a document names, as `Extractor._own_cluster` weighs it: as first written, its
    district (None for a town of unknown district), where first named (sentence, start, end),
    how often the NER calls it a place, and whether it is named where the document speaks of
    its cluster or in its headline."""

    surface: str
    where: str | None
    at: tuple[int, int, int]
    count: int = 0
    spoken: bool = False
    headline: bool = False

    @property
    def rank(self) -> tuple[bool, bool, int]:
        return (self.spoken, self.headline, self.count)


class Extractor:
    """Holds what is known (the KB's names) and turns documents into FactSets."""

    def __init__(
        self, nodes: list[Node], resolver: Resolver, odop: dict[str, list[str]] | None = None
    ):
        self.odop = odop or {}  # district id -> its ODOP products' names
        self.gazetteer = Gazetteer(nodes)
        self._towns: dict[str, str] = {}  # the document's own towns and villages (read())
        with TERMS_FILE.open(encoding="utf-8") as f:  # products' English words, for loanwords
            terms = [w for row in csv.DictReader(f) for w in (row["term"], row["concept"])]
        self.hindi = HindiReader(self.gazetteer.index, terms)
        self.resolver = resolver
        self.agencies = AgencyNames(resolver)
        self.node_attrs: dict[str, dict[str, Any]] = {}
        self.state_names: dict[str, str] = {}
        for n in nodes:
            if n.type == "Agency":
                self.node_attrs[n.id] = n.attrs
                if not is_qualified(n.id) and "lgd_org_code" in n.attrs:
                    self.agencies.known.setdefault(normalize(n.name), n.id)
            elif n.type == "State":
                self.state_names[n.id] = n.name
        schemes = [(k, e[0]) for k, e in self.gazetteer.index.items() if e and e[0][1] == "Scheme"]
        self.scheme_keys = {_scheme_key(k): entry for k, entry in schemes}
        # the schemes known by a one-word acronym ("sfurti"), for names written with it
        self.scheme_acronyms = {
            k: entry for k, entry in schemes if re.fullmatch(r"[a-z]{4,8}", k) and entry[2] != k
        }
        self.scheme_full_keys = {_scheme_key(k, honorific=True): entry for k, entry in schemes}
        self.agency_keys = {
            k: entries[0]
            for k, entries in self.gazetteer.index.items()
            if entries and entries[0][1] == "Agency"
        }
        # the known bodies by their key without a legal form (kb.resolve organisation_key): a
        # company-shaped name of a known body is that body ("National Handloom Development Corp")
        self.agency_orgs = {
            organisation_key(known): (aid, known)
            for aid, _, known in self.agency_keys.values()
            if len(organisation_key(known).split()) >= 3
        }
        self.scheme_ministry = _scheme_ministries(resolver, self.agencies)
        self._doc_bodies: set[str] = set()  # the bodies the document names (read()), normalised

    # -- context ------------------------------------------------------------------------------

    @staticmethod
    def _state_of(place_id: str) -> str:
        return state_of(place_id)

    def _places(self, mentions: list[list[Mention]]) -> tuple[Counter[str], Counter[str]]:
        """States and districts named; a district named like a direction counts only in context."""
        states: Counter[str] = Counter(m.ids[0] for ms in mentions for m in ms if m.type == "State")
        named = [m for ms in mentions for m in ms if m.type == "District" and len(m.ids) == 1]
        # a district named like a direction ("West Midnapore") counts where its state is named,
        # or a district of its state named plainly ("Kolkata")
        plain = {self._state_of(m.ids[0]) for m in named if not _directional(m.name)}
        districts: Counter[str] = Counter()
        for m in named:
            if _directional(m.name) and self._state_of(m.ids[0]) not in states.keys() | plain:
                continue
            districts[m.ids[0]] += 1
        for d, n in districts.items():
            states[self._state_of(d)] += n
        return states, districts

    # -- resolution ---------------------------------------------------------------------------

    def _place_entity(self, m: Mention, doc_states: Counter[str]) -> Entity | None:
        ids = m.ids
        if m.type == "District":
            in_context = [i for i in ids if self._state_of(i) in doc_states]
            if len(ids) > 1 or _directional(m.name):
                ids = in_context
            if len(ids) != 1:
                return None
        return Entity(ids[0], m.type, m.name, m.start, m.end, confidence=0.95)

    def _agency(
        self, m: Mention, state: str | None, district: str | None, sentence: str
    ) -> Entity | None:
        if m.role == "lower-case ministry":  # the longest start of the words that is known
            words = m.name.rstrip(",").split()
            while len(words) >= 3:
                entries = self.gazetteer.index.get(normalize(" ".join(words)), [])
                named = [e for e in entries if e[1] == "Agency"]
                if named:
                    end = m.start + len(" ".join(words).rstrip(","))
                    aid, _, shown = named[0]
                    return Entity(aid, "Agency", shown, m.start, end, "ministry", confidence=0.8)
                words.pop()
            return None
        name = display_name(m.name) if m.name.islower() else m.name
        if m.role == "place office":  # "MSME Development Institute, Karnal": one per place
            boards = [name[: -len(b) - 1] for b in STATE_BOARDS.values() if name.endswith(f" {b}")]
            where = name.rsplit(", ", 1)[-1] if ", " in name else (boards or [name])[0]
            if not self.gazetteer.places_in(where):
                return None  # "DIC Chairman": no place
            return Entity(node_id("Agency", name), "Agency", name, m.start, m.end,
                          "government office", confidence=0.85)  # fmt: skip
        if m.role == "district administration" or name.lower().endswith("administration"):
            place = name.split()[0] if not name.lower().startswith("district") else None
            did = self._district_named(place) if place else district
            if did is None:
                return None
            dname = place_slug(did).replace("-", " ").title()
            full = f"{dname} District Administration"
            return Entity(node_id("Agency", full), "Agency", full, m.start, m.end, "district administration",
                          [name], {"level": "district"})  # fmt: skip
        elsewhere = m.how == "gazetteer" and bool(m.ids) and _other_states(m, state, sentence)
        if elsewhere:
            name = " ".join(sentence[m.start : m.end].split())  # as written, to qualify anew
        if m.how == "gazetteer" and m.ids and not elsewhere:
            aid = m.ids[0]
            attrs = self.node_attrs.get(aid, {})
            if attrs.get("role") == "government":  # a government the KB knows by its name
                if AFTER_BODY.search(sentence[: m.start]):
                    return None  # "Ministry of Textiles, Government of India": the ministry's
                return Entity(aid, "Agency", m.name, m.start, m.end, "government", [],
                              {"level": attrs.get("level", "")}, confidence=0.85)  # fmt: skip
            central = (
                "lgd_org_code" in attrs
                or self.resolver.is_public("Agency", m.name)
                or is_qualified(aid)
            )
            if central or not _GENERIC_DEPT.search(m.name):
                return Entity(aid, "Agency", m.name, m.start, m.end, m.role, confidence=0.95)
        name = " ".join(w if w.isupper() or w in ("of", "and", "for", "the") else w[:1].upper() + w[1:]
                        for w in name.split())  # fmt: skip
        tail = re.match(r"^(.*?),\s*([A-Z][A-Za-z ]+)$", name)
        if tail and self.gazetteer.places_in(tail.group(2)):
            name = tail.group(1)  # "Department of Industries and Commerce, Tripura"
            state = self._state_of(self.gazetteer.places_in(tail.group(2))[0])
        if _GENERIC_DEPT.search(name) and not self.resolver.is_public("Agency", name):
            state_name = self.state_names.get(state or "")
            aid, shown, aliases = self.agencies.id_for(name, state_name)
            role = "government department"
            return Entity(aid, "Agency", shown, m.start, m.end, role, aliases,
                          {"level": "state" if state_name else "unknown"})  # fmt: skip
        subject_first = re.fullmatch(r"(.+?),?\s+Ministry", name)
        if subject_first:  # "Micro, Small, Medium Enterprises Ministry": "Ministry of ..."
            key = normalize(f"Ministry of {subject_first.group(1)}")
            ministries = [k for k in self.agency_keys if k.startswith("ministry of ")]
            hit = process.extractOne(key, ministries, scorer=fuzz.token_set_ratio, score_cutoff=90)
            if hit:
                aid, _, known = self.agency_keys[hit[0]]
                return Entity(
                    aid, "Agency", known, m.start, m.end, "ministry", [name], confidence=0.75
                )
        canonical = self.agencies.canonical(name)
        if canonical == display_name(name):
            hit = process.extractOne(
                normalize(name), list(self.agency_keys), scorer=fuzz.ratio, score_cutoff=90
            )
            if hit:
                aid, _, known = self.agency_keys[hit[0]]
                return Entity(aid, "Agency", known, m.start, m.end, m.role, [name], confidence=0.75)
        aid, shown, aliases = self.agencies.id_for(name)
        return Entity(aid, "Agency", shown, m.start, m.end, m.role, aliases)

    def _government(self, m: Mention, state: str | None) -> Entity | None:
        """The government a government mention names (ingest/mentions.py `government_mentions`):
        the Union's, a named state's, or, for "the State government", `state` (the caller's
        reading of which state is meant); None for a state unknown or not clear."""
        if m.name == "Government of India":
            return Entity(node_id("Agency", "Government of India"), "Agency", "Government of India",
                          m.start, m.end, "government", [], {"level": "union"}, confidence=0.85)  # fmt: skip
        if m.name == "State government":
            sid = state
        else:
            sid = next((p for p in self.gazetteer.places_in(m.name) if is_a(p, "State")), None)
        shown = self.state_names.get(sid or "")
        if not shown:
            return None
        full = f"Government of {shown}"
        # no aliases: the ways papers write a government are read by its mention's shape, and
        # a bare "Centre" known as a name would be found inside "Common Facility Centre"
        return Entity(node_id("Agency", full), "Agency", full, m.start, m.end, "government",
                      [], {"level": "state"}, confidence=0.85)  # fmt: skip

    def _place_name(self, place_id: str) -> str:
        return self.gazetteer.names.get(place_id, place_id)

    def _district_named(self, word: str | None) -> str | None:
        if not word:
            return None
        entries = self.gazetteer.index.get(normalize(word), [])
        ids = [e[0] for e in entries if e[1] == "District"]
        return ids[0] if len(ids) == 1 else None

    def _scheme(self, m: Mention) -> Entity:
        if m.how == "gazetteer" and m.ids:
            return Entity(m.ids[0], "Scheme", m.name, m.start, m.end, confidence=0.95)
        name = m.name
        year = re.search(r"\b((?:19|20)\d{2})\b", name)
        bare = re.sub(r"[-\s]*\b(?:19|20)\d{2}\b", "", name).strip(" -")
        key = _scheme_key(bare)
        attrs = {"year": int(year.group(1))} if year else {}
        for candidate in (bare, re.sub(r"\s+Schemes?$", "", bare)):
            canonical = self.resolver.canonical_name("Scheme", candidate)
            if canonical != candidate:
                return Entity(node_id("Scheme", canonical), "Scheme", canonical, m.start, m.end,
                              aliases=[name], attrs=attrs, confidence=0.9)  # fmt: skip
        # a name an earlier document of this ingest gave a scheme (the gazetteer grows with
        # each document; `scheme_keys` holds the KB's names at the start)
        named = [e for e in self.gazetteer.index.get(normalize(bare), []) if e[1] == "Scheme"]
        if not named and re.fullmatch(r"[A-Z]{3,8}", bare) and bare[-1] in "SP":
            # an acronym ending in the other of Scheme / Programme ("IHCDS" for the IHCDP)
            other = bare[:-1] + ("P" if bare[-1] == "S" else "S")
            named = [e for e in self.gazetteer.index.get(normalize(other), []) if e[1] == "Scheme"]
        if named:
            return Entity(named[0][0], "Scheme", named[0][2], m.start, m.end, aliases=[name],
                          attrs=attrs, confidence=0.9)  # fmt: skip
        if key in self.scheme_keys:
            sid, _, known = self.scheme_keys[key]
            return Entity(
                sid, "Scheme", known, m.start, m.end, aliases=[name], attrs=attrs, confidence=0.9
            )
        # a part of a known scheme named after it by its acronym: "the MSE-CDP Infrastructure
        # Development Scheme" is MSE-CDP's
        lead = _LEADING_ACRONYM.match(bare)
        part_of = [e for e in self.gazetteer.index.get(normalize(lead.group(1)), [])
                   if e[1] == "Scheme"] if lead else []  # fmt: skip
        if part_of:
            return Entity(part_of[0][0], "Scheme", part_of[0][2], m.start, m.end, aliases=[name],
                          attrs=attrs, confidence=0.8)  # fmt: skip
        full = _scheme_key(bare, honorific=True)  # a misspelt long name: all its words count
        if len(full.split()) >= 4:
            # (every word of either name but a kind's or a joining word has its like in the
            # other: "Small Cluster Development Programme" is not the Cluster Development
            # Programme, nor the Micro and Small Enterprises one; "Continuation of ...
            # Scheme" is the Programme)
            hits = process.extract(
                full, list(self.scheme_full_keys), scorer=fuzz.token_set_ratio, score_cutoff=92
            )
            hit = next((h for h in hits if _same_words(full, h[0])), None)
            if hit:
                sid, _, known = self.scheme_full_keys[hit[0]]
                return Entity(
                    sid,
                    "Scheme",
                    known,
                    m.start,
                    m.end,
                    aliases=[name],
                    attrs=attrs,
                    confidence=0.7,
                )
        # a known scheme's short name ("the Cluster Development Programme" of a document that
        # names the Ministry of MSME): the one scheme ending so whose ministry the document names
        # (with the kind's word as written, else with it aside: "its cluster development
        # scheme" is the Cluster Development Programme)
        ends: list[str] = []
        for kind in (lambda k: k, _unkinded):
            ends = ends or [
                c for c, ministry in self.scheme_ministry.items()
                if ministry in self._doc_bodies and len(kind(key).split()) >= 2
                and kind(_scheme_key(c)).endswith(" " + kind(key))
            ]  # fmt: skip
        if len(ends) == 1:
            return Entity(node_id("Scheme", ends[0]), "Scheme", ends[0], m.start, m.end,
                          aliases=[name], attrs=attrs, confidence=0.8)  # fmt: skip
        return Entity(node_id("Scheme", bare), "Scheme", bare, m.start, m.end, aliases=[name] if bare != name else [],
                      attrs=attrs)  # fmt: skip

    def _cluster(
        self, name: str, start: int, end: int, place: str | None, known: list[str]
    ) -> Entity:
        inner = self.gazetteer.places_in(name)
        if known:
            return Entity(known[0], "Cluster", name, start, end, confidence=0.95, places=inner)
        name = re.sub(r"\bcluster$", "Cluster", name)
        numbered = re.search(r"\bCluster-\d{1,2}$", name)  # "KOEL Lean Cluster-1"
        if not name.endswith("Cluster") and not numbered and not _CLUSTER_LIKE_END.search(name):
            aliases, name = [name], f"{name} Cluster"
        else:
            aliases = []
        has_place = any(m.type in PLACE_TYPES for m in self.gazetteer.find(name))
        # A name with no place in it ("Iron Cluster") is told apart by the document's district.
        if not has_place and place is not None and is_a(place, "District"):
            cid = node_id("Cluster", place_slug(place), name)
        else:
            cid = node_id("Cluster", name)
        return Entity(cid, "Cluster", name, start, end, aliases=aliases, places=inner)

    @staticmethod
    def _joined_clusters(
        clean: str, mentions: list[Mention], known: list[Mention]
    ) -> list[Mention]:
        """A cluster name found over "and" ("Oil Expeller and Parts Cluster") is one name,
        unless what stands before the "and" is a place, follows "at"/"in" or is a cluster's
        name itself: then the "and" joins two clusters of a list ("Automobile Cluster at Bhubaneswar and Rasagola
        Cluster"), and the name is the part after it."""
        out = []
        for m in mentions:
            joint = re.search(r"\s(?:and|&)\s", m.name) if m.type == "Cluster" else None
            if joint is None:
                out.append(m)
                continue
            head = m.name[: joint.start()]
            at_place = re.search(r"\b(?:at|in)\s+$", clean[: m.start])
            is_place = any(
                k.type in PLACE_TYPES and m.start <= k.start and k.end <= m.start + len(head)
                for k in known
            )
            if at_place or is_place or re.search(r"\bCluster\b", head):
                cut = joint.end()
                out.append(Mention(m.type, m.name[cut:], m.start + cut, m.end, m.role,
                                   list(m.ids), list(m.aliases), m.how))  # fmt: skip
            else:
                out.append(m)
        return out

    # -- the document -------------------------------------------------------------------------

    def read(self, doc: LoadedDocument) -> tuple[list[Sentence], dict[str, Any]]:
        sentences, raw = [], []
        acronym = lambda w: normalize(w) in self.gazetteer.acronyms  # noqa: E731
        reading = [_NO_WORD.sub(" ", t) for t in doc.sentences]
        pairs_all: list[tuple[str, str]] = cluster_initials(reading, acronym)
        for i, text in enumerate(doc.sentences):
            deadline.check()  # a preview's deadline (kb.deadline); no deadline on an ingest
            clean, pairs = acronym_pairs(reading[i])
            clean = unglue(_cluster_acronyms(clean, pairs_all))
            clean = caps_role_holders(caps_cluster_names(clean, acronym), acronym)
            pairs_all += pairs
            sentences.append(Sentence(i, text, clean))
            found = self.gazetteer.find(clean)
            shaped = [
                self._after_capital_places(m) for m in pattern_mentions(clean)
                if not (m.how == "lower-case kind" and self._is_place(m.name.rsplit(" ", 1)[0]))
            ]  # "the Andhra Pradesh scheme": the state's, not a scheme's name  # fmt: skip
            shaped += [
                m for m in defined_projects(clean, pairs)
                if not any(f.start < m.end and m.start < f.end and f.type in _ORG_TYPES
                           for f in (*found, *shaped))
            ]  # a name of its own over the same words wins  # fmt: skip
            raw.append(found + self._joined_clusters(clean, shaped, found))
        # sentences in Hindi (none in an English document), read with the document's context
        hindi = self.hindi.read([s.clean for s in sentences])
        for found, mentions in zip(raw, hindi.mentions, strict=True):
            found += mentions
        pairs_all += initial_acronyms(
            [s.clean for s in sentences],
            raw,
            pairs_all,
            lambda a: normalize(a) in self.gazetteer.acronyms,
        )
        bodies = frozenset(
            normalize(m.name) for found in raw for m in found if m.type in ("Agency", "Enterprise")
        )
        self._doc_bodies = {
            normalize(self.agencies.canonical(m.name))
            for found in raw
            for m in found
            if m.type == "Agency"
        }
        for found, orgs in zip(
            raw, market_organisations([s.clean for s in sentences]), strict=True
        ):
            found += not_clusters(orgs, pairs_all, self._is_place, bodies)
        defined = {a for a, _ in pairs_all}
        for found, acting in zip(
            raw,
            acting_acronyms(
                [s.clean for s in sentences],
                raw,
                lambda a: a in defined or acronym(a) or self._is_place(a.title()),
            ),
            strict=True,
        ):
            found += acting
        _defined_acronyms(sentences, raw, pairs_all)
        _schemes_named_again(sentences, raw)
        self._towns = self._document_towns([s.clean for s in sentences])
        towns = [_word_rx(t) for t in self._towns]
        for s, found in zip(sentences, raw, strict=True):
            # "Nongpok Kakching, a village in Imphal East district": the district's name
            # inside the village's is no mention of that district
            spans = [m.span() for rx in towns for m in rx.finditer(s.clean)]
            found[:] = [m for m in found if not (m.type in PLACE_TYPES and any(
                a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in spans))]  # fmt: skip
        selected = [select(r) for r in raw]
        # a state's government names its state ("the Maharashtra government")
        governed = [
            [Mention("State", p, m.start, m.start, ids=[p]) for m in found if m.role == "government"
             for p in self.gazetteer.places_in(m.name) if is_a(p, "State")]
            for found in selected
        ]  # fmt: skip
        doc_states, doc_districts = self._places(
            [found + more for found, more in zip(selected, governed, strict=True)]
        )
        state = doc_states.most_common(1)[0][0] if doc_states else None
        district = None
        if doc_districts:
            top, n = doc_districts.most_common(1)[0]
            if n >= 2 and n * 2 > sum(doc_districts.values()):
                district = top  # a clearly dominant district, not one of several named
        labelled = {
            m.ids[0]
            for s, found in zip(sentences, selected, strict=True)
            for label in _DISTRICT_LABEL.finditer(s.clean)
            for m in found
            if m.type == "District" and m.start == label.end() and len(m.ids) == 1
        }
        if district is None and len(labelled) == 1:
            district = labelled.pop()  # a profile's "District: X", the one such label
        texts = [s.clean for s in sentences]
        place_kind = lambda w: self._place_kind(w, doc_states)  # noqa: E731
        about_odop = any(_ODOP.search(s.clean) for s in sentences)
        parses = parse_all(texts, about_odop)
        product = document_product(texts)
        if product and (place_kind(product.title()) or ("",))[0] in (
            "district",
            "state",
        ):
            product = None  # "Koppal clusters": a place, not what they make
        # places listed with no product may take a weaker sign of the trade: the headline's
        # product, or their section heading's (`_descriptions`' `listed_product`)
        headline = product or headline_product(texts, doc.title)
        about_clusters = any(mentions_cluster(s.clean) for s in sentences)
        carried: str | None = None  # the state of the last heading of an index or a table
        headed: list[list[tuple[int, str]]] = []
        section: str | None = None  # the product a section's heading names ("Leather Sub-Sector")
        for s, found, parsed in zip(sentences, raw, parses, strict=True):
            before = sentences[s.index - 1].clean if s.index > 0 else ""
            elided = elided_clusters(s.clean, before, about_clusters)
            heads = state_headings(s.clean, found)
            headed.append([(-1, carried), *heads] if carried else heads)
            heading = section_heading(s.clean)
            if heading is not None:
                section = heading or None  # a heading of no product ends the section's
            found += self._descriptions(
                s.clean, found, doc_states, district, parsed, product, elided, about_clusters,
                headed[-1], listed_product=section or headline, odop=about_odop,
            )  # fmt: skip
            carried = heads[-1][1] if heads else carried
            found += self._producer_groups(s.clean, found, doc_states, district)
            if about_odop and parsed is not None:
                found += self._odop_facilities(s.clean, found, doc_states, parsed)
        # the words the document opens its named clusters with, twice or more ("Soft
        # Interventions in"), open the items that leave the cluster word out (`framed_items`)
        frames = Counter(
            f
            for s, found in zip(sentences, raw, strict=True)
            for m in found
            if m.how == "description" and (m.role or "").startswith("cluster:")
            for f in [item_frame(s.clean, m.start)]
            if f
        )
        shapes = {f for f, n in frames.items() if n >= 2}
        for s, found, heads in zip(sentences, raw, headed, strict=True):
            if not shapes or any(m.type == "Cluster" for m in found):
                continue
            items = framed_items(s.clean, shapes, place_kind)
            if items:
                found += self._descriptions(s.clean, found, doc_states, district, None,
                                            product, headings=heads, framed=items)  # fmt: skip

        # a line that is one cluster, named by its place and product, in its place's district
        # or else the document's main state ("Bankura | Dokra, Terracotta", "- Dhemaji, Assam")
        def line_cluster(i: int, name: str, where: str | None) -> None:
            where = where or state
            raw[i].append(Mention("Cluster", name, 0, len(texts[i]), "described",
                                  ids=[where] if where else [], how="description"))  # fmt: skip

        if not about_odop and _PLURAL_UNITS.search(" ".join(texts)):
            for i, place, made in place_product_rows(texts):
                place, kind = cell_place(place, place_kind)
                if kind is None or kind[0] == "state" or any(m.type == "Cluster" for m in raw[i]):
                    continue
                made = " and ".join(_TABLE_ITEMS.split(made))
                line_cluster(i, f"{place} {_titled(made)} Cluster", kind[1])
        if not about_odop:
            for i, place, where, made in announced_places(texts, place_kind):
                if any(m.type == "Cluster" for m in raw[i]):
                    continue
                made = made or product or headline or ""
                line_cluster(i, f"{place} {_titled(made)} Cluster" if made else f"{place} Cluster",
                             where)  # fmt: skip
        if not about_odop and not any(m.type == "Cluster" for found in raw for m in found):
            # a document naming no cluster: "the CFC in Korba" is its project, named by its
            # place and the craft of the artisans it serves (see `described_clusters`)
            for s, found, parsed, heads in zip(sentences, raw, parses, headed, strict=True):
                if parsed is not None and (
                    FACILITY_WORD.search(s.clean) or UNITS_IN.search(s.clean)
                ):
                    found += self._descriptions(s.clean, found, doc_states, district, parsed,
                                                product, headings=heads, definite=True)  # fmt: skip
        if not about_odop and not any(m.type == "Cluster" for found in raw for m in found):
            for s, found in zip(sentences, raw, strict=True):
                vehicle = spv_cluster(s.clean, found)
                if vehicle is not None:
                    name, start, end = vehicle
                    found.append(self._project(name, start, end, district, doc_states))
                    break  # one project's vehicle
        if not about_odop and not any(m.type == "Cluster" for found in raw for m in found):
            for found in raw:
                collective = collective_cluster(found)
                if collective is not None:
                    name, body = collective
                    body.role = "collective"  # it runs its cluster (ingest/relations.py)
                    found.append(self._project(name, body.start, body.start, district, doc_states))
                    break  # the document's first such body
        if not about_odop and not any(m.type == "Cluster" for found in raw for m in found):
            single = self._own_cluster(sentences, selected, doc.title, product or headline,
                                       doc_states, district)  # fmt: skip
            if single is not None:
                raw[single[0]].append(single[1])
        if not about_odop and district is not None:
            self._unplaced(sentences, raw, parses, district, place_kind)
        raw = [select(r) for r in raw]
        # the document's clear state (two thirds of its state mentions): where a cluster with no
        # other place is, and which state "the State government" of a sentence naming none means
        # Delhi, the Union's seat ("the proposal was sent to Delhi"), is no such state when
        # another is named
        ruled = Counter({k: n for k, n in doc_states.items() if k != _UNION_SEAT})
        ruled = ruled or doc_states
        ruling = ruled.most_common(1)[0][0] if ruled else None
        clear = ruling is not None and ruled[ruling] * 3 >= sum(ruled.values()) * 2
        clear_state = ruling if clear else None
        for s, mentions in zip(sentences, raw, strict=True):
            deadline.check()
            inner = [
                Mention("State" if is_a(p, "State") else "District", p, m.start, m.start, ids=[p])
                for m in mentions
                if m.type in ("Agency", "Cluster")
                and m.how != "gazetteer"  # not "Mysore Sandal Oils"
                for p in (m.ids if m.how == "description" else self.gazetteer.places_in(m.name))
            ]
            s_states, s_districts = self._places([mentions + inner])
            s_state = s_states.most_common(1)[0][0] if s_states else state
            for im in inner:  # places named inside organisation names are mentioned too
                s.entities.append(
                    Entity(
                        im.ids[0],
                        im.type,
                        self._place_name(im.ids[0]),
                        im.start,
                        im.end,
                        confidence=0.8,
                    )
                )
            for m in mentions:
                e: Entity | None
                if m.type in PLACE_TYPES:
                    e = self._place_entity(m, doc_states)
                elif m.type == "Agency" and m.role == "government":
                    # "the State government": the one state the sentence names, else the
                    # document's clear state (a dateline's "New Delhi" is no such state)
                    own = next(iter(s_states)) if len(s_states) == 1 else clear_state
                    e = self._government(m, own)
                elif m.type == "Agency":
                    e = self._agency(m, s_state, district, s.clean)
                elif m.type == "Scheme":
                    e = self._scheme(m)
                elif m.how == "description":
                    # a given name: its id qualified by its place (see _descriptions); a
                    # description: the id of "<place> <product> Cluster", as when so named
                    qualifier = (m.role or "").removeprefix("cluster:")
                    parts = [qualifier, m.name] if qualifier != (m.role or "") else [m.name]
                    e = Entity(node_id("Cluster", *parts), "Cluster", m.name, m.start, m.end,
                               aliases=m.aliases, places=m.ids, confidence=0.8)  # fmt: skip
                    if m.role == "described":  # lower case: maybe a named cluster's description
                        e.attrs["described"] = True
                    if m.town:  # two towns' clusters are two, in one district too
                        e.attrs["town"] = m.town
                elif m.type == "Cluster" and m.how == "pattern" and _only_kind(m.name):
                    e = None  # "Artisan Cluster Building", "Type of Cluster: Major Cluster"
                elif m.type == "Cluster":
                    e = self._cluster(
                        m.name, m.start, m.end, district, m.ids if m.how == "gazetteer" else []
                    )
                else:
                    spv = re.search(r"\bSPV\b|special purpose vehicle", s.clean, re.I)
                    role = "SPV" if spv and m.role in ("cooperative", "company") else m.role
                    name = m.name.rstrip(".")
                    known = self.agency_orgs.get(organisation_key(name))
                    if known is not None:  # a known body written as a company
                        e = Entity(known[0], "Agency", known[1], m.start, m.end, m.role, [name])
                    else:
                        e = Entity(
                            node_id("Enterprise", name), "Enterprise", name, m.start, m.end, role
                        )
                if e is not None:
                    s.entities.append(e)
                if e is not None and e.type == "Cluster":
                    s.entities += self._schemes_in_name(s.clean, e)
            self._lowercase_clusters(s, district)
        context = {"state": state, "district": district, "pairs": pairs_all,
                   "clear_state": clear_state, "title": doc.title,
                   "glosses": [hindi.gloss(s.index, [(e.start, e.end, e.name) for e in s.entities])
                               for s in sentences]}  # fmt: skip
        self._corefer(sentences, context)
        return sentences, context

    def _schemes_in_name(self, clean: str, cluster: Entity) -> list[Entity]:
        """The known schemes a cluster's name is written with by their acronym ("Agro-Business
        SFURTi Cluster", "the SFRUTI project cluster": a letter case or two letters swapped
        aside), each an entity within the cluster's span that backs it (ingest/relations.py)."""
        out: list[Entity] = []
        for w in _ACRONYM_WORD.finditer(clean, cluster.start, cluster.end):
            key = w.group().lower()
            hit = self.scheme_acronyms.get(key)
            if hit is None and len(key) >= 5:
                swaps = {key[:i] + key[i + 1] + key[i] + key[i + 2 :] for i in range(len(key) - 1)}
                hit = next((self.scheme_acronyms[k] for k in sorted(swaps)
                            if k in self.scheme_acronyms), None)  # fmt: skip
            if hit is not None:
                sid, _, name = hit
                out.append(Entity(sid, "Scheme", name, w.start(), w.end(), confidence=0.7,
                                  attrs={"in_name": cluster.id}))  # fmt: skip
        return out

    def _after_capital_places(self, m: Mention) -> Mention:
        """A cluster's name read over a table row's columns ("Agra UTTAR PRADESH BUDAUN Woollen
        Tufted Cluster"): the name starts after the last place written in capitals, which is
        a column (the state, the district); the mention otherwise as it is."""
        if m.type != "Cluster":
            return m
        words = list(re.finditer(r"\S+", m.name))
        cut = None
        i = 0
        while i < len(words):
            if not words[i].group().isupper() or not words[i].group().isalpha():
                i += 1
                continue
            j = i
            while j + 1 < len(words) and words[j + 1].group().isupper():
                j += 1  # a run of capitals: "UTTAR PRADESH BUDAUN", "GAUTAM BUDDHA NAGAR"
            for a in range(i, j + 1):  # the places it holds, each ending where the run may
                for b in range(j, a - 1, -1):
                    if self._is_place(" ".join(w.group() for w in words[a : b + 1]).title()):
                        cut = max(cut or 0, b + 1)
                        break
            i = j + 1
        if cut is None or len(words) - cut < 2:
            return m
        start = words[cut].start()
        return replace(m, name=m.name[start:], start=m.start + start)

    def _is_place(self, surface: str) -> bool:
        """Whether the gazetteer knows `surface` as a district or state."""
        entries = self.gazetteer.index.get(normalize(surface), [])
        return any(e[1] in ("District", "State") for e in entries)

    def _document_towns(self, texts: list[str]) -> dict[str, str]:
        """Villages and towns the document places itself ("Nongpok Kakching, a village in Imphal
        East district of Manipur", "Kotpad, a town in Koraput district"): name -> district id."""
        out: dict[str, str] = {}
        for text in texts:
            for m in _TOWN_IN_DISTRICT.finditer(text):
                town, where = m.group("town"), m.group("district")
                if self._is_place(town):
                    continue  # a district or state itself
                districts = [e[0] for e in self.gazetteer.index.get(normalize(where), [])
                             if e[1] == "District"]  # fmt: skip
                if len(districts) == 1:
                    out.setdefault(town, districts[0])
        return out

    def _project(
        self, name: str, start: int, end: int, district: str | None, doc_states: Counter[str]
    ) -> Mention:
        """A cluster project a body stands for (its SPV, its workers' own body), placed by its
        name, else the document's district, else its main state."""
        where = (
            next(iter(self.gazetteer.places_in(name)), None)
            or district
            or (doc_states.most_common(1)[0][0] if doc_states else None)
        )
        return Mention("Cluster", name, start, end, "described", ids=[where] if where else [],
                       how="description")  # fmt: skip

    def _unplaced(
        self,
        sentences: list[Sentence],
        raw: list[list[Mention]],
        parses: list[Any],
        district: str,
        place_kind: Callable[[str], tuple[str, str | None] | None],
    ) -> None:
        """One cluster of a product the document speaks of with no place ("the aluminium die
        casting cluster's project report"), in a document whose one clear district is
        `district`: "<District> <Product> Cluster" there, once per product, unless a cluster the
        document names already has a product word of it in its name (then it is that cluster,
        spoken of again: "the gold jewellery cluster" after "a jewellery cluster ... for X")."""
        named = [normalize(m.name) for found in raw for m in found if m.type == "Cluster"]
        parses = list(parses)
        unread = [i for i, (s, p) in enumerate(zip(sentences, parses, strict=True))
                  if p is None and _ONE_LOWER_CLUSTER.search(s.clean)]  # fmt: skip
        for i, parsed in zip(unread, nlp.parse_many([sentences[i].clean for i in unread]),
                             strict=True):  # fmt: skip
            parses[i] = parsed
        for s, found, parsed in zip(sentences, raw, parses, strict=True):
            for product, start, end in unplaced_clusters(s.clean, place_kind, parsed):
                made = {w for w in normalize(product).split() if is_product_word(w)}
                if any(made & set(n.split()) for n in named):
                    continue
                name = f"{self._place_name(district)} {_titled(product)} Cluster"
                named.append(normalize(name))
                found.append(Mention("Cluster", name, start, end, "described", ids=[district],
                                     how="description"))  # fmt: skip

    def _own_cluster(
        self,
        sentences: list[Sentence],
        found: list[list[Mention]],
        title: str,
        product: str | None,
        doc_states: Counter[str],
        district: str | None,
    ) -> tuple[int, Mention] | None:
        """The one cluster a document that names none is about. It speaks of one cluster ("a
        cluster", "the cluster", a CFC: "Artisans of Kunhimangalam form a cluster", "has chosen
        Perambalur district as the location of its new cluster"), or of no cluster at all but
        of its producers or their project, centre or unit twice (`_PRODUCERS`: "300 farmers
        of Wokha district"); a document that speaks only of clusters in the plural is about
        many ("31 new industrial clusters"). Its place is the district or town the sentences
        speaking of the cluster name, else the headline's, else the one the document names
        most (twice at least); a state, a country, a person's name ("Minister Sirsa"), a
        body's seat ("CGCRI, Kolkata") and an English word ("the Centre") are no such place. Its product is the document's (`product`), else the product word it
        writes most (`salient_product`). The sentence it is mentioned in and the mention, or
        None."""
        texts = [s.clean for s in sentences]
        speaking = {i for i, t in enumerate(texts) if _ONE_CLUSTER.search(t)}
        if not speaking:
            producers = sum(len(_PRODUCERS.findall(t)) for t in texts)
            if any(_MANY_CLUSTERS.search(t) for t in texts) or producers < 2:
                return None
        made = (product if product and is_product_word(product.split()[-1]) else None) or (
            salient_product(texts)
        )
        if not made:
            return None
        nlp.read_many(texts)
        spans = [nlp.spans(t) for t in texts]
        # a word the NER takes for a place once is a place where it takes it for a person
        # ("Kondapalli toys" in a headline)
        placed = {sp.text for sps in spans for sp in sps if sp.type == "place"}
        not_places = NOT_PLACES | foreign_places()
        places: dict[str, _PlaceSeen] = {}  # by district id, or "town:<name>"
        for i, (text, mentions) in enumerate(zip(texts, found, strict=True)):
            # a district's name that is a person's: part of a longer name ("Manjinder Singh
            # Sirsa") or after a title ("Minister Sirsa")
            persons = [(sp.start, sp.end) for sp in spans[i] if sp.type == "person"]
            here: list[tuple[str, str, int, int, str | None, bool]] = [
                (m.ids[0], text[m.start : m.end], m.start, m.end, m.ids[0], True)
                for m in mentions
                if m.type == "District" and len(m.ids) == 1
                and not any(a <= m.start and m.end <= b and (a, b) != m.span for a, b in persons)
                and not _TITLED.search(text[: m.start])
            ]  # fmt: skip
            for sp in spans[i]:
                if sp.text not in placed or sp.text.lower() in not_places:
                    continue
                if any(a < sp.end and sp.start < b for _, _, a, b, _, _ in here):
                    continue
                unit = _PLACE_UNIT_WORD.search(sp.text)  # "Thongjao village": Thongjao
                surface = sp.text[: unit.start()] if unit else sp.text
                kind = self._place_kind(surface, doc_states)
                if kind is None or kind[0] == "state":
                    continue
                if kind[0] == "town" and " " not in surface and nlp.english(surface):
                    continue  # "the Centre"
                key = kind[1] if kind[0] == "district" and kind[1] else f"town:{surface}"
                here.append((key, surface, sp.start, sp.end, kind[1], sp.type == "place"))
            # a body's seat is not where its cluster is: "CGCRI, Kolkata"
            here = [h for h in here if not _SEAT.search(text[: h[2]])]
            for key, surface, start, end, where, counted in here:
                seen = places.setdefault(key, _PlaceSeen(surface, where, (i, start, end)))
                seen.count += counted
                seen.spoken = seen.spoken or i in speaking
                seen.headline = seen.headline or text == title
        ranked = sorted(
            (p for p in places.values() if p.spoken or p.headline or p.count >= 2),
            key=lambda p: p.rank,
            reverse=True,
        )
        if not ranked or (len(ranked) > 1 and ranked[0].rank == ranked[1].rank):
            return None  # no place, or two the document names alike
        best = ranked[0]
        surface, where, (i, start, end) = best.surface, best.where, best.at
        if where is None:
            where = district or (doc_states.most_common(1)[0][0] if doc_states else None)
        # a name the tagger read as a place with its product ("the Pyranga Eri cluster"): the
        # place is the words before the product
        if normalize(surface).endswith(" " + normalize(made)):
            surface = surface[: len(surface) - len(made)].strip()
        name = f"{surface} {_titled(made)} Cluster"
        return i, Mention("Cluster", name, start, end, "described", ids=[where] if where else [],
                          how="description")  # fmt: skip

    def _place_kind(
        self, surface: str, doc_states: Counter[str], framing: frozenset[str] = frozenset()
    ) -> tuple[str, str | None] | None:
        """What a place word in a cluster description is: a district (one, in the document's
        states when several share the name), a state, a town the gazetteer does not know (in
        its district when the document says where it is), or not a place (a known agency,
        scheme, ...). `framing`: the district the sentence opens with, which places its towns
        before the LGD sub-district table does."""
        if surface in self._towns:
            return "town", self._towns[surface]
        entries = self.gazetteer.index.get(normalize(surface), [])
        districts = [e[0] for e in entries if e[1] == "District"]
        if len(districts) > 1:
            districts = [d for d in districts if self._state_of(d) in doc_states]
        if len(districts) == 1:
            return "district", districts[0]
        if districts:
            return None
        states = [e[0] for e in entries if e[1] == "State"]
        if states:
            return "state", states[0]
        if (
            entries
            or is_acronym(surface)
            or not re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*(?:-[IVX]{1,4})?", surface)
        ):
            return None
        # a district spelled another way ("Tiruvallur": Thiruvallur), in the document's states
        spelled = self.gazetteer.sounding_district(surface) if len(surface) >= 5 else []
        if spelled and self._state_of(spelled[0][0]) in doc_states:
            return "district", spelled[0][0]
        # a district's headquarters town, in the document's states: "Baripada" (Mayurbhanj);
        # failing that, a sub-district or block of one district of those states: "Sihor"
        # (Bhavnagar)
        seats = [d for d in self.gazetteer.headquarters.get(normalize(surface), [])
                 if self._state_of(d) in doc_states]  # fmt: skip
        if not seats:
            # the sentence's own word comes first: where it opens with another district of
            # that state ("In Sambalpur district, ... Kolabira", a block now of Jharsuguda),
            # the town is left to the sentence's context
            seats = list(dict.fromkeys(
                d for d in self.gazetteer.subdivisions.get(normalize(surface), [])
                if self._state_of(d) in doc_states
                and (d in framing or not any(
                    self._state_of(o) == self._state_of(d) for o in framing))))  # fmt: skip
        return "town", seats[0] if len(seats) == 1 else None

    def _descriptions(
        self,
        clean: str,
        found: list[Mention],
        doc_states: Counter[str],
        district: str | None,
        parsed: Any,
        product: str | None = None,
        elided: bool = False,
        about_clusters: bool = False,
        headings: list[tuple[int, str]] | None = None,
        framed: list[Described] | None = None,
        definite: bool = False,
        listed_product: str | None = None,
        odop: bool = False,
    ) -> list[Mention]:
        """Clusters described with their place, not where a known cluster is named.

        A name the text gives ("Fly Ash Cluster at Angul") stays the name, its id qualified by
        the place as for a name without one (`_cluster`): by the district, or by a town's
        document district, or else by the town (the alias "Fly Ash Cluster, Angul" says
        where). A description ("wooden furniture cluster in Dimapur") is named "<place>
        <product> Cluster". The mention's ids are the place's district, if known. Places listed
        after a plural cluster word with no product ("The seven clusters in the State are
        Dindigul, Tirunelveli and Salem") are "<place> <document product> Cluster"."""
        if parsed is None and framed is None:
            return []
        known = [m for m in found if m.how == "gazetteer" and m.type == "Cluster"]
        out = []
        # a district the sentence opens with ("In Sambalpur district, ...") frames its towns
        fronted = _FRONTED_DISTRICT.match(clean)
        framing = frozenset(
            m.ids[0]
            for m in found
            if fronted and m.type == "District" and len(m.ids) == 1 and m.start == fronted.start(1)
        )
        place_kind = lambda w: self._place_kind(w, doc_states, framing)  # noqa: E731
        top = doc_states.most_common(1)[0][0] if doc_states else None
        listed = listed_clusters(clean, place_kind, parsed, elided) if framed is None else []
        described = (
            framed
            if framed is not None
            else described_clusters(clean, place_kind, parsed, definite)
        )
        if framed is None and (
            (about_clusters and not mentions_cluster(clean)) or (listed and not described)
        ):
            # "Theni (TN) for banana; Nasik (Maharashtra) for grapes" in a document about
            # clusters, or after "The 12 clusters include": each group's places make the
            # product after its "for", over the places the cluster word lists
            itemised = for_items(clean, place_kind, parsed)
            listed = [d for d in listed if not any(_overlap(d, f) for f in itemised)]
            described += itemised
        if framed is None and odop and not mentions_cluster(clean):
            # "branding of Amla in Gurugram district, Guava in Jhajjar, ...": a document on
            # One District One Product lists each district's product
            described += [d for d in in_items(clean, place_kind, parsed)
                          if not any(_overlap(d, x) for x in described)]  # fmt: skip
        # the product of places listed with none: the section's or the headline's, else the
        # document's
        product_of_list = listed_product or product
        located_list = any(_LOCATIVE_END.search(clean, 0, d.start) for d in listed) and not any(
            _kind_of_cluster(clean, d.start) for d in listed
        )
        # "Block Level Clusters viz. Mahanpur, Kathua, Moungri, Udhampur": two places or more,
        # each in a district the KB or the list names ("they include Tikuli (1), Madhubani
        # Painting (1)" lists crafts, one of which a district's name opens)
        placed_list = len(listed) >= 2 and all(d.place_id for d in listed)
        for d in listed:
            if any(_overlap(k, d) for k in known):
                continue
            made = d.product or product_of_list
            centre = FACILITY_WORD.search(clean) if not made else None
            if centre is not None and odop:
                continue  # "The CFCs in Basti and Hathras": each district's ODOP product's
                # (`_odop_facilities`)
            if centre is not None:
                # "Four facilitation centres are being built in Ludhiana, ...": centres of no
                # product the text names, each named by its place and the centre's own words
                words = _singular(centre.group(0))
                name = f"{d.place} {words if words.isupper() else _titled(words)}"
            elif not made and (located_list or placed_list):
                # "clusters have been approved in Tahliwal, Parwanoo, ...": a cluster at each
                # place, of no product the document names ("they include Tikuli (1), Sujani
                # (2)" lists crafts, not places: no "in" or "at" opens it)
                name = f"{d.place} Cluster"
            elif not made:
                continue
            else:
                name = f"{d.place} {made.title()} Cluster"
            where = d.place_id or top  # a town of the list with no district: the document's state
            out.append(Mention("Cluster", name, d.start, d.end, "described",
                               ids=[where] if where else [], how="description"))  # fmt: skip
        if framed is None:  # "distributed potter wheels among the potters of X and Y (Z)"
            described += served_workers(clean, place_kind, parsed)
        if framed is None and definite:  # "set up agarbatti units in Birkuchi area"
            described += units_in_places(clean, place_kind, parsed)
        for d in described:
            # "Engineering Cluster at Angul, Fly Ash Cluster at Angul": a known name may take
            # the place word that ends this description ("Angul, Fly Ash Cluster"); the
            # description then stops at its cluster word
            word = clean.lower().find("cluster", d.start, d.end)
            core = d.end if word < 0 else word + len("cluster")
            overlapping = [k for k in known if _overlap(k, d)]
            if any(k.start < core for k in overlapping):
                continue
            end = core if overlapping else d.end
            # a town: its own district when known (a district's headquarters), else the
            # document's
            seat = place_kind(d.place) if d.place_kind == "town" and not d.place_id else None
            where = (
                d.place_id
                or (seat[1] if seat else None)
                or (district if d.place_kind == "town" else None)
            )
            # a town with no district under a state heading of an index or a table
            # ("... Gadag 7 Madhya Pradesh / 47.3.22 CFC in Agriculture Implements Cluster,
            # Khurai") lies in that state; its name keeps the town as qualifier
            heading = next((h for pos, h in reversed(headings or []) if pos < d.start), None)
            located = where or (heading if d.place_kind == "town" else None)
            centre = FACILITY_WORD.search(clean, d.start, end) if not d.product else None
            if not d.product and not product and (centre is None or definite):
                # "the upcoming cluster in Raikot" in a document with no one product; "the CFC
                # in Firozabad will help artisans": a centre of no craft the text names
                continue
            if not d.product and centre is not None and not product:
                # "a common facilitation centre ... at Kainfulia": the centre is the project,
                # named by its place and its own words when the document names no product
                name = f"{d.place} {_titled(centre.group(0))}"
                role, aliases = "described", list[str]()
            elif not d.product:
                name = f"{d.place} {product.title()} Cluster"  # type: ignore[union-attr]
                role, aliases = "described", []
            elif d.capitalised:
                name = f"{d.product} Cluster"
                qualifier = place_slug(where) if where else d.place
                role, aliases = f"cluster:{qualifier}", [f"{name}, {d.place}"]
            else:
                # "a Craft Handloom Village": a craft village keeps its own word
                head = "Village" if _VILLAGE_END.search(clean, d.start, end) else "Cluster"
                name = f"{d.place} {_titled(d.product)} {head}"
                role, aliases = "described", []  # maybe a named cluster's description
            out.append(Mention("Cluster", name, d.start, end, role,
                               ids=[located] if located else [], aliases=aliases,
                               how="description",
                               town=d.place if d.place_kind == "town" else ""))  # fmt: skip
        return out

    def _producer_groups(
        self, clean: str, found: list[Mention], doc_states: Counter[str], district: str | None
    ) -> list[Mention]:
        """A producers' own company or group named for what it makes, with its place ("Kotwa
        Milk Producer Company (Hardoi)", "the Belur Ginger FPO"), is a cluster project of
        that product there: "<place> <product> Cluster". The place is the one written in
        brackets or after "of"/"in"/"at"/"from" right after the name; a group of no product
        word, or of no such place below a state, makes none."""
        out = []
        taken = [(m.start, m.end) for m in found if m.type == "Cluster"]
        for m in found:
            if m.type != "Enterprise" or not _PRODUCER_GROUP.search(m.name):
                continue
            if any(a < m.end and m.start < b for a, b in taken):
                continue
            words = re.findall(r"[A-Za-z]+", m.name)
            made = list(dict.fromkeys(
                w for w in words if is_product_word(w.lower()) and w.lower() not in _NOT_MADE
            ))  # fmt: skip
            if not made:
                continue
            # the place written after the name (a place opening it is the group's home, not
            # always its producers': "Patiala Handicraft Workshop Cooperative Society" works
            # with women in Pathankot); the mention spans that place, leaving the group its
            # own name. A town of no known district only in brackets (", Reliance" is none)
            # (read as ingest/relations.py reads a group's place, so the group runs this cluster)
            after = GROUP_PLACE.match(clean, m.end)
            if after is None:
                continue
            place, (start, end) = after.group("place"), after.span("place")
            kind = self._place_kind(place, doc_states)
            if kind is None or kind[0] not in ("district", "town"):
                continue
            if kind[0] == "town" and not kind[1] and "(" not in after.group(0):
                continue
            where = kind[1] or (district if kind[0] == "town" else None)
            name = f"{place} {_titled(' '.join(made))} Cluster"
            out.append(Mention("Cluster", name, start, end, "described",
                               ids=[where] if where else [], how="description",
                               town=place if kind[0] == "town" else ""))  # fmt: skip
        return out

    def _odop_facilities(
        self, clean: str, found: list[Mention], doc_states: Counter[str], parsed: Any
    ) -> list[Mention]:
        """In a document about ODOP, a CFC said to be in a district with no cluster named ("The
        CFC in Siddharthnagar will help ...") is the CFC of that district's ODOP product cluster:
        "<District> <ODOP product> Cluster" (the product from the ODOP list, not the text)."""
        out = []
        taken = [(m.start, m.end) for m in found if m.type == "Cluster"]
        for d in facility_places(clean, lambda w: self._place_kind(w, doc_states), parsed):
            product = _named_product(self.odop.get(d.place_id or "", []), clean)
            if product is None or any(a < d.end and d.start < b for a, b in taken):
                continue
            name = f"{d.place} {display_name(product)} Cluster"
            out.append(Mention("Cluster", name, d.start, d.end, "described", ids=[d.place_id or ""],
                               how="description"))  # fmt: skip
        return out

    def _lowercase_clusters(self, s: Sentence, place: str | None) -> None:
        """'Muzaffarpur bag cluster', 'a bag cluster in Muzaffarpur' -> 'Muzaffarpur Bag Cluster'."""
        taken = [(e.start, e.end) for e in s.entities if e.type == "Cluster"]
        for rx in (_PLACE_CLUSTER, _CLUSTER_IN):
            for m in rx.finditer(s.clean):
                did = self._district_named(m.group("place"))
                if did is None or any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                what = m.group("what").title()
                name = f"{m.group('place')} {what} Cluster"
                e = self._cluster(name, m.start(), m.end(), place, [])
                e.attrs["described"] = (
                    True  # a description, maybe of a named cluster (see _corefer)
                )
                s.entities.append(e)
                taken.append((m.start(), m.end()))

    def _cluster_key(self, e: Entity) -> str:
        """A cluster's name without its place words and "cluster": what tells it apart."""
        words = [
            w for w in normalize(e.name).split()
            if w not in ("cluster", "clusters")
            and not any(t[1] in PLACE_TYPES for t in self.gazetteer.index.get(w, []))
        ]  # fmt: skip
        places = {normalize(self._place_name(p)) for p in e.places}
        return " ".join(w for w in words if w not in places)

    def _same_product(self, a: Entity, b: Entity) -> bool:
        """Whether two clusters' names share a product word or name related products."""
        ka, kb = self._cluster_key(a), self._cluster_key(b)
        if set(ka.split()) & set(kb.split()):
            return True
        th = thesaurus()
        return th.relation(th.key(ka), th.key(kb)) is not None

    def _same_clusters(self, sentences: list[Sentence]) -> None:
        """Clusters of one document whose names differ only in spelling or in the place word
        ("Kailash Kund ... Beekeeping Cluster" and "Kalishkund ... Beekeeping Cluster, Doda"),
        in the same place or one without a place, are one cluster: the most mentioned; a name
        that is part of a fuller one ("Allied Products Cluster" of "Textile & Allied Products
        Cluster") is the fuller one."""
        found = [e for s in sentences for e in s.entities if e.type == "Cluster"]
        counts = Counter(e.id for e in found)
        first: dict[str, Entity] = {}
        for e in found:
            first.setdefault(e.id, e)
        reps: list[tuple[Entity, str]] = []
        into: dict[str, Entity] = {}
        for cid in sorted(first, key=lambda c: -counts[c]):  # stable: first mentioned first
            e, key = first[cid], self._cluster_key(first[cid])
            for i, (other, rkey) in enumerate(reps):
                same_place = not e.places or not other.places or set(e.places) & set(other.places)
                if not (key and rkey and same_place) or _other_towns(e, other):
                    continue
                if set(re.findall(r"\d+", key)) != set(re.findall(r"\d+", rkey)):
                    continue  # "KOEL Lean Cluster-1" and "-2": a numbered series, two clusters
                words, rwords = set(key.split()), set(rkey.split())
                if len(rwords) >= 2 and rwords < words:  # the earlier name is part of this one
                    into[other.id] = e
                    into.update({k: e for k, v in into.items() if v.id == other.id})
                    reps[i] = (e, key)
                    break
                if (len(words) >= 2 and words <= rwords) or fuzz.ratio(key, rkey) >= 88:
                    into[cid] = other
                    break
            else:
                reps.append((e, key))
        for e in found:
            rep = into.get(e.id)
            if rep is not None:
                if e.name != rep.name:
                    e.aliases.append(e.name)
                e.id, e.name, e.places = rep.id, rep.name, rep.places or e.places
        for e in found:
            e.attrs.pop("town", None)

    def _headline_cluster(self, sentences: list[Sentence], title: str) -> None:
        """A headline's one cluster, named nowhere in the body, is the body's one cluster when
        they make the same thing: "Centre approves electronic manufacturing cluster in Hubli"
        over "a greenfield electronics cluster in the Kotur and Belur Industrial Area of ...
        Dharwad district" (a headline names the nearest known town). Two different districts
        tell them apart."""
        heads = [e for s in sentences if s.text == title for e in s.entities if e.type == "Cluster"]
        body = {e.id: e for s in sentences if s.text != title
                for e in s.entities if e.type == "Cluster"}  # fmt: skip
        if len(body) > 1 and heads:  # "handloom cluster" over a body's cluster and a craft
            # village: the one of the headline's kind
            kind = heads[0].name.split()[-1]
            body = {i: e for i, e in body.items() if e.name.split()[-1] == kind}
        if len({e.id for e in heads}) != 1 or heads[0].id in body or len(body) != 1:
            return
        (other,) = body.values()
        head = heads[0]
        stems = [
            {w[:6] for w in self._cluster_key(e).split() if len(w) >= 4} for e in (head, other)
        ]
        if not (stems[0] & stems[1] or self._same_product(head, other)):
            return
        districts = [{p for p in e.places if is_a(p, "District")} for e in (head, other)]
        if districts[0] and districts[1] and not districts[0] & districts[1]:
            return
        for e in heads:  # the body says where it is: the headline's place word is not kept
            e.aliases.append(e.name)
            e.id, e.name, e.places = other.id, other.name, list(other.places)
            e.attrs["headline"] = True  # ingest/relations.py: placed by the body, not here

    @staticmethod
    def _bare_bodies(s: Sentence, sentences: list[Sentence]) -> None:
        """'the Board' -> the document's one Board (see `_bare_body_targets`)."""
        if not _BARE_BODY.search(s.clean):
            return
        targets = _bare_body_targets(sentences)
        spans = [(e.start, e.end) for e in s.entities]
        for m in _BARE_BODY.finditer(s.clean):
            t = targets.get(m.group(1))
            if t is None or any(a < m.end() and m.start() < b for a, b in spans):
                continue
            s.entities.append(Entity(t.id, t.type, t.name, m.start(), m.end(), t.role, [],
                                     dict(t.attrs), 0.7))  # fmt: skip

    def _corefer(self, sentences: list[Sentence], context: dict[str, Any]) -> None:
        """'the Department' -> the document's most mentioned department; likewise its cluster."""
        # "Kannauj attar cluster" in a headline is the document's "Kannauj Perfume Cluster".
        # "Bamboo craft cluster at Agartala" (a town) is the document's "West Tripura Bamboo
        # Cluster" when no district tells them apart and they share a product word.
        proper_names = [
            e for s in sentences for e in s.entities
            if e.type == "Cluster" and not e.attrs.get("described")
        ]  # fmt: skip
        named = {p: e for e in proper_names for p in e.places}
        # in a document naming several clusters, a description is the named cluster of its
        # place only when they share a product ("Water Hyacinth ... in Birbhum" is not the
        # "Handloom Cluster" of Birbhum); with one named cluster, the place is enough
        several = len({e.id for e in proper_names}) > 1
        for s in sentences:
            for e in s.entities:
                if e.attrs.pop("described", False):
                    proper = next(
                        (
                            named[p]
                            for p in e.places
                            if p in named
                            and (not several or self._same_product(e, named[p]))
                            and not _other_towns(e, named[p])
                        ),
                        None,
                    )
                    if proper is None and not e.places:
                        words = set(self._cluster_key(e).split())
                        proper = next(
                            (
                                n
                                for n in proper_names
                                if words & set(self._cluster_key(n).split())
                                and not _other_towns(e, n)
                            ),  # "... Mega Clusters at A, B": two
                            None,
                        )
                    if proper is not None and proper.id != e.id:
                        e.aliases.append(e.name)
                        e.id, e.name = proper.id, proper.name
        self._same_clusters(sentences)
        self._headline_cluster(sentences, str(context.get("title") or ""))
        depts = Counter(
            e.id for s in sentences for e in s.entities if e.role == "government department"
        )
        clusters = Counter(e.id for s in sentences for e in s.entities if e.type == "Cluster")
        context["cluster_group"] = focal_group(sentences)
        context["cluster"] = clusters.most_common(1)[0][0] if clusters else None
        context["cluster_entity"] = next(
            (e for s in sentences for e in s.entities if e.id == context["cluster"]), None
        )
        focal = depts.most_common(1)[0][0] if depts else None
        focal_e = next((e for s in sentences for e in s.entities if e.id == focal), None)
        admins = [e for s in sentences for e in s.entities if e.role == "district administration"]
        for s in sentences:
            spans = [(e.start, e.end) for e in s.entities]
            for rx, target in ((_BARE_DEPT, focal_e), (_BARE_ADMIN, admins[0] if admins else None)):
                if target is None:
                    continue
                for m in rx.finditer(s.clean):
                    if any(a < m.end() and m.start() < b for a, b in spans):
                        continue
                    s.entities.append(Entity(target.id, target.type, target.name, m.start(), m.end(),
                                             target.role, [], dict(target.attrs), 0.7))  # fmt: skip
            self._bare_bodies(s, sentences)
            s.entities.sort(key=lambda e: e.start)


# Words of ODOP product names that say what kind of product, not which
_PRODUCT_KINDS = {"products", "product", "based", "items", "handicrafts", "handicraft", "other"}


# An acronym opening a longer name ("MSE-CDP Infrastructure Development Scheme")
_LEADING_ACRONYM = re.compile(r"([A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)*)\s+[A-Za-z]")
# Words a scheme's name may add or drop and stay the same scheme's
_SCHEME_FILLER = {"scheme", "schemes", "programme", "program", "yojana", "continuation", "of",
                  "the", "and", "for", "to", "in", "on", "revised", "modified"}  # fmt: skip


def _same_words(name: str, known: str) -> bool:
    """Whether a scheme's name as written is a known one's: each of its words but
    `_SCHEME_FILLER` has its like in the known name (a misspelling apart, "up gradation" as
    "upgradation"), and it leaves out at most one word of a known name of five or more ("Indian
    Footwear and Leather Development Programme"); a word added is another scheme ("Small
    Cluster Development Programme", "National Handicrafts and Handloom ..."), unless it takes
    the place of one with the same initial, so that the acronym stays."""

    def missing(words: list[str], other: str) -> int:
        others, joined = other.split(), other.replace(" ", "")
        return sum(
            not (w in _SCHEME_FILLER or any(fuzz.ratio(w, o) >= 80 for o in others) or w in joined)
            for w in words
        )

    content = [w for w in known.split() if w not in _SCHEME_FILLER]
    added, left = missing(name.split(), known), missing(known.split(), name)
    if added == left == 1 and len(content) >= 4:
        # one word for another with the same initial: the same acronym, the same scheme
        # ("Pradhan Mantri Krishi Sampada Yojana" for the Kisan SAMPADA Yojana, PMKSY)
        mine = [w for w in name.split() if w not in _SCHEME_FILLER]
        return [w[0] for w in mine] == [w[0] for w in content]
    return added == 0 and left <= (1 if len(content) >= 5 else 0)


# A word written wholly or mostly in capitals: an acronym ("SFURTI", "SFURTi")
_ACRONYM_WORD = re.compile(r"\b[A-Z]{3,}[a-z]?\b")


def _named_product(products: list[str], text: str) -> str | None:
    """A district's ODOP product a CFC serves: its only one, or of two the one whose words the
    sentence uses ("The CFCs in Azamgarh and Agra will help potters in producing black
    pottery and ... leather goods": Azamgarh's Black Pottery, not its Reshmi sari)."""
    if len(products) == 1:
        return products[0]
    words = set(re.findall(r"[a-z]+", text.lower()))
    used = [
        p
        for p in products
        if {w for w in re.findall(r"[a-z]{4,}", p.lower()) if w not in _PRODUCT_KINDS} & words
    ]
    return used[0] if len(used) == 1 else None


def _other_towns(a: Entity, b: Entity) -> bool:
    """Whether two described clusters are placed in two different towns."""
    ta, tb = a.attrs.get("town"), b.attrs.get("town")
    return bool(ta and tb and ta != tb)


# A list of places opened by a preposition of place: "approved in Tahliwal, Parwanoo, ..."
_LOCATIVE_END = re.compile(r"\b(?:in|at)\s+$")
_QUALIFIED_CLUSTERS = re.compile(r"\b([A-Za-z]+)[\s-]+clusters?\b", re.I)


def _overlap(a: Mention | Described, b: Mention | Described) -> bool:
    """Whether two spans of a sentence share a character."""
    return a.start < b.end and b.start < a.end


def _kind_of_cluster(clean: str, start: int) -> bool:
    """Whether the last cluster word before `start` is qualified by a kind of cluster ("mini
    clusters in Gaya"): the list is of that kind's places, not of clusters of their own."""
    found = list(_QUALIFIED_CLUSTERS.finditer(clean, 0, start))
    return bool(found) and found[-1].group(1).lower() in CATEGORY


def _singular(words: str) -> str:
    """A centre's words for one centre: "facilitation centres" -> "facilitation centre"."""
    return re.sub(r"(?i)(centre|center|CFC)s\b", r"\1", words)


def _titled(words: str) -> str:
    """Words in title case, the joining "and" / "of" kept small ("Brass and Bell Metal")."""
    return re.sub(r"(?<=\S) (And|Of) (?=\S)", lambda m: f" {m.group(1).lower()} ", words.title())


def _head_word(e: Entity) -> str:
    return re.sub(r",.*$", "", e.name).split()[-1] if e.name.split() else ""


def _bare_body_targets(sentences: list[Sentence]) -> dict[str, Entity]:
    """Head word -> the document's body "the <Head>" refers to: the one agency whose name
    ends with it ("the Board" in a page about the Coir Board), when only one does."""
    by_head: dict[str, dict[str, Entity]] = {}
    for s in sentences:
        for e in s.of("Agency"):
            by_head.setdefault(_head_word(e), {}).setdefault(e.id, e)
    return {h: next(iter(es.values())) for h, es in by_head.items() if len(es) == 1}


def to_facts(
    doc: LoadedDocument, sentences: list[Sentence], context: dict[str, Any], source: str
) -> FactSet:
    """Write a read document as facts: Document node, entities, relations, quantities."""
    facts = FactSet(source)
    facts.rows = len(sentences)
    doc_prov = Provenance(source, "document", doc.title, "loader")
    attrs = {"path": doc.path, "sha256": doc.sha256, "sentences": doc.sentences, "title": doc.title}
    attrs |= {k: v for k, v in (("source_url", doc.source_url), ("date", doc.date)) if v}
    if any(context.get("glosses") or ()):  # a Hindi document: its English gloss, for search
        attrs["glosses"] = context["glosses"]
    facts.node(doc.id, "Document", doc.title, doc_prov, attrs)
    pair_alias = {normalize(a): b for a, b in context["pairs"]} | {
        normalize(b): a for a, b in context["pairs"]
    }

    def prov(s: Sentence, conf: float) -> Provenance:
        return Provenance(source, f"sentence {s.index + 1}", s.text, EXTRACTOR, round(conf, 2))

    for s in sentences:
        for e in s.entities:
            if len(e.name) > MAX_NAME_CHARS:
                facts.skip(f"sentence {s.index + 1}", f"a name of {len(e.name)} characters "
                           f"(more than {MAX_NAME_CHARS}) is not kept")  # fmt: skip
                continue
            aliases = list(e.aliases)
            if normalize(e.name) in pair_alias:
                aliases.append(pair_alias[normalize(e.name)])
            attrs = dict(e.attrs)
            if e.role:
                attrs["role"] = e.role
            facts.node(e.id, e.type, e.name, prov(s, e.confidence), attrs, aliases)
            facts.edge(e.id, "MENTIONED_IN", doc.id, prov(s, e.confidence))
        for fac in facilities(s, context, sentences[s.index - 1] if s.index > 0 else None):
            if len(fac.name) > MAX_NAME_CHARS:
                continue
            facts.node(fac.id, "Facility", fac.name, prov(s, 0.8), {"role": fac.role})
            facts.edge(fac.id, "MENTIONED_IN", doc.id, prov(s, 0.8))
    for s, src, rel, tgt, conf, attrs in relations_of(sentences, context):
        if src in facts.nodes and tgt in facts.nodes and src != tgt:
            try:
                check_relation(rel, facts.nodes[src].type, facts.nodes[tgt].type)
            except SchemaError:
                continue  # a rule's guess that the ontology does not allow
            facts.edge(src, rel, tgt, prov(s, conf), attrs)
    cluster = context.get("cluster_entity")
    glosses = context.get("glosses") or []
    for s in sentences:
        # a Hindi sentence's numbers are read off its English gloss ("Rs 88 crore")
        quantities = find_quantities((glosses[s.index] if s.index < len(glosses) else "") or s.text)
        targets = s.of("Cluster") or ([cluster] if cluster else [])
        key = f"quantities@{doc.id}"  # per document, so forgetting one removes exactly its numbers
        for q in quantities:
            for t in targets[:1]:
                node = facts.nodes[t.id]
                node.attrs.setdefault(key, []).append(
                    {**q.to_dict(), "sentence": s.index + 1, "sentence_text": s.text}
                )
                p = prov(s, 0.8)
                cited = Provenance(p.source, p.locator, p.text, p.extractor, p.confidence, (key,))
                facts.node(t.id, "Cluster", node.name, cited)
    return facts
