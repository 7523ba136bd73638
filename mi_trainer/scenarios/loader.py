"""Reading scenario files: safe YAML -> models, includes, every problem with its position.

This is the first of two steps. Reading gives a :class:`Loaded`: the document with the
position of every node, the model when the shape is valid, and the problems of shape.
The second step, :func:`mi_trainer.scenarios.validator.validate`, runs the checks over
what was read (references, reachability, fallbacks).
"""

from __future__ import annotations

import copy
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from mi_trainer.scenarios.diagnostics import ERROR, Diagnostic
from mi_trainer.scenarios.errors import data_path, suggest, validation_diagnostics
from mi_trainer.scenarios.models import Response, ResponseSetFile, Scenario
from mi_trainer.scenarios.safeyaml import Path_, Pos, YamlDoc, YamlProblem, parse_file

NEW_HINT = "run `mi-trainer new ID` for a template"
YAML_SUFFIXES = (".yaml", ".yml")


def display(path: Path) -> str:
    """How a path is shown in messages: as given, tidied ('a/../b' -> 'b')."""
    return os.path.normpath(str(path))


@dataclass(slots=True)
class SetOrigin:
    """Where a response set was defined (for positions in messages)."""

    doc: YamlDoc
    path: Path_  # ("response_sets", name)


@dataclass(slots=True)
class Loaded:
    """The result of reading one file: a model (if valid) and every problem found."""

    path: Path
    doc: YamlDoc | None = None
    model: BaseModel | None = None
    # When the shape has errors: the model of the file without the keys in error, so
    # the checks can still report the rest in the same run (never played or kept).
    salvaged: Scenario | None = None
    dropped: list[Path_] = field(default_factory=list)  # keys left out of `salvaged`
    diagnostics: list[Diagnostic] = field(default_factory=list)
    set_origins: dict[str, SetOrigin] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)  # included files read, in order
    hash_parts: list[bytes] = field(default_factory=list)

    def add(
        self, file: Path | str, pos: Pos, level: str, message: str, stops: bool = False
    ) -> None:
        name = display(Path(file)) if isinstance(file, Path) else file
        self.diagnostics.append(Diagnostic(name, pos.line, pos.col, level, message, stops))

    @property
    def ok(self) -> bool:
        return self.model is not None and not any(d.is_error for d in self.diagnostics)


def _read(path: Path, out: Loaded) -> YamlDoc | None:
    try:
        doc = parse_file(path)
    except YamlProblem as problem:
        out.add(path, problem.pos, ERROR, problem.message, stops=True)
        return None
    except IsADirectoryError:
        out.add(path, Pos(1, 1), ERROR, "is a folder, not a scenario file")
        return None
    except FileNotFoundError:
        out.add(path, Pos(1, 1), ERROR, "no such file")
        return None
    except OSError as err:
        out.add(path, Pos(1, 1), ERROR, f"cannot read the file: {err.strerror or err}")
        return None
    return doc


def _looks_like(doc: YamlDoc, model: type[BaseModel]) -> bool:
    """Is some top-level key one of the format's keys, or a typo of one?

    A file that has none is not a scenario (or include) at all, e.g. a password file
    given by mistake: its keys are its content, so messages must not list them.
    """
    fields = list(model.model_fields)
    return any(key in fields or suggest(str(key), fields) for key in doc.data)


def _check_top(doc: YamlDoc, out: Loaded, what: str) -> bool:
    if doc.data is None:
        hint = f" ({NEW_HINT})" if what == "scenario" else ""
        start = "schema_version: 1" if what == "scenario" else "response_sets:"
        out.add(
            doc.path, Pos(1, 1), ERROR, f"the file is empty: a {what} starts with '{start}'{hint}"
        )
        return False
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        out.add(
            doc.path,
            doc.pos(()),
            ERROR,
            f"the top level must be a mapping of keys (schema_version, id, title, members, ...), "
            f"not {kind}"
            if what == "scenario"
            else f"the top level must be a mapping with 'response_sets:', not {kind}",
        )
        return False
    if not _looks_like(doc, Scenario if what == "scenario" else ResponseSetFile):
        out.add(
            doc.path,
            Pos(1, 1),
            ERROR,
            f"this is not a scenario file: none of its keys is a scenario key (a scenario "
            f"starts with 'schema_version: 1'; {NEW_HINT})"
            if what == "scenario"
            else "this is not a response set file: none of its keys is one of an include "
            "file's (schema_version, description, includes, response_sets)",
        )
        return False
    for pos, message in doc.problems:  # duplicate keys, over-long numbers
        out.add(doc.path, pos, ERROR, message)
    return True


