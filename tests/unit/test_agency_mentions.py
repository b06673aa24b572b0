"""Agency names the shapes of the domain give (ingest/mentions.py), on sentences written for
these tests: offices named by an acronym and their place, a directorate by its head's post."""

from __future__ import annotations

import pytest

from ingest.mentions import acronym_pairs, acting_acronyms, defined_projects, pattern_mentions


def _agencies(text: str) -> set[str]:
    return {m.name for m in pattern_mentions(text) if m.type == "Agency"}


def test_an_office_written_as_acronym_and_place_is_named_in_full_with_its_place() -> None:
    found = _agencies("Officers of MSME-DI Agra, DIC Kollam and WSC, Varanasi attended.")
    assert {
        "MSME Development Institute, Agra",
        "District Industries Centre, Kollam",
        "Weavers' Service Centre, Varanasi",
    } <= found


def test_a_state_board_written_with_the_states_short_name() -> None:
    assert "Jammu and Kashmir Khadi and Village Industries Board" in _agencies(
        "The CEO of J&K KVIB chaired the meeting."
    )
    assert "Assam Khadi and Village Industries Board" in _agencies("Assam KVIB trained them.")


def test_a_directorate_named_by_its_heads_post() -> None:
    assert "Directorate of Industries, Odisha" in _agencies(
        "The committee advised the Director, Industries, Odisha to finish the report."
    )
    assert "Directorate of Handlooms and Textiles" in _agencies(
        "It was sent to the Director of Handlooms and Textiles for approval."
    )


def test_a_bare_committee_is_no_agency() -> None:
    assert "Committee" not in _agencies("The Committee also advised the units.")


def test_what_a_project_is_under_is_a_scheme_but_not_a_mode_or_a_document() -> None:
    def schemes(text: str) -> set[str]:
        return {m.name for m in pattern_mentions(text) if m.type == "Scheme"}

    assert "ABCD" in schemes("The cluster was set up under ABCD in 2019.")
    assert "XY-SME program" in schemes("Data collected under the XY-SME program.")
    assert schemes("The park is built under PPP mode, as the DPR says.") == set()
    assert schemes("A meeting under the chairmanship of the Secretary.") == set()


def test_schemes_listed_after_like_and_courts_and_railways_as_bodies() -> None:
    found = pattern_mentions(
        "Youth should use employment schemes like ABCP and XYZEP being run by the Board."
    )
    assert {m.name for m in found if m.type == "Scheme"} == {"ABCP", "XYZEP"}
    assert "Patna High Court" in _agencies("The Patna High Court directed the units to close.")
    assert "North Western Railway" in _agencies("The North Western Railway gave parcel vans.")


@pytest.mark.parametrize(
    ("sentence", "schemes"),
    [
        # what a cluster is "under" ends no scheme name, nor does a cluster's name start one
        ("The minister inaugurated Eri Silk Khadi Cluster, Oyan, East Siang under Scheme of Fund "
         "for Regeneration of Traditional Industries.", []),
        ("It was funded under the Scheme and the Scheme was extended.", []),
        # "Cluster" inside a scheme's name stays
        ("The Comprehensive Handloom Cluster Development Scheme funded it.",
         ["Comprehensive Handloom Cluster Development Scheme"]),
        ("The CM MSME Cluster Scheme gave Rs 10 lakh.", ["CM MSME Cluster Scheme"]),
        ("It was sanctioned under the Mukhyamantri Mahila Udyami Yojana in 2020.",
         ["Mukhyamantri Mahila Udyami Yojana"]),
        # a sentence's opening adverb and its comma open no scheme's name
        ("Separately, the Prime Minister's Employment Generation Programme gave loans.",
         ["Prime Minister's Employment Generation Programme"]),
        ("Meanwhile, the Integrated Wool Development Programme gave funds.",
         ["Integrated Wool Development Programme"]),
    ],
)  # fmt: skip
def test_a_scheme_name_never_swallows_a_cluster_or_a_preposition(
    sentence: str, schemes: list[str]
) -> None:
    found = [m.name for m in pattern_mentions(sentence) if m.type == "Scheme"]
    assert found == schemes


def _agencies(sentence: str) -> set[str]:
    return {m.name for m in pattern_mentions(sentence) if m.type == "Agency"}


def test_a_post_heading_a_bodys_name_is_left_out() -> None:
    assert "Rubber Board" in _agencies("Vice Chairman Rubber Board, Dr A. Rao opened the unit.")
    # "Director of X Foundation", "Director & HoO X": the director's, the body is X
    assert _agencies("It was sent by Director of Kauna Mat Makers Foundation Rashmi Rao.") == {
        "Kauna Mat Makers Foundation"
    }
    assert "Weavers Service Centre" in _agencies("Director & HoO Weavers Service Centre visited.")


