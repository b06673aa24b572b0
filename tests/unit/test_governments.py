"""Governments as bodies (ingest/mentions.py `government_mentions`, ingest/extract.py
`_government`): the Union's and a state's, by the ways papers write them; a state's government
still names its state; a government is no focus of a question (kb/qa.py). On sentences written
for these tests."""

from __future__ import annotations

from ingest.documents import LoadedDocument
from ingest.extract import Extractor, to_facts
from ingest.mentions import government_mentions
from kb.explore import is_government
from kb.resolve import Resolver
from kb.store.base import Node


def _named(text: str) -> list[tuple[str, str]]:
    return [(m.name, text[m.start : m.end]) for m in government_mentions(text)]


def test_the_unions_government_by_its_many_names() -> None:
    for text, surface in [
        ("The Government of India gave a grant.", "Government of India"),
        ("It was funded by GoI in 2019.", "GoI"),
        ("The Union government approved 14 clusters.", "Union government"),
        ("The Central Government will fund it.", "Central Government"),
        ("A proposal was sent to the Centre last year.", "Centre"),
    ]:
        assert _named(text) == [("Government of India", surface)], text


def test_a_states_government_and_the_state_government() -> None:
    assert _named("The Kerala government and the Maharashtra State Government paid.") == [
        ("Government of Kerala", "Kerala government"),
        ("Government of Maharashtra", "Maharashtra State Government"),
    ]
    assert _named("Govt. of Tamil Nadu sanctioned it.") == [
        ("Government of Tamil Nadu", "Govt. of Tamil Nadu")
    ]
    assert _named("The state government will pay.") == [("State government", "state government")]


def test_names_a_governments_words_open_and_a_bodys_government_are_not_governments() -> None:
    for text in [
        "The Centre for Social Development trained them.",
        "He works at the Kerala Government College.",
        "The Central Government Health Scheme covers them.",
        "The Ministry of Textiles, Government of India approved it.",  # the ministry's
        "The Government has said so.",  # which one, the sentence does not say
    ]:
        assert _named(text) == [], text


PLACES = [
    Node("state:maharashtra", "State", "Maharashtra"),
    Node(
        "district:maharashtra:aurangabad", "District", "Aurangabad", attrs={"state": "Maharashtra"}
    ),  # fmt: skip
]


def _edges(sentences: list[str]) -> set[tuple[str, str, str]]:
    ex = Extractor(PLACES, Resolver.from_nodes(PLACES))
    doc = LoadedDocument("doc:test", "An electronics cluster", "test.txt", "0", sentences)
    read, context = ex.read(doc)
    facts = to_facts(doc, read, context, source=doc.id)
    names = {n.id: n.name for n in [*facts.nodes.values(), *PLACES]}
    return {(names.get(e.source, e.source), e.relation, names.get(e.target, e.target))
            for e in facts.edges.values()}  # fmt: skip


def test_governments_fund_a_cluster_and_a_states_government_places_it() -> None:
    edges = _edges([
        "The Deogiri Electronics Cluster will cost Rs 60 crore.",
        "It is funded by the Central government with Rs 40 crore and by the Maharashtra "
        "government with Rs 10 crore.",
    ])  # fmt: skip
    assert ("Government of India", "FUNDS", "Deogiri Electronics Cluster") in edges
    assert ("Government of Maharashtra", "FUNDS", "Deogiri Electronics Cluster") in edges
    # the state's government was the document's only word for its state
    assert ("Deogiri Electronics Cluster", "LOCATED_IN", "Maharashtra") in edges


def test_the_state_government_is_the_documents_states() -> None:
    edges = _edges([
        "The Deogiri Electronics Cluster at Aurangabad will cost Rs 60 crore.",
        "It is funded by the state government.",
    ])  # fmt: skip
    assert ("Government of Maharashtra", "FUNDS", "Deogiri Electronics Cluster") in edges


def test_a_government_is_no_focus_of_a_question() -> None:
    assert is_government(Node("agency:government-of-india", "Agency", "Government of India",
                               attrs={"role": "government"}))  # fmt: skip
    assert not is_government(Node("agency:coir-board", "Agency", "Coir Board"))


def test_a_government_backs_a_cluster_it_does_not_run() -> None:
    from ingest.relations import relations_of
    from ingest.units import Entity, Sentence

    text = "The Union government will set up the Brass Cluster in Moradabad."
    s = Sentence(0, text, text)
    s.entities = [
        Entity("agency:government-of-india", "Agency", "Government of India", 4, 20, "government"),
        Entity("cluster:brass-cluster", "Cluster", "Brass Cluster", 37, 50),
    ]
    found = {(src, rel, tgt) for _, src, rel, tgt, _, _ in relations_of([s], {"title": "x"})}
    assert ("agency:government-of-india", "IMPLEMENTS", "cluster:brass-cluster") not in found
    assert ("cluster:brass-cluster", "SUPPORTED_BY", "agency:government-of-india") in found
    # a body of another kind set up the cluster, and runs it
    s.entities[0].role = "organisation"
    found = {(src, rel, tgt) for _, src, rel, tgt, _, _ in relations_of([s], {"title": "x"})}
    assert ("agency:government-of-india", "IMPLEMENTS", "cluster:brass-cluster") in found


def test_a_government_the_kb_knows_is_still_read_as_a_government() -> None:
    known = [*PLACES, Node("agency:government-of-india", "Agency", "Government of India",
                           attrs={"role": "government", "level": "union"})]  # fmt: skip
    ex = Extractor(known, Resolver.from_nodes(known))
    doc = LoadedDocument("doc:test", "A cluster", "test.txt", "0", [
        "The Government of India funds the Deogiri Electronics Cluster.",
        "The Ministry of Textiles, Government of India approved it.",
    ])  # fmt: skip
    read, _ = ex.read(doc)
    roles = [[(e.name, e.role) for e in s.of("Agency")] for s in read]
    assert ("Government of India", "government") in roles[0]
    assert all(name != "Government of India" for name, _ in roles[1])
