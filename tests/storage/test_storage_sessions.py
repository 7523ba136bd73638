"""A practice session kept turn by turn: what is stored, found again, resumed and listed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mi_trainer.scoring import score_transcript
from mi_trainer.storage import (
    STATUS_COMPLETE,
    STATUS_IN_PROGRESS,
    STATUS_INCOMPLETE,
    SessionStore,
    StorageError,
    default_db_path,
)
from mi_trainer.transcript import END_INCOMPLETE


def test_the_default_database_follows_MI_TRAINER_DB(tmp_path: Path) -> None:
    assert default_db_path() == tmp_path / "sessions.db"  # set by tests/conftest.py
    with SessionStore.open() as store:
        assert store.location == str(tmp_path / "sessions.db")
    assert (tmp_path / "sessions.db").exists()


def test_a_new_database_and_its_side_files_are_readable_by_the_owner_only(
    sqlite_store: SessionStore, db_path: Path, kit
) -> None:
    sqlite_store.start_session(kit.transcript())
    assert db_path.exists()
    for path in (db_path, Path(str(db_path) + "-wal"), Path(str(db_path) + "-shm")):
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_finished_session_reloads_exactly_with_its_header_and_score(
    store: SessionStore, kit
) -> None:
    t = kit.transcript(turns=6)
    sid = kit.finished(store, t, overall=62.5, r_to_q=1.5)
    assert t.session_id == sid
    loaded = store.load(sid)
    assert loaded.to_dict() == t.to_dict()
    assert (loaded.scenario_hash, loaded.coder_version, loaded.seed) == ("ab" * 32, "test-1", 7)
    assert store.status_of(sid) == STATUS_COMPLETE
    assert store.score_of(sid)["overall"] == 62.5
    [summary] = store.list_sessions()
    assert summary.figures["r_to_q"] == 1.5 and summary.turn_count == 6


def test_each_turn_is_kept_as_soon_as_it_is_appended(db_location: str, kit) -> None:
    writer = SessionStore.open(db_location)
    t = kit.transcript(turns=2)
    sid = writer.start_session(t)
    writer.append_turn(sid, kit.turn(2))
    with SessionStore.open(db_location) as reader:  # another connection sees it at once
        assert [x.index for x in reader.load(sid).turns] == [0, 1, 2]
    writer.close()


def test_real_scoring_figures_are_stored_as_columns(store: SessionStore, kit) -> None:
    from mi_trainer.scoring import score_transcript

    t = kit.transcript(turns=6)
    sid = store.start_session(t)
    score = score_transcript(t)
    store.finish_session(sid, t, score)
    [summary] = store.list_sessions()
    stored = {**score.figures(), **score.practice_figures()}  # the lens too (version 6)
    assert set(summary.figures) == set(stored)
    assert summary.figures == pytest.approx(stored, nan_ok=True)
    assert store.score_of(sid)["overall"] == score.overall


def test_timestamps_are_kept_in_utc_so_filters_and_order_agree(store: SessionStore, kit) -> None:
    sid = store.start_session(kit.transcript(started_at="2026-03-02T11:00:00+01:00"))
    assert store.load(sid).started_at == "2026-03-02T10:00:00+00:00"


def test_an_interrupted_session_is_offered_for_resuming_then_continues(
    db_location: str, kit
) -> None:
    crashed = SessionStore.open(db_location)
    t = kit.transcript(turns=3)
    sid = crashed.start_session(t)
    crashed.close()
    with SessionStore.open(db_location) as store:
        # Still "live" while this process holds it; a crashed process would not be.
        assert store.incomplete_sessions() == []
        assert [s.session_id for s in store.incomplete_sessions(include_live=True)] == [sid]
        kit.sql(store, "UPDATE sessions SET owner_pid = 999999999")  # owner has gone
        [found] = store.incomplete_sessions()
        assert (found.session_id, found.status, found.turn_count) == (sid, STATUS_IN_PROGRESS, 3)
        resumed = store.resume(sid)
        assert len(resumed.turns) == 3
        store.append_turn(sid, kit.turn(3))
        resumed.turns.append(kit.turn(3))
        store.finish_session(sid, resumed, kit.FakeScore())
        assert store.status_of(sid) == STATUS_COMPLETE
        assert len(store.load(sid).turns) == 4


def test_an_interrupted_session_can_be_closed_as_incomplete_with_its_score(
    store: SessionStore, kit
) -> None:
    sid = store.start_session(kit.transcript(turns=4))
    score = score_transcript(store.load(sid))  # the caller scores; storage never does
    store.close_incomplete(sid, score)
    assert store.status_of(sid) == STATUS_INCOMPLETE
    loaded = store.load(sid)
    assert loaded.end_reason == END_INCOMPLETE and loaded.ended_at
    stored = store.score_of(sid)
    assert stored is not None and stored["overall"] == score.to_dict()["overall"]
    assert store.incomplete_sessions(include_live=True) == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Priya Shah March", "Sam Jones Feb", "Sam Jones Jan"]),
        ({"practitioner": "Sam Jones"}, ["Sam Jones Feb", "Sam Jones Jan"]),
        ({"team": "Connected Practice Hastings"}, ["Priya Shah March"]),
        ({"scenario": "dad-minimising-before-icpc"}, ["Sam Jones Feb"]),
        ({"since": "2026-02-01"}, ["Priya Shah March", "Sam Jones Feb"]),
        ({"until": "2026-02-14"}, ["Sam Jones Feb", "Sam Jones Jan"]),  # until is inclusive
        ({"since": "2026-02", "until": "2026-02-28"}, ["Sam Jones Feb"]),
        ({"limit": 1}, ["Priya Shah March"]),
    ],
)
def test_listing_sessions_by_practitioner_team_scenario_and_dates(
    store: SessionStore, kit, filters: dict, expected: list[str]
) -> None:
    labels = {}
    for label, who, team, scenario, when in [
        (
            "Sam Jones Jan",
            "Sam Jones",
            "Family Safeguarding North",
            "mum-drinking-school-concerns",
            "2026-01-10T09:00:00+00:00",
        ),
        (
            "Sam Jones Feb",
            "Sam Jones",
            "Family Safeguarding North",
            "dad-minimising-before-icpc",
            "2026-02-14T16:30:00+00:00",
        ),
        (
            "Priya Shah March",
            "Priya Shah",
            "Connected Practice Hastings",
            "nan-kinship-care",
            "2026-03-01T09:00:00+00:00",
        ),
    ]:
        labels[kit.finished(store, kit.transcript(who, team, scenario, when))] = label
    assert [labels[s.session_id] for s in store.list_sessions(**filters)] == expected


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "01/02/2026"])
def test_a_bad_date_is_a_clear_message(store: SessionStore, bad: str) -> None:
    with pytest.raises(StorageError, match=f"'{bad}' is not a date; use YYYY-MM-DD"):
        store.list_sessions(since=bad)


def test_until_before_since_is_a_clear_message(store: SessionStore) -> None:
    with pytest.raises(
        StorageError, match="end date 2026-02-01 is before the start date 2026-03-01"
    ):
        store.list_sessions(since="2026-03-01", until="2026-02-01")


def test_practitioner_trend_is_monthly_averages_of_completed_sessions(
    store: SessionStore, kit
) -> None:
    for when, r_to_q in [("2026-01-05", 0.5), ("2026-01-20", 1.5), ("2026-02-03", 2.0)]:
        kit.finished(store, kit.transcript(started_at=when + "T10:00:00+00:00"), r_to_q=r_to_q)
    store.start_session(kit.transcript(started_at="2026-02-10T10:00:00+00:00"))  # unfinished
    trend = store.practitioner_trend("Sam Jones")
    assert [(month, f["sessions"], f["r_to_q"]) for month, f in trend] == [
        ("2026-01", 2.0, 1.0),
        ("2026-02", 1.0, 2.0),
    ]


def test_a_missing_session_is_a_clear_message(store: SessionStore) -> None:
    with pytest.raises(StorageError, match="No session nope"):
        store.load("nope")


def test_sessions_stay_private_to_their_owner_on_a_shared_machine(db_path: Path) -> None:
    SessionStore.open(db_path).close()
    assert stat.S_IMODE(os.stat(db_path).st_mode) & 0o077 == 0


def test_a_real_played_session_is_kept_turn_by_turn_and_reloads_exactly(
    store: SessionStore,
) -> None:
    from mi_trainer.coding.coder import Coder
    from mi_trainer.scenarios import find_scenario
    from mi_trainer.scoring import score_transcript
    from mi_trainer.simulation import SimulatedSession
    from mi_trainer.simulation.loading import load_playable

    scenario = load_playable(find_scenario("mum-drinking-school-concerns"))
    session = SimulatedSession(
        scenario, Coder(), seed=4, practitioner="Sam Jones", team="Family Safeguarding North"
    )
    sid = store.start_session(session.transcript)
    session.on_turn = lambda turn: store.append_turn(sid, turn)
    for line in [
        "What's been happening with the school this term?",
        "You're fed up of people telling you how to be a mum.",
        "You need to stop drinking before the conference.",
    ]:
        session.say(line)
        assert store.list_sessions()[0].turn_count == len(session.transcript.turns)
    session.end()
    score = score_transcript(session.transcript)
    store.finish_session(sid, session.transcript, score)
    assert store.load(sid).to_dict() == session.transcript.to_dict()
    assert store.list_sessions()[0].figures == {**score.figures(), **score.practice_figures()}
    assert store.load(sid).scenario_hash == scenario.source_hash
