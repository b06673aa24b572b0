"""The UI's SVG and HTML rendering: escaped, complete, one line per linked pair."""

from __future__ import annotations

import re
from typing import Any

from ui import render


def test_graph_draws_every_node_and_escapes_names() -> None:
    nodes = [
        {"id": "a", "name": "<script>alert(1)</script>", "type": "Cluster"},
        {"id": "b", "name": "B & Sons", "type": "Enterprise"},
        {"id": "c", "name": "C", "type": "Scheme"},
    ]
    edges = [
        {"source": "b", "relation": "ANCHORS", "target": "a"},
        {"source": "b", "relation": "BUYS_FROM", "target": "a"},
        {"source": "c", "relation": "FUNDS", "target": "a"},
    ]
    svg = render.graph_svg(nodes, edges, center="a")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "B &amp; Sons" in svg
    assert len(re.findall(r"class='kb-node'", svg)) == 3
    assert len(re.findall(r"<line ", svg)) == 2  # the two relations of a-b share one line
    assert "anchors, buys from" in svg


def test_map_has_a_dot_per_district_and_a_legend() -> None:
    points = [
        {"name": f"D{i}", "state": "S", "lat": 20 + i, "lon": 80 + i, "product": "P",
         "sector": "Textile" if i % 2 else "Agriculture", "clusters": int(i == 0),
         "registry": int(i == 0)}
        for i in range(5)
    ]  # fmt: skip
    html = render.india_map(points)
    assert html.count("<circle") == 5 and "Textile (2)" in html and "Agriculture (3)" in html
    assert "1 known cluster(s), 1 of them in the cluster registry" in html
    assert html.count("stroke='#212529'") == 1  # only the district with a cluster is ringed


def test_sources_show_abstain_and_citations() -> None:
    assert "Not in the knowledge base" in render.sources({"answered": False}, {})
    ans = {"answered": True, "citations": [
        {"document": "doc:x", "locator": "sentence 4", "text": "A < B"}]}  # fmt: skip
    html = render.sources(ans, {"doc:x": "Doc X"})
    assert "/doc/doc:x#s4" in html and "Doc X" in html and "A &lt; B" in html


def test_labels_that_would_overlap_are_left_to_hover_and_the_list() -> None:
    nodes = [
        {"id": "c", "name": "Centre", "type": "Cluster", "depth": 0},
        {"id": "a", "name": "Near A", "type": "Agency", "depth": 1},
        {"id": "b", "name": "Near B", "type": "Agency", "depth": 2},
        {"id": "far", "name": "Far", "type": "Scheme", "depth": 2},
    ]
    spots = {"c": (100.0, 100.0), "a": (110.0, 104.0), "b": (400.0, 100.0), "far": (402.0, 98.0)}
    shown = render._labels_apart(nodes, spots.__getitem__, center="c", selected="far")
    # the centre and the selected node always; 'a' would sit on the centre's label, 'b' on the
    # selected node's
    assert shown == {"c", "far"}
    svg = render.graph_svg(nodes, [], center="c")
    assert svg.count("class='kb-nlabel'") >= 1 and svg.count("data-id='a'") == 2  # node + list


def test_document_text_is_inert_in_markdown() -> None:
    """Finding 6: an answer quoting `![x](http://attacker/pixel)` made the browser fetch it."""
    import markdown_it

    hostile = ("See ![pixel](http://attacker.example/p.png), [click](http://attacker.example) "
               "<img src='http://attacker.example/i.png'> **bold** `code` # head")  # fmt: skip
    html = markdown_it.MarkdownIt("commonmark").render(render.md_text(hostile))
    assert "<img" not in html and "<a " not in html and "<strong>" not in html
    assert "<code>" not in html and "<h1>" not in html
    for shown in ("![pixel](http://attacker.example/p.png)", "[click](http://attacker.example)",
                  "**bold**", "`code`"):  # fmt: skip
        assert shown in html.replace("&lt;", "<").replace("&gt;", ">"), html


def test_a_path_found_is_highlighted_among_the_other_nodes() -> None:
    nodes = [{"id": i, "name": i.upper(), "type": "Agency"} for i in ("a", "b", "c", "d")]
    edges = [
        {"source": "a", "relation": "FUNDS", "target": "b"},
        {"source": "b", "relation": "TRAINS", "target": "c"},
        {"source": "a", "relation": "FUNDS", "target": "d"},
    ]
    svg = render.graph_svg(nodes, edges, center="a", path=["a", "b", "c"])
    on = re.findall(r"<g class='kb-node[^']*kb-onpath' data-id='(\w)'", svg)
    assert sorted(on) == ["a", "b", "c"]
    assert len(re.findall(r"<line [^>]*class='kb-edge kb-onpath'", svg)) == 2  # a-b, b-c
    assert len(re.findall(r"<line [^>]*class='kb-edge'>", svg)) == 1  # a-d stays plain
    assert "the path found (3 entities)" in svg
    assert "kb-onpath" not in render.graph_svg(nodes, edges, center="a")


def test_map_draws_state_outlines_under_the_dots() -> None:
    square = {"type": "Feature", "properties": {"name": "S & T"},
              "geometry": {"type": "Polygon", "coordinates": [[[79, 19], [86, 19], [86, 26],
                                                                [79, 26], [79, 19]]]}}  # fmt: skip
    points = [{"id": "district:s:d", "name": "D", "state": "S", "lat": 22.0, "lon": 82.0,
               "product": "P", "sector": "Textile", "clusters": 0, "registry": 0}]  # fmt: skip
    html = render.india_map(points, [square])
    assert html.count("class='kb-state'") == 1 and "<title>S &amp; T</title>" in html
    assert html.index("kb-state") < html.index("<circle")  # drawn first: under the dots
    assert "kb-state" not in render.india_map(points)


def test_map_names_the_states_wide_enough_to_hold_a_name() -> None:
    def square(name: str, lon: float, lat: float, side: float) -> dict[str, Any]:
        ring = [[lon, lat], [lon + side, lat], [lon + side, lat + side], [lon, lat + side]]
        return {"type": "Feature", "properties": {"name": name},
                "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}}  # fmt: skip

    points = [{"id": "district:s:d", "name": "D", "state": "S", "lat": 22.0, "lon": 82.0,
               "product": "P", "sector": "Textile", "clusters": 0, "registry": 0}]  # fmt: skip
    html = render.india_map(points, [square("Large", 76, 18, 8), square("Tiny", 90, 20, 0.5)])
    assert ">Large</text>" in html and ">Tiny</text>" not in html
    assert html.index("kb-state-label") > html.rindex("<circle")  # over the dots
