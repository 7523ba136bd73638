"""`mi-trainer validate`: check scenario YAML files and report every problem as file:line:col."""

from __future__ import annotations

import argparse
from typing import Any

from mi_trainer.cli.errors import UserError
from mi_trainer.wording import plural

HELP = "Check scenario YAML files and report every problem as file:line:col."
DESCRIPTION = """\
Checks files or whole folders (recursing); exits 1 on errors (--strict: on warnings too).
Files whose names start with '_' (and files in folders starting with '_') are checked
as include files of shared response sets, not as scenarios.

Each problem is printed as FILE:LINE:COL: error|warning: MESSAGE, then a summary line.

example:
  mi-trainer validate scenarios/
  mi-trainer validate --strict my-scenario.yaml
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("validate", help=HELP, description=DESCRIPTION)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    parser.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (exit 1 on any)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from mi_trainer.scenarios import validate_files
    from mi_trainer.scenarios.diagnostics import stopped_note
    from mi_trainer.simulation.rules import engine_defaults

    files, diagnostics = validate_files(args.paths, engine_defaults(), strict=args.strict)
    missing = [d for d in diagnostics if d.message == "no such file or folder"]
    if not files and not missing:
        raise UserError("no scenario files (*.yaml) found in " + ", ".join(args.paths), exit_code=1)
    for diagnostic in diagnostics:
        print(diagnostic)
    note = stopped_note(diagnostics)
    if note:
        print(note)
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    print(
        f"{plural(len(files), 'file')} checked: {plural(errors, 'error')}, "
        f"{plural(warnings, 'warning')}"
        + (" (--strict: warnings count as errors)" if args.strict and errors else "")
    )
    return 1 if errors else 0
