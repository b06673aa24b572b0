"""Enumerations of cluster projects (ingest/clusters.py): a list of places after one product and
a plural head, CFCs as heads, the place named by "of" or as the subject of "have", a state owning
the place after it, and "<Place> (<State>) for <product>" items (the state optional). The
sentences are written for these tests; the gazetteer is hand-made."""

from __future__ import annotations

from ingest.clusters import (
    described_clusters,
    for_items,
    in_items,
    listed_clusters,
    worth_parsing,
)
from kb import nlp
from tests.unit.places_stub import described, place_kinds

DISTRICTS = {"Samba", "Bankura", "Murshidabad", "Nadia", "Hooghly", "Gaya", "Theni", "Kolar"}
STATES = {"Assam", "Bihar", "Karnataka", "Maharashtra", "Tamil Nadu"}


place_kind = place_kinds(DISTRICTS, STATES)


def _described(text: str) -> list[tuple[str, str, str | None]]:
    return described(text, place_kind)


def test_a_plural_head_with_a_product_makes_a_cluster_of_each_place_listed() -> None:
    text = "Four cane clusters will be set up in Tonk, Ralla and Samba next year."
    assert _described(text) == [
        ("cane", "Tonk", None),
        ("cane", "Ralla", None),
        ("cane", "Samba", "district:samba"),
    ]


def test_coordinated_items_each_with_its_plural_head_and_places() -> None:
    text = (
        "Known clusters include brass clusters in Bankura and Murshidabad, and handloom "
        "clusters in Nadia and Hooghly districts."
    )
    assert _described(text) == [
        ("brass", "Bankura", "district:bankura"),
        ("brass", "Murshidabad", "district:murshidabad"),
        ("handloom", "Nadia", "district:nadia"),
        ("handloom", "Hooghly", "district:hooghly"),
    ]


def test_a_singular_cluster_keeps_its_one_place() -> None:
    text = "A leather cluster is planned in Gaya and Hooghly will get a training centre."
    assert _described(text) == [("leather", "Gaya", "district:gaya")]


def test_a_cfc_with_a_product_describes_its_cluster() -> None:
    text = "The projects include a water hyacinth CFC at Dhubri and a brass common facility centre in Gaya."
    assert _described(text) == [
        ("water hyacinth", "Dhubri", None),
        ("brass", "Gaya", "district:gaya"),
    ]


def test_a_cfc_without_a_product_or_of_a_named_cluster_is_no_new_cluster() -> None:
    assert _described("A new CFC at Gaya was opened by the minister.") == []
    text = "47.3.9 Setting up of CFC in the Brass Cluster, Gaya"
    assert _described(text) == [("Brass", "Gaya", "district:gaya")]


def test_the_place_named_by_of_inside_the_verbs_object() -> None:
    text = "A cotton khadi cluster is coming up in the old constituency of Ralla."
    assert _described(text) == [("cotton khadi", "Ralla", None)]


def test_the_subject_of_have_is_the_clusters_place() -> None:
    assert _described("Bankura will also have a terracotta cluster.") == [
        ("terracotta", "Bankura", "district:bankura")
    ]


def test_category_words_in_an_enumeration_are_no_clusters() -> None:
    text = "Regular clusters in Gaya and Nadia and major clusters in Kolar were reviewed."
    assert _described(text) == []


def test_cfcs_listed_by_place_with_a_state_owning_the_place_after_it() -> None:
    text = (
        "The two CFCs would be in Fulia in Nadia district and Ralla in Hooghly, while one CFC "
        "each would be set up in Assam's Barpeta and Bihar's Gaya."
    )
    found = [(d.place, d.place_id) for d in listed_clusters(text, place_kind, nlp.parse(text))]
    assert found == [
        ("Fulia", "district:nadia"),
        ("Ralla", "district:hooghly"),
        ("Barpeta", "state:assam"),
        ("Gaya", "district:gaya"),
    ]


def test_place_state_for_product_items_are_an_enumeration() -> None:
    text = (
        "Theni (Tamil Nadu) for banana; Ralla (Maharashtra) and Kolar (Karnataka) for pomegranate."
    )
    found = [(d.product, d.place, d.place_id) for d in for_items(text, place_kind, nlp.parse(text))]
    assert found == [
        ("banana", "Theni", "district:theni"),
        ("pomegranate", "Ralla", "state:maharashtra"),
        ("pomegranate", "Kolar", "district:kolar"),
    ]


def test_place_for_product_items_after_a_copula_are_an_enumeration() -> None:
    text = (
        "The places chosen by the ministry are Gaya for brass utensils, Kolar for silk and "
        "Samba (in Jammu division) for cane products."
    )
    found = [(d.product, d.place) for d in for_items(text, place_kind, nlp.parse(text))]
    assert found == [("brass utensils", "Gaya"), ("silk", "Kolar"), ("cane products", "Samba")]


def test_one_place_for_a_purpose_after_a_verb_is_no_enumeration() -> None:
    text = "The delegation left Gaya for talks and reached Kolar by night."
    assert for_items(text, place_kind, nlp.parse(text)) == []


def test_one_place_state_for_item_is_no_enumeration() -> None:
    text = "The minister left Theni (Tamil Nadu) for Chennai on Monday."
    assert for_items(text, place_kind, nlp.parse(text)) == []


