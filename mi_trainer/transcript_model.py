"""The pydantic model of a transcript as JSON (``Transcript.to_dict()``), for files from outside.

A transcript given to ``score``, or a session in an ``import`` file, is checked here in full
before anything uses it: every field has the type the app writes, indices and seeds fit in the
database's 64-bit integers, codes and talk types are ones the coder knows, timestamps are real
ISO 8601 moments, and no turn index appears twice. :func:`transcript_from_data` then builds the
:class:`~mi_trainer.transcript.Transcript`; any problem is a :class:`RecordError` whose text
names the field (``turns[3].index: ...``), never a traceback.

Keys the model does not name are allowed (newer records may carry more); the import checks
separately that nothing given would be lost (see ``storage`` transfer).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictStr,
    ValidationError,
    model_validator,
)

from mi_trainer.coding.codes import Code, Reflected, TalkType
from mi_trainer.transcript import Transcript, Turn

INT64 = 2**63
MAX_TURN_INDEX = 10**6  # a session has tens of turns; far below any integer limit


class RecordError(ValueError):
    """A transcript or session record that cannot be used; ``str()`` says where and why."""


def _timestamp(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        moment.astimezone(UTC)  # out-of-range once moved to UTC (year 1 or 9999 with an offset)
    except (ValueError, OverflowError):
        raise ValueError(
            f"{value[:40]!r} is not a date and time; use ISO 8601 (2026-03-02T10:00:00+00:00)"
        ) from None
    return value


Timestamp = Annotated[StrictStr, AfterValidator(_timestamp)]
TurnIndex = Annotated[int, Field(strict=True, ge=0, le=MAX_TURN_INDEX)]
Seed = Annotated[int, Field(strict=True, ge=-INT64, lt=INT64)]
Text = StrictStr
State = dict[StrictStr, Any]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class CueModel(_Open):
    id: Text
    text: Text


class SentenceModel(_Open):
    text: Text
    code: Code
    # A cue is {"id", "text"}; records written before cues had ids hold plain strings.
    cues: list[CueModel | Text] = []


class CodedModel(_Open):
    text: Text
    code: Code
    sentences: list[SentenceModel] = []
    reflects: Reflected | None = None


class TurnModel(_Open):
    index: TurnIndex
    speaker: Annotated[StrictStr, Field(min_length=1)]
    text: Text
    coded: CodedModel | None = None
    codes: list[Code] | None = None
    code: Code | None = None
    addressed: Text | None = None
    talk_type: TalkType | None = None
    subtype: Text | None = None
    state_before: State | None = None
    state_after: State | None = None
    event: Text | None = None
    response_id: Text | None = None


class TranscriptModel(_Open):
    turns: list[TurnModel] = []
    session_id: Text | None = None
    scenario_id: Text | None = None
    scenario_title: Text | None = None
    scenario_hash: Text | None = None
    seed: Seed | None = None
    coder_version: Text | None = None
    practitioner: Text | None = None
    team: Text | None = None
    mode: Text | None = None
    started_at: Timestamp | None = None
    ended_at: Timestamp | None = None
    end_reason: Text | None = None
    members: dict[StrictStr, StrictStr] = {}

    @model_validator(mode="after")
    def _indices_unique_and_in_order(self) -> TranscriptModel:
        problem = index_problem([turn.index for turn in self.turns])
        if problem:
            raise ValueError(problem)
        return self


def index_problem(indices: list[int]) -> str | None:
    """Why these turn indices cannot be kept as they are (repeated or out of order), or None."""
    previous = -1
    for position, index in enumerate(indices):
        if index <= previous:
            word = "repeats" if index == previous else "goes back to"
            return (
                f"turns[{position}] {word} index {index}: each turn needs its own index, in "
                "order (a repeated index would lose a turn)"
            )
        previous = index
    return None


def _plain(message: str) -> str:
    """pydantic's wording without Python's names ('dictionary', 'instance of TurnModel')."""
    message = message.removeprefix("Value error, ")
    message = re.sub(r" or instance of \w+", "", message)
    return message.replace("a valid dictionary", "a JSON object ({...})").replace(
        "a valid list", "a JSON list ([...])"
    )


def describe(err: ValidationError, prefix: str = "") -> str:
    """The first few problems of a validation error, as ``field.path: what is wrong``."""
    parts = []
    for item in err.errors()[:3]:
        where = prefix
        for key in item["loc"]:
            where += f"[{key}]" if isinstance(key, int) else (f".{key}" if where else str(key))
        message = _plain(item["msg"])
        parts.append(f"{where}: {message}" if where else message)
    more = len(err.errors()) - 3
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def _validated(model: type[BaseModel], make: Any, data: Any, prefix: str) -> Any:
    """``make(data)`` (the domain's ``from_dict``) once ``model`` accepts ``data``; RecordError."""
    try:
        model.model_validate(data)
    except ValidationError as err:
        raise RecordError(describe(err, prefix)) from None
    try:
        return make(data)  # still guarded: records may hold more than the model names
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as err:
        raise RecordError(f"a field has a value the app cannot use ({err})") from None


def transcript_from_data(data: Any, prefix: str = "") -> Transcript:
    """A validated Transcript from JSON data in the shape of ``Transcript.to_dict()``."""
    return _validated(TranscriptModel, Transcript.from_dict, data, prefix)


def turn_from_data(data: Any, prefix: str = "") -> Turn:
    """A validated Turn from JSON data in the shape of ``Turn.to_dict()``."""
    return _validated(TurnModel, Turn.from_dict, data, prefix)
