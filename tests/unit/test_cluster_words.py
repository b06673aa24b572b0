"""A question about a cluster the KB has no node for still says what that cluster makes: the
words before its "cluster" or "CFC" become constraints the evidence must meet
(kb/qa.py _cluster_words). The questions are written for this test."""

from __future__ import annotations

from typing import Any

from kb.nlp import parse
from kb.qa import _cluster_words as _read
from kb.store.base import Node

SIRSA = Node("district:haryana:sirsa", "District", "Sirsa")
COTTON = Node("product:cotton", "Product", "Cotton")


def _never(word: str) -> bool:
    return False


def _cluster_words(question: str, *args: Any) -> list[str]:
    return _read(parse(question), *args)


def test_the_words_of_an_unknown_cluster_are_what_it_makes() -> None:
    q = "what is the sanctioned project cost of the sirsa cotton ginning cluster CFC"
    assert _cluster_words(q, [SIRSA, COTTON], _never) == ["ginning"]
    q = "what is the project cost of the rajapalayam surgical bandage cluster"
    assert _cluster_words(q, [], _never) == ["rajapalayam", "surgical", "bandage"]  # as written


def test_no_words_when_the_cluster_is_known_or_no_cluster_is_named() -> None:
    known = Node("cluster:sirsa-ginning", "Cluster", "Sirsa Cotton Ginning Cluster")
    q = "what is the project cost of the sirsa cotton ginning cluster"
    assert _cluster_words(q, [known, SIRSA], _never) == []
    assert (
        _cluster_words("Which organisations run cluster development programmes?", [], _never) == []
    )
    assert (
        _cluster_words("how many units is DFT consolidating under the cluster approach", [], _never)
        == []
    )
    assert _cluster_words("how many handloom clusters does Odisha have", [], _never) == []


def test_a_misspelled_product_word_and_a_size_word_are_no_constraint() -> None:
    q = "who runs the proposed mega jewelery cluster"
    assert _cluster_words(q, [], lambda w: w == "jewelery") == []


def test_a_cluster_found_only_by_meaning_leaves_the_question_its_own_words() -> None:
    """'the nagercoil temple jewellery cluster' linked by meaning to the Palanpur Jewellery
    Cluster, which the question does not name: its other words stay constraints."""
    palanpur = Node("cluster:palanpur-jewellery", "Cluster", "Palanpur Jewellery Cluster")
    q = "who is the implementing agency of the nagercoil temple jewellery cluster"
    assert _cluster_words(q, [palanpur], _never, lambda n: False) == ["nagercoil", "temple"]
    assert _cluster_words(q, [palanpur], _never, lambda n: True) == []
