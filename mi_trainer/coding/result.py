"""What the coder returns: plain, serialisable records (no spaCy objects leak out)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from mi_trainer.coding.codes import Code, Reflected

# Cues stored before cues had ids (plain strings in old databases and exports) load with this id.
LEGACY_CUE_ID = "legacy"


class Cue(NamedTuple):
    """Why a code was given: a stable ``id`` (what rules, scoring and the simulation test) and the
    ``text`` a trainer reads (free to reword)."""

    id: str
    text: str

    def __str__(self) -> str:
        return self.text

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "text": self.text}

    @classmethod
    def from_data(cls, data: Any) -> Cue:
        """A stored cue: ``{"id": …, "text": …}``, or an old record's plain string."""
        if isinstance(data, dict):
            return cls(str(data.get("id") or LEGACY_CUE_ID), str(data.get("text", "")))
        if isinstance(data, list | tuple) and len(data) == 2:
            return cls(str(data[0]), str(data[1]))
        return cls(LEGACY_CUE_ID, str(data))


@dataclass(frozen=True, slots=True)
class CodedSentence:
    """One sentence-level unit with its code and the cues that decided it."""

    text: str
    code: Code
    cues: tuple[Cue, ...] = ()

    def __post_init__(self) -> None:
        # Plain strings (an old record, a hand-built test turn) become cues without an id.
        if any(not isinstance(c, Cue) for c in self.cues):
            object.__setattr__(self, "cues", tuple(Cue.from_data(c) for c in self.cues))

    @property
    def cue_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.cues)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "code": str(self.code), "cues": [c.to_dict() for c in self.cues]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CodedSentence:
        cues = tuple(Cue.from_data(c) for c in data.get("cues", ()))
        return cls(text=data["text"], code=Code(data["code"]), cues=cues)


# The intent cue of a question typed without its "?" that asks for nothing listed.
QUESTION_FORM = "question_form"
# The intent cue of one fact said back for checking ("…, isn't he?", "…, is that right?").
FACT_CHECK = "fact_check"


@dataclass(frozen=True, slots=True)
class PractitionerIntent:
    """What the worker is doing beyond the MITI code (see coding/intent.py).

    ``kind``: ask_fact, ask_event, ask_view, offer, ask_permission, summarise, apologise,
    thank, ask_about_member, ask_risk or other. ``subject``: what it is about ("age",
    "household", "school", "where", "when", "tea", "self_harm", ...). ``member``: the person
    the line names ("mia", "dad"), as said. ``cue``: the id of the pattern that decided it.
    ``also``: what the turn's other sentences did when its question won ("Sorry, that came
    out wrong. What matters most to you?": ask_view, also apologise).
    """

    kind: str
    subject: str | None = None
    member: str | None = None
    cue: str | None = None
    also: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "subject": self.subject,
            "member": self.member,
            "cue": self.cue,
        }
        if self.also:
            out["also"] = list(self.also)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PractitionerIntent:
        also = data.get("also")
        return cls(
            kind=str(data.get("kind") or "other"),
            subject=data.get("subject"),
            member=data.get("member"),
            cue=data.get("cue"),
            also=tuple(str(k) for k in also) if isinstance(also, list) else (),
        )


@dataclass(frozen=True, slots=True)
class CodedUtterance:
    """A practitioner turn: a main code chosen by precedence over its sentences."""

    text: str
    code: Code
    sentences: tuple[CodedSentence, ...] = ()
    # Only for reflections with a known previous client line.
    reflects: Reflected | None = None
    intent: PractitionerIntent | None = None

    @property
    def risk_question(self) -> bool:
        """A direct question about risk (harm to self or others, the children's safety)."""
        return self.intent is not None and self.intent.kind == "ask_risk"

    @property
    def codes(self) -> tuple[Code, ...]:
        return tuple(s.code for s in self.sentences) or (self.code,)

    @property
    def cues(self) -> tuple[Cue, ...]:
        return tuple(cue for s in self.sentences if s.code == self.code for cue in s.cues)

    @property
    def cue_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.cues)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "code": str(self.code),
            "sentences": [s.to_dict() for s in self.sentences],
            "reflects": str(self.reflects) if self.reflects else None,
            "intent": self.intent.to_dict() if self.intent else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CodedUtterance:
        reflects = data.get("reflects")
        intent = data.get("intent")
        return cls(
            text=data["text"],
            code=Code(data["code"]),
            sentences=tuple(CodedSentence.from_dict(s) for s in data.get("sentences", ())),
            reflects=Reflected(reflects) if reflects else None,
            intent=PractitionerIntent.from_dict(intent) if isinstance(intent, dict) else None,
        )
