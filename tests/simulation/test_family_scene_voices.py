"""In a family scene each member answers in their own voice (issue 21).

The same household, referral and routine questions are asked of each member of the bundled
family scenes, as the session's first line with the real coder: the reply is what was asked,
and never the other member's words (Ryan never says "Me, Ryan and the kids", Kai never says
"Kai used to play football"). A fixture couple whose shared facts are each written in one
partner's voice shows the rule itself: another reply that fits, the household in their own
words, or the fact left to the partner whose it is ("That's one for Lisa.").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest

from mi_trainer.simulation import SimulatedSession
from mi_trainer.simulation.loading import load_for_play, make_coder


@cache
def _coder() -> Any:
    return make_coder()


@cache
def _scenario(id_or_path: str) -> Any:
    return load_for_play(id_or_path)


def _first_reply(scenario: str, member: str, question: str) -> str:
    session = SimulatedSession(_scenario(scenario), _coder(), seed=0, clock=lambda: None)
    new = session.say(question, addressed=member)
    return next(t.text for t in new[1:] if t.speaker == member)


COUPLE = "couple-new-baby-low-mood"
TEEN = "teen-cannabis-missing"
NAMES = {"jade": "Jade", "ryan": "Ryan", "kai": "Kai", "donna": "Donna"}

# (scenario, question asked of each member, what each reply must say: any of these words)
SAME_QUESTION = [
    (COUPLE, "Is anyone else living here with you?", ("us", "four", "ellie", "kids")),
    (COUPLE, "Who's at home with you?", ("us", "four", "ellie", "kids")),
    (COUPLE, "Who lives in the house?", ("us", "four", "ellie", "kids")),
    (COUPLE, "Why did the health visitor get in touch?", ("health visitor", "weigh", "weight")),
    (COUPLE, "What made the health visitor ring us?", ("health visitor", "weigh", "weight")),
    (COUPLE, "Who does the night feeds?", ("bottle", "feed", "nights", "three hours")),
    (COUPLE, "Is there any family close by who helps?", ("ten minutes", "mum")),
    (COUPLE, "How old are you both?", ("twenty-nine", "thirty-one")),
    (TEEN, "Who lives at home?", ("leah", "us", "three")),
    (TEEN, "Does Kai still play football?", ("football", "striker", "team")),
    (TEEN, "What course did Kai want to do at college?", ("mechanics", "cars")),
]


def _members(scenario: str) -> list[str]:
    return [m.id for m in _scenario(scenario).members]


@pytest.mark.parametrize(
    ("scenario", "question", "expect"), SAME_QUESTION, ids=[r[1] for r in SAME_QUESTION]
)
def test_each_member_answers_the_same_question_in_their_own_voice(
    scenario: str, question: str, expect: tuple[str, ...]
) -> None:
    replies = {m: _first_reply(scenario, m, question) for m in _members(scenario)}
    for member, reply in replies.items():
        assert any(word in reply.lower() for word in expect), (member, reply)
        # "Me, Ryan and the kids" from Ryan; "Ryan's mum" from Ryan is "my mum"
        assert not re.search(rf"\b{NAMES[member]}\b", reply), (member, reply)


@pytest.mark.parametrize(
    ("member", "question", "own", "not_own"),
    [
        ("ryan", "Who lives with you?", "jade", "me, ryan"),
        ("jade", "Who lives with you?", "ryan", "me, jade"),
        ("ryan", "Who takes Ellie to nursery?", r"\bi (take|do)\b", "ryan takes"),
        ("jade", "Who feeds Noah in the night?", r"\bi do the night", "jade does"),
        ("ryan", "What work do you do?", "nights", "ryan works"),
    ],
)
def test_a_partner_speaks_of_themselves_as_i_and_of_the_other_by_name(
    member: str, question: str, own: str, not_own: str
) -> None:
    reply = _first_reply(COUPLE, member, question).lower()
    assert re.search(own, reply) and not_own not in reply, reply


# A couple whose shared facts are each written in one partner's voice (validate warns about
# every one of them, so it is written here, not kept with the engine's clean fixtures).
ONE_VOICE_YAML = """\
schema_version: 1
id: fixture-couple-one-voice
title: "Lisa and Mark: one voice per fact"
members:
  - id: lisa
    name: Lisa
    responses:
      - say: "I don't know."
        talk: neutral
  - id: mark
    name: Mark
    responses:
      - say: "Leave it."
        talk: discord
facts:
  people:
    lisa: {name: Lisa, member: lisa, relation: mum, pronoun: she, age: "27"}
    mark: {name: Mark, member: mark, relation: partner, pronoun: he, age: "30"}
    robin: {name: Robin, relation: daughter, pronoun: she, age: "six"}
  household: [lisa, mark, robin]
  items:
    - id: household
      about: [household]
      answer: "Me, Mark and Robin."
      deflect: ["Just us. Why?"]
    - id: referral
      about: [referral, services, event]
      keywords: [school, rang, referral, why]
      answer: "The school rang you."
    - id: work
      about: [work]
      people: [mark]
      keywords: [work, job, drive, merchant]
      answer: "The builder's merchant."
      guarded: ["I drive for the builder's merchant. Days."]
    - id: evenings
      about: [routine]
      keywords: [evening, evenings, bedtime, bath, tea]
      answer: "I do tea, bath and bed. Mark's at work till eight."
      guarded: ["Mark's at work, so it's me. Bath and bed by seven."]
"""


@pytest.fixture(scope="module")
def one_voice(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("scenes") / "couple-one-voice.yaml"
    path.write_text(ONE_VOICE_YAML, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("member", "question", "expect", "never"),
    [
        # the fact's only reply names Mark: the household in Mark's own words instead
        ("mark", "Who lives with you?", "me, lisa and robin", "mark"),
        ("lisa", "Who lives with you?", "me, mark and robin", "lisa"),
        # a fact about Mark that says "I" is his: Lisa takes its plain answer
        ("lisa", "What does Mark do for work?", "builder's merchant", "i drive"),
        ("mark", "What do you do for work?", "builder's merchant", "mark"),
        # every reply of Lisa's evenings names Mark: he leaves it to her
        ("mark", "What are your evenings like?", "lisa", "mark"),
        ("lisa", "What are your evenings like?", "bath", "lisa"),
    ],
)
def test_a_fact_written_in_one_partners_voice_is_not_said_by_the_other(
    one_voice: str, member: str, question: str, expect: str, never: str
) -> None:
    reply = _first_reply(one_voice, member, question).lower()
    assert expect in reply and never not in reply, reply


@pytest.mark.parametrize(
    ("scenario", "member", "question", "expect", "never"),
    [
        # another member's entry that names the speaker: the speaker is "me"
        (COUPLE, "ryan", "Where does Jade live?", "with me and the kids", "ryan"),
        (TEEN, "kai", "Where does Donna live?", "with me and leah", "kai"),
        # another member's own words ("with my mum"): where a household member lives
        (TEEN, "donna", "Where does Kai live?", "here, with us", "my mum"),
        # a member's own entry stays theirs
        (TEEN, "kai", "Where do you live?", "with my mum and leah", "kai"),
        (COUPLE, "ryan", "What does Jade do?", "nursery", "i'm at home"),
    ],
)
def test_a_persons_entry_is_said_in_the_speakers_voice(
    scenario: str, member: str, question: str, expect: str, never: str
) -> None:
    reply = _first_reply(scenario, member, question).lower()
    assert expect in reply and never not in reply, reply
