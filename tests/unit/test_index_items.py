"""Items of agenda indexes and conclave lists (ingest/clusters.py, ingest/documents.py,
ingest/extract.py): an index's page column between the halves of an item, an address read down
its units (village, taluk, block) to the district, a numbered locality passed over, a
"Common Facilitation Centre" of a cluster, "Cluster projects" at several blocks, items that
leave the cluster word out after the document's own item frame, and two towns' clusters kept
apart. The sentences are written for these tests; the gazetteer is hand-made."""

from __future__ import annotations

from types import SimpleNamespace

from ingest.clusters import framed_items, item_frame
from ingest.documents import split_sentences
from ingest.extract import Extractor, _other_towns, _titled
from ingest.units import Entity
from tests.unit.places_stub import described, place_kinds

DISTRICTS = {"Gadag", "Gaya", "Bankura", "Faridabad", "Kolar", "Samba"}
STATES = {"Karnataka", "Bihar"}


place_kind = place_kinds(DISTRICTS, STATES, numbered_towns=True)


def _described(text: str) -> list[tuple[str, str, str | None]]:
    return described(text, place_kind)


def test_an_index_page_column_between_the_halves_of_an_item_is_dropped() -> None:
    lines = [
        "Bihar",
        "14.2(S)",
        "Hard Interventions in Bell Metal Cluster, Ralla Village,",
        "7-12",
        "Tonk Block, Gaya.",
        "14.3(S)",
        "Proposal for setting up of Common Facility Centre",
        "13-20",
        "(CFC) in Leather Cluster, Gaya.",
        "Total units",
        "45",
        "Units closed",
    ]
    assert split_sentences("\n".join(lines)) == [
        "Bihar",
        "14.2(S)",
        "Hard Interventions in Bell Metal Cluster, Ralla Village, Tonk Block, Gaya.",
        "14.3(S)",
        "Proposal for setting up of Common Facility Centre (CFC) in Leather Cluster, Gaya.",
        "Total units",
        "45",
        "Units closed",
    ]


def test_a_page_line_before_an_item_marker_stays() -> None:
    lines = ["DSR in 3 clusters", "21-30", "i) Glass Cluster, Gaya."]
    assert split_sentences("\n".join(lines)) == [
        "DSR in 3 clusters",
        "21-30",
        "i) Glass Cluster, Gaya.",
    ]


def test_an_address_is_read_down_its_units_to_the_district() -> None:
    text = "Hard Interventions in Brooms Cluster, Kolur Village, Tarikere Taluk, Gadag."
    assert _described(text) == [("Brooms", "Kolur", "district:gadag")]
    text = "Setting up of CFC in Coir Cluster, Ralla Village of Tonk Block, Kolar District."
    assert _described(text) == [("Coir", "Ralla", "district:kolar")]


def test_a_second_village_of_the_same_unit_is_passed_over() -> None:
    text = "Soft Interventions in Stone Cluster, Belur & Halli Village, Tonk Taluk, Gadag."
    assert _described(text) == [("Stone", "Belur", "district:gadag")]


def test_a_town_without_a_unit_word_ends_the_address() -> None:
    # "Ralla, Tonk and Gaya" is a list of places, not one address
    text = "A cane cluster at Ralla, Tonk and Gaya gets a new CFC."
    assert _described(text)[0] == ("cane", "Ralla", None)


def test_a_numbered_locality_is_passed_over_and_a_district_word_ends_the_name() -> None:
    assert _described("iv) Packaging Cluster, Sector-21, Faridabad.") == [
        ("Packaging", "Faridabad", "district:faridabad")
    ]
    assert _described("Proposal for a CFC of Printing Cluster, Gaya District.") == [
        ("Printing", "Gaya", "district:gaya")
    ]


def test_a_common_facilitation_centre_of_a_cluster_coordinated_by_the_parser() -> None:
    text = (
        "It has been proposed that a Common Facilitation Centre of Bankura Brass and Bell Metal "
        "cluster will come up at Ralla at a cost of Rs 80 lakh."
    )
    assert _described(text) == [("Brass and Bell Metal", "Bankura", "district:bankura")]


def test_and_joins_product_words_only_after_a_product_word() -> None:
    text = "They visited the Engineering Cluster at Gaya and Automobile Cluster at Ralla."
    assert [p for p, _, _ in _described(text)] == ["Engineering", "Automobile"]


def test_cluster_projects_at_several_blocks_are_one_cluster_each() -> None:
    text = (
        "The first phase of three Cane Cluster projects at Tonk block, Ralla-I block and "
        "Belur-II block have been completed at a cost of Rs 2 crore."
    )
    assert _described(text) == [
        ("Cane", "Tonk", None),
        ("Cane", "Ralla-I", None),
        ("Cane", "Belur-II", None),
    ]


