"""How members choose what to say: in character, never early, never made up."""

from __future__ import annotations

import copy
import itertools
import re
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mi_trainer.coding.codes import TalkType
from mi_trainer.simulation import SimulatedSession

# Lines of the fake coder's table, grouped the way a trainer would describe them.
MI_LINES = [
    "What's a normal evening like for you at the moment?",
    "What would you like mornings to look like?",
    "How do you want things to be for Ellie?",
    "What worries you most about the money?",
    "It sounds like the evenings are the hardest part.",
    "You want Ellie to have better than you had.",
    "The wine helps you switch off, and it's making the mornings harder.",
    "You feel like everyone is judging you.",
    "The rent worries sit behind a lot of the drinking.",
    "You've kept Ellie fed and happy through a really hard year.",
    "It's your choice what happens next.",
    "Would it be okay if we thought about the mornings together?",
]
DIRECTIVE_LINES = [
    "You need to stop drinking.",
    "Do you drink every night?",
    "Did Jay go to school today?",
    "You're putting the children at risk.",
    "If this carries on it could go to court.",
    "Are you drunk now?",
    "You should go to the GP.",
    "Is the rent paid?",
    "You have to take this seriously.",
    "You're in denial.",
]
ALL_LINES = [*MI_LINES, *DIRECTIVE_LINES, "You don't think the drinking is the problem."]

# Several MI-consistent and directive scripts of the same length (16 lines each).
MI_SCRIPTS = {
    "reflect first, then evoke": [
        MI_LINES[4],
        MI_LINES[7],
        MI_LINES[0],
        MI_LINES[5],
        MI_LINES[9],
        MI_LINES[1],
        MI_LINES[6],
        MI_LINES[3],
        MI_LINES[8],
        MI_LINES[10],
        MI_LINES[2],
        MI_LINES[5],
        MI_LINES[11],
        MI_LINES[6],
        MI_LINES[1],
        MI_LINES[10],
    ],
    "open questions with affirmations": [
        MI_LINES[0],
        MI_LINES[9],
        MI_LINES[1],
        MI_LINES[4],
        MI_LINES[2],
        MI_LINES[10],
        MI_LINES[3],
        MI_LINES[8],
        MI_LINES[11],
        MI_LINES[5],
        MI_LINES[0],
        MI_LINES[6],
        MI_LINES[9],
        MI_LINES[2],
        MI_LINES[5],
        MI_LINES[10],
    ],
    "autonomy and collaboration": [
        MI_LINES[10],
        MI_LINES[11],
        MI_LINES[4],
        MI_LINES[0],
        MI_LINES[10],
        MI_LINES[5],
        MI_LINES[11],
        MI_LINES[7],
        MI_LINES[1],
        MI_LINES[6],
        MI_LINES[9],
        MI_LINES[3],
        MI_LINES[8],
        MI_LINES[10],
        MI_LINES[5],
        MI_LINES[2],
    ],
}
DIRECTIVE_SCRIPTS = {
    "advice and warnings": [DIRECTIVE_LINES[i % 10] for i in (0, 4, 6, 8, 0, 4, 6, 8) * 2],
    "closed questions": [DIRECTIVE_LINES[i] for i in (1, 2, 5, 7, 1, 2, 5, 7) * 2],
    "confrontation and advice": [DIRECTIVE_LINES[i] for i in (3, 0, 9, 6, 3, 8, 9, 4) * 2],
}
SEEDS = [0, 1, 2, 3, 4]
# The fixture's topic keywords (single words), as the trainer wrote them.
TOPIC_WORDS = {
    "money": {"money", "rent", "bills", "debt", "arrears"},
    "drinking": {"drink", "drinking", "wine", "vodka", "cans", "alcohol", "drunk"},
}


@pytest.fixture
def long_family(family_data: dict, scenario_from: Any) -> Any:
    """The family fixture with room for 60 practitioner turns."""
    family_data["turn_limit"] = 60
    return scenario_from(family_data)


def _run(scenario: Any, coder: Any, script: list[str], seed: int, member: str) -> dict[str, Any]:
    session = SimulatedSession(scenario, coder, seed=seed)
    for line in script:
        if session.finished:
            break
        if member in session.present:
            session.say(f"@{member} {line}")
    talk = Counter(t.talk_type for t in session.transcript.client_turns() if t.speaker == member)
    return {
        "change": talk[TalkType.CHANGE],
        "resist": talk[TalkType.SUSTAIN] + talk[TalkType.DISCORD],
        "rapport": session.state(member)["rapport"],
    }


