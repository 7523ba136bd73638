"""The supervision report: sessions done, MITI summary figures and their monthly trend.

Framed as an aid to supervision conversations (trends and examples to discuss), never a league
table: groups are listed alphabetically and nobody is ranked by score. All aggregation happens
on the ``sessions`` table's figure columns, so the size of the turns table does not matter.
"""

from __future__ import annotations

import csv
import html
import io
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from mi_trainer.safe_text import csv_cell, markdown_text
from mi_trainer.scoring.thresholds import THRESHOLDS
from mi_trainer.storage.schema import FIGURE_KEYS

# The figures the report shows, in order: key -> (label, kind). kind: ratio / pct / count / score.
REPORT_FIGURES: dict[str, tuple[str, str]] = {
    "r_to_q": ("Reflections : questions", "ratio"),
    "pct_complex": ("% complex reflections", "pct"),
    "pct_open": ("% open questions", "pct"),
    "adherent": ("MI-adherent per session", "count"),
    "non_adherent": ("MI non-adherent per session", "count"),
    "pct_change_talk": ("% change talk", "pct"),
    "technical": ("Technical (estimate)", "score"),
    "relational": ("Relational (estimate)", "score"),
    "overall": ("Overall (0–100)", "count"),
}
CHARTED = ("r_to_q", "pct_complex", "pct_open", "pct_change_talk")

FRAMING = (
    "A supervision aid: trends and examples to talk through, not a league table. Names are "
    "listed alphabetically and nobody is ranked. Technical and relational are estimates made "
    "from the text alone. Averages cover completed sessions."
)


def fmt(key: str, value: float | None) -> str:
    if value is None:
        return "–"
    kind = REPORT_FIGURES.get(key, ("", "count"))[1]
    if kind == "ratio":
        return f"{value:.1f}:1"
    if kind == "pct":
        return f"{value:.0f}%"
    return f"{value:.1f}"


def threshold_text(key: str) -> str:
    if key not in THRESHOLDS:
        return ""
    fair, good = THRESHOLDS[key]
    return f"fair {fmt(key, fair)}, good {fmt(key, good)}"


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
            "framing": FRAMING,
            "filters": dict(self.filters),
            "database": self.database,
            "thresholds": {k: {"fair": f, "good": g} for k, (f, g) in THRESHOLDS.items()},
            "all": self.overall.to_dict(),
            "teams": [g.to_dict() for g in self.teams],
            "practitioners": [g.to_dict() for g in self.practitioners],
        }

    def render(self, fmt_name: str) -> str:
        renderers = {
            "text": render_text,
            "md": render_markdown,
            "html": render_html,
            "csv": render_csv,
            "json": lambda r: json.dumps(r.to_dict(), indent=2, ensure_ascii=False) + "\n",
        }
        return renderers[fmt_name](self)


class _Acc:
    """Sums and non-null counts per figure, so averages of averages stay exact."""

    __slots__ = ("counts", "n", "sums")

    def __init__(self) -> None:
        self.n = 0
        self.sums = [0.0] * len(FIGURE_KEYS)
        self.counts = [0] * len(FIGURE_KEYS)

    def add(self, n: int, sums: tuple[Any, ...], counts: tuple[Any, ...]) -> None:
        self.n += n
        for i, (s, c) in enumerate(zip(sums, counts, strict=True)):
            if c:
                self.sums[i] += s
                self.counts[i] += c

    def figures(self) -> dict[str, float | None]:
        return {
            k: (round(self.sums[i] / self.counts[i], 2) if self.counts[i] else None)
            for i, k in enumerate(FIGURE_KEYS)
        }


