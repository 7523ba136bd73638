"""`mi-trainer purge`: delete old sessions for data retention (try --dry-run first)."""

from __future__ import annotations

import argparse
from typing import Any

from mi_trainer.cli.cmd_report import check_dates, open_store, storage_error
from mi_trainer.cli.sign_in import add_sign_in_options, refused_by_role, sign_in_if_shared

HELP = "Delete old sessions for data retention (try --dry-run first)."
DESCRIPTION = """\
Removes sessions started before DATE (not including DATE), with their turns and scores,
optionally for one practitioner. Deleted content is overwritten in the file. --dry-run says
what would go and changes nothing. Consider `mi-trainer export` first to keep an archive.

On a shared database (PostgreSQL, or a file with accounts) only an admin purges: sign in
first (--user NAME --password-stdin in a script). Each purge is written to the audit log with
its rule and how many sessions went.

examples:
  mi-trainer purge --before 2025-01-01 --dry-run
  mi-trainer purge --before 2025-01-01 --practitioner "Sam Jones"
"""


def register(subparsers: Any) -> None:
    from mi_trainer.cli.main import add_db_option

    parser = subparsers.add_parser("purge", help=HELP, description=DESCRIPTION)
    parser.add_argument(
        "--before", metavar="DATE", required=True, help="delete sessions started before DATE"
    )
    parser.add_argument("--practitioner", metavar="NAME", help="only this practitioner")
    parser.add_argument("--dry-run", action="store_true", help="say what would go; delete nothing")
    add_db_option(parser)
    add_sign_in_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from mi_trainer.accounts import ScopeError
    from mi_trainer.storage import StorageError

    check_dates(args, "before")
    store = open_store(args)
    try:
        signed_in = sign_in_if_shared(store, args, "purge")
        view = signed_in.scoped(store) if signed_in else store
        result = view.purge(args.before, practitioner=args.practitioner, dry_run=args.dry_run)
    except StorageError as err:
        raise storage_error(err) from None
    except ScopeError as err:
        raise refused_by_role(err) from None
    finally:
        store.close()
    who = f" for {args.practitioner}" if args.practitioner else ""
    if result.sessions == 0:
        print(f"No sessions{who} started before {args.before}; nothing to delete.")
        _say_if_not_erased(result)
        return 0
    verb = "Would delete" if result.dry_run else "Deleted"
    print(
        f"{verb} {result.sessions} session(s) ({result.turns} turns){who} started before "
        f"{args.before}: from {result.first[:10] if result.first else '?'} to "
        f"{result.last[:10] if result.last else '?'}."
    )
    names = ", ".join(result.practitioners[:10])
    more = f" and {len(result.practitioners) - 10} more" if len(result.practitioners) > 10 else ""
    print(f"Practitioners: {names}{more}.")
    if result.dry_run:
        print("Nothing was deleted (dry run). Run again without --dry-run to delete.")
    _say_if_not_erased(result)
    return 0


def _say_if_not_erased(result: Any) -> None:
    if not result.dry_run and not result.erased:
        print(
            "Another program is reading the database, so the deleted text is still in the "
            "database file until it stops. Close the app (and any review) and run this purge "
            "again to overwrite it; nothing more will be deleted."
        )
