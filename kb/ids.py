"""Node ids: the one place that builds them and reads them.

An id is the type's prefix and the slugs of the names that identify the node, joined by ':':

    state:bihar                         a state
    district:bihar:muzaffarpur          a district, qualified by its state
    cluster:muzaffarpur-bag-cluster     a cluster whose name says where it is
    cluster:bokaro:iron-cluster         a cluster with a generic name, qualified by its district
    agency:bihar:department-of-industries   a state's department, qualified by its state
    scheme:pmegp, scheme:<name>:<state> a scheme; a state's scheme sharing a title, by state
    facility:<its cluster's parts>:cfc  a cluster's shared facility
    doc:muzaffarpur-bag-cluster         a document, by its file name
    doc:रिपोर्ट-2023                      a document whose file name is not ASCII (kept, NFC)

A slug has no ':' in it (kb.resolve.slug), so the parts of an id are its ':'-separated fields.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from kb.resolve import slug

TYPE_PREFIX = {
    "Cluster": "cluster",
    "Enterprise": "enterprise",
    "Agency": "agency",
    "Scheme": "scheme",
    "Product": "product",
    "Sector": "sector",
    "District": "district",
    "State": "state",
    "Facility": "facility",
    "GeographicalIndication": "gi",
    "Document": "doc",
}
_TYPE_OF_PREFIX = {prefix: type_ for type_, prefix in TYPE_PREFIX.items()}


class ParsedId(NamedTuple):
    prefix: str  # "district"
    parts: tuple[str, ...]  # ("bihar", "muzaffarpur")

    @property
    def type(self) -> str | None:
        """The node type the prefix stands for, or None for an unknown prefix."""
        return _TYPE_OF_PREFIX.get(self.prefix)


def node_id(type_: str, *parts: str) -> str:
    """Canonical id: the type's prefix and the slugs of the identifying names."""
    return ":".join([TYPE_PREFIX[type_], *(slug(p) for p in parts)])


def parse(id_: str) -> ParsedId:
    """'district:bihar:muzaffarpur' -> ParsedId('district', ('bihar', 'muzaffarpur'))."""
    prefix, *parts = id_.split(":")
    return ParsedId(prefix, tuple(parts))


def is_a(id_: str, type_: str) -> bool:
    """Whether the id has the prefix of `type_` ('doc:x' is a Document; 'doc' alone is not)."""
    return id_.startswith(TYPE_PREFIX[type_] + ":")


def is_qualified(id_: str) -> bool:
    """Whether the id has more than one part, a place telling apart nodes that share a name
    ('agency:bihar:department-of-industries', not 'agency:ministry-of-textiles')."""
    return len(parse(id_).parts) > 1


def qualifier(id_: str) -> str | None:
    """The place slug an id with two parts carries to tell it apart: a cluster's district
    ('cluster:bokaro:iron-cluster' -> 'bokaro'), the state of a district or an agency, the
    state after a scheme's name ('scheme:<name>:<state>'); None for any other id."""
    p = parse(id_)
    if len(p.parts) != 2:
        return None
    return p.parts[-1] if p.prefix == TYPE_PREFIX["Scheme"] else p.parts[0]


def place_slug(place_id: str) -> str:
    """The slug of a district's or state's own name ('district:bihar:gaya' -> 'gaya')."""
    return parse(place_id).parts[-1]


def state_slug(place_id: str) -> str:
    """The slug of the state a state or district id names ('district:bihar:gaya' -> 'bihar')."""
    p = parse(place_id)
    if p.prefix not in (TYPE_PREFIX["State"], TYPE_PREFIX["District"]) or not p.parts:
        raise ValueError(f"not a state or district id: {place_id!r}")
    return p.parts[0]


def state_of(place_id: str) -> str:
    """The id of the state a state or district id names ('district:bihar:gaya' -> 'state:bihar')."""
    if is_a(place_id, "State"):
        return place_id
    return ":".join([TYPE_PREFIX["State"], state_slug(place_id)])


def facility_id(cluster_id: str, label: str) -> str:
    """A cluster's shared facility: the cluster's parts and the facility's label
    ('cluster:bokaro:iron-cluster', 'CFC' -> 'facility:bokaro:iron-cluster:cfc')."""
    return ":".join([TYPE_PREFIX["Facility"], *parse(cluster_id).parts, slug(label)])


def document_id(ref: str) -> str:
    """A document's id from its id or the name after 'doc:' (as the CLI and the API take it)."""
    return ref if is_a(ref, "Document") else f"{TYPE_PREFIX['Document']}:{ref}"


def file_document_id(stem: str) -> str:
    """A document's id from its file name without the suffix: an ASCII name by its slug
    ('Muzaffarpur Bag Cluster' -> 'doc:muzaffarpur-bag-cluster'); any other keeps its letters,
    marks and digits of every script (NFC, lower case) joined by '-', since the slug would
    drop them and two such names would become one id ('रिपोर्ट 2023' -> 'doc:रिपोर्ट-2023')."""
    if stem.isascii():
        return node_id("Document", stem)
    text = unicodedata.normalize("NFC", stem).lower()
    kept = "".join(c if unicodedata.category(c)[0] in "LMN" else " " for c in text)
    return f"{TYPE_PREFIX['Document']}:{'-'.join(kept.split())}"
