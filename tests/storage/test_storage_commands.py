"""The team manager's commands: report, export, import and purge."""

from __future__ import annotations

import csv
import io
import json
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mi_trainer.cli.main import main
from mi_trainer.storage import SessionStore
from tests.storage.conftest import as_service_admin

SESSIONS = [
    # practitioner, team, scenario, started, r_to_q, pct_complex
    (
        "Sam Jones",
        "Family Safeguarding North",
        "mum-drinking-school-concerns",
        "2026-01-12",
        0.8,
        30.0,
    ),
    (
        "Sam Jones",
        "Family Safeguarding North",
        "dad-minimising-before-icpc",
        "2026-02-09",
        1.6,
        45.0,
    ),
    (
        "Sam Jones",
        "Family Safeguarding North",
        "mum-drinking-school-concerns",
        "2026-02-23",
        2.4,
        55.0,
    ),
    ("Amira Khan", "Family Safeguarding North", "nan-kinship-care", "2026-02-02", 1.2, 50.0),
    (
        "Dean Walker",
        "Connected Practice Hastings",
        "teen-cannabis-missing",
        "2025-11-20",
        0.5,
        20.0,
    ),
]


@pytest.fixture
def team_db(new_db, kit) -> str:
    path = new_db("team")
    with SessionStore.open(path) as store:
        for who, team, scenario, day, r_to_q, pct in SESSIONS:
            t = kit.transcript(who, team, scenario, f"{day}T10:00:00+00:00", turns=4)
            kit.finished(store, t, r_to_q=r_to_q, pct_complex=pct, overall=50.0)
        store.start_session(kit.transcript("Amira Khan", started_at="2026-02-20T10:00:00+00:00"))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str, **admin: str) -> tuple[int, str, str]:
    code = main(as_service_admin(list(argv), **admin))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_text_report_is_a_supervision_aid_listed_alphabetically(team_db: str, capsys) -> None:
    code, out, _ = run(capsys, "report", "--db", str(team_db))
    assert code == 0
    assert "not a league table" in out
    people = re.findall(r"^(\w+ \w+) \(", out, flags=re.M)
    assert people == ["Amira Khan", "Dean Walker", "Sam Jones"]
    assert "Amira Khan (Family Safeguarding North): 1 completed session(s), 1 not completed" in out
    assert "fair 1.0:1, good 2.0:1" in out


