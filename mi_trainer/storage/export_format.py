"""The export format (one JSON session record a line), checked in full before an import writes.

Backend-neutral: ``import`` reads and checks the whole file here, whatever database it goes
into, so SQLite and PostgreSQL accept exactly the same records. Every problem is reported with
its line, and nothing is imported while any remains:

- each line is JSON we accept (:mod:`mi_trainer.safe_json`: no 5,000-digit or ``1e400``
  numbers, no ``NaN``/``Infinity``, no absurd nesting);
- each record matches :class:`ExportRecord`: the format name, a version this mi-trainer
  reads, a known status, a session that passes :class:`~mi_trainer.transcript_model.
  TranscriptModel` (types, codes, ISO 8601 times that exist, turn indices unique and in order,
  64-bit seeds), a session id and start time, and finite figures under known names;
- nothing given would be lost: the session rebuilt by the app must give back every field of
  the line (a key the app does not keep is reported, never dropped silently);
- a session appears once: the same session repeated identically is reported and imported once;
  two different versions of one session are an error naming both lines.

Whether a session already in the database differs from the file's copy is checked by the
transfer module inside the import's transaction (:func:`same_session`).
"""

from __future__ import annotations

import json
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError

from mi_trainer import safe_json
from mi_trainer.storage.errors import StorageError
from mi_trainer.storage.records import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    STATUS_COMPLETE,
    STATUS_IN_PROGRESS,
    STATUS_INCOMPLETE,
    normalise_timestamp,
)
from mi_trainer.storage.schema import FIGURE_KEYS
from mi_trainer.transcript import Transcript
from mi_trainer.transcript_model import Timestamp, TranscriptModel, describe

MAX_PROBLEMS = 20  # listed in one message; the rest are counted
MAX_FILE_BYTES = 2 * 10**9  # read into memory whole; far beyond a team's years of practice

Figure = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-1e9, le=1e9)]
SessionId = Annotated[StrictStr, Field(min_length=1, max_length=200, pattern=r"^[\w.:-]+$")]


class ExportedSession(TranscriptModel):
    """A session as export writes it: it has an id and a start time."""

    session_id: SessionId  # type: ignore[assignment]
    started_at: Timestamp  # type: ignore[assignment]


