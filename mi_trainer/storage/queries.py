"""Review queries: one session's transcript and score, listings with filters (History), the
values the filters can choose from, the supervision report and one practitioner's trend.

All of them read the ``sessions`` table's columns and indexes (figures are real columns), so
the size of the turns table does not matter except for loading one transcript.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from mi_trainer.storage.database import Connection, Database, Row
from mi_trainer.storage.errors import StorageError
from mi_trainer.storage.records import (
    STATUS_COMPLETE,
    SUMMARY_COLUMNS,
    FilterChoices,
    SessionSummary,
    parse_day,
)
from mi_trainer.storage.report import Report, build_report
from mi_trainer.storage.schema import FIGURE_KEYS
from mi_trainer.transcript import Transcript, Turn

START_DATE = "start date"
END_DATE = "end date"


@dataclass(frozen=True, slots=True)
class Filters:
    """Which sessions a review looks at; ``until`` is inclusive (a day). None = any."""

    practitioner: str | None = None
    team: str | None = None
    scenario: str | None = None
    since: str | date | None = None
    until: str | date | None = None
    status: str | None = None
    session: str | None = None  # the start of a session id (as a report shows it)

    def days(self) -> tuple[date | None, date | None]:
        start = parse_day(self.since, START_DATE)
        end = parse_day(self.until, END_DATE)
        if start and end and end < start:
            raise StorageError(
                f"The end date {end} is before the start date {start}; swap them round."
            )
        return start, end

    def where(self) -> tuple[str, list[Any]]:
        """`` WHERE …`` (or "") on ``sessions`` and its parameters."""
        return self._where("started_at")

    def totals_parts(self) -> list[tuple[str, str, list[Any]]] | None:
        """The same selection on PostgreSQL's totals, as ``(table, " WHERE …", params)``
        parts to add up: whole months from ``session_months``, the days of a part-month at
        either end from ``session_days``. None when it cannot be expressed there (a scenario
        or status filter: read the sessions)."""
        if self.scenario is not None or self.status is not None or self.session is not None:
            return None
        who: list[str] = []
        who_params: list[Any] = []
        for column, value in (("practitioner", self.practitioner), ("team", self.team)):
            if value is not None:
                who.append(f"{column} = ?")
                who_params.append(value)
        start, end = self.days()
        after = None if end is None else end + timedelta(days=1)  # first day not asked for
        first = None if start is None else _month_start(start, up=True)
        beyond = None if after is None else _month_start(after, up=False)

        def part(table: str, conditions: list[str], params: list[Any]) -> tuple:
            clauses = who + conditions
            return (
                table,
                " WHERE " + " AND ".join(clauses) if clauses else "",
                who_params + params,
            )

        if first is not None and beyond is not None and first >= beyond:  # no whole month
            return [part("session_days", ["period >= ?", "period < ?"], [str(start), str(after)])]
        months: list[str] = []
        bounds: list[Any] = []
        if first is not None:
            months.append("period >= ?")
            bounds.append(first.strftime("%Y-%m"))
        if beyond is not None:
            months.append("period < ?")
            bounds.append(beyond.strftime("%Y-%m"))
        parts = [part("session_months", months, bounds)]
        if start is not None and first is not None and start < first:
            parts.append(
                part("session_days", ["period >= ?", "period < ?"], [str(start), str(first)])
            )
        if after is not None and beyond is not None and beyond < after:
            parts.append(
                part("session_days", ["period >= ?", "period < ?"], [str(beyond), str(after)])
            )
        return parts

    def _where(self, time_column: str) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("practitioner", self.practitioner),
            ("team", self.team),
            ("scenario_id", self.scenario),
            ("status", self.status),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        start, end = self.days()
        if start is not None:
            clauses.append(f"{time_column} >= ?")
            params.append(str(start))
        if end is not None:  # text order is time order: before the next day
            clauses.append(f"{time_column} < ?")
            params.append(str(end + timedelta(days=1)))
        if self.session is not None:
            clauses.append("session_id LIKE ?")
            params.append(self.session.replace("%", "").replace("_", "") + "%")
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def described(self) -> dict[str, Any]:
        """The filters as a report states them (days normalised)."""
        start, end = self.days()
        return {
            "practitioner": self.practitioner,
            "team": self.team,
            "scenario": self.scenario,
            "since": str(start) if start else None,
            "until": str(end) if end else None,
        }


# ---------------------------------------------------------------------- one session


def _month_start(day: date, *, up: bool) -> date:
    """The first of ``day``'s month; with ``up``, of the next month unless ``day`` is a 1st."""
    if day.day == 1 or not up:
        return day.replace(day=1)
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def load(db: Database, sid: str) -> Transcript:
    """The whole transcript of one session."""
    transcript = db.read(lambda conn: stored_transcript(conn, sid))
    if transcript is None:
        raise StorageError(f"No session {sid} in {db.location}.")
    return transcript


