"""Sentences in Hindi (Devanagari): the places, products, clusters, schemes and bodies they name.

Hindi news on clusters names districts in Devanagari ("दरभंगा"), products in Hindi or in English
written in Devanagari ("मखाना", "फर्नीचर"), and clusters with the English word ("मखाना क्लस्टर").
The English pipeline sees none of it. This module reads such a sentence into the same mentions
the English readers give (kb.linking.Mention), so the rest of extraction runs unchanged:

- places by sound (kb/sound.py): a Devanagari word's consonant skeleton ("दरभंगा" -> "drbng") is
  looked up among the skeletons of the KB's district and state names ("Darbhanga" -> "drbng"),
  and its rough spelling must be near the name's too (no "Katihar" for "खट्टर"); direction words
  are translated first ("पश्चिम चंपारण" -> "West Champaran"); frequent words and skeletons under
  three letters are never places; a town the KB does not know is read by its ending ("-पुर");
- English letters spelled out ("सीएफसी" -> "CFC", "एमएसई-सीडीपी" -> "MSE-CDP") are read as the
  acronym, and English product words written in Devanagari ("पेपर") by sound;
- products, cluster and facility words, schemes, bodies, role and "under" words from the table
  kb/hindi.csv (Hindi term, English term, kind, source);
- a cluster: a cluster (or common facility centre) word with the product words before it and its
  place (a place right after it, else the places listed before it, else the sentence's one
  district, else the document's), named "<place> <product> Cluster" as the English readers name
  a described cluster; a cluster word alone ("यह कलस्टर") takes the document's product;
- a gloss: each sentence in English words (`HindiReader.gloss`), which search and the question
  answerer read while the Hindi sentence is what is cited.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from kb.ids import is_qualified
from kb.linking import Mention
from kb.resolve import normalize
from kb.schema import PLACE_TYPES
from kb.sound import (
    ANUSVARA,
    CHANDRABINDU,
    DEVANAGARI,
    NUKTA,
    PRECOMPOSED,
    latin_skeleton,
    romanised,
    skeleton,
    spelling,
)

TABLE = Path(__file__).resolve().parent.parent / "kb" / "hindi.csv"

_WORD = re.compile(
    r"[\u0900-\u0963\u0966-\u097F]+(?:-[\u0900-\u0963\u0966-\u097F]+)*|[A-Za-z0-9][A-Za-z0-9&-]*"
)

_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
# English letters as Hindi writes them, longest first when read off a word
_LETTERS = {
    "ए": "A", "बी": "B", "सी": "C", "डी": "D", "ई": "E", "एफ": "F", "जी": "G", "एच": "H",
    "आई": "I", "जे": "J", "के": "K", "एल": "L", "एम": "M", "एन": "N", "ओ": "O", "पी": "P",
    "क्यू": "Q", "आर": "R", "एस": "S", "टी": "T", "यू": "U", "वी": "V", "डब्ल्यू": "W",
    "एक्स": "X", "वाई": "Y", "जेड": "Z",
}  # fmt: skip
# frequent Hindi words that are not acronyms though they spell letters ("के" is "of")
_NOT_ACRONYMS = {"के", "की", "एक", "ए", "ई", "ओ", "जी", "सी", "पी"}
# conjunctions written interchangeably in names ("सूक्ष्म और लघु" = "सूक्ष्म एवं लघु")
_AND = {"और", "व", "तथा", "एवं", "एंव"}
_POSTPOSITIONS = frozenset("का की के में से को पर हेतु लिए वाले नामक".split())
_PLACE_AFTER = frozenset("जिला जिले जिलों जनपद प्रखंड ब्लॉक शहर नगर गांव ग्राम में".split())
# frequent words that are never places, though some sound like one ("जिलों" like "Jalna")
_COMMON = (
    _POSTPOSITIONS
    | _PLACE_AFTER
    | frozenset(
        """
    प्रदेश राज्य सरकार केंद्र करोड़ लाख रुपये रुपए हजार किया किये किए गया गई गए जाएगा
    जाएगी जाएंगे होगा होगी होंगे है हैं था थी थे कर करने करना करके साथ बाद पहले बताया
    कहा दिया दी दिए तहत स्थापना निर्माण विकास उद्योग उद्योगों योजना कार्यक्रम बैठक
    अध्यक्षता इकाई इकाइयों परियोजना परियोजनाओं प्रस्ताव प्रस्तावों मंजूरी स्वीकृति लागत
    राशि भूमि जमीन लोगों रोजगार कारीगरों उत्पाद उत्पादों बाजार मार्केटिंग सुविधा
    सुविधाएं प्रशिक्षण संबंध सहमति दौरान अनुसार जानकारी अधिकारी अधिकारियों मंत्री सचिव
    निदेशक प्रधान मुख्य श्री डॉ डा शुरू तैयारी विस्तार वर्तमान क्षेत्र औद्योगिक स्थित
    स्तर स्थानीय कुल सभी नए नई नया अब भी तो ही यह वह इस उस इन उन जो कि ने एवं या तक बीच
    द्वारा प्रति वर्ष साल दिन माह
    """.split()
    )
)


def key(word: str) -> str:
    """A Devanagari word as compared with the table's terms: NFC, no nukta, a nasal consonant
    before another written as the anusvara ("केन्द्र" = "केंद्र"), conjunctions as one."""
    w = unicodedata.normalize("NFC", word)
    w = "".join(PRECOMPOSED.get(c, c) for c in w).replace(NUKTA, "")
    w = w.replace(CHANDRABINDU, ANUSVARA).replace("\u0949", "\u093e").replace("\u0911", "\u0906")
    w = re.sub(r"[नमणङञ]\u094d(?=[\u0915-\u0939])", ANUSVARA, w)
    w = re.sub(r"^कलस्टर", "क्लस्टर", w)  # both spellings of "cluster" are common
    return "एवं" if w in _AND else w


_COMMON_KEYS = frozenset(key(w) for w in _COMMON)


# a state's or a district's own office: qualified by its place where the sentence is read
_GENERIC_BODY = re.compile(r"^(?:department|directorate|district)\b", re.I)
# the endings of Indian town names ("-pur", "-ganj", "-nagar", "-abad", "-garh"), in Hindi
TOWN_ENDING = re.compile(r"\S{2,}(?:पुर|पुरा|गंज|नगर|ाबाद|गढ)$")
SPELLING_CUTOFF = 82
SHORT_SPELLING_CUTOFF = 90  # rapidfuzz ratio of `spelling` forms


def letters(word: str) -> str | None:
    """English letters spelled in Devanagari: 'सीएफसी' -> 'CFC', 'एमएसई-सीडीपी' -> 'MSE-CDP';
    None for any other word."""
    if "-" in word:
        parts = [letters(p) or "" for p in word.split("-")]
        return "-".join(parts) if all(parts) else None
    if word in _NOT_ACRONYMS:
        return None
    out, i = "", 0
    names = sorted(_LETTERS, key=len, reverse=True)
    while i < len(word):
        hit = next((n for n in names if word.startswith(n, i)), None)
        if hit is None:
            return None
        out, i = out + _LETTERS[hit], i + len(hit)
    return out if len(out) >= 2 else None


@dataclass(frozen=True)
class Term:
    english: str
    kind: str


@lru_cache(maxsize=1)
def table() -> dict[tuple[str, ...], Term]:
    """kb/hindi.csv as token-key tuples -> term."""
    with TABLE.open(encoding="utf-8") as f:
        return {
            tuple(key(w) for w in _WORD.findall(row["hindi"])): Term(row["english"], row["kind"])
            for row in csv.DictReader(f)
        }


# plural and oblique endings, and what the word ends in without them ("दस्तकारों" ->
# "दस्तकार", "खिलौनों" -> "खिलौना", "इकाइयों" -> "इकाई", "महिलाओं" -> "महिला")
_ENDINGS = (("ियों", "ी"), ("ियां", "ी"), ("ाओं", "ा"), ("ओं", ""), ("ों", ""), ("ों", "ा"), ("ें", ""))


def term_of(keys: tuple[str, ...]) -> Term | None:
    """The table's term for a run of word keys, its last word also without a plural ending."""
    terms = table()
    if keys in terms:
        return terms[keys]
    last = keys[-1] if keys else ""
    for ending, base in _ENDINGS:
        if last.endswith(ending) and len(last) > len(ending) + 1:
            term = terms.get((*keys[:-1], last[: -len(ending)] + base))
            if term is not None:
                return term
    return None