def _spans_apart(found: list) -> bool:
    spans = sorted((d.start, d.end) for d in found)
    return all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_two_products_of_one_place_are_two_clusters_with_their_own_spans() -> None:
    text = "The state has set up a carpet cluster in Gaya, glass beads and silk weaving in Ralla."
    found = described_clusters(text, place_kind, nlp.parse(text))
    assert [(d.product, d.place) for d in found] == [
        ("carpet", "Gaya"),
        ("glass beads", "Ralla"),
        ("silk weaving", "Ralla"),
    ]
    assert _spans_apart(found)  # the caller keeps non-overlapping mentions only


def test_places_of_one_for_group_have_their_own_spans() -> None:
    text = (
        "Theni (Tamil Nadu) for banana; Ralla (Maharashtra) and Kolar (Karnataka) for pomegranate."
    )
    assert _spans_apart(for_items(text, place_kind, nlp.parse(text)))


def test_a_number_inside_a_district_name_keeps_the_list_going() -> None:
    def kind(surface: str) -> tuple[str, str | None] | None:
        if surface == "North 24-Parganas":
            return "district", "district:north-24-parganas"
        return place_kind(surface)

    text = "The CFCs would be in Deganga in North 24-Parganas district and Ralla in Hooghly."
    found = [(d.place, d.place_id) for d in listed_clusters(text, kind, nlp.parse(text))]
    assert found == [("Deganga", "district:north-24-parganas"), ("Ralla", "district:hooghly")]


def test_the_place_named_by_of_comes_before_a_name_qualifying_the_noun() -> None:
    text = "A cotton khadi cluster is coming up in the high-profile Gandhi constituency of Ralla."
    assert _described(text) == [("cotton khadi", "Ralla", None)]


def test_a_plural_head_with_no_product_lists_product_at_place_items() -> None:
    text = "Under the scheme, clusters were approved for honey at Samba, pottery at Ralla and coir at Kolar."
    found = [(d.product, d.place) for d in listed_clusters(text, place_kind, nlp.parse(text))]
    assert found == [("honey", "Samba"), ("pottery", "Ralla"), ("coir", "Kolar")]


def test_items_naming_people_are_no_clusters() -> None:
    text = "Clusters were sanctioned for weavers in Gaya and artisans in Samba."
    assert listed_clusters(text, place_kind, nlp.parse(text)) == []


def test_remaining_clusters_list_product_at_place_items_an_acronym_among_the_words() -> None:
    text = (
        "The remaining clusters include brassware at Samba, PVC pipes in Kolar and coir "
        "products in Theni, among others."
    )
    found = [(d.product, d.place) for d in listed_clusters(text, place_kind, nlp.parse(text))]
    assert found == [("brassware", "Samba"), ("PVC pipes", "Kolar"), ("coir products", "Theni")]


def test_products_and_places_paired_respectively() -> None:
    text = "The proposed tiles and pottery clusters in Bankura and Nadia districts respectively were dropped."
    assert sorted(_described(text)) == [
        ("pottery", "Nadia", "district:nadia"),
        ("tiles", "Bankura", "district:bankura"),
    ]
    # without "respectively" each product is at each place
    text = "The tiles and pottery clusters in Bankura and Nadia districts were dropped."
    assert len(_described(text)) == 4


def test_a_bracket_after_the_first_place_does_not_end_the_list() -> None:
    text = "Three coir clusters have been identified at Tonk (Ralla), Dausa (Samba) and Gaya."
    assert [(p, w) for p, w, _ in _described(text)] == [
        ("coir", "Tonk"),
        ("coir", "Dausa"),
        ("coir", "Gaya"),
    ]


def test_a_named_subject_said_to_be_a_cluster_is_its_place() -> None:
    text = "Kolar is the state's largest silk reeling cluster and a flagship district."
    assert worth_parsing(text)
    assert _described(text) == [("silk reeling", "Kolar", "district:kolar")]


def test_places_some_of_the_clusters_are_to_come_up_at() -> None:
    text = "He added that two of these clusters are to come up at Ralla and Tonk next year."
    found = [(d.product, d.place) for d in listed_clusters(text, place_kind, nlp.parse(text))]
    assert found == [("", "Ralla"), ("", "Tonk")]


def _in_items(text: str) -> list[tuple[str, str, str | None]]:
    return [(d.product, d.place, d.place_id) for d in in_items(text, place_kind, nlp.parse(text))]


def test_products_listed_each_in_its_district_are_a_cluster_each() -> None:
    text = (
        "The minister said branding of cane in Samba district, bell metal in Bankura, silk "
        "in Murshidabad and grapes in Theni would be done."
    )
    assert _in_items(text) == [
        ("cane", "Samba", "district:samba"),
        ("bell metal", "Bankura", "district:bankura"),
        ("silk", "Murshidabad", "district:murshidabad"),
        ("grapes", "Theni", "district:theni"),
    ]


def test_fewer_than_three_such_items_or_no_product_before_in_are_no_list() -> None:
    assert _in_items("Silk is woven in Murshidabad and grapes grow in Theni.") == []
    text = "Investment in Samba, offices in Bankura, and workers in Murshidabad have grown."
    assert _in_items(text) == []
    # districts joined by a hyphen are a group, not one district's item
    text = "Cane in Samba, silk in Murshidabad, grapes in Theni-Kolar and brass in Gaya."
    assert ("grapes", "Theni", "district:theni") not in _in_items(text)
