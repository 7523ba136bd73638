"""Cue patterns as data: load the ``patterns/*.jsonl`` files a trainer can read and extend.

Each line of a pattern file is one JSON object:

``{"id": "you_should", "label": "persuade", "at": "any", "cue": "'you should' = advice",
"phrases": ["you should"]}``

or a sequence of word choices, one list per token ("" makes a token optional), expanded into
phrases (fast: ``PhraseMatcher``),

``{"label": "wh_closed", "at": "start", "cue": "...", "words": [["how"], ["many", "much"]]}``

or, for anything else, a spaCy ``Matcher`` token pattern,

``{"label": "aux_question", "at": "start", "cue": "...", "pattern": [{"LOWER": "do"}, ...]}``

``id`` names the cue for the rules and every other layer (as spaCy's ``SpanRuler`` patterns
carry an ``id``): the rules decide on ids, never on the ``cue`` text, so rewording an explanation
cannot change a code. Several lines may share an id; a trainer's line without one gets
``<file stem>:<line>``. ``weight`` (optional, a number) is how much a ``complex``/``simple`` cue
counts towards a complex reflection (default 1). A trainer's line may reuse a bundled id to
behave like that cue (e.g. ``warns_consequences``).

A word list can stand for a slot of ``words`` or for the ``IN``/``NOT_IN`` list of a token of a
``pattern``: ``"@judgement_adjectives"`` is the class of that name in ``word_classes.json`` (the
bundled file, plus the pattern folder's own ``word_classes.json`` when it has one). Cues written
on a word class (English obligation modals, adjectives of moral judgement, nouns of a strength)
recognise a sentence's form, not one wording.

``label`` is one of :data:`LABELS` (what the rules in :mod:`mi_trainer.coding.rules` understand),
``at`` is where in a sentence the match must sit (``start``: only discourse fillers before it;
``end``: nothing but punctuation after it; ``any``), ``cue`` is the human-readable reason shown to
the user. Blank lines and lines starting with ``#`` or ``//`` are ignored.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PATTERNS_DIR = Path(__file__).with_name("patterns")

LABELS: dict[str, str] = {
    "wh_open": "a wh-question that invites a wide answer",
    "wh_closed": "a wh-question that asks for one fact (how many, when, where, who)",
    "aux_question": "an auxiliary before the subject: a yes/no question",
    "wh_inside": "a wh-question after an opening clause (counts when the sentence ends with '?')",
    "check_in": "a question asking for their reaction to what the worker just said",
    "scale_question": "a scaling question: asks for a number (closed)",
    "open_request": "an invitation to talk ('tell me', 'I'm curious what')",
    "closed_request": "an indirect yes/no question ('I wonder if')",
    "tag_check": "a tag that checks understanding at the end ('is that right?')",
    "collaboration": "asks permission or shares the decision about what to do next",
    "permission": "advice framed as an offer or a choice",
    "autonomy": "the choice is theirs",
    "affirm": "recognises a strength or effort",
    "persuade": "advice, instruction or warning",
    "confront": "arguing, labelling, blaming",
    "judgement": "a negative verdict ('…isn't helping', '…is neglect'): confront when the sentence"
    " opens with what they did ('Blaming her…')",
    "benefit": "what would be good for them ('…would help'): persuade when the sentence opens"
    " with what to do ('Getting out more…')",
    "information": "facts, evidence, the worker's own view or plans",
    "reflection_start": "a sentence that opens like a reflection",
    "reflection_any": "a reflective phrase anywhere in the sentence",
    "you_start": "a statement about the person ('you…')",
    "complex": "adds meaning: feeling, both sides, metaphor, amplification",
    "simple": "repeats content: their words, a fact, a number",
    "other": "greeting, thanks, structuring, backchannel",
    "strength": "a strength or effort shown ('…takes courage'): affirm when the sentence is about"
    " what they did ('Telling me that takes courage')",
    "contrast": "'but': what follows a preface that leaves them free is the advice",
    "negation": "a negation ('not', 'never'): tells a same-polarity tag from a checking one",
}
PLACES = frozenset({"start", "end", "any"})
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,80}")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


class PatternError(ValueError):
    """A pattern file the coder cannot use; the message names file and line."""


@dataclass(frozen=True, slots=True)
class CueRule:
    """One line of a pattern file."""

    label: str
    at: str
    cue: str
    id: str = ""
    weight: float | None = None
    phrases: tuple[str, ...] = ()
    pattern: tuple[dict[str, Any], ...] = ()
    sequences: tuple[tuple[str, ...], ...] = ()  # token sequences expanded from "words"
    source: str = ""


def load_rules(folder: Path | None = None) -> list[CueRule]:
    """Every cue rule in ``folder`` (default: the bundled patterns), in file then line order."""
    folder = Path(folder) if folder is not None else PATTERNS_DIR
    if not folder.is_dir():
        raise PatternError(
            f"{folder}: pattern folder not found; give a folder of *.jsonl cue files "
            "(see docs/coding.md, 'Cues are data')"
        )
    classes = load_word_classes(folder)
    rules: list[CueRule] = []
    for path in sorted(folder.glob("*.jsonl")):
        if not path.name.startswith("intent"):  # intent*.jsonl: coding/intent.py reads them
            rules.extend(_load_file(path, classes))
    return rules


WORD_CLASSES = "word_classes.json"


def load_word_classes(folder: Path | None = None) -> dict[str, tuple[str, ...]]:
    """The word classes cue lines may name as ``"@name"``: the bundled ``word_classes.json``,
    with a pattern folder's own file adding words to a class or new classes."""
    classes: dict[str, tuple[str, ...]] = {}
    paths = [PATTERNS_DIR / WORD_CLASSES]
    if folder is not None and Path(folder).resolve() != PATTERNS_DIR.resolve():
        paths.append(Path(folder) / WORD_CLASSES)
    for path in paths:
        if not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise PatternError(f"{path}: cannot read word classes ({err})") from err
        if not isinstance(data, dict):
            raise PatternError(f"{path}: word classes must be a JSON object of lists")
        for name, words in data.items():
            if name.startswith("_"):
                continue  # notes
            if not (isinstance(words, list) and all(isinstance(w, str) for w in words)):
                raise PatternError(f"{path}: word class {name!r} must be a list of strings")
            merged = [*classes.get(name, ()), *(w.strip().lower() for w in words if w.strip())]
            classes[name] = tuple(dict.fromkeys(merged))
    return classes


