"""A statement is a reflection only with evidence that it says back or builds on what the person
said; a statement with no such evidence is information, never a reflection by default (MITI 4.2.1:
a reflection captures and returns something the client has said)."""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import REFLECTIONS, Code


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


# (the client's last line, the worker's statement, the code, the cue id that decided it)
EVIDENCE = [
    # their words again, in any form: a content word of their last line
    (
        "The nights are killing me, I can't cope with the nights on my own.",
        "The nights are the hardest part.",
        "says_their_words",
    ),
    (
        "Mia's been worrying about her mum all week.",
        "Mia worries about her mum a lot.",
        "says_their_words",
    ),
    # their situation in the worker's words, about them ("you", "your", "yourself")
    (None, "Every contact with the kids matters to you.", "paraphrases_them"),
    (None, "The evening is the only time that's yours.", "paraphrases_them"),
    # how it is for them: a feeling, an understatement, a metaphor
    (None, "Contact with their dad hasn't been easy.", "names_their_feeling"),
    (None, "It's been frightening, all of it.", "names_their_feeling"),
    (None, "It's like being on trial in your own kitchen.", "paraphrases_them"),
    (None, "The whole meeting was like a trial.", "names_their_feeling"),
    # "So…" draws a conclusion from what they have said
    (None, "So Dean moved out in March.", "sums_up"),
    # carrying on a sentence: theirs trailed off, or the worker's starts mid-clause
    ("After they rang I was just so…", "That call came out of the blue.", "continues_sentence"),
    ("Yeah.", "-and then Dean walked out on top of it all.", "continues_sentence"),
    # a gloss with no verb of its own
    (
        "I do the school run, the tea, the baths, all of it on my own.",
        "Every single job, start to finish.",
        "gloss",
    ),
]


@pytest.mark.parametrize(("client", "utterance", "cue_id"), EVIDENCE)
def test_a_statement_with_evidence_is_a_reflection(
    coder: Coder, client: str | None, utterance: str, cue_id: str
) -> None:
    coded = coder.code(utterance, previous_client_line=client)
    assert coded.code in REFLECTIONS, coded.sentences
    assert coded.cues[0].id == cue_id, coded.cues
    assert coded.cues[0].text  # a trainer can read why


# (the client's last line, the worker's statement): facts about the case, not in their words
NO_EVIDENCE = [
    ("I don't know why they're even involved.", "The school made the referral in October."),
    ("Whatever.", "Dean's probation officer rang this morning."),
    (None, "The children need more than one person, they need the whole family."),
    ("I just want them home.", "The house was cold and there was no food in the fridge."),
    (None, "There were four adults in the flat when the police arrived."),
]


@pytest.mark.parametrize(("client", "utterance"), NO_EVIDENCE)
def test_a_statement_without_evidence_is_information_never_a_default_reflection(
    coder: Coder, client: str | None, utterance: str
) -> None:
    coded = coder.code(utterance, previous_client_line=client)
    assert coded.code == Code.GIVING_INFORMATION, coded.sentences


def test_the_same_statement_is_a_reflection_when_it_says_back_their_words(coder: Coder) -> None:
    statement = "The house was cold and there was no food in the fridge."
    said_back = coder.code(statement, previous_client_line="The fridge was empty, it was freezing.")
    assert said_back.code in REFLECTIONS
    assert said_back.cues[0].id == "says_their_words"
    assert "fridge" in said_back.cues[0].text


def test_plain_facts_lead_up_to_the_affirmation_they_are_evidence_for(coder: Coder) -> None:
    coded = coder.code(
        "They're at school every day and the nightmares are easing. That's down to you."
    )
    assert coded.code == Code.AFFIRM


# (the client's question, the worker's answer): an answer is information, even in their words
ANSWERS = [
    (
        "Is the family centre far?",
        "Not really, it is just past your mum.",
    ),
    ("Does the group actually work?", "It does work for a lot of the dads who stick with it."),
    (
        "Do I have to go to the meeting?",
        "You will get a letter with the date and you can bring someone.",
    ),
]


@pytest.mark.parametrize(("client", "utterance"), ANSWERS)
def test_an_answer_to_their_question_is_information(
    coder: Coder, client: str, utterance: str
) -> None:
    coded = coder.code(utterance, previous_client_line=client)
    assert coded.code == Code.GIVING_INFORMATION, coded.sentences
    assert coded.cues[0].id == "answers_question"


# a word or two can reflect: their word again, how it is for them, the end of their sentence;
# their own word said back is simple, a feeling they had not named is added: complex (session 7)
SHORT = [
    ("The flossing, I never keep up the flossing.", "Yes, flossing.", Code.REFLECTION_SIMPLE),
    ("Since the review I've just been so…", "Exhausted.", Code.REFLECTION_COMPLEX),
    ("I keep ringing and nobody rings back. I'm just-", "Ignored.", Code.REFLECTION_COMPLEX),
    ("I've been so anxious about it.", "Anxious.", Code.REFLECTION_SIMPLE),
]


@pytest.mark.parametrize(("client", "utterance", "code"), SHORT)
def test_a_short_remark_that_takes_up_their_words_is_a_reflection(
    coder: Coder, client: str, utterance: str, code: Code
) -> None:
    assert coder.code(utterance, previous_client_line=client).code == code


@pytest.mark.parametrize(
    ("client", "utterance"), [("Is that everything?", "Pretty much."), ("Yeah.", "Sure.")]
)
def test_a_short_answer_or_backchannel_is_not_a_reflection(
    coder: Coder, client: str, utterance: str
) -> None:
    assert coder.code(utterance, previous_client_line=client).code == Code.OTHER
