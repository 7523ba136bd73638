"""`mi-trainer validate`: check scenario YAML files and report every problem as file:line:col."""

from __future__ import annotations

import argparse
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Check scenario YAML files and report every problem as file:line:col."
DESCRIPTION = """\
Checks files or whole folders; exits 1 on errors (--strict: on warnings too).

example:
  mi-trainer validate scenarios/
  mi-trainer validate --strict my-scenario.yaml
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("validate", help=HELP, description=DESCRIPTION)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    raise UserError("`mi-trainer validate` is not available in this build yet.", exit_code=2)