def stored_transcript(conn: Connection, sid: str) -> Transcript | None:
    """The whole transcript of one session on an open connection, or None if there is none."""
    header = conn.execute(
        """SELECT id, session_id, scenario_id, scenario_title, scenario_hash,
           coder_version, seed, practitioner, team, mode, started_at, ended_at,
           end_reason, members_json FROM sessions WHERE session_id = ?""",
        (sid,),
    ).fetchone()
    if header is None:
        return None
    turns = conn.execute(
        "SELECT idx, speaker, text, talk_type, data FROM turns WHERE session = ? ORDER BY idx",
        (header["id"],),
    ).fetchall()
    return _transcript(header, turns)


def _transcript(header: Row, turns: list[Row]) -> Transcript:
    loaded: list[Turn] = []
    for row in turns:
        payload: dict[str, Any] = json.loads(row["data"]) if row["data"] else {}
        payload.update({"index": row["idx"], "speaker": row["speaker"], "text": row["text"]})
        if row["talk_type"]:
            payload["talk_type"] = row["talk_type"]
        loaded.append(Turn.from_dict(payload))
    return Transcript(
        turns=loaded,
        session_id=header["session_id"],
        scenario_id=header["scenario_id"],
        scenario_title=header["scenario_title"],
        scenario_hash=header["scenario_hash"],
        coder_version=header["coder_version"],
        seed=header["seed"],
        practitioner=header["practitioner"],
        team=header["team"],
        mode=header["mode"],
        started_at=header["started_at"],
        ended_at=header["ended_at"],
        end_reason=header["end_reason"],
        members=json.loads(header["members_json"]) if header["members_json"] else {},
    )


def score_row(conn: Connection, sid: str, location: str) -> Row:
    """status, the score JSON (or None) and the figure columns of one session."""
    row = conn.execute(
        f"SELECT s.status, sc.json, {', '.join('s.' + k for k in FIGURE_KEYS)} FROM sessions s "
        "LEFT JOIN scores sc ON sc.session = s.id WHERE s.session_id = ?",
        (sid,),
    ).fetchone()
    if row is None:
        raise StorageError(f"No session {sid} in {location}.")
    return row


def score_of(db: Database, sid: str) -> dict[str, Any] | None:
    """The stored score JSON of a finished session (None before it is finished)."""
    row = db.read(lambda c: score_row(c, sid, db.location))
    return json.loads(row["json"]) if row["json"] else None


def status_of(db: Database, sid: str) -> str:
    row = db.read(
        lambda c: c.execute("SELECT status FROM sessions WHERE session_id = ?", (sid,)).fetchone()
    )
    if row is None:
        raise StorageError(f"No session {sid} in {db.location}.")
    return str(row["status"])


def last_written(db: Database, sid: str) -> str | None:
    """When a session was last written to (its ``updated_at``)."""
    row = db.read(
        lambda c: c.execute(
            "SELECT updated_at FROM sessions WHERE session_id = ?", (sid,)
        ).fetchone()
    )
    if row is None:
        raise StorageError(f"No session {sid} in {db.location}.")
    return row["updated_at"]


