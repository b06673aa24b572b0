"""The Explore tab's redraws: the newest request wins, whatever order requests arrive in."""

from __future__ import annotations

from typing import Any

from ui.tabs.explore import newest


def test_a_redraw_asked_before_the_drawing_shown_changes_nothing() -> None:
    drawn: list[int] = []

    def redraw(g: dict[str, Any], rel: str, depth: int) -> tuple[Any, ...]:
        drawn.append(depth)
        return {**g, "depth": depth}, "svg", "cap", "chain", "facts", rel

    run = newest(redraw, 0, 0)
    shown = {"center": "cluster:x", "asked": 2000.0}  # depth 3, asked at 2000 ms
    stale = run(shown, "all", 1, 1000.0)  # depth 1, asked earlier, arriving later
    assert drawn == []
    assert len(stale) == 6 and all(o == {"__type__": "update"} for o in stale)
    fresh = run(shown, "all", 2, 3000.0)
    assert drawn == [2]
    assert fresh[0]["depth"] == 2 and fresh[0]["asked"] == 3000.0
    # the path finder's outputs start with its hops: the state is the second
    assert len(newest(lambda *a: ("hops", *redraw(*a)), 0, 1)(shown, "all", 1, 1.0)) == 7
