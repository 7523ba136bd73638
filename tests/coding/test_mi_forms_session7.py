"""Session 7 (coder-refl): MI-adherent, reflection and question forms that unseen social-work
lines were missed on, heard by their form (MITI 4.2.1). Every line here is our own, written for
these forms in situations of our own; none is taken from a coded set or from AnnoMI."""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code
from tests.coding.form_checks import assert_form, assert_keeps_code


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


SEEK = Code.SEEKING_COLLABORATION
PWP = Code.PERSUADE_WITH_PERMISSION
AF = Code.AFFIRM
EA = Code.EMPHASIZING_AUTONOMY
CR = Code.REFLECTION_COMPLEX
QC = Code.QUESTION_CLOSED
QO = Code.QUESTION_OPEN
OT = Code.OTHER

# (the family member's last line or None, what the worker says, the code, a cue id it keeps)
FORMS = [
    # their view of information just given or put in front of them: seeking collaboration
    (
        None,
        "What do you make of what the health visitor told you?",
        SEEK,
        "asks_view_of_what_was_said",
    ),
    (
        None,
        "What did you make of what the paediatrician explained?",
        SEEK,
        "asks_view_of_what_was_said",
    ),
    (
        None,
        "What do you think about the letter from the housing office?",
        SEEK,
        "asks_view_of_what_was_said",
    ),
    (None, "What do you both make of the assessment?", SEEK, "asks_view_of_what_was_said"),
    (
        None,
        "I've printed the contact timetable; what do you make of it?",
        SEEK,
        "asks_view_of_information",
    ),
    # asking to share what the worker knows or thinks, then sharing it: advice with permission
    (
        "I can't get him to eat anything green.",
        "Would it help to hear what other carers have tried? Some hide veg in a pasta sauce.",
        PWP,
        "offers_ideas",
    ),
    (
        "Mornings are chaos.",
        "Do you want to hear what worked for another dad I know? He laid the uniforms out first.",
        PWP,
        "offers_ideas",
    ),
    (
        "I don't know who to ask.",
        "Can I share what the young carers' group does? They meet on Wednesdays after school.",
        PWP,
        "offers_ideas",
    ),
    (
        "Bedtime's a battle.",
        "I've got a thought about bedtime. A warm bath and no tablet after seven.",
        PWP,
        "offers_ideas",
    ),
    (
        "I hate ringing people.",
        "It might be worth texting the nursery instead, if you want.",
        PWP,
        "offers_as_choice",
    ),
    # affirmations that do not open with praise
    (None, "Not every mum would have rung the GP that quickly.", AF, "prizes_quality"),
    (None, "You've read more about his condition than most parents I meet.", AF, "prizes_quality"),
    (None, "You sat through a hearing most parents couldn't face.", AF, "prizes_quality"),
    (
        "I went to the clinic on my own.",
        "You went by yourself. That made a real difference.",
        AF,
        None,
    ),
    (None, "Getting all three to the dentist in one week is a huge effort.", AF, "strength_shown"),
    (
        None,
        "Packing his bag for the respite stay, that's you being a good dad.",
        AF,
        "prizes_that_is_you",
    ),
    (None, "Her speech has come on so much this term.", AF, "prizes_progress"),
    (None, "You've come a long way since the first core group.", AF, None),
    (
        None,
        "You've thought long and hard about who should have the spare key.",
        AF,
        "prizes_effort",
    ),
    (None, "It takes a lot to admit you need a break.", AF, "affirm_strength"),
    (
        None,
        "Telling him to leave was a brutal choice and you made it for your girls.",
        AF,
        "prizes_decision",
    ),
    (None, "That's a dad who puts his daughter first.", AF, "prizes_quality"),
    (
        None,
        "Owning up to it in supervision is what good practice looks like.",
        AF,
        "prizes_quality",
    ),
    (
        None,
        "Staying calm in that meeting, that's the kind of patience I admire in you.",
        AF,
        "prizes_quality",
    ),
    (None, "Ringing the school before they rang you was quick thinking.", AF, None),
    # their input into the plan, the letter or the report: seeking collaboration
    (None, "What would you want in the care plan?", SEEK, "shares_power"),
    (None, "What do you think should go in the contact agreement letter?", SEEK, "shares_power"),
    (None, "Which goals would you change in the draft?", SEEK, "shares_power"),
    (
        None,
        "The hearing was brutal and you still turned up for contact on Monday.",
        AF,
        "prizes_effort",
    ),
    # the choice theirs
    (None, "Take what's useful from the leaflet and leave the rest.", EA, "choice_is_theirs"),
    (
        None,
        "Whatever you and your mum decide about Christmas, we'll work with it.",
        EA,
        "choice_is_theirs",
    ),
    (None, "This is your recovery, at your pace.", EA, "choice_is_theirs"),
    # complex reflections: the weight of it, what it would mean, a feeling they had not named
    (
        "I do the nights, the days, the school run.",
        "And it all sits heavy with you.",
        CR,
        "names_weight",
    ),
    (
        "I can't stop thinking about the court date.",
        "That's what keeps you awake.",
        CR,
        "names_weight",
    ),
    (
        "I won't ask my sister for help.",
        "Asking your sister would feel like proving her right.",
        CR,
        "feels_like_meaning",
    ),
    ("I just, I don't know, after the meeting I-", "Humiliated.", CR, "names_their_feeling"),
    # a wh-clause about them as the subject, with a rising end: a reflection offered for checking
    (None, "What you're carrying right now sounds exhausting?", CR, "rising_statement"),
    (None, "What you want is to keep them together?", Code.REFLECTION_SIMPLE, "rising_statement"),
    # where things leave them: an open question
    (None, "With the scan results back, where does that leave you?", QO, "invites_story"),
    # one-fact wh-questions are closed
    (None, "When's the hearing, the third?", QC, "when_one_fact"),
    (None, "how many of the children have had their jabs", QC, "how_many"),
    (None, "how old was Kieran when you moved", QC, "how_many"),
    (None, "Who else knows about the bruise?", QC, "who_else_lives"),
    (None, "Who else saw it happen?", QC, "who_else_lives"),
    # small talk, fixing a time, asking them to repeat, introductions: other
    (None, "Love your trainers, are they new?", OT, "compliments"),
    (None, "Shall we say Monday at ten?", OT, "logistics"),
    (None, "Sorry, could you repeat that?", OT, "logistics"),
    (None, "I'm Sam from the Early Help team.", OT, "introduces_self"),
    (None, "I'll see you at the core group then.", OT, "structuring"),
    (None, "Bear with me while I find the right page.", OT, "structuring"),
]

