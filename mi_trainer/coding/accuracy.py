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
REFLECTION_WORDS_PATH = Path(__file__).with_name("patterns") / "reflection-words.json"

ACCURATE = "accurate"
INFERENCE = "inference"
INACCURATE = "inaccurate"
REPEAT = "repeat"

# How much of a reflection's own content must be the person's words for it to be accurate
# (less, and it is an inference about what they said).
ACCURATE_SHARE = 0.34
# At most this share of a reflection's content may be new things (words nobody said, not in
# their story, no feeling and no general word); words from their story count half.
NEW_SHARE = 0.3
# A line is a repeat of an earlier one when this share of their content words is the same.
REPEAT_SHARE = 0.8

_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass(frozen=True, slots=True)
class ReflectionFit:
    """How well a reflection fits: ``score`` 0..1, the meanings it shares with the person's
    words (``overlap``), and ``kind``: accurate, inference, inaccurate or repeat.
    ``new_things``: its runs of words that name things nobody mentioned, as said ("polar
    bear"), for a puzzled "What polar bear?"."""

    score: float
    overlap: tuple[str, ...]
    kind: str
    new_things: tuple[str, ...] = ()

    @property
    def fits(self) -> bool:
        return self.kind in (ACCURATE, INFERENCE)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    frame: frozenset[str]
    feelings: frozenset[str]  # feelings, meanings and conventional images (stems)
    general: frozenset[str]  # general words of reflective speech (meanings)
    cues: frozenset[str]
    meaning_of: dict[str, str]
    frame_phrases: re.Pattern[str] | None
    phrase_feelings: dict[str, str]
    phrase_pattern: re.Pattern[str] | None


@functools.cache
def _lexicon(path: Path = MEANING_PATH, words_path: Path = REFLECTION_WORDS_PATH) -> _Lexicon:
    data = json.loads(path.read_text(encoding="utf-8"))
    words = json.loads(words_path.read_text(encoding="utf-8"))
    meaning_of: dict[str, str] = {}
    for group in data.get("same", ()):
        head = _stem(group[0])
        for word in group:
            meaning_of.setdefault(_stem(word.lower()), head)
    phrases = sorted((p.lower() for p in words.get("frame_phrases", ())), key=len, reverse=True)
    set_phrases = {str(k).lower(): str(v).lower() for k, v in words["phrase_feelings"].items()}
    return _Lexicon(
        frame=frozenset(w.lower() for w in data["frame"]),
        feelings=_with_meanings(
            [*data["feelings"], *words["feelings"], *words["images"]], meaning_of
        ),
        general=_with_meanings(words["general"], meaning_of),
        cues=frozenset(w.lower() for w in data["emotion_cues"]),
        meaning_of=meaning_of,
        frame_phrases=_alternatives(phrases),
        phrase_feelings=set_phrases,
        phrase_pattern=_alternatives(sorted(set_phrases, key=len, reverse=True)),
    )


def _with_meanings(words: Sequence[str], meaning_of: dict[str, str]) -> frozenset[str]:
    """The stems of ``words`` and the meanings they stand for ("knackered" is tired)."""
    stems = [_stem(w.lower()) for w in words]
    return frozenset([*stems, *(meaning_of.get(s, s) for s in stems)])


