"""The Gradio front end, mounted at `/` on the API's FastAPI app: Ask, Explore, Plan a
cluster, Documents, Overview (one module each under ui/tabs). Every tab calls the same
KnowledgeBase as the CLI and the API."""

from __future__ import annotations

from typing import Any

import gradio as gr
from fastapi import FastAPI

from clusterkb.service import KnowledgeBase
from ui import pages, render
from ui.tabs import ask, documents, explore, overview, plan

CACHE_SWEEP = (600, 3600)  # (every, older than) seconds: Gradio's temp files


def build(kb: KnowledgeBase) -> gr.Blocks:
    """The UI's Blocks: the tabs, an entity picked in Ask or a district clicked in Overview
    opening in Explore, and what each tab fills when a page opens."""
    # Gradio's uploads and the copies it makes are deleted an hour after they were made
    # (checked every CACHE_SWEEP[0] seconds) and when the server starts.
    with gr.Blocks(title="clusterkb — MSME clusters and ODOP", delete_cache=CACHE_SWEEP) as demo:
        gr.Markdown(
            "# clusterkb\nIndia's MSME clusters, ODOP products, schemes and agencies — answers "
            "with their sources, a linkage-graph explorer and a partner planner. "
            "API: [/api/v1](/docs)"
        )
        with gr.Tabs() as tabs:
            asking = ask.build(kb)
            exploring = explore.build(kb)
            planning = plan.build(kb)
            docs = documents.build(kb)
            counts = overview.build(kb)

        def open_in_explore(entity_id: str | None) -> Any:
            node = kb.node(entity_id) if entity_id else None
            if node is None:
                return gr.update(), gr.update(), gr.update()
            return (gr.Tabs(selected="explore"), node.name,
                    gr.update(choices=[(node.name, node.id)], value=node.id))  # fmt: skip

        def open_clicked(value: dict[str, Any] | None) -> Any:
            return open_in_explore((value or {}).get("clicked"))

        to_explore = [tabs, exploring.search, exploring.matches]
        asking.chips.change(open_in_explore, asking.chips, to_explore)
        counts.districts.click(open_clicked, counts.districts, to_explore)
        for tab in (counts, planning, docs):
            demo.load(tab.load, None, tab.loaded)
    return demo


# Two pieces of Gradio's own markup that axe-core rejects, mended as they appear: an empty
# component's placeholder carries an aria-label without a role (aria-prohibited-attr), and the
# upload box is named "Click to upload or drop files" while it reads "Drop File Here - or -
# Click to Upload" (label-content-name-mismatch).
MEND_A11Y = """<script>
(() => {
  const mend = () => {
    document.querySelectorAll('div.empty[aria-label]:not([role])')
      .forEach(e => e.setAttribute('role', 'img'));
    document.querySelectorAll('.upload-container[aria-label]').forEach(e => {
      const text = e.innerText.replace(/\\s+/g, ' ').trim();
      if (text && e.getAttribute('aria-label') !== text) e.setAttribute('aria-label', text);
    });
  };
  new MutationObserver(mend).observe(document.documentElement, {childList: true, subtree: true});
})();
</script>"""


def mount(app: FastAPI, kb: KnowledgeBase) -> None:
    """Mount the UI at `/`, with `/doc/{id}` pages that show a document's sentences."""
    pages.add_document_page(app, kb)
    demo = build(kb)
    # the same size limit as the API's uploads (api.limits also cuts the body on the stream)
    max_bytes = int(kb.settings.max_upload_mb * 1024 * 1024)
    gr.mount_gradio_app(app, demo, path="/", css=render.CSS, footer_links=["api"],
                        head=MEND_A11Y, max_file_size=max_bytes)  # fmt: skip
    # Gradio checks that a file named in an event's data was uploaded through it (lies in its
    # upload folder) only once the Blocks count as launched, which mount_gradio_app never sets:
    # without this, `POST /gradio_api/call/preview` with {"path": "/any/file"} had the file
    # copied into Gradio's cache and read. The documents tab checks the folder again itself.
    demo.has_launched = True
