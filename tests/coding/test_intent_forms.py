"""What the worker is doing, heard in the many ways a home visit says it (coding/intent.py).

Each table is one form of English, in lines of our own: an offer or a request by its frame
and the thing it names, a question said as a statement, a question after a greeting or an
apology, a question about someone else in the family, and an apology or repair.
"""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def heard(coder: Coder, line: str) -> tuple[str, str | None, str | None]:
    intent = coder.code(line).intent
    assert intent is not None and (intent.kind == "other" or intent.cue), intent
    return intent.kind, intent.subject, intent.member


# Offers: the listener acts, or the worker acts for them ("can I get you…").
OFFERS = [
    ("Shall I stick the kettle on?", "drink"),
    ("Do you fancy a cuppa before we start?", "drink"),
    ("Can I make you a coffee while the baby's asleep?", "drink"),
    ("Would you like a glass of water, Jade?", "drink"),
    ("Can I grab you a biscuit from the tin?", "food"),
    ("Do you want something to eat before the school run?", "food"),
    ("Do you want to sit down for a bit?", "seat"),
    ("Ryan, would you like to take a seat?", "seat"),
    ("Want a hand with the shopping?", "help"),
    ("Do you need some help filling in the forms?", "help"),
    ("Shall we take a quick break?", "break"),
    ("Do you fancy five minutes outside for some fresh air?", "break"),
    ("How about a breather before we carry on?", "break"),
    ("I brought us a couple of teas. Do you want one?", "drink"),
]


@pytest.mark.parametrize(("line", "subject"), OFFERS)
def test_an_offer_names_what_is_offered(coder, line, subject):
    assert heard(coder, line)[:2] == ("offer", subject)


# Requests and permission: the worker acts in their home ("mind if I…", "shall I…").
PERMISSIONS = [
    ("Mind if I sit on the sofa?", "seat"),
    ("Is it alright if I grab a chair from the kitchen?", "seat"),
    ("Where would you like me to sit?", "seat"),
    ("Shall I take my shoes off?", "shoes"),
    ("Should I leave my boots by the door?", "shoes"),
    ("Is it okay if I hang my coat up here?", "coat"),
    ("Could I use your loo before we start?", "toilet"),
    ("Would you mind if I jotted a few notes down?", "notes"),
    ("Do you mind me writing some things down as we go?", "notes"),
    ("Can I have a quick look at the children's bedroom?", "look"),
    ("Could I have a word with Kai on his own afterwards?", "talk_alone"),
    ("I'd love a tea if you're putting the kettle on.", "drink"),
    ("Could I have a glass of water, please?", "drink"),
]


@pytest.mark.parametrize(("line", "subject"), PERMISSIONS)
def test_a_request_or_permission_names_what_it_is_for(coder, line, subject):
    assert heard(coder, line)[:2] == ("ask_permission", subject)


@pytest.mark.parametrize(
    "line",
    [
        "Do you want to tell me about the meeting?",  # a frame with no thing is no offer
        "What do you need help with most?",  # a wh-question, not an offer
        "Would you like to talk about how the weekend went?",
    ],
)
def test_a_question_that_only_sounds_like_an_offer_is_not_one(coder, line):
    assert heard(coder, line)[0] != "offer"


def test_an_offer_of_something_is_never_heard_as_a_risk_question(coder):
    assert heard(coder, "Can I grab you a drink from the fridge?")[0] == "offer"
    assert not coder.code("Can I grab you a drink from the fridge?").risk_question


# Questions said as statements or wrapped in a hedge: the question inside still asks.
HEDGED = [
    ("I was wondering whether Mia has started at the new school.", "school"),
    ("I'd like to know when the baby is due her next check.", "when"),
    ("Any idea when the children's dad is next having them?", "when"),
    ("Do you mind me asking how old you are?", "age"),
    ("Could you tell me who else is living here at the moment?", "household"),
    ("Would you be able to tell me the name of the nursery?", "name"),
    ("I need to ask how much you're drinking in a week.", "how_much"),
]


@pytest.mark.parametrize(("line", "subject"), HEDGED)
def test_a_hedged_question_asks_what_it_wraps(coder, line, subject):
    assert heard(coder, line)[:2] == ("ask_fact", subject)


@pytest.mark.parametrize(
    "line",
    [
        "I was wondering if Leah still goes to Brownies.",
        "I just wondered whether your mum is still nearby.",
        "I'm curious whether the health visitor has been out yet.",
    ],
)
def test_a_yes_no_question_said_as_a_statement_is_heard_as_a_question(coder, line):
    intent = coder.code(line).intent
    assert intent.kind != "other" or intent.cue == "question_form", intent


def test_a_tentative_reflection_is_not_made_a_question(coder):
    intent = coder.code("I wonder if you're feeling a bit let down by everyone.").intent
    assert intent.cue != "question_form"


# A greeting, a thank-you or an apology for being late, then the question: the question wins.
MULTI_PART = [
    ("Hiya, sorry I'm a bit late. How old is the baby now?", "ask_fact", "age"),
    ("Thanks for letting me in. Who else lives here with you?", "ask_fact", "household"),
    ("Hello again, nice to see you. Which school is Tyler at?", "ask_fact", "school"),
    ("Sorry about the traffic. Where are the kids this afternoon?", "ask_fact", "where"),
    # two questions in one line: the first
    ("How old is Leah and which school does she go to?", "ask_fact", "age"),
    ("Where does their dad live? And how often do they see him?", "ask_fact", "where"),
]


