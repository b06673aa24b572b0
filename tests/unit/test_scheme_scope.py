"""Which clusters a scheme is said of, read from the sentence's and the document's structure:
a sentence opening "Under X, ...", a list or table after a sentence ending in a colon, "the
first cluster under X in the name of Y Cluster", a scheme owned by a body ("the Ministry's X
Programme"), an acronym defined between a scheme's name and its kind, and a cover's title set
one phrase a line (ingest/relations.py, ingest/mentions.py, ingest/extract.py,
ingest/documents.py); on sentences written for these tests."""

from __future__ import annotations

from ingest.documents import LoadedDocument, split_sentences
from ingest.extract import Extractor, to_facts
from ingest.mentions import pattern_mentions
from kb.resolve import Resolver
from kb.store.base import Node

PLACES = [
    Node("state:odisha", "State", "Odisha"),
    Node("district:odisha:sambalpur", "District", "Sambalpur", attrs={"state": "Odisha"}),
    Node("district:odisha:bargarh", "District", "Bargarh", attrs={"state": "Odisha"}),
    Node("district:odisha:ganjam", "District", "Ganjam", attrs={"state": "Odisha"}),
]


def _backed(sentences: list[str], title: str = "Weaving in western Odisha") -> set[tuple[str, str]]:
    ex = Extractor(PLACES, Resolver.from_nodes(PLACES))
    doc = LoadedDocument("doc:test", title, "test.txt", "0", sentences)
    read, context = ex.read(doc)
    facts = to_facts(doc, read, context, source=doc.id)
    names = {n.id: n.name for n in facts.nodes.values()}
    return {
        (names.get(e.source, e.source), names.get(e.target, e.target))
        for e in facts.edges.values()
        if e.relation == "SUPPORTED_BY" and e.target.startswith("scheme:")
    }


def test_a_sentence_opening_under_a_scheme_says_it_of_the_cluster_it_names() -> None:
    backed = _backed([
        "The state has many weavers.",
        "Under the Rural Weaving Programme, one Tussar Cluster was sanctioned in Sambalpur "
        "covering 500 weavers.",
        "The Ganjam Brass Cluster makes utensils under the Brass Mission.",
    ])  # fmt: skip
    assert ("Tussar Cluster", "Rural Weaving Programme") in backed
    assert not any(c.startswith("Ganjam") for c, s in backed if s == "Rural Weaving Programme")


def test_the_rows_after_a_colon_are_the_clusters_the_sentence_speaks_of() -> None:
    backed = _backed([
        "Three clusters have been sanctioned in Odisha under the Rural Weaving Programme:",
        "(Rs. in lakh)",
        "1 Sambalpur Tussar Cluster 133.64",
        "2 Bargarh Cotton Cluster 170.55",
        "The state also runs a brass cluster at Ganjam, the Ganjam Brass Cluster, which the "
        "district office looks after under the Brass Mission.",
    ])  # fmt: skip
    programme = {c for c, s in backed if s == "Rural Weaving Programme"}
    assert {"Sambalpur Tussar Cluster", "Bargarh Cotton Cluster"} <= programme
    # prose after the list ends it
    assert not any(c.startswith("Ganjam") for c in programme)


def test_a_cluster_spoken_of_before_under_is_the_one_named_after_the_scheme() -> None:
    backed = _backed([
        "The society completed the first cluster (2002-07) under the Rural Weaving Programme "
        "in the name of the Bargarh Cotton Cluster.",
        "The Ganjam Brass Cluster runs under the Brass Mission.",  # no one scheme leads
    ])  # fmt: skip
    assert ("Bargarh Cotton Cluster", "Rural Weaving Programme") in backed


def test_the_body_owning_a_scheme_is_no_part_of_its_name() -> None:
    def schemes(text: str) -> list[str]:
        return [m.name for m in pattern_mentions(text) if m.type == "Scheme"]

    assert schemes("It grew under the Ministry of MSME’s Cluster Development Programme.") == [
        "Cluster Development Programme"
    ]
    assert "Weavers Credit Scheme" in schemes("Loans came under the Board's Weavers Credit Scheme.")
    # a post's honorific is part of a name
    assert schemes("Units came up under the Prime Minister's Employment Generation Programme.") == [
        "Prime Minister's Employment Generation Programme"
    ]


def test_an_acronym_between_a_scheme_and_its_kind_names_that_scheme_again() -> None:
    backed = _backed([
        "The Sambalpur Tussar Cluster is run under Gramin Bunkar Vikas Yojna (GBVY) Scheme.",
        "The first cluster under GBVY in the name of the Bargarh Cotton Cluster was completed.",
    ])  # fmt: skip
    schemes = {s for _, s in backed}
    assert len(schemes) == 1, schemes
    assert {c for c, _ in backed} >= {"Sambalpur Tussar Cluster", "Bargarh Cotton Cluster"}


def test_a_kind_of_cluster_in_brackets_is_no_cluster() -> None:
    ex = Extractor(PLACES, Resolver.from_nodes(PLACES))
    text = "The Sambalpur Tussar Cluster is run under the Rural Weaving Programme (Model Cluster)."
    doc = LoadedDocument("doc:test", "Tussar", "test.txt", "0", [text])
    read, _ = ex.read(doc)
    assert [c.name for s in read for c in s.of("Cluster")] == ["Sambalpur Tussar Cluster"]


