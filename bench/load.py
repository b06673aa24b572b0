"""Mixed load on a real server: N clients for T seconds reading, asking and recommending while
one writer uploads and deletes a document every W seconds (issue 17's load test).

Each client loops over reads (entity search, an entity, its neighbours, the document list,
stats, an entity of the document being written and deleted), asks and recommends. A 503 with
Retry-After (the server's bounded pool is full) is waited out and retried within the client's
timeout, and counted as `shed`; a 404 for the written document's entity is expected (it comes
and goes). A 504 (the request's work passed the server's deadline, api.deadline) is counted
as `504` and among the timeouts, as is a request past the client's timeout; everything else
that is not 2xx is an error. Prints per kind: requests, errors, 5xx, timeouts, 504s, shed,
p50/p95; the server's RSS at the start and the end, and every --sample seconds between.

Usage: python bench/load.py [--clients 50] [--seconds 60] [--write-every 10] [--sample 60] [--questions FILE]
       (builds a KB in a temporary home and starts `clusterkb serve` with a key), or
       python bench/load.py --base http://127.0.0.1:7860 --key KEY --pid PID
       (a running server, warmed up first with one request of each kind)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402

from bench.stats import percentiles  # noqa: E402

QUESTIONS = [
    "Who anchors the Muzaffarpur bag cluster?",
    "What is the ODOP product of Gaya?",
    "Which agency mobilised women in Muzaffarpur?",
    "Which schemes support the Umden Eri Cluster?",
    "Which clusters are in Bokaro?",
]
NAMES = ["Muzaffarpur", "Gaya", "handloom", "SFURTI", "bamboo", "Bokaro", "JEEViKA", "makhana"]
ENTITIES = ["cluster:muzaffarpur-bag-cluster", "district:bihar:gaya", "state:bihar",
            "scheme:scheme-of-fund-for-regeneration-of-traditional-industries"]  # fmt: skip
PLANS = [("Gaya", "Handloom"), ("Muzaffarpur", "Leather bags"), ("Nalanda", "Bawan Buti"),
         ("Bokaro", "Iron")]  # fmt: skip
DOC_NAME = "load-test-note.txt"
DOC_TEXT = (b"The Load Test Weavers Cluster in Gaya is supported by SFURTI.\n"
            b"The Load Test Weavers Cluster is mobilised by JEEViKA.\n")  # fmt: skip
DOC_ID = "doc:load-test-note"
DOC_ENTITY = "cluster:load-test-weavers-cluster"


@dataclass
class Kind:
    times: list[float] = field(default_factory=list)  # ms of answered requests
    errors: int = 0
    server_errors: int = 0
    timeouts: int = 0  # the client's timeout, or a 504 from the server's deadline
    deadline: int = 0  # 504s
    shed: int = 0
    examples: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    kinds: dict[str, Kind]
    rss_start_mb: float | None
    rss_end_mb: float | None
    seconds: float
    rss_samples: list[tuple[float, float | None]] = field(default_factory=list)  # (s, MB)

    @property
    def errors(self) -> int:
        return sum(k.errors for k in self.kinds.values())

    @property
    def server_errors(self) -> int:
        return sum(k.server_errors for k in self.kinds.values())

    @property
    def timeouts(self) -> int:
        return sum(k.timeouts for k in self.kinds.values())

    def report(self) -> str:
        lines = [
            f"{self.seconds:.0f} s; RSS start {self.rss_start_mb} MB, end {self.rss_end_mb} MB"
        ]
        if self.rss_samples:
            lines.append(
                "  RSS MB at " + ", ".join(f"{s:.0f} s {mb}" for s, mb in self.rss_samples)
            )
        for name, k in sorted(self.kinds.items()):
            figures = percentiles(k.times) if k.times else "no answers"
            lines.append(f"  {name:<10} {len(k.times):6d} answered  errors {k.errors}  5xx "
                         f"{k.server_errors}  timeouts {k.timeouts} (504: {k.deadline})  "
                         f"shed {k.shed}  {figures}")  # fmt: skip
            lines += [f"      e.g. {e}" for e in k.examples[:3]]
        return "\n".join(lines)


def rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def run_load(
    base: str,
    clients: int = 50,
    seconds: float = 60,
    key: str | None = None,
    write_every: float = 10,
    timeout: float = 60,
    pid: int | None = None,
    sample: float = 60,
) -> LoadResult:
    """The mixed load against `base` (see the module docstring); the RSS of process `pid`
    at the start, every `sample` seconds and at the end."""
    kinds = {name: Kind() for name in ("read", "race", "ask", "recommend", "write")}
    lock = threading.Lock()
    begun = time.monotonic()
    stop_at = begun + seconds
    rss_start = rss_mb(pid)
    samples: list[tuple[float, float | None]] = [(0.0, rss_start)]

    def sampler() -> None:
        while time.monotonic() + sample < stop_at:
            time.sleep(sample)
            samples.append((time.monotonic() - begun, rss_mb(pid)))

    def call(h: httpx.Client, kind: str, method: str, url: str, ok: tuple[int, ...] = (200,),
             **kw: object) -> None:  # fmt: skip
        k = kinds[kind]
        started = time.perf_counter()
        deadline = time.monotonic() + timeout
        while True:
            try:
                r = h.request(method, url, timeout=max(1.0, deadline - time.monotonic()), **kw)  # type: ignore[arg-type]
            except httpx.TimeoutException:
                with lock:
                    k.timeouts += 1
                return
            except httpx.HTTPError as e:
                with lock:
                    k.errors += 1
                    k.examples.append(f"{method} {url}: {type(e).__name__}")
                return
            if r.status_code == 503 and "retry-after" in r.headers:
                wait = float(r.headers["retry-after"])
                with lock:
                    k.shed += 1
                if time.monotonic() + wait < deadline:
                    time.sleep(wait * random.uniform(0.5, 1.5))
                    continue
                with lock:
                    k.timeouts += 1
                return
            break
        ms = (time.perf_counter() - started) * 1000
        with lock:
            k.times.append(ms)
            if r.status_code == 504:
                k.timeouts += 1
                k.deadline += 1
                k.examples.append(f"{method} {url}: 504 {r.text[:120]}")
            elif r.status_code not in ok:
                k.errors += 1
                k.server_errors += r.status_code >= 500
                k.examples.append(f"{method} {url}: {r.status_code} {r.text[:120]}")

    def client(c: int) -> None:
        rng = random.Random(c)
        with httpx.Client(base_url=f"{base}/api/v1") as h:
            while time.monotonic() < stop_at:
                roll = rng.random()
                if roll < 0.15:
                    call(h, "ask", "POST", "/ask", json={"question": rng.choice(QUESTIONS)})
                elif roll < 0.25:
                    district, product = rng.choice(PLANS)
                    call(h, "recommend", "POST", "/recommend",
                         json={"district": district, "product": product})  # fmt: skip
                elif roll < 0.35:
                    call(h, "race", "GET", f"/entities/{DOC_ENTITY}", ok=(200, 404))
                    call(h, "race", "GET", f"/documents/{DOC_ID}", ok=(200, 404))
                else:
                    which = rng.randrange(5)
                    if which == 0:
                        call(h, "read", "GET", "/entities", params={"q": rng.choice(NAMES)})
                    elif which == 1:
                        call(h, "read", "GET", f"/entities/{rng.choice(ENTITIES)}")
                    elif which == 2:
                        call(h, "read", "GET", f"/entities/{rng.choice(ENTITIES)}/neighbors")
                    elif which == 3:
                        call(h, "read", "GET", "/documents")
                    else:
                        call(h, "read", "GET", "/stats")

    def writer() -> None:
        headers = {"X-API-Key": key or ""}
        with httpx.Client(base_url=f"{base}/api/v1") as h:
            while time.monotonic() < stop_at:
                started = time.monotonic()
                call(h, "write", "POST", "/documents", ok=(201,), headers=headers,
                     files={"files": (DOC_NAME, DOC_TEXT, "text/plain")})  # fmt: skip
                time.sleep(min(1.0, max(0.0, stop_at - time.monotonic())))
                call(h, "write", "DELETE", f"/documents/{DOC_ID}", headers=headers)
                time.sleep(max(0.0, min(write_every - (time.monotonic() - started),
                                        stop_at - time.monotonic())))  # fmt: skip

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    if key:
        threads.append(threading.Thread(target=writer))
    if pid is not None and sample > 0:
        threads.append(threading.Thread(target=sampler, daemon=True))
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - started
    rss_end = rss_mb(pid)
    if pid is not None and sample > 0:
        samples.append((took, rss_end))
    return LoadResult(kinds, rss_start, rss_end, took, samples)


def warm(base: str, key: str | None, timeout: float = 900) -> None:
    """One of each request the load makes, one at a time, so that what a server builds on
    first use (model, indexes, name vectors, the rebuild after a write) is paid before the
    load is measured. A request past the server's deadline (504) or refused as busy (503) is
    asked again (what it built meanwhile is kept) until it is answered or `timeout` passes."""
    give_up = time.monotonic() + timeout
    with httpx.Client(base_url=f"{base}/api/v1", timeout=timeout) as h:

        def until_answered(method: str, url: str, **kw: object) -> None:
            while True:
                r = h.request(method, url, **kw)  # type: ignore[arg-type]
                if r.status_code not in (503, 504) or time.monotonic() > give_up:
                    return
                time.sleep(1)

        for question in QUESTIONS[:5]:
            until_answered("POST", "/ask", json={"question": question})
        for district, product in PLANS:
            until_answered("POST", "/recommend", json={"district": district, "product": product})
        if key:
            headers = {"X-API-Key": key}
            until_answered("POST", "/documents", headers=headers,
                           files={"files": (DOC_NAME, DOC_TEXT, "text/plain")})  # fmt: skip
            until_answered("POST", "/ask", json={"question": QUESTIONS[0]})
            until_answered("DELETE", f"/documents/{DOC_ID}", headers=headers)


def warmed_up(log: Path, timeout: float = 1800) -> None:
    """Wait until the server's log says its warm-up after listening has ended (clusterkb.cli),
    so that what it builds is not measured as growth."""
    from clusterkb.cli import WARMED_UP

    give_up = time.monotonic() + timeout
    while time.monotonic() < give_up:
        text = log.read_text(errors="replace")
        if WARMED_UP in text or "warm-up failed" in text:
            return
        time.sleep(2)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--write-every", type=float, default=10)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--sample", type=float, default=60, help="seconds between RSS samples")
    ap.add_argument("--deadline", type=float, default=30,
                    help="the started server's CLUSTERKB_REQUEST_DEADLINE (its default)")  # fmt: skip
    ap.add_argument("--base", help="a running server (else one is built and started)")
    ap.add_argument("--key", help="its CLUSTERKB_API_KEY (writes are skipped without)")
    ap.add_argument("--pid", type=int, help="its process id, for RSS")
    ap.add_argument("--questions", type=Path,
                    help="ask these instead (JSON lines with a 'question'), e.g. the dev set's "
                         "100: most asks are then new to the server, not answered before")  # fmt: skip
    args = ap.parse_args()
    if args.questions:
        lines = args.questions.read_text(encoding="utf-8").splitlines()
        QUESTIONS[:] = [json.loads(line)["question"] for line in lines if line.strip()]
    if args.base:
        warm(args.base, args.key)
        result = run_load(args.base, args.clients, args.seconds, args.key, args.write_every,
                          args.timeout, args.pid, args.sample)  # fmt: skip
        print(result.report())
        return
    from clusterkb.service import KnowledgeBase
    from kb.config import REPO_DATA, Settings
    from tests.servers import start

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        kb = KnowledgeBase(Settings(home=home, data_dir=REPO_DATA))
        kb.build()
        kb.close()
        key = "load-bench-key"
        env = {"CLUSTERKB_API_KEY": key, "CLUSTERKB_REQUEST_DEADLINE": str(args.deadline)}
        server = start(home, env=env, args=["--no-ui"])
        try:
            warmed_up(server.log)
            warm(server.base, key)
            print(f"{args.clients} clients for {args.seconds:g} s, an upload and a delete every "
                  f"{args.write_every:g} s, uvicorn on loopback, request deadline "
                  f"{args.deadline:g} s")  # fmt: skip
            result = run_load(server.base, args.clients, args.seconds, key, args.write_every,
                              args.timeout, server.proc.pid, args.sample)  # fmt: skip
            print(result.report())
        finally:
            server.stop()


if __name__ == "__main__":
    main()