def test_a_ministry_named_by_its_subject_first() -> None:
    found = _agencies("The Food Processing Industries Ministry has revised the scheme.")
    assert "Food Processing Industries Ministry" in found


def test_a_union_ministry_in_lower_case_is_named_in_capitals() -> None:
    assert "Ministry of Mines" in _agencies(
        "It was cleared by the Union ministry of mines in 2004."
    )
    assert "Ministry of Food Processing Industries" in _agencies(
        "The Union ministry of food processing industries has approved the park."
    )
    # without "Union", a lower-case "ministry of ..." is left alone ("a ministry of sorts")
    assert _agencies("It was a ministry of sorts in 2004.") == set()


def test_bodies_a_cluster_works_with_are_bodies() -> None:
    found = {(m.type, m.name) for m in pattern_mentions(
        "The plant will be built in collaboration with Nagarika and the Town Trust for the units."
    ) if m.how == "partners"}  # fmt: skip
    assert found == {("Agency", "Nagarika"), ("Agency", "Town Trust")}
    # words that are no name are no body
    assert not [m for m in pattern_mentions("It was done in consultation with the SPV/ members.")
                if m.how == "partners"]  # fmt: skip


def test_an_impex_is_a_business() -> None:
    found = {(m.type, m.name) for m in pattern_mentions("Submitted by Ravi Kiran Impex, Sirsa.")}
    assert ("Enterprise", "Ravi Kiran Impex") in found


def test_a_letterhead_of_a_ministry_and_its_office_is_two_bodies() -> None:
    found = _agencies(
        "Government of India Ministry of Rural Crafts Office of Joint Secretary (Crafts), "
        "3rd Floor, Udyog Bhawan"
    )
    assert "Ministry of Rural Crafts" in found
    assert not any("Office" in name and "Ministry" in name for name in found)


def test_tool_rooms_and_public_laboratories_are_bodies_but_a_testing_laboratory_is_not() -> None:
    found = _agencies(
        "Support came from the Indo-German Tool Room, the Central Tool Room and the National "
        "Chemical Laboratory."
    )
    assert {"Indo-German Tool Room", "Central Tool Room", "National Chemical Laboratory"} <= found
    assert not _agencies("The Quality Testing Laboratory of the CFC opened in March.")


def test_a_body_introduced_by_its_kind_and_the_name_it_goes_by() -> None:
    found = {
        (m.type, m.name)
        for m in pattern_mentions(
            "Later the company called Bamboo Roots Crafts began exporting, and an NGO named "
            "Jan Chetna trained the women."
        )
    }
    assert {("Enterprise", "Bamboo Roots Crafts"), ("Agency", "Jan Chetna")} <= found


def test_an_acronym_then_its_bodys_name_and_place_reads_as_the_body() -> None:
    text, pairs = acronym_pairs(
        "The estate grew after the setting up of RIIDA (Ranchi Industrial Area Development "
        "Authority, Ranchi, Jharkhand) by the State."
    )
    assert pairs == [("RIIDA", "Ranchi Industrial Area Development Authority")]
    assert "setting up of Ranchi Industrial Area Development Authority by the State" in text
    assert "Ranchi Industrial Area Development Authority" in _agencies(text)
    # an acronym that opens a longer name stays: the name is the scheme's
    text, pairs = acronym_pairs("BRGF (Backward Region Grant Fund) Scheme funds it.")
    assert text == "BRGF Scheme funds it." and pairs == [("BRGF", "Backward Region Grant Fund")]


def test_what_work_is_sanctioned_or_done_under_is_a_scheme_whatever_its_name() -> None:
    def schemes(text: str) -> set[str]:
        return {m.name for m in pattern_mentions(text) if m.type == "Scheme"}

    assert schemes("Weaving training under Baluchari Samriddhi is running.") == {
        "Baluchari Samriddhi"
    }
    assert "Support to States for Dyeing and Printing Infrastructure" in schemes(
        "The plant was sanctioned under Support to States for Dyeing and Printing Infrastructure."
    )
    # "the scheme under <name>": the name is the scheme's
    assert "Integrated Promotion of Zari Crafts" in schemes(
        "Designers were sent to the artisans as per the scheme under Integrated Promotion of Zari "
        "Crafts (IPZC)."
    )
    assert not schemes("The project under the Department of Handlooms was delayed.")
    # a body, a place or a law after "under" is no scheme; nor two acronyms taken as one
    assert not schemes("The funds were sanctioned under the Ministry of Textiles last year.")
    assert not schemes("It was developed under Purulia District Plan.")
    assert "PMEGP and JKREGP" not in schemes("Units were funded under PMEGP and JKREGP.")


