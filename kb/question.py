"""Question analysis: what kind of answer is expected, which entities the question is about,
which names it gives that the KB does not know, and which relation it asks for.

The answer type comes from the parse (the wh-word, the noun it governs, an auxiliary first),
read through ANSWER_NOUNS, a table of nouns and the answer type each asks for; the relation
from the meaning of the question against the ontology's one-line relation meanings (MiniLM);
the entities from the entity linker.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np

from kb.eligibility import beneficiary_terms
from kb.linking import EntityLinker
from kb.nlp import governors, parse, parse_many
from kb.schema import RELATION_TYPES
from kb.search import Embedder, cached_vectors, spelled_out, stem, tokens
from kb.store.base import Node

_NOUNS = ("NOUN", "PROPN")
# The noun a wh-word governs, and the answer type it asks for.
ANSWER_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        [
            "agency",
            "organisation",
            "organization",
            "company",
            "firm",
            "bank",
            "department",
            "ministry",
            "body",
            "institute",
            "institution",
            "partner",
            "buyer",
            "supplier",
            "anchor",
            "spv",
            "implementer",
            "cooperative",
            "society",
            "enterprise",
            "unit",
            "brand",
            "board",
            "council",
            "ngo",
            "consultant",
            "retailer",
            "exporter",
            "scheme",
            "programme",
            "program",
            "mission",
            "corporation",
            "federation",
            "producer",
            "consultancy",
            "association",
            "foundation",
            "trust",
            "committee",
            "commission",
            "directorate",
            "authority",
            "office",
            "university",
            "college",
            # the holders of the roles of kb/roles.csv: "which international lender ...?"
            "lender",
            "funder",
            "financier",
            "donor",
            "sponsor",
            "promoter",
            "founder",
            "customer",
            "client",
            "purchaser",
            "importer",
            "provider",
            "vendor",
            "trainer",
            "manufacturer",
            "contractor",
            "operator",
            "developer",
            "insurer",
            "yojana",
            # bodies by other common names ("which corporate group", "which startup", "the
            # chamber of commerce", "producer collectives", "OEMs", "MFIs")
            "group",
            "startup",
            "chamber",
            "collective",
            "oem",
            "mfi",
        ],
        "org",
    ),
    **dict.fromkeys(
        [
            "person",
            "officer",
            "minister",
            "chairman",
            "ceo",
            "head",
            "director",
            "secretary",
            "coordinator",
            "collector",
            "president",
            "chairperson",
            "founder",
            "manager",
            "commissioner",
            "professor",
            # officials by their titles' short forms ("nabard CGMs", "the MLA", "the GM")
            "official",
            "cgm",
            "dgm",
            "agm",
            "gm",
            "md",
            "mla",
            "envoy",
            "mayor",
        ],
        "person",
    ),  # fmt: skip
    **dict.fromkeys(
        [
            "district",
            "state",
            "place",
            "town",
            "city",
            "village",
            "location",
            "area",
            "block",
            "region",
            "country",
            "venue",
            # India's units below a district and the places within them
            "mandal",
            "taluk",
            "taluka",
            "tehsil",
            "panchayat",
            "colony",
            "locality",
            "constituency",
            "where",
        ],
        "place",
    ),  # fmt: skip
    **dict.fromkeys(["year", "date", "month", "day", "when", "time"], "date"),
    **dict.fromkeys(
        [
            "cost",
            "amount",
            "grant",
            "investment",
            "turnover",
            "value",
            "price",
            "fund",
            "funding",
            "budget",
            "outlay",
            "money",
            "subsidy",
            "loan",
            "sales",
            "revenue",
            "worth",
            "assistance",
            "contribution",
            "income",
            "earn",
            "earning",
            "wage",
            "salary",
            "spend",
            "allotment",
            "allocation",
        ],
        "money",
    ),  # fmt: skip
    **dict.fromkeys(["percentage", "percent", "share", "proportion", "rate"], "percent"),
}
AGGREGATE_WORDS = {"more", "fewer", "less", "compare", "compared", "larger", "bigger", "higher",
                   "lower", "total", "combined", "together", "difference", "most"}  # fmt: skip
PATH_WORDS = {"connected", "connect", "link", "linked", "links", "related", "relationship"}
AUXILIARIES = {"is", "are", "does", "do", "did", "has", "have", "was", "were", "can", "will"}
# Auxiliaries after a wh-word that leave the question's last verb governing it.
DO_SUPPORT = {"did", "does", "do", "will", "would", "could", "should", "can", "might"}
# Words asking for something from more than one source or thing.
ACROSS_WORDS = {"both", "two", "different", "differ", "compare", "respectively", "vs", "versus"}
# Words that say little about what is asked (their lemmas).
LIGHT_WORDS = {"be", "have", "do", "cluster", "get", "make", "go", "give", "take", "say"}
FOLLOW_UP = re.compile(r"\b(?:it|its|they|them|their|this|that|these|those|he|she|his|her)\b", re.I)


# the entity types of values: their capitalised words ("March") are no names
VALUE_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})


@dataclass
class Question:
    text: str
    # org person place date money count percent definition yesno path aggregate list kind other
    answer_type: str
    focus: list[Node] = field(default_factory=list)  # entities the question is about
    constraints: list[str] = field(default_factory=list)  # proper nouns the KB does not know
    relation: str | None = None  # the relation asked for, if one clearly is
    content: set[str] = field(default_factory=set)  # stemmed content words, entity names removed
    count_noun: str | None = None  # "how many <noun>"
    # the words saying what kind of it is counted ("how many ceramic units": ceramic)
    count_kinds: frozenset[str] = frozenset()
    plural: bool = False  # the asked noun is plural: a list is wanted
    noun: str | None = None  # the noun the question asks for ("cost", "fuel", "company"), stemmed
    noun_phrase: tuple[str, ...] = ()  # with its compound words ("anchor unit"), stemmed
    parts: int = 1  # how many things it asks ("how much ... and how many ...": 2)
    lemmas: frozenset[str] = frozenset()  # lemmas of its content words, entity names removed
    across: bool = False  # it compares or gathers across sources ("both", "the two reports")
    # the lemmas of what the asked thing is said of: "which agency implements X": agency,
    # implement (kb.nlp.governors)
    asked_of: frozenset[str] = frozenset()
    # a follow-up's conversation: the documents the previous turn's answer came from
    documents: frozenset[str] = frozenset()
    # "which state ...": the names of the places of the kind asked (lower case); a span naming
    # one answers before another place ("In Rajasthan, ... the villages of Dhanota, Manpura")
    kind_names: frozenset[str] = frozenset()


def _kinds_counted(doc: Any, noun: str | None) -> frozenset[str]:
    """The modifiers of the noun 'how many' counts, with those coordinated with them: "how
    many bleaching and dyeing units": bleaching, dyeing ("many" itself is none)."""
    token = next((t for t in doc if noun and t.lemma_.lower() == noun and t.pos_ == "NOUN"), None)
    if token is None:
        return frozenset()
    mods = [t for t in token.lefts if t.dep_ in ("amod", "compound")
            and t.lower_ not in ("many", "much")]  # fmt: skip
    mods += [c for t in mods for c in t.conjuncts]
    return frozenset(str(t.lemma_.lower()) for t in mods if t.is_alpha)


def asked_noun(doc: Any) -> str | None:
    """The lemma of the noun the wh-word asks for: 'which company', 'what is the cost of',
    'how many weavers', 'what fuels'; None when the question governs none."""
    token = _asked_token(doc)
    return str(token.lemma_.lower()) if token is not None else None


