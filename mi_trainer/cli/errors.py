"""User-facing errors: raised anywhere in the CLI, printed once without a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A mistake the user can fix (bad file, bad option). ``exit_code`` follows Unix habit."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
