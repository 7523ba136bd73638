"""What the coder returns: plain, serialisable records (no spaCy objects leak out)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mi_trainer.coding.codes import Code, Reflected


@dataclass(frozen=True, slots=True)
class CodedSentence:
    """One sentence-level unit with its code and the cues that decided it."""

    text: str
    code: Code
    cues: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "code": str(self.code), "cues": list(self.cues)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CodedSentence:
        return cls(text=data["text"], code=Code(data["code"]), cues=tuple(data.get("cues", ())))


@dataclass(frozen=True, slots=True)
class CodedUtterance:
    """A practitioner turn: a main code chosen by precedence over its sentences."""

    text: str
    code: Code
    sentences: tuple[CodedSentence, ...] = ()
    # Only for reflections with a known previous client line.
    reflects: Reflected | None = None

    @property
    def codes(self) -> tuple[Code, ...]:
        return tuple(s.code for s in self.sentences) or (self.code,)

    @property
    def cues(self) -> tuple[str, ...]:
        return tuple(cue for s in self.sentences if s.code == self.code for cue in s.cues)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "code": str(self.code),
            "sentences": [s.to_dict() for s in self.sentences],
            "reflects": str(self.reflects) if self.reflects else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CodedUtterance:
        reflects = data.get("reflects")
        return cls(
            text=data["text"],
            code=Code(data["code"]),
            sentences=tuple(CodedSentence.from_dict(s) for s in data.get("sentences", ())),
            reflects=Reflected(reflects) if reflects else None,
        )
