"""Where bundled material lives, so every layer finds it the same way."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def bundled_scenarios_dir() -> Path:
    """The scenarios shipped with the project (``$MI_TRAINER_SCENARIOS`` overrides)."""
    override = os.environ.get("MI_TRAINER_SCENARIOS")
    return Path(override) if override else PROJECT_DIR / "scenarios"