def asked_phrase(doc: Any) -> tuple[str, ...]:
    """The asked noun with the compound words before it ('the anchor unit': anchor, unit)."""
    token = _asked_token(doc)
    if token is None:
        return ()
    words = [t for t in token.lefts if t.dep_ == "compound" and t.is_alpha]
    return tuple(str(t.lemma_.lower()) for t in [*words, token])


# Nouns that ask for the thing named after their "of": "the name of the SPV" asks for the SPV
_NAMING_NOUNS = {"name", "names"}


def _named_thing(token: Any) -> Any:
    """What "the name of X" asks for: X; any other token is itself."""
    if token is None or token.lower_ not in _NAMING_NOUNS:
        return token
    of = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    named = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return named if named is not None and named.pos_ in _NOUNS else token


def _asked_token(doc: Any) -> Any:
    """The token the question asks for (`_wh_asked`); "the name of X" asks for X."""
    return _named_thing(_wh_asked(doc))


def _noun_read_as_verb(doc: Any, wh: Any) -> Any:
    """The noun right after an opening "which"/"what" that the tagger read as a verb ("which
    schemes back the PTRL lab", "which scheme funds the laboratory"): a noun that asks for a
    body, however tagged; None when there is none."""
    if wh.lower_ not in ("which", "what") or wh.i + 1 >= len(doc):
        return None
    token = doc[wh.i + 1]
    # a kind of body ("scheme"), not a measure: "which costs more" has its verb; places read
    # so are answer_type's ("which mandals does it cover": the places, not the word asked)
    if token.pos_ == "VERB" and ANSWER_NOUNS.get(token.lemma_.lower()) == "org":
        return token
    return None


def _wh_asked(doc: Any) -> Any:
    phrase = _before_relative(doc)  # "scheme under which X was set up": the scheme
    asked = _asked_token(phrase) if phrase is not None else None
    if asked is not None:
        return asked
    wh = next((t for t in doc if t.lower_ in ("which", "what", "how", "whose", "who")), None)
    if wh is None and len(doc) > 1 and doc[0].lower_ in ("list", "name"):
        wh = doc[0]  # "list the common problems ...": the command's object is asked for
    if wh is None:
        # "project cost of the X cluster?": the cost; a noun that asks for no kind is none
        asked, counted = _phrase_asked(doc)
        if counted or (asked is not None and asked.lemma_.lower() in ANSWER_NOUNS):
            return asked
        return _listed(doc)  # "e-commerce platforms lined up for X": the platforms
    if wh.dep_ in ("det", "attr") and wh.head.pos_ == "NOUN" and wh.head.i > wh.i:
        return wh.head
    misread = _noun_read_as_verb(doc, wh)
    if misread is not None:
        return misread
    if wh.dep_ == "dobj" and wh.head.lemma_.lower() in ANSWER_NOUNS:
        return wh.head  # "what will it cost?": the cost
    if wh.lower_ == "who" and not (len(doc) > wh.i + 1 and doc[wh.i + 1].lemma_ == "be"):
        return None  # "who bought ...": a verb is asked about, not a noun
    following = doc[wh.i + 1 : wh.i + 6]
    noun = next((t for t in following if t.pos_ == "NOUN" and t.dep_ != "compound"), None)
    if noun is not None:
        return noun
    noun = next((t for t in following if t.pos_ == "NOUN"), None)
    # "name of the fashion design institute": a compound's noun asks for its head, however
    # the tagger calls the head ("institute" as a proper noun)
    while noun is not None and noun.dep_ == "compound" and noun.head.i > noun.i:
        if noun.head.pos_ not in _NOUNS:
            break
        noun = noun.head
    return noun


# Words that, before "of", make a phrase a count of the noun after: "no. of looms"
COUNT_WORDS = {"no", "number", "nos", "count"}
# Words before a phrase question's noun that are not its head: "expected annual turnover"
_LEADING = {"DET", "ADJ", "ADV", "NUM", "VERB", "INTJ", "PUNCT", "X", "SYM", "CCONJ"}
_HEDGES = {"approx", "approximately", "about", "around", "roughly", "total", "estimated"}


def _bare_phrase(doc: Any) -> bool:
    """Whether a question is put as a bare phrase: no wh-word, no auxiliary opening it."""
    if any(t.lower_ in WH_WORDS or t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in doc):
        return False
    return bool(len(doc)) and doc[0].lower_ not in AUXILIARIES


# Tags of a word inside a noun phrase before its noun ("value added products", "hand woven
# sarees")
_MODIFYING_TAGS = {"VBN", "VBG", "JJ"}


def _phrase_asked(doc: Any) -> tuple[Any, bool]:
    """(the noun a question without a wh-word asks for, whether it is counted): an officer's
    question written as a noun phrase, "project cost of the X cluster?", "CPCDS outlay for the
    12th plan", "no. of weavers covered by X" (weavers, counted), "X wayanad - nodal agency?"
    (after a dash, the phrase asked). (None, False) for a question with a wh-word or a verb
    opening it, or when no noun stands where one is asked."""
    if not _bare_phrase(doc):
        return None, False
    marks = [k for k, t in enumerate(doc) if t.text in ("-", "–", "—", ":")]
    starts = [m + 1 for m in reversed(marks)] + [0]  # the phrase after a dash first
    for start in starts:
        k = start
        while k < len(doc) and (
            doc[k].lower_ in _HEDGES
            or (doc[k].pos_ in _LEADING or doc[k].text == ".")
            and doc[k].lower_ not in COUNT_WORDS
        ):
            k += 1
        if k >= len(doc):
            continue
        if doc[k].lower_ in COUNT_WORDS:  # "no. of companies", "approx no. of units"
            j = k + 1 + (k + 1 < len(doc) and doc[k + 1].text == ".")
            if j < len(doc) and doc[j].lower_ == "of":
                noun = next((t for t in doc[j + 1 :] if t.pos_ in ("NOUN", "PROPN")), None)
                if noun is not None:
                    return _phrase_head(noun), True
        if doc[k].pos_ not in ("NOUN", "PROPN"):
            continue
        end = k
        while end + 1 < len(doc):
            if ANSWER_NOUNS.get(doc[end].lemma_.lower()) and _clause_from(doc, end + 1):
                break  # "year chennimalai bedsheets got GI tag": the year, of a clause after it
            if doc[end + 1].pos_ in _NOUNS:
                end += 1  # "central govt allotment", "project cost": the run's last noun
            elif (
                doc[end + 1].tag_ in _MODIFYING_TAGS
                and end + 2 < len(doc)
                and doc[end + 2].pos_ in _NOUNS
            ):
                end += 2  # "value added products": a participle inside the phrase
            else:
                break
        return doc[end], False
    return None, False


# Words a clause's subject may hold before its verb ("REA pump testing and research centre SPV")
_SUBJECT_POS = {"NOUN", "PROPN", "ADJ", "CCONJ", "NUM", "PUNCT"}


def _clause_from(doc: Any, i: int) -> bool:
    """Whether the words from `i` on are a clause of their own, its subject and then its
    finite verb ("chennimalai bedsheets got GI tag", "ITC paid per kg", "the SPV was
    registered"): a question put as a phrase may leave out the "that" or "in which" before
    it, and the noun before it is then the one asked ("year ...", "rate ...")."""
    k = i
    while (
        k < len(doc)
        and (doc[k].pos_ in _SUBJECT_POS or doc[k].tag_ == "VBG")
        and doc[k].text not in (",", ":")
    ):
        k += 1
    if k == i or k >= len(doc):
        return False
    verb = doc[k]
    return verb.tag_ in ("VBD", "VBZ", "VBP") or (
        verb.pos_ == "AUX" and k + 1 < len(doc) and doc[k + 1].tag_ in ("VBN", "VBG")
    )


