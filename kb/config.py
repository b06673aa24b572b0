"""One settings object, read from the environment when the CLI or app starts (never at import)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kb.errors import InputError

REPO_DATA = Path(__file__).resolve().parent.parent / "data"  # in a checkout (and editable install)
INSTALLED_DATA = Path(sys.prefix) / "share" / "clusterkb" / "data"  # pyproject data-files


def bundled_data() -> Path:
    """The bundled data folder: the checkout's data/, else the copy a wheel installs under
    <prefix>/share/clusterkb/data. Building from a folder without tables/ fails with a message
    naming CLUSTERKB_DATA (ingest.build.read_tables)."""
    for folder in (REPO_DATA, INSTALLED_DATA):
        if (folder / "tables").is_dir():
            return folder
    return REPO_DATA


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class Settings:
    home: Path
    store: str = "memory"
    data_dir: Path = REPO_DATA
    neo4j_uri: str | None = None
    neo4j_user: str | None = None
    neo4j_password: str | None = None
    neo4j_database: str | None = None
    api_key: str | None = None
    llm: str | None = None  # a LangChain "provider:model" for optional LLM extraction
    max_upload_mb: float = 20.0  # per upload request (CLUSTERKB_MAX_UPLOAD_MB)
    cors_origins: tuple[str, ...] = ()  # CLUSTERKB_CORS_ORIGINS, comma-separated; none by default
    # host names the server answers for (CLUSTERKB_ALLOWED_HOSTS, comma-separated; '*': any)
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    # seconds the server gives one request's work (CLUSTERKB_REQUEST_DEADLINE; api.deadline)
    request_deadline: float = 30.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        home = Path(env.get("CLUSTERKB_HOME") or Path.home() / ".clusterkb").expanduser()
        store = (env.get("CLUSTERKB_STORE") or "memory").strip().lower()
        if store not in ("memory", "neo4j"):
            raise InputError(f"CLUSTERKB_STORE={store!r}: use 'memory' (default) or 'neo4j'")
        if store == "neo4j" and not env.get("NEO4J_URI"):
            raise InputError("CLUSTERKB_STORE=neo4j needs NEO4J_URI, e.g. bolt://127.0.0.1:7687")
        return cls(
            home=home,
            store=store,
            data_dir=Path(env.get("CLUSTERKB_DATA") or bundled_data()).expanduser(),
            neo4j_uri=env.get("NEO4J_URI"),
            neo4j_user=env.get("NEO4J_USER"),
            neo4j_password=env.get("NEO4J_PASSWORD"),
            neo4j_database=env.get("NEO4J_DATABASE"),
            api_key=env.get("CLUSTERKB_API_KEY") or None,
            llm=env.get("CLUSTERKB_LLM") or None,
            max_upload_mb=_positive(env, "CLUSTERKB_MAX_UPLOAD_MB", 20.0),
            cors_origins=_list(env, "CLUSTERKB_CORS_ORIGINS"),
            allowed_hosts=_list(env, "CLUSTERKB_ALLOWED_HOSTS") or LOOPBACK_HOSTS,
            request_deadline=_positive(env, "CLUSTERKB_REQUEST_DEADLINE", 30.0, "seconds"),
        )

    def accepts_key(self, key: str | None) -> bool:
        """Whether `key` is the configured API key (never true when none is configured)."""
        import secrets

        return bool(self.api_key and key) and secrets.compare_digest(
            str(key).encode(), str(self.api_key).encode()
        )

    @property
    def uploads_dir(self) -> Path:
        return self.home / "uploads"

    @property
    def graph_dir(self) -> Path:
        return self.home / "graph"


def _list(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    return tuple(o.strip() for o in (env.get(name) or "").split(",") if o.strip())


def _positive(env: Mapping[str, str], name: str, default: float, unit: str = "megabytes") -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise InputError(f"{name}={raw!r}: give a positive number of {unit}")
    return value
