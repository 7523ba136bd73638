"""Per-turn facts the figures, globals and feedback are computed from (one pass, no spaCy)."""

from __future__ import annotations

from dataclasses import dataclass

from mi_trainer.coding.codes import Code, Reflected, TalkType
from mi_trainer.coding.result import CodedUtterance
from mi_trainer.transcript import Transcript, Turn


def counted_codes(coded: CodedUtterance) -> tuple[Code, ...]:
    """The codes a practitioner turn contributes to the behaviour counts.

    Each code present in the turn counts once (a reflection spread over two sentences is one
    reflection). A turn holds at most one reflection (complex wins over simple, as a MITI coder
    codes the reflection by its deepest part) and at most one question (the last one asked:
    the one the person is left to answer).
    """
    codes = coded.codes
    present: dict[Code, None] = {}
    last_question: Code | None = None
    for code in codes:
        if code in (Code.QUESTION_OPEN, Code.QUESTION_CLOSED):
            last_question = code
            continue
        present[code] = None
    if last_question is not None:
        present[last_question] = None
    if Code.REFLECTION_COMPLEX in present:
        present.pop(Code.REFLECTION_SIMPLE, None)
    return tuple(present)


@dataclass(frozen=True, slots=True)
class PTurn:
    """A practitioner turn with what the client said just before it."""

    index: int  # Turn.index
    position: int  # 0-based among practitioner turns
    turn: Turn
    coded: CodedUtterance
    codes: frozenset[Code]
    before: tuple[Turn, ...]  # client turns since the previous practitioner turn

    @property
    def heard(self) -> frozenset[TalkType]:
        return frozenset(talk_of(t) for t in self.before)

    @property
    def last_client(self) -> Turn | None:
        return self.before[-1] if self.before else None

    def has(self, *codes: Code) -> bool:
        return any(c in self.codes for c in codes)

    @property
    def reflection(self) -> bool:
        return self.has(Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX)

    @property
    def reflects_change(self) -> bool:
        """A reflection of change talk (or a double-sided one), by the coder or by context."""
        if not self.reflection:
            return False
        if self.coded.reflects is not None:
            return self.coded.reflects in (Reflected.CHANGE, Reflected.BOTH)
        return TalkType.CHANGE in self.heard

    @property
    def double_sided(self) -> bool:
        return self.reflection and self.coded.reflects == Reflected.BOTH


def talk_of(turn: Turn) -> TalkType:
    return turn.talk_type or TalkType.NEUTRAL


def is_client(turn: Turn) -> bool:
    return not turn.is_practitioner and turn.event is None


def practitioner_facts(transcript: Transcript) -> list[PTurn]:
    out: list[PTurn] = []
    before: list[Turn] = []
    for turn in transcript.turns:
        if turn.is_practitioner:
            if turn.coded is not None and turn.event is None:
                out.append(
                    PTurn(
                        index=turn.index,
                        position=len(out),
                        turn=turn,
                        coded=turn.coded,
                        codes=frozenset(counted_codes(turn.coded)),
                        before=tuple(before),
                    )
                )
            before = []
        elif is_client(turn):
            before.append(turn)
    return out


def closed_strings(pturns: list[PTurn], length: int = 3) -> list[tuple[int, ...]]:
    """Runs of ``length`` or more closed questions with no reflection in between."""
    runs: list[tuple[int, ...]] = []
    current: list[int] = []
    for p in pturns:
        if p.has(Code.QUESTION_CLOSED) and not p.reflection:
            current.append(p.index)
        elif p.reflection or p.has(Code.QUESTION_OPEN):
            if len(current) >= length:
                runs.append(tuple(current))
            current = []
    if len(current) >= length:
        runs.append(tuple(current))
    return runs
