"""Every tip the coach can produce for the bundled scenarios reads as grammatical English.

The inputs are every line a family member can say in the bundled scenarios (each kind of
reflection, change-talk reflection and disclosure receipt is built from them) and every
practitioner line of the bundled practice scripts (closed questions rewritten, advice turned
into asking permission first). A tip may only use the person's words and the coach's own
template words: an invented word ("mading") or a reflection without a subject ("So heard it all
before.") fails, naming the line it came from.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from mi_trainer.scoring import feedback
from mi_trainer.scoring.feedback import (
    _BASE_VERBS,
    _LOWER_SUBJECTS,
    advice_of,
    change_reflection,
    open_question,
    permission_first,
    receive_disclosure,
    reflection_of,
)

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
SCRIPTS = sorted((ROOT / "tests" / "library" / "scripts").glob("*.yaml"))
WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def _said(node: object) -> list[str]:
    """Every ``say`` text in a scenario (a string or a list of alternatives)."""
    out: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "say":
                out += (
                    [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
                )
            else:
                out += _said(value)
    elif isinstance(node, list):
        for item in node:
            out += _said(item)
    return out


def member_lines() -> list[str]:
    lines: list[str] = []
    for path in SCENARIOS:
        lines += _said(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted(set(lines))


def script_lines(code: str) -> list[str]:
    lines: list[str] = []
    for path in SCRIPTS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for group in ("mi", "directive"):
            for script in (data.get(group) or {}).values():
                for entry in script:
                    if str(entry[0]).split("/")[0] == code:
                        lines.append(re.sub(r"^@\w+\s+", "", str(entry[1])))
    return sorted(set(lines))


def _template_words() -> set[str]:
    """Words in the coach's own string constants (not its docstrings)."""
    tree = ast.parse(Path(feedback.__file__).read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    words: set[str] = set()
    for node in ast.walk(tree):
        literal = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if literal and id(node) not in docstrings:
            words |= {w.lower() for w in WORD.findall(node.value)}
    return words


TEMPLATE_WORDS = _template_words() | {
    g for v in _BASE_VERBS if (g := feedback._gerund(v)) is not None
}
NOT_AGREEING = re.compile(
    r"(?<!of )\b(?:you (?:am|was|is|has)|I (?:are|were|is|has)|you're (?:am|is))\b"
)
SUBJECTS = "|".join(sorted((re.escape(w) for w in _LOWER_SUBJECTS), key=len, reverse=True))
SO_WITHOUT_SUBJECT = re.compile(rf"^So (?!(?:{SUBJECTS})\b|[A-Z])\S+")


def grammar_problems(tip: str, source: str) -> list[str]:
    problems = []
    if not tip[:1].isupper():
        problems.append("does not start with a capital letter")
    if not tip.rstrip("”\"'").endswith((".", "?", "!")):
        problems.append("does not end a sentence")
    for sentence in re.split(r"(?<=[.!?])\s+", tip):
        if SO_WITHOUT_SUBJECT.match(sentence):
            problems.append(f"'So' without a subject: {sentence!r}")
    if NOT_AGREEING.search(tip):
        problems.append(f"pronoun and verb do not agree: {NOT_AGREEING.search(tip).group(0)!r}")
    doubled = re.search(r"\b(\w+) \1\b", tip, re.IGNORECASE)
    if doubled and doubled.group(1).lower() not in {"that", "had", "very", "no", "you"}:
        problems.append(f"doubled word {doubled.group(0)!r}")
    if "  " in tip or " ." in tip or " ," in tip or ",." in tip:
        problems.append("stray spacing or punctuation")
    allowed = {w.lower() for w in WORD.findall(source)} | TEMPLATE_WORDS
    invented = [w for w in WORD.findall(tip) if w.lower() not in allowed]
    if invented:
        problems.append(f"words in neither their line nor the coach's templates: {invented}")
    return problems


MEMBER_LINES = member_lines()


def test_the_bundled_scenarios_give_the_coach_plenty_to_work_with() -> None:
    assert len(SCENARIOS) >= 7
    assert len(MEMBER_LINES) >= 300
    assert len(script_lines("question_closed")) >= 5
    assert len(script_lines("persuade")) >= 5


def _receive_after_risk_question(line: str, variant: int) -> str:
    return receive_disclosure(line, variant, answered_risk=True)


@pytest.mark.parametrize(
    "builder",
    [reflection_of, change_reflection, receive_disclosure, _receive_after_risk_question],
)
def test_every_tip_built_from_a_family_members_line_is_grammatical(builder) -> None:
    failures = []
    for line in MEMBER_LINES:
        for variant in range(4):
            tip = builder(line, variant)
            problems = grammar_problems(tip, line)
            if problems:
                failures.append(f"{line!r} -> {tip!r}: {'; '.join(problems)}")
    assert not failures, "\n".join(failures[:25])


def test_every_rewritten_closed_question_is_a_grammatical_open_question() -> None:
    failures = []
    for line in script_lines("question_closed"):
        tip = open_question(line)
        problems = grammar_problems(tip, line)
        if not tip.endswith("?"):
            problems.append("not a question")
        if problems:
            failures.append(f"{line!r} -> {tip!r}: {'; '.join(problems)}")
    assert not failures, "\n".join(failures)


def test_every_piece_of_advice_becomes_a_grammatical_offer_after_asking_permission() -> None:
    failures = []
    for line in script_lines("persuade"):
        advice = advice_of(line)
        for tip in (permission_first(advice, v) for v in range(3)):
            problems = grammar_problems(tip, line)
            if re.search(r"Some people find it helps to [^.?!]*\byou(?:r|rself)?\b", tip):
                problems.append("'some parents' offered advice said to 'you'")
            if problems:
                failures.append(f"{line!r} -> {tip!r}: {'; '.join(problems)}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("line", "bad"),
    [
        ("Heard it all before.", "So heard"),
        ("Every night.", 'Try "Every night."'),
        ("Have you made any plans to hurt yourself?", "mading"),
    ],
)
def test_the_known_bad_tips_are_gone(line, bad) -> None:
    tips = [reflection_of(line, v) for v in range(4)] + [open_question(line)]
    assert not any(bad.replace('Try "', "").rstrip('"') == t for t in tips)
    assert not any(bad in t for t in tips if bad.startswith(("So", "mad")))


def test_the_checker_catches_what_it_is_for() -> None:
    assert grammar_problems("So heard it all before.", "Heard it all before.")
    assert grammar_problems("How do you see mading any plans?", "Have you made any plans?")
    assert grammar_problems("So you was scared.", "I was scared.")
    assert not grammar_problems("So you were scared.", "I was scared.")
