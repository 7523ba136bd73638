"""SessionStore: practice sessions kept in SQLite, turn by turn, and queried for review.

Design (details in docs/storage.md):

- WAL journal, ``synchronous=NORMAL``: every turn is its own committed transaction, so killing
  the app loses at most the line being typed; WAL never corrupts on a crash and NORMAL skips an
  fsync per turn (only a power cut can lose the last few commits, never consistency).
- Writes use ``BEGIN IMMEDIATE`` with ``busy_timeout`` plus a few retries with backoff, so two
  app instances on one machine both get their turns in; if the lock never frees, a readable
  :class:`StorageError` says so.
- New files are created 0600 by us (``os.open``) before SQLite touches them.
- A file that is not an mi-trainer database (not SQLite, another program's SQLite, or damaged)
  raises :class:`StorageError` and is never written to.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import socket
import sqlite3
import stat
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from mi_trainer.storage.schema import APPLICATION_ID, FIGURE_KEYS, MIGRATIONS, SCHEMA_VERSION
from mi_trainer.transcript import END_INCOMPLETE, Transcript, Turn

T = TypeVar("T")

STATUS_IN_PROGRESS = "in_progress"
STATUS_COMPLETE = "complete"
STATUS_INCOMPLETE = "incomplete"

SQLITE_HEADER = b"SQLite format 3\x00"
EXPORT_FORMAT = "mi-trainer-session"
EXPORT_VERSION = 1

_FIX_HINT = "Choose another file with --db PATH (or the MI_TRAINER_DB environment variable)"
_FIX_OR = "choose another file with --db PATH (or the MI_TRAINER_DB environment variable)"


class StorageError(Exception):
    """A storage problem the user can act on; ``str(err)`` is a complete, readable message."""


def default_db_path() -> Path:
    """$MI_TRAINER_DB, else ``sessions.db`` in the platform's user data folder."""
    env = os.environ.get("MI_TRAINER_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("mi-trainer", appauthor=False)) / "sessions.db"


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def normalise_timestamp(value: str | None) -> str | None:
    """Any ISO 8601 timestamp -> UTC ``YYYY-MM-DDTHH:MM:SS+00:00`` (text order = time order)."""
    if value is None or value == "":
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def parse_day(value: str | date | None, option: str = "date") -> date | None:
    """'2026-03-01' (or '2026-03' = the 1st) -> date; a readable StorageError otherwise."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 7:
            return date.fromisoformat(text + "-01")
        return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text)
    except ValueError:
        raise StorageError(
            f"{option} '{value}' is not a date; use YYYY-MM-DD (for example 2026-01-31)"
        ) from None


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """One row of a session listing (no turns)."""

    session_id: str
    status: str
    practitioner: str | None
    team: str | None
    scenario_id: str | None
    scenario_title: str | None
    mode: str | None
    started_at: str
    ended_at: str | None
    end_reason: str | None
    turn_count: int  # every turn: the practitioner's, the family's and events
    practitioner_turns: int  # the practitioner's coded lines (what the score counts as turns)
    figures: dict[str, float | None] = field(default_factory=dict)

    @property
    def overall(self) -> float | None:
        return self.figures.get("overall")

    def to_dict(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "status": self.status,
            "practitioner": self.practitioner,
            "team": self.team,
            "scenario_id": self.scenario_id,
            "scenario_title": self.scenario_title,
            "mode": self.mode,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "end_reason": self.end_reason,
            "turn_count": self.turn_count,
            "practitioner_turns": self.practitioner_turns,
            "figures": dict(self.figures),
        }


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """What the review filters can choose from: the values present in the database.

    Names and teams are sorted alphabetically ignoring case; scenarios are ``(id, title)``
    pairs (the title of the scenario's newest session, None if it has none), sorted by title,
    then id. Empty values are left out.
    """

    practitioners: tuple[str, ...]
    teams: tuple[str, ...]
    scenarios: tuple[tuple[str, str | None], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "practitioners": list(self.practitioners),
            "teams": list(self.teams),
            "scenarios": [{"id": sid, "title": title} for sid, title in self.scenarios],
        }


@dataclass(frozen=True, slots=True)
class PurgeResult:
    sessions: int
    turns: int
    practitioners: tuple[str, ...]
    first: str | None
    last: str | None
    dry_run: bool


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    skipped: int


_SUMMARY_COLUMNS = (
    "session_id, status, practitioner, team, scenario_id, scenario_title, mode, started_at, "
    "ended_at, end_reason, turn_count, practitioner_turns, " + ", ".join(FIGURE_KEYS)
)


def _summary(row: tuple[Any, ...]) -> SessionSummary:
    figures = dict(zip(FIGURE_KEYS, row[12:], strict=True))
    return SessionSummary(*row[:12], figures=figures)  # type: ignore[arg-type]


def _is_locked(err: sqlite3.OperationalError) -> bool:
    text = str(err).lower()
    return "locked" in text or "busy" in text


class SessionStore:
    """Sessions in one SQLite file. Open with :meth:`open`; safe to share between threads."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        retries: int = 6,
        backoff_s: float = 0.05,
    ) -> None:
        self._conn = conn
        self.path = path
        self._retries = retries
        self._backoff_s = backoff_s
        self._lock = threading.RLock()
        self._pid = os.getpid()
        self._host = socket.gethostname()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        busy_timeout_ms: int = 5000,
        retries: int = 6,
        create: bool = True,
    ) -> SessionStore:
        """Open (creating 0600 and migrating if needed) the database at ``path``.

        ``path`` None -> :func:`default_db_path`. Raises :class:`StorageError` for a foreign,
        damaged, newer or unwritable file, never touching its bytes; with ``create=False`` also
        when there is no database yet (review commands should not make one by accident).
        """
        db = Path(path).expanduser() if path is not None else default_db_path()
        if not create and not db.exists():
            raise StorageError(
                f"There is no session database at {db} yet: practise a session in the app "
                "first, or point --db (or MI_TRAINER_DB) at an existing database."
            )
        created = _create_file(db)
        try:
            conn = sqlite3.connect(
                str(db),
                timeout=busy_timeout_ms / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as err:
            raise StorageError(
                f"Cannot open the session database {db}: {err}. {_FIX_HINT}."
            ) from None
        store = cls(conn, db, retries=retries)
        try:
            store._check_and_migrate(created, busy_timeout_ms)
        except BaseException:
            conn.close()
            raise
        return store

    def _check_and_migrate(self, created: bool, busy_timeout_ms: int) -> None:
        conn = self._conn
        db = self.path
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
        except sqlite3.OperationalError as err:
            if _is_locked(err):
                raise self._locked_error() from None
            raise self._damaged_error(err) from None
        except sqlite3.DatabaseError as err:
            raise self._damaged_error(err) from None
        empty = app_id == 0 and version == 0 and tables == 0
        if not empty and app_id != APPLICATION_ID:
            raise StorageError(
                f"{db} is an SQLite database, but not one made by mi-trainer "
                "(it belongs to another program), so it was left untouched. "
                f"{_FIX_HINT}."
            )
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"{db} was made by a newer mi-trainer (schema version {version}; this one "
                f"knows up to {SCHEMA_VERSION}). Upgrade mi-trainer to use it, or "
                f"{_FIX_OR}."
            )
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.OperationalError as err:
            if _is_locked(err):
                raise self._locked_error() from None
            raise self._unwritable_error(err) from None
        if str(mode).lower() != "wal":
            raise StorageError(
                f"Cannot use write-ahead logging for {db} (journal mode {mode}); "
                f"is it on a network drive? {_FIX_HINT}."
            )
        if version < SCHEMA_VERSION:
            self._migrate()
        _tighten(db)

    def _migrate(self) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current == 0:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for number in range(current, SCHEMA_VERSION):
                for statement in MIGRATIONS[number]:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

        self._write(apply)

    def close(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA optimize")  # keeps the query planner's statistics fresh
            self._conn.close()

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._read(lambda c: c.execute("PRAGMA user_version").fetchone()[0])

    # ------------------------------------------------------------------ errors and retries

    def _locked_error(self) -> StorageError:
        return StorageError(
            f"The session database {self.path} is busy (locked by another program or another "
            "mi-trainer window) and did not free up after several tries. Close the other "
            "program, or wait a moment and try again."
        )

    def _damaged_error(self, err: Exception) -> StorageError:
        return StorageError(
            f"{self.path} is damaged or is not an mi-trainer database ({err}); it was left "
            f"untouched. Move it aside to start a new one, or {_FIX_OR}."
        )

    def _unwritable_error(self, err: Exception) -> StorageError:
        return StorageError(
            f"Cannot write to the session database {self.path} ({err}). Check that you can "
            f"write to the file and its folder, or {_FIX_OR}."
        )

    def _retrying(self, action: Callable[[], T]) -> T:
        delay = self._backoff_s
        for attempt in range(self._retries + 1):
            try:
                return action()
            except sqlite3.OperationalError as err:
                if not _is_locked(err):
                    if "readonly" in str(err).lower() or "read-only" in str(err).lower():
                        raise self._unwritable_error(err) from None
                    raise self._damaged_error(err) from None
                if attempt == self._retries:
                    raise self._locked_error() from None
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 1.0)
            except sqlite3.DatabaseError as err:
                raise self._damaged_error(err) from None
        raise AssertionError("unreachable")

    def _write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one IMMEDIATE transaction, retrying the whole of it when locked."""

        def once() -> T:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = fn(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return result

        with self._lock:
            return self._retrying(once)

    def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            return self._retrying(lambda: fn(self._conn))

    # ------------------------------------------------------------------ writing sessions

    def start_session(self, transcript: Transcript) -> str:
        """Store the header and any turns already present; returns (and sets) the session id."""
        if not transcript.session_id:
            transcript.session_id = uuid.uuid4().hex
        if not transcript.started_at:
            transcript.started_at = utc_now()
        sid = transcript.session_id

        def insert(conn: sqlite3.Connection) -> None:
            rowid = self._insert_header(conn, transcript, STATUS_IN_PROGRESS)
            self._insert_turns(conn, rowid, transcript.turns)

        self._write(insert)
        return sid

    def _insert_header(self, conn: sqlite3.Connection, t: Transcript, status: str) -> int:
        now = utc_now()
        cur = conn.execute(
            """INSERT INTO sessions (session_id, status, scenario_id, scenario_title,
                scenario_hash, coder_version, seed, practitioner, team, mode, started_at,
                ended_at, end_reason, updated_at, members_json, owner_pid, owner_host)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                t.session_id,
                status,
                t.scenario_id,
                t.scenario_title,
                t.scenario_hash,
                t.coder_version,
                t.seed,
                t.practitioner,
                t.team,
                t.mode,
                normalise_timestamp(t.started_at) or now,
                normalise_timestamp(t.ended_at),
                t.end_reason,
                now,
                json.dumps(t.members, ensure_ascii=False) if t.members else None,
                self._pid if status == STATUS_IN_PROGRESS else None,
                self._host if status == STATUS_IN_PROGRESS else None,
            ),
        )
        return int(cur.lastrowid or 0)

    @staticmethod
    def _turn_row(rowid: int, turn: Turn) -> tuple[Any, ...]:
        data = turn.to_dict()
        for key in ("index", "speaker", "text", "talk_type", "code"):
            data.pop(key, None)
        return (
            rowid,
            turn.index,
            turn.speaker,
            turn.text,
            str(turn.coded.code) if turn.coded is not None else None,
            str(turn.talk_type) if turn.talk_type is not None else None,
            json.dumps(data, ensure_ascii=False, separators=(",", ":")) if data else None,
        )

    def _insert_turns(self, conn: sqlite3.Connection, rowid: int, turns: Iterable[Turn]) -> None:
        conn.executemany(
            "INSERT OR REPLACE INTO turns VALUES (?, ?, ?, ?, ?, ?, ?)",
            [self._turn_row(rowid, turn) for turn in turns],
        )
        _recount(conn, rowid)

    def _rowid(self, conn: sqlite3.Connection, sid: str) -> int:
        row = conn.execute("SELECT id FROM sessions WHERE session_id = ?", (sid,)).fetchone()
        if row is None:
            raise StorageError(f"No session {sid} in {self.path}.")
        return int(row[0])

    def append_turn(self, sid: str, turn: Turn) -> None:
        """Commit one turn now (replacing a turn with the same index, so resuming is safe)."""

        def insert(conn: sqlite3.Connection) -> None:
            rowid = self._rowid(conn, sid)
            conn.execute(
                "INSERT OR REPLACE INTO turns VALUES (?, ?, ?, ?, ?, ?, ?)",
                self._turn_row(rowid, turn),
            )
            _recount(conn, rowid)

        self._write(insert)

    def finish_session(
        self,
        sid: str,
        transcript: Transcript,
        score: Any | None = None,
        *,
        status: str = STATUS_COMPLETE,
    ) -> None:
        """Mark the session ended: end reason, ended_at, any unsaved turns, figures and score.

        ``score`` is a SessionScore (anything with ``figures()`` and ``to_dict()``); None scores
        the transcript here.
        """
        if score is None:
            from mi_trainer.scoring import score_transcript

            score = score_transcript(transcript)
        if not transcript.ended_at:
            transcript.ended_at = utc_now()
        figures = score.figures()
        score_json = json.dumps(score.to_dict(), ensure_ascii=False, separators=(",", ":"))

        def update(conn: sqlite3.Connection) -> None:
            rowid = self._rowid(conn, sid)
            self._insert_turns(conn, rowid, transcript.turns)
            sets = ", ".join(f"{k} = ?" for k in FIGURE_KEYS)
            conn.execute(
                f"""UPDATE sessions SET status = ?, ended_at = ?, end_reason = ?,
                    scenario_title = coalesce(?, scenario_title),
                    members_json = coalesce(?, members_json), owner_pid = NULL,
                    owner_host = NULL, {sets} WHERE id = ?""",
                (
                    status,
                    normalise_timestamp(transcript.ended_at),
                    transcript.end_reason,
                    transcript.scenario_title,
                    json.dumps(transcript.members, ensure_ascii=False)
                    if transcript.members
                    else None,
                    *(_number(figures.get(k)) for k in FIGURE_KEYS),
                    rowid,
                ),
            )
            conn.execute("INSERT OR REPLACE INTO scores VALUES (?, ?)", (rowid, score_json))

        self._write(update)

    # ------------------------------------------------------------------ interrupted sessions

    def incomplete_sessions(self, include_live: bool = False) -> list[SessionSummary]:
        """Sessions left in progress by a crash or a killed app (oldest first).

        Sessions still being written by a running mi-trainer on this machine (another window,
        or this process) are left out unless ``include_live``.
        """
        rows = self._read(
            lambda c: c.execute(
                f"SELECT {_SUMMARY_COLUMNS}, owner_pid, owner_host FROM sessions "
                "WHERE status = 'in_progress' ORDER BY started_at"
            ).fetchall()
        )
        result = []
        for row in rows:
            pid, host = row[-2], row[-1]
            if not include_live and pid and host == self._host and _alive(int(pid)):
                continue
            result.append(_summary(row[:-2]))
        return result

    def resume(self, sid: str) -> Transcript:
        """Claim an interrupted session for this process and return its transcript to continue.

        Carry on with :meth:`append_turn` (indices after the last stored one) and
        :meth:`finish_session`.
        """
        self._write(
            lambda c: c.execute(
                "UPDATE sessions SET owner_pid = ?, owner_host = ?, status = 'in_progress' "
                "WHERE id = ?",
                (self._pid, self._host, self._rowid(c, sid)),
            )
        )
        return self.load(sid)

    def close_incomplete(self, sid: str, score: Any | None = None) -> None:
        """Close an interrupted session as incomplete, scoring the turns it has."""
        transcript = self.load(sid)
        transcript.end_reason = END_INCOMPLETE
        if not transcript.ended_at:
            transcript.ended_at = self._read(
                lambda c: c.execute(
                    "SELECT updated_at FROM sessions WHERE session_id = ?", (sid,)
                ).fetchone()[0]
            )
        self.finish_session(sid, transcript, score, status=STATUS_INCOMPLETE)

    # ------------------------------------------------------------------ reading sessions

    def load(self, sid: str) -> Transcript:
        """The whole transcript of one session."""

        def read(conn: sqlite3.Connection) -> Transcript:
            row = conn.execute(
                """SELECT id, session_id, scenario_id, scenario_title, scenario_hash,
                   coder_version, seed, practitioner, team, mode, started_at, ended_at,
                   end_reason, members_json FROM sessions WHERE session_id = ?""",
                (sid,),
            ).fetchone()
            if row is None:
                raise StorageError(f"No session {sid} in {self.path}.")
            turns = conn.execute(
                "SELECT idx, speaker, text, talk_type, data FROM turns WHERE session = ? "
                "ORDER BY idx",
                (row[0],),
            ).fetchall()
            return _transcript(row, turns)

        return self._read(read)

    def score_of(self, sid: str) -> dict[str, Any] | None:
        """The stored score JSON of a finished session (None before it is finished)."""
        row = self._read(
            lambda c: c.execute(
                "SELECT s.id, sc.json FROM sessions s LEFT JOIN scores sc ON sc.session = s.id "
                "WHERE s.session_id = ?",
                (sid,),
            ).fetchone()
        )
        if row is None:
            raise StorageError(f"No session {sid} in {self.path}.")
        return json.loads(row[1]) if row[1] else None

    def status_of(self, sid: str) -> str:
        row = self._read(
            lambda c: c.execute(
                "SELECT status FROM sessions WHERE session_id = ?", (sid,)
            ).fetchone()
        )
        if row is None:
            raise StorageError(f"No session {sid} in {self.path}.")
        return str(row[0])

    def list_sessions(
        self,
        practitioner: str | None = None,
        team: str | None = None,
        scenario: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        limit: int | None = None,
        status: str | None = None,
    ) -> list[SessionSummary]:
        """Sessions matching the filters, newest first. ``until`` is inclusive (a day)."""
        where, params = _filters(practitioner, team, scenario, since, until, status)
        sql = f"SELECT {_SUMMARY_COLUMNS} FROM sessions{where} ORDER BY started_at DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        rows = self._read(lambda c: c.execute(sql, params).fetchall())
        return [_summary(r) for r in rows]

    def filter_choices(self) -> FilterChoices:
        """The distinct practitioners, teams and scenarios of all sessions (for review filters).

        Each is a walk along its index from one value to the next, so it takes about a
        millisecond however many sessions there are.
        """

        def read(conn: sqlite3.Connection) -> FilterChoices:
            names = _distinct(conn, "practitioner")
            teams = _distinct(conn, "team")
            scenarios = [
                (sid, conn.execute(_NEWEST_TITLE, (sid,)).fetchone()[0])
                for sid in _distinct(conn, "scenario_id")
            ]
            scenarios.sort(key=lambda pair: ((pair[1] or pair[0]).casefold(), pair[0]))
            return FilterChoices(tuple(names), tuple(teams), tuple(scenarios))

        return self._read(read)

    def count_sessions(self) -> int:
        return int(self._read(lambda c: c.execute("SELECT count(*) FROM sessions").fetchone()[0]))

    def report(
        self,
        practitioner: str | None = None,
        team: str | None = None,
        scenario: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
    ) -> Any:
        """Per-practitioner and per-team summaries with monthly trends (a :class:`Report`)."""
        from mi_trainer.storage.report import build_report

        where, params = _filters(practitioner, team, scenario, since, until, None)
        filters = {
            "practitioner": practitioner,
            "team": team,
            "scenario": scenario,
            "since": str(parse_day(since, "--since")) if since else None,
            "until": str(parse_day(until, "--until")) if until else None,
        }
        return self._read(lambda c: build_report(c, where, params, filters, str(self.path)))

    def practitioner_trend(
        self, name: str, since: str | date | None = None, until: str | date | None = None
    ) -> list[tuple[str, dict[str, float | None]]]:
        """Month ('YYYY-MM') -> average figures of one practitioner's completed sessions."""
        where, params = _filters(name, None, None, since, until, STATUS_COMPLETE)
        avgs = ", ".join(f"avg({k})" for k in FIGURE_KEYS)
        sql = (
            f"SELECT substr(started_at, 1, 7) AS month, count(*), {avgs} FROM sessions{where} "
            "GROUP BY month ORDER BY month"
        )
        rows = self._read(lambda c: c.execute(sql, params).fetchall())
        trend = []
        for row in rows:
            figures: dict[str, float | None] = {"sessions": float(row[1])}
            figures.update(zip(FIGURE_KEYS, row[2:], strict=True))
            trend.append((row[0], figures))
        return trend

    # ------------------------------------------------------------------ export / import / purge

    def export_sessions(
        self,
        practitioner: str | None = None,
        team: str | None = None,
        scenario: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
    ) -> Iterator[dict[str, Any]]:
        """One JSON-ready record per session (oldest first): transcript, status and score."""
        where, params = _filters(practitioner, team, scenario, since, until, None)
        sids = self._read(
            lambda c: [
                r[0]
                for r in c.execute(
                    f"SELECT session_id FROM sessions{where} ORDER BY started_at", params
                )
            ]
        )
        for sid in sids:
            transcript = self.load(sid)
            status, figures, score = self._read(lambda c, s=sid: _score_row(c, s))
            yield {
                "format": EXPORT_FORMAT,
                "version": EXPORT_VERSION,
                "status": status,
                "session": transcript.to_dict(),
                "figures": figures,
                "score": score,
            }

    def import_sessions(self, records: list[dict[str, Any]]) -> ImportResult:
        """Add exported sessions in one transaction; sessions already present are skipped."""

        def insert(conn: sqlite3.Connection) -> ImportResult:
            added = skipped = 0
            for record in records:
                transcript = Transcript.from_dict(record["session"])
                exists = conn.execute(
                    "SELECT 1 FROM sessions WHERE session_id = ?", (transcript.session_id,)
                ).fetchone()
                if exists:
                    skipped += 1
                    continue
                status = record.get("status") or STATUS_COMPLETE
                rowid = self._insert_header(conn, transcript, status)
                if status == STATUS_IN_PROGRESS:
                    conn.execute(
                        "UPDATE sessions SET owner_pid = NULL, owner_host = NULL WHERE id = ?",
                        (rowid,),
                    )
                self._insert_turns(conn, rowid, transcript.turns)
                figures = record.get("figures") or {}
                score = record.get("score")
                sets = ", ".join(f"{k} = ?" for k in FIGURE_KEYS)
                conn.execute(
                    f"UPDATE sessions SET {sets} WHERE id = ?",
                    (*(_number(figures.get(k)) for k in FIGURE_KEYS), rowid),
                )
                if score:
                    conn.execute(
                        "INSERT INTO scores VALUES (?, ?)",
                        (rowid, json.dumps(score, ensure_ascii=False, separators=(",", ":"))),
                    )
                added += 1
            return ImportResult(added, skipped)

        return self._write(insert)

    def purge(
        self,
        before: str | date,
        practitioner: str | None = None,
        dry_run: bool = False,
    ) -> PurgeResult:
        """Delete sessions started before ``before`` (a day; not included), with their turns."""
        day = parse_day(before, "--before")
        where = " WHERE started_at < ?"
        params: list[Any] = [str(day)]
        if practitioner is not None:
            where += " AND practitioner = ?"
            params.append(practitioner)

        def run(conn: sqlite3.Connection) -> PurgeResult:
            n, first, last = conn.execute(
                f"SELECT count(*), min(started_at), max(started_at) FROM sessions{where}", params
            ).fetchone()
            turns = conn.execute(
                f"SELECT coalesce(sum(turn_count), 0) FROM sessions{where}", params
            ).fetchone()[0]
            names = tuple(
                r[0] or "(no name)"
                for r in conn.execute(
                    f"SELECT DISTINCT practitioner FROM sessions{where} ORDER BY 1", params
                )
            )
            if not dry_run and n:
                for table in ("turns", "scores"):
                    conn.execute(
                        f"DELETE FROM {table} WHERE session IN (SELECT id FROM sessions{where})",
                        params,
                    )
                conn.execute(f"DELETE FROM sessions{where}", params)
            return PurgeResult(int(n), int(turns), names, first, last, dry_run)

        if dry_run:
            return self._read(run)
        with self._lock:
            # Overwrite deleted content with zeros so purged sessions do not linger in the file.
            self._conn.execute("PRAGMA secure_delete = ON")
            try:
                result = self._write(run)
            finally:
                self._conn.execute("PRAGMA secure_delete = OFF")
            # Best effort: another reader may hold the WAL; it is checkpointed later then.
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return result


