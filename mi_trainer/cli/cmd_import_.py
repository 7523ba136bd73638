"""`mi-trainer import`: import sessions from a JSONL export (importing twice adds nothing)."""

from __future__ import annotations

import argparse
import stat
import sys
from pathlib import Path
from typing import Any

from mi_trainer.cli.cmd_report import open_store, storage_error
from mi_trainer.cli.sign_in import add_sign_in_options, refused_by_role, sign_in_if_shared

HELP = "Import sessions from a JSONL export or a session database (twice adds nothing)."
DESCRIPTION = """\
Reads an export made by `mi-trainer export`, or another session database file (for example a
practitioner's own sessions.db, to move a team onto a shared PostgreSQL database). Sessions
already present (same session id) are skipped, so importing the same file twice adds nothing.
The whole file is checked first and imported in one go: a bad line is reported with its number
and nothing is imported.

On a shared database (PostgreSQL, or a file with accounts) only an admin imports: sign in
first (--user NAME --password-stdin in a script); each import is written to the audit log.

examples:
  mi-trainer import sessions.jsonl
  mi-trainer import ~/.local/share/mi-trainer/sessions.db --db postgresql://mi@db.example/mi
"""


def register(subparsers: Any) -> None:
    from mi_trainer.cli.main import add_db_option

    parser = subparsers.add_parser("import", help=HELP, description=DESCRIPTION)
    parser.add_argument(
        "file", metavar="FILE", help="a JSONL file made by `mi-trainer export`, or a sessions.db"
    )
    add_db_option(parser)
    add_sign_in_options(parser)
    parser.set_defaults(handler=run)


def is_database_file(path: Path) -> bool:
    from mi_trainer.storage.sqlite_db import SQLITE_HEADER

    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False  # never open a pipe or device: that would wait forever
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def database_records(path: Path) -> list[dict[str, Any]]:
    """Every session of another session database, as export records."""
    from mi_trainer.storage import SessionStore, StorageError

    try:
        with SessionStore.open(path, create=False) as source:
            return list(source.export_sessions())
    except StorageError as err:
        raise storage_error(err) from None


def run(args: argparse.Namespace) -> int:
    from mi_trainer.accounts import ScopeError
    from mi_trainer.storage import StorageError
    from mi_trainer.storage.export_format import read_export

    source = Path(args.file).expanduser()
    lines: list[int] | None = None
    try:
        if is_database_file(source):
            records = database_records(source)
        else:
            parsed = read_export(source)
            lines = [number for number, _ in parsed]
            records = [data for _, data in parsed]
        store = open_store(args, create=True)
        try:
            signed_in = sign_in_if_shared(store, args, "import")
            view = signed_in.scoped(store) if signed_in else store
            result = view.import_sessions(records, source=args.file, lines=lines)
        finally:
            store.close()
    except StorageError as err:
        raise storage_error(err) from None
    except ScopeError as err:
        raise refused_by_role(err) from None
    for note in result.notes:
        print(note, file=sys.stderr)
    print(
        f"Imported {result.added} session(s) from {args.file}; skipped {result.skipped} "
        "already in the database."
    )
    return 0
