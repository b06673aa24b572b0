"""When two cluster records are one real cluster.

The registry names a cluster "Jute Cluster" at Bagulamari, Dhubri; a document calls it
"Bogulamari Jute Cluster, Dhubri". They are one cluster when

- they lie in the same district (the caller compares places; see ingest/pipeline.py),
- they make the same or a related product by the product thesaurus (kb/products.py), and
- what is left of their names once the product's words, place names of the district and state,
  and generic words ("cluster", "common facility centre") are taken out is the same name up to
  a spelling variant (a similarity of at least `SPELLING` of 100), or is empty in both.

Two clusters of one product in the same district under two place names ("Santipur Handloom
Cluster", "Phulia Handloom Cluster") stay two; so do a district-wide name and a named place
("Nadia Handloom Cluster" against "Phulia Handloom Cluster"), which may or may not be one.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from kb.products import GENERIC, Thesaurus, stem, words

SPELLING = 85.0  # rapidfuzz ratio: "bagulamari"/"bogulamari" 90, "rampur"/"raipur" 83


def _residue(name: str, product_stems: set[str], places: frozenset[str]) -> str:
    return " ".join(
        w for w in words(name)
        if w not in GENERIC and w not in places and stem(w) not in product_stems
    )  # fmt: skip


def same_cluster(
    th: Thesaurus,
    a: tuple[str, str | None],
    b: tuple[str, str | None],
    places: frozenset[str] = frozenset(),
) -> bool:
    """Whether clusters `a` and `b`, each (name, product or None), known to lie in the same
    district, are one cluster; `places` are the words of that district's and state's names.
    A cluster with no product stands by its name ("Bogulamari Jute Cluster")."""
    ka = th.key(a[1] or a[0], places)
    kb = th.key(b[1] or b[0], places)
    if th.relation(ka, kb) is None:
        return False
    product_stems = {stem(w) for text in (a[1], b[1]) if text for w in words(text)}
    product_stems |= ka.main & kb.main  # the product words the two names share
    ra = _residue(a[0], product_stems, places)
    rb = _residue(b[0], product_stems, places)
    if not ra or not rb:
        return not ra and not rb
    return fuzz.ratio(ra, rb) >= SPELLING
