"""Which files can become documents, and the safe name an uploaded file is kept under."""

from __future__ import annotations

import re

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}


def safe_filename(name: str) -> str:
    """A file name that cannot leave the folder it is written to: the last part of `name`,
    anything but letters, digits, dot, dash and underscore replaced, no leading dots ('' if
    nothing is left)."""
    base = re.split(r"[\\/]", name or "")[-1]
    return re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip("._")[:120]
