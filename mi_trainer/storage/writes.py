"""Session writes: the header when a session starts, each turn as it is said (committed at
once), the end with its figures and score, and claiming or closing interrupted sessions.

Every turn write is keyed by (session, index) and is an upsert, so writing the same turn twice
(a retry after a dropped connection, a resumed session replaying) stores it once.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from mi_trainer.storage.database import Connection, Database
from mi_trainer.storage.errors import StorageError
from mi_trainer.storage.liveness import Owner
from mi_trainer.storage.records import (
    STATUS_COMPLETE,
    STATUS_IN_PROGRESS,
    SUMMARY_COLUMNS,
    SessionSummary,
    normalise_timestamp,
    number,
    utc_now,
)
from mi_trainer.storage.schema import FIGURE_KEYS
from mi_trainer.transcript import Transcript, Turn


class StoredScore(Protocol):
    """What the store keeps of a session's score (a ``scoring.SessionScore`` is one): the
    figures as columns and the whole as JSON. Storage never scores: the caller passes the
    score it computed (and may add ``practice_figures()``, kept as columns too)."""

    def figures(self) -> Mapping[str, float | None]: ...
    def to_dict(self) -> dict[str, Any]: ...


_UPSERT_TURN = (
    "INSERT INTO turns (session, idx, speaker, text, code, talk_type, data) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session, idx) DO UPDATE SET "
    "speaker = excluded.speaker, text = excluded.text, code = excluded.code, "
    "talk_type = excluded.talk_type, data = excluded.data"
)
_UPSERT_SCORE = (
    "INSERT INTO scores (session, json) VALUES (?, ?) "
    "ON CONFLICT (session) DO UPDATE SET json = excluded.json"
)


def compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def session_rowid(conn: Connection, sid: str, location: str) -> int:
    row = conn.execute("SELECT id FROM sessions WHERE session_id = ?", (sid,)).fetchone()
    if row is None:
        raise StorageError(f"No session {sid} in {location}.")
    return int(row["id"])


def insert_header(
    conn: Connection,
    t: Transcript,
    status: str,
    owner: Owner | None,
    *,
    skip_existing: bool = False,
) -> int | None:
    """Insert a session's header row; returns its row id. ``owner`` marks who is writing it.

    With ``skip_existing`` a session id already stored is left alone and None is returned.
    """
    now = utc_now()
    live = owner if status == STATUS_IN_PROGRESS else None
    row = conn.execute(
        """INSERT INTO sessions (session_id, status, scenario_id, scenario_title,
            scenario_hash, coder_version, seed, practitioner, team, mode, started_at,
            ended_at, end_reason, updated_at, members_json, owner_pid, owner_host)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
        + (" ON CONFLICT (session_id) DO NOTHING" if skip_existing else "")
        + " RETURNING id",
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
            live.pid if live else None,
            live.host if live else None,
        ),
    ).fetchone()
    return None if row is None else int(row["id"])


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
        compact_json(data) if data else None,
    )


def insert_turns(conn: Connection, rowid: int, turns: Iterable[Turn]) -> None:
    rows = [_turn_row(rowid, turn) for turn in turns]
    if rows:
        conn.executemany(_UPSERT_TURN, rows)
    _recount(conn, rowid)


def _recount(conn: Connection, rowid: int) -> None:
    """Refresh a session's turn counts (all turns; the practitioner's coded lines)."""
    conn.execute(
        "UPDATE sessions SET turn_count = (SELECT count(*) FROM turns WHERE session = ?), "
        "practitioner_turns = (SELECT count(*) FROM turns WHERE session = ? "
        "AND speaker = 'practitioner' AND code IS NOT NULL), updated_at = ? WHERE id = ?",
        (rowid, rowid, utc_now(), rowid),
    )


def set_figures(conn: Connection, rowid: int, figures: dict[str, Any]) -> None:
    sets = ", ".join(f"{k} = ?" for k in FIGURE_KEYS)
    conn.execute(
        f"UPDATE sessions SET {sets} WHERE id = ?",
        (*(number(figures.get(k)) for k in FIGURE_KEYS), rowid),
    )


