"""Three shapes of clusters written without a sentence for each (ingest/documents.py,
ingest/clusters.py), on text written for these tests with a hand-made gazetteer:
a table a page copied one cell a line (`flattened_table`), a list that writes each town with
its district after a comma (`_paired_districts`), and "<product> cluster" items listed under a
placed plural cluster word (`_included_place`)."""

from __future__ import annotations

from ingest.clusters import cell_place, place_product_rows
from ingest.documents import flattened_table, strip_boilerplate
from tests.unit.places_stub import described, listed, place_kinds

place_kind = place_kinds({"Kollam", "Thrissur", "Kathua", "Ramban", "Mysore"}, {"Kerala"})

CELLS = ["Sl", "Location", "Craft", "1", "Kadavoor , Kollam", "Straw Picture",
         "2", "Cherpu, Thrissur", "Wood Craft", "3", "Kollam", "Coir"]  # fmt: skip


def test_a_table_copied_one_cell_a_line_is_read_back_into_its_rows() -> None:
    rows = ["Sl | Location | Craft", "1 | Kadavoor , Kollam | Straw Picture",
            "2 | Cherpu, Thrissur | Wood Craft", "3 | Kollam | Coir"]  # fmt: skip
    assert flattened_table(CELLS) == rows
    assert strip_boilerplate(CELLS) == rows  # eight lines or more of no sentence: not a menu
    assert flattened_table([*CELLS, "Total"]) == [*rows, "Total"]


def test_cells_that_are_not_numbered_rows_are_no_table() -> None:
    assert flattened_table(["Home", "About", "Contact", "1", "Crafts", "Gallery"]) == []
    unnumbered = [c for c in CELLS if not c.isdigit()]
    assert flattened_table(unnumbered) == []
    out_of_order = CELLS[:3] + CELLS[6:9] + CELLS[3:6]  # "2" before "1"
    assert flattened_table(out_of_order) == []


def test_a_rows_place_cell_may_hold_a_town_and_its_district() -> None:
    rows = flattened_table(CELLS)
    assert place_product_rows(rows) == [
        (1, "Kadavoor , Kollam", "Straw Picture"),
        (2, "Cherpu, Thrissur", "Wood Craft"),
        (3, "Kollam", "Coir"),
    ]
    assert cell_place("Kadavoor , Kollam", place_kind) == ("Kadavoor", ("town", "district:kollam"))
    assert cell_place("Kollam", place_kind) == ("Kollam", ("district", "district:kollam"))
    assert cell_place("Kadavoor, Kerala", place_kind) == ("Kadavoor, Kerala", None)


def test_towns_each_written_with_their_district_after_a_comma() -> None:
    text = (
        "The committee reviewed the Block Level Clusters viz. Mahanpur, Kathua, Batroo, Ramban "
        "and Moungri, Kathua sanctioned under the programme."
    )
    assert listed(text, place_kind) == [
        ("Mahanpur", "town", "district:kathua"),
        ("Batroo", "town", "district:ramban"),
        ("Moungri", "town", "district:kathua"),
    ]


def test_a_list_of_places_with_one_town_before_a_district_stays_a_list_of_places() -> None:
    text = "The clusters viz. Pahal, Kollam and Thrissur were reviewed."
    assert [p for p, _, _ in listed(text, place_kind)] == ["Pahal", "Kollam", "Thrissur"]


def test_product_clusters_listed_under_a_placed_plural_cluster_word_share_its_place() -> None:
    text = (
        "The four clusters identified for Mysore include the printing cluster with support "
        "from a council (TIFAC), general engineering cluster, packaging cluster and textile "
        "cluster."
    )
    assert described(text, place_kind) == [
        ("printing", "Mysore", "district:mysore"),
        ("general engineering", "Mysore", "district:mysore"),
        ("packaging", "Mysore", "district:mysore"),
        ("textile", "Mysore", "district:mysore"),
    ]


def test_a_cluster_after_a_verb_is_not_one_of_the_listed() -> None:
    text = "The clusters identified for Mysore include printing, and officials visited the textile cluster."
    assert [p for p, _, _ in described(text, place_kind)] == []
