"""Does a reflection say back what the person said? (used by the simulation and by scoring)

A reflection earns its effect only when it fits: it says back content of the person's last few
lines (their words, or the same meaning in other words: "kids" for "children", "wine" for
"drinking"), or it names a feeling or meaning that their words make plausible ("You're
exhausted" after "I'm up at five with him every day and nobody helps"). "You feel banana."
and "So you're saying the moon is cheese." fit nothing the person said; a line the worker has
already said is a repeat, whatever it says.

>>> reflection_accuracy("So Mia's nine.", ["Mia's nine, she's the eldest."]).kind
'accurate'
>>> reflection_accuracy("You feel banana.", ["The school's always on at me."]).kind
'inaccurate'

The word lists are data: ``coding/patterns/intent-meaning.json``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MEANING_PATH = Path(__file__).with_name("patterns") / "intent-meaning.json"

ACCURATE = "accurate"
INFERENCE = "inference"
INACCURATE = "inaccurate"
REPEAT = "repeat"

# How much of a reflection's own content must come from the person for it to fit.
ACCURATE_SHARE = 0.34
# A line is a repeat of an earlier one when this share of their content words is the same.
REPEAT_SHARE = 0.8

_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass(frozen=True, slots=True)
class ReflectionFit:
    """How well a reflection fits: ``score`` 0..1, the meanings it shares with the person's
    words (``overlap``), and ``kind``: accurate, inference, inaccurate or repeat."""

    score: float
    overlap: tuple[str, ...]
    kind: str

    @property
    def fits(self) -> bool:
        return self.kind in (ACCURATE, INFERENCE)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    frame: frozenset[str]
    feelings: frozenset[str]
    cues: frozenset[str]
    meaning_of: dict[str, str]


@functools.cache
def _lexicon(path: Path = MEANING_PATH) -> _Lexicon:
    data = json.loads(path.read_text(encoding="utf-8"))
    meaning_of: dict[str, str] = {}
    for group in data.get("same", ()):
        head = _stem(group[0])
        for word in group:
            meaning_of.setdefault(_stem(word.lower()), head)
    return _Lexicon(
        frame=frozenset(w.lower() for w in data["frame"]),
        feelings=frozenset(_stem(w.lower()) for w in data["feelings"]),
        cues=frozenset(w.lower() for w in data["emotion_cues"]),
        meaning_of=meaning_of,
    )


def _stem(word: str) -> str:
    """A light stem, enough to see 'drinking', 'drinks' and 'drink' as one word."""
    word = word.strip("'-")
    if word.endswith("'s"):
        word = word[:-2]
    for ending, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            if ending == "s" and word.endswith("ss"):
                break
            return word[: len(word) - len(ending)] + keep
    return word


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def content_meanings(text: str) -> list[str]:
    """The content of a line as meanings: its words less the framing, stemmed and grouped."""
    return list(_meanings(text))


@functools.lru_cache(maxsize=4096)
def _meanings(text: str) -> tuple[str, ...]:
    lex = _lexicon()
    out: list[str] = []
    for word in _words(text):
        if word in lex.frame or len(word) < 2:
            continue
        stem = _stem(word)
        if stem in lex.frame:
            continue
        meaning = lex.meaning_of.get(stem, stem)
        if meaning not in out:
            out.append(meaning)
    return tuple(out)


def is_repeat(text: str, earlier: Sequence[str]) -> bool:
    """True when ``text`` says again what one of the ``earlier`` lines said."""
    mine = set(content_meanings(text)) or {" ".join(_words(text))}
    for line in earlier:
        theirs = set(content_meanings(line)) or {" ".join(_words(line))}
        if mine and len(mine & theirs) >= REPEAT_SHARE * max(len(mine), len(theirs)):
            return True
    return False


def said_back(line: str, recent_client_lines: Sequence[str]) -> tuple[int, int]:
    """How many of ``line``'s meanings the person said lately, and how many are new to
    them (a feeling word is not new: it names what their words suggest)."""
    lex = _lexicon()
    heard: set[str] = set()
    for said in recent_client_lines:
        heard.update(content_meanings(said))
    mine = content_meanings(line)
    theirs = sum(1 for m in mine if m in heard)
    new = sum(1 for m in mine if m not in heard and m not in lex.feelings)
    return theirs, new


def reflection_accuracy(
    reflection: str,
    recent_client_lines: Sequence[str],
    previous_practitioner_lines: Sequence[str] = (),
    context: Sequence[str] = (),
) -> ReflectionFit:
    """How well ``reflection`` fits the person's ``recent_client_lines`` (latest last).

    ``previous_practitioner_lines``, when given, make a line said before a ``repeat``.
    ``context`` is weaker evidence of what they plausibly mean (their story so far, what
    they were asked): a reflection fits it only with two shared meanings and little else.
    """
    if previous_practitioner_lines and is_repeat(reflection, previous_practitioner_lines):
        return ReflectionFit(score=0.0, overlap=(), kind=REPEAT)
    lex = _lexicon()
    mine = content_meanings(reflection)
    heard: set[str] = set()
    cue_heard = False
    for line in recent_client_lines:
        heard.update(content_meanings(line))
        words = _words(line)
        cue_heard = cue_heard or any(w in lex.cues for w in words) or "!" in line
    known: set[str] = set()
    for line in context:
        known.update(content_meanings(line))
    overlap = tuple(m for m in mine if m in heard)
    feelings = [m for m in mine if m not in heard and m in lex.feelings]
    foreign = [m for m in mine if m not in heard and m not in lex.feelings]
    if not mine:
        # No content of its own ("You'd like to feel like yourself again"): vague, not wrong.
        kind = INFERENCE if cue_heard else INACCURATE
        return ReflectionFit(score=0.3 if cue_heard else 0.0, overlap=(), kind=kind)
    supported = len(feelings) if cue_heard or overlap else 0
    unexplained = [m for m in foreign if m not in known]
    if overlap and unexplained and _names_a_new_thing(reflection, known):
        # Their word, said to be something nobody mentioned ("So nursery is a submarine."):
        # it touches what they said, and misses it.
        return ReflectionFit(
            score=round(score_of(overlap, mine), 3), overlap=overlap, kind=INACCURATE
        )
    score = min(1.0, (len(overlap) + 0.5 * supported) / len(mine))
    if overlap and len(overlap) / len(mine) >= ACCURATE_SHARE:
        return ReflectionFit(score=round(score, 3), overlap=overlap, kind=ACCURATE)
    if feelings and not foreign:
        # Only a feeling ("It's been exhausting"): a guess at what it is like, never nonsense.
        return ReflectionFit(score=round(max(score, 0.4), 3), overlap=overlap, kind=INFERENCE)
    if feelings and supported and len(foreign) <= len(overlap) + 3:
        return ReflectionFit(score=round(max(score, 0.5), 3), overlap=overlap, kind=INFERENCE)
    if overlap and len(foreign) <= 2 * len(overlap) + 2:
        return ReflectionFit(score=round(score, 3), overlap=overlap, kind=ACCURATE)
    from_context = tuple(m for m in foreign if m in known)
    rest = len(foreign) - len(from_context)
    if len(from_context) + len(overlap) >= 2 and rest <= len(from_context) + len(overlap) - 1:
        share = (len(overlap) + len(from_context)) / len(mine)
        return ReflectionFit(
            score=round(0.5 * share, 3), overlap=overlap + from_context, kind=INFERENCE
        )
    if cue_heard and _metaphor(reflection) and len(unexplained) <= 2:
        # A short image for how it is ('It's like being underwater'); an image made of
        # things nobody mentioned ('as though the toaster took over the mortgage') is not.
        return ReflectionFit(score=0.4, overlap=overlap, kind=INFERENCE)
    # Inaccurate; the overlap says whether it touched anything of theirs at all.
    return ReflectionFit(score=round(score, 3), overlap=overlap + from_context, kind=INACCURATE)


def score_of(overlap: Sequence[str], mine: Sequence[str]) -> float:
    return min(1.0, len(overlap) / len(mine)) if mine else 0.0


# "X is a Y", "made of Y", "is Y-ing": what a reflection says their thing *is*.
_PREDICATE = re.compile(
    r"\b(?:is|are|was|were|'s|'re)\s+(?:a|an|made of|full of|like a|the)\s+((?:[a-z'-]+\s*){1,2})"
)


def _names_a_new_thing(text: str, known: set[str]) -> bool:
    """The reflection says their thing is something they never mentioned and no feeling:
    'So Leah is a windmill at night.' (an image such as 'a battle' is a feeling word)."""
    lex = _lexicon()
    for match in _PREDICATE.finditer(text.lower().replace("\u2019", "'")):
        words = [m for m in _meanings(match.group(1)) if m not in known]
        if words and not any(m in lex.feelings for m in words):
            return True
    return False


_METAPHOR = re.compile(r"\b(?:it's like|like being|as if|as though|like you're|like a)\b")


def _metaphor(text: str) -> bool:
    """A reflection put as an image ('It's like being underwater')."""
    return bool(_METAPHOR.search(text.lower().replace("\u2019", "'")))
