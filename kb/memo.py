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
from collections.abc import Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")

SIZE = 512  # entries kept per memo


class Memo(Generic[V]):
    """At most `size` values, the least recently used dropped first."""

    def __init__(self, size: int = SIZE):
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

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
