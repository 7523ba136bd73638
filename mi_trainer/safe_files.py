"""Writing files safely: owner-only, never through a planted link, replaced atomically.

Everything the product writes that can hold practitioners' or families' words (reports,
transcripts, exports, preferences) goes through here, so that

- a file is created 0600 and any folder we create 0700, whatever the umask and whatever was
  at the path before (an existing 0644 file is *replaced* by a new 0600 one, not rewritten);
- the bytes go first to a temporary file in the same folder with a unique, unguessable name,
  opened ``O_CREAT | O_EXCL | O_NOFOLLOW``: a symlink planted at a predictable name
  (``report.html.partial``) is never followed and never receives anything;
- the temporary file is flushed and ``fsync``-ed, then renamed over the target with
  ``os.replace``: readers see the old file or the complete new one, never half of it; on any
  failure (full disk, Ctrl-C) the temporary file is removed and the target is untouched.

A symlink *at the target name itself* is replaced by the new file, not written through.

Files without personal data (a scenario skeleton, the JSON Schema) use ``private=False``:
the same atomic path, with the permissions the user's umask gives.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
_SHARED_FILE_MODE = 0o666  # narrowed by the umask, as for any ordinary file

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def make_private_dirs(folder: str | os.PathLike[str]) -> None:
    """Create ``folder`` and any missing parents, each 0700 (folders that exist are left alone)."""
    missing: list[Path] = []
    current = Path(folder)
    while not current.is_dir():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, PRIVATE_DIR_MODE)
        except FileExistsError:
            if not path.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(path)) from None
            continue  # another process made it a moment ago: theirs, leave it
        os.chmod(path, PRIVATE_DIR_MODE)  # the umask may have narrowed or a filesystem widened it


def _make_dirs(folder: Path, private: bool) -> None:
    if private:
        make_private_dirs(folder)
    else:
        folder.mkdir(parents=True, exist_ok=True)


def _create_temporary(folder: Path, name: str, private: bool) -> tuple[int, Path]:
    """A new, empty file in ``folder`` with a unique name, opened exclusively and no-follow."""
    stem = name[:180]  # room for the suffix within a 255-byte file name
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY
    mode = PRIVATE_FILE_MODE if private else _SHARED_FILE_MODE
    for _ in range(100):
        temporary = folder / f".{stem}.{secrets.token_hex(8)}.partial"
        try:
            fd = os.open(temporary, flags, mode)
        except FileExistsError:
            continue
        if private and hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE_MODE)
        return fd, temporary
    raise FileExistsError(errno.EEXIST, "could not find a free temporary name", str(folder))


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform lets us open a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_writer(
    path: str | os.PathLike[str],
    *,
    private: bool = True,
    create_folders: bool = False,
    encoding: str = "utf-8",
) -> Iterator[IO[str]]:
    """A text handle whose content replaces ``path`` only when the ``with`` block succeeds.

    Missing folders are an error unless ``create_folders`` (then they are made, 0700 when
    ``private``): a mistyped folder in ``--output`` should not quietly grow a new tree.

    Raises ``OSError`` (``IsADirectoryError`` when ``path`` is a folder); see
    :func:`write_error_message` for a readable message.
    """
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
    folder = target.parent
    if create_folders:
        _make_dirs(folder, private)
    fd, temporary = _create_temporary(folder, target.name, private)
    try:
        with os.fdopen(fd, "w", encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(folder)


def write_text(
    path: str | os.PathLike[str], text: str, *, private: bool = True, create_folders: bool = False
) -> None:
    """Write ``text`` to ``path`` atomically (owner-only unless ``private=False``)."""
    with atomic_writer(path, private=private, create_folders=create_folders) as handle:
        handle.write(text)


def write_error_message(
    path: str | os.PathLike[str], err: OSError, lead: str = "Cannot write"
) -> str:
    """What went wrong writing ``path``, for a person: what happened and what to do."""
    where = f"{lead} {path}"
    if isinstance(err, IsADirectoryError) and Path(path).is_dir():
        return (
            f"{where}: it is a folder; give a file name inside it (e.g. {Path(path) / 'out.txt'})."
        )
    if err.errno in _FULL:
        return (
            f"{where}: the disk is full or the file is larger than this system allows "
            f"({err.strerror}). Nothing was written to {path}; free some space or choose "
            "another place."
        )
    if isinstance(err, NotADirectoryError):
        return f"{where}: {err.filename or 'a part of the path'} is not a folder."
    if isinstance(err, PermissionError):
        return (
            f"{where}: permission denied. Choose a folder you can write to, or ask whoever "
            "manages this machine."
        )
    if isinstance(err, FileNotFoundError):
        return (
            f"{where}: the folder {Path(path).parent} does not exist. Create it or choose another."
        )
    return f"{where}: {err.strerror or err}."
