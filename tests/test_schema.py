"""The ontology as data, and its documentation kept in step with it."""

from __future__ import annotations

import re

import pytest

from kb.errors import SchemaError
from kb.schema import (
    NODE_TYPES,
    RELATION_TYPES,
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
