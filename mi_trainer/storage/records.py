"""What the store hands back: session listings, filter choices, import and purge results, and
the small value rules (statuses, timestamps, days) every backend shares."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from mi_trainer.storage.errors import StorageError
from mi_trainer.storage.schema import FIGURE_KEYS

STATUS_IN_PROGRESS = "in_progress"
STATUS_COMPLETE = "complete"
STATUS_INCOMPLETE = "incomplete"

EXPORT_FORMAT = "mi-trainer-session"
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?")  # a day, or a month meaning its first day
EXPORT_VERSION = 1


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def normalise_timestamp(value: str | None) -> str | None:
    """Any ISO 8601 timestamp -> UTC ``YYYY-MM-DDTHH:MM:SS+00:00`` (text order = time order)."""
    if value is None or value == "":
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def parse_day(value: str | date | None, option: str = "date") -> date | None:
    """'2026-03-01' (or '2026-03' = the 1st) -> date; a readable StorageError otherwise.

    ``option`` names the value in the message (a shell passes its own name for it).
    """
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        # Strict: '2026-06-015' is a typo, never the 1st of June (it once was, via text[:10]).
        if not _DAY.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text + "-01" if len(text) == 7 else text)
    except ValueError:
        raise StorageError(
            f"{option} '{value}' is not a date; use YYYY-MM-DD (for example 2026-01-31)"
        ) from None


def number(value: Any) -> float | None:
    """A figure as a float, or None when it is missing or not a number."""
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """One row of a session listing (no turns)."""

    session_id: str
    status: str
    practitioner: str | None
    team: str | None
    scenario_id: str | None
    scenario_title: str | None
    mode: str | None
    started_at: str
    ended_at: str | None
    end_reason: str | None
    turn_count: int  # every turn: the practitioner's, the family's and events
    practitioner_turns: int  # the practitioner's coded lines (what the score counts as turns)
    figures: dict[str, float | None] = field(default_factory=dict)

    @property
    def overall(self) -> float | None:
        return self.figures.get("overall")

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> SessionSummary:
        """From a row holding :data:`SUMMARY_COLUMNS`, read by name."""
        return cls(
            session_id=row["session_id"],
            status=row["status"],
            practitioner=row["practitioner"],
            team=row["team"],
            scenario_id=row["scenario_id"],
            scenario_title=row["scenario_title"],
            mode=row["mode"],
            started_at=row["started_at"],
            ended_at=row["ended_at"],
            end_reason=row["end_reason"],
            turn_count=row["turn_count"],
            practitioner_turns=row["practitioner_turns"],
            figures={k: row[k] for k in FIGURE_KEYS},
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "status": self.status,
            "practitioner": self.practitioner,
            "team": self.team,
            "scenario_id": self.scenario_id,
            "scenario_title": self.scenario_title,
            "mode": self.mode,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "end_reason": self.end_reason,
            "turn_count": self.turn_count,
            "practitioner_turns": self.practitioner_turns,
            "figures": dict(self.figures),
        }


SUMMARY_COLUMNS = (
    "session_id, status, practitioner, team, scenario_id, scenario_title, mode, started_at, "
    "ended_at, end_reason, turn_count, practitioner_turns, " + ", ".join(FIGURE_KEYS)
)


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """What the review filters can choose from: the values present in the database.

    Names and teams are sorted alphabetically ignoring case; scenarios are ``(id, title)``
    pairs (the title of the scenario's newest session, None if it has none), sorted by title,
    then id. Empty values are left out.
    """

    practitioners: tuple[str, ...]
    teams: tuple[str, ...]
    scenarios: tuple[tuple[str, str | None], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "practitioners": list(self.practitioners),
            "teams": list(self.teams),
            "scenarios": [{"id": sid, "title": title} for sid, title in self.scenarios],
        }


@dataclass(frozen=True, slots=True)
class PurgeResult:
    sessions: int
    turns: int
    practitioners: tuple[str, ...]
    first: str | None
    last: str | None
    dry_run: bool
    erased: bool = True  # False: another program's reads keep the deleted text in the file


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    skipped: int
    notes: tuple[str, ...] = ()  # what was noticed (a session repeated in the file, ...)
