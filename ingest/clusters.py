"""Clusters described in running text, read from the sentence's parse (spaCy, kb.nlp).

A cluster is often not named but described: "food processing cluster in Mokokchung and
wooden furniture cluster in Dimapur", "Engineering Cluster at Angul, Fly Ash Cluster at
Angul", "the Coir Cluster proposed at Teispur", "three beekeeping clusters are being
established in Jammu Division", "Tirupur ... has become the first textile cluster". The
patterns are data over the parse:

- the **product** is the run of modifiers just left of the word "cluster" (nouns, proper
  nouns, adjectives, participles used as modifiers; "&" only between capitalised words),
  stopping at determiners, numbers, punctuation and conjunctions; words that only qualify (`DROPPED`:
  "first", "proposed", "various") are left out of the name, and words that name a kind of
  cluster rather than a product (`CATEGORY`: "regular", "major", "mini", "heritage") stay in
  the name but do not count as a product — a run of only those is no cluster;
- the **place** is, in order: a district heading the run ("Muzaffarpur bag cluster"), the
  object of "in"/"at" right after "cluster" (`PLACE_PREPOSITIONS`), ", <Town>" right after a
  capitalised name, the object of "in"/"at" of the verb the cluster is subject or object of
  ("... clusters are being established in Jammu"), or the subject of a copula whose
  complement is the cluster ("Tirupur ... has become the first textile cluster").

The caller decides what a place word is (a district, a state, an unknown town) through
`place_kind`; a description with no place, or whose place is only a state or a country, is
not a specific cluster and is not returned.

Clusters are also named by their places alone, in a list tied to a plural cluster word that
names no product ("The seven clusters in the State are Dindigul, Tirunelveli and Salem", "The
Clusters at Samudragarh and Santipur", "three clusters ... viz. Santhipur (Nadia) in West
Bengal, Bijnore in Uttar Pradesh"): `listed_clusters` reads the list off the words, each item
with the district or state that qualifies it; the product is the document's
(`document_product`: the word most often written before "cluster", "sector" or "industry").
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeGuard

from kb import nlp
from kb.config import bundled_data
from kb.eligibility import beneficiary_terms
from kb.schema import AGENCY_ROLES

CLUSTER_WORDS = {"cluster", "clusters"}
PLACE_PREPOSITIONS = {"in", "at"}
# Words after a cluster word that give the places it spreads over ("mango clusters covering
# Rangareddy, Mahbubnagar and Warangal"), read as "in"
SPREAD_WORDS = {"covering", "across", "spanning"}
# Left out of a described cluster's name: they qualify, they do not name.
DROPPED = {
    "first", "second", "third", "proposed", "existing", "new", "various", "other", "such",
    "identified", "several", "many", "more", "successful", "famous", "largest", "biggest",
    "oldest", "only", "important", "potential", "selected", "specific", "leading", "same",
    "entire", "whole", "own", "said", "above", "following", "respective", "total", "country",
    "state", "district", "local", "present", "one", "two", "three", "four", "five",
    "upcoming", "planned", "remaining", "another", "similar", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "additional", "further",
    # a project's extent and kind ("a 224.5-acre greenfield electronics cluster")
    "acre", "acres", "hectare", "hectares", "greenfield", "brownfield", "promising",
}  # fmt: skip
# Kinds of cluster (a scheme's categories, sizes): kept in a name, never a product on their own.
CATEGORY = {
    "regular", "major", "mini", "micro", "small", "medium", "mega", "heritage", "industrial",
    "msme", "sme", "mse", "traditional", "rural", "urban", "soft", "hard", "large", "big",
    "artisan", "artisanal", "sfurti", "cdp", "cfc", "odop", "product", "products", "specific",
    "growth", "development", "based", "allied", "model", "pilot",
    "block", "level",  # "Block Level Clusters" of the National Handloom Development Programme
}  # fmt: skip
_RUN_POS = {"NOUN", "PROPN", "ADJ", "VERB"}
_NOMINAL = {"NOUN", "PROPN"}


def _product_names(registry: bool = False) -> list[str]:
    """Lower-case names of what is made: the ODOP products (data/tables/odop.csv), the product
    thesaurus's terms (kb/products.csv) and, with `registry`, the cluster registry's products
    and names (data/clusters/clusters.csv). A file that cannot be read gives none."""
    sources: list[tuple[Path, tuple[str, ...]]] = [
        (bundled_data() / "tables" / "odop.csv", ("Product",)),
        (Path(__file__).resolve().parent.parent / "kb" / "products.csv", ("term",)),
    ]
    if registry:
        sources.append((bundled_data() / "clusters" / "clusters.csv", ("product", "cluster_name")))
    out: list[str] = []
    for path, columns in sources:
        try:
            with open(path, encoding="utf-8") as f:
                out += [(row.get(c) or "").lower() for row in csv.DictReader(f) for c in columns]
        except OSError:
            continue
    return out


# Nouns in products' names that name no product on their own ("Auto Parts", "Consumer Goods",
# "Food Processing Plants", "Engineering Services")
GENERIC_NOUNS = frozenset(
    "good goods part parts plant plants service services material materials article articles "
    "item items date image screen structure compound implement fitting fittings spare spares "
    "extract derivative instrument sport stick plate pipe button granule bale activitie "
    "industrie machinerie".split()
)


@lru_cache(maxsize=1)
def product_words() -> frozenset[str]:
    """Lower-case words that name what is made: the words of the ODOP products and the product
    thesaurus's terms (`_product_names`). A word the tagger took for a verb right before a
    cluster word ("handloom clusters", tagged as "to handloom the clusters") is a product word
    when it is one of these."""
    words = {w for name in _product_names() for w in re.findall(r"[a-z]{3,}", name)}
    # one word in either number: "Pickles" of an ODOP product's name, "pickle centres"
    words |= {w[:-1] for w in words if w.endswith("s") and not w.endswith("ss") and len(w) > 4}
    return frozenset(words - {"and", "the", "for", "with", "based", "products", "product"}
                     - GENERIC_NOUNS)  # fmt: skip


def is_product_word(word: str) -> bool:
    """Whether a lower-case word names what is made, not a kind of cluster (`CATEGORY`)."""
    return word in product_words() and word not in CATEGORY


@lru_cache(maxsize=1)
def joint_products() -> frozenset[str]:
    """Products written as two words joined by "and" that name one trade ("gems and jewellery",
    "cane and bamboo"), lower case with "&" as "and": the pairs of the ODOP products, the
    product thesaurus and the cluster registry's products and names. "gems and jewellery
    clusters" is one kind of cluster; "honey processing and pottery clusters" are two."""
    return frozenset(
        f"{a} and {b}"
        for name in _product_names(registry=True)
        for a, b in re.findall(r"([a-z]+)\s+and\s+([a-z]+)", name.replace("&", " and "))
    )


# Units of an address after a place's name ("Shigli Village", "Sirahatti Taluk", "Bolpur block")
ADMIN_UNITS = {
    "village", "villages", "taluk", "taluka", "taluks", "tehsil", "tahsil", "mandal", "block",
    "blocks", "district", "districts", "hobli", "panchayat",
}  # fmt: skip
# Words opening an insertion between a cluster and its place ("cluster, including a mango
# processing unit, in Ramanagara district")
_INSERTIONS = {"including", "with", "comprising", "which", "besides"}
_SUBJECT_OBJECT = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj"}
# Verbs whose "for" gives the place of what they act on ("a cluster was planned for X")
_PLANNED_FOR = {"plan", "propose", "sanction", "approve", "announce", "earmark", "recommend",
                "select", "identify", "choose", "envisage", "moot"}  # fmt: skip
_COPULA_LEMMAS = {"be", "become", "remain"}
_HAVING_LEMMAS = {"have", "get", "host"}
# Capitalised words after "in"/"at" that are not a cluster's place
NOT_PLACES = {
    "india", "the country", "country", "government", "state", "district", "town", "village",
    "region", "area", "city", "division", "block", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip


@dataclass(frozen=True)
class Described:
    """A cluster described in a sentence: `product` words (as written), its `place` surface
    and what kind of place it is, and the span from the first product word to the place."""

    product: str
    place: str
    place_kind: str  # "district", "town" (unknown to the gazetteer)
    place_id: str | None
    start: int
    end: int
    capitalised: bool  # written as a name ("Fly Ash Cluster")


_GLUE_CLUSTER = re.compile(r"\b([Cc]lusters?|CFCs?|SPVs?)(at|in|is|of|and|has|for|with|under)\b")
_GLUE_CAPITAL = re.compile(r"\b(at|in|of|and|with|to|by|from|under|the|for)([A-Z][A-Za-z]+)")
_GLUE_CAMEL = re.compile(r"\b([A-Z][a-z]{2,})([A-Z][a-z]{2,})\b")
# a scheme's kind word hyphened to the next name: "Centrally Sponsored Scheme-National
# Handloom Development Programme" is two names
_GLUE_KIND = re.compile(r"\b(Scheme|Programme|Program)-(?=[A-Z][a-z]{2,})")


def unglue(text: str) -> str:
    """Split words that real pages run together around a cluster or a name:
    "Fly Ash Clusterat Angul", "proposed atTeispur", "withSPV", "andRMKV", "RiceMill",
    "PrakashSilks", "Scheme-National Handloom ...". (A brand spelt in camel case, "YouTube", is
    split too.)"""
    text = _GLUE_CLUSTER.sub(r"\1 \2", text)
    text = _GLUE_KIND.sub(r"\1 - ", text)
    text = _GLUE_CAMEL.sub(r"\1 \2", text)
    return _GLUE_CAPITAL.sub(r"\1 \2", text)


_CAPS_CLUSTER = re.compile(  # not a body's name: "VAIGAI COIR CLUSTER PVT LTD" is the SPV
    r"\b(?:[A-Z][A-Z&-]+\s+){2,5}CLUSTERS?\b(?!\s+(?:PVT|PRIVATE|LTD|LIMITED|CO|COMPANY|"
    r"SOCIETY|ASSOCIATION|FOUNDATION|FEDERATION|TRUST|SPV|FOR|OF)\b)"
)
_CAPS_ACRONYMS = {"MSME", "MSMES", "ODOP", "SFURTI"}
_CAPS_NOT_NAME = {"THE", "OF", "ABOUT", "FOR", "AND", "IN", "AT", "TO", "ON", "BY", "WITH"}


def caps_cluster_names(text: str, acronym: Callable[[str], bool]) -> str:
    """A cluster's name written in capitals, as on a report's cover or a table's heading
    ("KOHKAPAL WOODEN CRAFTS CLUSTER"), in title case ("Kohkapal Wooden Crafts Cluster"), the
    same length; acronyms (`acronym`, the programmes' own, and words of up to three letters:
    "IIE") stay. Capitals that are no name ("ABOUT THE CLUSTER AREA") stay as written."""

    return _CAPS_CLUSTER.sub(lambda m: _caps_titled(m.group(0), acronym), text)


def _caps_titled(caps: str, acronym: Callable[[str], bool]) -> str:
    """Capitals in title case, but acronyms and words of up to three letters; as written
    when a word shows they are no name ("ABOUT THE CLUSTER AREA")."""
    if any(w in _CAPS_NOT_NAME for w in caps.split()):
        return caps
    return re.sub(
        r"[A-Z][A-Z&-]*",
        lambda w: (
            w.group(0)
            if len(w.group(0)) <= 3 or w.group(0) in _CAPS_ACRONYMS or acronym(w.group(0))
            else w.group(0).title()
        ),
        caps,
    )


# A role followed by its holder's name in capitals, as on a report's cover: "Implementing
# Agency ADITYA GLOBAL BUSINESS INCUBATOR", "Nodal Agency: COIR BOARD"
_ROLE_PHRASES = "|".join(p for r in AGENCY_ROLES for p in r.phrases if not p.startswith("^"))
_CAPS_HOLDER = re.compile(
    rf"(?i:{_ROLE_PHRASES})\s*[:\-–]?\s*(?P<name>[A-Z][A-Z&.'-]+(?:\s+[A-Z][A-Z&.'-]+){{1,6}})\b"
)


def caps_role_holders(text: str, acronym: Callable[[str], bool]) -> str:
    """The name in capitals that a role labels (`_CAPS_HOLDER`) in title case, the same length,
    as `caps_cluster_names` reads a cluster's."""

    def title(m: re.Match[str]) -> str:  # the name ends the match
        return m.group(0)[: m.start("name") - m.start()] + _caps_titled(m.group("name"), acronym)

    return _CAPS_HOLDER.sub(title, text)


# Nouns other than "cluster" that stand for a cluster project when a product qualifies them:
# "a Gold Hub at Faridpur", "organic spices seed parks", "an apparel park"; "Industrial
# Park" and "export hub" name no product ("Craft Park" is a name: ingest/mentions.py)
PROJECT_HEADS = {"hub", "hubs", "park", "parks"}
# A village a craft names is a cluster project too ("Sharan ... selected as a Craft Handloom
# Village", "the craft village at Jitwarpur"): the Ministry of Textiles develops crafts villages
# as a kind of cluster; a village named by its place alone is a place (`_GROUND_WORDS`)
VILLAGE_HEADS = {"village", "villages"}
CRAFT_WORDS = {"craft", "crafts", "handicraft", "handicrafts", "handloom", "handlooms"}
_PROJECT_WORD = re.compile(
    rf"\b(?:{'|'.join(sorted(PROJECT_HEADS))})\b|\b(?:{'|'.join(sorted(CRAFT_WORDS))})\s+villages?\b",
    re.I,
)
# A cluster project's shared centre: a common facility centre, or the incubation centre that
# PMFME and state schemes fund as a food or craft cluster's common infrastructure
FACILITY_WORD = re.compile(
    r"\bCFCs?\b|\b(?:(?:common )?facilit(?:y|ation)|incubation|concentration) cent(?:re|er)s?\b",
    re.I,
)


def mentions_cluster(text: str) -> bool:
    """A cluster word, or a common facility centre (a cluster's CFC named by its place)."""
    return "cluster" in text.lower() or FACILITY_WORD.search(text) is not None


PlaceKind = Callable[[str], tuple[str, str | None] | None]


# Worth parsing: a cluster word, and a capitalised word after "in"/"at"/"for"/"of" (a colon
# between: "... clusters are in: Assam (Kamrup and Nalbari)"), after
# "Cluster," or after a centre's dash
_WORTH = re.compile(
    r"\b(?:[Ii]n|[Aa]t|for|of|covering|across|spanning):?\s+(?:the\s+)?[A-Z]|[Cc]lusters?\s*,\s*[A-Z]"
    r"|\b(?:[Cc]ent(?:re|er)|CFC|Clusters?)\s+[-–—]\s+[A-Z]"  # "X centre - Host, Place"
    # places a plural cluster word is said to be: "The handloom clusters of the state are
    # Tirupati, ...", "Clusters: Tirupati, ..."
    rf"|\b(?:[Cc]lusters|(?i:{'|'.join(sorted(CRAFT_WORDS))})\s+villages)\b(?:\s+[a-z]+){{0,6}}?"
    r"\s+(?:are|were)\s+[A-Z]"
    r"|\b[Cc]lusters\s*:\s*[A-Z]"
    # a place's name heading the cluster's product words ("the Sualkuchi silk cluster")
    r"|\b[A-Z][a-z]+(?:\s+[a-z][a-z-]*){1,3}\s+[Cc]lusters?\b"
    # a named subject said to be or have a cluster ("Meerut is India's third largest sports
    # goods manufacturing cluster", `_place`'s rule 5)
    r"|^\W*(?!(?:The|This|These|That|Those|It|Its|They|A|An|In|At|On)\b)"
    r"[A-Z][A-Za-z-]+(?:\s+[A-Z][A-Za-z-]+){0,2}\s+(?:is|was|has|had|will|became|becomes)\b"
)


def worth_parsing(text: str) -> bool:
    """Whether `text` may describe a cluster with its place (the parse is the costly part)."""
    return (
        mentions_cluster(text)
        or _PROJECT_WORD.search(text) is not None
        or _PROCESSING_CENTRE.search(text) is not None
    ) and (_WORTH.search(text) is not None or _made_into(text))


# A place made into a cluster ("Sharan to be developed as craft handloom village"): "as" and a
# cluster or village word, after a capitalised word of the same line (`_made_into`)
_MADE_AS = re.compile(
    r"\bas\s+(?:an?\s+|the\s+)?(?:[A-Za-z-]+\s+){0,4}(?:[Cc]lusters?|[Vv]illages?)\b"
)
_NAME_WORD = re.compile(r"\b[A-Z][a-z]+\b")


def _made_into(text: str) -> bool:
    """Whether `text` may make a place into a cluster: a capitalised word, then "as ...
    cluster/village" on its line. Read match by match, in linear time (one pattern with ".*"
    between the two took seconds on a 100 kB sentence)."""
    return any(
        _NAME_WORD.search(text, text.rfind("\n", 0, m.start()) + 1, m.start())
        for m in _MADE_AS.finditer(text)
    )


# A number standing for the clusters of the sentence before ("... nine coir clusters. Two,
# at Kangeyam and Palladam, were inaugurated ...")
NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
}  # fmt: skip
PLURAL_CLUSTERS = re.compile(r"\bclusters\b", re.I)
CLUSTER_WORD = re.compile(r"\bclusters?\b", re.I)
# In a document about clusters, the projects it counts are its clusters' ("... today there are
# 20 pilot projects. These are at Bargarh, Barabanki, ...")
_PLURAL_PROJECTS = re.compile(r"\b(?:clusters|projects)\b", re.I)


