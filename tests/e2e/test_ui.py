"""The Gradio UI in a real browser: Debian's chromium driven by Playwright, against a real
`clusterkb serve` (UI at /, API under /api/v1). Screenshots go to tests/artifacts/ (or
$CLUSTERKB_ARTIFACTS) for a person to look at."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.servers import REPO, Server, start

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip
KEY = "ui-test-key"
ARTIFACTS = Path(os.environ.get("CLUSTERKB_ARTIFACTS") or REPO / "tests" / "artifacts")
TIMEOUT = 90_000  # ms; the first question loads the embedding model


@pytest.fixture(scope="module")
def ui(built_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("ui") / "home"
    shutil.copytree(built_home, home)
    server = start(home, env={"CLUSTERKB_API_KEY": KEY})
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        "install Debian's chromium (make test does: apt-get install chromium)"
    )
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, ui: Server) -> Iterator[Any]:
    pg = browser.new_page(viewport={"width": 1280, "height": 1000})
    pg.set_default_timeout(TIMEOUT)
    pg.goto(ui.base + "/", wait_until="domcontentloaded")
    pg.wait_for_selector("#kb-question textarea")
    yield pg
    pg.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def test_ask_shows_answer_and_cited_sentence(page: Any) -> None:
    page.fill("#kb-question textarea", "Who anchors the Muzaffarpur bag cluster?")
    page.click("#kb-ask")
    page.wait_for_selector("#kb-sources blockquote")
    chat = page.inner_text("#kb-chat")
    assert "High Spirit Commercial Ventures" in chat
    cited = page.inner_text("#kb-sources blockquote")
    assert "High Spirit" in cited and "anchor" in cited.lower()
    link = page.locator("#kb-sources a").first.get_attribute("href")
    assert link and link.startswith("/doc/doc:")
    shot(page, "1-ask")
    # a question the KB cannot answer shows the abstain state, not a guess
    page.fill("#kb-question textarea", "What is the GDP of Atlantis?")
    page.click("#kb-ask")
    page.wait_for_selector("#kb-sources .kb-abstain")
    assert "Not in the knowledge base" in page.inner_text("#kb-sources")
    # the cited document opens with its sentences
    page.goto(page.url.split("/?")[0].rstrip("/") + link, wait_until="domcontentloaded")
    assert "High Spirit" in page.inner_text("body")


def test_entity_chip_opens_explore_and_click_expands(page: Any) -> None:
    page.fill("#kb-question textarea", "Who anchors the Muzaffarpur bag cluster?")
    page.click("#kb-ask")
    page.wait_for_selector("#kb-chips label")
    page.locator("#kb-chips label", has_text="Muzaffarpur Bag Cluster").click()
    page.wait_for_selector("#kb-graph svg .kb-node")
    nodes = page.locator("#kb-graph svg .kb-node")
    labels = page.inner_text("#kb-graph")
    assert "High Spirit" in labels and "Muzaffarpur" in labels
    before = nodes.count()
    assert before >= 5
    assert "GAP" in page.inner_text("#kb-chain")  # the cluster's value chain, gaps marked
    # click the anchor: its neighbours join the drawing and its facts show
    page.locator("#kb-graph svg .kb-node", has_text="High Spirit").locator("circle").click()
    page.wait_for_function(f"document.querySelectorAll('#kb-graph svg .kb-node').length > {before}")
    page.wait_for_selector("#kb-facts h3:has-text('High Spirit')")
    marked = page.locator("#kb-graph svg .kb-selected").get_attribute("aria-label")
    assert marked and "High Spirit Commercial Ventures" in marked  # the clicked node is marked
    shot(page, "2-explore")


def test_plan_a_bihar_cluster(page: Any) -> None:
    tab(page, "Plan a cluster")
    for field, value in (("#kb-state", "Bihar"), ("#kb-district", "Gaya")):
        page.click(f"{field} input")
        page.keyboard.type(value)
        page.locator("ul[role='listbox'] li", has_text=value).first.click()
        page.wait_for_timeout(500)
    page.wait_for_function("document.querySelector('#kb-product input').value.length > 0")
    page.click("#kb-plan")
    page.wait_for_selector("#kb-plan-out .kb-kind")
    out = page.inner_text("#kb-plan-out")
    assert "Gaya" in out and "The knowledge base knows" in out and "Scores run 0-100" in out
    assert "Peer districts with the same ODOP product" in out and "status:" in out
    kinds = page.locator("#kb-plan-out .kb-kind").count()
    assert kinds == 6
    scores = [float(x) for x in page.locator("#kb-plan-out .kb-score").all_inner_texts()]
    assert scores and all(0 <= x <= 100 for x in scores)
    assert page.locator("#kb-plan-graph svg .kb-node").count() > 3
    # reasons read as short sentences, not "; "-joined fragments
    top = page.locator("#kb-plan-out [data-kind='model_clusters'] .kb-why").first.inner_text()
    assert top.startswith("Makes the same product (") and "; " not in top, top
    assert " km from Gaya." in top, top
    peers = page.inner_text("#kb-plan-out .kb-peers")
    assert "km from Gaya" in peers, peers
    shot(page, "3-plan")
    # the evidence behind a model cluster opens at its registry row, highlighted
    base = page.url.split("/?")[0].rstrip("/")
    href = page.locator("#kb-plan-out [data-kind='model_clusters'] .kb-ev a").first.get_attribute(
        "href"
    )
    assert href and href.startswith("/source/data/clusters/clusters.csv")
    response = page.goto(base + href, wait_until="domcontentloaded")
    assert response is not None and response.status == 200
    cited = page.locator("#cited")
    assert "cluster_name" in cited.inner_text()
    background = cited.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_upload_with_key_then_find_the_new_entity(page: Any, tmp_path: Path) -> None:
    doc = tmp_path / "nalanda-bawan-buti.txt"
    doc.write_text(
        "The Nalanda Bawan Buti Weavers Cluster in Nalanda is supported by SFURTI.\n"
        "JEEViKA mobilised the women weavers of the Nalanda Bawan Buti Weavers Cluster.\n",
        encoding="utf-8",
    )
    tab(page, "Documents")
    page.set_input_files("#kb-files input[type='file']", str(doc))
    page.wait_for_timeout(1000)
    page.click("#kb-preview")  # no key yet: refused, and told to enter one
    page.wait_for_selector("#kb-doc-status:has-text('Enter the API key')")
    page.fill("#kb-key input", "not-the-key")
    page.click("#kb-add")  # a wrong key: refused as not valid
    page.wait_for_selector("#kb-doc-status:has-text('That API key is not valid')")
    page.fill("#kb-key input", KEY)
    page.click("#kb-preview")
    page.wait_for_selector("#kb-preview-out h4")
    assert "Nalanda Bawan Buti Weavers Cluster" in page.inner_text("#kb-preview-out")
    page.click("#kb-add")
    page.wait_for_selector("#kb-doc-status:has-text('Added 1')")
    shot(page, "4-documents")
    tab(page, "Explore")
    page.fill("#kb-search textarea, #kb-search input", "Nalanda Bawan Buti Weavers Cluster")
    page.press("#kb-search textarea, #kb-search input", "Enter")
    page.wait_for_selector("#kb-facts h3:has-text('Nalanda Bawan Buti Weavers Cluster')")
    assert "Nalanda" in page.inner_text("#kb-graph")
    # an added document is removed without forcing, once confirmed
    tab(page, "Documents")
    page.click("#kb-doc-pick input")
    page.keyboard.type("(doc:nalanda-bawan-buti)")
    page.locator("ul[role='listbox'] li", has_text="(doc:nalanda-bawan-buti)").first.click()
    page.click("#kb-remove")
    page.wait_for_selector("#kb-confirm-yes", state="visible")
    assert "doc:nalanda-bawan-buti" in page.inner_text("#kb-doc-table")  # not yet
    page.click("#kb-confirm-yes")
    page.wait_for_selector("#kb-doc-status:has-text('Removed doc:nalanda-bawan-buti')")
    assert "doc:nalanda-bawan-buti" not in page.inner_text("#kb-doc-table")


def test_overview_counts_and_map(page: Any) -> None:
    tab(page, "Overview")
    page.wait_for_selector("#kb-map svg circle")
    assert page.locator("#kb-map svg circle").count() > 500
    # the states outlined under the dots, and a district's dot inside its own state
    states = page.locator("#kb-map svg path.kb-state")
    assert states.count() >= 36
    assert page.evaluate(
        "document.querySelector('#kb-map svg > :first-child').matches('path.kb-state')"
    )  # drawn first: under the dots
    inside = """([state, id]) => { const s = [...document.querySelectorAll('#kb-map path.kb-state')]
      .find(p => p.querySelector('title').textContent === state);
      const c = document.querySelector(`#kb-map circle[data-id='${id}']`);
      return s.isPointInFill(new DOMPoint(+c.getAttribute('cx'), +c.getAttribute('cy'))); }"""
    assert page.evaluate(inside, ["Bihar", "district:bihar:gaya"])
    assert not page.evaluate(inside, ["Jharkhand", "district:bihar:gaya"])
    assert page.evaluate(inside, ["Kerala", "district:kerala:ernakulam"])
    assert "District" in page.inner_text("#kb-counts")
    # beside the map, the districts as a table, sortable by any column
    rows = page.locator("#kb-map table.kb-districts tbody tr")
    assert rows.count() == page.locator("#kb-map svg circle").count()
    page.click("#kb-map .kb-sort:has-text('District')")
    names = [rows.nth(i).locator("td").first.inner_text() for i in range(5)]
    assert names == sorted(names, key=str.lower), names
    page.click("#kb-map .kb-sort:has-text('District')")  # again: reversed
    again = [rows.nth(i).locator("td").first.inner_text() for i in range(3)]
    assert again == sorted(again, key=str.lower, reverse=True), again
    shot(page, "5-overview")
    # a dot opens its district in Explore
    page.locator("#kb-map svg circle[data-id='district:bihar:gaya']").click()
    page.wait_for_selector("#kb-facts h3:has-text('Gaya')")
    assert page.get_by_role("tab", name="Explore").get_attribute("aria-selected") == "true"
    # and so does a name in the table
    tab(page, "Overview")
    page.click("#kb-map .kb-sort:has-text('District')")
    page.locator("#kb-map table.kb-districts button[data-id='district:bihar:araria']").click()
    page.wait_for_selector("#kb-facts h3:has-text('Araria')")


def test_every_source_link_opens_with_the_cited_text_highlighted(page: Any) -> None:
    base = page.url.split("/?")[0].rstrip("/")
    page.fill("#kb-question textarea", "Which districts have makhana as ODOP product?")
    page.click("#kb-ask")
    page.wait_for_selector("#kb-sources .kb-cite")
    links = [a.get_attribute("href") for a in page.locator("#kb-sources a").all()]
    rows = [x for x in links if x and x.startswith("/source/data/tables/")]
    assert rows, links  # a table answer cites table rows
    for link in rows[:3]:
        response = page.goto(base + link, wait_until="domcontentloaded")
        assert response is not None and response.status == 200
        cited = page.locator("#cited")
        assert "Makhana" in cited.inner_text()
        background = cited.evaluate("e => getComputedStyle(e).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    # a document answer: every sentence it cites opens, the cited sentence highlighted
    page.goto(base + "/", wait_until="domcontentloaded")
    page.fill("#kb-question textarea", "Who anchors the Muzaffarpur bag cluster?")
    page.click("#kb-ask")
    page.wait_for_selector("#kb-sources .kb-cite")
    cites = page.locator("#kb-sources .kb-cite")
    followed = [
        (cites.nth(i).locator("a").get_attribute("href"), cites.nth(i).locator("blockquote"))
        for i in range(cites.count())
    ]
    wanted = [(href, quote.inner_text()) for href, quote in followed if href and "#s" in href]
    assert wanted, "a document answer cites sentences"
    for href, quoted in wanted:
        response = page.goto(base + href, wait_until="domcontentloaded")
        assert response is not None and response.status == 200
        target = page.locator(":target")
        assert quoted[:60] in target.inner_text()
        background = target.evaluate("e => getComputedStyle(e).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.goto(base + "/source/data/tables/nothing.csv?locator=row%201").status == 404


def test_doc_page_shows_title_source_date_and_a_way_back(ui: Server, page: Any) -> None:
    import httpx

    text = ("SOURCE: https://example.org/news/coir-pollachi\nTITLE: Coir cluster proposed in "
            "Pollachi\nDATE: 2022-01-02\n\nThe Coir Board proposed a coir cluster in Pollachi. "
            "The cluster would employ 500 workers.\n")  # fmt: skip
    r = httpx.post(f"{ui.base}/api/v1/documents", headers={"X-API-Key": KEY}, timeout=120,
                   files={"files": ("coir-pollachi.txt", text.encode(), "text/plain")})  # fmt: skip
    assert r.status_code == 201, r.text
    page.goto(ui.base + "/doc/doc:coir-pollachi#s2", wait_until="domcontentloaded")
    assert page.inner_text("h1") == "Coir cluster proposed in Pollachi"
    meta = page.inner_text("#doc-meta")
    assert "https://example.org/news/coir-pollachi" in meta and "2022-01-02" in meta
    assert "SOURCE:" not in page.inner_text("main")  # the header is metadata, not a sentence
    assert "500 workers" in page.inner_text("#s3")
    back = page.locator("#back")
    assert back.get_attribute("href") == "/"
    back.click()  # opened on its own (no history): back leads to the UI
    page.wait_for_selector("#kb-question textarea")


def test_question_shows_at_once_and_sources_read_cleanly(page: Any) -> None:
    # hold the request for the answer back, so the state before it can be seen
    held: list[Any] = []
    page.route("**/gradio_api/queue/join*", lambda route: held.append(route))
    page.fill("#kb-question textarea", "Which districts have makhana as ODOP product?")
    page.click("#kb-ask")
    page.wait_for_selector("#kb-chat :text('Which districts have makhana')", timeout=5000)
    page.wait_for_function("() => true")  # let the held request reach the route
    assert held, "the answer was asked for through the queue"
    assert "searching…" in page.inner_text("#kb-chat")
    assert "searching…" in page.inner_text("#kb-sources")
    for route in held:
        route.continue_()
    page.unroute("**/gradio_api/queue/join*")
    page.wait_for_selector("#kb-sources .kb-cite")
    chat = page.inner_text("#kb-chat")
    assert "searching…" not in chat and "Araria" in chat
    assert "Sources" not in chat and "LGD Code" not in chat  # the row is shown once, below
    cites = page.locator("#kb-sources .kb-cite")
    assert cites.count() >= 2
    for i in range(cites.count()):
        head = cites.nth(i).locator("a").inner_text()
        assert head.startswith("data set odop.csv — row "), head
        # a table row as a small labelled table, not CSV
        labels = cites.nth(i).locator("table.kb-row th").all_inner_texts()
        assert {"State", "Product", "District"} <= set(labels), labels
        assert "Makhana" in cites.nth(i).locator("table.kb-row").inner_text()
    shot(page, "1-ask-table")


def test_did_you_mean_is_offered_and_asks_again(page: Any) -> None:
    page.fill("#kb-question textarea", "muzafarpur")
    page.press("#kb-question textarea", "Enter")
    page.wait_for_selector("#kb-dym label")
    choice = page.locator("#kb-dym label", has_text="Muzaffarpur").first
    choice.click()
    page.wait_for_function(
        "document.querySelectorAll('#kb-chat [data-testid=\\'user\\']').length >= 2"
    )
    users = page.locator("#kb-chat [data-testid='user']").all_inner_texts()
    assert users[-1].strip() == "Muzaffarpur", users


def test_remove_asks_first_and_bundled_documents_need_forcing(page: Any) -> None:
    tab(page, "Documents")
    table = page.locator("#kb-doc-table table")
    table.wait_for()
    assert "bundled" in table.inner_text()
    width = page.evaluate("document.querySelector('#kb-doc-table').clientWidth")
    assert table.evaluate("t => t.scrollWidth") <= width  # the table fits its column
    page.fill("#kb-key input", KEY)

    def pick(name: str) -> None:
        page.click("#kb-doc-pick input")
        page.keyboard.type(name)
        page.locator("ul[role='listbox'] li", has_text=name).first.click()

    pick("(doc:muzaffarpur-bag-cluster)")
    assert "doc:muzaffarpur-bag-cluster" in page.input_value("#kb-doc-pick input")
    page.click("#kb-remove")  # bundled, not forced: refused, nothing asked
    page.wait_for_selector("#kb-doc-status:has-text('bundled with clusterkb')")
    assert not page.locator("#kb-confirm").is_visible()
    page.check("#kb-force input")
    page.click("#kb-remove")  # forced: asked first
    page.wait_for_selector("#kb-confirm-yes", state="visible")
    assert "Remove Muzaffarpur bag cluster" in page.inner_text("#kb-confirm")
    page.click("#kb-confirm-no")
    page.wait_for_selector("#kb-doc-status:has-text('Nothing removed')")
    assert "doc:muzaffarpur-bag-cluster" in page.inner_text("#kb-doc-table")
    shot(page, "6-documents-remove")


def _open_in_explore(page: Any, name: str) -> None:
    tab(page, "Explore")
    page.fill("#kb-search textarea", name)
    page.press("#kb-search textarea", "Enter")
    page.wait_for_selector(f"#kb-facts h3:has-text('{name}')")


def test_explore_depth_three_says_what_the_cap_leaves_out(page: Any) -> None:
    _open_in_explore(page, "Muzaffarpur Bag Cluster")
    page.wait_for_selector("#kb-cap :text('entities')")
    # the filter lists only relations present, in words
    page.click("#kb-relation input")
    options = [
        o.replace("✓", "").strip() for o in page.locator("ul[role='listbox'] li").all_inner_texts()
    ]
    page.keyboard.press("Escape")
    assert options[0] == "all relations"
    assert all("_" not in o for o in options), options
    assert any(o.startswith("anchors") for o in options), options
    assert not any(o.startswith("has GI") for o in options), options  # no such link here
    # under load the opening may still be drawing: a depth typed then is read as of that state
    page.wait_for_function(SETTLED)
    depth = page.locator("#kb-depth input[type='number']")
    note = page.locator("#kb-cap .kb-capnote")
    # On a loaded CI machine the typed depth has now and then drawn nothing in 90 s (in earlier
    # stops and in the twenty-second's CI run); alone the test draws it in ~4 s. Cause not
    # found: typed again once, as a user would, so the test still judges what the depth draws.
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(2):
        depth.fill("3")
        depth.press("Enter")
        try:
            note.wait_for(timeout=45_000)
            break
        except PlaywrightTimeout:
            if attempt:
                raise
            page.wait_for_function(SETTLED)
    text = note.inner_text()
    assert text.startswith("Showing 60 of "), text
    assert int(text.split(" of ")[1].split()[0]) > 60
    assert page.locator("#kb-graph svg .kb-node").count() == 60
    shot(page, "7-explore-depth3")
    # a relation chosen applies at once (no redraw button): fewer entities, no cap
    page.click("#kb-relation input")
    page.locator("ul[role='listbox'] li", has_text="anchors").first.click()
    page.wait_for_function("document.querySelectorAll('#kb-graph svg .kb-node').length < 60")
    assert "Showing" not in page.inner_text("#kb-cap")


def test_explore_search_raises_no_errors_and_zoom_works(page: Any) -> None:
    tab(page, "Explore")
    box = page.locator("#kb-search textarea")
    box.press_sequentially("Muzafarpur bag", delay=60)  # a misspelling, typed key by key
    page.wait_for_selector("#kb-matches input")
    page.wait_for_timeout(1500)
    body = page.inner_text("body")
    assert "not in the list of choices" not in body and "Error" not in body
    assert page.locator("#kb-graph svg").count() == 0  # nothing drawn while typing
    page.click("#kb-matches input")
    page.locator("ul[role='listbox'] li", has_text="Muzaffarpur Bag Cluster").first.click()
    page.wait_for_selector("#kb-graph svg .kb-node")
    svg = page.locator("#kb-graph svg.kb-graph")
    before = svg.get_attribute("viewBox")
    page.click("#kb-graph [data-zoom='in']")
    assert svg.get_attribute("viewBox") != before
    page.click("#kb-graph [data-zoom='reset']")
    assert svg.get_attribute("viewBox") == before
    # a node reached by keyboard expands like a click
    count = page.locator("#kb-graph svg .kb-node").count()
    page.locator("#kb-graph svg .kb-node", has_text="High Spirit").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('#kb-graph svg .kb-node').length > {count}")


def test_path_finder_runs_on_enter_avoids_hubs_and_draws_the_path_on_the_graph(
    page: Any,
) -> None:
    _open_in_explore(page, "Muzaffarpur Bag Cluster")
    page.wait_for_selector("#kb-graph svg .kb-node")
    assert page.locator("#kb-graph svg .kb-onpath").count() == 0
    page.fill("#kb-path-a textarea", "Gaya")
    page.fill("#kb-path-b textarea", "JEEViKA")
    page.press("#kb-path-b textarea", "Enter")
    page.wait_for_selector("#kb-path ol li")
    hops = page.locator("#kb-path ol li").all_inner_texts()
    assert hops, "a path"
    page.wait_for_selector("#kb-graph svg .kb-node.kb-onpath")
    on_path = page.locator("#kb-graph svg .kb-node.kb-onpath").evaluate_all(
        "ns => ns.map(n => n.getAttribute('aria-label'))"
    )
    # the path is drawn on the graph open before, not instead of it: its entities and links
    # highlighted among the bag cluster's neighbourhood
    assert len(on_path) == len(hops) + 1, on_path
    assert page.locator("#kb-graph svg line.kb-onpath").count() == len(hops)
    assert page.locator("#kb-graph svg .kb-node").count() > len(on_path)
    assert page.locator("#kb-graph svg .kb-node[data-id='cluster:muzaffarpur-bag-cluster']").count()

    def stroke(selector: str) -> list[str]:
        return page.locator(selector).first.evaluate(
            "e => [getComputedStyle(e).stroke, getComputedStyle(e).strokeWidth]"
        )

    assert stroke("#kb-graph svg line.kb-onpath") != stroke(
        "#kb-graph svg line.kb-edge:not(.kb-onpath)"
    )
    assert not any("(State" in d or "(Sector" in d or "(Document" in d for d in on_path), on_path
    # a long name is labelled by its usual short name; the full name is on hover
    assert "JEEViKA" in page.locator("#kb-graph svg.kb-graph").text_content()
    assert any("Bihar Rural Livelihoods Promotion Society (Agency" in d for d in on_path), on_path
    assert "the path found" in page.inner_text("#kb-graph")
    shot(page, "8-path")
    # opening another entity leaves the path behind
    _open_in_explore(page, "Bokaro")
    assert page.locator("#kb-graph svg .kb-onpath").count() == 0


def test_wheel_zooms_and_dragging_pans_the_graph(page: Any) -> None:
    _open_in_explore(page, "Muzaffarpur Bag Cluster")
    svg = page.locator("#kb-graph svg.kb-graph")
    svg.scroll_into_view_if_needed()

    def view() -> list[float]:
        return [float(v) for v in (svg.get_attribute("viewBox") or "").split()]

    home = view()
    box = svg.bounding_box()
    assert box is not None
    scrolled = page.evaluate("window.scrollY")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -400)  # wheel up: zoom in about the pointer
    page.wait_for_function(
        "w => document.querySelector('#kb-graph svg.kb-graph').viewBox.baseVal.width < w",
        arg=home[2],
    )
    zoomed = view()
    assert zoomed[2] < home[2] and zoomed[3] < home[3]
    assert zoomed[0] > home[0] and zoomed[1] > home[1]  # about the middle: the box moves in
    assert page.evaluate("window.scrollY") == scrolled  # the wheel zoomed, the page stayed
    # drag from an empty corner: the view pans the way the pointer went, at the same zoom
    nodes = page.locator("#kb-graph svg .kb-node").count()
    page.mouse.move(box["x"] + 8, box["y"] + 8)
    page.mouse.down()
    page.mouse.move(box["x"] + 128, box["y"] + 68, steps=8)
    page.mouse.up()
    panned = view()
    assert panned[2:] == pytest.approx(zoomed[2:], rel=1e-5)  # the viewBox is float32
    assert panned[0] < zoomed[0] and panned[1] < zoomed[1]  # content follows the pointer
    assert page.locator("#kb-graph svg .kb-node").count() == nodes  # a drag expands nothing
    page.click("#kb-graph [data-zoom='reset']")
    assert view() == home


def test_phone_tap_on_a_map_district_opens_it_in_explore(browser: Any, ui: Server) -> None:
    pg = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    pg.set_default_timeout(TIMEOUT)
    pg.goto(ui.base + "/", wait_until="domcontentloaded")
    pg.wait_for_selector("#kb-question textarea")
    pg.get_by_role("tab", name="Overview").tap()
    dot = pg.locator("#kb-map svg circle[data-id='district:bihar:gaya']")
    dot.wait_for()
    dot.scroll_into_view_if_needed()
    shot(pg, "9-phone-overview")
    dot.tap()
    pg.wait_for_selector("#kb-facts h3:has-text('Gaya')")
    assert pg.get_by_role("tab", name="Explore").get_attribute("aria-selected") == "true"
    assert pg.locator("#kb-graph svg .kb-node[data-id='district:bihar:gaya']").count() == 1
    shot(pg, "9-phone-explore")
    pg.close()


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
TABS = ["Ask", "Explore", "Plan a cluster", "Documents", "Overview"]
SETTLED = "() => !document.querySelector('.pending, .generating, .eta-bar')"
SERIOUS = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => ['serious', 'critical'].includes(v.impact))
  .map(v => `${v.id} (${v.impact}): ${v.nodes.length} node(s), e.g. ${v.nodes.slice(0, 3)
    .map(n => n.target.join(' ') + ' ' + (n.any[0] ? n.any[0].message : '')).join(' | ')}`)"""


