"""Question answering with citations, offline: link entities, detect what is asked, answer from
graph facts (each citing its sentence or table row), else from the best matching sentence,
else say honestly what the KB does not know.

First version: relation questions (who anchors / funds / mobilised / trained / implements /
finances / partners / buys / supplies / where), ODOP questions (a district's products, the
districts of a product, counts per state), quantities attached to clusters, linkage paths,
and follow-ups that reuse the previous turn's entities.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher
from functools import partial
from typing import Any

from kb.aliases import STATE_SHORT
from kb.errors import InputError, NotFound
from kb.evidence import (
    BROAD_TYPES,
    NOUN_TYPES,
    READERS,
    SPAN_TYPES,
    Candidate,
    EvidencePool,
    LogisticModel,
    announced_count,
    announces_list,
    answer_spans,
    continues,
    goes_on_listing,
    is_furniture,
    kind_named,
    list_stretch,
    measures_asked,
    names_in,
    of_the_kind,
    other_measure,
    same_word,
    several_parts,
)
from kb.explore import Related, entity_view, is_government, path_view
from kb.ids import is_a
from kb.linking import EntityLinker
from kb.models import Answer, Citation, EntityRef, Recommendation
from kb.nlp import english, lexicon, parse
from kb.nlp import spans as typed_spans
from kb.quantities import find_quantities
from kb.question import FOLLOW_UP, WH_WORDS, Question, QuestionAnalyser, split_parts
from kb.resolve import normalize
from kb.schema import ACTOR_TYPES, PLACE_TYPES, QUESTION_CUES
from kb.search import SentenceIndex, respelled, spelled_out, stem, tokens, unshortened
from kb.sound import sounds_like
from kb.store.base import Edge, GraphStore, Node

# What is asked -> (relations, direction seen from the asked-about entity), most specific first
INTENTS: list[tuple[re.Pattern[str], list[tuple[str, str]]]] = [
    (re.compile(cue.pattern, re.I), list(cue.asks)) for cue in QUESTION_CUES
]
ACTOR_QUESTION = re.compile(
    r"^\s*(?:who|which (?:department|agency|bank|scheme|ministry|organi[sz]ation|body))\b", re.I
)
FACILITY_WORD = re.compile(r"\b(cfc|common facility|rearing shed|work ?shed|shed|plug)", re.I)
ODOP = re.compile(r"\bodop\b|one district one product", re.I)
HOW_MUCH = re.compile(
    r"\bhow (?:much|many|long)\b|\bvalue\b|\bamount\b|\bcost\b|\bturnover\b|\bshare\b|\bper ?cent",
    re.I,
)
PATH = re.compile(r"\bconnected\b|\blink(?:ed)? between\b|\brelated to\b|\bpath\b", re.I)
PARTNER_Q = re.compile(
    r"\b(?:who (?:could|can|should) help|help (?:me )?(?:start|set up)|start(?:ing)? an? |set(?:ting)? up an? |"
    r"replicat|partners? for)\b.*\bcluster\b|\bwhich schemes (?:fit|suit|apply|are available)\b.*\bcluster\b",
    re.I,
)
COMPARE = re.compile(r"\b(?:more|fewer|less|compare|compared|larger|bigger)\b", re.I)
NEW_PRODUCT = re.compile(r"\b(?:an?|new)\s+(?P<product>[\w&/ -]+?)\s+cluster\b", re.I)
# Hubs that link almost anything to anything: a linkage path never runs through them.
PATH_HUBS = ("Sector", "State", "Document")
# The kind of thing a bridge question asks for, from the words after its wh-word.
BRIDGE_KINDS = {
    **dict.fromkeys(("ministry", "department", "agency", "organisation", "organization", "body",
                     "corporation", "board", "institute", "institution", "bank", "commission",
                     "council", "office"), "Agency"),
    **dict.fromkeys(("scheme", "programme", "program", "mission", "yojana", "fund"), "Scheme"),
    **dict.fromkeys(("district", "place", "town", "area"), "District"),
    **dict.fromkeys(("company", "firm", "enterprise", "unit", "buyer", "supplier"), "Enterprise"),
    **dict.fromkeys(("cluster",), "Cluster"),
    **dict.fromkeys(("product", "products", "craft"), "Product"),
}  # fmt: skip
# "What links A and B?", "Which scheme ties A to B?", "... figures both in A and in B", "the
# common ministry behind A and B": a question for what two named things share (the bridge
# reader); "common" only before a kind of body or scheme (not "common facility centre").
LINK_ASKED = re.compile(
    r"\b(?:links?|linked|linking|connect\w*|ties?|tied|tying|in common|common to|the same|both|"
    r"shared?|between)\b|"
    + r"\b(?P<common>common)\s+(?:[\w-]+\s+){0,2}?"
    + rf"(?:{'|'.join(w for w, k in BRIDGE_KINDS.items() if k in ('Agency', 'Scheme'))})\b",
    re.I,
)
# A side of a bridge is named in at most this many documents for its documents to count.
BRIDGE_DOCUMENTS = 6
# Place names that are also common words: as lower-case words they are no place ("the central
# grant", "west of the town"); Delhi's districts are named so (LGD: Central, East, North, ...).
COMMON_WORD_PLACES = {"central", "east", "west", "north", "south", "new", "upper", "lower"}
# Short forms of states (kb.aliases STATE_SHORT), read in questions only: in documents "MP"
# is as often a member of parliament
_STATE_SHORT = re.compile(r"(?<![\w&])(" + "|".join(map(re.escape, STATE_SHORT)) + r")(?![\w&])")
# A possessive "'s" and a hyphen between two capitalised names: the names are linked apart.
_LINKABLE = re.compile(r"(?<=[A-Za-z])['’]s\b|(?<=[a-z])-(?=[A-Z])")
# Words that, with an entity's name, make a question ask what the entity is.
DEFINING_WORDS = {"what", "who", "is", "are", "was", "the", "a", "an", "does", "do", "stand",
                  "for", "mean", "means", "meant", "by", "tell", "me", "about", "explain", "s"}  # fmt: skip
# Where an entity's own description is kept, most specific first.
DESCRIPTION_ATTRS = ("description", "details", "summary")
# What "how many <noun>" counts in the graph, by the noun's stem.
COUNTED_TYPES = {stem(w): t for w, t in (("clusters", "Cluster"), ("cluster", "Cluster"),
                 ("districts", "District"), ("schemes", "Scheme"), ("agencies", "Agency"),
                 ("enterprises", "Enterprise"), ("firms", "Enterprise"),
                 ("companies", "Enterprise"), ("products", "Product"))}  # fmt: skip
YES_NO = re.compile(r"^\s*(?:is|are|does|do|did|has|have|was|were)\b", re.I)


# the words before a cluster word: what the question calls a cluster ("the Maharajganj furniture
# CFC", "the bag cluster")
_CLUSTER_PHRASE = re.compile(
    r"\b((?:[A-Za-z-]+\s+){1,3})(?:clusters?|CFCs?|common facility cent(?:re|er)s?)\b", re.I
)
_WH = {"which", "what", "who", "whom", "whose", "where", "when", "how", "name", "list", "give"}
# A follow-up naming only another thing: "and the kalaburagi one?", "what about Singhpur?"
_ABOUT = re.compile(r"^\W*(?:and\s+)?(?:what|how)\s+about\b", re.I)
_ELLIPSIS_WORDS = {"and", "the", "a", "one", "ones", "other", "what", "how", "about", "then",
                   "also", "for", "of", "in", "at", "that", "this", "same", "with", "there"}  # fmt: skip
# a wh-word and "is" written together without the apostrophe, as people type them
_CONTRACTED = re.compile(r"\b(what|where|who|how)s\b", re.I)

MAX_ANSWER = 400  # characters of the answer field (a short answer and its sentence)
# Marks the part of an answer of several parts that the abstention alone would have declined
LESS_SURE = "less sure: "


_ALPHA_WORDS = re.compile(r"[a-z]+")
_CLUSTERS = re.compile(r"\bclusters\b", re.I)
# The answer types under which a question about "clusters" asks for them (or their places)
_CLUSTERS_ASKED = {"list", "place", "other"}
# Nodes a question may name that narrow the clusters it asks for to those linked to them
_BACKERS = {"Agency", "Scheme"}
# A question asking of what the KB's documents say, not of its tables ("cashew clusters in
# these papers", "tamil nadu clusters mentioned")
_IN_DOCUMENTS = re.compile(
    r"\b(?:these|the|both|two|three)\s+(?:\w+\s+)?(?:papers|reports|documents|articles|"
    r"stories|sources)\b|\bmentioned\b",
    re.I,
)


# the kinds of place a question may ask for by name ("which state"), as node types
_PLACE_KINDS = {stem("state"): "State", stem("district"): "District"}

# The kind of place a question asks for: "which state", "in what district", "states of X"
_PLACE_ASKED = re.compile(
    r"\b(?:which|what)\s+(state|district)s?\b|^\W*(?:the\s+)?(state|district)s?\s+(?:of|for)\b",
    re.I,
)


def _common(share: tuple[int, float]) -> bool:
    """Whether a capitalised word of the question is a word the documents use across the
    collection ('the Centre's share', 'Government of India'), not a name that picks out the
    evidence: in at least three documents and more than a quarter of them."""
    documents, fraction = share
    return documents >= 3 and fraction > 0.25


def _reply(
    question: str,
    text: str,
    answered: bool,
    citations: list[dict[str, str]] | list[Citation],
    entities: list[dict[str, str]] | list[EntityRef],
    facts: list[Any],
) -> Answer:
    return Answer.model_validate(
        {"question": question, "answer": text, "answered": answered,
         "citations": citations, "entities": entities, "facts": facts}
    )  # fmt: skip


def compared(sides: list[str], leads: list[str], larger: bool | None) -> str:
    """Which side of a comparison holds the larger (or, asked, the smaller) amount, from the
    short answers found for each ("Rajkot pump CFC is more: Rs 7 crore against Rs 2.50
    crore. "): "" unless each side's answer leads with an amount of the same kind (money, a
    count, a percentage) and the amounts differ. Short: each side's answer follows it."""
    amounts = []
    for lead in leads:
        found = [x for x in find_quantities(lead) if x.kind in ("money", "count", "percent")]
        if not found:
            return ""
        amounts.append(found[0])
    if len({a.kind for a in amounts}) > 1 or len({a.value for a in amounts}) < len(amounts):
        return ""
    order = sorted(range(len(sides)), key=lambda k: amounts[k].value, reverse=larger is not False)
    first, *rest = order
    lead = sides[first][:1].upper() + sides[first][1:]
    than = ", ".join(amounts[k].text for k in rest)
    return (
        f"{lead} is {'less' if larger is False else 'more'}: {amounts[first].text} against {than}. "
    )


def _fit(lead: str, sentence: str, limit: int = MAX_ANSWER) -> str:
    """'lead — sentence' (the short answer, then the sentence it comes from) in at most `limit`
    characters, the sentence cut around the lead's place in it when it is too long."""
    if len(lead) > limit - 40:  # the short answer first: the sentence only if it fits
        return lead if len(lead) <= limit else lead[: limit - 1] + "…"
    head = f"{lead} — " if lead else ""
    if len(head) + len(sentence) <= limit:
        return head + sentence
    room = limit - len(head) - 2  # two ellipses
    at = sentence.lower().find(lead.lower()) if lead else -1
    start = max(0, at - room // 3) if at >= 0 else 0
    cut = sentence[start : start + room].strip()
    return f"{head}{'…' if start else ''}{cut}…"[:limit]


_WORD_AT = re.compile(r"\S+")


def _window(text: str, keys: set[str], spans: list[str], room: int) -> str:
    """At most `room` characters of `text`: the stretch holding most of the question's words
    (`keys`, stemmed) and of the answer's spans, cut at word boundaries, ellipses where cut."""
    if len(text) <= room:
        return text
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD_AT.finditer(text)]
    lowered = text.lower()
    marks = [lowered.find(s.lower()) for s in spans if s]
    weight = [
        (1.0 if keys & set(tokens(w)) else 0.0)
        + sum(2.0 for at in marks if at >= 0 and a <= at < b)
        for a, b, w in words
    ]
    room -= 2  # the ellipses
    best, best_start = -1.0, 0
    for i, (a, _, _) in enumerate(words):
        got = sum(wt for (x, y, _), wt in zip(words[i:], weight[i:], strict=True) if y - a <= room)
        if got > best:
            best, best_start = got, i
    a = words[best_start][0]
    kept = [w for w in words[best_start:] if w[1] - a <= room]
    cut = text[a : kept[-1][1]] if kept else text[a : a + room]
    return f"{'…' if a else ''}{cut}{'…' if not kept or kept[-1][1] < len(text) else ''}"


def _render(
    q: Question,
    lead: str,
    chosen: list[Candidate],
    limit: int = 400,
    least: int = 90,
    first: str | None = None,
) -> tuple[str, list[Candidate]]:
    """'lead — sentence' and the further evidence after it, in at most `limit` characters:
    whole sentences when they fit, else each cut to the stretch around the question's words
    and its answer span, the room shared out evenly (a piece shorter than its share gives the
    rest to the others); evidence that would get under `least` characters is left out."""
    head = f"{lead} — " if lead else ""
    texts = [first if first is not None else chosen[0].text, *(c.text for c in chosen[1:])]
    while len(texts) > 1:
        whole = head + " ".join(texts)
        if len(whole) <= limit:
            return whole, chosen[: len(texts)]
        room = limit - len(head) - (len(texts) - 1)
        budget = _shares([len(t) for t in texts], room)
        if min(budget) >= least:
            keys = set(q.content) | {t for n in q.focus for t in tokens(n.name)}
            parts = []
            for i, (t, b) in enumerate(zip(texts, budget, strict=True)):
                spans = [lead] if i == 0 else [s.text for s in answer_spans(q, t)[:1]]
                parts.append(_window(t, keys, spans, b))
            return (head + " ".join(parts))[:limit], chosen[: len(texts)]
        texts = texts[:-1]
    return _fit(lead, texts[0], limit), chosen[:1]


def _shares(lengths: list[int], room: int) -> list[int]:
    """`room` shared out over pieces of these lengths: equal shares, a piece shorter than its
    share keeping only its length and the rest going to the others."""
    budget = [0] * len(lengths)
    left, open_ = room, sorted(range(len(lengths)), key=lambda i: lengths[i])
    while open_:
        share = left // len(open_)
        i = open_[0]
        if lengths[i] <= share:
            budget[i] = lengths[i]
            left -= lengths[i]
            open_.pop(0)
            continue
        for j in open_:
            budget[j] = share
        break
    return budget


def _of_another_measure(quantity: dict[str, Any], measures: set[str]) -> bool:
    """Whether a stated amount is said of other measures than those asked (kb/measures.csv),
    read from its sentence."""
    text = str(quantity.get("text") or "")
    found = typed_spans(str(quantity.get("sentence_text") or ""))
    return any(other_measure(measures, s) for s in found if s.text in text or text in s.text)


def _citations(evidence: list[Candidate]) -> list[dict[str, str]]:
    """Each piece of evidence as a citation: its document, where in it, and its text."""
    return [{"document": c.document, "locator": c.locator, "text": c.text} for c in evidence]


def _join(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_SHOWN = 8  # names an answer lists before it says how many more there are


# The words before "clusters" in a question that say what kind of cluster it asks for
_KIND_BEFORE = re.compile(r"((?:[a-z][a-z&-]*\s+){1,3})clusters\b")
# Words before "clusters" that say no kind ("which of these clusters", "all new clusters")
_NO_KIND = frozenset(
    "the these those all any which what whose new approved proposed existing district districts"
    " state states its their of in and or both two three four five six many how where msme"
    " small micro industrial major mega mini regular such other got have has are were"
    " been be".split()
)


def _of_kind(question: str, entities: list[Node], nodes: list[Node]) -> list[Node]:
    """The clusters of `nodes` whose names hold the words the question puts before "clusters"
    (misspelt a little: "agro procesing clusters" are the Agro Processing Clusters) when the
    question links no product; `nodes` when none does or the words say no kind (a place,
    a scheme or a body the question names, "these clusters")."""
    named = {w for n in entities for w in tokens(n.name)}
    m = _KIND_BEFORE.search(question.lower())
    words = [w for w in (m.group(1).split() if m else []) if w not in _NO_KIND]
    stems = [t for w in words for t in tokens(w) if t not in named and len(t) > 2]
    if not stems:
        return nodes

    def holds(n: Node) -> bool:
        name = tokens(n.name)
        return all(any(SequenceMatcher(None, w, x).ratio() >= 0.85 for x in name) for w in stems)

    kind = [n for n in nodes if holds(n)]
    return kind or nodes


def _as_cited(node: Node, edge: Edge) -> str:
    """A node's name as an answer states it, with the short name its cited sentence writes
    instead when that differs ("Micro and Small Enterprises Cluster Development Programme
    (MSE-CDP)"): the reader finds the document's word in the answer."""
    cited = " ".join(p.text for p in edge.provenance[:1])
    if not cited or node.name.lower() in cited.lower():
        return node.name
    short = [a for a in node.aliases
             if len(a) <= 12 and re.search(rf"(?<!\w){re.escape(a)}(?!\w)", cited)]  # fmt: skip
    return f"{node.name} ({short[0]})" if short else node.name


def _documents_of(n: Node) -> int:
    """How many documents describe `n` (its sources that are documents)."""
    return sum(1 for x in {p.source for p in n.provenance} if is_a(x, "Document"))


def _best_documented(nodes: list[Node]) -> list[Node]:
    """`nodes` (each once), those described by more documents first, then by more sources (a
    cluster a report describes before a row of a table), then by name."""

    def documented(n: Node) -> tuple[int, int]:
        return _documents_of(n), len({p.source for p in n.provenance})

    unique = list({n.id: n for n in nodes}.values())
    return sorted(unique, key=lambda n: (*(-x for x in documented(n)), n.name))


def _long_list(nodes: list[Node], noun: str, shown: int = _SHOWN) -> str:
    """Names for an answer; a long list says how many there are and names the best documented
    first (described by more documents, then by more sources: a cluster a report describes
    before a row of a table)."""
    unique = list({n.id: n for n in nodes}.values())
    if len(unique) <= shown:
        return _join(sorted(n.name for n in unique))
    ranked = _best_documented(unique)
    return (
        f"{len(unique)} {noun}, the best documented first: "
        f"{', '.join(n.name for n in ranked[:shown])} and {len(unique) - shown} more"
    )


# How far ahead of the next a name linked by meaning must be (MiniLM cosine): "the textile
# cluster" is about as near to dozens of clusters' names (0.828, 0.811, 0.806, ...)
MEANING_MARGIN = 0.05


def names_enough(question: str, name: str, counts: Counter[str], names: int) -> bool:
    """Whether `question` writes most of what sets `name` apart: the name's words, each
    weighted by how rare it is among the KB's `names` (`counts`: in how many names each word
    is), two thirds of the weight in the question. "cluster development programmes" does not
    name the Small Industries Cluster Development Programme."""
    weight = {w: math.log(max(1, names) / (1 + counts[w])) for w in set(tokens(name))}
    asked = set(tokens(question))
    have = sum(v for w, v in weight.items() if w in asked)
    return have >= 2 / 3 * sum(weight.values())


# Words of a cluster's description that say how big or new it is, or that it is a project or
# a centre: not what it makes
_CLUSTER_KIND_WORDS = frozenset(
    "mega mini proposed new common facility facilities centre center industrial project small "
    "micro large major local planned upcoming existing same other this that these those their "
    "which what whose from under into with about cluster clusters".split()
)


def _cluster_words(
    doc: Any,
    focus: list[Node],
    misspelled: Callable[[str], bool],
    named: Callable[[Node], bool] = lambda n: True,
) -> list[str]:
    """What the question says one cluster makes or where, when the KB has no node it names
    for that cluster: "the cost of the sirsa cotton ginning cluster" (Sirsa and Cotton linked,
    no such cluster) asks of ginning, and evidence that never speaks of it is about another
    cluster (the hosiery cluster of Sirsa); "the nagercoil temple jewellery cluster", linked by
    meaning to the Palanpur Jewellery Cluster (`named` false: the question does not name it),
    asks of nagercoil and temple. The words are the nouns and adjectives right before a
    singular "cluster" or "CFC" that heads its phrase ("cluster development programmes" names
    no cluster), less the linked entities' names and misspelled product words
    (`misspelled`). `doc`: the question as parsed for its analysis."""
    if any(n.type == "Cluster" and named(n) for n in focus):
        return []
    known = {
        w for n in focus for a in [n.name, *n.aliases] for w in _ALPHA_WORDS.findall(a.lower())
    }
    out: list[str] = []
    for t in doc:
        if t.lower_ not in ("cluster", "cfc") or t.tag_ in ("NNS", "NNPS"):
            continue
        after = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if after is not None and after.pos_ in ("NOUN", "PROPN") and after.lower_ != "cfc":
            continue  # "cluster development programme", "the cluster approach"
        i = t.i
        while (
            i > 0 and doc[i - 1].pos_ in ("NOUN", "PROPN", "ADJ") and doc[i - 1].lower_ not in _WH
        ):
            i -= 1  # the first word of the run before "cluster"
        for w in (x.lower_ for x in doc[i : t.i]):  # in the question's order, for the reply
            if (len(w) >= 4 and w.isalpha() and w not in known | _CLUSTER_KIND_WORDS
                    and not misspelled(w) and w not in out):  # fmt: skip
                out.append(w)
    return out


def _clear_winner(near: list[tuple[Node, float]]) -> bool:
    """Whether the first of `near` (most similar first) is clearly nearer than the next."""
    return len(near) < 2 or near[0][1] - near[1][1] >= MEANING_MARGIN


# Answer types asking for a value: only evidence stating a value of the type can answer them
# ("What did the CFC cost?" is not answered by the fact that the cluster has a CFC)
VALUE_TYPES = {"money", "date", "count", "percent", "area"}


def ranked_answers(q: Question, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that can answer `q`, best first: for a question asking a value, those
    holding a span of its type (featurised: `type_span`); the others rank, but cannot answer."""
    ranked = sorted(candidates, key=lambda c: -c.score)
    if q.answer_type in VALUE_TYPES:
        return [c for c in ranked if c.features.get("type_span")]
    return ranked


def two_sided(q: Question, ranked: list[Candidate], threshold: float) -> bool:
    """Whether a question setting two sources or things side by side and asking a value ("the
    two reports quote different figures", "which costs more: A or B?") has its two sides: two
    documents naming what it names, each giving a value of the asked type in a sentence not
    far weaker than good evidence (a quarter of `threshold`). The abstention model reads the
    best sentence alone; such a question is answered by the two together (`compose`)."""
    if not q.across or q.answer_type not in VALUE_TYPES:
        return False
    sides = {c.document for c in ranked if c.kind == "sentence" and c.score >= threshold / 4
             and c.features.get("focus_in_document", 0.0) > 0}  # fmt: skip
    return len(sides) >= 2


def typed_first(q: Question, ranked: list[Candidate], within: int = 3) -> Candidate:
    """The best evidence; for a question asking a type of thing (an amount, a date, a body),
    the best of the first `within` holding a span of that type, when the best holds none (a
    headline that names the project but not its cost) and the other is not far weaker (a
    third of its score at least: the tagger misses names, "ARPAN" is no body to it, and a far
    weaker sentence with some span of the type is seldom the answer; on the development sets
    8 questions switched, 2 wrongly from far weaker ones, none rightly). Nor one from a
    document naming less of what the question names ("producer companies of the Bhagalpur
    cluster": not the Purnia company of another paper)."""
    best = ranked[0]
    if q.answer_type not in SPAN_TYPES or best.kind == "fact" or answer_spans(q, best.reading):
        return best
    about = best.features.get("focus_in_document", 0.0)
    typed = [c for c in ranked[1:within] if c.kind == "sentence" and c.score >= best.score / 3
             and c.features.get("focus_in_document", 0.0) >= about  # not another's document
             and answer_spans(q, c.reading)]  # fmt: skip
    if not typed:  # the graph's fact about what the question names, with a span of the kind
        typed = [c for c in ranked[1 : 2 * within] if c.kind == "fact"
                 and c.features.get("fact_x_focus", 0.0) > 0
                 and any(of_the_kind(q, x) for x in answer_spans(q, c.answer or ""))]  # fmt: skip
    return typed[0] if typed else best


# The nouns of each kind of node a question's noun asks for ("scheme", "programme", "mission":
# a Scheme), stemmed as NOUN_TYPES holds them
_KIND_NOUNS: dict[tuple[str, ...], frozenset[str]] = {
    kind: frozenset(w for w, types in NOUN_TYPES.items() if types == kind)
    for kind in set(NOUN_TYPES.values())
}


def _retrieved_as_cited(found: list[Candidate]) -> None:
    """A graph fact reads as retrieved as well as the sentence it cites, when the search
    retrieved that sentence: its answer is what the sentence says (a fact has no retrieval
    scores of its own and would otherwise read as a retrieval miss)."""
    retrieved = {(c.document, c.locator): c for c in found if c.kind == "sentence"}
    for c in found:
        s = retrieved.get((c.document, c.locator)) if c.kind == "fact" else None
        if s is not None:
            c.dense, c.lexical = max(c.dense, s.dense), max(c.lexical, s.lexical)


# a district's headquarters asked ("where is the headquarters of X district", "HQ of X")
_HEADQUARTERS = re.compile(r"\b(?:head\s*-?quarters?|hq)\b", re.I)


class QuestionAnswerer:
    """Answers questions from the store, through the entity linker and the sentence search;
    partner questions go to the recommender, wording to the optional LLM."""

    def __init__(
        self,
        store: GraphStore,
        linker: EntityLinker,
        index: Callable[[], SentenceIndex],
        recommend: Callable[[str, str], Recommendation],
        llm: Callable[[], Any] = lambda: None,
        model: LogisticModel | None = None,
    ):
        self.store = store
        self._kind_names: dict[str, frozenset[str]] = {}
        self.linker = linker
        self.index = index  # the sentence index, built on first use
        self.recommend = recommend
        self.llm = llm  # returns a LangChain chat model, or None
        self.model = model or LogisticModel.load()
        self.analyser = QuestionAnalyser(linker, linker.embedder)
        self._pool: EvidencePool | None = None
        self._words: tuple[tuple[int, int], Counter[str], set[str]] | None = None
        self._name_words: tuple[int, Counter[str]] | None = None  # words of the KB's names
        self._product_words: tuple[int, set[str]] | None = None  # words of product names
        self._joined_words: tuple[int, set[str]] | None = None  # "gems and jewellery"

    # -- linking ------------------------------------------------------------------------------

    def link(self, question: str) -> list[Node]:
        """Entities named in the question: exact names and aliases, then close misspellings.
        A lower-case common word that is also a place ("central grant") is no place; a
        cluster found by meaning must lie in the places the question names."""
        found: list[Node] = []
        text = _LINKABLE.sub(" ", question)  # "Bihar's Katihar", "Jodhpur-Barmer": two places
        for m in self.linker.in_text(text):
            surface = text[m.start : m.end]
            if (surface.islower() and surface in COMMON_WORD_PLACES) or surface in STATE_SHORT:
                continue
            for i in self._closest(m.ids, surface)[:1] if m.type != "District" else m.ids:
                node = self.store.get_node(i)
                if node is not None and node.id not in {f.id for f in found}:
                    found.append(node)
        # a state by the letters officers write for it ("MP's clusters", "the three AP CFCs")
        for short in _STATE_SHORT.findall(text):
            match = next(iter(self.linker.find(STATE_SHORT[short], "State")), None)
            node = self.store.get_node(match.id) if match is not None else None
            if node is not None and node.id not in {f.id for f in found}:
                found.append(node)
        # a government ("the Centre", "the Kerala government") qualifies what is asked, as a
        # funder or approver; it is no focus the evidence must name
        found = [n for n in found if not is_government(n)]
        phrase = _CLUSTER_PHRASE.search(question)
        if phrase and phrase.group(0).lower().endswith("s"):
            phrase = None  # "seven handloom clusters", "MP's new CFCs": many, no one cluster
        if phrase and not any(n.type == "Cluster" for n in found):  # "the bag cluster in Bihar"
            stop = {"the", "a", "an", "of", "which", "what", "this", "that", "new"}
            words = [w for w in phrase.group(1).split() if w.lower() not in stop]
            # a name before the product first: "Rai textile cluster" before "textile cluster"
            named = len(words) >= 2 and words[-2][:1].isupper()
            candidates = [" ".join([*words[-k:], "cluster"]) for k in ((2, 1) if named else (1, 2))
                          if len(words) >= k]  # fmt: skip
            # a name the KB has no node for ("the leather cluster at Bariyapur"): a cluster named
            # after it first
            linked = {w.lower() for n in found for w in n.name.split()}
            candidates[:0] = [f"{w} {words[-1]} cluster" for w in re.findall(r"\b[A-Z][a-z]{3,}\b", question)
                              if w.lower() not in linked | stop | _WH and w not in words and words][:2]  # fmt: skip
            best: list[Node] = []
            places = [n for n in found if n.type in PLACE_TYPES]
            for text in candidates:
                meant = self._cluster_by_meaning(text, places)
                if meant is None:  # several clusters fit the words equally: none is named
                    break
                if meant:
                    best = meant
                    break
            found += best
        if not found:
            found = [n for n in self._link_by_meaning(question) if not is_government(n)]
        if not found:
            for word in re.findall(r"[A-Z][A-Za-z]{3,}(?:\s+[A-Z][A-Za-z]+)*", question):
                for match in self.linker.resolver.fuzzy(word, cutoff=90.0)[:1]:
                    node = self.store.get_node(match.id)
                    if (
                        node is not None
                        and node.type not in ("GeographicalIndication", "Product")
                        and not is_government(node)
                    ):
                        found.append(node)
        return found

    def _closest(self, ids: list[str], surface: str) -> list[str]:
        """The ids a name found in the question may mean, the one whose name adds the fewest
        words to it first ("Trichy handloom": the Trichy Handloom Cluster before the Trichy
        Mega Handloom Cluster); otherwise in the linker's order."""
        written = set(tokens(surface))

        def extra(i: str) -> int:
            node = self.store.get_node(i)
            return len(set(tokens(node.name)) - written) if node is not None else 99

        return sorted(ids, key=extra) if len(ids) > 1 else ids

    def _lies_in(self, node: Node, places: list[Node]) -> bool:
        """Whether a cluster lies in one of `places` (its district, or that district's state);
        True for anything else, or when no place is named."""
        if node.type != "Cluster" or not places:
            return True
        wanted = {p.id for p in places}
        for nb in self.store.neighbors(node.id, "LOCATED_IN"):
            if nb.node.id in wanted:
                return True
            if any(s.node.id in wanted for s in self.store.neighbors(nb.node.id, "LOCATED_IN")):
                return True
        return False

    def _cluster_by_meaning(
        self, text: str, places: list[Node], cutoff: float = 0.75
    ) -> list[Node] | None:
        """The cluster whose name means `text` ("the bag cluster"), among those in `places`.
        With no place named, only a clear winner: "the textile cluster" is any of dozens
        whose names are equally near, and picking one would answer about the wrong one
        (None: ambiguous)."""
        near = [(n, s) for n, s in self.linker.by_meaning(text, cutoff)
                if n.type == "Cluster" and self._lies_in(n, places)]  # fmt: skip
        if not near:
            return []
        if not places and not _clear_winner(near):
            return None
        return [near[0][0]]

    def _misspelled_product(self, word: str) -> bool:
        """Whether `word` (lower case) is nearly, not exactly, spelled as a word of a product's
        or sector's name in the KB ("jewelery": jewellery)."""
        names = self.linker.gazetteer
        if self._product_words is None or self._product_words[0] != id(names):
            words = {w for name, rows in names.index.items()
                     if any(t in ("Product", "Sector") for _, t, _ in rows)
                     for w in _ALPHA_WORDS.findall(name.lower())}  # fmt: skip
            self._product_words = (id(names), words)
        known = self._product_words[1]
        return word not in known and any(
            len(w) >= 4 and SequenceMatcher(None, w, word).ratio() >= 0.85 for w in known
        )

    def _joins(self, words: str) -> bool:
        """Whether "<word> and <word>" joins two words inside one of the KB's names ("gems and
        jewellery", "Jammu and Kashmir"): such words are not two things asked of."""
        names = self.linker.gazetteer
        if self._joined_words is None or self._joined_words[0] != id(names):
            joined = set()
            for key in names.index:
                w = key.split()
                joined |= {
                    " ".join(w[i - 1 : i + 2]) for i in range(1, len(w) - 1) if w[i] == "and"
                }
            self._joined_words = (id(names), joined)
        return normalize(words) in self._joined_words[1]

    def _link_by_meaning(self, question: str, cutoff: float = 0.7) -> list[Node]:
        """The cluster, scheme, agency or firm whose name means what the question names
        ('the bag cluster in Bihar'), by MiniLM similarity; only when names found nothing,
        and only a clear winner (as _cluster_by_meaning)."""
        near = self.linker.by_meaning(question, cutoff)
        if not near or not _clear_winner(near) or not self._names_it(question, near[0][0]):
            return []
        return [near[0][0]]

    def _names_it(self, question: str, node: Node) -> bool:
        """Whether the question writes most of what sets the node's name apart
        (`names_enough`, over the words of the KB's names)."""
        nodes, _ = self.linker.name_vectors()
        if self._name_words is None or self._name_words[0] != id(nodes):
            self._name_words = (id(nodes), Counter(w for n in nodes for w in set(tokens(n.name))))
        return names_enough(question, node.name, self._name_words[1], len(nodes))

    # -- answering ----------------------------------------------------------------------------

    def ask(self, question: str, history: list[Any] | None = None) -> Answer:
        """Answer from the best evidence (graph facts and sentences, one scale), or say what
        the KB does not know. `history`: earlier turns, oldest first — their questions (text)
        or the answers this method returned."""
        q, candidates = self.candidates(question, history)
        unknown = self._unknown(q)
        if unknown:
            near = [n for name in unknown for n in self.linker.suggest(name)][:5]
            lead = f"Nothing on {_join(unknown)} in the knowledge base"
            return self._abstain(
                q.text, q.focus, lead + (f" (did you mean {', '.join(near)}?)" if near else "")
            )
        by_part = self._by_parts(question, history, q.documents)
        if by_part is not None:
            return self._phrase(by_part)
        ranked = ranked_answers(q, candidates)
        if self.model.declines(ranked) and not two_sided(q, ranked, self.model.threshold):
            return self._abstain(q.text, q.focus, "The knowledge base does not say")
        return self._phrase(self.compose(q, typed_first(q, ranked), candidates))

    def _by_parts(
        self, question: str, history: list[Any] | None, conversation: frozenset[str]
    ) -> Answer | None:
        """A question that asks several things ("how many X, and how many Y?", "compare A
        with B") answered part by part: each part is asked on its own (naming nothing, it
        reads the whole question's entities, as a follow-up does); the answers are set side by
        side, each with its sentence, a part the abstention would decline marked as less sure.
        None when the question has one part, a part names what the KB does not hold or has no
        evidence scoring a tenth of the threshold (never half-guessed; a quarter, as first set,
        held back one development question's right second side and no wrong one), or no part
        is answered confidently: the whole is then asked. A comparison leads with which side
        holds the larger amount (`compared`)."""
        parts, context, sides, larger = split_parts(
            unshortened(" ".join((question or "").split())), self._joins
        )
        if len(parts) < 2:
            return None
        citations: list[dict[str, str]] = []
        focus: list[Node] = []
        # each part: its question, its pool, its ranked answers, whether the abstention declines
        asked: list[tuple[Question, list[Candidate], list[Candidate], bool]] = []
        for part in parts:
            q, pool = self.candidates(
                " ".join([*context, part]), [*(history or []), question], conversation
            )
            ranked = ranked_answers(q, pool)
            if self._unknown(q) or not ranked:
                return None
            asked.append((q, pool, ranked, self.model.declines(ranked)))
        if all(unsure for *_, unsure in asked):
            return None
        if any(ranked[0].score < self.model.threshold / 10 for _, _, ranked, _ in asked):
            return None  # a part with no evidence worth showing: the whole is asked
        # one part known: the others get their best evidence too, said to be less sure (each
        # part's sentence shows what it rests on)
        answers = [self.compose(q, typed_first(q, ranked), pool) for q, pool, ranked, _ in asked]
        # a comparison says which side is larger, from each side's short answer
        leads = [a.answer.partition(" — ")[0] if " — " in a.answer else "" for a in answers]
        verdict = compared(sides, leads, larger) if sides else ""
        if verdict and any(unsure for *_, unsure in asked):
            verdict = LESS_SURE + verdict
        verdict = verdict if len(verdict) <= MAX_ANSWER // 2 else ""
        room = (MAX_ANSWER - len(verdict) - 3 * (len(parts) - 1)) // len(parts)
        texts: list[str] = []
        for (q, *_, unsure), a in zip(asked, answers, strict=True):
            text = (LESS_SURE if unsure else "") + a.answer
            text = text if len(text) <= room else text[: room - 1] + "…"
            if text not in texts:  # one sentence may answer two parts ("145 SHGs ... 1907 weavers")
                texts.append(text)
            citations += [c.model_dump() for c in a.citations if c.text not in
                          {x["text"] for x in citations}]  # fmt: skip
            focus += [n for n in q.focus if n not in focus]
        said = verdict + " | ".join(texts)
        return _reply(question, said, True, citations[:8], self._entities(focus), [])

    def candidates(
        self,
        question: str,
        history: list[Any] | None = None,
        conversation: frozenset[str] | None = None,
    ) -> tuple[Question, list[Candidate]]:
        """The analysed question and every candidate with its features and score.
        `conversation`: the documents a follow-up continues (by default those the previous
        turn's answer came from; `_by_parts` passes the whole question's to its parts)."""
        question = " ".join((question or "").split())
        if not question:
            raise InputError(
                "the question is empty; ask about a cluster, district, scheme or agency"
            )
        question = self._normalised(question)
        if history:  # "and the kalaburagi one?": the previous question, asked of Kalaburagi
            question = self._completed(question, history) or question
        focus = self.link(question)
        own = bool(focus)
        context = ""
        carried_focus = False
        if history and (not focus or FOLLOW_UP.search(question)):
            carried, context = self._previous(history[-1])
            if not focus:  # the previous turn's entities, only when this one names none
                focus, carried_focus = carried, bool(carried)
            if conversation is None:
                conversation = self._conversation(history)
        doc = parse(question)
        q = self.analyser.analyse(question, focus, doc)
        q.documents = conversation or frozenset()
        if q.answer_type == "place" and q.noun in _PLACE_KINDS:
            q.kind_names = self._place_names(_PLACE_KINDS[q.noun])
        q.constraints = self._constraints(question, focus, doc, q.constraints)
        if context and not own and not q.constraints:
            # "who is its CEO" after "SPV formed to run baddi drug testing lab": the names the
            # previous question held its evidence to (unknown to the KB) are carried with it
            earlier = self._normalised(context)
            before = parse(earlier)
            named = self.analyser.analyse(earlier, focus, before).constraints
            q.constraints = self._constraints(earlier, focus, before, named)
        pool = self._evidence()
        found = [self._fact(r, a) for r, a in
                 self._graph_answers(question, focus, q.constraints, q.answer_type)]  # fmt: skip
        found += pool.sentences(q, spelled_out(f"{question} {context}".strip()))
        found = pool.admissible(q, found)
        _retrieved_as_cited(found)
        pool.featurise(q, found)
        if carried_focus:  # read by the abstention model only (kb.evidence.abstain_features)
            for c in found:
                c.features["follow_up"] = 1.0
        return q, found

    def _place_names(self, kind: str) -> frozenset[str]:
        """The names, lower case, of the KB's places of a kind (State, District), with their
        aliases; read once per answerer (the service builds a new one after every write)."""
        if kind not in self._kind_names:
            self._kind_names[kind] = frozenset(
                name.lower() for n in self.store.nodes(kind) for name in [n.name, *n.aliases]
            )
        return self._kind_names[kind]

    def _normalised(self, question: str) -> str:
        """The question as the answerer reads it: shorthand written out, misspellings of the
        documents' and names' words mended ("clustre": "cluster"; a Hindi document's "Chandwa"
        stays), "Whats" as "What's"."""
        index = self.index()
        question = respelled(
            unshortened(question),
            *self._vocabulary(),
            lambda w: english(w) or sounds_like(w, index.sounds),
        )
        return _CONTRACTED.sub(r"\1's", question)

    def _constraints(
        self, question: str, focus: list[Node], doc: Any, named: list[str]
    ) -> list[str]:
        """The names a question holds its evidence to that the KB does not know: the
        analyser's (`named`), lowercase ones, a cluster's own words; none that most documents
        have."""
        named = named + self._lowercase_names(question, focus, named)
        named += [w for w in _cluster_words(doc, focus, self._misspelled_product,
                                            partial(self._names_it, question))
                  if w not in named]  # fmt: skip
        return [x for x in named if not _common(self.index().document_share(x))]

    def _vocabulary(self) -> tuple[Counter[str], set[str]]:
        """The words of the documents and of the KB's names, and their stems (for
        respelled); built again when the index or the names change."""
        index, names = self.index(), self.linker.gazetteer
        key = (id(index), id(names))
        if self._words is None or self._words[0] != key:
            words = Counter(index.vocabulary)
            words.update(w for name in names.index for w in re.findall(r"[a-z]+", name.lower()))
            self._words = (key, words, {stem(w) for w in words})
        return self._words[1], self._words[2]

    def _evidence(self) -> EvidencePool:
        """The evidence pool, built once per answerer, so what it reads of each document (its
        words) is read once; the service builds a new answerer after every write."""
        if self._pool is None:
            self._pool = EvidencePool(self.store, self.index(), self.model)
        return self._pool

    def _conversation(self, history: list[Any]) -> frozenset[str]:
        """The document the previous turn's answer came from (its first citation): what "its
        CEO", "the units pay how much?" continue. An earlier question given as text is asked
        again, with at most the two turns before it; a declined turn continues the document of
        its best evidence (the officer goes on asking about what was looked up)."""
        turn = history[-1]
        earlier = list(history[-3:-1]) or None
        if isinstance(turn, Answer):
            turn = turn.to_dict()
        if isinstance(turn, dict) and "answered" not in turn:  # a question given as a record
            turn = turn.get("question") or ""
        if not isinstance(turn, dict):
            if not str(turn).strip():
                return frozenset()
            turn = self.ask(str(turn), earlier).to_dict()
        if turn.get("answered") is False:
            if not str(turn.get("question") or "").strip():
                return frozenset()
            ranked = ranked_answers(*self.candidates(str(turn["question"]), earlier))
            return frozenset([ranked[0].document] if ranked else [])
        first = next(iter(turn.get("citations") or []), None)
        return frozenset([str(first["document"])] if isinstance(first, dict) else [])

    def _previous(self, turn: Any) -> tuple[list[Node], str]:
        """The entities and words of an earlier turn: a question, or an answer as returned."""
        if isinstance(turn, Answer):
            turn = turn.to_dict()
        if isinstance(turn, dict):
            ids = [e["id"] for e in turn.get("entities") or [] if isinstance(e, dict)]
            nodes = [n for n in (self.store.get_node(i) for i in ids) if n is not None]
            text = str(turn.get("question") or "")
            return nodes or self.link(text), text
        text = str(turn)
        return self.link(text), text

    def _completed(self, question: str, history: list[Any], depth: int = 3) -> str | None:
        """A follow-up that only names another thing ("and the kalaburagi one?", "what about
        Singhpur?") asks the previous question of it: that question with the thing it named
        of the same kind (a place or cluster the KB links, else its first run of proper nouns)
        replaced. None when the follow-up is a question of its own (it has a verb or a
        wh-word, or words the previous question lacks: "and the technical agency?") or names
        nothing."""
        if not history or depth == 0:
            return None
        doc = parse(question)
        asks = any(t.lower_ in WH_WORDS for t in doc) and _ABOUT.match(question) is None
        if asks or any(t.pos_ in ("VERB", "AUX") for t in doc):
            return None
        new = self._mentions(question, doc)
        if not new:
            return None
        _, previous = self._previous(history[-1])
        previous = self._completed(previous, history[:-1], depth - 1) or previous
        start, end, kind = new[0]
        if question[start:end].lower() in previous.lower():
            return None  # it names what the previous question named: a part of it, no follow-up
        named = {t.i for t in doc if t.idx >= start and t.idx + len(t) <= end}
        before = {w.lower() for w in re.findall(r"\w+", previous)}
        if any(t.i not in named and t.is_alpha and t.lower_ not in _ELLIPSIS_WORDS
               and t.lower_ not in before for t in doc):  # fmt: skip
            return None
        old = self._mentions(previous, parse(previous))
        same = [m for m in old if m[2] == kind] or [
            m for m in old if m[2] is None or (kind in PLACE_TYPES) == (m[2] in PLACE_TYPES)
        ]
        if not same:
            return None
        a, b, _ = same[0]
        return f"{previous[:a]}{question[start:end]}{previous[b:]}"

    def _mentions(self, text: str, doc: Any) -> list[tuple[int, int, str | None]]:
        """Where `text` names a place or a cluster the KB links (with its type), else its first
        run of proper nouns (a village the KB has no node for, type None); in text order."""
        found = [
            (m.start, m.end, m.type)
            for m in self.linker.in_text(text)
            if (m.type in PLACE_TYPES or m.type == "Cluster")
            and text[m.start : m.end].lower() not in COMMON_WORD_PLACES
        ]
        for start, end, kind in list(found):  # "the Muzaffarpur bag cluster": its place too
            if kind == "Cluster":
                for w in re.finditer(r"[A-Za-z]{4,}", text[start:end]):
                    places = [m for m in self.linker.resolver.exact(w.group(0))
                              if m.type in PLACE_TYPES]  # fmt: skip
                    if places:
                        found.append((start + w.start(), start + w.end(), places[0].type))
        if found:
            return sorted(set(found))
        run = [t for t in doc if t.pos_ == "PROPN" and t.lower_ not in _ELLIPSIS_WORDS | WH_WORDS]
        if not run:
            return []
        last = run[0]
        for t in run[1:]:
            if t.i != last.i + 1:
                break
            last = t
        return [(run[0].idx, last.idx + len(last), None)]

    def _lowercase_names(self, question: str, focus: list[Node], known: list[str]) -> list[str]:
        """Words of a question typed in lower case that the documents write only as names
        ("the janbazar shoemakers": Janbazar), that are no English word the language model
        knows ("organisation") and that no focus entity carries: the evidence must have them,
        as a capitalised unknown name must."""
        index = self.index()
        english_words = lexicon()
        carried = {
            w for n in focus for a in [n.name, *n.aliases] for w in _ALPHA_WORDS.findall(a.lower())
        }
        taken = {k.lower() for k in known}
        return list(dict.fromkeys(
            w for w in re.findall(r"(?<![\w-])[a-z]{5,}(?![\w-])", question)
            if w in index.written_as_names and w not in carried and w not in taken
            and w not in english_words and not self.linker.resolver.exact(w)
        ))  # fmt: skip

    def _unknown(self, q: Question) -> list[str]:
        """Names the question gives that neither the KB nor any document knows, in any form
        the evidence would count as the name ("kollayil" for a document's "Kollaylin",
        kb.evidence.same_word)."""
        index = self.index()
        return [
            n
            for n in q.constraints
            if n.lower() not in index.lowered_text
            and not self.linker.find(n)
            and not sounds_like(n, index.sounds)  # a Hindi document's name
            and not same_word(n, self._vocabulary()[0])
        ]

    def _graph_answers(
        self,
        question: str,
        entities: list[Node],
        names: list[str] | None = None,
        kind: str | None = None,
    ) -> list[tuple[str, Answer]]:
        """What the graph says, from every reading that applies (each a candidate; none wins
        by coming first). `names`: what the question names that the KB holds no node for;
        `kind`: the answer type asked, when the caller has read it."""
        out = []
        for name in READERS:
            reader = getattr(self, f"_{name}")
            if name == "clusters_by_word":
                a = reader(question)
            elif name == "bridge":
                a = reader(question, entities, names or [])
            elif name == "clusters_where":
                a = reader(question, entities, kind)
            else:
                a = reader(question, entities)
            if a is not None:
                out.append((name, a))
        return out

    @staticmethod
    def _fact(reader: str, a: Answer) -> Candidate:
        cited = a.citations[0] if a.citations else None
        text = f"{a.answer} {cited.text}" if cited is not None else a.answer
        return Candidate(
            text,
            cited.document if cited is not None else "graph",
            str(getattr(cited, "locator", "") or ""),
            kind="fact",
            reader=reader,
            answer=a.answer,
            citations=[c.to_dict() for c in a.citations],
            facts=list(a.facts),
            rank=0,
        )

    def compose(
        self, q: Question, best: Candidate, pool: list[Candidate], threshold: float | None = None
    ) -> Answer:
        """The short answer, then its sentence; lists gather the next good sentences too."""
        threshold = self.model.threshold if threshold is None else threshold
        if best.kind == "fact":
            assert best.answer is not None
            cited = best.citations[0]["text"] if best.citations else ""
            text = _fit(best.answer, cited)
            extra = self._other_parts(q, [best], pool, threshold)[1:]
            citations = best.citations[:8]
            if extra:  # a question of several parts: the fact answers one of them
                text, kept = _render(q, best.answer, [best, *extra], first=cited)
                citations += _citations(kept[1:])
            return _reply(q.text, text, True, citations, self._entities(q.focus), best.facts)
        # A list announced and then set out a line each ("Number of Mandals Covered: (6)
        # Mandals", "Karimnagar", "Ramadugu", ...): the items, then the announcing line
        count = announced_count(q, best)
        items = self._evidence().items_after(best, count) if count else []
        if items:
            text = _fit(_join([x.text.strip(" •-*") for x in items]), best.text)
            citations = _citations([best, *items])
            return _reply(q.text, text, True, citations[:8], self._entities(q.focus), [])
        # A list announced ("inaugurated five clusters") is read where it follows
        after = self._evidence().following(best) if announces_list(q, best) else []
        listed = next((c for c in after if goes_on_listing(q, c)), None)
        if listed is None and q.answer_type == "list":
            # "The proposed infrastructure projects ... will cost ₹22 crore. These projects
            # include A at X, B at Y and C at Z": good evidence naming the asked noun, and the
            # sentence right after it going on to list them
            best, listed = self._continued_list(q, best, pool, threshold)
        if listed is not None:  # the pool's own, scored, when it holds the sentence
            listed = next((c for c in pool if c.kind == "sentence" and c.locator == listed.locator
                           and c.document == listed.document), listed)  # fmt: skip
        first = listed or best
        # "under which scheme": a span naming a scheme leads, not the nearer "Common Facility
        # Centres" (the sort keeps the spans' order otherwise)
        spans = sorted(
            answer_spans(q, first.reading), key=lambda x: not self._names_kind(q, x.text)
        )
        lead = spans[0].text if spans else ""
        if q.kind_names and not (spans and of_the_kind(q, spans[0])):
            lead = kind_named(q, first.reading) or lead  # "which district": a district
        if listed is not None:
            lead = list_stretch(listed.text) or lead
        text = _fit(lead, first.text)
        chosen = [first]
        if listed is not None:
            text, chosen = f"{text} {best.text}", [listed, best]
        if q.answer_type in ("list", "aggregate", "count") or q.plural:
            asked_of = q.answer_type == "list" and bool(q.focus or q.constraints)
            for c in sorted(pool, key=lambda c: -c.score):
                if any(c is x for x in chosen) or c.kind != "sentence":
                    continue
                # a list asked of something goes on in the sentences naming it, also less sure
                # ones ("the zardozi cluster at Yeola", "the paithani cluster at Yeola")
                named = c.features.get("focus_in_sentence", 0.0) > 0
                if c.score < threshold and not (asked_of and named and c.score >= threshold / 4):
                    continue
                more = f"{text} {c.text}"
                if len(more) > 400:
                    if asked_of:
                        continue  # a shorter one naming it may still fit
                    break
                text, chosen = more, [*chosen, c]
        chosen = self._other_parts(q, chosen, pool, threshold)
        # Entities the question names that the chosen evidence does not: the best sentence
        # naming each (often another document's) joins.
        # A list asked of several entities ("the producer companies of the Bhagalpur and the
        # Purnia clusters") gathers for each: failing a sentence naming it, the best one of its
        # own documents that holds the asked noun or a span of the asked type.
        gathers = q.answer_type == "list" or q.plural
        evidence = self._evidence()

        def about(node: Node, c: Candidate) -> bool:
            return is_a(c.document, "Document") and names_in(
                node, evidence.document_words(c.document)
            )

        for node in q.focus:
            if node.type in BROAD_TYPES:
                continue
            if any(names_in(node, c.words) or (gathers and about(node, c)) for c in chosen):
                continue
            unused = [c for c in pool if c.kind == "sentence" and c not in chosen]
            naming = [c for c in unused if c.score >= threshold / 2 and names_in(node, c.words)]
            if not naming and gathers:
                naming = [c for c in unused if c.score >= threshold / 20 and about(node, c)
                          and (c.features.get("noun_in_sentence") or c.features.get("typed_x_span"))]  # fmt: skip
            if naming:
                chosen = [*chosen, max(naming, key=lambda c: c.score)]
        if len(chosen) > 1:  # evidence of several parts or sources: each gets its share
            text, chosen = _render(q, lead, chosen)
        citations = _citations(chosen)
        return _reply(q.text, text, True, citations, self._entities(q.focus), [])

    def _names_kind(self, q: Question, text: str) -> bool:
        """Whether a span is of the kind of node the question's noun asks for ("which scheme":
        a Scheme), by its words (a noun of that kind: "Programme", "Mission") or by the node it
        names in the KB ("SFURTI")."""
        wanted = NOUN_TYPES.get(q.noun or "")
        if not wanted:
            return True
        if _KIND_NOUNS[wanted] & set(tokens(text)):  # both stemmed
            return True
        return any(m.type in wanted and m.score >= 90 for m in self.linker.find(text)[:1])

    def _continued_list(
        self, q: Question, best: Candidate, pool: list[Candidate], threshold: float
    ) -> tuple[Candidate, Candidate | None]:
        """For a list question whose best evidence lists nothing of the asked kind: among the
        best three sentences scoring half the threshold, the first that names the asked noun
        and is followed by a sentence going on from it ("These projects include ...") that
        lists; (that sentence, the list) or (best, None)."""
        if not q.noun or any(s.type == "items" for s in answer_spans(q, best.reading)):
            return best, None
        good = [c for c in sorted(pool, key=lambda c: -c.score)[:3]
                if c.kind == "sentence" and c.score >= threshold / 2 and q.noun in c.words]  # fmt: skip
        for c in good:
            nxt = self._evidence().following(c, 1)
            if nxt and continues(nxt[0]) and goes_on_listing(q, nxt[0]):
                return c, nxt[0]
        return best, None

    def _other_parts(
        self, q: Question, chosen: list[Candidate], pool: list[Candidate], threshold: float
    ) -> list[Candidate]:
        """For a question of several parts or sources ("how much ... and how many ...", "the
        two reports", two named clusters): `chosen` and the evidence that best covers what it
        lacks — more of the question's words, another document, a span of the asked type."""
        if not several_parts(q):
            return chosen
        for _ in range(max(1, q.parts - 1)):
            seen = {c.document for c in chosen}
            covered = set().union(*(c.words for c in chosen))
            missing = q.content - covered
            other = [c for c in pool if c.kind == "sentence" and c not in chosen
                     and c.score >= threshold / 4
                     and (c.words & missing or c.document not in seen)]  # fmt: skip
            if not other:
                break

            def gain(c: Candidate, missing: set[str] = missing, seen: set[str] = seen) -> tuple:
                typed = q.answer_type not in SPAN_TYPES or bool(answer_spans(q, c.reading))
                cover = len(c.words & missing) + (c.document not in seen)
                if q.across and q.answer_type in VALUE_TYPES:
                    # two sides asked one value ("which costs more: A or B?"): a side's
                    # evidence must state a value of the type, however many words it shares
                    return (typed, cover, c.score)
                return (cover + typed, c.score)

            chosen = [*chosen, max(other, key=gain)]
        return chosen

    def _phrase(self, answer: Answer) -> Answer:
        """Let the optional LLM word the answer from the same evidence; keep ours if it fails.

        Its citations are limited to the evidence it was given, by number; an answer citing
        nothing valid is not used.
        """
        model = self.llm()
        if model is None or not answer.citations:
            return answer
        evidence = "\n".join(f"[{i}] {c.text}" for i, c in enumerate(answer.citations, start=1))
        messages = [
            ("system", "Answer in one or two sentences, leading with the fact asked for, using only the "
                       "numbered evidence. Cite evidence numbers like [1]. If the evidence does not "
                       "answer the question, reply exactly: NOT IN EVIDENCE."),
            ("human", f"Question: {answer.question}\nFacts found: {answer.answer}\nEvidence:\n{evidence}"),
        ]  # fmt: skip
        try:
            text = str(getattr(model.invoke(messages), "content", "")).strip()
        except Exception:  # noqa: BLE001 - any provider failure: the offline answer stands
            return answer
        cited = sorted(
            {int(n) for n in re.findall(r"\[(\d+)\]", text) if 1 <= int(n) <= len(answer.citations)}
        )
        if not text or "NOT IN EVIDENCE" in text or not cited:
            return answer
        return _reply(
            answer.question,
            text,
            True,
            [answer.citations[i - 1] for i in cited],
            answer.entities,
            answer.facts,
        )

    def _entities(self, nodes: list[Node]) -> list[dict[str, str]]:
        return [{"id": n.id, "name": n.name, "type": n.type} for n in nodes]

    def _answer(self, question: str, text: str, entities: list[Node], edges: list[Edge]) -> Answer:
        citations = []
        for e in edges:
            for p in e.provenance[:1]:
                if p.citation() not in citations:
                    citations.append(p.citation())
        facts = [{"source": e.source, "relation": e.relation, "target": e.target} for e in edges]
        return _reply(question, text, True, citations[:8], self._entities(entities), facts)

    def _abstain(self, question: str, entities: list[Node], lead: str) -> Answer:
        near = ", ".join(f"{n.name} ({n.type})" for n in entities[:4])
        text = f"{lead}; the KB has {near}." if near else f"{lead}."
        return _reply(question, text, False, [], self._entities(entities), [])

    @staticmethod
    def _masked(question: str, entities: list[Node]) -> str:
        """The question with entity names blanked, so 'Scheme' in a scheme's name is no cue."""
        out = question
        for n in entities:
            for name in sorted({n.name, *n.aliases}, key=len, reverse=True):
                if len(name) > 3:
                    out = re.sub(re.escape(name), "_" * len(name), out, flags=re.I)
        return out

    def _relation(self, question: str, entities: list[Node]) -> Answer | None:
        if not entities:
            return None
        cue = self._masked(spelled_out(question), entities)  # "the IA": implementing agency
        actor = ACTOR_QUESTION.search(cue)
        subjects = sorted(entities, key=lambda n: n.type != "Cluster")
        facility = FACILITY_WORD.search(question)
        if facility and actor:  # "who provided the rearing sheds of X": ask about X's facility
            word = facility.group(1).lower().replace("workshed", "work shed")
            for c in [n for n in entities if n.type == "Cluster"]:
                for nb in self.store.neighbors(c.id, "HAS_FACILITY"):
                    if word.rstrip("s") in nb.node.name.lower():
                        subjects.insert(0, nb.node)
        if _HEADQUARTERS.search(cue):  # "where is the headquarters of X district": its town
            for district in (n for n in subjects if n.type == "District"):
                hq = district.attrs.get("hq_name")
                if isinstance(hq, str) and hq:
                    cited = [p.citation() for p in district.provenance if "hq_name" in p.fields]
                    text = f"{district.name} district — headquarters at {hq}."
                    return _reply(question, text, True, cited[:1], self._entities([district]), [])
        intents = INTENTS
        # the kind of place asked ("which state is X in", "states of X and Y"): a place of
        # another kind found is walked up to it (a cluster's district, then its state)
        kind = _PLACE_ASKED.search(cue)
        asked_type = kind and ("State" if (kind[1] or kind[2]).lower() == "state" else "District")
        if re.match(r"\s*where\b", question, re.I) or kind:  # "where is the anchor unit X based?"
            intents = [i for i in INTENTS if ("LOCATED_IN", "out") in i[1]] + INTENTS
        for rx, wanted in intents:
            if not rx.search(cue):
                continue
            if actor and wanted == [("HAS_FACILITY", "out")]:
                continue
            for subject in subjects:
                view = entity_view(self.store, subject)
                hits = [
                    r for rel, direction in wanted for r in view.relations
                    if r.relation == rel and r.direction == direction
                ]  # fmt: skip
                if actor:
                    hits = [r for r in hits if r.node.type in ACTOR_TYPES]
                if wanted == [("LOCATED_IN", "out")] and not asked_type:
                    # a bare "where": what the question already names is no answer ("where
                    # is the Kanpur cluster": not Kanpur), nor the state of a place it names
                    # ("where are the units in Bokaro": somewhere in Bokaro, not Jharkhand)
                    named = {n.id for n in entities}
                    hits = [] if subject.type in PLACE_TYPES else [
                        r for r in hits if r.node.id not in named]  # fmt: skip
                if re.search(r"\bschemes?\b|\bprogramm", cue, re.I):
                    hits = [r for r in hits if r.node.type == "Scheme"] or hits
                if _CLUSTERS.search(cue) and wanted == [("LOCATED_IN", "in")]:
                    hits = [r for r in hits if r.node.type == "Cluster"]
                    if subject.type == "State":  # "tamil nadu clusters": also its districts'
                        hits += self._in_districts(subject, {r.node.id for r in hits})
                if asked_type and wanted == [("LOCATED_IN", "out")] and hits:
                    up = self._located(subject, asked_type)
                    if up is not None:
                        nodes, edges = up
                        text = f"{subject.name} — located in {', '.join(n.name for n in nodes)}."
                        return self._answer(question, text, [subject, *nodes], edges)
                made = subject.attrs.get("product") if subject.type == "Cluster" else None
                if not hits and wanted == [("PRODUCES", "out")] and isinstance(made, str):
                    # a product the KB holds no node for: the cluster's own word for it (a
                    # registry row's product, the product words of a document's name for it)
                    text = f"{subject.name} — produces {made}."
                    return _reply(question, text, True, [p.citation() for p in
                                  subject.provenance[:1]], self._entities([subject]), [])  # fmt: skip
                if hits:
                    names = [_as_cited(r.node, r.edge) for r in hits]
                    rel_words = hits[0].relation.lower().replace("_", " ")
                    if hits[0].direction == "out":  # subject -> names: "X — located in Y."
                        text = f"{subject.name} — {rel_words} {_join(names)}."
                    elif len(hits) > _SHOWN and all(r.node.type == "Cluster" for r in hits):
                        # a place's many clusters: the ones documents describe first
                        nodes = [r.node for r in hits]
                        text = f"{_long_list(nodes, 'clusters')} ({rel_words} {subject.name})."
                    else:  # names -> subject: "Y (anchors X)."
                        text = f"{_join(names)} ({rel_words} {subject.name})."
                    return self._answer(
                        question, text, [subject, *[r.node for r in hits]], [r.edge for r in hits]
                    )
            return None  # the asked relation is not in the KB: do not guess from another
        return None

    def _in_districts(self, state: Node, seen: set[str]) -> list[Related]:
        """The clusters located in a state's districts, as relations of the state, those in
        `seen` left out: a state's clusters are mostly placed in a district."""
        out = []
        for nb in self.store.neighbors(state.id, "LOCATED_IN", "in"):
            if nb.node.type != "District":
                continue
            for c in self.store.neighbors(nb.node.id, "LOCATED_IN", "in"):
                if c.node.type == "Cluster" and c.node.id not in seen:
                    seen.add(c.node.id)
                    out.append(Related("LOCATED_IN", "in", c.node, c.edge))
        return out

    def _located(
        self, node: Node, kind: str, hops: int = 3
    ) -> tuple[list[Node], list[Edge]] | None:
        """The places `node` lies in, walked up LOCATED_IN to the first of type `kind`
        (a cluster's district, then its state), with the edges walked; None when there is
        no such place or more than one on the way."""
        nodes: list[Node] = []
        edges: list[Edge] = []
        at = node
        for _ in range(hops):
            up = [nb for nb in self.store.neighbors(at.id, "LOCATED_IN")
                  if nb.node.type in PLACE_TYPES]  # fmt: skip
            if len({nb.node.id for nb in up}) != 1:
                return None
            at = up[0].node
            nodes.append(at)
            edges.append(up[0].edge)
            if at.type == kind:
                return nodes, edges
        return None

    def _compare(self, question: str, entities: list[Node]) -> Answer | None:
        """'Which has more ODOP products, Bihar or Kerala?'"""
        places = [n for n in entities if n.type in PLACE_TYPES]
        if not COMPARE.search(question) or not ODOP.search(question) or len(places) < 2:
            return None
        store = self.store
        counts, edges = {}, []
        for p in places[:2]:
            districts = (
                [p.id]
                if p.type == "District"
                else [nb.node.id for nb in store.neighbors(p.id, "LOCATED_IN", "in")]
            )
            rows = [nb.edge for d in districts for nb in store.neighbors(d, "ODOP_PRODUCT")]
            counts[p.name] = len({e.target for e in rows})
            edges += rows[:2]
        (a, na), (b, nb_) = counts.items()
        lead = (
            f"{a} has more"
            if na > nb_
            else f"{b} has more"
            if nb_ > na
            else "They have the same number"
        )
        return self._answer(
            question, f"{lead}: {a} {na} ODOP products, {b} {nb_}.", places[:2], edges
        )

    def _partners(self, question: str, entities: list[Node]) -> Answer | None:
        """'Who could help start a makhana cluster in Darbhanga?': the recommendation engine."""
        if not PARTNER_Q.search(question):
            return None
        m = NEW_PRODUCT.search(question)
        product = m.group("product").strip() if m else ""
        districts = [n for n in entities if n.type == "District"]
        states = [n for n in entities if n.type == "State"]
        if not districts and states:  # "a bamboo craft cluster in Tripura": its matching district
            candidates = [nb.node for nb in self.store.neighbors(states[0].id, "LOCATED_IN", "in")]

            def fits(d: Node) -> bool:
                return any(
                    normalize(product).split(" ")[0] in normalize(nb.node.name)
                    for nb in self.store.neighbors(d.id, "ODOP_PRODUCT")
                )

            districts = sorted(candidates, key=lambda d: (not fits(d), d.name))[:1]
        if not districts or not product:
            return None
        d = districts[0]
        result = self.recommend(d.id, product).to_dict()
        kinds = (
            ["schemes"]
            if re.search(r"\bschemes?\b", question, re.I)
            else ["model_clusters", "anchors", "agencies", "schemes"]
        )
        parts, citations = [], []
        for kind in kinds:
            items = result[kind][: 3 if len(kinds) == 1 else 2]
            if items:
                label = kind.replace("_", " ")
                # names only: the reasons are in the plan (clusterkb recommend), the answer stays short
                parts.append(f"{label}: " + "; ".join(i["name"] for i in items))
                citations += [c for i in items for c in i.get("evidence", [])]
        if not parts:
            return None
        text = (
            f"For {result['product']} in {result['district']['name']} — " + " | ".join(parts) + "."
        )
        unique = [c for k, c in enumerate(citations) if c not in citations[:k]][:6]
        return _reply(question, text, True, unique, self._entities([d, *states]), [])

    def _yes_no(self, question: str, entities: list[Node]) -> Answer | None:
        """'Is Muzaffarpur in Bihar?', 'Does Shahi Litchi have a GI tag?'."""
        if not YES_NO.search(question) or not entities:
            return None
        store = self.store
        if re.search(r"\bgi\b|geographical indication", question, re.I):
            for p in [n for n in entities if n.type == "Product"]:
                gis = store.neighbors(p.id, "HAS_GI")
                if gis:
                    return self._answer(
                        question,
                        f"Yes: {p.name} is registered as {_join([g.node.name for g in gis])}.",
                        [p],
                        [g.edge for g in gis],
                    )
            return None
        places = [
            n
            for n in entities
            if n.type in ("District", "State", "Cluster", "Enterprise", "Agency")
        ]
        if len(places) >= 2 and re.search(r"\bin\b", question, re.I):
            inner, outer = places[0], places[1]
            chain, frontier = [], [inner.id]
            for _ in range(3):
                step = [nb for f in frontier for nb in store.neighbors(f, "LOCATED_IN")]
                if not step:
                    break
                chain += [nb.edge for nb in step]
                if any(nb.node.id == outer.id for nb in step):
                    return self._answer(
                        question, f"Yes, {inner.name} is in {outer.name}.", [inner, outer], chain
                    )
                frontier = [nb.node.id for nb in step]
            if chain:
                where = store.get_node(chain[0].target)
                return self._answer(
                    question,
                    f"No, {inner.name} is in {where.name if where else chain[0].target}.",
                    [inner, outer],
                    chain[:1],
                )
        return None

    def _clusters_of(self, question: str, entities: list[Node]) -> Answer | None:
        """'Which clusters does SFURTI support?': clusters linked to a scheme, agency or firm."""
        if not re.search(r"\bwhich clusters\b", question, re.I):
            return None
        for e in [n for n in entities if n.type in ACTOR_TYPES]:
            hits = [
                nb for nb in self.store.neighbors(e.id, direction="both")
                if nb.node.type == "Cluster" and nb.edge.relation != "MENTIONED_IN"
            ]  # fmt: skip
            if hits:
                return self._answer(
                    question,
                    f"{_long_list([nb.node for nb in hits], 'clusters')}.",
                    [e, *[nb.node for nb in hits]],
                    [nb.edge for nb in hits],
                )
        return None

    def _clusters_by_word(self, question: str) -> Answer | None:
        """'Which states have Eri clusters?': the places of clusters whose name has the word."""
        m = re.search(
            r"\bwhich (states|districts) (?:have|has)\s+(\w+(?:\s\w+)?)\s+clusters?\b",
            question,
            re.I,
        )
        if not m:
            return None
        kind, word = ("State" if m.group(1).lower() == "states" else "District"), m.group(2).lower()
        edges: list[Edge] = []
        names: set[str] = set()
        for c in self.store.nodes("Cluster"):
            if re.search(rf"\b{re.escape(word)}\b", c.name.lower()):
                direct = [nb for nb in self.store.neighbors(c.id, "LOCATED_IN")
                          if nb.node.type == kind]  # fmt: skip
                if direct:
                    edges += [nb.edge for nb in direct]
                    names |= {nb.node.name for nb in direct}
                elif (walked := self._located(c, kind)) is not None:
                    # a cluster placed in its district is in that district's state
                    edges += walked[1]
                    names.add(walked[0][-1].name)
        if not edges:
            return None
        return self._answer(question, f"{_join(sorted(names))}.", [], edges)

    def _clusters_where(
        self, question: str, entities: list[Node], kind: str | None = None
    ) -> Answer | None:
        """'cashew clusters in these papers - where', 'ganjam district clusters and their
        products', 'which places have sports goods clusters': the KB's clusters of every
        product and in every place the question names (a place's clusters also those of the
        places in it), each with its place and product, the ones documents describe first; a
        body or scheme the question names narrows them to the clusters linked to it ("locations
        shortlisted by MSME ministry for clusters"), and a question about what the documents
        say ("in these papers", "mentioned") to those documents describe. None when the
        question names a cluster, or no product or place, speaks of no
        clusters, or asks for something else than the clusters or their places (`kind`: how
        many, who runs them, what they cost)."""
        if kind not in _CLUSTERS_ASKED or not _CLUSTERS.search(question):
            return None
        if any(n.type == "Cluster" for n in entities):
            return None
        products = [n for n in entities if n.type == "Product"]
        places = [n for n in entities if n.type in PLACE_TYPES]
        if not products and not places:
            return None
        bodies = [n for n in entities if n.type in _BACKERS]  # "shortlisted by the ministry"
        chosen: set[str] | None = None
        for group, found in (
            (products, self._producing),
            (places, self._placed_in),
            (bodies, self._linked_clusters),
        ):
            if group:
                ids = {i for n in group for i in found(n)}
                chosen = ids if chosen is None else chosen & ids
        nodes = [n for i in sorted(chosen or ()) if (n := self.store.get_node(i)) is not None]
        if _IN_DOCUMENTS.search(question):  # the documents' clusters, not the registry's rows
            nodes = [n for n in nodes if _documents_of(n)]
        if not products:
            nodes = _of_kind(question, entities, nodes)
        if not nodes:
            return None
        shown = _best_documented(nodes)[:_SHOWN]
        more = f" and {len(nodes) - len(shown)} more" if len(nodes) > len(shown) else ""
        head = f"{len(nodes)} clusters: " if len(nodes) > 1 else ""
        full, brief, edges = [], [], []
        for n in shown:
            said, unsaid, cited = self._where_what(n, not products)
            full.append(f"{n.name} ({said})")
            brief.append(f"{n.name} ({unsaid})" if unsaid else n.name)
            edges += cited
        text = f"{head}{'; '.join(full)}{more}."
        if len(text) > MAX_ANSWER * 3 // 4:  # what the names say is left out when all would not fit
            text = f"{head}{'; '.join(brief)}{more}."
        return self._answer(question, text, shown, edges)

    def _linked_clusters(self, body: Node) -> set[str]:
        return {nb.node.id for nb in self.store.neighbors(body.id, direction="both")
                if nb.node.type == "Cluster"}  # fmt: skip

    def _producing(self, product: Node) -> set[str]:
        return {nb.node.id for nb in self.store.neighbors(product.id, "PRODUCES", "in")
                if nb.node.type == "Cluster"}  # fmt: skip

    def _placed_in(self, place: Node, hops: int = 3) -> set[str]:
        """The clusters located in `place` or in a place within it (a district's town)."""
        out: set[str] = set()
        frontier = [place.id]
        for _ in range(hops):
            inner = [
                nb.node for i in frontier for nb in self.store.neighbors(i, "LOCATED_IN", "in")
            ]
            out |= {n.id for n in inner if n.type == "Cluster"}
            frontier = [n.id for n in inner if n.type in PLACE_TYPES]
        return out

    def _where_what(self, cluster: Node, product: bool) -> tuple[str, str, list[Edge]]:
        """A cluster's place (its district, else the first place it lies in) and, with
        `product`, what it makes; the same without what the cluster's name says already (""
        when the name says it all); and the edges that say so."""
        up = [nb for nb in self.store.neighbors(cluster.id, "LOCATED_IN")
              if nb.node.type in PLACE_TYPES]  # fmt: skip
        place = next((nb for nb in up if nb.node.type == "District"), up[0] if up else None)
        made = self.store.neighbors(cluster.id, "PRODUCES")[:2] if product else []
        said = [*([place] if place else []), *made]
        named = set(tokens(cluster.name))
        # a place all of whose words the name holds; a product one of whose words it holds
        # ("Theni Agro Processing Cluster" makes Agro Products)
        told = [nb for nb in said if not (
            set(tokens(nb.node.name)) <= named
            if nb is place else set(tokens(nb.node.name)) & named)]  # fmt: skip
        text = "; ".join(nb.node.name for nb in said) or "place not given"
        unsaid = "; ".join(nb.node.name for nb in told) if said else text
        return text, unsaid, [nb.edge for nb in said]

    def _odop(self, question: str, entities: list[Node]) -> Answer | None:
        if not ODOP.search(question):
            return None
        store = self.store
        products = [n for n in entities if n.type == "Product"]
        districts = [n for n in entities if n.type == "District"]
        states = [n for n in entities if n.type == "State"]
        if products:
            edges = [
                nb.edge for p in products for nb in store.neighbors(p.id, "ODOP_PRODUCT", "in")
            ]
            if states:
                in_state = {
                    nb.node.id for s in states for nb in store.neighbors(s.id, "LOCATED_IN", "in")
                }
                edges = [e for e in edges if e.source in in_state]
            if not edges:
                return None
            names = [store.get_node(e.source).name for e in edges]  # type: ignore[union-attr]
            text = f"{_join(sorted(names))} ({len(names)} district{'s' if len(names) > 1 else ''})."
            return self._answer(question, text, products + states, edges)
        if districts:
            edges = [
                nb.edge for d in districts for nb in store.neighbors(d.id, "ODOP_PRODUCT", "out")
            ]
            if not edges:
                return None
            names = [store.get_node(e.target).name for e in edges]  # type: ignore[union-attr]
            return self._answer(question, f"{_join(names)}.", districts, edges)
        if states:
            district_ids = [
                nb.node.id for s in states for nb in store.neighbors(s.id, "LOCATED_IN", "in")
            ]
            edges = [
                nb.edge for d in district_ids for nb in store.neighbors(d, "ODOP_PRODUCT", "out")
            ]
            if not edges:
                return None
            products_n = len({e.target for e in edges})
            text = f"{products_n} ODOP products across {len({e.source for e in edges})} districts of {_join([s.name for s in states])}."
            return self._answer(question, text, states, edges[:8])
        return None

    def _path(self, question: str, entities: list[Node]) -> Answer | None:
        if not PATH.search(question) or len(entities) < 2:
            return None
        try:  # a real connection: never through a hub that links almost anything to anything
            view = path_view(self.store, entities[0], entities[1], avoid=PATH_HUBS)
        except NotFound:
            return None
        hops = "; ".join(
            f"{view.names[e.source]} {e.relation.lower().replace('_', ' ')} {view.names[e.target]}"
            for e in view.edges
        )
        return self._answer(question, f"{hops}.", entities[:2], view.edges)

    def _bridge(
        self, question: str, entities: list[Node], names: list[str] | None = None
    ) -> Answer | None:
        """'Which ministry links A and B?': the entity both sides share — a neighbour in the
        graph of each, or named in the documents about each — never a hub (a state, a sector),
        the one joined to most sides by edges, then the most specific (named in the fewest
        documents). A side may be a name the KB holds no node for ("Sharan", "Sualkuchi"):
        the documents that write it are about it. A body is also reached through a scheme it
        administers ("the ministry behind A and B": the ministry of the schemes they are under)."""
        asked = LINK_ASKED.search(question)
        if not asked:
            return None
        sides = [n for n in entities if n.type not in ("State", "Sector", "Product")]
        named = " ".join(n.name for n in sides).lower()
        index = self.index()
        by_name = {  # a name's pseudo-node, and the documents about it
            f"name:{x}": (Node(f"name:{x}", "Name", x), index.documents_with(x))
            for x in names or []
            if x.lower() not in named
        }
        sides += [node for node, docs in by_name.values() if 0 < len(docs) <= BRIDGE_DOCUMENTS]
        if len(sides) < 2:
            return None
        head = re.match(r"\W*(?:which|what)\s+((?:[\w-]+\s+){0,2}[\w-]+)", question, re.I)
        # the words naming the kind asked: after the wh-word, or "common union ministry"
        words = head.group(1) if head else asked.group(0) if asked.group("common") else ""
        kinds = {BRIDGE_KINDS[w] for w in words.lower().split() if w in BRIDGE_KINDS}
        side_ids = {n.id for n in sides}
        reach: dict[str, set[str]] = {}  # id of a shared candidate -> ids of the sides it touches
        where: dict[tuple[str, str], str] = {}  # (side, candidate) -> document naming both
        by_edge: dict[str, int] = {}  # id of a candidate -> how many sides it has an edge with
        nodes: dict[str, Node] = {}  # every node reached, as the neighbour lists gave it
        for side in sides:
            graph = set()
            for nb in self.store.neighbors(side.id, direction="both"):
                if nb.edge.relation != "MENTIONED_IN":
                    graph.add(nb.node.id)
                    nodes[nb.node.id] = nb.node
            near = set(graph)
            docs = (sorted(by_name[side.id][1]) if side.id in by_name else
                    [nb.node.id for nb in self.store.neighbors(side.id, "MENTIONED_IN")])  # fmt: skip
            if len(docs) <= BRIDGE_DOCUMENTS:
                for d in docs:
                    for nb in self.store.neighbors(d, "MENTIONED_IN", direction="in"):
                        near.add(nb.node.id)
                        nodes[nb.node.id] = nb.node
                        where.setdefault((side.id, nb.node.id), d)
            if "Agency" in kinds:  # "the ministry behind X": its schemes
                for scheme in [x for x in near if nodes[x].type == "Scheme"]:
                    for nb in self.store.neighbors(scheme, "ADMINISTERS", direction="in"):
                        if nb.node.type == "Agency" and nb.node.id not in near:
                            near.add(nb.node.id)
                            nodes[nb.node.id] = nb.node
                            if (side.id, scheme) in where:
                                where.setdefault((side.id, nb.node.id), where[(side.id, scheme)])
            for other in near - side_ids:
                reach.setdefault(other, set()).add(side.id)
            for other in graph - side_ids:
                by_edge[other] = by_edge.get(other, 0) + 1
        shared = []
        for other_id, touched in reach.items():
            if len(touched) < 2:
                continue
            node = nodes[other_id]
            if node.type in PATH_HUBS or is_government(node) or (kinds and node.type not in kinds):
                continue
            named_in = len(self.store.neighbors(other_id, "MENTIONED_IN"))
            shared.append(
                (-len(touched), -by_edge.get(other_id, 0), named_in, node.name, node, touched)
            )
        if not shared:
            return None
        *_, link, touched = min(shared, key=lambda x: x[:4])
        joined = [n for n in sides if n.id in touched]
        citations = []
        for side in joined:
            doc = where.get((side.id, link.id))
            cited = self._sentence_naming(doc, link) if doc else None
            if cited is not None and cited not in citations:
                citations.append(cited)
        text = f"{link.name} ({link.type.lower()}) links {_join([n.name for n in joined])}"
        known = [n for n in joined if n.id not in by_name]
        return _reply(question, text, True, citations=citations[:4],
                      entities=self._entities([link, *known]),
                      facts=[{"source": link.id, "relation": "LINKS", "target": n.id} for n in known])  # fmt: skip

    def _sentence_naming(self, doc_id: str, node: Node) -> dict[str, str] | None:
        """The first sentence of a document that names `node` (by its name or an alias)."""
        doc = self.store.get_node(doc_id)
        if doc is None:
            return None
        names = [a for a in {node.name, *node.aliases} if len(a) > 2]
        rx = re.compile("|".join(rf"\b{re.escape(a)}\b" for a in names), re.I) if names else None
        for i, sent in enumerate(doc.attrs.get("sentences") or [], start=1):
            if rx is not None and rx.search(sent) and not is_furniture(sent):
                return {"document": doc_id, "locator": f"sentence {i}", "text": sent}
        return None

    def _definition(self, question: str, entities: list[Node]) -> Answer | None:
        """'What is SFURTI?': the entity's own description, when the question is nothing but
        its name and words asking what it is."""
        if len(entities) != 1:
            return None
        node = entities[0]
        rest = set(re.findall(r"[a-z]+", self._masked(question, entities).lower()))
        if not rest or not rest <= DEFINING_WORDS or not {"what", "who", "explain"} & rest:
            return None
        about = next((str(node.attrs[k]) for k in DESCRIPTION_ATTRS if node.attrs.get(k)), "")
        asked = [a for a in node.aliases if re.search(rf"\b{re.escape(a)}\b", question, re.I)]
        if not about and asked:  # "What does MSE-CDP stand for?": at least its full name
            about = f"{asked[0]} is the {node.name}."
        if not about:
            return None
        source = node.provenance[0] if node.provenance else None
        citation = (
            [{"document": source.source, "locator": source.locator, "text": about}]
            if source is not None
            else []
        )
        lead = f"{node.name} ({node.type.lower()})"
        return _reply(question, lead, True, citations=citation,
                      entities=self._entities([node]), facts=[{"source": node.id}])  # fmt: skip

    def _count_of(self, question: str, entities: list[Node]) -> Answer | None:
        """'How many clusters are in Bihar?', 'How many clusters does SFURTI support?': the
        entities of the counted kind linked to the one the question names, counted in the
        graph."""
        m = re.search(r"\bhow many ([a-z]+)", question, re.I)
        kind = COUNTED_TYPES.get(stem(m.group(1).lower())) if m else None
        if kind is None or not entities:
            return None
        if any(s.type == "date" for s in typed_spans(question)):
            return None  # "in the last 1.5 years", "in 2022": the graph's links carry no dates
        for e in entities:
            if e.type == kind:
                continue
            if e.type in PLACE_TYPES:
                places = [e.id]
                if e.type == "State":
                    places += [nb.node.id for nb in self.store.neighbors(e.id, "LOCATED_IN", "in")
                               if nb.node.type == "District"]  # fmt: skip
                hits = [nb for p in places for nb in self.store.neighbors(p, "LOCATED_IN", "in")
                        if nb.node.type == kind]  # fmt: skip
            else:
                hits = [nb for nb in self.store.neighbors(e.id, direction="both")
                        if nb.node.type == kind and nb.edge.relation != "MENTIONED_IN"]  # fmt: skip
            if hits:
                nodes = list({nb.node.id: nb.node for nb in hits}.values())
                noun = m.group(1).lower() if m and len(nodes) > 1 else kind.lower()
                text = f"{len(nodes)} {noun} linked to {e.name}: {_long_list(nodes, noun)}."
                if len(nodes) > 8:  # _long_list already leads with the count
                    text = f"{_long_list(nodes, noun)} (linked to {e.name})."
                return self._answer(question, text, [e], [nb.edge for nb in hits])
        return None

    def _quantity(self, question: str, entities: list[Node]) -> Answer | None:
        if not HOW_MUCH.search(question):
            return None

        asked = set(tokens(question))
        if re.search(r"\bhow much\b|\bamount\b|\bcost\b|\bvalue\b|\bturnover\b", question, re.I):
            kinds = {"money"}
        elif re.search(r"\bshare\b|\bper ?cent", question, re.I):
            kinds = {"percent"}
        elif re.search(r"\bhow long\b|\bdays\b|\bmonths\b", question, re.I):
            kinds = {"duration"}
        else:
            kinds = {"count"}
        measures = measures_asked(asked) if kinds == {"money"} else set()
        best: tuple[float, dict[str, Any], Node] | None = None
        clusters = [n for n in entities if n.type == "Cluster"]
        docs: set[str] = set()
        for n in entities:
            for nb in self.store.neighbors(n.id, direction="both"):
                if nb.node.type == "Cluster" and nb.node.id not in {c.id for c in clusters}:
                    clusters.append(nb.node)
                if nb.edge.relation == "MENTIONED_IN":
                    docs.add(nb.node.id)
        if docs and not any(n.type == "Cluster" for n in entities):
            # asked about a scheme or agency: the numbers of the documents that mention it
            for c in self.store.nodes("Cluster"):
                if c.id not in {x.id for x in clusters} and any(
                    f"quantities@{d}" in c.attrs for d in docs
                ):
                    clusters.append(c)
        for c in clusters:
            for key, items in c.attrs.items():
                if not key.startswith("quantities@"):
                    continue
                for q in items:
                    if q["kind"] not in kinds:
                        continue
                    if q["kind"] == "count" and not asked & set(tokens(q["unit"])):
                        continue  # "how many looms": a count of artisans does not answer it
                    if measures and _of_another_measure(q, measures):
                        continue  # "the project cost": a production value does not answer it
                    words = set(tokens(q.get("sentence_text", "")))
                    overlap = len(asked & words) + 2 * len(
                        asked & set(tokens(q["unit"] + " " + q["text"]))
                    )
                    score = overlap + 1
                    if best is None or score > best[0]:
                        best = (score, {**q, "document": key.split("@", 1)[1]}, c)
        if best is None or best[0] < 2:
            return None
        _, q, cluster = best
        citation = {
            "document": q["document"],
            "locator": f"sentence {q['sentence']}",
            "text": q["sentence_text"],
        }
        return _reply(
            question,
            f"{q['text']} ({cluster.name}).",
            True,
            [citation],
            self._entities([cluster]),
            [],
        )
