"""The one error type storage raises: a complete, readable message a user can act on.

Messages are neutral about the shell: they never name a command-line flag. When the fix is to
point the app at another database, ``choose_another`` is set and the shell adds how (the CLI
names ``--db``/``MI_TRAINER_DB``; a server names its setting).
"""

from __future__ import annotations


class StorageError(Exception):
    """A storage problem the user can act on; ``str(err)`` is a complete, readable message."""

    def __init__(self, message: str, *, choose_another: bool = False) -> None:
        super().__init__(message)
        self.choose_another = choose_another
