"""HTML for the UI: graphs and the map as self-contained SVG (no network, no JS library),
tables of facts with their sources, recommendation lists and value chains.

Everything that comes from the knowledge base is escaped before it goes into markup.
"""

from __future__ import annotations

import math
import re
from html import escape
from typing import Any
from urllib.parse import quote, urlencode

from kb.ids import is_a

TYPE_COLOURS = {
    "Cluster": "#d9480f",
    "District": "#1971c2",
    "State": "#364fc7",
    "Product": "#2f9e44",
    "Sector": "#66a80f",
    "Scheme": "#ae3ec9",
    "Agency": "#0c8599",
    "Enterprise": "#e67700",
    "Facility": "#862e9c",
    "GeographicalIndication": "#c2255c",
    "Document": "#868e96",
}
KIND_COLOURS = {
    "model_clusters": "#d9480f",
    "anchors": "#e67700",
    "buyers": "#f08c00",
    "suppliers": "#5c940d",
    "agencies": "#0c8599",
    "schemes": "#ae3ec9",
}
KIND_TITLES = {
    "model_clusters": "Model clusters to learn from",
    "anchors": "Anchor units",
    "buyers": "Buyers",
    "suppliers": "Suppliers",
    "agencies": "Agencies",
    "schemes": "Schemes that fit",
}
SECTOR_PALETTE = ["#1971c2", "#2f9e44", "#e8590c", "#ae3ec9", "#0c8599", "#c2255c", "#f59f00",
                  "#5c940d", "#364fc7", "#862e9c"]  # fmt: skip


def colour(type_: str) -> str:
    return TYPE_COLOURS.get(type_, "#495057")


_MARKUP = re.compile(r"([\\`*_{}\[\]()#!<>|~&])")


def md_text(text: str) -> str:
    """`text` from a document or an answer made inert in Markdown: every character that could
    start a link, an image, emphasis, code or an HTML tag is backslash-escaped, so a document
    saying `![x](http://elsewhere/pixel)` shows those characters instead of making the browser
    fetch anything ('a [b]' -> 'a \\[b\\]')."""
    return _MARKUP.sub(r"\\\1", text)


def short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def error(e: Exception) -> str:
    """An error shown in place of a result (the same box as an abstained answer)."""
    return f"<div class='kb-abstain'>{escape(str(e))}</div>"


def legend(types: list[str]) -> str:
    items = "".join(
        f"<span class='kb-chip' style='border-color:{colour(t)}'>"
        f"<i style='background:{colour(t)}'></i>{escape(t)}</span>"
        for t in types
    )
    return f"<div class='kb-legend'>{items}</div>"


def graph_svg(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    center: str | None = None,
    width: int = 900,
    height: int = 520,
) -> str:
    """A node-link drawing: nodes coloured by type (click one to expand it), edges labelled by
    relation. Positions come from a seeded spring layout, so a graph always looks the same."""
    import networkx as nx

    if not nodes:
        return "<p class='kb-empty'>Nothing to draw.</p>"
    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in nodes)
    g.add_edges_from((e["source"], e["target"]) for e in edges if e["source"] != e["target"])
    fixed = {center: (0.0, 0.0)} if center in g else None
    pos = nx.spring_layout(
        g,
        seed=7,
        k=1.6 / math.sqrt(max(len(nodes), 1)),
        pos=fixed,
        fixed=[center] if fixed else None,
    )
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    pad = 110

    def xy(i: str) -> tuple[float, float]:
        x, y = pos[i]
        return (
            pad + (x - min(xs)) / span_x * (width - 2 * pad),
            40 + (y - min(ys)) / span_y * (height - 80),
        )

    parts = []
    pairs: dict[tuple[str, str], list[str]] = {}  # one line per pair, its relations joined
    for e in edges:
        if e["source"] in pos and e["target"] in pos:
            key = (
                (e["source"], e["target"])
                if e["source"] < e["target"]
                else (e["target"], e["source"])
            )
            rel = e["relation"].lower().replace("_", " ")
            if rel not in pairs.setdefault(key, []):
                pairs[key].append(rel)
    label_edges = len(pairs) <= 60
    for (a, b), rels in pairs.items():
        (x1, y1), (x2, y2) = xy(a), xy(b)
        label = escape(", ".join(rels))
        parts.append(
            f"<line x1='{x1:.1f}' y1='{y1:.1f}' x2='{x2:.1f}' y2='{y2:.1f}' class='kb-edge'>"
            f"<title>{label}</title></line>"
        )
        if label_edges:
            parts.append(
                f"<text x='{(x1 + x2) / 2:.1f}' y='{(y1 + y2) / 2 - 3:.1f}' class='kb-elabel'>"
                f"{label}</text>"
            )
    for n in nodes:
        x, y = xy(n["id"])
        r = 13 if n["id"] == center else 9
        ring = " stroke='#212529' stroke-width='3'" if n["id"] == center else ""
        parts.append(
            f"<g class='kb-node' data-id='{escape(n['id'], quote=True)}'>"
            f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{r}' fill='{colour(n['type'])}'"
            f"{ring}/>"
            f"<text x='{x:.1f}' y='{y + r + 13:.1f}' class='kb-nlabel'>"
            f"{escape(short(n['name'], 26))}</text>"
            f"<title>{escape(n['name'])} ({escape(n['type'])}) — click to expand</title></g>"
        )
    types = sorted({n["type"] for n in nodes})
    return (
        f"<svg class='kb-graph' viewBox='0 0 {width} {height}' width='100%' "
        f"role='img' aria-label='linkage graph'>{''.join(parts)}</svg>{legend(types)}"
    )


