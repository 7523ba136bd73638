"""A practice session from start to stored score, as the app, `play` and the benchmarks drive it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mi_trainer.practice import PracticeError, PracticeSession
from mi_trainer.scenarios import Scenario
from mi_trainer.simulation.loading import load_playable
from mi_trainer.storage import SessionStore
from mi_trainer.transcript import END_BY_PRACTITIONER, END_INCOMPLETE, END_TURN_LIMIT
from tests.tui.conftest import SCENARIOS, shared_coder

FAMILY = SCENARIOS / "tui-test-family.yaml"
SINGLE = SCENARIOS / "tui-test-single.yaml"
LINES = (
    "It sounds like things have been really hard since the baby came.",
    "What would help you both keep track of the checks?",
    "@lee You're doing nights and still trying to be there for them.",
)


def clock() -> str:
    return "2026-01-15T10:00:00+00:00"


@pytest.fixture
def family() -> Scenario:
    return load_playable(FAMILY)


@pytest.fixture
def store(tmp_path: Path):
    opened = SessionStore.open(tmp_path / "sessions.db")
    yield opened
    opened.close()


def start(scenario: Scenario, store: SessionStore | None = None, **options) -> PracticeSession:
    options = {"practitioner": "Alex", "team": "North", "seed": 3, "clock": clock} | options
    return PracticeSession.start(scenario, shared_coder(), store=store, **options)


def test_every_turn_is_kept_as_it_happens_and_the_end_is_scored_once(family, store):
    practice = start(family, store)
    assert practice.saved and practice.session_id
    for line in LINES:
        step = practice.say(line)
        said = line.removeprefix("@lee ")  # who it is for is the turn's addressed member
        assert step.turns[0].text == said and not step.problems and not step.finished
    kept = store.load(practice.session_id)
    assert [t.text for t in kept.turns] == [t.text for t in practice.transcript.turns]
    assert store.status_of(practice.session_id) == "in_progress"

    ending = practice.end()
    assert ending.turns and ending.turns[-1].event == END_BY_PRACTITIONER
    assert practice.final_score is ending.score
    assert store.status_of(practice.session_id) == "complete"
    again = practice.end()
    assert again.turns == () and again.score is ending.score  # nothing is played or kept twice


def test_the_live_score_is_for_coach_mode_and_scored_once_per_new_turn(family):
    calls: list[int] = []
    coach = start(family)
    scorer = coach.scorer
    coach.scorer = lambda transcript: calls.append(1) or scorer(transcript)
    coach.say(LINES[0])
    first = coach.live_score()
    assert first is not None and first.practitioner_turns == 1
    assert coach.live_score() is first and len(calls) == 1
    assessment = start(family, mode="assessment")
    assessment.say(LINES[0])
    assert assessment.live_score() is None


def test_the_same_scenario_seed_and_lines_give_the_same_session(family):
    one, two = start(family), start(family)
    for line in LINES:
        one.say(line)
        two.say(line)
    assert one.transcript.to_dict() == two.transcript.to_dict()


def test_a_session_that_ends_itself_is_kept_when_it_is_closed(store):
    single = load_playable(SINGLE)  # three turns, then time is up
    practice = start(single, store)
    steps = [practice.say(line) for line in ("You're tired.", "What matters?", "You care.")]
    assert steps[-1].finished and practice.end_reason == END_TURN_LIMIT
    ending = practice.end()
    assert ending.turns == ()
    assert store.status_of(practice.session_id) == "complete"


def test_an_interrupted_session_resumes_by_replaying_its_lines(family, store, tmp_path: Path):
    first = start(family, store)
    for line in LINES[:2]:
        first.say(line)
    said = [(t.speaker, t.text) for t in first.transcript.turns]
    # The app was killed: the session stays in progress, owned by a process that is gone.
    with sqlite3.connect(tmp_path / "sessions.db") as conn:
        conn.execute("UPDATE sessions SET owner_pid = 999999999")
    interrupted = PracticeSession.interrupted(store)
    assert [s.session_id for s in interrupted] == [first.session_id]
    assert interrupted[0].practitioner_turns == 2

    resumed = PracticeSession.resume(family, shared_coder(), store, first.session_id, clock=clock)
    assert [(t.speaker, t.text) for t in resumed.transcript.turns] == said
    assert resumed.session_id == first.session_id
    resumed.say(LINES[2])
    resumed.end()
    kept = store.load(first.session_id)
    assert len(kept.turns) > len(said) and store.status_of(first.session_id) == "complete"


def test_a_scenario_changed_since_the_save_is_not_resumed_wrongly(family, store):
    first = start(family, store)
    first.say(LINES[0])
    changed = family.model_copy(update={"turn_limit": 1})  # now it ends after one line
    with pytest.raises(PracticeError, match="scenario has changed"):
        PracticeSession.resume(changed, shared_coder(), store, first.session_id)


def test_an_interrupted_session_can_be_closed_as_incomplete_with_its_score(family, store):
    first = start(family, store)
    first.say(LINES[0])
    PracticeSession.close_interrupted(store, first.session_id)
    assert store.status_of(first.session_id) == "incomplete"
    assert store.score_of(first.session_id) is not None


def test_stopping_early_keeps_the_session_as_incomplete(family, store):
    practice = start(family, store)
    practice.say(LINES[0])
    ending = practice.close_incomplete()
    assert practice.transcript.end_reason == END_INCOMPLETE and ending.turns == ()
    assert store.status_of(practice.session_id) == "incomplete"


def test_without_a_store_the_session_is_played_and_scored_but_not_kept(family):
    practice = start(family)
    practice.say(LINES[0])
    assert not practice.saved and practice.session_id is None
    assert practice.end().score.practitioner_turns == 1


def test_a_store_that_fails_is_a_message_and_the_practice_goes_on(family, store):
    practice = start(family, store)
    store.close()  # the database goes away mid-session
    step = practice.say(LINES[0])
    assert step.turns and step.problems
    assert all(p.startswith("Sessions database:") for p in step.problems)
    assert "not saved" in step.problems[0]
    assert practice.say(LINES[1]).turns  # still playing


def test_a_bad_line_is_a_readable_error_and_no_turn(family):
    practice = start(family)
    before = len(practice.transcript.turns)
    with pytest.raises(ValueError, match="Nobody called '@grandad'"):
        practice.say("@grandad how are you?")
    assert len(practice.transcript.turns) == before


def test_the_warm_up_plays_a_throwaway_session_that_changes_nothing(family, store):
    from mi_trainer.practice import warm_up

    before = start(family)
    for line in LINES:
        before.say(line)
    warm_up(shared_coder(), family)
    warm_up(shared_coder(), None)  # the coder alone, when no scenario can be read
    after = start(family)
    for line in LINES:
        after.say(line)
    assert after.transcript.to_dict() == before.transcript.to_dict()
    assert store.list_sessions() == []  # nothing of it is kept


@pytest.mark.perf
def test_after_the_warm_up_the_first_line_is_as_quick_as_the_later_ones(family):
    import time

    from mi_trainer.coding.coder import Coder
    from mi_trainer.practice import warm_up

    coder = Coder()  # a fresh one, as the app loads it
    warm_up(coder, family)
    # The practice must use the coder that was warmed (not the module's shared one, which is
    # cold when this test runs on its own, as `pytest -m perf` does).
    practice = PracticeSession.start(
        family, coder, practitioner="Alex", team="North", seed=3, clock=clock
    )
    took = []
    for line in LINES:
        begun = time.perf_counter()
        practice.say(line)
        practice.live_score()
        took.append(time.perf_counter() - begun)
    assert took[0] <= 2 * max(took[1:]) + 0.05, took
