"""Plan a cluster: pick a state, a district and its ODOP product; get replication partners of
every kind (list, graph, CSV), or a CSV of the top partners for every ODOP pair."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
from gradio.components import Component

from clusterkb.service import KnowledgeBase
from kb.errors import ClusterKBError
from kb.recommend import KINDS, evidence_text
from kb.resolve import slug
from ui import render


@dataclass
class PlanTab:
    load: Callable[[], Any]  # fills the State dropdown when a page opens
    loaded: list[Component]


def build(kb: KnowledgeBase) -> PlanTab:
    """The Plan tab; call inside `gr.Tabs`."""
    with gr.Tab("Plan a cluster", id="plan"):
        with gr.Row():
            state = gr.Dropdown(label="State", choices=[], elem_id="kb-state")
            district = gr.Dropdown(label="District", choices=[], elem_id="kb-district")
            product = gr.Dropdown(
                label="ODOP product",
                choices=[],
                allow_custom_value=True,
                elem_id="kb-product",
            )
        context = gr.Textbox(
            label="About the cluster (optional)",
            placeholder="an existing cluster's name, or e.g. 'women SHGs, artisans'",
        )
        with gr.Row():
            plan_go = gr.Button("Recommend partners", variant="primary", elem_id="kb-plan")
            all_go = gr.Button("Top partners for every ODOP pair (CSV)")
        plan_out = gr.HTML(elem_id="kb-plan-out")
        plan_graph = gr.HTML(elem_id="kb-plan-graph")
        plan_csv = gr.File(label="Download", interactive=False)

    def states() -> Any:
        return gr.update(choices=sorted(kb.odop_choices()), value=None)

    def districts(s: str | None) -> Any:
        ds = sorted(kb.odop_choices().get(s or "", {}))
        return gr.update(choices=ds, value=None), gr.update(choices=[], value=None)

    def products(s: str | None, d: str | None) -> Any:
        ps = sorted(set(kb.odop_choices().get(s or "", {}).get(d or "", [])))
        return gr.update(choices=ps, value=ps[0] if ps else None)

    def plan(s: str | None, d: str | None, p: str | None, ctx: str) -> Any:
        if not d or not p:
            return render.error(ValueError("choose a state, a district and a product")), "", None
        try:
            with kb.bounded("this plan"):
                result = kb.recommend(d, p, s, ctx.strip() or None)
        except ClusterKBError as e:
            return render.error(e), "", None
        out = Path(tempfile.mkdtemp()) / f"partners-{_slug(d)}-{_slug(p)}.csv"
        with out.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["kind", "rank", "id", "name", "score (0-100)", "fills", "why", "status",
                        "place", "evidence", "source"])  # fmt: skip
            for kind in (*KINDS, "peer_districts"):
                for r, item in enumerate(getattr(result, kind), start=1):
                    w.writerow([kind, r, item.id, item.name, item.score, " ".join(item.fills),
                                item.why, item.status or "", item.place or "",
                                evidence_text(item.evidence), item.source or ""])  # fmt: skip
        plan = result.to_dict()
        return render.recommendations(plan), render.partner_graph(plan), str(out)

    def plan_all(progress: gr.Progress = gr.Progress()) -> Any:  # noqa: B008 - Gradio's idiom
        out = Path(tempfile.mkdtemp()) / "partners-all-odop.csv"
        with out.open("w", newline="", encoding="utf-8") as f:
            kb.recommend_all(f, 5, lambda done, total: progress(done / total,
                          desc=f"{done}/{total} district-product pairs"))  # fmt: skip
        return str(out)

    state.change(districts, state, [district, product])
    district.change(products, [state, district], product)
    plan_go.click(plan, [state, district, product, context], [plan_out, plan_graph, plan_csv])
    all_go.click(plan_all, None, plan_csv)
    return PlanTab(states, [state])


def _slug(text: str) -> str:
    """A short file-name-safe form of a district or product name."""
    return slug(text)[:40] or "x"
