"""Explore: a path finder between two entities; search an entity and draw its neighbourhood
(click or press Enter on a node to expand it; wheel or the buttons zoom, dragging pans), its
facts and, for a cluster, its value chain. The relation filter and the depth apply at once and
keep the expansions; a cap on the drawing is said, not silent. A path found is drawn on the
same graph, its entities and links highlighted, until another entity is opened."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

import gradio as gr

from clusterkb.service import KnowledgeBase
from kb.errors import ClusterKBError
from kb.ids import parse
from ui import render

ALL = "all"
CAP = 60  # entities drawn at most
HUBS = (
    "Sector",
    "State",
    "Document",
)  # link almost anything to anything: not in paths unless asked

# Wheel zooms about the pointer, dragging pans, the buttons zoom and reset, a click or Enter on
# a node expands it. The view box lives on the element, so a redraw keeps neither stale state
# nor listeners (they are attached once, to the component's element).
ZOOM_JS = """
const view = () => element.querySelector('svg.kb-graph');
const box = (s) => s.viewBox.baseVal;
const zoom = (s, f, cx, cy) => { const b = box(s);
  const nx = cx - (cx - b.x) * f, ny = cy - (cy - b.y) * f;
  s.setAttribute('viewBox', `${nx} ${ny} ${b.width * f} ${b.height * f}`); };
const at = (s, ev) => { const r = s.getBoundingClientRect(), b = box(s);
  return [b.x + (ev.clientX - r.left) / r.width * b.width,
          b.y + (ev.clientY - r.top) / r.height * b.height]; };
let drag = null, moved = false;
element.addEventListener('wheel', (ev) => { const s = view(); if (!s || !ev.target.closest('svg'))
  return; ev.preventDefault(); const [x, y] = at(s, ev); zoom(s, ev.deltaY > 0 ? 1.15 : 1 / 1.15, x, y);
}, {passive: false});
element.addEventListener('pointerdown', (ev) => { const s = view();
  if (s && ev.target.closest('svg')) { drag = [ev.clientX, ev.clientY]; moved = false; } });
element.addEventListener('pointermove', (ev) => { const s = view(); if (!drag || !s) return;
  const dx = ev.clientX - drag[0], dy = ev.clientY - drag[1];
  if (Math.abs(dx) + Math.abs(dy) < 4 && !moved) return;
  moved = true; const r = s.getBoundingClientRect(), b = box(s);
  s.setAttribute('viewBox', `${b.x - dx / r.width * b.width} ${b.y - dy / r.height * b.height} ${b.width} ${b.height}`);
  drag = [ev.clientX, ev.clientY]; });
element.addEventListener('pointerup', () => { drag = null; });
const pick = (n) => { props.value = {...props.value, clicked: n.dataset.id}; trigger('click'); };
element.addEventListener('click', (ev) => {
  const b = ev.target.closest('[data-zoom]'); const s = view();
  if (b && s) { const v = box(s), f = {in: 1 / 1.3, out: 1.3}[b.dataset.zoom];
    if (f) zoom(s, f, v.x + v.width / 2, v.y + v.height / 2);
    else s.setAttribute('viewBox', s.dataset.home); return; }
  if (moved) { moved = false; return; }
  const n = ev.target.closest('[data-id]'); if (n) pick(n); });
element.addEventListener('keydown', (ev) => {
  const n = ev.target.closest('g[data-id]');
  if (n && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); pick(n); } });
