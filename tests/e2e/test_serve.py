"""`clusterkb serve`: a real uvicorn process on a free loopback port."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.servers import Server, start


def _start(home: Path, timeout: float) -> tuple[Server, str]:
    server = start(home, timeout, args=["--no-ui"])
    return server, server.base


@pytest.fixture(scope="module")
def server(built_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("serve") / "home"
    shutil.copytree(built_home, home)
    server, base = _start(home, 60)
    yield base
    server.stop()


def test_health_and_stats(server: str) -> None:
    health = httpx.get(f"{server}/api/v1/health").json()
    assert health["status"] == "ok" and health["store"] == "memory" and health["version"]
    stats = httpx.get(f"{server}/api/v1/stats").json()
    assert stats["nodes_by_type"]["District"] > 700


def test_index_page_serves_html(server: str) -> None:
    r = httpx.get(f"{server}/")
    assert r.status_code == 200 and "clusterkb" in r.text and "/docs" in r.text


def test_unknown_route_is_a_json_error(server: str) -> None:
    r = httpx.get(f"{server}/api/v1/nothing-here")
    assert r.status_code == 404
    assert r.json()["error"]["status"] == 404 and r.json()["error"]["message"]


def test_serve_builds_an_empty_home_first(tmp_path: Path) -> None:
    server, base = _start(tmp_path / "new", 120)
    try:
        assert httpx.get(f"{base}/api/v1/stats").json()["nodes"] > 3000
    finally:
        server.stop()
