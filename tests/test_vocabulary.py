"""One vocabulary: stages, codes, talk types and figure keys are defined once and the default
reaction rules are checked against them."""

from __future__ import annotations

from mi_trainer import vocabulary
from mi_trainer.coding import codes
from mi_trainer.scenarios import checks, vocab
from mi_trainer.simulation import rules
from mi_trainer.storage import schema


def test_every_layer_uses_the_one_vocabulary() -> None:
    assert codes.Code is vocabulary.Code and codes.TalkType is vocabulary.TalkType
    assert vocab.Stage is vocabulary.Stage and vocab.FAMILY_CODES is vocabulary.FAMILY_CODES
    assert rules.STAGES is vocabulary.STAGES and checks._STAGE_ORDER is vocabulary.STAGES
    assert rules.VARIABLES is vocabulary.VARIABLES and vocab.VARIABLES is vocabulary.VARIABLES
    assert schema.FIRST_FIGURE_KEYS is vocabulary.FIGURE_KEYS
    assert vocabulary.STAGES == ("precontemplation", "contemplation", "preparation", "action")


def test_the_default_rules_speak_the_shared_vocabulary() -> None:
    assert rules.vocabulary_problems(rules._parsed_defaults()) == []
    broken = {
        **rules._parsed_defaults(),
        "reactions": {"persuaded": {"rapport": -0.1}, "confront": {"rapport_": -0.1}},
        "stages": {"contemplaton": 0.3},
        "code_talk_bias": {"affirm": {"chnage": 1.2}},
    }
    problems = rules.vocabulary_problems(broken)
    assert "reactions: unknown 'persuaded'" in problems
    assert "reactions.confront: unknown 'rapport_'" in problems
    assert "stages: unknown 'contemplaton'" in problems
    assert "code_talk_bias.affirm: unknown 'chnage'" in problems
