"""Linking a question's words to a KB entity by meaning, and a focus entity the question spells
its own way: a clear winner or nothing, and "Tirupur" names the district Tiruppur."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace
from typing import Any

from kb.evidence import names_in, spelled_as
from kb.qa import QuestionAnswerer, names_enough
from kb.question import Question
from kb.search import tokens
from kb.store.base import Node


def _cluster(name: str) -> Node:
    return Node(f"cluster:{name.lower().replace(' ', '-')}", "Cluster", name)


def _answerer(near: list[tuple[Node, float]], outside: frozenset[str] = frozenset()) -> Any:
    """What _cluster_by_meaning and _link_by_meaning read of an answerer: the linker's ranked
    names and whether a cluster lies in the places named."""
    return SimpleNamespace(
        linker=SimpleNamespace(by_meaning=lambda text, cutoff: near),
        _lies_in=lambda node, places: not places or node.name not in outside,
        _names_it=lambda question, node: True,
    )


def test_a_clear_winner_is_linked_and_a_tie_is_not() -> None:
    bag, jute = _cluster("Muzaffarpur Bag Cluster"), _cluster("Bagulamari Jute Cluster")
    navapur, shirpur = _cluster("Navapur Textile Cluster"), _cluster("Shirpur Textile Cluster")
    pick = QuestionAnswerer._cluster_by_meaning
    assert pick(_answerer([(bag, 0.81), (jute, 0.66)]), "bag cluster", []) == [bag]
    # dozens of textile clusters are about as near: none is named, and no worse reading is tried
    assert pick(_answerer([(navapur, 0.83), (shirpur, 0.81)]), "textile cluster", []) is None
    assert pick(_answerer([]), "zzz cluster", []) == []


def test_a_named_place_chooses_among_near_clusters() -> None:
    navapur, shirpur = _cluster("Navapur Textile Cluster"), _cluster("Shirpur Textile Cluster")
    place = [Node("district:maharashtra:dhule", "District", "Dhule")]
    near = _answerer(
        [(navapur, 0.83), (shirpur, 0.81)], outside=frozenset({"Navapur Textile Cluster"})
    )
    # the nearest lies elsewhere: the next one in the place is taken, however close the two
    assert QuestionAnswerer._cluster_by_meaning(near, "textile cluster", place) == [shirpur]


def test_a_whole_question_links_only_a_clear_winner() -> None:
    umden, payranga = _cluster("Umden Eri Cluster"), _cluster("Payranga Eri Cluster")
    link = QuestionAnswerer._link_by_meaning
    assert (
        link(_answerer([(umden, 0.60), (payranga, 0.58)]), "Which states have Eri clusters?") == []
    )
    assert link(_answerer([(umden, 0.75), (payranga, 0.58)]), "Umden eri?") == [umden]


def test_a_whole_question_names_a_node_only_with_what_sets_its_name_apart() -> None:
    # in how many of 1,700 names each word is: "small" and "programme" are rare, "cluster" common
    counts = Counter({"small": 29, "industry": 43, "cluster": 509, "development": 121,
                      "programm": 27, "muzaffarpur": 3, "bag": 4})  # fmt: skip
    name = "Small Industries Cluster Development Programme"
    assert not names_enough("Who runs cluster development programmes?", name, counts, 1700)
    assert names_enough("Who runs the small industries cluster programme?", name, counts, 1700)
    assert names_enough("muzaffarpur bag unit anchor", "Muzaffarpur Bag Cluster", counts, 1700)


def test_of_the_names_a_question_may_mean_the_one_adding_fewest_words_leads() -> None:
    mega, plain = _cluster("Trichy Mega Handloom Cluster"), _cluster("Trichy Handloom Cluster")
    nodes = {n.id: n for n in (mega, plain)}
    answerer = SimpleNamespace(store=SimpleNamespace(get_node=nodes.get))
    closest = QuestionAnswerer._closest
    assert closest(answerer, [mega.id, plain.id], "Trichy handloom") == [plain.id, mega.id]
    assert closest(answerer, [mega.id, plain.id], "Trichy mega handloom") == [mega.id, plain.id]


def test_the_question_spelling_of_a_focus_entity_names_it() -> None:
    district = Node("district:tamil-nadu:tiruppur", "District", "Tiruppur")
    q = Question("How many dyeing units did Tirupur have?", "count", focus=[district],
                 constraints=["Tirupur", "Kaithun"])  # fmt: skip
    also = spelled_as(q)
    assert also == {district.id: ("Tirupur",)}  # "Kaithun" spells nothing the question links
    words = set(tokens("Tirupur had 494 dyeing units before the closure order."))
    assert not names_in(district, words)
    assert names_in(district, words, also[district.id])
    assert not names_in(district, set(tokens("Erode had 300 units.")), also[district.id])
