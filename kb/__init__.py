"""clusterkb's knowledge base: ontology, stores, resolution and the KnowledgeBase service."""

from __future__ import annotations

from typing import Any

__all__ = ["KnowledgeBase", "Settings"]


def __getattr__(name: str) -> Any:  # lazy, so `import kb` stays cheap
    if name == "KnowledgeBase":
        from kb.service import KnowledgeBase

        return KnowledgeBase
    if name == "Settings":
        from kb.config import Settings

        return Settings
    raise AttributeError(name)
