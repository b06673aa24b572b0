"""Explore: search an entity, draw its neighbourhood (click a node to expand it), show its
facts and, for a cluster, its value chain; a path finder between two entities."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

import gradio as gr

from clusterkb.service import KnowledgeBase
from kb.errors import ClusterKBError
from kb.schema import RELATION_TYPES
from ui import render

ALL = "all relations"


@dataclass
class ExploreTab:
    search: gr.Textbox  # the entity's name, as typed or as opened from another tab
    matches: gr.Dropdown  # choosing an entity id here draws it


def build(kb: KnowledgeBase) -> ExploreTab:
    """The Explore tab; call inside `gr.Tabs`."""
    with gr.Tab("Explore", id="explore"):
        graph_state = gr.State({})
        with gr.Row():
            search = gr.Textbox(
                label="Search an entity",
                placeholder="e.g. Muzaffarpur bag cluster, SFURTI, Gaya",
                scale=3,
                elem_id="kb-search",
            )
            matches = gr.Dropdown(
                label="Matches", choices=[], scale=3, elem_id="kb-matches", interactive=True
            )
        with gr.Row():
            relation = gr.Dropdown(
                [ALL, *RELATION_TYPES], value=ALL, label="Relation filter", scale=2
            )
            depth = gr.Slider(1, 3, value=1, step=1, label="Depth", scale=2)
            redraw = gr.Button("Redraw", scale=1)
        gr.Markdown("Click a node to expand it and see its facts.")
        graph = gr.HTML(
            value={
                "svg": "<p class='kb-empty'>Search an entity to draw its neighbourhood.</p>",
                "clicked": None,
            },  # fmt: skip
            html_template="${value.svg}",
            js_on_load=(
                "element.addEventListener('click', (ev) => {"
                " const n = ev.target.closest('[data-id]'); if (!n) return;"
                " props.value = {...props.value, clicked: n.dataset.id};"
                " trigger('click'); });"
            ),
            elem_id="kb-graph",
        )
        chain = gr.HTML(elem_id="kb-chain")
        facts = gr.HTML(elem_id="kb-facts")
        with gr.Accordion("Path finder", open=False):
            with gr.Row():
                path_a = gr.Textbox(label="From", placeholder="Gaya")
                path_b = gr.Textbox(label="To", placeholder="JEEViKA")
                path_go = gr.Button("Find path")
            path_out = gr.HTML()

    def find(text: str) -> Any:
        text = (text or "").strip()
        if not text:
            return gr.update(choices=[], value=None)
        _, page = kb.entities(text, None, 15, 0)
        choices = [(f"{m.name} — {m.type}", m.id) for m in page]
        return gr.update(choices=choices, value=choices[0][1] if choices else None)

    def neighbourhood(center: str, rel: str, d: float) -> dict[str, Any]:
        hood = kb.neighborhood(center, None if rel == ALL else rel, "both", int(d), 60)
        return {
            "center": center,
            "nodes": {n.id: n.to_dict() for n in hood.nodes},
            "edges": {f"{e.source}|{e.relation}|{e.target}": e.to_dict() for e in hood.edges},
        }

    def side_panels(entity_id: str) -> tuple[str, str]:
        view = kb.entity(entity_id).to_dict()
        chain_html = (
            render.value_chain(kb.gaps(entity_id).to_dict()) if view["type"] == "Cluster" else ""
        )
        return render.facts_table(view), chain_html

    def open_entity(entity_id: str | None, rel: str, d: float) -> Any:
        if not entity_id:
            return gr.update(), gr.update(), gr.update(), gr.update()
        try:
            g = neighbourhood(entity_id, rel, d)
            facts_html, chain_html = side_panels(entity_id)
        except ClusterKBError as e:
            return {}, gr.update(), "", render.error(e)
        return g, _draw(g), chain_html, facts_html

    def expand(value: dict[str, Any], g: dict[str, Any], rel: str) -> Any:
        clicked = (value or {}).get("clicked")
        if not clicked or not g:
            return gr.update(), gr.update(), gr.update(), gr.update()
        more = neighbourhood(clicked, rel, 1)
        g = {"center": g["center"], "nodes": {**g["nodes"], **more["nodes"]},
             "edges": {**g["edges"], **more["edges"]}}  # fmt: skip
        facts_html, chain_html = side_panels(clicked)
        return g, _draw(g, clicked), chain_html, facts_html

    def find_path(a: str, b: str) -> str:
        try:
            path = kb.path(a, b).to_dict()
        except ClusterKBError as e:
            return render.error(e)
        return _hops(path)

    search.submit(find, search, matches)
    search.input(find, search, matches, trigger_mode="always_last")
    outs = [graph_state, graph, chain, facts]
    matches.change(open_entity, [matches, relation, depth], outs)
    redraw.click(open_entity, [matches, relation, depth], outs)
    graph.click(expand, [graph, graph_state, relation], outs)
    path_go.click(find_path, [path_a, path_b], path_out)
    return ExploreTab(search, matches)


def _draw(g: dict[str, Any], clicked: str | None = None) -> dict[str, Any]:
    """The graph component's value: the drawing, and which node was clicked last."""
    nodes = list(g["nodes"].values())
    edges = list(g["edges"].values())
    return {"svg": render.graph_svg(nodes, edges, g["center"]), "clicked": clicked}


def _hops(path: dict[str, Any]) -> str:
    """A path as a numbered list of hops, each with the sentence that supports it."""
    hops = "".join(
        f"<li><b>{escape(h['from_name'])}</b> — {escape(h['relation'].lower().replace('_', ' '))}"
        f" → <b>{escape(h['to_name'])}</b><div class='kb-muted'>"
        f"{escape((h['provenance'][0]['text'] if h['provenance'] else '')[:200])}</div></li>"
        for h in path["hops"]
    )
    return f"<ol>{hops}</ol>"
