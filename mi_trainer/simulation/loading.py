"""Finding and loading a scenario for play, with user-readable errors.

Uses the scenario layer (``mi_trainer.scenarios``: ``find_scenario``,
``load_scenario``, diagnostics with ``file:line:col``). Errors come back as
:class:`PlayError`, whose message is ready to print and whose ``details`` are
the scenario's diagnostics, one per line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mi_trainer.paths import bundled_scenarios_dir


class PlayError(Exception):
    """A scenario or coder problem the user can fix; ``details`` are diagnostic lines."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


def load_for_play(id_or_path: str | Path) -> Any:
    """A validated scenario from a path or a bundled scenario id."""
    from mi_trainer.scenarios import ScenarioError, find_scenario

    try:
        path = find_scenario(str(id_or_path))
    except ScenarioError as err:
        raise PlayError(_scenario_error_message(err, str(id_or_path)), _details(err)) from err
    except (LookupError, FileNotFoundError, ValueError, OSError) as err:
        raise PlayError(str(err) or f"scenario not found: {id_or_path}") from err
    try:
        return load_playable(path)
    except ScenarioError as err:
        raise PlayError(_scenario_error_message(err, str(path)), _details(err)) from err
    except OSError as err:
        raise PlayError(f"cannot read scenario {path}: {err.strerror or err}") from err


def load_playable(path: str | Path) -> Any:
    """A scenario read and validated against the engine's own defaults (ScenarioError if not)."""
    from mi_trainer.scenarios import load_scenario
    from mi_trainer.simulation.rules import engine_defaults

    return load_scenario(path, engine_defaults())


def _details(err: Any) -> list[str]:
    return [str(d) for d in getattr(err, "diagnostics", None) or ()]


def _scenario_error_message(err: Any, where: str) -> str:
    diagnostics = getattr(err, "diagnostics", None) or ()
    errors = [d for d in diagnostics if getattr(d, "is_error", True)]
    if not diagnostics:
        return f"{where}: {err}"
    count = len(errors) or len(diagnostics)
    noun = "error" if count == 1 else "errors"
    return f"{where} cannot be played: {count} {noun} (listed above); fix them and try again."


def bundled_scenario_paths() -> list[Path]:
    """Bundled scenario files (not includes), sorted."""
    from mi_trainer.scenarios.library import scenario_files

    folder = bundled_scenarios_dir()
    return scenario_files(folder) if folder.is_dir() else []


def make_coder() -> Any:
    """The real utterance coder, or a PlayError if this build has none."""
    try:
        from mi_trainer.coding.coder import Coder
    except ImportError as err:
        raise PlayError("the utterance coder is not available in this build yet.") from err
    return Coder()
