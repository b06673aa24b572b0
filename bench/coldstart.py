"""Cold commands and the first question after `serve`, on the bundled KB.

    python bench/coldstart.py [--home DIR] [--runs 3]

Builds the KB with `clusterkb build` into DIR (default: a temporary directory; an existing KB
in DIR is used as it is), then times fresh processes: `clusterkb search` and `clusterkb ask`
(a question that needs sentence search), each --runs times, printing the median wall time and
the peak RSS; then starts `clusterkb serve --no-ui`, waits until it answers /api/v1/health,
and times the first and the second question over HTTP. One JSON line. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "clusterkb.cli"]
SEARCH = "Which schemes funded the Umden Eri CFC?"
ASK = "Which schemes funded the common facility centre of the Umden Eri cluster?"


def run(env: dict[str, str], *args: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, from GNU time) of one fresh `clusterkb` process."""
    t = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *CLI, *args], cwd=REPO, env=env,
                          check=True, capture_output=True, text=True)  # fmt: skip
    wall = time.perf_counter() - t
    return wall, int(proc.stderr.strip().splitlines()[-1]) / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_first_questions(env: dict[str, str]) -> dict[str, float]:
    import httpx

    port = free_port()
    t = time.perf_counter()
    proc = subprocess.Popen(
        [*CLI, "serve", "--no-ui", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.perf_counter() - t > 600:
                raise SystemExit("serve did not start")
            time.sleep(0.1)
        ready = time.perf_counter() - t
        times = []
        for q in (ASK, "Who is the anchor unit of the Muzaffarpur bag cluster?"):
            t1 = time.perf_counter()
            r = httpx.post(f"{base}/ask", json={"question": q}, timeout=600)
            r.raise_for_status()
            times.append(time.perf_counter() - t1)
        return {"serve_ready_s": round(ready, 2), "serve_first_ask_s": round(times[0], 3),
                "serve_second_ask_s": round(times[1], 3)}  # fmt: skip
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(args.home or Path(tmp) / "home")
        env = {**os.environ, "CLUSTERKB_HOME": str(home), "HF_HUB_OFFLINE": "1",
               "PYTHONPATH": str(REPO)}  # fmt: skip
        if not (home / "graph").exists():
            subprocess.run([*CLI, "build"], cwd=REPO, env=env, check=True, capture_output=True)
        out: dict[str, float] = {}
        for name, argv in (("search", ["search", SEARCH]), ("ask", ["ask", ASK])):
            runs = [run(env, *argv) for _ in range(args.runs)]
            out[f"cold_{name}_s"] = round(statistics.median(w for w, _ in runs), 2)
            out[f"cold_{name}_runs_s"] = [round(w, 2) for w, _ in runs]  # type: ignore[assignment]
            out[f"cold_{name}_rss_mb"] = round(max(m for _, m in runs))
        out.update(serve_first_questions(env))
        out["loadavg_1m"] = round(os.getloadavg()[0], 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
