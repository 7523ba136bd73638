"""Managers review past sessions; trainers check a scenario file; everyone can find help."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select

from tests.tui.conftest import BROKEN, SCENARIOS, say, wait_for
from tests.tui.test_app_practice_flow import start_session


async def practise_and_end(pilot, lines: list[str], **kwargs) -> None:
    from mi_trainer.tui.summary import SummaryScreen

    await start_session(pilot, **kwargs)
    for line in lines:
        await say(pilot, line)
    await pilot.press("ctrl+e", "y")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SummaryScreen))


async def open_history(pilot):
    from mi_trainer.tui.history import HistoryScreen

    await pilot.press("f2")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, HistoryScreen))
    return pilot.app.screen


async def history_after(pilot, lines: list[str]) -> DataTable:
    """Practise one session, end it, open History: its table of sessions."""
    await practise_and_end(pilot, lines)
    screen = await open_history(pilot)
    return screen.query_one("#sessions", DataTable)


async def test_a_manager_opens_a_saved_session_from_history(make_app):
    from mi_trainer.tui.history import HistoryScreen
    from mi_trainer.tui.summary import SummaryScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        table = await history_after(pilot, ["You've been juggling a lot with the baby."])
        assert table.row_count == 1
        assert "Alex Morgan" in str(app.screen.query_one("#trend").render())
        table.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert app.screen.review
        text = str(app.screen.query_one("#transcript").render())
        assert "juggling a lot with the baby" in text
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


def options(select: Select) -> list[tuple[str, str]]:
    """(label, value) of each choice in a filter box (not the blank one)."""
    return [(str(prompt), value) for prompt, value in select._options if value != Select.NULL]


async def choose(pilot, select_id: str, typed: str) -> None:
    """Keyboard only: open the box, type the start of a choice, Enter."""
    pilot.app.screen.query_one(select_id, Select).focus()
    await pilot.press("enter")
    await pilot.press(*typed)
    await pilot.press("enter")
    await pilot.pause()


async def test_history_filters_offer_who_and_what_is_in_the_database(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're tired."], name="Alex Morgan", team="Team North")
        await pilot.press("ctrl+n")
        await practise_and_end(
            pilot, ["You want the best for her."], name="Bea Khan", team="Team South"
        )
        await open_history(pilot)
        screen = app.screen
        table = screen.query_one("#sessions", DataTable)
        assert table.row_count == 2
        practitioner = screen.query_one("#f-practitioner", Select)
        assert practitioner.is_blank()  # "Anyone"
        assert options(practitioner) == [("Alex Morgan", "Alex Morgan"), ("Bea Khan", "Bea Khan")]
        assert [v for _, v in options(screen.query_one("#f-team", Select))] == [
            "Team North",
            "Team South",
        ]
        # Scenarios by title; the filter uses the id.
        assert options(screen.query_one("#f-scenario", Select)) == [
            ("Sam and Lee: the health visitor's call", "tui-test-family")
        ]

        await choose(pilot, "#f-practitioner", "bea")  # applies at once, no exact typing
        assert practitioner.value == "Bea Khan"
        assert table.row_count == 1
        assert "Bea Khan" in str(table.get_row_at(0))
        await choose(pilot, "#f-team", "team n")
        assert table.row_count == 0
        assert "No sessions match" in str(screen.query_one("#trend").render())
        screen.query_one("#f-practitioner", Select).clear()  # back to "Anyone"
        await pilot.pause()
        assert table.row_count == 1 and "Alex Morgan" in str(table.get_row_at(0))
        await choose(pilot, "#f-scenario", "sam")
        assert table.row_count == 1


async def test_history_dates_still_filter_with_enter_and_a_bad_date_is_a_notice(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        table = await history_after(pilot, ["You're tired."])
        since = app.screen.query_one("#f-since", Input)
        since.focus()
        since.value = "2026-02-01"  # the fixed clock says 2026-01-15
        await pilot.press("enter")
        assert table.row_count == 0
        since.value = "the first of June"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert any("not a date" in n.message for n in app._notifications)
        since.value = ""
        await pilot.press("ctrl+r")
        assert table.row_count == 1


async def test_history_filter_choices_are_refreshed_when_the_screen_is_shown_again(make_app):
    from mi_trainer.tui.summary import SummaryScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're tired."], name="Alex Morgan")
        await open_history(pilot)
        history = app.screen
        await choose(pilot, "#f-practitioner", "alex")
        # Meanwhile another window saves a session for someone new.
        transcript = app.services.load(history.rows[0].session_id)
        transcript.session_id, transcript.practitioner = None, "Cat Doyle"
        app.services.store.start_session(transcript)
        history.query_one("#sessions", DataTable).focus()
        await pilot.press("enter")  # open the session, then come back
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is history)
        practitioner = history.query_one("#f-practitioner", Select)
        assert [v for _, v in options(practitioner)] == ["Alex Morgan", "Cat Doyle"]
        assert practitioner.value == "Alex Morgan"  # the choice made is kept
        assert history.query_one("#sessions", DataTable).row_count == 1


async def test_history_counts_the_practitioners_turns_as_the_summary_does(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're tired.", "What keeps you going?", "You care."])
        said = app.screen.score.practitioner_turns
        assert f"({said} turns)" in str(app.screen.query_one("#scores").render())
        await open_history(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        labels = [str(column.label) for column in table.ordered_columns]
        assert "Your\nturns" in labels
        turns = table.get_row_at(0)[labels.index("Your\nturns")]
        assert turns == str(said) == "3"
        assert app.screen.rows[0].turn_count > said  # the family's lines are not counted


async def test_history_lists_the_newest_sessions_and_says_when_there_are_more(
    make_app, monkeypatch
):
    import mi_trainer.tui.history as history

    monkeypatch.setattr(history, "LIST_LIMIT", 1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're tired."], name="Alex Morgan")
        await pilot.press("ctrl+n")
        await practise_and_end(pilot, ["You want the best for her."], name="Bea Khan")
        await open_history(pilot)
        assert app.screen.query_one("#sessions", DataTable).row_count == 1
        assert "newest 1 sessions" in str(app.screen.query_one("#note").render())
        await choose(pilot, "#f-practitioner", "alex")
        assert "supervision aid" in str(app.screen.query_one("#note").render())


async def open_check(pilot):
    from mi_trainer.tui.check import CheckScreen

    await pilot.press("f3")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CheckScreen))
    await pilot.app.screen.query_one("#files").reload()  # the folder has been read
    return pilot.app.screen


async def type_path(pilot, path: str) -> None:
    box = pilot.app.screen.query_one("#file", Input)
    box.focus()
    box.value = path
    await pilot.press("enter")


async def test_a_broken_scenario_shows_its_errors_with_line_numbers(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_check(pilot)
        await type_path(pilot, str(BROKEN))
        result = str(app.screen.query_one("#result").render())
        assert "3 errors" in result
        assert "line 2:5" in result and "did you mean 'name'" in result
        assert app.screen.query_one("#play").disabled


async def test_a_good_scenario_is_previewed_and_can_be_played(make_app):
    from mi_trainer.tui.session import SessionScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.coder_ready)
        await open_check(pilot)
        await type_path(pilot, str(SCENARIOS / "tui-test-family.yaml"))
        result = str(app.screen.query_one("#result").render())
        assert "No errors" in result and "Sam" in result and "Lee" in result
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))


async def test_a_missing_file_is_a_readable_notice(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_check(pilot)
        await type_path(pilot, "/nowhere/at/all.yaml")
        assert "No file at /nowhere/at/all.yaml" in str(app.screen.query_one("#result").render())
        assert any("No file at" in n.message for n in app._notifications)
        assert app.screen.query_one("#play").disabled


async def test_the_file_picker_shows_folders_and_yaml_files_of_the_scenarios_in_use(
    make_app, tmp_path: Path
):
    (tmp_path / "kerry.yaml").write_text("id: x\n", "utf-8")
    (tmp_path / "pat.YML").write_text("id: y\n", "utf-8")
    (tmp_path / "notes.txt").write_text("not a scenario", "utf-8")
    (tmp_path / ".hidden.yaml").write_text("id: z\n", "utf-8")
    (tmp_path / "_shared").mkdir()
    (tmp_path / "__pycache__").mkdir()
    app = make_app(scenarios_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_check(pilot)
        tree = screen.query_one("#files")
        assert tree.has_focus  # arrows work at once
        assert [str(n.label) for n in tree.root.children] == ["_shared", "kerry.yaml", "pat.YML"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
async def test_a_pipe_named_like_a_scenario_is_not_listed_and_never_read(make_app, tmp_path: Path):
    pipe = tmp_path / "draft.yaml"
    os.mkfifo(pipe)  # reading it would wait for a writer and freeze the screen
    app = make_app(scenarios_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_check(pilot)
        assert list(screen.query_one("#files").root.children) == []
        await type_path(pilot, str(pipe))
        assert "is not a file" in str(screen.query_one("#result").render())
        assert any("is not a file" in n.message for n in app._notifications)


async def test_a_file_chosen_in_the_picker_is_checked_by_keyboard_alone(make_app):
    from mi_trainer.tui.session import SessionScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.coder_ready)
        screen = await open_check(pilot)
        tree = screen.query_one("#files")
        assert tree.root.data.path == SCENARIOS  # the scenarios the app is using
        await pilot.press("down", "enter")  # the first file: tui-test-family.yaml
        await pilot.pause()
        assert screen.query_one("#file", Input).value.endswith("tui-test-family.yaml")
        result = str(screen.query_one("#result").render())
        assert "No errors" in result and "Sam" in result
        assert tree.has_focus  # the next file is one arrow away
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "Jo: the missed appointments" in str(screen.query_one("#result").render())
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))


async def test_backspace_goes_up_a_folder_and_a_broken_file_there_shows_its_lines(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_check(pilot)
        tree = screen.query_one("#files")
        await pilot.press("backspace")
        await wait_for(pilot, lambda: tree.root.data.path == SCENARIOS.parent)
        await tree.reload()
        await pilot.pause()
        assert tree.cursor_node.data.path == SCENARIOS  # where we came from
        labels = [str(n.label) for n in tree.root.children]
        assert labels == ["scenarios", "broken.yaml"]
        await pilot.press("down", "enter")
        await pilot.pause()
        result = str(screen.query_one("#result").render())
        assert "3 errors" in result and "line 2:5" in result
        assert screen.query_one("#play").disabled


async def test_a_folder_typed_as_the_path_is_shown_in_the_picker(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_check(pilot)
        await type_path(pilot, str(BROKEN.parent))
        tree = screen.query_one("#files")
        await wait_for(pilot, lambda: tree.root.data.path == BROKEN.parent)
        assert tree.has_focus
        assert "choose a scenario file in it" in str(screen.query_one("#result").render())


async def test_help_shows_keys_and_the_mi_reference(make_app):
    from textual.widgets import Markdown

    from mi_trainer.tui.help import HelpScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert "complex reflection" in app.screen.query_one(Markdown).source
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_the_command_palette_offers_the_main_actions(make_app):
    from mi_trainer.tui.history import HistoryScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"History and")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))


async def test_export_writes_markdown_html_and_json(make_app, tmp_path: Path):
    app = make_app(export_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're worried about the checks."])
        for fmt in ("md", "html", "json"):
            app.screen.export(fmt)
    written = sorted(p.suffix for p in tmp_path.glob("mi-tui-test-family-*"))
    assert written == [".html", ".json", ".md"]
    assert "worried about the checks" in next(tmp_path.glob("*.md")).read_text("utf-8")


async def test_an_unwritable_export_path_is_a_notice_not_a_crash(make_app, tmp_path: Path):
    app = make_app(export_dir=tmp_path / "no" / "such" / "folder" / "report.md")
    async with app.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're worried about the checks."])
        assert app.screen.export("md") is None
        await pilot.pause()
        assert any("Could not write" in n.message for n in app._notifications)


async def test_a_database_that_cannot_be_opened_is_a_notice_and_practice_goes_on(
    make_app, tmp_path: Path
):
    bad = tmp_path / "not-a-db.db"
    bad.write_text("this is not a database", "utf-8")
    app = make_app(db=bad)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_session(pilot)
        await say(pilot, "You're tired.")
        assert screen.session.session_id is None and not screen.session.saved
        assert any("database" in n.message.lower() for n in app._notifications)


@pytest.mark.parametrize("width", [80, 100, 120, 200])
def test_history_rows_fit_the_terminal_width(width: int) -> None:
    from mi_trainer.tui.history import FIXED_WIDTH, column_widths

    w = column_widths(width)
    used = FIXED_WIDTH + w.practitioner + w.team + w.scenario + w.status + w.mode
    assert used <= width
    assert w.scenario >= 10
