"""`python -m benchmarks engine`: per-turn step times with a floor for CI."""

from __future__ import annotations

import json
from typing import Any

import pytest

from benchmarks.__main__ import main
from mi_trainer.coding.codes import Code
from mi_trainer.coding.result import CodedSentence, CodedUtterance


class _RoughCoder:
    """Codes any line by its first word: enough to drive the engine in a timing test."""

    version = "rough"

    def code(self, text: str, previous_client_line: str | None = None) -> CodedUtterance:
        first = text.split()[0].lower() if text.split() else ""
        code = {
            "what": Code.QUESTION_OPEN,
            "how": Code.QUESTION_OPEN,
            "did": Code.QUESTION_CLOSED,
            "are": Code.QUESTION_CLOSED,
            "is": Code.QUESTION_CLOSED,
            "you": Code.PERSUADE,
            "it's": Code.EMPHASIZING_AUTONOMY,
        }.get(first, Code.REFLECTION_COMPLEX)
        return CodedUtterance(text, code, (CodedSentence(text, code),))


@pytest.fixture
def rough_coder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mi_trainer.simulation.loading.make_coder", _RoughCoder)


def test_bench_reports_percentiles_over_every_bundled_scenario(
    rough_coder: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["engine", "--turns", "120", "--json"])
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["turns"] == 120
    assert data["p50_ms"] <= data["p95_ms"] <= data["max_ms"]
    assert data["scenarios"]  # bundled ones, or the engine's fixture when none are bundled
    assert data["ok"] is True and data["max_p95_ms"] is None


def test_bench_exits_1_above_the_floor(
    rough_coder: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["engine", "--turns", "30", "--max-p95-ms", "0.000001"])
    out = capsys.readouterr().out
    assert code == 1
    assert "TOO SLOW" in out


def test_bench_passes_a_generous_floor_and_says_so(
    rough_coder: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["engine", "--turns", "30", "--max-p95-ms", "1000"])
    out = capsys.readouterr().out
    assert code == 0
    assert "p95" in out and "floor: p95 <= 1000 ms: ok" in out


def test_bench_refuses_zero_turns(rough_coder: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["engine", "--turns", "0"]) == 1
    assert "--turns must be at least 1" in capsys.readouterr().err
