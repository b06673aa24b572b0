"""`clusterkb serve`: a real uvicorn process on a free loopback port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(home: Path, timeout: float) -> tuple[subprocess.Popen[bytes], str]:
    """`clusterkb serve` on a free port; returns once /api/v1/health answers."""
    port = _free_port()
    env = {**os.environ, "CLUSTERKB_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kb.cli", "serve", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError(f"server did not start: {proc.communicate()[0]!r}")


@pytest.fixture(scope="module")
def server(built_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("serve") / "home"
    shutil.copytree(built_home, home)
    proc, base = _start(home, 60)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def test_health_and_stats(server: str) -> None:
    assert httpx.get(f"{server}/api/v1/health").json() == {"status": "ok", "store": "memory"}
    stats = httpx.get(f"{server}/api/v1/stats").json()
    assert stats["nodes_by_type"]["District"] > 700


def test_index_page_serves_html(server: str) -> None:
    r = httpx.get(f"{server}/")
    assert r.status_code == 200 and "clusterkb" in r.text and "entities" in r.text


def test_unknown_route_is_a_json_error(server: str) -> None:
    r = httpx.get(f"{server}/api/v1/nothing-here")
    assert r.status_code == 404
    assert r.json()["error"]["status"] == 404 and r.json()["error"]["message"]


def test_serve_builds_an_empty_home_first(tmp_path: Path) -> None:
    proc, base = _start(tmp_path / "new", 120)
    try:
        assert httpx.get(f"{base}/api/v1/stats").json()["nodes"] > 3000
    finally:
        proc.terminate()
        proc.wait(timeout=10)
