"""`mi-trainer schema`: write the scenario JSON Schema for editor autocompletion."""

from __future__ import annotations

import argparse
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Write the scenario JSON Schema for editor autocompletion."
DESCRIPTION = """\
Prints (or writes to FILE) the JSON Schema of the scenario format,
for VS Code's YAML extension and similar editors.

example:
  mi-trainer schema > mi-trainer-scenario.schema.json
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("schema", help=HELP, description=DESCRIPTION)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    raise UserError("`mi-trainer schema` is not available in this build yet.", exit_code=2)
