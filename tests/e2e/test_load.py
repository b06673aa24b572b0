"""A real server under mixed load, and stopped in the middle of work: issue 17, finding 4.

The load is bench/load.py's for LOAD_SECONDS: clients reading, asking and recommending while
an upload and a delete run every few seconds, and some clients reading the very document and
entity being added and removed. What is asserted is that nothing fails — no error, no 5xx, no
timeout (a 503 with Retry-After is waited out, as a client should) — never how fast; the
figures are printed (`pytest -s`).
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bench.load import run_load, warm
from tests.servers import Server, start

KEY = "load-test-key"
LOAD_SECONDS = 15
CLIENTS = 10


@pytest.fixture
def server(built_home: Path, tmp_path: Path) -> Iterator[Server]:
    home = tmp_path / "home"
    shutil.copytree(built_home, home)
    srv = start(home, env={"CLUSTERKB_API_KEY": KEY}, args=["--no-ui"])
    yield srv
    srv.stop()


def test_mixed_load_with_writes_gives_no_error(server: Server) -> None:
    warm(server.base, KEY)  # first-use costs paid first (minutes on a busy machine)
    result = run_load(server.base, clients=CLIENTS, seconds=LOAD_SECONDS, key=KEY,
                      write_every=5, timeout=60, pid=server.proc.pid)  # fmt: skip
    print("\n" + result.report())
    assert result.errors == 0 and result.server_errors == 0 and result.timeouts == 0, (
        result.report()
    )
    for kind in ("read", "race", "ask", "recommend", "write"):
        assert result.kinds[kind].times, f"no {kind} request was answered"
    log = server.stop()
    assert "Traceback" not in log, log[-3000:]


def test_sigterm_stops_the_server_within_seconds_mid_ingest(server: Server) -> None:
    """A server parsing a large upload ignored SIGTERM for over ten minutes."""
    sentences = [
        f"The Weaver Cluster number {i} in Gaya is supported by SFURTI." for i in range(6000)
    ]
    text = "\n".join(sentences).encode()

    def upload() -> None:
        try:
            httpx.post(f"{server.base}/api/v1/documents", headers={"X-API-Key": KEY},
                       files={"files": ("long-report.txt", text, "text/plain")}, timeout=600)  # fmt: skip
        except httpx.HTTPError:
            pass  # the server goes away mid-request

    uploading = threading.Thread(target=upload)
    uploading.start()
    time.sleep(3)
    assert server.proc.poll() is None
    started = time.perf_counter()
    server.proc.terminate()
    server.proc.wait(timeout=60)
    took = time.perf_counter() - started
    uploading.join()
    print(f"\nSIGTERM mid-ingest: stopped in {took:.1f} s")
    assert took < 15
    # the store opens again whole: the document is there entirely or not at all
    again = start(
        Path(server.log.parent) / "home", env={"CLUSTERKB_API_KEY": KEY}, args=["--no-ui"]
    )
    try:
        docs = {d["id"]: d for d in httpx.get(f"{again.base}/api/v1/documents").json()}
        if "doc:long-report" in docs:
            assert docs["doc:long-report"]["sentences"] == len(sentences)
    finally:
        again.stop()
