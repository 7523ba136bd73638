"""`mi-trainer play`: a trainer tests a scenario from a script, headless.

These tests swap in the table-driven fake coder so they check the command, not
the coder; tests/simulation/test_bundled_playthrough.py plays with the real one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mi_trainer.cli.main import main

HERE = Path(__file__).resolve().parent
FAMILY = HERE / "fixtures" / "family-scene.yaml"
SINGLE = HERE / "fixtures" / "single-parent.yaml"

SCRIPT = """\
# Leanne's first visit: a comment line, skipped
@leanne What's a normal evening like for you at the moment?

It sounds like the evenings are the hardest part.
@leanne What worries you most about the money?
@leanne You want Ellie to have better than you had.
@jay How do you want things to be for Ellie?
@leanne You need to stop drinking.
/end
"""


@pytest.fixture
def fake_coder(monkeypatch: pytest.MonkeyPatch, coder: Any) -> Any:
    monkeypatch.setattr("mi_trainer.simulation.loading.make_coder", lambda: coder)
    return coder


def _write(tmp_path: Path, text: str, name: str = "script.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _play(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["play", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_has_every_turn_with_codes_talk_types_and_state(
    tmp_path: Path, fake_coder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    script = _write(tmp_path, SCRIPT)
    code, out, _ = _play(capsys, str(FAMILY), "--script", str(script), "--seed", "3", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["scenario_id"] == "fixture-family-scene"
    assert data["seed"] == 3
    assert data["end_reason"] == "practitioner_ended"
    turns = data["turns"]
    practitioner = [t for t in turns if t["speaker"] == "practitioner"]
    members = [t for t in turns if t["speaker"] in ("leanne", "mark", "jay") and "event" not in t]
    assert len(practitioner) == 6  # blank and '#' lines skipped, /end is not a line
    assert all(t["codes"] and "state_after" in t for t in practitioner)
    assert all(t["talk_type"] in ("change", "sustain", "neutral", "discord") for t in members)
    assert all("state_after" in t for t in members)
    assert turns[-1]["event"] == "practitioner_ended"


def test_text_output_is_a_readable_transcript(
    tmp_path: Path, fake_coder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    script = _write(tmp_path, SCRIPT)
    code, out, _ = _play(capsys, str(FAMILY), "--script", str(script))
    assert code == 0
    assert "You → Leanne: What's a normal evening like for you at the moment?" in out
    assert "[question_open] open question" in out
    assert "rapport 0." in out and "readiness" in out
    assert "** Session ended by the practitioner. [practitioner_ended]" in out
    assert out.rstrip().endswith("End: practitioner_ended")


@pytest.mark.parametrize("flag", [[], ["--json"]])
def test_same_scenario_seed_and_script_print_byte_identical_output(
    tmp_path: Path, fake_coder: Any, capsys: pytest.CaptureFixture[str], flag: list[str]
) -> None:
    script = _write(tmp_path, SCRIPT)
    args = [str(FAMILY), "--script", str(script), "--seed", "11", *flag]
    first = _play(capsys, *args)
    second = _play(capsys, *args)
    assert first == second


_SUBPROCESS = """
import sys
sys.path.insert(0, {here!r})
from conftest import FakeCoder
import mi_trainer.simulation.loading as loading
loading.make_coder = FakeCoder
from mi_trainer.cli.main import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_output_does_not_depend_on_python_hash_randomisation(tmp_path: Path) -> None:
    script = _write(tmp_path, SCRIPT)
    outputs = []
    for hashseed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hashseed}
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                _SUBPROCESS.format(here=str(HERE)),
                "play",
                str(FAMILY),
                "--script",
                str(script),
                "--seed",
                "5",
                "--json",
            ],
            capture_output=True,
            env=env,
            check=False,
        )
        assert result.returncode == 0, result.stderr.decode()
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]


