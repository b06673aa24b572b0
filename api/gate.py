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

    async def _wait_for_slot(self, wait: float) -> None:
        if self.waiting >= self.queue:
            raise self.busy(f"{self.slots} heavy requests running and {self.waiting} waiting")
        self.waiting += 1
        try:
            with anyio.fail_after(max(0.0, wait)):
                await self._free.acquire()
        except TimeoutError:
            raise self.busy(f"no slot within {max(0.0, wait):.3g} s") from None
        finally:
            self.waiting -= 1

    @asynccontextmanager
    async def slot(self, wait: float | None = None) -> AsyncIterator[None]:
        """A slot, waiting at most `wait` seconds (what is left of the request's deadline) or
        `self.wait`; a free slot is taken at once, whatever is left."""
        try:
            self._free.acquire_nowait()
        except anyio.WouldBlock:
            await self._wait_for_slot(self.wait if wait is None else min(wait, self.wait))
        try:
            yield
        finally:
            self._free.release()
