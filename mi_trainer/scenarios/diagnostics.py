"""Problems found in scenario files, as ``file:line:col: level: message``."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One problem at a place in a file (line and col are 1-based)."""

    file: str
    line: int
    col: int
    level: str  # "error" or "warning"
    message: str
    # The file could not be read past this point (not YAML): its other problems show
    # once this one is fixed.
    stops: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.level}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def as_error(self) -> Diagnostic:
        """The same problem as an error (``--strict``)."""
        if self.level == ERROR:
            return self
        return Diagnostic(self.file, self.line, self.col, ERROR, self.message, self.stops)


STOPPED = (
    "Not YAML, so reading stopped there{where}: fix that and check again to see the file's "
    "other problems."
)


def stopped_note(diagnostics: list[Diagnostic]) -> str | None:
    """A sentence for files whose reading stopped at a problem (None if none did)."""
    stops = [d for d in diagnostics if d.stops]
    if not stops:
        return None
    return STOPPED.format(where=" (" + ", ".join(f"{d.file} at line {d.line}" for d in stops) + ")")


class ScenarioError(Exception):
    """A scenario could not be loaded; ``diagnostics`` lists every problem found."""

    def __init__(self, diagnostics: list[Diagnostic], message: str | None = None) -> None:
        self.diagnostics = list(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error]
        if message is None:
            first = errors[0] if errors else (self.diagnostics[0] if self.diagnostics else None)
            count = len(errors)
            message = str(first) if first else "the scenario could not be loaded"
            if count > 1:
                message += f" (and {count - 1} more error{'s' if count > 2 else ''})"
        super().__init__(message)
        self.message = message
