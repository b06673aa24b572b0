"""The per-request deadline (api.deadline, kb.deadline): work that checks it stops there; work
that does not is abandoned a grace period later, the caller answered all the same; stopping
the server cuts the deadlines in flight. Hand-written work functions, no server."""

from __future__ import annotations

import threading
import time

import anyio
import pytest

from api.deadline import Deadlines, run
from kb.deadline import Deadline, check, within
from kb.errors import DeadlineExceeded


def checking_loop(stop: threading.Event) -> str:
    """Work that checks its deadline every round, as the core's long loops do."""
    while not stop.is_set():
        check()
        time.sleep(0.005)
    return "stopped from outside"


def test_check_raises_only_under_a_passed_deadline() -> None:
    check()  # no deadline: nothing happens
    with within(Deadline(3600, "long work")):
        check()
    with within(Deadline(0, "the test's work")), pytest.raises(DeadlineExceeded) as caught:
        check()
    assert "deadline of 0 s" in str(caught.value) and "the test's work" in str(caught.value)
    check()  # the deadline ended with its block


def test_work_that_checks_stops_at_its_deadline_and_is_not_abandoned() -> None:
    deadlines = Deadlines()
    deadline = deadlines.start(0.05, "GET /checking")
    stop = threading.Event()

    async def main() -> None:
        await run(deadlines, deadline, checking_loop, stop, grace=30)

    with pytest.raises(DeadlineExceeded) as caught:
        anyio.run(main)
    stop.set()
    assert caught.value.deadline is deadline and not deadline.stopping
    assert deadlines.abandoned == 0


def test_work_that_never_checks_is_abandoned_after_the_grace() -> None:
    deadlines = Deadlines()
    deadline = deadlines.start(0.05, "GET /stuck")
    release = threading.Event()
    finished = threading.Event()

    def stuck() -> None:  # a C call that never returns to Python, say
        release.wait(60)
        finished.set()

    async def main() -> None:
        await run(deadlines, deadline, stuck, grace=0.2)

    with pytest.raises(DeadlineExceeded):
        anyio.run(main)
    assert not finished.is_set()  # answered while the thread still runs
    assert deadlines.abandoned == 1
    release.set()
    assert finished.wait(10)
    for _ in range(100):  # the thread counts itself out as it ends
        if deadlines.abandoned == 0:
            break
        time.sleep(0.05)
    assert deadlines.abandoned == 0


def test_work_within_its_deadline_returns_its_value_and_errors() -> None:
    deadlines = Deadlines()

    async def main() -> tuple[int, str]:
        value = await run(deadlines, deadlines.start(60, "GET /sum"), sum, [1, 2, 3])
        try:
            await run(deadlines, deadlines.start(60, "GET /fails"), int, "x")
        except ValueError as e:
            return value, str(e)
        return value, ""

    value, error = anyio.run(main)
    assert value == 6 and "invalid literal" in error


def test_stopping_cuts_deadlines_in_flight_and_new_ones() -> None:
    deadlines = Deadlines()
    running = deadlines.start(3600, "POST /api/v1/ask")
    stop = threading.Event()
    outcome: list[BaseException] = []

    async def main() -> None:
        await run(deadlines, running, checking_loop, stop, grace=30)

    def serve() -> None:
        try:
            anyio.run(main)
        except DeadlineExceeded as e:
            outcome.append(e)

    thread = threading.Thread(target=serve)
    thread.start()
    time.sleep(0.1)
    deadlines.stop(0.05)  # SIGTERM
    thread.join(30)
    stop.set()
    assert not thread.is_alive()
    assert len(outcome) == 1
    assert running.stopping and "server is stopping" in str(outcome[0])
    later = deadlines.start(3600, "GET /api/v1/entities")
    assert later.stopping and later.remaining() <= 0.05
