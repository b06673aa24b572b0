"""Liveness and the size of the graph."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api import models as m
from api.deps import KB, SettingsDep
from kb import __version__ as VERSION

router = APIRouter(tags=["health"])


@router.get("/health", response_model=m.Health)
def health(settings: SettingsDep) -> dict[str, Any]:
    return {"status": "ok", "store": settings.store, "version": VERSION}


@router.get("/stats", response_model=m.Stats)
def stats(kb: KB) -> m.Stats:
    return kb.stats()