# Where a question put as a noun phrase stops naming what it asks for: "e-commerce platforms
# | lined up for ...", "craft clusters | under JTFRP", "mega powerloom clusters | the centre
# sanctioned"; a participle or adjective before its noun ("value added products", "home
# furnishing items") still belongs to the phrase
_PHRASE_ENDS = {"ADP", "DET", "ADV", "PUNCT", "CCONJ", "SCONJ", "PRON", "AUX", "PART"}


def _listed(doc: Any) -> Any:
    """The plural noun a question put as a noun phrase opens with, which asks for a list of
    those things: "e-commerce platforms lined up for X", "craft clusters under JTFRP", "nabard
    CGMs quoted in ..."; None when the question has a wh-word or an auxiliary opening it, or its
    opening phrase ends in no plural noun. The tagger often reads a lowercase plural as a verb
    ("powerloom clusters the centre sanctioned": "clusters" VBZ); a word ending in "s" that
    ends the phrase is taken for a noun."""
    if not _bare_phrase(doc) or doc[0].lower_ in ("list", "name"):
        return None
    last = None
    for t in doc:
        if t.i > 0 and (
            t.pos_ in _PHRASE_ENDS and t.text not in ("-", "/") or t.dep_ in ("acl", "relcl")
        ):
            break
        if t.pos_ in _NOUNS or t.tag_ == "VBZ" or _plural_acronym(t):
            last = t
    if last is None:
        return None
    plural = last.tag_ in ("NNS", "NNPS") or _plural_acronym(last) or (
        last.tag_ == "VBZ" and last.lower_.endswith("s") and not last.lower_.endswith("ss")
    )  # fmt: skip
    return last if plural else None


def _before_relative(doc: Any) -> Any:
    """The noun phrase a question is, when what follows it is a relative clause on it:
    "scheme under which X was set up", "places where the training was held", "bank through
    which KVIC routes loans" (a Doc of the phrase alone, which is what is asked); None when
    the question opens with its wh-word, a verb comes before it, or the wh-word asks
    ("sualkuchi cluster which scheme funds it": "which" before a noun asks for a scheme)."""
    wh = next((t for t in doc if t.lower_ in WH_WORDS or t.tag_ in ("WDT", "WP", "WRB")), None)
    if wh is None or wh.i < 1 or wh.i + 1 >= len(doc):
        return None
    after = doc[wh.i + 1]
    if doc[wh.i - 1].pos_ == "ADP" and doc[wh.i - 1].lower_ != "of":
        cut = wh.i - 1  # "under which", "in which", "through which"
    elif wh.lower_ in ("where", "when") or after.pos_ in ("VERB", "AUX") and after.tag_ != "VBZ":
        cut = wh.i  # "places where ...", "units which were sanctioned ..."
    else:
        return None
    phrase, verb = doc[:cut], _clause_verb(wh)
    # the clause hangs on the phrase's last noun, the head of the whole question, or the
    # parser made the clause the root and the noun a modifier of its verb ("year in which the
    # coir cluster was sanctioned"); "The weavers who left the cluster came back" says
    # something, it asks nothing
    noun = doc[cut - 1] if cut >= 1 else None
    on_noun = verb.dep_ == "relcl" and verb.head == noun and noun.dep_ == "ROOT"
    folded = (verb.dep_ == "ROOT" and noun is not None and noun.head == verb
              and noun.dep_ not in ("nsubj", "nsubjpass"))  # fmt: skip
    if not (on_noun or folded):
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") or t.text in (",", ":")
           for t in phrase):  # fmt: skip
        return None
    last = phrase[-1]
    if not (last.pos_ in _NOUNS or _plural_acronym(last) or last.tag_ == "VBZ"):
        return None
    return phrase.as_doc()


def _plural_acronym(token: Any) -> bool:
    """An acronym's plural ("CFCs", "SPVs"), a plural noun whatever the tagger says."""
    return re.fullmatch(r"[A-Z]{2,}s", token.text) is not None


def _phrase_head(token: Any) -> Any:
    """The noun a modifier belongs to: 'dyeing' in 'bleaching and dyeing units' -> 'units'."""
    while token.head.i != token.i and (
        token.dep_ == "conj"
        or (token.dep_ in ("compound", "amod", "nmod") and token.head.i > token.i)
    ):
        if token.head.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB"):
            break
        token = token.head
    return token


# The answer types a comparison can be over ("which costs more": money).
MEASURES = ("money", "date", "percent")


def measure(doc: Any) -> str | None:
    """What a comparison compares, from the first word of the question that names a measure
    ("turnover", "costs", "investment figures": money; "dates": date); None if none does."""
    for t in doc:
        kind = ANSWER_NOUNS.get(t.lemma_.lower()) or ANSWER_NOUNS.get(t.lower_)
        if kind in MEASURES:
            return kind
    return None


# Words that only say how to set the parts of a question side by side ("which is bigger",
# "give both figures"): a part made of these and stop words asks nothing of its own.
FRAME_WORDS = {"big", "large", "small", "more", "less", "high", "low", "costly", "first",
               "early", "late", "compare", "both", "figure", "number", "give", "difference",
               "differ", "vs", "versus", "than", "much", "cheap", "old", "new", "two", "value",
               "amount", "date", "quote", "report", "different", "which", "tell", "same",
               "get", "expensive"}  # fmt: skip
WH_WORDS = {"what", "which", "how", "who", "whom", "whose", "when", "where", "why"}
# Nouns that ask which kind of a thing it is: "what category of cluster is X?" is answered by
# the words that qualify "cluster" where X is described ("a heritage cluster")
KIND_WORDS = {"type", "kind", "category", "sort", "class", "variety"}


def kind_asked(doc: Any) -> Any:
    """The noun whose kind is asked ("what type of firm is it": firm), or None."""
    for t in doc:
        if t.lower_ not in ("what", "which"):
            continue
        k = t.i + 1
        while k < len(doc) and doc[k].pos_ == "ADJ":
            k += 1
        if k + 2 < len(doc) and doc[k].lemma_.lower() in KIND_WORDS and doc[k + 1].lower_ == "of":
            return next((n for n in doc[k + 2 : k + 5] if n.pos_ == "NOUN"), None)
        return None
    return None


_ASKING_VERBS = {"list", "name", "compare", "tell", "show"}  # a question put as a command
_COMPARED_WITH = {"with", "to", "against"}
_SUBORDINATE = {"advcl", "relcl", "acl", "pcomp"}  # a clause inside another ("both when ...")
_PART_LEAD = {"money": "How much is", "date": "When was", "percent": "What share is"}


class Parts(NamedTuple):
    """What a question asks, part by part (kb.question.split_parts)."""

    asked: list[str]  # the questions, each asked on its own
    context: list[str]  # the sentences that only set them up
    sides: list[str]  # a comparison's things, as the question names them, one per part ([]
    # when it compares none)
    larger: bool | None  # whether it asks for the larger side (False: the smaller; None: neither)