"""


@dataclass
class ExploreTab:
    search: gr.Textbox  # the entity's name, as typed or as opened from another tab
    matches: gr.Dropdown  # choosing an entity id here draws it


def build(kb: KnowledgeBase) -> ExploreTab:
    """The Explore tab; call inside `gr.Tabs`."""
    with gr.Tab("Explore", id="explore"):
        graph_state = gr.State({})
        asked = gr.Number(visible=False)  # when the browser asked for a redraw (ASKED_JS)
        with gr.Accordion("Path finder — how two entities are linked", open=True):
            with gr.Row():
                path_a = gr.Textbox(label="From", placeholder="Gaya", elem_id="kb-path-a")
                path_b = gr.Textbox(label="To", placeholder="JEEViKA", elem_id="kb-path-b")
                path_go = gr.Button("Find path", elem_id="kb-path-go", scale=0)
            hubs = gr.Checkbox(
                label="Allow routes through a sector, state or document (they link almost "
                "anything)",
                value=False,
                elem_id="kb-path-hubs",
            )
            path_out = gr.HTML(elem_id="kb-path")
        with gr.Row():
            search = gr.Textbox(
                label="Search an entity (Enter opens the best match)",
                placeholder="e.g. Muzaffarpur bag cluster, SFURTI, Gaya",
                scale=3,
                elem_id="kb-search",
            )
            matches = gr.Dropdown(
                label="Matches",
                choices=[],
                scale=3,
                elem_id="kb-matches",
                interactive=True,
                allow_custom_value=True,  # choices change while typing: never a stale-value error
            )
        with gr.Row():
            relation = gr.Dropdown(
                [("all relations", ALL)],
                value=ALL,
                label="Relation filter",
                scale=2,
                elem_id="kb-relation",
                allow_custom_value=True,
            )
            depth = gr.Slider(1, 3, value=1, step=1, label="Depth", scale=2, elem_id="kb-depth")
        cap = gr.HTML(elem_id="kb-cap")
        graph = gr.HTML(
            value={
                "svg": "<p class='kb-empty'>Search an entity to draw its neighbourhood.</p>",
                "clicked": None,
            },  # fmt: skip
            html_template="${value.svg}",
            js_on_load=ZOOM_JS,
            elem_id="kb-graph",
        )
        chain = gr.HTML(elem_id="kb-chain")
        facts = gr.HTML(elem_id="kb-facts")

    def find(text: str) -> Any:
        """Choices for what is typed; nothing is drawn until one is chosen (no flicker)."""
        text = (text or "").strip()
        if not text:
            return gr.update(choices=[], value=None)
        _, page = kb.entities(text, None, 15, 0)
        return gr.update(choices=[(f"{m.name} — {m.type}", m.id) for m in page], value=None)

    def find_and_open(text: str) -> Any:
        """Enter in the search box: the best match, chosen (which draws it)."""
        text = (text or "").strip()
        _, page = kb.entities(text, None, 15, 0) if text else (0, [])
        choices = [(f"{m.name} — {m.type}", m.id) for m in page]
        return gr.update(choices=choices, value=choices[0][1] if choices else None)

    def hood(center: str, rel: str, d: int) -> Any:
        return kb.neighborhood(center, None if rel in (ALL, "", None) else rel, "both", d, CAP)

    def compose(g: dict[str, Any], rel: str, d: int) -> dict[str, Any]:
        """The drawing's graph: the centre's neighbourhood and each expanded node's, under
        the relation filter, with the cap kept over the whole; a path found is drawn whole,
        whatever the filter and the cap."""
        first = hood(g["center"], rel, d)
        nodes = {n.id: n.to_dict() for n in first.nodes}
        edges = {f"{e.source}|{e.relation}|{e.target}": e.to_dict() for e in first.edges}
        total = first.total or len(nodes)
        for x in g.get("expanded", []):
            if x not in nodes:
                continue
            more = hood(x, rel, 1)
            new = [n for n in more.nodes if n.id not in nodes]
            total += len(new) + (more.total or 0) - len(more.nodes)
            for n in new[: max(CAP - len(nodes), 0)]:
                nodes[n.id] = n.to_dict()
            for e in more.edges:
                if e.source in nodes and e.target in nodes:
                    edges[f"{e.source}|{e.relation}|{e.target}"] = e.to_dict()
        path = g.get("path") or {}
        for n in path.get("nodes", []):
            nodes.setdefault(n["id"], n)
        for e in path.get("edges", []):
            edges.setdefault(f"{e['source']}|{e['relation']}|{e['target']}", e)
        return {**g, "nodes": nodes, "edges": edges, "total": total}

    def relations_present(center: str, d: int) -> Any:
        """The relation filter's choices: the relations in the unfiltered neighbourhood, in
        words, with how many links each has there."""
        counts: dict[str, int] = {}
        for e in hood(center, ALL, d).edges:
            counts[e.relation] = counts.get(e.relation, 0) + 1
        return [("all relations", ALL)] + [
            (f"{render.relation_words(r)} ({n})", r) for r, n in sorted(counts.items())
        ]

    def side_panels(entity_id: str) -> tuple[str, str]:
        view = kb.entity(entity_id).to_dict()
        chain_html = (
            render.value_chain(kb.gaps(entity_id).to_dict()) if view["type"] == "Cluster" else ""
        )
        return render.facts_table(view), chain_html

    def show(g: dict[str, Any], rel: str, d: int, selected: str | None) -> Any:
        g = compose(g, rel, d)
        facts_html, chain_html = side_panels(selected or g["center"])
        rel_choices = relations_present(g["center"], d)
        if rel not in {v for _, v in rel_choices}:
            rel_choices.append((render.relation_words(rel), rel))
        return (
            g,
            _draw(g, kb, selected or g["center"]),
            _cap_note(g),
            chain_html,
            facts_html,
            gr.update(choices=rel_choices, value=rel),
        )

    def open_entity(entity_id: str | None, rel: str, d: float, _g: dict[str, Any]) -> Any:
        if not entity_id or kb.node(entity_id) is None:
            return (gr.update(),) * 6
        try:
            return show({"center": entity_id, "expanded": []}, ALL, int(d), None)
        except ClusterKBError as e:
            return {}, gr.update(), "", "", render.error(e), gr.update()

    def refilter(g: dict[str, Any], rel: str, d: float) -> Any:
        """The filter or the depth changed: redraw at once, keeping the expansions."""
        if not g or not g.get("center"):
            return (gr.update(),) * 6
        return show(g, rel, int(d), g.get("selected"))

    def expand(value: dict[str, Any], g: dict[str, Any], rel: str, d: float) -> Any:
        clicked = (value or {}).get("clicked")
        if not clicked or not g:
            return (gr.update(),) * 6
        expanded = [*g.get("expanded", []), clicked] if clicked != g["center"] else g["expanded"]
        return show({**g, "expanded": list(dict.fromkeys(expanded)), "selected": clicked},
                    rel, int(d), clicked)  # fmt: skip

    def find_path(a: str, b: str, through_hubs: bool, g: dict[str, Any], rel: str,
                  d: float) -> Any:  # fmt: skip
        """The path as numbered hops, and drawn on the graph: on the drawing open now, or on
        the neighbourhood of the path's first entity."""
        if not (a or "").strip() or not (b or "").strip():
            return render.error(ValueError("Name two entities: From and To.")), *(gr.update(),) * 6
        try:
            with kb.bounded("this path"):
                path = kb.path(a, b, avoid=() if through_hubs else HUBS).to_dict()
        except ClusterKBError as e:
            return render.error(e), *(gr.update(),) * 6
        if not g or not g.get("center"):
            g, rel = {"center": path["source"]["id"], "expanded": []}, ALL
        return _hops(path), *show({**g, "path": _path_graph(path)}, rel, int(d), g.get("selected"))

    search.submit(find_and_open, search, matches)
    search.input(find, search, matches, trigger_mode="always_last", show_progress="hidden")
    outs = [graph_state, graph, cap, chain, facts, relation]
    # Two redraws asked close together (a relation chosen, then a depth typed) can reach the
    # server in either order. Each carries when the browser asked for it (`asked`, set by
    # ASKED_JS), they run one at a time, and one asked before the drawing shown now is
    # dropped: the newest request wins, not the last to arrive.
    q = "explore-draw"
    matches.change(newest(open_entity, 3, 0), [matches, relation, depth, graph_state, asked],
                   outs, js=ASKED_JS, concurrency_id=q)  # fmt: skip
    relation.input(newest(refilter, 0, 0), [graph_state, relation, depth, asked], outs,
                   js=ASKED_JS, concurrency_id=q)  # fmt: skip
    depth.change(newest(refilter, 0, 0), [graph_state, relation, depth, asked], outs,
                 js=ASKED_JS, concurrency_id=q, trigger_mode="always_last")  # fmt: skip
    graph.click(newest(expand, 1, 0), [graph, graph_state, relation, depth, asked], outs,
                js=ASKED_JS, concurrency_id=q)  # fmt: skip
    for event in (path_go.click, path_a.submit, path_b.submit):
        event(newest(find_path, 3, 1), [path_a, path_b, hubs, graph_state, relation, depth, asked],
              [path_out, *outs], js=ASKED_JS, concurrency_id=q)  # fmt: skip
    return ExploreTab(search, matches)


