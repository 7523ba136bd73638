"""`mi-trainer export`: export whole sessions as JSONL, for archiving or moving machines."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from typing import Any

from mi_trainer.cli.cmd_report import (
    add_filter_options,
    check_dates,
    filters,
    open_store,
    storage_error,
)
from mi_trainer.cli.errors import UserError
from mi_trainer.cli.sign_in import add_sign_in_options, check_scope, sign_in_if_shared

HELP = "Export whole sessions as JSONL, for archiving or moving machines."
DESCRIPTION = """\
Writes one JSON object per session (header, every turn, status, figures and the full score)
to FILE or stdout, oldest first. The file holds what practitioners typed: keep it as safe as
the database (it is created readable by you only). Bring it back with `mi-trainer import`.

On a shared database (PostgreSQL, or a file with accounts) you sign in first and export only
what your role sees (a manager their team's sessions, an admin everyone's); each export is
written to the audit log with where it went.

examples:
  mi-trainer export --output sessions.jsonl
  mi-trainer export --team "Family Safeguarding North" --since 2026-01-01 -o north.jsonl
  printf '%s\n' "$PASSWORD" | mi-trainer export --user "Ada Okafor" --password-stdin -o all.jsonl
"""


def register(subparsers: Any) -> None:
    from mi_trainer.cli.main import add_db_option

    parser = subparsers.add_parser("export", help=HELP, description=DESCRIPTION)
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (default: stdout)")
    add_filter_options(parser)
    add_db_option(parser)
    add_sign_in_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from mi_trainer.safe_files import atomic_writer, write_error_message
    from mi_trainer.storage import StorageError

    check_dates(args, "since", "until")
    to_file = bool(args.output and args.output != "-")
    store = open_store(args)
    count = 0
    try:
        signed_in = sign_in_if_shared(store, args, "export")
        view = store
        if signed_in is not None:
            check_scope(signed_in, args, "export")
            view = signed_in.scoped(store, output=args.output if to_file else "stdout")
        # To a file: written to a uniquely named owner-only temporary file beside the target
        # and renamed when complete (mi_trainer.safe_files), so a failed export never leaves a
        # truncated archive under the real name and a planted link is never followed.
        with atomic_writer(args.output) if to_file else contextlib.nullcontext(sys.stdout) as out:
            for record in view.export_sessions(**filters(args)):
                out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
                count += 1
    except StorageError as err:
        raise storage_error(err) from None
    except OSError as err:
        if not to_file:
            raise
        raise UserError(write_error_message(args.output, err)) from None
    finally:
        store.close()
    if to_file:
        print(f"Exported {count} session(s) to {args.output}.", file=sys.stderr)
    return 0
