"""Schemes for individual people are told apart from cluster funding by their own data
(kb/eligibility.py for_individuals, terms in kb/beneficiaries.csv)."""

from typing import Any

import pytest

from kb.eligibility import for_individuals
from kb.store.base import Node


def scheme(name: str, **attrs: Any) -> Node:
    return Node("scheme:x", "Scheme", name, attrs, [], [])


@pytest.mark.parametrize(
    ("name", "attrs", "individual"),
    [  # myScheme records as bundled (type, beneficiary, details)
        ("Revised Education Scheme For Children Of Artisans/Weavers",
         {"scheme_type": "Scholarship", "beneficiary": "Children of Artisans/Weavers"}, True),
        ("West Bengal Artisans Financial Benefit Scheme 2024",
         {"scheme_type": "Grant", "beneficiary": "Individual handicrafts artisans"}, True),
        ("Insurance Scheme For Artisans", {"scheme_type": "Insurance", "beneficiary": "Artisans"},
         True),
        ("Pradhan Mantri Formalisation Of Micro Food Processing Enterprises",
         {"scheme_type": "Credit Linked Subsidy", "beneficiary": "Micro Food Processing Enterprises"},
         False),
        ("Chief Minister's Micro Finance Initiative",
         {"scheme_type": "Financial Assistance",
          "beneficiary": "Farmers, Entrepreneurs, Self Help Groups, Farmer Producer Organizations"},
         False),  # groups are named too
        ("Scheme of Fund for Regeneration of Traditional Industries",
         {"scheme_type": "Grant", "beneficiary": "Traditional industry artisans",
          "details": "organise artisans into clusters with common facility centres"},
         False),  # people, but its own words fund clusters
        ("Micro and Small Enterprises Cluster Development Programme", {}, False),  # no record
    ],
)  # fmt: skip
def test_for_individuals(name: str, attrs: dict[str, Any], individual: bool) -> None:
    why = for_individuals(scheme(name, **attrs))
    assert (why is not None) is individual
    if why:
        assert attrs["scheme_type"] in why or attrs["beneficiary"] in why  # it says why