def india_map(points: list[dict[str, Any]], width: int = 620, height: int = 680) -> str:
    """District headquarters as dots (lon/lat, equirectangular), coloured by ODOP sector;
    districts with a documented cluster drawn larger with a dark ring."""
    if not points:
        return "<p class='kb-empty'>No district coordinates are loaded.</p>"
    lons = [p["lon"] for p in points]
    lats = [p["lat"] for p in points]
    lo0, lo1, la0, la1 = min(lons), max(lons), min(lats), max(lats)
    scale = min((width - 40) / ((lo1 - lo0) or 1), (height - 40) / ((la1 - la0) or 1))
    counts: dict[str, int] = {}
    for p in points:
        counts[p["sector"]] = counts.get(p["sector"], 0) + 1
    top = [s for s, _ in sorted(counts.items(), key=lambda kv: -kv[1]) if s != "none"][:9]
    pal = {s: SECTOR_PALETTE[i] for i, s in enumerate(top)}
    dots = []
    for p in sorted(points, key=lambda p: p["clusters"] > 0):
        x = 20 + (p["lon"] - lo0) * scale
        y = 20 + (la1 - p["lat"]) * scale
        fill = pal.get(p["sector"], "#adb5bd")
        ring = " stroke='#212529' stroke-width='2'" if p["clusters"] else ""
        r = 6 if p["clusters"] else 3.2
        tip = f"{p['name']}, {p['state']}: {p['product'] or 'no ODOP product'} ({p['sector']})"
        if p["clusters"]:
            tip += f"; {p['clusters']} documented cluster(s)"
        dots.append(
            f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{r}' fill='{fill}'{ring}>"
            f"<title>{escape(tip)}</title></circle>"
        )
    keys = (
        "".join(
            f"<span class='kb-chip'><i style='background:{c}'></i>{escape(s)} ({counts[s]})</span>"
            for s, c in pal.items()
        )
        + "<span class='kb-chip'><i style='background:#adb5bd'></i>other / none</span>"
    )
    return (
        f"<svg class='kb-map' viewBox='0 0 {width} {height}' width='100%' role='img' "
        f"aria-label='map of districts by ODOP sector'>{''.join(dots)}</svg>"
        f"<div class='kb-legend'>{keys}<span class='kb-chip'><i style='background:#fff;"
        f"border:2px solid #212529'></i>district with a documented cluster</span></div>"
    )


def doc_link(document: str, locator: str | None) -> str:
    """Where a citation opens: a document at its sentence, or a data set's cited row."""
    if not is_a(document, "Document"):
        query = urlencode({"locator": locator or ""})
        return escape(f"/source/{quote(document)}?{query}", quote=True)
    m = re.search(r"\d+", locator or "")
    anchor = f"#s{m.group(0)}" if m else ""
    return f"/doc/{escape(document, quote=True)}{anchor}"


def sources(answer: dict[str, Any], titles: dict[str, str]) -> str:
    """The sources under an answer: document title, the cited sentence, a link to the text."""
    if not answer:
        return "<p class='kb-empty'>Ask a question; its sources appear here.</p>"
    if not answer.get("answered"):
        return (
            "<div class='kb-abstain'><b>Not in the knowledge base.</b> clusterkb found no "
            "source that answers this, so it does not guess. Try naming a cluster, district, "
            "scheme or agency.</div>"
        )
    rows = []
    for c in answer.get("citations") or []:
        doc = c.get("document", "")
        title = short(titles.get(doc, doc), 90)
        link = doc_link(doc, c.get("locator"))
        where = escape(c.get("locator") or "")
        rows.append(
            f"<li class='kb-cite'><a href='{link}' target='_blank'>{escape(title)}</a> "
            f"<span class='kb-muted'>{where}</span><blockquote>{escape(c.get('text', ''))}"
            "</blockquote></li>"
        )
    return "<h4>Sources</h4><ol class='kb-cites'>" + "".join(rows) + "</ol>"


