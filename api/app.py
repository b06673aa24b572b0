"""The HTTP application: `/api/v1` for tools, `/` for people.

This version serves health and stats and a placeholder page; the full API and the Gradio UI
are mounted here by their own issues. Every error is one JSON shape.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kb.errors import ClusterKBError, InputError, NotFound
from kb.service import KnowledgeBase


def _error(status: int, message: str, details: Any = None) -> JSONResponse:
    return JSONResponse(
        status_code=status,
        content={"error": {"status": status, "message": message, "details": details}},
    )


def create_app(kb: KnowledgeBase) -> FastAPI:
    app = FastAPI(title="clusterkb", version="0.1.0", docs_url="/docs")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "the request is not valid; see details", exc.errors())

    @app.exception_handler(ClusterKBError)
    async def kb_error(_: Request, exc: ClusterKBError) -> JSONResponse:
        status = 404 if isinstance(exc, NotFound) else 400 if isinstance(exc, InputError) else 500
        return _error(status, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        return _error(500, f"internal error ({type(exc).__name__}); the server log has details")

    @app.get("/api/v1/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "store": kb.settings.store}

    @app.get("/api/v1/stats")
    def stats() -> dict[str, Any]:
        return kb.stats()

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        s = kb.stats()
        rows = "".join(f"<tr><td>{t}</td><td>{n}</td></tr>" for t, n in s["nodes_by_type"].items())
        return (
            "<!doctype html><html><head><meta charset='utf-8'><title>clusterkb</title></head>"
            "<body style='font-family:sans-serif;max-width:40em;margin:2em auto'>"
            "<h1>clusterkb</h1><p>Knowledge base of India's MSME clusters and ODOP products. "
            "The chat, explorer and planner UI arrive in a later version; the API is under "
            "<a href='/api/v1/stats'>/api/v1</a> and described at <a href='/docs'>/docs</a>.</p>"
            f"<p>{s['nodes']} entities, {s['edges']} relations.</p>"
            f"<table>{rows}</table></body></html>"
        )

    return app
