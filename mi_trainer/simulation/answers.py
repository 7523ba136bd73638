"""Answering what was asked: a scenario's facts, found for a question and said in a voice.

The practitioner intent (coding/intent.py) says what was asked ("ask_fact", subject "age",
member "mia"); :class:`FactBook` finds the fact that answers it for the member being
asked, from the scenario's ``facts:`` block (people, household, items) and picks the reply
for the member's state: ``deflect`` when discord is high, ``guarded`` while rapport is low,
``open`` once they trust the worker. A fact already given is remembered ("I told you, she's
nine"). Everything said here is data: the scenario's facts and ``default_rules.yaml``
(``answers:``, ``voice:``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mi_trainer.coding.accuracy import content_meanings
from mi_trainer.coding.people_words import load_people_words
from mi_trainer.scenarios.facts import Fact, Facts, Person, SceneVoices, speaks_as_i

GUARDED, OPEN, DEFLECT = "guarded", "open", "deflect"
VIEW_OF_FACT = "view_of_fact"  # a view question answered from the fact it names (names_fact)
_PEOPLE_WORDS = load_people_words()  # coding/patterns/intent-people.json
_RELATIONS = _PEOPLE_WORDS["relations"]  # 'dad', 'the baby': words, not names
# Other words for a relation: "How old's your little boy?" asks about the son.
_RELATION_WORDS = {
    "son": ("boy", "little boy", "lad", "little lad"),
    "daughter": ("girl", "little girl"),
    "grandson": ("grandson", "boy", "little boy", "lad"),
    "granddaughter": ("granddaughter", "girl", "little girl"),
    "mum": ("mother", "mam", "mummy"),
    "dad": ("father", "daddy"),
    "partner": ("boyfriend", "girlfriend", "husband", "wife", "fella"),
    "grandmother": ("nan", "nana", "nanny", "gran", "grandma", "granny"),
}
_WH_QUESTION = re.compile(
    r"^\s*(?:[\w']+\s*,\s*)?(?:what|what's|where|where's|when|when's|who|who's|whose|which|"
    r"why|how)\b",
    re.IGNORECASE,
)
_YES_NO = re.compile(r"^\s*(?:no|yes|yeah|yep|nope|nah)[.,!]\s+", re.IGNORECASE)
_OPENS_YES_NO = re.compile(r"^\W*(?:no|yes|yeah|yep|nope|nah)\b", re.IGNORECASE)
# "What ages are your two?": several people, the children, not "you".
_SEVERAL = frozenset({"ages", "names", "both", "two", "three", "four", "five"})
_NOW = re.compile(r"\b(?:now|today|tonight|at the moment|this morning|this afternoon)\b", re.I)
# "Where's Michelle?", and asked indirectly: "I was wondering where their dad is these days".
_WHERE_IS = re.compile(
    r"\bwhere(?:'s| is| are)\b|\bwhere\s+(?:[\w']+\s+){1,3}(?:is|are)\b(?!\s+\w+ing\b)",
    re.IGNORECASE,
)
# "Who is Noah?" asks who someone is; "Who feeds Noah?" asks who does something for him.
_WHO_IS = re.compile(r"\bwho(?:'s| is| are| was| were)\b", re.IGNORECASE)
# After a name, the end of a vocative: a comma or the end of the sentence ("Hi Kerry, …").
_VOCATIVE_END = re.compile(r"\s*(?:[,.!?]|$)")
_SENTENCE_START = re.compile(r"(?<=[.!?] )[a-z]")  # "I've said. A couple of glasses"
_WORD = re.compile(r"[a-z][a-z'-]*")
# Words after which a name is an object ("with Kai and Leah"): there the speaker is "me".
_LINKS = "with|and|to|for|by|from|near|beside|like|after"
# "Mia's at St Mary's, isn't she?", "Lily's at school now?": a child said to be at a school
# (by a school word or a capitalised place) checks which school, not where they are today.
_SCHOOL_CLAIM = re.compile(
    r"(?:(?:'s|\bis|\bare|'re)\s+(?:still\s+|now\s+|both\s+)?(?:at|in|going\s+to)|\bgo(?:es)?\s+to)\s+"
    r"(?:the\s+)?(?:(school|nursery|college|primary|secondary|reception|year)\b|([A-Z][a-z]+))"
)
_TODAY = re.compile(
    r"\b(?:today|tonight|this morning|this afternoon|right now|at the moment)\b", re.IGNORECASE
)
# "I wondered if anyone might be coming with you?": someone doing something asks who does it
_ANYONE_DOING = re.compile(
    r"\b(?:anyone|anybody|someone|somebody)(?:\s+else)?\s+(?:(?:might|will|would|could|is|'s|be)\s+)*"
    r"[a-z]{3,}ing\b",
    re.IGNORECASE,
)
_HOW = re.compile(r"\bhow\b", re.IGNORECASE)
# "How is Jayden getting on at school?": how someone is doing somewhere asks their progress
_PROGRESS = re.compile(
    r"\bhow\b[^?.!]*\b(?:getting on|getting along|doing|going|settling|settled|coping)"
    r"\s+(?:at|in)\b",
    re.IGNORECASE,
)
_MEASURE = re.compile(r"\bhow (?:much|many|often)\b", re.IGNORECASE)
_WHEN = re.compile(r"\bwhen\b", re.IGNORECASE)
_HOW_OFTEN = re.compile(r"\bhow (?:often|regularly|many times)\b", re.IGNORECASE)
_YOU_ASKED = re.compile(r"\byou\b", re.IGNORECASE)
# "up" names the morning only after getting or waking ("get them up", "wakes up").
_RISING = re.compile(r"\b(?:get|gets|getting|got|wake|wakes|waking|woke)\s+(?:\w+\s+)?up\b", re.I)
_PROPER = re.compile(r"(?<=[\w,] )[A-Z][a-z]+")  # a capitalised word that does not open the line
# After "can I get": to whom it is offered ("Can I get you a tea?" is an offer).
_OFFERED_TO = frozenset({"you", "yourself", "us", "everyone", "anyone", "the", "your"})
_GROUP = frozenset({"kids", "children", "grandchildren", "grandkids", "boys", "girls"})
_THEY = frozenset({"they", "them", "their", "they're", "they've"})  # to a carer: the children
PERSON_SUBJECTS = {
    "age": "age",
    "school": "school",
    "where": "lives",
    "housing": "lives",
    "work": "work",
    "who": "relation",
    "wellbeing": "wellbeing",
    "name": "name",
}
# A fact answers when it scores this much: its subject (3), each of its keywords said (2),
# words of its answer said (1 each, at most 2), the person asked about (2).
MIN_SCORE = 3.0
_OWN_FIELD_SCORE = 3.5  # a yes/no question about the member's own entry: a cue and its words
# Subjects that say what form the answer takes (a number, a day, a place, a person), not
# what it is about: the question's other words say that.
FORM_SUBJECTS = frozenset({"how_much", "how_often", "when", "where", "who", "which", "name"})
ABOUT_MEMBER = {"wellbeing": "wellbeing", "view": "wellbeing"}
# A check said after a statement ("…, isn't he?", "…, have I got that right?", "…, yeah?"):
# a short last clause that opens with an auxiliary or a word of agreement.
_CHECK_OPENERS = (
    r"is|isn't|are|aren't|am|was|wasn't|were|weren't|have|haven't|has|hasn't|had|hadn't|do|"
    r"don't|does|doesn't|did|didn't|can|can't|could|couldn't|will|won't|would|wouldn't|"
    r"should|shouldn't|right|yeah|yes|yeh|correct|true|innit|ok|okay|no|or"
)
_CHECK_TAG = re.compile(
    rf"^(?P<claim>.*?\w.*?)\s*(?:,|\u2014|\u2013|;|\s-\s|[.?!])\s*(?:{_CHECK_OPENERS})\b(?:\s+[\w']+){{0,5}}"
    r"\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# Typed fast, without the comma: "you work nights don't you", "kai's at college isn't he?"
_BARE_TAG = re.compile(
    r"^(?P<claim>.*?\w.*?)\s+(?:\w+n't|am i not)\s+(?:i|you|he|she|it|they|we|there)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# "at your mum's", "round his dad's", "to Nan's": a home named by its owner, a place (where
# someone stays), not the person the line is about.
_PLACE_OF = re.compile(
    r"\b(?:at|round|around|to|from|in|stopping|staying|living)\s+"
    r"(?:(?:your|my|his|her|their|the|our|[a-z]+'s)\s+)?(?:(?:little|big|old|new)\s+)?$",
    re.IGNORECASE,
)
_PLACE_OWNER = re.compile(
    r"\b(?:at|round|around|to|from|in)\s+(?:(?:your|my|his|her|their|the|our)\s+)?([a-z]+)'s\b",
    re.IGNORECASE,
)
# Subjects asked of several people at once answered for each from their entries, and the
# words that join the people ("Mia and Tyler", "both", "each").
_EACH_SUBJECTS = frozenset({"age", "school"})
_JOINING = frozenset({"and", "&", "both", "each", "all"})
# "Who (usually) picks…", "who's been feeding…", "who'll take…": the doing asked about
_WHO_DOES = re.compile(
    r"\bwho(?:'s|'ll|'d)?\s+(?:(?:usually|normally|generally|tends|mostly|always|then|else|"
    r"actually|does|do|did|will|would|can|could|has|have|had|been|is|was|going|to|gets|got)\s+)*"
    # "who's got your back": 'got' with a possessive after it is having, not a doing
    r"(?!is\b|are\b|was\b|were\b|the\b|your\b|my\b|his\b|her\b|their\b|you\b)"
    r"(?!got\s+(?:your|my|his|her|their|you)\b)([a-z]{3,})"
)
# "it's (just) you and…", "there's you and…": who is there
_HOUSEHOLD_CLAIM = re.compile(
    r"\b(?:it's|it is|there's|there is)\s+(?:just\s+|only\s+)?(?:you|me)\b"
)
_AT_HOME = frozenset({"here", "home", "house", "flat", "live", "lives", "living", "household"})
# "you're (back) at the house with Shannon": someone named as company of "you", the subject
_WITH_YOU = re.compile(
    r"\b(?:you're|you are|you)\b[^,?.]{0,40}\b(?:at|in)\s+(?:the|your|his|her|their|my)\s+"
    r"[a-z']+\s+with\s+$"
)
_NEAR = 80  # how far before a name its preposition is looked for
_CHECK_SPAN = 300  # how much of a line's end a check and its tag can take
_POSSESSOR = re.compile(r"['\u2019]s?$")  # "Kai's", "the Smiths'"
_YOU = frozenset({"you", "you're", "you've", "you'd", "you'll", "yourself"})
_PLACE_FIRST = re.compile(
    r"^\W*(?:at|in|on|from|into|inside|outside|near|round|around|upstairs|downstairs|away|"
    r"up at|down at|over at|back at)\b",
    re.IGNORECASE,
)
_PAST = frozenset({"was", "were", "did", "had", "went", "used", "ago", "then", "night"})
_AUX_TAG = re.compile(
    r",\s*(?:\w+n't|is|are|was|were|do|does|did|have|has|had|can|will)\s+"
    r"(?:i|you|he|she|it|they|we|there)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"\s*(?:[\u2014\u2013;:.!?]|\s-\s)\s*")
_ANY_WH = re.compile(r"\b(?:what|what's|where|where's|when|who|who's|whose|which|why|how)\b", re.I)
_OR_QUESTION = re.compile(r"\bor\b", re.IGNORECASE)
_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER = re.compile(r"(?<![\d.,:])\d{1,2}(?![\d.,:]\d)")


_NUMBER_WORD = "|".join([*_UNITS, *_TENS[2:]])
_NUMBER_WORDS = re.compile(rf"\b(?:{_NUMBER_WORD})\b")
# "Alfie's two now, isn't he?", "And Tyler's what, five?": a number said of someone is an age
_AGE_CLAIM = re.compile(
    rf"(?:'s|\bis|\bare|\bturned|\bturns)\s+(?:(?:only|just|nearly|almost|about|what|now),?\s+)*"
    rf"(?:{_NUMBER_WORD})\b(?!\s+(?:times|days|weeks|hours|nights|pounds|o'clock))",
    re.IGNORECASE,
)


def _numbers(text: str) -> set[str]:
    return set(_NUMBER_WORDS.findall(number_words(text).lower()))


def _all_places(fact: Fact) -> bool:
    """Every reply of the fact opens with where ("At school.", "In the flat"): never a who."""
    replies = [r for r in said_texts(fact) if r]
    return bool(replies) and all(_PLACE_FIRST.match(r) for r in replies)


def _proper_name(name: str) -> bool:
    """A name said as a name ("Shannon", "Nan Pat"), not a description ("my mum", "Ryan's
    mum"): its last word is capitalised."""
    words = name.split()
    return bool(words) and words[-1][:1].isupper()


def number_words(text: str) -> str:
    """Numbers said in figures as words ("15" -> "fifteen"), so "Kai's fifteen" and "Kai's 15"
    say the same."""

    def word(match: re.Match[str]) -> str:
        n = int(match.group(0))
        if n < 20:
            return _UNITS[n]
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (f" {_UNITS[unit]}" if unit else "")

    return _NUMBER.sub(word, text)


def checked_claim(text: str) -> str:
    """What a check asks to be confirmed: the statement before its tag, without what leads up
    to it ("Thanks for coming in — you're at your mum's for now, is that right?" -> "you're
    at your mum's for now"). A line without a tag is its own claim."""
    stripped = text.strip()[-_CHECK_SPAN:]  # a check and its tag end the line (a paste stays fast)
    match = _CHECK_TAG.match(stripped) or _BARE_TAG.match(stripped)
    claim = match.group("claim") if match else stripped.rstrip(" ?.!")
    parts = [p for p in _CLAUSE_BREAK.split(claim) if p.strip()]
    return parts[-1].strip() if parts else claim


@dataclass(frozen=True, slots=True)
class Answer:
    """A reply to a concrete question: its text, the fact's id and topics (None: unknown)."""

    text: str
    fact_id: str | None
    topics: tuple[str, ...] = ()
    again: bool = False


def _plain(words: set[str]) -> set[str]:
    """The words without a plural possessive's apostrophe ("kids'" is "kids")."""
    return {w.rstrip("'’") for w in words}


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower().replace("\u2019", "'")))


