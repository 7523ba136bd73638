"""`mi-trainer bench`: accuracy and speed benchmarks with floors for CI.

Sub-benchmarks, each implemented by the module that owns its layer:
  annomi   the coder against expert codes (and, with --quality, the session score)
  scoring  scripted sessions the session score must not be fooled by
  engine   the simulation step time
  storage  report and listing queries on a large synthetic database
  app      the app itself: start-up, and Enter to the reply on screen
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

HELP = "Benchmark the coder, the session score, the engine, the database or the app."
DESCRIPTION = """\
Measures accuracy and speed; exits 1 below a --min floor or above a --max one.

examples:
  mi-trainer bench annomi ../shared/data/annomi/annomi-dev.csv --min-macro-f1 0.72
  mi-trainer bench annomi ../shared/data/annomi/annomi-dev.csv --quality --min-auc 0.90
  mi-trainer bench scoring benchmarks/scoring
  mi-trainer bench engine --turns 2000
  mi-trainer bench storage --sessions 100000 --db /tmp/big.db
  mi-trainer bench app --turns 30 --max-p95-ms 100 --max-start-s 1.5
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("bench", help=HELP, description=DESCRIPTION)
    benches = parser.add_subparsers(dest="bench", metavar="BENCH", required=True)

    annomi = benches.add_parser(
        "annomi",
        help="code an AnnoMI-format CSV and compare with the experts",
        description="Codes every therapist utterance of an AnnoMI-format CSV and compares "
        "with the expert codes.\n\nexample:\n  mi-trainer bench annomi "
        "../shared/data/annomi/annomi-dev.csv --min-macro-f1 0.72",
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

    scoring = benches.add_parser(
        "scoring",
        help="score scripted sessions and check each against its '# expect:' lines",
        description="Scores every *.txt scripted session in DIR (good MI, nonsense, "
        "repetition, confrontation, missed disclosures...) and checks the '# expect:' lines "
        "each holds.\n\nexample:\n  mi-trainer bench scoring benchmarks/scoring",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scoring.add_argument("path", metavar="DIR", help="folder of scripted sessions (*.txt)")
    scoring.add_argument("--json", action="store_true", help="print one JSON object")
    scoring.set_defaults(handler=_delegate("bench_scoring"))

    engine = benches.add_parser(
        "engine",
        help="time the simulation step (code + reply + state) per turn",
        description="Plays every bundled scenario with mixed scripts and reports per-turn "
        "step times.\n\nexample:\n  mi-trainer bench engine --turns 2000 --max-p95-ms 20",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    engine.add_argument("--turns", type=int, default=2000, help="turns to time (default 2000)")
    engine.add_argument("--json", action="store_true", help="print one JSON object")
    engine.add_argument("--max-p95-ms", type=float, metavar="MS", help="exit 1 above MS")
    engine.set_defaults(handler=_delegate("bench_engine"))

    storage = benches.add_parser(
        "storage",
        help="build a large synthetic database and time the review queries",
        description="Builds a synthetic database where PATH has none yet (realistic names, "
        "teams, dates and turns), then times the team report and a practitioner's "
        "session list.\n\nexample:\n  mi-trainer bench storage --sessions 100000 --db /tmp/big.db",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    storage.add_argument("--sessions", type=int, default=100_000, help="sessions to build")
    storage.add_argument(
        "--turns-per-session", type=int, default=50, help="turns per session (default 50)"
    )
    storage.add_argument(
        "--db",
        metavar="PATH|URL",
        help="database file, or the postgresql:// URL of an empty database (default: a temp file)",
    )
    storage.add_argument("--json", action="store_true", help="print one JSON object")
    storage.add_argument("--max-report-s", type=float, metavar="S", help="exit 1 above S")
    storage.add_argument("--max-list-ms", type=float, metavar="MS", help="exit 1 above MS")
    storage.add_argument(
        "--max-service-report-s", type=float, metavar="S", help="whole service: exit 1 above S"
    )
    storage.add_argument(
        "--max-history-ms", type=float, metavar="MS", help="History's newest 200: exit 1 above MS"
    )
    storage.set_defaults(handler=_delegate("bench_storage"))

    app = benches.add_parser(
        "app",
        help="time the app: start-up, and Enter to the reply on screen, turn by turn",
        description="Opens the app headless, plays a coach-mode session of a scenario and "
        "times each line from Enter to the frame with the reply on screen; times a fresh "
        "process from launch to the first usable screen.\n\nexample:\n  mi-trainer bench "
        "app --turns 30 --max-p95-ms 100 --max-start-s 1.5",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    app.add_argument("--turns", type=int, default=30, help="lines to say (default 30)")
    app.add_argument(
        "--scenario",
        default="mum-drinking-school-concerns",
        metavar="ID",
        help="scenario id, from the app's scenario folder (default mum-drinking-school-concerns)",
    )
    app.add_argument(
        "--start-runs", type=int, default=3, help="start-ups to time, each a new process (3)"
    )
    app.add_argument("--json", action="store_true", help="print one JSON object")
    app.add_argument("--max-p95-ms", type=float, metavar="MS", help="exit 1 if replies' p95 > MS")
    app.add_argument(
        "--max-start-s", type=float, metavar="S", help="exit 1 if the slowest start-up > S"
    )
    app.set_defaults(handler=_delegate("bench_app"))


def _delegate(module_name: str) -> Any:
    def handler(args: argparse.Namespace) -> int:
        module = importlib.import_module(f"mi_trainer.cli.{module_name}")
        return int(module.run(args))

    return handler
