"""Reading JSON from files we did not write: every problem is a message with its line.

``json.loads`` on hostile input can fail in ways that are not ``JSONDecodeError`` (a
5,000-digit integer is a ``ValueError``, 100,000 nested ``[`` a ``RecursionError``) or succeed
with values no record should hold (``1e400`` and ``Infinity`` become ``inf``, ``NaN``).
:func:`loads` turns each into a :class:`JSONInputError` naming the line, so a command can say
``file:line: ...`` and stop, never print a traceback.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DIGITS = 30  # far beyond any index, seed or count; below Python's 4,300-digit limit
_NUMBER_WORD = re.compile(r"-?\b(?:NaN|Infinity)\b")


class JSONInputError(ValueError):
    """Text that is not JSON we accept; ``line`` is 1-based (within the text given)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _BadNumber(Exception):
    def __init__(self, text: str, why: str) -> None:
        self.text = text
        self.why = why


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _BadNumber(text, f"a number with {len(text.lstrip('-'))} digits")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(text, f"the number {text[:20]} is too large")
    return value


def _constant(text: str) -> Any:
    raise _BadNumber(text, f"{text} is not a number JSON allows")


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, max(position, 0)) + 1


def _deepest_line(text: str, limit: int = 500) -> int:
    """The line where brackets first nest deeper than ``limit`` (strings skipped)."""
    depth = 0
    in_string = escaped = False
    for position, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return _line_of(text, position)
        elif char in "]}":
            depth -= 1
    return 1


def loads(text: str) -> Any:
    """Parse JSON, refusing huge or non-finite numbers and absurd nesting; JSONInputError."""
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as err:
        raise JSONInputError(
            f"not valid JSON ({err.msg}, column {err.colno})", err.lineno
        ) from None
    except _BadNumber as err:
        if err.text in ("NaN", "Infinity", "-Infinity"):
            match = _NUMBER_WORD.search(text)
            position = match.start() if match else 0
        else:
            position = text.find(err.text)
        raise JSONInputError(
            f"{err.why}; numbers here are counts, indices or figures of ordinary size",
            _line_of(text, position),
        ) from None
    except RecursionError:
        raise JSONInputError(
            "brackets nested far too deeply to be a transcript or session export",
            _deepest_line(text),
        ) from None
