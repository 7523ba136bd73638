"""Builders for hand-made coded sessions (no coder needed), shared by the scoring tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mi_trainer.coding.codes import Code, Reflected, TalkType
from mi_trainer.coding.result import CodedSentence, CodedUtterance
from mi_trainer.transcript import PRACTITIONER, Transcript, Turn

# (speaker, text, codes-or-talk[, reflects])
Line = tuple


# Worries a family member can voice and a reflection can say back: distinct topics, so no
# reflection repeats another (a reflection counts only as far as it fits what was said).
TOPICS = (
    "the school run",
    "the mornings",
    "money",
    "my sister",
    "sleep",
    "work",
    "the landlord",
    "the bus",
    "the washing",
    "the dog",
    "the rent",
    "the car",
)


def voiced(i: int) -> str:
    """A family member's line with a worry in it ("I keep worrying about money.")."""
    return f"I keep worrying about {TOPICS[i % len(TOPICS)]}."


def said_back(i: int) -> str:
    """A reflection that fits ``voiced(i)``."""
    return f"You keep worrying about {TOPICS[i % len(TOPICS)].replace('my ', 'your ')}."


def build(*lines: Line) -> Transcript:
    """('p', text, Code | (Code, ...), Reflected?) or ('c', text, TalkType)."""
    turns: list[Turn] = []
    for i, line in enumerate(lines):
        who, text, what = line[0], line[1], line[2]
        if who == "p":
            codes = what if isinstance(what, tuple) else (what,)
            reflects = line[3] if len(line) > 3 else None
            coded = CodedUtterance(
                text,
                codes[0],
                tuple(CodedSentence(text, c, (f"cue for {c}",)) for c in codes),
                reflects,
            )
            turns.append(Turn(i, PRACTITIONER, text, coded=coded))
        else:
            turns.append(Turn(i, "kerry", text, talk_type=what))
    return Transcript(turns=turns, members={"kerry": "Kerry"}, scenario_title="Kerry")


@pytest.fixture
def session() -> Callable[..., Transcript]:
    return build


__all__ = ["Code", "Reflected", "TalkType", "build", "said_back", "voiced"]
