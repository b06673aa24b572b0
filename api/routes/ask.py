"""Questions in plain words, answered from the graph and the documents with citations."""

from __future__ import annotations

from fastapi import APIRouter

from api import models as m
from api.deps import KB, HeavyDep

router = APIRouter(prefix="/ask", tags=["ask"])


@router.post("", response_model=m.Answer, dependencies=[HeavyDep])
def ask(body: m.AskRequest, kb: KB) -> m.Answer:
    history = [t.model_dump() for t in body.history] if body.history else None
    return kb.ask(body.question, history)
