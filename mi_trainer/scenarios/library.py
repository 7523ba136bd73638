"""Finding scenario files: bundled ones by id, folders, and validation of many paths."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mi_trainer.paths import bundled_scenarios_dir
from mi_trainer.scenarios.diagnostics import ERROR, Diagnostic, ScenarioError
from mi_trainer.scenarios.engine import EngineDefaults
from mi_trainer.scenarios.loader import display, read_include, read_scenario
from mi_trainer.scenarios.models import Scenario
from mi_trainer.scenarios.validator import validate

SUFFIXES = (".yaml", ".yml")
LINK_OUT = "a link to a file outside this folder: not read (copy the file here instead)"


def is_include(path: Path, root: Path | None = None) -> bool:
    """Include files (and everything in folders) start with '_'."""
    parts = path.relative_to(root).parts if root is not None else (path.name,)
    return any(part.startswith("_") for part in parts)


def scenario_files(folder: Path) -> list[Path]:
    """Scenario files in ``folder`` and below (not includes), sorted."""
    return [p for p in yaml_files(folder) if not is_include(p, folder)]


def yaml_files(folder: Path) -> list[Path]:
    """Every YAML file in ``folder`` and below (hidden folders skipped), sorted.

    Links to files outside the folder are left out (see :func:`links_out`).
    """
    return _walk(folder)[0]


def links_out(folder: Path) -> list[Path]:
    """YAML files in ``folder`` that are links to somewhere outside it (never read)."""
    return _walk(folder)[1]


def _walk(folder: Path) -> tuple[list[Path], list[Path]]:
    inside: list[Path] = []
    outside: list[Path] = []
    root = folder.resolve()
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).parts
        if any(part.startswith(".") for part in rel) or path.suffix not in SUFFIXES:
            continue
        try:
            real = path.resolve()
        except (OSError, RuntimeError):  # a link that loops
            outside.append(path)
            continue
        if not real.is_relative_to(root):
            outside.append(path)
        elif path.is_file():
            inside.append(path)
    return inside, outside


@dataclass(frozen=True, slots=True)
class Skipped:
    """A scenario file left out of a list, and why (never the content of another file)."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.reason}"


@dataclass(slots=True)
class ScenarioScan:
    """The scenarios of a folder that can be used, and the files left out with the reason."""

    scenarios: list[Scenario] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _reason(path: Path, found: list[Diagnostic]) -> str:
    errors = [d for d in found if d.is_error]
    if not errors:  # pragma: no cover - a file without a model always has an error
        return "it could not be read"
    first = min(errors, key=lambda d: (d.file != display(path), d.line, d.col))
    where = f"line {first.line}" if first.file == display(path) else f"{first.file}:{first.line}"
    more = len(errors) - 1
    extra = f" (and {more} more error{'s' if more > 1 else ''})" if more else ""
    return f"{where}: {first.message}{extra}"


def scan_scenarios(folder: str | Path, engine: EngineDefaults | None = None) -> ScenarioScan:
    """Every scenario in ``folder`` that can be used, sorted by id, and each file left out.

    One bad file never hides the others: a file that does not read (or, given the
    engine's defaults ``engine``, does not validate) is skipped with its first error;
    a problem in mi-trainer itself while reading one file skips only that file. Links
    to files outside the folder are never read.
    """
    root = Path(folder)
    scan = ScenarioScan()
    if not root.is_dir():
        return scan
    for link in links_out(root):
        if not is_include(link, root):
            scan.skipped.append(Skipped(link, LINK_OUT))
    for path in scenario_files(root):
        try:
            loaded = read_scenario(path)
            found = validate(loaded, engine) if engine is not None else loaded.diagnostics
        except Exception as err:  # a bug of ours must not empty the list
            reason = f"mi-trainer could not read it ({type(err).__name__}); please report this"
            scan.skipped.append(Skipped(path, reason))
            continue
        if isinstance(loaded.model, Scenario) and not any(d.is_error for d in found):
            scan.scenarios.append(loaded.model)
        else:
            scan.skipped.append(Skipped(path, _reason(path, found)))
    scan.scenarios.sort(key=lambda s: s.id)
    return scan


def list_scenarios(folder: str | Path | None = None) -> list[Scenario]:
    """Every scenario in ``folder`` (bundled by default) that reads, sorted by id.

    Files that do not read are skipped here; ``scan_scenarios`` says why, and
    ``mi-trainer validate`` explains them in full.
    """
    return scan_scenarios(folder if folder is not None else bundled_scenarios_dir()).scenarios


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
            for link in links_out(root):
                diagnostics.append(Diagnostic(display(link), 1, 1, ERROR, LINK_OUT))
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
    "ScenarioScan",
    "Skipped",
    "find_scenario",
    "list_scenarios",
    "scan_scenarios",
    "validate_files",
    "validate_paths",
]
