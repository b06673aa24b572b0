"""The API's one error shape, `{"error": {"status", "message", "details"}}`, and the handlers that
map every failure to it: kb.errors, invalid requests, HTTP errors and anything unexpected."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.models import ErrorResponse
from kb.errors import Busy, ClusterKBError, DeadlineExceeded, NotFound, StoreError

log = logging.getLogger("clusterkb.api")

# the error statuses every route may answer, for /openapi.json
RESPONSES: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorResponse} for s in (400, 401, 403, 404, 408, 413, 422, 503, 504)
}


class APIError(Exception):
    """A failure the API itself finds (a bad upload, a missing key), with its HTTP status."""

    def __init__(
        self, status: int, message: str, details: Any = None, headers: dict[str, str] | None = None
    ):
        super().__init__(message)
        self.status, self.message, self.details = status, message, details
        self.headers = headers or {}


def error_response(
    status: int, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The one error body."""
    return JSONResponse(
        status_code=status,
        content={"error": {"status": status, "message": message, "details": details}},
        headers=headers,
    )


async def api_error(_: Request, exc: APIError) -> JSONResponse:
    return error_response(exc.status, exc.message, exc.details, exc.headers)


async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Unknown routes (404) and methods (405) point at /docs; other statuses keep their text."""
    message = str(exc.detail)
    if exc.status_code == 404:
        message = "no such route; the API is under /api/v1 and described at /docs"
    elif exc.status_code == 405:
        allow = (exc.headers or {}).get("Allow", "?")
        message = f"this route does not take that method (it takes {allow}); see /docs"
    response = error_response(exc.status_code, message)
    response.headers.update(exc.headers or {})  # Allow on a 405
    return response


async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
    """422, naming the first problem in the message and every problem in details."""
    details = [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")}
        for e in exc.errors()
    ]
    first = details[0] if details else {"where": "request", "problem": "invalid"}
    return error_response(
        422, f"the request is not valid: {first['where']}: {first['problem']}", details
    )


async def kb_error(_: Request, exc: ClusterKBError) -> JSONResponse:
    """NotFound 404 (with details.did_you_mean), StoreError and Busy 503, InputError/SchemaError
    400, DeadlineExceeded 504 (503 with Retry-After when the server is stopping)."""
    if isinstance(exc, DeadlineExceeded):
        return deadline_error(exc)
    status = (
        404 if isinstance(exc, NotFound) else 503 if isinstance(exc, StoreError | Busy) else 400
    )
    suggestions = getattr(exc, "suggestions", None)
    return error_response(status, str(exc), {"did_you_mean": suggestions} if suggestions else None)


def deadline_error(exc: DeadlineExceeded) -> JSONResponse:
    """504 naming what timed out and the deadline; 503 when the server is stopping."""
    d = exc.deadline
    seconds, what = getattr(d, "seconds", None), getattr(d, "what", None)
    if getattr(d, "stopping", False):
        return error_response(503, str(exc), {"stopping": True, "request": what},
                              headers={"Retry-After": "5"})  # fmt: skip
    return error_response(504, str(exc), {"timed_out": what, "deadline_seconds": seconds})


async def unexpected(_: Request, exc: Exception) -> JSONResponse:
    """500 without internals; the traceback goes to the server log."""
    log.exception("unexpected error")
    return error_response(500, f"internal error ({type(exc).__name__}); the server log has details")


def add_error_handlers(app: FastAPI) -> None:
    """Install the handlers above on `app`."""
    app.exception_handler(APIError)(api_error)
    app.exception_handler(StarletteHTTPException)(http_error)
    app.exception_handler(RequestValidationError)(validation_error)
    app.exception_handler(ClusterKBError)(kb_error)
    app.exception_handler(Exception)(unexpected)
