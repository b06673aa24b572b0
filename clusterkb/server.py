"""The served application: the HTTP API (`api`) with the Gradio UI (`ui`) mounted at `/`.

The two front ends do not know each other; this is where they are put side by side."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import Response

from api.app import create_app
from clusterkb.service import KnowledgeBase


def create_server(kb: KnowledgeBase, ui: bool = True) -> FastAPI:
    """The API under /api/v1 and, with `ui`, the UI at / (else a short index page)."""
    app = create_app(kb)
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
            f"and described at <a href='/docs'>/docs</a>. {s.nodes} entities, "
            f"{s.edges} relations.</p></body></html>",
            media_type="text/html",
        )

    return app
