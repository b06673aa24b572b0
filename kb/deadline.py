"""A deadline on the work of one request, checked by the long loops of the core (cooperative
cancellation): the API sets one around each CPU-heavy request (api.deadline) and the loops
that can run long — the recommender's per-cluster loop, the evidence loop of an answer —
call `check()`, which raises DeadlineExceeded once the deadline has passed, so the work stops
and its worker thread comes back instead of running on for nobody.

Without a deadline set (the CLI, the background rebuild, tests) `check()` is one read of a
context variable. A thread started for a request runs under the deadline only if it enters
`within(deadline)` itself (api.deadline does).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from kb.errors import DeadlineExceeded


class Deadline:
    """`seconds` from now, for work described by `what` ("this answer"); `cut` brings it
    forward (the server stopping)."""

    def __init__(self, seconds: float, what: str = "this request"):
        self.seconds, self.what = seconds, what
        self.started = time.monotonic()
        self.at = self.started + seconds
        self.stopping = False  # cut short because the server is stopping

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def expired(self) -> bool:
        return time.monotonic() >= self.at

    def cut(self, seconds: float) -> None:
        """End at most `seconds` from now: the server is stopping."""
        self.stopping = True
        self.at = min(self.at, time.monotonic() + seconds)

    def error(self) -> DeadlineExceeded:
        if self.stopping:
            return DeadlineExceeded(f"the server is stopping; {self.what} was cancelled", self)
        return DeadlineExceeded(
            f"{self.what} took longer than the server's deadline of {self.seconds:g} s "
            "(CLUSTERKB_REQUEST_DEADLINE) and was cancelled; ask something narrower or retry "
            "when the server is less busy",
            self,
        )


_current: ContextVar[Deadline | None] = ContextVar("clusterkb_deadline", default=None)


def current() -> Deadline | None:
    """The deadline the work of this thread runs under, if any."""
    return _current.get()


def check() -> None:
    """Raise DeadlineExceeded if the work of this thread has a deadline and it has passed."""
    deadline = _current.get()
    if deadline is not None and deadline.expired():
        raise deadline.error()


@contextmanager
def within(deadline: Deadline) -> Iterator[Deadline]:
    """Run the enclosed work (in this thread) under `deadline`."""
    token = _current.set(deadline)
    try:
        yield deadline
    finally:
        _current.reset(token)
