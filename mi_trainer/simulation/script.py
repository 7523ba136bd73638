"""A scenario compiled for play: members' lines with their conditions, topics, interjections.

The engine reads the scenario models (``mi_trainer.scenarios.models``) through
:func:`get`, which also accepts plain mappings in the same shape, so the engine
can be driven from a dict (tests, tools) as well as from a loaded scenario.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mi_trainer.simulation.conditions import ALWAYS, Condition, compile_condition
from mi_trainer.simulation.rules import Rules


def get(obj: Any, name: str, default: Any = None) -> Any:
    """Field ``name`` of a model or mapping (None-safe)."""
    if obj is None:
        return default
    value = obj.get(name, default) if isinstance(obj, Mapping) else getattr(obj, name, default)
    return default if value is None else value


def _value(value: Any) -> str | None:
    """Enum or string -> string."""
    if value is None:
        return None
    return str(getattr(value, "value", value))


def _variants(say: Any) -> tuple[str, ...]:
    if say is None:
        return ()
    if isinstance(say, str):
        return (say,)
    return tuple(str(s) for s in say)


def _effects(effects: Any) -> dict[str, float]:
    if not effects:
        return {}
    if not isinstance(effects, Mapping):
        dump = getattr(effects, "model_dump", None)
        effects = dump(exclude_none=True) if callable(dump) else {}
    return {str(k): float(v) for k, v in effects.items() if v is not None}


@dataclass(frozen=True, slots=True)
class Line:
    """An authored line (response, disclosure, plan, closing, opener, walk-out, interjection)."""

    key: str  # unique within the member: the id, or "<kind>#<n>"
    id: str | None
    kind: str
    variants: tuple[str, ...]
    talk: str
    darn_cat: str | None = None
    intent: str | None = None
    condition: Condition = ALWAYS
    effects: tuple[tuple[str, float], ...] = ()
    weight: float = 1.0

    @property
    def subtype(self) -> str | None:
        return self.darn_cat or self.intent


def _line(item: Any, kind: str, index: int, default_talk: str = "neutral") -> Line:
    if isinstance(item, str):
        return Line(key=f"{kind}#{index}", id=None, kind=kind, variants=(item,), talk=default_talk)
    line_id = _value(get(item, "id"))
    weight = get(item, "weight")
    return Line(
        key=line_id or f"{kind}#{index}",
        id=line_id,
        kind=kind,
        variants=_variants(get(item, "say")),
        talk=_value(get(item, "talk")) or default_talk,
        darn_cat=_value(get(item, "darn_cat")),
        intent=_value(get(item, "intent")),
        condition=compile_condition(get(item, "when")),
        effects=tuple(_effects(get(item, "effects")).items()),
        weight=1.0 if weight is None else float(weight),
    )


def _lines(items: Any, kind: str, default_talk: str = "neutral") -> tuple[Line, ...]:
    if items is None:
        return ()
    if isinstance(items, str):
        items = [items]
    lines = [_line(item, kind, i, default_talk) for i, item in enumerate(items)]
    return tuple(line for line in lines if line.variants)


@dataclass(frozen=True, slots=True)
class MemberScript:
    id: str
    name: str
    model: Any
    openings: tuple[str, ...]
    walk_out: tuple[str, ...]
    closing: tuple[Line, ...]
    responses: tuple[Line, ...]
    disclosures: tuple[Line, ...]
    plans: tuple[Line, ...]
    leave_at_discord: float | None


@dataclass(frozen=True, slots=True)
class Interjection:
    index: int
    member: str
    line: Line
    chance: float
    leaves: bool


@dataclass(frozen=True, slots=True)
class ScenarioScript:
    id: str
    title: str
    members: tuple[MemberScript, ...]
    interjections: tuple[Interjection, ...]
    turn_limit: int
    topics: TopicMatcher
    rules: Rules

    def member(self, member_id: str) -> MemberScript:
        for member in self.members:
            if member.id == member_id:
                return member
        raise KeyError(member_id)


class TopicMatcher:
    """Finds which topics a practitioner line mentions, in one linear regex pass."""

    def __init__(self, topics: Mapping[str, Any]) -> None:
        self.topics_of: dict[str, tuple[str, ...]] = {}
        for topic, keywords in topics.items():
            for keyword in keywords or ():
                kw = _normalise(str(keyword)).strip()
                if kw:
                    self.topics_of[kw] = (*self.topics_of.get(kw, ()), str(topic))
        if self.topics_of:
            alternatives = sorted(self.topics_of, key=lambda k: (-len(k), k))
            body = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in alternatives)
            self.pattern: re.Pattern[str] | None = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        else:
            self.pattern = None

    def find(self, text: str) -> frozenset[str]:
        if self.pattern is None:
            return frozenset()
        found: set[str] = set()
        for match in self.pattern.finditer(_normalise(text)):
            key = re.sub(r"\s+", " ", match.group(0))
            found.update(self.topics_of.get(key, ()))
        return frozenset(found)


def _normalise(text: str) -> str:
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def compile_scenario(scenario: Any, rules: Rules | None = None) -> ScenarioScript:
    """Scenario model (or mapping in the same shape) -> :class:`ScenarioScript`."""
    rules = rules or Rules.from_scenario_rules(get(scenario, "rules"))
    response_sets = get(scenario, "response_sets") or {}
    members = []
    for member in get(scenario, "members") or ():
        member_id = _value(get(member, "id"))
        assert member_id, "a member without an id"
        responses = list(_lines(get(member, "responses"), "response"))
        for set_name in get(member, "uses") or ():
            shared = (
                response_sets.get(str(set_name)) if isinstance(response_sets, Mapping) else None
            )
            if shared is None:
                continue
            for line in _lines(shared, "response"):
                key = line.key if line.id else f"{set_name}#{line.key}"
                responses.append(_with_key(line, key))
        leave = get(member, "leave_at_discord")
        members.append(
            MemberScript(
                id=member_id,
                name=str(get(member, "name") or member_id),
                model=member,
                openings=_variants(get(member, "opening")),
                walk_out=_variants(get(member, "walk_out")),
                closing=_lines(get(member, "closing"), "closing"),
                responses=tuple(_unique_keys(responses)),
                disclosures=_lines(get(member, "disclosures"), "disclosure", "change"),
                plans=_lines(get(member, "plans"), "plan", "change"),
                leave_at_discord=None if leave is None else float(leave),
            )
        )
    interjections = []
    for index, item in enumerate(get(scenario, "interjections") or ()):
        line = _line(item, "interjection", index)
        if not line.variants:
            continue
        chance = get(item, "chance")
        interjections.append(
            Interjection(
                index=index,
                member=str(_value(get(item, "member"))),
                line=line,
                chance=1.0 if chance is None else float(chance),
                leaves=bool(get(item, "leaves", False)),
            )
        )
    topics = get(scenario, "topics") or {}
    if not isinstance(topics, Mapping):
        topics = dict(topics)
    turn_limit = get(scenario, "turn_limit")
    return ScenarioScript(
        id=str(get(scenario, "id") or "scenario"),
        title=str(get(scenario, "title") or get(scenario, "id") or "scenario"),
        members=tuple(members),
        interjections=tuple(interjections),
        turn_limit=40 if turn_limit is None else int(turn_limit),
        topics=TopicMatcher(topics),
        rules=rules,
    )


def _with_key(line: Line, key: str) -> Line:
    return Line(
        key=key,
        id=line.id,
        kind=line.kind,
        variants=line.variants,
        talk=line.talk,
        darn_cat=line.darn_cat,
        intent=line.intent,
        condition=line.condition,
        effects=line.effects,
        weight=line.weight,
    )


def _unique_keys(lines: list[Line]) -> list[Line]:
    """Keys must be unique within a member (ids are validated, but stay safe)."""
    seen: dict[str, int] = {}
    out = []
    for line in lines:
        count = seen.get(line.key, 0)
        seen[line.key] = count + 1
        out.append(line if count == 0 else _with_key(line, f"{line.key}~{count}"))
    return out
