"""A member answers about the person and the thing a question names (issue 21).

Each row is said as a session's first line to one member of a bundled scenario, with the
real coder. The reply must say one of ``expect`` and none of ``never``:
- a view question about another member ("What's Maisie like?") is answered about them;
- of two people named, the question is about the first ("Ellie ... with the baby");
- "these days", "lately" say when, not what ("How is Amber sleeping these days?" is her sleep);
- a view or story question that names one fact is answered from it ("Tell me about the
  washing machine");
- "Who does the nursery run?" asks who does it, not who someone is;
- the part of a fact that was asked is the part said ("How's Tyler's reading?");
- the member's own name said to call them ("Hi Kerry, …", "…, Pat?") addresses them: the
  question is about whoever else it names.
"""

from __future__ import annotations

import pytest

from tests.simulation.bundled import first_reply

ROWS: list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]] = [
    # about another member, asked as a view
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "What's Maisie like at the moment?",
        ("carrying", "alright"),
        ("homework", "worrier"),
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "And what about Mia, how's she been?",
        ("sensible", "worries"),
        ("dinosaur",),
    ),
    (
        "teen-cannabis-missing",
        "donna",
        "Tell me about Leah.",
        ("wetting", "hears everything", "cartoons"),
        ("weed",),
    ),
    # their own name, said to call them, is not who the question is about
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Hi Kerry, thanks for seeing me. How old are Mia and Tyler?",
        ("nine",),
        ("34", "thirty-four"),
    ),
    (
        "nan-kinship-care",
        "pat",
        "Thanks for having me, Pat. How long have the kids been with you?",
        ("eight months",),
        ("sixty-seven", "67"),
    ),
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "How old is Maisie now, Darren?",
        ("four",),
        ("thirty", "forty"),
    ),
    # two people named: the first is who it is about
    (
        "couple-new-baby-low-mood",
        "jade",
        "What's Ellie like with the baby?",
        ("clingy", "good girl"),
        ("hungry baby",),
    ),
    # when, not what
    (
        "nan-kinship-care",
        "pat",
        "How is Amber sleeping these days?",
        ("nightmares",),
        ("doors", "up at six"),
    ),
    (
        "couple-new-baby-low-mood",
        "jade",
        "How's Noah feeding at the moment?",
        ("bottle", "three hours"),
        (),
    ),
    (
        "teen-cannabis-missing",
        "donna",
        "How is Kai sleeping lately?",
        ("three in the morning", "sleeps", "nights"),
        (),
    ),
    # a view or story question naming one fact
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "Tell me about the washing machine.",
        ("march", "launderette", "broke"),
        (),
    ),
    ("teen-cannabis-missing", "donna", "What do you make of the second phone?", ("phone",), ()),
    ("mum-drinking-school-concerns", "kerry", "Tell me about Mondays with Mia.", ("tummy",), ()),
    (
        "couple-new-baby-low-mood",
        "jade",
        "What's your take on how the weigh-ins have gone?",
        ("weigh", "missed", "tuesday"),
        (),
    ),
    # who does something, not who someone is
    ("couple-new-baby-low-mood", "jade", "Who does the nursery run?", ("ryan",), ("my son",)),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Who looks after Mia and Tyler when you're on shift?",
        ("sister",),
        ("my daughter",),
    ),
    (
        "couple-new-baby-low-mood",
        "ryan",
        "Who gives Noah his bottles at night?",
        ("jade",),
        ("my son",),
    ),
    ("teen-cannabis-missing", "donna", "Who does Kai listen to?", ("coach",), ("my son",)),
    # the part of the fact that was asked
    (
        "mum-drinking-school-concerns",
        "kerry",
        "How is Tyler's reading coming along?",
        ("reading",),
        (),
    ),
    ("nan-kinship-care", "pat", "Does Jayden still play football?", ("football",), ()),
]

# Every member can say the core facts of a first visit: here, partners and health.
CORE: list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]] = [
    ("couple-new-baby-low-mood", "jade", "Is Ryan your partner?", ("yes", "partner"), ("no.",)),
    ("couple-new-baby-low-mood", "ryan", "Are you and Jade together?", ("yes", "partner"), ()),
    ("manager-recording-behind", "amira", "Have you got a partner at home?", ("on my own",), ()),
    ("dad-minimising-before-icpc", "craig", "How are you sleeping?", ("sleep",), ()),
    ("dad-minimising-before-icpc", "craig", "How's your health?", ("fine", "sleep", "gp"), ()),
]

# The worker asking for a drink in the family's home is answered as hospitality, never
# turned down as if it were an offer ("No, I'm fine").
REQUESTS: list[tuple[str, str, str]] = [
    ("nan-kinship-care", "pat", "Could I trouble you for a glass of water?"),
    ("mum-drinking-school-concerns", "kerry", "Could I have a cup of tea, if you're making one?"),
    ("dad-neglect-plo-hopeless", "darren", "Can I grab a glass of water before we start?"),
]

# Hopes and imagined views are the member's own view, not a fact read off the file.
HOPES: list[tuple[str, str, str]] = [
    (
        "dad-minimising-before-icpc",
        "craig",
        "What would you like things to look like in six months?",
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "If things were going well, what would be different?",
    ),
    ("nan-kinship-care", "pat", "What do you hope the assessment might show?"),
]


@pytest.mark.parametrize(
    ("scenario_id", "member", "question", "expect", "never"),
    ROWS + CORE,
    ids=[r[2] for r in ROWS + CORE],
)
def test_the_answer_is_about_whom_and_what_was_asked(
    scenario_id: str, member: str, question: str, expect: tuple[str, ...], never: tuple[str, ...]
) -> None:
    reply = first_reply(scenario_id, member, question).text
    said = reply.lower()
    assert any(word in said for word in expect), reply
    assert not any(word in said for word in never), reply


@pytest.mark.parametrize(("scenario_id", "member", "question"), HOPES, ids=[h[2] for h in HOPES])
def test_a_hope_or_imagined_view_is_not_answered_with_a_fact(
    scenario_id: str, member: str, question: str
) -> None:
    turn = first_reply(scenario_id, member, question)
    assert not str(turn.response_id or "").startswith("fact:"), turn.text


@pytest.mark.parametrize(("scenario_id", "member", "line"), REQUESTS, ids=[r[2] for r in REQUESTS])
def test_asking_for_a_drink_gets_hospitality_not_a_refusal_of_an_offer(
    scenario_id: str, member: str, line: str
) -> None:
    turn = first_reply(scenario_id, member, line)
    assert turn.response_id == "answer:request", turn.text


OFFERS: list[tuple[str, str, str]] = [
    ("manager-recording-behind", "amira", "Can I get you a glass of water?"),
    ("dad-minimising-before-icpc", "craig", "Could I get you a coffee before we start?"),
    ("teen-cannabis-missing", "donna", "Can I make you a cup of tea?"),
]


@pytest.mark.parametrize(("scenario_id", "member", "line"), OFFERS, ids=[o[2] for o in OFFERS])
def test_offering_the_member_a_drink_stays_an_offer(scenario_id: str, member: str, line: str):
    turn = first_reply(scenario_id, member, line)
    assert turn.response_id == "answer:offer", turn.text
