"""Moving sessions in and out: export (one JSON-ready record per session), import (sessions
already present are skipped, so importing twice adds nothing) and purge for data retention."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from mi_trainer.storage.database import Connection, Database
from mi_trainer.storage.export_format import (
    ExportFileError,
    check_export,
    how_they_differ,
    same_session,
)
from mi_trainer.storage.queries import Filters, load, score_row, stored_transcript
from mi_trainer.storage.records import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    STATUS_COMPLETE,
    ImportResult,
    PurgeResult,
    parse_day,
)
from mi_trainer.storage.schema import FIGURE_KEYS
from mi_trainer.storage.writes import insert_header, insert_turns, set_figures, set_score
from mi_trainer.transcript import Transcript

CUT_OFF_DATE = "cut-off date"


def export_sessions(db: Database, filters: Filters) -> Iterator[dict[str, Any]]:
    """One JSON-ready record per session (oldest first): transcript, status and score."""
    where, params = filters.where()
    sids = db.read(
        lambda c: [
            r["session_id"]
            for r in c.execute(
                f"SELECT session_id FROM sessions{where} ORDER BY started_at", params
            )
        ]
    )
    for sid in sids:
        transcript = load(db, sid)
        row = db.read(lambda c, s=sid: score_row(c, s, db.location))
        figures = {k: row[k] for k in FIGURE_KEYS}
        has_figures = any(v is not None for v in figures.values())
        yield {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "status": row["status"],
            "session": transcript.to_dict(),
            "figures": figures if has_figures else None,
            "score": json.loads(row["json"]) if row["json"] else None,
        }


def import_sessions(
    db: Database,
    records: list[dict[str, Any]],
    *,
    source: str = "import",
    lines: list[int] | None = None,
) -> ImportResult:
    """Check every record in full (:mod:`export_format`, the same for every backend), then
    add them in one transaction. A session already present is skipped when it is the same,
    and reported when its content differs; any problem raises ``ExportFileError`` naming
    ``source:line`` for each, and nothing is imported.

    An imported in-progress session has no owner, so it is offered for resuming or closing.
    """
    numbers = lines or list(range(1, len(records) + 1))
    checked = check_export(list(zip(numbers, records, strict=True)), source)

    def insert(conn: Connection) -> ImportResult:
        added = skipped = 0
        conflicts = []
        for record in checked.records:
            sid = record["session"]["session_id"]
            stored = _stored_record(conn, sid)
            if stored is not None:
                if same_session(record, stored):
                    skipped += 1
                else:
                    conflicts.append(
                        f"{source}:{checked.lines[sid]}: session {sid[:12]} is already in the "
                        f"database with different content ({how_they_differ(record, stored)})"
                    )
                continue
            transcript = Transcript.from_dict(record["session"])
            status = record.get("status") or STATUS_COMPLETE
            rowid = insert_header(conn, transcript, status, None, skip_existing=True)
            if rowid is None:  # stored by another program a moment ago
                skipped += 1
                continue
            insert_turns(conn, rowid, transcript.turns)
            set_figures(conn, rowid, record.get("figures") or {})
            if record.get("score"):
                set_score(conn, rowid, record["score"])
            added += 1
        if conflicts:
            # Rolls the whole import back: the database's copies stay as they are.
            raise ExportFileError(
                conflicts,
                "To keep the database's copy, remove those lines; to compare, import the file "
                "into a new database with another --db.",
            )
        return ImportResult(added, skipped, tuple(checked.notes))

    return db.write(insert)


def _stored_record(conn: Connection, sid: str) -> dict[str, Any] | None:
    """The database's copy of a session in the shape of an export record, or None."""
    transcript = stored_transcript(conn, sid)
    if transcript is None:
        return None
    status = conn.execute("SELECT status FROM sessions WHERE session_id = ?", (sid,)).fetchone()
    return {"status": status["status"], "session": transcript.to_dict()}


def purge(
    db: Database, before: str | date, practitioner: str | None = None, dry_run: bool = False
) -> PurgeResult:
    """Delete sessions started before ``before`` (a day; not included), with their turns."""
    day = parse_day(before, CUT_OFF_DATE)
    where = " WHERE started_at < ?"
    params: list[Any] = [str(day)]
    if practitioner is not None:
        where += " AND practitioner = ?"
        params.append(practitioner)

    def run(conn: Connection) -> PurgeResult:
        found = conn.execute(
            "SELECT count(*) AS n, min(started_at) AS first, max(started_at) AS last, "
            f"coalesce(sum(turn_count), 0) AS turns FROM sessions{where}",
            params,
        ).fetchone()
        names = tuple(
            r["practitioner"] or "(no name)"
            for r in conn.execute(
                f"SELECT DISTINCT practitioner FROM sessions{where} ORDER BY 1", params
            )
        )
        n = int(found["n"])
        if not dry_run and n:
            for table in ("turns", "scores"):
                conn.execute(
                    f"DELETE FROM {table} WHERE session IN (SELECT id FROM sessions{where})",
                    params,
                )
            conn.execute(f"DELETE FROM sessions{where}", params)
        return PurgeResult(n, int(found["turns"]), names, found["first"], found["last"], dry_run)

    if dry_run:
        return db.read(run)
    with db.secure_delete() as erasure:
        result = db.write(run)
    return dataclasses.replace(result, erased=getattr(erasure, "complete", True))
