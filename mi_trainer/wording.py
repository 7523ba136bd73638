"""Small pieces of plain English shared by every layer."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """``plural(1, "turn")`` -> "1 turn"; ``plural(3, "turn")`` -> "3 turns"."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
