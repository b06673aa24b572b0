"""A bare "where" is not answered by what the question already names, nor by the state of a
place it names (kb/qa.py `_relation`): "where is the Muzaffarpur bag cluster" asks more than
"Muzaffarpur", and "where are the units in Muzaffarpur" more than "Bihar". A hand-made graph
(tests.conftest.tiny_graph); the questions are written for this test."""

from __future__ import annotations

from typing import Any

import pytest

from kb.linking import EntityLinker
from kb.qa import QuestionAnswerer
from kb.store.base import Node, Provenance
from kb.store.memory import MemoryStore
from tests.conftest import tiny_graph


@pytest.fixture(scope="module")
def graph() -> Any:
    store = MemoryStore(None)
    tiny_graph(store)
    hq = Provenance("data/tables/district-hq", "feature 1", "Mayurbhanj district headquarters "
                    "Baripada", "table:district-hq", fields=("hq_name",))  # fmt: skip
    store.upsert_node(Node("district:odisha:mayurbhanj", "District", "Mayurbhanj",
                           {"hq_name": "Baripada"}, [], [hq]))  # fmt: skip
    qa = QuestionAnswerer(store, EntityLinker(store), lambda: None, lambda a, b: None)  # type: ignore[arg-type,return-value]
    return qa, {n: store.get_node(i) for n, i in (
        ("cluster", "cluster:muzaffarpur-bag-cluster"),
        ("district", "district:bihar:muzaffarpur"),
        ("mayurbhanj", "district:odisha:mayurbhanj"),
    )}  # fmt: skip


def test_where_names_a_place_the_question_does_not(graph: Any) -> None:
    qa, n = graph
    a = qa._relation("where is the bag cluster?", [n["cluster"]])
    assert a is not None and "located in Muzaffarpur" in a.answer


def test_where_is_not_answered_by_the_place_it_names(graph: Any) -> None:
    qa, n = graph
    assert (
        qa._relation("where is the Muzaffarpur bag cluster?", [n["cluster"], n["district"]]) is None
    )
    # the units are somewhere in Muzaffarpur: its state tells the asker nothing
    assert qa._relation("where are the units in Muzaffarpur located?", [n["district"]]) is None


def test_the_state_asked_of_a_place_is_its_state(graph: Any) -> None:
    qa, n = graph
    a = qa._relation("which state is Muzaffarpur in?", [n["district"]])
    assert a is not None and "Bihar" in a.answer


def test_a_districts_headquarters_is_its_town(graph: Any) -> None:
    qa, n = graph
    a = qa._relation("where is the headquarters of Mayurbhanj district?", [n["mayurbhanj"]])
    assert a is not None and "Baripada" in a.answer
    assert a.citations and "Baripada" in a.citations[0].text  # the table row it rests on
    # a district of no known headquarters: not its state instead
    assert qa._relation("where is the HQ of Muzaffarpur district?", [n["district"]]) is None
