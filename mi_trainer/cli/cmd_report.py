"""`mi-trainer report`: practice summaries and trends for supervision, per practitioner and team."""

from __future__ import annotations

import argparse
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Practice summaries and trends for supervision, per practitioner and team."
DESCRIPTION = """\
Reads the session database and summarises sessions, MITI figures and their trend.

example:
  mi-trainer report --team North --since 2026-01-01 --format html > north.html
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("report", help=HELP, description=DESCRIPTION)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    raise UserError("`mi-trainer report` is not available in this build yet.", exit_code=2)
