"""The record of one practice session, turn by turn.

Produced by the simulation (or parsed from a hand-written transcript), read by
scoring, kept by storage and shown by the interface. Plain dataclasses with
``to_dict``/``from_dict`` so every layer can serialise the same shape (JSON
export, the database, ``play --json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mi_trainer.coding.codes import TalkType
from mi_trainer.coding.result import CodedUtterance

PRACTITIONER = "practitioner"

# Why a session ended.
END_BY_PRACTITIONER = "practitioner_ended"
END_WALK_OUT = "member_left"
END_TURN_LIMIT = "turn_limit"
END_INCOMPLETE = "incomplete"


@dataclass(slots=True)
class Turn:
    """One line of the conversation.

    ``speaker`` is ``"practitioner"`` or a family member's id. Practitioner turns
    carry ``coded`` (and ``addressed``: the member spoken to); member turns carry
    ``talk_type``. ``state_before``/``state_after`` hold the speaking (or
    addressed) member's state so review can explain what moved it. ``event``
    marks narrative turns such as a member walking out or the session ending.
    """

    index: int
    speaker: str
    text: str
    coded: CodedUtterance | None = None
    addressed: str | None = None
    talk_type: TalkType | None = None
    subtype: str | None = None  # DARN-CAT subtype or response intent, when authored
    state_before: dict[str, Any] | None = None
    state_after: dict[str, Any] | None = None
    event: str | None = None
    response_id: str | None = None  # the authored response chosen (members only)

    @property
    def is_practitioner(self) -> bool:
        return self.speaker == PRACTITIONER

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"index": self.index, "speaker": self.speaker, "text": self.text}
        if self.coded is not None:
            data["codes"] = [str(c) for c in self.coded.codes]
            data["code"] = str(self.coded.code)
            data["coded"] = self.coded.to_dict()
        if self.addressed is not None:
            data["addressed"] = self.addressed
        if self.talk_type is not None:
            data["talk_type"] = str(self.talk_type)
        if self.subtype is not None:
            data["subtype"] = self.subtype
        if self.state_before is not None:
            data["state_before"] = self.state_before
        if self.state_after is not None:
            data["state_after"] = self.state_after
        if self.event is not None:
            data["event"] = self.event
        if self.response_id is not None:
            data["response_id"] = self.response_id
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Turn:
        coded = data.get("coded")
        talk = data.get("talk_type")
        return cls(
            index=int(data["index"]),
            speaker=str(data["speaker"]),
            text=str(data["text"]),
            coded=CodedUtterance.from_dict(coded) if coded else None,
            addressed=data.get("addressed"),
            talk_type=TalkType(talk) if talk else None,
            subtype=data.get("subtype"),
            state_before=data.get("state_before"),
            state_after=data.get("state_after"),
            event=data.get("event"),
            response_id=data.get("response_id"),
        )


@dataclass(slots=True)
class Transcript:
    """A whole session: who, what scenario, how it was set up, and its turns."""

    turns: list[Turn] = field(default_factory=list)
    scenario_id: str | None = None
    scenario_title: str | None = None
    scenario_hash: str | None = None  # sha256 of the scenario file, so old scores stay explainable
    seed: int | None = None
    coder_version: str | None = None
    practitioner: str | None = None
    team: str | None = None
    mode: str | None = None  # "coach" or "assessment"
    started_at: str | None = None  # ISO 8601, UTC
    ended_at: str | None = None
    end_reason: str | None = None
    members: dict[str, str] = field(default_factory=dict)  # member id -> display name
    session_id: str | None = None  # stable id (uuid4 hex) used by storage and export

    def practitioner_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.is_practitioner]

    def client_turns(self) -> list[Turn]:
        return [t for t in self.turns if not t.is_practitioner and t.event is None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "scenario_id": self.scenario_id,
            "scenario_title": self.scenario_title,
            "scenario_hash": self.scenario_hash,
            "seed": self.seed,
            "coder_version": self.coder_version,
            "practitioner": self.practitioner,
            "team": self.team,
            "mode": self.mode,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "end_reason": self.end_reason,
            "members": dict(self.members),
            "turns": [t.to_dict() for t in self.turns],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        return cls(
            turns=[Turn.from_dict(t) for t in data.get("turns", [])],
            scenario_id=data.get("scenario_id"),
            scenario_title=data.get("scenario_title"),
            scenario_hash=data.get("scenario_hash"),
            seed=data.get("seed"),
            coder_version=data.get("coder_version"),
            practitioner=data.get("practitioner"),
            team=data.get("team"),
            mode=data.get("mode"),
            started_at=data.get("started_at"),
            ended_at=data.get("ended_at"),
            end_reason=data.get("end_reason"),
            members=dict(data.get("members") or {}),
            session_id=data.get("session_id"),
        )
