"""Checks beyond the shape: references, duplicates, reachability, fallbacks."""

from __future__ import annotations

from typing import Any

from mi_trainer.scenarios.diagnostics import Diagnostic


def check_scenario(scenario: Any, loaded: Any) -> list[Diagnostic]:
    return []


def check_include(model: Any, loaded: Any) -> list[Diagnostic]:
    return []