# "These include ...", "They are ...": a sentence whose subject stands for the clusters the
# sentence before it speaks of
_STANDING_FOR = re.compile(r"\W*(?:these|they)\s+(?:include|includes|are|were)\b", re.I)


def elided_clusters(text: str, before: str, about_clusters: bool = False) -> bool:
    """Whether `text` opens with a number or a pronoun that stands for the clusters `before`
    speaks of ("Two, at Kangeyam and Palladam, were inaugurated"; "These include Jodhpur
    (limestone), Varanasi (brick kilns) ..."): the cluster word is left out. In a document
    `about_clusters`, the projects `before` speaks of are clusters too."""
    first = re.match(r"\W*([A-Za-z]+|\d+)\b", text)
    number = first is not None and (
        first.group(1).lower() in NUMBER_WORDS or first.group(1).isdigit()
    )
    standing = number or _STANDING_FOR.match(text) is not None
    plural = _PLURAL_PROJECTS if about_clusters else PLURAL_CLUSTERS
    return standing and not mentions_cluster(text) and plural.search(before) is not None


# Worth parsing for `served_workers`: a giving verb, then workers of a named place
_SERVED = re.compile(
    r"\b(?:distribut|provid|giv|gave|hand|suppl|train)\w*\b.*\b(?:potters?|weavers|artisans|"
    r"craftsmen)(?:\s+famil(?:y|ies)|\s+households?)?\s+(?:of|in|from)\s+[A-Z]",
    re.I,
)


# An item "<product> in <Place>" (`in_items`); three in a sentence may be a list of them
_IN_ITEM = re.compile(r"\b[A-Za-z]+\s+in\s+(?:the\s+)?[A-Z]")


def parse_all(texts: list[str], odop: bool = False) -> list[Any]:
    """The parses `described_clusters` reads, in one batch (None where not worth parsing);
    `odop`: the document is about One District One Product (`in_items`)."""
    about_clusters = any(mentions_cluster(t) for t in texts)
    wanted = [
        i
        for i, t in enumerate(texts)
        if worth_parsing(t)
        or _SERVED.search(t) is not None
        or UNITS_IN.search(t) is not None
        or (i > 0 and elided_clusters(t, texts[i - 1], about_clusters))
        or (about_clusters and len(_FOR_ITEM.findall(t)) >= 2)
        or _GROUND_LIST.search(t) is not None
        or (odop and len(_IN_ITEM.findall(t)) >= 3)
    ]
    docs: list[Any] = [None] * len(texts)
    for i, doc in zip(wanted, nlp.parse_many([texts[i] for i in wanted]), strict=True):
        docs[i] = doc
    return docs


def described_clusters(
    text: str, place_kind: PlaceKind, doc: Any = None, definite: bool = False
) -> list[Described]:
    """The clusters `text` describes with their place. `place_kind(surface)` says what a
    place word is: ("district", id), ("state", id), ("town", None), or None (not a place).
    `doc` is the text's parse when already made (`parse_all`). `definite`: the document names
    no cluster, so "the CFC in Korba" is a project of its own (`_introduced_centre`)."""
    if doc is None:
        if not worth_parsing(text):
            return []
        doc = nlp.parse_many([text])[0]
    out: list[Described] = []
    for tok in doc:
        facility = facility_head(doc, tok)
        if tok.lower_ not in CLUSTER_WORDS and not _facility_sector(tok) and facility is None:
            continue
        run = _product_run(doc, doc[facility] if facility is not None else tok)
        # "three Handloom Cluster projects at Bolpur, ...": the projects stand for the clusters;
        # "the kiwi cluster common facility centre was inaugurated in X": so does its centre
        head = doc[tok.i + 1] if _project_after(doc, tok) else _centre_after(doc, tok) or tok
        place = (
            _place(doc, head, run, place_kind)
            or _shared_place(doc, tok, run, place_kind)
            or _included_place(doc, tok, run, place_kind)
        )
        made = None
        if tok.lower_ in CLUSTER_WORDS and not any(
            t.is_alpha and t.lower_ not in CATEGORY | DROPPED | AMOUNT_WORDS for t in run
        ):
            # "a Rs 100-crore mega cluster for MSMEs catering to the aerospace and defence
            # ecosystem in Hosur": a kind of cluster whose product and place follow it
            made = _made_after(doc, tok, place_kind)
            if made is not None and place is None and made[2] is not None:
                place = (*made[2], run, False)
        if place is None and tok.lower_ == "clusters":
            # "Out of 50 Handloom Clusters, 14 in West Tripura, 5 in Khowai District, ...": the
            # clusters of the product counted out by place, those of each place one record
            counted = _counted_places(doc, tok, place_kind)
            words = [t for t in _without_state(doc, run, place_kind) if t.lower_ not in DROPPED]
            if counted and any(t.lower_ not in CATEGORY and t.is_alpha for t in words):
                product = text[words[0].idx : words[-1].idx + len(words[-1].text)]
                out += [Described(product, *item, False) for item in counted]
        if place is None:
            continue
        surface, kind, pid, pstart, pend, run, adjacent = place
        if made is not None:
            start = run[0].idx if run else tok.idx
            out.append(Described(made[0], surface, kind, pid, start, made[1], False))
            continue
        run = _without_state(doc, run, place_kind)
        # a scheme's name before the product names no product: "SFURTI coir clusters for
        # Konark, Puri, ..." are coir clusters (the scheme is linked from its own mention)
        words = [t for t in run if t.lower_ not in DROPPED | _SCHEME_WORDS]
        if not any(t.lower_ not in CATEGORY and t.is_alpha for t in words):
            introduced = _introduced_centre(doc, tok, facility, definite)
            if words or (tok.lower_ != "cluster" and not introduced):
                continue  # "regular cluster", "mega cluster": a kind of cluster, not one
            # "the upcoming cluster in Raikot", "established a common facility centre in
            # Rishikesh": one cluster (project) with its place and no product word; `product`
            # is left empty for the caller (the document's product)
        first = doc[facility] if facility is not None else tok  # "common" of "common ... centre"
        start, end = (words[0].idx if words else first.idx), tok.idx + len(tok.text)
        if adjacent:  # the place is part of the phrase: "Engineering Cluster at Angul"
            start, end = min(start, pstart), max(end, pend)
        product = text[words[0].idx : words[-1].idx + len(words[-1].text)] if words else ""
        if not product and facility is not None:
            product = _workers_craft(doc)  # "a CFC for the bamboo artisans"
        # a name when written as one, "Cluster" included ("Coir cluster" opening a sentence is
        # not); a CFC's words name its cluster's product, not the cluster; "Agro Food
        # Processing Clusters ... for Kangra, Mandi and Solan" names a kind of several
        capitalised = (
            bool(words)
            and tok.lower_ in CLUSTER_WORDS
            and not _plural_head(doc, head)
            and tok.text[:1].isupper()
            and all(t.text[:1].isupper() for t in words if t.is_alpha)
        )
        out.append(Described(product, surface, kind, pid, start, end, capitalised))
        if words and not _plural_head(doc, head) and tok.lower_ == "cluster":
            # "the hand tools cluster at Jalandhar and Ludhiana, ...": one cluster word over
            # places coordinated to the end of the phrase is a cluster in each ("... in Gaya and
            # Hooghly will get a centre" coordinates two clauses, not two places)
            at = next((t.i for t in doc if t.idx >= pend), len(doc))
            if at < len(doc) and doc[at].text == "(":  # "in Dehradun (Uttarakhand) and ..."
                at = next((t.i + 1 for t in doc[at:] if t.text == ")"), len(doc))
            joined = at < len(doc) and doc[at].lower_ in ("and", "&")
            items = _continued_places(doc, pend, place_kind) if joined else []
            if (
                items
                and _phrase_ends(doc, items[-1][4])
                and not any(_unit_after(doc, item[4]) for item in items)
            ):
                out += [Described(product, *item, False) for item in items]
        elif words and _plural_head(doc, head):
            # "the Nuapada, Sonepur and Boudh handloom clusters": the districts coordinated
            # before the one heading the product have a cluster each too
            if adjacent and pstart < words[0].idx:
                first = next(t for t in doc if t.idx >= pstart)
                out += [Described(product, *item, False)
                        for item in _coordinated_before(doc, first.i, place_kind)]  # fmt: skip
            # "bell metal clusters in Bankura and Murshidabad", "three bamboo clusters will
            # be developed in Jammu, Katra and Samba": one cluster of the product per place
            more = _continued_places(doc, pend, place_kind)
            others = _coordinated_products(doc, text, run)
            if others and len(others) == len(more) and _respectively(doc, more[-1][4]):
                # "the tiles and sports goods clusters in Hassan and Tumakuru districts
                # respectively": the n-th product's cluster is at the n-th place
                out.pop()
                firsts = [*reversed(others), (words[0].idx, product)]  # in the text's order
                places = [(surface, kind, pid, pstart, pend), *more]
                out += [Described(made, s, k, i, start, e, False)
                        for (start, made), (s, k, i, _, e) in zip(firsts, places, strict=True)]  # fmt: skip
                continue
            out += [Described(product, *item, False) for item in more]
            # "honey processing and pottery clusters in Vellore": a cluster of each product
            for start, other in others:
                out.append(Described(other, surface, kind, pid, start, start + len(other), False))
                # at each further place, the span runs to that place: one span per cluster
                out += [Described(other, s, k, i, start, e, False) for s, k, i, _, e in more]
        if not capitalised and words:
            # the described cluster's product in capitals, and the preposition of its place:
            # items in capitals are read only with the same one ("... cluster at Mandibal,
            # Sozni at Batapora", not "... cluster at Bhagabatipur, Ahmedpur in Birbhum")
            k = next((t.i for t in doc if t.idx >= pstart), 0)
            prep = doc[k - 1].lower_ if k > 0 and doc[k - 1].lower_ in PLACE_PREPOSITIONS else ""
            titled = all(t.text[:1].isupper() for t in words if t.is_alpha)
            out += _elided_items(doc, text, pend, place_kind, titled=prep if titled else "")
    return out


# The category words that are schemes' or programmes' names, not kinds of cluster
_SCHEME_WORDS = {"sfurti", "cdp", "odop", "msme", "sme", "mse"}


# Words of an amount before a cluster word ("a Rs 100-crore mega cluster"): no product
AMOUNT_WORDS = {"rs", "inr", "crore", "crores", "lakh", "lakhs", "million", "billion"}
# Words after a cluster word that say what it is for: "a mega cluster for leather footwear",
# "a cluster catering to the aerospace ecosystem", "a cluster making brass ware"
_FOR_WORDS = {"for", "catering", "making", "producing", "manufacturing", "serving"}


def unplaced_clusters(text: str, place_kind: PlaceKind, doc: Any) -> list[tuple[str, int, int]]:
    """(product, start, end) of each one cluster of a product that `text` speaks of with no
    place in its sentence: "the 5.7-crore aluminium die casting cluster's project report",
    "the industrial jewellery cluster being developed by the state government there". The
    caller places it by the document (its one clear district). Not a kind of cluster ("the
    mega cluster"), a cluster word qualifying another noun ("cluster development
    programme"), several clusters, nor a name written as one (a known or named cluster)."""
    if doc is None:
        return []
    out = []
    for tok in doc:
        if tok.lower_ != "cluster" or tok.text[:1].isupper() or _plural_head(doc, tok):
            continue
        possessive = any(c.dep_ == "case" for c in tok.children)  # "the cluster's DPR"
        if tok.dep_ in ("compound", "amod", "nmod") and not possessive:
            continue
        run = _product_run(doc, tok)
        if _place(doc, tok, run, place_kind) or _shared_place(doc, tok, run, place_kind):
            continue
        words = [t for t in _without_state(doc, run, place_kind)
                 if t.lower_ not in DROPPED | _SCHEME_WORDS | AMOUNT_WORDS]  # fmt: skip
        # the words from the first product word on ("industrial jewellery": jewellery)
        first = next((k for k, t in enumerate(words) if is_product_word(t.lower_)), None)
        if first is None or any(t.text[:1].isupper() for t in words):
            continue
        words = words[first:]
        if any(place_kind(t.text) for t in words):
            continue
        product = text[words[0].idx : words[-1].idx + len(words[-1].text)]
        out.append((product, words[0].idx, tok.idx + len(tok.text)))
    return out


def _made_after(
    doc: Any, tok: Any, place_kind: PlaceKind
) -> tuple[str, int, tuple[str, str, str | None, int, int] | None] | None:
    """(product, its end, the place or None) for a cluster word its left words do not say the
    product of, when its own clause goes on to say what it is for and the words there name a
    product ("mega cluster for leather footwear at Vellore"); the place is the first in/at
    after the product, in the same clause. None when no product word follows."""
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ not in _FOR_WORDS:
        return None
    end = tok.i + 1
    while end < len(doc) and end - tok.i <= 24:
        t = doc[end]
        if t.text in (",", ";", ".", ":") or t.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            break
        end += 1
    first = next((t for t in doc[tok.i + 2 : end] if t.is_alpha and is_product_word(t.lower_)
                  and t.pos_ in ("NOUN", "PROPN", "ADJ")), None)  # fmt: skip
    if first is None:
        return None
    made = [first]
    for t in doc[first.i + 1 : end]:
        joined = t.lower_ in ("and", "&") and t.i + 1 < end and doc[t.i + 1].dep_ == "conj"
        if is_product_word(t.lower_) or joined or (t.dep_ == "conj" and t.head in made):
            made.append(t)
            continue
        break
    product_end = made[-1].idx + len(made[-1].text)
    place = None
    for t in doc[made[-1].i + 1 : end]:
        if t.lower_ in PLACE_PREPOSITIONS and t.i + 1 < end:
            found = _resolve(doc, _proper_run(doc, doc[t.i + 1]), place_kind)
            if found is not None:
                place = found
                break
    return doc.text[first.idx : product_end], product_end, place


