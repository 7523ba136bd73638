"""`mi-trainer new`: create a new, valid, commented scenario file to start from."""

from __future__ import annotations

import argparse
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Create a new, valid, commented scenario file to start from."
DESCRIPTION = """\
Scaffolds scenarios/ID.yaml (or --output PATH) that validates cleanly.

example:
  mi-trainer new dad-before-conference
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("new", help=HELP, description=DESCRIPTION)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    raise UserError("`mi-trainer new` is not available in this build yet.", exit_code=2)
