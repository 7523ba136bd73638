"""The manager's view: a missed disclosure is the first thing it shows, whatever the scores,
and the child-protection lens trends beside the MITI figures."""

from __future__ import annotations

from mi_trainer.scoring.team_report import render_html, render_markdown, render_text
from mi_trainer.storage.report import Group, Point, Report
from mi_trainer.storage.schema import FIGURE_KEYS


def _report(missed: float) -> Report:
    figures: dict[str, float | None] = dict.fromkeys(FIGURE_KEYS)
    figures.update({"overall": 88.0, "clarity": 4.2, "purposefulness": 3.5, "child_focus": 2.5})
    figures["missed_disclosures"] = missed
    trend = [Point("2026-11", 2, dict(figures)), Point("2026-12", 2, dict(figures))]
    sam = Group("practitioner", "Sam", "North", 4, 0, dict(figures), trend)
    alex = Group("practitioner", "Alex", "North", 4, 0, {**figures, "missed_disclosures": 0.0})
    overall = Group("all", "All", None, 8, 0, {**figures, "missed_disclosures": missed / 2}, trend)
    return Report({}, "test.db", overall, [], [alex, sam])


def test_a_missed_disclosure_is_the_first_line_of_every_format() -> None:
    report = _report(0.25)  # one of Sam's four sessions passed over a disclosure
    text = render_text(report)
    assert text.splitlines()[0].startswith("Missed disclosures: 1 disclosure of risk passed over")
    assert "(practitioners: Sam)" in text.splitlines()[0]
    assert render_markdown(report).startswith("# Practice report for supervision\n\n> **Missed")
    html = render_html(report)
    assert html.index("Missed disclosures") < html.index("<h1>")


def test_without_a_missed_disclosure_there_is_no_such_line() -> None:
    assert "Missed disclosures" not in render_text(_report(0.0))


def test_the_lens_is_reported_and_trended() -> None:
    report = _report(0.0)
    text = render_text(report)
    assert "Clarity about concerns (estimate): 4.2" in text
    assert "Child focus (estimate): 2.5" in text
    assert "Clar  Purp  Child" in text
    assert "Purposefulness (estimate)" in render_markdown(report).split("## Monthly trend")[1]
    assert 'aria-label="Child focus (estimate) by month"' in render_html(report)
