"""The ``facts:`` block: what each family member knows and how they say it.

A social worker asks concrete things ("How old is Mia?", "Who else lives with you?",
"What did the school say?"). The members answer from these facts, in their own voice,
guardedly, openly or deflecting, according to how the visit is going
(docs/authoring.md, "Facts"):

.. code-block:: yaml

    facts:
      people:
        mia: {name: Mia, relation: daughter, age: 9, pronoun: she, school: "Year 5 at Oakfield"}
      household: [kerry, mia, tyler]
      items:
        - id: referral
          about: [referral, services, event]
          keywords: [school, ring, rang, referral]
          answer: "The school rang you. About Tyler being late and Mia's uniform."
          guarded: "The school rang you, didn't they. About Tyler being late."
          open: "The school. Tyler's been late a lot and Mia's missed some Mondays."
          deflect: "Ask the school. They're the ones who rang you."

Only the shape is checked here; that facts name people who exist, and that every member
has the core facts (household, children, the referral), is checked in
:mod:`mi_trainer.scenarios.checks`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from mi_trainer.scenarios.fieldtypes import NameList, Slug, StrictModel, Text, Variants

# What a fact can be about: the practitioner intent subjects (coding/intent.py) it answers.
SUBJECTS: tuple[str, ...] = (
    "household",
    "children",
    "age",
    "name",
    "where",
    "when",
    "how_much",
    "how_often",
    "school",
    "services",
    "work",
    "contact",
    "partner",
    "routine",
    "health",
    "substance",
    "money",
    "housing",
    "who",
    "support",
    "event",
    "referral",
    "wellbeing",
    "view",
)
Subject = Literal[SUBJECTS]  # type: ignore[valid-type]
RISKS: tuple[str, ...] = ("suicide", "self_harm", "harm_to_child", "violence")
Risk = Literal[RISKS]  # type: ignore[valid-type]
CHILD_RELATIONS = frozenset(
    {"son", "daughter", "child", "grandson", "granddaughter", "stepson", "stepdaughter", "baby"}
)


class Person(StrictModel):
    """Someone the family talks about (or a member, with ``member:``)."""

    name: Text = Field(description="Their name, e.g. 'Mia'.")
    member: Slug | None = Field(
        default=None, description="The member id when this person is in the room."
    )
    relation: Text | None = Field(
        default=None,
        description="Who they are to the family, one word first: 'daughter', 'son', 'mum', "
        "'partner', 'ex-partner', 'grandmother' ('son' and 'daughter' make them a child).",
    )
    aliases: NameList = Field(
        default_factory=list,
        description="Other words for them: 'the baby', 'her dad', 'the eldest'.",
    )
    pronoun: Literal["she", "he", "they"] = Field(default="they", description="she, he, they.")
    age: Text | None = Field(default=None, description="Their age as said, e.g. 'nine'.")
    lives: Text | None = Field(
        default=None, description="Where they live, as the member would say it."
    )
    school: Text | None = Field(default=None, description="Their school, year or nursery.")
    work: Text | None = Field(default=None, description="Their work, as the member would say it.")
    wellbeing: Text | None = Field(
        default=None, description="How they are doing, in the member's words."
    )

    @property
    def is_child(self) -> bool:
        first = (self.relation or "").split()[:1]
        return bool(first) and first[0].lower() in CHILD_RELATIONS


class Fact(StrictModel):
    """One thing a member knows, with the replies that give it."""

    id: Slug = Field(description="Fact id, e.g. 'household' or 'school-said'.")
    about: list[Subject] = Field(  # type: ignore[valid-type]
        min_length=1, description=f"What it answers: {', '.join(SUBJECTS)}."
    )
    people: NameList = Field(
        default_factory=list, description="Ids of the people it is about (from `people`)."
    )
    by: NameList = Field(
        default_factory=list,
        description="Ids of the members who say it this way (default: every member).",
    )
    keywords: NameList = Field(
        default_factory=list,
        description="Words that point at it ('school', 'tuesday'): lower-case.",
    )
    day: Text | None = Field(default=None, description="When it happened, e.g. 'last Tuesday'.")
    answer: Text = Field(description="The plain fact, in the member's words.")
    short: Text | None = Field(
        default=None,
        description="A short form for 'I told you, …' when asked again (default: the answer).",
    )
    guarded: Variants | None = Field(
        default=None, description="Said while rapport is low (default: the answer)."
    )
    open: Variants | None = Field(default=None, description="Said once they trust you.")
    deflect: Variants | None = Field(
        default=None, description="Said when discord is high: a refusal about this thing."
    )
    risk: Risk | None = Field(  # type: ignore[valid-type]
        default=None,
        description=f"A safeguarding fact ({', '.join(RISKS)}): a direct, calm question "
        "about it leads to `disclosure` once rapport allows.",
    )
    disclosure: Slug | None = Field(
        default=None, description="The member's disclosure (id) a risk question leads to."
    )
    topics: NameList = Field(
        default_factory=list, description="Scenario topics it belongs to (the focus it sets)."
    )


class Voice(StrictModel):
    """A member's own ways of reacting, beside the engine's defaults."""

    misheard: Variants | None = Field(
        default=None, description="To a reflection that misses: 'No, that's not it.'"
    )
    repeated: Variants | None = Field(default=None, description="To a line said again.")
    worry: Variants | None = Field(
        default=None,
        description="Their fear of consequences: 'What are you going to write down?'",
    )
    warning: Variants | None = Field(default=None, description="Said once before they walk out.")
    repair: Variants | None = Field(default=None, description="To an apology after a rupture.")
    test: Variants | None = Field(
        default=None,
        description="Before a disclosure, they check what happens with it: 'Does it go in "
        "your report?'",
    )


class Facts(StrictModel):
    """Every fact of a scenario (see the module doc)."""

    people: dict[Slug, Person] = Field(
        default_factory=dict, description="Person id -> who they are."
    )
    household: NameList = Field(
        default_factory=list, description="Ids of the people who live in the home."
    )
    items: list[Fact] = Field(default_factory=list, description="The facts, each with replies.")
    voice: dict[Slug, Voice] = Field(
        default_factory=dict, description="Member id -> their own reactions."
    )


CORE = ("household", "children", "referral")


def missing_core(facts: Facts | None, member: str) -> list[str]:
    """The core facts (household, children, referral) ``member`` cannot answer."""
    if facts is None:
        return list(CORE)
    mine = [f for f in facts.items if not f.by or member in f.by]
    missing = []
    if not facts.household and not any("household" in f.about for f in mine):
        missing.append("household")
    if not any(p.is_child for p in facts.people.values()) and not any(
        "children" in f.about for f in mine
    ):
        missing.append("children")
    if not any("referral" in f.about for f in mine):
        missing.append("referral")
    return missing


# -- whose voice a shared fact is in ---------------------------------------------------------

# The first person singular: a reply with one of these is somebody's own account ("she asked
# me how I was feeling and I cried"), which another member cannot say as it stands.
FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"})
_WORD = re.compile(r"[a-z][a-z'-]*")


def fact_texts(fact: Fact) -> list[str]:
    """Every reply of a fact, in the file's order: answer, short, guarded, open, deflect."""
    return [
        fact.answer,
        fact.short or "",
        *(fact.guarded or ()),
        *(fact.open or ()),
        *(fact.deflect or ()),
    ]


