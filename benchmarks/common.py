"""What the benchmarks share: a readable error and percentiles."""

from __future__ import annotations


class BenchError(Exception):
    """A bad option or a benchmark that cannot run; printed without a traceback (exit 1)."""


def percentile(sorted_values: list[float], fraction: float) -> float:
    """The value at ``fraction`` (0..1) of an ascending list (0.0 for an empty one)."""
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]