@pytest.mark.parametrize(("line", "kind", "subject"), MULTI_PART)
def test_the_question_part_of_a_line_wins(coder, line, kind, subject):
    assert heard(coder, line)[:2] == (kind, subject)


# Questions about someone else: the person named, by name or relation, in any position.
ABOUT_SOMEONE = [
    ("Are the kids sleeping any better?", "kids"),
    ("Has your sister been round this week?", "sister"),
    ("What's Jayden into at the moment?", "jayden"),
    ("Who's this little one, then?", "little one"),
    ("Is the baby's dad still around?", "dad"),
    ("Does Kai get on with his stepdad?", "kai"),
]


@pytest.mark.parametrize(("line", "member"), ABOUT_SOMEONE)
def test_a_question_about_someone_names_them(coder, line, member):
    assert heard(coder, line)[2] == member


# Apologies and repair, in the many ways a worker owns a clumsy line.
APOLOGIES = [
    "Sorry. That was a harsh thing to say.",
    "I put that badly, forgive me.",
    "That came out all wrong, let me try again.",
    "I was out of line there.",
    "My mistake, I had that the wrong way round.",
    "I went too far just then, and I'm sorry.",
    "Let me put that another way.",
    "That wasn't what I meant at all.",
]


@pytest.mark.parametrize("line", APOLOGIES)
def test_an_apology_or_repair_is_heard_as_one(coder, line):
    assert heard(coder, line)[0] == "apologise"


@pytest.mark.parametrize(
    "line",
    [
        "Sorry, how old is Mia now?",  # a filler before the question
        "Sorry to hear your mum's been poorly.",  # sympathy
        "Sorry I'm late, the bus didn't come.",
    ],
)
def test_a_sorry_that_is_not_an_apology(coder, line):
    assert heard(coder, line)[0] != "apologise"


# Views and stories: "where do you stand" asks for a view, not a place.
@pytest.mark.parametrize(
    "line",
    [
        "Where do you stand on the kids seeing their dad?",
        "Where are you at with the plan now?",
        "Where do things stand with the housing officer?",
    ],
)
def test_a_view_question_in_a_place_word_asks_for_a_view(coder, line):
    assert heard(coder, line)[0] == "ask_view"


# An apology or thanks before a question: the question is answered, the repair still heard.
@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Sorry, I put that badly. How old is Ellie now?", "ask_fact"),
        ("I'm sorry, that was unfair of me. What's a normal evening like for you?", "ask_fact"),
        ("That came out wrong, I'm sorry. What matters most to you at the moment?", "ask_view"),
    ],
)
def test_the_question_after_an_apology_wins_and_keeps_the_apology(coder, line, kind):
    intent = coder.code(line).intent
    assert (intent.kind, intent.also) == (kind, ("apologise",)), intent


def test_an_apology_alone_has_nothing_beside_it(coder):
    intent = coder.code("I'm sorry, I came in far too strong. That wasn't fair.").intent
    assert (intent.kind, intent.also) == ("apologise", ())


@pytest.mark.parametrize(
    "line",
    ["That's really kind of you.", "Much appreciated, honestly.", "I'm grateful you let me in."],
)
def test_thanks_in_other_words(coder, line):
    assert heard(coder, line)[0] == "thank"


# 'He'/'she' in a question: the person named before it in the turn.
@pytest.mark.parametrize(
    ("line", "member"),
    [
        ("And what about Alfie? How's he doing?", "alfie"),
        ("What about Leah, how is she getting on?", "leah"),
        ("I haven't met your eldest yet. How's she coping?", "eldest"),
    ],
)
def test_he_or_she_is_the_one_named_before(coder, line, member):
    assert heard(coder, line) == ("ask_about_member", "wellbeing", member)


# A day or an event named in a yes/no question is when, not a request for the story.
@pytest.mark.parametrize(
    "line",
    [
        "Were you at home on Tuesday night?",
        "You were arrested that night, weren't you?",
        "Did the kids see the argument?",
    ],
)
def test_an_event_named_in_a_yes_no_question_is_not_asked_about(coder, line):
    assert heard(coder, line)[0] != "ask_event"


@pytest.mark.parametrize(
    "line",
    ["Tell me about that night.", "Talk me through the argument.", "What happened on Sunday?"],
)
def test_an_event_asked_about_openly(coder, line):
    assert heard(coder, line)[0] == "ask_event"


# Their fear of what happens next: its own subject, so the member can voice it.
@pytest.mark.parametrize(
    "line",
    [
        "What are you worried I'll put in my report?",
        "Are you scared the kids will be taken into care?",
        "What worries you about conference next week?",
    ],
)
def test_a_question_about_their_fear_of_what_happens(coder, line):
    assert heard(coder, line)[:2] == ("ask_view", "consequences")


# A lead-in before the question does not hide it; 'every day' in a yes/no question is content.
@pytest.mark.parametrize(
    ("line", "kind", "subject"),
    [
        ("Be honest with me, are you still drinking?", "ask_fact", "substance"),
        ("Just so I know, does he ever smoke in the house?", "ask_fact", "substance"),
        ("Are they getting to school every day?", "other", None),
        ("Is the boiler working again?", "other", None),
    ],
)
def test_what_a_yes_no_question_asks(coder, line, kind, subject):
    assert heard(coder, line)[:2] == (kind, subject)
