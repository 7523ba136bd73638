"""The supervision report rendered: text, Markdown, HTML (with small SVG charts), CSV, JSON.

The data (a :class:`~mi_trainer.storage.report.Report`) comes from the store; this module only
presents it, beside :mod:`mi_trainer.scoring.reports` which presents one session. Framed as an
aid to supervision conversations (trends and examples to discuss), never a league table.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable
from typing import Any

from mi_trainer.safe_text import csv_cell, markdown_text
from mi_trainer.scoring.figures import rounded, thresholds
from mi_trainer.scoring.thresholds import THRESHOLDS
from mi_trainer.storage.report import Group, Point, Report
from mi_trainer.storage.schema import FIGURE_KEYS
from mi_trainer.wording import plural

# The figures the report shows, in order: key -> label (scoring/figures.py writes each by its key).
REPORT_FIGURES: dict[str, str] = {
    "r_to_q": "Reflections : questions",
    "pct_complex": "% complex reflections",
    "pct_open": "% open questions",
    "adherent": "MI-adherent per session",
    "non_adherent": "MI non-adherent per session",
    "pct_change_talk": "% change talk",
    "technical": "Technical (estimate)",
    "relational": "Relational (estimate)",
    "overall": "Overall (0–100)",
    # The child-protection lens (scoring/lens.py) and direct risk questions (safeguarding.py).
    "clarity": "Clarity about concerns (estimate)",
    "purposefulness": "Purposefulness (estimate)",
    "child_focus": "Child focus (estimate)",
    "risk_questions": "Direct risk questions per session",
}
CHARTED = ("r_to_q", "pct_complex", "pct_open", "pct_change_talk")
# The lens trends beside the MITI ones, in the monthly tables and charts.
LENS_TRENDS = ("clarity", "purposefulness", "child_focus")

FRAMING = (
    "A supervision aid: trends and examples to talk through, not a league table. Names are "
    "listed alphabetically and nobody is ranked. Technical and relational are estimates made "
    "from the text alone. Averages cover completed sessions."
)


def fmt(key: str, value: float | None) -> str:
    """A figure in the report's tables: the ratio and shares as everywhere, others to 0.1."""
    return rounded(key, value, places=1)


def threshold_text(key: str) -> str:
    if key not in THRESHOLDS:
        return ""
    return thresholds(key, *THRESHOLDS[key], text=fmt)


