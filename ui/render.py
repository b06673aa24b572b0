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


LABEL_CHARS = 26  # a node label's length; the full name is on hover and in the list


def relation_words(relation: str) -> str:
    """A relation in words: 'ODOP_PRODUCT' → 'ODOP product', 'IN_SECTOR' → 'in sector'."""
    words = relation.split("_")
    keep = {"ODOP", "GI"}
    return " ".join(w if w in keep else w.lower() for w in words)


def graph_svg(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    center: str | None = None,
    width: int = 900,
    height: int = 520,
    selected: str | None = None,
    path: list[str] | None = None,
) -> str:
    """A node-link drawing: nodes coloured by type (click one, or focus it and press Enter, to
    expand it), edges labelled by relation, zoom buttons, and the same entities as a list
    (the text alternative, which also lets a keyboard reach every node). Positions come from a
    seeded spring layout, so a graph always looks the same. A node's `short` name, when given,
    is its label; the full name is on hover and in the list. The entities in `path` (a path
    found) and the links between them are highlighted and always labelled."""
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
        k=2.2 / math.sqrt(max(len(nodes), 1)),
        pos=fixed,
        fixed=[center] if fixed else None,
        iterations=80,
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
            rel = relation_words(e["relation"])
            if rel not in pairs.setdefault(key, []):
                pairs[key].append(rel)
    label_edges = len(pairs) <= 30
    on_path = set(path or [])

    def path_edge(pair: tuple[str, str]) -> bool:
        return pair[0] in on_path and pair[1] in on_path

    for (a, b), rels in sorted(pairs.items(), key=lambda kv: path_edge(kv[0])):  # path on top
        (x1, y1), (x2, y2) = xy(a), xy(b)
        label = escape(", ".join(rels))
        cls = "kb-edge kb-onpath" if path_edge((a, b)) else "kb-edge"
        parts.append(
            f"<line x1='{x1:.1f}' y1='{y1:.1f}' x2='{x2:.1f}' y2='{y2:.1f}' class='{cls}'>"
            f"<title>{label}</title></line>"
        )
        if label_edges or path_edge((a, b)):
            parts.append(
                f"<text x='{(x1 + x2) / 2:.1f}' y='{(y1 + y2) / 2 - 3:.1f}' class='kb-elabel'>"
                f"{label}</text>"
            )
    labelled = _labels_apart(nodes, xy, center, selected, on_path)
    for n in nodes:
        x, y = xy(n["id"])
        is_center, is_selected = n["id"] == center, n["id"] == selected
        r = 13 if is_center else 9
        ring = " stroke='#212529' stroke-width='3'" if is_center else ""
        label = n.get("short") or short(n["name"], LABEL_CHARS)
        show = n["id"] in labelled
        cls = "kb-node" + (" kb-selected" if is_selected else "")
        cls += " kb-onpath" if n["id"] in on_path else ""
        tip = (
            f"{n['name']} ({n['type']}{', on the path found' if n['id'] in on_path else ''})"
            " — click or press Enter to expand"
        )
        # the accessible name begins with what the label shows (WCAG 2.5.3 label in name)
        name = tip if not show or label == n["name"] else f"{label}: {tip}"
        mark = (
            f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{r + 6}' class='kb-mark'/>"
            if is_selected
            else ""
        )
        parts.append(
            f"<g class='{cls}' data-id='{escape(n['id'], quote=True)}' tabindex='0' "
            f"role='button' aria-label='{escape(name, quote=True)}'>{mark}"
            f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{r}' fill='{colour(n['type'])}'{ring}/>"
            + (
                f"<text x='{x:.1f}' y='{y + r + 13:.1f}' class='kb-nlabel'>{escape(label)}</text>"
                if show
                else ""
            )
            + f"<title>{escape(tip)}</title></g>"
        )
    types = sorted({n["type"] for n in nodes})
    path_key = (
        "<div class='kb-legend'><span class='kb-chip'><i class='kb-pathkey'></i>the path found "
        f"({len(on_path)} entities)</span></div>"
        if on_path
        else ""
    )
    buttons = (
        "<div class='kb-zoom' aria-label='zoom'>"
        "<button type='button' data-zoom='in' aria-label='zoom in'>+</button>"
        "<button type='button' data-zoom='out' aria-label='zoom out'>−</button>"
        "<button type='button' data-zoom='reset'>reset view</button>"
        "<span class='kb-muted'>wheel to zoom, drag to pan</span></div>"
    )
    home = f"0 0 {width} {height}"
    return (
        f"{buttons}<div class='kb-graphbox'><svg class='kb-graph' viewBox='{home}' "
        f"data-home='{home}' width='100%' role='group' aria-label='linkage graph'>"
        f"{''.join(parts)}</svg></div>{legend(types)}{path_key}"
        f"{entity_list(nodes, edges, selected)}"
    )


