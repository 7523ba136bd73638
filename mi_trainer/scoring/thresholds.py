"""Fair/good thresholds from mi-reference.md (MITI 4.2.1; % open from MITI 3.1.1), as data."""

from __future__ import annotations

# figure key -> (fair, good). Percentages are on a 0–100 scale; the ratio is R per Q.
THRESHOLDS: dict[str, tuple[float, float]] = {
    "r_to_q": (1.0, 2.0),
    "pct_complex": (40.0, 50.0),
    "pct_open": (50.0, 70.0),
    "technical": (3.0, 4.0),
    "relational": (3.5, 4.0),
}

BELOW_FAIR = "below fair"
FAIR = "fair"
GOOD = "good"
NOT_APPLICABLE = "n/a"


def rate(key: str, value: float | None) -> str | None:
    """'good' at or above good, 'fair' at or above fair, else 'below fair'; 'n/a' if undefined.

    Figures without thresholds (e.g. the adherent totals) have no rating (None).
    """
    if key not in THRESHOLDS:
        return None
    if value is None:
        return NOT_APPLICABLE
    fair, good = THRESHOLDS[key]
    # Small tolerance so 0.4 * 100 style rounding never drops an exact edge.
    if value >= good - 1e-9:
        return GOOD
    if value >= fair - 1e-9:
        return FAIR
    return BELOW_FAIR