def _tokens(sentence: str) -> list[_Token]:
    return [
        _Token(m.start(), m.end(), m.group(0), key(m.group(0))) for m in _WORD.finditer(sentence)
    ]


@dataclass
class _Token:
    start: int
    end: int
    text: str
    key: str
    kind: str = ""  # place / product / cluster / facility / scheme / agency / under / role / state
    english: str = ""
    ids: list[str] = field(default_factory=list)
    place_type: str = ""
    span: int = 1  # tokens this reading covers


@dataclass
class HindiText:
    """A document's sentences as `HindiReader.read` read them: per sentence its tokens and
    readings (None for a sentence with no Devanagari), and its mentions."""

    readings: list[tuple[list[_Token], list[_Token]] | None]
    mentions: list[list[Mention]]

    def gloss(self, index: int, names: Iterable[tuple[int, int, str]] = ()) -> str:
        """An English gloss of the index-th sentence, word by word, for search and for matching
        an English question (never shown as the text): the names of what extraction found in
        it (`names`: start, end, name; "यह कलस्टर" is the cluster it stands for), the KB's names
        of its places, the table's English for its terms and common words, its numbers and its
        words in Latin letters. Empty for a sentence with no Devanagari."""
        read = self.readings[index]
        if read is None:
            return ""
        tokens, readings = read
        at = {int(r.key): r for r in readings}
        spans = sorted(names)
        out: list[str] = []
        i = 0
        while i < len(tokens):
            named = [n for n in spans if n[0] <= tokens[i].start < n[1]]
            if named:
                out += dict.fromkeys(n[2] for n in named)
                end = max(n[1] for n in named)
                while i < len(tokens) and tokens[i].start < end:
                    i += 1
                continue
            if i in at:
                r = at[i]
                out.append(r.english)
                i += r.span
                continue
            t = tokens[i]
            term = term_of((t.key,))
            if term is not None:
                out.append(term.english)
            elif not DEVANAGARI.search(t.text) or t.text.isdigit():
                # "88 करोड़" in Hindi news is rupees: "Rs 88 crore"
                money = i + 1 < len(tokens) and tokens[i + 1].key in ("करोड", "लाख")
                out.append(
                    ("Rs " if money and t.text[:1].isdigit() else "") + t.text.translate(_DIGITS)
                )
            i += 1
        return " ".join(out)


