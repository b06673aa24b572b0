"""`clusterkb serve` caps glibc's malloc arenas (clusterkb.server.cap_malloc_arenas): with the
default eight per core the server's RSS grew 44 % in bench/load.py's ten minutes; capped at
two it stayed flat (figures in docs/security.md). The operator's MALLOC_ARENA_MAX wins."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

from tests.servers import REPO

CALL = "from clusterkb.server import cap_malloc_arenas; print(cap_malloc_arenas())"


def capped(env: dict[str, str]) -> str:
    out = subprocess.run([sys.executable, "-c", CALL], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=120, check=True)  # fmt: skip
    return out.stdout.strip()


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's malloc only")
def test_the_server_caps_malloc_arenas_unless_the_operator_chose() -> None:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    assert capped(env) == "True"
    assert capped({**env, "MALLOC_ARENA_MAX": "4"}) == "False"
