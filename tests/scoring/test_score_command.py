"""`mi-trainer score FILE`: summary, --json, --format md|html, and clear mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mi_trainer.cli.main import main

TRANSCRIPT = """\
P: Hi Kerry, I'm Sam from children's services. Thanks for letting me in.
C: I haven't got long.
P: Did you drink last night?
C: A couple of glasses. It's only at weekends.
P: You need to stop drinking before the conference.
C: You lot just want to take my kids.
P: Part of you is angry with us, and part of you is scared of losing them.
C: I don't want to lose them. I want to be a better mum.
P: What would being a better mum look like for you?
C: I could get them to school on time.
   I could ring the GP about my sleep.
"""


@pytest.fixture
def transcript_file(tmp_path: Path) -> Path:
    path = tmp_path / "kerry.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    return path


def test_json_has_overall_counts_summary_and_globals(transcript_file, capsys) -> None:
    assert main(["score", str(transcript_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert 0 <= data["overall"] <= 100
    assert set(data["counts"]) >= {"question_open", "question_closed", "persuade"}
    assert data["counts"]["persuade"] >= 1
    assert {"r_to_q", "pct_complex", "pct_open", "adherent", "non_adherent"} <= set(data["summary"])
    assert {"cct", "sst", "partnership", "empathy", "technical", "relational"} <= set(
        data["globals"]
    )
    assert data["client"]["change"] >= 1
    assert len(data["feedback"]) == 5


def test_plain_summary_names_the_parts_and_suggestions(transcript_file, capsys) -> None:
    assert main(["score", str(transcript_file)]) == 0
    out = capsys.readouterr().out
    assert "Overall MI-consistency" in out
    assert "made of:" in out
    assert "try: What happened last night?" in out


@pytest.mark.parametrize(("fmt", "marker"), [("md", "# "), ("html", "<!DOCTYPE html>")])
def test_reports_to_stdout_and_to_a_file(transcript_file, tmp_path, capsys, fmt, marker) -> None:
    assert main(["score", str(transcript_file), "--format", fmt]) == 0
    assert capsys.readouterr().out.startswith(marker)
    out = tmp_path / f"report.{fmt}"
    assert main(["score", str(transcript_file), "--format", fmt, "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith(marker)


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), ("", "the file is empty"), ("Hello\nP: Hi", ":1: the first line")],
)
def test_mistakes_are_one_clear_line_without_a_traceback(
    tmp_path, capsys, content, message
) -> None:
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code = main(["score", str(path)])
    err = capsys.readouterr().err
    assert code != 0
    assert message in err
    assert str(path) in err
    assert "Traceback" not in err
