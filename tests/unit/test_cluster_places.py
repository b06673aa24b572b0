"""Where a described cluster is and what it makes, read off the parse in shapes real pages use
(ingest/clusters.py), and the other spellings of a district's name (ingest/places.py). The
sentences are written for these tests; the gazetteer is hand-made."""

from __future__ import annotations

from ingest.clusters import (
    document_product,
    elided_clusters,
    listed_clusters,
    served_workers,
    units_in_places,
)
from ingest.places import direction_variants
from kb import nlp
from tests.unit.places_stub import described, place_kinds

DISTRICTS = {"Sonbhadra", "Bhojpur", "Purnia", "Nadia", "Hooghly", "Gaya"}


place_kind = place_kinds(DISTRICTS)


def _described(text: str) -> list[tuple[str, str, str | None]]:
    return described(text, place_kind)


def test_a_place_put_first_is_the_clusters_place() -> None:
    text = "In Sonbhadra, a stone cluster is being set up for the quarry workers."
    assert _described(text) == [("stone", "Sonbhadra", "district:sonbhadra")]


def test_a_cluster_inside_the_phrase_of_a_verbs_subject_takes_the_verbs_place() -> None:
    text = "A workshed in brass utensil cluster has been sanctioned at Hajipur in Gaya district."
    assert _described(text) == [("brass utensil", "Hajipur", "district:gaya")]


def test_a_town_takes_the_district_written_after_it() -> None:
    text = "A jute cluster will be developed in Chinsurah at Hooghly next year."
    assert _described(text) == [("jute", "Chinsurah", "district:hooghly")]


def test_the_place_after_an_insertion_is_the_clusters() -> None:
    text = "The state will set up a bamboo cluster, including a drying yard, in Purnia district."
    assert _described(text) == [("bamboo", "Purnia", "district:purnia")]


def test_a_participle_before_cluster_is_part_of_the_product() -> None:
    text = "They are planning a rice processing cluster at Bhojpur."
    assert _described(text) == [("rice processing", "Bhojpur", "district:bhojpur")]


def test_a_cluster_with_only_qualifying_words_leaves_the_product_to_the_document() -> None:
    assert _described("The upcoming cluster at Bhojpur needs land.") == [
        ("", "Bhojpur", "district:bhojpur")
    ]
    # a kind of cluster or several clusters are still no specific cluster
    assert _described("A mega cluster at Bhojpur was announced.") == []
    assert _described("The upcoming clusters at Bhojpur need land.") == []


def test_places_listed_for_a_verb_of_plural_clusters_with_names_passed_over() -> None:
    text = (
        "These clusters have been approved for Arrah in Bhojpur district, Kasba in Purnia "
        "district, Sri Durga Weavers' Cooperative Society Ltd, Ranaghat in Nadia district, "
        "Kalna in Unknownpur district, Shantipur in Nadia district."
    )
    found = [(d.place, d.place_id) for d in listed_clusters(text, place_kind, nlp.parse(text))]
    assert found == [
        ("Arrah", "district:bhojpur"),
        ("Kasba", "district:purnia"),
        ("Ranaghat", "district:nadia"),
        ("Kalna", None),  # its district unknown: the list goes on past it
        ("Shantipur", "district:nadia"),
    ]


def test_a_product_always_written_after_the_same_word_is_named_with_it() -> None:
    texts = ["The bicycle parts industry is old.", "Many bicycle parts clusters exist."]
    assert document_product(texts) == "bicycle parts"
    texts = ["The brass industry is old.", "Cast brass and sheet brass clusters exist."]
    assert document_product(texts) == "brass"  # written after different words
    assert document_product(["The approved clusters and the approved industry."]) is None


def test_a_districts_direction_word_in_either_place_and_language_and_old_spellings() -> None:
    found = direction_variants("Champaran West", {"champaran": "Champaron"})
    for name in ("West Champaran", "Paschim Champaran", "West Champaron", "Champaron West"):
        assert name in found
    assert "Champaran West" not in found  # the name itself
    assert direction_variants("North East") == []  # no stem to turn around
    assert direction_variants("Purnia") == []
    assert "Rangareddy" in direction_variants("Ranga Reddy")  # two words written as one


def test_a_number_opening_a_sentence_stands_for_the_clusters_before() -> None:
    before = "The district now has five bamboo clusters."
    text = "Two, at Arrah and Kasba, were opened last year."
    assert elided_clusters(text, before)
    found = listed_clusters(text, place_kind, nlp.parse(text), elided=True)
    assert [d.place for d in found] == ["Arrah", "Kasba"]
    assert not elided_clusters(text, "The district now has five bamboo units.")
    assert not elided_clusters("At Arrah, two were opened.", before)


