"""`mi-trainer migrate`: create the session database or bring its schema up to date."""

from __future__ import annotations

import argparse
from typing import Any

from mi_trainer.cli.cmd_report import open_store, storage_error

HELP = "Create the session database, or bring its schema up to date."
DESCRIPTION = """\
Opens the session database, creating it (a file readable by you only, or the tables in an
empty PostgreSQL database) or applying the migrations it lacks, and says which schema version
it is at. The app does this by itself on a file of your own; on a shared PostgreSQL database
run it once after installing or upgrading, as the role that owns the schema, so the app's
role needs no right to change tables (docs/storage.md, Deployment).

examples:
  mi-trainer migrate --db postgresql://mi_owner@db.example/mi
  mi-trainer migrate --db ~/sessions.db
"""


def register(subparsers: Any) -> None:
    from mi_trainer.cli.main import add_db_option

    parser = subparsers.add_parser("migrate", help=HELP, description=DESCRIPTION)
    add_db_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from mi_trainer.storage import StorageError

    store = open_store(args, create=True)
    try:
        version, sessions = store.schema_version, store.count_sessions()
        where = store.location
    except StorageError as err:
        raise storage_error(err) from None
    finally:
        store.close()
    print(f"The session database {where} is at schema version {version} ({sessions} sessions).")
    return 0
