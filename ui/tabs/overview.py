"""Overview: how many entities of each type, and a map of the districts coloured by the
sector of their ODOP product."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import gradio as gr
from gradio.components import Component

from clusterkb.service import KnowledgeBase
from ui import render


@dataclass
class OverviewTab:
    load: Callable[[], tuple[str, str]]  # draws the counts and the map when a page opens
    loaded: list[Component]


def build(kb: KnowledgeBase) -> OverviewTab:
    """The Overview tab; call inside `gr.Tabs`."""
    with gr.Tab("Overview", id="overview"):
        counts = gr.HTML(elem_id="kb-counts")
        gr.Markdown(
            "District headquarters coloured by the sector of their ODOP product; ringed "
            "dots have a documented cluster. Hover a dot for its product."
        )
        india = gr.HTML(elem_id="kb-map")

    def overview() -> tuple[str, str]:
        s = kb.stats()
        cards = "".join(
            f"<div class='kb-card' style='border-top:4px solid {render.colour(t)}'>"
            f"<b>{n}</b>{escape(t)}</div>"
            for t, n in sorted(s.nodes_by_type.items(), key=lambda kv: -kv[1])
        )
        head = f"<p>{s.nodes} entities and {s.edges} relations.</p>"
        return head + f"<div class='kb-cards'>{cards}</div>", render.india_map(kb.district_map())

    return OverviewTab(overview, [counts, india])