def split_parts(text: str, joins: Callable[[str], bool] = lambda words: False) -> Parts:
    """The questions `text` asks, and the sentences that only set them up (context).

    From the parse, not from phrasings: each question sentence is a part, split again where a
    wh-clause is coordinated with an earlier one ("how many SHGs were formed, and how many
    weavers do they cover?"); a comparison of two things ("compare A with B", "how does A
    compare with B", "which is bigger: A or B") asks for each. Parts made only of framing
    words ("which number is bigger?", "give both") are dropped. One part: ask it whole.
    Read on every question: parsed without the NER, which it does not use (half the time).
    `joins`: whether "<word> and <word>" is inside a known name ("gems and jewellery")."""
    (doc,) = parse_many([text])
    parts: list[str] = []
    context: list[str] = []
    # a question put as a bare phrase ("states of A and B", "bigger amount: A or B"): nothing
    # in it asks, so its sentences are its parts, not context
    telegraphic = not any(_asks(s) for s in doc.sents)
    one = len(list(doc.sents)) == 1
    sides: list[str] = []
    larger: bool | None = None
    for sent in doc.sents:
        starts = [sent.start]
        asked: set[int] = set()  # starts of bare phrases that ask ("X buyer, and which ...")
        for t in sent:
            if t.lower_ not in WH_WORDS or t.i < sent.start + 2:
                continue
            before = doc[t.i - 1]
            if before.lower_ not in ("and", ",", ";"):
                continue
            left = doc[starts[-1] : t.i]
            verb = _clause_verb(t)
            coordinated = verb.dep_ == "ROOT" or (
                verb.dep_ == "conj" and verb.head.dep_ not in _SUBORDINATE
            )
            bare = (  # a bare phrase set before ", and which ...": a part of its own
                starts[-1] == sent.start and not _asks(left) and _says_something(left)
                and not any(x.pos_ in ("VERB", "AUX") for x in left)
                and t.i >= sent.start + 3 and doc[t.i - 2].text in (",", ";")
            )  # fmt: skip
            if bare or (
                _asks(left) and any(x.pos_ in ("VERB", "AUX") for x in left) and coordinated
            ):
                asked |= {starts[-1]} if bare else set()
                starts.append(t.i - 1 if before.lower_ == "and" else t.i)
        for start, end in zip(starts, [*starts[1:], sent.end], strict=True):
            seg = doc[start:end]
            if seg[0].lower_ in ("and", ","):
                seg = seg[1:]
            if not _says_something(seg) or seg[0].lower_ == "give":
                continue
            pair = [_unframed(p).strip(" ?.,;") for p in _compared(seg)]
            if pair:
                counted = _counted_more(seg)  # "more weavers - A or B": how many weavers
                kind = measure(seg) or _COMPARED_MEASURES.get(_comparative(seg), "")
                lead = _PART_LEAD.get(kind, "What is")
                asked_of = _measured(seg)  # "more central money - A or B": "central money of"
                if kind == "money" and not measure(seg):
                    asked_of = "the cost of "  # "costlier project - A or B": their costs
                if counted:
                    lead, asked_of = f"How many {counted}", "in "
                parts += [f"{lead} {'' if _holds(p, asked_of) else asked_of}{p}?" for p in pair]
                sides, larger = pair, _larger_asked(seg)
            elif _asks(seg) or start in asked or (telegraphic and _bare(seg, one)):
                parts += (
                    _distributed(seg)
                    or _enumerated(seg, joins)
                    or _attributes(seg)
                    or [seg.text.strip(" ,;")]
                )
            else:
                context.append(seg.text.strip(" ,;"))
    if len(sides) != len(parts):  # sides name the parts only when the comparison is all asked
        sides, larger = [], None
    return Parts(parts, context, sides, larger)


# Words asking what two things have in common
_SHARED_WORDS = {"both", "common", "same", "shared", "connects", "between"}
# What coordinated arguments are, when one question asks the same of each
_ARGUMENTS = {"dobj", "pobj", "nsubj", "nsubjpass", "attr", "prep"}


def _distributed(seg: Any) -> list[str]:
    """The question asked of each of its coordinated arguments, when it asks the same of two
    things or more: "which schemes cover the X cluster and the Y cluster?" -> "which schemes
    cover the X cluster?", "which schemes cover the Y cluster?"; "the agencies of X and of Y".
    [] when nothing is so coordinated: a list inside one name ("the A, B and C handloom
    clusters" shares its head), conjuncts of a word or two ("weavers and looms"), or the
    asked phrase itself. Nor when it asks what they share ("what connects X and Y", "which
    body figures both at X and in Y"): that is one question."""
    if {t.lower_ for t in seg} & (PATH_WORDS | _SHARED_WORDS):
        return []
    for x in seg:
        conj = [y for y in x.conjuncts if y.i > x.i and y.dep_ == "conj"]
        if not conj or x.dep_ not in _ARGUMENTS or x.pos_ not in ("NOUN", "PROPN", "ADP"):
            continue
        nominal = ("NOUN", "PROPN")
        if any(y.pos_ != x.pos_ and not {y.pos_, x.pos_} <= set(nominal) for y in conj):
            continue
        if any(y.left_edge.lower_ not in ("the", "a", "an", "of", "to", "for", "in", "at")
               and y.lemma_.lower() != x.lemma_.lower() for y in conj):  # fmt: skip
            continue  # "the Oil Expeller and Parts Cluster": one name
        spans = []
        for k, c in enumerate([x, *conj]):
            end = conj[k].left_edge.i if k < len(conj) else c.right_edge.i + 1
            words = [t for t in seg.doc[c.left_edge.i if k else x.left_edge.i : end]
                     if not (t.dep_ in ("cc", "preconj", "punct") and t.head.i in (x.i, c.i))]  # fmt: skip
            spans.append(words)
        repeated = x.pos_ == "ADP" and all(y.lower_ == x.lower_ for y in conj)  # "at A and at B"
        if not repeated and any(
            len([t for t in w if t.pos_ in ("NOUN", "PROPN", "ADJ")]) < 2 for w in spans
        ):
            continue
        if any(t.lower_ in WH_WORDS for w in spans for t in w):
            continue  # the asked phrase ("which X and Y"): one question
        start, stop = x.left_edge.i, conj[-1].right_edge.i + 1
        before = seg.doc[seg.start : start].text
        after = seg.doc[stop : seg.end].text
        before = re.sub(r"\bboth\s*$", "", before).rstrip()  # "do both X and Y come under"
        return [
            " ".join(p for p in (before, " ".join(t.text for t in w), after) if p).strip(" ,;")
            for w in spans
        ]
    return []


# The heads several coordinated names may share ("the A and B reports"), with the form each
# part takes: a document or project in the singular, people in the plural
_DOCUMENT_HEADS = {
    **{p: p[:-1] for p in ("reports", "papers", "articles", "documents", "releases", "notes",
                           "dprs")},
    "stories": "story", "studies": "study",
}  # fmt: skip
_SHARED_HEADS = {
    **_DOCUMENT_HEADS,
    **{p: p[:-1] for p in ("clusters", "cfcs", "centres", "centers", "projects", "proposals",
                           "units", "schemes")},
    **{p: p for p in ("growers", "weavers", "artisans", "farmers", "workers", "women")},
}  # fmt: skip
_MARKS = {"-", "–", "—", ":"}