# ---------------------------------------------------------------------- many sessions


def list_sessions(db: Database, filters: Filters, limit: int | None = None) -> list[SessionSummary]:
    """Sessions matching the filters, newest first."""
    where, params = filters.where()
    sql = f"SELECT {SUMMARY_COLUMNS} FROM sessions{where} ORDER BY started_at DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    rows = db.read(lambda c: c.execute(sql, params).fetchall())
    return [SessionSummary.from_row(r) for r in rows]


def count_sessions(db: Database) -> int:
    return int(db.read(lambda c: c.execute("SELECT count(*) AS n FROM sessions").fetchone()["n"]))


def count_turns(db: Database) -> int:
    return int(db.read(lambda c: c.execute("SELECT count(*) AS n FROM turns").fetchone()["n"]))


NEWEST_TITLE = (
    "SELECT scenario_title FROM sessions WHERE scenario_id = ? ORDER BY started_at DESC LIMIT 1"
)


def distinct_sql(column: str) -> str:
    """Distinct non-empty values of an indexed column, as a recursive walk along its index
    (each step: the smallest value above the last), so the index is visited once per value
    rather than once per session, with or without planner statistics."""
    return (
        f"WITH RECURSIVE v(x) AS (SELECT min({column}) FROM sessions WHERE {column} > '' "
        f"UNION ALL SELECT (SELECT min({column}) FROM sessions WHERE {column} > v.x) "
        "FROM v WHERE v.x IS NOT NULL) SELECT x FROM v WHERE x IS NOT NULL"
    )


def _distinct(conn: Connection, column: str) -> list[str]:
    rows = conn.execute(distinct_sql(column))
    return sorted((row["x"] for row in rows), key=lambda x: (x.casefold(), x))


def filter_choices(db: Database) -> FilterChoices:
    """The distinct practitioners, teams and scenarios of all sessions (for review filters).

    Each is a walk along its index from one value to the next, so it takes about a
    millisecond however many sessions there are.
    """

    def read(conn: Connection) -> FilterChoices:
        names = _distinct(conn, "practitioner")
        teams = _distinct(conn, "team")
        scenarios = []
        for sid in _distinct(conn, "scenario_id"):
            newest = conn.execute(NEWEST_TITLE, (sid,)).fetchone()
            scenarios.append((sid, newest["scenario_title"] if newest else None))
        scenarios.sort(key=lambda pair: ((pair[1] or pair[0]).casefold(), pair[0]))
        return FilterChoices(tuple(names), tuple(teams), tuple(scenarios))

    return db.read(read)


def report(db: Database, filters: Filters) -> Report:
    """Per-practitioner and per-team summaries with monthly trends."""
    where, params = filters.where()
    described = filters.described()
    server = db.backend == "postgresql"
    totals = filters.totals_parts() if server else None
    return db.read(
        lambda c: build_report(
            c, where, params, described, db.location, totals=totals, lateral=server
        )
    )


def practitioner_trend(
    db: Database, name: str, since: str | date | None = None, until: str | date | None = None
) -> list[tuple[str, dict[str, float | None]]]:
    """Month ('YYYY-MM') -> average figures of one practitioner's completed sessions."""
    where, params = Filters(name, since=since, until=until, status=STATUS_COMPLETE).where()
    avgs = ", ".join(f"avg({k}) AS {k}" for k in FIGURE_KEYS)
    sql = (
        f"SELECT substr(started_at, 1, 7) AS month, count(*) AS n, {avgs} FROM sessions{where} "
        "GROUP BY month ORDER BY month"
    )
    rows = db.read(lambda c: c.execute(sql, params).fetchall())
    trend = []
    for row in rows:
        figures: dict[str, float | None] = {"sessions": float(row["n"])}
        figures.update({k: row[k] for k in FIGURE_KEYS})
        trend.append((row["month"], figures))
    return trend