def facts_table(entity: dict[str, Any]) -> str:
    """An entity's attributes and relations, each with where it comes from."""
    head = (
        f"<h3 style='color:{colour(entity['type'])}'>{escape(entity['name'])} "
        f"<span class='kb-muted'>{escape(entity['type'])} · {escape(entity['id'])}</span></h3>"
    )
    if entity.get("aliases"):
        head += f"<p class='kb-muted'>also called {escape(', '.join(entity['aliases'][:8]))}</p>"
    attrs = [
        (k, v)
        for k, v in entity.get("attrs", {}).items()
        if k not in ("sentences", "sha256") and v not in (None, "", [], {})
    ]
    srcs = "; ".join(sorted({p["source"] for p in entity.get("provenance", [])}))
    rows = "".join(
        f"<tr><td>{escape(k)}</td><td>{escape(short(_flat(v), 300))}</td></tr>"
        for k, v in attrs[:25]
    )
    table = (
        f"<table class='kb-table'><tr><th>attribute</th><th>value</th></tr>{rows}</table>"
        f"<p class='kb-muted'>sources: {escape(srcs)}</p>"
        if rows
        else f"<p class='kb-muted'>sources: {escape(srcs)}</p>"
    )
    rels = []
    for r in entity.get("relations", [])[:80]:
        if r["relation"] == "MENTIONED_IN":
            continue
        arrow = "→" if r["direction"] == "out" else "←"
        prov = r["provenance"][0] if r["provenance"] else {}
        quote = escape(short(prov.get("text", ""), 220))
        via = f" <span class='kb-muted'>(via {escape(r['via'])})</span>" if r.get("via") else ""
        rels.append(
            f"<tr><td>{arrow} {escape(r['relation'].lower().replace('_', ' '))}</td>"
            f"<td><b>{escape(r['name'])}</b> <span class='kb-muted'>{escape(r['type'])}</span>"
            f"{via}</td><td class='kb-quote'>{quote}<br><span class='kb-muted'>"
            f"{escape(prov.get('source', ''))} {escape(prov.get('locator', ''))}</span></td></tr>"
        )
    rel_table = (
        "<h4>Relations, with their sources</h4><table class='kb-table'><tr><th>relation</th>"
        f"<th>with</th><th>source</th></tr>{''.join(rels)}</table>"
        if rels
        else ""
    )
    return head + table + rel_table


def _flat(v: Any) -> str:
    if isinstance(v, list):
        return "; ".join(_flat(x) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_flat(x)}" for k, x in v.items())
    return str(v)


def value_chain(gaps: dict[str, Any] | None) -> str:
    """A cluster's value chain laid out by stage, left to right, gaps marked."""
    if not gaps:
        return ""
    cells = []
    for st in gaps["stages"]:
        if st["gap"]:
            body = f"<div class='kb-gap'>GAP<br><span>{escape(st['meaning'])}</span></div>"
        else:
            body = "".join(
                f"<div class='kb-actor' title='{escape(a['relation'])}'>{escape(short(a['name'], 40))}"
                + (
                    f"<br><span class='kb-muted'>via {escape(short(a['via'], 30))}</span>"
                    if a["via"]
                    else ""
                )
                + "</div>"
                for a in st["actors"]
            )
        cells.append(
            f"<div class='kb-stage{' kb-stage-gap' if st['gap'] else ''}'>"
            f"<h5>{escape(st['stage'].replace('_', ' '))}</h5>{body}</div>"
        )
    return (
        f"<h4>Value chain of {escape(gaps['cluster']['name'])}</h4>"
        f"<div class='kb-chain'>{'→'.join(cells)}</div>"
    )


def recommendations(result: dict[str, Any]) -> str:
    """The six ranked lists with score, reason and the source of the fact behind each."""
    from kb.recommend import KINDS

    head = (
        f"<h3>Partners for {escape(result['product'])} in {escape(result['district']['name'])}"
        + (
            f" <span class='kb-muted'>({escape(result['sector'])})</span>"
            if result.get("sector")
            else ""
        )
        + "</h3>"
    )
    if result.get("note"):
        head += f"<div class='kb-abstain'>{escape(result['note'])}</div>"
    if result.get("existing_cluster"):
        head += f"<p>Existing cluster: <b>{escape(result['existing_cluster']['name'])}</b></p>"
    head += (
        "<p>Value-chain gaps filled first: <b>"
        + escape(", ".join(g.replace("_", " ") for g in result.get("gaps", [])) or "none")
        + "</b></p>"
    )
    blocks = []
    for kind in KINDS:
        items = result.get(kind) or []
        rows = "".join(
            f"<tr><td class='kb-score'>{i['score']:.2f}</td><td><b>{escape(i['name'])}</b>"
            f"<div class='kb-why'>{escape(i['why'])}</div>"
            + "".join(
                f"<div class='kb-muted kb-ev'>“{escape(short(ev.get('text', ''), 200))}” — "
                f"{escape(ev.get('document', ''))}</div>"
                for ev in i.get("evidence", [])[:1]
            )
            + "</td></tr>"
            for i in items[:6]
        )
        body = (
            f"<table class='kb-table'>{rows}</table>"
            if rows
            else "<p class='kb-empty'>none known yet</p>"
        )
        blocks.append(
            f"<div class='kb-kind' data-kind='{kind}'><h4 style='color:{KIND_COLOURS[kind]}'>"
            f"{KIND_TITLES[kind]}</h4>{body}</div>"
        )
    return head + "<div class='kb-kinds'>" + "".join(blocks) + "</div>"


