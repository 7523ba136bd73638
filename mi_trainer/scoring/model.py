"""The records a session score is made of: plain dataclasses with ``to_dict``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mi_trainer.scoring.safeguarding import Safeguarding


@dataclass(frozen=True, slots=True)
class Figure:
    """One summary figure with its thresholds, rating and the turns it came from."""

    key: str
    label: str
    value: float | None
    display: str  # e.g. "1.5:1", "45%", "n/a"
    fair: float | None = None
    good: float | None = None
    rating: str | None = None  # "below fair" / "fair" / "good" / "n/a"; None: no thresholds
    turns: tuple[int, ...] = ()
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "display": self.display,
            "fair": self.fair,
            "good": self.good,
            "rating": self.rating,
            "turns": list(self.turns),
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class GlobalEstimate:
    """An estimated MITI global (1–5) or summary average, with the facts it rests on."""

    key: str
    label: str
    value: float | None
    basis: tuple[str, ...] = ()
    turns: tuple[int, ...] = ()
    fair: float | None = None
    good: float | None = None
    rating: str | None = None
    estimate: bool = True

    @property
    def display(self) -> str:
        return "n/a" if self.value is None else f"{self.value:.1f}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "display": self.display,
            "estimate": self.estimate,
            "basis": list(self.basis),
            "turns": list(self.turns),
            "fair": self.fair,
            "good": self.good,
            "rating": self.rating,
        }


@dataclass(frozen=True, slots=True)
class Segment:
    """Client language in one part of the session (e.g. the first third)."""

    label: str
    turns: tuple[int, ...]
    change: int
    sustain: int
    discord: int
    neutral: int
    disclosure: int = 0

    @property
    def pct_change(self) -> float | None:
        total = self.change + self.sustain
        return None if total == 0 else round(100.0 * self.change / total, 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "turns": list(self.turns),
            "change": self.change,
            "sustain": self.sustain,
            "discord": self.discord,
            "neutral": self.neutral,
            "disclosure": self.disclosure,
            "pct_change": self.pct_change,
        }


@dataclass(frozen=True, slots=True)
class ClientSummary:
    """Change talk, sustain talk and discord, and how they moved through the session."""

    change: int = 0
    sustain: int = 0
    discord: int = 0
    neutral: int = 0
    pct_change: float | None = None
    change_turns: tuple[int, ...] = ()
    sustain_turns: tuple[int, ...] = ()
    discord_turns: tuple[int, ...] = ()
    # Safeguarding disclosures: their own talk type, never counted as change talk.
    disclosure: int = 0
    disclosure_turns: tuple[int, ...] = ()
    trajectory: tuple[Segment, ...] = ()
    direction: str = "n/a"  # "rising" / "falling" / "steady" / "n/a"
    # One point per client turn: (turn index, change talk so far minus sustain talk so far).
    balance: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "sustain": self.sustain,
            "discord": self.discord,
            "neutral": self.neutral,
            "pct_change": self.pct_change,
            "change_turns": list(self.change_turns),
            "sustain_turns": list(self.sustain_turns),
            "discord_turns": list(self.discord_turns),
            "disclosure": self.disclosure,
            "disclosure_turns": list(self.disclosure_turns),
            "trajectory": [s.to_dict() for s in self.trajectory],
            "direction": self.direction,
            "balance": [list(p) for p in self.balance],
        }


@dataclass(frozen=True, slots=True)
class TurnFeedback:
    """Coaching for one practitioner turn: what it was, why, and what to try instead."""

    turn_index: int
    code: str
    codes: tuple[str, ...]
    cue: str
    note: str
    suggestion: str | None = None
    # open_question / fact_question / fine_as_asked / ask_permission / reflect_instead /
    # reflect_change_talk / receive_disclosure / risk_question / drop_check
    kind: str | None = None
    why: str | None = None  # one line: why the suggestion would work better

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn_index,
            "code": self.code,
            "codes": list(self.codes),
            "cue": self.cue,
            "note": self.note,
            "suggestion": self.suggestion,
            "kind": self.kind,
            "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class OverallPart:
    """One ingredient of the overall score: its 0–1 value, weight and points."""

    key: str
    label: str
    value: float | None  # 0..1, None when undefined (left out, weights rescaled)
    weight: float
    points: float  # contribution to the 0–100 overall

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "weight": self.weight,
            "points": self.points,
        }


@dataclass(slots=True)
class SessionScore:
    """Everything scoring says about a (possibly partial) session."""

    overall: float
    parts: tuple[OverallPart, ...]
    counts: dict[str, int]
    count_turns: dict[str, tuple[int, ...]]
    summary: dict[str, Figure]
    globals: dict[str, GlobalEstimate]
    client: ClientSummary
    feedback: list[TurnFeedback] = field(default_factory=list)
    practitioner_turns: int = 0
    safeguarding: Safeguarding | None = None
    # The child-protection lens (clarity, purposefulness, child focus): estimates, 1–5.
    lens: dict[str, GlobalEstimate] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # speaker id -> display name

    @property
    def headline(self) -> str | None:
        """What every view shows first: a missed disclosure, whatever the score."""
        return None if self.safeguarding is None else self.safeguarding.headline(self.names)

    @property
    def missed_disclosures(self) -> int:
        return 0 if self.safeguarding is None else len(self.safeguarding.missed)

    def figures(self) -> dict[str, float | None]:
        """Flat figures for storage (keys fixed by the contract)."""
        g = self.globals
        return {
            "overall": self.overall,
            "r_to_q": self.summary["r_to_q"].value,
            "pct_complex": self.summary["pct_complex"].value,
            "pct_open": self.summary["pct_open"].value,
            "adherent": self.summary["adherent"].value,
            "non_adherent": self.summary["non_adherent"].value,
            "questions": self.summary["questions"].value,
            "reflections": self.summary["reflections"].value,
            "change_talk": float(self.client.change),
            "sustain_talk": float(self.client.sustain),
            "discord": float(self.client.discord),
            "pct_change_talk": self.client.pct_change,
            "cct": g["cct"].value,
            "sst": g["sst"].value,
            "partnership": g["partnership"].value,
            "empathy": g["empathy"].value,
            "technical": g["technical"].value,
            "relational": g["relational"].value,
        }

    def practice_figures(self) -> dict[str, float | None]:
        """Flat figures of the child-protection lens and the safeguarding moments (for
        storage and the manager's trends, beside ``figures()``)."""
        return {
            "clarity": self._lens_value("clarity"),
            "purposefulness": self._lens_value("purposefulness"),
            "child_focus": self._lens_value("child_focus"),
            "missed_disclosures": float(self.missed_disclosures),
            "risk_questions": float(
                0 if self.safeguarding is None else len(self.safeguarding.risk_questions)
            ),
        }

    def _lens_value(self, key: str) -> float | None:
        estimate = self.lens.get(key)
        return None if estimate is None else estimate.value

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall,
            "overall_parts": [p.to_dict() for p in self.parts],
            "practitioner_turns": self.practitioner_turns,
            "counts": dict(self.counts),
            "count_turns": {k: list(v) for k, v in self.count_turns.items()},
            "summary": {k: f.to_dict() for k, f in self.summary.items()},
            "globals": {k: g.to_dict() for k, g in self.globals.items()},
            "client": self.client.to_dict(),
            "headline": self.headline,
            "safeguarding": None if self.safeguarding is None else self.safeguarding.to_dict(),
            "lens": {k: g.to_dict() for k, g in self.lens.items()},
            "feedback": [f.to_dict() for f in self.feedback],
            "figures": self.figures(),
            "practice_figures": self.practice_figures(),
        }
