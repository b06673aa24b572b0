"""The HTTP API: `/api/v1` for tools (clusterkb.server mounts the UI beside it).

Every route calls the one KnowledgeBase the CLI uses. Every failure is one JSON shape,
`{"error": {"status", "message", "details"}}`; no route takes a query-language string.
Writes (document upload and removal) need `X-API-Key` equal to CLUSTERKB_API_KEY.
"""

from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, File, Header, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import models as m
from clusterkb.service import KnowledgeBase
from kb import __version__ as VERSION
from kb.errors import ClusterKBError, InputError, NotFound, StoreError
from kb.files import SUFFIXES, safe_filename
from kb.ids import is_a
from kb.schema import NODE_TYPES, RELATION_TYPES

log = logging.getLogger("clusterkb.api")

if TYPE_CHECKING:
    NodeType = str
    RelationName = str
else:  # enums in /openapi.json, so clients and schemathesis know the allowed values
    NodeType = Literal[tuple(NODE_TYPES)]
    RelationName = Literal[tuple(RELATION_TYPES)]
ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": m.ErrorResponse} for s in (400, 401, 403, 404, 413, 422, 503)
}
EntityId = Annotated[str, PathParam(min_length=1, max_length=300)]
MAX_JSON_BYTES = 1024 * 1024  # any request body but an upload
MAX_FILES = 20


class APIError(Exception):
    def __init__(self, status: int, message: str, details: Any = None):
        super().__init__(message)
        self.status, self.message, self.details = status, message, details


def _error(status: int, message: str, details: Any = None) -> JSONResponse:
    return JSONResponse(
        status_code=status,
        content={"error": {"status": status, "message": message, "details": details}},
    )


def safe_name(name: str | None) -> str:
    """The upload's file name made safe (kb.files.safe_filename), of an allowed type."""
    base = safe_filename(name or "")
    if not base or Path(base).suffix.lower() not in SUFFIXES:
        raise APIError(
            400,
            f"file {name!r}: upload one of the types {', '.join(sorted(SUFFIXES))}",
            {"allowed": sorted(SUFFIXES)},
        )
    return base