class ExportRecord(BaseModel):
    """One line of ``mi-trainer export``: exactly these keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[EXPORT_FORMAT]  # type: ignore[valid-type]
    version: Annotated[int, Field(strict=True, ge=1, le=EXPORT_VERSION)]
    status: Literal[STATUS_COMPLETE, STATUS_INCOMPLETE, STATUS_IN_PROGRESS] = STATUS_COMPLETE  # type: ignore[valid-type]
    session: ExportedSession
    figures: dict[Literal[FIGURE_KEYS], Figure | None] | None = None  # type: ignore[valid-type]
    score: dict[StrictStr, Any] | None = None


FIX = "Fix or remove those lines (or export again) and retry."


class ExportFileError(StorageError):
    """An export that cannot be imported; ``problems`` are ``file:line: ...`` lines."""

    def __init__(self, problems: list[str], fix: str = FIX) -> None:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        text = "\n".join(shown) + (f"\n… and {more} more problem(s)" if more > 0 else "")
        super().__init__(f"{text}\nNothing was imported. {fix}")
        self.problems = problems


@dataclass
class CheckedExport:
    """The records to import (one per session) and what was noticed on the way."""

    records: list[dict[str, Any]] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # session id -> its line
    notes: list[str] = field(default_factory=list)


def without_none(value: Any) -> Any:
    """``value`` with null fields left out (a field given as null is the same as one absent)."""
    if isinstance(value, dict):
        return {k: without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_none(v) for v in value]
    return value


def _first_difference(given: Any, kept: Any, where: str) -> str | None:
    """Where ``kept`` (what the app would store) differs from ``given``, or None."""
    if isinstance(given, dict) and isinstance(kept, dict):
        for key, value in given.items():
            path = f"{where}.{key}" if where else str(key)
            if key not in kept:
                return f"{path} is not something the app keeps, so it would be lost"
            found = _first_difference(value, kept[key], path)
            if found:
                return found
        for key in kept.keys() - given.keys():
            return f"{where}.{key} would be added" if where else f"{key} would be added"
        return None
    if isinstance(given, list) and isinstance(kept, list):
        if len(given) != len(kept):
            return f"{where} would keep {len(kept)} of {len(given)} items"
        for position, (a, b) in enumerate(zip(given, kept, strict=True)):
            found = _first_difference(a, b, f"{where}[{position}]")
            if found:
                return found
        return None
    if given != kept or (type(given) is not type(kept) and not _same_number(given, kept)):
        return f"{where} would change from {json.dumps(given)[:60]} to {json.dumps(kept)[:60]}"
    return None


def _same_number(a: Any, b: Any) -> bool:
    numbers = (int, float)
    return isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and a == b


def _loss(session: dict[str, Any]) -> str | None:
    """What of ``session`` the app would not keep as given (after the model accepted it)."""
    try:
        kept = Transcript.from_dict(session).to_dict()
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as err:
        return f"session: a field has a value the app cannot use ({err})"
    found = _first_difference(without_none(session), without_none(kept), "session")
    return found


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """What must match for two copies of one session to be the same: every turn and header
    field (times in UTC) and the status. Scores are derived, so they are not compared."""
    session = without_none(Transcript.from_dict(record["session"]).to_dict())
    for key in ("started_at", "ended_at"):
        if key in session:
            session[key] = normalise_timestamp(session[key])
    return {"status": record.get("status") or STATUS_COMPLETE, "session": session}


def same_session(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return comparable(a) == comparable(b)


def how_they_differ(given: dict[str, Any], other: dict[str, Any]) -> str:
    """A short account of how two copies of a session differ, for the message."""
    mine, theirs = comparable(given), comparable(other)
    if mine["status"] != theirs["status"]:
        return f"status {theirs['status']} there, {mine['status']} here"
    here, there = (len(side["session"].get("turns", [])) for side in (mine, theirs))
    if here != there:
        return f"{there} turns there, {here} here"
    found = _first_difference(mine["session"], theirs["session"], "session")
    return (found or "different content").replace(" would change from ", " differs: ")


def check_record(data: Any) -> str | None:
    """Why one parsed line cannot be imported as it is, or None."""
    if isinstance(data, Unreadable):
        return data.problem
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        return f'not an mi-trainer session (expected "format": "{EXPORT_FORMAT}")'
    try:
        ExportRecord.model_validate(data)
    except ValidationError as err:
        return describe(err)
    return _loss(data["session"])


def check_export(lines: list[tuple[int, Any]], source: str) -> CheckedExport:
    """Check parsed records (line number, data); ExportFileError with every problem."""
    problems: list[str] = []
    checked = CheckedExport()
    first: dict[str, tuple[int, dict[str, Any]]] = {}
    for number, data in lines:
        problem = check_record(data)
        if problem:
            problems.append(f"{source}:{number}: {problem}")
            continue
        sid = data["session"]["session_id"]
        if sid in first:
            line, earlier = first[sid]
            if same_session(earlier, data):
                checked.notes.append(
                    f"{source}:{number}: repeats session {sid[:12]} of line {line}; imported once"
                )
            else:
                problems.append(
                    f"{source}:{number}: a different version of session {sid[:12]} than line "
                    f"{line} ({how_they_differ(data, earlier)}); keep the one you want"
                )
            continue
        first[sid] = (number, data)
        checked.records.append(data)
        checked.lines[sid] = number
    if problems:
        raise ExportFileError(problems)
    return checked


@dataclass(frozen=True)
class Unreadable:
    """A line that is not JSON we accept: kept in place so every problem is listed in order."""

    problem: str


def parse_lines(text: str) -> list[tuple[int, Any]]:
    """Every non-blank line, parsed (an :class:`Unreadable` where it is not JSON we accept)."""
    parsed: list[tuple[int, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            parsed.append((number, safe_json.loads(line)))
        except safe_json.JSONInputError as err:
            parsed.append((number, Unreadable(err.message)))
    return parsed


def read_export(path: Path) -> list[tuple[int, Any]]:
    """Every line of an export file parsed (not yet checked: the import checks them);
    ExportFileError for a file that cannot be read."""
    give = "Give a JSONL file made by `mi-trainer export`."
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ExportFileError([f"{path}: is a folder."], give)
        if not stat.S_ISREG(info.st_mode):
            raise ExportFileError([f"{path}: not a regular file (a pipe or a device)."], give)
        if info.st_size > MAX_FILE_BYTES:
            raise ExportFileError([f"{path}: larger than 2 GB."], "Export and import it in parts.")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ExportFileError([f"{path}: no such file."], "Check the file name.") from None
    except UnicodeDecodeError:
        raise ExportFileError([f"{path}: not a text file."], give) from None
    except OSError as err:
        raise ExportFileError([f"{path}: cannot read it ({err.strerror})."], give) from None
    return parse_lines(text)
