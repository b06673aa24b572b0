"""Clusters named by their places alone, and a state heading a cluster's name
(ingest/clusters.py), on sentences written for these tests with a hand-made gazetteer."""

from __future__ import annotations

from ingest.clusters import (
    described_clusters,
    document_product,
    elided_clusters,
    headline_product,
    listed_clusters,
)
from kb import nlp
from tests.unit.places_stub import described, listed, place_kinds

DISTRICTS = {"Hardoi", "Hassan", "Khurja", "Moradabad", "Alappuzha", "Sant Ravidas Nagar"}
STATES = {"Uttar Pradesh", "Karnataka", "Kerala"}


place_kind = place_kinds(DISTRICTS, STATES)


def _listed(text: str) -> list[tuple[str, str, str | None]]:
    return listed(text, place_kind)


def test_the_places_a_copula_lists_for_plural_clusters_each_with_its_qualifier() -> None:
    text = "The five clusters in the State are Khurja, Moradabad and Kotwa (Hardoi district)."
    assert _listed(text) == [
        ("Khurja", "district", "district:khurja"),
        ("Moradabad", "district", "district:moradabad"),
        ("Kotwa", "town", "district:hardoi"),
    ]


def test_a_list_after_viz_keeps_each_places_state_and_a_town_before_its_district() -> None:
    text = (
        "The agency works in two clusters in the South viz. Belur in Karnataka & Kotwa Hardoi "
        "in Uttar Pradesh."
    )
    assert _listed(text) == [
        ("Belur", "town", "state:karnataka"),
        ("Kotwa", "town", "district:hardoi"),
    ]


def test_a_plural_cluster_word_with_its_product_is_no_list_of_places() -> None:
    assert _listed("Brass clusters at Khurja and Moradabad were visited.") == []
    assert _listed("The clusters are doing well this year.") == []


def test_the_documents_product_is_the_word_that_leads_before_cluster_sector_industry() -> None:
    texts = [
        "The coir industry grew.",
        "Nine clusters for coir sector.",
        "Other Coir Industries too.",
    ]
    assert document_product(texts) == "coir"
    assert document_product(["The handloom clusters and handlooms sector."]) == "handloom"
    assert document_product(["The brass industry and the pottery sector."]) is None  # a tie
    assert document_product(["These clusters are new."]) is None


def test_a_state_heading_a_cluster_name_in_a_table_row_is_no_part_of_the_name() -> None:
    text = "1. Kerala Coir Mat Cluster, Alappuzha 2. Karnataka Silk Cluster, Hassan"
    found = described_clusters(text, place_kind, nlp.parse(text))
    assert [(d.product, d.place) for d in found] == [("Coir Mat", "Alappuzha"), ("Silk", "Hassan")]


def test_a_clause_after_the_last_item_of_a_list_is_no_part_of_its_name() -> None:
    from ingest.mentions import pattern_mentions

    text = (
        "Weavers will be trained at four silk clusters - Kalur, Melur, Tenur and Varur in "
        "Madurai district to promote the silk industry."
    )
    listed = [m.name for m in pattern_mentions(text) if m.how == "list"]
    assert listed == ["Kalur", "Melur", "Tenur", "Varur"]
    text = "Banks like Canara Bank and Vela Bank to lend more."
    listed = [m.name for m in pattern_mentions(text) if m.how == "list"]
    assert listed == ["Canara Bank", "Vela Bank"]


def test_a_place_after_a_lists_last_cluster_places_each_listed_cluster() -> None:
    from ingest.relations import relations_of
    from ingest.units import Entity, Sentence

    def located(text: str, clusters: list[str], place: str) -> set[tuple[str, str]]:
        s = Sentence(0, text, text)
        for name in clusters:
            start = text.index(name)
            s.entities.append(Entity(f"cluster:{name}", "Cluster", name, start, start + len(name)))
        start = text.index(place)
        s.entities.append(Entity("district:madurai", "District", place, start, start + len(place)))
        return {(src, tgt) for _, src, rel, tgt, _, _ in relations_of([s], {"title": "x"})
                if rel == "LOCATED_IN"}  # fmt: skip

    text = "Training at four clusters - Kalur, Melur, Tenur and Varur in Madurai district."
    assert located(text, ["Kalur", "Melur", "Tenur", "Varur"], "Madurai") == {
        (f"cluster:{c}", "district:madurai") for c in ("Kalur", "Melur", "Tenur", "Varur")
    }
    # a cluster with a place of its own keeps it; the list's place is the last item's then
    text = "Clusters at Kalur in Karur, and Varur in Madurai district."
    s_places = located(text, ["Kalur", "Varur"], "Madurai")
    assert s_places == {("cluster:Varur", "district:madurai")}


def test_a_bracket_after_a_listed_place_names_its_product_a_place_or_an_abbreviation_none() -> None:
    text = (
        "The board visited the product clusters at Khurja (pottery), Moradabad (brass ware), "
        "Kotwa (Hardoi district), Hassan (UP) and Alappuzha (Kerala) last year."
    )
    found = [(d.place, d.product) for d in listed_clusters(text, place_kind, nlp.parse(text))]
    assert found == [
        ("Khurja", "pottery"),
        ("Moradabad", "brass ware"),
        ("Kotwa", ""),
        ("Hassan", ""),
        ("Alappuzha", ""),
    ]


def test_these_include_lists_the_clusters_the_sentence_before_speaks_of() -> None:
    before = "Ten energy-intensive clusters have been identified."
    text = "These include Khurja (pottery), Moradabad (brass) and Hassan (coffee)."
    assert elided_clusters(text, before)
    assert not elided_clusters(text, "Ten units have been identified.")
    found = listed_clusters(text, place_kind, nlp.parse(text), elided=True)
    assert [(d.place, d.product) for d in found] == [
        ("Khurja", "pottery"),
        ("Moradabad", "brass"),
        ("Hassan", "coffee"),
    ]
    assert listed_clusters(text, place_kind, nlp.parse(text)) == []  # no clusters spoken of


