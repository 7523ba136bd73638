"""`mi-trainer play`: play a scenario from a script of practitioner lines, without the app."""

from __future__ import annotations

import argparse
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Play a scenario from a script of practitioner lines, without the app."
DESCRIPTION = """\
Runs a session headless and prints the transcript with codes, talk types and state.

example:
  mi-trainer play mum-drinking --script lines.txt --seed 7
  mi-trainer play my-scenario.yaml --script lines.txt --json
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("play", help=HELP, description=DESCRIPTION)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    raise UserError("`mi-trainer play` is not available in this build yet.", exit_code=2)
