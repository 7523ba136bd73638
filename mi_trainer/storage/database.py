"""The seam between the store and a database engine: what every backend provides.

The session writes, review queries and transfers (``writes``, ``queries``, ``transfer``) are
written once against these two small protocols, in SQL both engines understand (``?``
placeholders, ``ON CONFLICT`` upserts, ``RETURNING``, rows read by column name). A backend
owns only its engineering: opening, creating, checking and migrating the database, the
transaction and retry policy, and what a secure delete means for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

Row = Any  # a row read by column name: ``row["session_id"]`` (sqlite3.Row, psycopg dict_row)


class Cursor(Protocol):
    def fetchone(self) -> Row | None: ...
    def fetchall(self) -> list[Row]: ...
    def __iter__(self) -> Iterator[Row]: ...


class Connection(Protocol):
    """What the store's SQL runs on inside :meth:`Database.read` / :meth:`Database.write`."""

    def execute(self, sql: str, params: Sequence[Any] = ...) -> Cursor: ...
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any: ...


@dataclass
class Erasure:
    """After a purge: whether the deleted content is already gone from every file (False when
    another program still reads the database; the next purge finishes it)."""

    complete: bool = True


class Database(Protocol):
    """One open session database (SQLite file or PostgreSQL server)."""

    #: What the user called it, safe to show: a file path, or a URL without any password.
    location: str
    #: "sqlite" or "postgresql", for the few statements that differ (see docs/storage.md).
    backend: str

    def read(self, fn: Callable[[Connection], T]) -> T:
        """Run ``fn`` for a consistent read, retrying transient failures."""
        ...

    def write(self, fn: Callable[[Connection], T]) -> T:
        """Run ``fn`` in one transaction, committed before returning; retried as a whole."""
        ...

    def secure_delete(self) -> AbstractContextManager[Erasure]:
        """Around a purge: make deleted content unrecoverable where the engine allows; the
        :class:`Erasure` says afterwards whether that is finished."""
        ...

    @property
    def schema_version(self) -> int: ...

    def close(self) -> None: ...
