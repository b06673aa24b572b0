"""Building the KB from the bundled tables: counts, identity, provenance, bad input."""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from clusterkb.service import KnowledgeBase
from kb.config import REPO_DATA, Settings
from kb.resolve import normalize
from kb.store.memory import MemoryStore
from tests.expected import expected_counts, rows

REGISTRY = "data/clusters/clusters.csv"


def test_counts_match_the_source_tables(tables_kb: KnowledgeBase) -> None:
    """The reference tables' counts; facts only the cluster registry states are counted by
    test_registry_rows_become_clusters."""
    store = tables_kb.store
    counts: dict[str, int] = defaultdict(int)
    for n in store.nodes():
        if any(p.source != REGISTRY for p in n.provenance):
            counts[n.type] += 1
    for e in store.edges():
        if any(p.source != REGISTRY for p in e.provenance):
            counts[e.relation] += 1
    for name, want in expected_counts(REPO_DATA).items():
        assert counts.get(name) == want, name
    central = rows(REPO_DATA / "tables" / "lgd-central-organisations.csv")
    assert counts["Agency"] >= len({normalize(r["Organization Name"]) for r in central}) - 1


def test_every_odop_row_lands_on_a_district_of_its_own_state(built_kb: KnowledgeBase) -> None:
    """Rows whose LGD code belongs to another state (a data error) must not follow the code."""
    store = built_kb.store
    by_row = {}
    for e in store.edges("ODOP_PRODUCT"):
        for p in e.provenance:
            by_row[p.locator] = e
    for lineno, r in enumerate(rows(REPO_DATA / "tables" / "odop.csv"), start=2):
        edge = by_row[f"row {lineno}"]
        state = [nb.node for nb in store.neighbors(edge.source, "LOCATED_IN")]
        assert len(state) == 1
        assert normalize(r["State"].split("\n")[0])[:5] in normalize(state[0].name) or (
            built_kb.find(r["State"].replace("\n", " "), "State")[0].id == state[0].id
        ), (lineno, r["State"], state[0].name)


def test_no_duplicate_entities(built_kb: KnowledgeBase) -> None:
    """Two nodes of one type must not share a name or alias.

    Districts and state departments are unique within their state ("Aurangabad" is in Bihar
    and in Maharashtra; several states have a "Department of Industries and Commerce").
    """
    store = built_kb.store
    for type_ in ("State", "Product", "Sector", "Agency", "Scheme", "GeographicalIndication"):
        seen: dict[tuple[str, str], str] = {}
        for n in store.nodes(type_):
            scope = n.id.split(":")[1] if type_ == "Agency" and n.id.count(":") == 2 else ""
            for name in {normalize(x) for x in [n.name, *n.aliases]}:
                got = seen.setdefault((scope, name), n.id)
                assert got == n.id, f"{type_} {name!r}: {got} and {n.id}"
    per_state: dict[str, dict[str, str]] = defaultdict(dict)
    for n in store.nodes("District"):
        (state,) = [nb.node.id for nb in store.neighbors(n.id, "LOCATED_IN")]
        for name in {normalize(x) for x in [n.name, *n.aliases]}:
            assert per_state[state].setdefault(name, n.id) == n.id, (state, name)


def test_every_fact_has_provenance_from_a_bundled_file(built_kb: KnowledgeBase) -> None:
    store = built_kb.store
    facts = [*store.nodes(), *store.edges()]
    assert len(facts) > 5000
    documents = {n.id: n for n in store.nodes("Document")}
    assert len(documents) == len(list((REPO_DATA / "corpus").glob("*.txt")))
    for f in facts:
        assert f.provenance, f
        for p in f.provenance:
            assert p.text and p.locator
            if p.source.startswith("doc:"):  # a sentence of an ingested document
                doc = documents[p.source]
                assert Path(doc.attrs["path"]).exists()
                if p.locator.startswith("sentence "):
                    assert doc.attrs["sentences"][int(p.locator.split()[1]) - 1] == p.text
                continue
            assert p.extractor.startswith("table:")
            for part in p.source.split("+"):
                path = (
                    REPO_DATA.parent / part
                    if part.startswith("data/")
                    else REPO_DATA / "tables" / part
                )
                assert path.exists(), p.source


def test_muzaffarpur_has_its_state_and_odop_products(tables_kb: KnowledgeBase) -> None:
    view = tables_kb.entity("Muzaffarpur").to_dict()
    assert (view["type"], view["name"]) == ("District", "Muzaffarpur")
    rels = defaultdict(set)
    for r in view["relations"]:
        if r["direction"] == "in" and r["relation"] == "LOCATED_IN":
            continue  # the clusters in the district (the registry's rows) are counted elsewhere
        rels[r["relation"]].add(r["name"])
        assert r["provenance"] and "Muzaffarpur".lower() in r["provenance"][0]["text"].lower()
    assert rels["LOCATED_IN"] == {"Bihar"}
    assert rels["ODOP_PRODUCT"] == {"Shahi Litchi", "Bags & Garments", "Sujini Embroidery"}
    assert view["attrs"]["lgd_code"] == 208 and 25 < view["attrs"]["lat"] < 27


def test_gi_products_link_to_registry_entries_of_their_state(built_kb: KnowledgeBase) -> None:
    store = built_kb.store
    links = list(store.edges("HAS_GI"))
    assert len(links) > 150
    litchi = [e.target for e in links if e.source == "product:shahi-litchi"]
    assert litchi and "Shahi Litchi" in (store.get_node(litchi[0]) or "").name  # type: ignore[union-attr]


