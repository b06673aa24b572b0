"""Plain HTML pages served beside the UI, where citations lead: `/doc/{id}` shows a document's
sentences, each with the anchor (`#s<n>`) a citation links to, the cited one highlighted;
`/source/{data set}?locator=row N` shows a cited table row as a labelled table."""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from clusterkb.service import KnowledgeBase
from kb.errors import ClusterKBError
from kb.models import DocumentText
from ui import render


def add_document_page(app: FastAPI, kb: KnowledgeBase) -> None:
    """Serve `/doc/{doc_id}` on `app` (404 with the reason for an unknown document)."""

    @app.get("/doc/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(doc_id: str) -> HTMLResponse:
        try:
            doc = kb.document_text(doc_id)
        except ClusterKBError as e:
            return HTMLResponse(f"<p>{escape(str(e))}</p>", status_code=404)
        lines = "".join(
            f"<p id='s{i}'><a href='#s{i}' class='n'>{i}</a> {escape(s)}</p>"
            for i, s in enumerate(doc.sentences, start=1)
        )
        return HTMLResponse(_page(doc.title, _document_meta(doc) + lines))

    @app.get("/source/{source:path}", response_class=HTMLResponse, include_in_schema=False)
    def source_page(source: str, locator: str = "") -> HTMLResponse:
        """A cited place in a data set (a table row): its values as a labelled table."""
        try:
            cited = kb.cited(source, locator)
        except ClusterKBError as e:
            return HTMLResponse(_page("Not found", f"<p>{escape(str(e))}</p>"), status_code=404)
        pairs = render.record_pairs(cited.text)
        if pairs:
            rows = "".join(
                f"<tr><th scope='row'>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in pairs
            )
            body = f"<table class='cited' id='cited'>{rows}</table>"
        else:
            body = f"<p class='cited' id='cited'>{escape(cited.text)}</p>"
        meta = f"<p class='meta'>{escape(source)} — {escape(locator)}</p>"
        return HTMLResponse(_page(f"{source}, {locator}", meta + body))


def _document_meta(doc: DocumentText) -> str:
    """Where a document comes from: its published address (a link), its date, its file."""
    parts = []
    if doc.source_url:
        url = doc.source_url
        link = (
            f"<a href='{escape(url, quote=True)}' rel='noreferrer'>{escape(url)}</a>"
            if url.startswith(("http://", "https://"))
            else escape(url)
        )
        parts.append(f"Source: {link}")
    if doc.date:
        parts.append(f"Date: {escape(doc.date)}")
    if doc.path:
        parts.append(f"File: {escape(Path(doc.path).name)}")
    parts.append(escape(doc.id))
    return f"<p class='meta' id='doc-meta'>{' · '.join(parts)}</p>"


# One stylesheet for these pages: the cited sentence or row is highlighted.
_STYLE = (
    "body{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.5;color:#212529}"
    ".n{color:#5c636a;font-size:.8em;text-decoration:none}.meta{color:#5c636a}"
    "p:target,.cited{background:#fff3bf}th{text-align:left;padding-right:1em}"
)


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        "<body><nav><a href='/' id='back' onclick='if(history.length>1){history.back();"
        "return false}'>← back to clusterkb</a></nav>"
        f"<main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )
