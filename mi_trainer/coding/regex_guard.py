"""Regular expressions in a trainer's cue patterns, made safe before spaCy sees them.

A ``{"TEXT": {"REGEX": "^(a+)+$"}}`` token pattern backtracks exponentially: 33 characters
hung the coder for half a minute. Every ``REGEX`` in a ``pattern`` line is therefore

1. compiled here (an invalid one is a :class:`PatternError` naming the file and line);
2. refused when its shape can backtrack catastrophically: a repeat inside a repeat
   (``(a+)+``, ``(a*)*``, ``(\\w+\\s?)*``), a choice of words inside a repeat (``(a|aa)+``), a
   back-reference, more than :data:`MAX_REPEATS` open-ended repeats, or longer than
   :data:`MAX_REGEX_CHARS`;
3. run on at most :data:`MAX_TOKEN_CHARS` characters of a token (a token extension replaces
   spaCy's own ``REGEX`` predicate), so even the shapes allowed stay cheap on a 100 KB paste.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Token

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_REGEX_CHARS = 300
MAX_REPEATS = 3
MAX_TOKEN_CHARS = 100

# The token attributes a REGEX may test, and how to read each from a token.
TEXT_OF: dict[str, Callable[[Token], str]] = {
    "TEXT": lambda t: t.text,
    "ORTH": lambda t: t.orth_,
    "LOWER": lambda t: t.lower_,
    "NORM": lambda t: t.norm_,
    "LEMMA": lambda t: t.lemma_,
    "SHAPE": lambda t: t.shape_,
    "PREFIX": lambda t: t.prefix_,
    "SUFFIX": lambda t: t.suffix_,
}

_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
if hasattr(sre_constants, "POSSESSIVE_REPEAT"):
    _REPEATS.add(sre_constants.POSSESSIVE_REPEAT)


class UnsafeRegex(ValueError):
    """Why a regular expression is refused (the caller adds file and line)."""


def check_regex(expression: Any) -> re.Pattern[str]:
    """The compiled expression, or :class:`UnsafeRegex` saying what to change."""
    if not isinstance(expression, str) or not expression:
        raise UnsafeRegex("REGEX must be a non-empty string")
    if len(expression) > MAX_REGEX_CHARS:
        raise UnsafeRegex(f"REGEX is longer than {MAX_REGEX_CHARS} characters")
    try:
        compiled = re.compile(expression)
        parsed = sre_parse.parse(expression)
    except (re.error, RecursionError, OverflowError) as err:
        raise UnsafeRegex(
            f"REGEX {expression!r} is not a valid regular expression ({err})"
        ) from None
    repeats = _walk(list(parsed), inside_repeat=False, expression=expression)
    if repeats > MAX_REPEATS:
        raise UnsafeRegex(
            f"REGEX {expression!r} has {repeats} open-ended repeats (at most {MAX_REPEATS}); "
            "split it over several tokens or use IN with a list of words"
        )
    return compiled


def _walk(items: list[Any], inside_repeat: bool, expression: str) -> int:
    """Refuses the shapes that backtrack badly; returns the number of open-ended repeats."""
    repeats = 0
    for op, arg in items:
        if op in _REPEATS:
            _low, high, sub = arg
            many = high > 1
            if many and inside_repeat:
                raise UnsafeRegex(
                    f"REGEX {expression!r} repeats a repeat (like '(a+)+'), which can take "
                    "forever on a long word; repeat once ('a+')"
                )
            repeats += int(high == sre_constants.MAXREPEAT)
            repeats += _walk(list(sub), inside_repeat or many, expression)
        elif op == sre_constants.BRANCH:
            if inside_repeat:
                raise UnsafeRegex(
                    f"REGEX {expression!r} repeats a choice of words (like '(a|aa)+'), which can "
                    "take forever on a long word; use IN with a list of words instead"
                )
            for branch in arg[1]:
                repeats += _walk(list(branch), inside_repeat, expression)
        elif op == sre_constants.SUBPATTERN:
            repeats += _walk(list(arg[-1]), inside_repeat, expression)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            repeats += _walk(list(arg[1]), inside_repeat, expression)
        elif op in (sre_constants.GROUPREF, sre_constants.GROUPREF_EXISTS):
            raise UnsafeRegex(f"REGEX {expression!r} uses a back-reference; write the words out")
    return repeats


def guarded_pattern(pattern: list[dict[str, Any]], bounded: bool = True) -> list[dict[str, Any]]:
    """``pattern`` with each ``{"ATTR": {"REGEX": …}}`` checked and (``bounded``) replaced by a
    token extension that runs it on the first :data:`MAX_TOKEN_CHARS` characters of the
    attribute. The bundled cues, reviewed and benchmarked, keep spaCy's faster native predicate
    (``bounded=False``); a trainer's always get the bound. Raises :class:`UnsafeRegex` for a
    refused expression."""
    out = []
    for token in pattern:
        token = dict(token)
        extensions = dict(token.get("_") or {})
        for attr, value in list(token.items()):
            if not (isinstance(value, dict) and "REGEX" in value):
                continue
            reader = TEXT_OF.get(str(attr).upper())
            if reader is None:
                known = ", ".join(TEXT_OF)
                raise UnsafeRegex(
                    f"REGEX can test only the text attributes ({known}), not {attr!r}"
                )
            compiled = check_regex(value["REGEX"])
            if not bounded:
                continue
            rest = {k: v for k, v in value.items() if k != "REGEX"}
            if rest:
                token[attr] = rest
            else:
                del token[attr]
            extensions[_extension(str(attr).upper(), compiled, reader)] = True
        if extensions:
            token["_"] = extensions
        out.append(token)
    return out


def _extension(attr: str, compiled: re.Pattern[str], reader: Callable[[Token], str]) -> str:
    digest = hashlib.sha1(f"{attr}\0{compiled.pattern}".encode()).hexdigest()[:16]
    name = f"mi_regex_{digest}"
    if not Token.has_extension(name):
        search = compiled.search
        Token.set_extension(
            name, getter=lambda token: search(reader(token)[:MAX_TOKEN_CHARS]) is not None
        )
    return name