def _names_person(text: str, name: str) -> bool:
    return bool(name) and name.lower() in text.lower()


def said_texts(fact: Fact) -> list[str]:
    """Everything a member may say of a fact: its answer, short form and replies by mood."""
    return [fact.answer, fact.short or "", *(fact.open or ()), *(fact.guarded or ())]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class FactBook:
    """The facts of one scenario, ready to answer questions (see module doc)."""

    def __init__(self, facts: Facts | None, members: Sequence[Any], rules: dict[str, Any]):
        self.facts = facts or Facts()
        self.answers: dict[str, Any] = rules.get("answers") or {}
        self.voice: dict[str, Any] = rules.get("voice") or {}
        # Words the reflection check treats as framing but a fact question names ("during
        # the day", "what did the school say", "a typical evening").
        self.kept = frozenset(str(w) for w in self.answers.get("fact_words") or ())
        self._fragment_words = frozenset(
            str(w) for w in self.answers.get("person_fragment_words") or ()
        )
        # "these days", "at the minute": when, not what; never a fact's topic word ('day').
        frames = sorted((str(f) for f in self.answers.get("time_frames") or ()), key=len)
        # "Is Jade managing to get some sleep?" asks about her sleep; "How are you managing
        # to keep on top of it?" or "Are you managing to…?" asks how they cope: a frame only
        # outside a how-question and of someone else
        self.ability = self._any_word([str(w) for w in self.answers.get("ability_frames") or ()])
        self.hypothetical = self._any_word(
            [str(w) for w in self.answers.get("hypothetical_words") or ()]
        )
        self.request = self._any_word([str(w) for w in self.answers.get("request_frames") or ()])
        units = sorted((str(u) for u in self.answers.get("measure_units") or ()), key=len)
        self.units = (
            # not a rate's own unit: "how many hours a week" asks the hours worked in a week
            re.compile(
                r"(?<!hours )(?<!days )(?<!times )(?<!nights )(?<!shifts )\b(?:"
                + "|".join(re.escape(u) for u in reversed(units))
                + r")\b",
                re.I,
            )
            if units
            else None
        )
        self.frames = (
            re.compile(r"\b(?:" + "|".join(re.escape(f) for f in reversed(frames)) + r")\b", re.I)
            if frames
            else None
        )
        self.people: dict[str, Person] = dict(self.facts.people)
        self.member_person: dict[str, str] = {}
        for pid, person in self.people.items():
            if person.member:
                self.member_person[person.member] = pid
        for member in members:  # a member without a person entry is still themselves
            self.member_person.setdefault(member.id, member.id)
        # In a family scene a fact said by everyone is written in one voice: Ryan never says
        # "Me, Ryan and the kids" (scenarios/facts.py, SceneVoices).
        self.voices = SceneVoices(self.facts, [(m.id, m.name) for m in members])
        self.member_names = {m.id: m.name for m in members}
        self.alias: dict[str, str] = {}
        for pid, person in self.people.items():
            # a first name, not "the", "my", nor a possessor: "Kai's dad" is not called Kai's
            first = [
                w for w in person.name.split()[:1] if w[:1].isupper() and not _POSSESSOR.search(w)
            ]
            for word in (pid, person.name, *first, *person.aliases):
                self.alias.setdefault(word.lower(), pid)
            first = (person.relation or "").split()[:1]
            if first:
                self.alias.setdefault(first[0].lower(), pid)
                for word in _RELATION_WORDS.get(first[0].lower(), ()):  # "your little boy"
                    self.alias.setdefault(word, pid)
        # "Kai's dad" is "Kai's father" too: a possessor with each word for the relation
        for alias, pid in list(self.alias.items()):
            head, _, last = alias.rpartition(" ")
            if not head:
                continue
            for relation, others in _RELATION_WORDS.items():
                group = (relation, *others)
                if last in group:
                    for word in group:
                        self.alias.setdefault(f"{head} {word}", pid)
        # Names are said in questions without pointing at a fact ("What are Mia's mornings like?").
        # (not a professional's: "the health visitor" or "the solicitor" can be a fact's topic)
        roles = {pid for pid, p in self.people.items() if (p.relation or "").startswith("prof")}
        self.names = frozenset(
            m for word, pid in self.alias.items() if pid not in roles for m in self._meanings(word)
        )
        self.keyword_meanings: dict[str, frozenset[str]] = {}
        self.answer_meanings: dict[str, frozenset[str]] = {}
        for fact in self.facts.items:
            keys: set[str] = set()
            for word in fact.keywords:
                keys.update(self._meanings(word))
            self.keyword_meanings[fact.id] = frozenset(keys - self.names)  # names: the person
            said = " ".join(said_texts(fact))
            self.answer_meanings[fact.id] = frozenset(self._meanings(said))
        forms = self.answers.get("form_words") or {}
        self.form_word_sets = {str(f): frozenset(str(w) for w in ws) for f, ws in forms.items()}
        self.form_facts: dict[str, frozenset[str]] = {
            str(form): frozenset(
                fact.id
                for fact in self.facts.items
                if _words(" ".join(said_texts(fact))) & {str(w) for w in words}
            )
            for form, words in forms.items()
        }
        # "Who gets up with Noah?" is answered by a fact that names someone ("Jade does the
        # night feeds"): a name is the form a who-question asks for, as "mum" or "nobody" is.
        first_names = {
            w.lower()
            for p in self.people.values()
            for w in p.name.split()[:1]
            if w[:1].isupper() and not _POSSESSOR.search(w)
        }
        self.form_facts["who"] = self.form_facts.get("who", frozenset()) | frozenset(
            fact.id for fact in self.facts.items if _words(" ".join(said_texts(fact))) & first_names
        )
        # Subjects that are themselves about who does something for the member: "Who can
        # you lean on?" is answered by the support fact whatever verb the question uses.
        self.who_subjects = frozenset(str(w) for w in self.answers.get("who_subjects") or ())
        # "What's your son's teacher called?": the name of someone outside the family, by
        # the role they have (role_words), never the name of the person before the "'s"
        roles = sorted((str(w) for w in self.answers.get("role_words") or ()), key=len)
        self.role_name = (
            re.compile(
                r"\b(" + "|".join(re.escape(r) for r in reversed(roles)) + r")(?:'s|s')?\s+"
                r"(?:(?:is|are)\s+)?(?:called|name|names)\b",
                re.IGNORECASE,
            )
            if roles
            else None
        )
        cues = self.answers.get("field_cues") or {}
        self.field_cues: dict[str, frozenset[str]] = {
            str(about): frozenset(m for w in words for m in self._meanings(str(w)))
            for about, words in cues.items()
        }

    def first_names(self) -> list[str]:
        """The people's and members' first names and one-word aliases, as written ("Noah",
        never a relation: "the kids" is no one's possessive)."""
        said = [
            word
            for person in self.people.values()
            for word in (*person.name.split()[:1], *person.aliases)
            if word[:1].isupper() and " " not in word and not _POSSESSOR.search(word)
        ]
        return [*said, *(n.split()[0] for n in self.member_names.values() if n)]

    @staticmethod
    def _any_word(words: list[str]) -> re.Pattern[str] | None:
        """One of ``words`` said as a word (an entry like "'d" as a clitic: "you'd")."""
        if not words:
            return None
        bare = [re.escape(w) for w in words if not w.startswith("'")]
        clitics = [re.escape(w) for w in words if w.startswith("'")]  # "you'd", "she'd"
        alternatives = [rf"\b(?:{'|'.join(bare)})\b"] if bare else []
        alternatives += [rf"(?:{'|'.join(clitics)})\b"] if clitics else []
        return re.compile("|".join(alternatives), re.IGNORECASE)

    def _asked(self, text: str) -> set[str]:
        """What a question names, without who it is about or when ('these days')."""
        topic = self.frames.sub(" ", text) if self.frames is not None else text
        if self.units is not None and _MEASURE.search(topic):
            topic = self.units.sub(" ", topic)  # "how much … in a week": the unit, not a topic
        if self.ability is not None and not _HOW.search(topic) and not _YOU_ASKED.search(topic):
            topic = self.ability.sub(" ", topic)
        found = self._meanings(topic) - self.names
        if "up" in found and not _RISING.search(topic):
            found.discard("up")  # "pick them up", "bring up": a particle, not getting up
        return found

    def _meanings(self, text: str) -> set[str]:
        """The content meanings of ``text``, with the kept words ('day', 'say') as words and
        numbers as words ('15' is 'fifteen')."""
        found = set(content_meanings(number_words(text)))
        for word in _words(text):
            single = word[:-1] if word.endswith("s") and word[:-1] in self.kept else word
            if single in self.kept:
                found.add(single)
        return found

    # -- who a line is about -------------------------------------------------------------

    def person_in(self, text: str, named: str | None, member: str) -> tuple[str | None, bool]:
        """The person a line is about (and whether it names them): a name or alias in the
        text (the longest; "your mum" said to Ryan is Ryan's mum, never Ryan's partner who
        is the children's mum), else the one the coder named, else the member themselves when
        it says 'you'."""
        lowered = text.lower().replace("\u2019", "'")
        own = self.member_person.get(member)
        whole, places = self._mentions(lowered, own)
        if whole:
            first = whole[0]
            # "Is the children's dad in touch?" asked of the dad is asked of him: "you".
            return first[2], first[2] != own
        owners = {o.lower() for o in _PLACE_OWNER.findall(lowered)}
        if named and (self.alias.get(named.lower()) in places or named.lower() in owners):
            named = None  # the coder's person is the home named ("at your mum's")
        if named and self.alias.get(named.lower()) not in (None, own):
            return self.alias[named.lower()], True
        if named and named.lower() in _RELATIONS and not _GROUP & {named.lower()}:
            return None, True  # "your cousin": someone they have not told us about, not "you"
        words = _words(text)
        if words & _GROUP or words & _SEVERAL:
            return None, True  # "How old are your kids?" is about the children, not "you"
        if words & {"you", "your", "you're", "you've", "yourself"}:
            return own, False
        return None, False

    def asks_about_someone(self, text: str, member: str) -> bool:
        """A yes/no question typed fast, names in lower case and no '?' ("is leah at school
        today", "kerry does mia have breakfast"): after lead-ins and a name calling them, an
        auxiliary then someone of this family by name or alias."""
        words = _WORD.findall(text.lower().replace("\u2019", "'"))
        own = self.member_person.get(member)
        i = 0
        while i < len(words) and words[i] in _PEOPLE_WORDS["lead_ins"]:
            i += 1
        if i < len(words) and self.alias.get(words[i]) == own:
            i += 1  # "kerry does mia…": her name calls her
        if i + 1 >= len(words) or words[i] not in _PEOPLE_WORDS["auxiliaries"]:
            return False
        rest = " ".join(words[i + 1 :])
        return any(
            pid != own and re.match(rf"{re.escape(alias)}(?:'s)?\b", rest)
            for alias, pid in self.alias.items()
        )

    def names_only_someone(self, text: str, member: str) -> bool:
        """A fragment that only names someone else of the family ("and Alfie?", "ruby ok?"):
        after the lead-ins, one person's name or alias and at most ``person_fragment_words``."""
        lowered = text.lower().replace("\u2019", "'")
        own = self.member_person.get(member)
        whole, _ = self._mentions(lowered, own)
        people = {m[2] for m in whole}
        if len(people) != 1 or own in people:
            return False
        keep = list(lowered)
        for start, end, _person in whole:
            keep[start:end] = " " * (end - start)
        allowed = _PEOPLE_WORDS["lead_ins"] | self._fragment_words
        return all(w in allowed for w in _WORD.findall("".join(keep)))

    def people_in(self, text: str, member: str) -> list[str]:
        """Everyone a line names, in the order said ("How old are Mia and Tyler?")."""
        lowered = text.lower().replace("\u2019", "'")
        whole, _ = self._mentions(lowered, self.member_person.get(member))
        return list(dict.fromkeys(m[2] for m in whole))

    def _mentions(
        self, lowered: str, own: str | None
    ) -> tuple[list[tuple[int, int, str]], set[str]]:
        """The people named (start, end, person), first said first, and those named only as
        a home ("at your mum's")."""
        variants = [lowered]
        me = self.people.get(own or "")
        if me is not None and "your " in lowered:
            possessive = {"she": "her", "he": "his"}.get(me.pronoun, "their")
            variants.append(lowered.replace("your ", f"{me.name.lower()}'s "))
            variants.append(lowered.replace("your ", f"{possessive} "))
        mentions: list[tuple[int, int, str]] = []  # (start, end, person)
        places: set[str] = set()  # people named only as a home ("at your mum's")
        for alias, pid in self.alias.items():
            for said in variants:
                for match in re.finditer(rf"(?<![\w']){re.escape(alias)}(?=$|[^\w']|'s\b)", said):
                    if pid == own and said[: match.start()].endswith(("your ", "my ")):
                        continue  # "your mum" asked of the mum is someone else
                    if pid == own and (
                        not said[: match.start()].strip(" @,")
                        or _VOCATIVE_END.match(said, match.end())
                    ):
                        continue  # calling them by name: "donna how old's leah", "Hi Kerry, …"
                    if pid == own and said.startswith("'s", match.end()):
                        continue  # "your two" read as "Kerry's two": about hers, not her
                    before = said[max(0, match.start() - _NEAR) : match.start()]
                    if said.startswith("'s", match.end()) and _PLACE_OF.search(before):
                        places.add(pid)
                        continue  # "you're at your mum's": where you stay, not about her
                    if pid != own and _WITH_YOU.search(before):
                        places.add(pid)
                        continue  # "you're back at the house with Shannon?": about you
                    mentions.append((match.start(), match.end(), pid))
                    break
        # Of mentions inside one another the longest ("ryan's mum", not "ryan"); of separate
        # ones the first, the question's subject ("What's Ellie like with the baby?": Ellie).
        whole = [
            m
            for m in mentions
            if not any(
                o[0] <= m[0] and m[1] <= o[1] and o[1] - o[0] > m[1] - m[0] for o in mentions
            )
        ]
        return sorted(whole, key=lambda m: (m[0], -(m[1] - m[0]), m[2])), places

    # -- finding the fact ----------------------------------------------------------------

    def _score(
        self,
        fact: Fact,
        subject: str | None,
        asked: set[str],
        person: str | None,
        named: bool,
        member: str,
    ) -> tuple[float, int]:
        """How well ``fact`` answers: (score, how many of its keywords were said)."""
        score = 3.0 if subject is not None and subject in fact.about else 0.0
        keys = asked & self.keyword_meanings[fact.id]
        said = len(keys)
        score += 2.0 * said
        echoed = (asked & self.answer_meanings[fact.id]) - keys
        score += min(3.0, 1.0 * len(echoed))
        if said and subject in FORM_SUBJECTS and subject not in fact.about:
            score += 1.0  # "How much sleep…": the subject is the form, the keyword the topic
        elif (said or echoed) and fact.id in self.form_facts.get(subject or "", ()):
            score += 1.0  # "What time do you start work?": the work fact that names a time
        core = asked - self.kept  # 'today', 'say': they point at a fact, never away from one
        if said and core and core <= keys | echoed:
            score += 1.0  # everything the question names points here ("What are mornings like?")
        if person is not None and named and not fact.people:
            score -= 1.0  # "When did their mum leave?": a fact about her beats a general one
        if person is not None and fact.people:
            if person in fact.people:
                score += 2.0 if named else 0.5
            elif named:
                score -= 2.0
            elif self.member_person.get(member) not in fact.people and not self._plain_fact_on(
                fact, subject
            ):
                # "you" asked, the fact is about someone else (not "Who helps you?": the
                # support fact names the helper)
                score -= 1.5
        return score, said

    def find(
        self,
        subject: str | None,
        person: str | None,
        text: str,
        member: str,
        named: bool = True,
        strong: bool = False,
    ) -> Fact | None:
        """The fact that answers best (``strong``: only when the question names its words)."""
        found = self._best(subject, person, text, member, named, strong)
        return found[1] if found else None

    def _best(self, subject, person, text, member, named, strong, voiced=True):  # type: ignore[no-untyped-def]
        """(score, fact) of the best fact (``voiced``: only one ``member`` can say a reply of)."""
        asked = self._asked(text)  # who it is about is the person
        if subject in ("name", "age"):
            asked -= self.field_cues.get(subject, frozenset())  # "called", "old": the form
        # A place or a service named with a capital ("at Oakfield", "the Lighthouse") points
        # at the fact that names it more than a common word does.
        proper = {m for w in _PROPER.findall(text) for m in self._meanings(w.lower())} - self.names
        children = (
            {pid for pid, p in self.people.items() if p.is_child}
            if (person is None or not named) and _words(text) & (_GROUP | _THEY)
            else set()
        )
        best: tuple[float, ...] | None = None
        chosen: Fact | None = None
        progress = _PROGRESS.search(text) is not None
        # "Who picks the kids up?" asks who does it, whatever subject the intent read
        # (a routine, the school run): the fact must say the doing
        who_asked = subject == "who" or (
            subject is not None
            and _WHO_DOES.search(text.lower().replace("\u2019", "'")) is not None
        )
        for index, fact in enumerate(self.facts.items):
            if fact.by and member not in fact.by:
                continue
            if voiced and not self._voiced(fact, member, said_texts(fact)):
                continue  # every reply names them or is another member's "I": not theirs to say
            if fact.risk and subject not in fact.about:
                continue  # a risk fact answers a risk question, not a keyword
            score, said = self._score(fact, subject, asked, person, named, member)
            echoed = asked & self.answer_meanings[fact.id]
            if fact.risk and not said and not echoed:
                continue  # "What's your take on the weigh-ins?" is a view, not about their safety
            if strong and not said and not echoed:
                continue  # a yes/no question names its words ("Is Mia at Oakfield too?")
            for_children = bool(children) and bool(fact.people) and set(fact.people) <= children
            about_them = (
                (named and person in fact.people)
                or for_children
                or (person is not None and list(fact.people) == [person])  # only about "you"
            )
            if subject in FORM_SUBJECTS and not said and not echoed and not about_them:
                continue  # "When did you last go on holiday?": a time, but of nothing known
            where_only = bool(fact.about) and set(fact.about) <= FORM_SUBJECTS - {"who"}
            doing = self._does_it(fact, text) if who_asked else 0
            if who_asked and not doing and self._plain_fact_on(fact, subject):
                doing = 1  # "Who's got your back?": the support fact says who, in any verb
            if who_asked and (where_only or _all_places(fact) or not doing):
                continue  # "Who picks the kids up?" is someone who picks them up, not "At school"
            score += 2.0 if doing == 2 else 0.0  # the fact that says the very doing
            score += 2.0 if proper & (echoed | self.keyword_meanings[fact.id]) else 0.0
            if subject == "where" and "where" in fact.about and _NOW.search(text):
                score += 1.5  # "Where's Amber this morning?": where she is now, not her mornings
            if subject == "where" and named and person in self.people and person in fact.people:
                lives = self._meanings(self.people[person].lives or "") - self.names
                # "Where's their mum these days?": the fact that says where she lives
                score += min(1.0, 0.5 * len(lives & self.answer_meanings[fact.id]))
            if for_children:
                score += 1.5  # "What time do the kids get up?": a fact about the children
            if progress and "which" in fact.keywords:
                score -= 1.5  # "How is he getting on at school?" asks how, not which school
            if score < MIN_SCORE:
                continue
            # a tie goes to the fact the question's words name, then to the one about only the
            # person named (Amber's sleep, not the children's routine), then the more specific
            named_words = -min(1, said + len(echoed))
            only = -(named and person is not None and list(fact.people) == [person])
            key = (-score, -(subject in fact.about), named_words, only, len(fact.about), index)
            if best is None or key < best:
                best, chosen = key, fact
        return (-best[0], chosen) if best is not None and chosen is not None else None

    def _plain_fact_on(self, fact: Fact, subject: str | None) -> bool:
        """The fact on one of the ``who_subjects`` and nothing else (their support, not a
        relative's contact that also touches on it): it names who helps them."""
        return subject in self.who_subjects and list(fact.about) == [subject]

    def _does_it(self, fact: Fact, text: str) -> int:
        """How well the fact says the doing a "who does X" question asks about: 2 in its own
        words ("Who feeds Noah?": "I do the night feeds"), 1 in the same meaning or by its
        topic, 0 not at all; "who is/was…" asks nothing done (1)."""
        match = _WHO_DOES.search(text.lower().replace("\u2019", "'"))
        if match is None:
            return 1
        verb = match.group(1)
        stem = verb[: max(3, min(len(verb) - 1, 4))]
        said = " ".join(said_texts(fact)).lower()
        if re.search(rf"\b{re.escape(stem)}", said):
            return 2
        # or in other words of the same meaning, or one of its keywords ("referred": referral),
        # or the question names the fact's own topic ("Who's coming to the conference?")
        meant = self.keyword_meanings[fact.id] | self.answer_meanings[fact.id]
        return int(
            bool(self._meanings(verb) & meant)
            or bool(self._asked(text) & self.keyword_meanings[fact.id] - self._meanings("school"))
        )

    def _field(self, subject, person, text, member, named):  # type: ignore[no-untyped-def]
        """The best field of the person asked about (``facts.people``): (score, field)."""
        if person is None or person not in self.people:
            return None
        who = self.people[person]
        asked = self._asked(text)
        best: tuple[float, str] | None = None
        own = self.member_person.get(member) == person
        for about, field in PERSON_SUBJECTS.items():
            value = who.name if about == "name" else getattr(who, field, None)
            if not value or (own and about in ("wellbeing", "name", "who")):
                continue  # how they are themselves is in their own lines, not a field
            if about == "who" and not _WHO_IS.search(text):
                continue  # "Who feeds Noah at night?": who does it, not who Noah is
            if subject == "who" and about not in ("who", "name"):
                continue  # "Who picks Leah up from school?" is a person, never her school
            if subject == "when" and about == "where" and _WHEN.search(text):
                # "When did you and Gary stop speaking?" is a time, not where he lives ("How
                # long have you lived here?" is answered by it: "Forty years in this house")
                continue
            score = 4.0 if subject == about else 0.0  # their own entry, exactly what was asked
            lives_cue = asked & self.field_cues.get("where", frozenset())
            if (
                about == "where"
                and not lives_cue
                and (_NOW.search(text) or not _WHERE_IS.search(text) or who.is_child)
            ):
                # "Where was Kai found?", "Where do you go?", "Where is Mia right now?": not
                # where they live; nor "Where's Jayden?" on a school day (a child is
                # somewhere now: the facts say where)
                score = 0.0
            score += 2.0 * len(asked & self.field_cues.get(about, frozenset()))
            if about == "age" and _AGE_CLAIM.search(number_words(text).replace("\u2019", "'")):
                score += 2.0  # "Alfie's two now?": a number said of someone is their age
            score += min(3.0, 1.5 * len(asked & (self._meanings(value) - self.names)))
            score += 1.5 if named else 0.0  # "Has Michelle got a flat?": her own entry says so
            if about == "where":
                # "you're at your mum's?": the home named by its owner is where they stay
                owners = {o.lower() for o in _PLACE_OWNER.findall(text.replace("\u2019", "'"))}
                homes = {w.removesuffix("'s") for w in _words(value)}
                if owners & homes:
                    score += 3.5
                elif owners and not _words(text) & _PAST:
                    score += 3.5  # "you're at Shannon's now?": where they stay says otherwise
            if score >= MIN_SCORE and (best is None or score > best[0]):
                best = (score, about)
        return best

    def state_of(self, values: dict[str, float]) -> str:
        if values["discord"] >= float(self.answers.get("deflect_from_discord", 0.55)):
            return DEFLECT
        if values["rapport"] < float(self.answers.get("guarded_below_rapport", 0.4)):
            return GUARDED
        return OPEN

    def answers_subject(
        self, subject: str | None, text: str, named: str | None, member: str
    ) -> bool:
        """A fact, or a field of the person asked about, answers ``subject`` for this text."""
        person, explicit = self.person_in(text, named, member)
        if self._best(subject, person, text, member, explicit, True, voiced=False) is not None:
            return True
        return self._field(subject, person, text, member, explicit) is not None

    def about_other(self, text: str, named: str | None, member: str) -> bool:
        """A view question about someone else in the family ("What's Jayden like?") that
        what is known of them answers; not a hypothetical ("What would Mia say?"), which
        asks the member's own view."""
        person, explicit = self.person_in(text, named, member)
        if not explicit or person is None or person == self.member_person.get(member):
            return False
        if self.hypothetical is not None and self.hypothetical.search(text):
            return False
        if self._best("wellbeing", person, text, member, True, False) is not None:
            return True
        return self._field("wellbeing", person, text, member, True) is not None

    def is_request(self, text: str) -> bool:
        """An offer's words said as asking for it ("Could I have a tea?", "I'd love a
        brew"): the worker asks the member's hospitality, not offers their own."""
        if self.request is None:
            return False
        for match in self.request.finditer(text):
            following = _WORD.findall(text[match.end() :].lower())[:1]
            if not set(following) & _OFFERED_TO:
                return True  # "Can I get a glass of water?"; not "Can I get you one?"
        return False

    def names_fact(self, text: str, named: str | None, member: str) -> bool:
        """A view or story question whose words name one fact ("Talk me through the
        weigh-ins"): it scores well and the question says one of its keywords."""
        hope = self.hypothetical is not None and self.hypothetical.search(text) is not None
        person, explicit = self._view_person(text, named, member)
        found = self._best(None, person, text, member, explicit, True)
        if found is None or found[0] < float(self.answers.get("view_min_score", 3.0)):
            return False
        if hope and "view" not in found[1].about:
            # "What would you like things to look like?": a hope, not a fact; unless the fact
            # is itself their hope or view ("What would you want to do after school?": Kai's
            # wish to do mechanics)
            return False
        return bool(self._asked(text) & self.keyword_meanings[found[1].id])

    def _view_person(self, text: str, named: str | None, member: str) -> tuple[str | None, bool]:
        """Who a view question is about: someone it names; "your take on the weigh-ins" is
        their view of Noah's weigh-ins, not a question about them."""
        person, explicit = self.person_in(text, named, member)
        return (person, explicit) if explicit else (None, False)

    def checks_fact(self, text: str, named: str | None, member: str, most_words: int) -> bool:
        """A short statement checked with a tag ("you're at your mum's for now — have I got
        that right?") whose words point at a fact: it asks for the fact, it is not a
        reflection to judge."""
        claim = checked_claim(text)
        if not claim or len(claim.split()) > most_words:
            return False
        return self.answerable(claim, named, member)

    def confirmed(
        self, question: str, reply: str, fact_id: str | None, mood: str, pick: Any, member: str
    ) -> str:
        """A yes/no question or a check answered by a fact that says everything it claims gets
        its yes first ("Kai's fifteen, isn't he?" -> "Yeah. He's 15."). Never a no: where the
        fact says otherwise, or says it no longer holds, the fact itself is the answer."""
        confirm = self.answers.get("confirm") or {}
        options = list(confirm.get(mood) or ())
        if not options or fact_id is None or _WH_QUESTION.match(question):
            return reply
        if _OPENS_YES_NO.match(reply):
            return reply  # the fact says its own yes or no
        claim = checked_claim(question)
        if _ANY_WH.search(claim):
            return reply  # "so what time are they in bed": a wh-question wants no yes
        undoing = self._any_word([str(w) for w in confirm.get("unless") or ()])
        if _OR_QUESTION.search(claim) or (
            undoing is not None and (undoing.search(claim) or undoing.search(reply))
        ):
            return reply  # "…or at school?", "…not…", "She stopped them": no plain yes
        claimed = self._asked(claim) - self.kept
        homes = {o.lower() for o in _PLACE_OWNER.findall(claim.replace("\u2019", "'"))}
        if homes and homes <= {w.removesuffix("'s") for w in _words(reply)}:
            claimed |= {"@home"}  # "you're at your mum's?" -> "At my mum's…": the home said
        if not claimed:
            return reply
        if not claimed <= self._meanings(reply) | {"@home"}:
            return reply
        own = self.member_person.get(member)
        fact = next((f for f in self.facts.items if f.id == fact_id), None)
        about = set(fact.people) if fact is not None else {fact_id.partition(":")[0]}
        if _words(claim) & _YOU and about and own not in about:
            return reply  # "you and Shannon at the house?" -> "At the house": hers, not his
        if _numbers(reply) - _numbers(claim) and _numbers(claim):
            return reply  # "Alfie's two?" -> "Two. Lily's four, Alfie's eighteen months": no yes
        # and in the reply's own words, not only a word of the same meaning ("night" is not
        # "sleeps"): each content word of the claim starts as a word of the reply does
        said = [w for w in _words(number_words(reply)) if len(w) >= 3]
        for word in _words(number_words(claim)):
            if not self._meanings(word) - self.names - self.kept:
                continue  # a function word, a name, a frame
            stem = word[: max(3, min(len(word), 4))]
            if not any(w.startswith(stem) or word.startswith(w[:4]) for w in said):
                return reply
        return f"{pick(options)} {reply}"

    @staticmethod
    def in_form(question: str, reply: str) -> str:
        """A wh-question never gets a yes or a no: "Where's their mum?" -> "She left…"."""
        if not _WH_QUESTION.match(question):
            return reply
        bare = _YES_NO.sub("", reply, count=1)
        return _capital(bare) if bare.strip() else reply

    @staticmethod
    def has_tag(text: str) -> bool:
        """A statement with a question tag, typed with or without its '?' ("he's seven now
        isn't he", "you work nights, don't you")."""
        end = text.strip()[-_CHECK_SPAN:]
        return bool(_BARE_TAG.match(end) or _AUX_TAG.search(end))

    def checks_household(self, text: str, member: str) -> bool:
        """A check that lists who is at home ("so it's just you and the two girls, is that
        right?", "it's you, your mum and Leah here?"): "you" and someone else joined by
        "and", said as who is there, asks who lives with them."""
        claim = checked_claim(text).lower().replace("\u2019", "'")
        words = _words(claim)
        if not words & {"you", "me", "yourself"} or "and" not in words:
            return False
        listed = bool(self.people_in(claim, member)) or bool(words & (_GROUP | _SEVERAL))
        return listed and bool(_HOUSEHOLD_CLAIM.search(claim) or words & _AT_HOME)

    def answerable(self, text: str, named: str | None, member: str) -> bool:
        """A question with no asking intent that still names a fact ('Does Lily go to
        nursery?', 'What are your weekends like?'): its words point at one."""
        person, explicit = self.person_in(text, named, member)
        subject = "who" if _ANYONE_DOING.search(text) else None  # "is anyone coming with you?"
        if self._best(subject, person, text, member, explicit, True, voiced=False) is not None:
            return True
        field = self._field(None, person, text, member, explicit)
        # "Do you live near the office?": their own entry, when its cue words are said
        return field is not None and (explicit or field[0] >= _OWN_FIELD_SCORE)

    def answer(
        self,
        kind: str,
        subject: str | None,
        named: str | None,
        text: str,
        member: str,
        values: dict[str, float],
        told: dict[str, int],
        pick: Any,
    ) -> Answer:
        """The reply to a fact question; ``told`` (fact id -> times given) is updated."""
        mood = self.state_of(values)
        person, explicit = (
            self._view_person(text, named, member)
            if kind == VIEW_OF_FACT
            else self.person_in(text, named, member)
        )
        # "What's the health visitor's name?" asks a name, whatever topic the role's words
        # read as (health): the role's holder is named, never their service's news
        role = self._role_asked(text) if kind == "ask_fact" else None
        if role is not None:
            return self._role_named(role, member, mood, pick)
        if self._stranger(named, person) and (
            kind == "ask_about_member" or subject in PERSON_SUBJECTS
        ):
            # "How old is Lily?" in a family with no Lily: who's that?
            title = str(named).title()
            options = (self.answers.get("stranger") or {}).get(mood) or ["Who's {Name}?"]
            return Answer(str(pick(list(options))).format(Name=title), None)
        if kind == "ask_fact" and subject in (None, "where") and self._school_claim(text, person):
            subject = "school"  # "Mia's at St Mary's, isn't she?": her school confirms or corrects
        if kind == "ask_fact" and subject in _EACH_SUBJECTS:
            each = self._each(subject, text, member, mood, told, pick)
            if each is not None:
                return each
        about = subject
        if kind == "ask_about_member":
            about = ABOUT_MEMBER.get(subject or "", "wellbeing")
        if kind == "ask_event":
            about = "event"
        if kind not in ("ask_fact", "ask_event", "ask_about_member", "ask_risk"):
            about = None  # a yes/no question answered by the fact its words name
        if about is None and kind != "ask_risk" and _ANYONE_DOING.search(text):
            about = "who"  # "…if anyone might be coming with you?": who is
        found = self._best(about, person, text, member, explicit, False)
        if kind == "ask_risk":
            risk = self.risk_fact(subject, member)  # "Do you hit the children?": their denial
            found = (MIN_SCORE, risk) if risk is not None else None
        field = self._field(about, person, text, member, explicit)
        # "How old is Mia?" is about Mia: her own entry, unless a fact answers it better;
        # "How is Amber sleeping?" names a thing a fact about her says (her sleep), which
        # her general entry (how she is) does not.
        if (
            field is not None
            and (found is None or field[0] >= found[0])
            and not (found and self._names_more(found[1], field[1], person, text))
            and not (found and self._progress_of(found[1], field[1], text))
        ):
            who_is = field[1]
            if who_is == "who" and not _names_person(text, self.people[person].name):
                who_is = "name"  # "Who's the youngest?": Maisie, not "my daughter"
            derived = self._person_fact(who_is, person, member)
            if derived is not None:
                key, short, replies = derived
                return self._said(key, short, replies, mood, told, pick, ())
        fact = found[1] if found else None
        if fact is None:
            group: list[str] = []
            if about == "household":
                group = list(self.facts.household)
            elif about == "name" and person is None and _plain(_words(text)) & (_GROUP | _THEY):
                group = [p for p, who in self.people.items() if who.is_child]  # "their names?"
            own = self.member_person.get(member)
            if own in group and self.voices.several:
                group = [own, *(p for p in group if p != own)]  # "Me, Jade and the kids"
            names = [
                "Me" if p == own and self.voices.several else self.people[p].name
                for p in group
                if p in self.people
            ]
            if names:
                listing = (
                    ", ".join(names[:-1]) + f" and {names[-1]}"
                    if len(names) > 1
                    else "".join(names)
                )
                replies = {OPEN: [f"{listing}."], GUARDED: [f"{listing}. Why?"]}
                return self._said(str(about), listing, replies, mood, told, pick, ())
            deferred = self._deferral(about, person, text, member, explicit, mood, pick)
            if deferred is not None:
                return deferred
            return Answer(self._unknown(about, mood, pick), None)
        plain = self._voiced(fact, member, [fact.answer, *(fact.guarded or ()), *(fact.open or ())])
        plain = plain or self._voiced(fact, member, list(fact.deflect or ()))
        if not plain:  # a chosen fact has a reply they can say: here, only its short form
            short_said = _capital((fact.short or fact.answer).rstrip(" ."))
            plain = [short_said + "."]
        replies = {
            OPEN: self._voiced(fact, member, self._saying(fact, fact.open, text)) or plain,
            GUARDED: self._voiced(fact, member, self._saying(fact, fact.guarded, text)) or plain,
            DEFLECT: self._voiced(fact, member, list(fact.deflect or ())),
        }
        form = "how_often" if _HOW_OFTEN.search(text) else "when" if about == "when" else None
        if form is not None:
            # "How often does Amber see her mum?" wants a frequency, "When did you and Gary
            # fall out?" a time: a mood's replies that leave it out give way to the fact's
            # reply that says it ("every other week", "two years ago")
            said = self.form_word_sets.get(form, frozenset())
            with_it = [r for r in plain if _words(r) & said]
            for mood_key in (OPEN, GUARDED):
                if with_it and not any(_words(r) & said for r in replies[mood_key]):
                    replies[mood_key] = with_it[:1]
        if about == "when" and fact.day:
            # "How long ago did the police come?": the day first, if the reply leaves it out
            day = fact.day.rstrip(".")
            for mood_key in (OPEN, GUARDED):
                replies[mood_key] = [
                    r if day.lower() in r.lower() else f"{_capital(day)}. {r}"
                    for r in replies[mood_key]
                ]
        short = fact.short or fact.answer
        if not self._voiced(fact, member, [short]):
            short = plain[0]  # "I told you, Ryan does it" is not Ryan's to say
        return self._said(fact.id, short, replies, mood, told, pick, tuple(fact.topics))

    def _school_claim(self, text: str, person: str | None) -> bool:
        """A child of the family said to be at a school, not where they are today."""
        who = self.people.get(person or "")
        if who is None or not who.is_child or not who.school or _TODAY.search(text):
            return False
        match = _SCHOOL_CLAIM.search(text.replace("\u2019", "'"))
        if match is None:
            return False
        place = match.group(2)
        return place is None or place.lower() not in self.alias  # "at Sarah's" is a person's

    def _role_asked(self, text: str) -> str | None:
        """The role whose holder's name is asked ("the health visitor", "teacher"), if any."""
        if self.role_name is None:
            return None
        match = self.role_name.search(text.replace("\u2019", "'"))
        return match.group(1).lower() if match else None

    def _role_named(self, role: str, member: str, mood: str, pick: Any) -> Answer:
        """Their name when the facts hold a person of that role with a proper name; else
        an honest "I can't remember her name" about that role (``answers.role_unknown``)."""
        for pid, who in self.people.items():
            words = {a.lower() for a in (who.name, *who.aliases)}
            if (role in words or f"the {role}" in words) and _proper_name(who.name):
                derived = self._person_fact("name", pid, member)
                if derived is not None:
                    key, short, replies = derived
                    return self._said(key, short, replies, mood, {}, pick, ())
        options = (self.answers.get("role_unknown") or {}).get(mood) or ["I don't know."]
        return Answer(str(pick(list(options))).format(role=role), None)

    def _each(self, subject, text, member, mood, told, pick) -> Answer | None:  # type: ignore[no-untyped-def]
        """A question about two or more people named ("How old are Mia and Tyler?", "Which
        schools are Jayden and Amber at?") answers for each of them, from their entries."""
        people = [p for p in self.people_in(text, member) if p in self.people]
        if len(people) < 2 or not _words(text) & _JOINING:
            return None
        keys, said, deflect = [], [], []
        for person in people:
            derived = self._person_fact(subject, person, member)
            if derived is None or not derived[2].get(OPEN):
                return None  # someone's entry does not say it: the facts answer as usual
            keys.append(derived[0])
            said.append(derived[2][OPEN][0])
            deflect += derived[2].get(DEFLECT) or []
        joined = re.sub(
            r"'s (In|At|On|With|The) ", lambda m: f"'s {m.group(1).lower()} ", " ".join(said)
        )
        replies = {OPEN: [joined], GUARDED: [joined], DEFLECT: deflect[:1]}
        short = joined[:1].lower() + joined[1:] if not joined[:2].isupper() else joined
        return self._said("+".join(keys), short.rstrip("."), replies, mood, told, pick, ())

    def _voiced(self, fact: Fact, member: str, texts: Sequence[str]) -> list[str]:
        """The replies of ``texts`` that ``member`` can say in their own voice."""
        return [t for t in texts if t and self.voices.fits(t, fact, member)]

    def _deferral(self, about, person, text, member, named, mood, pick) -> Answer | None:  # type: ignore[no-untyped-def]
        """A fact only another member can say, left to them: "Ask Jade." (else None)."""
        if not self.voices.several:
            return None
        found = self._best(about, person, text, member, named, False, voiced=False)
        owner = self.voices.owner(found[1]) if found else None
        if owner is None or owner == member or owner not in self.member_names:
            return None
        options = (self.answers.get("defer") or {}).get(mood) or ["Ask {Name}."]
        return Answer(str(pick(list(options))).format(Name=self.member_names[owner]), None)

    def _names_more(self, fact: Fact, about: str, person: str | None, text: str) -> bool:
        """``fact`` is about ``person`` and says more of what the question names than their
        general entry, how they are ('sleeping' is in the fact of Amber's nights, not in how
        she is)."""
        if about != "wellbeing" or person is None or person not in fact.people:
            return False  # only how someone is in general gives way; their age or school not
        asked = self._asked(text) - self.field_cues.get(about, frozenset())
        in_fact = asked & (self.keyword_meanings[fact.id] | self.answer_meanings[fact.id])
        who = self.people[person]
        value = who.name if about == "name" else getattr(who, PERSON_SUBJECTS[about], None)
        in_entry = asked & self._meanings(str(value or ""))
        return len(in_fact) > len(in_entry)

    @staticmethod
    def _progress_of(fact: Fact, about: str, text: str) -> bool:
        """Asked how someone is getting on at school ("How's Amber settling in?"), a fact on
        their school that is not which school it is says more than their entry (its name)."""
        return (
            about == "school"
            and about in fact.about
            and "which" not in fact.keywords
            and _PROGRESS.search(text) is not None
        )

    def _saying(self, fact: Fact, options: list[str] | None, text: str) -> list[str]:
        """The replies of a mood, unless every one is about another part of the fact:
        "How's his reading?" is not answered by the line about his dinosaurs (it names
        another of the fact's keywords, and not reading), but by the plain answer that
        names reading."""
        options = list(options or [fact.answer])
        keys = self.keyword_meanings[fact.id]
        named = self._asked(text) & keys
        if not named:
            return options

        def elsewhere(reply: str) -> bool:
            said = self._meanings(reply) & keys
            return bool(said) and not said & named

        if not all(elsewhere(o) for o in options):
            return options
        return [fact.answer] if named & self._meanings(fact.answer) else options

    def _said(self, key, short, replies, mood, told, pick, topics) -> Answer:  # type: ignore[no-untyped-def]
        if told.get(key) and mood != DEFLECT:
            told[key] += 1
            template = pick(list(self.answers.get("again") or ["{short}"]))
            short_text = short[:1].lower() + short[1:] if not short[:2].isupper() else short
            said = _SENTENCE_START.sub(
                lambda m: m.group(0).upper(), template.format(short=short_text)
            )
            said = said if said.rstrip()[-1:] in ".!?" else said.rstrip() + "."
            return Answer(said, key, topics, again=True)
        options = replies.get(mood) or (
            replies.get(GUARDED) if mood == DEFLECT else replies.get(OPEN)
        )
        if mood == DEFLECT and not replies.get(DEFLECT):
            return Answer(pick(list(self.answers.get("unknown", {}).get(DEFLECT, ["No."]))), key)
        if mood != DEFLECT:
            told[key] = told.get(key, 0) + 1
        plain = _capital(short if short.rstrip()[-1:] in ".!?" else short.rstrip() + ".")
        return Answer(pick(list(options or [plain])), key, topics)

    def _person_fact(self, about, person, member):  # type: ignore[no-untyped-def]
        """A fact read off facts.people: '{Name}'s nine.'"""
        if person is None or person not in self.people:
            return None
        who = self.people[person]
        name = self._name_said(who.name, member)
        if about == "name":
            value = name
        else:
            field = PERSON_SUBJECTS.get(about or "") or ABOUT_MEMBER.get(about or "")
            value = getattr(who, field, None) if field else None
            value = self._field_in_voice(value, who, field, member) if value else None
        if not value:
            return None
        own = self.member_person.get(member) == person
        key = about or ""
        if about == "name" and not _proper_name(who.name):
            # "What's your mum's name?" when the facts call her only "my mum": a refusal about
            # the name, never "My mum." (person.unnamed)
            key = "unnamed"
        templates = (self.answers.get("person") or {}).get(key, {})
        pronoun = "I" if own else who.pronoun
        is_form = {"she": "she's", "he": "he's", "they": "they're", "I": "I'm"}[pronoun]
        fill = {
            "name": "me" if own else name,
            "Name": "Me" if own else _capital(name),
            "pronoun": pronoun,
            "Pronoun_is": _capital(is_form),
            "value": value,
        }
        replies = {
            mood: [_capital(t.format(**fill)) for t in templates.get(mood, [])]
            for mood in (OPEN, GUARDED, DEFLECT)
        }
        if own and about == "age":
            replies[OPEN] = [f"I'm {value}."]
        thing = (self.answers.get("things") or {}).get(about or "")
        if own and thing and self.answers.get("refusal"):
            # the templates name a person ("where Kai is"); about themselves, a refusal
            replies[DEFLECT] = [str(self.answers["refusal"]).format(thing=thing)]
        short = f"{is_form} {value}" if about == "age" else value
        return f"{person}:{about}", short, replies

    def _field_in_voice(self, value: str, who: Person, field: str, member: str) -> str | None:
        """A person's entry as ``member`` can say it (None: only its owner can).

        Kai's "Here, with my mum and Leah" is his own account: said by Donna, where someone
        of the household lives is "Here, with us." Donna's "Here, with Kai and Leah" said by
        Kai is "Here, with me and Leah". How someone is doing is told by the others, so its
        "I" is never the person's own."""
        if not self.voices.several:
            return value
        if field != "wellbeing" and who.member not in (None, member) and speaks_as_i(value):
            home = self.facts.household
            if field == "lives" and who.member in home and self.member_person.get(member) in home:
                return str(self.answers.get("lives_with_us") or "Here, with us")
            return None  # another member's own words about themselves
        speaker = self.member_names.get(member, "")
        if speaker and member in self.voices.named(value):
            # the speaker as the object of "with", "and"...: "with Kai and Leah" -> "with me"
            value = re.sub(rf"\b({_LINKS}) {re.escape(speaker)}\b", r"\1 me", value)
            if member in self.voices.named(value):
                return None
        return value

    def _name_said(self, name: str, member: str) -> str:
        """A name in the speaker's voice: "Ryan's mum" said by Ryan is "my mum"."""
        speaker = self.member_names.get(member, "")
        if self.voices.several and speaker and name.lower().startswith(f"{speaker.lower()}'s "):
            return "my " + name[len(speaker) + 3 :]
        return name

    def _stranger(self, named: str | None, person: str | None) -> bool:
        """The line names someone by name ('Lily') that nobody here knows."""
        if not named or person is not None:
            return False
        word = named.lower()
        return word not in self.alias and word not in _RELATIONS and named.isalpha()

    def _unknown(self, subject: str | None, mood: str, pick: Any) -> str:
        unknown = self.answers.get("unknown") or {}
        if mood == DEFLECT and subject:
            thing = (self.answers.get("things") or {}).get(subject)
            template = self.answers.get("refusal")
            if thing and template:
                return str(template).format(thing=thing)
        # "When's the review?" with nothing known: "I couldn't tell you when.", about that thing
        own = ((self.answers.get("unknown_about") or {}).get(subject or "") or {}).get(mood)
        return str(pick(list(own or unknown.get(mood) or ["I don't know."])))

    # -- risk ------------------------------------------------------------------------------

    def risk_fact(self, subject: str | None, member: str) -> Fact | None:
        mine = [f for f in self.facts.items if f.risk and (not f.by or member in f.by)]
        for fact in mine:
            if fact.risk == subject:
                return fact
        # "Are you safe at home?" and "Has he hurt the children?" are near each other.
        near = {
            "violence": "harm_to_child",
            "harm_to_child": "violence",
            "suicide": "self_harm",
            "self_harm": "suicide",
        }.get(subject or "")
        return next((f for f in mine if f.risk == near), None)

    def voice_lines(self, member: str, key: str) -> list[str]:
        own = self.facts.voice.get(member)
        lines = getattr(own, key, None) if own is not None else None
        if lines:
            return list(lines)
        value = self.voice.get(key)
        return list(value) if isinstance(value, list) else []
