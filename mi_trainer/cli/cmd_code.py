"""`mi-trainer code`: code practitioner utterances with MITI behaviour codes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from mi_trainer.cli.errors import UserError
from mi_trainer.cli.patterns_option import add_patterns_option, extra_patterns

HELP = "Code practitioner utterances with MITI behaviour codes."
DESCRIPTION = """\
Reads one utterance per line from FILE (or stdin) and prints each line's main code,
per-sentence codes and the cues behind them.

example:
  mi-trainer code utterances.txt
  echo "What worries you most about the conference?" | mi-trainer code --jsonl
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "code",
        help=HELP,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE",
        help="text file, one utterance per line (default or '-': stdin)",
    )
    parser.add_argument(
        "--jsonl", action="store_true", help="one JSON object per input line instead of a table"
    )
    add_patterns_option(parser)
    parser.set_defaults(handler=run)


def read_lines(name: str) -> list[str]:
    """The input lines (without line endings), from a file or stdin."""
    if name in ("-", ""):
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else None
        text = (
            data.decode("utf-8", "replace") if data is not None else sys.stdin.read()  # type: ignore[union-attr]
        )
    else:
        path = Path(name)
        if not path.exists():
            raise UserError(f"{name}: file not found. Give a text file with one utterance a line.")
        if path.is_dir():
            raise UserError(f"{name}: is a folder. Give a text file with one utterance a line.")
        try:
            text = path.read_bytes().decode("utf-8", "replace")
        except OSError as err:
            raise UserError(f"{name}: cannot read ({err.strerror or err}).") from err
    text = text.lstrip("\ufeff")
    return text.splitlines()


def run(args: argparse.Namespace) -> int:
    lines = read_lines(getattr(args, "file", "-") or "-")
    from mi_trainer.coding.coder import Coder
    from mi_trainer.safe_text import json_for_terminal, visible_controls

    coded = Coder(extra_patterns=extra_patterns(args)).code_many(lines)
    out = sys.stdout
    # Typed text can hold terminal escape sequences: shown visibly, never obeyed.
    if getattr(args, "jsonl", False):
        for item in coded:
            out.write(json_for_terminal(json.dumps(item.to_dict(), ensure_ascii=False)) + "\n")
    else:
        out.write(visible_controls(render_table(coded)) + "\n")
    return 0


def render_table(coded: list[Any]) -> str:
    """A readable table: each line's main code, then its sentences with code and cues."""
    if not coded:
        return "(no input lines)"
    rows = []
    for number, item in enumerate(coded, start=1):
        text = item.text if item.text.strip() else "(empty line)"
        rows.append(f"{number:>4}  {item.code!s:<26}  {_short(text, 70)}")
        if len(item.sentences) > 1 or item.text.strip():
            # Each sentence indented under the main code; the text column stays aligned.
            for sentence in item.sentences:
                cues = "; ".join(c.text for c in sentence.cues) or "-"
                rows.append(f"{'':>4}    {sentence.code!s:<24}  {_short(sentence.text, 70)}")
                rows.append(f"{'':>4}    {'':<24}  because: {cues}")
    header = f"{'line':>4}  {'main code':<26}  text"
    return "\n".join([header, "-" * len(header.expandtabs()) + "-" * 60, *rows])


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