def test_a_cover_title_set_one_phrase_a_line_is_one_sentence() -> None:
    cover = "\n".join([
        "GOVERNMENT OF ODISHA", "Directorate of Textiles", "Janpath Road,", "Bhubaneswar-751001",
        "AGENDA",
        "for", "12th REVIEW MEETING", "of", "Rural Weaving -", "Cluster Programme (RWCP)",
        "DATE : 8th January 2016",
    ])  # fmt: skip
    sentences = split_sentences(cover)
    assert "AGENDA for 12th REVIEW MEETING of Rural Weaving - Cluster Programme (RWCP)" in sentences
    # a menu of short lines still goes
    menu = "\n".join(["Home", "About us", "Schemes", "Contact", "Gallery", "Tenders", "RTI",
                      "Sitemap", "A cluster was set up in 2016."])  # fmt: skip
    assert split_sentences(menu) == ["A cluster was set up in 2016."]


def test_an_index_item_broken_after_its_page_number_is_one_item() -> None:
    index = "\n".join([
        "12.3 Proposal to set up CFC in Tussar Cluster, 11",
        "Sambalpur",
        "12.4 Proposal for extension of time to set up CFC in Cotton 21",
        "Cluster, Bargarh, Odisha.",
        "12.5 Soft interventions in Brass Cluster, Ganjam. 29",
        "Odisha",
    ])  # fmt: skip
    assert split_sentences(index) == [
        "12.3 Proposal to set up CFC in Tussar Cluster, Sambalpur",
        "12.4 Proposal for extension of time to set up CFC in Cotton Cluster, Bargarh, Odisha.",
        "12.5 Soft interventions in Brass Cluster, Ganjam. 29",  # closed: stays as it is
        "Odisha",
    ]


def test_a_cluster_named_with_a_known_schemes_acronym_is_backed_by_it() -> None:
    known = [*PLACES, Node("scheme:rural-weaving-programme", "Scheme", "Rural Weaving Programme",
                           aliases=["RUWEP"])]  # fmt: skip
    ex = Extractor(known, Resolver.from_nodes(known))
    sentences = [
        "The Northeast Agency is the implementing partner of the Tussar RUWEP Cluster in "
        "Sambalpur.",
        "The Cotton RWUEP Cluster covers 500 artisans of Bargarh.",  # two letters swapped
    ]
    doc = LoadedDocument("doc:test", "Tussar", "test.txt", "0", sentences)
    read, context = ex.read(doc)
    facts = to_facts(doc, read, context, source=doc.id)
    backed = [
        (e.provenance[0].text[:8], e.target)
        for e in facts.edges.values()
        if e.relation == "SUPPORTED_BY" and e.attrs.get("via") == "name"
    ]
    assert backed == [("The Nort", "scheme:rural-weaving-programme"),
                      ("The Cott", "scheme:rural-weaving-programme")]  # fmt: skip
    # a word in capitals that is no scheme's acronym backs nothing
    doc = LoadedDocument("doc:t2", "Tussar", "t2.txt", "0", ["The TUSSAR Cluster is in Bargarh."])
    read, context = ex.read(doc)
    assert not [e for e in to_facts(doc, read, context, source=doc.id).edges.values()
                if e.relation == "SUPPORTED_BY"]  # fmt: skip


def test_a_misspelt_scheme_is_the_known_one_and_a_word_more_is_another() -> None:
    known = [
        Node("scheme:mse-cdp", "Scheme", "Micro and Small Enterprises Cluster Development Programme",
             aliases=["Cluster Development Programme", "MSE-CDP"]),
        Node("scheme:ifladp", "Scheme", "Indian Footwear, Leather and Accessories Development "
             "Programme"),
        Node("scheme:nhdp", "Scheme", "National Handloom Development Programme"),
        Node("scheme:pmksy", "Scheme", "Pradhan Mantri Kisan Sampada Yojana"),
        Node("scheme:lmcs", "Scheme", "Lean Manufacturing Competitiveness Scheme"),
    ]  # fmt: skip
    ex = Extractor(known, Resolver.from_nodes(known))

    def resolved(text: str) -> list[str]:
        return [ex._scheme(m).id for m in pattern_mentions(text) if m.type == "Scheme"]

    assert resolved("funded under the Micro and Smal Enterprizes Cluster Development "
                    "Programme") == ["scheme:mse-cdp"]  # fmt: skip
    assert resolved("set up under the Indian Footwear and Leather Development Programme") == [
        "scheme:ifladp"
    ]
    # a part of a scheme named after it by its acronym is that scheme's
    assert "scheme:mse-cdp" in resolved(
        "a grant under the MSE-CDP Infrastructure Development Scheme"
    )
    # one word for another of the same initial keeps the acronym, and the scheme
    assert resolved("approved under the Pradhan Mantri Krishi Sampada Yojana") == ["scheme:pmksy"]
    assert resolved("run under the National Manufacturing Competitiveness Programme") == [
        "scheme:national-manufacturing-competitiveness-programme"
    ]
    # a word the known names lack: other schemes
    assert resolved("held under the Small Cluster Development Programme") == [
        "scheme:small-cluster-development-programme"
    ]
    assert resolved("run under the National Handicrafts and Handloom Development Programme") == [
        "scheme:national-handicrafts-and-handloom-development-programme"
    ]
