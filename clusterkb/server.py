"""The served application: the HTTP API (`api`), the MCP endpoint at `/mcp` (`clusterkb.mcp`)
and the Gradio UI (`ui`) mounted at `/`.

The front ends do not know each other; this is where they are put side by side."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.responses import Response

from api.app import create_app
from clusterkb.mcp import http_app
from clusterkb.service import KnowledgeBase


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
    """The MCP endpoint at /mcp (streamable HTTP), running while the app runs."""
    endpoint, running = http_app(kb)
    app.add_route("/mcp", endpoint, include_in_schema=False)  # type: ignore[arg-type]
    outer = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[Any]:
        async with running(), outer(a) as state:
            yield state

    app.router.lifespan_context = lifespan
