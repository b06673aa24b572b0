"""Questions in plain words, answered from the graph and the documents with citations."""

from __future__ import annotations

from fastapi import APIRouter

from api import models as m
from api.deps import KB, LazyHeavyWork

router = APIRouter(prefix="/ask", tags=["ask"])


@router.post("", response_model=m.Answer)
async def ask(body: m.AskRequest, kb: KB, work: LazyHeavyWork) -> m.Answer:
    history = [t.model_dump() for t in body.history] if body.history else None
    # asked before, or being answered for someone else: no pool slot needed
    known = await work.remembered(kb.cached_answer, kb.answer_pending, body.question, history)
    return known if known is not None else await work(kb.ask, body.question, history)
