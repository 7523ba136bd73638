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
from datetime import UTC, datetime
from typing import Any, Protocol

from mi_trainer.coding.codes import TalkType
from mi_trainer.coding.result import CodedUtterance
from mi_trainer.scenarios.models import Member, Scenario
from mi_trainer.simulation.conditions import TurnContext
from mi_trainer.simulation.rules import Rules
from mi_trainer.simulation.script import (
    Line,
    MemberScript,
    ScenarioScript,
    compile_scenario,
    require_scenario,
)
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
_TALK = {t.value: t for t in TalkType}


class Coder(Protocol):
    def code(self, text: str, previous_client_line: str | None = None) -> CodedUtterance: ...


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
        """Who an untagged line goes to: the member who spoke last (None when nobody is left)."""
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
        previous = self._last_line.get(target) or self._last_text
        coded = self.coder.code(clean, previous_client_line=previous)
        self._turn_number += 1
        rules = self.rules
        code = str(coded.code)
        family = rules.family_of.get(code, "other")
        reflects = str(coded.reflects) if coded.reflects is not None else None
        topics = self.script.topics.find(clean)
        state = self._states[target]
        before = state.snapshot()
        interrogation = self._react(target, coded, code, reflects)
        ctx = TurnContext(
            code=code,
            family=family,
            reflects=reflects,
            topics=topics,
            turn=self._turn_number,
            addressed=target,
            interrogation=interrogation,
        )
        new = [
            self._add(
                Turn(
                    index=0,
                    speaker=PRACTITIONER,
                    text=text,
                    coded=coded,
                    addressed=target,
                    state_before=before,
                    state_after=state.snapshot(),
                )
            )
        ]
        if state.values["discord"] >= self._leave_at(target):
            new += self._walk_out(target)
        else:
            new.append(self._reply(target, ctx))
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
            self._addressed = turn.speaker
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
            raise ValueError(
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

    def _leave_at(self, member_id: str) -> float:
        own = self._members[member_id].leave_at_discord
        return self.rules.leave_at_discord if own is None else own

    def _react(self, target: str, coded: CodedUtterance, code: str, reflects: str | None) -> bool:
        """Apply the practitioner's turn to the addressed member (and bystanders)."""
        rules = self.rules
        effects: dict[str, float] = dict(rules.reactions.get(code, {}))
        seen = [code]
        for other in coded.codes:
            other_code = str(other)
            if other_code in seen:
                continue
            seen.append(other_code)
            for var, delta in rules.reactions.get(other_code, {}).items():
                effects[var] = effects.get(var, 0.0) + delta * rules.secondary_share
        if reflects is not None:
            for var, delta in rules.reflects.get(reflects, {}).items():
                effects[var] = effects.get(var, 0.0) + delta
        state = self._states[target]
        state.closed_streak = state.closed_streak + 1 if code == "question_closed" else 0
        interrogation = state.closed_streak >= rules.closed_question_streak
        if interrogation:
            for var, delta in rules.interrogation.items():
                effects[var] = effects.get(var, 0.0) + delta
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

    def _after_line(self, state: MemberState, line: Line) -> None:
        rules = self.rules
        if line.kind == "disclosure" and line.key not in state.disclosed:
            state.disclosed.append(line.key)
            state.apply(rules.disclosure_effects, rules)
        elif line.kind == "plan" and line.key not in state.plans:
            state.plans.append(line.key)
        if line.effects:
            state.apply(dict(line.effects), rules)
        state.apply(rules.own_talk.get(line.talk, {}), rules)

    # -- choosing lines ----------------------------------------------------------------

    def _reply(self, member_id: str, ctx: TurnContext) -> Turn:
        state = self._states[member_id]
        before = state.snapshot()
        member = self._members[member_id]
        line = self._choose(member, state, ctx)
        if line is None:
            silent = Line(key="silence", id=None, kind="silence", variants=(), talk="neutral")
            return self._member_turn(member_id, silent, f"({member.name} says nothing.)", before)
        text = self._variant(member_id, line)
        self._after_line(state, line)
        return self._member_turn(member_id, line, text, before)

    def _choose(self, member: MemberScript, state: MemberState, ctx: TurnContext) -> Line | None:
        rules = self.rules
        if ctx.family not in rules.disclosures_blocked_after:
            for line in member.disclosures:
                if line.key not in state.disclosed and line.condition.holds(ctx, state):
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

    def _walk_out(self, member_id: str) -> list[Turn]:
        member = self._members[member_id]
        new: list[Turn] = []
        if member.walk_out:
            state = self._states[member_id]
            line = Line(
                key="walk_out",
                id=None,
                kind="walk_out",
                variants=member.walk_out,
                talk="discord",
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


def _has_fresh_variant(state: MemberState, line: Line) -> bool:
    used = state.used_variants.get(line.key)
    return used is None or len(used) != len(line.variants) or 0 in used


def _coder_version(coder: Any) -> str | None:
    version = getattr(coder, "version", None) or getattr(coder, "CODER_VERSION", None)
    if version is None:
        module = sys.modules.get(type(coder).__module__)
        version = getattr(module, "CODER_VERSION", None)
    return None if version is None else str(version)
