"""Plain HTML pages served beside the UI: `/doc/{id}` shows a document's sentences, each
with the anchor (`#s<n>`) that citations link to."""

from __future__ import annotations

from html import escape

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from clusterkb.service import KnowledgeBase
from kb.errors import ClusterKBError


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
        return HTMLResponse(
            "<!doctype html><html><head><meta charset='utf-8'>"
            f"<title>{escape(doc.title)}</title><style>body{{font-family:sans-serif;"
            "max-width:46em;margin:2em auto;line-height:1.5;color:#212529}} .n{{color:#868e96;"
            "font-size:.8em;text-decoration:none}} p:target{{background:#fff3bf}}</style></head>"
            f"<body><h1>{escape(doc.title)}</h1><p style='color:#6c757d'>{escape(doc.id)}"
            f"</p>{lines}</body></html>"
        )
