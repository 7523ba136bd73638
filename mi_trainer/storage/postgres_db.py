"""The PostgreSQL backend: a shared team database, through psycopg 3 and its connection pool.

- The URL is handed to libpq as it is, so everything libpq reads works: ``PG*`` environment
  variables, a service file (``postgresql:///?service=mi``), a password file (``~/.pgpass`` or
  ``PGPASSFILE``); no password needs to be on a command line. Messages show the URL without
  any password.
- Every store call is one transaction on a pooled connection (``psycopg_pool``, checked before
  use, so a connection the server dropped is replaced). A transaction that fails because the
  connection broke, the server restarted or two writers collided is retried as a whole after a
  short backoff; the writes are upserts keyed by (session id, turn index), so a retry after a
  commit whose acknowledgement was lost stores nothing twice. When the server stays away the
  caller gets a :class:`StorageError` saying what is saved and that the session can be resumed.
- The schema is recognised by its ``mi_trainer_schema`` table (application and version); a
  database with other tables and no such table belongs to someone else and is left untouched.
  Migrations run in one transaction under an advisory lock, so two instances starting at once
  do not both migrate, and a role without the right to change the schema is told so.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from mi_trainer.storage.database import Erasure
from mi_trainer.storage.errors import StorageError
from mi_trainer.storage.locations import redact
from mi_trainer.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

T = TypeVar("T")

# The pool logs a warning for each dead connection it replaces; with no logging set up Python
# would print it on the terminal, over the app's screen. Handled here: the retry is ours.
logging.getLogger("psycopg.pool").addHandler(logging.NullHandler())

APPLICATION = "mi-trainer"
VERSION_TABLE = "mi_trainer_schema"


@functools.lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """The store's ``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


def _storable(params: Sequence[Any]) -> tuple[Any, ...]:
    """PostgreSQL text cannot hold U+0000 (nobody types it; a paste might carry it): it is
    kept as U+FFFD, the replacement character, rather than refusing the whole turn."""
    return tuple(
        p.replace("\x00", "\ufffd") if isinstance(p, str) and "\x00" in p else p for p in params
    )


class PgConnection:
    """A psycopg connection speaking the store's SQL (``?`` placeholders, rows by name)."""

    __slots__ = ("raw",)

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.raw.execute(to_pyformat(sql), _storable(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        with self.raw.cursor() as cur:
            cur.executemany(to_pyformat(sql), [_storable(r) for r in rows])


class PostgresDatabase:
    """One PostgreSQL database, shared by many app instances. Open with :meth:`open`."""

    backend = "postgresql"

    def __init__(self, pool: Any, url: str, *, retries: int = 6, backoff_s: float = 0.1) -> None:
        self._pool = pool
        self.url = url
        self.location = redact(url)
        self._retries = retries
        self._backoff_s = backoff_s
        self._closed = threading.Event()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        url: str,
        *,
        create: bool = True,
        retries: int = 4,
        pool_size: int = 4,
        connect_timeout_s: int = 5,
    ) -> PostgresDatabase:
        """Connect, check the database is ours (or empty), migrate it if needed, and pool."""
        try:
            import psycopg
            from psycopg.rows import dict_row
            from psycopg_pool import ConnectionPool
        except ImportError:
            raise StorageError(
                "A PostgreSQL database needs the psycopg driver, which is not installed: "
                "pip install 'mi-trainer[postgresql]' (or pip install 'psycopg[binary]' "
                "psycopg-pool)."
            ) from None
        shown = redact(url)
        options = {"autocommit": True, "row_factory": dict_row}
        try:
            with psycopg.connect(url, connect_timeout=connect_timeout_s, **options) as conn:
                _check_and_migrate(conn, shown, create)
        except psycopg.OperationalError as err:
            raise StorageError(
                f"Cannot connect to the session database {shown}: {_first_line(err)}. Check "
                "that the server is running and the URL, user and password (for example in "
                "~/.pgpass or a service file) are right.",
                choose_another=True,
            ) from None
        except psycopg.errors.InsufficientPrivilege as err:
            raise StorageError(
                f"The database role cannot set up or upgrade the session database {shown} "
                f"({_first_line(err)}). Ask whoever manages the database to run the migrations "
                "as its owner (docs/storage.md, Deployment)."
            ) from None
        except psycopg.Error as err:
            raise StorageError(
                f"The session database {shown} could not be opened: {_first_line(err)}."
            ) from None
        pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max(1, pool_size),
            kwargs={**options, "connect_timeout": connect_timeout_s},
            check=ConnectionPool.check_connection,
            name="mi-trainer",
            timeout=connect_timeout_s,
            open=False,
        )
        pool.open(wait=False)
        return cls(pool, url, retries=retries)

    def close(self) -> None:
        if not self._closed.is_set():
            self._closed.set()
            with contextlib.suppress(Exception):
                self._pool.close()

    @property
    def schema_version(self) -> int:
        return int(
            self.read(lambda c: c.execute(f"SELECT version FROM {VERSION_TABLE}").fetchone())[
                "version"
            ]
        )

    # ------------------------------------------------------------------ transactions

    def read(self, fn: Callable[[PgConnection], T]) -> T:
        return self._transaction(fn)

    def write(self, fn: Callable[[PgConnection], T]) -> T:
        return self._transaction(fn)

    def _transaction(self, fn: Callable[[PgConnection], T]) -> T:
        import psycopg
        from psycopg_pool import PoolTimeout

        delay = self._backoff_s
        for attempt in range(self._retries + 1):
            try:
                with self._pool.connection() as raw, raw.transaction():
                    return fn(PgConnection(raw))
            except (
                psycopg.errors.SerializationFailure,
                psycopg.errors.DeadlockDetected,
                psycopg.OperationalError,
                PoolTimeout,
            ) as err:
                if attempt == self._retries or self._closed.is_set():
                    raise self._unreachable_error(err) from None
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 2.0)
            except psycopg.errors.InsufficientPrivilege as err:
                raise StorageError(
                    f"The database role may not do this in {self.location} "
                    f"({_first_line(err)}). Ask whoever manages the database to grant the "
                    "rights listed in docs/storage.md (Deployment)."
                ) from None
            except psycopg.Error as err:
                raise StorageError(
                    f"The session database {self.location} refused a request "
                    f"({_first_line(err)}). Nothing of that request was saved."
                ) from None
        raise AssertionError("unreachable")

    def _unreachable_error(self, err: Exception) -> StorageError:
        return StorageError(
            f"Lost the connection to the session database {self.location} and could not get "
            f"it back after {self._retries + 1} tries ({_first_line(err)}). Everything saved "
            "before this is kept; an unfinished session can be resumed once the database is "
            "reachable again."
        )

    @contextlib.contextmanager
    def secure_delete(self) -> Iterator[Erasure]:
        # PostgreSQL frees deleted rows at the next (auto)vacuum; docs/storage.md says how to
        # make that happen at once. Nothing to switch on here.
        yield Erasure()


