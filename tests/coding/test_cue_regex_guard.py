"""A trainer's cue file cannot hang the coder: regular expressions are checked at load (file and
line in the message) and run on a bounded slice of each word."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code
from mi_trainer.coding.cue_patterns import PatternError


def _folder(tmp_path: Path, *patterns: list[dict]) -> Path:
    folder = tmp_path / "my-cues"
    folder.mkdir(exist_ok=True)
    lines = ["# my own cues"]
    for number, pattern in enumerate(patterns):
        rule = {"id": f"mine_{number}", "label": "confront", "cue": "mine", "pattern": pattern}
        lines.append(json.dumps(rule))
    (folder / "mine.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("regex", "why"),
    [
        ("^(a+)+$", "repeats a repeat"),
        ("(a*)*b", "repeats a repeat"),
        (r"^(\w+\s?)*$", "repeats a repeat"),
        ("^(a|aa)+$", "choice of words"),
        ("^(cat|dog)+$", "choice of words"),
        (r"(a)\1", "back-reference"),
        ("^a*b*c*d*$", "open-ended repeats"),
        ("(unclosed", "not a valid regular expression"),
        ("[z-a]", "not a valid regular expression"),
    ],
)
def test_a_dangerous_or_broken_regex_is_refused_with_file_and_line(
    tmp_path: Path, regex: str, why: str
) -> None:
    folder = _folder(tmp_path, [{"TEXT": {"REGEX": regex}}])
    with pytest.raises(PatternError, match=rf"mine\.jsonl:2: .*{why}"):
        Coder(extra_patterns=[folder])


def test_a_regex_on_an_attribute_that_is_not_text_is_refused(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [{"IS_ALPHA": {"REGEX": "a"}}])
    with pytest.raises(PatternError, match=r"mine\.jsonl:2: .*text attributes"):
        Coder(extra_patterns=[folder])


def test_a_safe_regex_still_works_beside_other_predicates(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        [{"LOWER": "you"}, {"LOWER": {"REGEX": "^use?less$", "NOT_IN": ["useful"]}}],
    )
    coder = Coder(extra_patterns=[folder])
    coded = coder.code("Honestly, you useless lot never turn up.")
    assert coded.code == Code.CONFRONT
    assert "mine_0" in coded.cue_ids


def test_an_allowed_regex_stays_fast_on_a_huge_word(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [{"TEXT": {"REGEX": "^a*a*b$"}}])
    coder = Coder(extra_patterns=[folder])
    started = time.perf_counter()
    coder.code("a" * 200_000 + "c")
    assert time.perf_counter() - started < 5


def test_the_cli_refuses_the_hanging_pattern_with_a_message_not_a_traceback(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path, [{"TEXT": {"REGEX": "^(a+)+$"}}])
    run = subprocess.run(
        [sys.executable, "-m", "mi_trainer", "code", "--patterns", str(folder)],
        input="a" * 33 + "!\n",
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "MI_TRAINER_PATTERNS": ""},
    )
    assert run.returncode != 0
    assert "mine.jsonl:2" in run.stderr and "repeats a repeat" in run.stderr
    assert "Traceback" not in run.stderr
