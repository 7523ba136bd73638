"""Pydantic validation errors -> messages for trainers, at the YAML node's position."""

from __future__ import annotations

import difflib
import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from mi_trainer.scenarios.models import slugify
from mi_trainer.scenarios.safeyaml import Path_, Pos, YamlDoc
from mi_trainer.scenarios.vocab import ENUM_LABELS


def suggest(word: str, options: typing.Iterable[str], cutoff: float = 0.6) -> str | None:
    """The nearest option to ``word`` (case-insensitive), or None."""
    opts = list(options)
    lowered = {o.lower(): o for o in opts}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return lowered[word.lower()]
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[close[0]] if close else None


def did_you_mean(word: str, options: typing.Iterable[str]) -> str:
    """' — did you mean 'x'?' or ''."""
    best = suggest(word, options)
    return f" — did you mean '{best}'?" if best else ""


def describe(path: Path_) -> str:
    """("members", 0, "responses", 2) -> "members[1].responses[3]" (1-based for people)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "the top level"


def _unwrap(tp: Any) -> Any:
    """Strip Annotated / Optional to the interesting type."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) == 1:
                tp = args[0]
                continue
        return tp


def type_at(root: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The (unwrapped) annotation at ``loc`` inside ``root``, or None if unknown."""
    tp: Any = root
    for part in loc:
        tp = _unwrap(tp)
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            field = tp.model_fields.get(str(part))
            if field is None:
                return None
            tp = field.annotation
        elif origin is list:
            tp = typing.get_args(tp)[0]
        elif origin is dict:
            tp = typing.get_args(tp)[1]
        else:
            return None
    return _unwrap(tp)


def _kind(value: Any, written: str | None = None) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"'{written or str(value).lower()}' (read as {str(value).lower()})"
    if isinstance(value, int | float):
        return f"the number {written or value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{short}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value)"
    return type(value).__name__


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return "this value"
    if isinstance(loc[-1], int):
        return f"an item of '{names[-1]}'"
    return f"'{names[-1]}'"


def data_path(doc: YamlDoc, loc: tuple[Any, ...], prefix: Path_) -> Path_:
    """Drop loc parts that are not data keys (union branch tags) where they do not fit."""
    out: list[Any] = []
    for part in loc:
        candidate = (*prefix, *out, part)
        if isinstance(part, int) or doc.known(candidate) or part not in ("str", "list[str]"):
            out.append(part)
    return tuple(out)


_SAY_LIKE = ("say", "opening", "walk_out")


def message_for(
    err: dict[str, Any],
    root: type[BaseModel],
    loc: tuple[Any, ...],
    written: str | None = None,
    wrapped: bool = False,
) -> tuple[str, bool]:
    """(message, at_key) for one pydantic error; at_key: point at the key, not the value.

    ``written`` is the value as typed (unquoted scalars); ``wrapped``: a single value was
    turned into a one-item list, so the error's last index is not the trainer's.
    """
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    field = _field_name(loc[:-1] if wrapped else loc)

    def kind_of(v: Any) -> str:
        return _kind(v, written)

    if kind == "missing":
        where = describe(loc[:-1])
        extra = ""
        if loc[-1] == "say":
            extra = " (what the member says)"
        return f"missing required key '{loc[-1]}' in {where}{extra}", False
    if kind == "extra_forbidden":
        parent = type_at(root, loc[:-1])
        options: list[str] = []
        if isinstance(parent, type) and issubclass(parent, BaseModel):
            options = list(parent.model_fields)
        name = str(loc[-1])
        hint = did_you_mean(name, options)
        if not hint and options:
            hint = f" (allowed here: {', '.join(options)})"
        return f"unknown key '{name}'{hint}", True
    if kind == "enum":
        enum = type_at(root, loc)
        if isinstance(enum, type) and issubclass(enum, Enum):
            label = ENUM_LABELS.get(enum, "value")
            values = [str(e.value) for e in enum]
        else:  # pragma: no cover - defensive
            label, values = "value", []
        if isinstance(value, str):
            shown = f"'{value}'{did_you_mean(value, values)}"
        else:
            shown = kind_of(value)
        return f"unknown {label} {shown} (one of: {', '.join(values)})", False
    if kind == "literal_error":
        if loc and loc[-1] == "schema_version":
            return (
                f"schema_version must be 1 (this version of mi-trainer reads format 1), "
                f"not {value!r}",
                False,
            )
        return f"{field} must be {ctx.get('expected', '')}", False
    if kind in ("string_type", "string_sub_type"):
        tip = " (put it in quotes)" if isinstance(value, int | float | bool) else ""
        return f"{field} expects text, not {kind_of(value)}{tip}", False
    if kind == "list_type":
        say_like = bool(loc) and loc[-1] in _SAY_LIKE
        tip = ""
        if isinstance(value, dict):
            tip = (
                " (put the line in quotes, or list several lines starting with '- ')"
                if say_like
                else " (write each item on its own line starting with '- ')"
            )
        elif say_like and isinstance(value, bool | int | float):
            tip = " (put it in quotes)"
        wants = "text or a list of texts" if say_like else "a list"
        return f"{field} expects {wants}, not {kind_of(value)}{tip}", False
    if kind in ("dict_type", "model_type", "model_attributes_type", "mapping_type"):
        return f"{field} expects a mapping (key: value lines), not {kind_of(value)}", False
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{field} expects a whole number, not {kind_of(value)}", False
    if kind in ("float_type", "float_parsing"):
        return f"{field} expects a number, not {kind_of(value)}", False
    if kind == "finite_number":
        return f"{field} expects an ordinary number, not {kind_of(value)}", False
    if kind in ("bool_type", "bool_parsing"):
        return f"{field} expects true or false, not {kind_of(value)}", False
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        lo_hi = _bounds(root, loc)
        if lo_hi:
            return f"{field} must be between {lo_hi[0]} and {lo_hi[1]}, not {value}", False
        limit = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        word = "at least" if kind.startswith("greater") else "at most"
        return f"{field} must be {word} {limit}, not {value}", False
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        if loc and loc[-1] == "members":
            return "a scenario needs at least one member", False
        if loc and loc[-1] in ("say", "opening", "walk_out"):
            return f"{field} needs at least one line", False
        return f"{field} needs at least {need} item{'s' if need != 1 else ''}", False
    if kind == "too_long":
        return f"{field} has too many items (at most {ctx.get('max_length')})", False
    if kind == "string_too_long":
        return f"{field} is too long (at most {ctx.get('max_length')} characters)", False
    if kind == "string_pattern_mismatch":
        return (
            f"'{value}' is not a valid id: use lower-case letters, digits and hyphens, "
            f"e.g. '{slugify(str(value))}'",
            False,
        )
    if kind == "value_error":
        msg = str(err.get("msg", ""))
        return msg.removeprefix("Value error, "), False
    return f"{field}: {err.get('msg', 'invalid value')}", False


def _bounds(root: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Any, Any] | None:
    """(ge, le) of the field at ``loc`` if it has both."""
    parent = type_at(root, loc[:-1])
    if not (isinstance(parent, type) and issubclass(parent, BaseModel)):
        return None
    field = parent.model_fields.get(str(loc[-1]))
    if field is None:
        return None
    ge = le = None
    metadata = list(field.metadata)
    annotation = field.annotation
    for arg in typing.get_args(annotation):
        metadata.extend(getattr(arg, "__metadata__", ()))
    metadata.extend(getattr(annotation, "__metadata__", ()))
    for meta in metadata:
        for item in getattr(meta, "metadata", [meta]):
            ge = getattr(item, "ge", ge)
            le = getattr(item, "le", le)
    if ge is None or le is None:
        return None
    return ge, le


def validation_diagnostics(
    error: ValidationError, root: type[BaseModel], doc: YamlDoc, prefix: Path_ = ()
) -> list[tuple[Pos, str]]:
    """Every error of a ValidationError as (position, message), in file order."""
    seen: set[tuple[Pos, str]] = set()
    out: list[tuple[Pos, str]] = []
    for err in error.errors(include_url=False):
        loc = data_path(doc, tuple(err["loc"]), prefix)
        full = (*prefix, *loc)
        wrapped = bool(loc) and isinstance(loc[-1], int) and not doc.known(full)
        written = doc.plain.get(full[:-1] if wrapped else full)
        message, at_key = message_for(err, root, loc, written, wrapped)
        if err["type"] == "missing":
            pos = doc.pos((*prefix, *loc[:-1]))
        else:
            pos = doc.pos((*prefix, *loc), key=at_key)
        item = (pos, message)
        if item not in seen:
            seen.add(item)
            out.append(item)
    out.sort(key=lambda pm: (pm[0].line, pm[0].col))
    return out
