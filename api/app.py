"""The HTTP API: `/api/v1` for tools (clusterkb.server mounts the UI beside it).

Every route calls the one KnowledgeBase the CLI uses (api.deps); every failure is one JSON shape,
`{"error": {"status", "message", "details"}}` (api.errors); no route takes a query-language string.
Writes (document upload and removal) need `X-API-Key` equal to CLUSTERKB_API_KEY.
"""

from __future__ import annotations

import logging
import time

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware.base import RequestResponseEndpoint

from api.errors import RESPONSES, add_error_handlers, error_response
from api.routes import ask, documents, entities, graph, health, paths, recommend
from clusterkb.service import KnowledgeBase
from kb import __version__ as VERSION

log = logging.getLogger("clusterkb.api")

MAX_JSON_BYTES = 1024 * 1024  # any request body but an upload
ROUTERS = (health, entities, paths, ask, recommend, documents, graph)


def create_app(kb: KnowledgeBase) -> FastAPI:
    """The FastAPI app over `kb` (the UI is mounted beside it by clusterkb.server)."""
    app = FastAPI(
        title="clusterkb",
        version=VERSION,
        docs_url="/docs",
        description="Knowledge base of India's MSME clusters, ODOP products, schemes and "
        "agencies. Errors are `{error: {status, message, details}}`.",
    )
    app.state.kb = kb
    if kb.settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(kb.settings.cors_origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type", "X-API-Key"],
        )
    app.middleware("http")(limits_and_log)  # added last: outside CORS, so it logs preflights
    add_error_handlers(app)
    api = APIRouter(prefix="/api/v1", responses=RESPONSES)
    for module in ROUTERS:
        api.include_router(module.router)
    app.include_router(api)
    return app


async def limits_and_log(request: Request, call_next: RequestResponseEndpoint) -> Response:
    """413 for a body over its limit by Content-Length (1 MB JSON; an upload its
    CLUSTERKB_MAX_UPLOAD_MB plus room for the multipart framing); one log line per request."""
    started = time.perf_counter()
    max_upload_mb = request.app.state.kb.settings.max_upload_mb
    upload = request.url.path.startswith("/api/v1/documents") and request.method == "POST"
    limit = int(max_upload_mb * 1024 * 1024) + 64 * 1024 if upload else MAX_JSON_BYTES
    length = request.headers.get("content-length")
    response: Response
    if length is not None and (not length.isdigit() or int(length) > limit):
        response = error_response(
            413,
            f"the request body is larger than {limit // 1024} KiB"
            + (
                f"; uploads are limited to {max_upload_mb:g} MB (CLUSTERKB_MAX_UPLOAD_MB)"
                if upload
                else ""
            ),
        )
    else:
        response = await call_next(request)
    log.info(
        "%s %s %d %.1f ms",
        request.method,
        request.url.path,
        response.status_code,
        1000 * (time.perf_counter() - started),
    )
    return response
