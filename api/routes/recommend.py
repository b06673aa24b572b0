"""Partners for a planned cluster, and the value-chain gaps of an existing one."""

from __future__ import annotations

from fastapi import APIRouter

from api import models as m
from api.deps import KB, BoundedWork, EntityId, LazyHeavyWork
from kb.errors import InputError

router = APIRouter(tags=["recommend"])


@router.post("/recommend", response_model=m.Recommendation)
async def recommend(body: m.RecommendRequest, kb: KB, work: LazyHeavyWork) -> m.Recommendation:
    if not body.district.strip() or not body.product.strip():
        raise InputError("give a district and a product")
    args = (body.district, body.product, body.state, body.context)
    # made before, or being made for someone else: no pool slot needed
    known = await work.remembered(kb.cached_plan, kb.plan_pending, *args)
    return known if known is not None else await work(kb.recommend, *args)


@router.get("/gaps/{cluster_id}", response_model=m.Gaps)
async def gaps(cluster_id: EntityId, kb: KB, work: BoundedWork) -> m.Gaps:
    return await work(kb.gaps, cluster_id)
