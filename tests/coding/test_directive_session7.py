"""Directive practice in more of its forms (session 7, coder-dir, issue 15).

Each table is one FORM of confronting or persuading, and each line is our own, in situations no
coded-lines file uses (a teenager setting fires, a grandad's hoarded bungalow, cannabis grown in
the loft, a child's asthma left untreated, a dad's road rage with the kids in the car, a mum's
online gambling, a lodger nobody checked). The last table is the other side: MI-adherent and
neutral lines of the same shapes that must not be heard as directive. docs/coding.md ("Session
7: directive forms (coder-dir)") lists the forms and their cue ids.
"""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code

CODER = Coder()

DIRECTIVE = frozenset({Code.CONFRONT, Code.PERSUADE})

# Their conduct named as harm or abuse: "X is (emotional) abuse", "that's neglect", "he's
# controlling you".
LABELS = [
    "Keeping Ruby off school to mind the baby is neglect.",
    "Reading his texts every night and taking his bank card is coercive control.",
    "Locking him in the bedroom as a punishment is emotional abuse, Tina.",
    "She's controlling you, Kyle.",
    "He's manipulating you with the money.",
    "Smoking weed in the loft with the kids downstairs is never okay.",
    "Shouting at a four-year-old for wetting the bed is no excuse for discipline.",
]

# Blame and shame: "you put yourself there", the children never chose it, what a good parent
# would have done, the worker's disappointment, the account that does not add up.
BLAME_AND_SHAME = [
    "You put yourself in this position when you let him move in.",
    "You brought this on yourself, Darren.",
    "Oscar didn't ask for any of this.",
    "A dad who was paying attention would have smelt the smoke.",
    "That's not how a responsible grandparent behaves.",
    "I'm disappointed, to be honest with you.",
    "I'd have expected a lot more from you after last time.",
    "Your version of the night just doesn't add up.",
    "Funny how the inhaler only goes missing on school days.",
    "Interesting how the story changes every time we ask.",
    "I think we both know that's not where the money went.",
    "So it's everybody else's fault, then.",
    "Right, so everyone else is the problem here.",
]

# Warnings: if it happens again, the worker or the agency acts.
WARNINGS = [
    "If the school rings about the fires again, we'll be looking at a strategy meeting.",
    "If he keeps driving like that with the kids in the back, I'll have to tell the police.",
    "If Jaden carries on missing his appointments, we'll be looking at him going to his nan's.",
    "If you keep letting the lodger babysit, we will have to take this further.",
]

# Questions that accuse or argue rather than ask (confront outranks the question form).
ACCUSING_QUESTIONS = [
    "How is that keeping Mia safe?",
    "How was that protecting the boys?",
    "Why would you leave a lighter where a nine-year-old can reach it?",
    "Why would you let a stranger look after your children?",
    "How many more warnings does the school have to send before something changes?",
    "How many more times are we going to have this conversation?",
    "Is that really a job for a ten-year-old?",
    "Is that really fair on the girls?",
    "Do you actually want to keep the children at home?",
    "Do you even care what the nurse said?",
    "You're telling me the inhaler just walked out of the house?",
    "Two missed asthma reviews isn't 'managing', is it.",
]

# Advice without permission: what has to happen, what works, the only option, the right thing
# to do next.
ADVICE = [
    "The cannabis plants have to go, today.",
    "Honestly, the lodger needs to go.",
    "Moving in with your sister for a bit is the way to go.",
    "A smoke alarm on every floor, that's what works.",
    "Getting Noah's asthma reviewed is the right thing to do this week.",
    "Calling the GP today would be the sensible thing.",
    "He shouldn't be driving the kids anywhere until the assessment's done.",
    "Kelsey should really be sleeping in her own bed by now.",
    "What would help most is if you both stopped texting after nine.",
    "What works for a lot of families is a lockbox for the lighters.",
    "The only safe option is for the lodger to move out.",
]

DIRECTIVE_LINES = [
    *LABELS,
    *BLAME_AND_SHAME,
    *WARNINGS,
    *ACCUSING_QUESTIONS,
]


@pytest.mark.parametrize("line", DIRECTIVE_LINES)
def test_confrontation_is_heard_as_confront(line: str) -> None:
    coded = CODER.code(line)
    assert coded.code == Code.CONFRONT, (line, coded.code, coded.sentences)


@pytest.mark.parametrize("line", ADVICE)
def test_advice_without_permission_is_heard_as_persuade(line: str) -> None:
    coded = CODER.code(line)
    assert coded.code in DIRECTIVE, (line, coded.code, coded.sentences)


# MI-adherent and neutral lines of the same shapes (previous client line, worker line).
MUST_NOT_BE_DIRECTIVE = [
    (
        "I don't know what I'm doing with the forms.",
        "How is that feeling for you, all this paperwork?",
    ),
    ("I've been trying to cut down.", "How is that going?"),
    ("I want things to change.", "Why would you want to make a change now?"),
    ("He's been hurting me for years.", "You didn't ask for any of this."),
    ("I'm gutted the flat fell through.", "I'm disappointed for you, that flat looked right."),
    ("The housing officer never rang back.", "I'd have expected them to ring you by now."),
    ("I can't make the money stretch.", "The numbers just don't add up at the moment, do they."),
    ("I keep thinking about my dad.", "Interesting how much your dad comes into this."),
    ("I've got nothing left.", "You feel like you've got no option left."),
    ("I'm not sure about the course.", "Take what fits from it and leave the rest."),
    ("I've stopped having him round.", "Stopping it was the right thing to do."),
    ("We're sorting the bedrooms.", "Who do you think should be at the family meeting?"),
    ("I started on the conditioner every night.", "Your reading has come on so much since Easter."),
    (
        "I'm stuck in here.",
        "Being in here has got you thinking about what kind of grandad you want to be.",
    ),
    ("I have to go now.", "I have to go too, same time next week."),
    ("Can she stay over?", "She shouldn't be having to cope with all this on her own."),
    (
        "I'm wondering about school.",
        "If you want, we'll look at the school letters together next time.",
    ),
    ("She was really poorly.", "If the cough comes back again, we'll go with you to the GP."),
]


