"""A practitioner practises a scenario from start to summary, and it is saved as they go."""

from __future__ import annotations

import html
from pathlib import Path

from textual.widgets import Input, OptionList, Select

from tests.tui.conftest import FIXED_TIME, say, wait_for


async def start_session(
    pilot, name: str = "Alex Morgan", team: str = "Team North", mode: str = "coach"
):
    from mi_trainer.tui.session import SessionScreen

    app = pilot.app
    await wait_for(pilot, lambda: app.coder_ready, tries=3000)  # spaCy loads once, maybe slowly
    screen = app.screen
    screen.query_one("#name", Input).value = name
    screen.query_one("#team", Input).value = team
    screen.query_one("#mode", Select).value = mode
    screen.query_one("#scenarios", OptionList).focus()
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
    return app.screen


async def test_a_whole_session_is_played_ended_summarised_and_saved(make_app, db_path: Path):
    from mi_trainer.storage import SessionStore
    from mi_trainer.tui.summary import SummaryScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_session(pilot)
        await say(pilot, "It sounds like things have been really hard since the baby came.")
        await say(pilot, "What would help you both keep track of the checks?")
        await say(pilot, "You're worried about getting it wrong.")
        store = SessionStore.open(db_path)
        live = store.list_sessions()
        assert len(live) == 1 and live[0].status == "in_progress"
        assert live[0].turn_count >= 6, "each turn is saved as it happens"
        await pilot.press("ctrl+e")
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert screen.session.finished
    done = store.list_sessions()
    assert done[0].status == "complete"
    assert done[0].practitioner == "Alex Morgan" and done[0].team == "Team North"
    assert done[0].started_at.startswith(FIXED_TIME[:10])
    assert done[0].figures["overall"] is not None
    store.close()


async def test_the_name_and_team_are_remembered_for_next_time(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot, name="Priya", team="Family Safeguarding East")
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        assert again.screen.query_one("#name", Input).value == "Priya"
        assert again.screen.query_one("#team", Input).value == "Family Safeguarding East"