# The event's inputs as given, the last replaced by the browser's clock when it was fired.
ASKED_JS = "(...values) => [...values.slice(0, -1), Date.now()]"


def newest(fn: Callable[..., Any], state_at: int, out_at: int) -> Callable[..., Any]:
    """`fn` with a last argument, when the redraw was asked (ms): a request older than the
    drawing in the graph state (argument `state_at`) changes nothing; otherwise `fn` runs and
    the state it returns (output `out_at`) keeps the time."""

    def run(*given: Any) -> Any:
        *args, asked = given
        g, when = args[state_at] or {}, float(asked or 0)
        if when < g.get("asked", 0):
            return (gr.update(),) * (6 + out_at)
        out = list(fn(*args))
        if isinstance(out[out_at], dict) and out[out_at].get("center"):
            out[out_at] = {**out[out_at], "asked": when}
        return tuple(out)

    return run


def _draw(g: dict[str, Any], kb: KnowledgeBase, selected: str | None) -> dict[str, Any]:
    """The graph component's value: the drawing, and which node was clicked last."""
    nodes = _with_short_names(list(g["nodes"].values()), kb)
    path = [n["id"] for n in (g.get("path") or {}).get("nodes", [])]
    svg = render.graph_svg(nodes, list(g["edges"].values()), g["center"], selected=selected,
                           path=path)  # fmt: skip
    return {"svg": svg, "clicked": None}


