"""How words sound: Devanagari and romanised names compared by their consonants and by a rough
spelling ("दरभंगा" and "Darbhanga" -> "drbng"; "पटना" -> "patna", nearer "Patna" than "Patan").
Used to read Hindi documents (ingest/hindi.py) and to match a question's romanised names with
the Hindi words of the documents (kb/qa.py)."""

from __future__ import annotations

import re
import unicodedata

DEVANAGARI = re.compile(r"[\u0900-\u0963\u0966-\u097F]")
DEVANAGARI_WORD = re.compile(r"[\u0900-\u0963\u0966-\u097F]+")
NUKTA, VIRAMA, ANUSVARA, CHANDRABINDU = "\u093c", "\u094d", "\u0902", "\u0901"

_CONSONANTS = dict(
    zip(
        "कखगघङचछजझञटठडढणतथदधनपफबभमयरलळवशषसह",
        "k k g g n c c j j n t t d d n t t d d n p f b b m y r l l v s s s".split() + [""],
        strict=True,
    )
)
_WITH_NUKTA = {"ड": "r", "ढ": "r", "फ": "f", "ज": "j", "क": "k", "ख": "k", "ग": "g", "य": "y"}
PRECOMPOSED = {"\u0958": "क", "\u0959": "ख", "\u095a": "ग", "\u095b": "ज", "\u095c": "ड",
                "\u095d": "ढ", "\u095e": "फ", "\u095f": "य"}  # fmt: skip
_VOWELS = set("अआइईउऊऋएऐओऔऍऑ")


def skeleton(word: str) -> str:
    """The consonants of a Devanagari word as Latin letters: 'दरभंगा' -> 'drbng'."""
    w = unicodedata.normalize("NFC", word)
    w = "".join(PRECOMPOSED.get(c, c) + (NUKTA if c in PRECOMPOSED else "") for c in w)
    out: list[str] = []
    for i, c in enumerate(w):
        nukta = i + 1 < len(w) and w[i + 1] == NUKTA
        if c in _CONSONANTS:
            out.append(_WITH_NUKTA.get(c, _CONSONANTS[c]) if nukta else _CONSONANTS[c])
        elif c in _VOWELS:
            out.append("r" if c == "ऋ" else "a" if i == 0 else "")
        elif c == ANUSVARA:
            out.append("n")
    return _tidy("".join(out))


def latin_skeleton(word: str) -> str:
    """The consonants of a romanised word as `skeleton` writes them: 'Darbhanga' -> 'drbng'."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return ""
    first = "a" if w[0] in "aeiou" else ""
    for a, b in (("tion", "shon"), ("ngh", "n"), ("chh", "C"), ("ch", "C"), ("sh", "s"), ("ph", "f"), ("kh", "k"), ("gh", "g"),
                 ("jh", "j"), ("th", "t"), ("dh", "d"), ("bh", "b"), ("ck", "k"), ("c", "k"),
                 ("C", "c"), ("x", "ks"), ("q", "k"), ("z", "j"), ("w", "v")):  # fmt: skip
        w = w.replace(a, b)
    return _tidy(first + re.sub(r"[aeiouh]", "", w[1:] if first else w))


def _tidy(s: str) -> str:
    s = s.replace("y", "")  # a glide Hindi writes and romanised names leave out ("Ludhiana")
    s = re.sub(r"m(?=[bp])", "n", s)  # "Sambalpur", "संबलपुर"
    return re.sub(r"(.)\1+", r"\1", s)  # "Muzaffarpur", "मुजफ्फरपुर"


_SPOKEN = dict(
    zip("खघचछझठढथधफभशषह", "kh gh ch chh jh th dh th dh ph bh sh sh h".split(), strict=True)
)
_MATRAS = dict(zip("ािीुूेैोौृॅॉ", "a i i u u e ai o au ri e o".split(), strict=True))


def romanised(word: str) -> str:
    """A rough reading of a Devanagari word in Latin letters, to choose between names of the
    same skeleton: 'पटना' -> 'patna' (the final and the medial unspoken "a" left out) is
    nearer 'Patna' than 'Patan'."""
    w = unicodedata.normalize("NFD", word).replace("ड" + NUKTA, "र").replace("ढ" + NUKTA, "र")
    w = unicodedata.normalize("NFC", w.replace(NUKTA, ""))
    out: list[str] = []
    syllables = 0
    for i, c in enumerate(w):
        nxt = w[i + 1] if i + 1 < len(w) else ""
        after = w[i + 2] if i + 2 < len(w) else ""
        if c in _CONSONANTS:
            out.append(_SPOKEN.get(c, _CONSONANTS[c]))
            # the inherent "a": not before a vowel sign or a virama, not at the end, and not
            # in the middle before a consonant that has a vowel sign of its own ("पटना")
            spoken = nxt not in _MATRAS and nxt != VIRAMA and nxt != ""
            if spoken and syllables and nxt in _CONSONANTS and after in _MATRAS:
                spoken = False
            if spoken:
                out.append("a")
            syllables += 1
        elif c in _MATRAS:
            out.append(_MATRAS[c])
        elif c in _VOWELS:
            out.append("a" if c in "अआ" else "i" if c in "इई" else "u" if c in "उऊ" else "e")
            syllables += 1
        elif c == ANUSVARA:
            out.append("n")
    return "".join(out)


def sounds_of(text: str) -> frozenset[str]:
    """The consonant skeletons of a text's Devanagari words (none for a text in English)."""
    return frozenset(skeleton(w) for w in DEVANAGARI_WORD.findall(text))


def sounds_like(name: str, sounds: frozenset[str]) -> bool:
    """Whether every word of a romanised name, of four letters or more, sounds like one of
    `sounds` ("Chandwa" and "चंदवा"): a name a question spells in Latin letters is present in
    a Hindi text."""
    words = name.split()
    return bool(words) and all(len(w) >= 4 and latin_skeleton(w) in sounds for w in words)


def spelling(name: str) -> str:
    """A romanised name as compared: 'Muzaffarpur' and 'mujaphpharpur' -> 'mujafarpur'."""
    w = re.sub(r"[^a-z ]", "", name.lower())
    for a, b in (
        ("ngh", "nh"),
        ("ph", "f"),
        ("z", "j"),
        ("w", "v"),
        ("q", "k"),
        ("x", "ks"),
        ("ee", "i"),
        ("oo", "u"),
        ("chh", "ch"),
        ("c(?!h)", "k"),
        ("au", "o"),
        ("ai", "e"),
        (r"e\b", ""),
    ):  # fmt: skip  "Indore", "इंदौर" -> "indor"
        w = re.sub(a, b, w)
    return re.sub(r"([a-z])\1+", r"\1", w)
