"""`mi-trainer bench lines`: the coder against lines a person coded, its figures, floors and
the messages for files it cannot read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mi_trainer.cli.bench_lines import evaluate, read_items, severity
from mi_trainer.cli.errors import UserError
from mi_trainer.cli.main import main
from mi_trainer.coding.codes import Code

# Our own lines. The first two are coded as MITI would code them; the last two are labelled
# wrongly on purpose, so that every figure and floor has something to catch: a plain echo of
# the client's words labelled confront (the coder hears a reflection) and plain advice labelled
# affirm (the coder hears persuade).
FIXTURE = """\
# a trainer's file
- line: "Did you get the letter about Thursday's conference?"
  code: question_closed
- line: "Mm-hm."
  code: other
- line: "You've been really tired lately."
  previous: "I've been really tired lately."
  code: confront
  why: mislabelled on purpose
- line: "You need to ring the GP today."
  code: affirm
"""


@pytest.fixture
def lines_file(tmp_path: Path) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(FIXTURE, encoding="utf-8")
    return path


def bench(*args: str | Path) -> int:
    return main(["bench", "lines", *map(str, args)])


def test_figures_count_directive_and_mi_adherent_lines() -> None:
    gold = [Code.CONFRONT, Code.CONFRONT, Code.PERSUADE, Code.AFFIRM, Code.EMPHASIZING_AUTONOMY]
    coded = [Code.REFLECTION_SIMPLE, Code.CONFRONT, Code.CONFRONT, Code.PERSUADE, Code.OTHER]
    result = evaluate(gold, coded)
    assert result["accuracy"] == pytest.approx(1 / 5)
    # persuade heard as confront is still heard as directive
    assert result["directive_recall"] == pytest.approx(2 / 3)
    assert result["mi_adherent_as_directive"] == pytest.approx(1 / 2)
    assert result["confront_as_reflection_or_affirm"] == pytest.approx(1 / 2)
    assert result["per_code"]["confront"] == pytest.approx(
        {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    )
    assert result["confusion"]["confront"]["reflection_simple"] == 1


def test_a_figure_without_its_lines_is_none() -> None:
    result = evaluate([Code.OTHER], [Code.OTHER])
    assert result["directive_recall"] is None
    assert result["mi_adherent_as_directive"] is None
    assert result["confront_as_reflection_or_affirm"] is None


def test_the_most_misleading_misses_come_first() -> None:
    assert severity(Code.CONFRONT, Code.AFFIRM) > severity(Code.PERSUADE, Code.GIVING_INFORMATION)
    assert severity(Code.AFFIRM, Code.PERSUADE) > severity(Code.AFFIRM, Code.REFLECTION_SIMPLE)
    assert severity(Code.OTHER, Code.OTHER) == 0


def test_json_report(lines_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench(lines_file, "--json") == 0
    result = json.loads(capsys.readouterr().out)
    assert result["lines"] == 4
    assert result["accuracy"] == 0.5
    assert result["directive_recall"] == 0.0
    assert result["mi_adherent_as_directive"] == 1.0
    assert result["confront_as_reflection_or_affirm"] == 1.0
    first, second = result["misses"]
    assert (first["expected"], first["line_number"]) == ("confront", 6)
    assert first["coded"] in ("reflection_simple", "reflection_complex")
    assert first["previous"] == "I've been really tired lately."
    assert first["cues"] and all(cue["id"] and cue["text"] for cue in first["cues"])
    assert (second["expected"], second["coded"]) == ("affirm", "persuade")


def test_table_report_names_the_misses_with_their_cues(
    lines_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench(lines_file) == 0
    out = capsys.readouterr().out
    assert "12-code accuracy" in out and "0.500" in out
    assert "confusion" in out
    assert f"{lines_file}:6  yours confront, coder reflection_" in out
    assert "because: " in out
    assert "why:     mislabelled on purpose" in out  # the coder of the line's note


@pytest.mark.parametrize(
    ("floor", "value"),
    [
        ("--min-accuracy", "0.6"),
        ("--min-directive-recall", "0.9"),
        ("--max-mi-as-directive", "0.03"),
        ("--max-confront-as-reflection", "0.05"),
    ],
)
def test_each_floor_fails_when_missed(
    lines_file: Path, capsys: pytest.CaptureFixture[str], floor: str, value: str
) -> None:
    assert bench(lines_file, floor, value) == 1
    assert "misses the floor" in capsys.readouterr().out


def test_floors_pass_when_met(lines_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    floors = ["--min-accuracy", "0.5", "--min-directive-recall", "0"]
    floors += ["--max-mi-as-directive", "1", "--max-confront-as-reflection", "1"]
    assert bench(lines_file, *floors, "--json") == 0
    result = json.loads(capsys.readouterr().out)
    assert result["passed"] and len(result["floors"]) == 4


def test_a_floor_on_lines_the_file_does_not_have_is_missed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "no-confront.csv"
    path.write_text('line,code\n"Mm-hm.",other\n', encoding="utf-8")
    assert bench(path, "--max-confront-as-reflection", "0.05") == 1
    assert "no such lines" in capsys.readouterr().out


def test_csv_and_yaml_files_together(
    lines_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = tmp_path / "more.csv"
    csv_file.write_text(
        'line,code,previous\n"Mm-hm.",other,\n"Okay.",other,"It was a long night."\n',
        encoding="utf-8",
    )
    assert bench(lines_file, csv_file, "--json") == 0
    result = json.loads(capsys.readouterr().out)
    assert result["lines"] == 6
    assert result["files"] == {str(lines_file): 0.5, str(csv_file): 1.0}
    items = read_items(csv_file)
    assert items[1].coded.previous == "It was a long night." and items[1].line_number == 3
    assert items[0].coded.previous is None


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.yaml", '- line: "unclosed\n  code: other\n', "bad.yaml:"),
        ("bad.yaml", "- line: Hi\n  code: reflection\n", "bad.yaml:2: unknown code 'reflection'"),
        (
            "bad.yaml",
            "- line: Hi\n  code: other\n- code: other\n",
            "bad.yaml:3: item 2 has no 'line'",
        ),
        ("bad.yaml", "- {line: Hi, code: other, previos: x}\n", "did you mean 'previous'"),
        ("bad.yaml", '- line: "  "\n  code: other\n', "bad.yaml:1: line is empty"),
        ("bad.yaml", "line: Hi\ncode: other\n", "bad.yaml:1: expected a list"),
        ("bad.yaml", "- just a sentence\n", "bad.yaml:1: item 1 is not a mapping"),
        ("bad.yaml", "", "no coded lines"),
        ("bad.yaml", "- line: !!python/object:os.system x\n  code: other\n", "bad.yaml:1:"),
        ("bad.csv", "line,cod\nHi,other\n", "bad.csv:1: missing column(s) code"),
        ("bad.csv", "line,code,previos\nHi,other,x\n", "did you mean 'previous'"),
        ("bad.csv", "line,code\nHi,other\nThere,othr\n", "bad.csv:3: unknown code 'othr'"),
        ("bad.csv", "line,code\nHi,other,extra\n", "bad.csv:2: more cells than columns"),
        ("bad.csv", "line,code\n,other\n", "bad.csv:2: line is empty"),
        ("bad.txt", "Hi\n", "give a .yaml (or .yml) or .csv file"),
    ],
)
def test_bad_files_are_named_with_their_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str,
    expected: str,
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert bench(path) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert err.startswith("mi-trainer: ") and "Traceback" not in err


def test_binary_missing_and_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("line,code\ncaf\xe9,other\n".encode("latin-1"))
    for path, expected in [
        (latin, "not UTF-8"),
        (tmp_path / "gone.yaml", "file not found"),
        (tmp_path, "is a folder"),
    ]:
        with pytest.raises(UserError, match=expected) as caught:
            read_items(path)
        assert caught.value.exit_code == 2
    assert bench(tmp_path / "gone.yaml") == 2
    assert "gone.yaml: file not found" in capsys.readouterr().err


def test_a_negative_number_of_misses_is_refused(
    lines_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench(lines_file, "--misses", "-1") == 1
    assert "--misses -1: give 0 or more" in capsys.readouterr().err
