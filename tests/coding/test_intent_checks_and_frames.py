"""What the worker is asking, when the sentence's form is not a plain question (coding/intent.py).

Each table is one form of English, in lines of our own from home visits and meetings: one fact
said back to be confirmed (a tag or "is that right?"), a frame that asks (a story, how someone
is) outranking a place or a time it mentions, a question said in a statement's order inside
another ("I was wondering how your dad's coping"), a polite "do you mind me asking" round the
real question, leave asked "with you", someone to lean on, who told an agency, a drink said
alone, a family word that is the listener's role, an offer to come back, and routines.
"""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def heard(coder: Coder, line: str):
    intent = coder.code(line).intent
    assert intent is not None
    return intent


# One fact said back to be confirmed: a fact question about what the statement names.
FACT_CHECKS = [
    ("Tyler's in year four now, isn't he?", "school"),
    ("The baby was born in May, wasn't she?", "age"),
    ("You've been drinking less since the summer, haven't you?", "substance"),
    ("You moved into the flat in March, is that right?", "housing"),
    ("So Dad's living up in Leeds these days, right?", None),
    ("Your sister has them after school. Is that right?", None),
    ("Sorry, just for my records, you're still at the same address, aren't you?", None),
]


@pytest.mark.parametrize(("line", "subject"), FACT_CHECKS)
def test_one_fact_said_back_is_a_fact_check(coder, line, subject):
    intent = heard(coder, line)
    assert (intent.kind, intent.cue) == ("ask_fact", "fact_check"), intent
    if subject is not None:
        assert intent.subject == subject


# A summary or a feeling said back is not a fact to confirm.
NOT_FACT_CHECKS = [
    "So you're exhausted, the baby won't settle and your mum's not around — have I got that right?",
    "Let me check I've got this: Kai's stopped going to school, he's out till late. Is that right?",
    "You feel the school has it in for you, don't you?",
    "So you're up at five, the bus is late, nobody helps out. Is that right?",
    "Is Maisie at nursery today, is she?",  # a question already, not a tag on a statement
]


@pytest.mark.parametrize("line", NOT_FACT_CHECKS)
def test_a_summary_or_a_feeling_said_back_is_no_fact_check(coder, line):
    assert heard(coder, line).cue != "fact_check"


# The frame that asks (how someone is, a story) decides; the house or the birth it mentions is
# only what it is about.
FRAMES_OVER_TOPICS = [
    ("How's Jayden been since he moved into your house?", "ask_about_member", "jayden"),
    ("What does Amber say about the house?", "ask_about_member", "amber"),
    ("How's the little fella settling in at his nan's?", "ask_about_member", None),
    ("Walk me through how things have been since Noah was born.", "ask_view", None),
    ("Take me through how the week went once you'd left the house.", "ask_view", None),
    ("How do you feel about the move to the new flat?", "ask_view", None),
    ("What's your take on how they've settled since they came to you?", "ask_view", None),
    ("Tell me a bit about how things are in the house at the moment.", "ask_view", None),
]


@pytest.mark.parametrize(("line", "kind", "member"), FRAMES_OVER_TOPICS)
def test_the_asking_frame_outranks_a_place_or_time_it_names(coder, line, kind, member):
    intent = heard(coder, line)
    assert intent.kind == kind, intent
    if member is not None:
        assert intent.member == member


# Inside another question or a statement, a question keeps a statement's order.
STATEMENT_ORDER = [
    ("Do you know what Kai wants to happen next?", "view", "kai"),
    ("Can you tell me what your eldest thinks about it all?", "view", "eldest"),
    ("I'd love to hear how Amber is settling in.", "wellbeing", "amber"),
    ("I was wondering how your dad's coping with all of this?", "wellbeing", "dad"),
]


@pytest.mark.parametrize(("line", "subject", "member"), STATEMENT_ORDER)
def test_a_question_about_someone_said_in_statement_order(coder, line, subject, member):
    intent = heard(coder, line)
    assert (intent.kind, intent.subject, intent.member) == ("ask_about_member", subject, member)


# "Do you mind me asking…" asks leave only to ask: the question inside is what is asked.
WRAPPED = [
    ("Do you mind me asking whether you've seen a doctor about it?", "ask_fact", "health"),
    ("Would you mind me asking what the argument was about?", "ask_event", "event"),
    ("Do you mind me asking what the school said to you?", "ask_fact", "services"),
    ("I was wondering whether you've spoken to your GP at all", "ask_fact", "health"),
]


@pytest.mark.parametrize(("line", "kind", "subject"), WRAPPED)
def test_asking_leave_to_ask_wraps_the_real_question(coder, line, kind, subject):
    intent = heard(coder, line)
    assert (intent.kind, intent.subject) == (kind, subject), intent


