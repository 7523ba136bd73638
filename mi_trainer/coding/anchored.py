"""A spaCy ``Matcher`` that tries a token pattern only on the turns that could match it.

spaCy's Matcher walks every pattern over every token of every turn: on the coder's cue and
intent patterns that is a quarter of the coding time, though most patterns can match only a
few turns. A pattern whose required tokens each name their words (``{"LOWER": "where"}``,
``{"LOWER": {"IN": [...]}}`` without an optional ``OP``) cannot match a turn that lacks a word
of each of those tokens. :class:`AnchoredMatcher` tries on each turn only the patterns whose
words it holds (a set test on the turn's lower-case words), with the patterns that name no
required word, in one Matcher for that combination of patterns; the matches are exactly those
of one spaCy Matcher holding every pattern.

Holding the words is not enough for a long-span form ("you" + up to ten words + a linking
word + a child + a harm word): its words must also come in the pattern's order, no further
apart than the tokens between them allow. Each pattern's required words are kept as a
:class:`Chain` (the word sets in order, with the fewest and most tokens the pattern lets stand
between each and the next), and a pattern is tried only on a turn where such a run of words
exists. Both tests are necessary conditions of a match, so the matches stay exactly spaCy's;
the Matcher is spared walking its wildcards from every token of the turns where they could
never close.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

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


UNBOUNDED = 1 << 30  # "any number of tokens" ("*", "+", "{n,}")


def _span(op: Any) -> tuple[int, int] | None:
    """The fewest and most tokens a token pattern with operator ``op`` stands for (spaCy's
    "!" is one token that is not the one named), or None for an operator spaCy refuses."""
    if op is None or op in ("1", "!"):
        return 1, 1
    if op == "?":
        return 0, 1
    if op == "*":
        return 0, UNBOUNDED
    if op == "+":
        return 1, UNBOUNDED
    if isinstance(op, str) and op.startswith("{") and op.endswith("}"):
        inside = op[1:-1]
        low, high = inside.split(",", 1) if "," in inside else (inside, inside)
        if (low and not low.isdecimal()) or (high and not high.isdecimal()):
            return None
        return int(low or 0), int(high) if high else UNBOUNDED
    return None


class Link(NamedTuple):
    """One required word of a pattern: the words (hashes, or NUMBER) it may be, and the fewest
    and most tokens between it and the required word before it (or the pattern's start)."""

    words: frozenset[int]
    fewest: int
    most: int


class Chain(NamedTuple):
    """A pattern's required words in order, and the fewest tokens it needs after the last."""

    links: tuple[Link, ...]
    tail: int

    def worth_walking(self) -> bool:
        """Whether order and distance say more than the presence of the words does."""
        return (
            len(self.links) > 1 or self.tail > 0 or (bool(self.links) and self.links[0].fewest > 0)
        )

    def fits(self, where: dict[int, list[int]], length: int) -> bool:
        """Whether a turn of ``length`` tokens has the words in order at allowed distances;
        ``where``: each of its words (hash, or NUMBER) -> where it stands, ascending."""
        reached: list[int] = []
        for number, link in enumerate(self.links):
            held = link.words & where.keys()
            if len(held) == 1:
                places = where[next(iter(held))]
            else:
                places = sorted(i for word in held for i in where[word])
            if number == 0:
                reached = [p for p in places if p >= link.fewest]
            else:
                fewest, most = link.fewest + 1, link.most + 1
                # ``reached`` is ascending: the nearest earlier word at or after p - most is the
                # only one to check, so a long turn costs P log R, not P x R (issue 12's 100 KB)
                reached = [p for p in places if _reaches(reached, p - most, p - fewest)]
            if not reached:
                return False
        return reached[0] + self.tail < length


def _reaches(ascending: list[int], low: int, high: int) -> bool:
    """Whether some place of ``ascending`` lies in ``low..high``."""
    i = bisect_left(ascending, low)
    return i < len(ascending) and ascending[i] <= high


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
        # Each distinct required word set is one bit; a word (hash) -> the bits of the sets it
        # is in, so a turn's words give at once every set it holds a word of.
        self.bit_of: dict[frozenset[int], int] = {}
        self.word_bits: dict[int, int] = {}
        # Per group, per pattern: the bits of its required word sets, and its Chain when order
        # and distance can rule out a turn that holds the words.
        self.tests: list[list[tuple[int, Chain | None]]] = []

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
        chains = [self.chain(pattern) for pattern in copies]
        self.tests.append(
            [
                (self._bits(sets), chain if chain is not None and chain.worth_walking() else None)
                for sets, chain in zip(anchors, chains, strict=True)
            ]
        )
        if always:
            self.unanchored.add(index)
        else:
            for sets in anchors:
                for word in min(sets, key=self._rarity):
                    self.by_word.setdefault(word, set()).add(index)
        self.combined.clear()

    def _bits(self, sets: Anchors) -> int:
        """The bits of ``sets``, numbering each set the first time it is met."""
        bits = 0
        for words in sets:
            bit = self.bit_of.get(words)
            if bit is None:
                bit = self.bit_of[words] = 1 << len(self.bit_of)
                for word in words:
                    self.word_bits[word] = self.word_bits.get(word, 0) | bit
            bits |= bit
        return bits

    def _rarity(self, words: frozenset[int]) -> tuple[int, int]:
        """Lower for a word set a turn is less likely to hold: long words (content words, not
        'you' or 'is'), then few of them. A number counts as a four-letter word."""
        strings = self.vocab.strings
        shortest = min(4 if word == NUMBER else len(strings[word]) for word in words)
        return -shortest, len(words)

    def _required(self, token: dict[str, Any]) -> frozenset[int] | None:
        """The word hashes a required token must be (NUMBER for a number), else None."""
        words = required_words(token)
        if words is not None:
            strings = self.vocab.strings
            return frozenset(strings.add(w) for w in words)
        if token.get("LIKE_NUM") is True and not _optional(token):
            return frozenset({NUMBER})
        return None

    def _anchors(self, pattern: Iterable[dict[str, Any]]) -> Anchors:
        return tuple(words for words in map(self._required, pattern) if words is not None)

    def chain(self, pattern: Iterable[dict[str, Any]]) -> Chain | None:
        """The pattern's required words in order with the distances its other tokens allow
        between them; None for an operator this does not know (the words alone then decide)."""
        links: list[Link] = []
        fewest = most = 0  # tokens since the last required word
        for token in pattern:
            span = _span(token.get("OP"))
            if span is None:
                return None
            low, high = span
            words = self._required(token)
            if words is not None and low >= 1:
                links.append(Link(words, fewest, most))
                fewest, most = low - 1, high - 1  # "+" and "{2,}": more of the same may follow
            else:
                fewest, most = fewest + low, most + high
        return Chain(tuple(links), fewest)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        chosen = self.candidates(doc)
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

    def tried(self, doc: Doc) -> list[str]:
        """The keys whose patterns are tried on ``doc`` (the others cannot match it)."""
        return [self.groups[index][0] for index in self.candidates(doc)]

    def candidates(self, doc: Doc) -> tuple[int, ...]:
        """The groups worth trying on ``doc``: the unanchored ones, and those with a pattern
        whose words the turn holds, in its order at distances it allows."""
        lowers = doc.to_array(LOWER).tolist()
        word_bits, by_word = self.word_bits, self.by_word
        held = 0  # the bits of the word sets the turn holds a word of
        maybe: set[int] = set()
        for word in word_bits.keys() & lowers:  # (one set operation in C, then few words)
            held |= word_bits[word]
            found = by_word.get(word)
            if found is not None:
                maybe |= found
        numbers: list[bool] | None = None
        if NUMBER in word_bits:
            numbers = doc.to_array(LIKE_NUM).astype(bool).tolist()
            if any(numbers):
                held |= word_bits[NUMBER]
                maybe |= by_word.get(NUMBER, set())
        chosen = set(self.unanchored)
        tests = self.tests
        where: dict[int, list[int]] | None = None  # built for the first chain to walk
        for index in maybe:
            for needed, chain in tests[index]:
                if needed & held != needed:
                    continue
                if chain is not None:
                    if where is None:
                        where = {}
                        for i, word in enumerate(lowers):
                            where.setdefault(word, []).append(i)
                        if numbers is not None and any(numbers):
                            where[NUMBER] = [i for i, number in enumerate(numbers) if number]
                    if not chain.fits(where, len(lowers)):
                        continue
                chosen.add(index)
                break
        return tuple(sorted(chosen))
