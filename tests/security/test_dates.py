"""Issue 17 item 11: dates are read strictly; a typo is refused, never read as another day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mi_trainer.storage import StorageError, parse_day

TYPOS = [
    "2026-06-015",
    "2026-6-1",
    "2026-06-01x",
    "26-06-01",
    "2026-13-01",
    "2026-02-30",
    "٢٠٢٦-06-01",
]


@pytest.mark.parametrize("typo", TYPOS)
@pytest.mark.parametrize(
    "argv",
    [["purge", "--before"], ["report", "--since"], ["report", "--until"], ["export", "--since"]],
)
def test_a_mistyped_date_is_refused_and_nothing_is_deleted(
    argv: list[str], typo: str, kit, capsys, team_db: Path
) -> None:
    before = team_db.read_bytes()
    code, out, err = kit.run(capsys, *argv, typo, "--db", str(team_db))
    assert code == 2
    assert f"{argv[1]} '{typo}' is not a date; use YYYY-MM-DD" in err
    assert out == ""
    assert team_db.read_bytes() == before


@pytest.mark.parametrize("good", ["2026-02-01", "2026-02"])
def test_a_day_or_a_month_is_accepted(good: str, kit, capsys, team_db: Path) -> None:
    code, out, _ = kit.run(capsys, "purge", "--before", good, "--dry-run", "--db", str(team_db))
    assert code == 0 and "Would delete 1 session(s)" in out


@pytest.mark.parametrize("typo", TYPOS)
def test_the_storage_api_reads_days_strictly_for_every_shell(typo: str) -> None:
    """The app and the server pass dates straight to storage: the same strictness there."""
    with pytest.raises(StorageError, match="is not a date; use YYYY-MM-DD"):
        parse_day(typo, "cut-off date")
    assert parse_day("2026-06-15") == date(2026, 6, 15)
    assert parse_day("2026-06") == date(2026, 6, 1)
