"""Scenario YAML format: models, safe reading and validation for trainers.

Two steps: reading (``loader.read_scenario``: the document with positions and the model)
and validating (``validator.validate``: the checks, against the engine's defaults, which
the caller passes in as an :class:`EngineDefaults`; the engine's own come from
``mi_trainer.simulation.rules.engine_defaults()``).

```python
from mi_trainer.scenarios import load_scenario, validate_paths, list_scenarios, find_scenario
```
See docs/authoring.md for the format.
"""

from mi_trainer.scenarios.diagnostics import Diagnostic, ScenarioError
from mi_trainer.scenarios.engine import EngineDefaults
from mi_trainer.scenarios.library import (
    find_scenario,
    list_scenarios,
    validate_files,
    validate_paths,
)
from mi_trainer.scenarios.loader import Loaded, read_include, read_scenario
from mi_trainer.scenarios.models import Scenario
from mi_trainer.scenarios.validator import load_scenario, validate

__all__ = [
    "Diagnostic",
    "EngineDefaults",
    "Loaded",
    "Scenario",
    "ScenarioError",
    "find_scenario",
    "list_scenarios",
    "load_scenario",
    "read_include",
    "read_scenario",
    "validate",
    "validate_files",
    "validate_paths",
]
