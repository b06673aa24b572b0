"""Overview: how many entities of each type, a map of the districts coloured by the sector of
their ODOP product over the state outlines (bundled, data/geo), and the same districts as a
sortable table; clicking a district (a dot or a name) opens it in Explore."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr
from gradio.components import Component

from clusterkb.service import KnowledgeBase
from ui import render

# A click on a dot or a district's name reports its id; a header button sorts the table by its
# column (numbers as numbers), again to reverse.
CLICK_JS = """
element.addEventListener('click', (ev) => {
  const s = ev.target.closest('.kb-sort');
  if (s) { const table = s.closest('table'), body = table.tBodies[0], col = +s.dataset.col;
    const th = s.closest('th'), down = th.getAttribute('aria-sort') === 'ascending';
    table.querySelectorAll('th').forEach(h => h.setAttribute('aria-sort', 'none'));
    th.setAttribute('aria-sort', down ? 'descending' : 'ascending');
    const key = (r) => r.cells[col].innerText.trim();
    const rows = [...body.rows].sort((a, b) => (s.dataset.num ? key(a) - key(b)
      : key(a).localeCompare(key(b))) * (down ? -1 : 1));
    body.append(...rows); return; }
  const n = ev.target.closest('[data-id]');
  if (n) { props.value = {...props.value, clicked: n.dataset.id}; trigger('click'); }
});
"""


@dataclass
class OverviewTab:
    load: Callable[[], tuple[str, dict[str, Any]]]  # draws the counts and the map on page open
    loaded: list[Component]
    districts: gr.HTML  # its click event carries the district to open in Explore


def build(kb: KnowledgeBase) -> OverviewTab:
    """The Overview tab; call inside `gr.Tabs`."""
    with gr.Tab("Overview", id="overview"):
        counts = gr.HTML(elem_id="kb-counts")
        gr.Markdown(
            "District headquarters coloured by the sector of their ODOP product; ringed "
            "dots have a known cluster (from the cluster registry or a document). Click or tap a dot, or a name in the table, to "
            "open the district in Explore. State outlines: Natural Earth, simplified, for "
            "orientation only (not the Survey of India's boundaries)."
        )
        india = gr.HTML(
            value={"svg": "", "clicked": None},
            html_template="<div class='kb-overview'>${value.svg}</div>",
            js_on_load=CLICK_JS,
            elem_id="kb-map",
        )

    outlines = state_outlines(kb.settings.data_dir / "geo" / "india-states.geojson")

    def overview() -> tuple[str, dict[str, Any]]:
        s = kb.stats()
        cards = "".join(
            f"<div class='kb-card' style='border-top:4px solid {render.colour(t)}'>"
            f"<b>{n}</b>{escape(t)}</div>"
            for t, n in sorted(s.nodes_by_type.items(), key=lambda kv: -kv[1])
        )
        head = f"<p>{s.nodes} entities and {s.edges} relations.</p>"
        points = kb.district_map()
        both = (
            f"<div class='kb-mapbox'>{render.india_map(points, outlines)}</div>"
            f"<div class='kb-tablebox'>{render.district_table(points)}</div>"
        )
        return head + f"<div class='kb-cards'>{cards}</div>", {"svg": both, "clicked": None}

    return OverviewTab(overview, [counts, india], india)


def state_outlines(path: Path) -> list[dict[str, Any]]:
    """The states' outlines as GeoJSON features; none (a map of dots only) if the file is not
    there or not GeoJSON."""
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return features if isinstance(features, list) else []
