"""Text that arrives in one burst, as a text expander types it or a paste brings it."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tests.tui.conftest import wait_for


def burst(app, text: str) -> None:
    """Every key at once, before the app has handled the first (a text expander's speed)."""
    for ch in text:
        key = {"\t": "tab", " ": "space"}.get(ch, ch)
        app.post_message(events.Key(key, ch))


async def test_a_burst_with_a_tab_fills_name_then_team(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.query("#name"))
        name, team = app.screen.query_one("#name", Input), app.screen.query_one("#team", Input)
        name.focus()
        await pilot.pause()
        burst(app, "Kim\tFamily Safeguarding")
        await pilot.pause(0.2)
        assert (name.value, team.value) == ("Kim", "Family Safeguarding")
        assert app.focused is team


async def test_a_paste_holding_a_tab_fills_name_then_team(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.query("#name"))
        name, team = app.screen.query_one("#name", Input), app.screen.query_one("#team", Input)
        name.focus()
        await pilot.pause()
        name.post_message(events.Paste("Kim Lee\tConnected Practice"))
        await pilot.pause(0.2)
        assert (name.value, team.value) == ("Kim Lee", "Connected Practice")


async def test_a_burst_of_dates_fills_from_then_to_in_history(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.query("#name"))
        await pilot.press("f2")
        await pilot.pause(0.2)
        since = app.screen.query_one("#f-since", Input)
        until = app.screen.query_one("#f-until", Input)
        since.focus()
        await pilot.pause()
        burst(app, "2026-01-01\t2026-01-31")
        await pilot.pause(0.2)
        assert (since.value, until.value) == ("2026-01-01", "2026-01-31")
