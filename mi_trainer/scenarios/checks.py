"""Checks beyond the shape: references, duplicates, reachability and fallbacks.

Run on a scenario that passed the schema. Levels:

- **error**: the file cannot work as written (duplicate member ids, an interjection by
  an unknown member, `uses` of an unknown response set, unknown rule names);
- **warning**: it works, but part of it is dead or suspicious (a line no state or
  code can ever reach, a disclosure whose condition can never be met, references to
  unknown topics or disclosures, a member with no fallback for some code family, an
  unlabelled talk type, duplicate line ids, themes outside the known list).

``mi-trainer validate --strict`` turns warnings into errors; bundled scenarios must
pass it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mi_trainer.coding.codes import Code
from mi_trainer.scenarios.diagnostics import ERROR, WARNING, Diagnostic
from mi_trainer.scenarios.engine import EngineDefaults
from mi_trainer.scenarios.errors import did_you_mean, suggest
from mi_trainer.scenarios.facts import Fact, SceneVoices, missing_core, speaks_as_i
from mi_trainer.scenarios.loader import Loaded, display
from mi_trainer.scenarios.models import (
    Comparison,
    Condition,
    InterjectionCondition,
    Line,
    Member,
    ResponseSetFile,
    Scenario,
)
from mi_trainer.scenarios.safeyaml import Path_, YamlDoc
from mi_trainer.scenarios.vocab import (
    FAMILY_CODES,
    FAMILY_OF,
    FAMILY_PLURAL,
    KNOWN_THEMES,
    Family,
)
from mi_trainer.vocabulary import STAGES

_STAGE_ORDER = STAGES


@dataclass(frozen=True, slots=True)
class _Item:
    """A line with where it is written and whose it is."""

    line: Line
    kind: str  # response, disclosure, plan, closing, interjection
    doc: YamlDoc
    path: Path_
    member: Member | None
    shared: str | None = None  # response set name, for lines from `uses`


class _Checker:
    def __init__(
        self, scenario: Scenario, loaded: Loaded, engine: EngineDefaults, partial: bool = False
    ) -> None:
        self.s = scenario
        self.loaded = loaded
        self.engine = engine
        self.partial = partial
        assert loaded.doc is not None
        self.doc: YamlDoc = loaded.doc
        self.out: list[Diagnostic] = []
        self.members = {m.id: m for m in scenario.members}
        self.topics = set(scenario.topics)
        self.thresholds = self._thresholds()

    # -- output -----------------------------------------------------------------------------

    def emit(self, doc: YamlDoc, path: Path_, level: str, message: str, key: bool = False) -> None:
        pos = doc.pos(path, key=key)
        diagnostic = Diagnostic(display(doc.path), pos.line, pos.col, level, message)
        if diagnostic not in self.out:
            self.out.append(diagnostic)

    def warn(self, doc: YamlDoc, path: Path_, message: str, key: bool = False) -> None:
        self.emit(doc, path, WARNING, message, key)

    def error(self, doc: YamlDoc, path: Path_, message: str, key: bool = False) -> None:
        self.emit(doc, path, ERROR, message, key)

    # -- run --------------------------------------------------------------------------------

    def run(self) -> list[Diagnostic]:
        self.check_themes()
        self.check_rules()
        self.check_members()
        self.check_sets()
        self.check_interjections()
        self.check_facts()
        return self.out

    def check_facts(self) -> None:
        """Facts name people and members who exist; every member has the core facts."""
        facts = self.s.facts
        members = [m.id for m in self.s.members]
        if facts is None:
            if self.partial:  # a whole-scenario check: it waits until the errors are fixed
                return
            # It loads, but nobody can answer "How old is she?" or "Who lives with you?".
            names = ", ".join(m.name for m in self.s.members)
            self.warn(
                self.doc,
                ("id",),
                f"no `facts:` block: {names} cannot answer concrete questions (ages, who "
                "lives there, the school, what happened) and fall back on their authored lines. "
                "Add `facts:` with `people` (names, ages, relations), `household` and `items` "
                "for at least the household, the children and the referral "
                "(docs/authoring.md, 'Facts: what the members know'; `mi-trainer new` writes "
                "an example)",
                key=True,
            )
            return
        people = list(facts.people)
        for pid, person in facts.people.items():
            if person.member is not None and person.member not in members:
                self.error(
                    self.doc,
                    ("facts", "people", pid, "member"),
                    f"person '{pid}' is member '{person.member}', but there is no such member"
                    f"{did_you_mean(person.member, members)}",
                )
        for i, pid in enumerate(facts.household):
            if pid not in people:
                self.error(
                    self.doc,
                    ("facts", "household", i),
                    f"household names '{pid}', who is not in facts.people"
                    f"{did_you_mean(pid, people)}",
                )
        disclosures = {d.id for m in self.s.members for d in m.disclosures}
        for i, fact in enumerate(facts.items):
            for j, pid in enumerate(fact.people):
                if pid not in people:
                    self.error(
                        self.doc,
                        ("facts", "items", i, "people", j),
                        f"fact '{fact.id}' names '{pid}', who is not in facts.people"
                        f"{did_you_mean(pid, people)}",
                    )
            for j, mid in enumerate(fact.by):
                if mid not in members:
                    self.error(
                        self.doc,
                        ("facts", "items", i, "by", j),
                        f"fact '{fact.id}' is said by '{mid}', who is not a member"
                        f"{did_you_mean(mid, members)}",
                    )
            if fact.disclosure is not None and fact.disclosure not in disclosures:
                self.error(
                    self.doc,
                    ("facts", "items", i, "disclosure"),
                    f"fact '{fact.id}' leads to disclosure '{fact.disclosure}', which no member "
                    f"has{did_you_mean(fact.disclosure, sorted(disclosures))}",
                )
        for mid in facts.voice:
            if mid not in members:
                self.error(
                    self.doc,
                    ("facts", "voice", mid),
                    f"facts.voice names '{mid}', who is not a member{did_you_mean(mid, members)}",
                    key=True,
                )
        voices = SceneVoices(facts, [(m.id, m.name) for m in self.s.members])
        if voices.several:
            for i, fact in enumerate(facts.items):
                if not fact.by:
                    self.check_shared_voice(voices, i, fact)
        for i, member in enumerate(self.s.members):
            missing = missing_core(facts, member.id)
            if missing:
                self.error(
                    self.doc,
                    ("members", i, "id"),
                    f"{member.name} has no facts for: {', '.join(missing)} (every member needs "
                    "the household, the children and the referral; see docs/authoring.md)",
                )

    def check_shared_voice(self, voices: SceneVoices, i: int, fact: Fact) -> None:
        """A fact every member says must not name one of them, nor speak as one of them."""
        replies: list[tuple[Path_, str]] = [(("answer",), fact.answer)]
        if fact.short:
            replies.append((("short",), fact.short))
        for field in ("guarded", "open", "deflect"):
            replies += [((field, j), t) for j, t in enumerate(getattr(fact, field) or ())]
        line = self.doc.pos(("facts", "items", i)).line
        everyone = f"facts item '{fact.id}' (line {line}) is said by everyone"
        names = {m.id: m.name for m in self.s.members}
        for where, text in replies:
            path: Path_ = ("facts", "items", i, *where)
            named = voices.named(text)
            owner = voices.owner(fact)
            if named:
                who = " and ".join(names[m] for m in sorted(named))
                says = sorted(set(names) - named)
                self.warn(
                    self.doc,
                    path,
                    f"{everyone} but its reply names {who}: add `by: [{', '.join(says)}]` and "
                    f"a version for {', '.join(sorted(named))} in their own words",
                )
            elif speaks_as_i(text):
                if owner:
                    others = ", ".join(sorted(set(names) - {owner}))
                    fix = f"({names[owner]}'s own account): add `by: [{owner}]` and a version "
                    fix += f"for {others}"
                else:
                    either = " or ".join(f"`by: [{m}]`" for m in names)
                    fix = f"(whose account is it?): add {either} and a version for the other"
                self.warn(
                    self.doc,
                    path,
                    f"{everyone} but its reply speaks as 'I' {fix} in their own words",
                )
            else:
                continue
            return  # one diagnostic per item: its fix covers every reply

    # -- metadata ---------------------------------------------------------------------------

    def check_themes(self) -> None:
        for i, theme in enumerate(self.s.themes):
            if theme not in KNOWN_THEMES:
                best = suggest(theme, KNOWN_THEMES)
                hint = f" — did you mean '{best}'?" if best else " (see docs/authoring.md)"
                self.warn(self.doc, ("themes", i), f"unknown theme '{theme}'{hint}")

    def check_rules(self) -> None:
        rules = self.s.rules
        if rules is None:
            return
        names = [str(c) for c in Code] + [str(f) for f in Family]
        for key in rules.reactions:
            if key not in names:
                self.error(
                    self.doc,
                    ("rules", "reactions", key),
                    f"unknown code or family '{key}' in rules.reactions{did_you_mean(key, names)}",
                    key=True,
                )
        defaults = self.engine.rules
        known = [*type(rules).model_fields, *(k for k in defaults if k not in ("reactions",))]
        for key, value in (rules.model_extra or {}).items():
            path = ("rules", key)
            if key not in defaults:
                hint = did_you_mean(key, known)
                if not hint:
                    hint = f" (allowed here: {', '.join(type(rules).model_fields)}, or a rule "
                    hint += "named in docs/simulation.md)"
                self.error(self.doc, path, f"unknown key '{key}' in rules{hint}", key=True)
                continue
            expected = defaults[key]
            if not _same_shape(value, expected):
                self.error(
                    self.doc,
                    path,
                    f"rules.{key} expects {_shape_name(expected)} like the engine's default "
                    f"({_short(expected)})",
                )

    # -- members ----------------------------------------------------------------------------

    def check_members(self) -> None:
        first: dict[str, int] = {}
        names: dict[str, int] = {}
        for i, member in enumerate(self.s.members):
            if member.id in first:
                line = self.doc.pos(("members", first[member.id], "id")).line
                self.error(
                    self.doc,
                    ("members", i, "id"),
                    f"duplicate member id '{member.id}' (first at line {line})",
                )
            else:
                first[member.id] = i
            folded = member.name.casefold()
            if folded in names:
                line = self.doc.pos(("members", names[folded], "name")).line
                self.warn(
                    self.doc,
                    ("members", i, "name"),
                    f"two members are called '{member.name}' (also at line {line}): "
                    "@name cannot tell them apart",
                )
            else:
                names[folded] = i
            self.check_member(i, member)

    def member_items(self, i: int, member: Member) -> Iterator[_Item]:
        base: Path_ = ("members", i)
        for kind, lines in (
            ("response", member.responses),
            ("disclosure", member.disclosures),
            ("plan", member.plans),
            ("closing", member.closing),
        ):
            key = "responses" if kind == "response" else kind + ("s" if kind != "closing" else "")
            for j, line in enumerate(lines):
                yield _Item(line, kind, self.doc, (*base, key, j), member)
        for name in dict.fromkeys(member.uses):
            origin = self.loaded.set_origins.get(name)
            if origin is None:
                continue
            for j, line in enumerate(self.s.response_sets.get(name, ())):
                yield _Item(line, "response", origin.doc, (*origin.path, j), member, name)

    def check_member(self, i: int, member: Member) -> None:
        base: Path_ = ("members", i)
        seen_sets: set[str] = set()
        for k, name in enumerate(member.uses):
            if name in seen_sets:
                self.warn(self.doc, (*base, "uses", k), f"response set '{name}' is used twice")
            seen_sets.add(name)
            if name not in self.s.response_sets:
                self.error(
                    self.doc,
                    (*base, "uses", k),
                    f"unknown response set '{name}'{did_you_mean(name, self.s.response_sets)}"
                    + (
                        ""
                        if self.s.response_sets
                        else " (define it under response_sets: or in an included file)"
                    ),
                )
        items = list(self.member_items(i, member))
        ids: dict[str, _Item] = {}
        for item in items:
            line_id = item.line.id
            if line_id is not None:
                if line_id in ids:
                    other = ids[line_id]
                    pos = other.doc.pos((*other.path, "id"))
                    where = (
                        f"line {pos.line}"
                        if other.doc is item.doc
                        else f"{display(other.doc.path)}:{pos.line}"
                    )
                    self.warn(
                        item.doc,
                        (*item.path, "id"),
                        f"duplicate id '{line_id}' for {member.name} (first at {where})",
                    )
                else:
                    ids[line_id] = item
            if item.shared is None:
                self.check_label(item)
            self.check_reachable(item)
        if not self.partial:
            self.check_fallbacks(i, member)

    def check_label(self, item: _Item) -> None:
        if item.line.talk is None:
            self.warn(
                item.doc,
                item.path,
                f"{item.kind} has no talk type: add 'talk: change', 'sustain', 'neutral' or "
                "'discord' so scoring can count it",
            )

    # -- reachability -----------------------------------------------------------------------

    def check_reachable(self, item: _Item) -> None:
        reasons = self.never_reasons(item)
        if not reasons:
            return
        what = {
            "response": "response",
            "disclosure": "disclosure",
            "plan": "plan",
            "closing": "closing line",
            "interjection": "interjection",
        }[item.kind]
        if item.kind == "disclosure":
            lead = "disclosure can never be made"
        else:
            lead = f"{what} can never be said"
        if item.shared is not None and item.member is not None:
            lead += f" by {item.member.name}"
        self.warn(item.doc, item.path, f"{lead}: {reasons[0]}")

    def never_reasons(self, item: _Item) -> list[str]:
        line = item.line
        when = line.when
        reasons: list[str] = []
        if line.weight <= 0:
            reasons.append("its weight is 0")
        if when is None:
            return reasons
        base = (*item.path, "when")
        reasons += self.comparison_reasons(when, item)
        if item.kind == "closing":
            used = [*when.turn_keys, *(["turn"] if when.turn is not None else [])]
            if used:
                reasons.append(
                    f"closing lines are said after the last turn, so '{used[0]}' never holds"
                )
        allowed = when.allowed_codes()
        if not allowed:
            if when.reflects:
                reasons.append("'reflects' needs a reflection, but its codes/families allow none")
            else:
                reasons.append(
                    "no code is in both its 'codes' and its 'families' "
                    f"({', '.join(map(str, when.codes))} / {', '.join(map(str, when.families))})"
                )
        elif item.kind in ("disclosure", "plan") and (when.codes or when.families):
            blocked = self.engine.blocked_after(item.kind)
            if blocked and all(FAMILY_OF.get(c) in blocked for c in allowed):
                fams = ", ".join(sorted(blocked))
                reasons.append(f"{item.kind}s never come straight after {fams} statements")
        if when.topics:
            unknown = []
            for k, topic in enumerate(when.topics):
                if topic not in self.topics:
                    unknown.append(topic)
                    hint = did_you_mean(topic, self.topics)
                    if not self.topics:
                        hint = " (this scenario has no topics: list them under topics:)"
                    self.warn(item.doc, (*base, "topics", k), f"unknown topic '{topic}'{hint}")
            if len(unknown) == len(when.topics):
                reasons.append("none of its topics exist")
        overlap = set(when.disclosed) & set(when.not_disclosed)
        if overlap:
            reasons.append(f"'{sorted(overlap)[0]}' is both disclosed and not_disclosed")
        if item.kind == "disclosure" and line.id in when.disclosed:
            reasons.append(f"it needs itself ('{line.id}') to be disclosed first")
        member = item.member
        if member is not None:
            own = [d.id for d in member.disclosures]
            for key in ("disclosed", "not_disclosed"):
                for k, ref in enumerate(getattr(when, key)):
                    if ref in own:
                        continue
                    owner = [m.name for m in self.s.members if ref in [d.id for d in m.disclosures]]
                    if owner:
                        hint = f" (it is {owner[0]}'s: conditions refer to the speaker's own)"
                    else:
                        hint = did_you_mean(ref, own)
                    self.warn(
                        item.doc,
                        (*base, key, k),
                        f"{member.name} has no disclosure '{ref}'{hint}",
                    )
                    if key == "disclosed":
                        reasons.append(f"{member.name} never discloses '{ref}'")
        if isinstance(when, InterjectionCondition) and when.addressed and member is not None:
            known = [a for a in when.addressed if a in self.members]
            for k, ref in enumerate(when.addressed):
                if ref not in self.members:
                    self.warn(
                        item.doc,
                        (*base, "addressed", k),
                        f"unknown member '{ref}'{did_you_mean(ref, self.members)}",
                    )
            if not known:
                reasons.append("none of the members in 'addressed' exist")
            elif all(a == member.id for a in known):
                reasons.append(
                    f"{member.name} cannot interject when the practitioner is talking to them"
                )
        return reasons

    def comparison_reasons(self, when: Condition, item: _Item) -> list[str]:
        reasons: list[str] = []
        ranges = when.ranges()
        for var, comparison in ranges.items():
            if comparison.is_empty():
                reasons.append(f"{var} '{comparison.raw}' is an empty range")
            elif not comparison.within(0.0, 1.0):
                reasons.append(f"{var} '{comparison.raw}' is outside 0..1 (states run 0 to 1)")
        if when.turn is not None and not when.turn.within(1, self.s.turn_limit):
            reasons.append(
                f"turn '{when.turn.raw}' is outside the session's turns (1..{self.s.turn_limit})"
            )
        member = item.member
        if member is None:
            return reasons
        if when.stage:
            readiness = ranges.get("readiness")
            if readiness is not None and not readiness.is_empty():
                possible = [
                    str(stage)
                    for stage in when.stage
                    if self._stage_fits(str(stage), readiness, member)
                ]
                if not possible:
                    reasons.append(
                        f"stage {', '.join(map(str, when.stage))} never has readiness "
                        f"'{readiness.raw}' (stages start at "
                        + ", ".join(f"{k} {v}" for k, v in self.thresholds.items())
                        + ")"
                    )
        discord = ranges.get("discord")
        if discord is not None and item.kind in ("response", "disclosure", "plan"):
            leave = self.leave_at(member)
            if not discord.is_empty() and discord.within(0.0, 1.0):
                below = discord.intersect(Comparison.between(0.0, leave, hi_strict=True))
                if below.is_empty():
                    reasons.append(
                        f"discord '{discord.raw}' is at or above {member.name}'s walk-out "
                        f"point ({leave}), so {member.name} leaves instead"
                    )
        return reasons

    def leave_at(self, member: Member) -> float:
        if member.leave_at_discord is not None:
            return member.leave_at_discord
        if self.s.rules is not None and self.s.rules.leave_at_discord is not None:
            return self.s.rules.leave_at_discord
        return self.engine.leave_at_discord

    def _thresholds(self) -> dict[str, float]:
        stages = dict(self.engine.stage_thresholds)
        if self.s.rules is not None and self.s.rules.stages is not None:
            stages.update(self.s.rules.stages.as_dict())
        return {k: float(v) for k, v in stages.items() if k in _STAGE_ORDER}

    def stage_interval(self, stage: str) -> Comparison | None:
        """Readiness values that give ``stage`` (None if readiness never gives it)."""
        ordered = sorted(self.thresholds.items(), key=lambda kv: (kv[1], _STAGE_ORDER.index(kv[0])))
        bounds = [("precontemplation", 0.0), *ordered]
        for n, (name, low) in enumerate(bounds):
            if name != stage:
                continue
            if n + 1 < len(bounds):
                high = bounds[n + 1][1]
                if high <= low:
                    return None
                return Comparison.between(low, high, hi_strict=True)
            return Comparison.between(low, 1.0)
        return None

    def _stage_fits(self, stage: str, readiness: Comparison, member: Member) -> bool:
        interval = self.stage_interval(stage)
        if interval is not None and not interval.intersect(readiness).is_empty():
            return True
        # At the start the authored stage holds whatever readiness says.
        if member.stage is not None and str(member.stage) == stage:
            start = member.start.readiness if member.start is not None else None
            if start is None:
                start = self.engine.stage_start_readiness.get(stage)
            if start is not None and readiness.contains(float(start)):
                return True
        return False

    # -- fallbacks --------------------------------------------------------------------------

    def check_fallbacks(self, i: int, member: Member) -> None:
        covered: set[str] = set()
        for line in member.resolved_responses:
            when = line.when
            if line.weight <= 0:
                continue
            if when is None:
                covered |= {str(c) for c in Code}
                continue
            if set(_given(when)) - {"codes", "families"}:
                continue
            covered |= when.allowed_codes()
        for family, codes in FAMILY_CODES.items():
            missing = [str(c) for c in codes if str(c) not in covered]
            if not missing:
                continue
            which = "" if len(missing) == len(codes) else f" ({', '.join(missing)})"
            self.warn(
                self.doc,
                ("members", i, "responses") if member.responses else ("members", i),
                f"{member.name} has no fallback response for "
                f"{FAMILY_PLURAL[str(family)]}{which}: add one whose 'when' names only "
                f"codes or families (e.g. families: [{family}]), so there is always a reply",
                key=bool(member.responses),
            )

    # -- response sets ----------------------------------------------------------------------

    def check_sets(self) -> None:
        used = {name for m in self.s.members for name in m.uses}
        for name, origin in self.loaded.set_origins.items():
            if origin.doc is self.doc and name not in used and not self.partial:
                self.warn(
                    origin.doc,
                    origin.path,
                    f"response set '{name}' is not used by any member (add it to a member's uses:)",
                    key=True,
                )
        for name, origin in self.loaded.set_origins.items():
            lines = self.s.response_sets.get(name, [])
            self.check_set_lines(name, origin.doc, origin.path, lines)

    def check_set_lines(self, name: str, doc: YamlDoc, path: Path_, lines: list[Any]) -> None:
        ids: dict[str, int] = {}
        for j, line in enumerate(lines):
            item = _Item(line, "response", doc, (*path, j), None, name)
            self.check_label(item)
            if line.id is not None:
                if line.id in ids:
                    first = doc.pos((*path, ids[line.id], "id")).line
                    self.warn(
                        doc,
                        (*path, j, "id"),
                        f"duplicate id '{line.id}' in response set '{name}' "
                        f"(first at line {first})",
                    )
                else:
                    ids[line.id] = j

    # -- interjections ----------------------------------------------------------------------

    def check_interjections(self) -> None:
        for k, item in enumerate(self.s.interjections):
            path: Path_ = ("interjections", k)
            member = self.members.get(item.member)
            if member is None:
                self.error(
                    self.doc,
                    (*path, "member"),
                    f"unknown member '{item.member}'{did_you_mean(item.member, self.members)}"
                    f" (members: {', '.join(self.members)})",
                )
            entry = _Item(item, "interjection", self.doc, path, member)
            self.check_label(entry)
            self.check_reachable(entry)
            if len(self.s.members) == 1 and member is not None:
                self.warn(
                    self.doc,
                    path,
                    "interjections need a second member: with one member in the room "
                    "nobody can interject",
                )


def _given(when: Condition) -> list[str]:
    return [name for name in type(when).model_fields if getattr(when, name) not in (None, [])]


def _same_shape(value: Any, expected: Any) -> bool:
    if isinstance(expected, dict):
        return isinstance(value, dict)
    if isinstance(expected, list):
        return isinstance(value, list)
    if isinstance(expected, bool):
        return isinstance(value, bool)
    if isinstance(expected, int | float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(expected, str):
        return isinstance(value, str)
    return True


def _shape_name(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return "text"


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_scenario(
    scenario: Scenario, loaded: Loaded, engine: EngineDefaults, *, partial: bool = False
) -> list[Diagnostic]:
    """Every cross-reference, duplicate and reachability problem of a loaded scenario.

    ``partial``: the scenario is what is left of a file with errors once the keys in error
    are dropped; checks about the whole (fallbacks, unused sets) are left out, since a
    dropped key could be what they miss.
    """
    return _Checker(scenario, loaded, engine, partial).run()


def check_include(
    model: ResponseSetFile, loaded: Loaded, engine: EngineDefaults
) -> list[Diagnostic]:
    """Checks for an include file on its own: labels and duplicate ids in each set."""
    bare = Scenario.model_construct(members=[], response_sets=model.response_sets)
    checker = _Checker(bare, loaded, engine)
    for name, lines in model.response_sets.items():
        origin = loaded.set_origins.get(name)
        if origin is None or origin.doc is not loaded.doc:
            continue
        checker.check_set_lines(name, origin.doc, origin.path, lines)
        for j, line in enumerate(lines):
            item = _Item(line, "response", origin.doc, (*origin.path, j), None, name)
            checker.check_reachable(item)
    return checker.out


__all__ = ["check_include", "check_scenario"]