def partner_graph(result: dict[str, Any], per_kind: int = 3) -> str:
    """A small star: the planned cluster in the middle, the top partners of each kind around."""
    from kb.recommend import KINDS

    center = {
        "id": "new",
        "name": f"{result['product']} — {result['district']['name']}",
        "type": "Cluster",
    }
    nodes, edges = [center], []
    seen = {"new"}
    for kind in KINDS:
        for i in (result.get(kind) or [])[:per_kind]:
            if i["id"] in seen:
                continue
            seen.add(i["id"])
            nodes.append({"id": i["id"], "name": i["name"], "type": _kind_type(kind)})
            edges.append(
                {"source": "new", "target": i["id"], "relation": kind.rstrip("s").replace("_", " ")}
            )
    return graph_svg(nodes, edges, center="new", width=820, height=440)


def _kind_type(kind: str) -> str:
    return {"model_clusters": "Cluster", "schemes": "Scheme", "agencies": "Agency"}.get(
        kind, "Enterprise"
    )


CSS = """
.kb-graph, .kb-map { background:#fcfcfd; border:1px solid #dee2e6; border-radius:8px; }
.kb-edge { stroke:#adb5bd; stroke-width:1.3; }
.kb-elabel { font-size:10px; fill:#868e96; text-anchor:middle; font-family:sans-serif; }
.kb-nlabel { font-size:12px; fill:#212529; text-anchor:middle; font-family:sans-serif;
             paint-order:stroke; stroke:#fff; stroke-width:3px; }
.kb-node { cursor:pointer; }
.kb-node:hover circle { stroke:#212529; stroke-width:2; }
.kb-legend { display:flex; flex-wrap:wrap; gap:6px; margin:6px 0; }
.kb-chip { display:inline-flex; align-items:center; gap:5px; padding:2px 8px; border:1px solid #ced4da;
           border-radius:12px; font-size:12px; background:#fff; color:#212529; }
.kb-chip i { display:inline-block; width:10px; height:10px; border-radius:50%; }
.kb-muted { color:#6c757d; font-size:0.85em; font-weight:normal; }
.kb-empty { color:#6c757d; font-style:italic; }
.kb-abstain { background:#fff3bf; border:1px solid #f59f00; padding:10px 12px; border-radius:8px;
              color:#5c3c00; }
.kb-cites blockquote { margin:4px 0 10px 0; padding:4px 10px; border-left:3px solid #1971c2;
                       background:#f1f3f5; color:#212529; }
.kb-table { border-collapse:collapse; width:100%; font-size:14px; }
.kb-table td, .kb-table th { border-bottom:1px solid #e9ecef; padding:4px 6px; vertical-align:top;
                             text-align:left; color:#212529; }
.kb-quote { font-size:12px; color:#495057; }
.kb-chain { display:flex; align-items:stretch; gap:4px; overflow-x:auto; }
.kb-stage { flex:1; min-width:120px; border:1px solid #ced4da; border-radius:8px; padding:6px;
            background:#f8f9fa; }
.kb-stage h5 { margin:0 0 4px 0; text-transform:capitalize; color:#212529; }
.kb-stage-gap { background:#fff5f5; border:2px dashed #e03131; }
.kb-gap { color:#c92a2a; font-weight:bold; }
.kb-gap span { font-weight:normal; font-size:12px; }
.kb-actor { background:#fff; border:1px solid #dee2e6; border-radius:6px; margin:3px 0; padding:3px 5px;
            font-size:12px; color:#212529; }
.kb-kinds { display:grid; grid-template-columns:repeat(auto-fill, minmax(380px, 1fr)); gap:10px; }
.kb-kind { border:1px solid #dee2e6; border-radius:8px; padding:6px 10px; background:#fff; }
.kb-score { font-weight:bold; width:3em; color:#495057; }
.kb-why { font-size:12px; color:#343a40; }
.kb-ev { font-size:11px; }
.kb-cards { display:flex; flex-wrap:wrap; gap:8px; }
.kb-card { border:1px solid #dee2e6; border-radius:8px; padding:8px 12px; min-width:110px; background:#fff; }
.kb-card b { font-size:22px; display:block; }
"""