# Heads of a cluster project besides the cluster word: a common facility centre is its
# cluster's project ("a water hyacinth CFC at Dhubri" describes the water hyacinth cluster there)
_CENTRE_WORDS = {"centre", "centres", "center", "centers"}
_PLURAL_HEADS = {"clusters", "cfcs", "centres", "centers", "projects", "hubs", "parks"}
_FACILITY_NOUNS = {"facility", "facilitation"}


def facility_head(doc: Any, tok: Any) -> int | None:
    """Where the phrase of a common facility centre headed by `tok` begins ("CFC", or "common"
    of "common facility centre"), or None when `tok` heads no such phrase. The words left of it
    are the product of the centre's cluster."""
    if tok.text in ("CFC", "CFCs"):
        return tok.i
    if tok.lower_ in _CENTRE_WORDS and tok.i >= 1 and doc[tok.i - 1].lower_ in _FACILITY_NOUNS:
        # "common facility centre", or "facilitation centres" once the text has said common
        common = tok.i >= 2 and doc[tok.i - 2].lower_ == "common"
        return tok.i - 2 if common else tok.i - 1
    if tok.lower_ in _CENTRE_WORDS and tok.i >= 1 and doc[tok.i - 1].lower_ in _CENTRE_KINDS:
        return tok.i - 1
    if tok.lower_ in PROJECT_HEADS and _makes(_product_run(doc, tok)):
        return tok.i
    if tok.lower_ in VILLAGE_HEADS and _crafted(_product_run(doc, tok)):
        return tok.i
    if tok.lower_ in _PROCESSING_HEADS:  # "a tamarind processing centre at Chhindgaon"
        start = _processing_start(doc, tok)
        if start is not None and _makes(_product_run(doc, doc[start])):
            return start
    return None


def _processing_start(doc: Any, tok: Any) -> int | None:
    """Where the words of processing before a centre or unit `tok` begin: "processing", or
    "value addition" ("a banana fibre value-addition unit"); None when they are not there."""
    i = tok.i - 1
    if i >= 1 and doc[i].lower_ == "processing":
        return i
    if i >= 2 and doc[i].lower_ == "addition":
        j = i - 2 if doc[i - 1].text in ("-", "–") and i >= 3 else i - 1
        if doc[j].lower_ == "value":
            return j
    return None


# Kinds of centre that are a cluster project ("incubation centre", "Bamboo Based Crafts
# Concentration Centre in Sovima")
_CENTRE_KINDS = {"incubation", "concentration"}
# One centre processing a product ("a Ginger-Turmeric processing Centre", "a mango processing
# unit", "a banana fibre value-addition unit"): a project when the word before "processing"
# is a product word; plural ("processing units in Tirupur") it is the trade of a place, not a
# project
_PROCESSING_HEADS = {"centre", "center", "unit", "plant"}
_PROCESSING_CENTRE = re.compile(
    rf"\b(?:processing|value[\s-]+addition)\s+(?:{'|'.join(sorted(_PROCESSING_HEADS))})\b", re.I
)


def _makes(run: list[Any]) -> bool:
    """Whether the modifiers `run` name what is made: the word next to the head is a word of
    the products' names ("Gold Hub", "seed parks"; not "Corporation Ltd park")."""
    last = run[-1].lower_ if run else ""
    return is_product_word(last) and last not in ("craft", "crafts")


def _crafted(run: list[Any]) -> bool:
    """Whether the modifiers `run` of a village make it a craft village: a craft word next to
    the head ("Craft Handloom Village", "crafts villages"), not a place's name before it."""
    return bool(run) and run[-1].lower_ in CRAFT_WORDS


_PROJECT_WORDS = {"project", "projects"}
# Nouns a cluster word may qualify that stand for the cluster's ground: "the Muga cluster
# villages near Dhemaji", "the brass cluster area in Moradabad"
_GROUND_WORDS = {"village", "villages", "area", "areas", "region", "belt", "pocket", "pockets"}


def _introduced_centre(doc: Any, tok: Any, facility: int | None, definite: bool = False) -> bool:
    """Whether `tok` heads one common facility centre the text brings in with "a"/"an" ("X
    established a Common Facility Centre in Rishikesh", "A common facilitation centre ... was
    inaugurated at Kainfulia"): a project of its own, even with no product word. "The CFC",
    "CFCs" and "a CFC of the brass cluster" are centres of clusters named elsewhere, unless
    the document names no cluster (`definite`): then "the CFC in Korba" is the project."""
    if facility is None or _plural_head(doc, tok) or any(t.lower_ in CLUSTER_WORDS for t in doc):
        return False
    articles = ("a", "an", "the") if definite else ("a", "an")
    return doc[facility - 1].lower_ in articles if facility > 0 else False


# Who works at a cluster's centre: the nouns qualifying them name the craft ("bamboo artisans")
WORKER_NOUNS = {"artisans", "artisan", "weavers", "craftsmen", "craftspeople", "potters"}


def _workers_craft(doc: Any) -> str:
    """The craft of the workers a sentence speaks of, from the nouns compounded with them
    ("A CFC for the bamboo artisans", "Bamboo artisans work at the CFC"): "" when none."""
    for t in doc:
        if t.lower_ in WORKER_NOUNS:
            run = [c for c in t.lefts if c.dep_ in ("compound", "amod") and c.pos_ in _NOMINAL
                   and c.is_alpha and c.lower_ not in DROPPED and c.lower_ not in CATEGORY]  # fmt: skip
            # a craft the product names know ("women artisans" are no craft)
            if run and run[-1].i == t.i - 1 and run[-1].lower_ in product_words():
                return " ".join(c.text for c in run)
    return ""


# The craft of workers named by their trade alone ("the village potters of X")
WORKER_CRAFT = {"potter": "pottery", "potters": "pottery"}
# Verbs that give a scheme's support to workers ("distributed ... among the potters of X")
_SERVE_VERBS = {"distribute", "provide", "give", "hand", "supply", "train"}
_SERVE_PREPOSITIONS = {"to", "among", "amongst", "for"}
_HOUSEHOLDS = {"family", "families", "household", "households"}


def served_workers(text: str, place_kind: PlaceKind, doc: Any) -> list[Described]:
    """Workers of a craft in named places who are given a scheme's support, never called a
    cluster: "distributed electric potter wheels ... among the village potters of Jakhopur,
    Khedli and Abhaypur (Gurugram), Ghasera and Indri (Nooh district)", "distributed 80
    wheels to 80 potter families in Pokhran". Each district's places are one group of
    workers, named by its first place; the product is their craft."""
    out: list[Described] = []
    if doc is None or "cluster" in text.lower():
        return out
    for tok in doc:
        worker = tok if tok.lower_ in WORKER_NOUNS else None
        if worker is None and tok.lower_ in _HOUSEHOLDS:  # "potter families"
            worker = next((c for c in tok.lefts if c.dep_ == "compound"
                           and (c.lower_ in WORKER_NOUNS or f"{c.lower_}s" in WORKER_NOUNS)), None)  # fmt: skip
        if worker is None:
            continue
        given = tok.head if tok.dep_ == "pobj" else None
        if given is None or given.lower_ not in _SERVE_PREPOSITIONS:
            continue
        # the verb giving (the parse may hang the preposition on a nearer word: "worth
        # over Rs 67 lakh among the potters")
        if not any(a.lemma_.lower() in _SERVE_VERBS for a in given.ancestors):
            continue
        craft = WORKER_CRAFT.get(worker.lower_) or _workers_craft(doc)
        if not craft:
            continue
        preps = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("of", "in", "from")]
        if not preps:
            continue
        out += _by_district(craft, _place_list(doc, preps[0].i + 1, place_kind), text)
    return out


def _by_district(
    craft: str, items: list[tuple[str, str, str | None, int, int]], text: str
) -> list[Described]:
    """One group of workers or units per district of the places listed, named by its first
    place: "Jakhopur, Khedli and Abhaypur (Gurugram)": the district written in brackets after
    a group of places is the district of each of them; one listed like the others ("units at
    Baripada, Berhampur and Dhenkanal") is a place of its own."""
    groups: dict[str, list[tuple[str, str, str | None, int, int]]] = {}
    waiting: list[tuple[str, str, str | None, int, int]] = []
    alone: list[tuple[str, str, str | None, int, int]] = []
    for item in items:
        if item[1] == "district" and waiting and "(" not in text[waiting[-1][4] : item[3]]:
            alone += waiting
            waiting = []
        waiting.append(item)
        if item[2] is not None:
            groups.setdefault(item[2], []).extend(waiting)
            waiting = []
    out = []
    for where, group in [*groups.items(), *((None, [w]) for w in alone + waiting)]:
        surface, kind, _, pstart, pend = group[0]
        out.append(Described(craft, surface, kind, where, pstart, pend, False))
    return out


# Units said to work in named places: "set up their own agarbatti manufacturing units in
# Birkuchi area", "220 units are operational in Bijbehara, Sangam, Halmulah villages"
UNITS_IN = re.compile(r"\bunits\b[^.;]{0,40}?\b(?:in|at)\s+[A-Z]")
_UNIT_NOUNS = {"units", "workshops", "factories"}
# What units are said to do where they are ("are operational in", "were set up in")
_UNIT_VERBS = {"be", "operate", "function", "work", "run", "set", "establish", "locate", "base",
               "come", "start"}  # fmt: skip


def units_in_places(text: str, place_kind: PlaceKind, doc: Any) -> list[Described]:
    """The units of a craft a text places in named towns or districts, never called a
    cluster (only read where the document names no cluster): one group per district, named
    by its first place; the product is the craft the units' modifiers name, else empty (the
    document's product, for the caller)."""
    out: list[Described] = []
    if doc is None:
        return out
    for tok in doc:
        if tok.lower_ not in _UNIT_NOUNS or tok.pos_ != "NOUN":
            continue
        # "in" on the units, or on the verb or adjective they are said of ("units are
        # operational in X": on "are"; "set up ... units in X": on "units")
        holders = [tok]
        if tok.head.lemma_.lower() in _UNIT_VERBS:  # not "the units sell in X"
            holders += [tok.head, *(c for c in tok.head.children if c.dep_ in ("acomp", "prt"))]
        preps = [c for h in holders for c in h.children if c.dep_ == "prep"
                 and c.lower_ in PLACE_PREPOSITIONS and c.i > tok.i]  # fmt: skip
        if not preps:
            continue
        # the craft among the words before the units ("agarbatti manufacturing units"); what
        # they do to it ("processing units", "dyeing units") leaves the document's product
        craft = next((t.text for t in reversed(doc[tok.left_edge.i : tok.i]) if t.is_alpha
                      and is_product_word(t.lower_) and t.lower_ not in DROPPED
                      and not t.lower_.endswith("ing")), "")  # fmt: skip
        craft = craft or _units_on(tok)
        out += _by_district(craft, _place_list(doc, min(p.i for p in preps) + 1, place_kind), text)
    return out


def _units_on(tok: Any) -> str:
    """The craft the units `tok` are said to work on ("processing units on millet, spices and
    mushrooms": millet), or ""."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "for", "of"):
            for t in prep.subtree:
                if t.is_alpha and is_product_word(t.lower_):
                    return str(t.text)
    return ""


def _project_after(doc: Any, tok: Any) -> bool:
    """Whether the cluster word `tok` qualifies a project word or the cluster's ground after
    it ("Cluster projects", "cluster villages"): that noun heads the cluster's phrase."""
    return (
        tok.lower_ in CLUSTER_WORDS
        and tok.i + 1 < len(doc)
        and doc[tok.i + 1].lower_ in _PROJECT_WORDS | _GROUND_WORDS
    )


def _shared_place(
    doc: Any, tok: Any, run: list[Any], place_kind: PlaceKind
) -> tuple[str, str, str | None, int, int, list[Any], bool] | None:
    """The place of the cluster coordinated right after the cluster word `tok`, when `tok`
    has none of its own: "palmleaf cluster and women's garment cluster in Sivagangai" are
    both in Sivagangai."""
    i = tok.i + 1
    if tok.lower_ != "cluster" or not run or i >= len(doc) or doc[i].lower_ not in ("and", "&"):
        return None
    for j in range(i + 1, min(i + 7, len(doc))):
        t = doc[j]
        if t.lower_ in CLUSTER_WORDS:
            other = _product_run(doc, t)
            if not other:
                return None
            found = _place(doc, t, other, place_kind)
            return (*found[:5], run, False) if found is not None else None
        if not (t.is_alpha and t.pos_ in _ITEM_POS | {"DET"}) and t.text not in ("'s", "’s"):
            return None
    return None


# Words opening the items a plural cluster word takes: "the clusters of X include A, B and C"
_INCLUDING = {"include", "includes", "included", "including", "comprise", "comprises", "are",
              "viz", "namely", ":"}  # fmt: skip


def _included_place(
    doc: Any, tok: Any, run: list[Any], place_kind: PlaceKind
) -> tuple[str, str, str | None, int, int, list[Any], bool] | None:
    """The place of a cluster listed among those of a placed plural cluster word: "The five
    industrial clusters identified for Mysore include the printing cluster ..., general
    engineering cluster, packaging cluster ... and ESDM cluster" are each in Mysore. The item
    opens the list or follows a comma or "and"; no verb stands between it and the opening
    word; the plural cluster word is at most eight words before that word."""
    if tok.lower_ != "cluster" or not run:
        return None
    first = run[0].i - (run[0].i > 0 and doc[run[0].i - 1].lower_ in ("the", "a", "an"))
    if first == 0 or doc[first - 1].lower_.rstrip(".") not in _INCLUDING | {",", "and", "&"}:
        return None
    opener = None
    for t in reversed(doc[:first]):
        if t.lower_.rstrip(".") in _INCLUDING:
            opener = t
            break
        if t.pos_ in ("VERB", "AUX") or t.text in (".", ";") or t.lower_ == "clusters":
            return None
    if opener is None:
        return None
    plural = next(
        (t for t in reversed(doc[max(0, opener.i - 8) : opener.i]) if t.lower_ == "clusters"), None
    )
    if plural is None:
        return None
    found = _place(doc, plural, _product_run(doc, plural), place_kind)
    return (*found[:5], run, False) if found is not None else None


def _coordinated_products(doc: Any, text: str, run: list[Any]) -> list[tuple[int, str]]:
    """(start, words) of the lower-case products coordinated before the `run` of a plural
    cluster word ("honey processing and pottery clusters", "coir, bamboo and cane clusters"):
    each names a cluster of its own, unless the pair names one trade (`joint_products`:
    "gems and jewellery clusters"). An item must hold a product word (`product_words`) and
    name no people or bodies ("weavers and handloom clusters")."""
    out: list[tuple[int, str]] = []
    i = run[0].i - 1
    if i < 1 or doc[i].lower_ not in ("and", "&") or not run[0].text.islower():
        return []
    after = run[0]
    while i >= 1 and doc[i].lower_ in ("and", "&", ","):
        item = _product_run(doc, doc[i])
        if (
            not item
            or len(item) > 4
            or not all(t.is_alpha and t.text.islower() and t.pos_ in _ITEM_POS for t in item)
            or not any(t.lower_ in product_words() for t in item)
            or beneficiary_terms().get(item[-1].lower_) in ("person", "body")
            or f"{item[-1].lower_} and {after.lower_}" in joint_products()
        ):
            break
        words = [t for t in item if t.lower_ not in DROPPED]
        if words:
            out.append((words[0].idx, text[words[0].idx : words[-1].idx + len(words[-1].text)]))
        after = item[0]
        i = item[0].i - 1
    return out


def _centre_after(doc: Any, tok: Any) -> Any:
    """The head of the common facility centre the cluster word `tok` qualifies ("cluster
    common facility centre", "cluster CFC"), or None."""
    if tok.lower_ not in CLUSTER_WORDS:
        return None
    for k in (1, 3):
        if tok.i + k < len(doc) and facility_head(doc, doc[tok.i + k]) == tok.i + 1:
            return doc[tok.i + k]
    return None


