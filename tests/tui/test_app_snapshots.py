"""Every screen at 80×24 and 120×40 looks as approved (fixed scenario, seed, clock, paths and
session ids).

Update after an intended change with:
    .venv/bin/python -m pytest tests/tui/test_app_snapshots.py --snapshot-update
"""

from __future__ import annotations

import itertools
import uuid
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select

from tests.tui.conftest import BROKEN, FIXED_TIME, SCENARIOS, shared_coder, wait_for

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(autouse=True)
def fixed_session_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """History shows the start of each session's id: number them, as the clock is fixed."""
    numbers = itertools.count(0xC0FFEE << 104)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=next(numbers)))


def build_app(db: Path):
    from mi_trainer.tui.app import MITrainerApp

    return MITrainerApp(
        scenarios_dir=SCENARIOS,
        db=db,
        coder_factory=shared_coder,
        clock=lambda: FIXED_TIME,
        seed=3,
        export_dir="~/Documents",
    )


async def settle(pilot) -> None:
    await pilot.pause()
    for inp in pilot.app.screen.query(Input):
        inp.cursor_blink = False
    pilot.app.clear_notifications()
    await pilot.pause()


async def ready(pilot) -> None:
    await wait_for(pilot, lambda: pilot.app.coder_ready)
    await settle(pilot)


async def in_session(pilot, mode: str = "coach", scenario: int = 0) -> None:
    from mi_trainer.tui.session import SessionScreen

    await wait_for(pilot, lambda: pilot.app.coder_ready)
    screen = pilot.app.screen
    screen.query_one("#name", Input).value = "Alex Morgan"
    screen.query_one("#team", Input).value = "Team North"
    screen.query_one("#mode", Select).value = mode
    options = screen.query_one("#scenarios", OptionList)
    options.focus()
    options.highlighted = scenario
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
    for text in (
        "It sounds like the last few weeks have been exhausting.",
        "Did you miss the health visitor on Tuesday?",
        "@lee You're working nights and still trying to be there for them.",
    ):
        line = pilot.app.screen.query_one("#line", Input)
        line.value = text
        await pilot.press("enter")
    await settle(pilot)


async def at_summary(pilot) -> None:
    from mi_trainer.tui.summary import SummaryScreen

    await in_session(pilot)
    await pilot.press("ctrl+e", "y")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SummaryScreen))
    await settle(pilot)


async def at_history(pilot) -> None:
    await at_summary(pilot)
    await pilot.press("f2")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_start_screen(snap_compare, tmp_path, size):
    assert snap_compare(build_app(tmp_path / "s.db"), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_session_screen_coach_mode(snap_compare, tmp_path, size):
    async def run(pilot):
        await in_session(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)

    assert snap_compare(build_app(tmp_path / "s.db"), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_session_screen_assessment_mode(snap_compare, tmp_path, size):
    async def run(pilot):
        await in_session(pilot, mode="assessment")

    assert snap_compare(build_app(tmp_path / "s.db"), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_end_session_confirmation(snap_compare, tmp_path, size):
    async def run(pilot):
        await in_session(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)

    assert snap_compare(build_app(tmp_path / "s.db"), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_summary_scores(snap_compare, tmp_path, size):
    assert snap_compare(build_app(tmp_path / "s.db"), terminal_size=size, run_before=at_summary)


@pytest.mark.parametrize("size", SIZES)
def test_summary_turn_by_turn(snap_compare, tmp_path, size):
    async def run(pilot):
        await at_summary(pilot)
        await pilot.press("ctrl+right")
        await settle(pilot)

    assert snap_compare(build_app(tmp_path / "s.db"), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_history_screen(snap_compare, tmp_path, size):
    async def run(pilot):
        await at_history(pilot)
        await settle(pilot)

    assert snap_compare(build_app(tmp_path / "s.db"), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_history_choosing_a_practitioner(snap_compare, tmp_path, size):
    async def run(pilot):
        await at_history(pilot)
        pilot.app.screen.query_one("#f-practitioner", Select).focus()
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(build_app(tmp_path / "s.db"), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_scenario_check_with_a_broken_file(snap_compare, tmp_path, size):
    async def run(pilot):
        await ready(pilot)
        await pilot.press("f3")
        await pilot.pause()
        await pilot.app.screen.query_one("#files").reload()
        box = pilot.app.screen.query_one("#file", Input)
        box.focus()
        box.value = "tests/tui/fixtures/broken.yaml"
        await pilot.press("enter")
        await settle(pilot)

    assert BROKEN.exists()
    assert snap_compare(build_app(tmp_path / "s.db"), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, tmp_path, size):
    async def run(pilot):
        await ready(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(build_app(tmp_path / "s.db"), terminal_size=size, run_before=run)
