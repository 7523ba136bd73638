"""The supervision report's data: sessions done, MITI summary figures and their monthly trend
per practitioner, per team and overall, aggregated from the ``sessions`` table's figure columns
(so the size of the turns table does not matter). Rendering it (text, Markdown, HTML with SVG
charts, CSV, JSON) is presentation and lives in :mod:`mi_trainer.scoring.team_report`.

Groups are listed alphabetically and nobody is ranked by score: a supervision aid, never a
league table.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Any

from mi_trainer.storage.database import Connection
from mi_trainer.storage.schema import FIGURE_KEYS

_SUM_NAMES = tuple(f"sum_{k}" for k in FIGURE_KEYS)
_COUNT_NAMES = tuple(f"n_{k}" for k in FIGURE_KEYS)
_EXAMPLE_COLUMNS = ("session_id", "started_at", "scenario_id", "r_to_q", "pct_complex")
_EXAMPLE_SELECT = ", ".join((*_EXAMPLE_COLUMNS, "pct_change_talk"))


def _group_rows(
    conn: Connection,
    where: str,
    params: list[Any],
    totals: list[tuple[str, str, list[Any]]] | None,
) -> list[Any]:
    """One row per practitioner, team, month and completed-or-not: the session count and, per
    figure, its sum and how many sessions have it (``sum_<key>``, ``n_<key>``)."""
    if totals is not None:
        columns = ", ".join(f"sum_{k}, n_{k}" for k in FIGURE_KEYS)
        parts = " UNION ALL ".join(
            f"SELECT practitioner, team, substr(period, 1, 7) AS month, completed, n, "
            f"{columns} FROM {table}{condition}"
            for table, condition, _ in totals
        )
        sums = ", ".join(
            f"sum(sum_{k}) AS sum_{k}, sum(n_{k})::bigint AS n_{k}" for k in FIGURE_KEYS
        )
        return conn.execute(
            f"""SELECT practitioner AS name, team, month, completed, sum(n)::bigint AS n,
                {sums} FROM ({parts}) AS t GROUP BY 1, 2, 3, 4 HAVING sum(n) > 0""",
            [p for _, _, part_params in totals for p in part_params],
        ).fetchall()
    # One pass over the matching sessions (figure columns only).
    sums = ", ".join(f"sum({k}) AS sum_{k}, count({k}) AS n_{k}" for k in FIGURE_KEYS)
    return conn.execute(
        f"""SELECT coalesce(practitioner, '') AS name, coalesce(team, '') AS team,
            substr(started_at, 1, 7) AS month, status = 'complete' AS completed,
            count(*) AS n, {sums} FROM sessions{where} GROUP BY 1, 2, 3, 4""",
        params,
    ).fetchall()


def _examples(
    conn: Connection,
    where: str,
    params: list[Any],
    people: list[tuple[str, str]],
    lateral: bool,
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """A few recent completed sessions per practitioner, as examples to open in supervision
    (the practitioner index makes each a short backwards walk)."""
    examples: dict[tuple[str, str], list[dict[str, Any]]] = {}
    base = (where + " AND " if where else " WHERE ") + "status = 'complete'"

    def keep(key: tuple[str, str], row: Any) -> None:
        examples.setdefault(key, []).append(
            {k: row[k] for k in (*_EXAMPLE_COLUMNS, "pct_change_talk")}
        )

    named = [(n, t) for n, t in people if n and t] if lateral else []
    if named:
        for row in conn.execute(
            f"""SELECT p.name AS who, p.team AS who_team, e.* FROM
            unnest(?::text[], ?::text[]) AS p(name, team) CROSS JOIN LATERAL (
                SELECT {_EXAMPLE_SELECT} FROM sessions{base}
                AND practitioner = p.name AND team = p.team
                ORDER BY started_at DESC LIMIT 3) e""",
            [[n for n, _ in named], [t for _, t in named], *params],
        ):
            keep((row["who"], row["who_team"]), row)
    for name, team in people:
        if (name, team) in named:
            continue
        who = " AND practitioner " + ("= ?" if name else "IS NULL")
        who += " AND team " + ("= ?" if team else "IS NULL")
        values = [v for v in (name, team) if v]
        for row in conn.execute(
            f"SELECT {_EXAMPLE_SELECT} FROM sessions{base}{who} ORDER BY started_at DESC LIMIT 3",
            [*params, *values],
        ):
            keep((name, team), row)
    return examples


@dataclass(slots=True)
class Point:
    month: str
    sessions: int
    figures: dict[str, float | None]

    def to_dict(self) -> dict[str, Any]:
        return {"month": self.month, "sessions": self.sessions, "figures": dict(self.figures)}


@dataclass(slots=True)
class Group:
    """A practitioner, a team or everything: sessions done, average figures, monthly trend."""

    kind: str  # "practitioner" / "team" / "all"
    name: str
    team: str | None = None
    sessions: int = 0
    not_completed: int = 0
    figures: dict[str, float | None] = field(default_factory=dict)
    trend: list[Point] = field(default_factory=list)
    examples: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "team": self.team,
            "sessions": self.sessions,
            "not_completed": self.not_completed,
            "figures": dict(self.figures),
            "trend": [p.to_dict() for p in self.trend],
            "examples": list(self.examples),
        }


@dataclass(slots=True)
class Report:
    filters: dict[str, Any]
    database: str
    overall: Group
    teams: list[Group]
    practitioners: list[Group]

    def to_dict(self) -> dict[str, Any]:
        return {
            "filters": dict(self.filters),
            "database": self.database,
            "all": self.overall.to_dict(),
            "teams": [g.to_dict() for g in self.teams],
            "practitioners": [g.to_dict() for g in self.practitioners],
        }


class _Acc:
    """Sums and non-null counts per figure, so averages of averages stay exact."""

    __slots__ = ("counts", "n", "sums")

    def __init__(self) -> None:
        self.n = 0
        self.sums = [0.0] * len(FIGURE_KEYS)
        self.counts = [0] * len(FIGURE_KEYS)

    def add(self, n: int, sums: list[float], counts: list[int]) -> None:
        """Add a group's totals (a figure no session has: sum 0, count 0)."""
        self.n += n
        self.sums = list(map(operator.add, self.sums, sums))
        self.counts = list(map(operator.add, self.counts, counts))

    def figures(self) -> dict[str, float | None]:
        return {
            k: (round(self.sums[i] / self.counts[i], 2) if self.counts[i] else None)
            for i, k in enumerate(FIGURE_KEYS)
        }