def _plural_head(doc: Any, tok: Any) -> bool:
    """A head that stands for several clusters: "clusters", "CFCs", "crafts villages", or "one
    CFC each"."""
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
    # "crafts villages" are several craft villages; "the silk cluster villages" one cluster's
    crafted = tok.lower_ == "villages" and _crafted(_product_run(doc, tok))
    return tok.lower_ in _PLURAL_HEADS or nxt == "each" or crafted


# Words between a count and the place it is counted in ("14 nos. in West Tripura", "two of
# them at Kutch", "five clusters in Nadia")
_COUNTED_FILLERS = {"nos", "nos.", "no", "no.", ".", "of", "them", "these", "are", "is", "were",
                    "cluster", "clusters", "each"}  # fmt: skip


def _placed(
    found: tuple[str, str, str | None, int, int] | None,
) -> TypeGuard[tuple[str, str, str | None, int, int]]:
    """Whether a resolved place (`_resolve`) is a district, or a town the KB places (any
    capitalised word is a town no table knows)."""
    return found is not None and found[1] in ("district", "town") and found[2] is not None


def _counted_places(
    doc: Any, tok: Any, place_kind: PlaceKind
) -> list[tuple[str, str, str | None, int, int]]:
    """The places the plural cluster word `tok` is counted out over later in its sentence:
    "Out of 50 Handloom Clusters, 14 nos. in West Tripura, 5 in Khowai District and 4 in
    North Tripura": each place a count (not a year or an amount) is said to be in, when two
    places at least are so counted; districts, or towns the KB places."""
    items: list[tuple[str, str, str | None, int, int]] = []
    end = len(doc)  # the text is one sentence already (the parser's own may end at "nos.")
    for j in range(tok.i + 1, end):
        t = doc[j]
        if not t.like_num or (t.text.isdigit() and len(t.text) == 4):
            continue
        k = j + 1
        while k < end and doc[k].lower_ in _COUNTED_FILLERS:
            k += 1
        if k + 1 >= end or doc[k].lower_ not in PLACE_PREPOSITIONS:
            continue
        run = _place_run(doc, doc[k + 1], place_kind)
        found = _resolve(doc, run, place_kind) if run else None
        if _placed(found):
            items.append(found)
    return items if len(items) >= 2 else []


def _coordinated_before(
    doc: Any, i: int, place_kind: PlaceKind
) -> list[tuple[str, str, str | None, int, int]]:
    """The places coordinated before the one at token `i` ("Nuapada, Sonepur and" before
    "Boudh"), in the text's order: districts, or towns the KB places; [] at the first word
    that is none."""
    items: list[tuple[str, str, str | None, int, int]] = []
    while i >= 2 and doc[i - 1].lower_ in (",", "and", "&"):
        j = i - 1
        if doc[j].lower_ in ("and", "&") and doc[j - 1].text == ",":
            j -= 1  # ", and"
        if j < 1 or not (doc[j - 1].is_alpha and doc[j - 1].text[:1].isupper()):
            break
        start = _name_start(doc, doc[j - 1])
        found = _resolve(doc, list(doc[start.i : j]), place_kind)
        if not _placed(found):
            break
        items.insert(0, found)
        i = start.i
    return items


def _respectively(doc: Any, end: int) -> bool:
    """Whether "respectively" closes the list that ends at character `end` (past its unit
    word: "in Hassan and Tumakuru districts respectively")."""
    i = next((t.i for t in doc if t.idx >= end), len(doc))
    while i < len(doc) and (doc[i].lower_ in ADMIN_UNITS or doc[i].text == ","):
        i += 1
    return i < len(doc) and doc[i].lower_ == "respectively"


def _continued_places(
    doc: Any, pend: int, place_kind: PlaceKind
) -> list[tuple[str, str, str | None, int, int]]:
    """The places coordinated with the one that ends at character `pend` (", Katra and Samba",
    "and Murshidabad"), each a cluster of the same product: the list of places right after a
    separator, read as `_place_list` reads it (qualifiers included). A separator followed by
    product words ("..., footwear in Agra") is another shape (`_elided_items`)."""
    i = next((t.i for t in doc if t.idx >= pend), len(doc))
    if i < len(doc) and doc[i].text == "(":  # "at Thurpupalem (Razole), Uppalaguptam ..."
        i = next((t.i + 1 for t in doc[i:] if t.text == ")"), len(doc))
    while i < len(doc) and doc[i].lower_ in ADMIN_UNITS:
        i += 1  # "in Bankura district and ...", "at Bolpur block, ..."
    i = _past_qualifier(doc, i, place_kind)  # "at Kochanahalli in Mysuru, ..."
    if i >= len(doc) or doc[i].lower_ not in _LIST_SEPARATORS:
        return []
    i += 1
    if i < len(doc) and doc[i].lower_ in ("and", "&"):
        i += 1
    return _place_list(doc, i, place_kind) if i < len(doc) else []


def _owned_place(
    doc: Any, run: list[Any], found: tuple[str, str, str | None, int, int], place_kind: PlaceKind
) -> tuple[list[Any], tuple[str, str, str | None, int, int] | None] | None:
    """ "Assam's Barpeta": when the place `found` over `run` is a state followed by "'s", the
    run of the place it owns and that place (None when the words are no place); else None."""
    after = run[-1].i + 1
    if found[1] != "state" or after + 1 >= len(doc) or doc[after].text not in ("'s", "’s"):
        return None
    owned = _proper_run(doc, doc[after + 1])
    return owned, (_resolve(doc, owned, place_kind) if owned else None)


def _past_qualifier(doc: Any, i: int, place_kind: PlaceKind) -> int:
    """Token `i`, or the token after the qualifier "in <district or state>" (and its unit
    word) that starts there: the first place of a list may be qualified like the others."""
    if i + 1 >= len(doc) or doc[i].lower_ != "in":
        return i
    inner = _proper_run(doc, doc[i + 1])
    found = _resolve(doc, inner, place_kind) if inner else None
    if found is None or found[1] not in ("district", "state"):
        return i
    k = inner[-1].i + 1
    while k < len(doc) and doc[k].lower_ in ADMIN_UNITS:
        k += 1
    return k


def _unit_after(doc: Any, end: int) -> bool:
    """Whether a unit word of an address follows character `end` ("Halli Village")."""
    i = next((t.i for t in doc if t.idx >= end), len(doc))
    return i < len(doc) and doc[i].lower_ in ADMIN_UNITS


def _phrase_ends(doc: Any, end: int) -> bool:
    """Whether the noun phrase ends at character `end`: a comma, a full stop, a bracket or
    the end of the text follows (no verb of another clause, no unit word of an address:
    "Belur & Halli Village" is one address). A bracket qualifying the place is passed over;
    after it, "and" goes on to the sentence's next item, not to another clause ("cluster in
    Dehradun (Uttarakhand) and Indore (Madhya Pradesh) and carpet cluster in Panipat")."""
    i = next((t.i for t in doc if t.idx >= end), len(doc))
    if i < len(doc) and doc[i].text == "(":
        close = next((t.i for t in doc[i:] if t.text == ")"), None)
        if close is None:
            return False
        i = close + 1
        if i < len(doc) and doc[i].lower_ in ("and", "&"):
            return True
    return i >= len(doc) or doc[i].text in (",", ".", ";", ")", ":")


# Parts of speech of a product word in an elided list item ("footwear", "glass beads")
_ITEM_POS = {"NOUN", "ADJ", "VERB", "PROPN"}


def _elided_items(
    doc: Any,
    text: str,
    pend: int,
    place_kind: PlaceKind,
    first: bool = False,
    titled: str = "",
) -> list[Described]:
    """Clusters listed after a described one with the cluster word left out: "a leather
    cluster will come up in Kanpur, footwear in Agra, and glass beads and silk weaving in
    Varanasi" describes the footwear cluster in Agra and the glass beads and silk weaving
    clusters in Varanasi. Read off the words: each item is ", [and] <lower-case product>
    [and <product>] in/at <Place>" right after the place before it; the list stops at the
    first word of another shape, and at an item naming people or bodies (`beneficiary_terms`:
    "weavers in Gaya", "units in Agra"). `titled`: the preposition of the described cluster's
    place when its product is written in capitals: so may the items' be, with that same
    preposition ("Kani Shawl cluster at Mandibal, Sozni at Batapora and Willow Wicker at
    Kachari"), a known place or a person being no product."""
    out: list[Described] = []
    i = next((t.i for t in doc if t.idx >= pend), len(doc))
    n = len(doc)
    while i < n:
        while i < n and doc[i].lower_ in ("district", "districts"):
            i += 1  # "in Kanpur district, footwear in Agra"
        if first:  # the list's first item, right where it opens ("approved for honey at X")
            first = False
        elif i < n and doc[i].text == ",":
            i += 1
        elif i >= n or doc[i].lower_ != "and":
            break
        if i < n and doc[i].lower_ == "and":
            i += 1
        products: list[list[Any]] = [[]]
        while i < n and len(products) <= 3:
            t = doc[i]
            if t.lower_ == "and" and products[-1]:
                products.append([])
            elif t.is_alpha and (
                _item_word(t)
                or (titled and t.text[:1].isupper() and t.lower_ not in NOT_PLACES
                    and t.lower_ not in _PERSON_TITLES
                    and not _known_place(t.text, place_kind))
            ):  # fmt: skip
                if t.lower_ in CLUSTER_WORDS or len(products[-1]) >= 4:
                    return out
                products[-1].append(t)
            elif t.text == "-" and products[-1] and i + 1 < n and doc[i + 1].is_alpha:
                products[-1].append(t)  # "zari-zardosi"
            else:
                break
            i += 1
        if not all(products) or i + 1 >= n or doc[i].lower_ not in PLACE_PREPOSITIONS:
            break
        if doc[i].lower_ != titled and any(
            t.is_alpha and not _item_word(t) for r in products for t in r
        ):
            break  # products in capitals, read only at the described cluster's preposition
        names = []
        for run in products:
            words = [t for t in run if t.lower_ not in DROPPED and t.text != "-"]
            if not any(t.lower_ not in CATEGORY for t in words):
                return out
            if beneficiary_terms().get(run[-1].lower_) in ("person", "body"):
                return out  # "weavers in Gaya", "units in Agra": who, not what is made
            names.append((run[0].idx, text[run[0].idx : run[-1].idx + len(run[-1].text)]))
        cand = _proper_run(doc, doc[i + 1])
        found = _resolve(doc, cand, place_kind) if cand else None
        if found is not None and found[1] == "town":
            found = _town_district(doc, found, place_kind)
        if found is None or found[1] not in ("district", "town"):
            break
        surface, kind, pid, _, place_end = found
        # each item's span is its own product's words: two products of one place ("glass
        # beads and silk weaving in Varanasi") are two clusters, not two readings of one span
        out += [
            Described(product, surface, kind, pid, start, start + len(product), False)
            for start, product in names
        ]
        i = next((t.i for t in doc if t.idx >= place_end), n)
    return out


def _known_place(word: str, place_kind: PlaceKind) -> bool:
    """Whether `word` is a place the gazetteer knows: a district, a state, or a town it puts in
    a district (any other capitalised word is an unknown town to `place_kind`)."""
    kind = place_kind(word)
    return kind is not None and (kind[0] in ("district", "state") or kind[1] is not None)


# Titles before a person's name ("Minister Sirsa", "Mr Sharma"), lower case; ingest/extract.py
# reads them before a place word (`_TITLED`)
PERSON_TITLES = frozenset(
    "mr mrs ms dr shri sri smt minister secretary commissioner collector chairman mla mp".split()
)
# ... and, of a listed item, the posts too: "Mr Sharma at Agra", "Director at Khordha" are no
# product at a place
_PERSON_TITLES = PERSON_TITLES | {"director", "president", "officer"}


def _item_word(t: Any) -> bool:
    """A word of a product in a list item: lower case, or a short acronym in a noun phrase
    ("LED lights", "PVC pipes"), whatever the tagger calls it."""
    if t.text.islower():
        return t.pos_ in _ITEM_POS
    return t.is_upper and len(t.text) <= 5 and t.dep_ in ("compound", "amod", "nmod")


# What opens a list of places after a plural cluster word that names no product
LIST_OPENERS = {"viz", "namely", "include", "includes", "including", "i.e", "ie", ":"}
_LIST_SEPARATORS = {",", "and", "&", ";"}
_PRODUCT_HEADS = r"clusters?|sectors?|industry|industries"
_PRODUCT_WORD = re.compile(rf"\b([A-Za-z]{{3,}})\s+(?:{_PRODUCT_HEADS})\b")
_NOT_PRODUCT = {
    "the", "these", "this", "those", "that", "all", "each", "every", "any", "its", "their",
    "our", "his", "her", "with", "from", "into", "for", "and", "are", "has", "have", "was",
    "were", "under", "among", "such", "about", "both", "nine", "ten", "seven", "eight", "six",
    "public", "private", "government", "cottage", "village", "indian", "allied", "related",
    "some", "most", "few", "key", "main", "core", "cluster", "clusters", "industry",
    "smaller", "larger", "bigger", "export", "exports", "building", "service", "services",
    "industries",
}  # fmt: skip


# What units are said to work on: "two processing and allied units on millet, spices and ..."
_UNITS_ON = re.compile(r"\bunits?\s+(?:on|for|making|producing)\s+([A-Za-z]{3,})", re.I)


def headline_product(texts: list[str], title: str) -> str | None:
    """The product of a document whose words before its cluster words name none
    (`document_product`): the one word of the headline `title` that names what is made and that
    the document `texts` writes at least three times in all, headline included ("... to take
    Odisha's handicrafts to the world": handicrafts), once at least in lower case (a common
    noun, not only a word of a name: "Scheme of Fund for Regeneration of Traditional
    Industries"); None when no such word or more than one."""
    heads = {
        w for w in re.findall(r"[a-z]{4,}", title.lower())
        if is_product_word(w) and w not in _NOT_PRODUCT | DROPPED | NOT_PLACES
    }  # fmt: skip
    found = []
    for w in heads:
        written = [m for t in texts for m in re.findall(rf"\b{w}\b", t, re.I)]
        if len(written) >= 3 and w in written:
            found.append(w)
    return found[0] if len(found) == 1 else None


# A heading naming its section's trade: "Leather Sub-Sector", "Wool And Textile Sector"
_SECTION = re.compile(
    r"([A-Za-z]+(?:\s+(?:and|&)\s+[A-Za-z]+)?)\s+(?:sub[\s-]?)?(?:sectors?|clusters?|industry)",
    re.I,
)


def section_heading(text: str) -> str | None:
    """For a heading (a line of at most five words with no closing stop): the product its
    section is about, lower case ("Leather Sub-Sector": "leather"), or "" when it names none
    ("Sub Sectors"); None for a sentence that is no heading."""
    words = text.split()
    if not words or len(words) > 5 or text.rstrip()[-1:] in ".?!:;,":
        return None
    m = _SECTION.fullmatch(text.strip())
    if m is None:
        return ""
    product = m.group(1).lower().replace("&", "and")
    first = product.split()[0]
    return product if is_product_word(first) and first not in _NOT_PRODUCT else ""


