"""`mi-trainer bench lines FILE...`: the coder against practitioner lines a person has coded.

A trainer (or the team: tests/coding/social_work/) writes practitioner lines with the MITI
4.2.1 code they would give and, where it matters, the client line before each one. This
command codes every line with that previous client line and reports how far the coder agrees:
12-code accuracy, per-code precision/recall/F1, the confusion matrix, and three figures a
trainer cares about more than accuracy:

- directive recall: of the lines coded persuade or confront (MI non-adherent), the share the
  coder also hears as persuade or confront;
- MI-adherent heard as directive: of affirm, seeking collaboration and emphasising autonomy,
  the share the coder hears as persuade or confront;
- confrontations heard as a reflection or affirmation: the error that makes a confrontational
  session look like good MI.

Files: YAML (a list of ``{line, code, previous?, why?}``) or CSV (columns line, code and
optionally previous, why). A file that cannot be read is named with its line, exit 2.
"""

from __future__ import annotations

import argparse
import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictStr, ValidationError, field_validator

from mi_trainer.cli.bench_figures import (
    confusion_table,
    csv_read_errors,
    per_class_scores,
    score_table,
)
from mi_trainer.cli.errors import UserError
from mi_trainer.cli.patterns_option import extra_patterns
from mi_trainer.coding.codes import MI_ADHERENT, MI_NON_ADHERENT, REFLECTIONS, Code
from mi_trainer.scenarios.errors import did_you_mean
from mi_trainer.scenarios.safeyaml import YamlProblem, parse_file
from mi_trainer.wording import plural

BAD_FILE = 2  # exit status for a file that cannot be read (floors missed: 1)
MAX_PROBLEMS = 20  # reported per file; the rest are counted
CODES = tuple(Code)
SHORT = {
    Code.QUESTION_OPEN: "Qo",
    Code.QUESTION_CLOSED: "Qc",
    Code.REFLECTION_SIMPLE: "SR",
    Code.REFLECTION_COMPLEX: "CR",
    Code.AFFIRM: "AF",
    Code.SEEKING_COLLABORATION: "SEEK",
    Code.EMPHASIZING_AUTONOMY: "EA",
    Code.GIVING_INFORMATION: "GI",
    Code.PERSUADE: "PERS",
    Code.PERSUADE_WITH_PERMISSION: "PWP",
    Code.CONFRONT: "CON",
    Code.OTHER: "OT",
}
CONFRONT_AS_MI = REFLECTIONS | {Code.AFFIRM}
FORMAT_HINT = (
    "each item needs 'line' (the practitioner's words) and 'code' (one of: "
    + ", ".join(CODES)
    + "), optionally 'previous' (the client's line before) and 'why'"
)


