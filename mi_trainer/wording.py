"""Small pieces of plain English shared by every layer."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``plural(1, "turn")`` -> "1 turn"; ``plural(3, "turn")`` -> "3 turns";
    ``plural(2, "summary", "summaries")`` -> "2 summaries"."""
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


def agree(count: float, one: str, many: str) -> str:
    """The verb that agrees with a count: ``agree(1, "keeps", "keep")`` -> "keeps" ("1 of 10
    turns keeps the children in view"), any other count (0, 2, 2.5) -> "keep"."""
    return one if count == 1 else many
