"""One pool of evidence for a question, scored on one scale.

Candidates are sentences from the hybrid search (and every sentence of the documents that name
the question's entities) and graph facts (each with the sentence or table row it cites). Each
gets the same features; a logistic model fitted on development questions (`clusterkb fit-qa`,
weights in kb/qa_model.json) turns them into the probability that the candidate holds the
answer. Headings and page furniture are never evidence.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from kb import deadline
from kb.ids import is_a
from kb.nlp import Span, english, lemmas, read_many, spans
from kb.question import Question
from kb.schema import PLACE_TYPES, TEXT_CUES
from kb.search import SentenceIndex, stem, tokens
from kb.sound import sounds_like, sounds_of, spelling
from kb.store.base import GraphStore, Node

READERS = ("compare", "partners", "yes_no", "odop", "path", "quantity", "relation",
           "clusters_of", "clusters_by_word", "definition", "count_of", "bridge",
           "clusters_where")  # fmt: skip
FEATURES = (
    "bias",
    "focus_in_sentence",
    "focus_in_document",
    "no_focus",
    "constraints_in_sentence",
    "constraint_missing",
    "overlap",
    "dense",
    "lexical",
    "fused_rank",
    "typed",
    "type_span",
    "relation_cue",
    "is_fact",
    "short",
    # relative to the other candidates of the same question (the best one is 0)
    "dense_gap",
    "lexical_gap",
    "overlap_gap",
    # interactions a linear model cannot form itself
    "focus_x_overlap",
    "typed_x_span",
    "fact_x_focus",
    "fact_relation_match",  # a fact of the relation the question asks for
    "fact_answer_overlap",  # the fact's own words share the question's
    "noun_in_sentence",  # the noun the question asks for ("cost", "fuel") is in the evidence
    "span_near",  # a span of the asked type close to the question's words (1 / (1 + words apart))
    "headline",  # no closing punctuation, mostly capitalised words: a title or heading
    "labelled",  # a label holding an asked word, then its value ("Prepared by: X", "Main fuels: Y")
    "list_x_enumerates",  # a list is asked for and the evidence enumerates (commas, "and")
    "counts_the_noun",  # "how many looms": a number in the evidence counts looms
    "relation_unmet",  # the question asks a relation the evidence shows no sign of
    "lemma_overlap",  # share of the question's content lemmas in the evidence ('bought': buying)
    "count_asked",
    "span_support",  # other evidence holds the same answer span (an answer several sources give)
    "measure_said",  # an amount said of the measure asked ("an outlay of Rs 40 crore": outlay)
    "role_said",  # a name said of what the question asks it of ("implemented by X"), as above
    "conversation",  # a follow-up's evidence from the document the previous answer came from
    # which graph reading produced a fact (some readings are more often right than others)
    *(f"reader_{r}" for r in READERS),
)
MODEL_FILE = Path(__file__).with_name("qa_model.json")
FURNITURE = re.compile(r"^\s*(?:SOURCE|TITLE|DATE|URL|TAGS?|PUBLISHED|UPDATED)\s*:", re.I)
TYPED = {"org", "person", "place", "date", "money", "count", "percent", "area"}
SPAN_TYPES = {  # the span types that answer each answer type
    "org": {"org", "person"},  # "who ...?" is answered by a body or a person
    "person": {"person", "org"},
    "place": {"place"},
    "date": {"date"},
    "money": {"money"},
    "count": {"count"},
    "percent": {"percent"},
    "area": {"area"},  # "how much land": an area with its unit
    "list": {"org", "place", "items"},  # names, or the things a sentence lists
    "kind": {"kind"},  # "what category of cluster": the words that qualify a cluster
}
# The kinds of node a noun asks for ("which company": an Enterprise), by the noun's stem.
NOUN_TYPES: dict[str, tuple[str, ...]] = {
    **{stem(w): ("Enterprise",) for w in ("company", "firm", "enterprise", "exporter",
                                          "retailer", "brand", "manufacturer", "buyer")},
    **{stem(w): ("Agency",) for w in ("agency", "department", "ministry", "board", "council",
                                      "institute", "institution", "corporation")},
    **{stem(w): ("Agency", "Enterprise") for w in ("bank", "organisation", "organization",
                                                   "body", "partner", "consultancy",
                                                   "consultant")},
    **{stem(w): ("Scheme",) for w in ("scheme", "programme", "program", "mission")},
    **{stem(w): ("Facility",) for w in ("facility", "project", "centre", "center", "cfc",
                                        "plant", "lab", "laboratory")},
    stem("district"): ("District",),
    stem("state"): ("State",),
}  # fmt: skip
# A place or product named in at most this many documents still says which ones a question is
# about ("Aligarh" names the one story about its flatted factory).
FEW_DOCUMENTS = 3
# Entities too broad to say which documents or sentences a question is about.
BROAD_TYPES = ("State", "District", "Sector", "Product")
_CUE_RX = {
    rel: re.compile("|".join(c.pattern for c in TEXT_CUES.values() if c.relation == rel), re.I)
    for rel in {c.relation for c in TEXT_CUES.values()}
}


@dataclass
class Candidate:
    text: str  # the evidence as cited: a sentence, or a fact's answer and its cited text
    document: str  # document id or data set
    locator: str  # "sentence 7", "row 224"
    kind: str = "sentence"  # or "fact"
    reader: str | None = None  # for a fact: the graph reading that produced it
    answer: str | None = None  # a fact's short answer (the graph's wording)
    citations: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    dense: float = 0.0
    lexical: float = 0.0
    rank: int = 1000
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0  # probability that it answers the question
    gloss: str = ""  # a Hindi sentence's English gloss (kb.search): its words count as its own

    @property
    def reading(self) -> str:
        """What the readers read: the text, or a Hindi sentence's English gloss."""
        return self.gloss or self.text

    @cached_property
    def words(self) -> set[str]:
        """The text's stemmed content words (kb.search.tokens), with its gloss's."""
        return set(tokens(f"{self.text} {self.gloss}" if self.gloss else self.text))


