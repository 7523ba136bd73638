"""`mi-trainer bench`: accuracy and speed benchmarks with floors for CI.

Sub-benchmarks, each implemented by the module that owns its layer:
  annomi   the coder against expert codes (and, with --quality, the session score)
  lines    the coder against practitioner lines you coded yourself (YAML or CSV)
  scoring  scripted sessions the session score must not be fooled by

The developer benchmarks of speed (the engine step, the app, the database queries) are not part
of the installed command: they live in the repository's benchmarks/ folder (`python -m
benchmarks`).
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from mi_trainer.cli.patterns_option import add_patterns_option

HELP = "Benchmark the coder and the session score: expert codes, your coded lines, scripts."
DESCRIPTION = """\
Measures accuracy against expert-coded transcripts (AnnoMI's CSV format: one row per
utterance with the interlocutor, the utterance text and the expert's behaviour code);
exits 1 below a --min floor or above a --max one.

examples:
  mi-trainer bench annomi annomi-dev.csv --min-macro-f1 0.72
  mi-trainer bench annomi annomi-dev.csv --quality --min-auc 0.90
  mi-trainer bench lines my-coded-lines.yaml --min-accuracy 0.8
  mi-trainer bench scoring my-scripts/
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("bench", help=HELP, description=DESCRIPTION)
    benches = parser.add_subparsers(dest="bench", metavar="BENCH", required=True)

    annomi = benches.add_parser(
        "annomi",
        help="code an AnnoMI-format CSV and compare with the experts",
        description="Codes every therapist utterance of an AnnoMI-format CSV (your own "
        "expert-coded transcripts, or the AnnoMI data set) and compares with the expert "
        "codes.\n\nexample:\n  mi-trainer bench annomi annomi-dev.csv --min-macro-f1 0.72",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    annomi.add_argument("path", metavar="PATH", help="AnnoMI-format CSV file")
    annomi.add_argument("--json", action="store_true", help="print one JSON object")
    annomi.add_argument("--min-macro-f1", type=float, metavar="X", help="exit 1 below X")
    annomi.add_argument(
        "--folds",
        type=int,
        metavar="K",
        help="cross-validation by transcript: report each figure on K folds of whole "
        "transcripts with mean and spread (with --quality: the AUC's folds, default 3)",
    )
    annomi.add_argument(
        "--min-fold-mean",
        type=float,
        metavar="X",
        help="with --folds: exit 1 if the mean macro-F1 over folds is below X",
    )
    annomi.add_argument(
        "--min-open-closed",
        type=float,
        metavar="X",
        help="exit 1 if open-vs-closed agreement (questions to both) is below X",
    )
    annomi.add_argument(
        "--min-simple-complex",
        type=float,
        metavar="X",
        help="exit 1 if simple-vs-complex agreement (reflections to both) is below X",
    )
    annomi.add_argument(
        "--min-speed",
        type=float,
        metavar="N",
        help="exit 1 if the coder codes fewer than N utterances per second (one core)",
    )
    annomi.add_argument(
        "--quality",
        action="store_true",
        help="score whole transcripts and report how well the score separates high/low MI quality",
    )
    annomi.add_argument("--min-auc", type=float, metavar="X", help="with --quality: exit 1 below X")
    annomi.add_argument(
        "--min-cv-auc",
        type=float,
        metavar="X",
        help="with --quality: exit 1 if the cross-validated mean AUC is below X",
    )
    annomi.add_argument(
        "--min-client-f1",
        type=float,
        metavar="X",
        help="with --quality: exit 1 if client change/neutral/sustain macro-F1 is below X",
    )
    annomi.set_defaults(handler=_delegate("bench_annomi"))

    lines = benches.add_parser(
        "lines",
        help="code practitioner lines you coded yourself and compare with your codes",
        description="Codes every practitioner line of your files (each with the client line "
        "before it, where given) and compares with the MITI code you gave it: 12-code "
        "accuracy, per-code precision/recall/F1, the confusion matrix, how well persuade and "
        "confront are heard as directive, and the worst misses with the coder's cues.\n\n"
        "YAML: a list of items {line: ..., code: ..., previous: ..., why: ...} (previous and "
        "why optional).\nCSV: columns line, code and optionally previous, why.\n"
        "Exits 1 when a floor is missed, 2 when a file cannot be read.\n\n"
        "example:\n  mi-trainer bench lines my-coded-lines.yaml --min-accuracy 0.8",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    lines.add_argument("files", nargs="+", metavar="FILE", help="YAML or CSV file of coded lines")
    lines.add_argument("--json", action="store_true", help="print one JSON object")
    lines.add_argument(
        "--misses", type=int, default=15, metavar="N", help="show the N worst misses (default 15)"
    )
    lines.add_argument("--min-accuracy", type=float, metavar="X", help="exit 1 below X")
    lines.add_argument(
        "--min-directive-recall",
        type=float,
        metavar="X",
        help="exit 1 if fewer than X of persuade and confront lines are coded persuade or confront",
    )
    lines.add_argument(
        "--max-mi-as-directive",
        type=float,
        metavar="X",
        help="exit 1 if more than X of affirm, seeking collaboration and emphasising autonomy "
        "lines are coded persuade or confront",
    )
    lines.add_argument(
        "--max-confront-as-reflection",
        type=float,
        metavar="X",
        help="exit 1 if more than X of confront lines are coded a reflection or affirmation",
    )
    add_patterns_option(lines)
    lines.set_defaults(handler=_delegate("bench_lines"))

    scoring = benches.add_parser(
        "scoring",
        help="score scripted sessions and check each against its '# expect:' lines",
        description="Scores every *.txt scripted session in DIR (good MI, nonsense, "
        "repetition, confrontation, missed disclosures...) and checks the '# expect:' lines "
        "each holds.\n\nexample:\n  mi-trainer bench scoring my-scripts/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scoring.add_argument("path", metavar="DIR", help="folder of scripted sessions (*.txt)")
    scoring.add_argument("--json", action="store_true", help="print one JSON object")
    scoring.set_defaults(handler=_delegate("bench_scoring"))


def _delegate(module_name: str) -> Any:
    def handler(args: argparse.Namespace) -> int:
        module = importlib.import_module(f"mi_trainer.cli.{module_name}")
        return int(module.run(args))

    return handler
