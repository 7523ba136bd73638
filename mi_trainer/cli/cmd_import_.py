"""`mi-trainer import`: import sessions from a JSONL export (importing twice adds nothing)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from mi_trainer.cli.cmd_report import open_store, storage_error
from mi_trainer.cli.errors import UserError

HELP = "Import sessions from a JSONL export or a session database (twice adds nothing)."
DESCRIPTION = """\
Reads an export made by `mi-trainer export`, or another session database file (for example a
practitioner's own sessions.db, to move a team onto a shared PostgreSQL database). Sessions
already present (same session id) are skipped, so importing the same file twice adds nothing.
The whole file is checked first and imported in one go: a bad line is reported with its number
and nothing is imported.

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
    parser.set_defaults(handler=run)


def read_records(path: Path) -> list[dict[str, Any]]:
    """Every record of an export, checked; UserError naming the line and the fix otherwise."""
    from mi_trainer.storage import EXPORT_FORMAT
    from mi_trainer.transcript import Transcript

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file.") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not a text file; expected a JSONL export.") from None
    except OSError as err:
        raise UserError(f"{path}: cannot read it ({err.strerror}).") from None
    records = []
    seen: set[str] = set()
    hint = "Nothing was imported; fix or remove that line (or export again) and retry."
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise UserError(f"{path}:{number}: not valid JSON ({err.msg}). {hint}") from None
        if not isinstance(record, dict) or record.get("format") != EXPORT_FORMAT:
            raise UserError(
                f'{path}:{number}: not an mi-trainer session (expected "format": '
                f'"{EXPORT_FORMAT}"). {hint}'
            )
        session = record.get("session")
        if not isinstance(session, dict) or not session.get("session_id"):
            raise UserError(f"{path}:{number}: the session or its session_id is missing. {hint}")
        try:
            Transcript.from_dict(session)
        except (KeyError, TypeError, ValueError) as err:
            raise UserError(f"{path}:{number}: a turn is malformed ({err}). {hint}") from None
        sid = str(session["session_id"])
        if sid in seen:
            continue
        seen.add(sid)
        records.append(record)
    return records


def is_database_file(path: Path) -> bool:
    from mi_trainer.storage.sqlite_db import SQLITE_HEADER

    try:
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
    from mi_trainer.storage import StorageError

    source = Path(args.file).expanduser()
    records = database_records(source) if is_database_file(source) else read_records(source)
    store = open_store(args, create=True)
    try:
        result = store.import_sessions(records)
    except StorageError as err:
        raise storage_error(err) from None
    finally:
        store.close()
    print(
        f"Imported {result.added} session(s) from {args.file}; skipped {result.skipped} "
        "already in the database."
    )
    return 0
