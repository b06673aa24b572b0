"""The HTTP API over a real uvicorn process: routes, bad input, security, concurrency."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import networkx as nx
import pytest

from tests.servers import Server, start

KEY = "test-key-1234"
HTTP = httpx.Client(timeout=120)  # the first question loads the embedding model


@pytest.fixture(scope="module")
def api(built_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("api") / "home"
    shutil.copytree(built_home, home)
    server = start(home, env={"CLUSTERKB_API_KEY": KEY, "CLUSTERKB_MAX_UPLOAD_MB": "1"},
                   args=["--no-ui"])  # fmt: skip
    yield server
    server.stop()


def v1(server: Server, path: str) -> str:
    return f"{server.base}/api/v1{path}"


def assert_error(r: httpx.Response, status: int | tuple[int, ...]) -> dict[str, Any]:
    statuses = (status,) if isinstance(status, int) else status
    assert r.status_code in statuses, (r.status_code, r.text[:300])
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message", "details"}
    assert body["error"]["status"] == r.status_code and len(body["error"]["message"]) > 10
    return dict(body["error"])


def test_entities_search_filter_and_pages(api: Server) -> None:
    r = HTTP.get(v1(api, "/entities"), params={"q": "muzaffarpur"}).json()
    types = {i["type"] for i in r["items"]}
    assert {"District", "Cluster"} <= types and r["items"][0]["score"] == 100
    fuzzy = HTTP.get(v1(api, "/entities"), params={"q": "Muzzaffarpur", "type": "District"})
    assert fuzzy.json()["items"][0]["id"] == "district:bihar:muzaffarpur"
    total = HTTP.get(v1(api, "/stats")).json()["nodes_by_type"]["Cluster"]
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = HTTP.get(
            v1(api, "/entities"), params={"type": "Cluster", "limit": 5, "offset": offset}
        ).json()
        assert page["total"] == total and all(i["type"] == "Cluster" for i in page["items"])
        seen += [i["id"] for i in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == total


def test_entity_neighbors_and_paths(api: Server) -> None:
    e = HTTP.get(v1(api, "/entities/cluster:muzaffarpur-bag-cluster")).json()
    assert e["name"] == "Muzaffarpur Bag Cluster"
    anchors = [r for r in e["relations"] if r["relation"] == "ANCHORS"]
    assert anchors and anchors[0]["provenance"][0]["text"]
    one = HTTP.get(v1(api, "/entities/cluster:muzaffarpur-bag-cluster/neighbors")).json()
    two = HTTP.get(
        v1(api, "/entities/cluster:muzaffarpur-bag-cluster/neighbors"), params={"depth": 2}
    ).json()
    assert len(two["nodes"]) > len(one["nodes"]) > 1
    ids = {n["id"] for n in two["nodes"]}
    assert all(x["source"] in ids and x["target"] in ids for x in two["edges"])
    only = HTTP.get(
        v1(api, "/entities/cluster:muzaffarpur-bag-cluster/neighbors"),
        params={"relation": "ANCHORS", "direction": "in"},
    ).json()
    assert {x["relation"] for x in only["edges"]} == {"ANCHORS"}
    p = HTTP.get(v1(api, "/paths"), params={"source": "Gaya", "target": "JEEViKA"}).json()
    first, last = p["hops"][0], p["hops"][-1]  # hops keep each relation's own direction
    assert "district:bihar:gaya" in (first["from"], first["to"])
    assert p["target"]["id"] in (last["from"], last["to"])


def test_ask_recommend_gaps(api: Server) -> None:
    a = HTTP.post(v1(api, "/ask"), json={"question": "Who anchors the Muzaffarpur bag cluster?"})
    body = a.json()
    assert a.status_code == 200 and body["answered"] and body["citations"]
    follow = HTTP.post(
        v1(api, "/ask"), json={"question": "Which schemes support it?", "history": [body]}
    ).json()
    assert follow["answered"] and any("muzaffarpur" in c["document"] for c in follow["citations"])
    unknown = HTTP.post(v1(api, "/ask"), json={"question": "What is the GDP of Atlantis?"})
    assert unknown.status_code == 200 and not unknown.json()["answered"]
    rec = HTTP.post(
        v1(api, "/recommend"), json={"district": "East Champaran", "product": "Bags & Garments"}
    ).json()
    for kind in ("model_clusters", "anchors", "buyers", "suppliers", "agencies", "schemes"):
        assert all(i["why"] for i in rec[kind])
    assert "Muzaffarpur Bag Cluster" in [m["name"] for m in rec["model_clusters"][:5]]
    assert rec["coverage"] and rec["peer_districts"]
    g = HTTP.get(v1(api, "/gaps/cluster:muzaffarpur-bag-cluster")).json()
    assert g["gaps"] == [s["stage"] for s in g["stages"] if not s["actors"]]


def test_export_matches_stats(api: Server) -> None:
    stats = HTTP.get(v1(api, "/stats")).json()
    g = nx.read_graphml(io.BytesIO(HTTP.get(v1(api, "/graph/export")).content))
    assert g.number_of_nodes() == stats["nodes"] and g.number_of_edges() == stats["edges"]
    nodes = HTTP.get(v1(api, "/graph/export"), params={"format": "nodes"})
    assert nodes.headers["content-type"].startswith("text/csv")
    assert len(nodes.text.strip().splitlines()) >= stats["nodes"] + 1


def test_every_route_answers_bad_input_with_the_error_shape(api: Server) -> None:
    huge = "x" * 5000
    cases: list[tuple[str, str, dict[str, Any], int | tuple[int, ...]]] = [
        ("GET", "/entities", {"params": {"limit": "many"}}, 422),
        ("GET", "/entities", {"params": {"limit": 10**9}}, 422),
        ("GET", "/entities", {"params": {"type": "Planet"}}, 422),
        ("GET", "/entities", {"params": {"q": huge}}, 422),
        ("GET", "/entities/nothing:here", {}, 404),
        ("GET", "/entities/..%2F..%2Fetc%2Fpasswd", {}, 404),
        ("GET", "/entities/cluster:muzaffarpur-bag-cluster/neighbors", {"params": {"depth": 9}}, 422),
        ("GET", "/entities/cluster:muzaffarpur-bag-cluster/neighbors",
         {"params": {"relation": "DROP ALL"}}, 422),
        ("GET", "/entities/nothing:here/neighbors", {}, 404),
        ("GET", "/paths", {"params": {"source": "Gaya"}}, 422),
        ("GET", "/paths", {"params": {"source": "Gaya", "target": "Atlantis"}}, 404),
        ("GET", "/paths", {"params": {"source": " ", "target": "Gaya"}}, 400),
        ("POST", "/ask", {"json": {}}, 422),
        ("POST", "/ask", {"json": {"question": 42}}, 422),
        ("POST", "/ask", {"json": {"question": ""}}, 422),
        ("POST", "/ask", {"json": {"question": "   "}}, 400),
        ("POST", "/ask", {"json": {"question": huge}}, 422),
        ("POST", "/ask", {"json": {"question": "hi", "history": "yesterday"}}, 422),
        ("POST", "/ask", {"content": b"\xff\xfe\x00not json",
                          "headers": {"content-type": "application/json"}}, (400, 422)),
        ("POST", "/ask", {"content": b"x" * (2 * 1024 * 1024),
                          "headers": {"content-type": "application/json"}}, 413),
        ("POST", "/recommend", {"json": {"district": "Gaya"}}, 422),
        ("POST", "/recommend", {"json": {"district": "Atlantis", "product": "Coral"}}, 404),
        ("POST", "/recommend", {"json": {"district": ["Gaya"], "product": 1}}, 422),
        ("GET", "/gaps/cluster:nothing", {}, 404),
        ("GET", "/documents/doc:nothing", {}, 404),
        ("DELETE", "/documents/doc:nothing", {"headers": {"X-API-Key": KEY}}, 404),
        ("DELETE", "/documents/doc:muzaffarpur-bag-cluster", {}, 401),
        ("POST", "/documents", {"headers": {"X-API-Key": KEY}}, 422),
        ("GET", "/graph/export", {"params": {"format": "xlsx"}}, 422),
        ("GET", "/nothing", {}, 404),
        ("PUT", "/ask", {}, 405),
    ]  # fmt: skip
    for method, path, kwargs, status in cases:
        r = HTTP.request(method, v1(api, path), timeout=60, **kwargs)
        assert_error(r, status)
    # nothing above answered 500 or changed the KB
    log = api.log.read_text(errors="replace")
    assert " 500 " not in log


def test_writes_need_the_key_and_are_safe(api: Server, tmp_path: Path) -> None:
    doc = b"The Gaya Pattu Weavers Cluster is supported by SFURTI and mobilised by JEEViKA.\n"
    files = {"files": ("../../evil/gaya-pattu.txt", doc, "text/plain")}
    assert_error(HTTP.post(v1(api, "/documents"), files=files), 401)
    assert_error(HTTP.post(v1(api, "/documents"), files=files, headers={"X-API-Key": "wrong"}), 401)
    bad_type = {"files": ("payload.exe", b"MZ\x90\x00", "application/octet-stream")}
    err = assert_error(
        HTTP.post(v1(api, "/documents"), files=bad_type, headers={"X-API-Key": KEY}), 400
    )
    assert ".txt" in err["message"]
    empty = {"files": ("empty.txt", b"   ", "text/plain")}
    assert_error(HTTP.post(v1(api, "/documents"), files=empty, headers={"X-API-Key": KEY}), 400)
    big = {"files": ("big.txt", b"word " * 300_000, "text/plain")}
    err = assert_error(HTTP.post(v1(api, "/documents"), files=big, headers={"X-API-Key": KEY}), 413)
    assert "CLUSTERKB_MAX_UPLOAD_MB" in err["message"]
    before = HTTP.get(v1(api, "/stats")).json()
    assert_error(HTTP.post(v1(api, "/documents/preview"), files=files), 401)
    preview = HTTP.post(
        v1(api, "/documents/preview"), files=files, headers={"X-API-Key": KEY}
    ).json()
    assert any(
        e["name"] == "Gaya Pattu Weavers Cluster" and e["new"] for e in preview[0]["entities"]
    )
    assert HTTP.get(v1(api, "/stats")).json() == before  # a preview writes nothing
    r = HTTP.post(v1(api, "/documents"), files=files, headers={"X-API-Key": KEY})
    assert r.status_code == 201, r.text
    assert r.json()["added"] == ["doc:gaya-pattu"]
    docs = {d["id"]: d for d in HTTP.get(v1(api, "/documents")).json()}
    stored = Path(docs["doc:gaya-pattu"]["path"])
    assert stored.name == "gaya-pattu.txt" and stored.parent.name == "uploads"
    assert not (stored.parent.parent.parent / "evil").exists()
    found = HTTP.get(v1(api, "/entities"), params={"q": "Gaya Pattu Weavers Cluster"}).json()
    assert found["items"][0]["type"] == "Cluster"
    text = HTTP.get(v1(api, "/documents/doc:gaya-pattu")).json()
    assert "Pattu" in text["sentences"][0]
    gone = HTTP.delete(v1(api, "/documents/doc:gaya-pattu"), headers={"X-API-Key": KEY})
    assert gone.status_code == 200 and gone.json()["removed_nodes"] >= 1
    assert not stored.exists()
    assert HTTP.get(v1(api, "/stats")).json() == before
    assert_error(HTTP.delete(v1(api, "/documents/doc:gaya-pattu"), headers={"X-API-Key": KEY}), 404)


def test_writes_are_refused_when_no_key_is_configured(built_home: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(built_home, home)
    server = start(home, env={"CLUSTERKB_API_KEY": "", "CLUSTERKB_CORS_ORIGINS": "http://dash.example"},
                   args=["--no-ui"])  # fmt: skip
    try:
        files = {"files": ("a.txt", b"The X Cluster.", "text/plain")}
        err = assert_error(
            HTTP.post(f"{server.base}/api/v1/documents", files=files, headers={"X-API-Key": "x"}),
            403,
        )
        assert "CLUSTERKB_API_KEY" in err["message"]
        ok = HTTP.get(f"{server.base}/api/v1/health", headers={"Origin": "http://dash.example"})
        assert ok.headers.get("access-control-allow-origin") == "http://dash.example"
        other = HTTP.get(f"{server.base}/api/v1/health", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers
    finally:
        log = server.stop()
    assert "POST /api/v1/documents 403" in log  # one log line per request


def test_no_cors_by_default(api: Server) -> None:
    r = HTTP.get(v1(api, "/health"), headers={"Origin": "http://dash.example"})
    assert "access-control-allow-origin" not in r.headers


NAMES = ["Kosi Brass", "Kamla Lacquer"]


def test_twenty_askers_while_two_upload(api: Server) -> None:
    questions = [
        "Who anchors the Muzaffarpur bag cluster?",
        "What is the ODOP product of Gaya?",
        "Which agency mobilised women in Muzaffarpur?",
        "How many districts does Bihar have in the ODOP list?",
    ]
    errors: list[str] = []

    busy = []

    def post(c: httpx.Client, path: str, **kwargs: Any) -> httpx.Response:
        for _ in range(60):  # a busy server says 503 and when to come back
            r = c.post(v1(api, path), **kwargs)
            if r.status_code != 503:
                return r
            busy.append(r.headers["Retry-After"])
            time.sleep(float(r.headers["Retry-After"]))
        return r

    def asker(i: int) -> None:
        with httpx.Client(timeout=120) as c:
            for j in range(3):
                r = post(c, "/ask", json={"question": questions[(i + j) % len(questions)]})
                if r.status_code != 200:
                    errors.append(f"ask {r.status_code} {r.text[:200]}")

    def uploader(i: int) -> None:
        with httpx.Client(timeout=120) as c:
            body = f"The {NAMES[i]} Cluster in Gaya is supported by SFURTI.\n".encode()
            r = post(
                c,
                "/documents",
                files={"files": (f"load-{i}.txt", body, "text/plain")},
                headers={"X-API-Key": KEY},
            )
            if r.status_code != 201:
                errors.append(f"upload {r.status_code} {r.text[:200]}")

    threads = [threading.Thread(target=asker, args=(i,)) for i in range(20)]
    threads += [threading.Thread(target=uploader, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []  # every ask answered in the end; no 5xx other than "busy, retry"
    assert all(float(x) > 0 for x in busy)
    docs = {d["id"] for d in HTTP.get(v1(api, "/documents")).json()}
    assert {"doc:load-0", "doc:load-1"} <= docs
    for i in range(2):
        hit = HTTP.get(
            v1(api, "/entities"), params={"q": f"{NAMES[i]} Cluster", "type": "Cluster"}
        ).json()
        assert hit["items"][0]["name"] == f"{NAMES[i]} Cluster"


def test_schemathesis_finds_no_server_error(api: Server, tmp_path: Path) -> None:
    """Property-based requests from /openapi.json: no 5xx, responses match the schema."""
    cmd = [
        str(Path(sys.executable).parent / "schemathesis"),
        "run",
        f"{api.base}/openapi.json",
        "--checks",
        "not_a_server_error,status_code_conformance,content_type_conformance,"
        "response_schema_conformance",
        "--max-examples",
        "25",
        "--seed",
        "7",
        "--phases",
        "examples,coverage,fuzzing",
        "--exclude-path-regex",
        "/graph/export",
        "--request-timeout",
        "60",
        "--generation-database",
        "none",
    ]
    # cwd: schemathesis keeps a cache folder where it runs; not in the repo
    proc = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert "Tested: 14" in proc.stdout and " passed" in proc.stdout, proc.stdout[-2000:]