def build_report(
    conn: sqlite3.Connection,
    where: str,
    params: list[Any],
    filters: dict[str, Any],
    database: str,
) -> Report:
    # One pass over the matching sessions (figure columns only), grouped by practitioner, team,
    # month and whether the session was completed; everything else is summed up from that.
    sums = ", ".join(f"total({k}), count({k})" for k in FIGURE_KEYS)
    rows = conn.execute(
        f"""SELECT coalesce(practitioner, ''), coalesce(team, ''), substr(started_at, 1, 7),
            status = 'complete', count(*), {sums} FROM sessions{where} GROUP BY 1, 2, 3, 4""",
        params,
    ).fetchall()
    width = len(FIGURE_KEYS)
    everything, all_months = _Acc(), {}
    people: dict[tuple[str, str], _Acc] = {}
    people_months: dict[tuple[str, str], dict[str, _Acc]] = {}
    teams: dict[str, _Acc] = {}
    team_months: dict[str, dict[str, _Acc]] = {}
    not_done: dict[tuple[str, str], int] = {}
    for row in rows:
        name, team, month, completed, n = row[0], row[1], row[2], row[3], row[4]
        if not completed:
            not_done[(name, team)] = not_done.get((name, team), 0) + n
            people.setdefault((name, team), _Acc())
            teams.setdefault(team, _Acc())
            continue
        pairs = row[5:]
        s, c = pairs[0::2], pairs[1::2]
        assert len(s) == width
        for acc in (
            everything,
            all_months.setdefault(month, _Acc()),
            people.setdefault((name, team), _Acc()),
            people_months.setdefault((name, team), {}).setdefault(month, _Acc()),
            teams.setdefault(team, _Acc()),
            team_months.setdefault(team, {}).setdefault(month, _Acc()),
        ):
            acc.add(n, s, c)

    # A few recent completed sessions per practitioner, as examples to open in supervision
    # (the practitioner index makes each of these a short backwards walk).
    examples: dict[tuple[str, str], list[dict[str, Any]]] = {}
    recent = (where + " AND " if where else " WHERE ") + (
        "status = 'complete' AND practitioner IS ? AND team IS ?"
    )
    for name, team in people:
        for sid, started, scenario, r_to_q, pct_complex, pct_ct in conn.execute(
            f"""SELECT session_id, started_at, scenario_id, r_to_q, pct_complex, pct_change_talk
            FROM sessions{recent} ORDER BY started_at DESC LIMIT 3""",
            [*params, name or None, team or None],
        ):
            examples.setdefault((name, team), []).append(
                {
                    "session_id": sid,
                    "started_at": started,
                    "scenario_id": scenario,
                    "r_to_q": r_to_q,
                    "pct_complex": pct_complex,
                    "pct_change_talk": pct_ct,
                }
            )

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


# ---------------------------------------------------------------------- renderers


def _filter_text(report: Report) -> str:
    parts = [f"{k} {v}" for k, v in report.filters.items() if v]
    return ", ".join(parts) if parts else "all sessions"


def _figure_line(group: Group) -> list[str]:
    return [f"{REPORT_FIGURES[k][0]}: {fmt(k, group.figures.get(k))}" for k in REPORT_FIGURES]


def render_text(report: Report) -> str:
    out = io.StringIO()
    w = out.write
    w("Practice report for supervision\n")
    w(f"Filters: {_filter_text(report)}\n")
    w(f"{FRAMING}\n")
    w(
        "Thresholds: "
        + "; ".join(
            f"{REPORT_FIGURES[k][0]} {threshold_text(k)}" for k in CHARTED if k in THRESHOLDS
        )
    )
    w(
        "; "
        + "; ".join(
            f"{REPORT_FIGURES[k][0]} {threshold_text(k)}" for k in ("technical", "relational")
        )
        + "\n"
    )
    if report.overall.sessions == 0 and report.overall.not_completed == 0:
        w("\nNo sessions match these filters.\n")
        return out.getvalue()
    for title, groups in (
        ("All", [report.overall]),
        ("Teams", report.teams),
        ("Practitioners", report.practitioners),
    ):
        w(f"\n== {title} ==\n")
        for g in groups:
            head = g.name + (f" ({g.team})" if g.team else "")
            w(f"\n{head}: {g.sessions} completed session(s)")
            w(f", {g.not_completed} not completed\n" if g.not_completed else "\n")
            for line in _figure_line(g):
                w(f"  {line}\n")
            if g.trend:
                w("  Month     Sessions  R:Q    %CR   %Open  %CT\n")
                for p in g.trend:
                    w(
                        f"  {p.month}  {p.sessions:>8}  {fmt('r_to_q', p.figures['r_to_q']):<6} "
                        f"{fmt('pct_complex', p.figures['pct_complex']):>5} "
                        f"{fmt('pct_open', p.figures['pct_open']):>6} "
                        f"{fmt('pct_change_talk', p.figures['pct_change_talk']):>5}\n"
                    )
            for ex in g.examples:
                w(
                    f"  example to discuss: {ex['started_at'][:10]} {ex['scenario_id']} "
                    f"(session {ex['session_id']})\n"
                )
    return out.getvalue()


