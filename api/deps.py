"""What routes depend on, declared once: the KnowledgeBase the app serves (`app.state.kb`), its
settings, the X-API-Key of a write, the entity-id path parameter, and how CPU-heavy work runs:
`BoundedWork` under the request's deadline (api.deadline), `HeavyWork` also in a slot of the
bounded pool (api.gate).

A write route declares `dependencies=[WriteKeyDep]` and is served by `KeyFirstRoute`: the key is
checked from the headers before FastAPI reads or parses the body (FastAPI reads the body before
it solves any dependency), so a request without the key is refused (401/403) whatever its body,
which is never read — a keyless malformed write gets 401, not a 422 describing the schema."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import Depends, Header, Request, Response
from fastapi import Path as PathParam
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from api.deadline import Deadlines, run
from api.errors import APIError
from api.gate import Gate
from clusterkb.service import KnowledgeBase
from kb.config import Settings
from kb.deadline import Deadline

T = TypeVar("T")


async def get_kb(request: Request) -> KnowledgeBase:
    """The KnowledgeBase create_app stored on the app."""
    kb: KnowledgeBase = request.app.state.kb
    return kb


KB = Annotated[KnowledgeBase, Depends(get_kb)]


async def get_settings(kb: KB) -> Settings:
    return kb.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def check_write_key(settings: Settings, key: str | None) -> None:
    """403 when writes are off (no CLUSTERKB_API_KEY), 401 when the key is not that one."""
    if not settings.api_key:
        raise APIError(
            403,
            "writes are disabled: start the server with CLUSTERKB_API_KEY=<a secret> "
            "and send it in the X-API-Key header",
        )
    if not settings.accepts_key(key):
        raise APIError(401, "a valid X-API-Key header is needed to change documents")


async def require_write_key(
    settings: SettingsDep, x_api_key: Annotated[str | None, Header()] = None
) -> None:
    """The key of a write (declared so /openapi.json shows the header; KeyFirstRoute has
    checked it already, before the body)."""
    check_write_key(settings, x_api_key)


WriteKeyDep = Depends(require_write_key)


def _needs_key(dependant: Dependant) -> bool:
    return any(d.call is require_write_key or _needs_key(d) for d in dependant.dependencies)


class KeyFirstRoute(APIRoute):
    """An APIRoute that, when the route depends on `require_write_key`, checks X-API-Key before
    the request body is read; other routes are served as usual."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if not _needs_key(self.dependant):
            return handler

        async def key_first(request: Request) -> Response:
            kb: KnowledgeBase = request.app.state.kb
            check_write_key(kb.settings, request.headers.get("x-api-key"))
            return await handler(request)

        return key_first


async def heavy_slot(request: Request) -> AsyncIterator[None]:
    """A place in the bounded pool of CPU-heavy requests (api.gate), or 503 with Retry-After."""
    gate: Gate = request.app.state.gate
    async with gate.slot():
        yield


HeavyDep = Depends(heavy_slot)


class Work:
    """How a route runs its CPU-heavy call: `await work(fn, *args)` runs `fn(*args)` in a
    worker thread under the request's deadline (api.deadline)."""

    def __init__(self, deadlines: Deadlines, deadline: Deadline):
        self.deadlines, self.deadline = deadlines, deadline

    async def __call__(self, fn: Callable[..., T], *args: Any) -> T:
        return await run(self.deadlines, self.deadline, fn, *args)


async def deadline_work(request: Request) -> AsyncIterator[Work]:
    """The request's deadline (CLUSTERKB_REQUEST_DEADLINE from now), in flight until it ends."""
    kb: KnowledgeBase = request.app.state.kb
    deadlines: Deadlines = request.app.state.deadlines
    deadline = deadlines.start(kb.settings.request_deadline, f"{request.method} {request.url.path}")
    try:
        yield Work(deadlines, deadline)
    finally:
        deadlines.end(deadline)


BoundedWork = Annotated[Work, Depends(deadline_work)]


async def heavy_work(request: Request, work: BoundedWork) -> AsyncIterator[Work]:
    """The request's deadline and a slot of the bounded pool (api.gate), waited for at most
    until the deadline: 503 with Retry-After when none comes."""
    gate: Gate = request.app.state.gate
    async with gate.slot(wait=work.deadline.remaining()):
        yield work


HeavyWork = Annotated[Work, Depends(heavy_work)]


PENDING_POLL = 0.05  # seconds between looks at work another request is doing


class GatedWork(Work):
    """Like HeavyWork, but the pool's slot is taken only when the work is run: a route that
    can answer from what it already computed (kb.memo) answers without queueing."""

    def __init__(self, work: Work, gate: Gate):
        super().__init__(work.deadlines, work.deadline)
        self.gate = gate

    async def __call__(self, fn: Callable[..., T], *args: Any) -> T:
        async with self.gate.slot(wait=self.deadline.remaining()):
            return await super().__call__(fn, *args)

    async def remembered(
        self, lookup: Callable[..., T | None], pending: Callable[..., bool], *args: Any
    ) -> T | None:
        """What was computed already for `args` (`lookup`, in a worker thread without a pool
        slot), waiting while the same work is under way for another request (`pending`)
        rather than queueing to do it again; None when it must be done."""
        known = await anyio.to_thread.run_sync(lookup, *args)
        while known is None and pending(*args) and self.deadline.remaining() > PENDING_POLL:
            await anyio.sleep(PENDING_POLL)
            known = lookup(*args, catch_up=False)
        return known


async def gated_work(request: Request, work: BoundedWork) -> GatedWork:
    return GatedWork(work, request.app.state.gate)


LazyHeavyWork = Annotated[GatedWork, Depends(gated_work)]

EntityId = Annotated[str, PathParam(min_length=1, max_length=300)]