class CodedLine(BaseModel):
    """One practitioner line as a person coded it (the YAML item or CSV row)."""

    model_config = ConfigDict(extra="forbid")

    line: StrictStr
    code: Code
    previous: StrictStr | None = None
    why: StrictStr | None = None

    @field_validator("line")
    @classmethod
    def _said_something(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("line is empty: write the practitioner's words")
        return value


@dataclass(frozen=True, slots=True)
class Item:
    """A coded line and where it was written (file and line, for messages and misses)."""

    coded: CodedLine
    file: str
    line_number: int


def _bad(message: str) -> UserError:
    return UserError(message, exit_code=BAD_FILE)


def read_items(path: Path) -> list[Item]:
    """The coded lines of one YAML or CSV file; a UserError (exit 2) naming file and line."""
    if not path.exists():
        raise _bad(f"{path}: file not found. Give a YAML or CSV file of coded lines.")
    if path.is_dir():
        raise _bad(f"{path}: is a folder. Give a YAML or CSV file of coded lines.")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        items = _read_csv(path)
    elif suffix in (".yaml", ".yml"):
        items = _read_yaml(path)
    else:
        raise _bad(
            f"{path}: give a .yaml (or .yml) or .csv file of coded lines "
            f"(not {suffix or 'a file without an extension'})"
        )
    if not items:
        raise _bad(f"{path}: no coded lines in the file ({FORMAT_HINT}).")
    return items


def _raise_problems(path: Path, problems: list[tuple[int, str]]) -> None:
    if not problems:
        return
    shown = [f"{path}:{line}: {message}" for line, message in problems[:MAX_PROBLEMS]]
    more = len(problems) - MAX_PROBLEMS
    if more > 0:
        shown.append(f"… and {plural(more, 'more problem')}")
    raise _bad("\n".join(shown))


def _read_yaml(path: Path) -> list[Item]:
    try:
        doc = parse_file(path)
    except YamlProblem as problem:
        raise _bad(f"{path}:{problem.pos.line}: {problem.message}") from None
    except OSError as err:
        raise _bad(f"{path}: cannot read ({err.strerror or err}).") from None
    if doc.data is None:
        return []
    if not isinstance(doc.data, list):
        raise _bad(
            f"{path}:1: expected a list of coded lines, each starting with '- ' ({FORMAT_HINT})"
        )
    problems = [(pos.line, message) for pos, message in doc.problems]
    items = []
    for index, data in enumerate(doc.data):
        where = doc.pos((index,)).line
        if not isinstance(data, dict):
            problems.append((where, f"item {index + 1} is not a mapping ({FORMAT_HINT})"))
            continue
        try:
            coded = CodedLine.model_validate(data)
        except ValidationError as err:
            for error in err.errors(include_url=False):
                at_key = error["type"] == "extra_forbidden"
                pos = doc.pos((index, *error["loc"]), key=at_key)
                problems.append((pos.line, _message(error, index + 1)))
            continue
        items.append(Item(coded, str(path), where))
    problems.sort()
    _raise_problems(path, problems)
    return items


def _read_csv(path: Path) -> list[Item]:
    problems: list[tuple[int, str]] = []
    items = []
    with csv_read_errors(path, BAD_FILE), path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in ("line", "code") if c not in header]
        if missing:
            raise _bad(
                f"{path}:1: missing column(s) {', '.join(missing)}: the first row names the "
                "columns line, code and optionally previous, why"
            )
        unknown = [c for c in header if c not in CodedLine.model_fields]
        if unknown:
            raise _bad(
                f"{path}:1: unknown column {unknown[0]!r}"
                f"{did_you_mean(unknown[0], CodedLine.model_fields)} (columns: line, code "
                "and optionally previous, why)"
            )
        reader.fieldnames = header
        start = reader.line_num + 1
        for number, record in enumerate(reader, start=1):
            if None in record:
                problems.append((start, "more cells than columns (a comma not in quotes?)"))
            else:
                # Empty cells are absent; an empty line is reported as empty.
                row = {k: v for k, v in record.items() if v not in (None, "")}
                try:
                    coded = CodedLine.model_validate({"line": ""} | row)
                except ValidationError as err:
                    problems += [(start, _message(e, number)) for e in err.errors()]
                else:
                    items.append(Item(coded, str(path), start))
            start = reader.line_num + 1
    _raise_problems(path, problems)
    return items


def _message(error: Any, number: int) -> str:
    """One pydantic error on item ``number`` in words a trainer can act on."""
    field = ".".join(str(part) for part in error["loc"])
    value = error.get("input")
    kind = error["type"]
    if kind == "missing":
        return f"item {number} has no '{field}' ({FORMAT_HINT})"
    if kind == "enum":
        shown = f"{value!r}{did_you_mean(str(value), CODES)}" if isinstance(value, str) else value
        return f"unknown code {shown} (one of: {', '.join(CODES)})"
    if kind == "extra_forbidden":
        return (
            f"unknown key '{field}'{did_you_mean(field, CodedLine.model_fields)} "
            "(allowed: line, code, previous, why)"
        )
    if kind in ("string_type", "model_type"):
        return f"{field or 'item'} expects text, not {type(value).__name__} (put it in quotes)"
    message = str(error["msg"]).removeprefix("Value error, ")
    return message if kind == "value_error" else f"{field}: {message}"


