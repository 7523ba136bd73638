"""`mi-trainer export`: export whole sessions as JSONL, for archiving or moving machines."""

from __future__ import annotations

import argparse
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Export whole sessions as JSONL, for archiving or moving machines."
DESCRIPTION = """\
Writes one JSON object per session (turns included) to FILE or stdout.

example:
  mi-trainer export --output sessions.jsonl
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("export", help=HELP, description=DESCRIPTION)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    raise UserError("`mi-trainer export` is not available in this build yet.", exit_code=2)