def set_score(conn: Connection, rowid: int, score: dict[str, Any]) -> None:
    conn.execute(_UPSERT_SCORE, (rowid, compact_json(score)))


def stored_figures(score: StoredScore) -> dict[str, Any]:
    """The figures kept as columns: ``figures()`` and, where the score has them,
    ``practice_figures()`` (the child-protection lens and safeguarding moments)."""
    figures = dict(score.figures())
    practice = getattr(score, "practice_figures", None)
    if callable(practice):
        figures.update(practice())
    return figures


def start_session(db: Database, owner: Owner, transcript: Transcript) -> str:
    """Store the header and any turns already present; returns (and sets) the session id."""
    if not transcript.session_id:
        transcript.session_id = uuid.uuid4().hex
    if not transcript.started_at:
        transcript.started_at = utc_now()

    def insert(conn: Connection) -> None:
        rowid = insert_header(conn, transcript, STATUS_IN_PROGRESS, owner)
        assert rowid is not None
        insert_turns(conn, rowid, transcript.turns)

    db.write(insert)
    return transcript.session_id


def append_turn(db: Database, sid: str, turn: Turn) -> None:
    """Commit one turn now (replacing a turn with the same index, so retrying is safe)."""

    def insert(conn: Connection) -> None:
        rowid = session_rowid(conn, sid, db.location)
        conn.execute(_UPSERT_TURN, _turn_row(rowid, turn))
        _recount(conn, rowid)

    db.write(insert)


def finish_session(
    db: Database,
    sid: str,
    transcript: Transcript,
    score: StoredScore,
    *,
    status: str = STATUS_COMPLETE,
) -> None:
    """Mark the session ended: end reason, ended_at, any unsaved turns, figures and score."""
    if not transcript.ended_at:
        transcript.ended_at = utc_now()
    figures = stored_figures(score)
    score_dict = score.to_dict()

    def update(conn: Connection) -> None:
        rowid = session_rowid(conn, sid, db.location)
        insert_turns(conn, rowid, transcript.turns)
        conn.execute(
            """UPDATE sessions SET status = ?, ended_at = ?, end_reason = ?,
                scenario_title = coalesce(?, scenario_title),
                members_json = coalesce(?, members_json), owner_pid = NULL,
                owner_host = NULL WHERE id = ?""",
            (
                status,
                normalise_timestamp(transcript.ended_at),
                transcript.end_reason,
                transcript.scenario_title,
                json.dumps(transcript.members, ensure_ascii=False) if transcript.members else None,
                rowid,
            ),
        )
        set_figures(conn, rowid, figures)
        set_score(conn, rowid, score_dict)

    db.write(update)


def incomplete_sessions(
    db: Database, owner: Owner, include_live: bool = False
) -> list[SessionSummary]:
    """Sessions left in progress by a crash or a killed app (oldest first).

    Sessions still being written by a running mi-trainer on this machine (another window,
    or this process) are left out unless ``include_live``.
    """
    rows = db.read(
        lambda c: c.execute(
            f"SELECT {SUMMARY_COLUMNS}, owner_pid, owner_host FROM sessions "
            "WHERE status = 'in_progress' ORDER BY started_at"
        ).fetchall()
    )
    return [
        SessionSummary.from_row(row)
        for row in rows
        if include_live or not owner.holds_live(row["owner_pid"], row["owner_host"])
    ]


def claim(db: Database, owner: Owner, sid: str) -> None:
    """Mark an interrupted session as being written by ``owner`` again (resuming it)."""
    db.write(
        lambda c: c.execute(
            "UPDATE sessions SET owner_pid = ?, owner_host = ?, status = 'in_progress' "
            "WHERE id = ?",
            (owner.pid, owner.host, session_rowid(c, sid, db.location)),
        )
    )