def test_rebuild_gives_the_same_graph(tmp_path: Path, built_kb: KnowledgeBase) -> None:
    def dump(store: MemoryStore) -> tuple[list[dict], list[dict]]:
        return [n.to_dict() for n in store.nodes()], [e.to_dict() for e in store.edges()]

    first = dump(built_kb.store)  # type: ignore[arg-type]
    kb = KnowledgeBase(Settings(home=tmp_path, data_dir=REPO_DATA))
    kb.build()
    kb.build()
    assert dump(kb.store) == first  # type: ignore[arg-type]


def _copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(REPO_DATA / "tables", data / "tables")
    return data


def test_bad_rows_are_reported_and_the_rest_is_built(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    odop = data / "tables" / "odop.csv"
    n_rows = len(rows(odop)) + 2  # line number of the first appended row
    with open(odop, "a", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Bihar", "Makhana"])  # truncated row
        w.writerow(
            ["Atlantis", "Coral", "Poseidonia", "999", "Primary", "Marine", "", "No", "", "MSME"]
        )
    (data / "tables" / "district-hq" / "BIHAR District Hq.geojson").write_text("{ broken")
    (data / "tables" / "myscheme" / "junk.json").write_bytes(b"\xff\xfe not json")
    kb = KnowledgeBase(Settings(home=tmp_path / "home", data_dir=data))
    report = kb.build()
    skipped = [str(s) for s in report.skipped]
    assert any(f"odop.csv: row {n_rows}:" in s and "cells" in s for s in skipped)
    assert any(f"odop.csv: row {n_rows + 1}:" in s and "Atlantis" in s for s in skipped)
    assert any("BIHAR District Hq.geojson" in s and "unreadable" in s for s in skipped)
    assert any("junk.json" in s and "not a myScheme record" in s for s in skipped)
    stats = kb.stats().to_dict()
    assert stats["edges_by_relation"]["ODOP_PRODUCT"] == expected_counts(REPO_DATA)["ODOP_PRODUCT"]
    assert stats["nodes_by_type"]["Scheme"] == expected_counts(REPO_DATA)["Scheme"]


def test_missing_data_folder_is_a_clear_error(tmp_path: Path) -> None:
    kb = KnowledgeBase(Settings(home=tmp_path / "home", data_dir=tmp_path / "nowhere"))
    with pytest.raises(Exception) as err:
        kb.build()
    assert "no tables/ folder" in str(err.value)
    assert kb.stats().to_dict()["nodes"] == 0


def test_a_build_that_fails_mid_write_leaves_the_kb_as_it_was(
    tmp_path: Path, built_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    shutil.copytree(built_home, home)
    kb = KnowledgeBase(Settings(home=home, data_dir=REPO_DATA))
    before = kb.stats().to_dict()
    calls = 0
    real = MemoryStore.upsert_edge

    def flaky(self: MemoryStore, edge):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 3000:
            raise RuntimeError("power cut")
        return real(self, edge)

    monkeypatch.setattr(MemoryStore, "upsert_edge", flaky)
    with pytest.raises(RuntimeError):
        kb.build()
    assert kb.stats().to_dict() == before
    monkeypatch.undo()
    reopened = KnowledgeBase(Settings(home=home, data_dir=REPO_DATA))
    assert reopened.stats().to_dict() == before
    assert reopened.entity("Muzaffarpur").node.id == "district:bihar:muzaffarpur"


def test_report_names_each_district_created_from_the_odop_list(tmp_path: Path) -> None:
    lgd = {r["District Code"] for r in rows(REPO_DATA / "tables" / "lgd-districts.csv")}
    odop = rows(REPO_DATA / "tables" / "odop.csv")
    missing = {r["District"] for r in odop if r["LGD Code"] not in lgd}
    report = KnowledgeBase(Settings(home=tmp_path, data_dir=REPO_DATA)).build()
    created = {str(c).split("'")[1] for c in report.corrected if "not in the LGD list" in str(c)}
    assert created == missing


def test_registry_rows_become_clusters(tables_kb: KnowledgeBase) -> None:
    """Every registry row is a Cluster with its row's provenance; rows that could not be placed
    are few and reported, never dropped."""
    store = tables_kb.store
    table = rows(REPO_DATA / "clusters" / "clusters.csv")
    cited = {
        p.locator for n in store.nodes("Cluster") for p in n.provenance if p.source == REGISTRY
    }
    assert cited == {f"row {i}" for i in range(2, len(table) + 2)}
    facts = store.facts_from(REGISTRY)
    clusters = [n for n in facts.nodes if n.type == "Cluster"]
    assert len(clusters) >= 550
    placed = {e.source for e in facts.edges if e.relation == "LOCATED_IN"}
    in_district = {
        e.source
        for e in facts.edges
        if e.relation == "LOCATED_IN" and e.target.startswith("district:")
    }
    assert len(placed) >= 0.95 * len(clusters)
    assert len(in_district) >= 0.75 * len(clusters)
    for n in clusters:
        assert n.attrs.get("source_url", "").startswith("http"), n.id
        assert n.attrs.get("status_class") in {
            "functional",
            "approved",
            "proposed",
            "listed",
            "unknown",
        }
