"""Entity resolution: one node per real-world entity, whatever the spelling."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from clusterkb.service import KnowledgeBase
from ingest.agencies import AgencyNames
from ingest.registry import RegistryLoader
from ingest.schemes import title_acronym
from kb.ids import node_id
from kb.resolve import Resolver, display_name, name_variants, normalize, organisation_key, slug
from kb.store.base import Node, Provenance


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("JEEViKA", "jeevika"),
        ("Jeevika", "jeevika"),
        ("Bags & Garments", "bags and garments"),
        (
            "Ministry of Agriculture & Farmers' Welfare",
            "ministry of agriculture and farmers welfare",
        ),
        (
            "The High Spirit Commercial Ventures Pvt. Ltd.",
            "high spirit commercial ventures pvt ltd",
        ),
        ("  Secondary ", "secondary"),
        ("Bhadohi–Mirzapur", "bhadohi mirzapur"),
        ("Kāñcīpuram", "kancipuram"),
    ],
)
def test_normalize(raw: str, key: str) -> None:
    assert normalize(raw) == key


def test_ids_are_canonical() -> None:
    assert node_id("District", "BIHAR", "MUZAFFARPUR") == "district:bihar:muzaffarpur"
    assert node_id("Product", "Bags & Garments") == node_id("Product", "bags and  garments")
    assert slug("Shahi Litchi") == "shahi-litchi"


def test_display_name_and_variants() -> None:
    assert display_name("ANDAMAN AND NICOBAR ISLANDS") == "Andaman and Nicobar Islands"
    assert display_name("Muzaffarpur") == "Muzaffarpur"
    assert name_variants("Anantapuram (Anantapur)", place=True) == [
        "Anantapuram (Anantapur)",
        "Anantapuram",
        "Anantapur",
    ]


@pytest.mark.parametrize(
    ("name", "other"),
    [("Coir Board (CB)", "CB"), ("Ministry of MSME (MoMSME), Government of India", "MoMSME")],
)
def test_an_abbreviation_in_brackets_is_another_name(name: str, other: str) -> None:
    assert other in name_variants(name)


@pytest.mark.parametrize("name", ["Bridge & Roof Co.(India) Ltd", "Ongc Videsh Ltd. (India)"])
def test_a_word_in_brackets_qualifies_a_firm_and_is_not_its_name(name: str) -> None:
    variants = name_variants(name)
    assert "India" not in variants
    assert not Resolver.from_nodes([Node("agency:x", "Agency", name)]).exact("India")


@pytest.mark.parametrize(
    "spelling",
    ["JEEViKA", "Jeevika", "BRLPS", "Bihar Rural Livelihoods Promotion Society"],
)
def test_agency_spellings_give_one_id(spelling: str) -> None:
    names = AgencyNames(Resolver())
    assert names.id_for(spelling)[0] == "agency:bihar-rural-livelihoods-promotion-society"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("DC Handicraft", "DC handicraft"),
        ("DC Handicrafts", "Development Commissioner (Handicrafts)"),
        ("DC Handloom", "Development Commissioner (Handlooms)"),
        ("Ministry of Textile", "Minsitry of Textile"),
        ("MSME", "Ministry of MSME"),
        ("Ministry of Electronics & IT (MeitY)", "MeitY"),
        ("NEC", "North Eastern Council"),
        ("KVIC", "Khadi and Village Industries Commission"),
    ],
)
def test_agency_aliases(a: str, b: str) -> None:
    names = AgencyNames(Resolver())
    assert names.id_for(a)[0] == names.id_for(b)[0]


def test_a_body_loaded_with_and_without_its_legal_form_is_one_node() -> None:
    names = AgencyNames(Resolver())
    first, _, _ = names.id_for("Konkan Coir Development Corporation Ltd.")
    assert names.id_for("Konkan Coir Development Corporation")[0] == first
    assert names.id_for("Konkan Coir Development Corp Limited")[0] == first
    assert names.id_for("Konkan Coir Board")[0] != first


def test_state_department_is_qualified_by_state() -> None:
    names = AgencyNames(Resolver())
    py, _, _ = names.id_for("Department of Industries and Commerce", "Puducherry")
    tn, _, _ = names.id_for("Department of Industries and Commerce", "Tamil Nadu")
    assert py != tn and py.startswith("agency:puducherry:")
    assert names.id_for("Ministry Of Textiles", "Puducherry")[0] == "agency:ministry-of-textiles"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("MSE-CDP", "Micro & Small Enterprises Cluster Development Programme"),
        ("SFURTI", "Scheme of Fund for Regeneration of Traditional Industries"),
        ("PMFME", "PM Formalisation of Micro Food Processing Enterprises"),
        ("Mukhyamantri Mahila Udyami Yojna", "Mukhyamantri Mahila Udyami Yojana"),
        # the acronyms the registry's rows write ("CPCDS (Powerloom Mega Cluster)")
        ("CPCDS", "Comprehensive Powerloom Cluster Development Scheme"),
        ("IIUS", "Industrial Infrastructure Upgradation Scheme"),
        ("IHCDP", "Integrated Handloom Cluster Development Programme"),
    ],
)
def test_scheme_aliases(a: str, b: str) -> None:
    r = Resolver()
    assert r.canonical_name("Scheme", a) == r.canonical_name("Scheme", b)


def test_title_acronym_only_when_initials_match() -> None:
    assert title_acronym("Back Ended Interest Subsidy (BEIS)") == "BEIS"
    assert title_acronym("Subsidy for State Goods and Services Tax (SGST)") is None
    assert title_acronym("Investment Promotion Scheme (IPS) for MSME Sector") is None


def test_resolver_exact_alias_and_fuzzy() -> None:
    p = [Provenance("t", "1", "t", "test")]
    r = Resolver.from_nodes(
        [
            Node(
                "agency:brlps",
                "Agency",
                "Bihar Rural Livelihoods Promotion Society",
                {},
                ["JEEViKA"],
                p,
            ),
            Node("district:bihar:aurangabad", "District", "Aurangabad", {}, [], p),
            Node("district:maharashtra:aurangabad", "District", "Aurangabad", {}, [], p),
        ]
    )
    assert [m.id for m in r.exact("jeevika")] == ["agency:brlps"]
    assert [m.id for m in r.exact("Aurangabad")] == [
        "district:bihar:aurangabad",
        "district:maharashtra:aurangabad",
    ]
    fuzzy = r.lookup("Aurangabd")
    assert fuzzy and fuzzy[0].score < 100 and fuzzy[0].name == "Aurangabad"
    assert r.lookup("Atlantis") == []
    assert r.exact("Aurangabad", "Agency") == []


def test_built_kb_resolves_old_state_names(built_kb: KnowledgeBase) -> None:
    assert built_kb.find("Orissa")[0].id == built_kb.find("Odisha")[0].id == "state:odisha"
    assert built_kb.find("Uttaranchal")[0].id == "state:uttarakhand"
    assert built_kb.find("Mewat")[0].id == "district:haryana:nuh"
    # a state by its first word, as it is commonly called
    assert built_kb.find("Himachal")[0].id == built_kb.find("Himachal Pradesh")[0].id


def test_an_organisations_key_drops_its_legal_form_and_writes_short_forms_out() -> None:
    key = organisation_key("National Handloom Development Corporation")
    assert organisation_key("National Handloom Development Corp") == key
    assert organisation_key("National Handloom Development Corporation Ltd.") == key
    assert organisation_key("Sakthi Agro Foods Pvt Ltd") == organisation_key("Sakthi Agro Foods")
    # a legal form inside the name, and different names, stay apart
    assert organisation_key("Limited Editions Crafts") == "limited editions crafts"
    assert organisation_key("Coir Board") != organisation_key("Coir Co")


def test_a_registry_row_naming_a_scheme_by_its_acronym_names_the_scheme() -> None:
    # "CPCDS (Powerloom Mega Cluster)", "IIUS (DIPP)": the node a document naming the scheme
    # in full links to, so the ministry the scheme table gives it is the document's too
    loader: Any = SimpleNamespace(resolver=Resolver(), scheme_alias={})
    for written, name in (
        ("CPCDS (Powerloom Mega Cluster)", "Comprehensive Powerloom Cluster Development Scheme"),
        ("IIUS (DIPP)", "Industrial Infrastructure Upgradation Scheme"),
    ):
        assert RegistryLoader._scheme_name(loader, written)[0] == name
