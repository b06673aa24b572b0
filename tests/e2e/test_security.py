"""Hostile requests to a real `clusterkb serve` (API and UI): issue 17's first two findings.

1. A write (upload, preview, delete) without the key is refused before its body is read, and a
   document of one 40 KB "sentence" is read in time linear in its length while the server
   keeps answering (`/stats`).
2. The UI's functions read only files uploaded through Gradio: a server path named in an
   event's data is refused, not read, and not copied into Gradio's folder.

Timings are printed (`pytest -s`), never asserted; the budget of the long-sentence requests is
the HTTP client's timeout, BUDGET seconds (it took minutes to hours before).
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.servers import REPO, Server, start

KEY = "security-test-key"
# seconds a request may take: a 100 KB sentence previewed or ingested took 3-14 s when this was
# written and 18-34 s on 2 cores on 2026-12-05 (main before and after that day's changes alike);
# a clean-clone CI run under load once passed 60 s. The test is of linear reading and of /stats
# answering meanwhile, not of speed (bench/ measures that): a quadratic reading takes far longer.
# Since 2026-12-07 the sentence is 40 KB (each kind read twice cost 17-53 s of the suite at 100
# KB); a reading quadratic in the sentence's length still takes minutes at 40 KB
BUDGET = 120.0
HTTP = httpx.Client(timeout=BUDGET)
STATS_TIMEOUT = 10.0  # /stats, asked while a long sentence is read, must answer within this
SECRET = "The Zorblax Secret Weavers Cluster in Gaya is supported by SFURTI.\n"


@pytest.fixture(scope="module")
def gradio_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gradio-uploads")


@pytest.fixture(scope="module")
def server(
    built_home: Path, gradio_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("security") / "home"
    shutil.copytree(built_home, home)
    srv = start(home, env={"CLUSTERKB_API_KEY": KEY, "GRADIO_TEMP_DIR": str(gradio_dir)})
    yield srv
    srv.stop()


def v1(server: Server, path: str) -> str:
    return f"{server.base}/api/v1{path}"


def error_of(r: httpx.Response, status: int) -> dict[str, Any]:
    assert r.status_code == status, (r.status_code, r.text[:300])
    body = r.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    return dict(body["error"])


def raw_status(server: Server, request: bytes, timeout: float = 15) -> str:
    """Send `request` (headers and part of a body) and return the status line of the answer,
    without sending the rest of the body."""
    url = urlsplit(server.base)
    with socket.create_connection((url.hostname, url.port), timeout=timeout) as s:
        s.sendall(request)
        try:
            answer = s.recv(4096).decode("latin-1")
        except TimeoutError:
            return "no answer: the server waited for the body"
    return answer.split("\r\n", 1)[0]


def test_keyless_writes_are_refused_before_the_body_is_read(server: Server) -> None:
    malformed = {"content": b"--xx\r\nnot a multipart body",
                 "headers": {"content-type": "multipart/form-data; boundary=xx"}}  # fmt: skip
    for path in ("/documents", "/documents/preview"):
        err = error_of(HTTP.post(v1(server, path), **malformed), 401)  # type: ignore[arg-type]
        assert "X-API-Key" in err["message"]
        wrong = HTTP.post(
            v1(server, path), content=malformed["content"],
            headers={**malformed["headers"], "X-API-Key": "wrong"},  # type: ignore[dict-item]
        )  # fmt: skip
        error_of(wrong, 401)
        # with the key, the same body is parsed and found invalid
        keyed = HTTP.post(
            v1(server, path), content=malformed["content"],
            headers={**malformed["headers"], "X-API-Key": KEY},  # type: ignore[dict-item]
        )  # fmt: skip
        assert keyed.status_code in (400, 422), keyed.text[:300]
        # a body announced as 200 KB of which only the start arrives: the answer comes anyway
        head = (
            f"POST /api/v1{path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: multipart/form-data; boundary=xx\r\nContent-Length: 200000\r\n\r\n"
            '--xx\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
        ).encode()
        status = raw_status(server, head)
        assert status.startswith("HTTP/1.1 401"), status
    error_of(HTTP.delete(v1(server, "/documents/doc:muzaffarpur-bag-cluster")), 401)
    # the preview with the key works as before and writes nothing
    before = HTTP.get(v1(server, "/stats")).json()
    files = {"files": ("gaya-pattu.txt", b"The Gaya Pattu Weavers Cluster is supported by "
                       b"SFURTI and mobilised by JEEViKA.\n", "text/plain")}  # fmt: skip
    r = HTTP.post(v1(server, "/documents/preview"), files=files, headers={"X-API-Key": KEY})
    assert r.status_code == 200, r.text[:300]
    assert any(e["name"] == "Gaya Pattu Weavers Cluster" for e in r.json()[0]["entities"])
    assert HTTP.get(v1(server, "/stats")).json() == before


LONG = {
    # 40 KB without a full stop: words, then capitalised words, then one capitalised "word"
    "words": "Ab Cd " * (40_000 // 6),
    "names": "Gaya Patna Bank Board Nalanda " * (40_000 // 30),
    "no-spaces": "A" * 40_000,
}


def while_polling_stats(server: Server, work: Any) -> tuple[Any, float, list[float]]:
    """Run `work()` while another client asks for /stats every 0.2 s; its result, its time and
    the /stats times (inf: not answered within STATS_TIMEOUT)."""
    stats_times: list[float] = []
    done = threading.Event()

    def poll() -> None:
        with httpx.Client(timeout=STATS_TIMEOUT) as c:
            while not done.is_set():
                t = time.perf_counter()
                try:
                    ok = c.get(v1(server, "/stats")).status_code == 200
                except httpx.HTTPError:
                    ok = False
                stats_times.append(time.perf_counter() - t if ok else float("inf"))
                time.sleep(0.2)

    poller = threading.Thread(target=poll)
    poller.start()
    started = time.perf_counter()
    try:
        result = work()
    finally:
        elapsed = time.perf_counter() - started
        done.set()
        poller.join()
    return result, elapsed, stats_times


@pytest.mark.parametrize("kind", sorted(LONG))
def test_a_40kb_sentence_is_read_in_linear_time_while_stats_answers(
    server: Server, kind: str
) -> None:
    text = LONG[kind].encode()
    files = {"files": (f"long-{kind}.txt", text, "text/plain")}
    headers = {"X-API-Key": KEY}

    def preview() -> httpx.Response:
        return HTTP.post(v1(server, "/documents/preview"), files=files, headers=headers)

    r, took, stats = while_polling_stats(server, preview)
    assert r.status_code == 200, r.text[:300]
    assert stats and max(stats) < float("inf"), f"/stats did not answer: {stats}"
    print(f"\n{kind}: preview of 40 KB in one sentence {took:.2f} s; /stats answered "
          f"{len(stats)} times meanwhile, slowest {max(stats) * 1000:.0f} ms")  # fmt: skip

    def upload() -> httpx.Response:
        return HTTP.post(v1(server, "/documents"), files=files, headers=headers)

    r, took, stats = while_polling_stats(server, upload)
    assert r.status_code == 201, r.text[:300]
    assert stats and max(stats) < float("inf"), f"/stats did not answer: {stats}"
    print(f"{kind}: ingest {took:.2f} s; /stats slowest {max(stats) * 1000:.0f} ms")
    doc = r.json()["added"][0]
    sentences = HTTP.get(v1(server, f"/documents/{doc}")).json()["sentences"]
    assert 40 <= len(sentences) <= 41 and max(len(s) for s in sentences) <= 1000
    assert "".join(sentences).replace(" ", "") == LONG[kind].replace(" ", "")  # nothing lost
    names = [
        e["name"] for e in HTTP.get(v1(server, "/entities"), params={"limit": 100}).json()["items"]
    ]
    assert all(len(n) <= 200 for n in names)
    assert HTTP.delete(v1(server, f"/documents/{doc}"), headers=headers).status_code == 200


def gradio_call(server: Server, fn: str, data: list[Any]) -> tuple[str, Any]:
    """Call a UI function the way any client can: (the SSE event, its data)."""
    r = HTTP.post(f"{server.base}/gradio_api/call/{fn}", json={"data": data})
    assert r.status_code == 200, r.text[:300]
    event_id = r.json()["event_id"]
    stream = HTTP.get(f"{server.base}/gradio_api/call/{fn}/{event_id}").text
    event, payload = "", None
    for line in stream.splitlines():
        if line.startswith("event:"):
            event = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and event in ("complete", "error"):
            payload = json.loads(line.split(":", 1)[1])
    return event, payload


def file_data(path: Path | str) -> dict[str, Any]:
    return {"path": str(path), "meta": {"_type": "gradio.FileData"}}


def test_gradio_refuses_server_paths(server: Server, gradio_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret-report.txt"
    secret.write_text(SECRET)
    repo_file = REPO / "data" / "corpus" / "muzaffarpur-bag-cluster.txt"
    for target in (secret, repo_file, Path("/etc/hostname")):
        for fn, data in (("preview", [[file_data(target)], KEY]),
                         ("add", [[file_data(target)], KEY])):  # fmt: skip
            event, payload = gradio_call(server, fn, data)
            shown = json.dumps(payload)
            assert "Zorblax" not in shown and "Muzaffarpur" not in shown, (fn, target, shown)
            assert event == "error" or "Only files uploaded" in shown, (fn, target, shown)
            print(f"\n{fn} {target}: {event} {shown[:160]}")
        copies = [p for p in gradio_dir.rglob("*") if p.name == target.name]
        assert not copies, f"{target} was copied into Gradio's folder: {copies}"
    docs = [d["id"] for d in HTTP.get(v1(server, "/documents")).json()]
    assert "doc:secret-report" not in docs


def test_gradio_reads_its_own_uploads_with_the_key(server: Server, tmp_path: Path) -> None:
    doc = tmp_path / "nalanda-upload.txt"
    doc.write_text("The Nalanda Bawan Buti Weavers Cluster in Nalanda is supported by SFURTI.\n")
    with doc.open("rb") as f:
        r = HTTP.post(f"{server.base}/gradio_api/upload", files={"files": (doc.name, f)})
    assert r.status_code == 200, r.text[:300]
    uploaded = r.json()[0]
    event, payload = gradio_call(server, "preview", [[file_data(uploaded)], ""])
    assert event == "complete" and "API key" in json.dumps(payload)  # no key: refused
    assert "Bawan" not in json.dumps(payload)
    event, payload = gradio_call(server, "preview", [[file_data(uploaded)], KEY])
    assert event == "complete", payload
    assert "Nalanda Bawan Buti Weavers Cluster" in json.dumps(payload)


def upload(server: Server, name: str, data: bytes) -> httpx.Response:
    return HTTP.post(v1(server, "/documents"), files={"files": (name, data, "text/plain")},
                     headers={"X-API-Key": KEY})  # fmt: skip


def test_reingesting_a_changed_document_keeps_its_record(server: Server) -> None:
    """Finding 3: a changed document used to lose its sentences, hash, path and title."""
    first = b"The Gaya Lac Bangle Cluster is supported by SFURTI.\n"
    r = upload(server, "lac-bangles.txt", first)
    assert r.status_code == 201 and r.json()["added"] == ["doc:lac-bangles"], r.text[:300]
    changed = first + b"The Gaya Lac Bangle Cluster is mobilised by JEEViKA.\n"
    r = upload(server, "lac-bangles.txt", changed)
    assert r.json()["replaced"] == ["doc:lac-bangles"], r.text[:300]
    docs = {d["id"]: d for d in HTTP.get(v1(server, "/documents")).json()}
    doc = docs["doc:lac-bangles"]
    assert doc["sentences"] == 2 and doc["sha256"] and doc["path"], doc
    assert doc["path"].endswith("lac-bangles.txt") and doc["title"]
    text = HTTP.get(v1(server, "/documents/doc:lac-bangles")).json()["sentences"]
    assert text == [s.decode() for s in changed.strip().split(b"\n")]
    for _ in range(60):  # the server rebuilds its indexes in the background after a write
        hits = HTTP.post(v1(server, "/ask"), json={"question": "Who mobilises the Gaya Lac "
                         "Bangle Cluster?"}).json()  # fmt: skip
        if "doc:lac-bangles" in json.dumps(hits):
            break
        time.sleep(1)
    assert "doc:lac-bangles" in json.dumps(hits), hits  # its sentences are found again
    assert HTTP.delete(v1(server, "/documents/doc:lac-bangles"),
                       headers={"X-API-Key": KEY}).status_code == 200  # fmt: skip


def test_non_ascii_names_never_replace_each_other(server: Server) -> None:
    """Finding 3: 'रिपोर्ट 2023.txt' and 'दस्तावेज़ 2023.txt' became one id (the second replaced
    the first) and a Devanagari name alone was refused as the wrong type."""
    one = "रिपोर्ट 2023.txt", b"The Patna Terracotta Cluster is supported by SFURTI.\n"
    two = "दस्तावेज़ 2023.txt", b"The Nalanda Stone Craft Cluster is mobilised by JEEViKA.\n"
    three = "रिपोर्ट.txt", b"The Gaya Bamboo Craft Cluster is supported by KVIC.\n"
    ids = []
    for name, data in (one, two, three):
        r = upload(server, name, data)
        assert r.status_code == 201, (name, r.text[:300])
        ids += r.json()["added"]
    assert len(set(ids)) == 3, ids
    for doc, (name, data) in zip(ids, (one, two, three), strict=True):
        sentences = HTTP.get(v1(server, f"/documents/{doc}")).json()["sentences"]
        assert sentences == [data.decode().strip()], (doc, sentences)
        listed = {d["id"]: d for d in HTTP.get(v1(server, "/documents")).json()}[doc]
        assert listed["path"].endswith(name), listed
    # a different file whose name reduces to a taken id is refused, not swapped in
    r = upload(server, "रिपोर्ट_2023.txt", b"The Arwal Carpet Cluster is supported by SFURTI.\n")
    assert r.status_code == 400, r.text[:300]
    assert ids[0] in r.json()["error"]["message"] and "rename" in r.json()["error"]["message"]
    sentences = HTTP.get(v1(server, f"/documents/{ids[0]}")).json()["sentences"]
    assert "Terracotta" in sentences[0]
    for doc in ids:
        assert HTTP.delete(v1(server, f"/documents/{doc}"),
                           headers={"X-API-Key": KEY}).status_code == 200  # fmt: skip


def test_binary_data_is_refused_as_text(server: Server) -> None:
    """Finding 6: binary data without an early NUL byte was ingested as garbage."""
    import random

    rng = random.Random(17)
    blob = bytes(rng.choice([b for b in range(256) if b]) for _ in range(200_000))
    started = time.perf_counter()
    r = upload(server, "photo.txt", blob)
    took = time.perf_counter() - started
    print(f"\nbinary upload refused in {took:.2f} s")
    assert r.status_code == 400, r.text[:300]
    assert "binary" in r.json()["error"]["message"]
    assert "doc:photo" not in [d["id"] for d in HTTP.get(v1(server, "/documents")).json()]


def test_a_running_server_sees_what_another_process_ingested(
    server: Server, tmp_path: Path
) -> None:
    """Finding 6: after a CLI ingest a running server's name search missed the new entities
    until it was restarted."""
    import os
    import subprocess
    import sys

    name = "Quorvath Brassware Cluster"
    entities = {"q": name, "limit": 5}
    before = HTTP.get(v1(server, "/entities"), params=entities).json()["items"]
    assert not any(e["name"] == name for e in before)
    note = tmp_path / "quorvath-note.txt"
    note.write_text(f"The {name} in Gaya is supported by SFURTI.\n")
    home = server.log.parent / "home"
    env = {**os.environ, "CLUSTERKB_HOME": str(home)}
    done = subprocess.run([sys.executable, "-m", "clusterkb.cli", "ingest", str(note)],
                          env=env, cwd=REPO, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    # the server notices the newer store on its next use and rebuilds in the background
    started, found = time.perf_counter(), False
    while not found and time.perf_counter() - started < 120:
        after = HTTP.get(v1(server, "/entities"), params=entities).json()["items"]
        found = any(e["name"] == name for e in after)
        time.sleep(0 if found else 1)
    print(f"\nanother process's ingest seen after {time.perf_counter() - started:.1f} s")
    assert found, after
    assert HTTP.delete(v1(server, "/documents/doc:quorvath-note"),
                       headers={"X-API-Key": KEY}).status_code == 200  # fmt: skip
