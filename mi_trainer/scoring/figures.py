"""How a score figure is written, in every report and screen: its unit, rounding and thresholds.

    from mi_trainer.scoring.figures import exact, rounded, thresholds
    exact("r_to_q", 1.75)            # "1.75:1"  (the session summary: the figure as computed)
    rounded("pct_open", 66.67)       # "67%"     (tables and trends)
    thresholds("pct_open", 50, 70)   # "fair 50%, good 70%"

The unit follows the figure key (the names in `mi_trainer.vocabulary.FIGURE_KEYS`): the
reflections-to-questions ratio reads "R:Q", shares (`pct_*`) are percentages, other figures
(counts, 1–5 estimates, the 0–100 overall) are plain numbers.
"""

from __future__ import annotations

from collections.abc import Callable

RATIO_KEY = "r_to_q"
NOT_AVAILABLE = "n/a"  # a figure the session cannot have (no questions, no client talk)
NO_VALUE = "–"  # an empty cell in a table or trend


def unit(key: str) -> str:
    """':1' after the reflections-to-questions ratio, '%' after a share, else nothing."""
    if key == RATIO_KEY:
        return ":1"
    if key.startswith("pct_"):
        return "%"
    return ""


def exact(key: str, value: float | None, missing: str = NOT_AVAILABLE) -> str:
    """The figure as computed, in its shortest form: "1.75:1", "45.5%", "3"."""
    return missing if value is None else f"{value:g}{unit(key)}"


def rounded(key: str, value: float | None, places: int = 0, missing: str = NO_VALUE) -> str:
    """For tables and trends: the ratio to one place ("1.8:1"), a share to the whole percent
    ("67%"), any other figure to `places` decimals."""
    if value is None:
        return missing
    if key == RATIO_KEY:
        places = 1
    elif unit(key) == "%":
        places = 0
    return f"{value:.{places}f}{unit(key)}"


def thresholds(
    key: str,
    fair: float | None,
    good: float | None,
    separator: str = ", ",
    missing: str = NO_VALUE,
    text: Callable[[str, float], str] = exact,
) -> str:
    """ "fair 1:1, good 2:1" for the figure `key`; `missing` when it has no thresholds."""
    if fair is None or good is None:
        return missing
    return f"fair {text(key, fair)}{separator}good {text(key, good)}"
