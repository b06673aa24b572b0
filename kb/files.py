"""Which files can become documents, and the safe name an uploaded file is kept under."""

from __future__ import annotations

import re
import unicodedata

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}

# what may not be in a kept file name: path separators, characters Windows refuses, and
# control or unassigned characters (checked by category below)
_UNSAFE = set('/\\<>:"|?*')


def safe_filename(name: str) -> str:
    """A file name that cannot leave the folder it is written to: the last part of `name` in
    Unicode NFC, letters of every script, digits, marks and spaces kept (so 'रिपोर्ट 2023.txt'
    and 'दस्तावेज़ 2023.txt' stay two names), separators, control and other unsafe characters
    replaced by '_', no leading dots or spaces, at most 120 characters ('' if nothing is left)."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    kept = "".join(
        "_" if c in _UNSAFE or unicodedata.category(c)[0] in "CZ" and c != " " else c for c in base
    )
    kept = re.sub(r"_{2,}", "_", " ".join(kept.split())).lstrip(". _")
    if len(kept) > 120:  # keep the suffix that says how to read the file
        stem, dot, suffix = kept.rpartition(".")
        kept = (
            (stem[: 119 - len(suffix)] + dot + suffix) if dot and len(suffix) <= 10 else kept[:120]
        )
    return kept
