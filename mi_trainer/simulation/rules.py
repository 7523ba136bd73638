"""The reaction rules: defaults from ``default_rules.yaml``, tuned per scenario.

Rules are data. The engine reads them once per session into plain tuples and
dicts (:class:`Rules`), so a turn is table look-ups and a few multiplications.
A scenario's ``rules:`` block overrides the defaults:

- ``reactions``: a code (``persuade``) or a code family (``directive``) mapped to
  effects; a family entry applies to each code in it, a code entry wins over its
  family; only the variables named are replaced, the others keep their default.
- ``closed_question_streak``, ``leave_at_discord``: replace the default.
- ``stages``: replaces the named thresholds.
- Any other top-level key of ``default_rules.yaml`` may also be given; mappings
  are merged key by key, everything else replaced.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mi_trainer.coding.codes import Code
from mi_trainer.scenarios.engine import EngineDefaults
from mi_trainer.scenarios.models import Rules as ScenarioRules
from mi_trainer.vocabulary import (
    FAMILY_CODES,
    INTENTS,
    STAGES,
    TALK_TYPES,
    VARIABLES,
    Reflected,
    TalkType,
)

DEFAULT_RULES_PATH = Path(__file__).with_name("default_rules.yaml")

Effects = dict[str, float]


@functools.cache
def _default_rules_text() -> str:
    return DEFAULT_RULES_PATH.read_text(encoding="utf-8")


def default_rules() -> dict[str, Any]:
    """A fresh copy of the default rules as plain data."""
    return copy.deepcopy(_parsed_defaults())


@functools.cache
def _parsed_defaults() -> dict[str, Any]:
    data = yaml.safe_load(_default_rules_text())
    if not isinstance(data, dict):
        raise RulesVocabularyError(f"{DEFAULT_RULES_PATH}: must be a mapping of rule names")
    problems = vocabulary_problems(data)
    if problems:
        raise RulesVocabularyError(
            f"{DEFAULT_RULES_PATH}: names outside mi_trainer/vocabulary.py: " + "; ".join(problems)
        )
    return data


@functools.cache
def engine_defaults() -> EngineDefaults:
    """What the scenario checks compare a scenario with (ValueError if the defaults lack it)."""
    return EngineDefaults.from_rules(_parsed_defaults())


class RulesVocabularyError(ValueError):
    """The default rules use a code, family, stage, talk type, intent or variable that the shared
    vocabulary does not know (a typo there would silently do nothing)."""


def vocabulary_problems(data: Mapping[str, Any]) -> list[str]:
    """Every name in the rules checked against :mod:`mi_trainer.vocabulary`."""
    codes = {str(c) for c in Code}
    families = {str(f): {str(c) for c in cs} for f, cs in FAMILY_CODES.items()}
    talk = {str(t) for t in TalkType}
    reflects = {str(r) for r in Reflected}
    variables, stages, intents = set(VARIABLES), set(STAGES), set(INTENTS)
    problems: list[str] = []

    def check(where: str, names: Any, allowed: set[str]) -> None:
        if isinstance(names, Mapping | list | tuple):
            for name in names:
                if str(name) not in allowed:
                    problems.append(f"{where}: unknown {str(name)!r}")

    def nested(key: str, outer: set[str], inner: set[str]) -> None:
        table = data.get(key) or {}
        check(key, table, outer)
        for name, value in table.items() if isinstance(table, Mapping) else ():
            check(f"{key}.{name}", value or {}, inner)

    written = {str(f): {str(c) for c in cs} for f, cs in (data.get("families") or {}).items()}
    if written != families:
        problems.append("families: must be the code families of the vocabulary (FAMILY_CODES)")
    nested("reactions", codes | set(families), variables)
    nested("reflects", reflects, variables)
    nested("own_talk", talk, variables)
    for key in ("interrogation", "disclosure_effects", "start"):
        check(key, data.get(key) or {}, variables)
    check("bystander.variables", (data.get("bystander") or {}).get("variables", ()), variables)
    check("stages", data.get("stages") or {}, stages)
    check("stage_start_readiness", data.get("stage_start_readiness") or {}, stages)
    for key in ("disclosures", "plans"):
        check(
            f"{key}.blocked_after_families",
            (data.get(key) or {}).get("blocked_after_families", ()),
            set(families),
        )
    min_stage = (data.get("plans") or {}).get("min_stage")
    if min_stage is not None and min_stage not in stages:
        problems.append(f"plans.min_stage: unknown {min_stage!r}")
    nested("talk_weights", set(TALK_TYPES) | {"floor"}, variables | {"base"})
    nested("code_talk_bias", codes, talk)
    nested("reflects_talk_bias", reflects, talk)
    check("interrogation_talk_bias", data.get("interrogation_talk_bias") or {}, talk)
    nested("intent_weights", stages, intents)
    nested("intent_state", intents, variables)
    return problems


def _plain(value: Any) -> Any:
    """Mappings / sequences -> plain dicts and lists, dropping None values in mappings."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base


