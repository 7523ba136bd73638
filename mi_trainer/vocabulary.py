"""The one vocabulary every layer speaks: practitioner codes, client talk types, reflection
kinds, stages of change, client intents, DARN-CAT, code families, state variables and the
stored score figures.

Scenarios, the simulation (and its ``default_rules.yaml``, checked against this at load),
scoring and storage all import these names from here; nothing else lists them. Kept free of
spaCy, pydantic and Textual so every layer can import it cheaply.
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


class Stage(StrEnum):
    """Stage of change (Prochaska and DiClemente), as used by stage-of-change simulators."""

    PRECONTEMPLATION = "precontemplation"
    CONTEMPLATION = "contemplation"
    PREPARATION = "preparation"
    ACTION = "action"


class Intent(StrEnum):
    """What a client line does in the conversation (ConsistentMI-style actions)."""

    DENY = "deny"
    DOWNPLAY = "downplay"
    BLAME = "blame"
    ENGAGE = "engage"
    INFORM = "inform"
    HESITATE = "hesitate"
    ACKNOWLEDGE = "acknowledge"
    PLAN = "plan"


class DarnCat(StrEnum):
    """DARN-CAT subtype of change or sustain talk."""

    DESIRE = "desire"
    ABILITY = "ability"
    REASON = "reason"
    NEED = "need"
    COMMITMENT = "commitment"
    ACTIVATION = "activation"
    TAKING_STEPS = "taking_steps"


class Family(StrEnum):
    """Families of practitioner codes, for conditions and rule tuning."""

    QUESTION = "question"
    REFLECTION = "reflection"
    DIRECTIVE = "directive"
    ADHERENT = "adherent"
    INFORMATION = "information"
    OTHER = "other"


#: Codes in each family (the engine's default ``families``; keep in step with
#: ``mi_trainer/simulation/default_rules.yaml``).
FAMILY_CODES: dict[Family, tuple[Code, ...]] = {
    Family.QUESTION: (Code.QUESTION_OPEN, Code.QUESTION_CLOSED),
    Family.REFLECTION: (Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX),
    Family.DIRECTIVE: (Code.PERSUADE, Code.CONFRONT),
    Family.ADHERENT: (Code.AFFIRM, Code.SEEKING_COLLABORATION, Code.EMPHASIZING_AUTONOMY),
    Family.INFORMATION: (Code.GIVING_INFORMATION, Code.PERSUADE_WITH_PERMISSION),
    Family.OTHER: (Code.OTHER,),
}
FAMILY_OF: dict[str, str] = {
    str(code): str(family) for family, codes in FAMILY_CODES.items() for code in codes
}


#: State variables of a family member, each 0..1.
VARIABLES: tuple[str, ...] = ("rapport", "openness", "readiness", "discord")

#: The talk types a simulated member's replies are weighted over (``talk_weights``).
TALK_TYPES: tuple[str, ...] = ("change", "sustain", "neutral", "discord")
STAGES: tuple[str, ...] = tuple(str(s) for s in Stage)
INTENTS: tuple[str, ...] = tuple(str(i) for i in Intent)

#: The flat score figures of a session (keys of ``SessionScore.figures()``, stored as columns).
FIGURE_KEYS: tuple[str, ...] = (
    "overall",
    "r_to_q",
    "pct_complex",
    "pct_open",
    "adherent",
    "non_adherent",
    "questions",
    "reflections",
    "change_talk",
    "sustain_talk",
    "discord",
    "pct_change_talk",
    "cct",
    "sst",
    "partnership",
    "empathy",
    "technical",
    "relational",
)
