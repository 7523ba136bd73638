"""`mi-trainer schema`: write the scenario JSON Schema for editor autocompletion."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Write the scenario JSON Schema for editor autocompletion."
DESCRIPTION = """\
Prints (or writes to FILE) the JSON Schema of the scenario format,
for VS Code's YAML extension and similar editors (see docs/authoring.md).
With --include it writes the schema of include files (shared response sets).

example:
  mi-trainer schema > mi-trainer-scenario.schema.json
  mi-trainer schema --output .vscode/mi-trainer-scenario.schema.json
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("schema", help=HELP, description=DESCRIPTION)
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (default: print)")
    parser.add_argument(
        "--include",
        action="store_true",
        help="the schema of include files ('_'-prefixed files of response_sets)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from mi_trainer.safe_files import write_text
    from mi_trainer.scenarios.schema import schema_text

    text = schema_text(include=args.include)
    if not args.output:
        sys.stdout.write(text)
        return 0
    path = Path(args.output)
    if path.is_dir():
        raise UserError(f"{path} is a folder: give a file name, e.g. {path}/scenario.schema.json")
    try:
        # Atomic; no personal data in a schema, so the mode the umask gives.
        write_text(path, text, private=False, create_folders=True)
    except OSError as err:
        raise UserError(f"cannot write {path}: {err.strerror or err}") from err
    print(f"Wrote the scenario JSON Schema to {path}", file=sys.stderr)
    return 0