def render_markdown(report: Report) -> str:
    out = io.StringIO()
    w = out.write
    w("# Practice report for supervision\n\n")
    w(f"*Filters: {markdown_text(_filter_text(report))}.* {FRAMING}\n\n")
    w("| figure | fair | good |\n|---|---|---|\n")
    for k, (fair, good) in THRESHOLDS.items():
        w(f"| {REPORT_FIGURES[k][0]} | {fmt(k, fair)} | {fmt(k, good)} |\n")
    keys = list(REPORT_FIGURES)
    header = (
        "| name | team | sessions | not completed | "
        + " | ".join(REPORT_FIGURES[k][0] for k in keys)
        + " |\n"
    )
    rule = "|" + "---|" * (4 + len(keys)) + "\n"
    for title, groups in (
        ("All", [report.overall]),
        ("Teams", report.teams),
        ("Practitioners", report.practitioners),
    ):
        w(f"\n## {title}\n\n{header}{rule}")
        for g in groups:
            cells = [g.name, g.team or "", str(g.sessions), str(g.not_completed)]
            cells += [fmt(k, g.figures.get(k)) for k in keys]
            w("| " + " | ".join(markdown_text(c) for c in cells) + " |\n")
    w("\n## Monthly trend\n")
    for g in [report.overall, *report.teams, *report.practitioners]:
        if not g.trend:
            continue
        team = f" ({markdown_text(g.team)})" if g.team else ""
        w(f"\n### {markdown_text(g.name)}{team}\n\n")
        w("| month | sessions | " + " | ".join(REPORT_FIGURES[k][0] for k in CHARTED) + " |\n")
        w("|" + "---|" * (2 + len(CHARTED)) + "\n")
        for p in g.trend:
            w(
                f"| {p.month} | {p.sessions} | "
                + " | ".join(fmt(k, p.figures.get(k)) for k in CHARTED)
                + " |\n"
            )
    return out.getvalue()


CSV_COLUMNS = ["level", "name", "team", "period", "sessions", "not_completed", *FIGURE_KEYS]


def render_csv(report: Report) -> str:
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\n")

    def writerow(cells: list[Any]) -> None:
        # Names are typed by people: a cell starting '=', '+', '-' or '@' would run as a formula.
        rows.writerow([csv_cell(c) for c in cells])

    writerow(CSV_COLUMNS)
    for g in [report.overall, *report.teams, *report.practitioners]:
        writerow(
            [g.kind, g.name, g.team or "", "all", g.sessions, g.not_completed]
            + ["" if g.figures.get(k) is None else g.figures[k] for k in FIGURE_KEYS]
        )
        for p in g.trend:
            writerow(
                [g.kind, g.name, g.team or "", p.month, p.sessions, ""]
                + ["" if p.figures.get(k) is None else p.figures[k] for k in FIGURE_KEYS]
            )
    return out.getvalue()