def _validate(model: type[BaseModel], doc: YamlDoc, out: Loaded) -> BaseModel | None:
    model_or_error = _try(model, doc.data)
    if not isinstance(model_or_error, ValidationError):
        return model_or_error
    reported = {doc.pos(path) for path in doc.skipped}  # said once, by the YAML reader
    for pos, message in validation_diagnostics(model_or_error, model, doc):
        if pos not in reported:
            out.add(doc.path, pos, ERROR, message)
    return None


def _try(model: type[BaseModel], data: Any) -> BaseModel | ValidationError:
    try:
        return model.model_validate(data)
    except ValidationError as err:
        return err


def _salvage(model: type[BaseModel], doc: YamlDoc, out: Loaded) -> BaseModel | None:
    """The file's model without each mapping key that has an error (None if that is not
    enough: a required key in error). Only keys are dropped, never list items, so every
    other line keeps its path and position; ``out.dropped`` says which."""
    data = copy.deepcopy(doc.data)
    for _ in range(4):  # a dropped key can uncover another error below it only rarely
        result = _try(model, data)
        if not isinstance(result, ValidationError):
            return result
        dropped = False
        for err in result.errors(include_url=False):
            if err["type"] == "missing":
                return None
            where = _drop(data, data_path(doc, tuple(err["loc"]), ()))
            if where is not None:
                out.dropped.append(where)
                dropped = True
        if not dropped:
            return None
    return None


def _drop(data: Any, path: Path_) -> Path_ | None:
    """Remove the deepest mapping key along ``path``; its path, or None if there is none."""
    node, last, where = data, None, 0
    for depth, part in enumerate(path, start=1):
        if isinstance(node, dict) and part in node:
            last, where = (node, part), depth
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            break
    if last is None:
        return None
    del last[0][last[1]]
    return path[:where]


def _include_entries(doc: YamlDoc) -> list[tuple[int, str]]:
    data = doc.data if isinstance(doc.data, dict) else {}
    entries = data.get("includes")
    if isinstance(entries, str):
        entries = [entries]
    if not isinstance(entries, list):
        return []
    return [(i, e) for i, e in enumerate(entries) if isinstance(e, str) and e.strip()]


def _outside(entry: str, target: Path, root: Path) -> str | None:
    """Why an include may not be read (None if it may): includes stay in the scenario's
    own folder tree and are YAML files, so no file elsewhere is ever read or shown."""
    inside = f"includes stay inside the scenario's folder ({display(root)}) and its subfolders"
    if Path(entry).is_absolute() or entry.startswith("~"):
        return f"included file '{entry}' is an absolute path: {inside}, relative to this file"
    if Path(entry).suffix.lower() not in YAML_SUFFIXES:
        return f"included file '{entry}' is not a .yaml file: include files hold response sets"
    try:
        real = target.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return f"included file '{entry}' cannot be followed (a link that loops?)"
    if not real.is_relative_to(root):
        how = "leads" if ".." in Path(entry).parts else "is a link"
        return f"included file '{entry}' {how} outside the scenario's folder: {inside}"
    return None


def _load_includes(
    doc: YamlDoc,
    out: Loaded,
    chain: list[tuple[Path, str]],  # (absolute path, as shown) of the files including this
    done: set[Path],
    sets: dict[str, tuple[list[Response], SetOrigin]],
    root: Path,  # the scenario's own folder, resolved: no include is read outside it
) -> None:
    """Read ``doc``'s includes (recursively) into ``sets``; problems go to ``out``."""
    for i, entry in _include_entries(doc):
        where = doc.pos(("includes", i))
        target = doc.path.parent / entry
        refused = _outside(entry, target, root)
        if refused is not None:
            out.add(doc.path, where, ERROR, refused)
            continue
        key = Path(os.path.abspath(target))
        if key in [k for k, _ in chain]:
            keys = [k for k, _ in chain]
            names = [name for _, name in chain[keys.index(key) :]] + [display(target)]
            out.add(doc.path, where, ERROR, "include cycle: " + " -> ".join(names))
            continue
        if key in done:
            continue
        if not target.is_file():
            kind = "is a folder, not a file" if target.is_dir() else "not found"
            out.add(
                doc.path,
                where,
                ERROR,
                f"included file '{entry}' {kind} (looked for {display(target)}; paths are "
                "relative to this file)",
            )
            continue
        done.add(key)
        inc = Loaded(path=target)
        inc_doc = _read(target, inc)
        out.diagnostics.extend(inc.diagnostics)
        if inc_doc is None:
            continue
        out.files.append(target)
        out.hash_parts.append(inc_doc.raw)
        if not _check_top(inc_doc, out, "response set file"):
            continue
        inc_model = _validate(ResponseSetFile, inc_doc, out)
        _load_includes(inc_doc, out, [*chain, (key, display(target))], done, sets, root)
        if not isinstance(inc_model, ResponseSetFile):
            continue
        for name, lines in inc_model.response_sets.items():
            origin = SetOrigin(inc_doc, ("response_sets", name))
            if name in sets:
                _duplicate_set(out, name, origin, sets[name][1])
                continue
            sets[name] = (lines, origin)


