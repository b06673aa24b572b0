"""Businesses a sentence names by their role in the value chain ("the main buyers of the
cluster are A, B and C", "A is the anchor unit"), read from the parse (ingest/mentions.py
`role_parties`) and linked to the cluster with that role (ingest/relations.py); on sentences
written for these tests."""

from __future__ import annotations

from ingest.mentions import role_parties
from ingest.relations import relations_of
from ingest.units import Entity, Sentence
from kb.nlp import parse


def _parties(text: str) -> set[tuple[str, str]]:
    return {(name, role) for name, _, _, role in role_parties(parse(text))}


def test_the_names_a_role_noun_is_given_are_its_parties() -> None:
    text = "The main buyers of the cluster are Orion Motors, Vela Pumps and Kestrel & Kestrel."
    assert _parties(text) == {("Orion Motors", "buyer"), ("Vela Pumps", "buyer"),
                              ("Kestrel & Kestrel", "buyer")}  # fmt: skip
    text = "The cluster's customers include Escorts Limited and Cummins India."
    assert _parties(text) == {("Escorts Limited", "buyer"), ("Cummins India", "buyer")}
    text = "Its units sell to buyers such as Orion Motors and Vela Pumps."
    assert _parties(text) == {("Orion Motors", "buyer"), ("Vela Pumps", "buyer")}
    text = "Field Marshal Diesel is the anchor unit of the cluster."
    assert _parties(text) == {("Field Marshal Diesel", "anchor")}
    text = "The suppliers of yarn are Vela Spinners and Orion Mills."
    assert _parties(text) == {("Vela Spinners", "supplier"), ("Orion Mills", "supplier")}


def test_a_role_noun_naming_no_business_gives_none() -> None:
    assert _parties("The cluster's products reach customers across Europe.") == set()
    assert _parties("The main buyers are local traders and exporters.") == set()
    assert _parties("An anchor unit will be selected next year.") == set()


def _sentence(text: str, clusters: list[str], businesses: list[str]) -> Sentence:
    s = Sentence(0, text, text)
    for type_, names in (("Cluster", clusters), ("Enterprise", businesses)):
        for name in names:
            start = text.index(name)
            s.entities.append(
                Entity(f"{type_.lower()}:{name}", type_, name, start, start + len(name))
            )
    return s


def test_each_named_business_gets_its_role_edge() -> None:
    text = "The main buyers of the Kalapur Forging Cluster are Orion Motors and Vela Pumps."
    s = _sentence(text, ["Kalapur Forging Cluster"], ["Orion Motors", "Vela Pumps"])
    links = {(src, rel, tgt) for _, src, rel, tgt, _, _ in relations_of([s], {"title": "x"})}
    cluster = "cluster:Kalapur Forging Cluster"
    assert ("enterprise:Orion Motors", "BUYS_FROM", cluster) in links
    assert ("enterprise:Vela Pumps", "BUYS_FROM", cluster) in links
    assert not any(rel in ("SUPPLIES", "ANCHORS") for _, rel, _ in links)
