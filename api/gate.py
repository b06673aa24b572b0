"""A bounded pool for the routes whose work is CPU-heavy (ask, recommend, document upload and
preview): at most `slots` run at once, at most `queue` wait, and none waits longer than `wait`
seconds; past that the answer is 503 with Retry-After at once, not a minute-long hang.

On a two-core machine more than two model-bound requests at a time only slow each other; a
client told to come back in a few seconds (and the load bench does) gets its answer sooner
than one left queued behind fifty others.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio

from api.errors import APIError

SLOTS = 2  # heavy requests running at once
QUEUE = 16  # heavy requests waiting for a slot
WAIT = 30.0  # seconds one may wait for a slot
RETRY_AFTER = 2  # seconds a refused client is told to wait


class Gate:
    """Admission to the heavy routes (module docstring)."""

    def __init__(self, slots: int = SLOTS, queue: int = QUEUE, wait: float = WAIT):
        self.slots, self.queue, self.wait = slots, queue, wait
        self._free = anyio.Semaphore(slots)
        self.waiting = 0

    def busy(self, why: str) -> APIError:
        return APIError(
            503,
            f"the server is busy ({why}); retry in {RETRY_AFTER} s",
            {"running": self.slots - self._free.value, "waiting": self.waiting},
            headers={"Retry-After": str(RETRY_AFTER)},
        )

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self._free.value == 0 and self.waiting >= self.queue:
            raise self.busy(f"{self.slots} heavy requests running and {self.waiting} waiting")
        self.waiting += 1
        try:
            with anyio.fail_after(self.wait):
                await self._free.acquire()
        except TimeoutError:
            raise self.busy(f"no slot within {self.wait:g} s") from None
        finally:
            self.waiting -= 1
        try:
            yield
        finally:
            self._free.release()
