"""Per-turn facts the figures, globals and feedback are computed from (one pass, no spaCy)."""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from mi_trainer.coding.accuracy import (
    REPEAT,
    ReflectionFit,
    content_meanings,
    reflection_accuracy,
)
from mi_trainer.coding.codes import REFLECTIONS, Code, Reflected, TalkType
from mi_trainer.coding.result import CodedUtterance
from mi_trainer.transcript import Transcript, Turn

# How many of the person's latest lines a reflection is first checked against; a reflection
# that fits none of them is checked against everything they have said (a reflection of
# something said earlier, or a summary, still says back what the person said).
RECENT_CLIENT_LINES = 3
# How far back "anything they have said" and "said before" reach (keeps live scoring cheap).
EARLIER_CLIENT_LINES = 30
EARLIER_REFLECTIONS = 12
# What a reflection the text check cannot match counts when the person takes it in their stride
# (no puzzlement, correction or discord next): the check misses paraphrases in other words and
# reflections of what the worker saw, so it is neither verified (1) nor shown to miss (0).
UNVERIFIED_CREDIT = 0.5


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
    # How far the turn's reflection says back what the person said (None: no reflection).
    fit: ReflectionFit | None = None
    # The person's next line met the turn with puzzlement, correction or discord.
    challenged: bool = False
    # ... in words ("What?", "I never said that", "Are you even listening?"), not only by
    # discord: the person saying it missed outweighs any words it shares with theirs.
    corrected: bool = False
    # What a reflection the check cannot match counts (see ``credit``).
    doubt: float = 0.0

    @property
    def heard(self) -> frozenset[TalkType]:
        return frozenset(talk_of(t) for t in self.before)

    @property
    def last_client(self) -> Turn | None:
        return self.before[-1] if self.before else None

    def has(self, *codes: Code) -> bool:
        return not self.codes.isdisjoint(codes)

    @property
    def reflection(self) -> bool:
        """The coder coded a reflection (whether or not it fits what the person said)."""
        return not self.codes.isdisjoint(REFLECTIONS)

    @property
    def credit(self) -> float:
        """How much the turn's reflection counts, 0..1 (0 without a reflection).

        A reflection counts only as far as it says back what the person said: a fitting one
        (their words, or a feeling their words make plausible) counts 1, one that shares only
        part of its content with their words counts that share (doubled, at most 1); one the
        check cannot match counts ``UNVERIFIED_CREDIT`` unless the person's next line is
        puzzled (then 0, as nonsense is); a reflection already said counts 0, and so does one
        the person says missed ("What?", "I never said that"), whatever words it borrows.
        """
        if not self.reflection or self.corrected:
            return 0.0
        credit = reflection_credit(self.fit)
        if self.repeat or self.challenged:
            return credit
        return max(credit, self.doubt)

    @property
    def missed(self) -> bool:
        """Not listening: a reflection said again, one matching nothing they said and met with
        puzzlement, correction or discord, or one they say in words missed them."""
        return self.repeat or self.corrected or (self.unverified and self.challenged)

    @property
    def unfit(self) -> bool:
        """A reflection shown to miss: said again, or matching nothing the person said and met
        with puzzlement, correction or discord (not listening)."""
        return self.reflection and self.credit == 0.0

    @property
    def unverified(self) -> bool:
        """A reflection the text check could not match to anything the person said."""
        return self.reflection and reflection_credit(self.fit) == 0.0

    @property
    def repeat(self) -> bool:
        """A reflection the practitioner has already said (whatever the person said since)."""
        return self.reflection and self.fit is not None and self.fit.kind == REPEAT

    @property
    def risk_question(self) -> bool:
        """A direct question about risk (self-harm, suicide, harm to a child, violence)."""
        return self.coded.risk_question

    @property
    def intent_kind(self) -> str | None:
        return None if self.coded.intent is None else self.coded.intent.kind

    @property
    def reflects_change(self) -> bool:
        """A reflection of change talk (or a double-sided one), by the coder or by context."""
        if not self.reflection or self.unfit:
            return False
        if self.coded.reflects is not None:
            return self.coded.reflects in (Reflected.CHANGE, Reflected.BOTH)
        return TalkType.CHANGE in self.heard

    @property
    def double_sided(self) -> bool:
        return self.reflection and self.coded.reflects == Reflected.BOTH


def reflection_credit(fit: ReflectionFit | None) -> float:
    if fit is None or fit.kind == REPEAT:
        return 0.0
    if fit.fits:
        return 1.0
    return round(min(1.0, 2 * fit.score), 3)


