"""The HTTP API: `/api/v1` for tools (clusterkb.server mounts the UI beside it).

Every route calls the one KnowledgeBase the CLI uses (api.deps); every failure is one JSON shape,
`{"error": {"status", "message", "details"}}` (api.errors); no route takes a query-language string.
Writes (document upload and removal) need `X-API-Key` equal to CLUSTERKB_API_KEY.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import RequestResponseEndpoint
from starlette.routing import Match, Mount

from api.deadline import Deadlines
from api.errors import RESPONSES, add_error_handlers
from api.gate import Gate
from api.hosts import HostCheck
from api.limits import BodyLimits
from api.routes import ask, documents, entities, graph, health, paths, recommend
from clusterkb.service import KnowledgeBase
from kb import __version__ as VERSION

log = logging.getLogger("clusterkb.api")

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
ROUTERS = (health, entities, paths, ask, recommend, documents, graph)


def create_app(kb: KnowledgeBase) -> FastAPI:
    """The FastAPI app over `kb` (the UI is mounted beside it by clusterkb.server)."""
    app = FastAPI(
        title="clusterkb",
        version=VERSION,
        docs_url=None,  # served by add_offline_docs from the installed assets, not a CDN
        redoc_url=None,
        description="Knowledge base of India's MSME clusters, ODOP products, schemes and "
        "agencies. Errors are `{error: {status, message, details}}`.",
    )
    app.state.kb = kb
    app.state.gate = Gate()  # the bounded pool of CPU-heavy requests (api.gate)
    app.state.deadlines = Deadlines()  # the deadlines of requests in flight (api.deadline)
    if kb.settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(kb.settings.cors_origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type", "X-API-Key"],
        )
    # bodies bounded as they arrive, around everything mounted later too (UI, MCP)
    app.add_middleware(
        BodyLimits, max_upload_bytes=lambda: int(kb.settings.max_upload_mb * 1024 * 1024)
    )
    app.add_middleware(
        HostCheck,
        allowed_hosts=lambda: kb.settings.allowed_hosts,
        origins=lambda: kb.settings.cors_origins,
    )
    app.middleware("http")(log_request)  # added last: outermost, so it logs every answer
    add_error_handlers(app)
    add_offline_docs(app)
    api = APIRouter(prefix="/api/v1", responses=RESPONSES)
    for module in ROUTERS:
        api.include_router(module.router)
    app.include_router(api)
    app.add_api_route(
        "/api/v1/{rest:path}",
        unmatched,
        methods=list(METHODS),
        include_in_schema=False,
    )
    return app


DOCS_ASSETS = "/docs-assets"


def add_offline_docs(app: FastAPI) -> None:
    """/docs (Swagger UI) and /redoc with their scripts and styles served from the installed
    fastapi-offline package: FastAPI's own pages load them from a CDN and are blank offline."""
    import fastapi_offline

    assets = Path(fastapi_offline.__file__).parent / "static"
    app.mount(DOCS_ASSETS, StaticFiles(directory=assets), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API",
            redoc_js_url=f"{DOCS_ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{DOCS_ASSETS}/favicon.png",
            with_google_fonts=False,
        )


async def unmatched(request: Request) -> Response:
    """An /api/v1 path no route serves with this method: 405 with `Allow` (the methods that
    path takes) or 404, in the one error shape — answered here, not by the UI mounted at /."""
    allowed = [
        method
        for method in METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL
            for route in request.app.router.routes
            if not isinstance(route, Mount) and getattr(route, "endpoint", None) is not unmatched
        )
    ]
    if allowed:
        raise StarletteHTTPException(405, headers={"Allow": ", ".join(sorted(allowed))})
    raise StarletteHTTPException(404)


async def log_request(request: Request, call_next: RequestResponseEndpoint) -> Response:
    """One log line per request (its body limits are api.limits.BodyLimits')."""
    started = time.perf_counter()
    response = await call_next(request)
    log.info(
        "%s %s %d %.1f ms",
        request.method,
        request.url.path,
        response.status_code,
        1000 * (time.perf_counter() - started),
    )
    return response
