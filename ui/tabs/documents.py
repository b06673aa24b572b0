"""Documents: preview what files would add, add them or remove a document — each with the API
key; the service keeps the uploads and checks the key.

The handlers read only files that Gradio itself received through its upload route: a client
can name any path in an event's file data, so a path outside Gradio's upload folder is refused
(ui.app.mount also turns on Gradio's own check, which refuses such a path before it is copied)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr
from gradio.components import Component

from clusterkb.service import KnowledgeBase
from kb.errors import ClusterKBError
from kb.files import SUFFIXES
from kb.models import DocumentInfo
from ui import render


@dataclass
class DocumentsTab:
    load: Callable[[], Any]  # fills the table and the remove dropdown when a page opens
    loaded: list[Component]


def build(kb: KnowledgeBase) -> DocumentsTab:
    """The Documents tab; call inside `gr.Tabs`."""
    with gr.Tab("Documents", id="documents"):
        gr.Markdown(
            "Add reports, news or notes (.txt, .md, .html, .pdf). With the API key "
            "(`CLUSTERKB_API_KEY`), preview what would be extracted, then add it."
        )
        key = gr.Textbox(label="API key", type="password", elem_id="kb-key")
        files = gr.File(
            label="Files",
            file_count="multiple",
            file_types=sorted(SUFFIXES),
            elem_id="kb-files",
        )
        with gr.Row():
            preview_go = gr.Button("Preview extraction", elem_id="kb-preview")
            add_go = gr.Button("Add to knowledge base", variant="primary", elem_id="kb-add")
        doc_status = gr.Markdown(elem_id="kb-doc-status")
        preview_out = gr.HTML(elem_id="kb-preview-out")
        docs_table = gr.HTML(elem_id="kb-doc-table")
        with gr.Row():
            doc_pick = gr.Dropdown(
                label="Document to remove", choices=[], scale=3, min_width=260,
                elem_id="kb-doc-pick",
            )  # fmt: skip
            remove_go = gr.Button(
                "Remove…", variant="stop", scale=1, min_width=160, elem_id="kb-remove"
            )
        force = gr.Checkbox(
            label="Allow removing a bundled document", value=False, elem_id="kb-force"
        )
        with gr.Row(visible=False, elem_id="kb-confirm") as confirm_row:
            confirm_text = gr.Markdown()
            confirm_go = gr.Button("Yes, remove it", variant="stop", elem_id="kb-confirm-yes")
            cancel_go = gr.Button("Cancel", elem_id="kb-confirm-no")

    def check_key(k: str) -> str | None:
        if not kb.writes_enabled():
            return "Writes are disabled: start clusterkb with CLUSTERKB_API_KEY set."
        if not (k or "").strip():
            return "Enter the API key first (the CLUSTERKB_API_KEY the server was started with)."
        if not kb.accepts_key(k):
            return "That API key is not valid."
        return None

    def paths_of(fs: Any) -> tuple[list[Path], str | None]:
        paths = [Path(f if isinstance(f, str) else f.name) for f in (fs or [])]
        if not paths:
            return [], "Choose one or more files first."
        if not all(uploaded(p, files.GRADIO_CACHE) for p in paths):
            return [], "Only files uploaded through this page can be previewed or added."
        size = sum(p.stat().st_size for p in paths)
        max_mb = kb.settings.max_upload_mb
        if size > max_mb * 1024 * 1024:
            return [], f"The files are larger than {max_mb:g} MB."
        bad = [p.name for p in paths if p.suffix.lower() not in SUFFIXES]
        if bad:
            return (
                [],
                f"Not a supported type: {', '.join(bad)} (use {', '.join(sorted(SUFFIXES))}).",
            )
        return paths, None

    def preview(fs: Any, k: str) -> Any:
        problem = check_key(k)
        paths, bad = paths_of(fs) if not problem else ([], None)
        if problem or bad:
            return f"**{problem or bad}**", ""
        try:
            with kb.bounded("this preview"):
                found = kb.preview(paths)
        except ClusterKBError as e:
            return f"**{e}**", ""
        return "Preview — nothing is written yet.", _preview_html(found)

    def documents_table() -> Any:
        docs = kb.documents()
        choices = [(f"{d.title} ({d.id})", d.id) for d in docs]
        return _documents_html(docs), gr.update(choices=choices, value=None)

    def add(fs: Any, k: str, progress: gr.Progress = gr.Progress()) -> Any:  # noqa: B008
        problem = check_key(k)
        paths, bad = paths_of(fs)
        if problem or bad:
            return (f"**{problem or bad}**", gr.update(), *documents_table())
        progress(0, desc="reading documents")
        report = kb.add_files(paths, lambda msg: progress(None, desc=msg.strip()))
        msg = (f"Added {len(report.added)}, replaced {len(report.replaced)}, unchanged "
               f"{len(report.unchanged)}; {report.nodes} entities and {report.edges} relations "
               f"from {report.sentences} sentences.")  # fmt: skip
        if report.failed:
            msg += " Failed: " + "; ".join(report.failed)
        return (msg, "", *documents_table())

    def ask_to_remove(doc: str | None, k: str, forced: bool) -> Any:
        """The first click: say what would go and ask to confirm (nothing is removed yet)."""
        problem = check_key(k) or (None if doc else "Choose a document to remove.")
        info = next((d for d in kb.documents() if d.id == doc), None)
        if not problem and info is None:
            problem = f"There is no document {doc!r} any more."
        if not problem and info is not None and info.bundled and not forced:
            problem = (f"{info.title} is bundled with clusterkb; tick “Allow removing a bundled "
                       "document” to remove it anyway.")  # fmt: skip
        if problem or info is None:
            return f"**{problem}**", gr.update(visible=False), ""
        return (
            "",
            gr.update(visible=True),
            f"Remove **{escape(info.title)}** ({info.id})? The {info.facts} facts it supports "
            "go with it (those only it supports are lost).",
        )

    def remove(doc: str | None, k: str, forced: bool) -> Any:
        problem, _, _ = ask_to_remove(doc, k, forced)  # checked again: the key may have changed
        if problem or not doc:
            return (problem, gr.update(visible=False), *documents_table())
        try:
            nodes, edges = kb.forget(doc)
        except ClusterKBError as e:
            return (f"**{e}**", gr.update(visible=False), *documents_table())
        return (f"Removed {doc}: {nodes} entities and {edges} relations only it supported.",
                gr.update(visible=False), *documents_table())  # fmt: skip

    preview_go.click(preview, [files, key], [doc_status, preview_out])
    add_go.click(add, [files, key], [doc_status, preview_out, docs_table, doc_pick])
    remove_go.click(ask_to_remove, [doc_pick, key, force], [doc_status, confirm_row, confirm_text])
    confirm_go.click(remove, [doc_pick, key, force],
                     [doc_status, confirm_row, docs_table, doc_pick])  # fmt: skip
    cancel_go.click(lambda: ("Nothing removed.", gr.update(visible=False)), None,
                    [doc_status, confirm_row])  # fmt: skip
    doc_pick.change(lambda: gr.update(visible=False), None, confirm_row)
    return DocumentsTab(documents_table, [docs_table, doc_pick])


def uploaded(path: Path, upload_folder: str) -> bool:
    """Whether `path` is a regular file inside Gradio's upload folder (symbolic links and
    `..` resolved): where Gradio keeps what a client uploaded through it."""
    try:
        real = path.resolve(strict=True)
        return real.is_file() and real.is_relative_to(Path(upload_folder).resolve())
    except OSError:
        return False


def _documents_html(docs: list[DocumentInfo]) -> str:
    """The documents as a table that wraps to its width: title (opening the text), file,
    sentences, facts, and whether it is bundled."""
    if not docs:
        return "<p class='kb-empty'>No documents yet.</p>"
    rows = "".join(
        f"<tr><td><a href='/doc/{escape(d.id, quote=True)}' target='_blank'>{escape(d.title)}</a>"
        f"<div class='kb-muted'>{escape(d.id)}</div></td><td>{d.sentences}</td><td>{d.facts}</td>"
        f"<td>{'bundled' if d.bundled else 'added'}</td></tr>"
        for d in docs
    )
    return (
        "<table class='kb-table kb-docs'><caption>Documents</caption><tr><th scope='col'>title"
        "</th><th scope='col'>sentences</th><th scope='col'>facts</th><th scope='col'>origin"
        f"</th></tr>{rows}</table>"
    )


def _preview_html(previews: list[dict[str, Any]]) -> str:
    """Per file: the entities it names (new ones marked) and the relations it states."""
    parts = []
    for p in previews:
        if p.get("error"):
            parts.append(f"<div class='kb-abstain'>{escape(p['file'])}: {escape(p['error'])}</div>")
            continue
        ents = "".join(
            f"<span class='kb-chip' style='border-color:{render.colour(e['type'])}'>"
            f"<i style='background:{render.colour(e['type'])}'></i>{escape(e['name'])}"
            f"{' <b>new</b>' if e['new'] else ''}</span>"
            for e in p["entities"]
        )
        rels = "".join(
            f"<tr><td>{escape(r['source'])}</td><td>{escape(r['relation'].lower().replace('_', ' '))}</td>"
            f"<td>{escape(r['target'])}</td><td class='kb-quote'>{escape(r['text'][:200])}</td></tr>"
            for r in p["relations"]
        )
        parts.append(
            f"<h4>{escape(p['title'] or p['file'])} <span class='kb-muted'>{escape(p['document'] or '')}"
            f"</span></h4><div class='kb-legend'>{ents}</div>"
            f"<table class='kb-table'><tr><th>from</th><th>relation</th><th>to</th><th>sentence</th>"
            f"</tr>{rels}</table>"
        )
    return "".join(parts)