def _share(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def evaluate(gold: list[Code], coded: list[Code]) -> dict[str, Any]:
    """Accuracy, per-code P/R/F1, confusion and the directive figures (None where no lines)."""
    confusion = {g: dict.fromkeys(CODES, 0) for g in CODES}
    for g, c in zip(gold, coded, strict=True):
        confusion[g][c] += 1
    per_code = per_class_scores(confusion, CODES)
    directive = [c for g, c in zip(gold, coded, strict=True) if g in MI_NON_ADHERENT]
    adherent = [c for g, c in zip(gold, coded, strict=True) if g in MI_ADHERENT]
    confronts = [c for g, c in zip(gold, coded, strict=True) if g == Code.CONFRONT]
    present = [v["f1"] for v in per_code.values() if v["support"]]
    return {
        "lines": len(gold),
        "accuracy": _share(sum(g == c for g, c in zip(gold, coded, strict=True)), len(gold)),
        "macro_f1": sum(present) / len(present) if present else None,
        "per_code": per_code,
        "confusion": {str(g): {str(c): n for c, n in row.items()} for g, row in confusion.items()},
        "directive_recall": _share(sum(c in MI_NON_ADHERENT for c in directive), len(directive)),
        "directive_n": len(directive),
        "mi_adherent_as_directive": _share(
            sum(c in MI_NON_ADHERENT for c in adherent), len(adherent)
        ),
        "mi_adherent_n": len(adherent),
        "confront_as_reflection_or_affirm": _share(
            sum(c in CONFRONT_AS_MI for c in confronts), len(confronts)
        ),
        "confront_n": len(confronts),
    }


def severity(gold: Code, coded: Code) -> int:
    """How much a miss misleads a trainer: a directive line heard as MI (or MI heard as
    directive) first, then a confrontation heard as a reflection or affirmation, then the rest."""
    if gold == coded:
        return 0
    if gold == Code.CONFRONT and coded in CONFRONT_AS_MI:
        return 3
    if (gold in MI_NON_ADHERENT) != (coded in MI_NON_ADHERENT):
        return 2
    return 1


# (option dest, figure, "min" or "max", label)
FLOORS = (
    ("min_accuracy", "accuracy", "min", "12-code accuracy"),
    ("min_directive_recall", "directive_recall", "min", "persuade+confront heard as directive"),
    ("max_mi_as_directive", "mi_adherent_as_directive", "max", "MI-adherent heard as directive"),
    (
        "max_confront_as_reflection",
        "confront_as_reflection_or_affirm",
        "max",
        "confrontations coded as a reflection or affirmation",
    ),
)


def check_floors(result: dict[str, Any], args: argparse.Namespace) -> list[dict[str, Any]]:
    """Every floor given on the command line, met or not (a figure with no lines misses it)."""
    checks = []
    for dest, figure, kind, label in FLOORS:
        limit = getattr(args, dest, None)
        if limit is None:
            continue
        value = result[figure]
        met = value is not None and (value >= limit if kind == "min" else value <= limit)
        checks.append({"figure": figure, "label": label, kind: limit, "value": value, "met": met})
    return checks


def run(args: argparse.Namespace) -> int:
    if getattr(args, "misses", 15) < 0:
        raise UserError(f"--misses {args.misses}: give 0 or more (the worst misses to show)")
    items = [item for name in args.files for item in read_items(Path(name))]
    from mi_trainer.coding.coder import CODER_VERSION, Coder

    coder = Coder(extra_patterns=extra_patterns(args))
    coded = coder.code_many([i.coded.line for i in items], [i.coded.previous for i in items])
    gold = [i.coded.code for i in items]
    result = evaluate(gold, [c.code for c in coded])
    result["coder_version"] = CODER_VERSION
    result["files"] = {
        name: evaluate(
            [i.coded.code for i in items if i.file == name],
            [c.code for i, c in zip(items, coded, strict=True) if i.file == name],
        )["accuracy"]
        for name in dict.fromkeys(i.file for i in items)
    }
    misses = [
        (severity(i.coded.code, c.code), n, i, c)
        for n, (i, c) in enumerate(zip(items, coded, strict=True))
        if i.coded.code != c.code
    ]
    misses.sort(key=lambda m: (-m[0], m[1]))
    result["misses"] = [
        {
            "file": i.file,
            "line_number": i.line_number,
            "line": i.coded.line,
            "previous": i.coded.previous,
            "why": i.coded.why,
            "expected": str(i.coded.code),
            "coded": str(c.code),
            "cues": [cue.to_dict() for cue in _main_cues(c)],
        }
        for _, _, i, c in misses
    ]
    checks = check_floors(result, args)
    result["floors"] = checks
    result["passed"] = all(c["met"] for c in checks)
    if getattr(args, "json", False):
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        from mi_trainer.safe_text import visible_controls

        print(visible_controls(render(result, getattr(args, "misses", 15))))
    return 0 if result["passed"] else 1


def _main_cues(coded: Any) -> list[Any]:
    """The cues of the sentences that gave the main code (all cues when none did)."""
    cues = [cue for s in coded.sentences if s.code == coded.code for cue in s.cues]
    return list(dict.fromkeys(cues or [cue for s in coded.sentences for cue in s.cues]))


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def render(result: dict[str, Any], misses: int = 15) -> str:
    lines = [
        f"coded lines: {plural(result['lines'], 'line')}  (coder {result['coder_version']})",
    ]
    if len(result["files"]) > 1:
        lines += [f"  {name}: accuracy {_pct(acc)}" for name, acc in result["files"].items()]
    lines += [
        f"12-code accuracy                                    {_pct(result['accuracy'])}",
        f"macro-F1 (codes present)                            {_pct(result['macro_f1'])}",
        f"persuade+confront heard as directive (recall)       "
        f"{_pct(result['directive_recall'])}  (n={result['directive_n']})",
        f"MI-adherent heard as directive                      "
        f"{_pct(result['mi_adherent_as_directive'])}  (n={result['mi_adherent_n']})",
        f"confrontations coded as a reflection or affirmation "
        f"{_pct(result['confront_as_reflection_or_affirm'])}  (n={result['confront_n']})",
        "",
        *score_table(result["per_code"], "code", 26),
    ]
    lines += ["", "confusion (rows: your codes, columns: the coder's)"]
    lines += confusion_table(result["confusion"], {str(c): s for c, s in SHORT.items()}, 5, 4)
    lines.append("  " + ", ".join(f"{s} {c}" for c, s in SHORT.items()))
    shown = result["misses"][:misses]
    if shown:
        lines += [
            "",
            f"worst misses ({len(shown)} of {len(result['misses'])}, most misleading first)",
        ]
    for miss in shown:
        lines.append(
            f"{miss['file']}:{miss['line_number']}  yours {miss['expected']}, coder {miss['coded']}"
        )
        if miss["previous"]:
            lines.append(f"    client:  {miss['previous']}")
        lines.append(f"    line:    {miss['line']}")
        if miss["why"]:
            lines.append(f"    why:     {miss['why']}")
        cues = "; ".join(f"{c['id']} ({c['text']})" for c in miss["cues"]) or "-"
        lines.append(f"    because: {cues}")
    if result["floors"]:
        lines.append("")
    for check in result["floors"]:
        kind = "min" if "min" in check else "max"
        verdict = (
            "meets" if check["met"] else ("cannot meet" if check["value"] is None else "misses")
        )
        bound = "at least" if kind == "min" else "at most"
        why = " (no such lines in the file)" if check["value"] is None else ""
        lines.append(
            f"{check['label']} {_pct(check['value'])} {verdict} the floor "
            f"({bound} {check[kind]:.3f}){why}"
        )
    return "\n".join(lines)
