"""Start the Textual app (imported only when `mi-trainer` runs with no command).

Who is using it:
- started by `mi-trainer serve` for a browser: the sign-in token in ``MI_TRAINER_SIGN_IN``
  names a live sign-in in the database (checked here, never taken on trust);
- a shared database (PostgreSQL, or a file with accounts): the terminal asks for a name and
  password (cli/sign_in.py, as every command on such a database does);
- otherwise the local user is trusted, as always (name and team typed on the start screen).
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from mi_trainer.cli.errors import UserError

SIGN_IN_ENV = "MI_TRAINER_SIGN_IN"


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
    from mi_trainer.cli.cmd_report import storage_error
    from mi_trainer.cli.sign_in import sign_in_if_shared
    from mi_trainer.storage import SessionStore, StorageError

    try:
        store = SessionStore.open(getattr(args, "db", None))
    except StorageError as err:
        if token is None:
            return None  # the app shows the database problem itself
        raise storage_error(err) from None
    try:
        accounts = AccountStore(store)
        if token is not None:
            identity = accounts.identity_for(token)
            if identity is None:
                raise UserError("Your sign-in has ended: sign in again in the browser.")
            return identity
        signed_in = sign_in_if_shared(store, args, "app")
        return signed_in.identity if signed_in else None
    except StorageError as err:
        raise storage_error(err) from None
    finally:
        store.close()