# ---------------------------------------------------------------------- helpers


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


_NEWEST_TITLE = (
    "SELECT scenario_title FROM sessions WHERE scenario_id = ? ORDER BY started_at DESC LIMIT 1"
)


def _distinct(conn: sqlite3.Connection, column: str) -> list[str]:
    """Distinct non-empty values of an indexed column, sorted ignoring case.

    A recursive walk (each step: the smallest value above the last), so the index is visited
    once per value rather than once per session, with or without ANALYZE statistics.
    """
    rows = conn.execute(_distinct_sql(column))
    return sorted((row[0] for row in rows), key=lambda x: (x.casefold(), x))


def _distinct_sql(column: str) -> str:
    return (
        f"WITH RECURSIVE v(x) AS (SELECT min({column}) FROM sessions WHERE {column} > '' "
        f"UNION ALL SELECT (SELECT min({column}) FROM sessions WHERE {column} > v.x) "
        "FROM v WHERE v.x IS NOT NULL) SELECT x FROM v WHERE x IS NOT NULL"
    )


def _recount(conn: sqlite3.Connection, rowid: int) -> None:
    """Refresh a session's turn counts (all turns; the practitioner's coded lines)."""
    conn.execute(
        "UPDATE sessions SET turn_count = (SELECT count(*) FROM turns WHERE session = ?1), "
        "practitioner_turns = (SELECT count(*) FROM turns WHERE session = ?1 "
        "AND speaker = 'practitioner' AND code IS NOT NULL), updated_at = ?2 WHERE id = ?1",
        (rowid, utc_now()),
    )