class HindiReader:
    """Reads Devanagari sentences with the KB's place names (`index`: a kb.linking.Gazetteer
    index, normalised name -> [(id, type, name)])."""

    def __init__(self, index: dict[str, list[tuple[str, str, str]]], products: Iterable[str] = ()):
        self.names = index
        self._places: dict[str, list[tuple[str, str, str]]] | None = None
        self.product_words = {w for p in products for w in re.findall(r"[A-Za-z]{4,}", p)}
        self._loanwords: dict[str, str] | None = None

    @property
    def loanwords(self) -> dict[str, str]:
        """Skeleton of an English product word -> the word ('ppr' -> 'paper'): Hindi writes
        many products in English ("पेपर क्राफ्ट", "टेक्सटाइल"). Words of the KB's Product names,
        the product table and kb/hindi.csv's products; a skeleton two words share is left out."""
        if self._loanwords is None:
            table_words = {w for t in table().values() if t.kind == "product"
                           for w in re.findall(r"[A-Za-z]{4,}", t.english)}  # fmt: skip
            words = self.product_words | table_words | {
                w for k, es in self.names.items() if any(e[1] == "Product" for e in es)
                for w in k.split() if len(w) >= 4
            }  # fmt: skip
            seen: dict[str, set[str]] = {}
            for w in words:
                if len(sk := latin_skeleton(w)) >= 3:
                    seen.setdefault(sk, set()).add(w.lower())
            self._loanwords = {sk: ws.pop() for sk, ws in seen.items() if len(ws) == 1}
        return self._loanwords

    @property
    def places(self) -> dict[str, list[tuple[str, str, str]]]:
        """Skeleton of a district's or state's name (word by word) -> its entries; made on the
        first Hindi sentence."""
        if self._places is None:
            places: dict[str, list[tuple[str, str, str]]] = {}
            for k, entries in self.names.items():
                found = [e for e in entries if e[1] in PLACE_TYPES]
                sk = " ".join(latin_skeleton(w) for w in k.split())
                if not found or len(sk.replace(" ", "")) < 2:
                    continue
                for e in found:
                    if e not in places.setdefault(sk, []):
                        places[sk].append(e)
            self._places = places
        return self._places

    def mentions(self, sentence: str) -> list[Mention]:
        """The mentions of a sentence with Devanagari words (none for other sentences)."""
        return self.read_document([sentence])[0]

    def read_document(self, sentences: list[str]) -> list[list[Mention]]:
        """The mentions of each sentence (`read`)."""
        return self.read(sentences).mentions

    def gloss(self, sentence: str, names: Iterable[tuple[int, int, str]] = ()) -> str:
        """The English gloss of one sentence (`HindiText.gloss`)."""
        return self.read([sentence]).gloss(0, names)

    def read(self, sentences: list[str]) -> HindiText:
        """A document's sentences read once, for their mentions and their glosses. A cluster
        word with no product before it takes the document's product (the product word its
        Hindi sentences use most), one with no place in its sentence the document's district
        (the one named most, if at least half of the times a district is named)."""
        read: list[tuple[list[_Token], list[_Token]] | None] = []
        for sentence in sentences:
            if not DEVANAGARI.search(sentence):
                read.append(None)
                continue
            tokens = _tokens(sentence)
            read.append((tokens, self._read(tokens)))
        readings = [r for pair in read if pair for r in pair[1]]
        # the document's product: what its clusters with a product of their own make, else
        # the product word it uses most
        chains: Counter[str] = Counter()
        for sentence, pair in zip(sentences, read, strict=True):
            if pair:
                at = {int(r.key): r for r in pair[1]}
                order = sorted(at)
                for n, i in enumerate(order):
                    if at[i].kind in ("cluster", "facility"):
                        chain, _ = self._chain(sentence, pair[0], at, order, n)
                        chains.update([_joined(sentence, chain)] if chain else [])
        products = Counter(r.english for r in readings if r.kind == "product" and not r.place_type)
        districts = Counter(r.ids[0] for r in readings if r.place_type == "District")
        top = districts.most_common(1)
        states = Counter(i for r in readings if r.kind in ("state", "place") for i in self._place_ids(r)
                         if i.startswith("state:"))  # fmt: skip
        state = states.most_common(1)[0][0] if states else None
        home = next((r for r in readings if top and 2 * top[0][1] >= sum(districts.values())
                     and r.place_type == "District" and r.ids[0] == top[0][0]), None)  # fmt: skip
        product = (chains.most_common(1)[0][0] if chains
                   else products.most_common(1)[0][0] if products else None)  # fmt: skip
        out: list[list[Mention]] = []
        for sentence, pair in zip(sentences, read, strict=True):
            if pair is None:
                out.append([])
                continue
            tokens, found = pair
            named = [self._mention(r) for r in found if r.kind != "product"]
            out.append([m for m in named if m is not None]
                       + self._clusters(sentence, tokens, found, product, home, state))  # fmt: skip
        return HindiText(read, out)

    # -- reading words ---------------------------------------------------------------------

    def _read(self, tokens: list[_Token]) -> list[_Token]:
        """Readings of the token runs, longest first, left to right; each covers `span` tokens
        from its index (kept in `tokens[i]`)."""
        terms = table()
        longest = max(len(k) for k in terms)
        readings: list[_Token] = []
        i = 0
        while i < len(tokens):
            hit: _Token | None = None
            for n in range(min(longest, len(tokens) - i), 0, -1):
                run = tokens[i : i + n]
                term = term_of(tuple(t.key for t in run))
                if term is not None and term.kind not in ("direction", "word"):
                    hit = _Token(run[0].start, run[-1].end, "", "", term.kind, term.english,
                                 span=n)  # fmt: skip
                    break
                after = tokens[i + n].key if i + n < len(tokens) else ""
                place = self._place(run, after)
                if place:
                    hit = _Token(run[0].start, run[-1].end, "", "", "place", place[0][2],
                                 ids=[e[0] for e in place], place_type=place[0][1], span=n)  # fmt: skip
                    break
            if (
                hit is None
                and TOWN_ENDING.search(tokens[i].key)
                and tokens[i].key not in _COMMON_KEYS
            ):
                # a town the KB does not know, by the ending of its name ("मोतीपुर")
                hit = _Token(tokens[i].start, tokens[i].end, "", "", "town",
                             romanised(tokens[i].text).title())  # fmt: skip
            if hit is None and (acronym := letters(tokens[i].key)):
                hit = self._acronym(tokens[i], acronym)
            if (
                hit is None
                and DEVANAGARI.search(tokens[i].text)
                and tokens[i].key not in _COMMON_KEYS
            ):
                word = self.loanwords.get(skeleton(tokens[i].text))
                if word:  # an English product word in Devanagari: read only before cluster words
                    hit = _Token(tokens[i].start, tokens[i].end, "", "", "product", word,
                                 place_type="loanword")  # fmt: skip
            if hit is None:
                i += 1
                continue
            hit.text, hit.key = tokens[i].text, str(i)
            readings.append(hit)
            i += hit.span
        return readings

    def _place(self, run: list[_Token], after: str = "") -> list[tuple[str, str, str]]:
        """The districts (else states) whose names sound like the run, nearest in spelling
        first ("पटना": Patna before Patan)."""
        # a name may end in a common word ("कानपुर नगर"), never start with one
        if run[0].key in _COMMON_KEYS or not all(DEVANAGARI.search(t.text) for t in run):
            return []
        terms = table()
        words = []
        for t in run:
            term = terms.get((t.key,))
            if term and term.kind == "direction":
                words.append(latin_skeleton(term.english))
            elif len(sk := skeleton(t.text)) >= 2:
                words.append(sk)
            else:
                return []  # "कर दी" is no "Kra Daadi"
        if all((term := terms.get((t.key,))) and term.kind == "direction" for t in run):
            return []  # "पूर्वी" alone is no district "East"
        found = self.places.get(" ".join(words), [])
        types = {e[1] for e in found}
        if types == {"State"} and len(run) == 1 and len(words[0]) < 4:
            return []  # a short word that sounds like a state is too often another word
        kind = "District" if "District" in types else "State"
        # the same consonants are not enough ("खट्टर" and "Katihar"): the spelling must be near
        spoken = spelling(" ".join(
            term.english if (term := terms.get((t.key,))) and term.kind == "direction"
            else romanised(t.text) for t in run
        ))  # fmt: skip
        near = [(fuzz.ratio(spoken, spelling(e[2])), e) for e in found if e[1] == kind]
        # a name of two consonants ("ऊना", Una) only spelt alike and followed by "में", "जिले"
        short = len("".join(words)) < 3
        if short and after not in _PLACE_AFTER:
            return []
        cutoff = SHORT_SPELLING_CUTOFF if short else SPELLING_CUTOFF
        return [e for r, e in sorted(near, key=lambda x: -x[0]) if r >= cutoff]

    def _acronym(self, token: _Token, acronym: str) -> _Token | None:
        for type_ in ("Agency", "Scheme"):
            entries = [e for e in self.names.get(normalize(acronym), []) if e[1] == type_]
            if entries:
                return _Token(token.start, token.end, "", "", type_.lower(), entries[0][2])
        if acronym in ("CFC", "CFCS"):
            return _Token(token.start, token.end, "", "", "facility", "common facility centre")
        return None

    def _mention(self, r: _Token) -> Mention | None:
        if r.kind == "place":
            type_ = "District" if r.place_type == "District" else "State"
            return Mention(type_, r.english, r.start, r.end, ids=r.ids, how="gazetteer")
        if r.kind == "state":
            entries = [e for e in self.names.get(normalize(r.english), []) if e[1] == "State"]
            if entries:
                return Mention("State", entries[0][2], r.start, r.end, ids=[entries[0][0]],
                               how="gazetteer")  # fmt: skip
            return None
        if r.kind in ("scheme", "agency"):
            type_ = r.kind.title()
            entries = [e for e in self.names.get(normalize(r.english), [])
                       if e[1] == type_ and not is_qualified(e[0])
                       and not _GENERIC_BODY.search(r.english)]  # fmt: skip
            if entries:  # a state's department is qualified by the sentence's state later
                return Mention(type_, entries[0][2], r.start, r.end, ids=[entries[0][0]],
                               how="gazetteer")  # fmt: skip
            return Mention(type_, r.english, r.start, r.end, how="pattern")
        return None

    # -- clusters --------------------------------------------------------------------------

    def _clusters(
        self,
        sentence: str,
        tokens: list[_Token],
        readings: list[_Token],
        product_of_document: str | None = None,
        home: _Token | None = None,
        state: str | None = None,
    ) -> list[Mention]:
        at = {int(r.key): r for r in readings}
        order = sorted(at)
        places = [r for r in readings if r.kind in ("place", "state") and self._place_ids(r)]
        districts = {r.ids[0] for r in places if r.place_type == "District"}
        out: list[Mention] = []
        for n, i in enumerate(order):
            word = at[i]
            if word.kind not in ("cluster", "facility"):
                continue
            product, j = self._chain(sentence, tokens, at, order, n)
            what = _joined(sentence, product) or product_of_document or ""
            if not what and word.kind == "cluster":
                continue  # a cluster word with no product: "17 क्लस्टर", "क्लस्टर विकास"
            first = order[j + 1]
            # a place right after the cluster word ("एलईडी बल्ब क्लस्टर पटना सिटी")
            after = [at[k] for k in order[n + 1 : n + 3]
                     if at[k].kind == "place" and k - i - word.span <= 1]  # fmt: skip
            before = self._listed_before(tokens, at, order[: j + 1], first)
            chosen = after[:1] or before
            if not chosen and len(districts) == 1:
                chosen = [next(r for r in places if r.place_type == "District")]
            if not chosen and home is not None:
                chosen = [home]
            towns = [r for r in readings if r.kind == "town"]
            if not chosen and towns:  # the town nearest before the cluster word, in its state
                town = max((r for r in towns if r.start < word.start), default=towns[0],
                           key=lambda r: r.start)  # fmt: skip
                chosen = [town]
            start = tokens[first].start
            end = word.end
            for place in chosen:
                ids = self._place_ids(place, state)
                name = (f"{place.english} {_titled(what)} Cluster" if what
                        else f"{place.english} Common Facility Centre")  # fmt: skip
                # several places' clusters: each spans its place (one span would be one cluster)
                span = (place.start, place.end) if len(chosen) > 1 else (start, end)
                out.append(Mention("Cluster", name, *span, "described", ids=ids[:1],
                                   how="description"))  # fmt: skip
        return out

    def _chain(
        self, sentence: str, tokens: list[_Token], at: dict[int, _Token], order: list[int], n: int
    ) -> tuple[list[_Token], int]:
        """The product words right before the n-th reading, a cluster word (postpositions and
        "and" may stand between), and the index in `order` before the first of them."""
        product: list[_Token] = []
        j = n - 1
        while (
            j >= 0
            and at[order[j]].kind == "product"
            and self._near(
                sentence, tokens, order[j] + at[order[j]].span, order[j + 1], not product
            )
        ):
            product.insert(0, at[order[j]])
            j -= 1
        return product, j

    def _listed_before(
        self, tokens: list[_Token], at: dict[int, _Token], before: list[int], first: int
    ) -> list[_Token]:
        """The places just before the product words, with only postpositions, commas and
        "and" between them and it: 'दरभंगा, सहरसा और कटिहार में (मखाना क्लस्टर)'."""
        out: list[_Token] = []
        end = first
        for k in reversed(before):
            r = at[k]
            if r.kind != "place" or not self._adjacent(tokens, k + r.span, end, lists=True):
                break
            out.insert(0, r)
            end = k
        return out

    @staticmethod
    def _near(sentence: str, tokens: list[_Token], i: int, j: int, loose: bool) -> bool:
        """Product words before a cluster word: next to each other, or (`loose`, the last
        product word) with up to four other words of the same clause between ("सिल्क विविंग व
        डिजाइन कलस्टर")."""
        if HindiReader._adjacent(tokens, i, j, conjunctions=not loose):
            return True
        return (
            loose
            and j - i <= 4
            and not any(t.key in _PLACE_AFTER or t.key in ("से", "को", "पर") for t in tokens[i:j])
            and not re.search(r"[,;:()]", sentence[tokens[i - 1].end : tokens[j].start])
        )

    @staticmethod
    def _adjacent(
        tokens: list[_Token], i: int, j: int, lists: bool = False, conjunctions: bool = False
    ) -> bool:
        """Only postpositions (and, for `lists`, conjunctions, place words and commas) between
        token i and token j."""
        between = tokens[i:j]
        ok = _POSTPOSITIONS | (_PLACE_AFTER | {"एवं"} if lists else set())
        ok |= {"एवं"} if conjunctions else set()
        return len(between) <= 3 and all(t.key in ok for t in between)

    def _place_ids(self, r: _Token, state: str | None = None) -> list[str]:
        if r.kind == "place":
            return r.ids
        if r.kind == "town":
            return [state] if state else []
        entries = [e for e in self.names.get(normalize(r.english), []) if e[1] == "State"]
        return [entries[0][0]] if entries else []


