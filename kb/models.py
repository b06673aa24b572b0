"""The shapes the service returns and the API serves: one definition of each.

Pydantic models, so the HTTP API can use them as response models and /openapi.json describes
them; `to_dict()` gives the JSON-ready dict the CLI prints.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    """Base of the service's result models."""

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


class Stats(Model):
    nodes: int
    edges: int
    nodes_by_type: dict[str, int]
    edges_by_relation: dict[str, int]


class EntityRef(Model):
    id: str
    name: str
    type: str


class EntityMatch(EntityRef):
    score: float = Field(description="100 for an exact name or alias, lower for fuzzy matches")


class EntityPage(Model):
    total: int
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page, null on the last one")
    items: list[EntityMatch]


class Source(Model):
    model_config = ConfigDict(extra="allow")
    source: str
    locator: str
    text: str


class Relation(Model):
    via: str | None
    relation: str
    direction: Literal["in", "out"]
    id: str
    name: str
    type: str
    attrs: dict[str, Any]
    provenance: list[Source]
    provenance_total: int | None = Field(
        default=None, description="how many sources the relation has (a page shows at most 10)"
    )


class Entity(EntityRef):
    aliases: list[str]
    attrs: dict[str, Any]
    provenance: list[Source]
    relations: list[Relation]
    other_matches: list[EntityRef]
    provenance_total: int | None = Field(
        default=None, description="how many sources the entity has (a page shows at most 100)"
    )
    relations_total: int | None = Field(
        default=None, description="how many relations the entity has (a page shows at most 500)"
    )


class GraphNode(EntityRef):
    depth: int


class GraphEdge(Model):
    source: str
    relation: str
    target: str


class Neighborhood(Model):
    center: EntityRef
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool
    total: int | None = None  # how many entities lie within the depth (all of them, not capped)


class Hop(Model):
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)
    from_: str = Field(alias="from")
    from_name: str
    relation: str
    to: str
    to_name: str
    provenance: list[Source]


class PathResult(Model):
    source: EntityRef
    target: EntityRef
    hops: list[Hop]


class Citation(Model):
    model_config = ConfigDict(extra="allow")
    document: str
    text: str


class Answer(Model):
    question: str
    answer: str
    answered: bool
    citations: list[Citation]
    entities: list[EntityRef]
    facts: list[Any]


class Evidence(Model):
    model_config = ConfigDict(extra="allow")
    document: str
    text: str


class Partner(Model):
    id: str
    name: str
    score: float = Field(description="0-100: 100 is every signal at its best (see `scale`)")
    why: str = Field(description="the reasons as one string of short sentences")
    reasons: list[str] = Field(
        default_factory=list, description="the same reasons, one sentence each, in order"
    )
    evidence: list[Evidence]
    fills: list[str]
    status: str | None = Field(None, description="a model cluster's status as its source words it")
    place: str | None = Field(None, description="where a model cluster or peer district is")
    source: str | None = Field(None, description="the source URL of a registry cluster")
    already_here: bool = Field(False, description="a cluster of the product in the district itself")


class Recommendation(Model):
    district: dict[str, str]
    product: str
    sector: str | None
    target_groups: list[str]
    existing_cluster: dict[str, str] | None
    gaps: list[str]
    note: str | None = Field(description="set when the product is not one the KB knows")
    coverage: str = Field("", description="how much the KB knows about this product")
    scale: str = Field("", description="what the 0-100 scores mean")
    empty: dict[str, str] = Field(
        default_factory=dict, description="why a list is empty, and what would fill it"
    )
    model_clusters: list[Partner]
    peer_districts: list[Partner] = Field(default_factory=list)
    anchors: list[Partner]
    buyers: list[Partner]
    suppliers: list[Partner]
    agencies: list[Partner]
    schemes: list[Partner]


class Actor(EntityRef):
    relation: str
    via: str | None
    evidence: list[Evidence]


class Stage(Model):
    stage: str
    meaning: str
    gap: bool
    actors: list[Actor]


class Gaps(Model):
    cluster: dict[str, str]
    gaps: list[str]
    stages: list[Stage]


class DocumentInfo(Model):
    id: str
    title: str
    path: str | None
    sentences: int
    sha256: str | None
    facts: int
    bundled: bool = False  # shipped with clusterkb (its file lies in the data folder)


class DocumentText(Model):
    id: str
    title: str
    sentences: list[str] = Field(description="the sentences from `offset` on, at most `limit`")
    offset: int = Field(0, description="the number of sentences before the first one given")
    total: int = Field(0, description="the document's sentences in all")
    source_url: str | None = None  # where it was published, when the file says so
    date: str | None = None
    path: str | None = None


class UploadResult(Model):
    added: list[str]
    replaced: list[str]
    unchanged: list[str]
    failed: list[str]
    sentences: int
    nodes: int
    edges: int
    seconds: float


class PreviewEntity(EntityRef):
    new: bool


class PreviewRelation(Model):
    source: str
    relation: str
    target: str
    text: str


class Preview(Model):
    file: str
    document: str | None = None
    title: str | None = None
    error: str | None
    entities: list[PreviewEntity]
    relations: list[PreviewRelation]


class Removed(Model):
    id: str
    removed_nodes: int
    removed_edges: int


class CitedRecord(Model):
    """One place in a source as a citation names it (a table's 'row 195', a document's
    'sentence 15'): its text and the entities and relations that cite it."""

    document: str
    locator: str
    text: str
    entities: list[EntityRef]
    relations: list[GraphEdge]
