"""The knowledge base as an MCP server (Model Context Protocol, the official `mcp` SDK): the tools
of clusterkb.tooldefs, the documents as `doc://` resources and cited table rows as `row://`
resources. `clusterkb mcp` serves it over stdio; clusterkb.server mounts it at `/mcp` on
`clusterkb serve` (streamable HTTP).

A tool's result is its JSON (`structuredContent`, described by the tool's output schema, and the
same JSON as text); a failure is a tool result with `isError` and a message that says what to do.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

import anyio
from mcp import types
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server
from mcp.shared.exceptions import MCPError

from clusterkb.tooldefs import ToolSpec, tool, tool_specs
from kb import __version__ as VERSION
from kb.errors import ClusterKBError, InputError, NotFound
from kb.ids import document_id, is_a, parse

if TYPE_CHECKING:
    from starlette.types import ASGIApp

    from clusterkb.service import KnowledgeBase

log = logging.getLogger("clusterkb.mcp")

DOC = "doc://"
ROW = "row://"
INSTRUCTIONS = (
    "clusterkb: a knowledge base of India's MSME clusters, ODOP products (one district, one "
    "product), schemes, agencies and enterprises, built from public tables and documents. "
    "Start with `ask` for questions in plain words and `search_entities` to find an entity's "
    "name and id. Every answer cites its sources as {document, locator, text}; quote them. "
    "Open a citation with `open_citation`, or read it as a resource: document doc:NAME is "
    "doc://NAME (its sentences numbered, locator 'sentence N' is [N]); a table row "
    "('row N' of data/tables/FILE) is row://data/tables/FILE/N."
)


def citation_uri(document: str, locator: str) -> str:
    """The resource a citation opens: doc://NAME for a document, row://FILE/N for row (or
    feature) N of a table file, row://FILE/LOCATOR (quoted) for any other place."""
    if is_a(document, "Document"):
        return DOC + ":".join(parse(document).parts)
    number = re.fullmatch(r"(?:row|feature) (\d+)", locator)
    return f"{ROW}{quote(document)}/{number.group(1) if number else quote(locator, safe='')}"


def read(kb: KnowledgeBase, uri: str) -> tuple[str, str]:
    """A resource's text and MIME type: a document's sentences one per line as `[N] text`, or
    a cited row as the JSON of kb.models.CitedRecord."""
    if uri.startswith(DOC):
        doc = kb.document_text(document_id(unquote(uri[len(DOC) :])))
        lines = [f"# {doc.title} ({doc.id})"]
        lines += [f"[{i}] {s}" for i, s in enumerate(doc.sentences, start=1)]
        return "\n".join(lines) + "\n", "text/plain"
    if uri.startswith(ROW) and "/" in uri[len(ROW) :]:
        source, place = uri[len(ROW) :].rsplit("/", 1)
        source, place = unquote(source), unquote(place)
        first: NotFound | None = None
        for locator in [f"row {place}", f"feature {place}"] if place.isdigit() else [place]:
            try:
                record = kb.cited(source, locator)
            except NotFound as e:
                first = first or e
                continue
            return json.dumps(record.to_dict(), ensure_ascii=False, indent=1), "application/json"
        if first is not None:
            raise first
    raise InputError(f"no resource {uri!r}: use doc://NAME or row://data/tables/FILE/N")


Runner = Callable[..., Awaitable[Any]]


async def _in_thread(fn: Callable[..., Any], *args: Any) -> Any:
    return await anyio.to_thread.run_sync(fn, *args)