def _labels_apart(
    nodes: list[dict[str, Any]],
    xy: Any,
    center: str | None,
    selected: str | None,
    path: set[str] | frozenset[str] = frozenset(),
) -> set[str]:
    """The nodes whose label is drawn: in order of importance (the centre, the selected node,
    the entities of a path found, then nearer and longer-named ones last), each label only where
    it overlaps no label already placed, so labels never pile up; the others show on hover and
    in the list. The centre, the selected node and a path's entities are always labelled."""

    def rank(n: dict[str, Any]) -> tuple[int, int, int, int]:
        return (n["id"] != center, n["id"] != selected, n["id"] not in path,
                int(n.get("depth", 1)))  # fmt: skip

    placed: list[tuple[float, float, float, float]] = []
    out = set()
    for n in sorted(nodes, key=rank):
        x, y = xy(n["id"])
        text = n.get("short") or short(n["name"], LABEL_CHARS)
        half = 3.4 * len(text) + 3  # about half the width of 12px text
        box = (x - half, y + 9, x + half, y + 28)  # the label under its circle
        clear = all(
            box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in placed
        )
        if clear or n["id"] in (center, selected) or n["id"] in path:
            placed.append(box)
            out.add(n["id"])
    return out


def entity_list(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], selected: str | None = None
) -> str:
    """The drawing as text: every entity by type with its full name and how many links it has
    in the drawing; each is a button that expands it, like a click on its node."""
    degree: dict[str, int] = {}
    for e in edges:
        for end in (e["source"], e["target"]):
            degree[end] = degree.get(end, 0) + 1
    by_type: dict[str, list[dict[str, Any]]] = {}
    for n in nodes:
        by_type.setdefault(n["type"], []).append(n)
    groups = "".join(
        f"<li><b>{escape(t)}</b> ({len(ns)}): "
        + ", ".join(
            f"<button type='button' class='kb-link{' kb-selected' if n['id'] == selected else ''}'"
            f" data-id='{escape(n['id'], quote=True)}'>{escape(n['name'])}</button>"
            f" <span class='kb-muted'>{degree.get(n['id'], 0)}</span>"
            for n in sorted(ns, key=lambda n: n["name"].lower())
        )
        + "</li>"
        for t, ns in sorted(by_type.items())
    )
    return (
        f"<details class='kb-list'><summary>The {len(nodes)} entities as a list</summary>"
        f"<ul>{groups}</ul></details>"
    )


