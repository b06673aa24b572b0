"""A follow-up that only names another thing asks the previous question of it (kb/qa.py
`_completed`): "what will the chitradurga cluster make" then "and the kalaburagi one?". The
real linker over a hand-made graph and the real parser; the questions are written for this
test."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from kb.linking import EntityLinker
from kb.qa import QuestionAnswerer
from kb.store.base import Node
from kb.store.memory import MemoryStore
from tests.conftest import prov, tiny_graph


@pytest.fixture(scope="module")
def answerer() -> Any:
    store = MemoryStore(None)
    tiny_graph(store)
    for key, name in (("chitradurga", "Chitradurga"), ("kalaburagi", "Kalaburagi")):
        store.upsert_node(
            Node(f"district:karnataka:{key}", "District", name, provenance=[prov("k")])
        )
    fake: Any = SimpleNamespace(linker=EntityLinker(store), _previous=lambda turn: ([], turn))
    fake._mentions = lambda text, doc: QuestionAnswerer._mentions(fake, text, doc)
    fake._completed = lambda q, history, depth=3: QuestionAnswerer._completed(
        fake, q, history, depth
    )
    return fake


def test_a_follow_up_naming_another_place_asks_the_same_of_it(answerer: Any) -> None:
    history = ["what will the chitradurga cluster make"]
    assert answerer._completed("and the kalaburagi one?", history) == (
        "what will the kalaburagi cluster make"
    )
    # a place inside a cluster's name is the place replaced
    history = ["Which firm is the anchor unit of the Muzaffarpur bag cluster?"]
    assert answerer._completed("what about Chitradurga?", history) == (
        "Which firm is the anchor unit of the Chitradurga bag cluster?"
    )


def test_a_name_the_kb_lacks_takes_the_place_of_the_first_proper_nouns(answerer: Any) -> None:
    history = ["Kashi Jharia women FPO - which block is it in?"]
    assert answerer._completed("and the other one, Singhpur?", history) == (
        "Singhpur women FPO - which block is it in?"
    )


def test_a_chain_of_fragments_goes_back_to_the_last_whole_question(answerer: Any) -> None:
    history = ["what will the chitradurga cluster make", "and the kalaburagi one?"]
    assert answerer._completed("and Muzaffarpur?", history) == (
        "what will the Muzaffarpur cluster make"
    )


def test_a_question_of_its_own_is_left_as_it_is(answerer: Any) -> None:
    history = ["what will the chitradurga cluster make"]
    assert answerer._completed("who is the anchor unit in Kalaburagi?", history) is None
    assert answerer._completed("and the technical agency?", history) is None  # names nothing
    # words the previous question lacks: more than another place is asked
    assert answerer._completed("and the kalaburagi toy park?", history) is None
    assert answerer._completed("and the kalaburagi one?", []) is None


def test_a_part_of_the_previous_question_is_no_follow_up(answerer: Any) -> None:
    # a part of a question of several parts, asked with the whole as its history, names what
    # the whole named: nothing to put in the place of anything
    history = ["districts of the chitradurga toy cluster and the kalaburagi stone cluster"]
    assert answerer._completed("districts of the chitradurga toy cluster", history) is None
    assert answerer._completed("districts of the kalaburagi stone cluster", history) is None
