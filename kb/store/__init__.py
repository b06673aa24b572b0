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
    if settings.store == "neo4j":
        from kb.store.neo4j import Neo4jStore

        if not settings.neo4j_uri:
            raise StoreError(
                "CLUSTERKB_STORE=neo4j needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD)"
            )
        return Neo4jStore(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password,
            settings.neo4j_database,
        )
    raise StoreError(
        f"store backend {settings.store!r} is not available in this version; "
        "unset CLUSTERKB_STORE to use the embedded store"
    )
