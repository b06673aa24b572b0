"""The evidence pool's hard constraints on graph facts, on the tiny graph: a fact about another
place, another cluster, or the wrong kind of thing never answers."""

from __future__ import annotations

import pytest

from kb.evidence import Candidate, EvidencePool, LogisticModel, same_word
from kb.question import Question
from kb.search import stem
from kb.store.base import Node
from kb.store.memory import MemoryStore
from tests.conftest import prov, tiny_graph

CLUSTER = "cluster:muzaffarpur-bag-cluster"


@pytest.fixture
def pool() -> EvidencePool:
    store = MemoryStore(None)
    tiny_graph(store)
    p = [prov("s9")]
    store.upsert_node(Node("state:kerala", "State", "Kerala", provenance=p))
    store.upsert_node(Node("district:kerala:ernakulam", "District", "Ernakulam", provenance=p))
    return EvidencePool(store, None, LogisticModel({}, 0.5, {}))  # type: ignore[arg-type]


def _fact(source: str, relation: str, target: str) -> Candidate:
    facts = [{"source": source, "relation": relation, "target": target}]
    return Candidate("a fact", "graph", "", kind="fact", facts=facts)


def _node(pool: EvidencePool, id_: str) -> Node:
    node = pool.store.get_node(id_)
    assert node is not None
    return node


def test_a_fact_about_another_place_is_inadmissible(pool: EvidencePool) -> None:
    anchor = _fact("enterprise:high-spirit", "ANCHORS", CLUSTER)
    odop = _fact("district:bihar:muzaffarpur", "ODOP_PRODUCT", "product:bags")
    in_bihar = Question("q", "org", focus=[_node(pool, "state:bihar")])
    in_kerala = Question("q", "org", focus=[_node(pool, "state:kerala")])
    in_ernakulam = Question("q", "list", focus=[_node(pool, "district:kerala:ernakulam")])
    assert pool.admissible(in_bihar, [anchor, odop]) == [anchor, odop]  # through the district
    assert pool.admissible(in_kerala, [anchor, odop]) == []
    assert pool.admissible(in_ernakulam, [odop]) == []


def test_a_fact_offering_the_wrong_kind_of_thing_is_inadmissible(pool: EvidencePool) -> None:
    cluster = _node(pool, CLUSTER)
    funded = _fact("scheme:mmuy", "FUNDS", CLUSTER)
    anchored = _fact("enterprise:high-spirit", "ANCHORS", CLUSTER)
    company = Question("Which company ...?", "org", focus=[cluster], noun=stem("company"))
    scheme = Question("Which scheme ...?", "org", focus=[cluster], noun=stem("scheme"))
    anything = Question("Who ...?", "org", focus=[cluster])
    assert pool.admissible(company, [funded, anchored]) == [anchored]
    assert pool.admissible(scheme, [funded, anchored]) == [funded]
    assert pool.admissible(anything, [funded, anchored]) == [funded, anchored]


def test_a_sentence_is_never_held_to_a_fact_constraint(pool: EvidencePool) -> None:
    sentence = Candidate("High Spirit anchors the bag cluster.", "doc:x", "sentence 1")
    q = Question("q", "org", focus=[_node(pool, "state:kerala")], noun=stem("company"))
    assert pool.admissible(q, [sentence]) == [sentence]


def test_a_fact_offers_the_other_end_of_its_edges_at_the_question_entities(
    pool: EvidencePool,
) -> None:
    """'Which projects were funded under the cluster?': the schemes funding the cluster are
    what the fact offers; a facility the scheme also funds, two steps away, does not make it
    an answer about projects."""
    cluster = _node(pool, CLUSTER)
    facts = [{"source": "scheme:mmuy", "relation": "FUNDS", "target": CLUSTER},
             {"source": "scheme:mmuy", "relation": "FUNDS", "target": "facility:bag-cfc"}]  # fmt: skip
    schemes = Candidate("a fact", "graph", "", kind="fact", facts=facts)
    facility = _fact(CLUSTER, "HAS_FACILITY", "facility:bag-cfc")
    projects = Question("Which projects ...?", "other", focus=[cluster], noun=stem("projects"))
    assert pool.admissible(projects, [schemes, facility]) == [facility]
    # a fact about none of the question's entities: whatever it names besides them
    elsewhere = _fact("scheme:mmuy", "FUNDS", "facility:bag-cfc")
    assert pool.admissible(projects, [elsewhere]) == [elsewhere]


def test_a_name_the_kb_does_not_hold_counts_as_what_the_question_is_about(
    pool: EvidencePool,
) -> None:
    """'How many artisans will the Daspur gold hub house?': Daspur (a block, no node) is what
    the question is about as much as a linked entity would be; a sentence naming it is about
    the question, one that does not is not."""
    q = Question("How many artisans will the Daspur gold hub house?", "count",
                 constraints=["Daspur"])  # fmt: skip
    naming = Candidate("The gold hub at Daspur will house 1250 artisans.", "graph", "")
    other = Candidate("The district's new hub will house 900 artisans.", "graph", "")
    pool.featurise(q, [naming, other])
    assert naming.features["focus_in_sentence"] == naming.features["focus_in_document"] == 1.0
    assert other.features["focus_in_sentence"] == other.features["focus_in_document"] == 0.0
    # with an entity the KB holds, each named thing is half of what the question is about
    cluster = _node(pool, CLUSTER)
    both = Question("q", "count", focus=[cluster], constraints=["Daspur"])
    pool.featurise(both, [naming])
    assert naming.features["focus_in_sentence"] == 0.5


def test_a_constraint_word_is_present_in_another_form(pool: EvidencePool) -> None:
    """'Karnataka's horticulture processing cluster': a document on its "horticultural crops
    processing cluster" names it; one on a textile cluster does not."""
    q = Question("Where will the horticulture processing cluster be set up?", "place",
                 constraints=["horticulture", "processing"])  # fmt: skip
    naming = Candidate("A horticultural crops processing cluster will come up.", "graph", "")
    other = Candidate("A textile processing cluster will come up.", "graph", "")
    pool.featurise(q, [naming, other])
    assert naming.features["constraint_missing"] == 0.0
    assert naming.features["constraints_in_sentence"] == 1.0
    assert other.features["constraint_missing"] == 1.0


def test_only_a_long_shared_stem_makes_another_form() -> None:
    assert same_word("horticulture", frozenset({"horticultural"}))
    assert same_word("processing", frozenset({"processed"}))
    assert not same_word("textile", frozenset({"textbook"}))  # four letters shared
    assert not same_word("handloom", frozenset({"handicraft"}))
    assert not same_word("jute", frozenset({"jute"}))  # too short to tell: matched as written


def test_a_place_a_fact_reaches_up_located_in_is_offered(pool: EvidencePool) -> None:
    """'Which state is the bag cluster in?': the cluster's district, then its state; the
    state is what the chain offers, so the fact is no answer of the wrong kind."""
    cluster = _node(pool, CLUSTER)
    district = "district:bihar:muzaffarpur"
    chain = Candidate("a fact", "graph", "", kind="fact", facts=[
        {"source": CLUSTER, "relation": "LOCATED_IN", "target": district},
        {"source": district, "relation": "LOCATED_IN", "target": "state:bihar"},
    ])  # fmt: skip
    one_hop = _fact(CLUSTER, "LOCATED_IN", district)
    state = Question("Which state ...?", "place", focus=[cluster], noun=stem("state"))
    assert pool.admissible(state, [chain, one_hop]) == [chain]
