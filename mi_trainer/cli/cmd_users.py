"""`mi-trainer users`: accounts for a shared database (add, list, disable, reset a password)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Accounts for a shared database or `mi-trainer serve` (add, list, disable, ...)."
DESCRIPTION = """\
Accounts say who may sign in to `mi-trainer serve` (and to the app on a shared database),
with which team and role:
  practitioner  practises; sees only their own sessions
  trainer       checks and tries scenarios; nothing they play is saved as practice
  manager       practises; sees every session of their team (needs --team)
  admin         manages accounts, sees the audit log and every session
Passwords are asked twice without echo (or read from standard input with --password-stdin)
and kept only as slow salted hashes. Once a database has accounts (and always on PostgreSQL),
the app and the review commands ask everyone to sign in. These commands ask nothing: whoever
can open the database file, or reach the PostgreSQL URL with its credentials, is its operator
(and adds the first admin); see docs/deployment.md.

examples:
  mi-trainer users add "Sam Jones" --team "Family Safeguarding North" --role practitioner
  printf '%s\\n' "$PASSWORD" | mi-trainer users add "Ada Okafor" --role admin --password-stdin
  mi-trainer users add "Ada Okafor" --team Service --role admin --db postgresql://mi_owner@db/mi
  mi-trainer users list
  mi-trainer users disable "Sam Jones"
  mi-trainer users reset-password "Sam Jones"
  mi-trainer users audit --limit 50 --only sign_in
"""


def register(subparsers: Any) -> None:
    from mi_trainer.accounts import ROLES
    from mi_trainer.cli.main import add_db_option

    parser = subparsers.add_parser("users", help=HELP, description=DESCRIPTION)
    add_db_option(parser)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add an account", description="Add an account.")
    add.add_argument("name", metavar="NAME", help="sign-in name, shown on their sessions")
    add.add_argument("--team", metavar="TEAM", help="their team (required for a manager)")
    add.add_argument("--role", choices=ROLES, required=True, help="what they may see and do")
    _password_option(add)

    listing = actions.add_parser("list", help="list the accounts", description="List accounts.")
    listing.add_argument("--json", action="store_true", help="one JSON object per account")

    for verb, text in (("disable", "disable an account (signs it out)"), ("enable", "enable")):
        sub = actions.add_parser(verb, help=text, description=text[0].upper() + text[1:] + ".")
        sub.add_argument("name", metavar="NAME")

    reset = actions.add_parser(
        "reset-password",
        help="set a new password (signs the account out)",
        description="Set a new password for an account; its sign-ins end.",
    )
    reset.add_argument("name", metavar="NAME")
    _password_option(reset)

    audit = actions.add_parser(
        "audit",
        help="the audit log: sign-ins, exports, purges, account changes",
        description="The audit log, newest first.",
    )
    audit.add_argument("--limit", type=int, default=100, metavar="N", help="how many (100)")
    audit.add_argument(
        "--only", dest="action_filter", metavar="ACTION", help="only this action, e.g. sign_in"
    )
    audit.add_argument("--json", action="store_true", help="one JSON object per entry")
    for sub in actions.choices.values():
        add_db_option(sub)
    parser.set_defaults(handler=run)


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (for scripts)",
    )


def read_password(args: argparse.Namespace, name: str) -> str:
    from mi_trainer.accounts.passwords import PasswordError, check_new_password

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        if not sys.stdin.isatty():
            raise UserError(
                "No terminal to ask for the password on: pipe it in with --password-stdin."
            )
        password = getpass.getpass(f"New password for {name}: ")
        if getpass.getpass("The same password again: ") != password:
            raise UserError("The two passwords differ; nothing was changed. Try again.")
    try:
        check_new_password(password)
    except PasswordError as err:
        raise UserError(f"{err} Nothing was changed.") from None
    return password


def local_actor() -> str:
    try:
        return f"local:{getpass.getuser()}"
    except (KeyError, OSError):
        return "local"


def run(args: argparse.Namespace) -> int:
    from mi_trainer.accounts import AccountError, AccountStore
    from mi_trainer.cli.cmd_report import open_store, storage_error
    from mi_trainer.storage import StorageError

    store = open_store(args, create=args.action == "add")
    accounts = AccountStore(store)
    actor = local_actor()
    try:
        if args.action == "add":
            from mi_trainer.accounts.roles import check_name

            name = check_name(args.name)
            if accounts.get(name) is not None:
                raise AccountError(f"There is already an account called '{name}'.")
            account = accounts.add(
                name, args.team, args.role, read_password(args, name), actor=actor
            )
            print(f"Added {account.identity.describe()}.")
        elif args.action == "list":
            show_accounts(accounts.list(), args.json)
        elif args.action in ("disable", "enable"):
            accounts.set_disabled(args.name, args.action == "disable", actor=actor)
            done = "disabled and signed out everywhere" if args.action == "disable" else "enabled"
            print(f"{args.name}: {done}.")
        elif args.action == "reset-password":
            if accounts.get(args.name) is None:
                raise AccountError(f"There is no account called '{args.name}'.")
            accounts.reset_password(args.name, read_password(args, args.name), actor=actor)
            print(f"{args.name}: new password set; their sign-ins have ended.")
        elif args.action == "audit":
            entries = accounts.audit_log(limit=max(1, args.limit), action=args.action_filter)
            show_audit(entries, args.json)
    except AccountError as err:
        raise UserError(str(err)) from None
    except StorageError as err:
        raise storage_error(err) from None
    finally:
        store.close()
    return 0


def show_accounts(found: list[Any], as_json: bool) -> None:
    if as_json:
        for a in found:
            row = a.identity.to_dict() | {"disabled": a.disabled, "created_at": a.created_at}
            print(json.dumps(row, ensure_ascii=False))
        return
    if not found:
        print("No accounts yet: add one with `mi-trainer users add NAME --role admin`.")
        return
    width = max(len(a.name) for a in found)
    for a in found:
        state = "  (disabled)" if a.disabled else ""
        print(f"{a.name:<{width}}  {a.role.value:<12}  {a.team or '–'}{state}")


def show_audit(entries: list[Any], as_json: bool) -> None:
    for e in entries:
        if as_json:
            print(json.dumps(e.to_dict(), ensure_ascii=False))
        else:
            print(e.describe())
    if not entries and not as_json:
        print("The audit log is empty.")