def build_report(
    conn: Connection,
    where: str,
    params: list[Any],
    filters: dict[str, Any],
    database: str,
    *,
    totals: list[tuple[str, str, list[Any]]] | None = None,
    lateral: bool = False,
) -> Report:
    """The report over the sessions matching ``where``. ``totals`` (PostgreSQL): the same
    selection as parts of the per-month and per-day totals, read instead of the sessions;
    ``lateral``: the examples in one query (a server round trip each would add up)."""
    rows = _group_rows(conn, where, params, totals)
    everything, all_months = _Acc(), {}
    people: dict[tuple[str, str], _Acc] = {}
    people_months: dict[tuple[str, str], dict[str, _Acc]] = {}
    teams: dict[str, _Acc] = {}
    team_months: dict[str, dict[str, _Acc]] = {}
    not_done: dict[tuple[str, str], int] = {}
    for row in rows:
        name, team, month, n = row["name"], row["team"], row["month"], row["n"]
        if not row["completed"]:
            not_done[(name, team)] = not_done.get((name, team), 0) + n
            people.setdefault((name, team), _Acc())
            teams.setdefault(team, _Acc())
            continue
        s = [row[k] or 0.0 for k in _SUM_NAMES]  # no session has it: SQL's sum is NULL
        c = [row[k] for k in _COUNT_NAMES]
        people.setdefault((name, team), _Acc())
        teams.setdefault(team, _Acc())
        people_months.setdefault((name, team), {}).setdefault(month, _Acc()).add(n, s, c)
    # Everything else is summed up from the practitioners' months (far fewer than the rows).
    for (name, team), months in people_months.items():
        for month, acc in months.items():
            people[(name, team)].add(acc.n, acc.sums, acc.counts)
            team_months.setdefault(team, {}).setdefault(month, _Acc()).add(
                acc.n, acc.sums, acc.counts
            )
    for team, months in team_months.items():
        for month, acc in months.items():
            teams[team].add(acc.n, acc.sums, acc.counts)
            all_months.setdefault(month, _Acc()).add(acc.n, acc.sums, acc.counts)
    for acc in all_months.values():
        everything.add(acc.n, acc.sums, acc.counts)

    examples = _examples(conn, where, params, list(people), lateral)

    def trend(months: dict[str, _Acc]) -> list[Point]:
        return [Point(m, a.n, a.figures()) for m, a in sorted(months.items())]

    def label(text: str, missing: str) -> str:
        return text if text else missing

    practitioner_groups = [
        Group(
            "practitioner",
            label(name, "(no name)"),
            team or None,
            acc.n,
            not_done.get((name, team), 0),
            acc.figures(),
            trend(people_months.get((name, team), {})),
            examples.get((name, team), []),
        )
        for (name, team), acc in sorted(
            people.items(), key=lambda kv: (kv[0][0].casefold(), kv[0][1])
        )
    ]
    team_not_done: dict[str, int] = {}
    for (_, team), n in not_done.items():
        team_not_done[team] = team_not_done.get(team, 0) + n
    team_groups = [
        Group(
            "team",
            label(team, "(no team)"),
            None,
            acc.n,
            team_not_done.get(team, 0),
            acc.figures(),
            trend(team_months.get(team, {})),
        )
        for team, acc in sorted(teams.items(), key=lambda kv: kv[0].casefold())
    ]
    overall = Group(
        "all",
        "All sessions",
        None,
        everything.n,
        sum(not_done.values()),
        everything.figures(),
        trend(all_months),
    )
    return Report(filters, database, overall, team_groups, practitioner_groups)
