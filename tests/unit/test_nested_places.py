"""Places a news item nests in phrases: a village named by "of" inside the verb's place ("in the
serene confines of Halli Village"), and the district reached down an address through an
article ("Halli Village in the Koram block of Madurai"); on sentences written for these tests
(ingest/clusters.py `_named_place`, `_town_district`)."""

from __future__ import annotations

from tests.unit.places_stub import described, place_kinds

place_kind = place_kinds({"Madurai", "Karur"})


def test_a_village_named_by_of_inside_the_place_phrase() -> None:
    text = (
        "The society establishes a Common Facility Centre (CFC) in the quiet confines of Halli "
        "Village, engaging 300 artisans."
    )
    assert described(text, place_kind) == [("", "Halli", None)]
    # a plain common noun after "of" names no place
    text = "The society establishes a Common Facility Centre (CFC) in the middle of nowhere."
    assert described(text, place_kind) == []


def test_the_district_down_an_address_with_articles() -> None:
    text = "The society establishes a common facility centre in Halli Village in the Koram block of Madurai."
    assert described(text, place_kind) == [("", "Halli", "district:madurai")]
    text = (
        "The society establishes a Common Facility Centre (CFC) in the quiet confines of Halli "
        "Village in the Koram block of Karur, engaging 300 artisans."
    )
    assert described(text, place_kind) == [("", "Halli", "district:karur")]


def test_a_verb_after_to_is_no_product_of_the_document() -> None:
    from ingest.clusters import document_product

    assert (
        document_product(["The scheme stands as an effort to foster cluster development."]) is None
    )
    texts = ["It aims to foster cluster growth.", "The coir cluster at Kalur has 300 units."]
    assert document_product(texts) == "coir"


def test_a_lower_case_description_with_its_district_in_apposition() -> None:
    text = "The brass lamp cluster, Karur, has 300 units and a common facility centre."
    assert described(text, place_kind) == [("brass lamp", "Karur", "district:karur")]
    # a list of places after the comma is no apposition
    assert described("The textile cluster, Karur, Madurai and Salem have grown.", place_kind) == []


def test_a_cluster_said_to_be_a_kind_of_cluster_is_no_second_cluster() -> None:
    text = "The brass lamp cluster, Karur, is a federation driven cluster."
    assert described(text, place_kind) == [("brass lamp", "Karur", "district:karur")]
