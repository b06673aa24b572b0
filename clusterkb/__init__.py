"""The composition root: the KnowledgeBase service, the `clusterkb` command, the evaluation
commands and the server. The only package that wires the core (`kb`) and `ingest` together;
the front ends (`api`, `ui`) call the service it defines."""

from __future__ import annotations

from typing import Any

from kb import __version__

__all__ = ["KnowledgeBase", "Settings", "__version__"]


def __getattr__(name: str) -> Any:  # lazy, so `import clusterkb` stays cheap
    if name == "KnowledgeBase":
        from clusterkb.service import KnowledgeBase

        return KnowledgeBase
    if name == "Settings":
        from kb.config import Settings

        return Settings
    raise AttributeError(name)
