"""The MI-adherent and neutral forms heard by their structure (coder-mi, session 5): an act the
worker credits to the person, a question about the shared work or what was just said, advice
left to their own sense of fit, a choice left to them, and the practicalities that are "other".
Every line is our own, set in situations of our own; each form has lines that must not fire."""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


# (the family member's last line or None, what the worker says, the code, a cue id it keeps)
HEARD = [
    # affirm: they are the agent of the good in what happened ("that's you…-ing")
    (None, "That's you looking after yourself for once.", Code.AFFIRM, "credits_them_as_agent"),
    (
        None,
        "That was you keeping your head when everyone else lost theirs.",
        Code.AFFIRM,
        "credits_them_as_agent",
    ),
    (
        "I made him a doctor's appointment.",
        "Jayden got seen the same day, and that's all you chasing the surgery.",
        Code.AFFIRM,
        "credits_them_as_agent",
    ),
    # affirm: an act kept up in spite of a difficulty, or every time
    (
        None,
        "You still turned up to contact even when the bus didn't come and you had to walk.",
        Code.AFFIRM,
        "credits_effort_despite",
    ),
    (
        None,
        "You rang your sponsor even though it was three in the morning.",
        Code.AFFIRM,
        "credits_effort_despite",
    ),
    (
        None,
        "You asked the health visitor for help, even after everything that happened last time.",
        Code.AFFIRM,
        "credits_effort_despite",
    ),
    (
        None,
        "You came to every core group, even the ones at the hospital.",
        Code.AFFIRM,
        "credits_effort_despite",
    ),
    # affirm: effort credited for what it got them
    (None, "You've tried so hard with the bedtime routine.", Code.AFFIRM, "credits_effort"),
    (
        None,
        "Six weeks without a missed nursery day. You've both worked really hard for that.",
        Code.AFFIRM,
        "credits_effort",
    ),
    (
        None,
        "I can see you've thought long and hard about what Leo needs.",
        Code.AFFIRM,
        "credits_effort",
    ),
    # affirm: the children put first
    (
        None,
        "You're putting the twins' needs first, even when it costs you.",
        Code.AFFIRM,
        "credits_priorities",
    ),
    (
        None,
        "You put your daughter's safety first when it mattered.",
        Code.AFFIRM,
        "credits_priorities",
    ),
    (None, "You've put Kai's schooling first all year.", Code.AFFIRM, "credits_priorities"),
    # affirm: a thing they made, or a quality they showed, praised
    (None, "That chart on the fridge is fantastic.", Code.AFFIRM, "praise_verdict"),
    (None, "Your letter to the panel was excellent.", Code.AFFIRM, "praise_verdict"),
    (None, "That's really thoughtful of you.", Code.AFFIRM, "praise_verdict"),
    # affirm: what they did is what the worker hoped to see
    (
        None,
        "That's just what we were looking for from the contact notes.",
        Code.AFFIRM,
        "credits_them_as_agent",
    ),
    (None, "That's exactly what we want to see.", Code.AFFIRM, "credits_them_as_agent"),
    (
        None,
        "You phoned the midwife yourself on Monday. That's what we were hoping for.",
        Code.AFFIRM,
        "credits_them_as_agent",
    ),
    (
        None,
        "You take the children's appointments really seriously.",
        Code.AFFIRM,
        "prizes_quality",
    ),
    # seeking collaboration: what the two of them should do, or would rather do
    (None, "What should we tell the nursery first?", Code.SEEKING_COLLABORATION, "shares_power"),
    (
        None,
        "What do you think we should put in front of the panel?",
        Code.SEEKING_COLLABORATION,
        "shares_power",
    ),
    (
        None,
        "Would you rather we met at your mum's next time?",
        Code.SEEKING_COLLABORATION,
        "shares_power",
    ),
    (
        None,
        "Is there anything you'd rather I left out of the letter?",
        Code.SEEKING_COLLABORATION,
        "shares_power",
    ),
    (
        None,
        "How do you want your ex told about the plan?",
        Code.SEEKING_COLLABORATION,
        "shares_power",
    ),
    # seeking collaboration: permission for the worker's step, with their part inside it
    (
        None,
        "Is it okay if I read out the nursery's notes and you tell me where they're wrong?",
        Code.SEEKING_COLLABORATION,
        "permission_for_worker",
    ),
    # seeking collaboration: their reaction to, or corrections of, what was just said
    (
        None,
        "That's the whole timeline as I have it. Have I missed anything?",
        Code.SEEKING_COLLABORATION,
        "asks_correction",
    ),
    (
        None,
        "Is that a fair summary, or have I got anything wrong?",
        Code.SEEKING_COLLABORATION,
        "asks_correction",
    ),
    (
        None,
        "The review is in three weeks. How does that sit with you?",
        Code.SEEKING_COLLABORATION,
        "asks_reaction",
    ),
    (
        None,
        "What did you make of what the paediatrician just explained?",
        Code.SEEKING_COLLABORATION,
        "asks_reaction",
    ),
    # persuade with permission: an idea announced as only an idea, or left to their sense of fit
    (
        None,
        "If it's okay to offer a thought, some dads keep a contact diary for court.",
        Code.PERSUADE_WITH_PERMISSION,
        "advice_preface",
    ),
    (
        None,
        "I've got a suggestion for the school meeting: take your sister with you.",
        Code.PERSUADE_WITH_PERMISSION,
        "advice_preface",
    ),
    (
        "What do other people do?",
        "One thing some carers do is keep a spare key with a neighbour, but only if that feels"
        " right for you.",
        Code.PERSUADE_WITH_PERMISSION,
        "offers_as_choice",
    ),
    (
        None,
        "I'd probably tell the school myself, but you know them, so go with what fits.",
        Code.PERSUADE_WITH_PERMISSION,
        "offers_as_choice",
    ),
    (
        None,
        "There's a weekend group at the family hub. Some mums swear by it. Worth thinking about?",
        Code.PERSUADE_WITH_PERMISSION,
        "asks_uptake",
    ),
    # emphasizing autonomy
    (
        None,
        "Only you and your partner can decide who has the baby at weekends.",
        Code.EMPHASIZING_AUTONOMY,
        "choice_is_theirs",
    ),
    (
        None,
        "The move is yours to decide, and I'll back whichever way you go.",
        Code.EMPHASIZING_AUTONOMY,
        "choice_is_theirs",
    ),
    (
        None,
        "Some families do and some don't, and either is okay.",
        Code.EMPHASIZING_AUTONOMY,
        "choice_is_theirs",
    ),
    (
        None,
        "Whether you go to the group is up to the two of you.",
        Code.EMPHASIZING_AUTONOMY,
        "choice_is_theirs",
    ),
    # other: practicalities, interruptions, lateness after a greeting, leaving, small talk
    (
        None,
        "I'll need to move Monday's visit to Wednesday, I've got a conference all day.",
        Code.OTHER,
        "logistics",
    ),
    (None, "Sorry, that's my phone, give me a second.", Code.OTHER, "logistics"),
    (
        None,
        "Hiya Tom, sorry I'm running late, the trains were all over the place.",
        Code.OTHER,
        "small_talk",
    ),
    (None, "Right, I'll let you get on. See you on Friday.", Code.OTHER, "structuring"),
    (None, "We have to finish by two, so there's about half an hour.", Code.OTHER, "structuring"),
    (None, "That's a lovely cat you've got.", Code.OTHER, "small_talk"),
]


