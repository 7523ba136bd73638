"""`python -m benchmarks app`: the real app timed headless (the floors are for CI, not here)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from benchmarks.__main__ import main
from tests.tui.conftest import SCENARIOS, shared_coder


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("benchmarks.app.CODER_FACTORY", shared_coder)


def bench(*options: str) -> list[str]:
    return [
        "app",
        "--scenarios",
        str(SCENARIOS),
        "--scenario",
        "tui-test-family",
        *options,
    ]


def test_it_times_each_reply_and_a_fresh_start_up(shared: None, capsys) -> None:
    code = main(bench("--turns", "4", "--start-runs", "1", "--json"))
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["turns"] == 4 and len(data["reply_ms"]) == 4 and data["ended_early"] is None
    assert all(0 < ms < 10_000 for ms in data["reply_ms"])
    assert data["p50_ms"] <= data["p95_ms"] <= data["max_ms"]
    assert [row["turns"] for row in data["by_ten"]] == ["1-4"]
    assert len(data["start_s"]) == 1 and 0 < data["start_s_max"] < 60
    assert data["pipeline_ready_s"] >= 0
    assert data["ok"] is True and data["max_p95_ms"] is None and data["max_start_s"] is None


def test_the_table_names_the_floors_and_exits_1_above_one(shared: None, capsys) -> None:
    code = main(bench("--turns", "2", "--start-runs", "1", "--max-p95-ms", "0.000001"))
    out = capsys.readouterr().out
    assert code == 1
    assert "Enter to reply on screen, 2 turns of tui-test-family" in out
    assert "floor: reply p95 <= 1e-06 ms: TOO SLOW" in out
    assert "start to first usable screen" in out


def test_a_generous_start_floor_passes(shared: None, capsys) -> None:
    code = main(bench("--turns", "1", "--start-runs", "1", "--max-start-s", "60"))
    assert code == 0
    assert "floor: start <= 60 s: ok" in capsys.readouterr().out


def test_more_turns_than_the_scenario_allows_still_runs_them_all(shared: None, capsys) -> None:
    # tui-test-single ends after three turns; the bench raises the limit to fit --turns.
    argv = bench("--turns", "5", "--start-runs", "0", "--json")
    argv[argv.index("tui-test-family")] = "tui-test-single"
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["turns"] == 5


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--turns", "0"), "--turns must be at least 1"),
        (("--start-runs", "0", "--max-start-s", "1.5"), "--max-start-s needs at least one"),
        (("--scenario", "nowhere", "--start-runs", "0"), "no scenario 'nowhere'"),
    ],
)
def test_bad_options_are_explained(shared: None, capsys, options, message) -> None:
    assert main([*bench(), *options]) == 1
    assert message in capsys.readouterr().err
