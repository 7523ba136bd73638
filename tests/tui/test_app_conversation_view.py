"""The conversation view: the newest reply in view after one repaint, scored once per line.

These pin what makes a reply quick without timing it (the floor is `mi-trainer bench app`):
one score per line, the view anchored to its newest bubble, and the collector kept off the
long-lived objects.
"""

from __future__ import annotations

import gc

from tests.tui.conftest import say, wait_for
from tests.tui.test_app_practice_flow import start_session

LINES = (
    "It sounds like the last few weeks have been exhausting.",
    "What would a good week look like for you both?",
    "You're working nights and still trying to be there for them.",
    "What have you tried before that helped, even a bit?",
    "Part of you wants to be left alone, and part of you is worried.",
)


def bubbles(screen) -> list:
    from mi_trainer.tui.session import Bubble

    return list(screen.query(Bubble))


async def test_while_the_conversation_is_short_it_starts_at_the_top(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_session(pilot)
        await say(pilot, LINES[0])
        convo = screen.query_one("#convo")
        assert convo.max_scroll_y == 0 and convo.scroll_y == 0
        assert bubbles(screen)[0].region.y == convo.region.y + 1  # below its top margin


async def test_once_it_overflows_the_newest_bubble_sits_on_the_bottom_edge(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        convo = screen.query_one("#convo")
        for line in LINES:
            await say(pilot, line)
            newest = bubbles(screen)[-1]
            assert newest in screen._compositor.visible_widgets, line
        assert convo.max_scroll_y > 0 and convo.scroll_y == convo.max_scroll_y
        assert bubbles(screen)[-1].region.bottom == convo.region.bottom, "no blank row below"


async def test_a_new_line_returns_to_the_end_after_scrolling_up_to_read(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        convo = screen.query_one("#convo")
        for line in LINES[:4]:
            await say(pilot, line)
        convo.scroll_home(animate=False)
        await pilot.pause()
        assert convo.scroll_y == 0
        await say(pilot, LINES[4])
        assert convo.scroll_y == convo.max_scroll_y > 0


async def test_each_line_is_scored_once_for_its_tip_and_the_live_counts(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_session(pilot)
        calls = []
        score = screen.session.scorer
        screen.session.scorer = lambda transcript: calls.append(1) or score(transcript)
        await say(pilot, "Did you miss the appointment?")
        assert len(calls) == 1
        assert "closed question" in str(bubbles(screen)[-2].render())  # the chip, with its tip
        assert "Live counts" in str(screen.query_one("#counts").render())


async def test_an_assessment_line_is_not_scored_until_the_end(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_session(pilot, mode="assessment")
        calls = []
        score = screen.session.scorer
        screen.session.scorer = lambda transcript: calls.append(1) or score(transcript)
        await say(pilot, "Did you miss the appointment?")
        assert calls == []


async def test_replies_freeze_long_lived_objects_and_closing_the_session_collects_it(make_app):
    from mi_trainer.tui.summary import SummaryScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)
        await say(pilot, LINES[0])
        await pilot.pause()
        assert gc.get_freeze_count() > 0
        await pilot.press("ctrl+e", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        # Released and collected once the summary is painted, and what lives on is frozen
        # again: the next session's first reply does not wait for a full collection.
        await wait_for(pilot, lambda: gc.get_freeze_count() > 0)
        await pilot.press("ctrl+n")
        await start_session(pilot)
        assert gc.get_freeze_count() > 0
