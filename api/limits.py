"""Request bodies bounded as they arrive: size and time, whatever the headers say.

`BodyLimits` is a plain ASGI middleware around the whole served app (API, MCP and the UI):

- a body announced (Content-Length) or counted (every chunk, chunked transfer too) over its
  limit gets a 413 at once and the app sees the client gone, so no more of it is read;
- a body that stops arriving — no chunk for `idle` seconds, or not complete after `total`
  seconds — gets a 408 and the connection is closed.

The limit of a request is the upload limit (CLUSTERKB_MAX_UPLOAD_MB plus room for the
multipart framing) for the routes that take files, and MAX_JSON_BYTES for everything else.
Once the body is complete the app's later `receive` calls (a stream waiting for the client to
go away) pass straight through.
"""

from __future__ import annotations

from collections.abc import Callable

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response

MAX_JSON_BYTES = 1024 * 1024  # any request body but an upload
MULTIPART_ROOM = 64 * 1024  # an upload's framing (boundaries, part headers) over its files
BODY_IDLE_SECONDS = 10.0  # longest wait for the next chunk of a body
BODY_TOTAL_SECONDS = 120.0  # longest time for a whole body (20 MB at ~170 KB/s)
UPLOAD_ROUTES = ("/api/v1/documents", "/gradio_api/upload")


class BodyLimits:
    """Bound every HTTP request body in size and time (see the module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        max_upload_bytes: Callable[[], int],
        idle: float = BODY_IDLE_SECONDS,
        total: float = BODY_TOTAL_SECONDS,
    ):
        self.app, self.max_upload_bytes = app, max_upload_bytes
        self.idle, self.total = idle, total

    def limit(self, scope: Scope) -> tuple[int, str]:
        """The byte limit of this request and how to say it."""
        path: str = scope.get("path", "")
        if scope.get("method") == "POST" and path.startswith(UPLOAD_ROUTES):
            files = self.max_upload_bytes()
            return files + MULTIPART_ROOM, (
                f"the upload is larger than {files / 2**20:g} MB (CLUSTERKB_MAX_UPLOAD_MB)"
            )
        return MAX_JSON_BYTES, f"the request body is larger than {MAX_JSON_BYTES // 1024} KiB"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, too_large = self.limit(scope)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await error_response(413, too_large)(scope, receive, send)
            return
        if length is None and b"chunked" not in headers.get(b"transfer-encoding", b""):
            await self.app(scope, receive, send)  # no body (GET, DELETE)
            return

        state = {"read": 0, "complete": False, "answered": False, "started": False}
        deadline = anyio.current_time() + self.total

        async def answer(status: int, message: str) -> Message:
            if not state["started"]:
                state["answered"] = True
                await error_response(status, message)(scope, receive, send)
            return {"type": "http.disconnect"}  # the app stops reading

        async def bounded_receive() -> Message:
            if state["complete"] or state["answered"]:
                return await receive() if not state["answered"] else {"type": "http.disconnect"}
            wait = min(self.idle, deadline - anyio.current_time())
            try:
                with anyio.fail_after(max(wait, 0.0)):
                    message = await receive()
            except TimeoutError:
                return await answer(
                    408,
                    f"the request body did not arrive in time (a chunk at least every "
                    f"{self.idle:g} s, the whole body within {self.total:g} s)",
                )
            if message["type"] == "http.request":
                state["read"] += len(message.get("body", b""))
                if state["read"] > limit:
                    return await answer(413, too_large)
                if not message.get("more_body", False):
                    state["complete"] = True
            return message

        async def guarded_send(message: Message) -> None:
            if state["answered"]:
                return  # the app's own answer to a body it never got
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, bounded_receive, guarded_send)
        except Exception:
            if not state["answered"]:
                raise  # what the app raises after an answer of ours is about the cut body
