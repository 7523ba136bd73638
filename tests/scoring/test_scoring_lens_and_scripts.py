"""The child-protection lens (clarity, purposefulness, child focus) and the scripted sessions
the score must not be fooled by (`mi-trainer bench scoring`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mi_trainer.cli.bench_scoring import evaluate
from mi_trainer.coding.codes import Code, TalkType
from mi_trainer.scoring import score_transcript

SCRIPTS = Path(__file__).resolve().parents[2] / "benchmarks" / "scoring"


def test_the_lens_rests_on_what_the_worker_said(session) -> None:
    clear = session(
        (
            "p",
            "The nursery has told us Ellie has missed half her sessions, and that worries me.",
            Code.GIVING_INFORMATION,
        ),
        ("c", "She's been poorly.", TalkType.NEUTRAL),
        ("p", "What do you think Ellie makes of missing nursery?", Code.QUESTION_OPEN),
        ("c", "She misses her friends.", TalkType.NEUTRAL),
        ("p", "So the next step is breakfast club tomorrow, and I'll call on Friday.", Code.OTHER),
    )
    vague = session(
        ("p", "Just a chat really, nothing to worry about.", Code.OTHER),
        ("c", "Right.", TalkType.NEUTRAL),
        ("p", "How's your week been?", Code.QUESTION_OPEN),
    )
    good, poor = score_transcript(clear).lens, score_transcript(vague).lens
    for key in ("clarity", "purposefulness", "child_focus"):
        assert good[key].value > poor[key].value, key
        assert good[key].basis and good[key].estimate
    assert any("blurred" in b for b in poor["clarity"].basis)
    assert any("next steps named" in b for b in good["purposefulness"].basis)
    assert any("experience" in b for b in good["child_focus"].basis)


def test_a_threat_is_not_clarity(session) -> None:
    threat = session(
        ("p", "If you carry on, the children will be removed.", Code.CONFRONT),
    )
    assert any("threat" in b for b in score_transcript(threat).lens["clarity"].basis)


def test_every_scripted_session_meets_its_expectations() -> None:
    result = evaluate(SCRIPTS)
    assert len(result["scripts"]) >= 12
    assert result["failed"] == 0, result["failures"]


def test_the_scripts_cover_what_the_issue_names() -> None:
    names = {p.stem for p in SCRIPTS.glob("*.txt")}
    for needed in (
        "good-mi",
        "nonsense",
        "repeated",
        "confrontation",
        "closed-questions",
        "information",
        "missed-disclosure",
        "risk-conversation",
    ):
        assert any(needed in n for n in names), needed


def test_a_failed_expectation_names_the_file_and_line(tmp_path) -> None:
    (tmp_path / "x.txt").write_text("# expect: overall >= 99\nP: You're in denial.\nC: No.\n")
    done = subprocess.run(
        [sys.executable, "-m", "mi_trainer", "bench", "scoring", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert f"{tmp_path / 'x.txt'}:1: overall is" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_malformed_expectation_is_a_clear_message(tmp_path) -> None:
    (tmp_path / "x.txt").write_text("# expect: overall about 70\nP: Hello.\n")
    done = subprocess.run(
        [sys.executable, "-m", "mi_trainer", "bench", "scoring", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "x.txt:1: cannot read" in done.stderr
    assert "Traceback" not in done.stderr
