"""A practice session with simulated family members (see docs/simulation.md).

One :class:`SimulatedSession` per session. It owns a ``random.Random(seed)``, so
the same scenario, seed and practitioner lines always give the same transcript.
Nothing here iterates over a set or depends on hash order.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from mi_trainer.coding.accuracy import (
    ReflectionFit,
    content_meanings,
    reflection_accuracy,
    said_back,
    same_content,
)
from mi_trainer.coding.codes import QUESTIONS, TalkType
from mi_trainer.coding.result import FACT_CHECK, QUESTION_FORM, CodedUtterance, PractitionerIntent
from mi_trainer.scenarios.models import Member, Scenario
from mi_trainer.simulation.answers import VIEW_OF_FACT, FactBook, said_texts
from mi_trainer.simulation.conditions import TurnContext
from mi_trainer.simulation.rules import Rules
from mi_trainer.simulation.script import (
    Line,
    MemberScript,
    ScenarioScript,
    compile_scenario,
    require_scenario,
)
from mi_trainer.simulation.spelling import Spelling
from mi_trainer.simulation.state import MemberState, initial_state
from mi_trainer.transcript import (
    END_BY_PRACTITIONER,
    END_TURN_LIMIT,
    END_WALK_OUT,
    PRACTITIONER,
    Transcript,
    Turn,
)

MEMBER_LEFT = END_WALK_OUT  # event of a member leaving the room (the session may go on)

_TAG = re.compile(r"(?<![\w@])@([^\W\d_][\w-]*)")  # @ + a name starting with a letter
_TAG_TAIL = re.compile(r"[,:;]?[ \t]*")
# "Jade, how are you finding it?": a name (one or two words) then a comma opens the line.
_NAME_START = re.compile(r"^\s*([^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?)\s*[,:]\s*")
_REFLECTING = frozenset({"reflection_simple", "reflection_complex"})
_ASKS_FACT = frozenset({"ask_fact", "ask_about_member"})
_EXPLORES = frozenset({"ask_view", "ask_event", "ask_about_member", "summarise"})
_FACT_CHECK_WORDS = 12  # a "…, is that right?" this short checks a fact; longer, it summarises
_SECOND_QUESTION = re.compile(
    r"[,.;:?-]\s*(?:and\s+|so\s+)?(?:have|has|had|did|do|does|is|are|was|were|what|when|where|who|"
    r"how|which)\b",
    re.IGNORECASE,
)
_ABOUT_SOMEONE = frozenset({"other", "ask_view", "ask_about_member"})
_ASKING = frozenset(
    {"ask_fact", "ask_event", "ask_about_member", "ask_risk", "offer", "ask_permission"}
)
_OPENS_WH = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|sorry|just|right|but|oh)\W+)*(?:\w+\W+)?(?:what|where|when|who|"
    r"whose|which|why|how)",
    re.IGNORECASE,
)
_REPAIRS = frozenset({"apologise", "thank"})
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you've|you'd|you'll|yourself|u|ur)\b", re.I)


def _first(options: list[str]) -> str:
    return options[0]


def _plain(text: str) -> str:
    """Words only, lower case: "Out. With mates." is in "Out. With mates. Not round here."."""
    return " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'")))


def _checks(intent: PractitionerIntent) -> bool:
    """One fact said back for checking: a tag or a "…, is that right?" the intent reads as a
    fact check, or a short summary that may be one ("so it's you and the three kids here?")."""
    return intent.kind == "summarise" or intent.cue == FACT_CHECK


def _apologises(intent: PractitionerIntent) -> bool:
    """An apology, alone or before the question that won the turn ("Sorry, that came out
    wrong. What matters most to you?")."""
    return intent.kind == "apologise" or "apologise" in intent.also


# The address at the start of a line ("@jade, …"): who it is for, not what was said.
# A guarded answer's closing challenge ("She's five. Why?", "Why do you need that?")
_CHALLENGE = re.compile(r"(?<=[.!?])\s+Why\b[^.!?]*\?\s*$")
_LEADING_TAGS = re.compile(r"\s*(?:(?<![\w@])@[^\W\d_][\w-]*[,:;]?\s*)+")
_TALK = {t.value: t for t in TalkType}
_OPENING_FILLER = re.compile(r"^\s*(?:(?:so|okay|ok|right|and|mm|yeah)\b[,.]?\s*)*")


class Coder(Protocol):
    def code(self, text: str, previous_client_line: str | None = None) -> CodedUtterance: ...


class MemberAbsent(ValueError):
    """A line addressed to a member who has left the room (the session goes on)."""


class SessionOver(RuntimeError):
    """Raised by :meth:`SimulatedSession.say` once the session has ended."""


def _now() -> str | None:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SimulatedSession:
    """The family members of one scenario, reacting to what the practitioner says.

    ``scenario`` is a validated :class:`~mi_trainer.scenarios.models.Scenario` (from
    ``load_scenario``); anything else, a plain dict included, is a ``TypeError``.
    """

    def __init__(
        self,
        scenario: Scenario,
        coder: Coder,
        seed: int = 0,
        practitioner: str | None = None,
        team: str | None = None,
        mode: str = "coach",
        *,
        on_turn: Callable[[Turn], None] | None = None,
        clock: Callable[[], str | None] = _now,
    ) -> None:
        self.scenario = require_scenario(scenario, "SimulatedSession")
        self.coder = coder
        self.seed = int(seed)
        self.on_turn = on_turn
        self._clock = clock
        self._rng = random.Random(self.seed)
        self.script: ScenarioScript = compile_scenario(scenario)
        self.rules: Rules = self.script.rules
        self._members: dict[str, MemberScript] = {m.id: m for m in self.script.members}
        self._states: dict[str, MemberState] = {
            m.id: initial_state(m.model, self.rules) for m in self.script.members
        }
        self._aliases = self._build_aliases()
        self.facts = FactBook(scenario.facts, self.script.members, self.rules.raw)
        # "hw old r u", "noahs age?": a line typed fast is heard spelled out (spelling.py)
        self._spelling = Spelling(self.rules.raw.get("text_speak"), self.facts.first_names())
        openers = (self.rules.raw.get("answers") or {}).get("second_question") or ()
        self._second_question = (
            re.compile(
                r"\?\s+(?=\w)|[,;]?\s+(?:and|&)\s+(?=(?:"
                + "|".join(re.escape(str(w)) for w in openers)
                + r")\b)",
                re.IGNORECASE,
            )
            if openers
            else re.compile(r"\?\s+(?=\w)")
        )
        self._own_names = {
            m.id: frozenset({m.id.lower(), *(w.lower() for w in m.name.split()[:1])})
            for m in self.script.members
        }
        self._said: list[set[str]] = []  # content of each practitioner line so far
        self._asked: dict[str, str] = {}  # member -> the last question put to them
        self._accepted: dict[str, list[str]] = {}  # member -> reflections that fitted
        self._case = {m.id: self._what_they_may_mean(m) for m in self.script.members}
        self._last_line: dict[str, str] = {}
        self._last_text: str | None = None
        self._speakers: list[str] = []  # members in the order they last spoke (latest last)
        self._addressed: str | None = self.script.members[0].id if self.script.members else None
        self._turn_number = 0
        self._interjected_at: dict[int, int] = {}
        self._last_key: dict[str, str] = {}
        self.finished = False
        self.end_reason: str | None = None
        self.transcript = Transcript(
            scenario_id=self.script.id,
            scenario_title=self.script.title,
            scenario_hash=scenario.source_hash,
            seed=self.seed,
            coder_version=_coder_version(coder),
            practitioner=practitioner,
            team=team,
            mode=mode,
            started_at=clock(),
            members={m.id: m.name for m in self.script.members},
        )
        self._open()

    # -- public API ------------------------------------------------------------------

    @property
    def members(self) -> list[Member]:
        """Every member model of the scenario, in authored order (see ``present``)."""
        return [m.model for m in self.script.members]

    @property
    def present(self) -> list[str]:
        """Ids of the members still in the room, in authored order."""
        return [m.id for m in self.script.members if self._states[m.id].present]

    @property
    def addressed(self) -> str | None:
        """Who an untagged line goes to: the member the practitioner last spoke to (the
        first member at the start; None when nobody is left)."""
        return self._addressed

    @property
    def turn_number(self) -> int:
        """Practitioner turns so far."""
        return self._turn_number

    def state(self, member_id: str) -> dict[str, Any]:
        """A member's state: rapport, openness, readiness, discord, stage, disclosed, plans."""
        if member_id not in self._states:
            raise ValueError(
                f"no member '{member_id}' in this scenario (members: {', '.join(self._states)})"
            )
        return self._states[member_id].snapshot()

    def say(self, text: str, addressed: str | None = None) -> list[Turn]:
        """The practitioner says ``text`` (``@name`` picks the member); returns the new turns."""
        if self.finished:
            raise SessionOver("This session has ended; start a new session to carry on.")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(
                "There is nothing to code: type what you would say to the family "
                "(an empty line is not a turn)."
            )
        target, clean = self._resolve_address(text, addressed)
        self._addressed = target  # the practitioner's choice, whoever speaks next
        previous = self._last_line.get(target) or self._last_text
        coded = self.coder.code(clean, previous_client_line=previous)
        self._turn_number += 1
        rules = self.rules
        # "wheres ur son at the min" is heard as "where's your son at the minute": the member
        # hears the line spelled out (coded again only when that changes it); the transcript
        # keeps what was typed and its code.
        spelled = self._spelling.addressed(
            self._spelling.spelled_out(clean), self._own_names.get(target, ())
        )
        if spelled != clean:
            clean = spelled
            heard = self.coder.code(clean, previous_client_line=previous)
        else:
            heard = coded
        as_asked = self._with_question_mark(heard, clean, previous)
        code = str(as_asked.code)
        family = rules.family_of.get(code, "other")
        intent = as_asked.intent or PractitionerIntent("other")
        state = self._states[target]
        repeats = self._repeats(clean)
        fit: ReflectionFit | None = None
        echo = family == "directive" and self._echoes(target, clean, previous)
        if echo:
            # Their own words said back ("You're worried they'll decide what kind of man you
            # are"): the member hears a reflection, whatever label the coder put on it.
            code = str(rules.raw.get("echo_heard_as", "reflection_complex"))
            family = rules.family_of.get(code, "reflection")
        asks = intent.kind in _ASKING or intent.cue == QUESTION_FORM
        # "you're at your mum's for now — have I got that right?": one fact checked, to be
        # confirmed or corrected from the facts, not a reflection to judge
        checking = _checks(intent) and (
            self.facts.checks_fact(clean, intent.member, target, _FACT_CHECK_WORDS)
            or self.facts.checks_household(clean, target)
        )
        asks |= checking
        # "is leah at school today": a question about someone, typed in lower case
        asks |= intent.kind == "other" and (
            self.facts.asks_about_someone(clean, target) or self.facts.has_tag(clean)
        )
        # "Alfie's at home with Shannon, is he?": a fact about someone else checked with a
        # tag is no confrontation of the member, whatever the coder's label ("You're drinking
        # every night, aren't you?" is about them, and stays what the coder heard)
        checks_other = checking and family == "directive" and not _SECOND_PERSON.search(clean)
        if (family in ("reflection", "information", "other") and asks) or checks_other:
            # "how often is he smoking, do you know" typed without a '?' asks (the intent
            # read its form): the member hears a question, not a reflection to check.
            code = "question_open" if _OPENS_WH.match(clean) else "question_closed"
            family = "question"
        judged = code in _REFLECTING or intent.kind == "summarise"
        if judged and intent.kind not in _REPAIRS and not checking:
            # (An apology or thanks coded as a reflection is about the worker: not judged.)
            # What they said lately, and what they were answering (the worker's last line).
            heard = state.heard[-6:] or ([previous] if previous else [])
            context = [*self._accepted.get(target, [])[-3:], *self._case[target]]
            asked = self._asked.get(target)
            fit = reflection_accuracy(clean, [*([asked] if asked else []), *heard], (), context)
            if fit.fits:
                self._accepted.setdefault(target, []).append(clean)
        # A reflection that touches nothing of theirs is puzzling; one that half-touches
        # it (partial) is heard, but earns only part of a reflection's effect.
        # So is one that borrows a word of theirs into things nobody mentioned ("So the school
        # run is made of balloons": "What balloons?").
        missed = fit is not None and not fit.fits and not repeats
        misheard = missed and (not fit.overlap or len(fit.new_things) >= 2)  # type: ignore[union-attr]
        partial = missed and not misheard
        fits = fit is not None and fit.fits and not repeats
        reflects = str(as_asked.reflects) if as_asked.reflects is not None and fits else None
        if echo and fits:
            reflects = reflects or self._reflected(target)
        topics = self.script.topics.find(clean)
        self._explore(state, topics, code, intent, fits, repeats)
        if not topics and state.focus and family in ("question", "reflection"):
            topics = frozenset({state.focus})  # "What happened then?" stays on the topic
        if family == "question":
            self._asked[target] = clean
        before = state.snapshot()
        turn = _Heard(
            as_asked, intent, fit, misheard, fits, repeats, clean, partial=partial, echo=echo
        )
        interrogation = self._react(target, turn, code, reflects)
        ctx = TurnContext(
            code=code,
            family=family,
            reflects=reflects,
            topics=topics,
            turn=self._turn_number,
            addressed=target,
            interrogation=interrogation,
            fits=fits,
        )
        new = [
            self._add(
                Turn(
                    index=0,
                    speaker=PRACTITIONER,
                    text=_without_leading_address(text),
                    coded=coded,
                    addressed=target,
                    state_before=before,
                    state_after=state.snapshot(),
                )
            )
        ]
        if state.values["discord"] >= self._leave_at(target):
            if rules.raw.get("warn_before_walk_out", True) and not state.warned:
                new.append(self._warning(target))
            else:
                new += self._walk_out(target)
        else:
            new.append(self._reply(target, ctx, turn))
        new += self._interjections(ctx)
        if not self.present:
            self._finish(END_WALK_OUT, None)
        elif self._turn_number >= self.script.turn_limit:
            # Time is up as it would be in a real visit: each member still says goodbye.
            new += self._closings()
            new += self._finish(
                END_TURN_LIMIT,
                f"Time is up: the session has reached its limit of "
                f"{self.script.turn_limit} practitioner turns.",
            )
        return new

    def end(self) -> list[Turn]:
        """The practitioner ends the session: closing lines, then the end event."""
        if self.finished:
            return []
        new = self._closings()
        new += self._finish(END_BY_PRACTITIONER, "Session ended by the practitioner.")
        return new

    def _closings(self) -> list[Turn]:
        """Each member still in the room says a closing line that fits their mood."""
        new: list[Turn] = []
        for member_id in self.present:
            turn = self._closing(member_id)
            if turn is not None:
                new.append(turn)
        return new

    # -- turns -------------------------------------------------------------------------

    def _add(self, turn: Turn) -> Turn:
        turn.index = len(self.transcript.turns)
        self.transcript.turns.append(turn)
        if turn.speaker in self._members and turn.event is None:
            self._last_line[turn.speaker] = turn.text
            self._last_text = turn.text
            if turn.speaker in self._speakers:
                self._speakers.remove(turn.speaker)
            self._speakers.append(turn.speaker)
            state = self._states[turn.speaker]
            state.heard.append(turn.text)
            if len(state.heard) > 6:
                del state.heard[0]
        if self.on_turn is not None:
            self.on_turn(turn)
        return turn

    def _member_turn(self, member_id: str, line: Line, text: str, before: dict[str, Any]) -> Turn:
        return self._add(
            Turn(
                index=0,
                speaker=member_id,
                text=text,
                talk_type=_TALK.get(line.talk, TalkType.NEUTRAL),
                subtype=line.subtype,
                state_before=before,
                state_after=self._states[member_id].snapshot(),
                response_id=line.key,
            )
        )

    def _open(self) -> None:
        """Openers, in authored order: a seeded variant with its talk type; no state change."""
        for member in self.script.members:
            line = member.opening
            if line is None:
                continue
            text = line.variants[self._rng.randrange(len(line.variants))]
            self._member_turn(member.id, line, text, self._states[member.id].snapshot())

    def _finish(self, reason: str, narrative: str | None) -> list[Turn]:
        self.finished = True
        self.end_reason = reason
        self.transcript.end_reason = reason
        self.transcript.ended_at = self._clock()
        if narrative is None:
            return []
        # Every turn's speaker is the practitioner or a member: the end of the session is
        # told on the turn of the member being spoken to (``event`` marks it as narrative).
        speaker = self._addressed or (self.present or [self.script.members[0].id])[0]
        snap = self._states[speaker].snapshot()
        return [
            self._add(
                Turn(
                    index=0,
                    speaker=speaker,
                    text=narrative,
                    talk_type=TalkType.NEUTRAL,
                    state_before=snap,
                    state_after=snap,
                    event=reason,
                )
            )
        ]

    # -- addressing --------------------------------------------------------------------

    def _build_aliases(self) -> dict[str, str]:
        aliases: dict[str, str] = {}
        for member in self.script.members:
            for alias in (member.id, member.name, member.name.replace(" ", "")):
                aliases.setdefault(alias.casefold(), member.id)
        for member in self.script.members:  # a first name, when no one else has it
            first = member.name.split()[0].casefold() if member.name.split() else ""
            if first and first not in aliases:
                aliases[first] = member.id
        return aliases

    def _who(self) -> str:
        return ", ".join(f"{self._members[m].name} (@{m})" for m in self.present)

    def _check_present(self, member_id: str) -> None:
        if not self._states[member_id].present:
            raise MemberAbsent(
                f"{self._members[member_id].name} has left the room. "
                f"You can speak to: {self._who()}."
            )

    def _resolve_address(self, text: str, addressed: str | None) -> tuple[str, str]:
        target: str | None = None
        pieces: list[str] = []
        pos = 0
        for match in _TAG.finditer(text):
            tag = match.group(1).rstrip("-")
            member_id = self._aliases.get(tag.casefold())
            if member_id is None:
                raise ValueError(
                    f"Nobody called '@{tag}' is in this session. You can speak to: {self._who()}."
                )
            self._check_present(member_id)
            if target is None:
                target = member_id
            pieces.append(text[pos : match.start()])
            tail = _TAG_TAIL.match(text, match.end())
            pos = tail.end() if tail else match.end()
        pieces.append(text[pos:])
        clean = "".join(pieces).strip() if target is not None else text.strip()
        if target is None:
            named = _NAME_START.match(text)
            if named:  # "Jade, ..." or "Okay Jade, ..."
                words = named.group(1).split()
                whole = self._aliases.get(" ".join(words).casefold())
                member_id = whole or self._aliases.get(words[-1].casefold())
                if member_id is not None:
                    self._check_present(member_id)
                    target = member_id
                    if whole is not None:  # "Jade, ..." is said to Jade; "Hi Jade, ..." as is
                        clean = text[named.end() :].strip() or clean
        if target is None and addressed is not None:
            target = self._aliases.get(str(addressed).casefold())
            if target is None:
                raise ValueError(
                    f"Nobody called '{addressed}' is in this session. "
                    f"You can speak to: {self._who()}."
                )
            self._check_present(target)
        if target is None:
            target = self._addressed
        if target is None or not self._states[target].present:
            present = self.present
            if not present:
                raise SessionOver("Nobody is left in the room.")
            target = present[0]
        if not clean:
            raise ValueError(
                f"Say something to {self._members[target].name} after @{target}: "
                "a name on its own is not a turn."
            )
        return target, clean

    # -- state -------------------------------------------------------------------------

    def _what_they_may_mean(self, member: MemberScript) -> tuple[str, ...]:
        """A member's story, their authored lines and the scenario's facts, line by line: what
        a reflection may plausibly say of them beyond their recent words (weaker evidence)."""
        said = [
            variant
            for line in (*member.responses, *member.disclosures, *member.plans)
            for variant in line.variants
        ]
        facts = [" ".join(said_texts(fact)) for fact in self.facts.facts.items]
        return (member.story, *said, *facts)

    def _leave_at(self, member_id: str) -> float:
        own = self._members[member_id].leave_at_discord
        return self.rules.leave_at_discord if own is None else own

    def _echoes(self, target: str, text: str, previous: str | None) -> bool:
        """A directive-coded statement made of the member's own words, said back: at least
        two of their meanings, and at most one more of its own than of theirs."""
        opening = _OPENING_FILLER.sub("", text.lower().replace("\u2019", "'"))
        openings = tuple(str(o) for o in self.rules.raw.get("echo_openings") or ())
        if text.rstrip().endswith("?") or not opening.startswith(openings):
            return False
        heard = self._states[target].heard[-3:] or ([previous] if previous else [])
        theirs, new = said_back(text, heard)
        return theirs >= 2 and new <= theirs + 1

    def _reflected(self, target: str) -> str | None:
        """What kind of talk an echo said back: the member's last line's."""
        for turn in reversed(self.transcript.turns):
            if turn.speaker == target and turn.event is None:
                talk = str(turn.talk_type)
                return talk if talk in ("change", "sustain") else None
        return None

    def _repeats(self, text: str) -> int:
        """How many earlier practitioner lines said the same as ``text`` (then remembers it)."""
        mine = set(content_meanings(text))
        if len(mine) < 2:
            return 0  # "Okay.", "Mm.", "Go on" can be said any number of times
        count = sum(1 for said in self._said if same_content(mine, said, small_edits=True))
        self._said.append(mine)
        return count

    def _explore(
        self,
        state: MemberState,
        topics: frozenset[str],
        code: str,
        intent: PractitionerIntent,
        fits: bool,
        repeats: int,
    ) -> None:
        """Turns spent on a topic with open questions and fitting reflections count towards
        earning its disclosures; the most explored topic is the focus."""
        if repeats or not topics:
            return
        if not (fits or code == "question_open" or intent.kind in _EXPLORES):
            return
        for topic in sorted(topics):
            state.explored[topic] = state.explored.get(topic, 0) + 1
        state.focus = max(sorted(topics), key=lambda t: state.explored.get(t, 0))

    def _react(self, target: str, turn: _Heard, code: str, reflects: str | None) -> bool:
        """Apply the practitioner's turn to the addressed member (and bystanders)."""
        rules = self.rules
        raw = rules.raw
        coded = turn.coded
        effects: dict[str, float] = dict(rules.reactions.get(code, {}))
        seen = [code]
        for other in coded.codes:
            other_code = str(other)
            if other_code in seen or (turn.echo and rules.family_of.get(other_code) == "directive"):
                continue
            seen.append(other_code)
            for var, delta in rules.reactions.get(other_code, {}).items():
                effects[var] = effects.get(var, 0.0) + delta * rules.secondary_share
        if reflects is not None:
            for var, delta in rules.reflects.get(reflects, {}).items():
                effects[var] = effects.get(var, 0.0) + delta
        if turn.fits:
            for var, delta in (raw.get("fit_bonus") or {}).items():
                effects[str(var)] = effects.get(str(var), 0.0) + float(delta)
        if turn.misheard:
            # A reflection that misses earns nothing: a little puzzlement instead.
            effects = {str(k): float(v) for k, v in (raw.get("misheard_effects") or {}).items()}
        if turn.partial:
            effects = {k: v * float(raw.get("partial_share", 0.5)) for k, v in effects.items()}
        if turn.repeats:
            share = float(raw.get("repeat_share", 0.3)) ** turn.repeats
            effects = {k: v * share for k, v in effects.items()}
        state = self._states[target]
        state.closed_streak = state.closed_streak + 1 if code == "question_closed" else 0
        interrogation = state.closed_streak >= rules.closed_question_streak
        if interrogation:
            # A string of routine questions (is this a good time, ages, names) wears a little;
            # a string of probing yes/no questions wears a lot.
            weight = self._interrogation_weight(turn)
            for var, delta in rules.interrogation.items():
                effects[var] = effects.get(var, 0.0) + delta * weight
            if weight >= 1.0:
                state.cause = "interrogation"
        if rules.family_of.get(code) == "directive":
            state.rupture_turn = self._turn_number
            state.cause = "directive"
        elif turn.misheard and state.cause is None:
            state.cause = "misheard"
        self._repair(state, turn, effects)
        decay = {"discord": -rules.discord_decay} if rules.discord_decay else {}
        bystander = {v: effects[v] for v in rules.bystander_variables if v in effects}
        for member_id in self.present:
            member = self._states[member_id]
            member.apply(decay, rules)
            if member_id == target:
                member.apply(effects, rules)
            elif bystander and rules.bystander_share:
                member.apply(bystander, rules, share=rules.bystander_share)
        return interrogation

    def _interrogation_weight(self, turn: _Heard) -> float:
        """How much a closed question in a string wears (docs/simulation.md, "Discord")."""
        raw = self.rules.raw
        if turn.intent.kind == "ask_risk" or self.rules.probing_closed.search(turn.text):
            return 1.0
        if self.script.topics.find(turn.text):
            return float(raw.get("topic_interrogation_share", 0.7))
        return float(raw.get("routine_interrogation_share", 0.35))

    def _repair(self, state: MemberState, turn: _Heard, effects: dict[str, float]) -> None:
        """An apology, or a fitting reflection, soon after a rupture lowers discord: less
        each time and never more than the cap in all, so it cannot be farmed."""
        repair = self.rules.raw.get("repair") or {}
        recent = self._turn_number - state.rupture_turn <= int(repair.get("within_turns", 5))
        turn.repaired = False
        if not recent or turn.repeats:
            return
        if _apologises(turn.intent):
            amount = float(repair.get("first", 0.12)) * float(repair.get("decay", 0.5)) ** (
                state.repairs
            )
        elif turn.fits:
            amount = float(repair.get("reflection", 0.04))
        else:
            return
        amount = min(amount, float(repair.get("cap", 0.25)) - state.repaired)
        if amount <= 0.005:
            return
        state.repairs += 1
        state.repaired += amount
        effects["discord"] = effects.get("discord", 0.0) - amount
        effects["rapport"] = effects.get("rapport", 0.0) + float(repair.get("rapport", 0.03))
        turn.repaired = _apologises(turn.intent)

    def _after_line(self, state: MemberState, line: Line) -> None:
        rules = self.rules
        if line.kind == "disclosure" and line.key not in state.disclosed:
            state.disclosed.append(line.key)
            state.apply(rules.disclosure_effects, rules)
            if line.talk == "disclosure" or len(state.disclosed) == 1:
                state.pending_worry = True  # what happens now with what they said?
        elif line.kind == "plan" and line.key not in state.plans:
            state.plans.append(line.key)
        if line.effects:
            state.apply(dict(line.effects), rules)
        state.apply(rules.own_talk.get(line.talk, {}), rules)

    # -- choosing lines ----------------------------------------------------------------

    def _reply(self, member_id: str, ctx: TurnContext, turn: _Heard) -> Turn:
        state = self._states[member_id]
        before = state.snapshot()
        member = self._members[member_id]
        said = self._respond(member, state, ctx, turn)
        if said is None:
            silent = Line(key="silence", id=None, kind="silence", variants=(), talk="neutral")
            return self._member_turn(member_id, silent, f"({member.name} says nothing.)", before)
        line, text = said
        if turn.fits or ctx.code == "question_open" or turn.intent.kind in _EXPLORES:
            # What they talk about in answer to good practice is explored too.
            for topic in sorted(self.script.topics.find(text) - ctx.topics):
                state.explored[topic] = state.explored.get(topic, 0) + 1
        return self._member_turn(member_id, line, text, before)

    def _spoken(self, member_id: str, line: Line) -> tuple[Line, str]:
        """Say an authored line: a fresh variant, then its effects."""
        text = self._variant(member_id, line)
        self._after_line(self._states[member_id], line)
        return line, text

    def _voiced(self, member_id: str, key: str, talk: str = "neutral") -> tuple[Line, str] | None:
        """Say one of the member's (or the engine's) voice lines of this kind."""
        lines = self.facts.voice_lines(member_id, key)
        if not lines:
            return None
        line = Line(key=f"voice:{key}", id=None, kind=key, variants=tuple(lines), talk=talk)
        return self._spoken(member_id, line)

    def _puzzled(self, member_id: str, turn: _Heard) -> tuple[Line, str] | None:
        """A reflection that missed: "No, that's not it.", or the thing it named that they
        never mentioned said back as a question ("What balloons?")."""
        openers = frozenset(self.rules.raw.get("misheard_thing_after") or ())
        things = _named_things(turn.text, turn.fit.new_things if turn.fit else (), openers)
        named = self.facts.voice_lines(member_id, "misheard_thing") if things else []
        if named and self._rng.random() < float(self.rules.raw.get("misheard_thing_chance", 0.5)):
            template = self._pick(list(named))
            text = template.replace("{thing}", things[0])
            text = text[:1].upper() + text[1:]
            line = Line(
                key="voice:misheard_thing",
                id=None,
                kind="misheard",
                variants=(text,),
                talk="neutral",
            )
            return self._spoken(member_id, line)
        return self._voiced(member_id, "misheard")

    def _pick(self, options: list[str]) -> str:
        return options[self._rng.randrange(len(options))] if len(options) > 1 else options[0]

    def _with_question_mark(
        self, coded: CodedUtterance, clean: str, previous: str | None
    ) -> CodedUtterance:
        """A question typed fast without its '?' ("how you sleeping", "mornings, how do they
        go"; the intent read its form, cue ``question_form``) is heard as the question it is:
        coded again with the '?' it lacks, when that makes it a question. The transcript keeps
        the coder's code of what was typed."""
        intent = coded.intent
        if intent is None or intent.cue != QUESTION_FORM or "?" in clean:
            return coded
        asked = self.coder.code(clean.rstrip(" .!,") + "?", previous_client_line=previous)
        return asked if asked.code in QUESTIONS else coded

    def _respond(
        self, member: MemberScript, state: MemberState, ctx: TurnContext, turn: _Heard
    ) -> tuple[Line, str] | None:
        """What the member says: the answer to what was asked, first (docs/simulation.md)."""
        member_id = member.id
        kind = turn.intent.kind
        if state.pending_disclosure is not None:
            line = self._pending(member, state, ctx)
            if line is not None:
                return self._spoken(member_id, line)
        if turn.repeats and kind not in _ASKS_FACT:
            return self._voiced(member_id, "repeated")
        if turn.misheard:
            return self._puzzled(member_id, turn)
        if kind == "ask_risk":
            return self._risk(member, state, ctx, turn)
        if kind == "ask_event":
            line = self._disclosure(member, state, ctx, turn)
            if line is not None:
                return self._spoken(member_id, line)
        if self._generic_unanswerable(member, turn):
            if ctx.code != "question_open":
                # "Who's your best friend?" with nothing known: "I don't know who", never a
                # yes/no filler
                return self._answer(member, state, ctx, turn)
            kind = "ask_view"  # "Who matters most to you?": a question about them, not a fact
        elif _checks(turn.intent) and self.facts.checks_household(turn.text, member_id):
            # "so it's just you and the two girls, is that right?": who lives there
            # (no plain yes first: the list of who is there confirms or corrects it)
            return self._answer(
                member, state, ctx, turn, kind="ask_fact", subject="household", confirm=False
            )
        elif kind in _ASKS_FACT or kind == "ask_event" or self._asks_known_fact(member, ctx, turn):
            return self._answer(member, state, ctx, turn)
        if (
            kind in _ABOUT_SOMEONE
            and self.facts.names_only_someone(turn.text, member_id)
            and self.facts.about_other(turn.text, turn.intent.member, member_id)
        ):
            # "and Alfie?", "ruby ok?": how that person is, from what is known of them
            return self._answer(member, state, ctx, turn, kind="ask_about_member")
        if kind == "ask_view" and turn.intent.subject == "small_talk":
            # "Good weekend?", "How's your day been?": a social opener gets a social answer
            # in kind (grudging when rapport is low), never a fact or a filler
            return self._in_kind(state, "small_talk")
        if kind == "ask_view" and turn.intent.subject == "consequences":
            # "Are you worried about what I'll write?", "What scares you about us being
            # involved?": the worry itself, in their voice ("Are you going to take them?"),
            # before a fact whose keywords the question shares ("worried")
            worry = self._voiced(member_id, "worry")
            if worry is not None:
                state.pending_worry = False
                return worry
        if kind == "ask_view":
            # "And what about Alfie, how's he doing?": about Alfie, from what is known of him;
            # "Talk me through the weigh-ins": that fact, in their voice, and how they feel.
            if self.facts.about_other(turn.text, turn.intent.member, member.id):
                return self._answer(member, state, ctx, turn, kind="ask_about_member")
            if self.facts.names_fact(turn.text, turn.intent.member, member.id):
                chance = float((self.rules.raw.get("answers") or {}).get("view_react_chance", 0.8))
                return self._answer(member, state, ctx, turn, kind=VIEW_OF_FACT, chance=chance)
        if kind in ("offer", "ask_permission", "thank"):
            key = {"ask_permission": "permission"}.get(kind, kind)
            if kind in ("offer", "ask_permission") and self.facts.is_request(turn.text):
                # "Could I trouble you for a glass of water?": their kettle (the intent reads
                # the worker asking for a thing in their home as asking permission)
                key = "request"
            return self._in_kind(state, key)
        if kind == "apologise":
            return self._voiced(member_id, "repair" if turn.repaired else "repair_grudging")
        if state.pending_worry and ctx.family != "directive":
            state.pending_worry = False
            worry = self._voiced(member_id, "worry")
            if worry is not None:
                return worry
        line = self._choose(member, state, ctx, turn)
        return None if line is None else self._spoken(member_id, line)

    def _in_kind(self, state: MemberState, key: str) -> tuple[Line, str]:
        """An answer in kind to an offer, a permission asked, thanks or small talk
        (``answers.<key>`` of the rules, by the member's mood)."""
        replies = (self.rules.raw.get("answers") or {}).get(key) or {}
        mood = self.facts.state_of(state.values)
        options = list(replies.get(mood) or replies.get("guarded") or ["Okay."])
        line = Line(
            key=f"answer:{key}",
            id=None,
            kind="answer",
            variants=(self._pick(options),),
            talk="neutral",
        )
        return line, line.variants[0]

    def _generic_unanswerable(self, member: MemberScript, turn: _Heard) -> bool:
        """A plain who/where/when question (a ``wh_`` cue) that names no fact of theirs."""
        intent = turn.intent
        if intent.kind != "ask_fact" or not (intent.cue or "").startswith("wh_"):
            return False
        return not self.facts.answers_subject(intent.subject, turn.text, intent.member, member.id)

    def _asks_known_fact(self, member: MemberScript, ctx: TurnContext, turn: _Heard) -> bool:
        """A question with no asking intent that names a fact's words asks for it: a yes/no
        question ('Did Kai play football?') or an open question that is not about their view
        ('What are your weekends like?')."""
        intent = turn.intent
        closed = ctx.code == "question_closed" and intent.kind in ("other", "ask_view")
        # "So both children are at Oakfield, is that right?": one fact checked, not a summary
        if _checks(intent):
            return self.facts.checks_fact(turn.text, intent.member, member.id, _FACT_CHECK_WORDS)
        # "Can I ask about the dentist, have the kids been?": the permission, then the question
        closed |= intent.kind == "ask_permission" and bool(_SECOND_QUESTION.search(turn.text))
        # "Have you tried recording days?": advice in a yes/no question's form (coded persuade)
        # still asks; what they have tried, when known, is the answer (the code's effects stand)
        closed |= (
            ctx.code == "persuade"
            and intent.kind == "other"
            and ("?" in turn.text or intent.cue == QUESTION_FORM)
        )
        concrete = ctx.code == "question_open" and intent.cue == "open_question"
        if not (closed or concrete):
            return False
        return self.facts.answerable(turn.text, intent.member, member.id)

    def _answer(
        self,
        member: MemberScript,
        state: MemberState,
        ctx: TurnContext,
        turn: _Heard,
        kind: str | None = None,
        chance: float | None = None,
        subject: str | None = None,
        confirm: bool = True,
    ) -> tuple[Line, str]:
        """Answer first, then (sometimes) react: a line of change or sustain talk on the
        fact's topic when the state calls for it (``kind``: the question as it is answered,
        when that is not how the intent read it; ``chance``: of reacting)."""
        intent = turn.intent
        if kind is None and subject is None:
            both = self._each_asked(member, state, turn)
            if both is not None:
                return both
        answer = self.facts.answer(
            kind or intent.kind,
            subject or intent.subject,
            intent.member,
            turn.text,
            member.id,
            state.values,
            state.told,
            self._pick,
        )
        if answer.topics:
            state.focus = answer.topics[0]
        text, talk, reaction = self.facts.in_form(turn.text, answer.text), "neutral", None
        if confirm and not answer.again:  # "Kai's fifteen, isn't he?": "Yeah. He's 15."
            mood = self.facts.state_of(state.values)
            text = self.facts.confirmed(
                turn.text, text, answer.fact_id, mood, self._pick, member.id
            )
        if chance is None:
            chance = float((self.rules.raw.get("answers") or {}).get("react_chance", 0.45))
        if answer.fact_id and not answer.again and answer.topics and self._rng.random() < chance:
            reaction = self._reaction(member, state, ctx, answer.topics)
        if reaction is not None:
            _, said = self._spoken(member.id, reaction)
            if f" {_plain(said)} " not in f" {_plain(text)} ":  # never the same words twice
                text, talk = f"{text} {said}", reaction.talk
        key = f"fact:{answer.fact_id}" if answer.fact_id else "fact:unknown"
        line = Line(
            key=key,
            id=answer.fact_id,
            kind="answer",
            variants=(text,),
            talk=talk,
            darn_cat=reaction.darn_cat if reaction else None,
            intent=reaction.intent if reaction else "inform",
        )
        return line, text

    def _each_asked(
        self, member: MemberScript, state: MemberState, turn: _Heard
    ) -> tuple[Line, str] | None:
        """Two short questions in one line ("how old r u and how long uve lived here",
        "bedtimes ok? how's amber sleeping"): each is answered from its own fact, in the order
        asked, when each names a different fact (``answers.second_question``: what opens the
        second one after "and" or a "?"). Otherwise None: the line is answered as one."""
        parts = [p.strip(" ,;:-—") for p in self._second_question.split(turn.text)]
        parts = [p for p in parts if len(p.split()) >= 2]
        if not 2 <= len(parts) <= 3:
            return None
        told = dict(state.told)  # given only if every part is answered
        said: list[str] = []
        ids: list[str] = []
        topics: tuple[str, ...] = ()
        for part in parts:
            asked = part if part.endswith("?") else part + "?"
            intent = self.coder.code(asked).intent or PractitionerIntent("other")
            asks = intent.kind in _ASKS_FACT or intent.kind == "ask_event"
            if not asks and not self.facts.answerable(part, intent.member, member.id):
                return None
            answer = self.facts.answer(
                intent.kind,
                intent.subject,
                intent.member,
                part,
                member.id,
                state.values,
                told,
                _first,  # (no draw from the generator for a line that may be answered as one)
            )
            if not answer.fact_id or answer.again or answer.fact_id in ids:
                return None
            ids.append(answer.fact_id)
            said.append(self.facts.in_form(part, answer.text))
            topics = answer.topics or topics
        state.told.clear()
        state.told.update(told)
        if topics:
            state.focus = topics[0]
        # A guarded "Why?" challenges the whole line, so it comes once, at the end ("She's
        # five. In Reception. Why?"), never between two answers ("She's five. Why? In…").
        challenges = [m.group(0).strip() for p in said[:-1] if (m := _CHALLENGE.search(p))]
        said = [_CHALLENGE.sub("", p) for p in said[:-1]] + said[-1:]
        if challenges and not _CHALLENGE.search(said[-1]):
            said[-1] = f"{said[-1]} {challenges[0]}"
        text = " ".join(said)
        line = Line(
            key=f"fact:{ids[0]}",
            id=ids[0],
            kind="answer",
            variants=(text,),
            talk="neutral",
            intent="inform",
        )
        return line, text

    def _reaction(
        self, member: MemberScript, state: MemberState, ctx: TurnContext, topics: tuple[str, ...]
    ) -> Line | None:
        on_topic = TurnContext(
            code=ctx.code,
            family=ctx.family,
            reflects=ctx.reflects,
            topics=frozenset(topics),
            turn=ctx.turn,
            addressed=ctx.addressed,
            interrogation=ctx.interrogation,
        )
        lines = [
            line
            for line in member.responses
            if line.talk in ("change", "sustain")
            and set(line.condition.topics) & set(topics)
            and line.condition.holds(on_topic, state)
        ]
        return self._weighted(lines, state, on_topic) if lines else None

    def _risk(
        self, member: MemberScript, state: MemberState, ctx: TurnContext, turn: _Heard
    ) -> tuple[Line, str] | None:
        """A direct, calm question about risk: the way to a safeguarding disclosure once
        rapport allows; before that, a denial (and the member tests the worker first)."""
        raw = self.rules.raw
        fact = self.facts.risk_fact(turn.intent.subject, member.id)
        if fact is None:
            return self._voiced(member.id, "no_risk")
        line = next((d for d in member.disclosures if d.key == fact.disclosure), None)
        values = state.values
        ready = values["rapport"] >= float(raw.get("risk_rapport", 0.45)) and values[
            "discord"
        ] < float(raw.get("risk_max_discord", 0.45))
        if line is not None and line.key not in state.disclosed and ready:
            if not state.tested:
                state.tested = True
                state.pending_disclosure = line.key
                return self._voiced(member.id, "test")
            return self._spoken(member.id, line)
        if not ready:
            state.cause = state.cause or "risk"
        return self._answer(member, state, ctx, turn)

    def _pending(self, member: MemberScript, state: MemberState, ctx: TurnContext) -> Line | None:
        """The member tested the worker ('Does it go in your report?'); an answer that is
        not a telling-off earns what they were about to say."""
        key, state.pending_disclosure = state.pending_disclosure, None
        if ctx.family == "directive" or state.values["discord"] >= float(
            self.rules.raw.get("risk_max_discord", 0.45)
        ):
            return None
        return next(
            (d for d in member.disclosures if d.key == key and d.key not in state.disclosed), None
        )

    def _disclosure(
        self, member: MemberScript, state: MemberState, ctx: TurnContext, turn: _Heard
    ) -> Line | None:
        """A disclosure whose topic has been explored for long enough, on a turn that
        explores it (a fitting reflection, an open question); never on a keyword alone."""
        raw = self.rules.raw
        if ctx.family in self.rules.disclosures_blocked_after or turn.misheard or turn.repeats:
            return None
        exploring = turn.fits or ctx.code == "question_open" or turn.intent.kind in _EXPLORES
        if not exploring and ctx.family != "adherent":
            return None
        for line in member.disclosures:
            if line.key in state.disclosed or not line.condition.holds(ctx, state):
                continue
            topics = line.condition.topics or tuple(state.explored)
            explored = max((state.explored.get(t, 0) for t in topics), default=0)
            need = int(raw.get("explore_turns", 2))
            if line.talk == "disclosure":
                need = int(raw.get("safeguarding_explore_turns", 3))
            if explored < need:
                continue
            if not state.tested:
                # Before the first thing that costs them, they check what happens with it.
                state.tested = True
                state.pending_disclosure = line.key
                test = self.facts.voice_lines(member.id, "test")
                if test:
                    return Line(
                        key="voice:test", id=None, kind="test", variants=tuple(test), talk="neutral"
                    )
            return line
        return None

    def _choose(
        self, member: MemberScript, state: MemberState, ctx: TurnContext, turn: _Heard
    ) -> Line | None:
        rules = self.rules
        line = self._disclosure(member, state, ctx, turn)
        if line is not None:
            return line
        if ctx.family not in rules.plans_blocked_after:
            plans = [
                line
                for line in member.plans
                if line.key not in state.plans
                and (line.condition.stage or self._stage_allows_plans(state))
                and line.condition.holds(ctx, state)
            ]
            if plans:
                return self._weighted(plans, state, ctx)
        candidates = [line for line in member.responses if line.condition.holds(ctx, state)]
        if not candidates:
            return None
        fresh = [line for line in candidates if _has_fresh_variant(state, line)]
        if not fresh:
            # Alternatives have run out: these lines may come round again, but never the
            # very line just said while another is possible.
            for line in candidates:
                state.used_variants.pop(line.key, None)
            last = self._last_key.get(member.id)
            fresh = [line for line in candidates if line.key != last] or candidates
        return self._weighted(fresh, state, ctx)

    def _stage_allows_plans(self, state: MemberState) -> bool:
        rules = self.rules
        return rules.stage_index(state.stage) >= rules.stage_index(rules.plans_min_stage)

    def _talk_weights(self, state: MemberState, ctx: TurnContext) -> dict[str, float]:
        rules = self.rules
        values = state.values
        code_bias = rules.code_talk_bias.get(ctx.code, {})
        reflect_bias = rules.reflects_talk_bias.get(ctx.reflects, {}) if ctx.reflects else {}
        fit_bias = {str(k): float(v) for k, v in (rules.raw.get("fit_talk_bias") or {}).items()}
        weights: dict[str, float] = {}
        for talk, formula in rules.talk_weights.items():
            weight = formula.get("base", 0.0)
            for var, coefficient in formula.items():
                if var != "base":
                    weight += coefficient * values.get(var, 0.0)
            weight = max(rules.talk_floor, weight)
            weight *= code_bias.get(talk, 1.0) * reflect_bias.get(talk, 1.0)
            if ctx.interrogation:
                weight *= rules.interrogation_talk_bias.get(talk, 1.0)
            if ctx.fits:
                weight *= fit_bias.get(talk, 1.0)
            weights[talk] = weight
        return weights

    def _intent_weight(self, intent: str | None, state: MemberState) -> float:
        if intent is None:
            return 1.0
        rules = self.rules
        weight = rules.intent_weights.get(state.stage, {}).get(intent, 1.0)
        for var, coefficient in rules.intent_state.get(intent, {}).items():
            weight *= 1.0 + coefficient * state.values.get(var, 0.0)
        return weight

    def line_weight(
        self, line: Line, state: MemberState, ctx: TurnContext, talk: dict[str, float]
    ) -> float:
        """authored weight x talk-type weight x intent weight x specificity bonus."""
        if line.weight <= 0:
            return 0.0
        weight = line.weight * talk.get(line.talk, 1.0) * self._intent_weight(line.intent, state)
        specificity = line.condition.specificity
        if specificity:
            weight *= 1.0 + self.rules.specificity_bonus * specificity
        return weight

    def _weighted(self, lines: list[Line], state: MemberState, ctx: TurnContext) -> Line:
        if len(lines) == 1:
            return lines[0]
        talk = self._talk_weights(state, ctx)
        weights = [self.line_weight(line, state, ctx, talk) for line in lines]
        # Low-weight catch-alls ("Whatever.", "Okay.") are there for when nothing fits: beside
        # lines that do fit, they weigh together as one line, however many there are.
        fallback = [_is_fallback(line) for line in lines]
        count = sum(fallback)
        if 1 < count < len(lines):
            weights = [w / count if f else w for w, f in zip(weights, fallback, strict=True)]
        total = sum(weights)
        if total <= 0:
            return lines[0]
        point = self._rng.random() * total
        running = 0.0
        for line, weight in zip(lines, weights, strict=True):
            running += weight
            if point < running:
                return line
        return lines[-1]

    def _variant(self, member_id: str, line: Line) -> str:
        state = self._states[member_id]
        count = len(line.variants)
        used = state.used_variants.get(line.key)
        if used is None or len(used) != count:
            used = [0] * count
            state.used_variants[line.key] = used
        fresh = [i for i in range(count) if used[i] == 0]
        if not fresh:
            last = max(range(count), key=lambda i: used[i])
            for i in range(count):
                used[i] = 0
            fresh = [i for i in range(count) if i != last] or list(range(count))
        index = fresh[self._rng.randrange(len(fresh))] if len(fresh) > 1 else fresh[0]
        # Remember the order so "the variant just said" is known after a reset.
        used[index] = 1 + max(used)
        self._last_key[member_id] = line.key
        state.recent.append(line.key)
        if len(state.recent) > 20:
            del state.recent[0]
        return line.variants[index]

    # -- family scenes -------------------------------------------------------------------

    def _interjections(self, ctx: TurnContext) -> list[Turn]:
        rules = self.rules
        new: list[Turn] = []
        spoken: list[str] = []
        for item in self.script.interjections:
            if len(spoken) >= rules.max_interjections_per_turn:
                break
            member_id = item.member
            state = self._states.get(member_id)
            if state is None or not state.present or member_id == ctx.addressed:
                continue
            if member_id in spoken:
                continue
            last = self._interjected_at.get(item.index)
            if last is not None and ctx.turn - last <= rules.interjection_cooldown:
                continue
            if not item.line.condition.holds(ctx, state):
                continue
            if item.chance < 1.0 and self._rng.random() >= item.chance:
                continue
            self._interjected_at[item.index] = ctx.turn
            spoken.append(member_id)
            before = state.snapshot()
            text = self._variant(member_id, item.line)
            self._after_line(state, item.line)
            new.append(self._member_turn(member_id, item.line, text, before))
            if item.leaves:
                new += self._leave(member_id)
        return new

    def _warning(self, member_id: str) -> Turn:
        """Discord over their limit for the first time: a warning, not yet the door."""
        state = self._states[member_id]
        before = state.snapshot()
        state.warned = True
        state.rupture_turn = self._turn_number
        lines = self.facts.voice_lines(member_id, "warning") or ["I want you to go."]
        line = Line(
            key="voice:warning", id=None, kind="warning", variants=tuple(lines), talk="discord"
        )
        text = self._variant(member_id, line)
        # Saying it out loud lets off a little steam; the next push takes them out.
        state.apply({"discord": -0.04}, self.rules)
        return self._member_turn(member_id, line, text, before)

    def _walk_out(self, member_id: str) -> list[Turn]:
        member = self._members[member_id]
        state = self._states[member_id]
        new: list[Turn] = []
        cause = state.cause or "other"
        by_cause = (self.rules.raw.get("voice") or {}).get("walk_out") or {}
        variants = tuple(member.walk_out) if cause == "directive" and member.walk_out else ()
        variants = variants or tuple(by_cause.get(cause) or by_cause.get("other") or ())
        variants = variants or tuple(member.walk_out)
        if variants:
            line = Line(
                key=f"walk_out:{cause}", id=None, kind="walk_out", variants=variants, talk="discord"
            )
            before = state.snapshot()
            text = self._variant(member_id, line)
            new.append(self._member_turn(member_id, line, text, before))
        return new + self._leave(member_id)

    def _leave(self, member_id: str) -> list[Turn]:
        state = self._states[member_id]
        state.present = False
        if member_id in self._speakers:
            self._speakers.remove(member_id)
        if self._addressed == member_id:
            present = self.present
            recent = [m for m in self._speakers if m in present]
            self._addressed = recent[-1] if recent else (present[0] if present else None)
        snap = state.snapshot()
        return [
            self._add(
                Turn(
                    index=0,
                    speaker=member_id,
                    text=f"{self._members[member_id].name} leaves the room.",
                    talk_type=TalkType.NEUTRAL,
                    state_before=snap,
                    state_after=snap,
                    event=MEMBER_LEFT,
                )
            )
        ]

    def _closing(self, member_id: str) -> Turn | None:
        member = self._members[member_id]
        state = self._states[member_id]
        holding = [line for line in member.closing if line.condition.holds(None, state)]
        if not holding:
            return None
        best = max(line.condition.size for line in holding)
        group = [line for line in holding if line.condition.size == best]
        line = group[self._rng.randrange(len(group))] if len(group) > 1 else group[0]
        before = state.snapshot()
        text = self._variant(member_id, line)
        return self._member_turn(member_id, line, text, before)


@dataclass(slots=True)
class _Heard:
    """What the member made of the practitioner's line this turn."""

    coded: CodedUtterance
    intent: PractitionerIntent
    fit: ReflectionFit | None
    misheard: bool  # a reflection that fits nothing they said
    fits: bool  # a reflection that fits
    repeats: int  # times the line was said before
    text: str
    partial: bool = False  # a reflection that only half fits
    echo: bool = False  # coded directive, but their own words said back (heard as a reflection)
    repaired: bool = False


def _named_things(text: str, things: tuple[str, ...], openers: frozenset[str]) -> tuple[str, ...]:
    """The ``things`` (runs of the reflection's words nobody mentioned) it names as things:
    said after one of ``openers`` (rules ``misheard_thing_after``: "the toaster", "of
    balloons"). Without a tagger any other new word may be a verb, an adjective or a question
    word, and "What whose?" is no way for a member to speak."""
    words = re.findall(r"[a-z][a-z'\u2019-]*", text.lower())
    found = []
    for thing in things:
        run = thing.lower().split()
        for i in range(1, len(words) - len(run) + 1):
            if words[i : i + len(run)] == run and words[i - 1] in openers:
                found.append(thing)
                break
    return tuple(found)


def _without_leading_address(text: str) -> str:
    """The line as said: "@jade, what would help?" is kept as "what would help?" (the turn's
    ``addressed`` says who it was for); a name in the middle of a sentence stays."""
    match = _LEADING_TAGS.match(text)
    return text[match.end() :] if match and match.end() < len(text) else text


def _is_fallback(line: Line) -> bool:
    """A catch-all: authored below weight 1, with a `when` of codes or families only."""
    when = line.condition
    return line.weight < 1 and when.size == bool(when.codes) + bool(when.families)


def _has_fresh_variant(state: MemberState, line: Line) -> bool:
    used = state.used_variants.get(line.key)
    return used is None or len(used) != len(line.variants) or 0 in used


def _coder_version(coder: Any) -> str | None:
    version = getattr(coder, "version", None) or getattr(coder, "CODER_VERSION", None)
    if version is None:
        module = sys.modules.get(type(coder).__module__)
        version = getattr(module, "CODER_VERSION", None)
    return None if version is None else str(version)
