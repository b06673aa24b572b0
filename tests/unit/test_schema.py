"""The ontology as data, and its documentation kept in step with it."""

from __future__ import annotations

import re

import pytest

from kb.errors import SchemaError
from kb.schema import (
    NODE_TYPES,
    PLACE_TYPES,
    QUESTION_CUES,
    RELATION_TYPES,
    TEXT_CUES,
    TYPE_GROUPS,
    VALUE_CHAIN_STAGES,
    check_node_type,
    check_relation,
)
from tests.conftest import REPO

DESIGN_NODE_TYPES = {
    "Cluster", "Enterprise", "Agency", "Scheme", "Product", "Sector", "District", "State",
    "Facility", "Document",
}  # fmt: skip
DESIGN_RELATIONS = {
    "LOCATED_IN", "PRODUCES", "ODOP_PRODUCT", "IN_SECTOR", "ANCHORS", "SUPPLIES", "BUYS_FROM",
    "FUNDS", "SUPPORTED_BY", "ADMINISTERS", "IMPLEMENTS", "MOBILISES", "TRAINS", "FINANCES",
    "HAS_FACILITY", "MEMBER_OF", "PARTNERS_WITH", "MENTIONED_IN",
}  # fmt: skip


def test_design_contract_is_covered() -> None:
    assert DESIGN_NODE_TYPES <= set(NODE_TYPES)
    assert DESIGN_RELATIONS <= set(RELATION_TYPES)


def test_relations_name_only_known_types() -> None:
    for rel in RELATION_TYPES.values():
        assert rel.meaning and rel.sources and rel.targets
        assert set(rel.sources) <= set(NODE_TYPES) and set(rel.targets) <= set(NODE_TYPES), rel.name
    for stage in VALUE_CHAIN_STAGES:
        assert set(stage.relations) <= set(RELATION_TYPES)


def test_checks() -> None:
    assert check_relation("ANCHORS", "Enterprise", "Cluster") == "ANCHORS"
    assert check_node_type("Cluster") == "Cluster"
    with pytest.raises(SchemaError) as err:
        check_relation("ANCHORS", "State", "Cluster")
    assert "cannot start at a State" in str(err.value)
    with pytest.raises(SchemaError):
        check_relation("ANCHORS) DETACH DELETE n //")


def test_docs_describe_every_type_and_relation() -> None:
    doc = (REPO / "docs" / "ontology.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Za-z_]+)` \|", doc, flags=re.M))
    assert set(NODE_TYPES) | set(RELATION_TYPES) <= documented
    assert documented <= set(NODE_TYPES) | set(RELATION_TYPES) | {
        s.name for s in VALUE_CHAIN_STAGES
    }


# -- type groups and cue words ----------------------------------------------------------------


def test_type_groups_name_known_types_and_are_documented() -> None:
    doc = (REPO / "docs" / "ontology.md").read_text(encoding="utf-8")
    for name, group in TYPE_GROUPS.items():
        assert group and set(group) <= set(NODE_TYPES), name
        assert len(set(group)) == len(group), name
        assert f"`{name}`" in doc, name
    assert set(TYPE_GROUPS["NON_ACTOR_TYPES"]).isdisjoint(TYPE_GROUPS["ACTOR_TYPES"])
    assert RELATION_TYPES["LOCATED_IN"].targets == PLACE_TYPES


def test_cues_name_relations_of_the_ontology() -> None:
    for name, cue in TEXT_CUES.items():
        assert cue.relation in RELATION_TYPES, name
        assert cue.phrases and all(cue.phrases), name
        re.compile(cue.pattern)
    for qcue in QUESTION_CUES:
        assert qcue.phrases and qcue.asks
        for relation, direction in qcue.asks:
            assert relation in RELATION_TYPES and direction in ("in", "out"), qcue
        re.compile(qcue.pattern)


def test_question_analysis_reads_the_question_cues() -> None:
    from kb.qa import INTENTS

    assert [(rx.pattern, rx.flags & re.I, wanted) for rx, wanted in INTENTS] == [
        (c.pattern, re.I, list(c.asks)) for c in QUESTION_CUES
    ]


def test_extraction_reads_every_text_cue() -> None:
    import ingest.relations

    compiled = [v.pattern for v in vars(ingest.relations).values() if isinstance(v, re.Pattern)]
    unused = [n for n, c in TEXT_CUES.items() if not any(c.pattern in p for p in compiled)]
    assert unused == []


def _asks(question: str) -> tuple[tuple[str, str], ...]:
    """What the first matching question cue asks for (the order is most specific first)."""
    return next(c.asks for c in QUESTION_CUES if re.search(c.pattern, question, re.I))


@pytest.mark.parametrize(
    ("question", "relation"),
    [
        ("Who anchored the Muzaffarpur Bag Cluster?", ("ANCHORS", "in")),
        ("Which bank gave loans to the Umden Eri Cluster?", ("FINANCES", "in")),
        ("Which scheme funds the Iron Cluster?", ("FUNDS", "in")),
        ("Where is the Iron Cluster?", ("LOCATED_IN", "out")),
        ("Which ministry is the IIE under?", ("PART_OF", "out")),
        ("Who supplies raw material to the cluster?", ("SUPPLIES", "in")),
    ],
)
def test_question_cues_say_what_is_asked(question: str, relation: tuple[str, str]) -> None:
    assert _asks(question)[0] == relation


def test_text_and_question_cues_differ_where_the_wording_does() -> None:
    anchor_text = re.compile(TEXT_CUES["anchor"].pattern, re.I)
    assert anchor_text.search("a Mumbai-based anchor unit")
    assert not anchor_text.search("the cluster was anchored by X")  # a report's noun only
    assert _asks("Who anchored it?") == (("ANCHORS", "in"),)  # a question's verb too
    train_text = re.compile(TEXT_CUES["train"].pattern, re.I)
    assert train_text.search("skill upgradation of the artisans")
    assert not train_text.search("the trainers came")