def _enumerated(seg: Any, joins: Callable[[str], bool]) -> list[str]:
    """The question asked of each name of an enumeration that closes it, read from the words
    where the parse of a telegraphic question fails ("nabard CGMs quoted in the sangrur
    phulkari and karnataka weavers reports": "reports" taken for a verb): "<frame> <preposition>
    A, B and C [shared head]" -> "<frame> <preposition> A [head]", ...; "A and B - <question>"
    -> "A - <question>", .... Each name has two words that say something or more (not "weavers
    and looms", not "Jammu and Kashmir"); the frame ends in a preposition, a participle or a
    dash, or the names open the question and a dash follows them. [] otherwise, and when the
    question asks what they share or how they are linked."""
    words = [t.lower_ for t in seg]
    ands = [i for i, w in enumerate(words) if w == "and"]
    if len(ands) != 1 or set(words) & (PATH_WORDS | _SHARED_WORDS):
        return []
    at = ands[0]
    stop = at + 1
    while stop < len(seg) and not _ends_name(seg, stop):
        stop += 1
    after = seg[stop:].text.strip()
    if after and after[0] not in "?" and seg[stop].text not in _MARKS:
        return []
    names: list[list[Any]] = [list(seg[at + 1 : stop])]  # tokens (a determiner may be a str)
    start = at - 1
    current: list[Any] = []
    while start >= 0 and not _ends_name(seg, start):
        if seg[start].text == ",":
            names.insert(0, current)
            current = []
        else:
            current.insert(0, seg[start])
        start -= 1
    names.insert(0, current)
    frame = seg[: start + 1]
    opened = start < 0 and after[:1] in _MARKS
    framed = start >= 0 and (
        seg[start].pos_ == "ADP" or seg[start].text in _MARKS or seg[start].lower_.endswith("ed")
    )
    if not (opened or framed):
        return []
    if any(sum(t.is_alpha and not t.is_stop for t in name) < 2 for name in names):
        return []
    if joins(f"{seg[at - 1].text} and {seg[at + 1].text}"):
        return []  # "the Bow Bazar gems and jewellery CFC": one name
    head = names[-1][-1].lower_
    heads = _DOCUMENT_HEADS if head in _DOCUMENT_HEADS else _SHARED_HEADS
    ending = set(heads) | set(heads.values())  # a name ending in one keeps its own head
    shared = ""
    if head in _SHARED_HEADS and all(n[-1].lower_ not in ending for n in names[:-1]):
        names[-1] = names[-1][:-1]
        shared = _SHARED_HEADS[head].upper() if head in ("dprs", "cfcs") else _SHARED_HEADS[head]
    det = names[0][0].lower_ if names[0][0].pos_ == "DET" else ""
    names = [n if not det or n[0].pos_ == "DET" else [det, *n] for n in names]
    return [
        " ".join(x for x in (frame.text, " ".join(str(t) for t in n), shared, after) if x)
        for n in names
    ]


def _attributes(seg: Any) -> list[str]:
    """The question asked of each of the things a telegraphic question lists after its topic
    and a colon or dash: "Hindupur small cluster programme: total cost, central grant,
    weavers' share" -> "Hindupur small cluster programme: total cost", ... (each part keeps
    the topic, so it is asked of it). The topic asks nothing (no wh-word: "which schemes - A
    and B" names two things to ask the same of, `_enumerated`); the listed things are
    phrases, not clauses, and not all single words ("centre, state and industry" qualify a
    noun of the topic). [] otherwise."""
    mark = next((t.i - seg.start for t in seg
                 if t.text in _MARKS or (t.is_punct and t.text.endswith(":"))), None)  # fmt: skip
    if mark is None or mark < 2 or _asks(seg[:mark]) or not _says_something(seg[:mark]):
        return []
    rest = seg[mark + 1 :]  # after the topic and its mark
    items: list[list[Any]] = [[]]
    for t in rest:
        if t.lower_ in (",", "and", ";", "&") or (t.text == "?" and t.i == seg.end - 1):
            if items[-1]:
                items.append([])
            continue
        items[-1].append(t)
    items = [i for i in items if i]
    if len(items) < 2 or all(len(i) == 1 for i in items):
        return []
    for item in items:
        if item[0].lower_ in WH_WORDS or item[0].pos_ in ("VERB", "AUX"):
            return []  # "- how many weavers ..., and ...": clauses, split as such
        if not any(t.pos_ in ("NOUN", "PROPN") for t in item) or len(item) > 7:
            return []
    text = seg.doc.text
    head = text[seg[0].idx : seg[mark].idx + len(seg[mark])]  # the topic and its mark
    return [f"{head} {text[x[0].idx : x[-1].idx + len(x[-1])]}?" for x in items]


def _ends_name(seg: Any, i: int) -> bool:
    """Whether the i-th token of `seg` cannot be inside a name of an enumeration: a preposition,
    an auxiliary, a pronoun, a conjunction, a wh-word, a dash or colon, a participle in -ed, or a
    verb no noun follows (a lowercase name's words are often tagged as verbs: "the rajkot pump
    CFC", "the kannur weaving centre"; "cover the" is a verb)."""
    t = seg[i]
    if t.pos_ in ("ADP", "AUX", "PRON", "SCONJ", "CCONJ") or t.lower_ in WH_WORDS:
        return True
    if t.text in _MARKS or t.text in ("?", ";", "(", ")"):
        return True
    if t.pos_ == "VERB":
        after = i + 1 >= len(seg) or seg[i + 1].pos_ in ("NOUN", "PROPN") or seg[i + 1].text == "?"
        return t.lower_.endswith("ed") or not after
    return False


def _says_something(seg: Any) -> bool:
    return any(
        t.is_alpha and not t.is_stop and t.lemma_.lower() not in FRAME_WORDS
        and t.lower_ not in FRAME_WORDS
        for t in seg
    )  # fmt: skip


def _asks(seg: Any) -> bool:
    return any(t.lower_ in WH_WORDS for t in seg) or (
        len(seg) > 0 and seg[0].lower_ in _ASKING_VERBS
    )


def _clause_verb(token: Any) -> Any:
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token


def _compared(seg: Any) -> list[str]:
    """The two things a comparison sets side by side, or [] (framing after them, "B, give
    both", is left for `_unframed`, which split_parts applies to each)."""
    words = [t.lower_ for t in seg]
    at = next((i for i, w in enumerate(words) if w in ("compare", "compared")), None)
    if at is not None:
        w = next((i for i in range(at + 1, len(seg)) if words[i] in _COMPARED_WITH), None)
        if w is None:
            return []
        if at == 0:  # "compare A with B"
            first = seg[1:w]
        else:  # "how does A compare with B": A after the auxiliary
            aux = next((i + 1 for i in range(at) if seg[i].pos_ == "AUX"), 0)
            first = seg[aux:at]
        second = seg[w + 1 :]
        return [first.text, second.text] if len(first) and len(second) else []
    versus = next((i for i, w in enumerate(words) if w in ("vs", "vs.", "versus")), None)
    if versus is not None and 0 < versus < len(seg) - 1:  # "land area of A vs B"
        first, second = seg[:versus].text.strip(" ,"), seg[versus + 1 :].text.strip(" ?.,")
        of = re.match(r"(.+? of )(.+)", first)  # what is asked of A is asked of B
        dash = re.match(r"(.+? [-–—:] )(.+)", first)  # "central money - A vs B": of B too
        if of and " of " not in f" {second} ":
            second = of[1] + second
        elif dash:
            second = dash[1] + second
        return [first, second]
    mark = next((i for i, w in enumerate(words) if w in (":", "-", "–", "—")), None)
    if mark is not None:  # "which is bigger: A or B", "bigger amount - A or B, give both"
        head, rest = seg[:mark], seg[mark + 1 :].text
        comparative = any(t.tag_ in ("JJR", "RBR", "JJS", "RBS") for t in head)
        if (_asks(head) or comparative) and " or " in rest:
            first_text, second_text = rest.split(" or ", 1)
            if first_text.strip(" ,") and second_text.strip(" ?.,"):
                return [first_text.strip(" ,"), second_text]
    return []