def india_map(
    points: list[dict[str, Any]],
    outlines: list[dict[str, Any]] | None = None,
    width: int = 620,
    height: int = 680,
) -> str:
    """District headquarters as dots, coloured by ODOP sector, over the state outlines (GeoJSON
    features, when given); districts with a known cluster (from the registry or a document)
    drawn larger with a ring. Longitude is narrowed by the cosine of the middle latitude (an
    equirectangular projection that keeps India's shape)."""
    if not points:
        return "<p class='kb-empty'>No district coordinates are loaded.</p>"
    rings = [
        (f.get("properties", {}).get("name", ""), ring)
        for f in outlines or []
        for poly in _polygons(f.get("geometry") or {})
        for ring in poly[:1]  # the outer ring: no state has a hole worth drawing at this size
    ]
    lons = [p["lon"] for p in points] + [x for _, r in rings for x, _ in r]
    lats = [p["lat"] for p in points] + [y for _, r in rings for _, y in r]
    lo0, lo1, la0, la1 = min(lons), max(lons), min(lats), max(lats)
    narrow = math.cos(math.radians((la0 + la1) / 2))
    scale = min((width - 40) / (((lo1 - lo0) * narrow) or 1), (height - 40) / ((la1 - la0) or 1))

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return 20 + (lon - lo0) * narrow * scale, 20 + (la1 - lat) * scale

    states: dict[str, list[str]] = {}
    for name, ring in rings:
        d = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in (xy(lon, lat) for lon, lat in ring))
        states.setdefault(name, []).append(d + "Z")
    shapes = "".join(
        f"<path class='kb-state' d='{''.join(ds)}'><title>{escape(name)}</title></path>"
        for name, ds in states.items()
    )
    # a state's name in the middle of its largest piece, when that piece is wide enough to hold
    # it (Goa, Sikkim, Delhi and the union territories stay unlabelled: their dots say enough);
    # drawn over the dots with a white halo, and never in the way of a click
    largest: dict[str, tuple[float, float, float]] = {}
    for name, ring in rings:
        pts = [xy(lon, lat) for lon, lat in ring]
        xs, ys = [x for x, _ in pts], [y for _, y in pts]
        w, h = max(xs) - min(xs), max(ys) - min(ys)
        if name and w * h > largest.get(name, (0.0, 0.0, 0.0))[0]:
            largest[name] = (w * h, (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    labels = "".join(
        f"<text class='kb-state-label' x='{x:.1f}' y='{y:.1f}' text-anchor='middle'>"
        f"{escape(name)}</text>"
        for name, (area, x, y) in largest.items()
        if area >= STATE_LABEL_AREA * scale * scale
    )
    counts: dict[str, int] = {}
    for p in points:
        counts[p["sector"]] = counts.get(p["sector"], 0) + 1
    top = [s for s, _ in sorted(counts.items(), key=lambda kv: -kv[1]) if s != "none"][:9]
    pal = {s: SECTOR_PALETTE[i] for i, s in enumerate(top)}
    dots = []
    for p in sorted(points, key=lambda p: p["clusters"] > 0):
        x, y = xy(p["lon"], p["lat"])
        fill = pal.get(p["sector"], "#adb5bd")
        ring = " stroke='#212529' stroke-width='2'" if p["clusters"] else ""
        r = 6 if p["clusters"] else 3.2
        tip = f"{p['name']}, {p['state']}: {p['product'] or 'no ODOP product'} ({p['sector']})"
        if p["clusters"]:
            tip += f"; {p['clusters']} known cluster(s)"
            if p.get("registry"):
                tip += f", {p['registry']} of them in the cluster registry"
        data = f" data-id='{escape(p['id'], quote=True)}'" if p.get("id") else ""
        dots.append(
            f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{r}' fill='{fill}'{ring}{data}>"
            f"<title>{escape(tip)} — click to open in Explore</title></circle>"
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
        f"aria-label='map of districts by ODOP sector'>{shapes}{''.join(dots)}{labels}</svg>"
        f"<div class='kb-legend'>{keys}<span class='kb-chip'><i style='background:#fff;"
        f"border:2px solid #212529'></i>district with a known cluster (registry or document)</span></div>"
    )


# The smallest piece of a state, in square degrees of its bounding box (narrowed), that gets a
# name on the map.
STATE_LABEL_AREA = 12.0


def _polygons(geometry: dict[str, Any]) -> list[Any]:
    """A GeoJSON Polygon or MultiPolygon as a list of polygons (each a list of rings)."""
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def district_table(points: list[dict[str, Any]]) -> str:
    """The map as a table (its text alternative): one row per district, sortable by any
    column (buttons in the header), each name a button that opens the district in Explore."""
    cols = [("District", "name"), ("State", "state"), ("ODOP product", "product"),
            ("Sector", "sector"), ("Clusters", "clusters")]  # fmt: skip
    head = "".join(
        f"<th scope='col' aria-sort='none'><button type='button' class='kb-sort' data-col='{i}'"
        f"{' data-num=1' if key == 'clusters' else ''}>{label}</button></th>"
        for i, (label, key) in enumerate(cols)
    )
    rows = "".join(
        f"<tr><td><button type='button' class='kb-link' data-id='{escape(p['id'], quote=True)}'>"
        f"{escape(p['name'])}</button></td><td>{escape(p['state'])}</td>"
        f"<td>{escape(p['product'] or '—')}</td><td>{escape(p['sector'])}</td>"
        f"<td>{p['clusters']}</td></tr>"
        for p in sorted(points, key=lambda p: (-p["clusters"], p["state"], p["name"]))
        if p.get("id")
    )
    return (
        "<div class='kb-scroll' tabindex='0' role='region' aria-label='districts as a table'>"
        f"<table class='kb-table kb-districts'><caption>{len(points)} districts — sort by a "
        f"column; open one in Explore</caption><thead><tr>{head}</tr></thead><tbody>{rows}"
        "</tbody></table></div>"
    )


def doc_link(document: str, locator: str | None) -> str:
    """Where a citation opens: a document at its sentence, or a data set's cited row."""
    if not is_a(document, "Document"):
        query = urlencode({"locator": locator or ""})
        return escape(f"/source/{quote(document)}?{query}", quote=True)
    m = re.search(r"\d+", locator or "")
    anchor = f"#s{m.group(0)}" if m else ""
    return f"/doc/{escape(document, quote=True)}{anchor}"


def searching() -> str:
    """The sources panel while a question is being answered."""
    return "<p class='kb-empty' role='status'>searching…</p>"


def answer_text(answer: dict[str, Any]) -> str:
    """What the answer bubble says: the answer, without the cited text it repeats (the sources
    panel shows that once, in full)."""
    # document text is shown as text: no links or images of its own (md_text)
    text = str(answer.get("answer") or "")
    if not answer.get("answered"):
        return f"**Not in the knowledge base.** {md_text(text)}"
    head, sep, tail = text.partition(" — ")
    tail = tail.rstrip("…").strip()
    cited = [str(c.get("text") or "") for c in answer.get("citations") or []]
    if sep and tail and any(c.startswith(tail) or tail in c for c in cited):
        return md_text(head)
    return md_text(text)


def record_pairs(text: str) -> list[tuple[str, str]]:
    """A cited table row ('State: Bihar; Product: Makhana; …') as (column, value) pairs; []
    when the text is not such a row. A piece without 'column: ' belongs to the value before."""
    pairs: list[tuple[str, str]] = []
    for part in text.split("; "):
        key, sep, value = part.partition(": ")
        if sep and key and len(key) <= 40 and "." not in key:
            pairs.append((key.strip(), value.strip()))
        elif pairs:
            pairs[-1] = (pairs[-1][0], f"{pairs[-1][1]}; {part}")
        else:
            return []
    return pairs if len(pairs) >= 2 else []


def source_name(document: str, titles: dict[str, str]) -> str:
    """A citation's source in words: a document's title, or 'data set <file>'."""
    if is_a(document, "Document"):
        return titles.get(document, document)
    return f"data set {document.rsplit('/', 1)[-1]}"


def sources(answer: dict[str, Any], titles: dict[str, str]) -> str:
    """The sources of an answer, each once: "document or data set — sentence/row" linking to
    the place, then the cited text (a table row as a small labelled table)."""
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
        link = doc_link(doc, c.get("locator"))
        where = f" — {escape(c['locator'])}" if c.get("locator") else ""
        text = str(c.get("text", ""))
        pairs = record_pairs(text)
        if pairs:
            cells = "".join(
                f"<tr><th scope='row'>{escape(k)}</th><td>{escape(short(v, 160))}</td></tr>"
                for k, v in pairs
            )
            body = f"<table class='kb-table kb-row'>{cells}</table>"
        else:
            body = f"<blockquote>{escape(text)}</blockquote>"
        rows.append(
            f"<li class='kb-cite'><a href='{link}' target='_blank'>"
            f"{escape(short(source_name(doc, titles), 90))}{where}</a>{body}</li>"
        )
    return "<h4>Sources</h4><ol class='kb-cites'>" + "".join(rows) + "</ol>"


def facts_table(entity: dict[str, Any]) -> str:
    """An entity's attributes and relations, each with where it comes from."""
    head = (
        f"<h3 style='border-left:6px solid {colour(entity['type'])};padding-left:6px'>"
        f"{escape(entity['name'])} "
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
        f"<div class='kb-chain' tabindex='0' role='region' aria-label='value chain stages'>"
        f"{'→'.join(cells)}</div>"
    )


def recommendations(result: dict[str, Any]) -> str:
    """The ranked lists with a 0-100 score, reasons, status and place, and a link to the source
    of the fact behind each; what the KB knows; why a list is empty."""
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
    if result.get("coverage"):
        head += f"<p class='kb-coverage'>The knowledge base knows {escape(result['coverage'])}.</p>"
    gaps = escape(", ".join(g.replace("_", " ") for g in result.get("gaps", [])) or "none")
    if result.get("existing_cluster"):
        head += f"<p>Existing cluster: <b>{escape(result['existing_cluster']['name'])}</b></p>"
        head += f"<p>Its value-chain gaps, filled first: <b>{gaps}</b></p>"
    else:
        head += f"<p>Stages with no known actor for this product: <b>{gaps}</b></p>"
    if result.get("scale"):
        head += f"<p class='kb-muted kb-legend'>{escape(result['scale'])}</p>"
    peers = result.get("peer_districts") or []
    if peers:

        def where(p: dict[str, Any]) -> str:  # its state and how far, from its reasons
            far = [r.rstrip(".") for r in p.get("reasons") or [] if " km from " in r]
            return "; ".join([p.get("place") or "", *far])

        head += (
            "<p class='kb-peers'>Peer districts with the same ODOP product: "
            + ", ".join(
                f"<b>{escape(p['name'])}</b> <span class='kb-muted'>({escape(where(p))})</span>"
                for p in peers[:8]
            )
            + "</p>"
        )
    blocks = []
    for kind in KINDS:
        items = result.get(kind) or []
        rows = "".join(
            f"<tr><td class='kb-score' title='0-100'>{i['score']:.0f}</td><td><b>"
            f"{escape(i['name'])}</b>"
            + (" <span class='kb-badge'>already here</span>" if i.get("already_here") else "")
            + (f" <span class='kb-muted'>{escape(i['place'])}</span>" if i.get("place") else "")
            + (
                f"<div class='kb-muted'>status: {escape(i['status'])}</div>"
                if i.get("status")
                else ""
            )
            + f"<div class='kb-why'>{escape(i['why'])}</div>"
            + "".join(
                f"<div class='kb-muted kb-ev'>“{escape(short(ev.get('text', ''), 200))}” — "
                f"<a href='{doc_link(ev.get('document', ''), ev.get('locator'))}' target='_blank'>"
                f"{escape(ev.get('document', ''))}, {escape(ev.get('locator', ''))}</a></div>"
                for ev in i.get("evidence", [])[:1]
            )
            + (
                f"<div class='kb-muted'><a href='{escape(i['source'], quote=True)}' "
                "target='_blank' rel='noopener noreferrer'>original source</a></div>"
                if str(i.get("source") or "").startswith(("http://", "https://"))
                else ""
            )
            + "</td></tr>"
            for i in items[:6]
        )
        empty = (result.get("empty") or {}).get(kind) or "none known yet"
        body = (
            f"<table class='kb-table'>{rows}</table>"
            if rows
            else f"<p class='kb-empty'>{escape(empty)}</p>"
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
/* contrast of at least 4.5:1 for text (WCAG AA): darker orange and red behind white button
   text, darker grey for the subdued text (the API footer, the upload box's "or") */
:root, .gradio-container {
  --button-primary-background-fill: #c2410c !important;
  --button-primary-background-fill-hover: #9a3412 !important;
  --button-primary-text-color: #ffffff !important;
  --button-primary-text-color-hover: #ffffff !important;
  --button-cancel-background-fill: #b91c1c !important;
  --button-cancel-background-fill-hover: #991b1b !important;
  --button-cancel-text-color: #ffffff !important;
  --body-text-color-subdued: #5c636a !important;
}
footer .show-api, footer a, footer button, .upload-container .or { color:#5c636a !important; }
.tab-container button.selected { color:#c2410c !important; }
/* every tab stays a tab on a phone, none behind Gradio's "more tabs" menu: Gradio moves the
   tabs that do not fit (as measured on its hidden copy of the row) into that menu, so on narrow
   screens the tab buttons of both rows get narrower */
@media (max-width: 520px) {
  .tab-container button { font-size:13px !important; padding:4px 5px !important;
                          min-width:0 !important; letter-spacing:-0.1px; }
  .tab-container { gap:0 !important; }
}
.kb-graph, .kb-map { background:#fcfcfd; border:1px solid #dee2e6; border-radius:8px; }
.kb-edge { stroke:#adb5bd; stroke-width:1.3; }
.kb-elabel { font-size:10px; fill:#495057; text-anchor:middle; font-family:sans-serif;
             paint-order:stroke; stroke:#fcfcfd; stroke-width:3px; }
.kb-nlabel { font-size:12px; fill:#212529; text-anchor:middle; font-family:sans-serif;
             paint-order:stroke; stroke:#fff; stroke-width:3px; }
.kb-node { cursor:pointer; }
.kb-node:hover circle, .kb-node:focus circle { stroke:#212529; stroke-width:2; }
.kb-node:focus { outline:none; }
/* on a phone the drawing keeps a readable size and scrolls sideways (the list has it all) */
@media (max-width: 520px) {
  .kb-graphbox { overflow-x:auto; }
  .kb-graphbox svg.kb-graph { width:760px; max-width:none; }
}
.kb-mark { fill:none; stroke:#212529; stroke-width:3; stroke-dasharray:4 3; }
/* a path found: its links thick and orange, its entities ringed in the same orange */
.kb-edge.kb-onpath { stroke:#c2410c; stroke-width:4; }
.kb-onpath > circle:not(.kb-mark) { stroke:#c2410c; stroke-width:4; }
.kb-pathkey { background:#c2410c !important; border-radius:2px !important; height:4px !important; }
.kb-zoom { display:flex; gap:6px; align-items:center; margin:4px 0; }
.kb-zoom button, .kb-link { border:1px solid #ced4da; border-radius:6px; background:#fff;
  color:#1c5a99; padding:1px 8px; cursor:pointer; font-size:13px; }
.kb-link.kb-selected { background:#fff3bf; color:#212529; font-weight:600; }
.kb-list ul { padding-left:1.2em; margin:4px 0; line-height:1.9; }
.kb-capnote { background:#fff3bf; border:1px solid #f59f00; padding:6px 10px; border-radius:6px;
  color:#5c3c00; margin:0; }
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
.kb-row { margin:4px 0 10px 0; background:#f1f3f5; font-size:13px; }
.kb-row th { width:9em; font-weight:600; }
.kb-table td, .kb-table th { border-bottom:1px solid #e9ecef; padding:4px 6px; vertical-align:top;
                             text-align:left; color:#212529; }
.kb-quote { font-size:12px; color:#495057; }
.kb-docs td:first-child { overflow-wrap:anywhere; }
.kb-docs caption { text-align:left; font-weight:600; color:#212529; }
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
.kb-map circle[data-id] { cursor:pointer; }
.kb-state-label { font-size:11px; font-weight:600; fill:#343a40; pointer-events:none;
  font-family:sans-serif; paint-order:stroke; stroke:#fff; stroke-width:3px; stroke-opacity:.85; }
.kb-state { fill:#f1f3f5; stroke:#868e96; stroke-width:0.8; stroke-linejoin:round; }
.kb-overview { display:grid; grid-template-columns:minmax(0, 1fr) minmax(0, 1fr); gap:12px; }
@media (max-width: 900px) { .kb-overview { grid-template-columns:minmax(0, 1fr); } }
.kb-scroll { max-height:680px; overflow:auto; border:1px solid #dee2e6; border-radius:8px; }
.kb-districts { font-size:13px; }
.kb-districts caption { text-align:left; padding:4px 6px; color:#212529; }
.kb-districts thead th { position:sticky; top:0; background:#f8f9fa; }
.kb-sort { border:none; background:none; font-weight:600; color:#212529; cursor:pointer; padding:0; }
.kb-sort::after { content:' ⇅'; color:#495057; }
"""
