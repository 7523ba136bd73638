"""The MI-adherent and neutral forms a social worker uses, heard by their form whatever the
wording (MITI 4.2.1): seeking collaboration asked as a question, affirmations that do not start
with "you", advice with permission, and the housekeeping that is "other". Every line here is our
own, written for these forms; none is taken from a coded set."""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code
from tests.coding.form_checks import assert_form


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


# (the family member's last line or None, what the worker says, the code, a cue id it keeps)
FORMS = [
    # seeking collaboration: they set the agenda or the way of working
    (None, "Where would you like us to begin today?", Code.SEEKING_COLLABORATION, "shares_power"),
    (
        None,
        "What would you most like to cover before the conference?",
        Code.SEEKING_COLLABORATION,
        "shares_power",
    ),
    (
        None,
        "Which bit of the plan shall we look at first?",
        Code.SEEKING_COLLABORATION,
        None,
    ),
    (None, "How would you like to run today's visit?", Code.SEEKING_COLLABORATION, "shares_power"),
    (
        None,
        "What would be most helpful to go through before court?",
        Code.SEEKING_COLLABORATION,
        "shares_power",
    ),
    (
        None,
        "Who would you want at the family group conference?",
        Code.SEEKING_COLLABORATION,
        "shares_power",
    ),
    # seeking collaboration: their view of what the worker just read out, proposed or set out
    (
        None,
        "I've read out what the health visitor wrote. How does that land with you?",
        Code.SEEKING_COLLABORATION,
        "asks_reaction",
    ),
    (
        None,
        "Here are three options for contact. Which of these feels right for Jayden?",
        Code.SEEKING_COLLABORATION,
        "asks_view_of_what_was_said",
    ),
    (None, "How does that sound to you?", Code.SEEKING_COLLABORATION, "asks_reaction"),
    (
        None,
        "Shall we start with the mornings? What do you reckon?",
        Code.SEEKING_COLLABORATION,
        "asks_reaction",
    ),
    # seeking collaboration: the work shared, a step proposed together, their ideas valued
    (
        None,
        "Let's put the safety plan together, side by side.",
        Code.SEEKING_COLLABORATION,
        "shares_power",
    ),
    (
        None,
        "We could draft the letter to the school together, if you like.",
        Code.SEEKING_COLLABORATION,
        "shares_power",
    ),
    (
        None,
        "How about we look at the contact rota together?",
        Code.SEEKING_COLLABORATION,
        "shares_power",
    ),
    (
        None,
        "What if we made the list of worries together first?",
        Code.SEEKING_COLLABORATION,
        "shares_power",
    ),
    (
        None,
        "I'd really value your ideas about what helps Kai settle.",
        Code.SEEKING_COLLABORATION,
        "shares_power",
    ),
    # affirm: their action or decision prized, however the sentence starts
    (
        None,
        "Phoning the police that night was the bravest thing you could have done.",
        Code.AFFIRM,
        "prizes_decision",
    ),
    (
        None,
        "Taking Leo to the GP straight away was the right decision.",
        Code.AFFIRM,
        "prizes_decision",
    ),
    (None, "Asking your sister for help was a really sensible call.", Code.AFFIRM, None),
    (
        "I told them to ring me first.",
        "You did the right thing there, making them call you.",
        Code.AFFIRM,
        "prizes_decision",
    ),
    # affirm: what their care shows, what they are to someone, praise of what they did
    (
        None,
        "Keeping a diary of his moods shows how much Ellie matters to you.",
        Code.AFFIRM,
        "prizes_quality",
    ),
    (
        None,
        "Your kids are lucky to have a dad who turns up like you do.",
        Code.AFFIRM,
        "prizes_quality",
    ),
    (
        None,
        "I love the way you got down on the floor to play with her.",
        Code.AFFIRM,
        "prizes_quality",
    ),
    (
        None,
        "You've got every school form signed and back, that's huge.",
        Code.AFFIRM,
        "praise_verdict",
    ),
    # affirm: a "you" statement that prizes the way they did it, their care, their self-control
    (None, "You handled the school meeting with real dignity.", Code.AFFIRM, "prizes_quality"),
    (None, "You spoke to Mia with such patience just now.", Code.AFFIRM, "prizes_quality"),
    (None, "You clearly put a lot of thought into the boys' routine.", Code.AFFIRM, None),
    (None, "You kept calm when he kicked off.", Code.AFFIRM, "prizes_quality"),
    (None, "You've stayed sober for six weeks now.", Code.AFFIRM, "prizes_quality"),
    (None, "You never let the drink beat you, even last winter.", Code.AFFIRM, "prizes_quality"),
    (None, "You stood up for yourself at that meeting.", Code.AFFIRM, "prizes_quality"),
    (None, "You've been so consistent with the contact visits.", Code.AFFIRM, None),
    # persuade with permission: an idea offered, or put to them to take up or leave
    (
        None,
        "Can I offer a thought about bedtimes? Some mums find a chart on the fridge helps.",
        Code.PERSUADE_WITH_PERMISSION,
        None,
    ),
    (
        None,
        "Could I make a suggestion? A second key with your neighbour might save a lot of stress.",
        Code.PERSUADE_WITH_PERMISSION,
        None,
    ),
    (
        None,
        "Some carers I work with keep a notebook for contact. Could that be something you'd try?",
        Code.PERSUADE_WITH_PERMISSION,
        None,
    ),
    # persuade with permission: what the worker would do, asked for or handed back
    (
        "What would you do?",
        "Honestly, I'd tell the school before they hear it from someone else.",
        Code.PERSUADE_WITH_PERMISSION,
        "invited_advice",
    ),
    (
        None,
        "I'd probably ring the housing officer first. It's your decision though.",
        Code.PERSUADE_WITH_PERMISSION,
        None,
    ),
    (
        "How do other mums manage the mornings?",
        "Other mums I know lay the uniforms out the night before.",
        Code.PERSUADE_WITH_PERMISSION,
        "invited_advice",
    ),
    # other: introductions, the line, the call back, the next visit, taking a note
    (None, "Hi, I'm Sam, I'm the family support worker from the Hub.", Code.OTHER, None),
    (None, "Morning both, I'm Jo, your new social worker.", Code.OTHER, None),
    (None, "You've frozen again, I can only see half your face.", Code.OTHER, "logistics"),
    (
        None,
        "I'll call you back in five minutes, the signal's awful here.",
        Code.OTHER,
        "logistics",
    ),
    (None, "I'll pop round on Tuesday after the school run.", Code.OTHER, "logistics"),
    (None, "Let me just jot down your new address.", Code.OTHER, "structuring"),
]

