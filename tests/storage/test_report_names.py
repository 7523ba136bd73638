"""A team manager types a name or a team as they say it: `report` finds it whatever its case,
and suggests the nearest names kept when it matches nobody."""

from __future__ import annotations

from pathlib import Path

import pytest

from mi_trainer.cli.main import main
from mi_trainer.storage import SessionStore

PEOPLE = [
    ("Sam Jones", "Family Safeguarding North"),
    ("Amira Khan", "Family Safeguarding North"),
    ("Dean Walker", "Connected Practice Hastings"),
]


@pytest.fixture
def team_db(db_path: Path, kit) -> str:
    with SessionStore.open(db_path) as store:
        for who, team in PEOPLE:
            t = kit.transcript(who, team, "nan-kinship-care", "2026-02-02T10:00:00+00:00")
            kit.finished(store, t, overall=50.0)
    return str(db_path)


def report(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["report", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("option", "typed", "found"),
    [
        ("--practitioner", "sam jones", "Sam Jones (Family Safeguarding North)"),
        ("--practitioner", "  SAM   JONES ", "Sam Jones (Family Safeguarding North)"),
        ("--team", "family safeguarding NORTH", "Amira Khan (Family Safeguarding North)"),
    ],
)
def test_names_and_teams_match_whatever_their_case(team_db, capsys, option, typed, found):
    code, out, err = report(capsys, "--db", team_db, option, typed)
    assert code == 0, err
    assert found in out
    assert "No sessions match" not in out


@pytest.mark.parametrize(
    ("option", "typed", "suggested"),
    [
        ("--practitioner", "Sam Jonse", "Did you mean 'Sam Jones'?"),
        ("--team", "North", "Did you mean 'Family Safeguarding North'?"),
        ("--team", "hastings", "Did you mean 'Connected Practice Hastings'?"),
    ],
)
def test_a_name_that_matches_nobody_suggests_the_nearest(team_db, capsys, option, typed, suggested):
    code, out, err = report(capsys, "--db", team_db, option, typed)
    assert code == 1 and out == ""
    assert f"'{typed}'" in err and suggested in err


def test_with_nothing_near_the_names_kept_are_listed(team_db, capsys):
    code, _, err = report(capsys, "--db", team_db, "--practitioner", "Zebedee")
    assert code == 1
    assert "The practitioners kept: 'Amira Khan', 'Dean Walker', 'Sam Jones'" in err


def test_the_help_example_team_matches_a_kept_team(team_db, capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    help_text = capsys.readouterr().out
    assert '--team "family safeguarding north"' in help_text
    code, out, _ = report(capsys, "--db", team_db, "--team", "family safeguarding north")
    assert code == 0 and "Sam Jones" in out


def test_with_one_month_of_data_the_html_report_says_so_instead_of_single_dot_charts(
    team_db, capsys
):
    code, out, _ = report(capsys, "--db", team_db, "--format", "html")
    assert code == 0
    assert "<svg" not in out  # no chart of one dot labelled "2026-02 … 2026-02"
    assert "All of these sessions are from one month (2026-02)" in out


def test_with_two_months_the_html_report_charts_the_trend(db_path: Path, kit, capsys):
    with SessionStore.open(db_path) as store:
        for day in ("2026-01-12", "2026-02-09"):
            t = kit.transcript("Sam Jones", "North", "nan-kinship-care", f"{day}T10:00:00+00:00")
            kit.finished(store, t, r_to_q=1.0, overall=50.0)
    code, out, _ = report(capsys, "--db", str(db_path), "--format", "html")
    assert code == 0 and "<svg" in out and "from one month" not in out
