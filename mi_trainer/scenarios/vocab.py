"""The fixed words a scenario may use (stages, intents, DARN-CAT, families, themes).

The words every layer shares (codes, talk types, stages, intents, DARN-CAT, families, state
variables) are defined in :mod:`mi_trainer.vocabulary` and re-exported here.
"""

from __future__ import annotations

from mi_trainer.vocabulary import (  # noqa: F401  (re-exported: the scenario words)
    FAMILY_CODES,
    FAMILY_OF,
    VARIABLES,
    Code,
    DarnCat,
    Family,
    Intent,
    Stage,
)

#: How a family is named in messages ("no fallback response for questions").
FAMILY_PLURAL: dict[str, str] = {
    "question": "questions",
    "reflection": "reflections",
    "directive": "directive statements (persuade, confront)",
    "adherent": "MI-adherent statements (affirm, collaboration, autonomy)",
    "information": "information giving",
    "other": "other statements (greetings, structuring)",
}


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