def create_mcp_server(kb: KnowledgeBase, run: Runner = _in_thread) -> Server[Any]:
    """The MCP server over `kb`; every tool call runs the service through `run` (`await
    run(fn, *args)`): in a worker thread, or — served beside the API — under the API's request
    deadline and in its bounded pool (clusterkb.server)."""

    async def list_tools(
        ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        return types.ListToolsResult(tools=[_describe(spec) for spec in tool_specs(kb)])

    async def call_tool(
        ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> types.CallToolResult:
        spec = tool(params.name)
        if spec is None:
            names = ", ".join(s.name for s in tool_specs(kb))
            return _failed(f"there is no tool {params.name!r}; the tools are {names}")
        try:
            result = await run(spec.call, kb, params.arguments or {})
        except ClusterKBError as e:
            return _failed(spec.error_text(e))
        except Exception as e:  # a bug: the client is told, the server keeps serving
            log.exception("tool %s failed", spec.name)
            return _failed(f"internal error ({type(e).__name__}); the server log has details")
        text = json.dumps(result, ensure_ascii=False)
        return types.CallToolResult(
            content=[types.TextContent(type="text", text=text)], structured_content=result
        )

    async def list_resources(
        ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListResourcesResult:
        docs = await anyio.to_thread.run_sync(kb.documents)
        return types.ListResourcesResult(
            resources=[
                types.Resource(
                    uri=citation_uri(d.id, ""),
                    name=d.id,
                    title=d.title,
                    description=f"{d.sentences} sentences, cited by {d.facts} facts",
                    mime_type="text/plain",
                )
                for d in docs
            ]
        )

    async def list_templates(
        ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListResourceTemplatesResult:
        return types.ListResourceTemplatesResult(resource_templates=TEMPLATES)

    async def read_resource(
        ctx: ServerRequestContext[Any], params: types.ReadResourceRequestParams
    ) -> types.ReadResourceResult:
        uri = str(params.uri)
        try:
            text, mime = await anyio.to_thread.run_sync(read, kb, uri)
        except ClusterKBError as e:
            hint = getattr(e, "suggestions", None)
            message = f"{e}. Did you mean: {', '.join(hint)}?" if hint else str(e)
            raise MCPError(types.INVALID_PARAMS, message, {"uri": uri}) from None
        return types.ReadResourceResult(
            contents=[types.TextResourceContents(uri=uri, text=text, mime_type=mime)]
        )

    return Server(
        "clusterkb",
        version=VERSION,
        title="clusterkb — India's MSME clusters and ODOP",
        instructions=INSTRUCTIONS,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
        on_list_resources=list_resources,
        on_list_resource_templates=list_templates,
        on_read_resource=read_resource,
    )


TEMPLATES = [
    types.ResourceTemplate(
        uri_template=DOC + "{name}",
        name="document",
        description="A document's sentences, numbered as citations give them ('sentence N')",
        mime_type="text/plain",
    ),
    types.ResourceTemplate(
        uri_template=ROW + "{+file}/{n}",
        name="table row",
        description="Row n of a bundled table file (e.g. row://data/tables/odop.csv/195): the "
        "text the knowledge base holds for it, and the entities and relations that cite it",
        mime_type="application/json",
    ),
]


def _describe(spec: ToolSpec) -> types.Tool:
    return types.Tool(
        name=spec.name,
        description=spec.description,
        input_schema=spec.arguments.model_json_schema(),
        output_schema=spec.result.model_json_schema(mode="serialization", by_alias=True),
        annotations=types.ToolAnnotations(
            read_only_hint=not spec.writes, destructive_hint=spec.writes, open_world_hint=False
        ),
    )


def _failed(message: str) -> types.CallToolResult:
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=message)], is_error=True
    )


def serve_stdio(kb: KnowledgeBase) -> None:
    """Serve `kb` over stdin and stdout until the client closes them (`clusterkb mcp`)."""
    from mcp.server.stdio import stdio_server

    server = create_mcp_server(kb)

    async def main() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())

    anyio.run(main)


def http_app(
    kb: KnowledgeBase, run: Runner = _in_thread
) -> tuple[ASGIApp, Callable[[], AbstractAsyncContextManager[None]]]:
    """The streamable-HTTP endpoint over `kb` and the context it must run in (enter it in the
    app's lifespan). Stateless, with JSON responses: every tool call is one request.

    The endpoint is as open as the HTTP API beside it (no Host allow-list; `clusterkb serve`
    listens on 127.0.0.1 unless told otherwise) and, like the API, it changes documents only
    for a caller with CLUSTERKB_API_KEY."""
    from mcp.server.streamable_http_manager import (
        StreamableHTTPASGIApp,
        StreamableHTTPSessionManager,
    )
    from mcp.server.transport_security import TransportSecuritySettings

    manager = StreamableHTTPSessionManager(
        app=create_mcp_server(kb, run),
        json_response=True,
        stateless=True,
        security_settings=TransportSecuritySettings(enable_dns_rebinding_protection=False),
    )
    return StreamableHTTPASGIApp(manager), manager.run
