"""The clusterkb ontology as data: node types, relation types and value-chain stages.

Everything that writes to a store checks labels and relation types against this module,
so a typo becomes an error instead of a new kind of node. `docs/ontology.md` describes the
same data for people; `tests/test_schema.py` keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.errors import SchemaError


@dataclass(frozen=True)
class NodeType:
    name: str
    meaning: str
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelationType:
    name: str
    meaning: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(frozen=True)
class Stage:
    """One stage of a cluster's value chain and the relations that show an actor in it."""

    name: str
    meaning: str
    relations: tuple[str, ...]


NODE_TYPES: dict[str, NodeType] = {
    t.name: t
    for t in (
        NodeType("Cluster", "A group of enterprises making one product in one place."),
        NodeType(
            "Enterprise",
            "A firm, unit or collective taking part in a value chain.",
            ("anchor", "supplier", "buyer", "member unit", "SPV", "FPO", "SHG"),
        ),
        NodeType(
            "Agency",
            "A public or private body that funds, runs, trains, finances or advises.",
            (
                "government department",
                "ministry",
                "society",
                "bank",
                "MFI",
                "NGO",
                "knowledge partner",
                "training institute",
                "organisation",
            ),
        ),
        NodeType("Scheme", "A government programme, scheme or yojana."),
        NodeType("Product", "A product or craft; ODOP products are Products."),
        NodeType("Sector", "A sector of the economy, as the ODOP list names them."),
        NodeType("District", "A district, keyed by its LGD code where it has one."),
        NodeType("State", "A state or union territory, keyed by its LGD code."),
        NodeType(
            "Facility",
            "Shared infrastructure of a cluster.",
            ("CFC", "plug & play shed", "work shed"),
        ),
        NodeType(
            "GeographicalIndication",
            "A registered Geographical Indication (IP India GI registry entry).",
        ),
        NodeType("Document", "A source document or data-set file that facts come from."),
    )
}

_ALL = tuple(NODE_TYPES)
_ACTORS = ("Enterprise", "Agency", "Scheme")
_HOLDERS = ("Cluster", "Enterprise")

RELATION_TYPES: dict[str, RelationType] = {
    r.name: r
    for r in (
        RelationType(
            "LOCATED_IN",
            "is located in (a place inside a larger place, or a unit in its place)",
            ("Cluster", "Enterprise", "Agency", "Facility", "District"),
            ("District", "State"),
        ),
        RelationType(
            "PRODUCES",
            "makes or grows the product",
            ("Cluster", "Enterprise", "District"),
            ("Product",),
        ),
        RelationType(
            "ODOP_PRODUCT",
            "the district's One District One Product (ODOP) product",
            ("District",),
            ("Product",),
        ),
        RelationType(
            "IN_SECTOR",
            "belongs to the sector",
            ("Product", "Cluster", "Enterprise", "Scheme"),
            ("Sector",),
        ),
        RelationType(
            "ANCHORS",
            "is the anchor unit of the cluster (raw material, market access)",
            ("Enterprise",),
            ("Cluster",),
        ),
        RelationType(
            "SUPPLIES",
            "supplies raw material, inputs or services to",
            ("Enterprise", "Agency", "Cluster"),
            _HOLDERS,
        ),
        RelationType(
            "BUYS_FROM", "buys the output of", ("Enterprise", "Agency", "Cluster"), _HOLDERS
        ),
        RelationType(
            "FUNDS",
            "gives money (grant, subsidy, loan) to",
            ("Scheme", "Agency"),
            ("Cluster", "Enterprise", "Facility"),
        ),
        RelationType(
            "SUPPORTED_BY",
            "is supported (non-monetarily or in general) by",
            ("Cluster", "Enterprise", "Facility"),
            ("Scheme", "Agency"),
        ),
        RelationType("ADMINISTERS", "runs or owns the scheme", ("Agency",), ("Scheme",)),
        RelationType(
            "IMPLEMENTS",
            "implements the scheme or the cluster project (implementing agency, SPV)",
            ("Agency", "Enterprise"),
            ("Scheme", "Cluster"),
        ),
        RelationType(
            "MOBILISES",
            "mobilised the people or units (for example SHG women into a cluster)",
            ("Agency", "Enterprise"),
            ("Cluster", "Enterprise"),
        ),
        RelationType(
            "TRAINS",
            "trains the workers or entrepreneurs of",
            ("Agency", "Enterprise"),
            _HOLDERS,
        ),
        RelationType(
            "FINANCES",
            "provides credit or loans to",
            ("Agency",),
            _HOLDERS,
        ),
        RelationType(
            "HAS_FACILITY",
            "has the shared facility (CFC, plug & play shed, work shed)",
            _HOLDERS,
            ("Facility",),
        ),
        RelationType(
            "MEMBER_OF",
            "is a member unit of",
            ("Enterprise",),
            ("Cluster", "Enterprise"),
        ),
        RelationType(
            "PARTNERS_WITH",
            "works with as a partner (knowledge, technical or marketing partner)",
            _ACTORS + ("Cluster",),
            _ACTORS + ("Cluster",),
        ),
        RelationType(
            "PART_OF",
            "is an organisation under (department under its ministry)",
            ("Agency",),
            ("Agency",),
        ),
        RelationType(
            "RESPONSIBLE_FOR",
            "is the ministry or department the ODOP list names for the product",
            ("Agency",),
            ("Product",),
        ),
        RelationType(
            "APPLIES_IN",
            "the scheme is open to applicants in the state",
            ("Scheme",),
            ("State",),
        ),
        RelationType(
            "HAS_GI",
            "the product is registered as the Geographical Indication",
            ("Product",),
            ("GeographicalIndication",),
        ),
        RelationType(
            "REGISTERED_IN",
            "the Geographical Indication is registered for the state",
            ("GeographicalIndication",),
            ("State",),
        ),
        RelationType(
            "MENTIONED_IN",
            "is mentioned in the document",
            tuple(t for t in _ALL if t != "Document"),
            ("Document",),
        ),
    )
}

VALUE_CHAIN_STAGES: tuple[Stage, ...] = (
    Stage("raw_material", "raw-material and input suppliers", ("SUPPLIES",)),
    Stage("production", "the units that make the product", ("MEMBER_OF", "ANCHORS", "MOBILISES")),
    Stage("common_facility", "a CFC, shed or other shared facility", ("HAS_FACILITY",)),
    Stage("finance", "grants, subsidies and credit", ("FUNDS", "FINANCES", "SUPPORTED_BY")),
    Stage("skills", "training and skilling", ("TRAINS",)),
    Stage("market", "buyers and market access", ("BUYS_FROM", "ANCHORS")),
)


def check_node_type(name: str) -> str:
    """Return `name` if it is a node type of the ontology, else raise SchemaError."""
    if name not in NODE_TYPES:
        raise SchemaError(f"unknown node type {name!r}; known: {', '.join(NODE_TYPES)}")
    return name


def check_relation(
    relation: str, source_type: str | None = None, target_type: str | None = None
) -> str:
    """Return `relation` if it exists and admits these endpoint types, else raise SchemaError."""
    rel = RELATION_TYPES.get(relation)
    if rel is None:
        raise SchemaError(f"unknown relation type {relation!r}; known: {', '.join(RELATION_TYPES)}")
    if source_type is not None and source_type not in rel.sources:
        raise SchemaError(
            f"{relation} cannot start at a {source_type}; allowed: {', '.join(rel.sources)}"
        )
    if target_type is not None and target_type not in rel.targets:
        raise SchemaError(
            f"{relation} cannot end at a {target_type}; allowed: {', '.join(rel.targets)}"
        )
    return relation
