"""Which products are the same thing, or related: a product's key words and its broader concept.

Product names come from many hands — the ODOP list ("Moradabad Metal Craft"), the cluster
registry ("Brass and bronze utensils"), documents ("Bag Cluster") — so two names of one product
rarely match as strings. A product's *key* is the set of its content-word stems (place names and
generic words such as "cluster", "products", "items" left out), with the concepts of the terms
in `products.csv` it contains ("foxnut" -> makhana). Its *main* words leave out a parenthesis
that lists several things, which gives examples, not the product ("Clay products (kulhads,
cups, glasses)" makes clay ware, not glass); a parenthesis naming one thing is a gloss and
counts ("Makhana (Foxnut)", "Basmati (Rice)"). Its *head* is what is made: its main words
without modifiers — colours and qualities such as "green", "black", "organic", "fresh"
(`modifier` rows in `products.csv`), which say what a product is like, not what it is. Two
products are

- the **same** when they share a head word and their main words overlap by half or one holds
  the other's ("Handloom" and "Handloom fabrics (natural dyes)"; "Makhana" and "foxnut
  processing"; not "Green Dates" and "Green Yarn", which share only a modifier);
- **related** when one's broader concept is in the other's main words or broader set ("Brass"
  and "Metal Craft": brass is a metal craft in `products.csv`).

The thesaurus is data (`kb/products.csv`: term, concept, same|narrower, note); adding a row is
how a new synonym is taught, never a rule in code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TERMS_FILE = Path(__file__).with_name("products.csv")

# Words that say nothing about what is made.
GENERIC = frozenset(
    """cluster clusters product products item items industry industries industrial making make
    manufacturing manufacture manufacturers unit units and of the a an for in with based allied
    other others etc work works craft crafts art arts related value addition processing processed
    goods materials material traditional village rural micro small mega common facility centre
    center cfc upgradation up gradation development project scheme natural""".split()
)


def stem(word: str) -> str:
    """A crude English stem: enough to make 'utensils'/'utensil', 'weavers'/'weaving' agree.
    Final 'e's go too, so that a plural in '-es' meets its singular ('textiles'/'textile',
    'sarees'/'saree', 'pulses'/'pulse' all lose them)."""
    w = word.lower()
    for suffix in ("ings", "ing", "ers", "er", "ies", "es", "s"):
        if len(w) - len(suffix) >= 3 and w.endswith(suffix) and not w.endswith("ss"):
            w = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    bare = w.rstrip("e")
    return bare if len(bare) >= 2 else w


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower().replace("&", " and "))


_LIST_IN_PARENS = re.compile(r"\([^()]*,[^()]*\)?")  # "(kulhads, cups, glasses)": examples


@dataclass(frozen=True)
class ProductKey:
    key: frozenset[str]  # content-word stems and same-as concepts, parentheses included
    broader: frozenset[str]  # concepts the product's head is a narrower kind of
    main: frozenset[str] = frozenset()  # the key's words and concepts outside parentheses
    head: frozenset[str] = frozenset()  # what is made: the main words but modifiers

    def __bool__(self) -> bool:
        return bool(self.key or self.broader)

    def __hash__(self) -> int:
        """The fields' hash, worked out once: keys are looked up millions of times in
        Thesaurus.relation's cache when every ODOP pair is planned."""
        h: int | None = self.__dict__.get("_hash")
        if h is None:
            h = hash((self.key, self.broader, self.main, self.head))
            object.__setattr__(self, "_hash", h)
        return h


