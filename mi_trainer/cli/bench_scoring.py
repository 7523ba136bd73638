"""`mi-trainer bench scoring DIR`: scripted sessions that the score must not be fooled by.

Each ``*.txt`` file in DIR is a hand-written session (``P:`` / ``C:`` lines, as for
``mi-trainer score``) whose ``# expect:`` comment lines say what its score must be::

    # expect: overall >= 75
    # expect: missed_disclosures >= 1
    # expect: risk_questions_tipped == 0

Keys: ``overall``; any flat figure of the score (``cct``, ``empathy``, ``clarity``,
``purposefulness``, ``child_focus``, ``missed_disclosures``, ``risk_questions``, ...);
``risk_questions_tipped``: direct risk questions that got a suggestion to do otherwise;
``missed_first``: 1 when a missed disclosure is the first line of the text report.
Operators: ``>=``, ``<=``, ``==``, ``>``, ``<``. A figure that is not rated (n/a) fails every
expectation. Exits 1 when any expectation fails, naming the file, the line and the value.
"""

from __future__ import annotations

import argparse
import json
import operator
import re
import sys
from pathlib import Path
from typing import Any

from mi_trainer.cli.errors import UserError

_EXPECT = re.compile(r"^#\s*expect:\s*(\w+)\s*(>=|<=|==|>|<)\s*(-?[\d.]+)\s*$")
_OPS = {">=": operator.ge, "<=": operator.le, "==": operator.eq, ">": operator.gt, "<": operator.lt}


def expectations(path: Path, text: str) -> list[tuple[int, str, str, float]]:
    """(line, key, operator, value) for every ``# expect:`` line of a script."""
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line.lower().startswith("# expect"):
            continue
        m = _EXPECT.match(line)
        if not m:
            raise UserError(
                f"{path}:{number}: cannot read {line!r}; write e.g. '# expect: overall >= 75'"
            )
        found.append((number, m.group(1), m.group(2), float(m.group(3))))
    return found


def measured(transcript: Any, score: Any) -> dict[str, float | None]:
    """The values expectations can name, for one scored script."""
    from mi_trainer.scoring.reports import render_text

    values: dict[str, float | None] = {**score.figures(), **score.practice_figures()}
    risk = set(score.safeguarding.risk_questions)
    values["risk_questions_tipped"] = float(
        sum(1 for f in score.feedback if f.turn_index in risk and f.suggestion)
    )
    first = render_text(transcript, score).splitlines()[0]
    values["missed_first"] = 1.0 if first.startswith("Missed disclosure") else 0.0
    return values


def evaluate(folder: Path) -> dict[str, Any]:
    from mi_trainer.coding.client_talk import ClientTalkCoder
    from mi_trainer.coding.coder import Coder
    from mi_trainer.scoring import score_transcript
    from mi_trainer.scoring.parse import TranscriptFileError, code_transcript, read_transcript

    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder (give the folder of scripted sessions)")
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise UserError(f"{folder}: no *.txt scripts in the folder")
    coder, talk = Coder(), ClientTalkCoder()
    scripts = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        expected = expectations(path, text)
        try:
            transcript = read_transcript(path)
        except TranscriptFileError as exc:
            raise UserError(str(exc)) from exc
        code_transcript(transcript, coder, talk)
        score = score_transcript(transcript)
        values = measured(transcript, score)
        checks = []
        for number, key, op, target in expected:
            if key not in values:
                raise UserError(
                    f"{path}:{number}: unknown key {key!r}; known: {', '.join(sorted(values))}"
                )
            value = values[key]
            ok = value is not None and _OPS[op](value, target)
            checks.append(
                {"line": number, "key": key, "op": op, "target": target, "value": value, "ok": ok}
            )
        scripts.append(
            {
                "file": path.name,
                "overall": score.overall,
                "checks": checks,
                "headline": score.headline,
            }
        )
    failed = [(s["file"], c) for s in scripts for c in s["checks"] if not c["ok"]]
    return {"folder": str(folder), "scripts": scripts, "failed": len(failed), "failures": failed}


def run(args: argparse.Namespace) -> int:
    result = evaluate(Path(args.path))
    if getattr(args, "json", False):
        print(json.dumps(result, indent=2))
    else:
        print(f"Scripted sessions: {result['folder']}")
        for s in result["scripts"]:
            marks = "; ".join(
                f"{c['key']} {c['value'] if c['value'] is not None else 'n/a'} "
                f"{c['op']} {c['target']:g} {'ok' if c['ok'] else 'FAIL'}"
                for c in s["checks"]
            )
            print(f"  {s['file']:<40} overall {s['overall']:5.1f}   {marks}")
        n = sum(len(s["checks"]) for s in result["scripts"])
        print(f"  {n - result['failed']} of {n} expectations met")
    if result["failed"]:
        for name, c in result["failures"]:
            print(
                f"mi-trainer: {Path(result['folder']) / name}:{c['line']}: {c['key']} is "
                f"{c['value'] if c['value'] is not None else 'n/a'}, expected "
                f"{c['op']} {c['target']:g}",
                file=sys.stderr,
            )
        return 1
    return 0
