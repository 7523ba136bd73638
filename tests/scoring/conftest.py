"""Builders for hand-made coded sessions (no coder needed), shared by the scoring tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mi_trainer.coding.codes import Code, Reflected, TalkType
from mi_trainer.coding.result import CodedSentence, CodedUtterance
from mi_trainer.transcript import PRACTITIONER, Transcript, Turn

# (speaker, text, codes-or-talk[, reflects])
Line = tuple


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


__all__ = ["Code", "Reflected", "TalkType", "build"]
