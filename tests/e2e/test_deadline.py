"""The per-request deadline on a real `clusterkb serve` (issue 17: bounded work per request;
SIGTERM cancels work in flight at its deadline).

A server whose deadline (CLUSTERKB_REQUEST_DEADLINE) is a microsecond, so every request under
it is known to take longer: each such route answers 504 in the one error shape naming what
timed out, the routes without a deadline keep answering, and the pool's slots come back (more
timed-out requests than the pool has slots and places in its queue never turn into 503
"busy"). A server with the usual deadline stopped (SIGTERM) in the middle of a long preview:
the preview is cancelled and its client told why, instead of its connection dropped.
What is asserted is the answer, never how fast it came; times are printed (`pytest -s`).
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.servers import Server, start

KEY = "deadline-test-key"
TINY = 0.000001  # seconds: shorter than any request's work
HTTP = httpx.Client(timeout=60)
NOTE = ("note.txt", b"The Lac Bangle Cluster in Gaya is supported by SFURTI.\n", "text/plain")

# (method, path, request arguments) of every route that runs under the deadline
BOUNDED: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/api/v1/ask", {"json": {"question": "Who anchors the Muzaffarpur bag cluster?"}}),
    ("POST", "/api/v1/recommend", {"json": {"district": "Gaya", "product": "Handloom"}}),
    (
        "POST",
        "/api/v1/documents/preview",
        {"headers": {"X-API-Key": KEY}, "files": {"files": NOTE}},
    ),
    ("GET", "/api/v1/entities", {"params": {"q": "Muzaffarpur"}}),
    ("GET", "/api/v1/entities/state:bihar", {}),
    ("GET", "/api/v1/entities/state:bihar/neighbors", {}),
    ("GET", "/api/v1/paths", {"params": {"source": "Gaya", "target": "Bihar"}}),
    ("GET", "/api/v1/gaps/cluster:muzaffarpur-bag-cluster", {}),
]


def serve(built_home: Path, folder: Path, env: dict[str, str]) -> Server:
    home = folder / "home"
    shutil.copytree(built_home, home)
    return start(home, env={"CLUSTERKB_API_KEY": KEY, **env}, args=["--no-ui"])


@pytest.fixture(scope="module")
def hurried(built_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = serve(built_home, tmp_path_factory.mktemp("hurried"),
                {"CLUSTERKB_REQUEST_DEADLINE": str(TINY)})  # fmt: skip
    yield srv
    srv.stop()


def deadline_error(r: httpx.Response, method: str, path: str) -> None:
    assert r.status_code == 504, (method, path, r.status_code, r.text[:300])
    error = r.json()["error"]
    assert error["status"] == 504
    assert "deadline" in error["message"] and "CLUSTERKB_REQUEST_DEADLINE" in error["message"]
    assert error["details"] == {"timed_out": f"{method} {path}", "deadline_seconds": TINY}


def test_mcp_tool_calls_run_under_the_same_deadline(hurried: Server) -> None:
    """(Before the test that stops the server.) A tool call over /mcp is held to the request deadline as the API's routes are: past it,
    the tool answers an error naming the deadline (and the session goes on), not an answer
    computed for as long as it takes."""
    from tests.e2e.test_mcp import Session

    session = Session(f"{hurried.base}/mcp")
    try:
        message = session.error("ask", {"question": "Who anchors the Muzaffarpur bag cluster?"})
        assert "deadline" in message and "CLUSTERKB_REQUEST_DEADLINE" in message, message
        plan = session.error("recommend_partners", {"district": "Gaya", "product": "Handloom"})
        assert "deadline" in plan, plan
        assert session.tools()  # the session is still usable
    finally:
        session.close()


def test_work_past_its_deadline_is_answered_504_and_gives_back_its_slot(hurried: Server) -> None:
    for method, path, kw in BOUNDED:
        deadline_error(HTTP.request(method, f"{hurried.base}{path}", **kw), method, path)
    # routes without a deadline (nothing heavy) keep answering
    for path in ("/api/v1/health", "/api/v1/stats", "/api/v1/documents"):
        assert HTTP.get(f"{hurried.base}{path}").status_code == 200, path
    # more timed-out heavy requests than the pool has slots and places in its queue (2 + 16):
    # a slot kept by one of them would make the later ones 503 "busy", not 504
    # (each a question of its own: an answer given once is given again without work)
    for i in range(20):
        method, path = BOUNDED[0][:2]
        kw = {"json": {"question": f"Who anchors the bag cluster of district number {i}?"}}
        deadline_error(HTTP.request(method, f"{hurried.base}{path}", **kw), method, path)
    method, path, kw = BOUNDED[1]
    deadline_error(HTTP.request(method, f"{hurried.base}{path}", **kw), method, path)
    log = hurried.stop()
    assert "Traceback" not in log, log[-3000:]
    print("\n" + "\n".join(line for line in log.splitlines() if "deadline" in line)[-1500:])


def test_sigterm_cancels_a_long_preview_and_tells_its_client(
    built_home: Path, tmp_path: Path
) -> None:
    """A preview of 5,000 sentences (minutes of reading) is cut short when the server is told
    to stop: its client gets 503 saying so, not a dropped connection."""
    server = serve(built_home, tmp_path, {})
    text = "\n".join(f"The Weaver Cluster number {i} in Gaya is supported by SFURTI."
                     for i in range(5000)).encode()  # fmt: skip
    answers: list[httpx.Response | Exception] = []

    def preview() -> None:
        try:
            answers.append(httpx.post(f"{server.base}/api/v1/documents/preview",
                                      headers={"X-API-Key": KEY}, timeout=600,
                                      files={"files": ("long.txt", text, "text/plain")}))  # fmt: skip
        except httpx.HTTPError as e:
            answers.append(e)

    asking = threading.Thread(target=preview)
    asking.start()
    time.sleep(3)
    assert server.proc.poll() is None and not answers, answers
    started = time.perf_counter()
    server.proc.terminate()
    server.proc.wait(timeout=60)
    asking.join(60)
    print(f"\nSIGTERM mid-preview: stopped in {time.perf_counter() - started:.1f} s; {answers}")
    assert len(answers) == 1 and isinstance(answers[0], httpx.Response), answers
    r = answers[0]
    assert r.status_code == 503, (r.status_code, r.text[:300])
    assert r.json()["error"]["status"] == 503 and "stopping" in r.json()["error"]["message"]
    assert r.json()["error"]["details"]["request"] == "POST /api/v1/documents/preview"
    log = server.log.read_text(errors="replace")
    assert "Traceback" not in log, log[-3000:]
