"""Which products are the same thing, or related: a product's key words and its broader concept.

Product names come from many hands — the ODOP list ("Moradabad Metal Craft"), the cluster
registry ("Brass and bronze utensils"), documents ("Bag Cluster") — so two names of one product
rarely match as strings. A product's *key* is the set of its content-word stems (place names and
generic words such as "cluster", "products", "items" left out), with the concepts of the terms
in `products.csv` it contains ("foxnut" -> makhana). Two products are

- the **same** when their keys overlap by half or one contains the other ("Handloom" and
  "Handloom fabrics (natural dyes)"; "Makhana" and "foxnut processing");
- **related** when one's broader concept is in the other's key or broader set ("Brass" and
  "Metal Craft": brass is a metal craft in `products.csv`).

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
    """A crude English stem: enough to make 'utensils'/'utensil', 'weavers'/'weaving' agree."""
    w = word.lower()
    for suffix in ("ings", "ing", "ers", "er", "ies", "es", "s"):
        if len(w) - len(suffix) >= 3 and w.endswith(suffix) and not w.endswith("ss"):
            w = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return w


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower().replace("&", " and "))


@dataclass(frozen=True)
class ProductKey:
    key: frozenset[str]  # content-word stems and same-as concepts
    broader: frozenset[str]  # concepts the product is a narrower kind of

    def __bool__(self) -> bool:
        return bool(self.key or self.broader)


class Thesaurus:
    """Product terms and their concepts (kb/products.csv), and the keys built from them."""

    def __init__(self, rows: list[tuple[str, str, str]]):
        # every concept is also a term for itself; longest terms first ("bell metal", "metal")
        rows = rows + [(c, c, "same") for c in {c for _, c, _ in rows}]
        self.terms = sorted(
            {(tuple(words(t)), concept, rel) for t, concept, rel in rows if words(t)},
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
        toks = [w for w in words(text) if w not in leave_out]
        key = {stem(w) for w in toks if w not in GENERIC and len(w) > 1}
        broader: set[str] = set()
        joined = f" {' '.join(toks)} "
        for term, concept, rel in self.terms:
            if f" {' '.join(term)} " in joined:  # a whole-word phrase
                concept_key = "_".join(words(concept))
                (key if rel == "same" else broader).add(concept_key)
        # a narrower term names its concept only through `broader`
        return ProductKey(frozenset(key), frozenset(broader - key))

    @lru_cache(maxsize=200_000)  # noqa: B019 - one thesaurus per process, keys are small
    def relation(self, a: ProductKey, b: ProductKey) -> str | None:
        """'same', 'related' or None."""
        if a.key and b.key:
            common = len(a.key & b.key)
            if common and (
                a.key <= b.key or b.key <= a.key or common * 2 >= max(len(a.key), len(b.key))
            ):
                return "same"
        if (a.broader & (b.key | b.broader)) or (b.broader & (a.key | a.broader)):
            return "related"
        return None


@lru_cache(maxsize=1)
def thesaurus() -> Thesaurus:
    return Thesaurus.load()


def place_words(*names: str) -> frozenset[str]:
    """The words of place names, to leave out of a product key ('Moradabad Metal Craft')."""
    return frozenset(w for n in names for w in words(n) if w not in GENERIC)
