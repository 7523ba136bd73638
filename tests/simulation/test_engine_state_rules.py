"""How a family member's state moves with the way the practitioner speaks to them."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from mi_trainer.scenarios.models import Condition as ConditionModel
from mi_trainer.scenarios.models import Rules as ScenarioRules
from mi_trainer.simulation import SimulatedSession
from mi_trainer.simulation.conditions import compile_condition
from mi_trainer.simulation.rules import Rules, default_rules, merged_rules
from mi_trainer.simulation.state import MemberState

from .conftest import C

UP, DOWN, SAME = "up", "down", "same"


def _moved(before: float, after: float) -> str:
    if after > before + 1e-9:
        return UP
    if after < before - 1e-9:
        return DOWN
    return SAME


# What the practitioner says to Dean (one-member fixture), and which way it moves him.
REACTIONS = [
    # line, rapport, openness, readiness, discord
    ("What would make this week a bit easier?", UP, UP, UP, DOWN),
    ("It sounds like the evenings are the hardest part.", UP, UP, UP, DOWN),
    ("You want Ellie to have better than you had.", UP, UP, UP, DOWN),
    ("The wine helps you switch off, and it's making the mornings harder.", UP, UP, UP, DOWN),
    ("You've kept Ellie fed and happy through a really hard year.", UP, UP, SAME, DOWN),
    ("It's your choice what happens next.", UP, SAME, UP, DOWN),
    ("Would it be okay if we thought about the mornings together?", UP, UP, UP, DOWN),
    ("You need to stop drinking.", DOWN, DOWN, DOWN, UP),
    ("You're in denial.", DOWN, DOWN, DOWN, UP),
]


@pytest.mark.parametrize(("line", "rapport", "openness", "readiness", "discord"), REACTIONS)
def test_the_practitioners_words_move_the_member_the_way_mi_predicts(
    single: Any, coder: Any, line: str, rapport: str, openness: str, readiness: str, discord: str
) -> None:
    session = SimulatedSession(single, coder, seed=0)
    turn = session.say(line)[0]
    before, after = turn.state_before, turn.state_after
    assert before is not None and after is not None
    assert _moved(before["rapport"], after["rapport"]) == rapport
    assert _moved(before["openness"], after["openness"]) == openness
    assert _moved(before["readiness"], after["readiness"]) == readiness
    assert _moved(before["discord"], after["discord"]) == discord


def test_reflecting_change_talk_builds_readiness_more_than_a_plain_reflection(
    single: Any, coder: Any
) -> None:
    def gain(line: str) -> float:
        turn = SimulatedSession(single, coder, seed=0).say(line)[0]
        return turn.state_after["readiness"] - turn.state_before["readiness"]  # type: ignore[index]

    assert gain("You want Ellie to have better than you had.") > gain(
        "It sounds like the evenings are the hardest part."
    )


def test_a_double_sided_reflection_softens_discord_more_than_a_one_sided_one(
    single: Any, coder: Any
) -> None:
    def drop(line: str) -> float:
        turn = SimulatedSession(single, coder, seed=0).say(line)[0]
        return turn.state_before["discord"] - turn.state_after["discord"]  # type: ignore[index]

    assert drop("The wine helps you switch off, and it's making the mornings harder.") > drop(
        "It sounds like the evenings are the hardest part."
    )


def test_a_string_of_closed_questions_feels_like_an_interrogation(single: Any, coder: Any) -> None:
    session = SimulatedSession(single, coder, seed=0)
    changes = []
    for line in ("Do you drink every night?", "Is the rent paid?", "Are you drunk now?"):
        turn = session.say(line)[0]
        changes.append(turn.state_after["discord"] - turn.state_before["discord"])  # type: ignore[index]
    # The first two barely move discord; the third (streak of 3) is felt.
    assert changes[2] > 0.05
    assert changes[0] < 0.01 and changes[1] < 0.01


COURTEOUS = [
    "Is this still a good time for you?",
    "Have I got your name right?",
    "Would you like a copy of my notes?",
    "Shall I sit by the window?",
    "Is next Tuesday alright for you?",
]
PROBING = [
    "Do you drink every night?",
    "Are you drunk now?",
    "Don't you think the kids notice?",
    "Was it the police again?",
    "Are they safe with you?",
]


def _discord_after(single: Any, coder: Any, lines: list[str]) -> float:
    for line in lines:
        coder.add(line, C.QUESTION_CLOSED)
    session = SimulatedSession(single, coder, seed=0)
    for line in lines:
        session.say(line)
    return float(session.state("dean")["discord"])


def test_a_string_of_courteous_closed_questions_wears_far_less_than_probing_ones(
    single: Any, coder: Any
) -> None:
    start = float(SimulatedSession(single, coder, seed=0).state("dean")["discord"])
    courteous = _discord_after(single, coder, COURTEOUS) - start
    probing = _discord_after(single, coder, PROBING) - start
    assert courteous < 0.5 * probing
    assert courteous < 0.06  # routine questions add little


def test_an_open_question_or_reflection_breaks_the_closed_question_streak(
    single: Any, coder: Any
) -> None:
    session = SimulatedSession(single, coder, seed=0)
    session.say("Do you drink every night?")
    session.say("Is the rent paid?")
    session.say("It sounds like the evenings are the hardest part.")
    turn = session.say("Are you drunk now?")[0]
    assert turn.state_after["discord"] - turn.state_before["discord"] < 0.01  # type: ignore[index]


def test_the_stage_of_change_follows_readiness_thresholds() -> None:
    rules = Rules.from_scenario_rules(None)
    assert [rules.stage_for(r) for r in (0.0, 0.34, 0.35, 0.69, 0.7, 0.95)] == [
        "precontemplation",
        "precontemplation",
        "contemplation",
        "contemplation",
        "preparation",
        "action",
    ]


def test_a_scenario_can_move_the_stage_thresholds() -> None:
    tuned = ScenarioRules.model_validate({"stages": {"contemplation": 0.2}})
    rules = Rules.from_scenario_rules(tuned)
    assert rules.stage_for(0.25) == "contemplation"
    assert rules.stage_for(0.75) == "preparation"  # untouched threshold kept


def test_a_scenario_reaction_replaces_only_the_variables_it_names() -> None:
    data = merged_rules({"reactions": {"persuade": {"discord": 0.3}}})
    defaults = default_rules()["reactions"]["persuade"]
    assert data["reactions"]["persuade"]["discord"] == 0.3
    assert data["reactions"]["persuade"]["rapport"] == defaults["rapport"]


def test_a_family_reaction_applies_to_every_code_in_it_and_a_code_entry_wins() -> None:
    data = merged_rules(
        {"reactions": {"directive": {"discord": 0.5}, "confront": {"discord": 0.4}}}
    )
    assert data["reactions"]["persuade"]["discord"] == 0.5
    assert data["reactions"]["confront"]["discord"] == 0.4


def test_scenario_rules_change_how_the_member_reacts(
    single_data: dict, scenario_from: Any, coder: Any
) -> None:
    single_data["rules"] = {"reactions": {"persuade": {"discord": 0.0, "rapport": 0.0}}}
    gentle = scenario_from(single_data)
    turn = SimulatedSession(gentle, coder, seed=0).say("You need to stop drinking.")[0]
    # Only the per-turn cooling of discord remains.
    assert turn.state_after["discord"] <= turn.state_before["discord"]  # type: ignore[index]


def test_gains_land_less_well_when_discord_is_high(
    single_data: dict, scenario_from: Any, coder: Any
) -> None:
    def starting_with(discord: float) -> Any:
        data = copy.deepcopy(single_data)
        data["members"][0]["start"]["discord"] = discord
        return scenario_from(data)

    line = "It sounds like the evenings are the hardest part."
    calm_turn = SimulatedSession(starting_with(0.0), coder, seed=0).say(line)[0]
    tense_turn = SimulatedSession(starting_with(0.65), coder, seed=0).say(line)[0]

    def gain(turn: Any) -> float:
        return turn.state_after["rapport"] - turn.state_before["rapport"]

    assert gain(calm_turn) > gain(tense_turn) > 0


def test_state_stays_between_0_and_1_under_any_pressure(
    single_data: dict, scenario_from: Any, coder: Any
) -> None:
    single_data["members"][0]["leave_at_discord"] = 1.0  # stays until discord is full
    single_data["turn_limit"] = 200
    scenario = scenario_from(single_data)
    hostile = SimulatedSession(scenario, coder, seed=0)
    while not hostile.finished:
        hostile.say("You're in denial.")
    assert hostile.state("dean")["discord"] == 1.0
    assert hostile.state("dean")["rapport"] == 0.0
    warm = SimulatedSession(scenario, coder, seed=0)
    for _ in range(90):
        warm.say("You want Ellie to have better than you had.")
    for session in (hostile, warm):
        for turn in session.transcript.turns:
            for state in (turn.state_before, turn.state_after):
                if state:
                    for var in ("rapport", "openness", "readiness", "discord"):
                        assert 0.0 <= state[var] <= 1.0


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("< 0.5", [0.0, 0.49], [0.5, 0.9]),
        ("<= 0.5", [0.5], [0.51]),
        ("> 0.3", [0.31, 1.0], [0.3]),
        (">= 0.3", [0.3, 1.0], [0.29]),
        ("0.2..0.6", [0.2, 0.4, 0.6], [0.19, 0.61]),
        (0.4, [0.4, 0.8], [0.39]),
    ],
)
def test_state_conditions_read_like_a_trainer_writes_them(
    text: Any, inside: list[float], outside: list[float]
) -> None:
    condition = compile_condition(ConditionModel.model_validate({"rapport": text}))

    def holds(rapport: float) -> bool:
        return condition.holds(None, MemberState(values={"rapport": rapport}, stage="action"))

    assert all(holds(v) for v in inside)
    assert not any(holds(v) for v in outside)


def test_any_default_rule_can_be_tuned_from_the_scenario(
    family_data: dict, scenario_from: Any, coder: Any
) -> None:
    """Here: the partner may interrupt on every turn instead of resting for two."""
    family_data["rules"]["interjection_cooldown"] = 0
    session = SimulatedSession(scenario_from(family_data), coder, seed=0)
    first = session.say("@leanne You need to stop drinking.")
    second = session.say("@leanne You need to stop drinking.")
    assert any(t.speaker == "mark" for t in first)
    assert any(t.speaker == "mark" for t in second)


@pytest.mark.parametrize(
    ("said_back", "heard_as_reflection"),
    [
        # their own words said back: heard as being listened to, whatever the label
        ("You're worried {words}.", True),
        ("It sounds like {words}.", True),
        # a telling-off that happens to use their words is still a telling-off
        ("You need to stop {words}.", False),
        ("You're in denial.", False),
    ],
)
def test_their_own_words_said_back_are_heard_as_a_reflection_even_if_coded_directive(
    single: Any, coder: Any, said_back: str, heard_as_reflection: bool
) -> None:
    session = SimulatedSession(single, coder, seed=0)
    reply = session.say("What's a normal evening like for you at the moment?")[-1].text
    words = reply.rstrip(".!?").lower().replace("i'm", "you're").replace(" my ", " your ")
    line = said_back.format(words=words)
    coder.add(line, C.CONFRONT)  # the coder's label; the member hears the words
    turn = session.say(line)[0]
    before, after = turn.state_before, turn.state_after
    assert before is not None and after is not None
    assert (after["discord"] < before["discord"]) is heard_as_reflection, (reply, line)
    assert (after["rapport"] > before["rapport"]) is heard_as_reflection