def test_a_script_that_outlasts_the_session_is_noted_not_an_error(
    tmp_path: Path, fake_coder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    script = _write(tmp_path, "You're in denial.\n" * 10)
    code, out, err = _play(capsys, str(SINGLE), "--script", str(script), "--json")
    assert code == 0
    assert json.loads(out)["end_reason"] == "member_left"
    assert "not played" in err


def test_a_script_without_end_leaves_the_session_incomplete(
    tmp_path: Path, fake_coder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    script = _write(tmp_path, "What would make this week a bit easier?\n")
    code, out, _ = _play(capsys, str(SINGLE), "--script", str(script), "--json")
    assert code == 0
    assert json.loads(out)["end_reason"] == "incomplete"


@pytest.mark.parametrize(
    ("script_text", "message"),
    [
        ("@gran What would make this week a bit easier?\n", "script.txt:1: Nobody called '@gran'"),
        ("Hello, I'm Sam from children's services.\n/shrug\n", "script.txt:2: unknown command"),
    ],
)
def test_a_bad_script_line_names_the_file_and_line(
    tmp_path: Path,
    fake_coder: Any,
    capsys: pytest.CaptureFixture[str],
    script_text: str,
    message: str,
) -> None:
    script = _write(tmp_path, script_text)
    code, _, err = _play(capsys, str(FAMILY), "--script", str(script))
    assert code == 1
    assert message in err
    assert "Traceback" not in err


def test_a_missing_script_file_is_a_clear_error(
    tmp_path: Path, fake_coder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _play(capsys, str(FAMILY), "--script", str(tmp_path / "nope.txt"))
    assert code == 1
    assert "script file not found" in err and "nope.txt" in err


def test_a_script_that_is_not_utf8_is_a_clear_error(
    tmp_path: Path, fake_coder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "latin1.txt"
    script.write_bytes("Caf\xe9 talk\n".encode("latin-1"))
    code, _, err = _play(capsys, str(FAMILY), "--script", str(script))
    assert code == 1
    assert "not UTF-8" in err


def test_an_unknown_scenario_is_a_clear_error(
    tmp_path: Path, fake_coder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    script = _write(tmp_path, "Hello, I'm Sam from children's services.\n")
    code, _, err = _play(capsys, "no-such-scenario", "--script", str(script))
    assert code != 0
    assert "no-such-scenario" in err
    assert "Traceback" not in err


def test_an_invalid_scenario_prints_its_diagnostics(
    tmp_path: Path, fake_coder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        FAMILY.read_text(encoding="utf-8").replace("members:", "membrs:", 1), encoding="utf-8"
    )
    script = _write(tmp_path, "Hello, I'm Sam from children's services.\n")
    code, _, err = _play(capsys, str(broken), "--script", str(script))
    assert code != 0
    assert "broken.yaml:" in err  # file:line:col diagnostics
    assert "Traceback" not in err


REAL_SCRIPT = """\
Hello, I'm Sam from children's services. Thanks for letting me in.
What's been happening with the mornings?
It sounds like you're doing a lot on your own.
You need to cut down on the wine.
Part of you feels the wine helps you switch off, and part of you is worried about the mornings.
It's your decision what happens next.
/end
"""


def test_a_bundled_scenario_plays_byte_identically_under_any_hash_seed(tmp_path: Path) -> None:
    """The whole pipeline (real coder, bundled scenario by id), as trainers run it."""
    script = _write(tmp_path, REAL_SCRIPT)
    outputs = []
    for hashseed in ("1", "2"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mi_trainer",
                "play",
                "mum-drinking-school-concerns",
                "--script",
                str(script),
                "--seed",
                "4",
                "--json",
            ],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": hashseed},
            check=False,
        )
        assert result.returncode == 0, result.stderr.decode()
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])
    assert data["scenario_id"] == "mum-drinking-school-concerns"
    assert data["end_reason"] == "practitioner_ended"
    codes = [t["code"] for t in data["turns"] if t["speaker"] == "practitioner"]
    assert "persuade" in codes and "question_open" in codes


def test_a_terminal_that_cannot_show_arrows_gets_question_marks_not_a_crash(
    tmp_path: Path, fake_coder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    script = _write(tmp_path, SCRIPT)
    raw = io.BytesIO()
    ascii_out = io.TextIOWrapper(raw, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", ascii_out)
    assert main(["play", str(FAMILY), "--script", str(script)]) == 0
    ascii_out.flush()
    assert b"You ? Leanne:" in raw.getvalue()


def test_a_line_to_a_member_who_has_left_is_noted_and_play_goes_on(
    tmp_path: Path, fake_coder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    confront = "@leanne You're in denial.\n" * 4
    script = _write(
        tmp_path,
        confront + "@jay What would make this week a bit easier?\n"
        "@leanne What would make this week a bit easier?\n",
    )
    code, out, err = _play(capsys, str(FAMILY), "--script", str(script), "--json")
    assert code == 0
    assert "Jay has left the room" in err and "Line not played" in err
    turns = json.loads(out)["turns"]
    assert turns[-1]["speaker"] != "jay"  # the last line, to Leanne, was played


def test_play_json_shows_what_the_practitioner_was_doing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = _write(tmp_path, "How old is Mia?\nDo you want a cup of tea?\n")
    code, out, _ = _play(capsys, "mum-drinking-school-concerns", "--script", str(script), "--json")
    assert code == 0
    turns = [t for t in json.loads(out)["turns"] if t["speaker"] == "practitioner"]
    assert turns[0]["coded"]["intent"] == {
        "kind": "ask_fact",
        "subject": "age",
        "member": "mia",
        "cue": "fact_age",
    }
    assert turns[1]["coded"]["intent"]["kind"] == "offer"