def _with_short_names(nodes: list[dict[str, Any]], kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Nodes whose name is too long for a label get their first alias that fits (JEEViKA for
    Bihar Rural Livelihoods Promotion Society) as `short`."""
    out = []
    for n in nodes:
        n = dict(n)
        if len(n["name"]) > render.LABEL_CHARS:
            fits = (a for a in kb.aliases(n["id"]) if len(a) <= render.LABEL_CHARS)
            n["short"] = next(fits, None)  # the first alias that fits: the usual short name
        out.append(n)
    return out


def _cap_note(g: dict[str, Any]) -> str:
    shown, total = len(g["nodes"]), g.get("total") or len(g["nodes"])
    if total <= shown:
        return f"<p class='kb-muted' role='status'>{shown} entities.</p>"
    return (
        f"<p class='kb-capnote' role='status'>Showing {shown} of {total} — filter by a relation "
        "or lower the depth to see the rest, or click a node to expand it.</p>"
    )


def _path_graph(path: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """A path found as the nodes and edges to draw (a hop runs the way its edge does, so the
    nodes are gathered from both ends of every hop)."""
    ends = {end["id"]: end for end in (path["source"], path["target"])}
    nodes: dict[str, dict[str, Any]] = {}
    for i, name in [(h[k], h[f"{k}_name"]) for h in path["hops"] for k in ("from", "to")]:
        nodes.setdefault(i, {"id": i, "name": name, "type": _type_of(i)} | ends.get(i, {}))
    edges = [
        {"source": h["from"], "relation": h["relation"], "target": h["to"]} for h in path["hops"]
    ]
    return {"nodes": list(nodes.values()), "edges": edges}


def _type_of(entity_id: str) -> str:
    return parse(entity_id).type or "Entity"


def _hops(path: dict[str, Any]) -> str:
    """A path as a numbered list of hops, each with the sentence that supports it."""
    hops = "".join(
        f"<li><b>{escape(h['from_name'])}</b> — {escape(render.relation_words(h['relation']))}"
        f" → <b>{escape(h['to_name'])}</b><div class='kb-muted'>"
        f"{escape((h['provenance'][0]['text'] if h['provenance'] else '')[:200])}</div></li>"
        for h in path["hops"]
    )
    return (
        f"<p>{escape(path['source']['name'])} to {escape(path['target']['name'])} in "
        f"{len(path['hops'])} hop(s), highlighted on the graph below:</p><ol>{hops}</ol>"
    )
