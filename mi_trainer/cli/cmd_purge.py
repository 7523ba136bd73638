"""`mi-trainer purge`: delete old sessions for data retention (try --dry-run first)."""

from __future__ import annotations

import argparse
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Delete old sessions for data retention (try --dry-run first)."
DESCRIPTION = """\
Removes sessions before a date, optionally for one practitioner.

example:
  mi-trainer purge --before 2025-01-01 --dry-run
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("purge", help=HELP, description=DESCRIPTION)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    raise UserError("`mi-trainer purge` is not available in this build yet.", exit_code=2)
