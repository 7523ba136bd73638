"""The engine's rules file is read by YAML 1.1, where an unquoted on/off/yes/no is a boolean:
a word list holding one silently loses that word (``misheard_thing_after`` had lost "on", so
"…on the tills" was never heard as naming a thing). Every list item and key is what it says."""

from __future__ import annotations

from typing import Any

from mi_trainer.simulation.rules import default_rules


def _booleans(node: Any, path: str = "") -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, bool):
                found.append(f"{path}: key {key}")
            found += _booleans(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, bool):
                found.append(f"{path}[{i}]")
            found += _booleans(value, f"{path}[{i}]")
    return found


def test_no_word_in_the_rules_is_read_as_a_boolean() -> None:
    assert _booleans(default_rules()) == []


def test_misheard_thing_after_keeps_on() -> None:
    assert "on" in default_rules()["misheard_thing_after"]