def _svg_chart(points: list[Point], key: str) -> str:
    """A small self-contained line chart of one figure by month, with fair/good lines."""
    width, height, pad = 260, 110, 28
    values = [(p.month, p.figures.get(key)) for p in points]
    known = [v for _, v in values if v is not None]
    fair_good = THRESHOLDS.get(key)
    top = max(known + (list(fair_good) if fair_good else []) + [1.0]) * 1.15
    n = max(len(values) - 1, 1)

    def x(i: int) -> float:
        return pad + (width - 2 * pad) * i / n

    def y(v: float) -> float:
        return height - pad + (-(height - 2 * pad) * v / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{html.escape(REPORT_FIGURES[key][0])} by month">',
        f'<text x="4" y="12" font-size="11">{html.escape(REPORT_FIGURES[key][0])}</text>',
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        'stroke="#999"/>',
    ]
    if fair_good:
        for level, colour in zip(fair_good, ("#d08c00", "#2a7d2a"), strict=True):
            parts.append(
                f'<line x1="{pad}" y1="{y(level):.1f}" x2="{width - pad}" y2="{y(level):.1f}" '
                f'stroke="{colour}" stroke-dasharray="4 3"><title>{fmt(key, level)}</title></line>'
            )
    coords = [(x(i), y(v), m, v) for i, (m, v) in enumerate(values) if v is not None]
    if len(coords) > 1:
        path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy, _, _ in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1f4e8c" stroke-width="2"/>')
    for cx, cy, m, v in coords:
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="2.5" fill="#1f4e8c">'
            f"<title>{m}: {fmt(key, v)}</title></circle>"
        )
    if values:
        parts.append(f'<text x="{pad}" y="{height - 8}" font-size="9">{values[0][0]}</text>')
        parts.append(
            f'<text x="{width - pad}" y="{height - 8}" font-size="9" text-anchor="end">'
            f"{values[-1][0]}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def render_html(report: Report) -> str:
    e = html.escape
    out = io.StringIO()
    w = out.write
    w(
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        "<title>Practice report for supervision</title><style>"
        "body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}"
        "table{border-collapse:collapse;margin:.5em 0}"
        "td,th{border:1px solid #ccc;padding:.2em .5em;"
        "text-align:right}th:first-child,td:first-child{text-align:left}"
        "section{border-top:1px solid #ddd;margin-top:1.5em}.charts svg{margin-right:1em}"
        ".note{color:#555}</style></head><body>\n"
    )
    w("<h1>Practice report for supervision</h1>\n")
    w(f'<p class="note">Filters: {e(_filter_text(report))}. {e(FRAMING)}</p>\n')
    w(
        "<table><caption>Thresholds (MITI 4.2.1; % open from MITI 3.1.1)</caption>"
        "<tr><th>figure</th><th>fair</th><th>good</th></tr>"
    )
    for k, (fair, good) in THRESHOLDS.items():
        w(
            f"<tr><td>{e(REPORT_FIGURES[k][0])}</td><td>{e(fmt(k, fair))}</td>"
            f"<td>{e(fmt(k, good))}</td></tr>"
        )
    w("</table>\n")
    w(
        '<p class="note">Charts: monthly averages (blue); dashed lines mark fair (amber) and '
        "good (green). Hover a point for its value.</p>\n"
    )
    if report.overall.sessions == 0 and report.overall.not_completed == 0:
        w("<p>No sessions match these filters.</p></body></html>\n")
        return out.getvalue()
    for title, groups in (
        ("All", [report.overall]),
        ("Teams", report.teams),
        ("Practitioners", report.practitioners),
    ):
        w(f"<h2>{e(title)}</h2>\n")
        for g in groups:
            head = g.name + (f" ({g.team})" if g.team else "")
            w(f"<section><h3>{e(head)}</h3><p>{g.sessions} completed session(s)")
            w(f", {g.not_completed} not completed" if g.not_completed else "")
            w("</p><table><tr>")
            w("".join(f"<th>{e(REPORT_FIGURES[k][0])}</th>" for k in REPORT_FIGURES))
            w("</tr><tr>")
            w("".join(f"<td>{e(fmt(k, g.figures.get(k)))}</td>" for k in REPORT_FIGURES))
            w("</tr></table>\n")
            if g.trend:
                w('<div class="charts">')
                w("".join(_svg_chart(g.trend, k) for k in CHARTED))
                w("</div>\n")
            if g.examples:
                w("<p>Recent sessions to discuss: ")
                w(
                    "; ".join(
                        f"{e(ex['started_at'][:10])} {e(str(ex['scenario_id']))} "
                        f"(<code>{e(ex['session_id'])}</code>)"
                        for ex in g.examples
                    )
                )
                w("</p>\n")
            w("</section>\n")
    w("</body></html>\n")
    return out.getvalue()
