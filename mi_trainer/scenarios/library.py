"""Finding scenario files: bundled ones by id, folders, and validation of many paths."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mi_trainer.paths import bundled_scenarios_dir
from mi_trainer.scenarios.diagnostics import ERROR, Diagnostic, ScenarioError
from mi_trainer.scenarios.engine import EngineDefaults
from mi_trainer.scenarios.loader import display, read_include, read_scenario
from mi_trainer.scenarios.models import Scenario
from mi_trainer.scenarios.validator import validate

SUFFIXES = (".yaml", ".yml")


def is_include(path: Path, root: Path | None = None) -> bool:
    """Include files (and everything in folders) start with '_'."""
    parts = path.relative_to(root).parts if root is not None else (path.name,)
    return any(part.startswith("_") for part in parts)


def scenario_files(folder: Path) -> list[Path]:
    """Scenario files in ``folder`` and below (not includes), sorted."""
    return [p for p in yaml_files(folder) if not is_include(p, folder)]


def yaml_files(folder: Path) -> list[Path]:
    """Every YAML file in ``folder`` and below (hidden folders skipped), sorted."""
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).parts
        if any(part.startswith(".") for part in rel):
            continue
        if path.suffix in SUFFIXES and path.is_file():
            found.append(path)
    return found


def list_scenarios(folder: str | Path | None = None) -> list[Scenario]:
    """Every valid scenario in ``folder`` (bundled by default), sorted by id.

    Files that do not load are skipped here; ``mi-trainer validate`` explains them.
    """
    root = Path(folder) if folder is not None else bundled_scenarios_dir()
    if not root.is_dir():
        return []
    scenarios = []
    for path in scenario_files(root):
        loaded = read_scenario(path)
        if loaded.ok and isinstance(loaded.model, Scenario):
            scenarios.append(loaded.model)
    return sorted(scenarios, key=lambda s: s.id)


def find_scenario(id_or_path: str | Path) -> Path:
    """A scenario file from a path, or from a bundled scenario's id (file name or ``id:``).

    Raises FileNotFoundError with a message naming the nearest bundled id.
    """
    text = str(id_or_path)
    path = Path(text)
    if path.is_file():
        return path
    if path.is_dir():
        raise FileNotFoundError(f"{text} is a folder: give a scenario file or a scenario id")
    folder = bundled_scenarios_dir()
    files = scenario_files(folder) if folder.is_dir() else []
    for candidate in files:
        if candidate.stem == text:
            return candidate
    by_id: dict[str, Path] = {}
    for candidate in files:
        loaded = read_scenario(candidate)
        if isinstance(loaded.model, Scenario):
            by_id.setdefault(loaded.model.id, candidate)
    if text in by_id:
        return by_id[text]
    from mi_trainer.scenarios.errors import did_you_mean

    ids = sorted({p.stem for p in files} | set(by_id))
    hint = did_you_mean(text, ids)
    known = f" Bundled scenarios: {', '.join(ids)}." if ids else ""
    raise FileNotFoundError(
        f"no scenario file or bundled scenario called '{text}'{hint or '.'}{known}"
    )


def validate_files(
    paths: Iterable[str | Path], engine: EngineDefaults, strict: bool = False
) -> tuple[list[Path], list[Diagnostic]]:
    """(files checked, diagnostics) for files and folders (recursing), checked against the
    engine's defaults ``engine``."""
    checked: list[Path] = []
    diagnostics: list[Diagnostic] = []
    seen: set[str] = set()
    for given in paths:
        root = Path(given)
        if root.is_dir():
            targets = [(p, is_include(p, root)) for p in yaml_files(root)]
        elif root.is_file():
            targets = [(root, root.name.startswith("_"))]
        else:
            diagnostics.append(Diagnostic(display(root), 1, 1, ERROR, "no such file or folder"))
            continue
        for path, include in targets:
            checked.append(path)
            try:
                loaded = read_include(path) if include else read_scenario(path)
                found = validate(loaded, engine)
            except Exception as err:  # a bug of ours must not hide the other files' problems
                diagnostics.append(
                    Diagnostic(
                        display(path),
                        1,
                        1,
                        ERROR,
                        f"mi-trainer could not check this file ({type(err).__name__}: {err}); "
                        "please report this as a bug",
                    )
                )
                continue
            ordered = sorted(found, key=lambda d: (d.file != display(path), d.file, d.line, d.col))
            for diagnostic in ordered:
                if strict:
                    diagnostic = diagnostic.as_error()
                key = str(diagnostic)
                if key not in seen:
                    seen.add(key)
                    diagnostics.append(diagnostic)
    return checked, diagnostics


def validate_paths(
    paths: Iterable[str | Path], engine: EngineDefaults, strict: bool = False
) -> list[Diagnostic]:
    """Every error and warning in these files and folders (``strict``: warnings as errors)."""
    return validate_files(paths, engine, strict=strict)[1]


__all__ = [
    "ScenarioError",
    "find_scenario",
    "list_scenarios",
    "validate_files",
    "validate_paths",
]