# Leave asked of the listener ("…with you", "would you be okay if…", "is now a good time").
LEAVE = [
    ("Is it okay with you if I jot a few things down?", "notes"),
    ("Would you be alright if we looked at the plan together?", None),
    ("Is now a good time to talk, or shall I come back?", None),
    ("Is this still an okay time, with the baby just gone down?", None),
]


@pytest.mark.parametrize(("line", "subject"), LEAVE)
def test_leave_asked_of_the_listener_is_permission(coder, line, subject):
    intent = heard(coder, line)
    assert intent.kind == "ask_permission", intent
    if subject is not None:
        assert intent.subject == subject


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("Is there anyone you can turn to when it all gets too much?", "support"),
        ("Is there someone you'd like to bring along to the meeting?", "support"),
        ("Have you got anybody you can rely on for childcare?", "support"),
        ("Who would you ring if you were struggling in the night?", "support"),
        ("Do you know who called the police that night?", "referral"),
        ("Any idea who reported it to the school?", "referral"),
        ("Who rang children's services in the end?", "referral"),
    ],
)
def test_someone_to_lean_on_and_who_told_an_agency(coder, line, subject):
    intent = heard(coder, line)
    assert (intent.kind, intent.subject) == ("ask_fact", subject), intent


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("Tea?", "drink"),
        ("Another coffee, Jade?", "drink"),
        ("Biscuit, anyone?", "food"),
        ("Cuppa before we start?", "drink"),
    ],
)
def test_a_drink_or_food_said_alone_is_an_offer(coder, line, subject):
    intent = heard(coder, line)
    assert (intent.kind, intent.subject) == ("offer", subject), intent


def test_a_drink_in_a_real_question_is_no_offer(coder):
    assert heard(coder, "Tea at yours is always at five?").kind != "offer"


@pytest.mark.parametrize(
    "line",
    [
        "Are you a mum yourself?",
        "Is it hard being a dad on your own?",
        "As a grandad, what do you make of it?",
    ],
)
def test_a_family_word_said_of_the_listener_names_nobody(coder, line):
    assert heard(coder, line).member is None


@pytest.mark.parametrize(
    "line",
    [
        "Would you like me to come back when the baby's asleep?",
        "Shall I pop back tomorrow instead?",
        "Do you want me to leave it there for today?",
    ],
)
def test_offering_to_come_back_is_an_offer_not_a_when(coder, line):
    intent = heard(coder, line)
    assert intent.kind in ("offer", "ask_permission"), intent


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("What time do they go up to bed on a school night?", "routine"),
        ("Who usually drops the kids off at nursery?", "routine"),
        ("Talk me through what evenings look like at yours.", "routine"),
        ("Is Maisie in reception or year one now?", "school"),
    ],
)
def test_routines_and_school_years(coder, line, subject):
    intent = heard(coder, line)
    assert (intent.kind, intent.subject) == ("ask_fact", subject), intent


# 'Working' said of a thing in the home is whether it works, not a job.
@pytest.mark.parametrize(
    "line",
    [
        "Is the washing machine working at the moment?",
        "Is the heating still not working?",
        "Has the boiler been working since the landlord came?",
    ],
)
def test_a_thing_working_is_no_question_about_a_job(coder, line):
    assert heard(coder, line).subject != "work"


def test_a_person_working_is_still_a_question_about_a_job(coder):
    assert heard(coder, "Is your partner working at the moment?").subject == "work"


# A question typed without its '?': 'who' opening it, or 'do you think' inside it.
@pytest.mark.parametrize(
    ("line", "kind", "subject"),
    [
        ("donna, who lives here, just so I've got it down right", "ask_fact", "household"),
        ("Sorry, who picks Amber up on a Friday", "ask_fact", "routine"),
        ("kai how do you reckon your mum's doing with all this", "ask_about_member", "wellbeing"),
        ("How do you think Ellie's finding the new baby?", "ask_about_member", "wellbeing"),
    ],
)
def test_a_question_typed_loosely(coder, line, kind, subject):
    intent = heard(coder, line)
    assert (intent.kind, intent.subject) == (kind, subject), intent


def test_a_relative_who_after_a_noun_asks_nothing(coder):
    assert heard(coder, "My sister, who lives nearby, helps out with the school run.").kind in (
        "other",
        "none",
    )


# Inviting them to see to something first is an offer of a pause.
@pytest.mark.parametrize(
    "line",
    [
        "Do you want to check on the baby before we start?",
        "Would you like to finish putting the shopping away first?",
        "Do you want to settle him down and then we'll talk?",
    ],
)
def test_seeing_to_something_first_is_an_offer_of_a_pause(coder, line):
    assert heard(coder, line).kind == "offer"
