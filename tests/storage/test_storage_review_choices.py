"""What the review screens need from the store: the values a filter can choose from, and how
many lines the practitioner said in each session (what the summary calls its turns)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mi_trainer.storage import FilterChoices, SessionStore
from mi_trainer.storage.queries import NEWEST_TITLE, distinct_sql
from mi_trainer.storage.schema import PRACTICE_FIGURE_KEYS


def test_an_empty_database_has_nothing_to_choose(store: SessionStore) -> None:
    assert store.filter_choices() == FilterChoices((), (), ())


def test_filter_choices_are_the_distinct_values_sorted_as_a_person_reads_them(
    store: SessionStore, kit
) -> None:
    for name, team, scenario, day in [
        ("Sam Jones", "Family Safeguarding North", "mum-drinking-school-concerns", "01"),
        ("sam jones", "Family Safeguarding North", "mum-drinking-school-concerns", "02"),
        ("Priya Shah", "Connected Practice Hastings", "nan-kinship-care", "03"),
        ("Ade Okafor", "", "dad-minimising-before-icpc", "04"),
        ("Sam Jones", "Family Safeguarding North", "mum-drinking-school-concerns", "05"),
    ]:
        kit.finished(
            store,
            kit.transcript(name, team, scenario, started_at=f"2026-03-{day}T10:00:00+00:00"),
        )
    nameless = kit.transcript(practitioner="", team="")
    nameless.practitioner = nameless.team = None
    store.start_session(nameless)

    choices = store.filter_choices()
    # Alphabetical ignoring case, each spelling kept (the filter matches it exactly);
    # no blank names or teams.
    assert choices.practitioners == ("Ade Okafor", "Priya Shah", "Sam Jones", "sam jones")
    assert choices.teams == ("Connected Practice Hastings", "Family Safeguarding North")
    ids = [sid for sid, _ in choices.scenarios]
    assert sorted(ids) == [
        "dad-minimising-before-icpc",
        "mum-drinking-school-concerns",
        "nan-kinship-care",
    ]
    assert all(title == "Kerry: the school is worried" for _, title in choices.scenarios)
    assert choices.to_dict()["scenarios"][0] == {
        "id": ids[0],
        "title": "Kerry: the school is worried",
    }


def test_a_scenario_is_offered_under_the_title_of_its_newest_session(
    store: SessionStore, kit
) -> None:
    old = kit.transcript(scenario="nan-kinship-care", started_at="2025-01-01T10:00:00+00:00")
    old.scenario_title = "Pat: before the family group conference"
    new = kit.transcript(scenario="nan-kinship-care", started_at="2026-01-01T10:00:00+00:00")
    new.scenario_title = "Pat, kinship carer"
    untitled = kit.transcript(scenario="a-scenario-without-title")
    untitled.scenario_title = None
    for t in (new, old, untitled):
        kit.finished(store, t)
    # Sorted by the title a manager reads (the id when there is none).
    assert store.filter_choices().scenarios == (
        ("a-scenario-without-title", None),
        ("nan-kinship-care", "Pat, kinship carer"),
    )


def test_the_choices_are_read_along_the_indexes_not_the_table(sqlite_store: SessionStore) -> None:
    store = sqlite_store

    def plan(sql: str, *params: str) -> list[str]:
        rows = store.db.read(lambda c: c.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall())
        return [row["detail"] for row in rows]

    for column, index in [
        ("practitioner", "sessions_practitioner"),
        ("team", "sessions_team"),
        ("scenario_id", "sessions_scenario"),
    ]:
        steps = plan(distinct_sql(column))
        assert not any(step.startswith("SCAN sessions") for step in steps), steps
        assert any(f"COVERING INDEX {index}" in step for step in steps), steps
    steps = plan(NEWEST_TITLE, "nan-kinship-care")
    assert steps == ["SEARCH sessions USING INDEX sessions_scenario (scenario_id=?)"], steps


def test_a_sessions_own_turns_are_counted_as_they_are_saved(store: SessionStore, kit) -> None:
    t = kit.transcript(turns=3)  # practitioner, Kerry, practitioner
    sid = store.start_session(t)
    [live] = store.list_sessions()
    assert (live.turn_count, live.practitioner_turns) == (3, 2)
    store.append_turn(sid, kit.turn(3))  # Kerry
    store.append_turn(sid, kit.turn(4))  # practitioner
    [live] = store.list_sessions()
    assert (live.turn_count, live.practitioner_turns) == (5, 3)
    t.turns = [kit.turn(i) for i in range(6)]
    store.finish_session(sid, t, kit.FakeScore())
    [done] = store.list_sessions()
    assert (done.turn_count, done.practitioner_turns) == (6, 3)
    assert done.to_dict()["practitioner_turns"] == 3
    assert store.incomplete_sessions() == []


def test_an_uncoded_practitioner_line_is_not_counted_as_one_of_their_turns(
    store: SessionStore, kit
) -> None:
    t = kit.transcript(turns=2)
    t.turns[0].coded = None  # as the scorer does: only coded lines are turns
    store.start_session(t)
    assert store.list_sessions()[0].practitioner_turns == 0


def test_a_version_2_database_gets_its_practitioner_turns_counted(tmp_path: Path, kit) -> None:
    db = tmp_path / "v2.db"
    with SessionStore.open(db) as store:
        kit.finished(store, kit.transcript(turns=5))
    # Take it back to version 2, as the previous release left it.
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE sessions DROP COLUMN practitioner_turns")
    for later in PRACTICE_FIGURE_KEYS:  # added in version 6
        conn.execute(f"ALTER TABLE sessions DROP COLUMN {later}")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with SessionStore.open(db) as store:
        [summary] = store.list_sessions()
        assert (summary.turn_count, summary.practitioner_turns) == (5, 3)
