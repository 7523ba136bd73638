"""`mi-trainer score`: score a transcript (P:/C: text, or a JSON/JSONL session export)."""

from __future__ import annotations

import argparse
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Score a transcript (plain text P:/C: lines, or a JSON/JSONL session export)."
DESCRIPTION = """\
Prints the MITI summary, estimated globals and per-turn feedback; or writes a report.

example:
  mi-trainer score session.txt
  mi-trainer score session.txt --format html > report.html
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("score", help=HELP, description=DESCRIPTION)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    raise UserError("`mi-trainer score` is not available in this build yet.", exit_code=2)
