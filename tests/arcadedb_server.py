"""An ArcadeDB server with the Neo4j Bolt plugin, run as a subprocess by the test fixtures.

    python -m tests.arcadedb_server ROOT BOLT_PORT HTTP_PORT PASSWORD DATABASE

Listens on loopback only; prints READY when the database exists; runs until killed.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(root: Path, timeout: float = 120) -> tuple[subprocess.Popen[bytes], dict[str, str]]:
    """Start a server in a subprocess under `root`; return it and its NEO4J_* settings."""
    root.mkdir(parents=True, exist_ok=True)
    bolt, http, password, database = _free_port(), _free_port(), "clusterkb-test", "clusterkb"
    log_path = root / "server.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.arcadedb_server", str(root / "db"), str(bolt), str(http)]
            + [password, database],
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + timeout
    while "READY" not in log_path.read_text(errors="replace"):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"ArcadeDB did not start:\n{log_path.read_text()}")
        time.sleep(0.2)
    env = {
        "NEO4J_URI": f"bolt://127.0.0.1:{bolt}",
        "NEO4J_USER": "root",
        "NEO4J_PASSWORD": password,
        "NEO4J_DATABASE": database,
    }
    return proc, env


def main() -> None:
    import arcadedb_embedded as arcadedb

    root, bolt, http, password, database = sys.argv[1:6]
    server = arcadedb.create_server(
        root,
        root_password=password,
        config={
            "host": "127.0.0.1",
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "bolt_port": int(bolt),
            "http_port": int(http),
        },
    )
    server.start()
    server.create_database(database)
    print("READY", flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