# Comparatives that say what they compare ("which is costlier: A or B": their costs)
_COMPARED_MEASURES = {"costly": "money", "expensive": "money", "cheap": "money",
                      "dear": "money", "early": "date", "late": "date", "old": "date"}  # fmt: skip


def _comparative(seg: Any) -> str:
    """The lemma of the comparison's comparative or superlative adjective ("costlier":
    "costly"), "" when it has none."""
    word = next((t for t in seg if t.tag_ in ("JJR", "JJS", "RBR", "RBS")), None)
    if word is None:
        return ""
    lemma = word.lemma_.lower()
    for suffix, base in (("ier", "y"), ("iest", "y"), ("er", ""), ("est", "")):
        if lemma == word.lower_ and lemma.endswith(suffix):  # the lemmatiser left it
            return lemma[: -len(suffix)] + base
    return lemma


# Comparatives asking for the smaller side ("which is cheaper", "fewer units")
_SMALLER = {"less", "least", "few", "fewer", "fewest", "small", "low", "cheap", "little", "short"}
# Comparatives the lemmatiser leaves as they are
_SMALLER_LEMMA = {"cheaper": "cheap", "smaller": "small", "lower": "low", "shorter": "short"}


def _larger_asked(seg: Any) -> bool | None:
    """Whether a comparison asks for the larger side (True), the smaller (False), or neither
    ("compare A with B", "more or less than"): from its comparatives' lemmas."""
    asked = {
        _SMALLER_LEMMA.get(t.lower_, t.lemma_.lower())
        for t in seg
        if t.tag_ in ("JJR", "JJS", "RBR", "RBS") or t.lower_ in ("more", "less", "fewer")
    }
    if not asked:
        return None
    smaller = {w for w in asked if w in _SMALLER}
    if smaller and smaller != asked:
        return None
    return not smaller


def _counted_more(seg: Any) -> str:
    """The plural noun a comparison counts ("more weavers - A or B", "which involves more
    people: A or B"): "weavers", "people"; "" when it counts none."""
    for t in seg[:-1]:
        after = seg.doc[t.i + 1]
        if t.lower_ in ("more", "fewer", "most", "fewest") and after.tag_ in ("NNS", "NNPS"):
            return after.text
    return ""


def _holds(part: str, asked_of: str) -> bool:
    """Whether a part already says what is asked of it ("central money per cluster - A")."""
    words = set(re.findall(r"\w+", asked_of.lower())) - {"of"}
    return bool(words) and words <= set(re.findall(r"\w+", part.lower()))


def _measured(seg: Any) -> str:
    """What a comparison set before its mark measures, when it names it ("more central money
    - A or B": "central money of "); "" when the words before the mark only frame it ("which
    is bigger: A or B", "bigger amount: A or B") or there is no such mark."""
    mark = next((t.i for t in seg if t.text in (":", "-", "–", "—")), None)
    if mark is None:
        return ""
    if any(t.lower_ in ("vs", "vs.", "versus", "or") for t in seg.doc[seg.start : mark]):
        return ""  # "A vs B - which is costlier": the mark comes after the things compared
    head = [t for t in seg.doc[seg.start : mark] if t.tag_ not in ("JJR", "RBR", "JJS", "RBS")]
    if not any(t.pos_ == "NOUN" and t.lemma_.lower() not in FRAME_WORDS for t in head):
        return ""
    words = [t.text for t in head if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")]
    return " ".join(words) + " of " if words else ""


def _unframed(text: str) -> str:
    """`text` without a trailing phrase that only frames the answer ("B, give both", "B -
    which is costlier", "B, which got more?")."""
    for mark in (",", " - ", " – ", ":"):
        head, sep, tail = text.rpartition(mark)
        if sep and head.strip() and not _says_something(parse(tail)):
            return _unframed(head.strip())
    return text


def _bare(seg: Any, alone: bool) -> bool:
    """Whether a sentence of a question that has no wh-word asks (a bare phrase: "states of
    A and B", "bigger amount: A or B?"): it names something, and, unless it is the question's
    only sentence, states nothing (no finite verb) or ends in a question mark. An instruction
    naming nothing ("- add them up") only frames the rest."""
    if not any(t.pos_ in ("NOUN", "PROPN") for t in seg):
        return False
    finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in seg)
    return alone or not finite or seg.text.rstrip().endswith("?")


_WH = {"what", "which", "who", "whom", "whose", "where", "when", "how", "why"}


def asking_sentence(doc: Any) -> Any:
    """The sentence of a question that asks, when others only lead up to it: "Ludhiana's
    makers say the site is too far. Where is that site?" is read from "Where"; a question of
    one sentence, or whose first sentence already asks, is read whole."""
    sentences = list(doc.sents)
    if len(sentences) < 2:
        return doc
    first = sentences[0]
    if first.text.rstrip().endswith("?") or any(t.lower_ in _WH for t in first):
        return doc
    asking = next((s for s in sentences[1:] if any(t.lower_ in _WH for t in s)), None)
    return asking.as_doc() if asking is not None else doc


# Words asking an amount of money whatever noun the question asks of ("worth", "in dollars")
CURRENCY_WORDS = {"worth", "dollar", "rupee", "crore", "lakh", "usd", "inr"}


# Units of area and the words that make "area" a measure: "how many acres", "how much land",
# "the land area of X" ask for an area with its unit (kb.nlp's area spans); "which area of
# Mumbai" asks for a place
AREA_UNITS = {"acre", "hectare", "sqft", "sqm"}
_AREA_QUALIFIERS = {"land", "total", "built", "floor", "plot", "covered", "carpet"}


def area_asked(doc: Any) -> bool:
    """Whether the question asks for an area: a unit of area counted ("how many acres"),
    "how much land", or an area qualified as a measure ("land area", "total area")."""
    for t in doc:
        lemma, before = t.lemma_.lower(), doc[t.i - 1].lower_ if t.i > 0 else ""
        if lemma in AREA_UNITS and before == "many" or lemma == "acreage":
            return True
        if lemma == "land" and before == "much" and t.i > 1 and doc[t.i - 2].lower_ == "how":
            return True
        if lemma == "area" and (before in _AREA_QUALIFIERS or any(
            c.lower_ in _AREA_QUALIFIERS for c in t.children if c.dep_ in ("compound", "amod")
        )):  # fmt: skip
            return True
    return False


def _total_of(doc: Any) -> str | None:
    """The noun "total" counts when it asks how many of one thing ("total beneficiaries",
    "total no. of units"), not an amount ("total project cost") nor a sum over things the
    question lists ("total cost of A and B"): its lemma, or None."""
    if any(t.lower_ in ("and", "or", "vs", "versus", "&") for t in doc):
        return None
    for t in doc:
        if t.lower_ != "total" or t.i + 1 >= len(doc):
            continue
        nxt = doc[t.i + 1]
        if (
            nxt.lower_ in ("no", "no.", "number")
            and t.i + 3 < len(doc)
            and doc[t.i + 2].lower_ in {"of", "."}
        ):
            nxt = next((x for x in doc[t.i + 3 :] if x.pos_ in ("NOUN", "PROPN")), None)
            return _phrase_head(nxt).lemma_.lower() if nxt is not None else None
        if nxt.tag_ in ("NNS", "NNPS") and ANSWER_NOUNS.get(nxt.lemma_.lower()) is None:
            return str(nxt.lemma_.lower())
    return None


# Words after "per" that make a rate a share, not a price: "per cent", "per annum"
_SHARE_UNITS = {"cent", "centum", "annum", "year", "month", "day"}


