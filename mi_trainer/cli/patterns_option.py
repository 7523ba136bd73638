"""`--patterns DIR`: a trainer's own cue folder, read after the bundled cues."""

from __future__ import annotations

import argparse

from mi_trainer.coding.cue_patterns import PATTERNS_ENV


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


def extra_patterns(args: argparse.Namespace) -> list[str] | None:
    """The folders given with --patterns, or None for the Coder's default ($MI_TRAINER_PATTERNS)."""
    return getattr(args, "patterns", None) or None
