"""The shortest chain of relations between two entities."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api import models as m
from api.deps import KB, BoundedWork
from kb.errors import InputError

router = APIRouter(prefix="/paths", tags=["paths"])


@router.get("", response_model=m.PathResult, response_model_by_alias=True)
async def paths(
    kb: KB,
    work: BoundedWork,
    source: Annotated[str, Query(min_length=1, max_length=300)],
    target: Annotated[str, Query(min_length=1, max_length=300)],
    max_hops: Annotated[int, Query(ge=1, le=8)] = 6,
) -> dict[str, Any]:
    if not source.strip() or not target.strip():
        raise InputError("give a source and a target entity")
    view = await work(kb.path, source, target, max_hops)
    return view.to_dict()