def test_the_sector_a_cfc_is_in_stands_for_its_cluster() -> None:
    text = "The new CFC in the bell metal sector will come up in Bhojpur in May."
    assert _described(text) == [("bell metal", "Bhojpur", "district:bhojpur")]
    # a sector with no facility is no cluster
    assert _described("Jobs in the bell metal sector will come up in Bhojpur.") == []


def test_clusters_listed_with_the_cluster_word_left_out_are_each_described() -> None:
    text = (
        "The board has set up a bamboo cluster in Gaya district, pottery in Nadia, "
        "and cane furniture and handloom weaving in Purnia."
    )
    assert _described(text) == [
        ("bamboo", "Gaya", "district:gaya"),
        ("pottery", "Nadia", "district:nadia"),
        ("cane furniture", "Purnia", "district:purnia"),
        ("handloom weaving", "Purnia", "district:purnia"),
    ]


def test_an_elided_list_item_keeps_its_hyphen_and_takes_a_town() -> None:
    text = "A coir cluster came up in Bhojpur, zari-zardosi in Hajipur and brass in Hooghly."
    assert _described(text) == [
        ("coir", "Bhojpur", "district:bhojpur"),
        ("zari-zardosi", "Hajipur", None),
        ("brass", "Hooghly", "district:hooghly"),
    ]


def test_people_or_units_after_a_clusters_place_are_no_cluster() -> None:
    text = "A jute cluster in Nadia, weavers in Gaya and units in Purnia met the officials."
    assert _described(text) == [("jute", "Nadia", "district:nadia")]


def test_a_cluster_word_qualifying_its_ground_takes_the_place_of_that_ground() -> None:
    # the villages (or area) of the cluster head the phrase; "near" places it by a district
    text = "The trust trains weavers in the silk cluster villages near Purnia, Bihar since 2015."
    assert _described(text) == [("silk", "Purnia", "district:purnia")]
    text = "The brass cluster area in Gaya has about 400 units."
    assert _described(text) == [("brass", "Gaya", "district:gaya")]
    # a programme near a place is no cluster there
    assert _described("A cluster development programme near Gaya was discussed.") == []


def test_workers_given_a_schemes_support_in_named_places_are_groups_by_district() -> None:
    text = (
        "The Board distributed 60 electric wheels among the village potters of Kuchera, "
        "Nimbi and Ladpur (Purnia), Dhamdaha (Gaya district) and Sarwan of Bihar last week."
    )
    found = served_workers(text, place_kind, nlp.parse(text))
    assert [(d.product, d.place, d.place_id) for d in found] == [
        ("pottery", "Kuchera", "district:purnia"),
        ("pottery", "Dhamdaha", "district:gaya"),
        ("pottery", "Sarwan", None),
    ]
    # workers named with no support given, or no place, are no group
    said = "The village potters of Kuchera and Nimbi (Purnia) make water pots."
    assert served_workers(said, place_kind, nlp.parse(said)) == []
    many = "The Board distributed 60 electric wheels to potters across the state."
    assert served_workers(many, place_kind, nlp.parse(many)) == []


def test_units_placed_in_named_places_are_a_group_by_district() -> None:
    text = "Forty women set up their own incense manufacturing units in Kuchera area last year."
    found = units_in_places(text, place_kind, nlp.parse(text))
    assert [(d.product, d.place) for d in found] == [("incense", "Kuchera")]
    text = "About 220 units are operational in Kuchera, Nimbi, Ladpur villages of Purnia district."
    found = units_in_places(text, place_kind, nlp.parse(text))
    assert [(d.product, d.place, d.place_id) for d in found] == [("", "Kuchera", "district:purnia")]
    # units in no place, or a place that is not where they work, are no group
    text = "About 1625 units will be set up in 31 clusters of the state."
    assert units_in_places(text, place_kind, nlp.parse(text)) == []
    text = "The units sell in Purnia."
    assert units_in_places(text, place_kind, nlp.parse(text)) == []


def test_items_after_a_cluster_whose_product_is_in_capitals_may_be_in_capitals_too() -> None:
    text = (
        "A Kani Shawl cluster was set up at Mandibal, Sozni at Batapora and Willow Wicker "
        "at Kachari."
    )
    assert _described(text) == [
        ("Kani Shawl", "Mandibal", None),
        ("Sozni", "Batapora", None),
        ("Willow Wicker", "Kachari", None),
    ]
    # a person at a place is no product; nor is a product in capitals after one in lower
    # case
    assert _described("A Carpet cluster is at Kachari, Mr Sharma at Batapora said.") == [
        ("Carpet", "Kachari", None)
    ]
    assert _described("A carpet cluster is at Kachari, Sozni at Batapora.") == [
        ("carpet", "Kachari", None)
    ]


def test_a_place_after_a_capitalised_clusters_place_by_another_preposition_is_no_item() -> None:
    text = "The Water Hyacinth cluster at Bhagabatipur, Ahmedpur in Nadia will get a CFC."
    assert [p for _, p, _ in _described(text)] == ["Bhagabatipur"]
