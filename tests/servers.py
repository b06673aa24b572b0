"""Start `clusterkb serve` as a real uvicorn process on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
# The request deadline of a test server (CLUSTERKB_REQUEST_DEADLINE) unless the test sets one:
# tests assert what is answered, not how fast, and a cold server on the shared machine has
# taken 40 s over its first plan; the deadline's own tests (tests/e2e/test_deadline.py) and
# bench/load.py set theirs.
TEST_DEADLINE = "600"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, proc: subprocess.Popen[bytes], base: str, log: Path):
        self.proc, self.base, self.log = proc, base, log

    def stop(self) -> str:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return self.log.read_text(errors="replace")


def start(
    home: Path,
    timeout: float = 120,
    env: dict[str, str] | None = None,
    args: list[str] | None = None,
) -> Server:
    """`clusterkb serve` on a free port; returns once /api/v1/health answers."""
    port = free_port()
    log = home.parent / f"serve-{port}.log"
    full_env = {"CLUSTERKB_REQUEST_DEADLINE": TEST_DEADLINE, **os.environ,
                "CLUSTERKB_HOME": str(home), **(env or {})}  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "clusterkb.cli", "serve", "--port", str(port), *(args or [])],
            cwd=REPO,
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return Server(proc, base, log)
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    proc.wait()
    raise AssertionError(f"server did not start: {log.read_text(errors='replace')[-3000:]}")
