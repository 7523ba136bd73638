"""`mi-trainer report`: practice summaries and trends for supervision, per practitioner and team.

Also holds the helpers the other database commands share (filter options, opening the store).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from typing import Any

from mi_trainer.cli.errors import UserError
from mi_trainer.cli.sign_in import add_sign_in_options, check_scope, sign_in_if_shared

HELP = "Practice summaries and trends for supervision, per practitioner and team."
DESCRIPTION = """\
Reads the session database and summarises, per practitioner and per team, the sessions done,
the MITI summary figures (reflections to questions, % complex reflections, % open questions,
MI-adherent and non-adherent counts, % change talk, estimated technical and relational
globals) and their month-by-month trend. A supervision aid, not a league table: names are
listed alphabetically and nobody is ranked. Dates are YYYY-MM-DD; --until is inclusive.

examples:
  mi-trainer report --team "Family Safeguarding North" --since 2026-01-01
  mi-trainer report --practitioner "Sam Jones" --format md > sam.md
  mi-trainer report --team "family safeguarding north" --since 2026-01-01 --format html > north.html

Names and teams match whatever their case ("sam jones" finds "Sam Jones"); a name that
matches nobody is an error that suggests the nearest names kept.

On a shared database (PostgreSQL, or a file with accounts) you sign in first, and the report
covers what your role sees: a practitioner their own sessions, a manager their team's, an
admin everyone's. Each report is written to the audit log. In a script:
  printf '%s\n' "$PASSWORD" | mi-trainer report --user "Maria Lopez" --password-stdin
"""
FORMATS = ("text", "md", "html", "csv", "json")  # as mi_trainer.scoring.team_report.FORMATS


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--practitioner", metavar="NAME", help="only this practitioner")
    parser.add_argument("--team", metavar="TEAM", help="only this team")
    parser.add_argument("--scenario", metavar="ID", help="only this scenario id")
    parser.add_argument("--since", metavar="DATE", help="sessions started on or after DATE")
    parser.add_argument("--until", metavar="DATE", help="sessions started on or before DATE")


def filters(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "practitioner": args.practitioner,
        "team": args.team,
        "scenario": args.scenario,
        "since": args.since,
        "until": args.until,
    }


def open_store(args: argparse.Namespace, create: bool = False) -> Any:
    """The SessionStore for --db / $MI_TRAINER_DB / the user data folder, or a UserError.

    Review commands do not create a database (a mistyped --db should not make an empty one).
    """
    from mi_trainer.storage import SessionStore, StorageError

    try:
        return SessionStore.open(getattr(args, "db", None), create=create)
    except StorageError as err:
        raise storage_error(err) from None


DB_HINT = "Use --db PATH (or the MI_TRAINER_DB environment variable) to choose another."


def storage_error(err: Exception) -> UserError:
    """A StorageError as the CLI says it: the neutral message, plus which flag chooses another
    database when that is the fix."""
    message = str(err)
    if getattr(err, "choose_another", False):
        message = f"{message} {DB_HINT}"
    return UserError(message)


def check_dates(args: argparse.Namespace, *names: str) -> None:
    """Readable errors for bad dates before anything is opened."""
    from mi_trainer.storage import StorageError, parse_day

    days = {}
    for name in names:
        value = getattr(args, name, None)
        if value is None:
            continue
        try:
            days[name] = parse_day(value, f"--{name}")
        except StorageError as err:
            raise UserError(str(err), exit_code=2) from None
    since, until = days.get("since"), days.get("until")
    if since and until and until < since:
        raise UserError(f"--until {until} is before --since {since}; swap them round.", 2)


def for_reading(text: str, fmt: str) -> str:
    """Output with typed text's control characters made visible (JSON: escaped), so a name or
    line holding a terminal escape sequence is shown, never obeyed, wherever it is read."""
    from mi_trainer.safe_text import json_for_terminal, visible_controls

    return json_for_terminal(text) if fmt == "json" else visible_controls(text)


def write_output(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    from mi_trainer.safe_files import write_error_message, write_text

    try:
        write_text(output, text)
    except OSError as err:
        raise UserError(write_error_message(output, err)) from None


def register(subparsers: Any) -> None:
    from mi_trainer.cli.main import add_db_option

    parser = subparsers.add_parser("report", help=HELP, description=DESCRIPTION)
    add_filter_options(parser)
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (default: stdout)")
    add_db_option(parser)
    add_sign_in_options(parser)
    parser.set_defaults(handler=run)


def kept_name(typed: str | None, kept: list[str], what: str) -> str | None:
    """The stored spelling of a typed practitioner or team name, whatever its case.

    Nothing kept by that name is a UserError naming the nearest ones (close spellings, and
    names the typed words are part of, e.g. "North" for "Family Safeguarding North").
    """
    if typed is None or typed in kept:
        return typed
    wanted = " ".join(typed.split()).casefold()
    same = [name for name in kept if " ".join(name.split()).casefold() == wanted]
    if len(same) == 1:
        return same[0]
    if same:
        listed = ", ".join(f"'{name}'" for name in same)
        raise UserError(f"'{typed}' is kept in more than one spelling ({listed}); give one.")
    folded = {name.casefold(): name for name in kept}
    near = [folded[f] for f in difflib.get_close_matches(wanted, list(folded), n=3, cutoff=0.6)]
    near += [name for name in kept if wanted in name.casefold() and name not in near]
    if not kept:
        raise UserError(f"No {what} '{typed}': no sessions are kept in this database yet.")
    hint = (
        "Did you mean " + " or ".join(f"'{name}'" for name in near[:3]) + "?"
        if near
        else f"The {what}s kept: "
        + ", ".join(f"'{name}'" for name in kept[:10])
        + (" …" if len(kept) > 10 else "")
    )
    raise UserError(f"No {what} '{typed}' in the sessions kept. {hint}")


def scope_detail(view: Any, args: argparse.Namespace) -> dict[str, str]:
    """The filters a signed-in person's command ran with, narrowed to their scope (audit)."""
    asked = filters(args)
    asked["practitioner"], asked["team"] = view.narrow(args.practitioner, args.team)
    return {key: str(value) for key, value in asked.items() if value is not None}


def run(args: argparse.Namespace) -> int:
    from mi_trainer.scoring.team_report import render
    from mi_trainer.storage import StorageError

    check_dates(args, "since", "until")
    store = open_store(args)
    try:
        signed_in = sign_in_if_shared(store, args, "report")
        view = store
        if signed_in is not None:
            check_scope(signed_in, args, "report on")
            view = signed_in.scoped(store)
        if args.practitioner is not None or args.team is not None:
            choices = view.filter_choices()
            args.practitioner = kept_name(args.practitioner, choices.practitioners, "practitioner")
            args.team = kept_name(args.team, choices.teams, "team")
        report = view.report(**filters(args))
        if signed_in is not None:
            where = {"format": args.format, "output": args.output or "stdout"}
            signed_in.audit("report", scope_detail(view, args) | where)
    except StorageError as err:
        raise storage_error(err) from None
    finally:
        store.close()
    write_output(for_reading(render(report, args.format), args.format), args.output)
    return 0
