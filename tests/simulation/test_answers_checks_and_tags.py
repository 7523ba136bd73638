"""A family member answers a check, a tag question and a question about several people
from the facts (issue 21, session 5).

Each row is said as a session's first line to one member of a bundled scenario, with the
real coder. The reply must say one of ``expect`` and none of ``never``:
- a short statement checked with a tag ("…, is that right?", "…, have I got that right?",
  "…, isn't she?", "…, yeah?") asks for the fact: it is confirmed with a yes when the fact
  says everything claimed, and corrected by the fact when it does not (never a denial of a
  reflection, never a yes to something the facts say otherwise);
- "at your mum's", "round his nan's" name a home, where the member stays, not the person;
- "Kai's dad" is the dad, not someone called Kai's;
- a number said of someone ("Alfie's two?") is their age, in figures or in words;
- a question naming two people ("How old are Ruby and Maisie?") is answered for each;
- "Who does X?" is answered by someone who does it, never by a place;
- a name typed in lower case after "is", "does"… ("is amber at the primary with jayden") asks.
"""

from __future__ import annotations

import pytest

from mi_trainer.simulation.answers import checked_claim, number_words
from tests.simulation.bundled import first_reply

YES = ("yeah", "yes")

ROWS: list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]] = [
    # a fact checked: confirmed when the facts say it
    (
        "dad-minimising-before-icpc",
        "craig",
        "you're at your mum's for now — have I got that right?",
        ("yeah. at my mum",),
        ("putting words", "that's not it"),
    ),
    (
        "dad-minimising-before-icpc",
        "craig",
        "So you're stopping at your mum's, aren't you?",
        ("mum's",),
        ("putting words",),
    ),
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "the kids' mum left two years ago, is that right?",
        ("yeah. she left two years ago",),
        (),
    ),
    (
        "teen-cannabis-missing",
        "kai",
        "you're on a reduced timetable, have I got that right?",
        ("yeah", "reduced timetable"),
        ("that's not it",),
    ),
    (
        "manager-recording-behind",
        "amira",
        "You live across town, don't you?",
        ("across town",),
        ("that's not it",),
    ),
    # ...and corrected, without a yes, when the facts say otherwise
    (
        "dad-minimising-before-icpc",
        "craig",
        "you're at Shannon's at the moment, aren't you?",
        ("my mum's",),
        YES,
    ),
    (
        "dad-minimising-before-icpc",
        "craig",
        "so it's you and Shannon and the kids at the house, is that right?",
        ("house",),
        YES,
    ),
    (
        "dad-minimising-before-icpc",
        "craig",
        "Lily's at school, isn't she?",
        ("nursery",),
        YES,
    ),
    ("dad-neglect-plo-hopeless", "darren", "Ruby's eight, isn't she?", ("seven",), YES),
    ("nan-kinship-care", "pat", "Amber's six, isn't she?", ("five",), YES),
    (
        "dad-minimising-before-icpc",
        "craig",
        "Alfie's two now, isn't he?",
        ("eighteen months",),
        YES,
    ),
    # tag questions: the yes first, then the fact
    ("nan-kinship-care", "pat", "Jayden's eight now, isn't he?", ("yeah. eight",), ()),
    ("teen-cannabis-missing", "donna", "Kai's 15, isn't he?", ("yeah. he's 15",), ()),
    ("teen-cannabis-missing", "donna", "Kai's fifteen now, isn't he?", ("yeah. he's 15",), ()),
    (
        "couple-new-baby-low-mood",
        "jade",
        "Ellie goes to nursery, doesn't she?",
        ("yeah. she goes to nursery",),
        (),
    ),
    (
        "couple-new-baby-low-mood",
        "ryan",
        "You're on nights at the warehouse, aren't you?",
        ("yeah. nights",),
        (),
    ),
    # who lives there, checked
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "so it's you and the three kids here, is that right?",
        ("me and the kids",),
        (),
    ),
    (
        "teen-cannabis-missing",
        "kai",
        "so it's you, your mum and Leah here, is that right?",
        ("leah",),
        (),
    ),
    # a possessor is not a name
    ("teen-cannabis-missing", "donna", "Where's Kai's dad?", ("prison",), ("15",)),
    # several people named: each of them
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "How old are Ruby and Maisie?",
        ("ruby's seven. maisie's four",),
        (),
    ),
    (
        "couple-new-baby-low-mood",
        "ryan",
        "How old are Ellie and Noah now?",
        ("ellie's three. noah's ten weeks",),
        (),
    ),
    (
        "nan-kinship-care",
        "pat",
        "how old are Jayden and Amber now, Pat",
        ("jayden's eight. amber's five",),
        (),
    ),
    # who does it: a person, never where
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Who picks the kids up from school?",
        ("quarter past three", "i pick"),
        ("at school. where",),
    ),
    (
        "couple-new-baby-low-mood",
        "jade",
        "who takes Ellie to nursery in the morning?",
        ("ryan",),
        (),
    ),
    # a name in lower case, typed fast
    (
        "nan-kinship-care",
        "pat",
        "is amber at the primary with jayden",
        ("reception",),
        (),
    ),
    ("couple-new-baby-low-mood", "jade", "does ellie go to nursery", ("nursery",), ()),
]

CLAIMS = [
    ("you're at your mum's for now — have I got that right?", "you're at your mum's for now"),
    ("Kai's at college, isn't he?", "Kai's at college"),
    ("you work nights don't you", "you work nights"),
    ("Thanks for coming in. You're on nights, yeah?", "You're on nights"),
    ("So both of them are at Oakfield. Is that right?", "So both of them are at Oakfield"),
    ("Is Leah at school today?", "Is Leah at school today"),
]


@pytest.mark.parametrize(
    ("scenario_id", "member", "question", "expect", "never"), ROWS, ids=[r[2] for r in ROWS]
)
def test_a_check_or_tag_question_is_answered_from_the_facts(
    scenario_id: str, member: str, question: str, expect: tuple[str, ...], never: tuple[str, ...]
) -> None:
    reply = first_reply(scenario_id, member, question).text
    said = reply.lower()
    assert any(word in said for word in expect), reply
    assert not any(said.startswith(word) if word in YES else word in said for word in never), reply


@pytest.mark.parametrize(("line", "claim"), CLAIMS, ids=[c[0] for c in CLAIMS])
def test_what_a_check_asks_to_be_confirmed_is_the_statement_before_its_tag(
    line: str, claim: str
) -> None:
    assert checked_claim(line) == claim


def test_numbers_in_figures_are_the_same_words() -> None:
    assert number_words("Kai's 15, Leah's 9 and Ryan's 31") == (
        "Kai's fifteen, Leah's nine and Ryan's thirty one"
    )
