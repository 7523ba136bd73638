"""Reading and checking are two steps; the scenario package imports nothing above it.

The checks compare a scenario with the engine's defaults, which the caller passes in
(an ``EngineDefaults``): the scenario layer never imports the engine, and defaults that
lack what the checks need are refused instead of making the checks find nothing.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

import mi_trainer.scenarios
from mi_trainer.scenarios import EngineDefaults, read_scenario, validate, validate_paths
from mi_trainer.simulation.rules import default_rules, engine_defaults

PACKAGE = Path(mi_trainer.scenarios.__file__).parent
VALID = Path(__file__).parent / "fixtures" / "valid" / "two-members.yaml"
ENGINE = engine_defaults()


def _imports(path: Path) -> set[str]:
    """Every mi_trainer module a file imports, at the top or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {name for name in found if name.startswith("mi_trainer.")}


MODULES = {f"mi_trainer.scenarios.{p.stem}": _imports(p) for p in PACKAGE.glob("*.py")}


# The layers above the scenario format: the engine, scoring, storage and every shell.
ABOVE = tuple(
    f"mi_trainer.{name}"
    for name in ("simulation", "scoring", "storage", "practice", "tui", "cli", "serve", "accounts")
)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_scenario_module_imports_no_layer_above_it(module: str) -> None:
    above = sorted(name for name in MODULES[module] if name.startswith(ABOVE))
    assert above == [], f"{module} imports {above}"


def test_the_scenario_modules_import_each_other_without_a_cycle() -> None:
    graph = {
        module: {name for name in names if name in MODULES and name != module}
        for module, names in MODULES.items()
        if not module.endswith("__init__")
    }
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, "import cycle: " + " -> ".join((*path, module))
        if module in done:
            return
        for name in graph.get(module, ()):
            visit(name, (*path, module))
        done.add(module)

    for module in graph:
        visit(module, ())


def test_reading_gives_the_document_and_model_and_only_validating_runs_the_checks(
    tmp_path: Path,
) -> None:
    path = tmp_path / "twice.yaml"
    text = VALID.read_text(encoding="utf-8").replace("id: lee\n", "id: dani\n", 1)
    path.write_text(text, encoding="utf-8")
    loaded = read_scenario(path)
    assert loaded.model is not None and loaded.doc is not None
    assert loaded.doc.pos(("members", 1, "id")).line > 1  # positions come with the document
    assert loaded.diagnostics == []
    problems = [d.message for d in validate(loaded, ENGINE)]
    assert any(m.startswith("duplicate member id 'dani'") for m in problems)


def test_the_checks_use_the_engine_defaults_they_are_given(tmp_path: Path) -> None:
    path = tmp_path / "angry.yaml"
    text = VALID.read_text(encoding="utf-8").replace(
        "when: {families: [directive]}", 'when: {families: [directive], discord: ">= 0.6"}', 1
    )
    path.write_text(text, encoding="utf-8")
    assert validate_paths([path], ENGINE, strict=True) == []
    early_walk_out = replace(ENGINE, leave_at_discord=0.5)
    messages = [d.message for d in validate_paths([path], early_walk_out)]
    assert any("at or above Dani's walk-out point (0.5)" in m for m in messages), messages


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (lambda d: d.pop("leave_at_discord"), "no number 'leave_at_discord'"),
        (lambda d: d.update(stages="high"), "no mapping 'stages'"),
        (lambda d: d["stages"].update(thinking=0.2), "unknown stage in 'stages'"),
        (lambda d: d["stage_start_readiness"].update(action="x"), "stage_start_readiness.action"),
        (
            lambda d: d["plans"].update(blocked_after_families=["shouting"]),
            "'plans.blocked_after_families' must list code families",
        ),
        (lambda d: d.pop("disclosures"), "no mapping 'disclosures'"),
    ],
)
def test_engine_defaults_without_what_the_checks_need_are_refused_not_ignored(
    broken: object, message: str
) -> None:
    data = default_rules()
    broken(data)  # type: ignore[operator]
    with pytest.raises(ValueError, match=message):
        EngineDefaults.from_rules(data)
