"""One node per real cluster: the rule that says two cluster records are one (kb/identity.py)."""

import pytest

from kb.identity import same_cluster
from kb.products import place_words, thesaurus

DHUBRI = place_words("Dhubri", "Assam")
NADIA = place_words("Nadia", "West Bengal")


@pytest.mark.parametrize(
    ("a", "b", "places", "one"),
    [
        # the registry's row and a document's name with a spelling variant: one cluster
        (("Bagulamari Jute Cluster", "Jute products"), ("Bogulamari Jute Cluster", None),
         DHUBRI, True),
        (("Santipur Handloom Cluster", None), ("Santhipur Handloom Cluster", None), NADIA, True),
        (("Dhubri Jute Cluster", "Jute"), ("Jute Cluster", "Jute products"), DHUBRI, True),
        # two places in one district: two clusters
        (("Santipur Handloom Cluster", None), ("Phulia Handloom Cluster", None), NADIA, False),
        (("Rampur Pottery Cluster", "Pottery"), ("Raipur Pottery Cluster", "Pottery"),
         frozenset(), False),
        # the same place, another product: two clusters
        (("Bagulamari Jute Cluster", "Jute products"), ("Bagulamari Bamboo Cluster", None),
         DHUBRI, False),
        # a district-wide name and a named place may or may not be one: kept apart
        (("Nadia Handloom Cluster", None), ("Phulia Handloom Cluster", None), NADIA, False),
    ],
)  # fmt: skip
def test_same_cluster(
    a: tuple[str, str | None], b: tuple[str, str | None], places: frozenset[str], one: bool
) -> None:
    th = thesaurus()
    assert same_cluster(th, a, b, places) is one
    assert same_cluster(th, b, a, places) is one
