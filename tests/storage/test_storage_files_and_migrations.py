"""What is on disk: older schemas are migrated with data kept; foreign, damaged, newer, locked
or unwritable files give a clear message and are never changed."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from mi_trainer.storage import SessionStore, StorageError
from mi_trainer.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_version_1_database_is_migrated_and_its_sessions_kept(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    # A database as the first release wrote it, made by hand.
    conn = sqlite3.connect(db)
    conn.executescript(
        f"""
        PRAGMA application_id = {APPLICATION_ID};
        CREATE TABLE sessions (id INTEGER PRIMARY KEY, session_id TEXT NOT NULL UNIQUE,
          status TEXT NOT NULL DEFAULT 'in_progress', scenario_id TEXT, scenario_hash TEXT,
          coder_version TEXT, seed INTEGER, practitioner TEXT, team TEXT, mode TEXT,
          started_at TEXT NOT NULL, ended_at TEXT, end_reason TEXT, updated_at TEXT,
          turn_count INTEGER NOT NULL DEFAULT 0, overall REAL, r_to_q REAL, pct_complex REAL,
          pct_open REAL, adherent REAL, non_adherent REAL, questions REAL, reflections REAL,
          change_talk REAL, sustain_talk REAL, discord REAL, pct_change_talk REAL, cct REAL,
          sst REAL, partnership REAL, empathy REAL, technical REAL, relational REAL,
          score_json TEXT);
        CREATE TABLE turns (session INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
          idx INTEGER NOT NULL, speaker TEXT NOT NULL, text TEXT NOT NULL, code TEXT,
          talk_type TEXT, data TEXT, PRIMARY KEY (session, idx)) WITHOUT ROWID;
        CREATE INDEX sessions_started ON sessions(started_at);
        INSERT INTO sessions (id, session_id, status, scenario_id, practitioner, team,
          started_at, ended_at, end_reason, turn_count, overall, r_to_q, score_json)
          VALUES (1, 'abc123', 'complete', 'nan-kinship-care', 'Priya Shah',
          'Kinship Care Chichester', '2025-06-01T10:00:00+00:00', '2025-06-01T10:20:00+00:00',
          'practitioner_ended', 2, 71.5, 2.5, '{{"overall": 71.5}}');
        INSERT INTO turns VALUES (1, 0, 'practitioner', 'How is Jay settling in with you?',
          'question_open', NULL, NULL);
        INSERT INTO turns VALUES (1, 1, 'nan', 'He is trying, bless him.', NULL, 'neutral', NULL);
        PRAGMA user_version = 1;
        """
    )
    conn.close()

    with SessionStore.open(db) as store:
        assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
        loaded = store.load("abc123")
        assert loaded.practitioner == "Priya Shah"
        assert [t.text for t in loaded.turns] == [
            "How is Jay settling in with you?",
            "He is trying, bless him.",
        ]
        assert store.score_of("abc123") == {"overall": 71.5}  # moved to the scores table
        [summary] = store.list_sessions(team="Kinship Care Chichester")
        assert (summary.overall, summary.figures["r_to_q"]) == (71.5, 2.5)
        assert (summary.turn_count, summary.practitioner_turns) == (2, 1)  # counted in v3
        indexes = {
            r["name"]
            for r in store.db.read(
                lambda c: c.execute("SELECT name FROM sqlite_master WHERE type='index'")
            )
        }
        assert {"sessions_practitioner", "sessions_team", "sessions_scenario"} <= indexes


def test_opening_again_does_not_migrate_twice(db_path: Path) -> None:
    SessionStore.open(db_path).close()
    with SessionStore.open(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION


@pytest.mark.parametrize(
    ("what", "content"),
    [
        ("a spreadsheet saved under the wrong name", b"name,team\nSam Jones,North\n"),
        ("random bytes", os.urandom(4096)),
        ("a short file", b"SQLite"),
    ],
)
def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(
    tmp_path: Path, what: str, content: bytes
) -> None:
    path = tmp_path / "sessions.db"
    path.write_bytes(content)
    before = _digest(path)
    with pytest.raises(StorageError) as err:
        SessionStore.open(path)
    message = str(err.value)
    assert str(path) in message and "left untouched" in message
    assert err.value.choose_another and "--db" not in message  # the shell names its flag
    assert _digest(path) == before
    assert not Path(str(path) + "-wal").exists()


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Kerry', '01234 567890')")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(StorageError, match="not one made by mi-trainer"):
        SessionStore.open(path)
    assert _digest(path) == before


def test_an_sqlite_file_with_another_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 12345")
    conn.execute("CREATE TABLE sessions (x)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(StorageError, match="another program"):
        SessionStore.open(path)
    assert _digest(path) == before


def test_a_damaged_database_is_refused_with_the_fix(tmp_path: Path, kit) -> None:
    path = tmp_path / "sessions.db"
    with SessionStore.open(path) as store:
        kit.finished(store, kit.transcript(turns=4))
        store.db.read(lambda c: c.execute("PRAGMA wal_checkpoint(TRUNCATE)"))
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)  # the schema page is garbage now
    path.write_bytes(bytes(data))
    before = _digest(path)
    damaged = "damaged or is not an mi-trainer database"
    with pytest.raises(StorageError, match=damaged) as err, SessionStore.open(path) as store:
        store.list_sessions()
    assert "Move it aside" in str(err.value)
    assert _digest(path) == before


def test_a_database_from_a_newer_mi_trainer_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "sessions.db"
    SessionStore.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="newer mi-trainer"):
        SessionStore.open(path)


def test_a_database_locked_beyond_the_retries_is_a_clear_message(db_path: Path, kit) -> None:
    SessionStore.open(db_path).close()
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        store = SessionStore.open(db_path, busy_timeout_ms=50, retries=2)
        with pytest.raises(StorageError, match=r"busy .* try again"):
            store.start_session(kit.transcript())
        store.close()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_a_brief_lock_is_waited_out(db_path: Path, kit) -> None:
    import threading

    SessionStore.open(db_path).close()
    blocker = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN EXCLUSIVE")
    threading.Timer(0.3, lambda: blocker.execute("ROLLBACK")).start()
    with SessionStore.open(db_path, busy_timeout_ms=50, retries=8) as store:
        store.start_session(kit.transcript())  # retries with backoff until the lock frees
        assert len(store.list_sessions()) == 1
    blocker.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_a_folder_that_cannot_be_written_is_a_clear_message(tmp_path: Path) -> None:
    locked = tmp_path / "readonly"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StorageError, match="Cannot create the session database"):
            SessionStore.open(locked / "sessions.db")
    finally:
        locked.chmod(0o700)


def test_a_folder_in_place_of_the_file_is_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a folder, not a database file"):
        SessionStore.open(tmp_path)


def test_a_missing_parent_folder_is_created_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "sessions.db"
    SessionStore.open(path).close()
    assert path.exists()


def test_a_file_in_the_way_of_the_folder_is_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("case notes")
    with pytest.raises(StorageError, match="Cannot create the folder"):
        SessionStore.open(blocker / "sessions.db")
