"""Central schemes the other tables do not name, with who runs them
(tables/scheme-owners.csv, ingest/schemes.py `load_scheme_owners`), and a scheme written with
its name in quotes ("the ‘Lean Manufacturing Cluster’ Scheme", ingest/mentions.py)."""

from __future__ import annotations

from pathlib import Path

from ingest.agencies import AgencyNames
from ingest.mentions import pattern_mentions
from ingest.schemes import load_scheme_owners
from kb.resolve import Resolver

ROWS = """scheme,aliases,ministry,source
Rampur Weaving Mission,RWM;Rampur Mission,Ministry of Textiles,"made up for the test"
,,Ministry of Textiles,"no scheme: skipped"
"""


def test_each_row_is_a_scheme_with_its_short_names_and_its_ministry(tmp_path: Path) -> None:
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "scheme-owners.csv").write_text(ROWS, encoding="utf-8")
    resolver = Resolver()
    facts = load_scheme_owners(tmp_path, AgencyNames(resolver), resolver)
    schemes = [n for n in facts.nodes.values() if n.type == "Scheme"]
    assert [(n.name, sorted(n.aliases)) for n in schemes] == [
        ("Rampur Weaving Mission", ["RWM", "Rampur Mission"])
    ]
    (edge,) = facts.edges.values()
    assert edge.relation == "ADMINISTERS" and edge.target == schemes[0].id
    assert facts.nodes[edge.source].name == "Ministry of Textiles"
    assert len(facts.skipped) == 1


def test_a_scheme_named_in_quotes_is_one_scheme() -> None:
    sentence = "The Ministry has launched the ‘Rampur Weaving Cluster’ Scheme for the SMEs."
    found = [(m.type, m.name) for m in pattern_mentions(sentence)]
    assert ("Scheme", "Rampur Weaving Cluster Scheme") in found
    assert not any(t == "Cluster" for t, _ in found)  # the scheme's words are no cluster


def test_a_quoted_lower_case_phrase_named_as_a_scheme_is_its_name() -> None:
    sentence = 'Two clusters were dropped from the "compete with Rampur" scheme, officials said.'
    assert ("Scheme", "Compete with Rampur Scheme") in [
        (m.type, m.name) for m in pattern_mentions(sentence)
    ]
    said = "He called 'this is a good' scheme overall."  # a clause quoted, no name
    assert not [m for m in pattern_mentions(said) if m.type == "Scheme"]


def test_a_scheme_named_in_lower_case_after_under_is_its_name() -> None:
    def schemes(sentence: str) -> list[tuple[str, str]]:
        return [
            (m.name, sentence[m.start : m.end])
            for m in pattern_mentions(sentence)
            if m.type == "Scheme"
        ]

    owned = "The unit will be built under the State government's rampur loom upgradation scheme this year."
    assert schemes(owned) == [("Rampur Loom Upgradation Scheme", "rampur loom upgradation scheme")]
    assert schemes("Sheds were set up under the said weaving shed programme.") == [
        ("Weaving Shed Programme", "weaving shed programme")
    ]
    # descriptions, lists and counts name no scheme
    for sentence in (
        "Funds were spent under the said scheme.",
        "Loans were given under the centrally sponsored scheme.",
        "Groups formed under various schemes including the scheme of the Board.",
        "Looms were given under these seven clusters program.",
    ):
        assert schemes(sentence) == [], sentence


def test_a_sponsored_name_under_which_work_is_done_is_a_scheme() -> None:
    sentence = "The hub will be built at a cost of Rs 2 crore under Central government sponsored Rampur Skills Mission."
    assert ("Scheme", "Rampur Skills Mission") in [
        (m.type, m.name) for m in pattern_mentions(sentence)
    ]
    sentence = "Looms were given under the centrally sponsored Rampur Weavers Package."
    assert ("Scheme", "Rampur Weavers Package") in [
        (m.type, m.name) for m in pattern_mentions(sentence)
    ]


def test_a_programme_the_document_defines_by_what_it_is_is_a_scheme() -> None:
    def schemes(sentence: str) -> list[str]:
        return [m.name for m in pattern_mentions(sentence) if m.type == "Scheme"]

    assert schemes(
        "Rampurkaran is a key intervention of the Trust's craft livelihood programme."
    ) == ["Rampurkaran"]
    assert schemes("Since 2019, Rampur Loom, an initiative of the Board, trains weavers.") == [
        "Rampur Loom"
    ]
    assert schemes("The project is an initiative of the Board.") == []
    assert schemes("It is a programme of the state government.") == []