def test_the_headline_names_the_product_when_no_word_leads_before_the_cluster_word() -> None:
    title = "A retailer takes Kerala's handicrafts to the world"
    texts = [title, "Its handicrafts sell well.", "Some handicrafts come from 16 clusters."]
    assert headline_product(texts, title) == "handicrafts"
    assert document_product(texts) is None  # the words before the cluster words name none
    # a word of a name only, never written in lower case, names no product
    title = "Scheme of Fund for Regeneration of Traditional Industries"
    texts = [title, "The Traditional Industries scheme.", "Traditional Industries grew."]
    assert headline_product(texts, title) is None


def test_places_joined_by_slashes_are_one_item_and_a_bracketed_state_is_an_item() -> None:
    before = "Ten clusters have been identified."
    text = (
        "These include Khurja (pottery), Kerala (coir), Hassan/Moradabad/Alappuzha "
        "(casting & forging), and Hardoi (textiles)."
    )
    found = listed_clusters(text, place_kind, nlp.parse(text), elided=True)
    assert [(d.place, d.place_kind, d.product) for d in found] == [
        ("Khurja", "district", "pottery"),
        ("Kerala", "state", "coir"),
        ("Hassan", "district", "casting & forging"),
        ("Hardoi", "district", "textiles"),
    ]
    assert elided_clusters(text, before)
    # a state with no product in a bracket is still no item
    text = "The clusters are at Khurja, Kerala and Hardoi."
    assert [d.place for d in listed_clusters(text, place_kind, nlp.parse(text))] == [
        "Khurja",
        "Hardoi",
    ]


def test_a_list_of_centres_goes_on_with_one_each_in_further_places() -> None:
    text = (
        "Four facilitation centres are being constructed in Khurja, and one each in Hassan, "
        "Hardoi and Moradabad."
    )
    assert [p for p, _, _ in _listed(text)] == ["Khurja", "Hassan", "Hardoi", "Moradabad"]
    text = "Four facilitation centres are being built in Khurja, and a road is planned in Hassan."
    assert [p for p, _, _ in _listed(text)] == ["Khurja"]


def test_places_listed_after_areas_like_each_with_its_bracket_and_a_comma_left_out() -> None:
    text = (
        "The agency works in selected areas like Kotwa (Hardoi), Khurja, Belur (Hassan) "
        "Tenur (Moradabad) and Alappuzha."
    )
    assert [(p, i) for p, _, i in _listed(text)] == [
        ("Kotwa", "district:hardoi"),
        ("Khurja", "district:khurja"),
        ("Belur", "district:hassan"),
        ("Tenur", "district:moradabad"),
        ("Alappuzha", "district:alappuzha"),
    ]
    assert _listed("Demand is high in areas of Khurja and Hardoi.") == []


def test_a_heading_names_its_sections_product_and_a_sentence_is_no_heading() -> None:
    from ingest.clusters import section_heading

    assert section_heading("Leather Sub-Sector") == "leather"
    assert section_heading("Coir Industry") == "coir"
    assert section_heading("Project objectives") == ""  # a heading of no product
    assert section_heading("The coir cluster is big.") is None  # a sentence


def test_a_district_of_a_two_word_state_is_the_centres_place_not_the_states_last_word() -> None:
    from tests.unit.places_stub import described

    text = "A Common Facility Center is being built in Khurja district of Uttar Pradesh."
    assert [(p, i) for _, p, i in described(text, place_kind)] == [("Khurja", "district:khurja")]


def _made(text: str) -> list[tuple[str, str, str | None]]:
    return [(d.product, d.place, d.place_id)
            for d in listed_clusters(text, place_kind, nlp.parse(text))]  # fmt: skip


def test_the_places_a_copula_gives_a_products_clusters_each_with_its_state() -> None:
    text = "The handloom clusters of the region are Belur (Karnataka), Kotwa (Kerala) and Hassan."
    assert _made(text) == [
        ("handloom", "Belur", "state:karnataka"),
        ("handloom", "Kotwa", "state:kerala"),
        ("handloom", "Hassan", "district:hassan"),
    ]
    assert _made("Handloom clusters: Belur, Kotwa and Hassan.") == [
        ("Handloom", "Belur", None),
        ("Handloom", "Kotwa", None),
        ("Handloom", "Hassan", "district:hassan"),
    ]
    # after "in", the described reader's; a copula saying what they are lists no places
    assert _made("The handloom clusters in Belur and Kotwa are large.") == []


def test_craft_villages_a_copula_lists_are_clusters() -> None:
    text = "The other crafts villages are Belur (Karnataka) and Kotwa (Kerala)."
    assert _made(text) == [
        ("crafts", "Belur", "state:karnataka"),
        ("crafts", "Kotwa", "state:kerala"),
    ]
    assert _made("The villages are Belur and Kotwa.") == []


def test_a_listed_town_the_tagger_takes_for_a_noun_is_a_place_before_its_bracket() -> None:
    # "Vadaj" is tagged a noun here; a word of no English before a bracket is the next town
    place_kind = place_kinds(set(), {"Andhra Pradesh", "Gujarat", "Uttar Pradesh"})
    text = (
        "The handloom clusters are in Tirupati (Andhra Pradesh), Vadaj (Gujarat) and Naini "
        "(Uttar Pradesh)."
    )
    found = described(text, place_kind)
    assert [p for _, p, _ in found] == ["Tirupati", "Vadaj", "Naini"]
    assert found[1] == ("handloom", "Vadaj", "state:gujarat")