def test_a_body_introduced_by_its_kind_ngo() -> None:
    assert "Gram Vikas Samiti" in _agencies("The artisans work with the NGO Gram Vikas Samiti.")
    assert "Gram Vikas Samiti" in _agencies("They were trained by the NGO Gram Vikas Samiti.")


def test_a_body_a_department_partnered_with() -> None:
    # the ontology's partner cues ("partnered with", "tied up with", "joined hands with")
    # name bodies whatever their names
    for cue in ("has partnered with", "has tied up with", "joined hands with"):
        assert "UNIDO" in _agencies(f"The Department of Textiles {cue} UNIDO for the hubs.")


def test_a_post_before_a_body_is_no_part_of_its_name() -> None:
    assert "Assam Handloom Development Corporation" in _agencies(
        "As CMD of Assam Handloom Development Corporation he pushed the revival."
    )


def test_bodies_a_kind_of_body_lists() -> None:
    assert "Government Polytechnic College" in _agencies(
        "Institutions such as the Government Polytechnic College help the cluster."
    )
    assert "SIDBI" in _agencies("Agencies like NABARD and SIDBI fund them.")
    # one ordinary word left of a phrase is no body ("the State government")
    assert "State" not in _agencies("Banks like Canara Bank and the State government help.")
    # one body's name may hold "and"
    assert "Kollam Cashew Processors and Exporters Federation" in _agencies(
        "Associations like the Kollam Cashew Processors and Exporters Federation speak for them."
    )


def test_a_name_set_beside_its_kind_of_body_is_an_agency() -> None:
    found = _agencies(
        "The centre was funded by Rampur Steel Limited and Gram Vikas Samiti, a Gaya-based "
        "non-governmental organisation, and run by Lok Kala, a registered society."
    )
    assert {"Gram Vikas Samiti", "Lok Kala"} <= found
    assert _agencies("Bihar, a state in the east, has many clusters.") == set()


def test_what_a_cluster_is_under_is_a_scheme_even_in_mixed_case() -> None:
    def schemes(text: str) -> set[str]:
        return {m.name for m in pattern_mentions(text) if m.type == "Scheme"}

    assert schemes("The bamboo cluster was taken up under NE-RTPS last year.") == {"NE-RTPS"}
    # a hyphenated part may mix cases when capitals start and end it
    assert schemes("A survey for the cane cluster under AB-CdeF began.") == {"AB-CdeF"}
    assert schemes("The cluster under Ab-cd began.") == set()


def _enterprises(text: str) -> set[str]:
    return {m.name for m in pattern_mentions(text) if m.type == "Enterprise"}


def test_a_business_set_beside_its_kind_is_named() -> None:
    assert "Lotus Agro Products" in _enterprises(
        "The board engaged Lotus Agro Products, an incense stick manufacturing unit, as partner."
    )
    assert "Delta Print Solutions Private" in _enterprises(
        "The centre is run by the SPV, Delta Print Solutions Private."
    )
    # "private" before a common noun ends no name
    assert not _enterprises("Most of the Sivakasi Printers Private sector units are idle.")


def test_a_body_named_as_an_agency_unless_the_word_before_is_a_role() -> None:
    assert "Rural Non Farm Development Agency" in _agencies(
        "RUDA (Rural Non Farm Development Agency) was set up in 1995."
    )
    assert not _agencies("The State Implementing Agency and the State Level Nodal Agency met.")


def test_a_policy_clusters_are_developed_under_is_named_as_a_programme() -> None:
    """A state's or the Union's policy is what its clusters are taken up under as much as a
    scheme is ("the Rural Weaving Policy, 1998", "the Farm Produce Export Policy (FPEP)"); a
    year after a comma is the policy's, a count after a comma is not."""

    def schemes(text: str) -> set[str]:
        return {m.name for m in pattern_mentions(text) if m.type == "Scheme"}

    text = "Three sub-sectors are taken up under the Rural Weaving Policy, 1998 in the State."
    assert schemes(text) == {"Rural Weaving Policy, 1998"}
    text = "To implement the Farm Produce Export Policy (FPEP), officers visited the clusters."
    assert "Farm Produce Export Policy" in schemes(text)
    assert schemes("Under the Tool Room Scheme, 1500 artisans were trained.") == {
        "Tool Room Scheme"
    }


