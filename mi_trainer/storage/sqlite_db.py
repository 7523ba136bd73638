"""The SQLite backend: one owner-only file, checked, migrated, written with retries.

- WAL journal, ``synchronous=NORMAL``: every turn is its own committed transaction, so killing
  the app loses at most the line being typed; WAL never corrupts on a crash and NORMAL skips an
  fsync per turn (only a power cut can lose the last few commits, never consistency).
- Writes use ``BEGIN IMMEDIATE`` with ``busy_timeout`` plus a few retries with backoff, so two
  app instances on one machine both get their turns in; if the lock never frees, a readable
  :class:`StorageError` says so.
- New files are created 0600 by us (``os.open``) before SQLite touches them.
- A file that is not an mi-trainer database (not SQLite, another program's SQLite, or damaged)
  raises :class:`StorageError` and is never written to.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from mi_trainer.safe_files import make_private_dirs
from mi_trainer.storage.database import Erasure
from mi_trainer.storage.errors import StorageError
from mi_trainer.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

T = TypeVar("T")

SQLITE_HEADER = b"SQLite format 3\x00"
_CHOOSE = "Choose another database"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _is_locked(err: sqlite3.OperationalError) -> bool:
    text = str(err).lower()
    return "locked" in text or "busy" in text


class SQLiteDatabase:
    """One SQLite file. Open with :meth:`open`; safe to share between threads."""

    backend = "sqlite"

    def __init__(
        self, conn: sqlite3.Connection, path: Path, *, retries: int = 6, backoff_s: float = 0.05
    ) -> None:
        self._conn = conn
        self.path = path
        self.location = str(path)
        self._retries = retries
        self._backoff_s = backoff_s
        self._lock = threading.RLock()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        busy_timeout_ms: int = 5000,
        retries: int = 6,
        create: bool = True,
    ) -> SQLiteDatabase:
        """Open (creating 0600 and migrating if needed) the database file at ``path``.

        Raises :class:`StorageError` for a foreign, damaged, newer or unwritable file, never
        touching its bytes; with ``create=False`` also when there is no database yet (review
        commands should not make one by accident).
        """
        db = Path(path).expanduser()
        if not create and _what_is_at(db) == _MISSING:
            raise StorageError(
                f"There is no session database at {db} yet: practise a session in the app "
                "first, or choose an existing database.",
                choose_another=True,
            )
        created = _create_file(db)
        try:
            conn = sqlite3.connect(
                str(db),
                timeout=busy_timeout_ms / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as err:
            raise StorageError(
                f"Cannot open the session database {db}: {err}. {_CHOOSE}.", choose_another=True
            ) from None
        conn.row_factory = _dict_row
        database = cls(conn, db, retries=retries)
        try:
            database._check_and_migrate(created, busy_timeout_ms)
        except BaseException:
            conn.close()
            raise
        return database

    def _check_and_migrate(self, created: bool, busy_timeout_ms: int) -> None:
        conn = self._conn
        db = self.path
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            # Every connection overwrites what it deletes (a purge, a replaced turn or score),
            # so deleted words never linger in free space in the file.
            conn.execute("PRAGMA secure_delete = ON")
            app_id = _scalar(conn, "PRAGMA application_id")
            version = _scalar(conn, "PRAGMA user_version")
            tables = _scalar(
                conn, "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            )
        except sqlite3.Error as err:
            raise self._error(err) from None
        empty = app_id == 0 and version == 0 and tables == 0
        if not empty and app_id != APPLICATION_ID:
            raise StorageError(
                f"{db} is an SQLite database, but not one made by mi-trainer "
                f"(it belongs to another program), so it was left untouched. {_CHOOSE}.",
                choose_another=True,
            )
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"{db} was made by a newer mi-trainer (schema version {version}; this one "
                f"knows up to {SCHEMA_VERSION}). Upgrade mi-trainer to use it, or choose "
                "another database.",
                choose_another=True,
            )
        try:
            mode = _scalar(conn, "PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as err:
            raise self._error(err, writing=True) from None
        if str(mode).lower() != "wal":
            raise StorageError(
                f"Cannot use write-ahead logging for {db} (journal mode {mode}); "
                f"is it on a network drive? {_CHOOSE}.",
                choose_another=True,
            )
        if version < SCHEMA_VERSION:
            self._migrate()
        _tighten(db)

    def _migrate(self) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            current = _scalar(conn, "PRAGMA user_version")
            if current == 0:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for number in range(current, SCHEMA_VERSION):
                for statement in MIGRATIONS[number].statements(self.backend):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

        self.write(apply)

    def close(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA optimize")  # keeps the query planner's statistics fresh
            self._conn.close()

    @property
    def schema_version(self) -> int:
        return int(self.read(lambda c: _scalar(c, "PRAGMA user_version")))

    # ------------------------------------------------------------------ errors and retries

    def _locked_error(self) -> StorageError:
        return StorageError(
            f"The session database {self.path} is busy (locked by another program or another "
            "mi-trainer window) and did not free up after several tries. Close the other "
            "program, or wait a moment and try again."
        )

    def _error(self, err: sqlite3.Error, writing: bool = False) -> StorageError:
        """What really happened, from SQLite's error code: only a damaged file is "damaged"."""
        name = getattr(err, "sqlite_errorname", None) or ""
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or (
            isinstance(err, sqlite3.OperationalError) and _is_locked(err)
        ):
            return self._locked_error()
        if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            return self._damaged_error(err)
        if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
            return self._unwritable_error(err)
        if name.startswith("SQLITE_FULL"):
            return StorageError(
                f"The disk holding the session database {self.path} is full; nothing more "
                "could be saved. Free some space and try again (what was saved is safe)."
            )
        if name.startswith("SQLITE_IOERR"):
            return StorageError(
                f"The disk could not read or write the session database {self.path} ({err}). "
                "Check the disk or drive it is on; the database was not changed."
            )
        if writing:
            return self._unwritable_error(err)
        return StorageError(
            f"The session database {self.path} refused a value ({err}); nothing was changed. "
            "The database itself is fine: please report this with the command you ran."
        )

    def _damaged_error(self, err: Exception) -> StorageError:
        return StorageError(
            f"{self.path} is damaged or is not an mi-trainer database ({err}); it was left "
            "untouched. Move it aside to start a new one, or choose another database.",
            choose_another=True,
        )

    def _unwritable_error(self, err: Exception) -> StorageError:
        folder = self.path.parent
        if not os.access(folder, os.W_OK):
            return StorageError(
                f"Cannot use the session database {self.path}: the folder {folder} is "
                "read-only, and SQLite keeps two working files (-wal and -shm) beside the "
                "database. The database itself is fine and was left untouched: make the folder "
                "writable, or copy the database to a folder you can write to.",
                choose_another=True,
            )
        if not os.access(self.path, os.W_OK):
            return StorageError(
                f"Cannot use the session database {self.path}: the file is read-only for you. "
                "It is fine and was left untouched: ask its owner for write access, or copy it.",
                choose_another=True,
            )
        return StorageError(
            f"Cannot write to the session database {self.path} ({err}). Check that you can "
            "write to the file and its folder, or choose another database.",
            choose_another=True,
        )

    def _retrying(self, action: Callable[[], T]) -> T:
        delay = self._backoff_s
        for attempt in range(self._retries + 1):
            try:
                return action()
            except sqlite3.OperationalError as err:
                if not _is_locked(err):
                    raise self._error(err) from None
                if attempt == self._retries:
                    raise self._locked_error() from None
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 1.0)
            except sqlite3.Error as err:
                raise self._error(err) from None
        raise AssertionError("unreachable")

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one IMMEDIATE transaction, retrying the whole of it when locked."""

        def once() -> T:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = fn(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return result

        with self._lock:
            return self._retrying(once)

    def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            return self._retrying(lambda: fn(self._conn))

    @contextlib.contextmanager
    def secure_delete(self) -> Iterator[Erasure]:
        """Around a purge: deleted content is overwritten (``secure_delete`` is on for every
        connection), then ``VACUUM`` rebuilds the file without free pages and the WAL is
        checkpointed and truncated, so no copy of the deleted words is left in any file.

        A program still reading the database keeps the old pages alive until it stops; then
        ``complete`` is False and the next purge (or vacuum) finishes the job.
        """
        erasure = Erasure()
        with self._lock:
            yield erasure
            try:
                self._conn.execute("VACUUM")
                busy = _scalar(self._conn, "PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                busy = 1  # another program holds the database: it is finished next time
            erasure.complete = not busy


_MISSING, _FILE, _DANGLING = "missing", "file", "dangling link"
_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


def _what_is_at(db: Path) -> str:
    """``_MISSING``, ``_DANGLING`` or ``_FILE``; StorageError for anything that is not a file
    (checked without opening it: opening a named pipe would wait forever)."""
    try:
        info = os.stat(db)
    except FileNotFoundError:
        return _DANGLING if os.path.islink(db) else _MISSING
    except NotADirectoryError:
        return _MISSING  # a file where a folder should be: creating the folder says so
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise StorageError(
                f"{db} is a symbolic link that leads round in a loop (it, or a link it points "
                f"to, points back). Fix or remove the link. {_CHOOSE}.",
                choose_another=True,
            ) from None
        raise StorageError(f"Cannot reach the session database {db}: {err.strerror}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise StorageError(
            f"{db} is a folder, not a database file. {_CHOOSE}.", choose_another=True
        )
    if not stat.S_ISREG(info.st_mode):
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "a special file")
        raise StorageError(
            f"{db} is not a regular file (it is {kind}), so it cannot hold a session "
            f"database. {_CHOOSE}.",
            choose_another=True,
        )
    return _FILE


# The last query's (cursor.description, column names), swapped as one tuple so that threads
# using two stores at once never pair one query's description with another's names.
_last_names: list[tuple[Any, tuple[str, ...]]] = [(None, ())]


def _dict_row(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> dict[str, Any]:
    """Rows read by column name, as psycopg's ``dict_row`` gives them (and faster to read by
    name than ``sqlite3.Row``, whose lookups compare names one by one)."""
    description = cursor.description
    cached = _last_names[0]
    if cached[0] is not description:  # a new query: its names once, not per row
        cached = (description, tuple(column[0] for column in description))
        _last_names[0] = cached
    return dict(zip(cached[1], row, strict=True))


def _scalar(conn: sqlite3.Connection, sql: str) -> Any:
    """The single value of a one-value query (a pragma, a count)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(sql).fetchone()[0]


