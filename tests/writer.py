"""A store writer run as a subprocess by the durability tests (so it can be killed -9).

    python -m tests.writer crash HOME       commit forever, printing each committed step
    python -m tests.writer concurrent HOME TAG N   commit N batches tagged TAG, then exit

Each crash-mode step is one batch: add product i, link it to the counter sector, set the
counter to i, and delete product i-3. So after any crash the store must hold counter = m and
exactly products m-2..m, for some m no less than the last step printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kb.store.base import Edge, Node, Provenance
from kb.store.memory import MemoryStore

COUNTER = "sector:counter"


def _prov(i: int | str) -> Provenance:
    return Provenance("test:writer", f"step {i}", f"step {i}", "test")


def product(i: int) -> str:
    return f"product:item-{i}"


def crash(home: Path) -> None:
    # A small compaction threshold so kills also land inside snapshot writes.
    store = MemoryStore(home, compact_bytes=6_000)
    counter = store.get_node(COUNTER)
    i = counter.attrs["n"] + 1 if counter else 0
    while True:
        with store.batch():
            store.upsert_node(Node(COUNTER, "Sector", "Counter", {"n": i}, [], [_prov(0)]))
            store.upsert_node(
                Node(product(i), "Product", f"Item {i}", {"payload": "x" * 200}, [], [_prov(i)])
            )
            store.upsert_edge(Edge(product(i), "IN_SECTOR", COUNTER, {"step": i}, [_prov(i)]))
            if i >= 3:
                store.delete_node(product(i - 3))
        print(i, flush=True)
        i += 1


def concurrent(home: Path, tag: str, n: int) -> None:
    store = MemoryStore(home, compact_bytes=50_000)
    for i in range(n):
        with store.batch():
            store.upsert_node(
                Node(f"product:{tag}-{i}", "Product", f"{tag} {i}", {}, [], [_prov(i)])
            )
            total = store.get_node("sector:total")
            count = total.attrs["count"] + 1 if total else 1
            store.upsert_node(
                Node("sector:total", "Sector", "Total", {"count": count}, [], [_prov(0)])
            )
    store.close()


if __name__ == "__main__":
    mode, home = sys.argv[1], Path(sys.argv[2])
    if mode == "crash":
        crash(home)
    else:
        concurrent(home, sys.argv[3], int(sys.argv[4]))
