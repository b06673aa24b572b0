"""Copy a whole knowledge base from one store to another (memory <-> neo4j)."""

from __future__ import annotations

from collections.abc import Callable

from kb.errors import StoreError
from kb.store.base import GraphStore, Stats


def copy_graph(
    source: GraphStore, target: GraphStore, progress: Callable[[str], None] = lambda _: None
) -> Stats:
    """Make `target` hold exactly `source`'s graph, in one batch; counts are checked.

    Everything in the target is withdrawn first (every fact has provenance, so withdrawing
    every source empties it). If the counts differ afterwards the batch rolls back and the
    target is left as it was.
    """
    want = source.stats()
    nodes, edges = list(source.nodes()), list(source.edges())
    progress(f"copying {len(nodes)} nodes and {len(edges)} edges")
    with target.batch():
        target.remove_sources(list(target.sources()))
        target.upsert_nodes(nodes)
        target.upsert_edges(edges)
        got = target.stats()
        if got.to_dict() != want.to_dict():
            raise StoreError(
                f"copy incomplete: source has {want.to_dict()}, target {got.to_dict()}; "
                "the target was left unchanged"
            )
    return got
