"""`--patterns DIR`: a trainer's own cue folder, read after the bundled cues."""

from __future__ import annotations

import argparse
from pathlib import Path

from mi_trainer.coding.cue_patterns import PATTERNS_ENV, extra_pattern_dirs


def add_patterns_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--patterns",
        metavar="DIR",
        action="append",
        default=None,
        help=(
            "a folder of your own cue files (*.jsonl, see docs/coding.md), added to the bundled "
            f"cues; repeat for several (default: ${PATTERNS_ENV})"
        ),
    )


def extra_patterns(args: argparse.Namespace) -> list[Path]:
    given = getattr(args, "patterns", None)
    return [Path(p).expanduser() for p in given] if given else extra_pattern_dirs()