def create_app(kb: KnowledgeBase) -> FastAPI:
    """The FastAPI app over `kb` (the UI is mounted beside it by clusterkb.server)."""
    settings = kb.settings
    max_upload = int(settings.max_upload_mb * 1024 * 1024)
    app = FastAPI(
        title="clusterkb",
        version=VERSION,
        docs_url="/docs",
        description="Knowledge base of India's MSME clusters, ODOP products, schemes and "
        "agencies. Errors are `{error: {status, message, details}}`.",
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type", "X-API-Key"],
        )

    @app.middleware("http")
    async def limits_and_log(request: Request, call_next: Any) -> Any:
        started = time.perf_counter()
        upload = request.url.path.startswith("/api/v1/documents") and request.method == "POST"
        limit = max_upload + 64 * 1024 if upload else MAX_JSON_BYTES
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            response = _error(
                413,
                f"the request body is larger than {limit // 1024} KiB"
                + (
                    f"; uploads are limited to {settings.max_upload_mb:g} MB "
                    "(CLUSTERKB_MAX_UPLOAD_MB)"
                    if upload
                    else ""
                ),  # fmt: skip
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

    @app.exception_handler(APIError)
    async def api_error(_: Request, exc: APIError) -> JSONResponse:
        return _error(exc.status, exc.message, exc.details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = str(exc.detail)
        if exc.status_code == 404:
            message = "no such route; the API is under /api/v1 and described at /docs"
        elif exc.status_code == 405:
            message = "this route does not take that method; see /docs"
        return _error(exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")}
            for e in exc.errors()
        ]
        first = details[0] if details else {"where": "request", "problem": "invalid"}
        return _error(
            422, f"the request is not valid: {first['where']}: {first['problem']}", details
        )

    @app.exception_handler(ClusterKBError)
    async def kb_error(_: Request, exc: ClusterKBError) -> JSONResponse:
        status = 404 if isinstance(exc, NotFound) else 503 if isinstance(exc, StoreError) else 400
        suggestions = getattr(exc, "suggestions", None)
        return _error(status, str(exc), {"did_you_mean": suggestions} if suggestions else None)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return _error(500, f"internal error ({type(exc).__name__}); the server log has details")

    def require_key(key: str | None) -> None:
        if not settings.api_key:
            raise APIError(
                403,
                "writes are disabled: start the server with CLUSTERKB_API_KEY=<a secret> "
                "and send it in the X-API-Key header",
            )
        if not settings.accepts_key(key):
            raise APIError(401, "a valid X-API-Key header is needed to change documents")

    api = APIRouter(prefix="/api/v1", responses=ERRORS)

    @api.get("/health", response_model=m.Health)
    def health() -> dict[str, Any]:
        return {"status": "ok", "store": settings.store, "version": VERSION}

    @api.get("/stats", response_model=m.Stats)
    def stats() -> dict[str, Any]:
        return kb.stats()

    @api.get("/entities", response_model=m.EntityPage)
    def entities(
        q: Annotated[
            str | None, Query(max_length=200, description="name, alias or id; fuzzy")
        ] = None,
        type: Annotated[NodeType | None, Query(description="only this entity type")] = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> dict[str, Any]:
        if q is not None and not q.strip():
            q = None
        total, page = kb.entities(q, type, limit, offset)
        return {
            "total": total,
            "limit": limit,
            "offset": offset,
            "next_offset": offset + limit if offset + limit < total else None,
            "items": [{"id": x.id, "name": x.name, "type": x.type, "score": x.score} for x in page],
        }

    @api.get("/entities/{entity_id}", response_model=m.Entity)
    def entity(entity_id: EntityId) -> dict[str, Any]:
        if kb.store.get_node(entity_id) is None:
            raise NotFound(f"no entity with id {entity_id!r}", kb.resolver.suggest(entity_id))
        return kb.entity(entity_id).to_dict()

    @api.get("/entities/{entity_id}/neighbors", response_model=m.Neighborhood)
    def neighbors(
        entity_id: EntityId,
        relation: RelationName | None = None,
        direction: Literal["in", "out", "both"] = "both",
        depth: Annotated[int, Query(ge=1, le=3)] = 1,
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    ) -> dict[str, Any]:
        return kb.neighborhood(entity_id, relation, direction, depth, limit)

    @api.get("/paths", response_model=m.PathResult, response_model_by_alias=True)
    def paths(
        source: Annotated[str, Query(min_length=1, max_length=300)],
        target: Annotated[str, Query(min_length=1, max_length=300)],
        max_hops: Annotated[int, Query(ge=1, le=8)] = 6,
    ) -> dict[str, Any]:
        if not source.strip() or not target.strip():
            raise InputError("give a source and a target entity")
        return kb.path(source, target, max_hops).to_dict()

    @api.post("/ask", response_model=m.AskResponse)
    def ask(body: m.AskRequest) -> dict[str, Any]:
        history = [t.model_dump() for t in body.history] if body.history else None
        result: dict[str, Any] = kb.ask(body.question, history).to_dict()
        return result

    @api.post("/recommend", response_model=m.RecommendResponse)
    def recommend(body: m.RecommendRequest) -> dict[str, Any]:
        if not body.district.strip() or not body.product.strip():
            raise InputError("give a district and a product")
        return kb.recommend(body.district, body.product, body.state, body.context)

    @api.get("/gaps/{cluster_id}", response_model=m.Gaps)
    def gaps(cluster_id: EntityId) -> dict[str, Any]:
        return kb.gaps(cluster_id)

    @api.get("/documents", response_model=list[m.DocumentInfo])
    def documents() -> list[dict[str, Any]]:
        return kb.documents()

    @api.get("/documents/{doc_id}", response_model=m.DocumentText)
    def document(doc_id: EntityId) -> dict[str, Any]:
        return kb.document_text(doc_id)

    async def _save(files: list[UploadFile], folder: Path) -> list[Path]:
        if not files:
            raise APIError(400, "send one or more files in the multipart field 'files'")
        if len(files) > MAX_FILES:
            raise APIError(413, f"at most {MAX_FILES} files per upload")
        saved, total = [], 0
        for f in files:
            name = safe_name(f.filename)
            data = await f.read(max_upload + 1)
            total += len(data)
            if total > max_upload:
                raise APIError(
                    413,
                    f"the upload is larger than {settings.max_upload_mb:g} MB "
                    "(CLUSTERKB_MAX_UPLOAD_MB)",
                )
            if not data.strip():
                raise APIError(400, f"file {name!r} is empty")
            path = folder / name
            path.write_bytes(data)
            saved.append(path)
        return saved

    @api.post("/documents", response_model=m.UploadResult, status_code=201)
    async def upload(
        files: Annotated[list[UploadFile], File(description="text, markdown, HTML or PDF")],
        x_api_key: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        require_key(x_api_key)
        with tempfile.TemporaryDirectory() as tmp:
            staged = await _save(files, Path(tmp))
            report = await run_in_threadpool(kb.add_files, staged)
        if report.failed and not (report.added or report.replaced or report.unchanged):
            raise APIError(400, "no document could be read: " + "; ".join(report.failed),
                           {"failed": report.failed})  # fmt: skip
        result: dict[str, Any] = report.to_dict()
        return result

    @api.post("/documents/preview", response_model=list[m.Preview])
    async def preview(
        files: Annotated[list[UploadFile], File(description="text, markdown, HTML or PDF")],
    ) -> list[dict[str, Any]]:
        """What an upload would add (entities, relations with their sentences); writes nothing."""
        with tempfile.TemporaryDirectory() as tmp:
            paths = await _save(files, Path(tmp))
            result: list[dict[str, Any]] = await run_in_threadpool(kb.preview, paths)
        return result

    @api.delete("/documents/{doc_id}", response_model=m.Removed)
    def delete(
        doc_id: EntityId, x_api_key: Annotated[str | None, Header()] = None
    ) -> dict[str, Any]:
        require_key(x_api_key)
        if not is_a(doc_id, "Document") or kb.store.get_node(doc_id) is None:
            raise NotFound(
                f"no document {doc_id!r}; GET /api/v1/documents lists them",
                [d["id"] for d in kb.documents()][:5],
            )
        nodes, edges = kb.forget(doc_id)
        return {"id": doc_id, "removed_nodes": nodes, "removed_edges": edges}

    @api.get(
        "/graph/export",
        response_class=Response,
        responses={200: {"content": {"application/xml": {}, "text/csv": {}}}},
    )
    def export(format: Literal["graphml", "nodes", "edges"] = "graphml") -> Response:
        """The whole graph: GraphML, or node or edge CSV."""
        data = kb.export(format)
        kind = "application/xml" if format == "graphml" else "text/csv"
        ext = "graphml" if format == "graphml" else f"{format}.csv"
        return Response(
            data,
            media_type=kind,
            headers={"Content-Disposition": f'attachment; filename="clusterkb.{ext}"'},
        )

    app.include_router(api)

    return app
