"""The served application: the HTTP API (`api`), the MCP endpoint at `/mcp` (`clusterkb.mcp`)
and the Gradio UI (`ui`) mounted at `/`.

The front ends do not know each other; this is where they are put side by side."""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI
from fastapi.responses import Response

from api.app import create_app
from api.deadline import GRACE, Deadlines, run
from api.errors import APIError
from api.gate import Gate
from clusterkb.mcp import http_app
from clusterkb.service import KnowledgeBase
from kb.errors import Busy


def create_server(kb: KnowledgeBase, ui: bool = True) -> FastAPI:
    """The API under /api/v1, MCP at /mcp and, with `ui`, the UI at / (else a short index
    page)."""
    app = create_app(kb)
    mount_mcp(app, kb)
    if ui:
        from ui.app import mount  # gradio costs ~4 s to import: only when the UI is served

        mount(app, kb)
        return app

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        s = kb.stats()
        return Response(
            "<!doctype html><html><head><meta charset='utf-8'><title>clusterkb</title></head>"
            "<body style='font-family:sans-serif;max-width:40em;margin:2em auto'>"
            "<h1>clusterkb</h1><p>The API is under <a href='/api/v1/stats'>/api/v1</a> "
            f"and described at <a href='/docs'>/docs</a>; MCP clients connect to /mcp. "
            f"{s.nodes} entities, "
            f"{s.edges} relations.</p></body></html>",
            media_type="text/html",
        )

    return app


def mount_mcp(app: FastAPI, kb: KnowledgeBase) -> None:
    """The MCP endpoint at /mcp (streamable HTTP), running while the app runs. A tool call
    is held to what an API request is: the request deadline (api.deadline) and a slot of the
    bounded pool (api.gate), or the tool's error "the server is busy"."""
    gate: Gate = app.state.gate
    deadlines: Deadlines = app.state.deadlines

    async def bounded(fn: Callable[..., Any], *args: Any) -> Any:
        deadline = deadlines.start(kb.settings.request_deadline, "this tool call")
        try:
            async with gate.slot(wait=deadline.remaining()):
                return await run(deadlines, deadline, fn, *args)
        except APIError as e:  # no slot in time: a tool error, not a broken session
            raise Busy(str(e)) from None
        finally:
            deadlines.end(deadline)

    endpoint, running = http_app(kb, bounded)
    app.add_route("/mcp", endpoint, include_in_schema=False)  # type: ignore[arg-type]
    outer = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[Any]:
        async with running(), outer(a) as state:
            yield state

    app.router.lifespan_context = lifespan


class Server(uvicorn.Server):
    """uvicorn's server that, when told to stop (SIGTERM, Ctrl-C), also cuts the deadlines of
    the requests in flight to end `cut` seconds from then (api.deadline.Deadlines.stop), so
    their work stops within the shutdown grace instead of being abandoned mid-way."""

    def __init__(self, config: uvicorn.Config, app: FastAPI, cut: float):
        super().__init__(config)
        self.deadlines, self.cut = app.state.deadlines, cut

    def handle_exit(self, sig: int, frame: Any) -> None:
        self.deadlines.stop(self.cut)
        super().handle_exit(sig, frame)


def serve(app: FastAPI, host: str, port: int, grace: int) -> None:
    """Serve `app` with uvicorn until SIGTERM or Ctrl-C; requests in flight then get `grace`
    seconds: their deadlines are cut so that work which stops at a check, and work abandoned
    api.deadline.GRACE seconds later, both answer before uvicorn closes their connections."""
    config = uvicorn.Config(app, host=host, port=port, log_level="info", access_log=False,
                            timeout_graceful_shutdown=grace)  # fmt: skip
    Server(config, app, cut=max(0.5, grace - GRACE - 0.5)).run()


M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)
MALLOC_ARENAS = 2


def cap_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Let glibc's malloc keep at most `arenas` arenas, as MALLOC_ARENA_MAX=2 would (unless the
    environment sets MALLOC_ARENA_MAX itself); True when the cap is set. Call it before the
    server starts threads. By default glibc gives threads up to 8 arenas per core, and the
    memory freed in one is not reused by the others: under bench/load.py's 50 clients the
    server's RSS grew 477 -> 688 MB in ten minutes, still rising; with two arenas it stayed at
    498-506 MB for 150 s at the same throughput (docs/security.md)."""
    if os.environ.get("MALLOC_ARENA_MAX") or not sys.platform.startswith("linux"):
        return False
    try:
        return bool(ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, arenas))
    except (OSError, AttributeError):  # not glibc (musl has no arenas to cap)
        return False
