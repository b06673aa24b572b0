"""Sentences and lines of a document (ingest/documents.py) on text written for these tests."""

from __future__ import annotations

from ingest.documents import split_sentences


def test_a_persons_initials_do_not_end_a_sentence() -> None:
    text = "The meeting chaired by Shri A.K. Rao approved two clusters. It met again."
    assert split_sentences(text) == [
        "The meeting chaired by Shri A.K. Rao approved two clusters.",
        "It met again.",
    ]


def test_a_full_stop_glued_to_the_next_word_ends_a_sentence() -> None:
    text = "The cost is met by the Centre's contribution.The Board also advised the units."
    assert split_sentences(text) == [
        "The cost is met by the Centre's contribution.",
        "The Board also advised the units.",
    ]


def test_a_report_cover_keeps_its_labels_with_what_they_label() -> None:
    lines = [
        "Draft Detailed Project Report",
        "Brass Cluster Moradabad",
        "Submitted to,",
        "Department of Industries (for assistance under Brass Development Scheme)",
        "Report No. 7",
        "Submitted by,",
        "M/s Moradabad Brass Makers",
        "Private Limited",
        "Prepared by,",
        "Acme Consultants LLP",
        "Nodal Agency:",
        "District Industries Centre",
        "May 2020",
    ]
    found = split_sentences("\n".join(lines))
    assert (
        "Submitted to, Department of Industries (for assistance under Brass Development Scheme)"
        in found
    )
    assert "Submitted by, M/s Moradabad Brass Makers Private Limited" in found
    assert "Prepared by, Acme Consultants LLP" in found
    assert "Nodal Agency: District Industries Centre" in found


def test_a_menu_of_short_lines_is_still_dropped() -> None:
    menu = ["Home", "About", "News", "Gallery", "Tenders", "Careers", "Contact", "Login"]
    found = split_sentences("\n".join([*menu, "The cluster has 40 units."]))
    assert found == ["The cluster has 40 units."]


def test_a_job_list_that_repeats_its_labels_is_dropped() -> None:
    jobs = []
    for firm, town in [("ACME TILES", "Rajkot"), ("BRIGHT PAINTS", "Pune"), ("LOOM WORKS", "Surat"),
                       ("DELTA FOODS", "Agra")]:  # fmt: skip
        jobs += [firm, "Area Sales Manager", f"Permanent · {town}"]
    found = split_sentences("\n".join([*jobs, "The cluster has 40 units."]))
    assert found == ["The cluster has 40 units."]


def test_a_table_of_short_rows_is_kept_row_by_row() -> None:
    rows = [
        "Brand District/State Product",
        "Hill Gold Kota, Rajasthan Coriander Powder",
        "Lake Crunch Darbhanga, Bihar Roasted Makhana",
        "Delta Bakes Delhi Cookies and Rusk",
        "Green Phal Gurgaon, Haryana Amla Juice",
        "Bee Mantra Saharanpur, Uttar Pradesh Multiflora Honey",
        "Sun Dana Thane, Maharashtra Millet Flour",
        "Red Mantra Kulgam, Jammu and Kashmir Chilli Powder",
    ]
    found = split_sentences("\n".join(["Seven brands were launched.", *rows]))
    assert found == ["Seven brands were launched.", *rows]


def test_a_profile_of_labels_over_values_reads_label_value() -> None:
    lines = ["Products manufactured", "Glass bangles, beads and chandeliers", "Number of units",
             "210", "Main fuels", "Natural gas, coal", "Employment", "About 9,000 workers"]  # fmt: skip
    assert split_sentences("\n".join(lines)) == [
        "Products manufactured: Glass bangles, beads and chandeliers",
        "Number of units: 210",
        "Main fuels: Natural gas, coal",
        "Employment: About 9,000 workers",
    ]


def test_viz_introduces_a_list_and_does_not_end_the_sentence() -> None:
    text = "Two clusters were chosen viz. Kotwa in Hardoi and Belur in Hassan. Work began."
    assert split_sentences(text) == [
        "Two clusters were chosen viz. Kotwa in Hardoi and Belur in Hassan.",
        "Work began.",
    ]


def test_a_cover_label_ending_in_a_preposition_keeps_what_it_labels() -> None:
    lines = [
        "Detailed Project Report",
        "Prepared by",
        "",
        "Acme Consultancy Services Ltd.",
        "Index",
    ]
    assert split_sentences("\n".join(lines)) == [
        "Detailed Project Report",
        "Prepared by Acme Consultancy Services Ltd.",
        "Index",
    ]


def test_a_line_broken_after_a_word_no_sentence_ends_with_joins_the_next() -> None:
    text = (
        "Despite the grants given by the state under the\n"
        "Handloom Mission\n"
        "(HM), the weavers of the town have not formed a society of their own yet.\n"
        "Heading of the page\n"
        "Another line."
    )
    assert split_sentences(text) == [
        "Despite the grants given by the state under the Handloom Mission (HM), the weavers of "
        "the town have not formed a society of their own yet.",
        "Heading of the page",
        "Another line.",
    ]


def test_a_cover_label_on_the_line_of_other_cover_text_opens_its_own_sentence() -> None:
    text = "Report No. 12 March 2019 Prepared by, Lamp Consultants LLP\nThe DPR was prepared by us."
    assert split_sentences(text) == [
        "Report No. 12 March 2019",
        "Prepared by, Lamp Consultants LLP",
        "The DPR was prepared by us.",
    ]
