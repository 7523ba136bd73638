"""Exporting a summary: never over another report without asking, and where the last one went."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.tui.conftest import wait_for
from tests.tui.test_app_review_and_check import practise_and_end


async def export_now(pilot, fmt: str = "md", path: str | None = None):
    screen = pilot.app.screen
    if path is not None:
        screen.query_one("#path", Input).value = path
    written = screen.export(fmt)
    await pilot.pause()
    return written


async def test_two_sessions_of_one_scenario_on_one_day_get_two_files(make_app, tmp_path: Path):
    folder = tmp_path / "exports"
    folder.mkdir()
    app = make_app(export_dir=folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're worried about the checks."] * 3)
        first = await export_now(pilot)
        await pilot.press("ctrl+n")  # a second, shorter session of the same scenario
        await practise_and_end(pilot, ["You're tired."])
        second = await export_now(pilot)
    assert first and second and first != second
    assert sorted(p.name for p in folder.iterdir()) == sorted([first.name, second.name])
    assert "worried about the checks" in first.read_text("utf-8")  # the first is kept


async def test_a_file_that_is_there_is_replaced_only_when_the_practitioner_says_so(
    make_app, tmp_path: Path
):
    from mi_trainer.tui.common import ConfirmScreen
    from mi_trainer.tui.summary import SummaryScreen

    report = tmp_path / "craig.md"
    report.write_text("an earlier report", "utf-8")
    app = make_app(export_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're worried about the checks."])
        assert await export_now(pilot, path=str(report)) is None
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "craig.md already exists" in app.screen.question
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert report.read_text("utf-8") == "an earlier report"
        assert any("Not exported" in n.message for n in app._notifications)
        await export_now(pilot, path=str(report))
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
    assert "worried about the checks" in report.read_text("utf-8")


async def test_a_name_typed_without_an_extension_gets_the_formats(make_app, tmp_path: Path):
    app = make_app(export_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're worried about the checks."])
        md = await export_now(pilot, "md", str(tmp_path / "craig2"))
        html = await export_now(pilot, "html", str(tmp_path / "craig2"))
    assert md == tmp_path / "craig2.md" and md.exists()
    assert html == tmp_path / "craig2.html" and html.exists()
    assert not (tmp_path / "craig2").exists()


async def test_the_export_box_starts_in_the_folder_of_the_last_export(make_app, tmp_path: Path):
    folder = tmp_path / "team exports"
    folder.mkdir()
    app = make_app(export_dir=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're worried about the checks."])
        assert app.screen.query_one("#path", Input).value != str(folder)
        await export_now(pilot, path=str(folder / "craig"))
    again = make_app(export_dir=None)  # the next time the app is opened
    async with again.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're tired."])
        assert again.screen.query_one("#path", Input).value == str(folder)
