"""Only the host names the deployment serves: a request whose Host header names another host
is refused (400) before any route sees it.

A page on another site can make a browser send requests to a loopback server by pointing its
own name at 127.0.0.1 (DNS rebinding); those requests carry the other site's name in Host, so
checking Host keeps the API and the UI to the names given in CLUSTERKB_ALLOWED_HOSTS (default:
localhost, 127.0.0.1 and ::1; `clusterkb serve --host` adds the address it binds; `*` allows
any). A request with an Origin that is neither this server nor one of CLUSTERKB_CORS_ORIGINS
may only read (GET/HEAD/OPTIONS): another site's page cannot drive the UI's functions.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import error_response

READS = ("GET", "HEAD", "OPTIONS")


def host_name(host: str) -> str:
    """'127.0.0.1:8000' -> '127.0.0.1', '[::1]:8000' -> '::1', 'Example.org' -> 'example.org'."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class HostCheck:
    """Refuse requests for other hosts, and writes from other sites' pages (module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        allowed_hosts: Callable[[], tuple[str, ...]],
        origins: Callable[[], tuple[str, ...]],
    ):
        self.app, self.allowed_hosts, self.origins = app, allowed_hosts, origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        allowed = {h.lower() for h in self.allowed_hosts()}
        if "*" not in allowed and host_name(host) not in allowed:
            await error_response(
                400,
                f"this server does not answer for host {host_name(host)!r}; add it to "
                "CLUSTERKB_ALLOWED_HOSTS (comma-separated) to serve it under that name",
            )(scope, receive, send)
            return
        origin = headers.get("origin")
        if origin and scope.get("method", "GET") not in READS:
            own = urlsplit(origin).netloc.lower() == host.lower()
            if not own and origin not in self.origins():
                await error_response(
                    403,
                    f"requests that change or compute from pages of {origin} are refused; "
                    "list that origin in CLUSTERKB_CORS_ORIGINS to allow it",
                )(scope, receive, send)
                return
        await self.app(scope, receive, send)
