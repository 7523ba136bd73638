"""History for a team manager: the session ids a report names, and dates in the screen's words."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from tests.tui.conftest import wait_for
from tests.tui.test_app_review_and_check import open_history, practise_and_end


async def type_in(pilot, selector: str, text: str) -> None:
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_each_row_shows_the_start_of_its_session_id(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're tired."])
        history = await open_history(pilot)
        table = history.query_one("#sessions", DataTable)
        sid = history.rows[0].session_id
        assert table.get_row_at(0)[1] == sid[:6]


async def test_history_opens_the_session_a_report_names_by_its_id(make_app):
    from mi_trainer.tui.summary import SummaryScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're worried about the checks."])
        await pilot.press("ctrl+n")
        await practise_and_end(pilot, ["You're tired."], name="Cat Doyle")
        history = await open_history(pilot)
        wanted = next(r for r in history.rows if r.practitioner == "Alex Morgan").session_id
        for typed in (wanted, wanted[:6].upper()):  # the whole id, or the start the row shows
            await type_in(pilot, "#f-id", typed)
            await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
            assert app.screen.transcript.session_id == wanted
            assert app.screen.review
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is history)


async def test_an_id_that_matches_nothing_or_is_not_an_id_is_explained(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're tired."])
        history = await open_history(pilot)
        await type_in(pilot, "#f-id", "0000ffff")
        assert app.screen is history
        assert any("No session id starts with 0000ffff" in n.message for n in app._notifications)
        await type_in(pilot, "#f-id", "sam's session")
        assert any("is not a session id" in n.message for n in app._notifications)


async def test_a_bad_date_is_explained_in_the_screens_own_words(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await practise_and_end(pilot, ["You're tired."])
        history = await open_history(pilot)
        await type_in(pilot, "#f-since", "2026-13-45")
        messages = [n.message for n in app._notifications]
        said = next(m for m in messages if "2026-13-45" in m)
        assert said.startswith("The From date '2026-13-45' is not a date")
        assert "--since" not in said and "start date" not in said
        assert history.query_one("#sessions", DataTable).row_count == 1  # the list stays
