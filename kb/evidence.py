"""One pool of evidence for a question, scored on one scale.

Candidates are sentences from the hybrid search (and every sentence of the documents that name
the question's entities) and graph facts (each with the sentence or table row it cites). Each
gets the same features; a logistic model fitted on development questions (`clusterkb fit-qa`,
weights in kb/qa_model.json) turns them into the probability that the candidate holds the
answer. Headings and page furniture are never evidence.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from kb import deadline
from kb.ids import is_a
from kb.nlp import Span, spans
from kb.question import Question
from kb.schema import PLACE_TYPES, TEXT_CUES
from kb.search import SentenceIndex, tokens
from kb.store.base import GraphStore, Node

READERS = ("compare", "partners", "yes_no", "odop", "path", "quantity", "relation",
           "clusters_of", "clusters_by_word")  # fmt: skip
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
    # which graph reading produced a fact (some readings are more often right than others)
    *(f"reader_{r}" for r in READERS),
)
MODEL_FILE = Path(__file__).with_name("qa_model.json")
FURNITURE = re.compile(r"^\s*(?:SOURCE|TITLE|DATE|URL|TAGS?|PUBLISHED|UPDATED)\s*:", re.I)
TYPED = {"org", "person", "place", "date", "money", "count", "percent"}
SPAN_TYPES = {  # the span types that answer each answer type
    "org": {"org"},
    "person": {"person", "org"},
    "place": {"place"},
    "date": {"date"},
    "money": {"money", "count"},
    "count": {"count", "money"},
    "percent": {"percent"},
    "list": {"org", "place"},
}
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

    @cached_property
    def words(self) -> set[str]:
        """The text's stemmed content words (kb.search.tokens)."""
        return set(tokens(self.text))


def is_furniture(text: str) -> bool:
    """Headings, page furniture, questions and lead-ins are never evidence."""
    t = text.strip()
    return bool(FURNITURE.match(t) or t.endswith((":", "?")) or len(t.split()) < 5 or t.isupper())


def names_in(node: Node, words: set[str]) -> bool:
    """Whether every word of the node's name (or of one alias) is among `words`."""
    for name in [node.name, *node.aliases]:
        key = set(tokens(name)) - {"cluster"}
        if key and key <= words:
            return True
    return False


class EvidencePool:
    """Gathers and scores candidates for the questions asked of one state of the KB (what it
    reads of a document is kept: the KB does not change under it)."""

    def __init__(self, store: GraphStore, index: SentenceIndex, model: LogisticModel):
        self.store = store
        self.index = index
        self.model = model
        self._doc_words: dict[str, set[str]] = {}
        self._doc_text: dict[str, str] = {}

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
                )
            )
        return out

    def focus_documents(self, focus: list[Node]) -> set[str]:
        docs = set()
        for n in focus:
            if n.type in BROAD_TYPES:
                continue  # too broad: every document of a state is not about the question
            for nb in self.store.neighbors(n.id, "MENTIONED_IN"):
                docs.add(nb.node.id)
        return docs

    def document_words(self, doc_id: str) -> set[str]:
        if doc_id not in self._doc_words:
            node = self.store.get_node(doc_id)
            text = " ".join([node.name, *(node.attrs.get("sentences") or [])]) if node else ""
            self._doc_text[doc_id] = text.lower()
            self._doc_words[doc_id] = set(tokens(text))
        return self._doc_words[doc_id]

    def place_conflict(self, q: Question, c: Candidate) -> bool:
        """1 when the question names a state or district and the clusters a fact is about
        all lie elsewhere."""
        places = {n.id for n in q.focus if n.type in PLACE_TYPES}
        if c.kind != "fact" or not places:
            return False
        ids = {i for x in c.facts for i in (x.get("source"), x.get("target")) if i}
        clusters = [i for i in ids if is_a(i, "Cluster")]
        if not clusters:
            return False
        for cid in clusters:
            for nb in self.store.neighbors(cid, "LOCATED_IN"):
                around = {nb.node.id} | {
                    m.node.id for m in self.store.neighbors(nb.node.id, "LOCATED_IN")
                }
                if around & places:
                    return False
        return True

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
            if not self.place_conflict(q, c) and not self.cluster_conflict(q, c)
        ]

    def featurise(self, q: Question, candidates: list[Candidate]) -> None:
        typed = q.answer_type in SPAN_TYPES
        for c in candidates:
            deadline.check()  # the request's deadline (kb.deadline)
            words = c.words
            doc_words = self.document_words(c.document) if is_a(c.document, "Document") else words
            lowered = c.text.lower()
            in_sentence = [names_in(n, words) for n in q.focus]
            in_document = [
                names_in(n, doc_words) or s for n, s in zip(q.focus, in_sentence, strict=True)
            ]
            present = [x.lower() in lowered for x in q.constraints]
            doc_text = self._doc_text.get(c.document, lowered)
            missing = [
                not p and x.lower() not in doc_text
                for x, p in zip(q.constraints, present, strict=True)
            ]
            c.features = {
                "bias": 1.0,
                "focus_in_sentence": _share(in_sentence),
                "focus_in_document": _share(in_document),
                "no_focus": 0.0 if q.focus else 1.0,
                "constraints_in_sentence": _share(present) if q.constraints else 0.0,
                "constraint_missing": 1.0 if any(missing) else 0.0,
                "overlap": len(q.content & words) / max(1, len(q.content)),
                "dense": c.dense,
                "lexical": c.lexical,
                "fused_rank": 1.0 / (1 + c.rank) if c.rank < 1000 else 0.0,
                "typed": 1.0 if typed else 0.0,
                "type_span": 1.0 if typed and answer_spans(q, c.answer or c.text) else 0.0,
                "relation_cue": 1.0
                if q.relation in _CUE_RX and _CUE_RX[q.relation].search(c.text)
                else 0.0,
                "is_fact": 1.0 if c.kind == "fact" else 0.0,
                "short": 1.0 if len(c.text.split()) < 8 else 0.0,
            }
        if candidates:
            top = {
                k: max(c.features[k] for c in candidates) for k in ("dense", "lexical", "overlap")
            }
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
            f["fact_answer_overlap"] = (
                len(q.content & set(tokens(c.answer or ""))) / max(1, len(q.content))
                if c.kind == "fact"
                else 0.0
            )
            c.score = self.model.probability(f)


def answer_spans(q: Question, text: str) -> list[Span]:
    """Spans of `text` of a type that answers `q`, and not already in the question."""
    wanted = SPAN_TYPES.get(q.answer_type, set())
    asked = q.text.lower()
    found = [s for s in spans(text) if s.type in wanted and s.text.lower() not in asked]
    return sorted(found, key=lambda s: s.type != q.answer_type)  # the asked type first


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


class LogisticModel:
    """P(candidate answers) = sigmoid(w · features); weights and the abstention threshold are
    fitted on development questions (clusterkb.fitqa) and stored as data."""

    def __init__(self, weights: dict[str, float], threshold: float, meta: dict[str, Any]):
        self.weights = weights
        self.threshold = threshold
        self.meta = meta

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> LogisticModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(dict(data["weights"]), float(data["threshold"]), data.get("meta", {}))

    def save(self, path: Path = MODEL_FILE) -> None:
        data = {"features": list(FEATURES), "weights": self.weights,
                "threshold": self.threshold, "meta": self.meta}  # fmt: skip
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    def probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