def merged_rules(scenario_rules: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Default rules with a scenario's ``rules`` block (as plain data) applied (see module doc)."""
    data = default_rules()
    override = _plain(scenario_rules or {})
    reactions = override.pop("reactions", None) or {}
    _merge(data, override)
    families: dict[str, list[str]] = data["families"]
    # Family entries first, then code entries, so a code wins over its family.
    for key in sorted(reactions, key=lambda k: (k not in families, k)):
        effects = {k: float(v) for k, v in (reactions[key] or {}).items()}
        codes = families.get(key, [key])
        for code in codes:
            data["reactions"].setdefault(code, {}).update(effects)
    return data


def _effects(mapping: Any) -> Effects:
    if not mapping:
        return {}
    return {str(k): float(v) for k, v in mapping.items() if str(k) in VARIABLES}


def _weights(mapping: Any, keys: tuple[str, ...]) -> dict[str, float]:
    mapping = mapping or {}
    return {k: float(mapping[k]) for k in keys if k in mapping}


@dataclass(frozen=True, slots=True)
class Rules:
    """The rules of one session, ready for fast look-up."""

    family_of: dict[str, str]
    reactions: dict[str, Effects]
    secondary_share: float
    reflects: dict[str, Effects]
    closed_question_streak: int
    interrogation: Effects
    discord_dampens_gains: float
    gains_saturate: float
    discord_decay: float
    bystander_share: float
    bystander_variables: tuple[str, ...]
    own_talk: dict[str, Effects]
    disclosure_effects: Effects
    stage_thresholds: tuple[tuple[str, float], ...]  # ascending: (stage, min readiness)
    stage_start_readiness: dict[str, float]
    start: Effects
    leave_at_discord: float
    disclosures_blocked_after: tuple[str, ...]
    plans_min_stage: str
    plans_blocked_after: tuple[str, ...]
    talk_floor: float
    talk_weights: dict[str, dict[str, float]]  # talk -> {"base": b, var: coefficient}
    code_talk_bias: dict[str, dict[str, float]]
    reflects_talk_bias: dict[str, dict[str, float]]
    interrogation_talk_bias: dict[str, float]
    intent_weights: dict[str, dict[str, float]]
    intent_state: dict[str, dict[str, float]]
    specificity_bonus: float
    max_interjections_per_turn: int
    interjection_cooldown: int
    probing_closed: re.Pattern[str]  # a closed question that probes or leads
    raw: dict[str, Any]

    @classmethod
    def from_scenario_rules(cls, scenario_rules: ScenarioRules | None = None) -> Rules:
        """The defaults tuned by a validated scenario's ``rules:`` block (None: the defaults)."""
        override = None if scenario_rules is None else scenario_rules.model_dump(exclude_none=True)
        return cls.from_data(merged_rules(override))

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Rules:
        family_of: dict[str, str] = {}
        for family, codes in data["families"].items():
            for code in codes:
                family_of[str(code)] = str(family)
        for code in Code:
            family_of.setdefault(str(code), "other")
        stages = data.get("stages") or {}
        thresholds = sorted(
            ((str(k), float(v)) for k, v in stages.items() if k in STAGES and v is not None),
            key=lambda kv: (kv[1], STAGES.index(kv[0])),
        )
        talk = data["talk_weights"]
        return cls(
            family_of=family_of,
            reactions={str(k): _effects(v) for k, v in data["reactions"].items()},
            secondary_share=float(data.get("secondary_share", 0.0)),
            reflects={str(k): _effects(v) for k, v in (data.get("reflects") or {}).items()},
            closed_question_streak=int(data.get("closed_question_streak", 3)),
            interrogation=_effects(data.get("interrogation")),
            discord_dampens_gains=float(data.get("discord_dampens_gains", 0.0)),
            gains_saturate=float(data.get("gains_saturate", 0.0)),
            discord_decay=float(data.get("discord_decay", 0.0)),
            bystander_share=float((data.get("bystander") or {}).get("share", 0.0)),
            bystander_variables=tuple(
                str(v) for v in (data.get("bystander") or {}).get("variables", ())
            ),
            own_talk={str(k): _effects(v) for k, v in (data.get("own_talk") or {}).items()},
            disclosure_effects=_effects(data.get("disclosure_effects")),
            stage_thresholds=tuple(thresholds),
            stage_start_readiness=_weights(data.get("stage_start_readiness"), STAGES),
            start=_effects(data.get("start")),
            leave_at_discord=float(data.get("leave_at_discord", 0.9)),
            disclosures_blocked_after=tuple(
                (data.get("disclosures") or {}).get("blocked_after_families", ())
            ),
            plans_min_stage=str((data.get("plans") or {}).get("min_stage", "preparation")),
            plans_blocked_after=tuple((data.get("plans") or {}).get("blocked_after_families", ())),
            talk_floor=float(talk.get("floor", 0.05)),
            talk_weights={
                t: {str(k): float(v) for k, v in (talk.get(t) or {}).items()} for t in TALK_TYPES
            },
            code_talk_bias={
                str(k): _weights(v, TALK_TYPES)
                for k, v in (data.get("code_talk_bias") or {}).items()
            },
            reflects_talk_bias={
                str(k): _weights(v, TALK_TYPES)
                for k, v in (data.get("reflects_talk_bias") or {}).items()
            },
            interrogation_talk_bias=_weights(data.get("interrogation_talk_bias"), TALK_TYPES),
            intent_weights={
                str(k): _weights(v, INTENTS) for k, v in (data.get("intent_weights") or {}).items()
            },
            intent_state={
                str(k): _weights(v, VARIABLES) for k, v in (data.get("intent_state") or {}).items()
            },
            specificity_bonus=float(data.get("specificity_bonus", 0.0)),
            max_interjections_per_turn=int(data.get("max_interjections_per_turn", 1)),
            interjection_cooldown=int(data.get("interjection_cooldown", 0)),
            probing_closed=_any_of(data.get("probing_closed") or ()),
            raw=data,
        )

    def stage_for(self, readiness: float) -> str:
        stage = "precontemplation"
        for name, threshold in self.stage_thresholds:
            if readiness >= threshold:
                stage = name
        return stage

    def stage_index(self, stage: str) -> int:
        return STAGES.index(stage) if stage in STAGES else 0


def _any_of(patterns: Any) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of ``patterns`` (none: matches nothing)."""
    body = "|".join(f"(?:{p})" for p in patterns) or r"(?!)"
    return re.compile(body, re.IGNORECASE)
