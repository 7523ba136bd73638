"""Check scenario (F3) as a trainer uses it (issue 18, trainers).

One Tab from the file list reaches the path box; a file that is not YAML says reading
stopped there and where an unclosed bracket was opened; a test play (F5) is not saved
as practice, so it shows in nobody's history or report.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from mi_trainer.storage import SessionStore
from tests.tui.conftest import SCENARIOS, say, wait_for
from tests.tui.test_app_review_and_check import open_check, type_path


async def test_one_tab_from_the_file_list_reaches_the_path_box(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_check(pilot)
        assert screen.query_one("#files").has_focus
        await pilot.press("tab")
        assert screen.query_one("#file", Input).has_focus


async def test_an_unclosed_bracket_names_where_it_was_opened_and_that_reading_stopped(
    make_app, tmp_path: Path
):
    path = tmp_path / "draft.yaml"
    path.write_text(
        "schema_version: 1\nid: draft\ntitle: Draft\nthemes: [neglect, housing\n"
        "members:\n  - id: jo\n    name: Jo\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_check(pilot)
        await type_path(pilot, str(path))
        result = str(screen.query_one("#result").render())
        assert "the '[' opened at line 4, column 9 is not closed" in result
        assert "reading stopped there" in result


async def test_a_test_play_from_check_scenario_is_not_saved_as_practice(make_app, db_path: Path):
    from mi_trainer.tui.session import SessionScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.coder_ready)
        await open_check(pilot)
        await type_path(pilot, str(SCENARIOS / "tui-test-family.yaml"))
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert any("not saved as practice" in n.message for n in app._notifications)
        await say(pilot, "What's been happening this week?")
        await pilot.press("ctrl+e", "y")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "SummaryScreen")
    store = SessionStore.open(db_path)
    try:
        assert store.list_sessions() == []
    finally:
        store.close()
