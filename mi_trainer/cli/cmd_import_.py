"""`mi-trainer import`: import sessions from a JSONL export (importing twice adds nothing)."""

from __future__ import annotations

import argparse
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Import sessions from a JSONL export (importing twice adds nothing)."
DESCRIPTION = """\
Reads an export made by `mi-trainer export`; sessions already present are skipped.

example:
  mi-trainer import sessions.jsonl
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("import", help=HELP, description=DESCRIPTION)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    raise UserError("`mi-trainer import` is not available in this build yet.", exit_code=2)