def speaks_as_i(text: str) -> bool:
    return bool(FIRST_PERSON & set(_WORD.findall(text.lower().replace("\u2019", "'"))))


class SceneVoices:
    """In a scene with several members, which member a fact's reply cannot be said by.

    A fact without ``by:`` is said by every member, but it is written in one voice: a reply
    that names Ryan ("Me, Ryan and the kids") is not Ryan's, and a reply that speaks as "I"
    is the account of the member the fact's words point to (the one member it does not name,
    else the one member it is about). Member M never says a reply that names M, nor another
    member's "I". With one member there is nobody else to be, and every reply fits.
    """

    def __init__(self, facts: Facts | None, members: Sequence[tuple[str, str]]) -> None:
        """``members``: (id, name) of each member in the scene, in the file's order."""
        self.facts = facts or Facts()
        self.members = [mid for mid, _name in members]
        # A phrase that names someone -> who: the member id for a member, else the person id.
        # Every person's names are kept, so the longest mention wins: "Ryan's mum" is his mum.
        self.phrases: dict[str, str] = {}
        for mid, name in members:
            self.phrases.setdefault(name.lower(), mid)
        for pid, person in self.facts.people.items():
            who = person.member or pid
            first = person.name.split()[:1]
            single = [w for w in first if w[:1].isupper() and "'" not in w]  # not "Ryan's mum"
            for phrase in (person.name, *single, *person.aliases):
                self.phrases.setdefault(phrase.lower(), who)
        self.member_words = {mid: name.lower() for mid, name in members}
        self._owners: dict[int, tuple[Fact, str | None]] = {}  # by object: ids may repeat

    @property
    def several(self) -> bool:
        return len(self.members) > 1

    def named(self, text: str) -> set[str]:
        """The members ``text`` names as someone other than the speaker."""
        lowered = text.lower().replace("\u2019", "'")
        spans: list[tuple[int, int, str]] = []
        for phrase, who in self.phrases.items():
            for match in re.finditer(rf"(?<![\w']){re.escape(phrase)}(?!\w)", lowered):
                spans.append((match.start(), match.end(), who))
        spans.sort(key=lambda s: (s[0] - s[1], s[0]))  # the longest mention first
        taken: list[tuple[int, int]] = []
        found: set[str] = set()
        for start, end, who in spans:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            if lowered[:start].endswith("my "):
                continue  # "my mum" is the speaker's own mum, not the member who is a mum
            if who in self.members:
                found.add(who)
        # A member's possessive names them inside a longer name: "Ryan's mum" is his mum, but
        # said by Ryan it is still Ryan talking about himself ("my mum").
        for mid, name in self.member_words.items():
            if re.search(rf"(?<![\w']){re.escape(name)}'s\b", lowered):
                found.add(mid)
        return found

    def owner(self, fact: Fact) -> str | None:
        """The member whose voice the fact is written in, when its words say so."""
        if id(fact) not in self._owners:
            named: set[str] = set()
            for text in fact_texts(fact):
                named |= self.named(text)
            left = [m for m in self.members if m not in named]
            member_of = {pid: p.member for pid, p in self.facts.people.items() if p.member}
            about = [m for m in left if m in {member_of.get(pid) for pid in fact.people}]
            owner = None
            if named and len(left) == 1:
                owner = left[0]  # "Jade does the night feeds": Ryan's words
            elif len(about) == 1:
                owner = about[0]  # a fact about Kai that says "I": Kai's account
            self._owners[id(fact)] = (fact, owner)  # the fact kept: its id() stays its own
        return self._owners[id(fact)][1]

    def misfit(self, text: str, fact: Fact, member: str) -> str | None:
        """Why ``member`` cannot say ``text`` of ``fact`` (None: it fits).

        'names': the reply names them; 'account': it is another member's "I"."""
        if not self.several or fact.by:
            return None
        if member in self.named(text):
            return "names"
        owner = self.owner(fact)
        if owner is not None and owner != member and speaks_as_i(text):
            return "account"
        return None

    def fits(self, text: str, fact: Fact, member: str) -> bool:
        return self.misfit(text, fact, member) is None
