"""What people type and what scenarios say is shown exactly as written, never read as markup.

Names, teams, practitioner lines and scenario text may hold square brackets, backslashes and
dollar signs ("[bold red]x[/]", "[link=…]", "C:\\notes\\", "[$accent]"). The app shows them
character for character and unstyled, wherever they appear: the conversation, the side panel,
the summary, the transcript, History and its trends, notices.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from textual.widgets import DataTable

from tests.tui.conftest import say, wait_for
from tests.tui.test_app_practice_flow import start_session
from tests.tui.test_app_review_and_check import open_history

NAME = "[bold red]x[/]"
TEAM = "[$panel]T\\"  # History shows 10 characters of a team
LINES = (
    "[bold red]x[/]",
    "[link='https://example.org']here[/link] and [$accent]this[/] and [on red]that",
    "I saved it in C:\\notes\\[draft] and it ends with a backslash \\",
)


def assert_verbatim(visual: Any, text: str, ours: tuple[str, ...] = ()) -> None:
    """``text`` is shown character for character, styled by nothing but the screen's own
    styles ``ours`` (a name in bold is ours; "bold red" from the name itself is not)."""
    assert text in visual.plain, f"{text!r} not shown as typed in {visual.plain!r}"
    start = visual.plain.index(text)
    end = start + len(text)
    styles = {str(span.style) for span in visual.spans if span.start < end and span.end > start}
    assert styles <= set(ours), f"{text!r} was styled {styles}"


async def test_typed_lines_and_a_name_are_shown_as_typed_everywhere(make_app) -> None:
    from mi_trainer.tui.session import Bubble
    from mi_trainer.tui.summary import SummaryScreen

    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await start_session(pilot, name=NAME, team=TEAM)
        for line in LINES:
            await say(pilot, line)
        mine = [b.render() for b in screen.query(Bubble) if "you" in b.classes]
        for line in LINES:
            assert any(line in bubble.plain for bubble in mine), line
            assert_verbatim(next(b for b in mine if line in b.plain), line)
        assert NAME in screen.sub_title

        await pilot.press("ctrl+e", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        for line in LINES:
            assert_verbatim(app.screen.query_one("#transcript").render(), line)
            assert line in app.screen.query_one("#feedback").render().plain

        history = await open_history(pilot)
        table = history.query_one("#sessions", DataTable)
        name_cell, team_cell = table.get_row_at(0)[2:4]
        assert_verbatim(name_cell, NAME)
        assert_verbatim(team_cell, TEAM)
        assert_verbatim(history.query_one("#trend").render(), NAME, ours=("b",))


async def test_a_notice_shows_its_text_as_written(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        message = f"Could not save {LINES[2]} for {NAME}"
        app.screen.notify(message)  # a screen's notice goes through the app's
        await wait_for(pilot, lambda: bool(app._notifications))
        [notice] = [n for n in app._notifications if n.message == message]
        assert notice.markup is False  # the toast shows the message as plain text


def test_scenario_text_in_the_preview_is_shown_as_written() -> None:
    from mi_trainer.tui.start import preview_text

    scenario = SimpleNamespace(
        title="[b]Mum[/b] and the $school",
        difficulty=2,
        themes=["[i]drink[/i]"],
        summary="A summary with [link=https://x.org]a link[/link] and a \\",
        setting="Kitchen [$accent]",
        members=[SimpleNamespace(name="Jo [red]", role="mum\\", age=31)],
        learning_goals=["[reverse]reflect[/reverse]"],
        content_notes=["[@click=app.quit]alcohol[/]"],
    )
    preview = preview_text(scenario)
    for text in (
        scenario.title,
        "[i]drink[/i]",
        scenario.summary,
        scenario.setting,
        "Jo [red]",
        "mum\\",
        "[reverse]reflect[/reverse]",
        "[@click=app.quit]alcohol[/]",
    ):
        assert text in preview.plain, text
    assert_verbatim(preview, scenario.summary)
