"""Graph stores: the protocol (`base`) and its backends, chosen by settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kb.errors import StoreError

if TYPE_CHECKING:
    from kb.config import Settings
    from kb.store.base import GraphStore


def open_store(settings: Settings) -> GraphStore:
    if settings.store == "memory":
        from kb.store.memory import MemoryStore

        return MemoryStore(settings.graph_dir)
    raise StoreError(
        f"store backend {settings.store!r} is not available in this version; "
        "unset CLUSTERKB_STORE to use the embedded store"
    )
