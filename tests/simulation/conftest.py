"""Engine test helpers: a table-driven fake coder and the fixture scenarios.

The fake coder makes these tests independent of the real coder's accuracy: each
practitioner line in the tests is coded exactly as the table says.

The engine takes validated scenarios only. A test that needs a variant of a fixture
tweaks its plain data (``single_data`` / ``family_data``) and passes it through the
``scenario_from`` fixture, so a mistake in the tweak fails as a validation error.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from mi_trainer.coding.codes import Code, Reflected
from mi_trainer.coding.result import CodedSentence, CodedUtterance
from mi_trainer.scenarios import Scenario
from mi_trainer.simulation.loading import load_playable

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FAMILY = FIXTURES / "family-scene.yaml"
SINGLE = FIXTURES / "single-parent.yaml"

C = Code
R = Reflected

# Practitioner lines used across the engine tests, with the code the fake coder gives.
LINES: dict[str, tuple[Code, Reflected | None]] = {
    # MI-consistent
    "What's a normal evening like for you at the moment?": (C.QUESTION_OPEN, None),
    "What would you like mornings to look like?": (C.QUESTION_OPEN, None),
    "How do you want things to be for Ellie?": (C.QUESTION_OPEN, None),
    "What worries you most about the money?": (C.QUESTION_OPEN, None),
    "What would make this week a bit easier?": (C.QUESTION_OPEN, None),
    "It sounds like the evenings are the hardest part.": (C.REFLECTION_COMPLEX, R.NEUTRAL),
    "You want Ellie to have better than you had.": (C.REFLECTION_COMPLEX, R.CHANGE),
    "The wine helps you switch off, and it's making the mornings harder.": (
        C.REFLECTION_COMPLEX,
        R.BOTH,
    ),
    "You feel like everyone is judging you.": (C.REFLECTION_SIMPLE, R.NEUTRAL),
    "You don't think the drinking is the problem.": (C.REFLECTION_SIMPLE, R.SUSTAIN),
    "The rent worries sit behind a lot of the drinking.": (C.REFLECTION_COMPLEX, R.CHANGE),
    "You've kept Ellie fed and happy through a really hard year.": (C.AFFIRM, None),
    "It's your choice what happens next.": (C.EMPHASIZING_AUTONOMY, None),
    "Would it be okay if we thought about the mornings together?": (
        C.SEEKING_COLLABORATION,
        None,
    ),
    # directive and interrogating
    "You need to stop drinking.": (C.PERSUADE, None),
    "Do you drink every night?": (C.QUESTION_CLOSED, None),
    "Did Jay go to school today?": (C.QUESTION_CLOSED, None),
    "You're putting the children at risk.": (C.CONFRONT, None),
    "If this carries on it could go to court.": (C.PERSUADE, None),
    "Are you drunk now?": (C.QUESTION_CLOSED, None),
    "You should go to the GP.": (C.PERSUADE, None),
    "Is the rent paid?": (C.QUESTION_CLOSED, None),
    "You have to take this seriously.": (C.PERSUADE, None),
    "You're in denial.": (C.CONFRONT, None),
    # neither
    "Hello, I'm Sam from children's services.": (C.OTHER, None),
    "The next meeting is on Tuesday at ten.": (C.GIVING_INFORMATION, None),
}


class FakeCoder:
    """Codes by table look-up; unknown lines are a test mistake (KeyError says which)."""

    version = "fake-1"

    def __init__(self, table: dict[str, tuple[Code, Reflected | None]] | None = None) -> None:
        self.table = dict(LINES if table is None else table)
        self.calls: list[tuple[str, str | None]] = []

    def add(self, text: str, code: Code, reflects: Reflected | None = None) -> None:
        self.table[text] = (code, reflects)

    def code(self, text: str, previous_client_line: str | None = None) -> CodedUtterance:
        self.calls.append((text, previous_client_line))
        if text not in self.table and len(text) > 1000:
            code, reflects = Code.GIVING_INFORMATION, None  # long pastes
        else:
            code, reflects = self.table[text]
        return CodedUtterance(
            text=text, code=code, sentences=(CodedSentence(text, code),), reflects=reflects
        )


def load_plain(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def load_fixture(path: Path) -> Scenario:
    """The scenario as the app loads it (validated models)."""
    return load_playable(path)


class _PlainDumper(yaml.SafeDumper):
    """Writes shared objects out in full (no anchors), as a trainer would."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def validated(data: dict[str, Any]) -> Scenario:
    """A scenario from plain data, validated and checked exactly as the loader does it.

    The data is written to a file and loaded with ``load_playable``, so a mistake (an
    unknown key, a value out of range, a dangling reference) raises ``ScenarioError``
    with the diagnostics a trainer would see.
    """
    text = yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{data.get('id') or 'scenario'}.yaml"
        path.write_text(text, encoding="utf-8")
        return load_playable(path)


@pytest.fixture
def scenario_from() -> Callable[[dict[str, Any]], Scenario]:
    """``scenario_from(data)``: plain scenario data -> the validated scenario (see module doc)."""
    return validated


@pytest.fixture
def coder() -> FakeCoder:
    return FakeCoder()


@pytest.fixture
def family() -> Scenario:
    return load_fixture(FAMILY)


@pytest.fixture
def single() -> Scenario:
    return load_fixture(SINGLE)


@pytest.fixture
def family_data() -> dict[str, Any]:
    """The family fixture as plain data, to tweak and pass to ``scenario_from``."""
    return load_plain(FAMILY)


@pytest.fixture
def single_data() -> dict[str, Any]:
    """The one-member fixture as plain data, to tweak and pass to ``scenario_from``."""
    return load_plain(SINGLE)