def _class_words(value: Any, classes: dict[str, tuple[str, ...]], where: str) -> Any:
    """``"@name"`` as the words of that class; anything else unchanged."""
    if not (isinstance(value, str) and value.startswith("@")):
        return value
    name = value[1:]
    if name not in classes:
        known = ", ".join(sorted(classes)) or "none"
        raise PatternError(
            f"{where}: unknown word class {value!r}; define it in {WORD_CLASSES} (known: {known})"
        )
    return list(classes[name])


def _resolve_classes(data: dict[str, Any], classes: dict[str, tuple[str, ...]], where: str) -> None:
    """Replace word-class names in ``words`` slots and in pattern ``IN``/``NOT_IN`` lists."""
    words = data.get("words")
    if isinstance(words, list):
        data["words"] = [
            [w for item in slot for w in _as_list(_class_words(item, classes, where))]
            if isinstance(slot, list)
            else slot
            for slot in words
        ]
    pattern = data.get("pattern")
    if isinstance(pattern, list):
        for token in pattern:
            if not isinstance(token, dict):
                continue
            for attr, test in token.items():
                if isinstance(test, dict):
                    for op in ("IN", "NOT_IN"):
                        if op in test:
                            test[op] = _class_words(test[op], classes, where)
                elif attr != "OP" and isinstance(test, str) and test.startswith("@"):
                    token[attr] = {"IN": _class_words(test, classes, where)}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def jsonl_records(path: Path) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """Each JSON object of a pattern file with its line number and ``file:line``, skipping
    blank and comment lines; an unreadable file or a line that is not an object is a
    PatternError."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise PatternError(f"{path}: cannot read ({err})") from err
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "//")):
            continue
        where = f"{path}:{number}"
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as err:
            raise PatternError(f"{where}: not valid JSON ({err.msg}, column {err.colno})") from err
        if not isinstance(data, dict):
            raise PatternError(f"{where}: each line must be a JSON object")
        yield number, where, data


def _load_file(path: Path, classes: dict[str, tuple[str, ...]] | None = None) -> list[CueRule]:
    rules = []
    for number, where, data in jsonl_records(path):
        _resolve_classes(data, classes or {}, where)
        label = data.get("label")
        if label not in LABELS:
            known = ", ".join(LABELS)
            raise PatternError(f"{where}: unknown label {label!r}; use one of: {known}")
        at = data.get("at", "any")
        if at not in PLACES:
            raise PatternError(f"{where}: 'at' must be start, end or any, not {at!r}")
        cue = data.get("cue")
        if not isinstance(cue, str) or not cue.strip():
            raise PatternError(f"{where}: 'cue' (the reason shown to the user) is missing")
        cue_id = data.get("id", f"{_ID_UNSAFE.sub('_', path.stem)[:60]}:{number}")
        if not isinstance(cue_id, str) or not _ID.fullmatch(cue_id):
            raise PatternError(
                f"{where}: 'id' must be a short name of letters, digits and _ . : -, not {cue_id!r}"
            )
        weight = data.get("weight")
        if weight is not None and (
            isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 <= weight <= 10
        ):
            raise PatternError(f"{where}: 'weight' must be a number from 0 to 10, not {weight!r}")
        phrases = data.get("phrases", ())
        pattern = data.get("pattern", ())
        words = data.get("words", ())
        if sum(map(bool, (phrases, pattern, words))) != 1:
            raise PatternError(f"{where}: give exactly one of 'phrases', 'words' or 'pattern'")
        sequences = _expand(words, where) if words else ()
        if phrases and not (
            isinstance(phrases, list) and all(isinstance(p, str) and p.strip() for p in phrases)
        ):
            raise PatternError(f"{where}: 'phrases' must be a list of non-empty strings")
        if pattern and not (
            isinstance(pattern, list) and all(isinstance(t, dict) for t in pattern)
        ):
            raise PatternError(f"{where}: 'pattern' must be a list of token objects")
        rules.append(
            CueRule(
                label=label,
                at=at,
                cue=cue.strip(),
                id=cue_id,
                weight=None if weight is None else float(weight),
                phrases=tuple(p.strip().lower() for p in phrases),
                pattern=tuple(pattern),
                sequences=sequences,
                source=where,
            )
        )
    return rules


MAX_SEQUENCES = 50_000


def _expand(words: Any, where: str) -> tuple[tuple[str, ...], ...]:
    """``[["do", "did"], ["", "n't"], ["you"]]`` -> ("do", "you"), ("do", "n't", "you"), ..."""
    if not (
        isinstance(words, list)
        and all(isinstance(slot, list) and slot for slot in words)
        and all(isinstance(w, str) for slot in words for w in slot)
    ):
        raise PatternError(f"{where}: 'words' must be a list of non-empty lists of strings")
    sequences: list[tuple[str, ...]] = [()]
    for slot in words:
        choices = [w.strip().lower() for w in slot]
        sequences = [seq + ((w,) if w else ()) for seq in sequences for w in choices]
        if len(sequences) > MAX_SEQUENCES:
            raise PatternError(f"{where}: 'words' expands to more than {MAX_SEQUENCES} phrases")
    return tuple(dict.fromkeys(seq for seq in sequences if seq))


def load_words(folder: Path | None = None, required: bool = True) -> dict[str, frozenset[str]]:
    """The word lists in ``words.json`` (fillers, backchannel, verbs after 'you'). A folder
    without one uses the bundled lists, or none at all when ``required`` is false (a trainer's
    extra folder that only adds cues)."""
    folder = Path(folder) if folder is not None else PATTERNS_DIR
    path = folder / "words.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if not required:
            return {}
        data = json.loads((PATTERNS_DIR / "words.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise PatternError(f"{path}: cannot read word lists ({err})") from err
    return word_sets(data)


def word_sets(data: dict[str, Any]) -> dict[str, frozenset[str]]:
    """Each list of a word-list file as a set of lower-case words (other keys are notes)."""
    return {
        key: frozenset(str(w).lower() for w in value)
        for key, value in data.items()
        if isinstance(value, list)
    }


PATTERNS_ENV = "MI_TRAINER_PATTERNS"


def extra_pattern_dirs() -> list[Path]:
    """A trainer's own cue folders from ``$MI_TRAINER_PATTERNS`` (several: separated like PATH)."""
    value = os.environ.get(PATTERNS_ENV, "")
    return [Path(part).expanduser() for part in value.split(os.pathsep) if part.strip()]