def document_product(texts: list[str]) -> str | None:
    """The product a document's clusters make when a sentence does not say: the word most often
    written right before "cluster(s)", "sector" or "industry" ("coir industry", "handloom
    clusters"), when one word leads (singular and plural counted as one). A word written every
    time after the same word is named with it: "sewing machine" for "sewing machine industry"
    and "sewing machine manufacturers"."""
    counts: dict[str, int] = {}
    for text in texts:
        for m in _PRODUCT_WORD.finditer(text):
            w = m.group(1).lower()
            if w in _NOT_PRODUCT or w in CATEGORY or w in DROPPED or w in NOT_PLACES:
                continue
            if w.endswith("ed"):  # "approved clusters", "launched clusters": no product
                continue
            if re.search(r"\bto\s+$", text[: m.start()], re.I):
                continue  # "to foster cluster development": a verb, no product
            counts[w] = counts.get(w, 0) + 1
        for m in _UNITS_ON.finditer(text):  # "processing units on millet, spices and ..."
            w = m.group(1).lower()
            if is_product_word(w):
                counts[w] = counts.get(w, 0) + 1
    for w in [w for w in counts if w.endswith("s") and w[:-1] in counts]:
        counts[w[:-1]] += counts.pop(w)  # "handlooms" is "handloom"
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None  # no one product leads
    word = ranked[0][0]
    before = [
        b.lower()
        for text in texts
        for b in re.findall(rf"\b([A-Za-z]+)\s+{word}s?\b", text, re.I)
    ]  # fmt: skip
    lead = before[0] if before else ""
    compound = (
        len(before) >= 2
        and all(b == lead for b in before)
        and lead not in _NOT_PRODUCT | CATEGORY | DROPPED
        and len(lead) >= 3
    )
    return f"{lead} {word}" if compound else word


@lru_cache(maxsize=1)
def foreign_places() -> frozenset[str]:
    """Lower-case names of countries and world regions (kb/countries.csv): places a document
    names that are no town of an Indian cluster ("competition from China")."""
    try:
        with open(
            Path(__file__).resolve().parent.parent / "kb" / "countries.csv", encoding="utf-8"
        ) as f:
            return frozenset(row["name"].lower() for row in csv.DictReader(f))
    except OSError:
        return frozenset()


def salient_product(texts: list[str]) -> str | None:
    """The product a document writes most, for a document whose cluster words name none
    (`document_product`) and whose headline names none (`headline_product`): the product word
    (`is_product_word`; no participle such as "added") written most often, twice at least, when
    one word leads ("Chennimalai ... handloom hub ... three handloom cooperative societies":
    handloom). Two words written together every time lead together ("bell metal")."""
    counts: dict[str, int] = {}
    for text in texts:
        for w in re.findall(r"\b[A-Za-z]{3,}\b", text):
            w = w.lower()
            if (
                (is_product_word(w) or is_product_word(f"{w}s"))  # "toy" of "Kondapalli Toys"
                and not w.endswith("ed")
                and w not in _NOT_PRODUCT | DROPPED | NOT_PLACES
            ):
                counts[w] = counts.get(w, 0) + 1
    # a word never written in lower case is a name's ("Kondapalli toys"), not a product
    common = {w for w in counts for t in texts if re.search(rf"\b{w}\b", t)}
    counts = {w: n for w, n in counts.items() if w in common}
    for w in [w for w in counts if w.endswith("s") and w[:-1] in counts]:
        counts[w[:-1]] += counts.pop(w)  # "handlooms" is "handloom"
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        (a, n), (b, _) = ranked[:2]
        if len(ranked) > 2 and ranked[2][1] == n:
            return None
        for pair in (f"{a} {b}", f"{b} {a}"):
            if sum(len(re.findall(rf"\b{pair}s?\b", t, re.I)) for t in texts) == n:
                return pair
        return None  # no one product leads
    return ranked[0][0]


def listed_clusters(
    text: str, place_kind: PlaceKind, doc: Any, elided: bool = False
) -> list[Described]:
    """Clusters named only by their places in a list after a plural cluster word with no
    product (see the module's docstring); `product` is left empty for the caller to fill.
    `elided`: the sentence's opening number stands for the plural cluster word
    (`elided_clusters`)."""
    out: list[Described] = []
    if doc is None:
        return out
    opening = next((t.i for t in doc if not t.is_punct), -1)
    for tok in doc:
        ground = _ground_list(doc, tok)
        if ground is not None:
            # "selected areas like Mangrol (Baran), Beawar (Ajmer) and Nagaur": the places of
            # the document's trade (the caller drops them when the document names none)
            out += _listed_items(text, _place_list(doc, ground, place_kind), place_kind)
            continue
        standing = elided and tok.i == opening and (tok.like_num or tok.lower_ in ("these", "they"))
        facility = facility_head(doc, tok)
        villages = tok.lower_ == "villages" and tok.i > 0 and doc[tok.i - 1].lower_ in CRAFT_WORDS
        head = (
            tok.lower_ == "clusters"
            or villages
            or (facility is not None and _plural_head(doc, tok))
        )
        if not head and not standing:
            continue
        run = _product_run(doc, doc[facility] if facility is not None else tok)
        named = [t for t in run if t.lower_ not in CATEGORY and t.lower_ not in DROPPED]
        # "The handloom clusters of the state are Tirupati, ...": a product's clusters whose
        # places the copula gives (`described_clusters` reads those after "in"/"at")
        copular = (villages or (tok.lower_ == "clusters" and facility is None)) and all(
            t.is_alpha for t in named
        )
        if named and not (copular and not standing):
            continue
        made = text[named[0].idx : named[-1].idx + len(named[-1].text)] if named else ""
        starts = _list_starts(doc, tok, skip_comma=standing, copula_only=bool(named))
        for start in starts:
            items = _place_list(doc, start, place_kind, bracketed_states=True)
            listed = _listed_items(text, items, place_kind)
            if made:
                listed = [replace(d, product=d.product or made) for d in listed]
            # a state is an item only with its product in the bracket after it
            listed = [d for d in listed if d.place_kind != "state" or d.product]
            if listed:
                # "Four centres are being built in Ludhiana, and one each in Patiala and Mohali"
                more = _each_places(doc, items[-1][4], place_kind)
                out += listed + [Described("", *item, False) for item in more]
                break
            if start < len(doc) and not standing:
                # "clusters were approved for honey at Samba, pottery at Tonk and coir at
                # Erode": each item names its product and its place (the cluster word left out)
                named = _elided_items(doc, text, doc[start].idx, place_kind, first=True)
                if named:
                    out += named
                    break
    return out


def _listed_items(
    text: str, items: list[tuple[str, str, str | None, int, int]], place_kind: PlaceKind
) -> list[Described]:
    """The clusters of a list's places (`_place_list`), each with the product its bracket
    names, if any."""
    return [Described(_bracketed_product(text, item[4], place_kind), *item, False)
            for item in items]  # fmt: skip


# Plural nouns of the ground a trade stands on, whose places a list may give ("areas like")
_GROUND_PLURALS = {"areas", "pockets", "belts", "regions", "centres", "centers", "locations"}


_GROUND_LIST = re.compile(rf"\b(?:{'|'.join(sorted(_GROUND_PLURALS))})\s+(?:like|such as)\s+[A-Z]")


def _ground_list(doc: Any, tok: Any) -> int | None:
    """Where the places begin after a plural ground noun `tok` and "like" / "such as"
    ("selected areas like Mangrol (Baran), ..."), or None when `tok` opens no such list."""
    if tok.lower_ not in _GROUND_PLURALS or tok.i + 2 >= len(doc):
        return None
    nxt = doc[tok.i + 1]
    if nxt.lower_ == "like":
        return tok.i + 2
    if nxt.lower_ == "such" and doc[tok.i + 2].lower_ == "as" and tok.i + 3 < len(doc):
        return tok.i + 3
    return None


# "..., and one each in A, B and C": a list's further places, one item each
_EACH = re.compile(r"\s*,?\s*(?:and\s+)?(?:one|a|two|three)\s+(?:each\s+)?(?:in|at)\s+", re.I)


def _each_places(
    doc: Any, end: int, place_kind: PlaceKind
) -> list[tuple[str, str, str | None, int, int]]:
    """The places a list goes on to after its last item ends at character `end`: "and one
    each in Patiala, Phagwara and Mohali"; [] when it does not go on so."""
    m = _EACH.match(doc.text, end)
    if m is None:
        return []
    start = next((t.i for t in doc if t.idx >= m.end()), len(doc))
    return _place_list(doc, start, place_kind) if start < len(doc) else []


# A bracket right after a listed place: "Jalandhar (Potato), Jodhpur (Isabgol)"
_BRACKETED = re.compile(r"\s*\(([A-Za-z][A-Za-z &-]{2,39})\)")


def _bracketed_product(text: str, end: int, place_kind: PlaceKind) -> str:
    """What a listed place's bracket says is made there ("Varanasi (brick kilns)"), or "" when
    the bracket holds no product: a place or an administrative word ("(Kanyakumari
    district)"), an abbreviation ("(TN)")."""
    m = _BRACKETED.match(text, end)
    if m is None:
        return ""
    inner = " ".join(m.group(1).split())
    words = inner.lower().split()
    if inner.isupper() or any(w in ADMIN_UNITS or w in ("state", "ut") for w in words):
        return ""
    if any((place_kind(x) or ("",))[0] in ("district", "state") for x in (inner, inner.title())):
        return ""
    return inner


# A table's header names what its columns hold: the place of each row, and what it makes
_PLACE_COLUMN = re.compile(r"\b(?:district|location|place|town|village|block)s?\b", re.I)
_PRODUCT_COLUMN = re.compile(
    r"\b(?:crafts?|products?|items?|activit(?:y|ies)|trades?|commodit(?:y|ies)|specialit(?:y|ies))\b",
    re.I,
)
_RULE_ROW = re.compile(r"^[\s|:=-]*$")


def table_cells(text: str) -> list[str] | None:
    """The cells of a table row flattened to a line ("Bankura | Dokra, Terracotta |"), or None
    for a line that is no row."""
    if "|" not in text or _RULE_ROW.match(text):
        return None
    cells = [c.strip() for c in text.strip().strip("|").split("|")]
    return cells if len(cells) >= 2 else None


# A line announcing clusters set out a line each below it ("The following bamboo clusters were
# selected under the mission:", then "Dhemaji, Assam", "Kolasib (Mizoram)", ...)
_ANNOUNCING = re.compile(r"\b(?:clusters|CFCs)\b[^:]*:\s*$", re.I)
_ANNOUNCED_RUN = re.compile(r"((?:[A-Za-z&-]+\s+){1,3})(?:clusters|CFCs)\b", re.I)
_ITEM_LINE = re.compile(
    r"([A-Z][A-Za-z-]+(?:\s+[A-Z][A-Za-z-]+){0,2})"  # the place
    r"(?:\s*[,(–-]\s*([A-Z][A-Za-z -]+?)\s*\)?)?\s*[.;]?"  # its district or state
)


# Words before the cluster word of an announcing line that name no product ("Three Block
# Level Clusters have been sanctioned ...:")
_NOT_ANNOUNCED = (
    CATEGORY | DROPPED | _NOT_PRODUCT | NUMBER_WORDS | ADMIN_UNITS
    | {"selected", "following", "approved", "level"}
)  # fmt: skip
# A table row's serial number before its place and its figures after ("1Bhachau, Kutch133.640
# 131.740 65": run together as a PDF's table is copied), taken off the item line
_ROW_NUMBER = re.compile(r"^\s*\(?\d{1,3}[.)]?\s*(?=[A-Z])")
_ROW_FIGURES = re.compile(r"(?<=[A-Za-z)])[\s|]*\d[\d.,\s|/-]*$")
# Lines a table may set between its announcing line and its first row: a unit ("(Rs. in
# lakh)") and a header (which the sentence splitter may cut at "Sl.")
_TABLE_PREAMBLE = 3


def announced_places(
    texts: list[str], place_kind: PlaceKind
) -> list[tuple[int, str, str | None, str]]:
    """The places listed a line each after a line announcing clusters, each as (line index,
    place, its district's or state's id, the product the announcing line names or ""). A line
    is an item when it is only a place, maybe with its district or state after a comma or in
    brackets, and the place is a district or a town the KB or that qualifier places; the list
    ends at the first line that is not one, and two items at least make a list."""
    out: list[tuple[int, str, str | None, str]] = []
    for i, text in enumerate(texts):
        if not _ANNOUNCING.search(text):
            continue
        run = _ANNOUNCED_RUN.search(text)
        words = run.group(1).split() if run else []
        made = " ".join(w for w in words if w.lower() not in _NOT_ANNOUNCED and w.isalpha())
        items: list[tuple[int, str, str | None, str]] = []
        for j in range(i + 1, len(texts)):
            line = _ROW_FIGURES.sub("", _ROW_NUMBER.sub("", texts[j].strip()))
            m = _ITEM_LINE.fullmatch(line)
            if m is None:
                if not items and j - i <= _TABLE_PREAMBLE:
                    continue  # a table's unit or header line before its first row
                break
            place, qualifier = m.groups()
            over = place_kind(qualifier) if qualifier else None
            kind = _qualified(place, over, place_kind)
            placed = over[1] if over is not None and over[0] in ("district", "state") else None
            if kind is None or kind[0] not in ("district", "town"):
                if not items and j - i <= _TABLE_PREAMBLE:
                    continue
                break
            if kind[0] == "town" and not (kind[1] or placed):
                break  # a capitalised word no one places: not a list of places
            items.append((j, place, kind[1] or placed, made))
        if len(items) >= 2:
            out += items
    return out


def _qualified(
    place: str, over: tuple[str, str | None] | None, place_kind: PlaceKind
) -> tuple[str, str | None] | None:
    """What `place` is, given what its qualifier is (`over`, or None): a town of the district
    beside it when the KB does not know it or its district ("Bhachau, Kutch")."""
    kind = place_kind(place)
    if (kind is None or kind == ("town", None)) and over is not None and over[0] == "district":
        return ("town", over[1])  # what the KB knows of the town does not say its district
    return kind


def cell_place(cell: str, place_kind: PlaceKind) -> tuple[str, tuple[str, str | None] | None]:
    """A table cell's place and what it is: the cell whole ("Bankura"), or else a place before
    its district ("Kadavoor , Kollam": Kadavoor, a town of Kollam district)."""
    kind = place_kind(cell)
    if kind is not None or cell.count(",") != 1:
        return cell, kind
    town, qualifier = (part.strip() for part in cell.split(","))
    over = place_kind(qualifier)
    if not town or over is None or over[0] != "district":
        return cell, None
    return town, _qualified(town, over, place_kind)


def place_product_rows(texts: list[str]) -> list[tuple[int, str, str]]:
    """The rows of a table whose header names a place column and a product column ("Name of the
    District | Craft"), as (line index, place cell, product cell): one place and what is made
    there a row. A table with a cluster word in a cell is left to the descriptions, which read
    the cluster's own name; a header holding both kinds of word in one cell says nothing."""
    out: list[tuple[int, str, str]] = []
    columns: tuple[int, int] | None = None
    for i, text in enumerate(texts):
        cells = table_cells(text)
        if cells is None:
            if not _RULE_ROW.match(text):
                columns = None  # the table has ended
            continue
        places = [j for j, c in enumerate(cells) if _PLACE_COLUMN.search(c)]
        products = [j for j, c in enumerate(cells) if _PRODUCT_COLUMN.search(c)]
        if len(places) == 1 and len(products) == 1 and places != products:
            columns = (places[0], products[0])  # a header row
            continue
        if columns is None or any("cluster" in c.lower() for c in cells):
            continue
        place, product = (cells[j] if j < len(cells) else "" for j in columns)
        if re.search(r"[A-Za-z]", place) and re.search(r"[A-Za-z]{3}", product):
            out.append((i, place, product))
    return out


# The words that open a described cluster in an item ("Soft Interventions in", "Centre in")
_FRAME_BEFORE = re.compile(r"((?:[A-Za-z][A-Za-z-]*\s+){1,2}(?:in|of|for|at))\s+$")
# Capitalised product words after a frame, up to the comma that opens the item's address
_FRAMED_PRODUCT = r"\s+([A-Z][A-Za-z-]*(?:\s+(?:and\s+|&\s+)?[A-Z][A-Za-z-]*){0,4})\s*,"


