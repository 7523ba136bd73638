"""Fixtures for the app tests: a fixed small scenario folder, a temp database, a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SCENARIOS = FIXTURES / "scenarios"
BROKEN = FIXTURES / "broken.yaml"
FIXED_TIME = "2026-01-15T10:00:00+00:00"

_CODER: list[Any] = []


def shared_coder() -> Any:
    """One real Coder for the whole test run (building it loads spaCy once)."""
    if not _CODER:
        from mi_trainer.coding.coder import Coder

        _CODER.append(Coder())
    return _CODER[0]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sessions.db"


@pytest.fixture
def make_app(db_path: Path, tmp_path: Path) -> Callable[..., Any]:
    from mi_trainer.tui.app import MITrainerApp

    def factory(**kwargs: Any) -> MITrainerApp:
        options: dict[str, Any] = {
            "scenarios_dir": SCENARIOS,
            "db": db_path,
            "coder_factory": shared_coder,
            "clock": lambda: FIXED_TIME,
            "seed": 1,
            "export_dir": tmp_path / "exports",
        }
        options.update(kwargs)
        return MITrainerApp(**options)

    return factory


async def wait_for(pilot: Any, condition: Callable[[], bool], tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("condition not reached in time")


async def say(pilot: Any, text: str) -> None:
    """Type a line into the session input and press Enter, as a practitioner would."""
    from textual.widgets import Input

    line = pilot.app.screen.query_one("#line", Input)
    line.focus()
    line.value = text
    await pilot.press("enter")
    await pilot.pause()
