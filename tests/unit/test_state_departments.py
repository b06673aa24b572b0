"""A state's generic department the KB already holds for one state ("Handloom Department,
Meghalaya") is not the department a document of another state names by the bare words
(ingest/extract.py `_other_states`): that state's own department is made; and a scheme's kind
word hyphened to the next name is two names (ingest/clusters.py `unglue`). Names made up for
the test but the states."""

from __future__ import annotations

from ingest.clusters import unglue
from ingest.documents import LoadedDocument
from ingest.extract import Extractor
from kb.resolve import Resolver
from kb.store.base import Node

NODES = [
    Node("state:meghalaya", "State", "Meghalaya"),
    Node("state:jammu-and-kashmir", "State", "Jammu and Kashmir"),
    Node(
        "district:jammu-and-kashmir:kathua",
        "District",
        "Kathua",
        attrs={"state": "Jammu and Kashmir"},
    ),  # fmt: skip
    Node(
        "agency:meghalaya:handloom-department",
        "Agency",
        "Handloom Department, Meghalaya",
        aliases=["Handloom Department"],
        attrs={"level": "state"},
    ),  # fmt: skip
]


def _agencies(text: str) -> list[str]:
    ex = Extractor(NODES, Resolver.from_nodes(NODES))
    doc = LoadedDocument("doc:test", "Weavers", "test.txt", "0", [text])
    read, _ = ex.read(doc)
    return [e.name for s in read for e in s.of("Agency")]


def test_a_bare_department_in_another_states_document_is_that_states() -> None:
    text = "In Jammu and Kashmir, the Handloom Department reviewed the Kathua weavers' scheme."
    assert _agencies(text) == ["Handloom Department, Jammu and Kashmir"]


def test_the_department_the_kb_holds_in_its_own_state_or_named_with_it() -> None:
    assert _agencies("In Meghalaya, the Handloom Department gave looms to weavers.") == [
        "Handloom Department, Meghalaya"
    ]
    text = "In Jammu and Kashmir, officials met the Handloom Department, Meghalaya on looms."
    assert "Handloom Department, Meghalaya" in _agencies(text)


def test_a_schemes_kind_word_hyphened_to_the_next_name() -> None:
    assert unglue("under Centrally Sponsored Scheme-National Handloom Development Programme") == (
        "under Centrally Sponsored Scheme - National Handloom Development Programme"
    )
    assert unglue("the PMEGP-linked Scheme-II units") == "the PMEGP-linked Scheme-II units"