def test_the_report_for_one_practitioner_shows_the_monthly_trend(team_db: str, capsys) -> None:
    code, out, _ = run(
        capsys, "report", "--db", str(team_db), "--practitioner", "Sam Jones", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    [sam] = data["practitioners"]
    assert sam["sessions"] == 3
    assert sam["figures"]["r_to_q"] == pytest.approx(1.6)
    assert [(p["month"], p["sessions"], p["figures"]["r_to_q"]) for p in sam["trend"]] == [
        ("2026-01", 1, 0.8),
        ("2026-02", 2, 2.0),
    ]
    assert len(sam["examples"]) == 3
    assert data["thresholds"]["pct_complex"] == {"fair": 40.0, "good": 50.0}


def test_the_csv_report_has_one_row_per_group_and_month(team_db: str, capsys) -> None:
    code, out, _ = run(
        capsys,
        "report",
        "--db",
        str(team_db),
        "--team",
        "Family Safeguarding North",
        "--since",
        "2026-02-01",
        "--format",
        "csv",
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    overall = [r for r in rows if r["level"] == "team" and r["period"] == "all"]
    assert [(r["name"], r["sessions"]) for r in overall] == [("Family Safeguarding North", "3")]
    assert {r["name"] for r in rows if r["level"] == "practitioner"} == {"Amira Khan", "Sam Jones"}


def test_the_markdown_report_has_tables_and_thresholds(team_db: str, capsys) -> None:
    code, out, _ = run(capsys, "report", "--db", str(team_db), "--format", "md")
    assert code == 0
    assert out.startswith("# Practice report for supervision")
    assert "| % complex reflections | 40% | 50% |" in out
    assert "| Sam Jones | Family Safeguarding North | 3 | 0 |" in out


def test_the_html_report_is_self_contained_with_trend_charts(
    team_db: str, tmp_path: Path, capsys
) -> None:
    target = tmp_path / "north.html"
    code, _, _ = run(
        capsys, "report", "--db", str(team_db), "--format", "html", "--output", str(target)
    )
    assert code == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page and "<polyline" in page
    assert not re.search(r"(src|href)=\"https?:", page)  # nothing fetched from the network
    for svg in re.findall(r"<svg.*?</svg>", page, flags=re.S):
        ET.fromstring(svg)  # each chart is well-formed
    assert "Thresholds" in page


def test_an_empty_report_says_so(tmp_path: Path, capsys) -> None:
    SessionStore.open(tmp_path / "new.db").close()
    code, out, _ = run(capsys, "report", "--db", str(tmp_path / "new.db"))
    assert code == 0 and "No sessions match these filters." in out


@pytest.mark.parametrize("command", [["report"], ["export"], ["purge", "--before", "2026-01-01"]])
def test_review_commands_do_not_create_a_database_for_a_mistyped_path(
    tmp_path: Path, capsys, command: list[str]
) -> None:
    typo = tmp_path / "sesions.db"
    code, _, err = run(capsys, *command, "--db", str(typo))
    assert code == 1
    assert f"There is no session database at {typo} yet" in err
    assert not typo.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "--since", "2026-02-30"], "--since '2026-02-30' is not a date; use YYYY-MM-DD"),
        (["report", "--until", "next week"], "--until 'next week' is not a date"),
        (["export", "--since", "31/01/2026"], "--since '31/01/2026' is not a date"),
        (["purge", "--before", "soon"], "--before 'soon' is not a date"),
    ],
)
def test_bad_dates_are_readable_messages_not_tracebacks(
    capsys, argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err.startswith("mi-trainer: ") and message in err
    assert "Traceback" not in err


def test_a_foreign_file_as_db_is_a_readable_message(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("not a database")
    code, _, err = run(capsys, "report", "--db", str(bad))
    assert code == 1
    assert f"mi-trainer: {bad} is not an mi-trainer database" in err
    # Storage says "choose another database"; the CLI adds which flag does that.
    assert "Use --db PATH (or the MI_TRAINER_DB environment variable)" in err


def test_until_before_since_names_the_flags(team_db: str, capsys) -> None:
    code, _, err = run(
        capsys, "report", "--db", str(team_db), "--since", "2026-03-01", "--until", "2026-02-01"
    )
    assert code == 2
    assert "--until 2026-02-01 is before --since 2026-03-01; swap them round." in err


def test_export_then_import_elsewhere_round_trips_and_is_idempotent(
    team_db: str, new_db, tmp_path: Path, capsys
) -> None:
    archive = tmp_path / "north.jsonl"
    code, _, err = run(capsys, "export", "--db", str(team_db), "--output", str(archive))
    assert code == 0 and "Exported 6 session(s)" in err
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    records = [json.loads(line) for line in archive.read_text().splitlines()]
    assert len(records) == 6
    assert {"format", "version", "status", "session", "figures", "score"} <= set(records[0])

    other = new_db("laptop")
    code, out, _ = run(capsys, "import", str(archive), "--db", str(other))
    assert code == 0 and "Imported 6 session(s)" in out and "skipped 0" in out
    code, out, _ = run(capsys, "import", str(archive), "--db", str(other))
    assert code == 0 and "Imported 0 session(s)" in out and "skipped 6" in out

    with SessionStore.open(team_db) as a, SessionStore.open(other) as b:
        assert len(b.list_sessions()) == 6
        for summary in a.list_sessions():
            assert b.load(summary.session_id).to_dict() == a.load(summary.session_id).to_dict()
            assert b.score_of(summary.session_id) == a.score_of(summary.session_id)
        assert b.list_sessions() == a.list_sessions()
        assert b.report().to_dict()["practitioners"] == a.report().to_dict()["practitioners"]


def test_export_filters_and_stdout(team_db: str, capsys) -> None:
    code, out, _ = run(capsys, "export", "--db", str(team_db), "--practitioner", "Dean Walker")
    assert code == 0
    [line] = out.splitlines()
    assert json.loads(line)["session"]["practitioner"] == "Dean Walker"


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", ":2: not valid JSON"),
        ('{"format": "something-else"}', ":2: not an mi-trainer session"),
        (
            '{"format": "mi-trainer-session", "version": 1, "session": {}}',
            ":2: session.session_id: Field required",
        ),
        (
            '{"format": "mi-trainer-session", "version": 1, "session": {"session_id": "x", '
            '"started_at": "2026-01-01", "turns": [{}]}}',
            ":2: session.turns[0].index: Field required",
        ),
    ],
)
def test_a_bad_line_names_its_number_and_nothing_is_imported(
    team_db: str, new_db, tmp_path: Path, capsys, bad_line: str, message: str
) -> None:
    archive = tmp_path / "mixed.jsonl"
    run(capsys, "export", "--db", str(team_db), "--output", str(archive))
    lines = archive.read_text().splitlines()
    archive.write_text("\n".join([lines[0], bad_line, *lines[1:]]) + "\n")
    target = new_db("target")
    code, _, err = run(capsys, "import", str(archive), "--db", str(target))
    assert code == 1
    assert f"{archive}{message}" in err and "Nothing was imported" in err
    with SessionStore.open(target) as store:
        assert store.list_sessions() == []


def test_importing_a_missing_file_is_a_readable_message(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "nope.jsonl"))
    assert code == 1 and "no such file" in err


def test_purge_dry_run_says_what_would_go_and_keeps_it(team_db: str, capsys) -> None:
    code, out, _ = run(capsys, "purge", "--db", str(team_db), "--before", "2026-02-01", "--dry-run")
    assert code == 0
    assert "Would delete 2 session(s) (8 turns) started before 2026-02-01" in out
    assert "Dean Walker, Sam Jones" in out and "Nothing was deleted" in out
    with SessionStore.open(team_db) as store:
        assert len(store.list_sessions()) == 6


def test_purge_deletes_sessions_turns_and_scores_before_the_date(team_db: str, capsys) -> None:
    code, out, _ = run(
        capsys,
        "purge",
        "--db",
        str(team_db),
        "--before",
        "2026-02-10",
        "--practitioner",
        "Sam Jones",
    )
    assert code == 0
    assert "Deleted 2 session(s) (8 turns) for Sam Jones started before 2026-02-10" in out
    with SessionStore.open(team_db) as store:
        assert [s.started_at[:10] for s in store.list_sessions(practitioner="Sam Jones")] == [
            "2026-02-23"
        ]
        assert len(store.list_sessions()) == 4
        assert store.count_turns() == 3 * 4 + 2  # three finished left, one unfinished
        assert (
            store.db.read(lambda c: c.execute("SELECT count(*) AS n FROM scores").fetchone())["n"]
            == 3
        )
    code, out, _ = run(
        capsys,
        "purge",
        "--db",
        str(team_db),
        "--before",
        "2026-02-10",
        "--practitioner",
        "Sam Jones",
    )
    assert "nothing to delete" in out


def test_purge_needs_a_date(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["purge"])
    assert exit_.value.code == 2
    assert "--before" in capsys.readouterr().err