def _alternative(doc: Any, noun: Any) -> Any:
    """The noun offered as another word for `noun` ("which project / scheme", "which firm or
    company") when only that one names a kind of answer; else `noun`."""
    k = noun.i + 1
    if k + 1 < len(doc) and doc[k].lower_ in ("/", "or"):
        other = doc[k + 1]
        if other.pos_ in _NOUNS and ANSWER_NOUNS.get(other.lemma_.lower()) is not None:
            return other
    return noun


def answer_type(doc: Any) -> tuple[str, str | None, bool]:
    """(answer type, the noun counted by 'how many', whether the asked noun is plural)."""
    kind, counted, plural = _answer_type(doc)
    if kind == "percent" and _priced(doc):
        return "money", None, False  # "rate paid per kg": a price
    return kind, counted, plural


def _priced(doc: Any) -> bool:
    """Whether a question asks a rate per unit of a good ("the rate ITC paid per kg"), which
    is a price: the word "rate", and "per" before a noun that is no period and no "cent"."""
    if not any(t.lemma_.lower() == "rate" for t in doc):
        return False
    return any(
        t.lower_ == "per"
        and t.i + 1 < len(doc)
        and doc[t.i + 1].is_alpha
        and doc[t.i + 1].lower_ not in _SHARE_UNITS
        for t in doc
    )


def _answer_type(doc: Any) -> tuple[str, str | None, bool]:
    words = [t.lower_ for t in doc]
    lemmas = [t.lemma_.lower() for t in doc]
    if not words:
        return "other", None, False
    # "connected"/"linked" ask how things are linked, unless the question asks for a noun the
    # participle only qualifies: "industry bodies linked to X", "which ministry is ... linked
    # to", "how many beekeepers are linked to X"
    linked = [t for t in doc if t.lower_ in ("connected", "linked")]
    asks_noun = any(t.lower_ in ("which", "what") and t.dep_ == "det" for t in doc) or (
        words[:2] in (["how", "many"], ["how", "much"])
    )
    if (
        set(words) & PATH_WORDS
        and " between " in f" {' '.join(words)} "
        or (
            linked
            and not asks_noun
            and (words[0] in ("how", *AUXILIARIES) or not all(t.dep_ == "acl" for t in linked))
        )
    ):
        return "path", None, False
    if words[0] in AUXILIARIES:
        return "yesno", None, False
    if area_asked(doc):
        return "area", None, False
    for i, w in enumerate(words[:-1]):
        if w == "how" and words[i + 1] in ("many", "much"):
            noun = next((t for t in doc[i + 2 :] if t.pos_ in ("NOUN", "PROPN")), None)
            if words[i + 1] == "many":  # "how many bleaching and dyeing units": units
                head = _phrase_head(noun) if noun is not None else None
                return "count", head.lemma_.lower() if head is not None else None, False
            kind = ANSWER_NOUNS.get(noun.lemma_.lower()) if noun is not None else "money"
            if kind == "percent":
                return "percent", None, False
            if noun is not None and kind != "money" and noun.i == i + 2:
                return "count", noun.lemma_.lower(), False  # "how much land": a quantity
            return "money", None, False
    phrase = _before_relative(doc)  # "scheme under which X was set up": a scheme
    typed = _answer_type(phrase) if phrase is not None else None
    if typed is not None and typed[0] != "other":
        return typed
    if set(words) & AGGREGATE_WORDS and not set(words) & {"who", "where", "when"}:
        totalled = _total_of(doc) if set(words) & AGGREGATE_WORDS == {"total"} else None
        if totalled is not None:  # "sirumugai handloom cluster - total beneficiaries"
            return "count", totalled, False
        return "aggregate", None, False
    if kind_asked(doc) is not None:
        return "kind", None, False
    # the question's own wh-word, also after a fronted phrase with no verb ("Under MSE-CDP in
    # Maharashtra, who implements the scheme?", which the parser reads as a relative clause)
    # a follow-up's leading conjunction is no part of the question ("and who is the SPV?")
    lead = next((t.i for t in doc if t.pos_ not in ("CCONJ", "PUNCT")), 0)
    opener = words[lead]
    for t in doc[lead + 1 :]:
        if t.pos_ in ("VERB", "AUX") or t.lower_ in WH_WORDS:
            if t.lower_ in ("who", "when", "where") and doc[t.i - 1].text in (",", ":", "-", "–"):
                opener = t.lower_
            break
    if opener == "who" or "whom" in words or "whose" in words:
        return "org", None, False
    if opener == "when":
        return "date", None, False
    if opener == "where":
        return "place", None, False
    if words[0] == "list":  # "List the blocks from which ...": a relative "which" asks nothing
        return "list", None, True
    wh = next((t for t in doc if t.lower_ in ("which", "what")), None)
    if wh is not None:
        # "which international lender has agreed to fund ...": the noun right after the
        # opening wh-word (past its adjectives) is the one asked, however the parser attached
        # them
        k = wh.i + 1
        while k < len(doc) and doc[k].pos_ == "ADJ":
            k += 1
        while k + 1 < len(doc) and doc[k].dep_ == "compound" and doc[k + 1].pos_ in _NOUNS:
            k += 1  # "which producer companies": the companies
        # not "from which ...": the question's first word, after a preposition, or after a
        # fronted phrase ("Besides the three CFCs, which projects ...")
        opens = (
            wh.i == 0
            or (wh.i == 1 and doc[0].pos_ == "ADP")
            or doc[wh.i - 1].text in (",", ":", "-", "–", "—")  # "X cluster - which place"
        )
        named = doc[k] if opens and k < len(doc) and doc[k].pos_ != "AUX" else None
        if named is not None and ANSWER_NOUNS.get(named.lemma_.lower()) is None:
            named = _alternative(doc, named)  # "which project / scheme": a scheme
        kind = ANSWER_NOUNS.get(named.lemma_.lower()) if named is not None else None
        if named is not None and kind == "org":
            # "which schemes back ...", the noun read as a verb in the third person
            plural = named.tag_ in ("NNS", "NNPS") or (
                named.tag_ == "VBZ" and named.lower_ != named.lemma_.lower()
            )
            return ("list" if plural else kind), None, plural
        if named is not None and kind == "place":
            # "which mandals does it cover", "X cluster - which place": places, however the
            # tagger read the lowercase word (as a verb, often)
            return kind, None, named.lower_ != named.lemma_.lower()
        verb = ANSWER_NOUNS.get(wh.head.lemma_.lower()) if wh.head.i > wh.i else None
        if wh.dep_ == "dobj" and verb:  # "what will the centre cost?", "what did it earn?"
            return verb, None, False
        last = [t for t in doc if t.is_alpha][-1]
        if wh.i + 1 < len(doc) and doc[wh.i + 1].lower_ in DO_SUPPORT and last.i > wh.i + 1:
            # "what did <a long subject> cost?": the wh-word is the object of the verb that
            # ends the question, however the parser attached it
            kind = ANSWER_NOUNS.get(last.lemma_.lower()) or ANSWER_NOUNS.get(last.lower_)
            if kind in ("money", "count", "percent", "date", "place"):
                return kind, None, False
        head = wh.head if wh.dep_ in ("det", "attr") and wh.head.pos_ == "NOUN" else None
        if head is None:  # "what is the cost of ...": the attribute or subject noun
            head = next(
                (t for t in doc[wh.i + 1 :] if t.pos_ == "NOUN" or _plural_acronym(t)), None
            )
            while (
                head is not None
                and head.dep_ == "compound"
                and head.head.i > head.i
                and (head.head.pos_ == "NOUN" or _plural_acronym(head.head))
            ):
                # "what is the project cost": the cost, not the project; "under which state
                # scheme": a scheme, not a state; "which infrastructure development projects"
                asked, above = (ANSWER_NOUNS.get(t.lemma_.lower()) for t in (head, head.head))
                if asked and not above:
                    break  # "what is the brand name": a brand, whatever the name
                head = head.head
        head = _named_thing(head)  # "what is the name of the SPV": an SPV
        if head is not None:
            plural = head.tag_ in ("NNS", "NNPS") or _plural_acronym(head)
            kind = ANSWER_NOUNS.get(head.lemma_.lower())
            if kind:
                return ("list" if plural and kind == "org" else kind), None, plural
            if plural:
                return "list", None, True
        if set(lemmas) & CURRENCY_WORDS:  # "what is the output worth in dollars?"
            return "money", None, False
        if wh.lower_ == "what" and len(doc) <= 8 and lemmas[wh.i + 1 : wh.i + 2] == ["be"]:
            return "definition", None, False
    if words[0] in ("list", "name"):
        return "list", None, True
    asked, counted = _phrase_asked(doc)  # "project cost of X?", "no. of weavers in X"
    if asked is not None:
        plural = asked.tag_ in ("NNS", "NNPS") or _plural_acronym(asked)
        if counted:
            return "count", asked.lemma_.lower(), False
        kind = ANSWER_NOUNS.get(asked.lemma_.lower())
        if kind:
            return ("list" if plural and kind == "org" else kind), None, plural
    listed = _listed(doc)
    if listed is not None and _people(listed.lower_):
        # "weavers to benefit from X", "beneficiaries supported by X": how many
        return "count", listed.lemma_.lower(), False
    if listed is not None:  # "e-commerce platforms lined up for X": those platforms
        return "list", None, True
    return "other", None, False


