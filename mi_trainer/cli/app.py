"""Start the Textual app (imported only when `mi-trainer` runs with no command).

Who is using it:
- started by `mi-trainer serve` for a browser: the sign-in token in ``MI_TRAINER_SIGN_IN``
  names a live sign-in in the database (checked here, never taken on trust);
- a database with accounts (shared): the terminal asks for a name and password;
- otherwise the local user is trusted, as always (name and team typed on the start screen).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from typing import Any

from mi_trainer.cli.errors import UserError

SIGN_IN_ENV = "MI_TRAINER_SIGN_IN"
TERMINAL_TRIES = 3


def run_app(args: argparse.Namespace) -> int:
    from mi_trainer.tui.app import MITrainerApp

    identity = signed_in_identity(args)
    MITrainerApp(
        scenarios_dir=getattr(args, "scenarios", None),
        db=getattr(args, "db", None),
        identity=identity,
    ).run()
    return 0


def signed_in_identity(args: argparse.Namespace) -> Any | None:
    """The identity the app runs as, or None for a trusted local user (no accounts)."""
    token = os.environ.pop(SIGN_IN_ENV, None)  # not passed on to anything the app starts
    from mi_trainer.accounts import AccountStore
    from mi_trainer.storage import SessionStore, StorageError

    try:
        store = SessionStore.open(getattr(args, "db", None))
    except StorageError as err:
        if token is None:
            return None  # the app shows the database problem itself
        from mi_trainer.cli.cmd_report import storage_error

        raise storage_error(err) from None
    try:
        accounts = AccountStore(store)
        if token is not None:
            identity = accounts.identity_for(token)
            if identity is None:
                raise UserError("Your sign-in has ended: sign in again in the browser.")
            return identity
        if not accounts.has_accounts():
            return None
        return terminal_sign_in(accounts)
    except StorageError as err:
        raise storage_error(err) from None
    finally:
        store.close()


def terminal_sign_in(accounts: Any) -> Any:
    if not sys.stdin.isatty():
        raise UserError(
            "This database is shared (it has accounts), so the app needs you to sign in, "
            "and there is no terminal to ask on. Run mi-trainer in a terminal."
        )
    print("This session database is shared: sign in with your mi-trainer account.")
    for attempt in range(TERMINAL_TRIES):
        name = input("Name: ").strip()
        password = getpass.getpass("Password: ")
        account = accounts.check_password(name, password)
        if account is not None:
            accounts.audit(account.name, "sign_in", {"via": "terminal"}, address="terminal")
            return account.identity
        print("That name and password do not match an enabled account.")
        time.sleep(1.0 + attempt)  # slows guessing; three tries per start
    raise UserError("Not signed in. Ask an admin if you have forgotten your password.")
