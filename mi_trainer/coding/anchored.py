"""A spaCy ``Matcher`` that tries a token pattern only on the turns that could match it.

spaCy's Matcher walks every pattern over every token of every turn: on the coder's cue and
intent patterns that is a quarter of the coding time, though most patterns can match only a
few turns. A pattern whose required tokens each name their words (``{"LOWER": "where"}``,
``{"LOWER": {"IN": [...]}}`` without an optional ``OP``) cannot match a turn that lacks a word
of each of those tokens. :class:`AnchoredMatcher` keeps one Matcher per key of such patterns
and runs it only when the turn holds those words (a set test on the turn's lower-case words);
the other patterns run on every turn, as before. The matches are exactly the Matcher's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from spacy.attrs import LIKE_NUM, LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# The operators that let a token be absent (or, "!", match anything but it).
_OPTIONAL_OPS = frozenset({"?", "*", "!"})
# "Some token is a number": a required ``{"LIKE_NUM": true}`` token anchors its pattern too,
# tested with one array test on the turn. Word hashes are unsigned, so -1 stands for it.
NUMBER = -1

Anchors = tuple[frozenset[int], ...]  # per required token: the word hashes it allows, or NUMBER


def required_words(token: dict[str, Any]) -> frozenset[str] | None:
    """The lower-case words one of which a token pattern must be, or None when it is optional
    or allows other words (a REGEX, NOT_IN only, a wildcard)."""
    if _optional(token):
        return None
    value = token.get("LOWER")
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, dict) and isinstance(value.get("IN"), list | tuple):
        words = value["IN"]
        if words and all(isinstance(w, str) for w in words):
            return frozenset(words)
    return None


def _optional(token: dict[str, Any]) -> bool:
    op = token.get("OP")
    if op in _OPTIONAL_OPS:
        return True
    if isinstance(op, str) and op.startswith("{"):
        low = op.strip("{}").split(",")[0].strip()  # {n}, {n,m}, {n,}, {,m}
        return not (low.isdigit() and int(low) > 0)
    return False


class AnchoredMatcher:
    """``add`` and ``__call__`` as spaCy's :class:`~spacy.matcher.Matcher` (see module doc)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.always = Matcher(vocab)
        self.anchored: list[tuple[tuple[Anchors, ...], Matcher]] = []
        self.patterns: dict[str, list[list[dict[str, Any]]]] = {}  # as added, by key

    def __len__(self) -> int:
        return len(self.patterns)

    def add(self, key: str, patterns: Sequence[Sequence[dict[str, Any]]]) -> None:
        """Adds ``patterns`` under ``key``; spaCy's errors for a bad pattern, as ``Matcher.add``."""
        own = Matcher(self.vocab)
        own.add(key, [list(p) for p in patterns])  # validates: raises before anything is kept
        self.patterns.setdefault(key, []).extend(list(p) for p in patterns)
        anchors = [self._anchors(pattern) for pattern in patterns]
        if not patterns or any(not sets for sets in anchors):
            self.always.add(key, [list(p) for p in patterns])
        else:
            self.anchored.append((tuple(anchors), own))

    def _anchors(self, pattern: Iterable[dict[str, Any]]) -> Anchors:
        strings = self.vocab.strings
        sets = []
        for token in pattern:
            words = required_words(token)
            if words is not None:
                sets.append(frozenset(strings.add(w) for w in words))
            elif token.get("LIKE_NUM") is True and not _optional(token):
                sets.append(frozenset({NUMBER}))
        return tuple(sets)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        matches = list(self.always(doc)) if len(self.always) else []
        if self.anchored:
            present = set(doc.to_array(LOWER).tolist())
            if doc.to_array(LIKE_NUM).any():
                present.add(NUMBER)
            for alternatives, matcher in self.anchored:
                if any(all(not s.isdisjoint(present) for s in sets) for sets in alternatives):
                    matches.extend(matcher(doc))
        return matches