def test_a_trade_body_named_by_its_kind_first() -> None:
    # "Chamber / Association / Federation of ...": the kind before its members, like "Board of"
    assert "Chamber of Vidarbha Traders and Industry" in _agencies(
        "The Chamber of Vidarbha Traders and Industry (CVTI) set up the centre in 2012."
    )
    assert "Federation of Small Scale Industries" in _agencies(
        "Members of the Federation of Small Scale Industries met the collector."
    )
    assert not _agencies("The chamber of the press was full.")


def _acting(sentences: list[str], known: frozenset[str] = frozenset()) -> list[list[str]]:
    found = acting_acronyms(sentences, [[] for _ in sentences], lambda a: a in known)
    return [[m.name for m in ms] for ms in found]


def test_an_acronym_that_acts_is_a_body_wherever_the_document_writes_it() -> None:
    sentences = [
        "ZORVA is training the weavers of the Rampur cluster.",
        "The looms were bought by the cluster with help from ZORVA.",
    ]
    assert _acting(sentences) == [["ZORVA"], ["ZORVA"]]
    assert _acting(["The dye house was set up by QELTA last year."]) == [["QELTA"]]


@pytest.mark.parametrize(
    "sentence",
    [
        "The ZORVA report lists the Rampur cluster's units.",  # named, acting for no one
        "CFCS will be managed by 90 micro units.",  # a thing, not a body
        "The MOU was signed by the Rampur weavers.",  # "MoU" written in capitals: no body
        "CAP is facilitating farmers in four districts.",  # an English word
        "SHILLONG, Dec 20: the minister opened the Babadam project.",  # a dateline
        "THE ZORVA TRAINING CENTRE WAS OPENED IN 2019.",  # a heading in capitals
    ],
)
def test_no_body_is_read_where_no_unknown_acronym_acts(sentence: str) -> None:
    assert _acting([sentence]) == [[]]


def test_an_acronym_the_gazetteer_or_the_document_knows_is_left_to_them() -> None:
    assert _acting(["ZORVA is training the weavers."], frozenset({"ZORVA"})) == [[]]


@pytest.mark.parametrize(
    ("sentence", "schemes"),
    [
        # a programme named by "Project" and its name; not a project's part or paper
        ("The district launched Project Rangsutra to help the weavers.", {"Project Rangsutra"}),
        ("The Project Report and the Project Outcomes were approved.", set()),
        ("Project Director Ram Singh said the Project Financials are ready.", set()),
        ("The Project Rangsutra Foundation met the weavers.", set()),
        # a programme named by "Initiative", not a bare "Government Initiative"
        ("Exporters gain from the Market Access Initiative.", {"Market Access Initiative"}),
        ("It was a Government Initiative for weavers.", set()),
    ],
)
def test_a_programme_named_as_a_project_or_an_initiative_is_a_scheme(
    sentence: str, schemes: set[str]
) -> None:
    assert {m.name for m in pattern_mentions(sentence) if m.type == "Scheme"} == schemes


def test_a_quoted_title_before_project_or_initiative_is_a_scheme() -> None:
    def schemes(text: str) -> list[str]:
        return [m.name for m in pattern_mentions(text) if m.type == "Scheme"]

    assert "One Loom in One House" in schemes(
        'Under the "One Loom in One House" project, a women empowerment initiative, the '
        "corporation set up weaving centres."
    )
    assert "Weaver Village Revival" in schemes("The ‘Weaver Village Revival’ initiative began.")
    # a cluster's own name in quotes, or a remark, is no scheme
    assert schemes("The “Kashi Pottery Cluster” project was inaugurated.") == []
    assert schemes('He called it a "very good idea" project.') == []


def test_a_project_whose_title_has_an_acronym_or_a_number_is_a_scheme() -> None:
    def schemes(text: str) -> list[str]:
        clean, pairs = acronym_pairs(text)
        return [m.name for m in defined_projects(clean, pairs)]

    assert schemes(
        "The Rural Craft Revival (RCR) Project supports the potters of the district."
    ) == ["Rural Craft Revival Project"]
    assert schemes("The ABC-3 project improves the kilns.") == ["ABC-3 Project"]
    # a cluster's or a centre's own project, and a title with no acronym, are not programmes
    assert schemes("The Kashi Pottery Cluster (KPC) project began.") == []
    assert schemes("The Common Facility Centre (CFC) project began.") == []
    assert schemes("The Rural Craft Revival Project supports the potters.") == []