def _filters(
    practitioner: str | None,
    team: str | None,
    scenario: str | None,
    since: str | date | None,
    until: str | date | None,
    status: str | None,
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if practitioner is not None:
        clauses.append("practitioner = ?")
        params.append(practitioner)
    if team is not None:
        clauses.append("team = ?")
        params.append(team)
    if scenario is not None:
        clauses.append("scenario_id = ?")
        params.append(scenario)
    start = parse_day(since, "--since")
    end = parse_day(until, "--until")
    if start and end and end < start:
        raise StorageError(f"--until {end} is before --since {start}; swap them round.")
    if start is not None:
        clauses.append("started_at >= ?")
        params.append(str(start))
    if end is not None:
        clauses.append("started_at < ?")
        params.append(str(end + timedelta(days=1)))
    if status is not None:
        clauses.append("status = ?")
        params.append(status)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _score_row(conn: sqlite3.Connection, sid: str) -> tuple[str, dict[str, Any] | None, Any]:
    row = conn.execute(
        f"SELECT s.status, sc.json, {', '.join('s.' + k for k in FIGURE_KEYS)} FROM sessions s "
        "LEFT JOIN scores sc ON sc.session = s.id WHERE s.session_id = ?",
        (sid,),
    ).fetchone()
    figures = dict(zip(FIGURE_KEYS, row[2:], strict=True))
    has_figures = any(v is not None for v in figures.values())
    return row[0], (figures if has_figures else None), (json.loads(row[1]) if row[1] else None)


def _transcript(row: tuple[Any, ...], turns: list[tuple[Any, ...]]) -> Transcript:
    loaded: list[Turn] = []
    for idx, speaker, text, talk_type, data in turns:
        payload: dict[str, Any] = json.loads(data) if data else {}
        payload.update({"index": idx, "speaker": speaker, "text": text})
        if talk_type:
            payload["talk_type"] = talk_type
        loaded.append(Turn.from_dict(payload))
    return Transcript(
        turns=loaded,
        session_id=row[1],
        scenario_id=row[2],
        scenario_title=row[3],
        scenario_hash=row[4],
        coder_version=row[5],
        seed=row[6],
        practitioner=row[7],
        team=row[8],
        mode=row[9],
        started_at=row[10],
        ended_at=row[11],
        end_reason=row[12],
        members=json.loads(row[13]) if row[13] else {},
    )


def _alive(pid: int) -> bool:
    """Is process ``pid`` (on this machine) still running?"""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _alive_windows(pid: int) -> bool:
    try:
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    except Exception:
        return False


def _create_file(db: Path) -> bool:
    """Create an empty 0600 file if there is none (True if created); check what is there."""
    if db.exists():
        if db.is_dir():
            raise StorageError(f"{db} is a folder, not a database file. {_FIX_HINT}.")
        try:
            with db.open("rb") as handle:
                head = handle.read(16)
        except OSError as err:
            raise StorageError(f"Cannot read the session database {db}: {err.strerror}.") from None
        if (head and head != SQLITE_HEADER[: len(head)]) or 0 < len(head) < 16:
            raise StorageError(
                f"{db} is not an mi-trainer database (it is not an SQLite file at all), so it "
                f"was left untouched. {_FIX_HINT}."
            )
        return False
    folder = db.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as err:
        raise StorageError(
            f"Cannot create the folder {folder} for the session database: {err.strerror}. "
            f"{_FIX_HINT}."
        ) from None
    try:
        fd = os.open(db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False  # another process created it a moment ago
    except OSError as err:
        raise StorageError(
            f"Cannot create the session database {db}: {err.strerror} (is the folder "
            f"{folder} writable?). {_FIX_HINT}."
        ) from None
    os.close(fd)
    os.chmod(db, 0o600)  # in case a umask or filesystem widened it
    return True


def _tighten(db: Path) -> None:
    """Owner-only WAL and shared-memory files next to an owner-only database."""
    try:
        if stat.S_IMODE(db.stat().st_mode) & 0o077:
            return  # the user chose wider permissions for this file; respect them
        for suffix in ("-wal", "-shm"):
            side = Path(str(db) + suffix)
            if side.exists():
                os.chmod(side, 0o600)
    except OSError:
        pass