# A question put in a document asks, it does not state: "(c) whether three Greenfield projects
# have been approved ...;" (a parliamentary question's item, answered further down)
ASKED = re.compile(r"^\s*(?:\(?[a-z0-9]{1,3}[.)]\s*)?whether\b", re.I)


# The publication a headline closes by crediting: "... (The Financial Express)"
_CREDIT = re.compile(r"\s*\([^()]*\)\s*$")


def is_furniture(text: str) -> bool:
    """Headings, page furniture, questions and lead-ins are never evidence."""
    t = text.strip()
    return bool(
        FURNITURE.match(t)
        or ASKED.match(t)
        or t.endswith((":", "?"))
        or len(t.split()) < 5
        or t.isupper()
    )


def offered(q: Question, c: Candidate) -> set[str]:
    """The entities a fact offers as its answer: the other end of each edge at an entity the
    question names, and on up LOCATED_IN from there (containment carries: a cluster's district,
    then its state; a scheme's other projects do not); failing those, every entity of the fact
    that the question does not name."""
    asked = {n.id for n in q.focus}
    ids = {x.get("target") if x.get("source") in asked else x.get("source")
           for x in c.facts if asked & {x.get("source"), x.get("target")}}  # fmt: skip
    while True:
        up = {x.get("target") for x in c.facts
              if x.get("relation") == "LOCATED_IN" and x.get("source") in ids} - ids  # fmt: skip
        if not up:
            break
        ids |= up
    if not ids - asked:
        ids = {i for x in c.facts for i in (x.get("source"), x.get("target"))}
    return {i for i in ids - asked if i}


def names_in(node: Node, words: set[str], also: tuple[str, ...] = ()) -> bool:
    """Whether every word of the node's name (or of one alias, or of a name in `also`) is
    among `words`."""
    for name in [node.name, *node.aliases, *also]:
        key = set(tokens(name)) - {"cluster"}
        if key and key <= words:
            return True
    return False


def spelled_as(q: Question) -> dict[str, tuple[str, ...]]:
    """For each focus entity, the question's own spellings of it that differ from the KB's
    ("Tirupur" for the district Tiruppur, "Kancheepuram" for Kanchipuram): a sentence spelling
    it as the question does names it."""
    out: dict[str, tuple[str, ...]] = {}
    for n in q.focus:
        known = {spelling(a) for a in [n.name, *n.aliases]}
        out[n.id] = tuple(x for x in q.constraints if spelling(x) in known)
    return out