async def test_coach_mode_shows_code_chips_and_live_counts(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_session(pilot, mode="coach")
        await say(pilot, "Did you miss the appointment?")
        chips = list(screen.query(".chip"))
        assert chips and "closed question" in str(chips[-1].render())
        assert screen.query_one("#side").display
        assert "Live counts" in str(screen.query_one("#counts").render())


async def test_assessment_mode_keeps_feedback_for_the_end(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_session(pilot, mode="assessment")
        await say(pilot, "Did you miss the appointment?")
        assert not list(screen.query(".chip"))
        assert not screen.query_one("#side").display


async def test_in_a_family_scene_the_practitioner_chooses_who_to_speak_to(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_session(pilot)
        to = screen.query_one("#to", Select)
        to.value = "lee"
        await say(pilot, "You're doing nights and still trying to be there for them.")
        last_you = [t for t in screen.session.transcript.turns if t.speaker == "practitioner"][-1]
        assert last_you.addressed == "lee"
        await say(pilot, "@sam what matters most to you about the checks?")
        last_you = [t for t in screen.session.transcript.turns if t.speaker == "practitioner"][-1]
        assert last_you.addressed == "sam"
        assert to.value == "sam", "the selector follows who was addressed last"


async def test_undo_brings_back_the_text_just_cleared(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_session(pilot)
        line = screen.query_one("#line", Input)
        line.focus()
        await pilot.press(*"You feel judged")
        await pilot.press("ctrl+u")  # clears to the start of the line
        await pilot.pause()
        assert line.value == ""
        await pilot.press("ctrl+z")
        assert line.value == "You feel judged"


async def test_an_empty_line_is_a_gentle_notice_not_a_turn(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_session(pilot)
        before = len(screen.session.transcript.turns)
        await say(pilot, "   ")
        assert len(screen.session.transcript.turns) == before


async def test_keep_going_on_the_end_question_returns_to_the_conversation(make_app):
    from mi_trainer.tui.session import SessionScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_session(pilot)
        await pilot.press("ctrl+e")
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen) and not screen.session.finished


async def test_the_end_question_dims_the_conversation_behind_it_instead_of_hiding_it(make_app):
    from textual.widgets import Footer

    from mi_trainer.tui.common import ConfirmScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)
        await say(pilot, "It sounds like the checks feel never-ending.")
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert 0 < app.screen.styles.background.a < 1  # see-through
        shown = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "End this session" in shown
        assert "the checks feel never-ending" in shown  # the conversation is still there
        # the footer offers the question's own keys, not the session's underneath
        assert app.screen.query(Footer)
        shown_keys = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "Yes" in shown_keys and "End session" not in shown_keys


async def test_scenarios_are_listed_gentlest_first_then_by_title(make_app):
    from mi_trainer.paths import bundled_scenarios_dir

    app = make_app(scenarios_dir=bundled_scenarios_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        listed = app.screen.scenarios
        assert len(listed) >= 7
        keys = [(s.difficulty, s.title.casefold()) for s in listed]
        assert keys == sorted(keys)
        assert listed[0].difficulty == min(s.difficulty for s in listed)
        options = app.screen.query_one("#scenarios", OptionList)
        assert options.get_option_at_index(0).id == listed[0].id
        assert options.highlighted == 0  # the gentlest one is previewed first
        assert listed[0].title in str(app.screen.query_one("#prev").render())


async def test_an_interrupted_session_can_be_closed_as_incomplete_on_start(make_app, db_path):
    from mi_trainer.storage import SessionStore

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)
        await say(pilot, "You've had a lot of people telling you what to do.")
        app.services.close()  # the app "crashes": the session stays in progress
        app.services._store = None
    store = SessionStore.open(db_path)
    sid = store.list_sessions()[0].session_id
    store._pid = -1  # pretend another, dead process owned it
    store.close()
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE sessions SET owner_pid = 999999999")
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        from mi_trainer.tui.common import ResumeScreen

        await wait_for(pilot, lambda: isinstance(again.screen, ResumeScreen))
        await pilot.press("c")
        await pilot.pause()
    store = SessionStore.open(db_path)
    assert store.status_of(sid) == "incomplete"
    store.close()


async def test_when_the_turn_limit_ends_the_session_it_is_saved_and_the_summary_follows(
    make_app, db_path
):
    from mi_trainer.storage import SessionStore
    from mi_trainer.tui.summary import SummaryScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.coder_ready)
        options = app.screen.query_one("#scenarios", OptionList)
        options.highlighted = 1  # the single-member scenario with a three-turn limit
        options.focus()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert not list(screen.query("#to")), "no one to choose between with one member"
        for line in ("You're tired.", "What matters most to you?", "You want to sort it."):
            await say(pilot, line)
        assert screen.session.finished
        await say(pilot, "One more thing")
        assert any("ended" in n.message for n in app._notifications)
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
    store = SessionStore.open(db_path)
    assert store.list_sessions()[0].status == "complete"
    store.close()


async def test_an_interrupted_session_can_be_resumed_where_it_stopped(make_app, db_path):
    import sqlite3

    from mi_trainer.storage import SessionStore
    from mi_trainer.tui.common import ResumeScreen
    from mi_trainer.tui.session import SessionScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)
        await say(pilot, "You've had a lot of people telling you what to do.")
        await say(pilot, "What would make the checks easier?")
        before = [t.text for t in app.screen.session.transcript.turns]
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE sessions SET owner_pid = 999999999")
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(again.screen, ResumeScreen))
        assert ", 2 turns (Alex Morgan)" in again.screen.text  # the practitioner's, as summed up
        await wait_for(pilot, lambda: again.coder_ready)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(again.screen, SessionScreen))
        session = again.screen.session
        assert [t.text for t in session.transcript.turns] == before
        await say(pilot, "You're doing your best.")
        await pilot.press("ctrl+e", "y")
        await pilot.pause()
    store = SessionStore.open(db_path)
    sessions = store.list_sessions()
    assert len(sessions) == 1 and sessions[0].status == "complete"
    assert len(store.load(sessions[0].session_id).turns) > len(before)
    store.close()


async def test_a_new_user_types_name_and_team_and_enter_leads_to_the_scenarios(make_app):
    from mi_trainer.tui.session import SessionScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.coder_ready)
        assert app.focused is app.screen.query_one("#name", Input)
        await pilot.press(*"Kim", "enter", *"North", "enter")
        assert app.focused is app.screen.query_one("#scenarios", OptionList)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.screen.session.transcript.practitioner == "Kim"


async def test_addressing_someone_not_in_the_scene_is_a_readable_notice(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_session(pilot)
        before = len(screen.session.transcript.turns)
        await say(pilot, "@grandad how are you?")
        assert len(screen.session.transcript.turns) == before
        assert app._notifications, "the practitioner is told why nothing happened"
        assert screen.query_one("#line", Input).value == "@grandad how are you?"