def test_the_frame_of_an_item_is_the_words_before_its_cluster() -> None:
    text = "Soft Interventions in Stone Cluster, Belur Village, Gadag."
    assert item_frame(text, text.index("Stone")) == "soft interventions in"
    assert item_frame("Stone Cluster, Belur", 0) is None


def test_an_item_in_the_documents_frame_without_the_cluster_word_is_a_cluster() -> None:
    frames = {"soft interventions in", "diagnostic study of"}
    text = "Soft Interventions in Jaggery, Kolur Village of Tarikere Taluk, Gadag."
    found = framed_items(text, frames, place_kind)
    assert [(d.product, d.place, d.place_id, d.capitalised) for d in found] == [
        ("Jaggery", "Kolur", "district:gadag", True)
    ]
    assert text[found[0].start : found[0].end].startswith("Jaggery")
    text = "32.4 Diagnostic Study of Hosiery and Readymade Garments, Belur Village, Gaya District."
    assert [(d.product, d.place) for d in framed_items(text, frames, place_kind)] == [
        ("Hosiery and Readymade Garments", "Belur")
    ]


def test_framed_items_need_a_product_word_and_the_frame() -> None:
    frames = {"soft interventions in"}
    # no product word: a body, a place
    assert (
        framed_items("Soft Interventions in Governance, Kolur Village, Gadag.", frames, place_kind)
        == []
    )
    assert (
        framed_items("Soft Interventions in Gaya, Kolur Village, Gadag.", frames, place_kind) == []
    )
    # another frame
    assert framed_items("Training in Jaggery, Kolur Village, Gadag.", frames, place_kind) == []
    # the cluster word written: the ordinary reading finds it
    assert (
        framed_items("Soft Interventions in Jaggery Cluster, Kolur, Gadag.", frames, place_kind)
        == []
    )


def test_two_towns_clusters_stay_two() -> None:
    a = Entity("cluster:x", "Cluster", "Cane Cluster", 0, 5, attrs={"town": "Tonk"})
    b = Entity("cluster:y", "Cluster", "Ralla-I Cane Cluster", 9, 20, attrs={"town": "Ralla-I"})
    c = Entity("cluster:z", "Cluster", "Gaya Cane Cluster", 25, 40)
    assert _other_towns(a, b)
    assert not _other_towns(a, c)


def test_a_description_is_a_named_cluster_of_its_place_only_with_a_shared_product() -> None:
    stub = SimpleNamespace(
        _cluster_key=lambda e: " ".join(w for w in e.name.lower().split() if w != "cluster")
    )
    named = Entity("cluster:h", "Cluster", "Handloom Cluster", 0, 5)
    assert not Extractor._same_product(
        stub, Entity("c:w", "Cluster", "Water Hyacinth Cluster", 0, 5), named
    )  # type: ignore[arg-type]
    assert Extractor._same_product(
        stub, Entity("c:s", "Cluster", "Handloom Saree Cluster", 0, 5), named
    )  # type: ignore[arg-type]


def test_title_case_keeps_joining_words_small() -> None:
    assert _titled("brass and bell metal") == "Brass and Bell Metal"
    assert _titled("and more") == "And More"


def test_the_place_hangs_on_the_verb_completing_the_clusters_verb() -> None:
    assert _described("Furniture cluster set to come up in Gaya") == [
        ("Furniture", "Gaya", "district:gaya")
    ]
    assert _described("A coir cluster is likely to be set up at Ralla.") == [
        ("coir", "Ralla", None)
    ]
    assert _described("The cluster has decided to sell its goods in the market.") == []


def test_karnatakas_renamed_districts_keep_their_older_names() -> None:
    from ingest.places import Places, load_districts, load_states
    from kb.config import bundled_data

    places = Places()
    load_states(bundled_data(), places)
    load_districts(bundled_data(), places)
    ka = places.state("Karnataka") or ""
    names = places.districts_in_state[ka]
    assert names.get("bagalkot") == names.get("bagalkote") is not None
    assert names.get("shimoga") == names.get("shivamogga") is not None


def test_one_cluster_word_over_places_coordinated_to_the_phrases_end() -> None:
    text = "The hand tools cluster at Gaya and Samba, the majority of whose units are small, grows."
    assert _described(text) == [
        ("hand tools", "Gaya", "district:gaya"),
        ("hand tools", "Samba", "district:samba"),
    ]
    # two clauses, not two places
    text = "A leather cluster is planned in Gaya and Samba will get a training centre."
    assert _described(text) == [("leather", "Gaya", "district:gaya")]