def item_frame(text: str, start: int) -> str | None:
    """The words before a described cluster that begins at `start` ("Soft Interventions in"
    of "... Soft Interventions in Stone Carving Cluster, ..."), lower case, or None."""
    m = _FRAME_BEFORE.search(text[:start])
    return " ".join(m.group(1).lower().split()) if m else None


def framed_items(text: str, frames: set[str], place_kind: PlaceKind) -> list[Described]:
    """Items of an index or a list that leave the cluster word out where the document's other
    items write it: after a frame the document opens its clusters with ("Soft Interventions in
    Stone Carving Cluster, Belagatti ..." and "Soft Interventions in Brooms Cluster, Shigli
    ..."), capitalised words with a product word among them (the product lexicon) and then
    an address ("Soft Interventions in Jaggery, Hippargi Village of Jamakhandi Taluk,
    Bagalkot") are a cluster of that product: read as if "Cluster" stood after them, spans in
    `text`'s own characters. Words naming a place are no product."""
    out: list[Described] = []
    if mentions_cluster(text):
        return out
    for frame in sorted(frames):
        rx = re.compile(
            r"(?i:\b" + r"\s+".join(map(re.escape, frame.split())) + ")" + _FRAMED_PRODUCT
        )
        for m in rx.finditer(text):
            words = re.findall(r"[A-Za-z]+", m.group(1))
            if not any(w.lower() in product_words() for w in words) or any(
                place_kind(w) is not None and place_kind(w)[0] != "town"  # type: ignore[index]
                for w in words
            ):
                continue
            cut = m.end(1)
            inserted = " Cluster"
            virtual = text[:cut] + inserted + text[cut:]
            for d in described_clusters(virtual, place_kind, nlp.parse_many([virtual])[0]):
                if d.start != m.start(1) or not d.product:
                    continue
                end = d.end - len(inserted) if d.end > cut else d.end
                out.append(Described(d.product, d.place, d.place_kind, d.place_id,
                                     d.start, end, True))  # fmt: skip
    return out


# An enumerated item "<Place> (<State>) for <product>" ("Theni (TN) for banana; Nasik
# (Maharashtra) for grapes"; "Ramgarh for mini cement plants"): worth parsing, two in a
# sentence, in a document that speaks of clusters
_FOR_ITEM = re.compile(
    r"\b[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)*\s*(?:\([A-Z][A-Za-z .&]*\)\s*)?for\s+[A-Za-z]"
)
_ITEM_SEPARATORS = {";", ",", "and", "&"}
# What may come just before the first item: "The places shortlisted ... are Bokaro for
# engineering, Jamshedpur for auto components, ...", "...: Theni (TN) for banana"
_LIST_OPENERS = {"AUX", "VERB"}


def _named_product_word(t: Any) -> bool:
    """A word of the product an enumerated item names ("for banana", "Guava in Jhajjar"): a
    noun or an adjective, not one a cluster's name leaves out (`DROPPED`: "proposed", "two",
    "acres" ...)."""
    return t.is_alpha and t.pos_ in ("NOUN", "PROPN", "ADJ") and t.lower_ not in DROPPED


def for_items(text: str, place_kind: PlaceKind, doc: Any) -> list[Described]:
    """Clusters enumerated as "<Place> (<State>) for <product>" items, the state optional and
    the cluster word left to the document ("... 53 horticulture clusters ...: Theni (TN) for
    banana; Solapur (Maharashtra) and Chitradurga (Karnataka) for pomegranate"; "The places
    shortlisted ... are Bokaro for engineering and fabrication, Jamshedpur for auto components"):
    each place of a group (read as `_place_list` reads a list of places) makes the product after
    its group's "for". The first item opens the sentence or follows a separator, a colon or a
    verb; only a sentence of two or more such items is an enumeration; the caller decides that
    the document's clusters are what it enumerates."""
    out: list[Described] = []
    if doc is None or len(_FOR_ITEM.findall(text)) < 1:
        return out
    i = 0
    while i < len(doc):
        t = doc[i]
        opens = i == 0 or doc[i - 1].lower_ in _ITEM_SEPARATORS | {":"}
        opens = opens or (doc[i - 1].pos_ in _LIST_OPENERS and not out)
        # "... and Chirkunda for refractory products": an item's capitalised word is its place
        # also when the tagger calls it a noun (a town it does not know), the "for" following
        mistagged = (
            i > 0
            and t.pos_ in ("NOUN", "ADJ")
            and t.is_alpha
            and i + 1 < len(doc)
            and doc[i + 1].lower_ == "for"
        )
        if not (opens and (t.pos_ == "PROPN" or mistagged) and t.text[:1].isupper()):
            i += 1
            continue
        places = _place_list(doc, i, place_kind)
        kind = place_kind(t.text) if mistagged and not places else None
        if kind is not None and kind[0] in ("district", "town"):
            places = [(t.text, kind[0], kind[1], t.idx, t.idx + len(t.text))]
        if not places:
            i += 1
            continue
        k = next((x.i for x in doc if x.idx >= places[-1][4]), len(doc))
        while k < len(doc) and doc[k].pos_ == "PROPN":
            k += 1  # the rest of a longer name
        if k < len(doc) and doc[k].text == "(":
            close = next((x.i for x in doc[k:] if x.text == ")"), None)
            k = close + 1 if close is not None else k
        if k + 1 >= len(doc) or doc[k].lower_ != "for":
            i = k + 1
            continue
        words = []
        for x in doc[k + 1 : k + 5]:
            if _named_product_word(x):
                words.append(x)
            else:
                break
        if words:
            product = text[words[0].idx : words[-1].idx + len(words[-1].text)]
            # each cluster's span is its place: the places of one group share the product
            out += [Described(product, s, kd, pid, st, pe, False) for s, kd, pid, st, pe in places]
        i = k + 1
    return out if len(out) >= 2 else []


def in_items(text: str, place_kind: PlaceKind, doc: Any) -> list[Described]:
    """Products enumerated each with its district, "<product> in <district>", as a document on
    One District One Product writes its list ("branding of Amla in Gurugram district, Guava in
    Jhajjar, poultry in Jind ...", "carrots in the Panipat district, mustard in Rewari and
    mangoes in Yamunanagar"): each item is the cluster of that product there. An item's
    product is the run of nouns and adjectives right before its "in", with a word of the
    product lexicon among them; its place a district (not a town, not a state); the items
    follow one another, so only a sentence of three or more is such a list. The caller
    decides that the document is one whose products are clusters."""
    out: list[Described] = []
    if doc is None:
        return out
    for t in doc:
        if t.lower_ != "in" or t.i == 0 or t.i + 1 >= len(doc):
            continue
        k = t.i + 1 + (doc[t.i + 1].lower_ == "the")
        places = _place_list(doc, k, place_kind)
        if not places or places[0][1] != "district":
            continue
        surface, kind, pid, pstart, pend = places[0]
        if (
            re.match(r"\s*[-–]", text[pend:])
            or surface.rstrip().endswith(("-", "–"))
            or re.match(r"[A-Za-z]", text[pend : pend + 1])
        ):
            continue  # "Hisar- Kaithal", "Bhiwani-Fatehabad": districts grouped, not one
        run: list[Any] = []
        for x in reversed(doc[: t.i]):
            if _named_product_word(x):
                run.insert(0, x)
            else:
                break
        if not run or not any(is_product_word(x.lower_) or is_product_word(x.lower_.rstrip("s"))
                              for x in run):  # fmt: skip
            continue
        product = text[run[0].idx : run[-1].idx + len(run[-1].text)]
        out.append(Described(product, surface, kind, pid, run[0].idx, pend, False))
    return out if len(out) >= 3 else []


def facility_places(text: str, place_kind: PlaceKind, doc: Any) -> list[Described]:
    """Districts a common facility centre is said to be in, with no cluster named: "The CFC
    in Siddharthnagar will help ...", "common facility centres in Azamgarh, Sitapur and Agra
    districts". The caller decides the product (a district's ODOP product, where the document
    is about ODOP)."""
    out: list[Described] = []
    if doc is None or "cluster" in text.lower():
        return out
    for tok in doc:
        facility = tok.text in ("CFC", "CFCs") or (
            tok.lower_ in ("centre", "centres", "center", "centers")
            and tok.i >= 2
            and doc[tok.i - 1].lower_ in ("facility", "facilitation")
            and doc[tok.i - 2].lower_ == "common"
        )
        nxt = tok.i + 1
        if facility and nxt + 1 < len(doc) and doc[nxt].lower_ in PLACE_PREPOSITIONS:
            items = _place_list(doc, nxt + 1, place_kind)
            out += [Described("", *item, False) for item in items if item[1] == "district"]
    return out


_SUBJECTS = ("nsubj", "nsubjpass")


def _list_starts(
    doc: Any, tok: Any, skip_comma: bool = False, copula_only: bool = False
) -> list[int]:
    """Where a list of the plural cluster word's places may begin: right after "clusters
    at/in" (or "Two, at"), after the copula whose subject it is ("... clusters in the State
    are"), after "viz." / "namely" / "include" / ":" later in the sentence. `copula_only`:
    only after the copula or a colon right after the cluster word."""
    starts = []
    nxt = tok.i + 1
    if skip_comma and nxt < len(doc) and doc[nxt].text == ",":
        nxt += 1
    if nxt < len(doc) and doc[nxt].lower_ in PLACE_PREPOSITIONS | SPREAD_WORDS and not copula_only:
        starts.append(nxt + 1)
    subject = tok
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in _SUBJECTS:
        subject = tok.head.head  # "two of these clusters are to come up at ...": the subject
    if subject.dep_ in _SUBJECTS and subject.head.lemma_ == "be" and subject.head.i > subject.i:
        k = subject.head.i + 1  # "The three CFCs would be in Fulia ...": past the preposition
        starts.append(k + 1 if k < len(doc) and doc[k].lower_ in PLACE_PREPOSITIONS else k)
    elif nxt < len(doc) and doc[nxt].lower_ in ("are", "were"):
        starts.append(nxt + 1)  # the copula right after, whatever the parse made the subject
    if copula_only:
        if nxt < len(doc) and doc[nxt].text == ":":
            starts.append(nxt + 1)
        return starts
    verb = subject.head
    if verb.lemma_ == "be":  # "are to come up at Pudukudi and ...": the verb completing it
        verb = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), verb)
    # "These clusters have been sanctioned for Mahadevpur in Warangal district, Narayanpet ..."
    if subject.dep_ in _SUBJECTS and verb.pos_ == "VERB" and verb.i > subject.i:
        preps = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
        # past an object, the place is the object's ("include brassware at Samba, ...")
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
        if (
            preps
            and preps[0].lower_ in PLACE_PREPOSITIONS | {"for"}
            and not (objects and objects[0].i < preps[0].i)
        ):
            starts.append(preps[0].i + 1)
    for t in doc[tok.i + 1 :]:
        if t.lower_.rstrip(".") in LIST_OPENERS:
            k = t.i + 1
            while k < len(doc) and doc[k].text in (".", ",", ":"):
                k += 1
            starts.append(k)
    return starts


def _place_list(
    doc: Any, i: int, place_kind: PlaceKind, bracketed_states: bool = False
) -> list[tuple[str, str, str | None, int, int]]:
    """Places from token `i` on: "A, B and C", each maybe qualified by "(District)", "in
    State" or a district right after a town ("Santipur Nadia"): (surface, kind, district or
    state id, start, end) of each town or district. Places joined by slashes are one item,
    the first ("Batala/Jalandhar/Ludhiana (casting & forging)"). A state alone is no item,
    unless `bracketed_states` and a bracket follows it ("Odisha (sponge iron)")."""
    items: list[tuple[str, str, str | None, int, int]] = []
    skipped = 0
    while i < len(doc):
        run = _place_run(doc, doc[i], place_kind)
        if not run:
            break
        found = _resolve(doc, run, place_kind)
        if found is None:
            break
        after = run[-1].i + 1
        owner = None
        owned = _owned_place(doc, run, found, place_kind)
        if owned is not None:
            owner, (run, found) = found, owned
            if found is None:
                break
            after = run[-1].i + 1
        if (
            found[1] == "town"
            and after < len(doc)
            and (doc[after].text in ("’", "'", "’s", "'s") or doc[after].text[:1].isupper())
            and items
            and skipped < 2
        ):  # "..., Adarsha Handloom Weavers' Cooperative Society Ltd, Karwan ...": a name
            # going on past a town's length, not a place: passed over to the next item
            nxt = next((t.i for t in doc[after:] if t.text == ","), None)
            if nxt is None:
                break
            i, skipped = nxt + 1, skipped + 1
            continue
        surface, kind, pid, pstart, pend = found
        if kind == "town":  # "Santipur Nadia": a town, then its district
            for k in range(1, len(run)):
                tail = _resolve(doc, run[k:], place_kind)
                if tail is not None and tail[1] == "district" and tail[3] == run[k].idx:
                    head = _resolve(doc, run[:k], place_kind)
                    if head is not None and head[1] == "town":
                        surface, kind, pid, pstart, pend = head
                        break
        i = run[-1].i + 1
        while i + 1 < len(doc) and doc[i].text == "/":  # "Batala/Jalandhar": one item
            joined = _place_run(doc, doc[i + 1], place_kind)
            if not joined:
                break
            i = joined[-1].i + 1
            pend = joined[-1].idx + len(joined[-1].text)  # the item's bracket follows the last
        rest = [t for t in run if t.idx >= pend]
        qualifier = _resolve(doc, rest, place_kind) if rest else None
        inside = _state_bracket(doc, i, kind, pid, place_kind)
        if inside is not None:  # "Assam (Kamrup and Nalbari), Nagaland (Dimapur)"
            bracketed, i = inside
            items += bracketed
        elif i < len(doc) and doc[i].text == "(":  # "Ethamozhy (Kanyakumari district)"
            close = next((t.i for t in doc[i:] if t.text == ")"), None)
            inner = _proper_run(doc, doc[i + 1]) if i + 1 < len(doc) else []
            qualifier = _resolve(doc, inner, place_kind) if inner else qualifier
            i = close + 1 if close is not None else i + 1
        if i + 1 < len(doc) and doc[i].lower_ == "in":  # "Bijnore in Uttar Pradesh"
            inner = _proper_run(doc, doc[i + 1])
            q = _resolve(doc, inner, place_kind) if inner else None
            if q is not None and q[1] in ("district", "state"):
                qualifier = qualifier if qualifier and qualifier[1] == "district" else q
                i = inner[-1].i + 1
            elif inner and inner[-1].i + 1 < len(doc) and doc[inner[-1].i + 1].lower_ == "district":
                i = inner[-1].i + 1  # "... in Xyz district" with a district the gazetteer lacks
        while i < len(doc) and doc[i].lower_ in ADMIN_UNITS:
            i += 1  # "Narayanpet in Narayanpet district, ...", "Bolpur block, ..."
        if i + 1 < len(doc) and doc[i - 1].lower_ in ADMIN_UNITS and doc[i].lower_ == "of":
            # "Sangam, Halmulah villages of Anantnag district": the district of the villages
            inner = _proper_run(doc, doc[i + 1])
            q = _resolve(doc, inner, place_kind) if inner else None
            if q is not None and q[1] == "district":
                qualifier = q
                i = inner[-1].i + 1
                while i < len(doc) and doc[i].lower_ in ADMIN_UNITS:
                    i += 1
        qualifier = qualifier or owner
        if kind in ("district", "town"):
            where = pid if kind == "district" else (qualifier[2] if qualifier else None)
            items.append((surface, kind, where, pstart, pend))
        elif bracketed_states and kind == "state" and doc[i - 1].text == ")" and inside is None:
            items.append((surface, kind, pid, pstart, pend))
        if i < len(doc) and doc[i].lower_ in _LIST_SEPARATORS:
            i += 1
            if i < len(doc) and doc[i].lower_ in ("and", "&"):
                i += 1
            continue
        if i < len(doc) and doc[i - 1].text == ")" and _bracketed_next(doc, i):
            continue  # "Bhinmal (Sirohi) Jaitaran (Pali)": the comma left out after a bracket
        break
    return _paired_districts(doc, items)