@lru_cache(maxsize=1)
def _people_words() -> frozenset[str]:
    return frozenset(w for w, kind in beneficiary_terms().items() if kind == "person")


def _people(word: str) -> bool:
    """Whether a plural noun names people a scheme benefits (kb/beneficiaries.csv: weavers,
    artisans, beneficiaries): put as a bare phrase, such a noun asks how many."""
    return word in _people_words()


class QuestionAnalyser:
    """Reads questions for the answerer: spaCy parse, entity linking, relation by meaning."""

    def __init__(self, linker: EntityLinker, embedder: Embedder | None):
        self.linker = linker
        self.embedder = embedder
        self._relations: tuple[list[str], np.ndarray] | None = None

    def analyse(self, text: str, focus: list[Node], doc: Any = None) -> Question:
        """The question `text` about the linked `focus`; `doc`: its parse, when the caller
        has one (kb.nlp.parse of the same text)."""
        doc = doc if doc is not None else parse(text)
        asking = asking_sentence(doc)
        kind, count_noun, plural = answer_type(asking)
        if kind in ("other", "definition") and asking is not doc:  # "... figures. What are they?"
            asking = doc
            kind, count_noun, plural = answer_type(doc)
        several = bool({t.lemma_.lower() for t in doc} & ACROSS_WORDS)
        compared = (kind == "aggregate" or kind == "other" and several) and measure(doc)
        if compared:  # "which costs more, A or B?", "the two reports' figures": the amounts
            kind = compared
        noun = asked_noun(asking)
        names = [a for n in focus for a in [n.name, *n.aliases] if len(a) > 2]
        entity_words = {t for a in names for t in tokens(a)}
        content = set(tokens(text)) - entity_words - {stem(w) for w in ("cluster",)}
        phrase = tuple(stem(w) for w in asked_phrase(asking))
        if kind == "kind":  # "what type of firm": a firm is asked, of some kind
            noun = kind_asked(asking).lemma_.lower()
            phrase = (stem(noun),)
        if noun and kind in ("place", "date") and ANSWER_NOUNS.get(noun.lower()) == kind:
            # "in which state", "which year": the noun names the kind of the answer, which the
            # evidence holds as a span ("Manipur"); the word itself is no evidence
            content -= {stem(noun)}
            phrase = ()
        constraints = self._constraints(doc, focus)
        asked = _asked_token(asking)
        wh = next((t for t in asking if t.tag_ in ("WDT", "WP", "WP$", "WRB")), None)
        asked_of = governors(asked, own=True) if asked is not None else governors(wh)
        return Question(
            text=text,
            answer_type=kind,
            focus=focus,
            constraints=constraints,
            relation=self.relation(
                self.masked(spelled_out(text), names), frozenset(n.type for n in focus)
            ),
            content=content,
            count_noun=count_noun,
            count_kinds=_kinds_counted(asking, count_noun) if kind == "count" else frozenset(),
            plural=plural,
            noun=stem(noun) if noun else None,
            noun_phrase=phrase,
            parts=max(1, sum(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in doc)),
            across=bool(compared) or several,
            asked_of=asked_of - LIGHT_WORDS - {"many", "much"},
            lemmas=frozenset(
                t.lemma_.lower()
                for t in doc
                if t.pos_ in ("NOUN", "VERB", "ADJ")
                and t.is_alpha
                and t.lemma_.lower() not in LIGHT_WORDS
                and t.lower_ not in entity_words
            ),  # fmt: skip
        )

    def _constraints(self, doc: Any, focus: list[Node]) -> list[str]:
        """Proper nouns of the question that no linked entity carries: the evidence must have
        them ('Teispur', 'Kaithun')."""
        known = " ".join(a.lower() for n in focus for a in [n.name, *n.aliases])
        out = []
        for t in doc:
            # a proper noun: tagged so, or capitalised in mid-sentence (the tagger calls unknown
            # names adjectives or nouns)
            if t.pos_ not in ("PROPN", "ADJ", "NOUN") or len(t.text) < 4 or t.i == 0:
                continue
            if not t.text[:1].isupper() or not t.text.isalpha():
                continue
            if t.ent_type_ in VALUE_ENTITIES:  # "up to March 2011": a date, not a name
                continue
            if t.text.lower() in known or (sum(c.isupper() for c in t.text) >= 2
                                           and not t.text.isupper()):  # fmt: skip
                continue  # plural acronyms ("MFIs", "SHGs") are generic words; "KCT" is a name
            if self.linker.resolver.exact(t.text):
                continue
            out.append(t.text)
        return list(dict.fromkeys(out))

    @staticmethod
    def masked(text: str, names: list[str]) -> str:
        for name in sorted(set(names), key=len, reverse=True):
            text = re.sub(re.escape(name), " ", text, flags=re.I)
        return text

    def relation(
        self, text: str, types: frozenset[str] = frozenset(), cutoff: float = 0.45
    ) -> str | None:
        """The relation whose meaning is closest to the question's words, if close enough,
        among the relations the ontology lets touch an entity of one of `types` (the focus
        entities' types, if any): "which agency implements the bag cluster" asks a relation
        of a cluster, never one between two agencies."""
        if self.embedder is None:
            return None
        if self._relations is None:
            names = [r for r in RELATION_TYPES if r not in ("MENTIONED_IN",)]
            meanings = [f"{RELATION_TYPES[r].meaning}" for r in names]
            cache = self.linker.cache_dir
            path = cache / "relations.npz" if cache is not None else None
            self._relations = (names, cached_vectors(self.embedder, meanings, path)[0])
        names, vectors = self._relations
        sims = vectors @ self.embedder.encode([text])[0]
        for i, r in enumerate(names):
            ends = {*RELATION_TYPES[r].sources, *RELATION_TYPES[r].targets}
            if types and not types & ends:
                sims[i] = -1.0
        best = int(sims.argmax())
        return names[best] if float(sims[best]) >= cutoff else None
