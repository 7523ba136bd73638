"""Scenario YAML format: models, safe loading and validation for trainers.

```python
from mi_trainer.scenarios import load_scenario, validate_paths, list_scenarios, find_scenario
```
See docs/authoring.md for the format.
"""

from mi_trainer.scenarios.diagnostics import Diagnostic, ScenarioError
from mi_trainer.scenarios.library import (
    find_scenario,
    list_scenarios,
    validate_files,
    validate_paths,
)
from mi_trainer.scenarios.loader import load_scenario
from mi_trainer.scenarios.models import Scenario

__all__ = [
    "Diagnostic",
    "Scenario",
    "ScenarioError",
    "find_scenario",
    "list_scenarios",
    "load_scenario",
    "validate_files",
    "validate_paths",
]
