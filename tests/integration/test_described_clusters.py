"""Clusters, roles and the market side read from running text (issue 14): descriptions with
their place, lists, glued words, category words, one node per cluster, agencies by role,
buyers and suppliers. The sentences are written for these tests, in the shapes real pages
use; none is taken from an evaluation set."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from clusterkb.service import KnowledgeBase
from ingest.clusters import caps_cluster_names, unglue
from ingest.pipeline import preview_paths
from kb.config import Settings
from tests.conftest import REPO_DATA


def _read(kb: KnowledgeBase, tmp_path: Path, text: str, name: str = "doc.txt") -> dict[str, Any]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return preview_paths(kb.store, [path])[0]


def _clusters(found: dict[str, Any]) -> dict[str, str]:
    return {e["name"]: e["id"] for e in found["entities"] if e["type"] == "Cluster"}


def _rels(found: dict[str, Any], relation: str) -> set[tuple[str, str]]:
    return {(r["source"], r["target"]) for r in found["relations"] if r["relation"] == relation}


@contextmanager
def _ingested(tables_home: Path, tmp_path: Path, texts: dict[str, str]) -> Iterator[KnowledgeBase]:
    """A copy of the tables-only KB with `texts` ({file name: text}) ingested together."""
    home = tmp_path / "home"
    shutil.copytree(tables_home, home)
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in texts.items():
        (docs / name).write_text(text, encoding="utf-8")
    kb = KnowledgeBase(Settings(home=home, data_dir=REPO_DATA))
    try:
        kb.ingest([docs])
        yield kb
    finally:
        kb.close()


def test_words_run_together_are_split() -> None:
    assert unglue("Bell Metal Clusterat Nayagarh") == "Bell Metal Cluster at Nayagarh"
    assert unglue("proposed atPahala withSPV") == "proposed at Pahala with SPV"
    assert unglue("the RiceMill Cluster") == "the Rice Mill Cluster"
    assert unglue("JEEViKA and SIDBI") == "JEEViKA and SIDBI"  # acronyms stay whole


def test_a_cluster_name_in_capitals_reads_as_a_name() -> None:
    def acronym(word: str) -> bool:
        return word == "SFURTI"

    assert caps_cluster_names("2. CHANNAGIRI AREKA LEAF PLATES CLUSTER Taluk", acronym) == (
        "2. Channagiri Areka Leaf Plates Cluster Taluk"
    )
    assert caps_cluster_names("SFURTI MSME BAMBOO CRAFT CLUSTER", acronym) == (
        "SFURTI MSME Bamboo Craft Cluster"
    )
    assert caps_cluster_names("ABOUT THE CLUSTER AREA", acronym) == "ABOUT THE CLUSTER AREA"
    # a body's name in capitals is no cluster's
    assert caps_cluster_names("BY NELLAI COIR CLUSTER PVT LTD", acronym) == (
        "BY NELLAI COIR CLUSTER PVT LTD"
    )


def test_a_coordinated_list_of_described_clusters_each_with_its_place(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "Two projects namely leather goods cluster in Agra and brass ware cluster in Moradabad "
        "have been approved under MSE-CDP, the officer said.\n",
    )
    clusters = set(_clusters(found))
    assert clusters == {"Agra Leather Goods Cluster", "Moradabad Brass Ware Cluster"}
    located = _rels(found, "LOCATED_IN")
    assert ("Agra Leather Goods Cluster", "Agra") in located
    assert ("Moradabad Brass Ware Cluster", "Moradabad") in located
    backed = {c for c, _ in _rels(found, "SUPPORTED_BY")}
    assert backed == set(clusters)  # both, not only the first


def test_named_clusters_at_places_with_glued_words(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The committee asked for land for the Bell Metal Clusterat Nayagarh, the Brass Cluster "
        "at Pahala and the Handloom Cluster at Gaya and the Handloom Cluster at Nalanda.\n",
    )
    clusters = _clusters(found)
    assert {"Bell Metal Cluster", "Brass Cluster", "Handloom Cluster"} <= set(clusters)
    ids = {e["id"] for e in found["entities"] if e["name"] == "Handloom Cluster"}
    assert len(ids) == 2  # the same name in two places: two nodes
    located = _rels(found, "LOCATED_IN")
    assert ("Bell Metal Cluster", "Nayagarh") in located


def test_category_words_are_not_clusters(tables_kb: KnowledgeBase, tmp_path: Path) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The scheme supports regular clusters in Bihar and mini clusters in Gaya. A major "
        "cluster in Patna gets more, and heritage clusters in Nalanda get a museum.\n",
    )
    assert _clusters(found) == {}


def test_one_node_for_the_same_place_and_product_across_documents(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    first = _read(tables_kb, tmp_path, "A coir cluster in Kollam was sanctioned.\n", "a.txt")
    second = _read(tables_kb, tmp_path, "The Kollam Coir Cluster has 300 units.\n", "b.txt")
    assert set(_clusters(first).values()) == set(_clusters(second).values())
    assert len(_clusters(first)) == 1


def test_agencies_take_their_role_from_the_sentence(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The Cane Cluster at Barpeta was set up in 2019.\n"
        "The Indian Institute of Entrepreneurship is the technical agency of the cluster.\n"
        "The implementing agency, the Barpeta Cane Workers Welfare Society, runs the CFC.\n",
    )
    assert ("Cane Cluster", "Indian Institute of Entrepreneurship") in _rels(found, "SUPPORTED_BY")
    assert ("Barpeta Cane Workers Welfare Society", "Cane Cluster") in _rels(found, "IMPLEMENTS")


def test_buyers_and_suppliers_from_cue_phrases(tables_kb: KnowledgeBase, tmp_path: Path) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The Kollam Coir Cluster has 300 units.\n"
        "The units bagged orders from companies like Fabindia and Jaypore.\n"
        "Most of the fibre comes from the state-owned Coir Fibre Traders.\n",
    )
    buyers = {b for b, _ in _rels(found, "BUYS_FROM")}
    assert buyers == {"Fabindia", "Jaypore"}
    assert ("Coir Fibre Traders", "Kollam Coir Cluster") in _rels(found, "SUPPLIES")
    kinds = {e["name"]: e["type"] for e in found["entities"]}
    assert kinds["Fabindia"] == kinds["Coir Fibre Traders"] == "Enterprise"


def test_a_list_of_businesses_splits_at_and_but_a_cluster_list_does_not(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The Channapatna Toy Cluster has tied up with companies including Hasbro, Mattel and "
        "Spin Master, to make toys.\n"
        "Its clusters include Lacquer and Wood Turning, run by the artisans.\n",
    )
    buyers = {b for b, _ in _rels(found, "BUYS_FROM")}
    assert buyers == {"Hasbro", "Mattel", "Spin Master"}
    assert "Lacquer and Wood Turning Cluster" in _clusters(found)


def test_a_mega_cluster_keeps_its_town_and_a_copula_gives_the_place(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The Centre approved a mega handloom cluster in Sivasagar last year.\n"
        "Karur, a town in Tamil Nadu, has become the first home textile cluster to recycle "
        "all its water.\n",
    )
    assert {"Sivasagar Mega Handloom Cluster", "Karur Home Textile Cluster"} <= set(
        _clusters(found)
    )


def test_a_project_report_cover_gives_each_body_its_role_and_the_scheme(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "Draft Detailed Project Report\n\nBrass Utensils Cluster, Moradabad\n\nSubmitted to,\n\n"
        "Department of Industries (for assistance under Brass Development Scheme)\n\n"
        "Report No. 7\n\nSubmitted by,\n\nM/s Moradabad Brass Makers\n\nPrivate Limited\n\n"
        "Prepared by,\n\nAcme Consultants LLP\n\nMay 2020\n\n"
        "The Brass Utensils Cluster at Moradabad has 120 units.\n",
    )
    cluster = next(c for c in _clusters(found) if "Brass Utensils" in c)
    backers = {b for c, b in _rels(found, "SUPPORTED_BY") if c == cluster}
    assert "Brass Development Scheme" in backers  # the document's one scheme, no cluster named
    assert any(b.startswith("Department of Industries") for b in backers)
    assert ("Moradabad Brass Makers Private Limited", cluster) in _rels(found, "IMPLEMENTS")
    # a business in a supporting role is a partner (SUPPORTED_BY is for public backers)
    assert ("Acme Consultants LLP", cluster) in _rels(found, "PARTNERS_WITH")


def test_a_scheme_under_which_a_sentence_names_no_cluster_backs_it_only_when_alone(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    text = (
        "The Brass Utensils Cluster at Moradabad has 120 units.\n"
        "A review meeting under the Brass Development Scheme was held today.\n"
    )
    alone = _read(tables_kb, tmp_path, text, "alone.txt")
    assert ("Brass Utensils Cluster", "Brass Development Scheme") in _rels(alone, "SUPPORTED_BY")
    several = _read(
        tables_kb, tmp_path, text + "Artisans were insured under the Artisan Welfare Scheme.\n",
        "several.txt",
    )  # fmt: skip
    # two schemes in the document: which one backs the cluster is not for this rule to guess
    assert ("Brass Utensils Cluster", "Brass Development Scheme") not in _rels(
        several, "SUPPORTED_BY"
    )


def test_a_directorate_named_by_its_head_and_a_corporation_by_its_acronym(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The committee advised the Director, Industries, Odisha to complete the DPR and IDCO to "
        "allot land to the Brass Cluster at Angul.\n",
    )
    names = {e["name"] for e in found["entities"] if e["type"] == "Agency"}
    assert "Odisha Industrial Infrastructure Development Corporation" in names
    assert any(n.startswith("Directorate of Industries") for n in names)
    partners = {b for _, b in _rels(found, "SUPPORTED_BY")}
    assert "Odisha Industrial Infrastructure Development Corporation" in partners
    assert any(n.startswith("Directorate of Industries") for n in partners)


def test_a_cluster_name_written_short_is_the_fuller_name_of_the_same_place(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The Allied Products Cluster at Sonipat needs a CFC.\n"
        "The Allied Products Cluster at Sonipat has a long history.\n"
        "The Textile & Allied Products Cluster at Sonipat has 40 units.\n",
    )
    assert len(set(_clusters(found).values())) == 1
    assert "Textile" in next(iter(_clusters(found)))


def test_a_scheme_in_the_title_backs_the_documents_clusters_that_have_none(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "TITLE: Two brass clusters opened under the Brass Development Scheme\n\n"
        "Two brass clusters opened under the Brass Development Scheme\n\n"
        "The Brass Utensils Cluster at Moradabad has 120 units.\n"
        "The Bell Metal Cluster at Agra was set up under the Artisan Welfare Scheme.\n",
    )
    backed = _rels(found, "SUPPORTED_BY")
    assert ("Brass Utensils Cluster", "Brass Development Scheme") in backed
    # a cluster whose own sentence names its scheme keeps that one only
    assert ("Bell Metal Cluster", "Artisan Welfare Scheme") in backed
    assert ("Bell Metal Cluster", "Brass Development Scheme") not in backed


def test_a_known_name_taking_the_place_word_of_the_cluster_before_it_leaves_that_cluster(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # the registry knows "Angul Fly Ash Cluster"; read as "Angul, Fly Ash Cluster" it takes
    # the place word that ends the Engineering Cluster's description
    found = _read(
        tables_kb,
        tmp_path,
        "Land was allotted to Engineering Cluster at Angul, Fly Ash Cluster at Angul and "
        "Bell Metal Cluster at Nayagarh.\n",
    )
    names = " | ".join(_clusters(found))
    assert "Engineering" in names and "Fly Ash" in names and "Bell Metal" in names


def test_an_acronym_defined_once_names_its_body_later_and_a_kind_of_cluster_is_none(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The Handloom Promotion Society (HPS) reviewed the work this year.\n"
        "HPS was selected as the implementing agency for the Pottery Cluster at Khurja.\n"
        "The Artisan Cluster Building was opened in March.\n",
    )
    clusters = _clusters(found)
    assert "Artisan Cluster" not in clusters
    implementers = {a for a, c in _rels(found, "IMPLEMENTS") if c == "Pottery Cluster"}
    assert implementers == {"Handloom Promotion Society"}


def test_clusters_named_by_their_places_take_the_documents_product(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The State has a long brassware industry.\n"
        "The four clusters in the State are Moradabad, Aligarh and Kotwara (Hardoi district).\n"
        "Each brassware cluster has a common facility centre.\n",
    )
    clusters = _clusters(found)
    assert {"Moradabad Brassware Cluster", "Aligarh Brassware Cluster",
            "Kotwara Brassware Cluster"} <= set(clusters)  # fmt: skip
    assert ("Kotwara Brassware Cluster", "Hardoi") in _rels(found, "LOCATED_IN")


def test_the_board_is_the_documents_board_and_the_cluster_each_of_a_list_named_equally(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "According to the Rubber Promotion Board, the State has a coir industry.\n"
        "The three clusters in the State are Moradabad, Aligarh and Kotwara (Hardoi district).\n"
        "The Board is the nodal agency for the cluster project.\n",
    )
    nodal = {c for a, c in _rels(found, "IMPLEMENTS") if a == "Rubber Promotion Board"}
    assert nodal == {"Moradabad Coir Cluster", "Aligarh Coir Cluster", "Kotwara Coir Cluster"}


def test_a_cfc_named_by_its_district_in_an_odop_page_is_the_odop_product_clusters(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    text = (
        "Under the One District One Product scheme, new centres are coming up.\n"
        "The CFC in Firozabad will help artisans with testing and packaging.\n"
    )
    clusters = _clusters(_read(tables_kb, tmp_path, text))
    assert any("Firozabad" in n and "Glass" in n for n in clusters), clusters
    # the same sentence on a page that never speaks of ODOP: no product to give the cluster
    plain = _clusters(_read(tables_kb, tmp_path, text.split("\n", 1)[1], "plain.txt"))
    assert not any("Firozabad" in n for n in plain), plain


def test_an_odop_cfc_of_a_district_with_two_products_serves_the_one_the_sentence_names(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    text = (
        "Under the One District One Product scheme, new centres are coming up.\n"
        "The CFCs in Basti and Hathras will help carpenters with wooden crafts and traders "
        "with hing respectively.\n"
        "The CFC in Fatehpur is also planned.\n"
    )
    clusters = _clusters(_read(tables_kb, tmp_path, text))
    assert any("Basti" in n and "Wooden" in n for n in clusters), clusters
    assert any("Hathras" in n and "Hing" in n for n in clusters), clusters
    assert not any("Vinegar" in n or "Garment" in n for n in clusters), clusters
    assert not any("Fatehpur" in n for n in clusters), clusters  # two products, neither named


def test_a_hindi_news_item_gives_clusters_places_schemes_and_bodies(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # written for this test in the shape of Hindi news on clusters
    found = _read(
        tables_kb,
        tmp_path,
        "एक जिला एक उत्पाद योजना के तहत आगरा और कानपुर नगर में लेदर क्लस्टर बनेंगे। "
        "उद्योग विभाग इन क्लस्टरों के निर्माण की जिम्मेदारी संभालेगा। "
        "फिरोजाबाद में कांच क्लस्टर के लिए सामान्य सुविधा केंद्र की मंजूरी मिली।\n",
        "hindi.txt",
    )
    clusters = _clusters(found)
    assert {
        "Agra Leather Cluster",
        "Kanpur Nagar Leather Cluster",
        "Firozabad Glass Cluster",
    } <= set(clusters)
    located = _rels(found, "LOCATED_IN")
    assert ("Agra Leather Cluster", "Agra") in located
    assert ("Firozabad Glass Cluster", "Firozabad") in located
    backed = _rels(found, "SUPPORTED_BY")
    assert ("Agra Leather Cluster", "One District One Product") in backed
    # "the clusters" of a later sentence: the document's, built by the state's department
    implements = _rels(found, "IMPLEMENTS")
    assert ("Department of Industries, Uttar Pradesh", "Agra Leather Cluster") in implements


def test_an_acronym_a_document_defines_for_its_clusters_reads_as_the_words(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The State wants three leather manufacturing clusters (LMCs) in Tamil Nadu.\n"
        "An LMC at Pernambut in Vellore district has been approved. The other two proposed LMCs "
        "would be set up at Melpatti in Vellore district, and Bargur in Krishnagiri district.\n",
    )
    located = _rels(found, "LOCATED_IN")
    clusters = _clusters(found)
    assert len(clusters) == 3
    assert {place for _, place in located if _ in clusters} == {"Vellore", "Krishnagiri"}
    assert any(name.startswith("Bargur") for name in clusters)


def test_a_name_given_a_role_with_as_is_a_body_in_that_role(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "Guided by the expertise of KIIT-TBI as the Technical Agency and driven by the work "
        "of Gramya Vikas Manch as the Implementing Agency, the Kendu Leaf Cluster in Angul "
        "has grown.\n",
    )
    assert ("Gramya Vikas Manch", "Kendu Leaf Cluster") in _rels(found, "IMPLEMENTS")


def test_a_name_given_its_role_in_brackets_is_a_body_in_that_role(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The Kendu Leaf Cluster in Angul opened its new centre on Monday.\n"
        "Guests: Smt R Das, KVIB Odisha (Nodal Agency, MSME); Sri P Rout, Agrotech Foods "
        "(Technical Agency MSME).\n",
    )
    bodies = {e["name"] for e in found["entities"] if e["type"] == "Agency"}
    assert {"KVIB Odisha", "Agrotech Foods"} <= bodies  # a state in a name is part of it
    linked = _rels(found, "IMPLEMENTS") | {(b, c) for c, b in _rels(found, "SUPPORTED_BY")}
    assert {
        ("KVIB Odisha", "Kendu Leaf Cluster"),
        ("Agrotech Foods", "Kendu Leaf Cluster"),
    } <= linked


def test_a_cluster_in_an_industrial_area_of_a_states_district(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The Ministry approved a 120-acre greenfield toy cluster in the Bhanapur and Kukanoor "
        "Industrial Area of Karnataka's Koppal district, at a cost of Rs 90 crore.\n",
    )
    clusters = _clusters(found)
    assert list(clusters) == ["Bhanapur Toy Cluster"]  # no "Acre Greenfield" in its name
    assert ("Bhanapur Toy Cluster", "Koppal") in _rels(found, "LOCATED_IN")


def test_a_scheme_named_with_its_kind_in_lower_case(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "A toy cluster at Bhanapur in Koppal district was approved. The project is part of the "
        "Centre's Toy Manufacturing Clusters scheme. The Tamil Nadu scheme is another.\n",
    )
    schemes = {e["name"] for e in found["entities"] if e["type"] == "Scheme"}
    assert schemes == {"Toy Manufacturing Clusters scheme"}  # a state's name is no scheme's
    assert ("Bhanapur Toy Cluster", "Toy Manufacturing Clusters scheme") in _rels(
        found, "SUPPORTED_BY"
    )


def test_a_headlines_cluster_is_the_bodys_and_the_project_is_it(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "TITLE: Centre approves toy manufacturing cluster in Hospet, Karnataka\n\n"
        "The Ministry approved a greenfield toy cluster at Bhanapur in Koppal district.\n"
        "Karnataka Industrial Area Development Board will implement the project.\n",
    )
    clusters = _clusters(found)
    assert list(clusters) == ["Bhanapur Toy Cluster"]  # not a second one at Hospet
    assert _rels(found, "LOCATED_IN") >= {("Bhanapur Toy Cluster", "Koppal")}
    assert not any(c == "Bhanapur Toy Cluster" and p == "Karnataka"
                   for c, p in _rels(found, "LOCATED_IN"))  # fmt: skip
    implementers = {b for b, _ in _rels(found, "IMPLEMENTS")}
    assert any("Industrial Area" in b for b in implementers)


def test_a_table_row_written_in_capitals_gives_the_cluster_its_district(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "S.No. MSME-DI State District Cluster Name Status\n"
        "1 Jaipur RAJASTHAN BIKANER Woollen Carpet Cluster Clarification sought by MSME-DFO\n"
        "2 Kanpur UTTAR PRADESH BAREILLY Rice and Rice Bran Cluster DPR uploaded by SPV\n",
    )
    clusters = _clusters(found)
    assert {"Woollen Carpet Cluster", "Rice and Rice Bran Cluster"} <= set(clusters)
    located = _rels(found, "LOCATED_IN")
    assert ("Woollen Carpet Cluster", "Bikaner") in located
    assert ("Rice and Rice Bran Cluster", "Bareilly") in located


def test_a_village_the_document_places_keeps_its_district(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "Rani Bhagalpur, a village in Banka district of Bihar, has many silk weavers.\n"
        "The minister announced that a silk cluster will be set up at Rani Bhagalpur village.\n",
    )
    clusters = _clusters(found)
    assert list(clusters) == ["Rani Bhagalpur Silk Cluster"]
    located = _rels(found, "LOCATED_IN")
    assert ("Rani Bhagalpur Silk Cluster", "Banka") in located
    assert not any(p == "Bhagalpur" for _, p in located)  # the village's name, no district


def test_coordinated_products_before_plural_clusters_are_a_cluster_each(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The new projects are bamboo craft and terracotta clusters in Bankura, and gems and "
        "jewellery clusters in Jaipur.\n",
    )
    clusters = set(_clusters(found))
    assert {"Bankura Bamboo Craft Cluster", "Bankura Terracotta Cluster"} <= clusters
    # a pair that names one trade (the registry's and the ODOP list's products) stays one
    assert not any(c.endswith("Gems Cluster") for c in clusters)


def test_a_cluster_without_a_place_shares_the_next_coordinated_clusters(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The list has a mat weaving cluster and a cane furniture cluster in Barpeta.\n",
    )
    clusters = _clusters(found)
    assert {"Barpeta Mat Weaving Cluster", "Barpeta Cane Furniture Cluster"} <= set(clusters)
    located = _rels(found, "LOCATED_IN")
    assert ("Barpeta Mat Weaving Cluster", "Barpeta") in located


def test_a_clusters_centre_and_a_cluster_of_a_place(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The ginger and allied spices cluster common facility centre with a drying line was "
        "opened in Mokokchung district on Monday.\n"
        "The society has helped revive the bell metal cluster of Khordha over ten years.\n",
    )
    clusters = _clusters(found)
    located = _rels(found, "LOCATED_IN")
    assert ("Khordha Bell Metal Cluster", "Khordha") in located
    spices = [c for c in clusters if "Spices" in c]
    assert spices and (spices[0], "Mokokchung") in located
    # "of" gives a place only when a place follows
    assert not _clusters(_read(tables_kb, tmp_path, "It is a rice cluster of 250 mills.\n"))


def test_a_report_heading_in_capitals_names_its_cluster(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "PROFILE OF THE CLUSTER : CHANNAGIRI AREKA LEAF PLATES CLUSTER, Davanagere district\n",
    )
    clusters = _clusters(found)
    assert "Channagiri Areka Leaf Plates Cluster" in clusters, clusters


def test_a_project_reports_cover_and_profile_labels(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "Detailed Project Report\n\nDHOKRA BELL METAL CLUSTER\n\nNodal Agency\n\nKVIC, Mumbai\n\n"
        "Technical Agency\n\nCIPET, Raipur\n\nFacilitating Agency SHILPGRAM CRAFTS FOUNDATION\n\n"
        "PROJECT SUMMARY\n\n"
        "1. Name of Cluster: Dhokra Bell Metal Cluster 2. State: Chhattisgarh\n\n"
        "District: Kondagaon District Villages: Bhelwapadar, Karanput\n\n"
        "3. Name of IA: Bhelwapadar Shilpi Producer Company\n\nLimited, Bhelwapadar, Kondagaon\n",
    )
    clusters = _clusters(found)
    assert list(clusters) == ["Dhokra Bell Metal Cluster"], clusters
    # the district the profile's label gives, though the cover names two others
    assert ("Dhokra Bell Metal Cluster", "Kondagaon") in _rels(found, "LOCATED_IN")
    implements = _rels(found, "IMPLEMENTS")
    # a role on the line above its holder, and "IA:" as a label
    assert ("Khadi and Village Industries Commission", "Dhokra Bell Metal Cluster") in implements
    assert ("Bhelwapadar Shilpi Producer Company Limited", "Dhokra Bell Metal Cluster") in (
        implements
    ), implements
    # a role, then its holder's name in capitals, on one line
    assert ("Dhokra Bell Metal Cluster", "Shilpgram Crafts Foundation") in _rels(
        found, "SUPPORTED_BY"
    )


def test_a_clusters_town_placed_by_its_block_and_the_scheme_in_its_name(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "TITLE: About us: Sfurti Durrie Cluster, Dhuri\n\n"
        "The Sfurti Durrie Cluster is run by a weavers' society.\n"
        "Dhuri block of Sangrur District was chosen for the project as most weavers live there.\n",
    )
    clusters = _clusters(found)
    assert len(clusters) == 1, clusters
    name = next(iter(clusters))
    assert (name, "Sangrur") in _rels(found, "LOCATED_IN")
    assert (name, "Scheme of Fund for Regeneration of Traditional Industries") in _rels(
        found, "SUPPORTED_BY"
    )


def test_a_craft_park_is_a_cluster_placed_where_it_is_situated(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "History Of Shilpgram Memorial Craft Park\n"
        "The Shilpgram Craft Park is situated at Dhordo village in Kutch and houses 200 artisans.\n"
        "Artisans from the North East States also show their crafts in the park.\n",
    )
    assert list(_clusters(found)) == ["Shilpgram Memorial Craft Park"]
    assert ("Shilpgram Memorial Craft Park", "Kachchh") in _rels(found, "LOCATED_IN")
    # Delhi's North East district only as "North East district": here it is a region
    assert "North East" not in {e["name"] for e in found["entities"] if e["type"] == "District"}


def test_a_table_of_places_and_their_crafts_lists_the_clusters(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # one cluster a row, named by its place and craft; a district the gazetteer cannot tell
    # from its namesakes keeps the document's state
    text = (
        "Craft Villages of the State\n"
        "The department is developing Craft Villages in four places with design support.\n"
        "District Name | Main Craft |\n"
        "---|---|\n"
        "Bankura | Terracotta, Dokra |\n"
        "Purulia | Chau mask |\n"
        "Nadia | Clay doll |\n"
        "Bardhaman | Wooden doll |\n"
        "Training\n"
        "Birbhum | 40 |\n"
    )
    found = _read(tables_kb, tmp_path, text)
    assert set(_clusters(found)) == {
        "Bankura Terracotta and Dokra Cluster",
        "Purulia Chau Mask Cluster",
        "Nadia Clay Doll Cluster",
        "Bardhaman Wooden Doll Cluster",
    }
    located = _rels(found, "LOCATED_IN")
    assert ("Purulia Chau Mask Cluster", "Purulia") in located
    assert ("Bardhaman Wooden Doll Cluster", "West Bengal") in located
    # the same table under ODOP lists each district's product, and a document about no
    # clusters lists no cluster either
    odop = text.replace("Craft Villages of the State", "One District One Product (ODOP)")
    assert not _clusters(_read(tables_kb, tmp_path, odop, "odop.txt"))
    plain = text.replace("Craft Villages", "craft").replace("developing craft", "supporting craft")
    assert not _clusters(_read(tables_kb, tmp_path, plain, "plain.txt"))


def test_a_known_schemes_short_name_in_a_document_naming_its_ministry(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # the Ministry of MSME's "Cluster Development Programme" is MSE-CDP; with no ministry
    # named, or another's, the short name stays a scheme of its own
    text = (
        "Cluster Development Programme, Ministry of Micro, Small & Medium Enterprises\n"
        "S.No. | District | Cluster Name | Status |\n"
        "1 | Agra | Leather Footwear Cluster | DPR uploaded by SPV |\n"
    )
    schemes = lambda f: {e["name"] for e in f["entities"] if e["type"] == "Scheme"}  # noqa: E731
    found = _read(tables_kb, tmp_path, text)
    assert schemes(found) == {"Micro and Small Enterprises Cluster Development Programme"}
    # "Cluster Name" heads a column: no cluster of that name
    assert list(_clusters(found)) == ["Leather Footwear Cluster"]
    other = _read(tables_kb, tmp_path, text.replace("Micro, Small & Medium", "Rural"), "o.txt")
    assert schemes(other) == {"Cluster Development Programme"}


def test_a_scheme_name_an_earlier_document_gave_is_that_scheme(
    tables_home: Path, tmp_path: Path
) -> None:
    # the first document ties "Cluster Development Programme" to MSE-CDP (it names the
    # Ministry of MSME); the second, ingested with it, writes the name and then its acronym:
    # both are MSE-CDP, and its clusters keep their scheme
    texts = {
        "a.txt": "Cluster Development Programme, Ministry of Micro, Small & Medium Enterprises\n"
        "The Ministry of Micro, Small & Medium Enterprises approved the Leather Cluster at "
        "Agra under the Cluster Development Programme.\n",
        "b.txt": "This is part of the Cluster Development Programme (CDP) of the Centre and the "
        "states.\nThe state has the rubber cluster at Changanasserry and plastic cluster at "
        "Aluva.\nThe CDP is aimed at the competitiveness of small firms.\n",
    }
    with _ingested(tables_home, tmp_path, texts) as kb:
        supported = {
            (e.source, e.target) for e in kb.store.edges("SUPPORTED_BY") if "doc:b" in
            {p.source for p in e.provenance}
        }  # fmt: skip
        schemes = {t for _, t in supported if t.startswith("scheme:")}
        assert schemes == {"scheme:micro-and-small-enterprises-cluster-development-programme"}
        assert len(supported) >= 2  # both clusters of the second document


def test_a_centre_the_document_describes_is_its_project(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # a document naming no cluster: "the CFC in <place>" is its project, named by the place
    # and the craft of the artisans it serves; the scheme it was set up under backs it
    found = _read(
        tables_kb,
        tmp_path,
        "A new life for cane weavers\n"
        "Weavers of the district struggled for years to sell their mats.\n"
        "Cane artisans now work at the CFC in Cachar, Assam.\n"
        "A Common Facility Centre for the cane artisans of the village was set up under SFURTI.\n",
    )
    assert list(_clusters(found)) == ["Cachar Cane Cluster"]
    assert ("Cachar Cane Cluster", "Cachar") in _rels(found, "LOCATED_IN")
    # with a cluster named in the document, "the CFC" is that cluster's centre
    named = _read(
        tables_kb,
        tmp_path,
        "The Silchar Cane Cluster has many weavers.\n"
        "Cane artisans now work at the CFC in Cachar, Assam.\n",
        "named.txt",
    )
    assert list(_clusters(named)) == ["Silchar Cane Cluster"]


def test_a_centre_coordinated_with_another_facility_is_placed_by_their_verb(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # the parser makes the centre a modifier of the noun coordinated with it; the centre
    # shares that noun's verb and its place; "the NGO X" names a body
    found = _read(
        tables_kb,
        tmp_path,
        "A Common Facility Centre and Raw Materials Bank built by Barak Seva Sangha was "
        "inaugurated at Lakhipur on Monday.\n"
        "The weavers have worked with the NGO Barak Seva Sangha for two years.\n"
        "They were trained by the NGO Lakhipur Mahila Samiti.\n",
    )
    assert list(_clusters(found)) == ["Lakhipur Common Facility Centre"]
    agencies = {e["name"] for e in found["entities"] if e["type"] == "Agency"}
    assert {"Barak Seva Sangha", "Lakhipur Mahila Samiti"} <= agencies, agencies


def test_the_scheme_most_of_a_documents_scheme_mentions_name_backs_its_cluster(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    text = (
        "The Kolar Silk Cluster has 300 weavers.\n"
        "SFURTI helps traditional industries across the country.\n"
        "SFURTI has reached many clusters of the state.\n"
        "Some weavers also took PMEGP loans.\n"
    )
    sfurti = "Scheme of Fund for Regeneration of Traditional Industries"
    backed = _rels(_read(tables_kb, tmp_path, text), "SUPPORTED_BY")
    assert ("Kolar Silk Cluster", sfurti) in backed
    # two schemes named once each: neither is the document's
    even = text.replace("SFURTI helps traditional industries across the country.\n", "")
    backed = _rels(_read(tables_kb, tmp_path, even, "even.txt"), "SUPPORTED_BY")
    assert not {t for s, t in backed if s == "Kolar Silk Cluster"}, backed


def test_a_body_the_department_partnered_with_supports_the_listed_clusters(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    text = (
        "Craft Villages of the State\n"
        "The Department of Textiles has partnered with UNIDO to revive the crafts of the state.\n"
        "District Name | Main Craft |\n"
        "---|---|\n"
        "Purulia | Chau mask |\n"
        "Nadia | Clay doll |\n"
    )
    backed = {(s, t) for s, t in _rels(_read(tables_kb, tmp_path, text), "SUPPORTED_BY")
              if "Industrial Development Organization" in t}  # UNIDO  # fmt: skip
    assert {s for s, _ in backed} == {"Purulia Chau Mask Cluster", "Nadia Clay Doll Cluster"}


def test_an_acronym_of_a_kind_of_cluster_names_clusters(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # the document writes the kind out once and then uses its initials, undefined
    text = (
        "The state has 40 Gram Udyog Kendra Clusters under the scheme.\n"
        "In Sambalpur district, artisans in two clusters, Kolabira GUKC and Jujumura GUKC, "
        "will make leaf plates.\n"
    )
    found = _read(tables_kb, tmp_path, text)
    located = _rels(found, "LOCATED_IN")
    names = set(_clusters(found))
    assert {n for n in names if n.startswith(("Kolabira", "Jujumura"))} == names - {
        n for n in names if not n.startswith(("Kolabira", "Jujumura"))
    }
    assert any(s.startswith("Kolabira") and t == "Sambalpur" for s, t in located), located
    assert any(s.startswith("Jujumura") and t == "Sambalpur" for s, t in located), located


def test_a_district_named_with_a_direction_and_two_words_is_the_clusters_place(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    text = (
        "Eri Cluster survey\n"
        "The Eri Cluster has 300 weavers.\n"
        "Weavers from all blocks of West Garo Hills attended the survey of West Garo Hills.\n"
    )
    located = _rels(_read(tables_kb, tmp_path, text), "LOCATED_IN")
    assert ("Eri Cluster", "West Garo Hills") in located, located


def test_a_district_written_the_english_way_is_its_lgd_district(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    text = "Sabai grass cluster\nA sabai grass cluster will come up in Keonjhar district.\n"
    located = _rels(_read(tables_kb, tmp_path, text), "LOCATED_IN")
    assert any(t == "Kendujhar" for _, t in located), located


def test_a_hub_or_park_of_a_product_is_a_cluster_project_and_a_concentration_centre_too(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "hub" and "park" stand for a cluster project when a product word qualifies them, as a
    # crafts concentration centre does; an industrial park or an export hub names no product
    found = _read(
        tables_kb,
        tmp_path,
        "New projects for Birbhum\n"
        "The projects include a Brass Hub at Nalhati in Birbhum district at a cost of Rs 6 crore.\n"
        "An Industrial Park is coming up at Bolpur in Birbhum district.\n"
        "The town is an export hub of rice from Birbhum district.\n"
        "The minister also opened a Cane Crafts Concentration Centre in Rampurhat, Birbhum.\n",
    )
    names = set(_clusters(found))
    assert any("Brass" in n and "Nalhati" in n for n in names), names
    assert any("Cane" in n for n in names), names
    assert not any("Industrial" in n or "Rice" in n or "Export" in n for n in names), names


def test_units_at_listed_places_are_a_cluster_each_with_the_product_nearest_them(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # a document naming no cluster: units set up at three places are a cluster each; the
    # product is the word nearest the units ("state-of-the-art" names none; "Pickles" of an
    # ODOP product's name gives "pickle"); a district listed like the others is a place of
    # its own, and a district's headquarters town is in that district
    found = _read(
        tables_kb,
        tmp_path,
        "Women's groups to make pickles for meal centres in Odisha\n"
        "The department is setting up three state-of-the-art pickle manufacturing units at "
        "Baripada, Paralakhemundi and Dhenkanal to cater to the meal centres.\n",
    )
    clusters = set(_clusters(found))
    assert clusters == {
        "Baripada Pickle Cluster",
        "Paralakhemundi Pickle Cluster",
        "Dhenkanal Pickle Cluster",
    }, clusters
    located = _rels(found, "LOCATED_IN")
    assert ("Baripada Pickle Cluster", "Mayurbhanj") in located
    assert ("Paralakhemundi Pickle Cluster", "Gajapati") in located


def test_units_said_to_work_on_a_product_give_the_documents_product(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "processing and allied units" name no product; "units on turmeric, ginger ..." do, and
    # the headline's units in two villages take that product
    found = _read(
        tables_kb,
        tmp_path,
        "Processing, allied units start in Kheti, Thinsa\n"
        "KHONSA, 11 Aug: Two processing and allied units on turmeric, ginger and mushrooms "
        "were inaugurated in Tirap district on Friday.\n",
    )
    names = set(_clusters(found))
    assert names and all("Turmeric" in n for n in names), names
    assert not any("Allied" in n for n in names), names


def test_a_producers_group_written_with_its_place_runs_the_cluster_there(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # named SHGs, FPOs and area level federations are businesses; each written with its place
    # ("X SHG, Baripada", "Y FPO of Dhenkanal") runs the cluster at that place; a list of
    # them is no scheme's name, and "Mission Jyoti ALF" is no scheme ending in "Mission"
    found = _read(
        tables_kb,
        tmp_path,
        "Women's groups to make pickles in Odisha\n"
        "The department is setting up pickle manufacturing units at Baripada and Dhenkanal.\n"
        "The government has selected Maa Tarini SHG, Baripada and Mahila Mission Jyoti ALF, "
        "Dhenkanal to run the pickle centres.\n",
    )
    groups = {e["name"] for e in found["entities"] if e["type"] == "Enterprise"}
    assert {"Maa Tarini SHG", "Mahila Mission Jyoti ALF"} <= groups, groups
    assert not [e for e in found["entities"] if e["type"] == "Scheme"], found["entities"]
    runs = _rels(found, "IMPLEMENTS")
    assert ("Maa Tarini SHG", "Baripada Pickle Cluster") in runs, runs
    assert ("Mahila Mission Jyoti ALF", "Dhenkanal Pickle Cluster") in runs, runs
    assert ("Maa Tarini SHG", "Dhenkanal Pickle Cluster") not in runs, runs


def test_a_programme_named_by_mission_and_its_name_is_a_scheme(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "Mission Jyoti" is a programme's name that "Mission" opens; the "Mission Director" is an
    # officer, no programme; a group whose name holds the programme's is a group
    found = _read(
        tables_kb,
        tmp_path,
        "Women's groups to make pickles in Odisha\n"
        "Mission Jyoti is setting up pickle manufacturing units at Baripada and Dhenkanal.\n"
        "The Mission Director visited Maa Mission Jyoti SHG, Baripada.\n",
    )
    schemes = {e["name"] for e in found["entities"] if e["type"] == "Scheme"}
    assert schemes == {"Mission Jyoti"}, schemes
    groups = {e["name"] for e in found["entities"] if e["type"] == "Enterprise"}
    assert "Maa Mission Jyoti SHG" in groups, groups


def test_a_unit_for_a_body_of_a_place_is_placed_by_its_own_phrase(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # the place hangs on the body the unit is for, not on the verb or the unit
    found = _read(
        tables_kb,
        tmp_path,
        "The Collector laid the foundation stone for a mango processing unit for the Sakthi "
        "Farmer Producer Company Ltd of Krishnagiri District at Kaveripattinam last week.\n",
    )
    clusters = _clusters(found)
    assert len(clusters) == 1
    (name,) = clusters
    assert "Mango" in name
    assert (name, "Krishnagiri") in _rels(found, "LOCATED_IN")


def test_a_value_addition_unit_of_a_product_is_a_cluster_project(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "The Collector opened the district's fifth jackfruit value-addition unit at "
        "Panruti in Cuddalore district on Monday.\n",
    )
    names = list(_clusters(found))
    assert len(names) == 1 and "Jackfruit" in names[0]
    assert "Fifth" not in names[0]  # an ordinal counts the units, it names no product
    assert (names[0], "Cuddalore") in _rels(found, "LOCATED_IN")


def test_two_places_joined_name_a_cluster_whole(tables_kb: KnowledgeBase, tmp_path: Path) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "Work on the common facility centre of the Cuttack-Bhubaneswar Engineering Cluster "
        "will begin soon.\n",
    )
    names = list(_clusters(found))
    assert names == ["Cuttack-Bhubaneswar Engineering Cluster"]  # not "-Bhubaneswar ..."
    assert (names[0], "Cuttack") in _rels(found, "LOCATED_IN")


def test_a_firm_that_sets_up_a_clusters_centre_is_its_anchor(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "A cashew processing centre will be set up by Konkan Agro Foods Private Limited at "
        "Vengurla in Sindhudurg district.\n"
        "A cashew processing centre at Malvan in Sindhudurg district was visited by Sea Breeze "
        "Exports Private Limited.\n",
    )
    anchors = _rels(found, "ANCHORS")
    assert any(src == "Konkan Agro Foods Private Limited" for src, _ in anchors)
    assert not any(src.startswith("Sea Breeze") for src, _ in anchors)  # a visit anchors nothing


def test_a_known_body_written_as_a_company_is_that_body(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "Yarn for the weavers of the Chanderi handloom cluster will be supplied by the National "
        "Handloom Development Corp at mill-gate prices.\n",
    )
    bodies = {e["name"]: e["type"] for e in found["entities"] if "Handloom Dev" in e["name"]}
    assert bodies and set(bodies.values()) == {"Agency"}  # no firm "... Corp" beside it


def test_a_cluster_making_what_the_kb_knows_no_product_for_keeps_its_words(
    tables_home: Path, tmp_path: Path
) -> None:
    # "solar panels" is no ODOP product: the cluster keeps the words as its product, as a
    # registry row does, and "what does it make" is answered from them; an unknown town's name
    # ("Gondpur Cluster") is no product
    text = (
        "Karnataka will set up a solar panels cluster in Kalaburagi district.\n"
        "A proposal for the Gondpur Cluster in Una district was also sent to the Centre.\n"
    )
    with _ingested(tables_home, tmp_path, {"a.txt": text}) as kb:
        clusters = {n.name: n for n in kb.store.nodes("Cluster") if "doc:a" in
                    {p.source for p in n.provenance}}  # fmt: skip
        solar = next(n for name, n in clusters.items() if "Solar" in name)
        assert solar.attrs.get("product") == "Solar Panels"
        gondpur = [n for name, n in clusters.items() if "Gondpur" in name]
        assert gondpur and all("product" not in n.attrs for n in gondpur)
        a = kb.ask(f"What does the {solar.name} make?")
        assert a.answered and "Solar Panels" in a.answer


def test_clusters_named_after_the_scheme_they_were_spoken_of_under_are_backed_by_it(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "clusters ... under <scheme>, ... adding that clusters have been approved in A, B and C":
    # the clusters the sentence goes on to name are those it set up under the scheme (the
    # document names other schemes, so none is its one scheme backing every cluster)
    text = (
        "There is a proposal to set up clusters in the areas of weaving and food processing "
        "under the Micro and Small Enterprises Cluster Development Programme, the minister "
        "said, adding that clusters have been approved in Tahliwal, Parwanoo and Gondpur.\n"
        "Artisans are also trained under the PM Vishwakarma scheme, and the state's "
        "Strategic Investment Policy draws investors.\n"
    )
    found = _read(tables_kb, tmp_path, text)
    mse_cdp = "Micro and Small Enterprises Cluster Development Programme"
    backed = {c for c, s in _rels(found, "SUPPORTED_BY") if s == mse_cdp}
    assert (
        backed
        == set(_clusters(found))
        == {f"{p} Cluster" for p in ("Tahliwal", "Parwanoo", "Gondpur")}
    )
    # a second scheme in the sentence leaves it unsaid which backs them
    two = text.replace("Programme, the minister", "Programme and the SFURTI scheme, the minister")
    found = _read(tables_kb, tmp_path, two, "two.txt")
    assert len(_clusters(found)) == 3 and not _rels(found, "SUPPORTED_BY")


def test_a_document_naming_no_cluster_is_about_its_one_cluster(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "form a cluster", "the cluster" with no product or place of its own: the one cluster the
    # document is about, at the place named where it speaks of the cluster, making what it
    # writes most; a country it names is no place of the cluster
    text = (
        "Brass artisans of Moradabad form a cluster\n\n"
        "Brass artisans of Moradabad have come together to form a cluster, officials said.\n"
        "The artisans make brass utensils and decorative brass items in small workshops.\n"
        "Competition from China has hurt the sale of brass goods, the artisans said.\n"
        "The cluster will soon set up a design studio for the brass artisans.\n"
    )
    found = _read(tables_kb, tmp_path, text)
    assert list(_clusters(found)) == ["Moradabad Brass Cluster"]
    assert ("Moradabad Brass Cluster", "Moradabad") in _rels(found, "LOCATED_IN")
    # a district's name that is a person's ("Minister Sirsa") is not where the cluster is
    potters = (
        "Potters get a common facility centre, says Minister Sirsa\n\n"
        "Industries Minister Manjinder Singh Sirsa said potters of Bulandshahr will get a "
        "common facility centre.\n"
        "Minister Sirsa said the pottery kilns of the potters would be moved to the centre.\n"
        "The pottery sold by the potters of Bulandshahr reaches markets across the country.\n"
    )
    found = _read(tables_kb, tmp_path, potters, "potters.txt")
    assert list(_clusters(found)) == ["Bulandshahr Pottery Cluster"]


def test_a_document_about_many_clusters_or_only_a_country_has_no_one_cluster(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    many = (
        "State to launch 20 new industrial clusters\n\n"
        "The state government will launch 20 new industrial clusters in Moradabad and other "
        "districts next month.\n"
        "The clusters will have roads, power and common effluent treatment plants.\n"
    )
    assert not _clusters(_read(tables_kb, tmp_path, many))
    abroad = (
        "Toy makers look for help\n\n"
        "Toy makers said competition from China and Vietnam had cut their orders.\n"
        "Imports from China were cheaper, the toy makers said, and China had better machines.\n"
        "The toy makers want a cluster of their own.\n"
    )
    assert not _clusters(_read(tables_kb, tmp_path, abroad, "abroad.txt"))


def test_bodies_acting_in_a_document_about_one_cluster_support_it(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # no sentence names the cluster with these bodies or gives them a role; they act in a
    # document about the one cluster: the subject of a verb, the agent after "by", the giver
    # after "support from"; a body only named ("officials of X") does not act
    text = (
        "The Cane Cluster at Barpeta was set up in 2019.\n"
        "The Khadi and Village Industries Commission organised the first exhibition.\n"
        "Designs were prepared with technical support from the Indian Institute of "
        "Entrepreneurship.\n"
        "Officials of the National Bank for Agriculture and Rural Development were present.\n"
        "Looms were bought through the North Eastern Development Finance Corporation.\n"
    )
    found = _read(tables_kb, tmp_path, text)
    supporters = {b for c, b in _rels(found, "SUPPORTED_BY") if c == "Cane Cluster"}
    assert {"Khadi and Village Industries Commission", "Indian Institute of Entrepreneurship"} <= (
        supporters
    )
    assert any("North Eastern Development Finance" in b for b in supporters)  # "through"
    assert not any("Agriculture and Rural" in b for b in supporters)
    # listed after an acting body (with its seat between), in talks with, along with
    more = text + (
        "The fair was spearheaded by the Coir Board, Kochi, and the Central Silk Board.\n"
        "The State is in talks with the National Jute Board for a yarn depot.\n"
        "The KVIC, along with the Textiles Committee, held a fair in 2021.\n"
    )
    found = _read(tables_kb, tmp_path, more, "more.txt")
    supporters = {b for c, b in _rels(found, "SUPPORTED_BY") if c == "Cane Cluster"}
    assert {"Central Silk Board", "National Jute Board", "Textiles Committee"} <= supporters
    # with two clusters in the document, it does not say which one a body works for
    two = text.replace(
        "set up in 2019.", "set up in 2019, and the Bamboo Cluster at Nalbari in 2020."
    )
    two += "The Bamboo Cluster at Nalbari was surveyed by the National Institute of Design.\n"
    found = _read(tables_kb, tmp_path, two, "two.txt")
    backers = _rels(found, "SUPPORTED_BY")
    assert not any(b == "Khadi and Village Industries Commission" for _, b in backers)
    # ... but a body acting in a sentence naming one of them alone works for that one
    assert ("Bamboo Cluster", "National Institute of Design") in backers
    # a body acting in the lede, before the document names any of its clusters, is behind
    # each of them; one only named there is not
    lede = (
        "The Khadi and Village Industries Commission has launched a craft drive in Assam, "
        "said officials of the National Bank for Agriculture and Rural Development.\n"
        "The Cane Cluster at Barpeta and the Bamboo Cluster at Nalbari were set up in 2019.\n"
    )
    backers = _rels(_read(tables_kb, tmp_path, lede, "lede.txt"), "SUPPORTED_BY")
    kvic = "Khadi and Village Industries Commission"
    assert {("Cane Cluster", kvic), ("Bamboo Cluster", kvic)} <= backers
    assert not any("Agriculture and Rural" in b for _, b in backers)
    # after the first cluster is named, the lede is over
    late = lede.replace("in 2019.\n", "in 2019.\nThe Khadi and Village Industries Commission "
                        "held a fair.\n").replace("The Khadi and Village Industries Commission "
                        "has launched", "A craft drive was launched")  # fmt: skip
    backers = _rels(_read(tables_kb, tmp_path, late, "late.txt"), "SUPPORTED_BY")
    assert not any(b == kvic for _, b in backers)


def test_bodies_paying_a_share_of_the_cost_fund_the_cluster(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # the second body's verb is left out ("the State Government 20 per cent"): its share
    # says it pays; a body named in a sentence with no share or cost does not
    text = (
        "A common facility centre will come up at the Brass Cluster at Moradabad, Uttar "
        "Pradesh, at a cost of Rs 12 crore.\n"
        "The Central Government will bear 70 per cent of the cost, the State Government 20 "
        "per cent and the units 10 per cent.\n"
        "Officials of the National Bank for Agriculture and Rural Development attended.\n"
    )
    found = _read(tables_kb, tmp_path, text)
    roles = {(r["target"], r["role"]) for r in found["relations"]
             if r["relation"] == "SUPPORTED_BY" and r["source"] == "Brass Cluster"}  # fmt: skip
    assert ("Government of Uttar Pradesh", "funding") in roles
    assert not any("Agriculture and Rural" in b for b, _ in roles)


def test_a_document_about_growers_of_one_place_is_about_their_cluster(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # no cluster word at all: farmers of one district and what they grow
    text = (
        "Spice firm to buy ginger from Wokha farmers\n\n"
        "A spice firm will buy ginger from 300 farmers of Wokha district this season.\n"
        "The ginger farmers were trained in washing and drying the ginger.\n"
    )
    assert list(_clusters(_read(tables_kb, tmp_path, text))) == ["Wokha Ginger Cluster"]


def test_the_state_government_is_not_delhi_where_the_union_sits(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "sent to Delhi" names the Union's seat, not the state whose government the page means
    text = (
        "The Deogiri Brass Cluster in Maharashtra was proposed to Delhi.\n"
        "Officials in Delhi approved it, and the report went to Delhi in 2021.\n"
        "The State government will give 15 per cent of the cost.\n"
    )
    names = {e["name"] for e in _read(tables_kb, tmp_path, text)["entities"]}
    assert "Government of Maharashtra" in names
    assert "Government of Delhi" not in names


def test_a_body_the_title_names_works_for_the_documents_clusters(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # a page published by a body, or its report, names the body in its title: the body is
    # behind what the page describes; named only in the text, it is not
    body = "The Brass Cluster at Moradabad makes lamps; its artisans met the Coir Board.\n"
    titled = "TITLE: Brass lamps: a case study (Khadi and Village Industries Commission)\n\n" + body
    backers = _rels(_read(tables_kb, tmp_path, titled, "titled.txt"), "SUPPORTED_BY")
    assert ("Brass Cluster", "Khadi and Village Industries Commission") in backers
    assert ("Brass Cluster", "Coir Board") not in backers


def test_clusters_for_a_list_of_districts_are_one_in_each(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # the districts written before the word "districts" (the parser's modifiers of it), after
    # the verb ("will come up in") or far down the clusters' own phrase ("under the scheme
    # for"): a cluster in each; a capitalised kind of several ("Coir Processing Clusters") is
    # no one cluster's name, and "additional" is no part of a product
    found = _read(
        tables_kb,
        tmp_path,
        "Coir clusters for Kerala\n"
        "Coir clusters will come up in Alappuzha and Kollam districts under SFURTI.\n"
        "Two additional Cashew Processing Clusters under the same scheme for Kollam and "
        "Thiruvananthapuram districts are to be approved.\n",
    )
    clusters = set(_clusters(found))
    assert {
        "Alappuzha Coir Cluster",
        "Kollam Coir Cluster",
        "Kollam Cashew Processing Cluster",
        "Thiruvananthapuram Cashew Processing Cluster",
    } <= clusters, clusters
    assert "Cashew Processing Cluster" not in clusters
    located = _rels(found, "LOCATED_IN")
    assert ("Thiruvananthapuram Cashew Processing Cluster", "Thiruvananthapuram") in located


def test_a_district_qualifying_the_clusters_town_is_no_second_cluster(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "Kerala to set up a boat building cluster\n"
        "The government will establish a boat building cluster of the state at Cherthala in "
        "the Alappuzha district, the minister said.\n",
    )
    clusters = set(_clusters(found))
    assert "Alappuzha Boat Building Cluster" not in clusters, clusters


def test_clusters_set_out_a_line_each_after_an_announcing_line(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # a line announcing clusters with a colon, then a place a line (its state after a comma or
    # in brackets): a cluster at each place, of the product the announcing line names; the
    # list ends at the first line that is not a place
    found = _read(
        tables_kb,
        tmp_path,
        "Bamboo mission picks its clusters\n"
        "The following bamboo clusters were selected under the mission:\n"
        "- Dhemaji, Assam\n"
        "- Kolasib (Mizoram)\n"
        "- Dhalai, Tripura\n"
        "Training will begin in March.\n",
    )
    clusters = set(_clusters(found))
    assert {
        "Dhemaji Bamboo Cluster",
        "Kolasib Bamboo Cluster",
        "Dhalai Bamboo Cluster",
    } <= clusters, clusters
    located = _rels(found, "LOCATED_IN")
    assert ("Kolasib Bamboo Cluster", "Kolasib") in located, located
    assert not any(name.startswith("Training") for name in clusters), clusters


def test_a_place_the_tagger_calls_a_noun_is_still_an_items_place(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "<Place> for <product>" items: the last place, a town no table knows, is tagged a noun;
    # after a separator and before "for" it is still an item's place
    found = _read(
        tables_kb,
        tmp_path,
        "Five MSME clusters for Jharkhand\n"
        "The Union ministry has shortlisted places for development as clusters.\n"
        "The places shortlisted are Bokaro for engineering and fabrication, Ramgarh for mini "
        "cement plants and Chirkunda for refractory products.\n",
    )
    clusters = set(_clusters(found))
    assert {"Bokaro Engineering Cluster", "Chirkunda Refractory Products Cluster"} <= clusters, (
        clusters
    )


def test_districts_coordinated_before_a_plural_clusters_phrase_are_a_cluster_each(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "the Nuapada, Sonepur and Boudh handloom clusters": each district coordinated before the
    # one heading the product has a cluster of that product; a word no table places stops it
    found = _read(
        tables_kb,
        tmp_path,
        "Funds for Odisha's weavers\n"
        "The ministry sanctioned funds for the Nuapada, Sonepur and Boudh handloom clusters.\n"
        "Weavers, designers and Bargarh dyers met the officials.\n",
    )
    clusters = set(_clusters(found))
    assert {
        "Nuapada Handloom Cluster",
        "Sonepur Handloom Cluster",
        "Boudh Handloom Cluster",
    } <= clusters, clusters
    located = _rels(found, "LOCATED_IN")
    assert ("Sonepur Handloom Cluster", "Sonepur") in located, located
    assert not any(name.startswith(("Weavers", "Designers")) for name in clusters), clusters


def test_a_union_territory_written_ut_of_is_the_clusters_place(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "<Name> Cluster, UT of <Territory>": the territory after "UT of" is the place
    found = _read(
        tables_kb,
        tmp_path,
        "Fisheries clusters notified\n"
        "The clusters include Pearl Culture Cluster in Hazaribagh, Jharkhand; Coral Reef Cluster, "
        "UT of Lakshadweep; and Organic Fish Cluster in Soreng, Sikkim.\n",
    )
    located = _rels(found, "LOCATED_IN")
    assert any(
        name == "Coral Reef Cluster" and place.startswith("Lakshadweep") for name, place in located
    ), located


def test_places_listed_for_the_projects_of_a_document_about_clusters_are_clusters(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "... now runs three pilot projects. These are at A, B and C": in a document about
    # clusters, the projects the sentence before counts are its clusters, one at each place
    found = _read(
        tables_kb,
        tmp_path,
        "Bamboo clusters of Assam get a boost\n"
        "The state began its bamboo cluster scheme in 2019 and now runs three pilot "
        "projects. These are at Dhemaji, Kokrajhar and Baksa.\n",
    )
    clusters = set(_clusters(found))
    assert {
        "Dhemaji Bamboo Cluster",
        "Kokrajhar Bamboo Cluster",
        "Baksa Bamboo Cluster",
    } <= clusters, clusters


def test_projects_of_a_document_not_about_clusters_are_no_clusters(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "Roads for Assam\n"
        "The state now runs three road projects. These are at Dhemaji, Kokrajhar and Baksa.\n",
    )
    assert not _clusters(found), _clusters(found)


def test_a_cluster_over_places_each_bracketed_with_its_state_is_one_in_each(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "the brass cluster in Moradabad (Uttar Pradesh) and Jamnagar (Gujarat) and the carpet
    # cluster in Bhadohi": the bracket closes the first place, "and" goes on to the next
    found = _read(
        tables_kb,
        tmp_path,
        "A study of three clusters\n"
        "The study covers the brass cluster in Moradabad (Uttar Pradesh) and Jamnagar "
        "(Gujarat) and the carpet cluster in Bhadohi.\n",
    )
    clusters = set(_clusters(found))
    assert {
        "Moradabad Brass Cluster",
        "Jamnagar Brass Cluster",
        "Bhadohi Carpet Cluster",
    } <= clusters, clusters


def test_clusters_covering_a_list_of_districts_are_one_in_each(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    found = _read(
        tables_kb,
        tmp_path,
        "Ginger for export\n"
        "The board proposed ginger clusters covering Dhemaji, Kokrajhar and Baksa.\n",
    )
    clusters = set(_clusters(found))
    assert {
        "Dhemaji Ginger Cluster",
        "Kokrajhar Ginger Cluster",
        "Baksa Ginger Cluster",
    } <= clusters, clusters


def test_clusters_counted_out_by_district_are_a_cluster_in_each(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "Out of 50 Handloom Clusters, 14 nos. in X, 5 in Y District ...": the clusters of each
    # district one record; one count said of one place lists nothing
    found = _read(
        tables_kb,
        tmp_path,
        "Bamboo in Assam\n"
        "The mission counts 20 bamboo clusters: 12 nos. are in Dhemaji, 5 in Kokrajhar District "
        "and 3 in Baksa.\n"
        "The 20 bamboo clusters employ 500 artisans in Morigaon.\n",
    )
    clusters = set(_clusters(found))
    assert {
        "Dhemaji Bamboo Cluster",
        "Kokrajhar Bamboo Cluster",
        "Baksa Bamboo Cluster",
    } <= clusters, clusters
    assert not any(name.startswith("Morigaon") for name in clusters), clusters


def test_a_tables_rows_after_a_line_announcing_clusters_are_clusters(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # a PDF's table copied with its serial numbers and figures run into the place cells; the
    # unit and header lines between the announcing line and the first row are passed over; a
    # town no table knows is placed by the district beside it
    found = _read(
        tables_kb,
        tmp_path,
        "Handloom clusters for Assam\n"
        "Two Block Level Clusters have been sanctioned in Assam under the programme:\n"
        "(Rs. in lakh)\n"
        "Sl. No Name of the Block/District Total cost\n"
        "1Bhurbandha, Morigaon120.50\n"
        "2Laharighat, Morigaon99.25\n",
    )
    clusters = set(_clusters(found))
    assert {"Bhurbandha Handloom Cluster", "Laharighat Handloom Cluster"} <= clusters, clusters
    located = _rels(found, "LOCATED_IN")
    assert ("Bhurbandha Handloom Cluster", "Marigaon") in located, located  # its LGD name


def test_districts_after_for_on_a_schemes_name_in_the_clusters_phrase_have_a_cluster_each(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "... Clusters under Pradhan Mantri Kisan Sampada Yojana for A, B and C districts": the
    # parser makes the first district the object of "for" (hanging on the scheme's name) and
    # the unit word its apposition; a scheme's name is no place
    found = _read(
        tables_kb,
        tmp_path,
        "Food processing in Telangana\n"
        "The secretary said two more Agro Food Processing Clusters under Pradhan Mantri Kisan "
        "Sampada Yojana for Nalgonda, Suryapet and Khammam districts are to be approved soon.\n",
    )
    clusters = set(_clusters(found))
    assert {
        "Nalgonda Agro Food Processing Cluster",
        "Suryapet Agro Food Processing Cluster",
        "Khammam Agro Food Processing Cluster",
    } <= clusters, clusters


def test_a_town_that_is_an_lgd_sub_district_is_placed_in_its_district(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # Sihor is a taluka of Bhavnagar in the LGD sub-district list (data/tables): the cluster
    # at Sihor is in Bhavnagar district, though the text names no district
    found = _read(
        tables_kb,
        tmp_path,
        "Steel re-rolling in Gujarat\n"
        "The state approved a steel re-rolling cluster at Sihor to modernise 60 mills.\n",
    )
    located = {(a, b) for a, b in _rels(found, "LOCATED_IN") if "Cluster" in a}
    assert any(b == "Bhavnagar" for _, b in located), located


def test_a_town_the_tables_place_heading_a_product_names_a_cluster(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "the Sualkuchi silk cluster": Sualkuchi is a block of Kamrup (LGD); a capitalised word
    # no table places ("the Mizo handloom cluster") is no place
    found = _read(
        tables_kb,
        tmp_path,
        "Weavers of Assam\n"
        "Officials visited the Sualkuchi silk cluster on Monday.\n"
        "The Mizo handloom cluster is famous.\n",
    )
    clusters = set(_clusters(found))
    assert "Sualkuchi Silk Cluster" in clusters, clusters
    assert ("Sualkuchi Silk Cluster", "Kamrup") in _rels(found, "LOCATED_IN")
    assert not any(name.startswith("Mizo") for name in clusters), clusters


def test_a_named_cluster_a_dash_and_its_place_on_a_lists_line(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "1. Bamboo Cluster – Dhemaji (Assam)": the place after the dash is the cluster's, not
    # another cluster of a list
    found = _read(
        tables_kb,
        tmp_path,
        "Clusters approved under SFURTI in 2023\n"
        "1. Bamboo Cluster – Dhemaji (Assam)\n"
        "2. Honey Cluster – Kangra (Himachal Pradesh)\n",
    )
    clusters = set(_clusters(found))
    located = _rels(found, "LOCATED_IN")
    assert ("Bamboo Cluster", "Dhemaji") in located, located
    assert ("Honey Cluster", "Kangra") in located, located
    assert not any(name.startswith(("Dhemaji", "Kangra")) for name in clusters), clusters


def test_clusters_included_as_places_for_a_product_take_each_groups_product(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "The N clusters include A (S) and B (S) for x, C (S) for y": each group's places make the
    # product after its "for"; the items are places, not names ("Kolar (KA) for ... Cluster")
    found = _read(
        tables_kb,
        tmp_path,
        "Spice clusters announced\n"
        "The five clusters include Idukki (KL) and Wayanad (KL) for pepper, Guntur (AP) for chilli,"
        " Erode (TN) and Nizamabad (TS) for turmeric.\n",
    )
    clusters = set(_clusters(found))
    assert {
        "Idukki Pepper Cluster",
        "Wayanad Pepper Cluster",
        "Guntur Chilli Cluster",
        "Erode Turmeric Cluster",
        "Nizamabad Turmeric Cluster",
    } <= clusters, clusters
    assert not any(" for " in name or "(" in name for name in clusters), clusters


def test_a_states_bracket_of_places_gives_a_cluster_in_each_place(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "clusters are in: Bihar (Nalanda and Gaya), Jharkhand (Dumka)": the bracket lists the
    # state's places; a bracket naming a product stays that state's product reading
    found = _read(
        tables_kb,
        tmp_path,
        "Handloom revival programme\n"
        "The programme works with handloom weavers to revive handloom weaving. Its three clusters"
        " are in: Bihar (Nalanda and Gaya) and Jharkhand (Dumka).\n",
    )
    clusters = set(_clusters(found))
    assert {
        "Nalanda Handloom Cluster",
        "Gaya Handloom Cluster",
        "Dumka Handloom Cluster",
    } <= clusters, clusters
    located = _rels(found, "LOCATED_IN")
    assert ("Dumka Handloom Cluster", "Dumka") in located, located
    assert not any(name.startswith(("Bihar", "Jharkhand")) for name in clusters), clusters


def test_places_of_the_clusters_own_clause_past_its_cost_are_a_cluster_each(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "approved five food processing clusters to be set up at a cost of Rs 90 crore in A, B and
    # C": the places hang on the clusters' own (relative) clause, past the cost it names
    found = _read(
        tables_kb,
        tmp_path,
        "Food processing in Karnataka\n"
        "The committee has approved three food processing clusters to be set up at a total cost"
        " of Rs 90 crore in Mandya, Hassan and Tumakuru.\n",
    )
    clusters = set(_clusters(found))
    assert {
        "Mandya Food Processing Cluster",
        "Hassan Food Processing Cluster",
        "Tumakuru Food Processing Cluster",
    } <= clusters, clusters


def test_a_scheme_of_another_scheme_backs_the_documents_clusters_with_its_parent(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "the 'Mega Food Park Scheme' of Kisan Sampada Yojana": a scheme written as one of another
    # (the honorific "Pradhan Mantri" left out) is the document's one scheme; its clusters are
    # backed by it and by the scheme it is run under
    found = _read(
        tables_kb,
        tmp_path,
        "Food parks for Karnataka\n"
        "The committee approved three food processing clusters to be set up in Mandya, Hassan"
        " and Tumakuru.\n"
        "The 'Cold Chain Cluster Scheme' of Kisan Sampada Yojana aims at modern infrastructure"
        " for clusters of food processing units.\n",
    )
    backed = _rels(found, "SUPPORTED_BY")
    for place in ("Mandya", "Hassan", "Tumakuru"):
        name = f"{place} Food Processing Cluster"
        assert (name, "Pradhan Mantri Kisan Sampada Yojana") in backed, backed
        assert (name, "Cold Chain Cluster Scheme") in backed, backed


def test_a_name_set_beside_the_kind_of_body_it_is_is_a_body(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "Cluster Craft, a Pune based autonomous development agency, was asked ...": a body
    # whatever its words; a place set beside what it is ("Nagpur, a city of ...") is none
    found = _read(
        tables_kb,
        tmp_path,
        "Handloom support\n"
        "Cluster Craft, a Pune based autonomous development agency, was asked by the state to study"
        " the Nagpur handloom cluster. Nagpur, a city of oranges, hosts the cluster.\n",
    )
    agencies = {e["name"] for e in found["entities"] if e["type"] == "Agency"}
    assert "Cluster Craft" in agencies, agencies
    assert not any(a.startswith("Nagpur") for a in agencies), agencies


def test_a_schemes_acronym_ending_in_s_for_its_p_is_the_same_scheme(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # "IHCDS" (Scheme) for the IHCDP (Programme): one scheme, not a new one
    found = _read(
        tables_kb,
        tmp_path,
        "Handloom clusters of the Textiles Committee\n"
        "The Bijnore handloom cluster was taken up under IHCDS in 2009.\n",
    )
    schemes = {e["name"] for e in found["entities"] if e["type"] == "Scheme"}
    assert schemes == {"Integrated Handloom Cluster Development Programme"}, schemes


def test_a_cluster_planned_for_a_place_is_there(tables_kb: KnowledgeBase, tmp_path: Path) -> None:
    # "a ... cluster was planned/proposed for <place>": the place the verb's "for" names; a
    # sum after "for" is no place
    found = _read(
        tables_kb,
        tmp_path,
        "New projects in the district\n"
        "A carpet cluster at Bhadohi is running. A brassware cluster, involving about 40"
        " artisans, was planned for Moradabad."
        " A second cluster was approved for Rs 3 crore.\n",
    )
    clusters = set(_clusters(found))
    assert clusters == {"Bhadohi Carpet Cluster", "Moradabad Brassware Cluster"}, clusters


def test_a_product_cluster_with_no_place_is_in_the_documents_one_district(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # a document clearly about one district speaks of "the leather goods cluster" with no
    # place: that district's cluster; "the coir cluster" again is the one already named
    found = _read(
        tables_kb,
        tmp_path,
        "Industry in Agra district\n"
        "Officials of Agra district said a coir cluster at Kiraoli is ready. The leather goods"
        " cluster's project report was cleared by the committee, Agra officials said. The coir"
        " cluster will get a dyeing unit.\n",
    )
    clusters = set(_clusters(found))
    assert any("Leather" in c and c.startswith("Agra") for c in clusters), clusters
    assert len([c for c in clusters if "Coir" in c]) == 1, clusters


def test_a_project_defined_with_its_acronym_backs_the_centres_it_sets_up(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    text = (
        "TITLE: RCR projects: Common Facility Centres\n\n"
        "The Rural Craft Revival (RCR) Project includes the setting up of common facility "
        "centres for craft clusters.\n"
        "Under RCR, the corporation is setting up the Coir Cluster at Alappuzha and the "
        "Pottery Cluster at Nilambur.\n"
    )
    backed = _rels(_read(tables_kb, tmp_path, text), "SUPPORTED_BY")
    clusters = {s for s, t in backed if t == "Rural Craft Revival Project"}
    assert len(clusters) == 2, backed


def test_a_documents_only_scheme_said_of_the_weavers_backs_its_cluster(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    text = (
        "The Kolar Silk Cluster has 300 weavers.\n"
        "The district has launched Project Reshmi to help the weavers get the right price.\n"
    )
    backed = _rels(_read(tables_kb, tmp_path, text), "SUPPORTED_BY")
    assert ("Kolar Silk Cluster", "Project Reshmi") in backed, backed
    # with a second scheme in the document, a scheme said of the weavers is no longer its
    two = text + "Some weavers also took PMEGP loans for their looms.\n"
    backed = _rels(_read(tables_kb, tmp_path, two, "two.txt"), "SUPPORTED_BY")
    assert not {t for s, t in backed if s == "Kolar Silk Cluster"}, backed


def test_a_town_the_tagger_reads_with_its_product_is_named_once_by_each(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # the unknown town and the product run together ("Pyranga Eri"): the product is not
    # said twice in the cluster's name
    text = (
        "Eri weavers visit Meghalaya\n"
        "The representatives from the Pyranga Eri cluster, Boko Assam expressed interest in "
        "natural dyes.\n"
    )
    clusters = _clusters(_read(tables_kb, tmp_path, text))
    assert "Pyranga Eri Cluster" in clusters, clusters


def test_a_scheme_said_of_clusters_next_to_a_cluster_backs_it_when_none_leads(
    tables_kb: KnowledgeBase, tmp_path: Path
) -> None:
    # two schemes, neither leading the document: the one said of clusters in the sentence
    # before the cluster's backs it; with two such schemes there, neither does
    text = (
        "Handloom news\n"
        "New clusters of weavers will be set up under the Scheme of Fund for Regeneration of "
        "Traditional Industries. A proposal has also been sent for a carpet cluster at Bhadohi. "
        "Officials discussed other matters at length. Separately, the Prime Minister's "
        "Employment Generation Programme gave loans to 40 units.\n"
    )
    backed = _rels(_read(tables_kb, tmp_path, text), "SUPPORTED_BY")
    sfurti = "Scheme of Fund for Regeneration of Traditional Industries"
    assert ("Bhadohi Carpet Cluster", sfurti) in backed, backed
    both = text.replace(
        "Traditional Industries.",
        "Traditional Industries and the Comprehensive Handloom Cluster Development Scheme.",
    )
    backed = _rels(_read(tables_kb, tmp_path, both, "both.txt"), "SUPPORTED_BY")
    assert ("Bhadohi Carpet Cluster", sfurti) not in backed, backed
