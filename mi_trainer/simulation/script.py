"""A scenario compiled for play: members' lines with their conditions, topics, interjections.

The engine plays a validated :class:`~mi_trainer.scenarios.models.Scenario` only (from
``mi_trainer.simulation.loading.load_playable``, or ``Scenario.model_validate`` for data built
in code). The models guarantee the shape (``say`` is a non-empty list of variants,
conditions are parsed, ``response_sets`` holds the includes), so the compiler reads
plain attributes and never guesses at a missing key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mi_trainer.scenarios import models
from mi_trainer.simulation.conditions import ALWAYS, Condition, compile_condition
from mi_trainer.simulation.rules import Rules


def require_scenario(scenario: Any, who: str) -> models.Scenario:
    """``scenario`` itself if it is a validated Scenario; else a TypeError saying how to get one."""
    if isinstance(scenario, models.Scenario):
        return scenario
    what = "a dict" if isinstance(scenario, Mapping) else f"a {type(scenario).__name__}"
    raise TypeError(
        f"{who} takes a validated Scenario, not {what}: load the file with "
        "mi_trainer.simulation.loading.load_playable(path), or validate data built in code with "
        "mi_trainer.scenarios.Scenario.model_validate(data)."
    )


def _text(value: object | None) -> str | None:
    """An enum member (or None) -> its value."""
    return None if value is None else str(value)


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


def _line(item: models.Line, kind: str, index: int, default_talk: str = "neutral") -> Line:
    return Line(
        key=item.id or f"{kind}#{index}",
        id=item.id,
        kind=kind,
        variants=tuple(item.say),
        talk=_text(item.talk) or default_talk,
        darn_cat=_text(item.darn_cat),
        intent=_text(item.intent),
        condition=compile_condition(item.when),
        effects=tuple(item.effects.as_dict().items()) if item.effects else (),
        weight=item.weight,
    )


def _lines(
    items: Sequence[models.Line], kind: str, default_talk: str = "neutral"
) -> tuple[Line, ...]:
    return tuple(_line(item, kind, i, default_talk) for i, item in enumerate(items))


def _opening(item: models.OpeningLine | None) -> Line | None:
    if item is None:
        return None
    return Line(
        key="opening",
        id=None,
        kind="opening",
        variants=tuple(item.say),
        talk=str(item.talk),
        darn_cat=_text(item.darn_cat),
        intent=_text(item.intent),
    )


@dataclass(frozen=True, slots=True)
class MemberScript:
    id: str
    name: str
    model: models.Member
    opening: Line | None
    walk_out: tuple[str, ...]
    closing: tuple[Line, ...]
    responses: tuple[Line, ...]
    disclosures: tuple[Line, ...]
    plans: tuple[Line, ...]
    leave_at_discord: float | None
    story: str = ""  # background, persona, values: what they may plausibly mean


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

    def __init__(self, topics: Mapping[str, Sequence[str]]) -> None:
        self.topics_of: dict[str, tuple[str, ...]] = {}
        for topic, keywords in topics.items():
            for keyword in keywords:
                kw = _normalise(keyword).strip()
                if kw:
                    self.topics_of[kw] = (*self.topics_of.get(kw, ()), topic)
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


def compile_scenario(scenario: models.Scenario, rules: Rules | None = None) -> ScenarioScript:
    """A validated scenario -> :class:`ScenarioScript` (TypeError for anything else)."""
    scenario = require_scenario(scenario, "compile_scenario()")
    rules = rules or Rules.from_scenario_rules(scenario.rules)
    members = []
    for member in scenario.members:
        responses = list(_lines(member.responses, "response"))
        for set_name in member.uses:
            for line in _lines(scenario.response_sets.get(set_name, ()), "response"):
                key = line.key if line.id else f"{set_name}#{line.key}"
                responses.append(_with_key(line, key))
        members.append(
            MemberScript(
                id=member.id,
                name=member.name,
                model=member,
                opening=_opening(member.opening),
                walk_out=tuple(member.walk_out or ()),
                closing=_lines(member.closing, "closing"),
                responses=tuple(_unique_keys(responses)),
                disclosures=_lines(member.disclosures, "disclosure", "change"),
                plans=_lines(member.plans, "plan", "change"),
                leave_at_discord=member.leave_at_discord,
                story=" ".join(filter(None, [member.background, member.persona, *member.values])),
            )
        )
    interjections = tuple(
        Interjection(
            index=index,
            member=item.member,
            line=_line(item, "interjection", index),
            chance=item.chance,
            leaves=item.leaves,
        )
        for index, item in enumerate(scenario.interjections)
    )
    return ScenarioScript(
        id=scenario.id,
        title=scenario.title,
        members=tuple(members),
        interjections=interjections,
        turn_limit=scenario.turn_limit,
        topics=TopicMatcher(scenario.topics),
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