def _duplicate_set(out: Loaded, name: str, new: SetOrigin, old: SetOrigin) -> None:
    old_pos = old.doc.pos(old.path, key=True)
    out.add(
        new.doc.path,
        new.doc.pos(new.path, key=True),
        ERROR,
        f"response set '{name}' is defined twice (also at {display(old.doc.path)}:"
        f"{old_pos.line}:{old_pos.col}); rename one of them",
    )


def _start(path: Path) -> list[tuple[Path, str]]:
    return [(Path(os.path.abspath(path)), display(path))]


def _root(path: Path) -> Path:
    """The folder tree includes must stay in: the one the file is in."""
    return Path(os.path.abspath(path)).parent.resolve()


def read_scenario(path: Path) -> Loaded:
    """Read a scenario file and its includes into models, collecting every problem of shape."""
    path = Path(path)
    out = Loaded(path=path)
    doc = _read(path, out)
    out.doc = doc
    if doc is None:
        return out
    out.hash_parts.append(doc.raw)
    if not _check_top(doc, out, "scenario"):
        return out
    model = _validate(Scenario, doc, out)
    sets: dict[str, tuple[list[Response], SetOrigin]] = {}
    _load_includes(doc, out, _start(path), set(), sets, _root(path))
    if not isinstance(model, Scenario):
        salvaged = _salvage(Scenario, doc, out)
        if isinstance(salvaged, Scenario):
            _merge_sets(salvaged, doc, sets, out)
            out.salvaged = salvaged
        return out
    _merge_sets(model, doc, sets, out)
    digest = hashlib.sha256()
    for part in out.hash_parts:  # the file's bytes, then each included file's bytes
        digest.update(part)
    model._source_path = path
    model._source_hash = digest.hexdigest()
    model._included = list(out.files)
    model._set_origin = {n: o.doc.path for n, o in out.set_origins.items()}
    out.model = model
    return out


def _merge_sets(
    model: Scenario,
    doc: YamlDoc,
    sets: dict[str, tuple[list[Response], SetOrigin]],
    out: Loaded,
) -> None:
    """The scenario's own response sets after those of its includes (each name once)."""
    merged: dict[str, list[Response]] = {}
    for name, (lines, origin) in sets.items():
        merged[name] = lines
        out.set_origins[name] = origin
    for name, lines in model.response_sets.items():
        origin = SetOrigin(doc, ("response_sets", name))
        if name in merged:
            _duplicate_set(out, name, origin, out.set_origins[name])
            continue
        merged[name] = lines
        out.set_origins[name] = origin
    model.response_sets = merged
    model.resolve_responses()


def read_include(path: Path) -> Loaded:
    """Read an include file on its own (response sets only)."""
    path = Path(path)
    out = Loaded(path=path)
    doc = _read(path, out)
    out.doc = doc
    if doc is None or not _check_top(doc, out, "response set file"):
        return out
    model = _validate(ResponseSetFile, doc, out)
    sets: dict[str, tuple[list[Response], SetOrigin]] = {}
    _load_includes(doc, out, _start(path), set(), sets, _root(path))
    if isinstance(model, ResponseSetFile):
        out.model = model
        for name in model.response_sets:
            origin = SetOrigin(doc, ("response_sets", name))
            if name in sets:
                _duplicate_set(out, name, origin, sets[name][1])
            out.set_origins[name] = origin
    return out