def reflection_text(coded: CodedUtterance) -> str:
    """The sentences of a turn the coder coded as reflections (the whole turn if none)."""
    parts = [s.text for s in coded.sentences if s.code in REFLECTIONS]
    return " ".join(parts) if parts else coded.text


def judge_reflection(
    coded: CodedUtterance, client_lines: list[str], said_before: list[str]
) -> ReflectionFit:
    """How well a turn's reflection fits the person's recent lines, else anything they said."""
    return _judge(
        reflection_text(coded),
        tuple(client_lines[-EARLIER_CLIENT_LINES:]),
        tuple(said_before[-EARLIER_REFLECTIONS:]),
    )


@functools.lru_cache(maxsize=4096)
def _judge(text: str, client_lines: tuple[str, ...], said_before: tuple[str, ...]) -> ReflectionFit:
    # Cached: the interface rescores the whole session after every turn, with the same inputs
    # for every turn but the last.
    fit = reflection_accuracy(text, client_lines[-RECENT_CLIENT_LINES:], said_before)
    if fit.fits or fit.kind == REPEAT or len(client_lines) <= RECENT_CLIENT_LINES:
        return fit
    earlier = reflection_accuracy(text, client_lines)
    return earlier if reflection_credit(earlier) > reflection_credit(fit) else fit


REACTIONS_PATH = Path(__file__).with_name("patterns") / "reactions.yaml"


@functools.cache
def _puzzled() -> re.Pattern[str]:
    phrases = yaml.safe_load(REACTIONS_PATH.read_text(encoding="utf-8"))["puzzled"]
    alternatives = sorted((re.escape(str(p).lower()) for p in phrases), key=len, reverse=True)
    return re.compile(rf"(?<![\w'])(?:{'|'.join(alternatives)})(?![\w'])")


def puzzled(turn: Turn) -> bool:
    """The family member says the worker missed: puzzlement, correction or discord."""
    return talk_of(turn) == TalkType.DISCORD or says_missed(turn)


def says_missed(turn: Turn) -> bool:
    """The family member says in words that the worker missed ("What?", "I never said that")."""
    # "So what?" is pushing back, not puzzlement.
    text = re.sub(r"\bso what\b", "", turn.text.lower().replace("\u2019", "'"))
    return _puzzled().search(text) is not None


def talk_of(turn: Turn) -> TalkType:
    return turn.talk_type or TalkType.NEUTRAL


def is_client(turn: Turn) -> bool:
    return not turn.is_practitioner and turn.event is None


def practitioner_facts(transcript: Transcript) -> list[PTurn]:
    out: list[PTurn] = []
    replied = True  # the latest practitioner turn has had the person's next line
    conversation: set[str] = set()  # the meanings said so far, by anyone
    before: list[Turn] = []
    client_lines: list[str] = []
    reflections_said: list[str] = []
    for turn in transcript.turns:
        if turn.is_practitioner:
            if turn.coded is not None and turn.event is None:
                codes = frozenset(counted_codes(turn.coded))
                fit = None
                doubt = 0.0
                if codes & REFLECTIONS:
                    fit = judge_reflection(turn.coded, client_lines, reflections_said)
                    text = reflection_text(turn.coded)
                    if not set(content_meanings(text)).isdisjoint(conversation):
                        doubt = UNVERIFIED_CREDIT
                    reflections_said.append(text)
                conversation.update(content_meanings(turn.text))
                out.append(
                    PTurn(
                        index=turn.index,
                        position=len(out),
                        turn=turn,
                        coded=turn.coded,
                        codes=codes,
                        before=tuple(before),
                        fit=fit,
                        doubt=doubt,
                    )
                )
                replied = False
            before = []
        elif is_client(turn):
            if not replied and out[-1].reflection and puzzled(turn):
                out[-1] = dataclasses.replace(out[-1], challenged=True, corrected=says_missed(turn))
            replied = True
            before.append(turn)
            client_lines.append(turn.text)
            conversation.update(content_meanings(turn.text))
    return out


def closed_strings(pturns: list[PTurn], length: int = 3) -> list[tuple[int, ...]]:
    """Runs of ``length`` or more closed questions with no reflection in between."""
    runs: list[tuple[int, ...]] = []
    current: list[int] = []
    for p in pturns:
        if p.risk_question:
            continue  # a direct question about risk is good practice, never part of a string
        if p.has(Code.QUESTION_CLOSED) and not p.reflection:
            current.append(p.index)
        elif p.reflection or p.has(Code.QUESTION_OPEN):
            if len(current) >= length:
                runs.append(tuple(current))
            current = []
    if len(current) >= length:
        runs.append(tuple(current))
    return runs