@pytest.mark.parametrize(
    ("screen", "width", "height"), [("desktop", 1400, 900), ("phone", 390, 844)]
)
def test_every_tab_reachable_and_without_serious_accessibility_problems(
    browser: Any, ui: Server, screen: str, width: int, height: int
) -> None:
    assert AXE.exists(), "axe-core is missing: `make axe` installs it (npm ci)"
    pg = browser.new_page(viewport={"width": width, "height": height})
    pg.set_default_timeout(TIMEOUT)
    pg.goto(ui.base + "/", wait_until="domcontentloaded")
    pg.wait_for_selector("#kb-question textarea")
    pg.add_script_tag(path=str(AXE))
    problems: dict[str, list[str]] = {}
    for i, name in enumerate(TABS, start=1):
        button = pg.get_by_role("tab", name=name)
        assert button.is_visible(), f"the {name} tab is hidden at {width}px"  # no overflow menu
        button.click()
        if name == "Ask":
            pg.fill("#kb-question textarea", "Who anchors the Muzaffarpur bag cluster?")
            pg.click("#kb-ask")
            pg.wait_for_selector("#kb-sources .kb-cite")
        elif name == "Explore":
            pg.fill("#kb-search textarea", "Muzaffarpur Bag Cluster")
            pg.press("#kb-search textarea", "Enter")
            pg.wait_for_selector("#kb-graph svg .kb-node")
        elif name == "Documents":
            pg.wait_for_selector("#kb-doc-table table")
        elif name == "Overview":
            pg.wait_for_selector("#kb-map svg circle")
        # Gradio fades an output while it updates (status tracker classes): wait until no update
        # is pending, then for the fade back, so the contrast read is of the settled page
        pg.wait_for_function(SETTLED)
        pg.wait_for_timeout(300)
        overflow = pg.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{name}: the page is {overflow}px wide at {width}px"
        found = pg.evaluate(SERIOUS)
        if found:
            problems[name] = found
        pg.screenshot(path=str(ARTIFACTS / f"a11y-{screen}-{i}-{name.split()[0].lower()}.png"),
                      full_page=True)  # fmt: skip
    pg.close()
    (ARTIFACTS / f"a11y-{screen}.json").write_text(json.dumps(problems, indent=1))
    assert not problems, "\n".join(f"{k}: {v}" for k, vs in problems.items() for v in vs)