# The same words in a form that is not the one above: kept as they were.
NOT_THESE = [
    (None, "What do you make of what the school has been saying?", QO),
    (None, "What do you make of your son's temper?", QO),
    (None, "Who else could you ask for help?", QO),
    (None, "How much you've done for them this year.", None),
    (None, "It's a massive effort to get up some mornings.", None),
    (None, "So you live on your own now.", Code.REFLECTION_SIMPLE),
    (None, "Shall we do the safety plan together now?", SEEK),
    (None, "Is the dog still kept between the back door and the shed?", QC),
    (None, "What did the report say about his weight?", QO),
    (None, "That's a dad who never turns up.", None),
    (None, "It's been a hard month and you still feel rotten about it.", None),
    ("I had two cans on Friday.", "Two cans on Friday.", Code.REFLECTION_SIMPLE),
]


@pytest.mark.parametrize(
    ("client", "line", "code", "cue_id"), FORMS, ids=[f[1][:48] for f in FORMS]
)
def test_a_form_gets_its_code_and_explains_it(
    coder: Coder, client: str | None, line: str, code: Code, cue_id: str | None
) -> None:
    assert_form(coder, client, line, code, cue_id)


@pytest.mark.parametrize(("client", "line", "code"), NOT_THESE, ids=[f[1][:48] for f in NOT_THESE])
def test_the_same_words_in_another_form_keep_their_code(
    coder: Coder, client: str | None, line: str, code: Code | None
) -> None:
    assert_keeps_code(coder, client, line, code, not_codes=(Code.AFFIRM,))