def _paired_districts(
    doc: Any, items: list[tuple[str, str, str | None, int, int]]
) -> list[tuple[str, str, str | None, int, int]]:
    """A list that writes each town with its district after a comma ("Mahanpur, Kathua,
    Batroo Ukhral, Ramban and Moungri, Udhampur") as its towns, each in the district after
    it. Read so only when every town the list does not already place is followed so, by a
    district that may hold it, and two towns at least are: "Pahal, Khurda and Cuttack" stays
    three places."""
    pairs = [
        k
        for k, (item, after) in enumerate(itertools.pairwise(items))
        if item[1] == "town"
        and after[1] == "district"
        and item[2] in (None, after[2])
        and doc.text[item[4] : after[3]].strip() == ","
    ]
    unplaced = [k for k, item in enumerate(items) if item[1] == "town" and item[2] is None]
    if len(pairs) < 2 or any(k not in pairs for k in unplaced):
        return items
    out, skip = [], {k + 1 for k in pairs}
    for k, item in enumerate(items):
        if k in skip:
            continue
        out.append((*item[:2], items[k + 1][2], *item[3:]) if k in pairs else item)
    return out


def _state_bracket(
    doc: Any, i: int, kind: str, pid: str | None, place_kind: PlaceKind
) -> tuple[list[tuple[str, str, str | None, int, int]], int] | None:
    """The places a state's bracket at token `i` lists ("Assam (Kamrup and Nalbari)"), towns
    with no district of their own placed in the state, and the token after the bracket; None
    when `kind` is no state or the bracket holds no list of places ("Odisha (sponge iron)")."""
    if kind != "state" or i + 1 >= len(doc) or doc[i].text != "(":
        return None
    close = next((t.i for t in doc[i:] if t.text == ")"), None)
    if close is None:
        return None
    inner = [it for it in _place_list(doc, i + 1, place_kind) if it[4] <= doc[close].idx]
    last = next((t.i for t in doc[i:close] if t.idx >= inner[-1][4]), close) if inner else i
    if not inner or any(t.is_alpha for t in doc[last:close]):
        return None  # words past the places: no list of places ("Odisha (Ganjam coir)")
    return [(s, k, w or pid, a, b) for s, k, w, a, b in inner], close + 1


def _bracketed_next(doc: Any, i: int) -> bool:
    """Whether a proper name at token `i` is followed by a bracket or a list's separator: the
    next item of a list whose comma was left out."""
    run = _proper_run(doc, doc[i])
    after = run[-1].i + 1 if run else len(doc)
    return after < len(doc) and (doc[after].text == "(" or doc[after].lower_ in _LIST_SEPARATORS)


def _product_run(doc: Any, tok: Any) -> list[Any]:
    """The modifiers just left of the cluster word, nearest last."""
    run: list[Any] = []
    i = tok.i - 1
    while i >= 0:
        t = doc[i]
        if (
            t.pos_ in _RUN_POS
            and t.is_alpha
            and t.lower_ not in CLUSTER_WORDS
            and (
                t.pos_ != "VERB"
                or t.dep_ in ("amod", "compound")
                or _modifier_verb(t)
                or (i == tok.i - 1 and t.text.islower() and t.lower_ in product_words())
            )
        ):
            run.insert(0, t)
        elif (
            t.text == "&"
            and run
            and run[0].text[:1].isupper()
            and i > 0
            and doc[i - 1].text[:1].isupper()
            and doc[i - 1].pos_ in _RUN_POS
        ):
            run.insert(0, t)  # "Textile & Allied Products Cluster"
        elif t.text == "-" and run and i > 0 and doc[i - 1].is_alpha:
            run.insert(0, t)  # "Agro-Food Cluster"
        elif (
            t.lower_ == "and"
            and run
            and run[0].text[:1].isupper()
            and i > 0
            and doc[i - 1].text[:1].isupper()
            and doc[i - 1].lower_ in product_words()
        ):
            run.insert(0, t)  # "Brass and Bell Metal cluster": two products of one name
        else:
            break
        i -= 1
    while run and (run[0].lower_ in ("&", "-", "and") or run[0].lower_ in DROPPED):
        run = run[1:]
    return run


_FACILITY_HEADS = {"cfc", "cfcs", "centre", "center", "centres", "centers"}


def _facility_sector(tok: Any) -> bool:
    """A sector a common facility centre is said to be in stands for its cluster: "The new
    CFC in the furniture sector will come up in Kozhikode" describes the furniture cluster."""
    return (
        tok.lower_ == "sector"
        and tok.dep_ == "pobj"
        and tok.head.lower_ == "in"
        and tok.head.head.lower_ in _FACILITY_HEADS
    )


def _modifier_verb(t: Any) -> bool:
    """A lower-case participle the parser took for a verb inside a noun phrase ("crops
    processing cluster", "mattress manufacturing cluster"): it names what the cluster does."""
    return t.tag_ in ("VBG", "VBN") and t.text.islower() and t.dep_ not in ("ROOT", "ccomp")


def _without_state(doc: Any, run: list[Any], place_kind: PlaceKind) -> list[Any]:
    """The run without a state heading it: in "Karnataka Global Puffed Rice Cluster,
    Chitradurga" (a table row of state and cluster) the state says where, it is no name."""
    for k in range(min(len(run) - 1, 3), 0, -1):
        if all(t.pos_ == "PROPN" for t in run[:k]):
            kind = place_kind(_span_text(doc, run[:k]))
            if kind is not None and kind[0] == "state":
                return run[k:]
    return run


def _span_text(doc: Any, toks: list[Any]) -> str:
    return doc.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)]


_ROMAN = re.compile(r"[IVX]{1,4}")


def _proper_run(doc: Any, first: Any) -> list[Any]:
    """A place name from `first` on: proper nouns, at most three ("Jammu Division")."""
    run: list[Any] = []
    for t in doc[first.i : first.i + 5]:
        if (
            t.pos_ == "PROPN"
            and t.text[:1].isupper()
            and t.lower_ not in CLUSTER_WORDS
            and t.lower_ not in NOT_PLACES
            and t.lower_ not in ADMIN_UNITS  # "Sirahatti Taluk": the unit is no part of the name
        ):
            run.append(t)
        elif run and run[-1].text == "-" and _ROMAN.fullmatch(t.text):
            run.append(t)  # "Murarai-I", "Rampurhat-II": a block numbered within its name
        elif (
            run
            and (t.like_num or t.text == "-")
            and t.i + 1 < len(doc)
            and (doc[t.i + 1].text[:1].isupper() or doc[t.i + 1].text == "-")
        ):
            run.append(t)  # "North 24-Parganas": a number inside a name
        else:
            break
        if sum(1 for x in run if x.is_alpha) >= 3:
            break
    if run and run[-1].i + 1 < len(doc) and doc[run[-1].i + 1].lower_ in CLUSTER_WORDS:
        return []  # "Fly Ash Cluster": another cluster's name, not a place
    return run


def _place_run(doc: Any, tok: Any, place_kind: PlaceKind) -> list[Any]:
    """A list item's place name from `tok` on (`_proper_run`), or a capitalised word inside a
    sentence that the tagger took for another part of speech, as a run of one: a known
    district ("and Pali (textiles)": Pali tagged as an adjective), or a word of no English that
    a bracket or the list's next item follows ("Tirupati (Andhra Pradesh), Vadaj (Gujarat)":
    Vadaj tagged as a noun); else []."""
    run = _proper_run(doc, tok)
    if run:
        return run
    if not (tok.i > 0 and tok.is_alpha and tok.text[:1].isupper() and tok.lower_ not in NOT_PLACES):
        return []
    if (place_kind(tok.text) or ("",))[0] == "district":
        return [tok]
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
    unknown_word = not nlp.english(tok.lower_) and not tok.text.isupper()
    return [tok] if unknown_word and (nxt == "(" or nxt in _LIST_SEPARATORS) else []


def _resolve(
    doc: Any, toks: list[Any], place_kind: PlaceKind
) -> tuple[str, str, str | None, int, int] | None:
    """The leading part of `toks` that is a place: the longest known district or state,
    else the whole run as a town ("Jammu Division" is Jammu; "Pahal" a town)."""
    found = []
    for k in range(len(toks), 0, -1):
        surface = _span_text(doc, toks[:k])
        if surface.lower() in NOT_PLACES:
            continue
        kind = place_kind(surface)
        if kind is not None:
            end = toks[k - 1].idx + len(toks[k - 1].text)
            found.append((surface, kind[0], kind[1], toks[0].idx, end))
    known = [f for f in found if f[1] != "town"]
    best = known or found
    return best[0] if best else None


def _made_as(verb: Any) -> list[Any]:
    """The nouns a verb of making or choosing makes into what its "as" names: its passive
    subject or object ("Sharan to be developed as ...", "developing Sharan village as ..."); for
    a verb qualifying a plural ("the villages selected as ..."), the subject said to be among
    them ("Sharan village is among the 10 villages selected as ...")."""
    named = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    if not named and verb.dep_ == "xcomp":  # "Kotwa is to be developed as ...": the subject
        named = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if named or verb.dep_ != "acl":
        return named
    noun = verb.head
    among = noun.head if noun.dep_ == "pobj" else None
    if among is not None and among.lower_ in ("among", "of") and among.head.lemma_ == "be":
        return [c for c in among.head.children if c.dep_ == "nsubj"]
    return []


_NAME_DEPS = ("compound", "amod", "det", "nmod")  # "Tirwa village" parsed as a determiner


def _named_run(doc: Any, noun: Any) -> list[Any]:
    """The name a noun stands for: its own run when a name ("Sharan"), or the capitalised
    words before a place word it heads ("Sharan village")."""
    if noun.lower_ not in ADMIN_UNITS:  # the tagger may miss a name opening the sentence
        if noun.pos_ == "PROPN":
            return _proper_run(doc, _name_start(doc, noun))
        return [noun] if noun.text[:1].isupper() and noun.pos_ == "NOUN" else []
    names = [c for c in noun.lefts if c.dep_ in _NAME_DEPS and c.text[:1].isupper()]
    return [t for t in doc[names[0].i : noun.i] if t.text[:1].isupper()] if names else []


