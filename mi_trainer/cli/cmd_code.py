"""`mi-trainer code`: code practitioner utterances with MITI behaviour codes."""

from __future__ import annotations

import argparse
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Code practitioner utterances with MITI behaviour codes."
DESCRIPTION = """\
Reads one utterance per line from FILE (or stdin) and prints each line's main code,
per-sentence codes and the cues behind them.

example:
  mi-trainer code utterances.txt
  echo "What worries you most about the conference?" | mi-trainer code --jsonl
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("code", help=HELP, description=DESCRIPTION)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    raise UserError("`mi-trainer code` is not available in this build yet.", exit_code=2)