class EvidencePool:
    """Gathers and scores candidates for the questions asked of one state of the KB (what it
    reads of a document is kept: the KB does not change under it)."""

    def __init__(self, store: GraphStore, index: SentenceIndex, model: LogisticModel):
        self.store = store
        self.index = index
        self.model = model
        self._doc_words: dict[str, set[str]] = {}
        self._doc_text: dict[str, str] = {}
        self._doc_sounds: dict[str, frozenset[str]] = {}  # kb.sound skeletons of its Hindi words
        self._doc_raw: dict[str, frozenset[str]] = {}  # its lower-case words, as written
        self._titles: dict[str, str] = {}  # document id -> its title (the Document's name)

    def sentences(self, q: Question, query: str, k: int = 40) -> list[Candidate]:
        """The top `k` sentences for the query, and every sentence of the documents that
        name a focus entity (those documents are where 'the cluster', 'it' point)."""
        if not self.index.entries:
            return []
        dense, lexical, fused = self.index.scores(query)
        order = np.argsort(-fused, kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        chosen = list(order[:k])
        docs = self.focus_documents(q.focus)
        chosen += [i for i in self.index.in_documents(docs) if i not in set(chosen)]
        top_lexical = float(lexical.max()) or 1.0
        out = []
        for i in chosen:
            e = self.index.entries[i]
            if is_furniture(e.text):
                continue
            out.append(
                Candidate(
                    e.text,
                    e.document,
                    f"sentence {e.sentence}",
                    dense=float(dense[i]),
                    lexical=float(lexical[i]) / top_lexical,
                    rank=int(rank[i]),
                    gloss=e.gloss or self._uncredited(e.document, e.text),
                )
            )
        return out

    def _uncredited(self, doc_id: str, text: str) -> str:
        """A document's headline as read for answers, without the publication it is credited
        to ("The women weavers of Manpura village (The Financial Express)": the newspaper is
        no answer to "which firm"); "" for any other sentence, or a headline crediting none."""
        if doc_id not in self._titles:
            node = self.store.get_node(doc_id)
            self._titles[doc_id] = node.name if node is not None else ""
        title = self._titles[doc_id]
        if not title or text.strip() != title.strip():
            return ""
        bare = _CREDIT.sub("", title).strip()
        # a bare headline that reads as a heading ("INDUSTRIAL INFRASTRUCTURE UPGRADATION
        # SCHEME") would be dropped as one: it is read as written
        return bare if bare and bare != title.strip() and not is_furniture(bare) else ""

    def following(self, c: Candidate, n: int = 2, furniture: bool = False) -> list[Candidate]:
        """The `n` sentences after `c` in its document (page furniture left out, unless
        `furniture`: short lines are what a list set out a line each is made of)."""
        m = re.fullmatch(r"sentence (\d+)", c.locator)
        if c.kind != "sentence" or m is None:
            return []
        at = int(m.group(1))
        out = []
        for i in self.index.in_documents({c.document}):
            e = self.index.entries[i]
            if at < e.sentence <= at + n and (furniture or not is_furniture(e.text)):
                out.append(Candidate(e.text, e.document, f"sentence {e.sentence}", gloss=e.gloss))
        return sorted(out, key=lambda x: int(x.locator.split()[1]))

    def items_after(self, c: Candidate, count: int) -> list[Candidate]:
        """The lines right after `c` that set out the `count` things it announces one to a
        line ("Number of Mandals Covered: (6) Mandals", then "Karimnagar", "Ramadugu", ...);
        [] unless `count` such lines follow it, one after another."""
        if count < 2:
            return []
        lines = self.following(c, count, furniture=True)
        return lines if len(lines) == count and all(is_item(x.text) for x in lines) else []

    def focus_documents(self, focus: list[Node]) -> set[str]:
        docs = set()
        for n in focus:
            named_in = {nb.node.id for nb in self.store.neighbors(n.id, "MENTIONED_IN")}
            if n.type in BROAD_TYPES and len(named_in) > FEW_DOCUMENTS:
                continue  # too broad: every document of a state is not about the question
            docs |= named_in
        return docs

    def document_words(self, doc_id: str) -> set[str]:
        if doc_id not in self._doc_words:
            node = self.store.get_node(doc_id)
            text = (" ".join([node.name, *(node.attrs.get("sentences") or []),
                              *(node.attrs.get("glosses") or [])]) if node else "")  # fmt: skip
            self._doc_text[doc_id] = text.lower()
            self._doc_raw[doc_id] = _raw_words(text.lower())
            self._doc_sounds[doc_id] = sounds_of(text)
            self._doc_words[doc_id] = set(tokens(text))
        return self._doc_words[doc_id]

    def place_conflict(self, q: Question, c: Candidate) -> bool:
        """True when the question names a state or district and every place a fact is about
        (its districts and states, the places of its clusters) lies elsewhere."""
        named = {n.id for n in q.focus if n.type in PLACE_TYPES}
        if c.kind != "fact" or not named:
            return False
        ids = {i for x in c.facts for i in (x.get("source"), x.get("target")) if i}
        places = {i for i in ids if any(is_a(i, t) for t in PLACE_TYPES)}
        for cid in (i for i in ids if is_a(i, "Cluster")):
            places |= {nb.node.id for nb in self.store.neighbors(cid, "LOCATED_IN")}
        if not places:
            return False
        around = set(places)
        for p in places:
            around |= {nb.node.id for nb in self.store.neighbors(p, "LOCATED_IN")}
        return not around & named

    def type_conflict(self, q: Question, c: Candidate) -> bool:
        """True when the question asks for a kind of thing ('which company', 'which scheme')
        and none of the entities a fact offers beyond the question's own is of that kind; or
        asks for a body of its members' own (an SPV, a company) and every entity offered is a
        public one (`public_body`: "the SPV of X" is not the ministry funding X)."""
        if c.kind != "fact":
            return False
        ids = offered(q, c)
        if q.noun in _OWN_BODY_NOUNS and ids:
            names = [n.name for n in (self.store.get_node(i) for i in ids) if n is not None]
            if names and all(public_body(n) for n in names):
                return True
        wanted = NOUN_TYPES.get(q.noun or "")
        if not wanted or not ids:
            return False
        return not any(is_a(i, t) for i in ids for t in wanted)

    @staticmethod
    def cluster_conflict(q: Question, c: Candidate) -> bool:
        """1 when the question names a cluster and a fact is about other clusters only (a
        fact about the Umden Eri Cluster does not answer a question about Payranga's)."""
        named = {n.id for n in q.focus if n.type == "Cluster"}
        if c.kind != "fact" or not named:
            return False
        ids = {i for x in c.facts for i in (x.get("source"), x.get("target")) if i}
        clusters = {i for i in ids if is_a(i, "Cluster")}
        return bool(clusters) and not clusters & named

    def admissible(self, q: Question, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates that keep the question's hard constraints: a place it names, and a
        cluster it names."""
        return [
            c
            for c in candidates
            if not self.place_conflict(q, c)
            and not self.cluster_conflict(q, c)
            and not self.type_conflict(q, c)
        ]

    def featurise(self, q: Question, candidates: list[Candidate]) -> None:
        typed = q.answer_type in SPAN_TYPES
        nearest: dict[int, str] = {}  # each candidate's nearest answer span, lower case
        spelled = spelled_as(q)
        asked_measures = measures_asked(q.content) if q.answer_type == "money" else set()
        asked_roles = roles_asked(q.asked_of)
        read_many([t for c in candidates for t in {c.reading, c.answer or c.reading}])
        for c in candidates:
            deadline.check()  # the request's deadline (kb.deadline)
            words = c.words
            doc_words = self.document_words(c.document) if is_a(c.document, "Document") else words
            lowered = f"{c.text} {c.gloss}".lower()
            in_sentence = [names_in(n, words, spelled[n.id]) for n in q.focus]
            in_document = [
                names_in(n, doc_words, spelled[n.id]) or s
                for n, s in zip(q.focus, in_sentence, strict=True)
            ]
            # a name the question spells in Latin letters is present in a Hindi text when a
            # word of it sounds the same ("Chandwa", "चंदवा"; kb.sound)
            sounds = sounds_of(c.text) if q.constraints else frozenset()
            raw = _raw_words(lowered) if q.constraints else frozenset()
            present = [
                x.lower() in lowered or sounds_like(x, sounds) or same_word(x, raw)
                for x in q.constraints
            ]
            doc_text = self._doc_text.get(c.document, lowered)
            doc_sounds = self._doc_sounds.get(c.document, sounds)
            doc_raw = self._doc_raw.get(c.document, raw)
            missing = [
                not p
                and x.lower() not in doc_text
                and not sounds_like(x, doc_sounds)
                and not same_word(x, doc_raw)
                for x, p in zip(q.constraints, present, strict=True)
            ]
            names_all = all(in_document) and not any(missing)  # the document names it all
            ranked = _ranked_spans(q, c.answer or c.reading) if typed else []
            nearest[id(c)] = ranked[0][0].text.lower() if ranked else ""
            c.features = {
                "bias": 1.0,
                # what the question names, linked to the KB or not ("Daspur", a block the KB
                # does not hold): a sentence is about it when it, or its document, names it
                "focus_in_sentence": _share([*in_sentence, *present]),
                "focus_in_document": _share([*in_document, *(not m for m in missing)]),
                "no_focus": 0.0 if q.focus else 1.0,
                "conversation": 1.0 if c.document in q.documents else 0.0,
                "constraints_in_sentence": _share(present) if q.constraints else 0.0,
                "constraint_missing": 1.0 if any(missing) else 0.0,
                "overlap": len(q.content & words) / max(1, len(q.content)),
                "dense": c.dense,
                "lexical": c.lexical,
                "fused_rank": 1.0 / (1 + c.rank) if c.rank < 1000 else 0.0,
                "typed": 1.0 if typed else 0.0,
                # a span of the asked kind: a State's name for "which state", not any place
                "type_span": 1.0
                if any(of_the_kind(q, x) for x, _ in ranked) or kind_named(q, c.reading)
                else 0.0,
                "relation_cue": 1.0
                if q.relation in _CUE_RX and _CUE_RX[q.relation].search(c.reading)
                else 0.0,
                "is_fact": 1.0 if c.kind == "fact" else 0.0,
                "short": 1.0 if len(c.text.split()) < 8 else 0.0,
                "noun_in_sentence": 1.0 if q.noun_phrase and set(q.noun_phrase) <= words else 0.0,
                "span_near": _nearness(ranked),
                "headline": 1.0 if c.kind == "sentence" and is_headline(c.text) else 0.0,
                "labelled": 1.0 if c.kind == "sentence" and labels_asked(q, c.text) else 0.0,
                "list_x_enumerates": 1.0
                if (q.answer_type == "list" or q.plural) and enumerates(c.text)
                else 0.0,
                "counts_the_noun": 1.0 if counts_the_noun(q, c.answer or c.reading) else 0.0,
                "lemma_overlap": len(q.lemmas & lemmas(c.reading)) / len(q.lemmas)
                if q.lemmas
                else 0.0,
                "count_asked": 1.0 if q.answer_type == "count" and q.count_noun else 0.0,
                # and in a document naming all the question names: another cluster's cost
                # is no answer
                "measure_said": 1.0
                if names_all and any(said_of(asked_measures, s) for s, _ in ranked)
                else 0.0,
                "role_said": 1.0
                if names_all
                and q.answer_type in ("org", "person", "place")
                and any(role_said(asked_roles, s) for s, _ in ranked)
                else 0.0,
            }
        if candidates:
            top = {
                k: max(c.features[k] for c in candidates) for k in ("dense", "lexical", "overlap")
            }
        lowered_texts = [(c, c.text.lower()) for c in candidates]
        for c in candidates:
            f = c.features
            f["dense_gap"] = f["dense"] - top["dense"]
            f["lexical_gap"] = f["lexical"] - top["lexical"]
            f["overlap_gap"] = f["overlap"] - top["overlap"]
            f["focus_x_overlap"] = f["focus_in_sentence"] * f["overlap"]
            f["typed_x_span"] = f["typed"] * f["type_span"]
            f["fact_x_focus"] = f["is_fact"] * f["focus_in_sentence"]
            for r in READERS:
                f[f"reader_{r}"] = 1.0 if c.reader == r else 0.0
            relations = {x.get("relation") for x in c.facts}
            f["fact_relation_match"] = 1.0 if c.kind == "fact" and q.relation in relations else 0.0
            f["relation_unmet"] = (
                1.0
                if q.relation in _CUE_RX and not f["relation_cue"] and not f["fact_relation_match"]
                else 0.0
            )
            f["fact_answer_overlap"] = (
                len(q.content & set(tokens(c.answer or ""))) / max(1, len(q.content))
                if c.kind == "fact"
                else 0.0
            )
            f["span_support"] = _support(nearest[id(c)], c, lowered_texts)
            c.score = self.model.probability(f)


_WORD = re.compile(r"[a-z]{4,}")


def _raw_words(lowered: str) -> frozenset[str]:
    return frozenset(_WORD.findall(lowered))


def same_word(word: str, words: Iterable[str]) -> bool:
    """Whether `words` hold another form of `word`: one sharing all its letters but the last
    three (and at least five): "horticultural" for "horticulture", "processed" for
    "processing"; a word the question asks to be present may be written in another form."""
    w = word.lower()
    if len(w) < 5:
        return False
    head = w[:5]
    for other in words:
        if other.startswith(head):
            shared = len(os.path.commonprefix([w, other]))
            if shared >= min(len(w), len(other)) - 3:
                return True
    return False


def _support(span: str, c: Candidate, others: list[tuple[Candidate, str]], most: int = 3) -> float:
    """How many other pieces of evidence hold the same answer span (up to `most`, as a
    share): an answer several sources give is likelier right than one only one gives."""
    if len(span) < 2:
        return 0.0
    n = sum(1 for o, text in others if o is not c and o.text != c.text and span in text)
    return min(n, most) / most


def answer_spans(q: Question, text: str) -> list[Span]:
    """Spans of `text` of a type that answers `q`, and not already in the question: the
    asked type first, then the nearest to the words the question and the text share."""
    return [s for s, _ in _ranked_spans(q, text, answering=True)]


# Nouns for things a list question asks that are no body and no place: "what facilities are
# planned", "components of the mega cluster" (a name in the sentence, "Kamrup", is no answer)
THING_NOUNS = frozenset(
    stem(w)
    for w in ("component", "facility", "item", "machine", "equipment", "activity", "sector",
              "service", "intervention", "infrastructure", "feature", "problem", "challenge",
              "product", "craft")
)  # fmt: skip


# "How many days ...?" counts a duration, which the tagger reads as a date ("for 15-20 days")
DURATION_NOUNS = {f"{w}{s}" for w in ("hour", "day", "week", "month", "year") for s in ("", "s")}


# "Which year ...?" is answered by a date that names its year, not by "three years ago"
_YEAR_NOUN = stem("year")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def _ranked_spans(q: Question, text: str, answering: bool = False) -> list[tuple[Span, int]]:
    """answer_spans with each span's distance in words to the question's words. `answering`:
    for the answer itself, a list of things asked is answered by the things listed, not by a
    name (the evidence model was fitted on the spans of every answering type)."""
    wanted = SPAN_TYPES.get(q.answer_type, set())
    if answering and q.answer_type == "list" and q.noun in THING_NOUNS:
        wanted = {"items"}  # "which facilities": things the text lists, not a body or place
    if q.answer_type == "count" and q.noun in DURATION_NOUNS:
        wanted = wanted | {"date"}
    asked = q.text.lower()
    words = set(_TOKEN.findall(asked))
    found = [s for s in spans(text) if s.type in wanted and s.text.lower() not in asked
             and not (s.type in _NAMED and _named_in(s.text, words))
             and not other_measure(measures_asked(q.content), s)
             and not of_another_kind(q, s)
             and not counts_other_sort(q, s, text)
             and not (q.noun in _OWN_BODY_NOUNS and s.type == "org" and public_body(s.text))
             and not not_the_body_asked(q, s, text)
             and not (q.noun == _YEAR_NOUN and s.type == "date" and not _YEAR.search(s.text))
             and (s.type != "items" or _of_the_asked_kind(q, s))
             and (s.type != "kind" or _kind_of_the_noun(q, s, words))]  # fmt: skip
    near = zip(found, _distances(q, text, found), strict=True)
    if q.answer_type == "kind":  # "Pollachi is a heritage cluster": the kind said of what is asked
        return sorted(near, key=lambda x: (not x[0].governors & words, x[1]))
    return sorted(
        near,
        key=lambda x: (
            x[0].type != q.answer_type,
            bool(q.kind_names) and x[0].text.lower() not in q.kind_names,
            x[1],
        ),
    )


def of_the_kind(q: Question, span: Span) -> bool:
    """Whether the span is of the kind of place the question asks for, when it asks for one
    ("which state", "which district": `Question.kind_names`); any span otherwise."""
    if not q.kind_names or span.type != "place":
        return True
    name = _KIND_SAID.sub("", span.text.lower()).strip()  # "Perambalur district"
    return name in q.kind_names


def kind_named(q: Question, text: str) -> str:
    """The place of the kind the question asks for ("which district": a district's name)
    that `text` names and the question does not, as written, where the tagger found no span
    of it ("has chosen Perambalur district as the location"); "" when there is none."""
    if not q.kind_names:
        return ""
    found = [(m.group(0), m.start()) for m in _TOKEN.finditer(text)]
    asked = q.text.lower()
    for n in (3, 2, 1):
        for i in range(len(found) - n + 1):
            name = " ".join(w.lower() for w, _ in found[i : i + n])
            if name in q.kind_names and name not in asked:
                start, last = found[i][1], found[i + n - 1]
                return text[start : last[1] + len(last[0])]
    return ""


_KIND_SAID = re.compile(r"^the\s+|\s+(?:district|state|union territory)s?$")


def _kind_of_the_noun(q: Question, span: Span, words: set[str]) -> bool:
    """A kind span answers "what type of N" when its noun is N and it says of it something
    the question does not ("heritage cluster", not "coir cluster" for the Pollachi coir one)."""
    return stem(span.head) == q.noun and not {stem(k) for k in span.kinds} <= {
        stem(w) for w in words
    }


# Spans that are names: one the question writes is no answer, also with a kind word added
# ("Ramanagara district" for "Where near Ramanagara ...?")
_NAMED = {"place", "org", "person"}
_KIND_WORDS = {"district", "state", "city", "town", "village", "block", "taluk", "tehsil",
               "the", "of", "and", "in"}  # fmt: skip


def _word_groups(path: Path, name: str) -> list[tuple[str, frozenset[str]]]:
    """The rows of a table of word groups (kb/measures.csv, kb/roles.csv): each group's name
    (the column `name`) and its words, stemmed."""
    with path.open(encoding="utf-8") as fh:
        return [(row[name], frozenset(stem(w.strip()) for w in row["words"].split(";")))
                for row in csv.DictReader(fh)]  # fmt: skip


def _measures() -> dict[str, frozenset[str]]:
    """Each word of kb/measures.csv (stemmed) and the measures of money it names."""
    out: dict[str, set[str]] = {}
    for measure, words in _word_groups(MEASURES_FILE, "measure"):
        for w in words:
            out.setdefault(w, set()).add(measure)
    return {w: frozenset(m) for w, m in out.items()}


MEASURES_FILE = Path(__file__).with_name("measures.csv")
MEASURES = _measures()


def measures_asked(words: set[str]) -> set[str]:
    """The measures of money the (stemmed) words of a question name."""
    return {m for w in words for m in MEASURES.get(w, ())}


def _said_measures(span: Span) -> set[str]:
    """The measures of money the words an amount is said of name (kb/measures.csv)."""
    return {m for w in span.governors for m in MEASURES.get(stem(w), ())}


def _roles() -> dict[str, frozenset[str]]:
    """Each word of kb/roles.csv (stemmed) and the words (stemmed) of every role it names:
    the ways a text says the role the question asks a name in ("Who heads ...?": president,
    chairman, chief)."""
    out: dict[str, set[str]] = {}
    for _, words in _word_groups(ROLES_FILE, "role"):
        for w in words:
            out.setdefault(w, set()).update(words)
    return {w: frozenset(g) for w, g in out.items()}


ROLES_FILE = Path(__file__).with_name("roles.csv")
ROLES = _roles()


def roles_asked(asked_of: frozenset[str]) -> frozenset[str]:
    """The (stemmed) words that say what the question asks a name of, with the other words
    of each role they name (kb/roles.csv)."""
    stems = {stem(w) for w in asked_of}
    return frozenset(stems.union(*(ROLES.get(w, frozenset()) for w in stems)))


def role_said(asked: frozenset[str], span: Span) -> bool:
    """Whether a name is said of what the question asks ("the president of the cluster,
    X" for "Who heads the cluster?")."""
    return any(stem(w) in asked for w in span.governors)


def said_of(asked: set[str], span: Span) -> bool:
    """Whether an amount is said of a measure asked ("an outlay of Rs 40 crore": outlay)."""
    return span.type == "money" and bool(_said_measures(span) & asked)


def other_measure(asked: set[str], span: Span) -> bool:
    """Whether an amount is said of other measures than those asked: "What is the project
    cost?" is not answered by "a production value of Rs 15 crore". An amount said of no
    measure word, or a question asking none, is no conflict."""
    if span.type != "money" or not asked:
        return False
    said = _said_measures(span)
    return bool(said) and not said & asked


def _named_in(span: str, words: set[str]) -> bool:
    """Whether every word of a name, its kind words aside, is a word of the question."""
    own = [w for w in _TOKEN.findall(span.lower()) if w not in _KIND_WORDS]
    return bool(own) and all(w in words for w in own)


def _of_the_asked_kind(q: Question, span: Span) -> bool:
    """Examples of the kind the question asks for ("which problems": "problems like ...")."""
    return bool(q.noun) and stem(span.head) == q.noun


_TOKEN = re.compile(r"\w+")


def _distances(q: Question, text: str, found: list[Span]) -> list[int]:
    """For each span, how many words lie between it and the nearest word of the question
    (its content words and the names of its entities); 99 when the text shares none."""
    if not found:
        return []
    keys = set(q.content) | {t for n in q.focus for t in tokens(n.name)}
    if q.answer_type == "kind":  # the asked noun is in every kind span: nearness is to the rest
        keys -= {q.noun}
    at = [m.start() for m in _TOKEN.finditer(text) if keys & set(tokens(m.group(0)))]
    if not at:
        return [99] * len(found)
    out = []
    for s in found:
        gap = min(
            0
            if s.start <= a < s.end
            else len(_TOKEN.findall(text[min(a, s.end) : max(a, s.start)]))
            for a in at
        )
        out.append(gap)
    return out


def of_another_kind(q: Question, span: Span) -> bool:
    """Whether a number counts another kind of the asked noun than the question asks: "How
    many ceramic units ...?" is not answered by "120 tile units". A number counting its noun
    with no kind named, or a question naming none, is no conflict."""
    if span.type != "count" or not span.kinds or not q.count_kinds or not q.count_noun:
        return False
    if stem(span.head) != stem(q.count_noun):
        return False
    # the question's own words with the names it is about: "how many looms were supplied to
    # the Moyna carpet cluster" asks of "37 carpet looms"
    asked = set(tokens(" ".join([q.text, *(n.name for n in q.focus)])))
    asked |= {stem(k) for k in q.count_kinds}
    return not {stem(k) for k in span.kinds} & asked


# What a number may count, by sort: people, and the things and bodies a cluster document counts
# (lemmas). A count of one sort does not answer a question counting the other: "how many weavers
# ...?" is not answered by "over 20 looms", nor "how many looms" by "300 weavers".
_PEOPLE_NOUNS = frozenset(
    "people person member trainee employee beneficiary household family weaver artisan worker "
    "farmer entrepreneur craftsman craftsperson woman youth potter spinner student".split()
)
_THING_NOUNS = frozenset(
    "loom unit machine shed workshed centre center cluster village district block project acre "
    "hectare tonne ton kg piece bag product design shop outlet crore lakh metre km panchayat "
    "cooperative society company shg factory plant room".split()
)
_SORTED_NOUNS = _PEOPLE_NOUNS | _THING_NOUNS


def _sort_word(word: str) -> str:
    """A plural noun as the lemma the sort lists hold ("looms": loom, "women": woman)."""
    word = word.lower()
    for plural, single in (("men", "man"), ("ies", "y"), ("s", "")):
        if word.endswith(plural) and word[: -len(plural)] + single in _SORTED_NOUNS:
            return word[: -len(plural)] + single
    return word


def counts_other_sort(q: Question, span: Span, text: str) -> bool:
    """Whether a number counts another sort of thing (`_PEOPLE_NOUNS`, `_THING_NOUNS`) than
    the question's noun: a count of people for a count of things or the reverse. The counted
    noun is the word right after the number when it is of a sort ("over 20 looms and design
    studio": looms), else the span's head. A number with no noun, a noun of neither list, or
    a noun the asked one qualifies in the question ("how many weaver SHGs": SHGs) is no
    conflict."""
    if span.type != "count" or not q.count_noun:
        return False
    after = re.match(r"\s*([A-Za-z]+)", text[span.end :])
    counted = _sort_word(after.group(1)) if after else ""
    if counted not in _SORTED_NOUNS:
        counted = span.head.lower()
    asked = _sort_word(q.count_noun)
    said = [_sort_word(w) for w in re.findall(r"[A-Za-z]+", q.text)]
    pairs = set(zip(said, said[1:], strict=False))
    if (asked, counted) in pairs or (counted, asked) in pairs:
        return False  # "how many weaver SHGs": SHGs of weavers, whichever the number names
    if asked == counted:
        return False
    sorts = [
        "people" if w in _PEOPLE_NOUNS else "thing" if w in _THING_NOUNS else None
        for w in (asked, counted)
    ]
    return None not in sorts and sorts[0] != sorts[1]


# Nouns asking for a body its members form and own (a special purpose vehicle, a company),
# stemmed: never a ministry, department or other public office
_OWN_BODY_NOUNS = frozenset(stem(w) for w in ("spv", "vehicle", "company", "firm", "consortium"))
_PUBLIC_BODY = re.compile(
    r"\b(?:ministry|ministries|department|directorate|government|govt|goi|commission|commissioner"
    r"|bureau|secretariat|collectorate|district industries cent(?:re|er)|dic|development"
    r" institute|msme-di)\b",
    re.I,
)


# A name ending in one of these words is a programme or a place of work, not a body: "Cluster
# Development Programme" does not answer "who is the implementing agency", nor "Infrastructure
# Facilities" "the name of the SPV"
_NOT_BODY_END = re.compile(
    r"\b(?:schemes?|yojanas?|yojnas?|programmes?|programs?|missions?|polic(?:y|ies)|initiatives?"
    r"|projects?|facilities|infrastructure|centres|centers|cfcs|clusters?|parks?)\W*$",
    re.I,
)
# Words naming a kind of body, by stem: a question asking for one kind ("which bank") is not
# answered by a body named as another ("the Union Ministry of Handlooms")
_BODY_HEADS = frozenset(stem(w) for w in (
    "bank", "ministry", "department", "directorate", "institute", "university", "college",
    "board", "corporation", "council", "society", "trust", "association", "federation",
    "company", "government", "commission", "foundation", "cooperative", "chamber",
))  # fmt: skip


def not_the_body_asked(q: Question, span: Span, text: str) -> bool:
    """Whether an organisation span cannot be the body the question asks for by its noun
    (`NOUN_TYPES`: an agency, a bank, an SPV, an institute ...): a programme's or a
    facility's name, a body named as another kind than the one asked, or a lone capitalised
    English word opening the sentence ("Diagnostic survey report has been approved ...")."""
    if span.type != "org":
        return False
    wanted = set(NOUN_TYPES.get(q.noun or "", ()))
    body = q.noun in _OWN_BODY_NOUNS or (bool({"Agency", "Enterprise"} & wanted)
                                         and not {"Scheme", "Facility"} & wanted)  # fmt: skip
    if not body:
        return False
    if _NOT_BODY_END.search(span.text):
        return True
    words = span.text.split()
    if (len(words) == 1 and not text[: span.start].strip(" \"'‘“")
            and not span.text.isupper() and english(span.text)):  # fmt: skip
        return True
    if q.noun in _BODY_HEADS:
        heads = {stem(w) for w in tokens(span.text)} & _BODY_HEADS
        return bool(heads) and q.noun not in heads
    return False


def public_body(name: str) -> bool:
    """Whether a body's name says it is a public office ("Ministry of MSME", "DIC")."""
    return _PUBLIC_BODY.search(name) is not None


def counts_the_noun(q: Question, text: str) -> bool:
    """For 'how many <noun>': whether a number in the text counts that noun."""
    if q.answer_type != "count" or not q.count_noun:
        return False
    key = stem(q.count_noun)
    return any(s.type == "count" and s.head and stem(s.head) == key for s in spans(text))


def _nearness(ranked: list[tuple[Span, int]]) -> float:
    """1 / (1 + words between the nearest span of the asked type and the question's words)."""
    return 1.0 / (1 + min(d for _, d in ranked)) if ranked else 0.0


# A label and its value, as forms, covers and tables write them: "Prepared by, Ernst & Young
# LLP", "Main fuels: Electricity, Natural gas", "Implementing Agency : X"
_LABEL = re.compile(
    r"^\W*(?P<label>[A-Za-z][A-Za-z&/ -]{1,40}?)\s*(?::|\s+by\b)\s*[,:]?\s*[A-Z0-9]"
)


def labels_asked(q: Question, text: str) -> bool:
    """Whether `text` is a label of at most three words holding a word the question asks about
    ("Who prepared the DPR?": "Prepared by, X"), then the label's value."""
    m = _LABEL.match(text)
    if m is None or len(m.group("label").split()) > 3:
        return False
    return bool(set(tokens(m.group("label"))) & (q.content | set(q.noun_phrase)))


def is_headline(text: str) -> bool:
    """A title or heading: no closing punctuation and mostly capitalised words."""
    t = text.strip()
    if t.endswith((".", "!", "?", '"', "”", "'")):
        return False
    words = [w for w in t.split() if w[:1].isalpha()]
    if not words:
        return False
    return len(words) <= 12 or sum(w[0].isupper() for w in words) / len(words) >= 0.5


# How a sentence opens when it goes on from the one before ("These clusters include ...")
# A sentence's opening that points back to the sentence before it ("These projects include",
# "They are"; not "The", which opens any sentence)
_GOES_ON = re.compile(r"^\W*(?:these|those|they|such|it|its|their)\b", re.I)


def continues(c: Candidate) -> bool:
    """Whether the sentence opens by pointing back to the one before it ("These projects
    include ...", "They are ...")."""
    return _GOES_ON.match(c.text) is not None


def announces_list(q: Question, c: Candidate) -> bool:
    """Whether `c` announces the things a list question asks for without naming them
    ("inaugurated five traditional clusters"): it counts the asked noun and holds no list of
    that kind."""
    if q.answer_type != "list" or not q.noun:
        return False
    found = spans(c.reading)
    if not any(s.type == "count" and s.head and stem(s.head) == q.noun for s in found):
        return False
    return not any(s.type == "items" for s in answer_spans(q, c.reading))


def announced_count(q: Question, c: Candidate) -> int | None:
    """How many of the asked noun `c` announces ("Number of Mandals Covered: (6) Mandals": 6)
    for a question asking several ("which mandals ..."), when it names none of them; None
    otherwise or when the number is not a plain one."""
    if not (q.answer_type == "list" or q.plural):
        return None
    if any(s.type == "items" for s in answer_spans(q, c.reading)):
        return None
    asked = {q.noun, *q.content} - {None}
    for s in spans(c.reading):  # the noun counted is the one asked (or a word of the question)
        if s.type != "count":
            continue
        # the noun it counts, or failing the parse's, the word written after it ("(3) Blocks")
        after = re.match(r"\W*([A-Za-z]+)", c.reading[s.end :])
        head = s.head or (after[1] if after else "")
        if head and stem(head.lower()) in asked:
            digits = re.sub(r"[^\d]", "", s.text)
            return int(digits) if digits and len(digits) < 4 else None
    return None


# An item of a list set out one to a line: a few words, no sentence of its own
ITEM_WORDS = 6


def is_item(text: str) -> bool:
    """Whether a line reads as one item of a list set out a line each ("Ramadugu", "HWCS,
    Bommakal"): a few words, with no verb-like ending or sentence stop, not page furniture."""
    words, t = text.split(), text.strip()
    return (
        0 < len(words) <= ITEM_WORDS
        and not t.endswith((".", ":", "?"))
        and not (FURNITURE.match(t) or ASKED.match(t))
    )


def goes_on_listing(q: Question, after: Candidate) -> bool:
    """Whether `after`, a sentence soon after an announcing one, lists what it announced ("The
    clusters inaugurated are A at X, B at Y and C at Z"): it enumerates after a listing word
    (`list_stretch`: "are", "include", a colon; not any sentence with two commas) and names
    the asked noun or points back to the sentence before (`continues`)."""
    return bool(list_stretch(after.text)) and (q.noun in after.words or continues(after))


def lists_announced(q: Question, announcing: Candidate, after: Candidate) -> bool:
    """Whether `after` lists the things `announcing` announces (`announces_list`,
    `goes_on_listing`)."""
    return announces_list(q, announcing) and goes_on_listing(q, after)


_LIST_OPENS = re.compile(r"(?:\b(?:are|were|include[sd]?|including|namely|viz)\b\.?|:)\s*", re.I)


def list_stretch(text: str) -> str:
    """The stretch of `text` that lists, after the last 'are', 'include', 'namely' or colon
    that an enumeration follows, to the sentence's end; "" when there is none."""
    found = ""
    for m in _LIST_OPENS.finditer(text):
        if enumerates(text[m.end() :]):
            found = text[m.end() :]
    return found.strip().rstrip(".;")


def enumerates(text: str) -> bool:
    """Whether the text lists things: two commas, or a comma and an 'and'."""
    commas = text.count(",")
    return commas >= 2 or (commas >= 1 and " and " in text)


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


# What the answerer knows, once the evidence is ranked, about whether its best answers at all.
ABSTAIN_FEATURES = (
    "bias",
    "top_score",  # the best candidate's probability
    "margin",  # how far ahead of the runner-up it is
    "typed",
    "no_focus",
    # of the best candidate: few, because the abstention is fitted on a few hundred questions
    # (one row each); with all of the candidate's features it fitted their noise (5-fold by
    # question on 374 development questions, out-of-fold rankings, 3 seeds: 246 right with
    # the 21 features it had, 252 with these)
    *(f"top_{f}" for f in ("type_span", "focus_in_document", "constraint_missing", "is_fact")),
    "follow_up",  # the question names nothing and reads its entities from the previous turn
)  # fmt: skip


def several_parts(q: Question) -> bool:
    """Whether the question asks more than one thing or across sources: two wh-words, words
    such as "both" or "compare", or two named things that are not places, sectors or products."""
    named = [n for n in q.focus if n.type not in BROAD_TYPES]
    return q.parts > 1 or q.across or len(named) > 1


def abstain_features(ranked: list[Candidate]) -> dict[str, float]:
    """The question-level features of candidates sorted best first (at least one)."""
    top = ranked[0]
    second = ranked[1].score if len(ranked) > 1 else 0.0
    out = {"bias": 1.0, "top_score": top.score, "margin": top.score - second,
           "typed": top.features.get("typed", 0.0), "no_focus": top.features.get("no_focus", 0.0),
           "follow_up": top.features.get("follow_up", 0.0)}  # fmt: skip
    for f in ABSTAIN_FEATURES:
        if f.startswith("top_") and f != "top_score":
            out[f] = top.features.get(f[4:], 0.0)
    return out


class LogisticModel:
    """P(candidate answers) = sigmoid(w · features), and P(the best candidate is a right
    answer) = sigmoid(a · abstain_features) with the threshold under which the answerer
    declines; all fitted on development questions (clusterkb.fitqa) and stored as data.
    `threshold` is the score from which a candidate counts as good evidence (lists gather
    those); a model without abstention weights declines below it."""

    def __init__(
        self,
        weights: dict[str, float],
        threshold: float,
        meta: dict[str, Any],
        abstain: dict[str, float] | None = None,
        abstain_threshold: float = 0.5,
    ):
        self.weights = weights
        self.threshold = threshold
        self.meta = meta
        self.abstain = abstain or {}
        self.abstain_threshold = abstain_threshold

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> LogisticModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(dict(data["weights"]), float(data["threshold"]), data.get("meta", {}),
                   dict(data.get("abstain") or {}), float(data.get("abstain_threshold", 0.5)))  # fmt: skip

    def save(self, path: Path = MODEL_FILE) -> None:
        data = {"features": list(FEATURES), "weights": self.weights,
                "threshold": self.threshold,
                "abstain_features": list(ABSTAIN_FEATURES), "abstain": self.abstain,
                "abstain_threshold": self.abstain_threshold, "meta": self.meta}  # fmt: skip
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    def probability(self, features: dict[str, float]) -> float:
        return _sigmoid(sum(self.weights.get(k, 0.0) * v for k, v in features.items()))

    def confidence(self, ranked: list[Candidate]) -> float:
        """P(the best of `ranked` (sorted best first) is a right answer)."""
        if not self.abstain:
            return ranked[0].score
        f = abstain_features(ranked)
        return _sigmoid(sum(self.abstain.get(k, 0.0) * v for k, v in f.items()))

    def declines(self, ranked: list[Candidate]) -> bool:
        """Whether to say the KB does not know rather than answer with ranked[0]."""
        if not ranked:
            return True
        cut = self.abstain_threshold if self.abstain else self.threshold
        return self.confidence(ranked) < cut


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
