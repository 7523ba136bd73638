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
_RELATIONS = load_people_words()["relations"]  # 'dad', 'the baby': words, not names
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


@dataclass(frozen=True, slots=True)
class Answer:
    """A reply to a concrete question: its text, the fact's id and topics (None: unknown)."""

    text: str
    fact_id: str | None
    topics: tuple[str, ...] = ()
    again: bool = False


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
        # "these days", "at the minute": when, not what; never a fact's topic word ('day').
        frames = sorted((str(f) for f in self.answers.get("time_frames") or ()), key=len)
        self.hypothetical = self._any_word(
            [str(w) for w in self.answers.get("hypothetical_words") or ()]
        )
        self.request = self._any_word([str(w) for w in self.answers.get("request_frames") or ()])
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
            first = [w for w in person.name.split()[:1] if w[:1].isupper()]  # not "the", "my"
            for word in (pid, person.name, *first, *person.aliases):
                self.alias.setdefault(word.lower(), pid)
            first = (person.relation or "").split()[:1]
            if first:
                self.alias.setdefault(first[0].lower(), pid)
                for word in _RELATION_WORDS.get(first[0].lower(), ()):  # "your little boy"
                    self.alias.setdefault(word, pid)
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
            w.lower() for p in self.people.values() for w in p.name.split()[:1] if w[:1].isupper()
        }
        self.form_facts["who"] = self.form_facts.get("who", frozenset()) | frozenset(
            fact.id for fact in self.facts.items if _words(" ".join(said_texts(fact))) & first_names
        )
        cues = self.answers.get("field_cues") or {}
        self.field_cues: dict[str, frozenset[str]] = {
            str(about): frozenset(m for w in words for m in self._meanings(str(w)))
            for about, words in cues.items()
        }

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
        return self._meanings(topic) - self.names

    def _meanings(self, text: str) -> set[str]:
        """The content meanings of ``text``, with the kept words ('day', 'say') as words."""
        found = set(content_meanings(text))
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
        variants = [lowered]
        me = self.people.get(own or "")
        if me is not None and "your " in lowered:
            possessive = {"she": "her", "he": "his"}.get(me.pronoun, "their")
            variants.append(lowered.replace("your ", f"{me.name.lower()}'s "))
            variants.append(lowered.replace("your ", f"{possessive} "))
        mentions: list[tuple[int, int, str]] = []  # (start, end, person)
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
        if whole:
            first = min(whole, key=lambda m: (m[0], -(m[1] - m[0]), m[2]))
            # "Is the children's dad in touch?" asked of the dad is asked of him: "you".
            return first[2], first[2] != own
        if named and named.lower() in self.alias and self.alias[named.lower()] != own:
            return self.alias[named.lower()], True
        if named and named.lower() in _RELATIONS and not _GROUP & {named.lower()}:
            return None, True  # "your cousin": someone they have not told us about, not "you"
        words = _words(text)
        if words & _GROUP or words & _SEVERAL:
            return None, True  # "How old are your kids?" is about the children, not "you"
        if words & {"you", "your", "you're", "you've", "yourself"}:
            return own, False
        return None, False

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
            elif self.member_person.get(member) not in fact.people:
                score -= 1.5  # "you" asked, the fact is about someone else
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
            score += 2.0 if proper & (echoed | self.keyword_meanings[fact.id]) else 0.0
            if subject == "where" and "where" in fact.about and _NOW.search(text):
                score += 1.5  # "Where's Amber this morning?": where she is now, not her mornings
            if subject == "where" and named and person in self.people and person in fact.people:
                lives = self._meanings(self.people[person].lives or "") - self.names
                # "Where's their mum these days?": the fact that says where she lives
                score += min(1.0, 0.5 * len(lives & self.answer_meanings[fact.id]))
            if for_children:
                score += 1.5  # "What time do the kids get up?": a fact about the children
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
            score += min(3.0, 1.5 * len(asked & (self._meanings(value) - self.names)))
            score += 1.5 if named else 0.0  # "Has Michelle got a flat?": her own entry says so
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
        if self.hypothetical is not None and self.hypothetical.search(text):
            return False  # "What would you like things to look like?": a hope, not a fact
        person, explicit = self._view_person(text, named, member)
        found = self._best(None, person, text, member, explicit, True)
        if found is None or found[0] < float(self.answers.get("view_min_score", 3.0)):
            return False
        return bool(self._asked(text) & self.keyword_meanings[found[1].id])

    def _view_person(self, text: str, named: str | None, member: str) -> tuple[str | None, bool]:
        """Who a view question is about: someone it names; "your take on the weigh-ins" is
        their view of Noah's weigh-ins, not a question about them."""
        person, explicit = self.person_in(text, named, member)
        return (person, explicit) if explicit else (None, False)

    @staticmethod
    def in_form(question: str, reply: str) -> str:
        """A wh-question never gets a yes or a no: "Where's their mum?" -> "She left…"."""
        if not _WH_QUESTION.match(question):
            return reply
        bare = _YES_NO.sub("", reply, count=1)
        return _capital(bare) if bare.strip() else reply

    def answerable(self, text: str, named: str | None, member: str) -> bool:
        """A question with no asking intent that still names a fact ('Does Lily go to
        nursery?', 'What are your weekends like?'): its words point at one."""
        person, explicit = self.person_in(text, named, member)
        if self._best(None, person, text, member, explicit, True, voiced=False) is not None:
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
        if self._stranger(named, person) and (
            kind == "ask_about_member" or subject in PERSON_SUBJECTS
        ):
            # "How old is Lily?" in a family with no Lily: who's that?
            title = str(named).title()
            options = (self.answers.get("stranger") or {}).get(mood) or ["Who's {Name}?"]
            return Answer(str(pick(list(options))).format(Name=title), None)
        about = subject
        if kind == "ask_about_member":
            about = ABOUT_MEMBER.get(subject or "", "wellbeing")
        if kind == "ask_event":
            about = "event"
        if kind not in ("ask_fact", "ask_event", "ask_about_member", "ask_risk"):
            about = None  # a yes/no question answered by the fact its words name
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
            elif about == "name" and person is None and _words(text) & (_GROUP | _THEY):
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
        templates = (self.answers.get("person") or {}).get(about or "", {})
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
