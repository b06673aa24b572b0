"""Entities: fuzzy search in pages, one entity with its relations, its neighbourhood."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Query

from api import models as m
from api.deps import KB, BoundedWork, EntityId
from kb.errors import NotFound
from kb.schema import NODE_TYPES, RELATION_TYPES

if TYPE_CHECKING:
    NodeType = str
    RelationName = str
else:  # enums in /openapi.json, so clients and schemathesis know the allowed values
    NodeType = Literal[tuple(NODE_TYPES)]
    RelationName = Literal[tuple(RELATION_TYPES)]

router = APIRouter(prefix="/entities", tags=["entities"])


@router.get("", response_model=m.EntityPage)
async def entities(
    kb: KB,
    work: BoundedWork,
    q: Annotated[str | None, Query(max_length=200, description="name, alias or id; fuzzy")] = None,
    type: Annotated[NodeType | None, Query(description="only this entity type")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> m.EntityPage:
    return await work(kb.entity_page, q, type, limit, offset)


@router.get("/{entity_id}", response_model=m.Entity)
async def entity(entity_id: EntityId, kb: KB, work: BoundedWork) -> dict[str, Any]:
    """One entity with its relations and their sources, bounded in size (kb.explore: at most
    500 relations, 10 sources each; a document's sentences as their number)."""

    def page() -> dict[str, Any]:
        if kb.node(entity_id) is None:
            raise NotFound(f"no entity with id {entity_id!r}", kb.suggest(entity_id))
        return kb.entity(entity_id).to_dict(bounded=True)

    return await work(page)


@router.get("/{entity_id}/neighbors", response_model=m.Neighborhood)
async def neighbors(
    entity_id: EntityId,
    kb: KB,
    work: BoundedWork,
    relation: RelationName | None = None,
    direction: Literal["in", "out", "both"] = "both",
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> m.Neighborhood:
    return await work(kb.neighborhood, entity_id, relation, direction, depth, limit)