def _create_file(db: Path) -> bool:
    """Create an empty 0600 file if there is none (True if new); check what is there.

    A dangling symbolic link creates the file it points to; an existing empty file counts as
    new. Either way the file ends up 0600 and any folder made for it 0700, whatever the umask.
    """
    kind = _what_is_at(db)
    if kind == _FILE:
        try:
            with db.open("rb") as handle:
                head = handle.read(16)
        except OSError as err:
            raise StorageError(f"Cannot read the session database {db}: {err.strerror}.") from None
        if (head and head != SQLITE_HEADER[: len(head)]) or 0 < len(head) < 16:
            raise StorageError(
                f"{db} is not an mi-trainer database (it is not an SQLite file at all), so it "
                f"was left untouched. {_CHOOSE}.",
                choose_another=True,
            )
        if head:
            return False
        with contextlib.suppress(OSError):
            os.chmod(db, 0o600)  # empty: nothing in it yet whose permissions were chosen
        return True
    target = Path(os.path.realpath(db)) if kind == _DANGLING else db
    folder = target.parent
    try:
        make_private_dirs(folder)
    except OSError as err:
        raise StorageError(
            f"Cannot create the folder {folder} for the session database: {err.strerror}. "
            f"{_CHOOSE}.",
            choose_another=True,
        ) from None
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    except FileExistsError:
        return False  # another process created it a moment ago
    except OSError as err:
        raise StorageError(
            f"Cannot create the session database {db}: {err.strerror} (is the folder "
            f"{folder} writable?). {_CHOOSE}.",
            choose_another=True,
        ) from None
    try:
        os.fchmod(fd, 0o600)  # in case a umask narrowed it oddly or a filesystem widened it
    finally:
        os.close(fd)
    return True


def _tighten(db: Path) -> None:
    """Owner-only WAL and shared-memory files next to an owner-only database."""
    try:
        if stat.S_IMODE(db.stat().st_mode) & 0o077:
            return  # the user chose wider permissions for this file; respect them
        for suffix in ("-wal", "-shm"):
            side = Path(str(db) + suffix)
            if side.exists():
                os.chmod(side, 0o600)
    except OSError:
        pass