def _place(
    doc: Any, tok: Any, run: list[Any], place_kind: PlaceKind
) -> tuple[str, str, str | None, int, int, list[Any], bool] | None:
    """(surface, kind, id, start, end, the product run left, whether the place is in the
    cluster's phrase) of the first place found, in the order of the module's docstring."""
    # 1. a district (or a town the tables place) heading the run: "Muzaffarpur bag cluster"
    if len(run) > 1 and run[0].pos_ == "PROPN":
        head = _resolve(doc, [run[0]], place_kind)
        if head is not None and head[1] == "district" and run[1].text in ("-", "–"):
            return (*head, run, True)  # "Cuttack-Bhubaneswar Engineering Cluster": the joined
            # places name the cluster, the first is its district
        if head is not None and head[1] == "district":
            return (*head, run[1:], True)
        # "the Sualkuchi silk cluster": a town the tables place (a district's headquarters, a
        # sub-district or block of the document's states) heading a product
        if (
            head is not None
            and head[1] == "town"
            and head[2] is not None
            and any(t.is_alpha and t.lower_ not in CATEGORY | DROPPED for t in run[1:])
        ):
            # a name written as one keeps its town ("Purul Handloom Cluster"); a description
            # is named by place and product anyway
            named = tok.text[:1].isupper() and all(t.text[:1].isupper() for t in run if t.is_alpha)
            return (*head, run if named else run[1:], True)
    candidates: list[tuple[list[Any], bool]] = []
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    # 2. "cluster in/at <Place>" (or "covering <Place>", `SPREAD_WORDS`), read off the words
    # (the parse attaches lists badly); "in the Kotur ... Industrial Area": past the article
    # ("near": the cluster's ground is by the place, "the cluster villages near Dhemaji")
    if (
        nxt is not None
        and nxt.lower_ in PLACE_PREPOSITIONS | SPREAD_WORDS | {"near"}
        and nxt.i + 1 < len(doc)
    ):
        k = nxt.i + 2 if doc[nxt.i + 1].lower_ == "the" and nxt.i + 2 < len(doc) else nxt.i + 1
        k = _past_union_territory(doc, k)
        candidates.append((_proper_run(doc, doc[k]), k == nxt.i + 1))
    # 2c. a list's line "Millets incubation center - PJTSAU, Hyderabad": a centre, a dash, its
    # host and its place (the first of the comma-separated names after the dash that is one)
    if nxt is not None and nxt.text in ("-", "–", "—") and facility_head(doc, tok) is not None:
        starts = [nxt.i + 1] + [t.i + 1 for t in doc[nxt.i + 1 :] if t.text == ","]
        candidates += [(_proper_run(doc, doc[k]), False) for k in starts if k < len(doc)]
    # 2d. a list's line "1. Bamboo Cluster – Dhemaji (Assam)": a named cluster, a dash, its
    # place (a district, or a town the tables place: "Handloom Clusters – Part II" is none)
    elif (
        nxt is not None
        and nxt.text in ("-", "–", "—")
        and tok.text == "Cluster"
        and nxt.i + 1 < len(doc)
        and (after := _proper_run(doc, doc[nxt.i + 1]))
        and _placed(_resolve(doc, after, place_kind))
    ):
        candidates.append((after, False))
    # 2a. "the brass parts cluster of Jamnagar": a cluster of a district or town (the place
    # check below keeps "a cluster of 250 units" and "the clusters of Gujarat" out)
    if nxt is not None and nxt.lower_ == "of" and nxt.i + 1 < len(doc) and run:
        candidates.append((_proper_run(doc, doc[nxt.i + 1]), True))
    # 2b. "cluster, including a mango processing unit, in <Place>": past an insertion
    if nxt is not None and nxt.text == "," and nxt.i + 1 < len(doc):
        if doc[nxt.i + 1].lower_ in _INSERTIONS:
            close = next((t.i for t in doc[nxt.i + 2 : nxt.i + 12] if t.text == ","), None)
            if (
                close is not None
                and close + 2 < len(doc)
                and doc[close + 1].lower_ in PLACE_PREPOSITIONS
            ):
                candidates.append((_proper_run(doc, doc[close + 2]), False))
    # 3. "X Cluster, <Town>" after a capitalised name, the town ending the phrase or followed
    # by the unit it is ("Brooms Cluster, Shigli Village, Sirahatti Taluk, Gadag"); a
    # locality numbered within a town is passed over ("Packaging Cluster, Sector-58, Faridabad")
    if (
        nxt is not None
        and nxt.text == ","
        and run
        and run[-1].text[:1].isupper()
        and nxt.i + 1 < len(doc)
    ):
        j = _past_union_territory(doc, nxt.i + 1)
        for _ in range(2):
            after = _proper_run(doc, doc[j])
            stop = after[-1].i + 1 if after else len(doc)
            if after and (
                _numbered_locality(doc, stop) or any(c.isdigit() for c in after[-1].text)
            ):
                comma = next((t.i for t in doc[stop : stop + 4] if t.text == ","), None)
                if comma is None or comma + 1 >= len(doc):
                    break
                j = comma + 1
                continue
            if after and (
                stop >= len(doc)
                or doc[stop].pos_ in ("PUNCT", "ADP", "CCONJ")
                or doc[stop].like_num
                or doc[stop].lower_ in ADMIN_UNITS
            ):
                candidates.append((after, True))
            break
    # 3b. "the traditional dress making cluster, Kokrajhar, is ...": a lower-case description
    # with a district in a closed apposition (not a list of places going on)
    if (
        nxt is not None
        and nxt.text == ","
        and run
        and not run[-1].text[:1].isupper()
        and nxt.i + 1 < len(doc)
    ):
        after = _proper_run(doc, doc[nxt.i + 1])
        stop = after[-1].i + 1 if after else len(doc)
        found = _resolve(doc, after, place_kind) if after else None
        if (
            found is not None
            and found[1] == "district"
            and stop + 1 < len(doc)
            and doc[stop].text == ","
            and not doc[stop + 1].text[:1].isupper()
            and doc[stop + 1].lower_ not in ("and", "&")
        ):
            candidates.append((after, True))
    # 4. the prepositional object of the verb the cluster is subject or object of, also
    # through the noun whose "in" it follows ("A CFC in gold ornament cluster has been
    # proposed at Jaggayyapet"); a place put first counts ("In East Midnapore, a salt cluster
    # is being set up")
    verbs = []
    arg = tok
    for _ in range(3):
        if arg.dep_ in _SUBJECT_OBJECT and arg.head.pos_ in ("VERB", "AUX"):
            verbs.append(arg.head)
            break
        if (
            arg.dep_ in ("nmod", "compound")
            and arg.head.pos_ in _NOMINAL
            and arg.head.i > arg.i
            and tok.lower_ not in CLUSTER_WORDS
        ):
            # "A Common Facility Centre and Raw Materials Bank built by X was inaugurated at
            # Y": the parser made the centre a modifier of the noun coordinated with it; the
            # centre shares that noun's verb (a facility's phrase only: "cluster development
            # programme" names no cluster)
            arg = arg.head
            continue
        if arg.dep_ in ("conj", "appos") and arg.head.pos_ in _NOMINAL and arg.head.i < arg.i:
            # "a Centre of Brass and Bell Metal cluster will come up at X": the parser
            # coordinated the cluster with the noun it belongs to (or set it beside it: "the
            # ginger and allied spices cluster common facility centre ... was opened in X");
            # it shares that noun's verb
            arg = arg.head
            continue
        holder = arg.head.head  # the noun the "in" hangs on (the tagger may call it a verb)
        if (
            arg.dep_ == "pobj"
            and arg.head.dep_ == "prep"
            and (holder.pos_ in _NOMINAL or holder.dep_ in _SUBJECT_OBJECT)
        ):
            arg = holder
            continue
        break
    # "clusters to be established at a total cost of Rs 230 crore in Theni, ...": a verb of
    # the cluster's own clause (the parser makes an infinitive one relative)
    verbs += [c for c in tok.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    # "cluster set to come up in Kozhikode", "cluster is likely to be set up at Ralla": the
    # place hangs on the verb the first one is completed by
    for v in list(verbs):
        for c in v.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                verbs.append(c)
            elif c.dep_ == "acomp":
                verbs += [x for x in c.children if x.dep_ == "xcomp" and x.pos_ == "VERB"]
        # "kiwi and allied food processing cluster common facility centre ... was inaugurated
        # in X": the parser read "allied" as a verb coordinated with the subject noun; the
        # clause's verb is that noun's
        if v.dep_ == "conj" and v.head.pos_ in _NOMINAL and v.head.dep_ in _SUBJECT_OBJECT:
            if v.head.head.pos_ in ("VERB", "AUX") and v.head.head not in verbs:
                verbs.append(v.head.head)
    for v in verbs:
        # "inaugurated by the Minister Girish Murmu at Kainfulia": the parser hangs the event's
        # "at" on the agent's noun; a place where something was done by someone is the verb's
        agent_places = [
            q
            for a in v.children
            if a.dep_ == "agent"
            for o in a.children
            if o.dep_ == "pobj"
            for q in o.children
            if q.dep_ == "prep" and q.lower_ == "at"
        ]
        # "A jewellery cluster ... was planned for Coimbatore": a place a cluster is planned,
        # proposed or sanctioned for is where it is
        prepositions = PLACE_PREPOSITIONS | ({"for"} if v.lemma_ in _PLANNED_FOR else set())
        for p in [*v.children, *agent_places]:
            fronted = p.i < tok.i and all(t.is_punct for t in doc[: p.i])
            if p.dep_ == "prep" and p.lower_ in prepositions and (p.i > tok.i or fronted):
                objs = [c for c in p.children if c.dep_ == "pobj"]
                if objs:
                    o = objs[0]
                    left = [c for c in o.lefts if c.dep_ in _naming_deps(o) and c.pos_ == "PROPN"]
                    # "in the high-profile Gandhi constituency of Sultanpur": the place named by
                    # "of" comes before a name qualifying the noun
                    candidates += [
                        (_proper_run(doc, _name_start(doc, named)), False)
                        for c in o.children
                        if o.pos_ == "NOUN" and c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children
                        if g.dep_ == "pobj" and (named := _named_place(g)) is not None
                    ]
                    first = _name_start(doc, left[0] if left else o)
                    candidates.append((_proper_run(doc, first), False))
                    # "established at the Skill Centre in Jhandewalan": failing the
                    # institution, the place it is in
                    candidates += [
                        (_proper_run(doc, g), False)
                        for c in o.children
                        if c.dep_ == "prep" and c.lower_ in ("in", "at")
                        for g in c.children
                        if g.dep_ == "pobj" and g.pos_ == "PROPN"
                    ]
    # 4b. "Clusters under the same scheme for Kangra, Mandi and Solan districts": the districts
    # a preposition of the cluster's own phrase names, however far down the phrase; "for"
    # counts here, the unit word saying that a place follows ("for the weavers" does not). Not
    # a district qualifying a town ("at Cherthala in the Alappuzha district": the town's), nor
    # a centre's or unit's phrase (its place is its own, read above)
    # The parser may instead make the first district the object and the unit word its
    # apposition ("... Clusters under Pradhan Mantri Krishi Sampada Yojana for Kangra, Mandi
    # and Solan districts", "for" hanging on the scheme's name): a place after "for" that a
    # list of places goes on from (read off the words, as the parse of such lists varies), on
    # a word that is no place
    for t in tok.subtree if tok.lower_ in CLUSTER_WORDS else ():
        if t.i > tok.i and t.dep_ == "pobj" and t.lower_ in ADMIN_UNITS:
            prep = t.head
            if (
                prep.lower_ in PLACE_PREPOSITIONS | {"for"}
                and prep.head.pos_ != "PROPN"
                and doc[prep.i - 1].pos_ != "PROPN"
            ):
                names = [c for c in t.lefts if c.dep_ in _naming_deps(t) and c.pos_ == "PROPN"]
                if names:
                    candidates.append((_proper_run(doc, _name_start(doc, names[0])), False))
        elif (
            t.i > tok.i
            and t.dep_ == "pobj"
            and t.pos_ == "PROPN"
            and t.head.lower_ == "for"
            and _continued_places(doc, t.idx + len(t.text), place_kind)
            and not _is_place(doc, t.head.head, place_kind)
        ):
            candidates.append((_proper_run(doc, _name_start(doc, t)), False))
    # 5. "<Place> ... has become the first textile cluster", "Bahraich will also have a khadi
    # cluster": the subject of a copula or of a verb of having whose complement is the cluster
    if (tok.dep_ == "attr" and tok.head.lemma_ in _COPULA_LEMMAS) or (
        tok.dep_ == "dobj" and tok.head.lemma_ in _HAVING_LEMMAS
    ):
        for s in tok.head.children:
            # "The brass cluster, Karur, is a federation driven cluster": a cluster said to be
            # one is no other cluster of its subject's place
            if s.dep_ in ("nsubj", "nsubjpass") and s.lower_ not in CLUSTER_WORDS:
                for c in [s, *[a for a in s.children if a.dep_ == "appos"]]:
                    if c.pos_ == "PROPN":
                        candidates.append(([c], False))
    # 5b. "Sharan to be developed as a craft handloom village", "developing Sharan village as
    # a Craft Handloom Village": what a verb makes into the cluster ("as") is at its place; "X
    # is among the villages selected as ...": the subject the chosen ones are said to include
    if tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.pos_ == "VERB":
        for named in _made_as(tok.head.head):
            candidates.append((_named_run(doc, named), False))
    # 6. a centre or unit whose place is in its own phrase, after the body it is for ("a
    # pineapple processing unit for the Boko Pineapple FPC Ltd of Kamrup District at
    # Gamerimura"): the first place a preposition of that phrase names
    if facility_head(doc, tok) is not None:
        for t in tok.subtree:
            if (
                t.i > tok.i
                and t.dep_ == "pobj"
                and t.pos_ == "PROPN"
                and t.head.lower_ in PLACE_PREPOSITIONS | {"of"}
            ):
                candidates.append((_proper_run(doc, _name_start(doc, t)), False))
    for cand, adjacent in candidates:
        if not cand:
            continue
        found = _resolve(doc, cand, place_kind)
        if found is not None and found[1] == "town" and _institution(doc, cand):
            continue  # "at the Skill Centre in Madurai": the centre is no town
        if found is not None and found[1] == "town":
            found = _town_district(doc, found, place_kind)
        if found is not None and found[1] in ("district", "town"):
            return (*found, run, adjacent)
    return None


def _is_place(doc: Any, tok: Any, place_kind: PlaceKind) -> bool:
    """Whether the proper name ending at `tok` is a place, all of it ("Pradhan Mantri Krishi
    Sampada Yojana" is none, though a town may be called Pradhan)."""
    if tok.pos_ != "PROPN":
        return False
    run = _proper_run(doc, _name_start(doc, tok))
    found = _resolve(doc, run, place_kind) if run else None
    return (
        found is not None
        and found[2] is not None  # a town no table places is any capitalised word
        and found[4] == run[-1].idx + len(run[-1].text)
    )


def _naming_deps(noun: Any) -> tuple[str, ...]:
    """How a place's name hangs on the noun after it: as a compound ("Kamrup District"), and
    before a unit word also as the parser's modifier ("in Alappuzha and Kollam districts")."""
    return ("compound", "nmod") if noun.lower_ in ADMIN_UNITS else ("compound",)


def _past_union_territory(doc: Any, k: int) -> int:
    """Token `k` moved past "UT of" / "Union Territory of" before a territory's name ("Seaweed
    Cluster, UT of Lakshadweep")."""
    for words in (("ut", "of"), ("union", "territory", "of")):
        n = len(words)
        if k + n < len(doc) and tuple(t.lower_ for t in doc[k : k + n]) == words:
            return k + n
    return k


def _name_start(doc: Any, tok: Any) -> Any:
    """The first word of the proper name `tok` ends, through the proper nouns compounded
    before it ("Nongpok Kakching village", "Kamrup District": the whole name)."""
    while tok.i > 0 and doc[tok.i - 1].dep_ == "compound" and doc[tok.i - 1].pos_ == "PROPN":
        tok = doc[tok.i - 1]
    return tok


# Head nouns of an institution's or a building's name: a name ending so is no town
_INSTITUTION_HEADS = _CENTRE_WORDS | {
    "university", "institute", "college", "campus", "school", "complex", "hall", "bhawan",
    "bhavan", "office", "building", "society", "board",
}  # fmt: skip


def _institution(doc: Any, run: list[Any]) -> bool:
    """Whether the capitalised words `run` name an institution or a building, by their last
    word or the word after them ("the Skill Centre", "World Class Skill Centres (WCSC)")."""
    after = doc[run[-1].i + 1] if run[-1].i + 1 < len(doc) else None
    return run[-1].lower_ in _INSTITUTION_HEADS or (
        after is not None and after.lower_ in _INSTITUTION_HEADS and after.text[:1].isupper()
    )


def _numbered_locality(doc: Any, i: int) -> bool:
    """Whether token `i` goes on with a hyphen and a number the name before it: "Sector-58"
    ("Alappuzha 2. Karnataka ..." is a place and the next item's number)."""
    return i + 1 < len(doc) and doc[i].text == "-" and doc[i + 1].like_num


def _past_units(doc: Any, k: int) -> int:
    """Token `k` moved past the unit words after a place ("Village", "Taluk") and a second
    place of the same unit joined by "&" ("Belagatti & Hebbal Village")."""
    n = len(doc)
    if k + 1 < n and doc[k].text in ("&", "and"):
        other = _proper_run(doc, doc[k + 1])
        end = other[-1].i + 1 if other else k
        if other and end < n and doc[end].lower_ in ADMIN_UNITS:
            k = end
    while k < n and doc[k].lower_ in ADMIN_UNITS:
        k += 1
    return k


def _named_place(tok: Any) -> Any:
    """The proper name a place phrase's head stands for: the head itself, or, when the head is
    a unit word ("the confines of Aila Village", "the heart of Karur town"), the name it is
    compounded with; None when the phrase names no place."""
    if tok.pos_ == "PROPN" and tok.lower_ not in ADMIN_UNITS:
        return tok
    if tok.lower_ in ADMIN_UNITS:
        left = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        return left[0] if left else None
    return None


def _town_district(
    doc: Any, town: tuple[str, str, str | None, int, int], place_kind: PlaceKind
) -> tuple[str, str, str | None, int, int]:
    """A town with the district the text gives right after it: "Keshpur at West Midnapore",
    "Jaggayyapet in Krishna district", "Kalady (Ernakulam)": the town, placed in the district.
    An address is read down its units: "Hippargi Village of Jamakhandi Taluk, Bagalkot",
    "Shigli Village, Sirahatti Taluk, Gadag" (a place followed by its unit word is passed over
    on the way to the district; a place without one ends the address)."""
    after = next((t.i for t in doc if t.idx >= town[4]), len(doc))
    k = after
    for _ in range(3):
        start = k
        k = _past_units(doc, k)
        unit = k > start
        k = k + 1 if k < len(doc) and doc[k].text in ("(", ",") else k
        if k < len(doc) and doc[k].lower_ in PLACE_PREPOSITIONS | {"of"}:
            k += 1
            if k < len(doc) and doc[k].lower_ == "the":
                k += 1  # "Aila Village in the Gourisagar block of Sivasagar"
        if k == start or k >= len(doc):
            return town
        inner = _proper_run(doc, doc[k])
        found = _resolve(doc, inner, place_kind) if inner else None
        if found is not None and found[1] == "district":
            return (town[0], "town", found[2], town[3], town[4])
        end = inner[-1].i + 1 if inner else k
        if not (inner and (unit or k == start + 1) and end < len(doc)):
            return town
        if doc[end].lower_ not in ADMIN_UNITS:
            return _phrase_district(doc, town, after, place_kind)
        k = end
    return town


def _phrase_district(
    doc: Any, town: tuple[str, str, str | None, int, int], after: int, place_kind: PlaceKind
) -> tuple[str, str, str | None, int, int]:
    """A town placed by a district later in its own phrase, before any punctuation or verb:
    "Kotur and Belur Industrial Area of Karnataka's Dharwad district" (a state owning the
    district is passed over); the town as it is when the phrase names none."""
    for k in range(after, min(len(doc) - 1, after + 10)):
        t = doc[k]
        if t.is_punct or t.pos_ in ("VERB", "AUX"):
            break
        if t.lower_ not in ("of", "in"):
            continue
        j = k + 2 if doc[k + 1].lower_ == "the" and k + 2 < len(doc) else k + 1
        inner = _proper_run(doc, doc[j])
        found = _resolve(doc, inner, place_kind) if inner else None
        owned = _owned_place(doc, inner, found, place_kind) if found is not None else None
        if owned is not None:
            inner, found = owned
        if found is not None and found[1] == "district":
            return (town[0], "town", found[2], town[3], town[4])
    return town
