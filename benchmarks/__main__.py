"""`python -m benchmarks BENCH …`: the developer benchmarks (see benchmarks/__init__.py)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from benchmarks.common import BenchError

BENCHES = {
    "engine": "the simulation step (code + choose reply + update state), per turn",
    "app": "the app: start-up, and Enter to the reply on screen, turn by turn",
    "storage": "a large synthetic database: the report, listing and History queries",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Developer benchmarks; each exits 1 when a figure is past its floor.",
    )
    benches = parser.add_subparsers(dest="bench", metavar="BENCH", required=True)
    for name, help_text in BENCHES.items():
        module = importlib.import_module(f"benchmarks.{name}")
        sub = benches.add_parser(
            name,
            help=help_text,
            description=module.DESCRIPTION,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_options(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except BenchError as err:
        print(f"benchmarks {args.bench}: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
