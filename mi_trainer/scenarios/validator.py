"""The validate step: the checks run over what the loader read.

Reading (:mod:`~mi_trainer.scenarios.loader`) gives the document with positions and the
problems of shape; :func:`validate` adds every check's problem (as Rasa's validator works
over loaded training data). The checks compare a scenario with the engine's defaults,
which the caller passes in (:class:`~mi_trainer.scenarios.engine.EngineDefaults`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mi_trainer.scenarios.checks import check_include, check_scenario
from mi_trainer.scenarios.diagnostics import ERROR, Diagnostic, ScenarioError
from mi_trainer.scenarios.engine import EngineDefaults
from mi_trainer.scenarios.loader import Loaded, display, read_scenario
from mi_trainer.scenarios.models import ResponseSetFile, Scenario


def validate(loaded: Loaded, engine: EngineDefaults) -> list[Diagnostic]:
    """Every problem of a file read: those found reading it, then the checks' (warnings too).

    The checks run only on a file whose shape is valid (they need its model).
    """
    found = list(loaded.diagnostics)
    if isinstance(loaded.model, Scenario):
        found += check_scenario(loaded.model, loaded, engine)
    elif isinstance(loaded.model, ResponseSetFile):
        found += check_include(loaded.model, loaded, engine)
    elif loaded.salvaged is not None:
        # The rest of a file with errors of shape, checked in the same run: nothing on a
        # line that already has an error, and nothing about the file as a whole.
        # A line whose key was dropped (and the line holding that key) says nothing more.
        taken = {(d.file, d.line) for d in found if d.is_error}
        doc = loaded.doc
        if doc is not None:
            name = display(doc.path)
            for path in loaded.dropped:
                taken |= {(name, doc.pos(path).line), (name, doc.pos(path[:-1]).line)}
        checked = check_scenario(loaded.salvaged, loaded, engine, partial=True)
        found += [d for d in checked if (d.file, d.line) not in taken]
    return found


def load_scenario(path: str | Path, engine: EngineDefaults) -> Scenario:
    """A read and validated scenario; raises ScenarioError listing every problem if any is
    an error (warnings allowed)."""
    loaded = read_scenario(Path(path))
    found = validate(loaded, engine)
    if not isinstance(loaded.model, Scenario) or any(d.is_error for d in found):
        raise ScenarioError(sorted(found, key=_order))
    return loaded.model


def _order(d: Diagnostic) -> tuple[Any, ...]:
    return (d.file, d.line, d.col, d.level != ERROR, d.message)
