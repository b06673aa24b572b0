"""What routes depend on, declared once: the KnowledgeBase the app serves (`app.state.kb`), its
settings, the X-API-Key of a write, and the entity-id path parameter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi import Path as PathParam

from api.errors import APIError
from clusterkb.service import KnowledgeBase
from kb.config import Settings


async def get_kb(request: Request) -> KnowledgeBase:
    """The KnowledgeBase create_app stored on the app."""
    kb: KnowledgeBase = request.app.state.kb
    return kb


KB = Annotated[KnowledgeBase, Depends(get_kb)]


async def get_settings(kb: KB) -> Settings:
    return kb.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


@dataclass(frozen=True)
class WriteKey:
    """The X-API-Key a write came with. Routes call `require()` first thing: FastAPI has
    validated the request by then, so invalid input answers 422 whatever the key."""

    settings: Settings
    key: str | None

    def require(self) -> None:
        """403 when writes are off (no CLUSTERKB_API_KEY), 401 when the key is not that one."""
        if not self.settings.api_key:
            raise APIError(
                403,
                "writes are disabled: start the server with CLUSTERKB_API_KEY=<a secret> "
                "and send it in the X-API-Key header",
            )
        if not self.settings.accepts_key(self.key):
            raise APIError(401, "a valid X-API-Key header is needed to change documents")


async def get_write_key(
    settings: SettingsDep, x_api_key: Annotated[str | None, Header()] = None
) -> WriteKey:
    return WriteKey(settings, x_api_key)


WriteKeyDep = Annotated[WriteKey, Depends(get_write_key)]

EntityId = Annotated[str, PathParam(min_length=1, max_length=300)]
