"""A fact every member of a family scene says is written in one voice (issue 21).

In a scene with two or more members, a reply of a fact without `by:` cannot be said by a
member it names ("Me, Ryan and the kids" is not Ryan's) nor by a member whose "I" it is not
(a fact about Mark that says "I drive for the merchant" is Mark's own account). Everything
else fits everyone. The engine leaves such replies to their owner; `validate` warns.
"""

from __future__ import annotations

import pytest

from mi_trainer.scenarios.facts import Fact, Facts, Person, SceneVoices

PEOPLE = {
    "lisa": Person(name="Lisa", member="lisa", relation="mum", pronoun="she", aliases=["mum"]),
    "mark": Person(name="Mark", member="mark", relation="partner", pronoun="he"),
    "robin": Person(name="Robin", relation="daughter", pronoun="she"),
    "gran": Person(name="Mark's mum", relation="grandmother", pronoun="she", aliases=["his mum"]),
}
VOICES = SceneVoices(Facts(people=PEOPLE), [("lisa", "Lisa"), ("mark", "Mark")])


def _fact(answer: str, people: tuple[str, ...] = ()) -> Fact:
    return Fact(id="a-fact", about=["routine"], people=list(people), answer=answer)


# (a reply of a shared fact, who the fact is about, the member asked, why they can't say it)
ROWS = [
    # it names the member asked: by name, by alias, inside a longer name
    ("Me, Mark and Robin.", (), "mark", "names"),
    ("Mark does the school run after his shift.", ("robin",), "mark", "names"),
    ("Me, Mum and Robin. Why?", (), "lisa", "names"),
    ("Mark's mum has Robin on Fridays.", ("gran",), "mark", "names"),
    # it is another member's own account
    ("I drive for the builder's merchant. Days.", ("mark",), "lisa", "account"),
    ("Since I lost my job I've not been sleeping.", ("lisa",), "mark", "account"),
    ("Mark takes her in, and I pick her up at three.", ("robin",), "mark", "names"),
    # it fits
    ("I drive for the builder's merchant. Days.", ("mark",), "mark", None),
    ("Just the three of us. Why?", (), "mark", None),
    ("We both do bedtime. Bath at seven.", ("robin",), "lisa", None),
    ("Mark's mum has Robin on Fridays.", ("gran",), "lisa", None),
    ("My mum has her on Fridays.", (), "lisa", None),  # Lisa's own mum, not Lisa
    ("The school rang. She'd been late a few times.", ("robin",), "mark", None),
]


@pytest.mark.parametrize(("reply", "about", "member", "why"), ROWS, ids=[r[0] for r in ROWS])
def test_a_member_says_a_shared_reply_only_in_their_own_voice(
    reply: str, about: tuple[str, ...], member: str, why: str | None
) -> None:
    assert VOICES.misfit(reply, _fact(reply, about), member) == why


def test_a_fact_that_names_one_partner_is_in_the_other_partners_voice() -> None:
    fact = _fact("Mark does the nights. I do the mornings.")
    assert VOICES.owner(fact) == "lisa"
    assert VOICES.misfit("I do the mornings.", fact, "mark") == "account"


def test_with_one_member_every_reply_fits() -> None:
    alone = SceneVoices(Facts(people=PEOPLE), [("lisa", "Lisa")])
    assert alone.misfit("Lisa's at work till six.", _fact("Lisa's at work."), "lisa") is None


def test_a_fact_said_by_named_members_is_theirs_as_written() -> None:
    fact = Fact(id="x", about=["household"], by=["lisa"], answer="Me, Mark and Robin.")
    assert VOICES.misfit(fact.answer, fact, "lisa") is None
