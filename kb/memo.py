"""A bounded, thread-safe least-recently-used map: answers and plans already given.

The server answers the same question many times (several officers, the UI's follow-ups,
a tool polling); each answer costs a question parse and an evidence pool, a plan a walk of the
registry. Whoever owns a memo throws it away with the state it was computed from (after a
write), so an entry is never older than the graph it was read from.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")

SIZE = 512  # entries kept per memo


class Memo(Generic[V]):
    """At most `size` values, the least recently used dropped first; each value is kept with
    the arguments of the call that made it (so the calls can be made again on new state), and
    a value being computed is computed once (`compute`; `pending` tells who may wait for it)."""

    def __init__(self, size: int = SIZE):
        self.size = size
        self._items: OrderedDict[Hashable, tuple[tuple[Any, ...], V]] = OrderedDict()
        self._flight: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            held = self._items.get(key)
            if held is None:
                return None
            self._items.move_to_end(key)
            return held[1]

    def put(self, key: Hashable, value: V, args: tuple[Any, ...] = ()) -> None:
        with self._lock:
            self._items[key] = (args, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def pending(self, key: Hashable) -> bool:
        """Whether the value of `key` is being computed now."""
        with self._lock:
            return key in self._flight

    def compute(self, key: Hashable, args: tuple[Any, ...], fn: Callable[..., V]) -> V:
        """The value of `key`: kept, or `fn(*args)` — computed by one caller at a time; a
        caller arriving meanwhile waits for it (and computes it itself if that one failed)."""
        while True:
            with self._lock:
                held = self._items.get(key)
                if held is not None:
                    self._items.move_to_end(key)
                    return held[1]
                running = self._flight.get(key)
                if running is None:
                    running = self._flight[key] = threading.Event()
                    break
            running.wait()
        try:
            value = fn(*args)
            self.put(key, value, args)
            return value
        finally:
            with self._lock:
                self._flight.pop(key, None)
            running.set()

    def recent(self, n: int) -> list[tuple[Any, ...]]:
        """The arguments of the `n` most recently used calls, most recent first."""
        with self._lock:
            return [args for args, _ in list(reversed(self._items.values()))[:n]]

    def __len__(self) -> int:
        return len(self._items)


def key_of(*parts: Any) -> str:
    """One string for the arguments of a call (texts with their spacing collapsed, models
    by their fields), equal for calls that must give the same result."""

    def plain(x: Any) -> Any:
        if hasattr(x, "model_dump"):
            return x.model_dump()
        if isinstance(x, str):
            return " ".join(x.split())
        if isinstance(x, list | tuple):
            return [plain(i) for i in x]
        return x

    return json.dumps([plain(p) for p in parts], sort_keys=True, default=str)
