"""The fixed words a scenario may use (stages, intents, DARN-CAT, families, themes).

Practitioner codes, talk types and reflection kinds come from
:mod:`mi_trainer.coding.codes`, so every layer speaks the same vocabulary.
"""

from __future__ import annotations

from enum import StrEnum

from mi_trainer.coding.codes import Code


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

#: How a family is named in messages ("no fallback response for questions").
FAMILY_PLURAL: dict[str, str] = {
    "question": "questions",
    "reflection": "reflections",
    "directive": "directive statements (persuade, confront)",
    "adherent": "MI-adherent statements (affirm, collaboration, autonomy)",
    "information": "information giving",
    "other": "other statements (greetings, structuring)",
}

#: State variables of a family member, each 0..1.
VARIABLES: tuple[str, ...] = ("rapport", "openness", "readiness", "discord")

#: Theme tags the library uses; others give a warning with the nearest suggestion.
KNOWN_THEMES: tuple[str, ...] = (
    "substance misuse",
    "alcohol",
    "domestic abuse",
    "parental mental health",
    "neglect",
    "kinship care",
    "staff supervision",
    "adolescents",
    "child exploitation",
    "criminal exploitation",
    "sexual exploitation",
    "physical abuse",
    "emotional abuse",
    "sexual abuse",
    "young carers",
    "learning disability",
    "parental conflict",
    "housing",
    "poverty",
    "school attendance",
    "perinatal",
    "pre-birth",
    "self-harm",
    "fathers",
    "family network",
    "care leavers",
    "disability",
)

#: Kinds of enum in messages ("unknown talk type 'chnage'").
ENUM_LABELS: dict[type, str] = {}


def _labels() -> None:
    from mi_trainer.coding.codes import Reflected, TalkType

    ENUM_LABELS.update(
        {
            Code: "code",
            TalkType: "talk type",
            Reflected: "reflection kind",
            Stage: "stage",
            Intent: "intent",
            DarnCat: "DARN-CAT category",
            Family: "code family",
        }
    )


_labels()
