"""`mi-trainer`: with no arguments start the app; otherwise run a subcommand.

Each subcommand lives in its own module exposing ``register(subparsers)``, which
adds its parser and sets ``handler`` (a function of the parsed args returning an
exit code). Heavy imports (spaCy, Textual) happen inside handlers, so ``--help``
stays instant.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import sys
from collections.abc import Sequence

from mi_trainer import __version__
from mi_trainer.cli.errors import UserError
from mi_trainer.coding.cue_patterns import PatternError

# Order here is the order in `mi-trainer --help`.
COMMAND_MODULES = (
    "code",
    "bench",
    "validate",
    "schema",
    "new",
    "play",
    "score",
    "report",
    "export",
    "import_",
    "purge",
    "migrate",
    "users",
    "serve",
)

DESCRIPTION = """\
Rehearse motivational interviewing (MI) with simulated family members.
Run with no command to open the app; the commands below serve trainers,
team managers and scripts.
"""

EPILOG = """\
examples:
  mi-trainer                                  open the app
  mi-trainer code notes.txt                   code practitioner lines (MITI)
  mi-trainer validate scenarios/              check scenario files
  mi-trainer play mum-drinking --script s.txt play a scripted session
  mi-trainer report --team "North" --format html > north.html
  mi-trainer serve                            the app in a browser, with sign-in

Run `mi-trainer COMMAND --help` for a command's options and an example.
"""


class _Parser(argparse.ArgumentParser):
    """argparse with a friendlier unknown-command message (still exit 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        if "invalid choice" in message:
            bad = message.split("'")[1] if "'" in message else ""
            names = [m.rstrip("_") for m in COMMAND_MODULES]
            close = difflib.get_close_matches(bad, names, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            self.exit(
                2,
                f"mi-trainer: unknown command '{bad}'.{hint}\n"
                f"Commands: {', '.join(names)}. See `mi-trainer --help`.\n",
            )
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mi-trainer",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"mi-trainer {__version__}")
    add_db_option(parser)
    parser.add_argument(
        "--scenarios",
        metavar="DIR",
        help="folder of scenario YAML files for the app (default: the bundled scenarios)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Sub)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"mi_trainer.cli.cmd_{name}")
        module.register(subparsers)
    return parser


class _Sub(argparse.ArgumentParser):
    """Subcommand parsers print examples verbatim."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        default=argparse.SUPPRESS,
        help="session database: a file, or a postgresql:// URL for a shared team database "
        "(default: $MI_TRAINER_DB or the user data folder)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from mi_trainer.cli.app import run_app

            return run_app(args)
        return int(args.handler(args) or 0)
    except UserError as err:
        _error(err.message)
        return err.exit_code
    except PatternError as err:
        # A trainer's cue file: the message names the file and line.
        _error(str(err))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error for the user.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _error(message: str) -> None:
    """An error for the user on stderr. It may quote what they typed (a path, a script
    word): control characters in it are shown as symbols, never obeyed by the terminal."""
    from mi_trainer.safe_text import visible_controls

    print(f"mi-trainer: {visible_controls(message)}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
