"""A spaCy ``Matcher`` that tries a token pattern only on the turns that could match it.

spaCy's Matcher walks every pattern over every token of every turn: on the coder's cue and
intent patterns that is a quarter of the coding time, though most patterns can match only a
few turns. A pattern whose required tokens each name their words (``{"LOWER": "where"}``,
``{"LOWER": {"IN": [...]}}`` without an optional ``OP``) cannot match a turn that lacks a word
of each of those tokens. :class:`AnchoredMatcher` tries on each turn only the patterns whose
words it holds (a set test on the turn's lower-case words), with the patterns that name no
required word, in one Matcher for that combination of patterns; the matches are exactly those
of one spaCy Matcher holding every pattern.
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


# Turns hold only a few combinations of candidate patterns (64 for the cues on the dev AnnoMI
# file, 159 for the intents): each combination gets one Matcher, built when first met, so a
# turn is walked once (spaCy's Matcher builds a Token object per token on every call).
MAX_COMBINATIONS = 1024


class AnchoredMatcher:
    """``add`` and ``__call__`` as spaCy's :class:`~spacy.matcher.Matcher` (see module doc)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        # What was added, in order: (key, patterns, anchors of each pattern or None = always).
        self.groups: list[tuple[str, list[list[dict[str, Any]]], tuple[Anchors, ...] | None]] = []
        self.patterns: dict[str, list[list[dict[str, Any]]]] = {}  # as added, by key
        self.combined: dict[tuple[int, ...], Matcher] = {}
        # A word (hash) -> the groups one of whose patterns needs it in its likely rarest word
        # set: a turn's words name the few groups worth checking in full.
        self.by_word: dict[int, set[int]] = {}
        self.unanchored: set[int] = set()

    def __len__(self) -> int:
        return len(self.patterns)

    @property
    def always(self) -> list[str]:
        """The keys tried on every turn (a pattern of theirs names no required word)."""
        return [key for key, _, anchors in self.groups if anchors is None]

    @property
    def anchored(self) -> list[str]:
        """The keys tried only on turns that hold their words."""
        return [key for key, _, anchors in self.groups if anchors is not None]

    def add(self, key: str, patterns: Sequence[Sequence[dict[str, Any]]]) -> None:
        """Adds ``patterns`` under ``key``; spaCy's errors for a bad pattern, as ``Matcher.add``."""
        copies = [list(p) for p in patterns]
        Matcher(self.vocab).add(key, copies)  # validates: raises before anything is kept
        self.patterns.setdefault(key, []).extend(copies)
        anchors = tuple(self._anchors(pattern) for pattern in copies)
        always = not copies or any(not sets for sets in anchors)
        index = len(self.groups)
        self.groups.append((key, copies, None if always else anchors))
        if always:
            self.unanchored.add(index)
        else:
            for sets in anchors:
                for word in min(sets, key=self._rarity):
                    self.by_word.setdefault(word, set()).add(index)
        self.combined.clear()

    def _rarity(self, words: frozenset[int]) -> tuple[int, int]:
        """Lower for a word set a turn is less likely to hold: long words (content words, not
        'you' or 'is'), then few of them. A number counts as a four-letter word."""
        strings = self.vocab.strings
        shortest = min(4 if word == NUMBER else len(strings[word]) for word in words)
        return -shortest, len(words)

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
        present = set(doc.to_array(LOWER).tolist())
        if doc.to_array(LIKE_NUM).any():
            present.add(NUMBER)
        by_word = self.by_word
        maybe: set[int] = set()
        for word in present:
            found = by_word.get(word)
            if found is not None:
                maybe |= found
        groups = self.groups
        chosen = tuple(
            sorted(
                self.unanchored.union(
                    index
                    for index in maybe
                    if any(
                        all(not s.isdisjoint(present) for s in sets)
                        for sets in groups[index][2] or ()
                    )
                )
            )
        )
        if not chosen:
            return []
        matcher = self.combined.get(chosen)
        if matcher is None:
            matcher = Matcher(self.vocab)
            for index in chosen:
                key, patterns, _ = self.groups[index]
                matcher.add(key, patterns)
            if len(self.combined) >= MAX_COMBINATIONS:
                self.combined.clear()  # a flood of unusual turns: start again, stay bounded
            self.combined[chosen] = matcher
        return list(matcher(doc))
