"""`mi-trainer play` shows a script's control characters visibly, never sends them raw.

A script line (or a scenario's text) holding an escape sequence would otherwise retitle the
terminal, clear it or recolour what follows; bidirectional controls would reorder the words.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mi_trainer.cli.main import main
from mi_trainer.coding.codes import Code
from mi_trainer.coding.result import CodedSentence, CodedUtterance

FAMILY = Path(__file__).resolve().parent / "fixtures" / "family-scene.yaml"
RETITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
BIDI = "\u202e"
LINE = f"{RETITLE}What's a normal {CLEAR}evening like for you{BIDI} at the moment?"
RAW = ("\x1b", "\x07", BIDI)


class _OpenQuestions:
    """Codes every line an open question: these tests are about what is printed."""

    version = "open-questions"

    def code(self, text: str, previous_client_line: str | None = None) -> CodedUtterance:
        return CodedUtterance(text, Code.QUESTION_OPEN, (CodedSentence(text, Code.QUESTION_OPEN),))


@pytest.fixture
def fake_coder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mi_trainer.simulation.loading.make_coder", _OpenQuestions)


def play(tmp_path: Path, capsys: pytest.CaptureFixture[str], script: str, *flags: str) -> Any:
    path = tmp_path / "script.txt"
    path.write_text(script, encoding="utf-8")
    code = main(["play", str(FAMILY), "--script", str(path), *flags])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_transcript_shows_control_characters_as_symbols(
    tmp_path: Path, fake_coder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = play(tmp_path, capsys, f"@leanne {LINE}\n/end\n")
    assert code == 0
    assert not any(raw in out for raw in RAW)
    assert "You → Leanne: ␛]0;pwned␇What's a normal ␛[2Jevening like for you<U+202E>" in out


def test_the_json_keeps_the_text_and_escapes_every_control(
    tmp_path: Path, fake_coder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = play(tmp_path, capsys, f"@leanne {LINE}\n/end\n", "--json")
    assert code == 0
    assert not any(raw in out for raw in RAW)
    said = [t["text"] for t in json.loads(out)["turns"] if t["speaker"] == "practitioner"]
    assert said == [LINE]  # the same value, written with \\u escapes


def test_notes_and_errors_name_the_script_words_visibly(
    tmp_path: Path, fake_coder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = play(tmp_path, capsys, f"/stop{CLEAR}\n")
    assert code != 0
    assert "unknown command '/stop␛[2J'" in err and "\x1b" not in err


def test_an_error_quoting_a_typed_path_shows_its_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / f"lines{CLEAR}.txt"
    assert main(["play", str(FAMILY), "--script", str(missing)]) != 0
    err = capsys.readouterr().err
    assert "script file not found" in err and "lines␛[2J.txt" in err and "\x1b" not in err
