"""Latency figures shared by the benchmarks."""

from __future__ import annotations

import statistics


def percentiles(times_ms: list[float]) -> str:
    """'p50 X ms, p95 Y ms, max Z ms' of a list of timings in milliseconds."""
    t = sorted(times_ms)
    p95 = t[max(0, int(len(t) * 0.95) - 1)]
    return f"p50 {statistics.median(t):.1f} ms, p95 {p95:.1f} ms, max {t[-1]:.1f} ms"
