"""SessionStore: the one interface the app, the CLI and the benchmarks keep sessions through.

It is a thin façade: the SQL lives in :mod:`~mi_trainer.storage.writes` (a session as it is
practised), :mod:`~mi_trainer.storage.queries` (review) and :mod:`~mi_trainer.storage.transfer`
(export, import, purge), all written once against the :class:`~mi_trainer.storage.database.
Database` protocol; a backend module (:mod:`~mi_trainer.storage.sqlite_db`) owns opening,
creating, checking, migrating and retrying. See docs/storage.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from mi_trainer.storage import queries, transfer, writes
from mi_trainer.storage.database import Database
from mi_trainer.storage.interface import Trend
from mi_trainer.storage.liveness import Owner
from mi_trainer.storage.locations import parse_location
from mi_trainer.storage.queries import Filters
from mi_trainer.storage.records import (
    STATUS_COMPLETE,
    STATUS_INCOMPLETE,
    FilterChoices,
    ImportResult,
    PurgeResult,
    SessionSummary,
)
from mi_trainer.storage.report import Report
from mi_trainer.storage.writes import StoredScore
from mi_trainer.transcript import END_INCOMPLETE, Transcript, Turn


def default_location() -> str:
    """$MI_TRAINER_DB (a file path or a PostgreSQL URL), else ``sessions.db`` in the
    platform's user data folder."""
    env = os.environ.get("MI_TRAINER_DB")
    if env:
        return env
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("mi-trainer", appauthor=False)) / "sessions.db")


def default_db_path() -> Path:
    """The default database as a file path (when it is a SQLite file)."""
    return parse_location(default_location()).path


