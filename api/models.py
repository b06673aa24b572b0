"""Request and response models of the HTTP API: what /docs and /openapi.json describe."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# The response shapes are the service's own (kb/models.py): one definition of each.
from kb.models import (  # noqa: F401
    Actor,
    Answer,
    Citation,
    DocumentInfo,
    DocumentText,
    Entity,
    EntityMatch,
    EntityPage,
    EntityRef,
    Evidence,
    Gaps,
    GraphEdge,
    GraphNode,
    Hop,
    Neighborhood,
    Partner,
    PathResult,
    Preview,
    PreviewEntity,
    PreviewRelation,
    Recommendation,
    Relation,
    Removed,
    Source,
    Stage,
    Stats,
    UploadResult,
)


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