# (their last line or None, what the worker says, the code it must get, or None for "not the
# form's code")
NOT_THESE = [
    # the same words that do not credit them
    (None, "You keep drinking even though you know it scares them.", Code.AFFIRM),
    (None, "You went back to him even though he hurt you.", Code.AFFIRM),
    (None, "You went to the pub even though you'd promised.", Code.AFFIRM),
    (None, "You still shout at them even when they're crying.", Code.AFFIRM),
    (None, "That's you being stubborn again.", Code.AFFIRM),
    (None, "You put yourself first every time.", Code.AFFIRM),
    (None, "You always put your boyfriend first.", Code.AFFIRM),
    (None, "You need to put the kids first.", Code.PERSUADE),
    (None, "The school is brilliant with kids like Jayden.", Code.AFFIRM),
    (None, "That service is excellent, you can self-refer.", Code.AFFIRM),
    (None, "That's exactly what we want to avoid.", Code.AFFIRM),
    (None, "You don't take any of this seriously.", Code.AFFIRM),
    (None, "You worked really hard to hide it from us.", Code.AFFIRM),
    # a feeling reflected is a reflection, whatever strength word it holds
    (None, "You feel like you're working so hard and getting nowhere.", Code.AFFIRM),
    # questions about their life, not the shared work
    (None, "How did that feel when the police arrived?", Code.SEEKING_COLLABORATION),
    (None, "What would you like to change about the mornings?", Code.SEEKING_COLLABORATION),
    (None, "Why should we believe you this time?", Code.SEEKING_COLLABORATION),
    (None, "If you're open to it, what would you want the plan to say?", Code.QUESTION_OPEN),
    # other only when it is the practicalities
    (None, "One second you're fine, the next you're screaming at her.", Code.OTHER),
    (None, "Hi Dean, sorry I'm late. Why weren't the kids at school today?", Code.QUESTION_OPEN),
]


@pytest.mark.parametrize(
    ("client", "line", "code", "cue_id"), HEARD, ids=[h[1][:48] for h in HEARD]
)
def test_a_form_gets_its_code_and_keeps_its_cue(
    coder: Coder, client: str | None, line: str, code: Code, cue_id: str
) -> None:
    coded = coder.code(line, previous_client_line=client)
    assert coded.code == code, [(s.text, s.code, s.cue_ids) for s in coded.sentences]
    assert cue_id in {c.id for s in coded.sentences for c in s.cues}
    assert all(c.text for c in coded.cues), "every decision explains itself to the trainer"


@pytest.mark.parametrize(("client", "line", "code"), NOT_THESE, ids=[n[1][:48] for n in NOT_THESE])
def test_the_same_words_in_another_form_are_not_heard_as_that_form(
    coder: Coder, client: str | None, line: str, code: Code
) -> None:
    coded = coder.code(line, previous_client_line=client)
    detail = [(s.text, s.code, s.cue_ids) for s in coded.sentences]
    if code in (Code.PERSUADE, Code.QUESTION_OPEN):
        assert coded.code == code, detail
    else:
        assert coded.code != code, detail
