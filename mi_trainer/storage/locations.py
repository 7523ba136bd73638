"""Where the session database is: a SQLite file path, or a PostgreSQL connection URL.

A value that looks like a URL (``scheme://…``) is never taken as a file name: ``postgresql://``
and ``postgres://`` open the PostgreSQL backend; any other scheme is refused with a message,
so ``mysql://host/db`` does not quietly become a folder named ``mysql:``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from mi_trainer.storage.errors import StorageError

POSTGRESQL_SCHEMES = ("postgresql", "postgres")
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


@dataclass(frozen=True, slots=True)
class Location:
    backend: str  # "sqlite" | "postgresql"
    value: str  # the path (expanded) or the URL as given (it may hold a password)

    @property
    def path(self) -> Path:
        return Path(self.value)

    @property
    def shown(self) -> str:
        """Safe to print: a path, or the URL with any password removed."""
        return self.value if self.backend == "sqlite" else redact(self.value)


def default_location_text() -> str | None:
    return os.environ.get("MI_TRAINER_DB") or None


def parse_location(value: str | os.PathLike[str]) -> Location:
    text = os.fspath(value)
    match = _URL.match(text) if isinstance(text, str) else None
    if match is None:
        return Location("sqlite", str(Path(text).expanduser()))
    scheme = match.group(1).lower()
    if scheme in POSTGRESQL_SCHEMES:
        return Location("postgresql", text)
    raise StorageError(
        f"'{redact(text)}' looks like a {scheme} URL, which mi-trainer cannot use. Give the path "
        "of a session database file (SQLite), or a PostgreSQL URL such as "
        "postgresql://user@host/dbname.",
        choose_another=True,
    )


def redact(url: str) -> str:
    """``postgresql://sam:secret@db/mi`` -> ``postgresql://sam@db/mi`` (also ``?password=``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(a database URL)"
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        netloc = f"{userinfo.split(':', 1)[0]}@{host}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"]
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
