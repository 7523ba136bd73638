"""Who runs a command on a shared database, and what their role lets the command do.

A database is shared when it is PostgreSQL (a service's store, by definition) or when it has
accounts. There every command that reads or changes practice (the app, report, export,
import, purge) asks for a sign-in, applies the role's scope (``accounts.ScopedStore``) and
writes the audit log as the served app does. A SQLite file without accounts is one person's:
the local user is trusted, as always, and nothing is asked.

Scripts sign in with ``--user NAME --password-stdin`` (the password on the first line of
standard input); in a terminal the name and password are asked for (no echo). Failed tries
are limited as in the browser (``accounts.sign_in``). Refusals exit with ``EXIT_REFUSED``.
"""

from __future__ import annotations

import argparse
import getpass
import shlex
import sys
import time
from dataclasses import dataclass
from typing import Any

from mi_trainer.cli.errors import UserError

EXIT_REFUSED = 3  # not signed in, or the role may not do this (1: other errors, 2: usage)
TERMINAL_TRIES = 3
VIA = "command line"


def add_sign_in_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "signing in (a shared database: PostgreSQL, or a file with accounts)"
    )
    group.add_argument("--user", metavar="NAME", help="your account name (asked for if not given)")
    group.add_argument(
        "--password-stdin",
        action="store_true",
        help="read your password from the first line of standard input (for scripts)",
    )


def local_address() -> str:
    """Where a terminal sign-in comes from, for the audit log and the per-address limit."""
    try:
        return f"local:{getpass.getuser()}"
    except (KeyError, OSError):
        return "local"


def no_accounts_message(location: str, what: str) -> str:
    return (
        f"{location} is a shared PostgreSQL database, so {what} needs you to sign in, and it "
        "has no accounts yet. Whoever runs the database creates the first admin: "
        'mi-trainer users add "Your Name" --team "Your Team" --role admin '
        f"--db {shlex.quote(location)} (see docs/deployment.md)."
    )


@dataclass
class SignedIn:
    """The person a command runs as, with the audit log their actions go to."""

    identity: Any  # accounts.Identity
    accounts: Any  # accounts.AccountStore
    address: str
    via: str  # "command line (report)", "terminal"

    def audit(self, action: str, detail: dict[str, Any]) -> None:
        detail = {**detail, "via": self.via}
        self.accounts.audit(self.identity.name, action, detail, address=self.address)

    def scoped(self, store: Any, **extra: Any) -> Any:
        """The store as this person may use it; its audit entries carry ``extra``."""
        from mi_trainer.accounts import ScopedStore

        return ScopedStore(
            store, self.identity, audit=lambda action, detail: self.audit(action, detail | extra)
        )

    def refuse(self, what: str) -> UserError:
        return UserError(f"Signed in as {self.identity.describe()}: {what}", EXIT_REFUSED)


def is_shared(store: Any, accounts: Any) -> bool:
    return store.backend == "postgresql" or accounts.has_accounts()


def sign_in_if_shared(store: Any, args: argparse.Namespace, command: str) -> SignedIn | None:
    """The signed-in person on a shared database (asking for name and password), or None
    for the trusted local user of an unshared one. UserError (EXIT_REFUSED) when nobody is
    signed in."""
    from mi_trainer.accounts import AccountStore

    accounts = AccountStore(store)
    if not is_shared(store, accounts):
        if getattr(args, "user", None):
            print(
                f"mi-trainer: {store.location} has no accounts, so nobody signs in; "
                "running as the local user.",
                file=sys.stderr,
            )
        return None
    what = f"`mi-trainer {command}`" if command != "app" else "the app"
    if not accounts.has_accounts():
        raise UserError(no_accounts_message(store.location, what), EXIT_REFUSED)
    via = "terminal" if command == "app" else f"{VIA} ({command})"
    account = ask_and_check(accounts, args, what, via)
    return SignedIn(account.identity, accounts, local_address(), via)


def ask_and_check(accounts: Any, args: argparse.Namespace, what: str, via: str) -> Any:
    from mi_trainer.accounts.sign_in import SignInLocked, sign_in

    name = getattr(args, "user", None)
    scripted = bool(getattr(args, "password_stdin", False))
    if scripted and not name:
        raise UserError("--password-stdin needs --user NAME (whose password it is).", 2)
    if not scripted and not sys.stdin.isatty():
        how = (
            "Run mi-trainer in a terminal."
            if what == "the app"
            else "In a script give --user NAME and pipe the password in with --password-stdin."
        )
        raise UserError(
            f"This database is shared, so {what} needs you to sign in, and there is no "
            f"terminal to ask on. {how}",
            EXIT_REFUSED,
        )
    if not scripted:
        print("This session database is shared: sign in with your mi-trainer account.")
    tries = 1 if scripted else TERMINAL_TRIES
    for attempt in range(tries):
        typed = name or input("Name: ").strip()
        password = sys.stdin.readline().rstrip("\r\n") if scripted else getpass.getpass()
        try:
            account = sign_in(accounts, typed, password, address=local_address(), via=via)
        except SignInLocked as err:
            raise UserError(str(err), EXIT_REFUSED) from None
        if account is not None:
            return account
        if attempt + 1 < tries:
            print("That name and password do not match an enabled account.")
            time.sleep(1.0 + attempt)  # slows guessing at the keyboard
    raise UserError(
        "That name and password do not match an enabled account, so nothing was done. "
        "Ask an admin if you have forgotten your password.",
        EXIT_REFUSED,
    )


def _same(a: str, b: str | None) -> bool:
    return b is not None and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def check_scope(signed_in: SignedIn, args: argparse.Namespace, doing: str) -> None:
    """Refuse, naming what to do instead, a --practitioner or --team outside the role's
    scope (the store would narrow it to nothing anyway) and a trainer, who has no practice."""
    me = signed_in.identity
    if not me.saves_practice:
        raise signed_in.refuse(
            f"a trainer's tries are not saved as practice, so there are no sessions to {doing}. "
            "Managers and admins report on and export practice."
        )
    if me.sees_all:
        return
    if me.sees_team:
        if args.team is not None and not _same(args.team, me.team):
            raise signed_in.refuse(
                f"you see only your team's sessions ({me.team}); leave out --team or give yours."
            )
        return
    if args.practitioner is not None and not _same(args.practitioner, me.name):
        raise signed_in.refuse(
            "you see only your own sessions; leave out --practitioner (or ask your manager)."
        )


def refused_by_role(err: Exception) -> UserError:
    """The store's ScopeError (e.g. a practitioner purging) as the command's refusal."""
    return UserError(str(err), EXIT_REFUSED)
