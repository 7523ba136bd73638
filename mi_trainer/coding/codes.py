"""The practitioner codes and client talk types, as the coding package names them.

Defined once in :mod:`mi_trainer.vocabulary` (the vocabulary every layer shares).
"""

from mi_trainer.vocabulary import (  # noqa: F401  (re-exported)
    CODE_LABELS,
    MI_ADHERENT,
    MI_NON_ADHERENT,
    QUESTIONS,
    REFLECTIONS,
    Code,
    Reflected,
    TalkType,
)
