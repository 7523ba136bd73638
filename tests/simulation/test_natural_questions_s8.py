"""Session 8 (s8-nat): natural questions answered with the very thing asked: the form a
question wants (how often, when, how many a week), progress rather than a place, a role's
name, a hope the member holds, and one closing "Why?" in a two-part answer. Our own lines,
written for the mechanisms, never from the tuning sets."""

from __future__ import annotations

import re

import pytest

from tests.simulation.bundled import first_reply


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect"),
    [
        # how often wants a frequency, even from a guarded member whose short reply leaves it out
        ("nan-kinship-care", "pat", "How often do Jayden and Amber get to see Michelle?", "every"),
        ("nan-kinship-care", "pat", "How regularly does their mum see them?", "every"),
        # when wants a time: the reply of the fact that says when
        ("nan-kinship-care", "pat", "When was it that Gary and you stopped speaking?", "ago"),
    ],
)
def test_the_reply_says_the_form_asked(scenario: str, member: str, line: str, expect: str) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert expect in reply, reply


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect", "never"),
    [
        # "a week" after how much is the unit of the measure, not the work fact's "a week"
        (
            "dad-minimising-before-icpc",
            "craig",
            "How much do you drink in an average week?",
            "weekend",
            "fifty",
        ),
        (
            "dad-minimising-before-icpc",
            "craig",
            "How many days a week are you on site?",
            "fifty",
            "weekend",
        ),
    ],
)
def test_a_measure_unit_is_not_the_topic(
    scenario: str, member: str, line: str, expect: str, never: str
) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert expect in reply and never not in reply, reply


@pytest.mark.parametrize(
    ("scenario", "member", "line"),
    [
        ("nan-kinship-care", "pat", "How's Jayden doing in school at the moment?"),
        ("nan-kinship-care", "pat", "And how is Amber settling in at school?"),
    ],
)
def test_how_someone_gets_on_at_school_is_progress(scenario: str, member: str, line: str) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert "star of the week" in reply or "doing well" in reply, reply


@pytest.mark.parametrize(
    ("scenario", "member", "line", "role"),
    [
        (
            "couple-new-baby-low-mood",
            "jade",
            "What's the health visitor's name, do you know?",
            "health visitor",
        ),
        ("mum-drinking-school-concerns", "kerry", "What's the school nurse's name?", "nurse"),
    ],
)
def test_a_role_name_asked_is_a_name(scenario: str, member: str, line: str, role: str) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert f"{role}'s name" in reply, reply


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect"),
    [
        # a hope question answered by the fact that is their hope
        (
            "teen-cannabis-missing",
            "kai",
            "If it was up to you, what would you like to do once you finish school?",
            "mechanic",
        ),
        # what they enjoy or are proud of in their work
        (
            "manager-recording-behind",
            "amira",
            "Which part of your work do you enjoy the most?",
            "direct work",
        ),
    ],
)
def test_a_hope_or_a_pride_named_by_a_fact(
    scenario: str, member: str, line: str, expect: str
) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert expect in reply, reply


def test_a_hope_that_names_no_fact_stays_open() -> None:
    reply = first_reply(
        "teen-cannabis-missing", "kai", "What would you wish for, if anything could change?"
    )
    assert "mechanic" not in reply.text.lower(), reply.text


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect"),
    [
        ("dad-neglect-plo-hopeless", "darren", "What do evenings look like at yours?", "tea"),
        (
            "dad-minimising-before-icpc",
            "craig",
            "Have you ever taken a break from the drink?",
            "six months",
        ),
        ("nan-kinship-care", "pat", "How many did you end up bringing up, Pat?", "four"),
    ],
)
def test_facts_the_scenarios_imply(scenario: str, member: str, line: str, expect: str) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert expect in reply, reply


def test_a_guarded_why_closes_a_two_part_answer() -> None:
    reply = first_reply(
        "couple-new-baby-low-mood", "jade", "How old is Ellie and how old is Noah?"
    ).text
    assert not re.search(r"Why\b[^.?!]*\?\s+\S", reply), reply
