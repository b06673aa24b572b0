"""Request and response models of the HTTP API: what /docs and /openapi.json describe."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class ErrorBody(BaseModel):
    status: int
    message: str = Field(description="what went wrong and what to do about it")
    details: Any = None


class ErrorResponse(BaseModel):
    error: ErrorBody


class Health(BaseModel):
    status: Literal["ok"]
    store: str
    version: str


class Stats(BaseModel):
    nodes: int
    edges: int
    nodes_by_type: dict[str, int]
    edges_by_relation: dict[str, int]


class EntityRef(BaseModel):
    id: str
    name: str
    type: str


class EntityMatch(EntityRef):
    score: float = Field(description="100 for an exact name or alias, lower for fuzzy matches")


class EntityPage(BaseModel):
    total: int
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page, null on the last one")
    items: list[EntityMatch]


class Source(BaseModel):
    model_config = ConfigDict(extra="allow")
    source: str
    locator: str
    text: str


class Relation(BaseModel):
    via: str | None
    relation: str
    direction: Literal["in", "out"]
    id: str
    name: str
    type: str
    attrs: dict[str, Any]
    provenance: list[Source]


class Entity(EntityRef):
    aliases: list[str]
    attrs: dict[str, Any]
    provenance: list[Source]
    relations: list[Relation]
    other_matches: list[EntityRef]


class GraphNode(EntityRef):
    depth: int


class GraphEdge(BaseModel):
    source: str
    relation: str
    target: str


class Neighborhood(BaseModel):
    center: EntityRef
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool


class Hop(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    from_: str = Field(alias="from")
    from_name: str
    relation: str
    to: str
    to_name: str
    provenance: list[Source]


class PathResult(BaseModel):
    source: EntityRef
    target: EntityRef
    hops: list[Hop]


class Turn(BaseModel):
    """One earlier turn of the conversation, as /ask returned it (entities carry follow-ups)."""

    model_config = ConfigDict(extra="ignore")
    question: str = Field(max_length=2000)
    answer: str = Field(default="", max_length=20000)
    entities: list[EntityRef] = Field(default_factory=list, max_length=50)


class AskRequest(BaseModel):
    question: str = Field(
        min_length=1, max_length=2000, examples=["Who anchors the Muzaffarpur bag cluster?"]
    )
    history: list[Turn] | None = Field(default=None, max_length=20)


class Citation(BaseModel):
    model_config = ConfigDict(extra="allow")
    document: str
    text: str


class AskResponse(BaseModel):
    question: str
    answer: str
    answered: bool
    citations: list[Citation]
    entities: list[EntityRef]
    facts: list[Any]


class RecommendRequest(BaseModel):
    district: str = Field(min_length=1, max_length=200, examples=["Gaya"])
    product: str = Field(min_length=1, max_length=200, examples=["Handloom/Garments"])
    state: str | None = Field(default=None, max_length=200)
    context: str | None = Field(
        default=None,
        max_length=1000,
        description="an existing cluster's name (its gaps are filled first) or words about "
        "the planned cluster, e.g. 'women SHGs'",
    )


class Evidence(BaseModel):
    model_config = ConfigDict(extra="allow")
    document: str
    text: str


class Partner(BaseModel):
    id: str
    name: str
    score: float
    why: str
    evidence: list[Evidence]
    fills: list[str]


class RecommendResponse(BaseModel):
    district: dict[str, str]
    product: str
    sector: str | None
    target_groups: list[str]
    existing_cluster: dict[str, str] | None
    gaps: list[str]
    note: str | None = Field(description="set when the product is not one the KB knows")
    model_clusters: list[Partner]
    anchors: list[Partner]
    buyers: list[Partner]
    suppliers: list[Partner]
    agencies: list[Partner]
    schemes: list[Partner]


class Actor(EntityRef):
    relation: str
    via: str | None
    evidence: list[Evidence]


class Stage(BaseModel):
    stage: str
    meaning: str
    gap: bool
    actors: list[Actor]


class Gaps(BaseModel):
    cluster: dict[str, str]
    gaps: list[str]
    stages: list[Stage]


class DocumentInfo(BaseModel):
    id: str
    title: str
    path: str | None
    sentences: int
    sha256: str | None
    facts: int


class DocumentText(BaseModel):
    id: str
    title: str
    sentences: list[str]


class UploadResult(BaseModel):
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


class PreviewRelation(BaseModel):
    source: str
    relation: str
    target: str
    text: str


class Preview(BaseModel):
    file: str
    document: str | None = None
    title: str | None = None
    error: str | None
    entities: list[PreviewEntity]
    relations: list[PreviewRelation]


class Removed(BaseModel):
    id: str
    removed_nodes: int
    removed_edges: int