# The same words in a form that is not the adherent one: kept as they were.
NOT_THESE = [
    (None, "What would you like to change about mornings?", Code.QUESTION_OPEN),
    (None, "What do you make of what the school has been saying?", Code.QUESTION_OPEN),
    (None, "What if we can't get him into a school?", Code.QUESTION_OPEN),
    ("He's moved out.", "How does that feel?", Code.QUESTION_OPEN),
    (None, "We can work together on that next week.", Code.GIVING_INFORMATION),
    (None, "I'll ring the school this afternoon.", Code.GIVING_INFORMATION),
    (None, "I'm a bit worried the school officer hasn't been told.", Code.GIVING_INFORMATION),
    (None, "Some parents find the first conference really hard.", None),
    (None, "You let him stop you seeing your friends.", None),
    (None, "You spoke to her without any patience at all.", None),
    (None, "Taking the car after a drink was a terrible decision.", None),
]


@pytest.mark.parametrize(
    ("client", "line", "code", "cue_id"), FORMS, ids=[f[1][:48] for f in FORMS]
)
def test_an_adherent_form_gets_its_code_and_keeps_its_cue(
    coder: Coder, client: str | None, line: str, code: Code, cue_id: str | None
) -> None:
    assert_form(coder, client, line, code, cue_id)


@pytest.mark.parametrize(("client", "line", "code"), NOT_THESE, ids=[f[1][:48] for f in NOT_THESE])
def test_the_same_words_in_another_form_are_not_heard_as_adherent(
    coder: Coder, client: str | None, line: str, code: Code | None
) -> None:
    coded = coder.code(line, previous_client_line=client)
    if code is None:
        assert coded.code not in (Code.AFFIRM, Code.SEEKING_COLLABORATION)
    else:
        assert coded.code == code, [(s.text, s.code, s.cue_ids) for s in coded.sentences]
