"""`mi-trainer score`: score a transcript (P:/C: text, or a JSON/JSONL session export)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Score a transcript (plain text P:/C: lines, or a JSON/JSONL session export)."
DESCRIPTION = """\
Prints the MITI summary, estimated globals and per-turn feedback; or writes a report.

A plain-text transcript has one turn per labelled line: 'P:' or 'practitioner:' for the
practitioner, 'C:' or 'client:' for the family member (any case). A line without a label
continues the previous turn; blank lines are ignored. JSON and JSONL session exports
(mi-trainer export) are read as they are; turns without codes are coded.

example:
  mi-trainer score session.txt
  mi-trainer score session.txt --json
  mi-trainer score session.txt --format html --output report.html
  mi-trainer score session.jsonl --format md > report.md
  mi-trainer export -o all.jsonl && mi-trainer score all.jsonl --session 3f2a
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "score",
        help=HELP,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help="transcript: .txt (P:/C:), .json or .jsonl")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print one JSON object")
    out.add_argument(
        "--format",
        choices=("text", "md", "html"),
        default="text",
        help="text summary (default), a Markdown report or a self-contained HTML report",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument(
        "--session",
        metavar="ID",
        help="with an export holding several sessions: the session id (its start is enough)",
    )
    parser.add_argument(
        "--no-feedback", action="store_true", help="leave the turn-by-turn feedback out"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from mi_trainer.cli.cmd_report import for_reading, write_output
    from mi_trainer.scoring import score_transcript
    from mi_trainer.scoring.parse import TranscriptFileError, code_transcript, read_transcript
    from mi_trainer.scoring.reports import render_html, render_markdown, render_text

    path = Path(args.file)
    try:
        transcript = read_transcript(path, getattr(args, "session", None))
    except TranscriptFileError as exc:
        raise UserError(str(exc)) from exc
    code_transcript(transcript)
    score = score_transcript(transcript)
    if args.json:
        data = score.to_dict()
        data["transcript"] = transcript.to_dict()
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    elif args.format == "md":
        text = render_markdown(transcript, score)
    elif args.format == "html":
        text = render_html(transcript, score)
    else:
        text = render_text(transcript, score, feedback=not args.no_feedback)
    text = for_reading(text, "json" if args.json else args.format)
    if args.output and args.output != "-":
        write_output(text, args.output)
        print(f"wrote {args.output} (overall {score.overall:.0f}/100)")
    else:
        print(text, end="")
    return 0