@pytest.mark.parametrize(("previous", "line"), MUST_NOT_BE_DIRECTIVE)
def test_mi_adherent_and_neutral_lines_of_the_same_shapes_are_not_directive(
    previous: str, line: str
) -> None:
    coded = CODER.code(line, previous)
    assert coded.code not in DIRECTIVE, (line, coded.code, coded.sentences)


# Added after the first tuning run (forms its misses showed, in our own wording).
MORE_FORMS = [
    (
        "It fell out of his pocket.",
        "You're telling me a nine-year-old just found a lighter on the way home?",
    ),
    (
        "She's only there at weekends.",
        "Given the police report, Gary shouldn't be sleeping over while the kids are home.",
    ),
    (
        "We'll get there.",
        "If there are any more missed reviews this term, we'll be looking at a core group.",
    ),
]


@pytest.mark.parametrize(("previous", "line"), MORE_FORMS)
def test_more_directive_forms(previous: str, line: str) -> None:
    coded = CODER.code(line, previous)
    assert coded.code in DIRECTIVE, (line, coded.code, coded.sentences)


NOT_THREATS = [
    (
        "I've got loads of questions.",
        "If you have any more questions, I'll be around after the meeting.",
    ),
    (
        "Can I ring you?",
        "If you need any more help with the forms, we'll be in the office till five.",
    ),
]


@pytest.mark.parametrize(("previous", "line"), NOT_THREATS)
def test_an_offer_after_if_is_not_a_threat(previous: str, line: str) -> None:
    coded = CODER.code(line, previous)
    assert coded.code not in DIRECTIVE, (line, coded.code, coded.sentences)


# Advice with the choice left to them in the same turn: persuade with permission.
ADVICE_WITH_THE_CHOICE_LEFT_TO_THEM = [
    (
        "I'm not sure what to say to her.",
        "You could keep it brief, just say you're not ready."
        " You'd know better than me how she'll take it.",
    ),
    ("He won't settle at night.", "It might be worth ringing the health visitor, if you want to."),
    (
        "I don't know what to do when I get angry.",
        "Some people find it helps to walk round the block. You could try it and see.",
    ),
    (
        "He's coming round later.",
        "I've got a thought, and you can tell me to get lost."
        " I'd keep the kids upstairs while he's here.",
    ),
]


@pytest.mark.parametrize(("previous", "line"), ADVICE_WITH_THE_CHOICE_LEFT_TO_THEM)
def test_advice_with_the_choice_left_to_them_is_persuade_with_permission(
    previous: str, line: str
) -> None:
    coded = CODER.code(line, previous)
    assert coded.code == Code.PERSUADE_WITH_PERMISSION, (line, coded.code, coded.sentences)


def test_no_reason_why_not_is_encouragement_not_moralising() -> None:
    coded = CODER.code("There's no reason why you couldn't get back to college in September.")
    assert coded.code != Code.CONFRONT, coded.sentences


# Confrontation dressed as saying back: a polite "with respect", the part they left out, "like
# the last three times".
DRESSED_AS_SAYING_BACK = [
    ("I'm doing everything they asked.", "With respect, you haven't been to a single group."),
    ("I don't see the problem.", "With all due respect, the problem is sitting in that bottle."),
    ("He's never laid a finger on them.", "Apart from the time the police were called, you mean."),
    ("It was a one-off.", "A one-off. Like the last three times."),
]


@pytest.mark.parametrize(("previous", "line"), DRESSED_AS_SAYING_BACK)
def test_confrontation_dressed_as_saying_back_is_confront(previous: str, line: str) -> None:
    coded = CODER.code(line, previous)
    assert coded.code == Code.CONFRONT, (line, coded.code, coded.sentences)


def test_a_respectful_thanks_is_not_disagreement() -> None:
    coded = CODER.code("Thank you for treating me with respect today.", "I'm trying.")
    assert coded.code != Code.CONFRONT, coded.sentences


# A name said first does not hide the instruction that opens the sentence.
NAMED_FIRST = [
    "Shona, ring the asthma nurse before Friday.",
    "Dean, stop letting the lodger pick them up.",
]


@pytest.mark.parametrize("line", NAMED_FIRST)
def test_an_instruction_after_their_name_is_persuade(line: str) -> None:
    coded = CODER.code(line, "I keep meaning to.")
    assert coded.code == Code.PERSUADE, (line, coded.code, coded.sentences)


def test_an_adverb_and_a_comma_is_no_name() -> None:
    coded = CODER.code("Yeah, obviously, talk me through what a normal evening looks like.")
    assert coded.code != Code.PERSUADE, coded.sentences


@pytest.mark.parametrize(
    ("line", "code"),
    [
        # the failed attempts counted, said back to mock the promise: confront
        ("Yeah, like the last three times.", Code.CONFRONT),
        ("Oh, same as the other two times.", Code.CONFRONT),
        # "the last few weeks" is time, not a count of failures: the reflection stands
        ("It sounds like the last few weeks have been exhausting.", Code.REFLECTION_COMPLEX),
        ("It feels like the last time you saw him was the hardest.", Code.REFLECTION_COMPLEX),
    ],
)
def test_sarcasm_counts_failed_attempts_not_time(line: str, code: Code) -> None:
    assert CODER.code(line).code is code