class Thesaurus:
    """Product terms and their concepts (kb/products.csv), and the keys built from them."""

    def __init__(self, rows: list[tuple[str, str, str]]):
        # words that say what a product is like, not what it is ("green", "organic")
        self.modifiers = frozenset(
            stem(w) for t, _, rel in rows if rel == "modifier" for w in words(t)
        )
        rows = [r for r in rows if r[2] != "modifier"]
        # every concept is also a term for itself; longest terms first ("bell metal", "metal")
        rows = rows + [(c, c, "same") for c in {c for _, c, _ in rows}]
        # terms are matched by their words' stems ("pulse" meets the term "pulses")
        self.terms = sorted(
            {
                (tuple(stem(w) for w in words(t)), concept, rel)
                for t, concept, rel in rows
                if words(t)
            },  # fmt: skip
            key=lambda r: -len(r[0]),
        )

    @classmethod
    def load(cls, path: Path = TERMS_FILE) -> Thesaurus:
        with path.open(encoding="utf-8", newline="") as f:
            rows = [
                (r["term"], r["concept"], r["relation"].strip() or "same")
                for r in csv.DictReader(f)
                if (r.get("term") or "").strip() and (r.get("concept") or "").strip()
            ]
        return cls(rows)

    def key(self, text: str, leave_out: frozenset[str] = frozenset()) -> ProductKey:
        """The key of a product name; `leave_out` holds words to ignore (its place names)."""

        def content(part: str) -> list[str]:
            return [w for w in words(part) if w not in leave_out]

        def stems(toks: list[str]) -> set[str]:
            return {stem(w) for w in toks if w not in GENERIC and len(w) > 1}

        outer = _LIST_IN_PARENS.sub(" , ", text)
        if not stems(content(outer)):  # nothing but the examples
            outer = text
        toks = content(text)
        key = stems(toks)
        main = stems(content(outer))
        broader: set[str] = set()
        same: set[str] = set()  # concepts of "same" terms, in the key
        same_main: set[str] = set()  # ... and in the main words
        covered: set[str] = set()  # the words of those terms: their concept stands for them
        joined = f" {' '.join(stem(w) for w in toks)} "
        joined_main = f" {' '.join(stem(w) for w in content(outer))} "
        for term, concept, rel in self.terms:
            phrase = f" {' '.join(term)} "
            if phrase in joined:  # a whole-word phrase
                concept_key = "_".join(words(concept))
                if rel != "same":
                    broader.add(concept_key)
                    continue
                same.add(concept_key)
                covered |= set(term)
                if phrase in joined_main:
                    same_main.add(concept_key)
        # "Foundry" and "Metal Casting" are one concept each, not a word and its concept
        key = (key - covered) | same
        main = (main - covered) | same_main
        head = main - self.modifiers
        # a narrower term names its concept only through `broader`
        return ProductKey(frozenset(key), frozenset(broader - key), frozenset(main),
                          frozenset(head or main))  # fmt: skip

    @lru_cache(maxsize=200_000)  # noqa: B019 - one thesaurus per process, keys are small
    def relation(self, a: ProductKey, b: ProductKey) -> str | None:
        """'same', 'related' or None."""
        x, y = a.main, b.main
        if a.head & b.head:  # a shared modifier alone ("green") makes nothing the same
            common = len(x & y)
            if x <= y or y <= x or common * 2 >= max(len(x), len(y)):
                return "same"
        if (a.broader & (b.main | b.broader)) or (b.broader & (a.main | a.broader)):
            return "related"
        return None


@lru_cache(maxsize=1)
def thesaurus() -> Thesaurus:
    return Thesaurus.load()


def place_words(*names: str) -> frozenset[str]:
    """The words of place names, to leave out of a product key ('Moradabad Metal Craft')."""
    return frozenset(w for n in names for w in words(n) if w not in GENERIC)


def product_words(th: Thesaurus, names: list[tuple[str, frozenset[str]]]) -> frozenset[str]:
    """The stems of the words that name products: of each (product name, its place words)
    given — e.g. the ODOP list's products, its districts' and states' names left out — and of
    the thesaurus's terms."""
    known = {stem(w) for name, places in names for w in words(name) if w not in places}
    known |= {w for term, _, _ in th.terms for w in term}
    return frozenset(known - {stem(w) for w in GENERIC})


def product_of_name(name: str, leave_out: frozenset[str], known: frozenset[str]) -> str:
    """What a cluster called `name` makes, when nothing else says: its name without its place
    words and "cluster", and of what is left the words that name products (`known`,
    product_words) and generic ones, when any names a product. A document's "Kangeyam Coir
    Cluster" placed in its state only makes coir: "Kangeyam" is no product word (it is a town
    the KB does not know)."""
    kept = [w for w in name.split() if not (set(words(w)) <= leave_out | {"cluster"})]
    if not any(stem(x) in known for w in kept for x in words(w)):
        return " ".join(kept) or name
    # generic words stay ("Food Processing"): they name no place, and say how it is made
    named = [w for w in kept if all(stem(x) in known or x in GENERIC for x in words(w))]
    return " ".join(named)
