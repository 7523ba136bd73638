"""The facts a member answers from agree with everything else the scenario says (issue 21).

A reply that states a fact must not contradict the scenario: an age, a school year or a count
said anywhere in the file (summary, background, debrief, authored lines, fact replies) is
checked against the person's entry in ``facts.people``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

SCENARIOS = sorted(Path(__file__).resolve().parents[2].joinpath("scenarios").glob("*.yaml"))
NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
}  # fmt: skip
NUMBER = r"(\d+|" + "|".join(NUMBERS) + r")"


def _texts(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in ("id", "keywords", "aliases", "topics", "people", "by", "household"):
                yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


def _stated(name: str, text: str, unit: str = "") -> Iterator[int]:
    """Ages said of ``name``: "Mia's nine", "Mia is nine", "Mia (9)", "Mia, nine,"."""
    # not a count of things: "Darren's three children", "Kerry's two glasses"
    tail = rf"(?:\s+{unit})" if unit else r"(?!\s+(?:[a-z]+s|children|o'clock|of|more)\b)"
    for pattern in (
        rf"\b{name}(?:'s| is) {NUMBER}\b{tail}(?! \w+ (?:old|ago))",
        rf"\b{name} \({NUMBER}\)",
    ):
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            yield _number(match.group(1))


def _disagreements(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    people = ((data.get("facts") or {}).get("people")) or {}
    texts = list(_texts(data))
    found = []
    for person in people.values():
        name, age = person.get("name", ""), str(person.get("age") or "")
        if not age or not re.fullmatch(r"[A-Z][a-z]+", name):
            continue
        words = age.split()
        value = _number(words[0]) if words[0].lower() in NUMBERS or words[0].isdigit() else None
        if value is None:
            continue
        unit = words[1] if len(words) > 1 else ""
        for text in texts:
            for said in _stated(name, text, unit):
                if said != value:
                    found.append(f"{path.name}: {name} is {age} in facts, but: {text!r}")
        school = str(person.get("school") or "")
        year = re.search(r"Year (\d+)", school)
        if year:
            for text in texts:
                for match in re.finditer(rf"\b{name}(?:'s| is)(?: in)? Year (\d+)", text):
                    if match.group(1) != year.group(1):
                        found.append(f"{path.name}: {name} is {school} in facts, but: {text!r}")
    return found


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_ages_and_school_years_agree_across_the_scenario(path: Path) -> None:
    assert _disagreements(path) == []


def test_the_check_finds_a_disagreement(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "summary: Mia (9) and Tyler.\n"
        'lines: ["Mia\'s eight, you know.", "Tyler\'s in Year 3."]\n'
        "facts:\n  people:\n"
        "    mia: {name: Mia, age: nine}\n"
        "    tyler: {name: Tyler, age: six, school: Year 2 at Oakfield}\n",
        encoding="utf-8",
    )
    assert len(_disagreements(bad)) == 2
