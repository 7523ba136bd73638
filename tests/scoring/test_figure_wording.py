"""How a figure reads, wherever it shows: the session summary, the reports, History, the team
report. One table per rule, so a change to the wording shows here first."""

import pytest

from mi_trainer.scoring.figures import exact, rounded, thresholds, unit
from mi_trainer.scoring.team_report import fmt, threshold_text


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("r_to_q", ":1"),
        ("pct_open", "%"),
        ("pct_change_talk", "%"),
        ("technical", ""),
        ("adherent", ""),
        ("overall", ""),
    ],
)
def test_the_unit_follows_the_figure_key(key, expected):
    assert unit(key) == expected


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("r_to_q", 1.75, "1.75:1"),
        ("r_to_q", 2.0, "2:1"),
        ("pct_complex", 45.5, "45.5%"),
        ("pct_open", 100.0, "100%"),
        ("technical", 3.0, "3"),
        ("r_to_q", None, "n/a"),  # no questions asked: the ratio is undefined
    ],
)
def test_the_summary_shows_a_figure_as_computed(key, value, expected):
    assert exact(key, value) == expected


@pytest.mark.parametrize(
    ("key", "value", "places", "expected"),
    [
        ("r_to_q", 1.75, 0, "1.8:1"),  # the ratio keeps one place wherever it is rounded
        ("pct_open", 66.67, 1, "67%"),  # a share is a whole percent
        ("adherent", 4.26, 0, "4"),
        ("adherent", 4.26, 1, "4.3"),
        ("pct_open", None, 0, "–"),  # an empty table cell
    ],
)
def test_tables_and_trends_round_by_the_key(key, value, places, expected):
    assert rounded(key, value, places) == expected


def test_thresholds_read_fair_then_good_in_the_figures_unit():
    assert thresholds("r_to_q", 1.0, 2.0) == "fair 1:1, good 2:1"
    assert thresholds("pct_open", 50.0, 70.0) == "fair 50%, good 70%"
    assert thresholds("relational", 3.5, 4.0, separator=" · ") == "fair 3.5 · good 4"
    assert thresholds("adherent", None, None) == "–"
    assert thresholds("adherent", None, None, missing="") == ""


def test_the_team_report_rounds_every_figure_to_a_tenth_but_shares():
    assert fmt("r_to_q", 1.0) == "1.0:1"
    assert fmt("pct_change_talk", 33.333) == "33%"
    assert fmt("overall", 61.24) == "61.2"
    assert fmt("clarity", None) == "–"
    assert threshold_text("r_to_q") == "fair 1.0:1, good 2.0:1"
    assert threshold_text("technical") == "fair 3.0, good 4.0"
    assert threshold_text("adherent") == ""  # no thresholds: nothing said
