"""The per-request deadline: the CPU-heavy work of a request (an answer, a plan, a preview, an
entity search or page) runs in a worker thread under a deadline (CLUSTERKB_REQUEST_DEADLINE,
counted from the request's arrival, its wait for a slot of api.gate included).

The core's long loops check it (kb.deadline) and stop, so the thread comes back; the client
gets 504 in the one error shape naming what timed out. Work that does not reach a check
within GRACE seconds past the deadline is abandoned: the client gets its 504 all the same and
the request's slot in the pool is given back; the thread runs on to its end (logged).
On SIGTERM the server cuts every deadline in flight to its shutdown grace (`Deadlines.stop`),
so running work stops and answers 503 before uvicorn closes the connections.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import anyio

from kb.deadline import Deadline, check, within
from kb.errors import DeadlineExceeded

log = logging.getLogger("clusterkb.api")

T = TypeVar("T")

GRACE = 2.0  # seconds past the deadline a thread may take to reach a check before it is abandoned
POLL = 0.5  # seconds between looks at a deadline that may have been cut (SIGTERM)


class Deadlines:
    """The deadlines of the requests in flight, so that stopping the server can cut them."""

    def __init__(self) -> None:
        self._active: set[Deadline] = set()
        self._lock = threading.Lock()
        self._stop_in: float | None = None  # the server is stopping: new work gets this long
        self.abandoned = 0  # threads abandoned past their deadline and still running

    def start(self, seconds: float, what: str) -> Deadline:
        deadline = Deadline(seconds, what)
        with self._lock:
            if self._stop_in is not None:
                deadline.cut(self._stop_in)
            self._active.add(deadline)
        return deadline

    def end(self, deadline: Deadline) -> None:
        with self._lock:
            self._active.discard(deadline)

    def stop(self, seconds: float) -> None:
        """The server is stopping: every deadline in flight (and any started from now on)
        ends at most `seconds` from now. Safe in a signal handler (no lock waited for)."""
        self._stop_in = seconds
        for deadline in list(self._active):
            deadline.cut(seconds)

    def count_abandoned(self, change: int) -> None:
        with self._lock:
            self.abandoned += change


async def run(
    deadlines: Deadlines,
    deadline: Deadline,
    fn: Callable[..., T],
    *args: Any,
    grace: float = GRACE,
) -> T:
    """`fn(*args)` in a worker thread under `deadline` (module docstring): its result, or
    DeadlineExceeded once the work stopped at its deadline or was abandoned `grace` seconds
    after it."""
    state: dict[str, Any] = {"ended": False, "abandoned": False}
    lock = threading.Lock()

    def call() -> T:
        try:
            with within(deadline):
                check()  # waited past its deadline already: do not start
                return fn(*args)
        finally:
            with lock:
                state["ended"] = True
                if state["abandoned"]:
                    deadlines.count_abandoned(-1)
                    log.warning("%s: abandoned work ended %.1f s after its deadline",
                                deadline.what, -deadline.remaining())  # fmt: skip

    done = anyio.Event()

    async def worker() -> None:
        try:
            state["value"] = await anyio.to_thread.run_sync(call, abandon_on_cancel=True)
        except Exception as e:  # noqa: BLE001 - handed to the caller below
            state["error"] = e
        finally:
            done.set()

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(worker)
        while not done.is_set():
            with anyio.move_on_after(max(0.01, min(POLL, deadline.remaining() + grace))):
                await done.wait()
            if done.is_set() or deadline.remaining() + grace > 0:
                continue
            with lock:  # past the deadline and its grace: abandon the thread, unless it ended
                state["abandoned"] = not state["ended"]
            if state["abandoned"]:
                deadlines.count_abandoned(+1)
                tasks.cancel_scope.cancel()
                break
    if state["abandoned"]:
        log.warning("%s: work abandoned %g s past its deadline of %g s (%d abandoned threads "
                    "running)", deadline.what, grace, deadline.seconds, deadlines.abandoned)  # fmt: skip
        raise deadline.error()
    if "error" in state:
        if isinstance(state["error"], DeadlineExceeded):
            log.info("%s: stopped at its deadline of %g s (%s)", deadline.what, deadline.seconds,
                     "the server is stopping" if deadline.stopping else "timed out")  # fmt: skip
        raise state["error"]
    value: T = state["value"]
    return value
