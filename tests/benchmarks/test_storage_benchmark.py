"""`python -m benchmarks storage`: a large synthetic database, the review queries timed, floors.

The developer benchmark lives in the repository (benchmarks/storage.py, benchmarks/synthetic.py),
not in the installed `mi-trainer`; CI runs it with the floors in .ci/run.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks import synthetic
from benchmarks.__main__ import main
from mi_trainer.cli.main import main as mi_trainer
from mi_trainer.storage import STATUS_COMPLETE, SessionStore
from mi_trainer.transcript import Transcript


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["storage", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_small_run_builds_a_realistic_database_and_times_the_queries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "bench.db"
    argv = ("--sessions", "300", "--db", str(db), "--json")
    code, out, _ = run(capsys, *argv, "--turns-per-session", "10")
    assert code == 0
    result = json.loads(out)
    assert (result["sessions"], result["turns"], result["built"]) == (300, 3000, True)
    assert result["report_sessions"] > 0 and result["list_rows"] > 0
    assert result["service_report_sessions"] >= result["report_sessions"]
    assert result["history_ms_max"] > 0 and result["passed"] is True
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    with SessionStore.open(db) as store:
        listed = store.list_sessions()
        assert len(listed) == 300
        assert {s.team for s in listed} <= set(synthetic.TEAMS)
        session = store.load(listed[0].session_id)
        assert len(session.turns) == 10 and session.turns[0].speaker == "practitioner"
    # A second run reuses the database rather than building again.
    code, out, _ = run(capsys, *argv)
    assert code == 0 and json.loads(out)["built"] is False


def test_it_fails_above_its_floors_and_names_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        *("--sessions", "50", "--turns-per-session", "4", "--db", str(tmp_path / "b.db")),
        *("--max-list-ms", "0", "--max-report-s", "0"),
        *("--max-service-report-s", "0", "--max-history-ms", "0"),
    )
    assert code == 1
    for failure in (
        "FAIL: team report took",
        "FAIL: practitioner listing took",
        "FAIL: whole-service report took",
        "FAIL: History's newest 200 took",
    ):
        assert failure in out


def test_a_bad_option_or_database_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--sessions", "0")
    assert code == 1 and "--sessions and --turns-per-session must be at least 1" in err
    foreign = tmp_path / "notes.db"
    foreign.write_text("not a database")
    code, _, err = run(capsys, "--sessions", "5", "--db", str(foreign))
    assert code == 1 and err.startswith("benchmarks storage: error: ")
    assert "Traceback" not in err


def test_it_is_not_a_user_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        mi_trainer(["bench", "storage", "--sessions", "5"])
    assert exit_.value.code == 2
    assert "invalid choice: 'storage'" in capsys.readouterr().err


@pytest.fixture
def empty_postgresql(pg_cluster: Any) -> Iterator[str]:
    name = f"bench_storage_{os.getpid()}"
    yield pg_cluster.create_database(name)
    pg_cluster.drop_database(name)


def test_it_fills_an_empty_postgresql_database_and_reuses_it(
    empty_postgresql: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ("--sessions", "400", "--turns-per-session", "6", "--db", empty_postgresql, "--json")
    code, out, _ = run(capsys, *argv)
    assert code == 0
    result = json.loads(out)
    assert (result["backend"], result["sessions"], result["turns"]) == ("postgresql", 400, 2400)
    assert result["built"] and result["report_sessions"] > 0 and result["history_ms_max"] > 0
    with SessionStore.open(empty_postgresql) as store:
        # The per-day totals were summed after the bulk load: the report agrees with a count.
        complete = len(store.list_sessions(status=STATUS_COMPLETE))
        assert store.report().overall.sessions == complete
        t = Transcript(practitioner="New Starter", started_at="2026-11-30T09:00:00+00:00")
        store.start_session(t)  # ids continue after the bulk-loaded ones
    code, out, _ = run(capsys, *argv)
    assert code == 0 and json.loads(out)["built"] is False