class SessionStore:
    """Practice sessions, kept turn by turn and queried for review. Open with :meth:`open`;
    safe to share between threads."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._owner = Owner.this_process()

    @classmethod
    def open(
        cls,
        location: str | os.PathLike[str] | None = None,
        *,
        busy_timeout_ms: int = 5000,
        retries: int = 6,
        create: bool = True,
        pool_size: int = 4,
    ) -> SessionStore:
        """Open (creating owner-only and migrating if needed) the database at ``location``:
        a SQLite file path, or a ``postgresql://`` URL (libpq conventions: ``PG*`` variables,
        service and password files). Any other ``scheme://`` is refused.

        ``location`` None -> :func:`default_location`. Raises :class:`StorageError` for a
        foreign, damaged, newer or unwritable database, never touching it; with
        ``create=False`` also when there is no database yet (review commands should not make
        one by accident). ``busy_timeout_ms`` is SQLite's; ``pool_size`` PostgreSQL's.
        """
        where = parse_location(location if location is not None else default_location())
        if where.backend == "postgresql":
            from mi_trainer.storage.postgres_db import PostgresDatabase

            return cls(
                PostgresDatabase.open(
                    where.value, create=create, retries=retries, pool_size=pool_size
                )
            )
        from mi_trainer.storage.sqlite_db import SQLiteDatabase

        return cls(
            SQLiteDatabase.open(
                where.path, busy_timeout_ms=busy_timeout_ms, retries=retries, create=create
            )
        )

    @property
    def backend(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.db.backend

    @property
    def location(self) -> str:
        """The database as the user named it (a path, or a URL without password): safe to show."""
        return self.db.location

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self.db.schema_version

    # ------------------------------------------------------------------ a session as practised

    def start_session(self, transcript: Transcript) -> str:
        """Store the header and any turns already present; returns (and sets) the session id."""
        return writes.start_session(self.db, self._owner, transcript)

    def append_turn(self, sid: str, turn: Turn) -> None:
        """Commit one turn now (replacing a turn with the same index, so resuming is safe)."""
        writes.append_turn(self.db, sid, turn)

    def finish_session(
        self,
        sid: str,
        transcript: Transcript,
        score: StoredScore,
        *,
        status: str = STATUS_COMPLETE,
    ) -> None:
        """Mark the session ended: end reason, ended_at, any unsaved turns, figures and score.

        ``score`` is the caller's (a ``scoring.SessionScore``): the store keeps it, it never
        scores a session itself.
        """
        writes.finish_session(self.db, sid, transcript, score, status=status)

    def incomplete_sessions(self, include_live: bool = False) -> list[SessionSummary]:
        """Sessions left in progress by a crash or a killed app (oldest first).

        Sessions still being written by a running mi-trainer on this machine (another window,
        or this process) are left out unless ``include_live``.
        """
        return writes.incomplete_sessions(self.db, self._owner, include_live)

    def resume(self, sid: str) -> Transcript:
        """Claim an interrupted session for this process and return its transcript to continue.

        Carry on with :meth:`append_turn` (indices after the last stored one) and
        :meth:`finish_session`.
        """
        writes.claim(self.db, self._owner, sid)
        return self.load(sid)

    def close_incomplete(self, sid: str, score: StoredScore) -> None:
        """Close an interrupted session as incomplete with ``score``, the caller's score of the
        turns it has (``PracticeSession.close_interrupted`` loads, scores and closes)."""
        transcript = self.load(sid)
        transcript.end_reason = END_INCOMPLETE
        if not transcript.ended_at:
            transcript.ended_at = queries.last_written(self.db, sid)
        self.finish_session(sid, transcript, score, status=STATUS_INCOMPLETE)

    # ------------------------------------------------------------------ review

    def load(self, sid: str) -> Transcript:
        """The whole transcript of one session."""
        return queries.load(self.db, sid)

    def score_of(self, sid: str) -> dict[str, Any] | None:
        """The stored score JSON of a finished session (None before it is finished)."""
        return queries.score_of(self.db, sid)

    def status_of(self, sid: str) -> str:
        return queries.status_of(self.db, sid)

    def list_sessions(
        self,
        practitioner: str | None = None,
        team: str | None = None,
        scenario: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        limit: int | None = None,
        status: str | None = None,
        session: str | None = None,
    ) -> list[SessionSummary]:
        """Sessions matching the filters, newest first. ``until`` is inclusive (a day);
        ``session`` is the start of a session id."""
        filters = Filters(practitioner, team, scenario, since, until, status, session)
        return queries.list_sessions(self.db, filters, limit)

    def filter_choices(self) -> FilterChoices:
        """The distinct practitioners, teams and scenarios of all sessions (review filters)."""
        return queries.filter_choices(self.db)

    def count_sessions(self) -> int:
        return queries.count_sessions(self.db)

    def count_turns(self) -> int:
        return queries.count_turns(self.db)

    def report(
        self,
        practitioner: str | None = None,
        team: str | None = None,
        scenario: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
    ) -> Report:
        """Per-practitioner and per-team summaries with monthly trends."""
        return queries.report(self.db, Filters(practitioner, team, scenario, since, until))

    def practitioner_trend(
        self, name: str, since: str | date | None = None, until: str | date | None = None
    ) -> Trend:
        """Month ('YYYY-MM') -> average figures of one practitioner's completed sessions."""
        return queries.practitioner_trend(self.db, name, since, until)

    # ------------------------------------------------------------------ transfer

    def export_sessions(
        self,
        practitioner: str | None = None,
        team: str | None = None,
        scenario: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
    ) -> Iterator[dict[str, Any]]:
        """One JSON-ready record per session (oldest first): transcript, status and score."""
        filters = Filters(practitioner, team, scenario, since, until)
        filters.days()  # a bad date is reported now, not when the first record is asked for
        return transfer.export_sessions(self.db, filters)

    def import_sessions(
        self,
        records: list[dict[str, Any]],
        *,
        source: str = "import",
        lines: list[int] | None = None,
    ) -> ImportResult:
        """Check every record, then add them in one transaction; identical sessions already
        present are skipped. :class:`StorageError` (each problem with ``source:line``)
        otherwise, with nothing imported."""
        return transfer.import_sessions(self.db, records, source=source, lines=lines)

    def purge(
        self, before: str | date, practitioner: str | None = None, dry_run: bool = False
    ) -> PurgeResult:
        """Delete sessions started before ``before`` (a day; not included), with their turns."""
        return transfer.purge(self.db, before, practitioner, dry_run)