def _alternatives(phrases: Sequence[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w'])")


def _stem(word: str) -> str:
    """A light stem, enough to see 'drinking', 'drinks' and 'drink' as one word, and
    'changing' and 'change', 'hoping' and 'hope', 'sitting' and 'sit'."""
    word = word.strip("'-")
    if word.endswith("'s"):
        word = word[:-2]
    return _without_e(_cut(word))


def _cut(word: str) -> str:
    for ending, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            if ending == "s" and word.endswith("ss"):
                break
            if ending == "es" and not word.endswith(_SIBILANT_ES):
                continue  # "cares" is "care" + s, not "car" + es; "boxes" is "box" + es
            stem = word[: len(word) - len(ending)] + keep
            return _restore(stem) if ending in ("ing", "ed") else stem
    return word


_SIBILANT_ES = ("sses", "xes", "zes", "ches", "shes")
_VOWELS = "aeiou"


def _restore(stem: str) -> str:
    """A stem cut from -ing/-ed as the word is otherwise written: "sitting" is "sit",
    "hoping" "hope", "caring" "care" (not "car")."""
    if stem[-1] == stem[-2] and stem[-1] not in "lsfz":
        return stem[:-1]
    if len(stem) == 3 and stem[2] not in _VOWELS + "wxy" and stem[1] in _VOWELS:
        return stem + "e"
    return stem


def _without_e(stem: str) -> str:
    """A longer word's silent final e goes, so 'change' and 'chang(ing)' meet."""
    return stem[:-1] if len(stem) >= 5 and stem.endswith("e") and not stem.endswith("ee") else stem


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def content_meanings(text: str) -> list[str]:
    """The content of a line as meanings: its words less the framing, stemmed and grouped."""
    return list(_meanings(text))


@functools.lru_cache(maxsize=4096)
def _meanings(text: str) -> tuple[str, ...]:
    lex = _lexicon()
    out: list[str] = []
    lowered = text.lower().replace("\u2019", "'")
    if lex.phrase_pattern is not None:  # "fed up" is a feeling, not being fed
        lowered = lex.phrase_pattern.sub(lambda m: lex.phrase_feelings[m.group(0)], lowered)
    if lex.frame_phrases is not None:
        lowered = lex.frame_phrases.sub(" ", lowered)
    for word in _WORD.findall(lowered.replace("-", " ")):  # "hard-working" is hard, work
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
    return any(
        same_content(mine, set(content_meanings(line)) or {" ".join(_words(line))})
        for line in earlier
    )


def same_content(mine: set[str], theirs: set[str], small_edits: bool = False) -> bool:
    """Two lines' meanings say the same thing: word order, frames ("So, ...", "It sounds
    like") and word forms never count; most of the content the same does (``REPEAT_SHARE``
    of the longer). With ``small_edits`` (a family member hearing a line again), so does a
    small edit of a longer line: all but one of at least four meanings ("Nobody notices how
    hard you're working on your own" after "You're doing it all on your own and nobody sees
    how hard you work"). The score leaves that out: a worker may build on a reflection."""
    if not mine or not theirs:
        return False
    shared = len(mine & theirs)
    longer = max(len(mine), len(theirs))
    edited = small_edits and longer >= 4 and shared >= longer - 1
    return shared >= REPEAT_SHARE * longer or edited


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
    ``context`` is weaker evidence of what they plausibly mean (their story, what they were
    asked): its meanings are no new thing, but make an inference, not an accurate reflection.

    Each content word of the reflection is *theirs* (said in their recent lines), *known*
    (from the context), a *feeling* or conventional image, a *general* word of reflective
    speech (doing, changing, deciding, people, time: it adds no new thing), or a **new
    thing** nobody mentioned. A reflection fits when it is anchored in what they said (a
    word of theirs or of their story; a feeling alone when their words carry one) and new
    things make up at most ``NEW_SHARE`` of its content: so
    one borrowed topic word never carries nonsense ("So your drinking is a bit like a polar
    bear learning French."), and a paraphrase in other words still fits.
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
    if not mine:
        # No content of its own ("You'd like to feel like yourself again"): vague, not wrong.
        kind = INFERENCE if cue_heard else INACCURATE
        return ReflectionFit(score=0.3 if cue_heard else 0.0, overlap=(), kind=kind)
    known = _plausibly_meant(set(mine) - heard, context) | _names_known(reflection, context)
    theirs = tuple(m for m in mine if m in heard)
    from_story = tuple(m for m in mine if m in known)
    rest = [m for m in mine if m not in heard and m not in known]
    feelings = [m for m in rest if m in lex.feelings]
    new = [m for m in rest if m not in lex.feelings and m not in lex.general]
    anchored = bool(theirs or from_story)
    # With nothing of theirs, only a guess at how it feels is an inference: only feeling
    # words ("It's been exhausting": never nonsense), or mostly feeling words where their
    # words carry a feeling ("It's been really hard and lonely").
    felt = bool(feelings) and (
        anchored
        or (not new and len(feelings) == len(mine))
        or (cue_heard and 2 * len(feelings) >= len(mine))
    )
    score = (len(theirs) + 0.5 * len(from_story) + 0.5 * len(feelings) * felt) / len(mine)
    score = round(min(1.0, score), 3)
    touched = theirs + from_story
    # Mostly things nobody mentioned (a topic word it borrows is not said back), or their
    # thing said to be something nobody mentioned ("So nursery is a submarine.", "the school
    # run is made of balloons"): it touches what they said, and misses it.
    off = len(new) > NEW_SHARE * len(mine) or bool(
        new and _names_a_new_thing(reflection, heard | known)
    )
    if not off and theirs and (len(theirs) >= 2 or len(theirs) / len(mine) >= ACCURATE_SHARE):
        return ReflectionFit(score=score, overlap=theirs, kind=ACCURATE)
    if not off and (anchored or felt or (cue_heard and not new)):
        # A feeling or meaning about what they said ("You're angry that nobody sees how
        # hard you work"), one their words carry ("You're exhausted"), what their story
        # makes plausible, or their point in general words ("You're ready to give it up").
        return ReflectionFit(score=max(score, 0.4), overlap=touched, kind=INFERENCE)
    return ReflectionFit(score, touched, INACCURATE, _said_as(reflection, new))


def _said_as(text: str, meanings: Sequence[str]) -> tuple[str, ...]:
    """The runs of ``text``'s words whose meanings are ``meanings``, as said."""
    wanted = set(meanings)
    runs: list[list[str]] = [[]]
    for word in re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", text):
        if wanted.intersection(_meanings(word)):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return tuple(" ".join(run) for run in runs if run)


def _plausibly_meant(words: set[str], context: Sequence[str]) -> frozenset[str]:
    """The reflection's words that one line of their story says together (at least two:
    what they would plausibly say). Words found one here, one there may be chance: a
    reflection stitched from them ("The dentist is a washing machine") says nothing they
    mean."""
    best: set[str] = set()
    for line in context:
        shared = words.intersection(_meanings(line))
        if len(shared) > len(best):
            best = shared
    return frozenset(best) if len(best) >= 2 else frozenset()


_NAME = re.compile(r"(?<=[a-z,;:'\u2019] )[A-Z][a-z'\u2019-]+")


def _names_known(text: str, context: Sequence[str]) -> frozenset[str]:
    """Names in the reflection (capitalised inside a sentence: "Oakfield", "Ruby") that their
    story holds: facts of their world, never new things."""
    names = {m for word in _NAME.findall(text) for m in _meanings(word)}
    if not names:
        return frozenset()
    return frozenset(n for n in names if any(n in _meanings(line) for line in context))


def score_of(overlap: Sequence[str], mine: Sequence[str]) -> float:
    return min(1.0, len(overlap) / len(mine)) if mine else 0.0


# "X is a Y", "made of Y", "is Y-ing": what a reflection says their thing *is*.
_PREDICATE = re.compile(
    r"\b(?:is|are|was|were|'s|'re)\s+(?:(?:really|just|basically|secretly|mostly|all)\s+)?"
    r"(?:a|an|made of|full of|like a|the|a kind of|a type of|turned into)\s+((?:[a-z'-]+\s*){1,2})"
)


def _names_a_new_thing(text: str, known: set[str]) -> bool:
    """The reflection says their thing is something they never mentioned and no feeling:
    'So Leah is a windmill at night.' (an image such as 'a battle' is a feeling word, 'a
    big step' a general one)."""
    lex = _lexicon()
    for match in _PREDICATE.finditer(text.lower().replace("\u2019", "'")):
        words = [m for m in _meanings(match.group(1)) if m not in known]
        if words and not any(m in lex.feelings or m in lex.general for m in words):
            return True
    return False
