"""The fixed vocabulary shared by every layer: practitioner codes and client talk types.

Kept free of spaCy so scoring, storage and the interface can import it cheaply.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """MITI 4.2.1 behaviour codes (plus open/closed questions from MITI 3)."""

    QUESTION_OPEN = "question_open"
    QUESTION_CLOSED = "question_closed"
    REFLECTION_SIMPLE = "reflection_simple"
    REFLECTION_COMPLEX = "reflection_complex"
    AFFIRM = "affirm"
    SEEKING_COLLABORATION = "seeking_collaboration"
    EMPHASIZING_AUTONOMY = "emphasizing_autonomy"
    GIVING_INFORMATION = "giving_information"
    PERSUADE = "persuade"
    PERSUADE_WITH_PERMISSION = "persuade_with_permission"
    CONFRONT = "confront"
    OTHER = "other"


QUESTIONS = frozenset({Code.QUESTION_OPEN, Code.QUESTION_CLOSED})
REFLECTIONS = frozenset({Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX})
MI_ADHERENT = frozenset({Code.AFFIRM, Code.SEEKING_COLLABORATION, Code.EMPHASIZING_AUTONOMY})
# "Directive statements" in this project: MI non-adherent.
MI_NON_ADHERENT = frozenset({Code.PERSUADE, Code.CONFRONT})

CODE_LABELS: dict[Code, str] = {
    Code.QUESTION_OPEN: "open question",
    Code.QUESTION_CLOSED: "closed question",
    Code.REFLECTION_SIMPLE: "simple reflection",
    Code.REFLECTION_COMPLEX: "complex reflection",
    Code.AFFIRM: "affirmation",
    Code.SEEKING_COLLABORATION: "seeking collaboration",
    Code.EMPHASIZING_AUTONOMY: "emphasising autonomy",
    Code.GIVING_INFORMATION: "giving information",
    Code.PERSUADE: "persuading (no permission)",
    Code.PERSUADE_WITH_PERMISSION: "persuading with permission",
    Code.CONFRONT: "confronting",
    Code.OTHER: "other",
}


class TalkType(StrEnum):
    """What a client line says about change (see mi-reference.md, 'Client language')."""

    CHANGE = "change"
    SUSTAIN = "sustain"
    NEUTRAL = "neutral"
    DISCORD = "discord"
    # A safeguarding disclosure (self-harm, suicidal thoughts, harm to a child, violence):
    # its own kind of talk, never counted as change talk.
    DISCLOSURE = "disclosure"


class Reflected(StrEnum):
    """What a reflection reflects, when the previous client line is known."""

    CHANGE = "change"
    SUSTAIN = "sustain"
    BOTH = "both"  # double-sided: softens sustain talk while holding the change side
    NEUTRAL = "neutral"
