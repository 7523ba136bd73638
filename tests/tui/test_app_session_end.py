"""When the session ends by itself (a walk-out, the time limit): the input closes, one notice."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from tests.tui.conftest import wait_for

ENDED = "The session has ended"


async def play_to_the_time_limit(pilot):
    from mi_trainer.tui.session import SessionScreen

    app = pilot.app
    await wait_for(pilot, lambda: app.coder_ready, tries=3000)
    options = app.screen.query_one("#scenarios", OptionList)
    options.highlighted = 1  # the single-member scenario with a three-turn limit
    options.focus()
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
    line = app.screen.query_one("#line", Input)
    for text in ("You're tired.", "What matters most to you?", "You want to sort it."):
        line.focus()
        line.value = text
        await pilot.press("enter")
        await pilot.pause()
    assert app.screen.session.finished
    return app.screen


def ended_notices(app) -> int:
    return sum(ENDED in n.message for n in app._notifications)


async def test_after_the_end_the_input_takes_no_more_typing_and_the_notice_is_given_once(
    make_app,
):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await play_to_the_time_limit(pilot)
        line = screen.query_one("#line", Input)
        assert line.disabled and line.value == ""
        await pilot.press(*"hello", "enter", "enter", "ctrl+z")
        await pilot.pause()
        assert line.value == ""
        assert ended_notices(app) == 1


async def test_the_ended_notice_does_not_carry_over_onto_the_summary(make_app):
    from mi_trainer.tui.summary import SummaryScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await play_to_the_time_limit(pilot)
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.pause()
        assert ended_notices(app) == 0


async def test_after_a_walk_out_the_input_is_closed_too(make_app, tmp_path):
    from mi_trainer.tui.session import SessionScreen
    from tests.tui.conftest import SCENARIOS

    folder = tmp_path / "scenarios"
    folder.mkdir()
    quick_to_leave = (SCENARIOS / "tui-test-single.yaml").read_text("utf-8")
    quick_to_leave = quick_to_leave.replace("turn_limit: 3", "turn_limit: 12").replace(
        "    stage: precontemplation\n", "    stage: precontemplation\n    leave_at_discord: 0.05\n"
    )
    (folder / "jo.yaml").write_text(quick_to_leave, "utf-8")
    app = make_app(scenarios_dir=folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.coder_ready, tries=3000)
        app.screen.query_one("#scenarios", OptionList).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        line = app.screen.query_one("#line", Input)
        for text in (
            "You're in denial about what this is doing to your children.",
            "You need to stop making excuses and sort yourself out.",
            "If this carries on, the children could be removed.",
            "You're putting them at risk and you know it.",
            "That's neglect, plain and simple.",
            "You have to take this seriously or we go to court.",
        ):
            if app.screen.session.finished:
                break
            line.focus()
            line.value = text
            await pilot.press("enter")
            await pilot.pause()
        assert app.screen.session.end_reason == "member_left"
        assert line.disabled
        await pilot.press(*"sorry", "enter")
        assert line.value == "" and ended_notices(app) == 1