@pytest.mark.parametrize("fixture", ["family", "single"])
@pytest.mark.parametrize("mi_name", list(MI_SCRIPTS))
@pytest.mark.parametrize("directive_name", list(DIRECTIVE_SCRIPTS))
def test_mi_practice_draws_more_change_talk_and_rapport_than_directive_practice(
    request: pytest.FixtureRequest, coder: Any, fixture: str, mi_name: str, directive_name: str
) -> None:
    scenario = request.getfixturevalue(fixture)
    member = "leanne" if fixture == "family" else "dean"
    if fixture == "single":  # the one-member fixture stops at six turns
        data = request.getfixturevalue("single_data")
        data["turn_limit"] = 40
        scenario = request.getfixturevalue("scenario_from")(data)
    mi = [_run(scenario, coder, MI_SCRIPTS[mi_name], s, member) for s in SEEDS]
    directive = [_run(scenario, coder, DIRECTIVE_SCRIPTS[directive_name], s, member) for s in SEEDS]
    mi_change = sum(r["change"] for r in mi) / len(SEEDS)
    directive_change = sum(r["change"] for r in directive) / len(SEEDS)
    assert mi_change >= 2 * directive_change + 3, (mi_change, directive_change)
    # Per seed, not only on average.
    for good, bad in zip(mi, directive, strict=True):
        assert good["change"] > bad["change"]
        assert good["rapport"] >= bad["rapport"] + 0.2
        assert good["resist"] < bad["resist"] or good["change"] > 3 * bad["change"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    script=st.lists(
        st.sampled_from(MI_LINES) | st.sampled_from(ALL_LINES), min_size=1, max_size=30
    ),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_nothing_is_disclosed_before_its_condition_holds(
    family: Any, coder: Any, script: list[str], seed: int
) -> None:
    session = SimulatedSession(family, coder, seed=seed)
    for line in script:
        if session.finished or "leanne" not in session.present:
            break
        session.say(f"@leanne {line}")
    turns = session.transcript.turns
    said = [t.response_id for t in turns if t.speaker == "leanne"]
    for disclosure in ("rent-arrears", "ellie-found-me"):
        assert said.count(disclosure) <= 1  # once each
    for i, turn in enumerate(turns):
        if turn.response_id not in ("rent-arrears", "ellie-found-me"):
            continue
        asked = turns[i - 1]
        if turns[i - 1].speaker == "leanne" or asked.coded is None:
            continue  # after an interjection the disclosure answers an earlier line
        if i >= 2 and turns[i - 2].response_id == "voice:test":
            asked = turns[i - 3]  # she tested the worker first; the line before earned it
        before = turn.state_before
        assert before is not None
        family_of = {"question_open": "question", "question_closed": "question"}
        family_name = family_of.get(
            str(asked.coded.code),
            "reflection" if "reflection" in str(asked.coded.code) else "other",
        )
        if turn.response_id == "rent-arrears":
            assert before["rapport"] >= 0.5
            assert family_name in ("reflection", "question")
            # The topic was raised on this line or earlier (the conversation's focus carries).
            said = " ".join(t.text for t in turns[:i] if t.coded is not None)
            words = set(re.findall(r"[a-z']+", said.lower()))
            assert words & {*TOPIC_WORDS["money"], *TOPIC_WORDS["drinking"]}
        else:
            assert "rent-arrears" in before["disclosed"]
            assert before["rapport"] >= 0.6 and before["openness"] >= 0.5
            assert family_name == "reflection"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    script=st.lists(
        st.sampled_from(MI_LINES) | st.sampled_from(ALL_LINES), min_size=1, max_size=40
    ),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_plans_come_only_from_the_authored_ones_and_only_when_ready(
    long_family: Any, coder: Any, script: list[str], seed: int
) -> None:
    session = SimulatedSession(long_family, coder, seed=seed)
    for line in script:
        if session.finished or "leanne" not in session.present:
            break
        session.say(f"@leanne {line}")
    turns = session.transcript.turns
    authored = {
        "gp-appointment": (
            "I'll book in with the GP this week. About the drinking and the sleeping."
        ),
        "no-wine-weeknights": "No wine on school nights. I'll start Monday.",
    }
    for i, turn in enumerate(turns):
        if turn.subtype == "commitment" and turn.speaker == "leanne":
            assert turn.response_id in authored
            assert turn.text == authored[turn.response_id]
            assert turn.state_before["stage"] in ("preparation", "action")  # type: ignore[index]
            assert turns[i - 1].coded is not None
            assert str(turns[i - 1].coded.code) not in ("persuade", "confront")


@pytest.mark.parametrize("seed", SEEDS)
def test_steady_good_practice_earns_the_disclosures_in_order(
    long_family: Any, coder: Any, seed: int
) -> None:
    session = SimulatedSession(long_family, coder, seed=seed)
    script = MI_SCRIPTS["reflect first, then evoke"] * 3
    for line in script:
        if session.finished:
            break
        session.say(f"@leanne {line}")
    disclosed = session.state("leanne")["disclosed"]
    # In order, each once; the second needs the first and more time on its topic.
    assert disclosed in (["rent-arrears"], ["rent-arrears", "ellie-found-me"])


def test_an_eager_practitioner_still_hears_the_plans_once_she_is_ready(
    family_data: dict, scenario_from: Any, coder: Any
) -> None:
    data = family_data  # a fresh copy per test
    data["members"][0]["start"] = {
        "rapport": 0.6,
        "openness": 0.5,
        "readiness": 0.8,
        "discord": 0.1,
    }
    data["members"][0]["stage"] = "preparation"
    session = SimulatedSession(scenario_from(data), coder, seed=0)
    for line in MI_LINES[:6]:
        session.say(f"@leanne {line}")
    assert sorted(session.state("leanne")["plans"]) == ["gp-appointment", "no-wine-weeknights"]


def test_a_line_is_not_repeated_until_the_alternatives_run_out(
    single_data: dict, scenario_from: Any, coder: Any
) -> None:
    data = single_data  # a fresh copy per test
    data["turn_limit"] = 40
    data["members"][0]["plans"] = []
    session = SimulatedSession(scenario_from(data), coder, seed=3)
    replies = []
    for _ in range(8):
        replies.append(session.say("It sounds like the evenings are the hardest part.")[1].text)
    # Dean has 4 lines (2 responses x 2 variants) that fit a reflection.
    assert len(set(replies[:4])) == 4
    assert all(a != b for a, b in itertools.pairwise(replies))


def test_low_readiness_leans_on_denial_and_readiness_on_engagement(
    family_data: dict, scenario_from: Any, coder: Any
) -> None:
    def resist_share(readiness: float, stage: str) -> float:
        data = copy.deepcopy(family_data)
        data["members"][0]["start"]["readiness"] = readiness
        data["members"][0]["stage"] = stage
        data["members"][0]["disclosures"] = []
        data["members"][0]["plans"] = []
        scenario = scenario_from(data)
        talk = Counter()
        for seed in range(60):
            session = SimulatedSession(scenario, coder, seed=seed)
            reply = session.say("@leanne It sounds like the evenings are the hardest part.")[1]
            talk[reply.talk_type] += 1
        return (talk[TalkType.SUSTAIN] + talk[TalkType.DISCORD]) / 60

    assert resist_share(0.05, "precontemplation") > resist_share(0.8, "preparation") + 0.1


def test_a_member_with_nothing_fitting_to_say_stays_silent_rather_than_break_character(
    single_data: dict, scenario_from: Any, coder: Any
) -> None:
    data = single_data  # a fresh copy per test
    data["members"][0]["responses"] = [
        {"say": "Only when asked nicely.", "talk": "neutral", "when": {"codes": ["affirm"]}}
    ]
    data["members"][0]["plans"] = []
    session = SimulatedSession(scenario_from(data), coder, seed=0)
    reply = session.say("Do you drink every night?")[1]
    assert reply.text == "(Dean says nothing.)"
    assert reply.talk_type == TalkType.NEUTRAL


def test_catch_all_lines_weigh_together_as_one_beside_a_line_that_fits(
    single_data: Any, scenario_from: Any, coder: Any
) -> None:
    """Six low-weight fallbacks ('Whatever.') must not drown the one line written for an open
    question: as a group they weigh as one line."""
    member = single_data["members"][0]
    member["responses"] = [
        {
            "id": f"catch-all-{i}",
            "say": f"Whatever {i}.",
            "talk": "neutral",
            "weight": 0.5,
            "when": {"families": ["question"]},
        }
        for i in range(6)
    ] + [
        {
            "id": "about-evenings",
            "say": "Evenings are when it all goes wrong.",
            "talk": "neutral",
            "when": {"codes": ["question_open"]},
        }
    ]
    member.pop("uses", None)
    scenario = scenario_from(single_data)
    said = []
    for seed in range(40):
        session = SimulatedSession(scenario, coder, seed=seed)
        said.append(session.say("What's a normal evening like for you at the moment?")[-1].text)
    # the written line weighs 1 against the catch-alls' 0.5 together: about two in three
    assert said.count("Evenings are when it all goes wrong.") >= 20