def _joined(sentence: str, products: list[_Token]) -> str:
    """Product words as a name: 'Sweets and Namkeen', 'Wood Furniture' (no "of")."""
    out = ""
    for a, b in zip([None, *products], products, strict=False):
        between = sentence[a.end : b.start] if a else ""
        out += (" and " if a and any(key(w) == "एवं" for w in between.split()) else " ") + b.english
    return out.strip()


def _titled(words: str) -> str:
    return " ".join(
        w if w.isupper() or w == "and" else w[:1].upper() + w[1:] for w in words.split()
    )


def role_of(sentence: str) -> str | None:
    """The role a Hindi sentence gives the bodies it names: 'nodal agency' for "नोडल",
    'partner' for "सहयोग" (cooperation), else 'implementing agency' for words of carrying out
    ("कार्यान्वयन", "निर्माण", "बनाने", ...)."""
    roles = [t.english for t in _terms_in(sentence) if t.kind == "role"]
    # the weaker claim first: "X के सहयोग से ... बनेगा" makes X a partner, not the builder
    return next((r for r in ("nodal agency", "partner") if r in roles), roles[0] if roles else None)


def says_under(sentence: str) -> bool:
    """Whether a Hindi sentence says something is under a scheme ("के तहत", "अंतर्गत")."""
    return any(t.kind == "under" for t in _terms_in(sentence))


def speaks_of_clusters(sentence: str) -> bool:
    return any(t.kind in ("cluster", "facility") for t in _terms_in(sentence))


def _terms_in(sentence: str) -> Iterable[Term]:
    """The table's terms in a sentence, longest first ("सामान्य सुविधा केंद्र" before "केंद्र")."""
    terms = table()
    longest = max(len(k) for k in terms)
    keys = [t.key for t in _tokens(sentence)]
    i = 0
    while i < len(keys):
        n, term = next(((n, t) for n in range(min(longest, len(keys) - i), 0, -1)
                        if (t := term_of(tuple(keys[i : i + n]))) is not None), (0, None))  # fmt: skip
        if term is not None:
            yield term
        i += max(n, 1)
