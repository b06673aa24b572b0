"""The Gradio front end, mounted at `/` on the API's FastAPI app: Ask, Explore, Plan a
cluster, Documents, Overview. Every tab calls the same KnowledgeBase as the CLI and the API.
"""

from __future__ import annotations

import csv
import tempfile
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from clusterkb.service import KnowledgeBase
from kb.errors import ClusterKBError
from kb.ids import is_a, state_of
from kb.recommend import KINDS, odop_pairs
from kb.schema import RELATION_TYPES
from ui import render

EXAMPLES = [
    "Who anchors the Muzaffarpur bag cluster?",
    "Which agency mobilised the women entrepreneurs of the Muzaffarpur bag cluster?",
    "What is the ODOP product of Gaya?",
    "Which schemes support the Umden Eri Cluster?",
    "How many clusters is Bokaro creating?",
]
ALL = "all relations"


class Data:
    """Lookups the dropdowns and the map need, read from the KB on demand."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def odop(self) -> dict[str, dict[str, list[str]]]:
        """state name -> district name -> ODOP products."""
        states = {n.id: n.name for n in self.kb.store.nodes("State")}
        out: dict[str, dict[str, list[str]]] = {}
        for district_id, district, product in odop_pairs(self.kb.store):
            state = states.get(state_of(district_id), "?")
            out.setdefault(state, {}).setdefault(district, []).append(product)
        return out

    def titles(self) -> dict[str, str]:
        return {d["id"]: d["title"] for d in self.kb.documents()}

    def map_points(self) -> list[dict[str, Any]]:
        store = self.kb.store
        states = {n.id: n.name for n in store.nodes("State")}
        odop: dict[str, tuple[str, str]] = {}
        for e in store.edges("ODOP_PRODUCT"):
            if e.source not in odop:
                made = store.get_node(e.target)
                odop[e.source] = (made.name if made else "", e.attrs.get("sector") or "none")
        clusters: dict[str, int] = {}
        for e in store.edges("LOCATED_IN"):
            if is_a(e.source, "Cluster"):
                clusters[e.target] = clusters.get(e.target, 0) + 1
        points = []
        for d in store.nodes("District"):
            try:
                lat, lon = float(d.attrs["lat"]), float(d.attrs["lon"])
            except (KeyError, TypeError, ValueError):
                continue
            product, sector = odop.get(d.id, ("", "none"))
            points.append({"name": d.name, "state": states.get(state_of(d.id), ""),
                           "lat": lat, "lon": lon, "product": product,
                           "sector": sector.strip().title() or "none",
                           "clusters": clusters.get(d.id, 0)})  # fmt: skip
        return points


def build(kb: KnowledgeBase) -> gr.Blocks:
    data = Data(kb)
    settings = kb.settings

    def _err(e: Exception) -> str:
        return f"<div class='kb-abstain'>{escape(str(e))}</div>"

    with gr.Blocks(title="clusterkb — MSME clusters and ODOP") as demo:
        gr.Markdown(
            "# clusterkb\nIndia's MSME clusters, ODOP products, schemes and agencies — answers "
            "with their sources, a linkage-graph explorer and a partner planner. "
            "API: [/api/v1](/docs)"
        )
        with gr.Tabs() as tabs:
            # -- Ask ------------------------------------------------------------------------
            with gr.Tab("Ask", id="ask"):
                turns = gr.State([])
                chat = gr.Chatbot(label="Conversation", height=380, elem_id="kb-chat")
                with gr.Row():
                    question = gr.Textbox(
                        placeholder="Ask about a cluster, district, scheme or agency…",
                        show_label=False,
                        scale=5,
                        elem_id="kb-question",
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="kb-ask")
                    clear = gr.Button("New conversation", scale=1)
                gr.Examples(EXAMPLES, inputs=question, label="Try")
                chips = gr.Radio(
                    label="Entities in the answer — pick one to open it in Explore",
                    choices=[],
                    visible=False,
                    elem_id="kb-chips",
                )
                sources = gr.HTML(render.sources({}, {}), elem_id="kb-sources")

            # -- Explore --------------------------------------------------------------------
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

            # -- Plan -----------------------------------------------------------------------
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

            # -- Documents ------------------------------------------------------------------
            with gr.Tab("Documents", id="documents"):
                gr.Markdown(
                    "Add reports, news or notes (.txt, .md, .html, .pdf). Preview what would be "
                    "extracted, then add it with the API key (`CLUSTERKB_API_KEY`)."
                )
                key = gr.Textbox(label="API key", type="password", elem_id="kb-key")
                files = gr.File(
                    label="Files",
                    file_count="multiple",
                    file_types=sorted(_suffixes()),
                    elem_id="kb-files",
                )
                with gr.Row():
                    preview_go = gr.Button("Preview extraction", elem_id="kb-preview")
                    add_go = gr.Button("Add to knowledge base", variant="primary", elem_id="kb-add")
                doc_status = gr.Markdown(elem_id="kb-doc-status")
                preview_out = gr.HTML(elem_id="kb-preview-out")
                docs_table = gr.Dataframe(
                    headers=["id", "title", "sentences", "facts"],
                    interactive=False,
                    label="Documents",
                )
                with gr.Row():
                    doc_pick = gr.Dropdown(label="Document to remove", choices=[], scale=3)
                    remove_go = gr.Button("Remove", variant="stop", scale=1)

            # -- Overview -------------------------------------------------------------------
            with gr.Tab("Overview", id="overview"):
                counts = gr.HTML(elem_id="kb-counts")
                gr.Markdown(
                    "District headquarters coloured by the sector of their ODOP product; ringed "
                    "dots have a documented cluster. Hover a dot for its product."
                )
                india = gr.HTML(elem_id="kb-map")

        # ---- Ask handlers ------------------------------------------------------------------
        def respond(message: str, history: list[Any], past: list[dict[str, Any]]) -> Any:
            history = list(history or [])
            message = (message or "").strip()
            if not message:
                return "", history, past, render.sources({}, {}), gr.update()
            try:
                ans = kb.ask(message, past[-3:] if past else None).to_dict()
            except ClusterKBError as e:
                history += [{"role": "user", "content": message},
                            {"role": "assistant", "content": str(e)}]  # fmt: skip
                return "", history, past, _err(e), gr.update(visible=False)
            titles = data.titles()
            text = (
                ans["answer"]
                if ans["answered"]
                else f"**Not in the knowledge base.** {ans['answer']}"
            )
            if ans["answered"] and ans["citations"]:
                text += "\n\n**Sources**\n" + "\n".join(
                    f"{i}. [{render.short(titles.get(c['document'], c['document']), 90)}]"
                    f"({render.doc_link(c['document'], c.get('locator'))}) — “{c['text'][:220]}”"
                    for i, c in enumerate(ans["citations"][:3], start=1)
                )
            history += [
                {"role": "user", "content": message},
                {"role": "assistant", "content": text},
            ]
            ents = [(f"{e['name']} ({e['type']})", e["id"]) for e in ans["entities"][:12]]
            return (
                "",
                history,
                [*past, ans],
                render.sources(ans, titles),
                gr.update(choices=ents, value=None, visible=bool(ents)),
            )

        outs = [question, chat, turns, sources, chips]
        send.click(respond, [question, chat, turns], outs)
        question.submit(respond, [question, chat, turns], outs)
        clear.click(lambda: ("", [], [], render.sources({}, {}), gr.update(choices=[], visible=False)),
                    None, outs)  # fmt: skip

        # ---- Explore handlers --------------------------------------------------------------
        def find(text: str) -> Any:
            text = (text or "").strip()
            if not text:
                return gr.update(choices=[], value=None)
            _, page = kb.entities(text, None, 15, 0)
            choices = [(f"{m.name} — {m.type}", m.id) for m in page]
            return gr.update(choices=choices, value=choices[0][1] if choices else None)

        def draw(g: dict[str, Any], clicked: str | None = None) -> dict[str, Any]:
            nodes = list(g["nodes"].values())
            edges = list(g["edges"].values())
            return {"svg": render.graph_svg(nodes, edges, g["center"]), "clicked": clicked}

        def neighbourhood(center: str, rel: str, d: float) -> dict[str, Any]:
            hood = kb.neighborhood(center, None if rel == ALL else rel, "both", int(d), 60)
            return {
                "center": center,
                "nodes": {n["id"]: n for n in hood["nodes"]},
                "edges": {f"{e['source']}|{e['relation']}|{e['target']}": e for e in hood["edges"]},
            }

        def side_panels(entity_id: str) -> tuple[str, str]:
            view = kb.entity(entity_id).to_dict()
            chain_html = render.value_chain(kb.gaps(entity_id)) if view["type"] == "Cluster" else ""
            return render.facts_table(view), chain_html

        def open_entity(entity_id: str | None, rel: str, d: float) -> Any:
            if not entity_id:
                return gr.update(), gr.update(), gr.update(), gr.update()
            try:
                g = neighbourhood(entity_id, rel, d)
                facts_html, chain_html = side_panels(entity_id)
            except ClusterKBError as e:
                return {}, gr.update(), "", _err(e)
            return g, draw(g), chain_html, facts_html

        def expand(value: dict[str, Any], g: dict[str, Any], rel: str) -> Any:
            clicked = (value or {}).get("clicked")
            if not clicked or not g:
                return gr.update(), gr.update(), gr.update(), gr.update()
            more = neighbourhood(clicked, rel, 1)
            g = {"center": g["center"], "nodes": {**g["nodes"], **more["nodes"]},
                 "edges": {**g["edges"], **more["edges"]}}  # fmt: skip
            facts_html, chain_html = side_panels(clicked)
            return g, draw(g, clicked), chain_html, facts_html

        search.submit(find, search, matches)
        search.input(find, search, matches, trigger_mode="always_last")
        explore_outs = [graph_state, graph, chain, facts]
        matches.change(open_entity, [matches, relation, depth], explore_outs)
        redraw.click(open_entity, [matches, relation, depth], explore_outs)
        graph.click(expand, [graph, graph_state, relation], explore_outs)

        def open_chip(entity_id: str | None) -> Any:
            if not entity_id:
                return gr.update(), gr.update(), gr.update()
            node = kb.store.get_node(entity_id)
            name = node.name if node else entity_id
            return (gr.Tabs(selected="explore"), name,
                    gr.update(choices=[(name, entity_id)], value=entity_id))  # fmt: skip

        chips.change(open_chip, chips, [tabs, search, matches])

        def find_path(a: str, b: str) -> str:
            try:
                p = kb.path(a, b).to_dict()
            except ClusterKBError as e:
                return _err(e)
            hops = "".join(
                f"<li><b>{escape(h['from_name'])}</b> — {escape(h['relation'].lower().replace('_', ' '))}"
                f" → <b>{escape(h['to_name'])}</b><div class='kb-muted'>"
                f"{escape((h['provenance'][0]['text'] if h['provenance'] else '')[:200])}</div></li>"
                for h in p["hops"]
            )
            return f"<ol>{hops}</ol>"

        path_go.click(find_path, [path_a, path_b], path_out)

        # ---- Plan handlers -----------------------------------------------------------------
        def states() -> Any:
            return gr.update(choices=sorted(data.odop()), value=None)

        def districts(s: str | None) -> Any:
            ds = sorted(data.odop().get(s or "", {}))
            return gr.update(choices=ds, value=None), gr.update(choices=[], value=None)

        def products(s: str | None, d: str | None) -> Any:
            ps = sorted(set(data.odop().get(s or "", {}).get(d or "", [])))
            return gr.update(choices=ps, value=ps[0] if ps else None)

        state.change(districts, state, [district, product])
        district.change(products, [state, district], product)

        def plan(s: str | None, d: str | None, p: str | None, ctx: str) -> Any:
            if not d or not p:
                return _err(ValueError("choose a state, a district and a product")), "", None
            try:
                result = kb.recommend(d, p, s, ctx.strip() or None)
            except ClusterKBError as e:
                return _err(e), "", None
            out = Path(tempfile.mkdtemp()) / f"partners-{_slug(d)}-{_slug(p)}.csv"
            with out.open("w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                w.writerow(["kind", "rank", "id", "name", "score", "fills", "why"])
                for kind in KINDS:
                    for r, item in enumerate(result[kind], start=1):
                        w.writerow([kind, r, item["id"], item["name"], item["score"],
                                    " ".join(item["fills"]), item["why"]])  # fmt: skip
            return render.recommendations(result), render.partner_graph(result), str(out)

        plan_go.click(plan, [state, district, product, context], [plan_out, plan_graph, plan_csv])

        def plan_all(progress: gr.Progress = gr.Progress()) -> Any:  # noqa: B008 - Gradio's idiom
            from kb.recommend import recommend_all

            out = Path(tempfile.mkdtemp()) / "partners-all-odop.csv"
            with out.open("w", newline="", encoding="utf-8") as f:
                recommend_all(kb, f, 5, lambda done, total: progress(done / total,
                              desc=f"{done}/{total} district-product pairs"))  # fmt: skip
            return str(out)

        all_go.click(plan_all, None, plan_csv)

        # ---- Documents handlers ------------------------------------------------------------
        def check_key(k: str) -> str | None:
            if not settings.api_key:
                return "Writes are disabled: start clusterkb with CLUSTERKB_API_KEY set."
            if not settings.accepts_key(k):
                return "That API key is not valid."
            return None

        def paths_of(fs: Any) -> tuple[list[Path], str | None]:
            paths = [Path(f if isinstance(f, str) else f.name) for f in (fs or [])]
            if not paths:
                return [], "Choose one or more files first."
            size = sum(p.stat().st_size for p in paths)
            if size > settings.max_upload_mb * 1024 * 1024:
                return [], f"The files are larger than {settings.max_upload_mb:g} MB."
            bad = [p.name for p in paths if p.suffix.lower() not in _suffixes()]
            if bad:
                return (
                    [],
                    f"Not a supported type: {', '.join(bad)} (use {', '.join(sorted(_suffixes()))}).",
                )
            return paths, None

        def preview(fs: Any) -> Any:
            paths, problem = paths_of(fs)
            if problem:
                return f"**{problem}**", ""
            return "Preview — nothing is written yet.", _preview_html(kb.preview(paths))

        def documents_table() -> Any:
            docs = kb.documents()
            rows = [[d["id"], d["title"], d["sentences"], d["facts"]] for d in docs]
            return rows, gr.update(choices=[d["id"] for d in docs], value=None)

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

        def remove(doc: str | None, k: str) -> Any:
            problem = check_key(k)
            if problem or not doc:
                return (f"**{problem or 'Choose a document to remove.'}**", *documents_table())
            try:
                nodes, edges = kb.forget(doc)
            except ClusterKBError as e:
                return (f"**{e}**", *documents_table())
            return (f"Removed {doc}: {nodes} entities and {edges} relations only it supported.",
                    *documents_table())  # fmt: skip

        preview_go.click(preview, files, [doc_status, preview_out])
        add_go.click(add, [files, key], [doc_status, preview_out, docs_table, doc_pick])
        remove_go.click(remove, [doc_pick, key], [doc_status, docs_table, doc_pick])

        # ---- Overview ----------------------------------------------------------------------
        def overview() -> tuple[str, str]:
            s = kb.stats()
            cards = "".join(
                f"<div class='kb-card' style='border-top:4px solid {render.colour(t)}'>"
                f"<b>{n}</b>{escape(t)}</div>"
                for t, n in sorted(s["nodes_by_type"].items(), key=lambda kv: -kv[1])
            )
            head = f"<p>{s['nodes']} entities and {s['edges']} relations.</p>"
            return head + f"<div class='kb-cards'>{cards}</div>", render.india_map(
                data.map_points()
            )

        demo.load(overview, None, [counts, india])
        demo.load(states, None, state)
        demo.load(documents_table, None, [docs_table, doc_pick])
    return demo


def _suffixes() -> set[str]:
    from kb.files import SUFFIXES

    return set(SUFFIXES)


def _slug(text: str) -> str:
    from kb.resolve import slug

    return slug(text)[:40] or "x"


def _preview_html(previews: list[dict[str, Any]]) -> str:
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


def mount(app: FastAPI, kb: KnowledgeBase) -> None:
    """Mount the UI at `/`, with `/doc/{id}` pages that show a document's sentences."""

    @app.get("/doc/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(doc_id: str) -> HTMLResponse:
        try:
            doc = kb.document_text(doc_id)
        except ClusterKBError as e:
            return HTMLResponse(f"<p>{escape(str(e))}</p>", status_code=404)
        lines = "".join(
            f"<p id='s{i}'><a href='#s{i}' class='n'>{i}</a> {escape(s)}</p>"
            for i, s in enumerate(doc["sentences"], start=1)
        )
        return HTMLResponse(
            "<!doctype html><html><head><meta charset='utf-8'>"
            f"<title>{escape(doc['title'])}</title><style>body{{font-family:sans-serif;"
            "max-width:46em;margin:2em auto;line-height:1.5;color:#212529}} .n{{color:#868e96;"
            "font-size:.8em;text-decoration:none}} p:target{{background:#fff3bf}}</style></head>"
            f"<body><h1>{escape(doc['title'])}</h1><p style='color:#6c757d'>{escape(doc['id'])}"
            f"</p>{lines}</body></html>"
        )

    gr.mount_gradio_app(app, build(kb), path="/", css=render.CSS, footer_links=["api"])