def render_json(report: Report) -> str:
    data = report.to_dict()
    document = {
        "framing": FRAMING,
        "filters": data["filters"],
        "database": data["database"],
        "thresholds": {k: {"fair": f, "good": g} for k, (f, g) in THRESHOLDS.items()},
        **{k: data[k] for k in ("all", "teams", "practitioners")},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _filter_text(report: Report) -> str:
    parts = [f"{k} {v}" for k, v in report.filters.items() if v]
    return ", ".join(parts) if parts else "all sessions"


def missed_disclosures(group: Group) -> int:
    """Disclosures of risk passed over in a group's completed sessions (the figure is stored
    per session and averaged, so the average times the sessions gives the total)."""
    average = group.figures.get("missed_disclosures")
    return 0 if not average else round(average * group.sessions)


def missed_line(report: Report) -> str | None:
    """The line the manager's view shows first when any session passed over a disclosure."""
    total = missed_disclosures(report.overall)
    if not total:
        return None
    who = sorted({g.name for g in report.practitioners if missed_disclosures(g)})
    names = f" (practitioners: {', '.join(who)})" if who else ""
    return (
        f"Missed disclosures: {plural(total, 'disclosure')} of risk passed over "
        f"in these sessions{names}. "
        "Talk these through first, whatever the scores."
    )


def _figure_line(group: Group) -> list[str]:
    return [f"{REPORT_FIGURES[k]}: {fmt(k, group.figures.get(k))}" for k in REPORT_FIGURES]


def render_text(report: Report) -> str:
    out = io.StringIO()
    w = out.write
    missed = missed_line(report)
    if missed:
        w(f"{missed}\n\n")
    w("Practice report for supervision\n")
    w(f"Filters: {_filter_text(report)}\n")
    w(f"{FRAMING}\n")
    w(
        "Thresholds: "
        + "; ".join(f"{REPORT_FIGURES[k]} {threshold_text(k)}" for k in CHARTED if k in THRESHOLDS)
    )
    w(
        "; "
        + "; ".join(f"{REPORT_FIGURES[k]} {threshold_text(k)}" for k in ("technical", "relational"))
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
            if missed_disclosures(g):
                n = missed_disclosures(g)
                w(f"  Missed disclosures: {n} passed over; talk these through first\n")
            for line in _figure_line(g):
                w(f"  {line}\n")
            if g.trend:
                w("  Month     Sessions  R:Q    %CR   %Open  %CT   Clar  Purp  Child\n")
                for p in g.trend:
                    w(
                        f"  {p.month}  {p.sessions:>8}  {fmt('r_to_q', p.figures['r_to_q']):<6} "
                        f"{fmt('pct_complex', p.figures['pct_complex']):>5} "
                        f"{fmt('pct_open', p.figures['pct_open']):>6} "
                        f"{fmt('pct_change_talk', p.figures['pct_change_talk']):>5} "
                        + " ".join(f"{fmt(k, p.figures.get(k)):>5}" for k in LENS_TRENDS)
                        + "\n"
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
    missed = missed_line(report)
    if missed:
        w(f"> **{markdown_text(missed)}**\n\n")
    w(f"*Filters: {markdown_text(_filter_text(report))}.* {FRAMING}\n\n")
    w("| figure | fair | good |\n|---|---|---|\n")
    for k, (fair, good) in THRESHOLDS.items():
        w(f"| {REPORT_FIGURES[k]} | {fmt(k, fair)} | {fmt(k, good)} |\n")
    keys = list(REPORT_FIGURES)
    header = (
        "| name | team | sessions | not completed | "
        + " | ".join(REPORT_FIGURES[k] for k in keys)
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
        trended = (*CHARTED, *LENS_TRENDS)
        w("| month | sessions | " + " | ".join(REPORT_FIGURES[k] for k in trended) + " |\n")
        w("|" + "---|" * (2 + len(trended)) + "\n")
        for p in g.trend:
            w(
                f"| {p.month} | {p.sessions} | "
                + " | ".join(fmt(k, p.figures.get(k)) for k in trended)
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
        f'role="img" aria-label="{html.escape(REPORT_FIGURES[key])} by month">',
        f'<text x="4" y="12" font-size="11">{html.escape(REPORT_FIGURES[key])}</text>',
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
    missed = missed_line(report)
    if missed:
        w(
            '<p role="alert" style="border:2px solid #a3262a;background:#fbeaea;padding:.5em">'
            f"<strong>{e(missed)}</strong></p>\n"
        )
    w("<h1>Practice report for supervision</h1>\n")
    w(f'<p class="note">Filters: {e(_filter_text(report))}. {e(FRAMING)}</p>\n')
    w(
        "<table><caption>Thresholds (MITI 4.2.1; % open from MITI 3.1.1)</caption>"
        "<tr><th>figure</th><th>fair</th><th>good</th></tr>"
    )
    for k, (fair, good) in THRESHOLDS.items():
        w(
            f"<tr><td>{e(REPORT_FIGURES[k])}</td><td>{e(fmt(k, fair))}</td>"
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
            w("".join(f"<th>{e(REPORT_FIGURES[k])}</th>" for k in REPORT_FIGURES))
            w("</tr><tr>")
            w("".join(f"<td>{e(fmt(k, g.figures.get(k)))}</td>" for k in REPORT_FIGURES))
            w("</tr></table>\n")
            if len(g.trend) == 1:  # one dot is not a trend: say so in words
                only = g.trend[0]
                w(
                    f'<p class="note">All of these sessions are from one month ({e(only.month)}),'
                    " so there is no trend to chart yet; the figures above are that month's. "
                    "Charts appear once there are sessions from two months or more.</p>\n"
                )
            elif g.trend:
                w('<div class="charts">')
                w("".join(_svg_chart(g.trend, k) for k in (*CHARTED, *LENS_TRENDS)))
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


RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "md": render_markdown,
    "html": render_html,
    "csv": render_csv,
    "json": render_json,
}
FORMATS = tuple(RENDERERS)


def render(report: Report, format_name: str) -> str:
    """``report`` in one of :data:`FORMATS`."""
    return RENDERERS[format_name](report)
