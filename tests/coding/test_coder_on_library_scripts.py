"""The coder against the 756 labelled practitioner lines of the scenario library's scripts.

The scripts were written by hand for the play-through tests, line by line with the code a
trainer would give. They are a second, social-work-flavoured check beside AnnoMI: directive
practice must be heard as directive, and good MI practice must never be heard as directive.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from mi_trainer.coding.coder import Coder

SCRIPTS = Path(__file__).parents[1] / "library" / "scripts"
DIRECTIVE = {"persuade", "confront"}
MI_CONSISTENT = {
    "affirm",
    "emphasizing_autonomy",
    "seeking_collaboration",
    "question_open",
    "reflection_simple",
    "reflection_complex",
}
ADDRESS = re.compile(r"^@\w+\s*")  # "@jade …" picks the member; the session strips it too


def labelled_lines() -> list[tuple[str, str]]:
    lines = []
    for path in sorted(SCRIPTS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("mi", "directive"):
            for script in (data.get(kind) or {}).values():
                for code, text in script:
                    lines.append((code.split("/")[0], ADDRESS.sub("", text)))
    return lines


@pytest.fixture(scope="module")
def coded() -> list[tuple[str, str, str]]:
    lines = labelled_lines()
    codes = Coder().code_many([text for _, text in lines])
    return [(label, str(c.code), text) for (label, text), c in zip(lines, codes, strict=True)]


def test_there_are_enough_labelled_lines_to_mean_something(coded) -> None:
    assert len(coded) >= 700


def test_directive_practice_is_heard_as_directive(coded) -> None:
    directive = [(got, text) for label, got, text in coded if label in DIRECTIVE]
    missed = [text for got, text in directive if got not in DIRECTIVE]
    assert len(missed) <= 0.12 * len(directive), missed


def test_mi_consistent_practice_is_almost_never_heard_as_directive(coded) -> None:
    heard = [text for label, got, text in coded if label in MI_CONSISTENT and got in DIRECTIVE]
    mi_lines = sum(1 for label, _, _ in coded if label in MI_CONSISTENT)
    assert len(heard) <= 0.02 * mi_lines, heard


@pytest.mark.parametrize(
    ("label", "floor"),
    [("affirm", 0.7), ("emphasizing_autonomy", 0.75), ("question_open", 0.95)],
)
def test_each_kind_of_good_practice_is_recognised(coded, label: str, floor: float) -> None:
    mine = [(got, text) for want, got, text in coded if want == label]
    missed = [text for got, text in mine if got != label]
    assert len(missed) <= (1 - floor) * len(mine), missed


def test_the_exact_code_agrees_with_the_script_writers_on_most_lines(coded) -> None:
    agree = sum(1 for label, got, _ in coded if label == got)
    assert agree / len(coded) >= 0.82
