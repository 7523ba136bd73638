"""Safeguarding moments: disclosures of risk and direct questions about it.

In child protection, asking directly and calmly about risk ("Have you had thoughts of ending
your life?", "Has he ever hurt the children?") is good practice even though it is a closed
question, and a disclosure of risk (self-harm, suicidal thoughts, harm to a child, violence)
must be received: reflected, thanked, or followed by a question about safety now. A disclosure
passed over is the most serious miss in a session, so it is reported first, whatever the score.

The practitioner's next turn after a disclosure decides:
- received when it thanks the person (intent ``thank``), asks about risk or safety
  (intent ``ask_risk``), reflects what they disclosed (a reflection that fits the disclosure),
  or asks an open question about it (one that picks up their words);
- passed over otherwise, and always when it persuades or confronts;
- unanswered when nobody spoke after it before the session ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mi_trainer.coding.accuracy import reflection_accuracy
from mi_trainer.coding.codes import MI_NON_ADHERENT, Code, TalkType
from mi_trainer.scoring.facts import PTurn, reflection_credit, reflection_text, talk_of
from mi_trainer.transcript import Transcript
from mi_trainer.wording import plural

RECEIVED = "received"
PASSED_OVER = "passed over"
UNANSWERED = "unanswered"

# The intent kinds (coding/intent.py) that receive a disclosure on their own.
THANK = "thank"
ASK_RISK = "ask_risk"


@dataclass(frozen=True, slots=True)
class DisclosureMoment:
    """A disclosure by a family member and how the practitioner's next turn met it."""

    turn: int  # the family member's turn
    speaker: str
    text: str
    status: str  # received / passed over / unanswered
    response_turn: int | None = None
    how: tuple[str, ...] = ()  # what received it: "thanked", "asked about safety", ...

    @property
    def missed(self) -> bool:
        return self.status != RECEIVED

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "speaker": self.speaker,
            "text": self.text,
            "status": self.status,
            "response_turn": self.response_turn,
            "how": list(self.how),
        }


@dataclass(frozen=True, slots=True)
class Safeguarding:
    """Every disclosure with its outcome, and the turns that asked directly about risk."""

    disclosures: tuple[DisclosureMoment, ...] = ()
    risk_questions: tuple[int, ...] = ()

    @property
    def missed(self) -> tuple[DisclosureMoment, ...]:
        return tuple(d for d in self.disclosures if d.missed)

    @property
    def received(self) -> tuple[DisclosureMoment, ...]:
        return tuple(d for d in self.disclosures if not d.missed)

    def headline(self, names: dict[str, str] | None = None) -> str | None:
        """The line every view shows first when a disclosure was missed (None otherwise)."""
        missed = self.missed
        if not missed:
            return None
        first = missed[0]
        who = (names or {}).get(first.speaker, "The family member")
        if first.status == UNANSWERED:
            what = "and the session ended before anyone responded"
        else:
            what = f"and the next turn ({first.response_turn}) passed over it"
        more = f" ({plural(len(missed), 'disclosure')} missed in all)" if len(missed) > 1 else ""
        return (
            f"Missed disclosure: {who} said “{first.text}” (turn {first.turn}) {what}{more}. "
            "Receive it: thank them, say back what they told you, and ask about safety now."
        )

    def lines(self, names: dict[str, str] | None = None) -> list[str]:
        """Plain-English lines for a summary: the missed ones first, then credit."""
        out: list[str] = []
        headline = self.headline(names)
        if headline:
            out.append(headline)
        for d in self.received:
            out.append(
                f"Disclosure at turn {d.turn} received at turn {d.response_turn} "
                f"({', '.join(d.how)})."
            )
        if self.risk_questions:
            turns = ", ".join(str(t) for t in self.risk_questions)
            out.append(
                f"Asked directly about risk ({plural(len(self.risk_questions), 'question')}, "
                f"turn{'s' if len(self.risk_questions) > 1 else ''} {turns}): good practice in "
                "child protection, even as a closed question."
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "disclosures": [d.to_dict() for d in self.disclosures],
            "missed": len(self.missed),
            "risk_questions": list(self.risk_questions),
        }


def _how_received(disclosure: str, p: PTurn) -> tuple[str, ...]:
    if p.has(*MI_NON_ADHERENT):
        return ()
    how: list[str] = []
    if p.intent_kind == THANK:
        how.append("thanked")
    if p.risk_question:
        how.append("asked about safety")
    if p.reflection:
        fit = reflection_accuracy(reflection_text(p.coded), [disclosure])
        if reflection_credit(fit) > 0:
            how.append("reflected it")
    asked = p.has(Code.QUESTION_OPEN) and not p.risk_question
    if asked and reflection_accuracy(p.coded.text, [disclosure]).overlap:
        how.append("asked about it")
    return tuple(how)


def safeguarding_moments(transcript: Transcript, pturns: list[PTurn]) -> Safeguarding:
    """Disclosures and how each was met; direct risk questions (see the module docstring)."""
    by_index = {p.index: p for p in pturns}
    following: dict[int, PTurn] = {}
    for p in pturns:
        for t in p.before:
            following[t.index] = p
    moments: list[DisclosureMoment] = []
    for turn in transcript.turns:
        if turn.is_practitioner or turn.event is not None:
            continue
        if talk_of(turn) != TalkType.DISCLOSURE:
            continue
        p = following.get(turn.index)
        if p is None:
            moments.append(DisclosureMoment(turn.index, turn.speaker, turn.text, UNANSWERED))
            continue
        how = _how_received(turn.text, p)
        moments.append(
            DisclosureMoment(
                turn.index,
                turn.speaker,
                turn.text,
                RECEIVED if how else PASSED_OVER,
                p.index,
                how,
            )
        )
    risk = tuple(i for i, p in by_index.items() if p.risk_question)
    return Safeguarding(tuple(moments), risk)
