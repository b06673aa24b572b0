"""Node ids: built and read by kb/ids.py alone, in the formats the store holds."""

from __future__ import annotations

import pytest

from kb import ids
from kb.ids import TYPE_PREFIX, node_id, parse
from kb.schema import NODE_TYPES

EXAMPLES = [
    (("District", "BIHAR", "MUZAFFARPUR"), "district:bihar:muzaffarpur"),
    (("State", "Andaman & Nicobar Islands"), "state:andaman-and-nicobar-islands"),
    (("Cluster", "Bokaro", "Iron Cluster"), "cluster:bokaro:iron-cluster"),
    (("Cluster", "The Muzaffarpur Bag Cluster"), "cluster:muzaffarpur-bag-cluster"),
    (("Agency", "Bihar", "Department of Industries"), "agency:bihar:department-of-industries"),
    (("Scheme", "PMEGP", "Kerala"), "scheme:pmegp:kerala"),
    (("GeographicalIndication", "Shahi Litchi"), "gi:shahi-litchi"),
    (("Document", "muzaffarpur-bag-cluster"), "doc:muzaffarpur-bag-cluster"),
]


def test_every_node_type_has_its_own_prefix() -> None:
    assert set(TYPE_PREFIX) == set(NODE_TYPES)
    assert len(set(TYPE_PREFIX.values())) == len(TYPE_PREFIX)
    assert all(":" not in p for p in TYPE_PREFIX.values())


@pytest.mark.parametrize(("args", "expected"), EXAMPLES)
def test_build_and_parse_round_trip(args: tuple[str, ...], expected: str) -> None:
    type_, *names = args
    built = node_id(type_, *names)
    assert built == expected
    parsed = parse(built)
    assert parsed.type == type_
    assert parsed.prefix == TYPE_PREFIX[type_]
    assert len(parsed.parts) == len(names)
    assert ":".join([parsed.prefix, *parsed.parts]) == built
    assert node_id(type_, *parsed.parts) == built  # the parts are the slugs it was built from
    assert ids.is_a(built, type_)
    assert not any(ids.is_a(built, t) for t in NODE_TYPES if t != type_)


def test_unknown_prefix_and_bare_words() -> None:
    assert parse("thing:x").type is None
    assert not ids.is_a("doc", "Document")  # a bare word is a name, not an id
    assert not ids.is_a("document:x", "Document")


def test_places_and_their_states() -> None:
    assert ids.state_of("district:bihar:muzaffarpur") == "state:bihar"
    assert ids.state_of("state:bihar") == "state:bihar"
    assert ids.state_slug("district:bihar:muzaffarpur") == "bihar"
    assert ids.state_slug("state:bihar") == "bihar"
    assert ids.place_slug("district:bihar:muzaffarpur") == "muzaffarpur"
    assert ids.place_slug("state:bihar") == "bihar"
    for not_a_place in ("cluster:bokaro:iron-cluster", "agency:bihar:department-of-industries"):
        with pytest.raises(ValueError):
            ids.state_of(not_a_place)


def test_qualifiers() -> None:
    assert ids.qualifier("cluster:bokaro:iron-cluster") == "bokaro"
    assert ids.qualifier("cluster:muzaffarpur-bag-cluster") is None
    assert ids.qualifier("agency:bihar:department-of-industries") == "bihar"
    assert ids.qualifier("scheme:pmegp:kerala") == "kerala"  # a scheme's state comes last
    assert ids.qualifier("facility:bokaro:iron-cluster:cfc") is None
    assert ids.is_qualified("agency:bihar:department-of-industries")
    assert not ids.is_qualified("agency:ministry-of-textiles")


def test_facility_and_document_ids() -> None:
    assert (
        ids.facility_id("cluster:bokaro:iron-cluster", "CFC") == "facility:bokaro:iron-cluster:cfc"
    )
    assert ids.facility_id("cluster:umden-eri-cluster", "Rearing sheds") == (
        "facility:umden-eri-cluster:rearing-sheds"
    )
    assert ids.document_id("doc:muzaffarpur-bag-cluster") == "doc:muzaffarpur-bag-cluster"
    assert ids.document_id("muzaffarpur-bag-cluster") == "doc:muzaffarpur-bag-cluster"