def _first_line(err: Exception) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0].rstrip(".")


def _check_and_migrate(conn: Any, shown: str, create: bool) -> None:
    """Refuse a database that is not ours or is newer; create or migrate ours (one
    transaction, under an advisory lock)."""
    version = _version(conn, shown)
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"{shown} was made by a newer mi-trainer (schema version {version}; this one knows "
            f"up to {SCHEMA_VERSION}). Upgrade mi-trainer to use it, or choose another "
            "database.",
            choose_another=True,
        )
    if version == SCHEMA_VERSION:
        return
    if version == 0 and not create:
        raise StorageError(
            f"There is no session database at {shown} yet: practise a session in the app "
            "first, or choose an existing database.",
            choose_another=True,
        )
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (APPLICATION_ID,))
        current = _version(conn, shown)  # another instance may have migrated meanwhile
        if current == 0:
            conn.execute(
                f"CREATE TABLE {VERSION_TABLE} "
                "(application TEXT NOT NULL, version INTEGER NOT NULL)"
            )
            conn.execute(f"INSERT INTO {VERSION_TABLE} VALUES (%s, 0)", (APPLICATION,))
        for number in range(current, SCHEMA_VERSION):
            for statement in MIGRATIONS[number].statements("postgresql"):
                conn.execute(to_pyformat(statement), ())
        conn.execute(f"UPDATE {VERSION_TABLE} SET version = %s", (SCHEMA_VERSION,))


def _version(conn: Any, shown: str) -> int:
    ours = conn.execute(
        "SELECT to_regclass(%s) IS NOT NULL AS present", (VERSION_TABLE,)
    ).fetchone()["present"]
    if ours:
        row = conn.execute(f"SELECT application, version FROM {VERSION_TABLE}").fetchone()
        if row is not None and row["application"] == APPLICATION:
            return int(row["version"])
    else:
        tables = conn.execute(
            "SELECT count(*) AS n FROM information_schema.tables "
            "WHERE table_schema = current_schema()"
        ).fetchone()["n"]
        if not tables:
            return 0
    raise StorageError(
        f"{shown} is a PostgreSQL database, but not one made by mi-trainer (it has other "
        "tables), so it was left untouched. Give mi-trainer a database (or schema) of its own, "
        "or choose another database.",
        choose_another=True,
    )
