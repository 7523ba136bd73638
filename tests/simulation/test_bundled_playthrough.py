"""Every bundled scenario, played through: good MI practice opens people up, directive
practice shuts them down (issue 5 acceptance), across several scripts and seeds.

Two coders drive the same scripts: a table giving each line the code a MITI coder
would give (isolates scenario + engine from coder accuracy) and, once it is in
the build, the real coder (the whole pipeline as a practitioner meets it).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from mi_trainer.coding.codes import Code, Reflected, TalkType
from mi_trainer.coding.result import CodedSentence, CodedUtterance
from mi_trainer.simulation import SimulatedSession
from mi_trainer.simulation.loading import bundled_scenario_paths, load_for_play

C = Code
# Our own lines; general enough for any family (or supervision) scenario.
GOOD: dict[str, tuple[Code, Reflected | None]] = {
    "What's been happening for you since we last spoke?": (C.QUESTION_OPEN, None),
    "What would you like things to look like in six months?": (C.QUESTION_OPEN, None),
    "How would you know things were getting better?": (C.QUESTION_OPEN, None),
    "What matters most to you in all of this?": (C.QUESTION_OPEN, None),
    "What have you tried before that helped, even a little?": (C.QUESTION_OPEN, None),
    "It sounds like you're carrying a lot on your own right now.": (
        C.REFLECTION_COMPLEX,
        Reflected.NEUTRAL,
    ),
    "You're worried about what happens next.": (C.REFLECTION_COMPLEX, Reflected.NEUTRAL),
    "Part of you wants to be left alone, and part of you knows something has to change.": (
        C.REFLECTION_COMPLEX,
        Reflected.BOTH,
    ),
    "You really care about getting this right.": (C.REFLECTION_COMPLEX, Reflected.CHANGE),
    "You've kept going through a really hard time.": (C.AFFIRM, None),
    "It's your decision what happens next.": (C.EMPHASIZING_AUTONOMY, None),
    "Would it be okay if we worked out the next step together?": (
        C.SEEKING_COLLABORATION,
        None,
    ),
}
BAD: dict[str, tuple[Code, Reflected | None]] = {
    "You need to sort this out now.": (C.PERSUADE, None),
    "You should take the help that's offered.": (C.PERSUADE, None),
    "If nothing changes, this could end up in court.": (C.PERSUADE, None),
    "You have to take this seriously.": (C.PERSUADE, None),
    "You're in denial about how serious this is.": (C.CONFRONT, None),
    "You're not being honest with me.": (C.CONFRONT, None),
    "Did you know this was a problem?": (C.QUESTION_CLOSED, None),
    "Is that the whole story?": (C.QUESTION_CLOSED, None),
    "Have you done anything about it?": (C.QUESTION_CLOSED, None),
    "Do you understand why we're worried?": (C.QUESTION_CLOSED, None),
}
G = list(GOOD)
B = list(BAD)
LENGTH = 16
MI_SCRIPTS = {
    "reflect first, then evoke": [G[i] for i in (5, 0, 6, 9, 1, 7, 3, 8, 10, 2, 5, 11, 4, 8, 7, 3)],
    "open questions and affirmation": [
        G[i] for i in (0, 9, 1, 5, 3, 6, 2, 9, 4, 8, 11, 7, 1, 10, 3, 8)
    ],
    "autonomy and collaboration": [
        G[i] for i in (10, 5, 11, 0, 8, 10, 6, 3, 7, 9, 1, 11, 8, 4, 10, 2)
    ],
}
DIRECTIVE_SCRIPTS = {
    "advice and warnings": [B[i] for i in (0, 1, 2, 3) * 4],
    "closed questions": [B[i] for i in (6, 7, 8, 9) * 4],
    "confrontation and advice": [B[i] for i in (4, 0, 5, 6, 2, 4, 7, 3) * 2],
}
SEEDS = (0, 1, 2, 3)
SCENARIOS = bundled_scenario_paths()


class TableCoder:
    version = "table"

    def __init__(self) -> None:
        self.table = {**GOOD, **BAD}

    def code(self, text: str, previous_client_line: str | None = None) -> CodedUtterance:
        code, reflects = self.table[text]
        return CodedUtterance(text, code, (CodedSentence(text, code),), reflects)


def _real_coder() -> Any:
    from mi_trainer.coding.coder import Coder

    return Coder()


@pytest.fixture(scope="module", params=["table", "real"])
def coder(request: pytest.FixtureRequest) -> Any:
    return TableCoder() if request.param == "table" else _real_coder()


def _play(scenario: Any, coder: Any, script: list[str], seed: int) -> dict[str, Any]:
    session = SimulatedSession(scenario, coder, seed=seed)
    member = session.script.members[0].id  # the scenario's main person
    for line in script:
        if session.finished or member not in session.present:
            break
        session.say(f"@{member} {line}")
    talk = Counter(t.talk_type for t in session.transcript.client_turns() if t.speaker == member)
    return {
        "change": talk[TalkType.CHANGE],
        "resist": talk[TalkType.SUSTAIN] + talk[TalkType.DISCORD],
        "rapport": session.state(member)["rapport"],
    }


def test_there_are_bundled_scenarios_to_play() -> None:
    assert SCENARIOS, "no bundled scenarios found"


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
@pytest.mark.parametrize(
    ("mi_name", "directive_name"), list(zip(MI_SCRIPTS, DIRECTIVE_SCRIPTS, strict=True))
)
def test_mi_practice_beats_directive_practice_in_every_bundled_scenario(
    path: Path, coder: Any, mi_name: str, directive_name: str
) -> None:
    scenario = load_for_play(path)
    assert len(MI_SCRIPTS[mi_name]) == len(DIRECTIVE_SCRIPTS[directive_name]) == LENGTH
    mi = [_play(scenario, coder, MI_SCRIPTS[mi_name], seed) for seed in SEEDS]
    directive = [_play(scenario, coder, DIRECTIVE_SCRIPTS[directive_name], seed) for seed in SEEDS]
    mi_change = sum(r["change"] for r in mi) / len(SEEDS)
    directive_change = sum(r["change"] for r in directive) / len(SEEDS)
    mi_rapport = sum(r["rapport"] for r in mi) / len(SEEDS)
    directive_rapport = sum(r["rapport"] for r in directive) / len(SEEDS)
    detail = f"MI {mi} vs directive {directive}"
    assert mi_change >= 2 * directive_change + 2, detail
    assert mi_rapport >= directive_rapport + 0.2, detail
    for good, bad in zip(mi, directive, strict=True):
        assert good["change"] > bad["change"], detail
        assert good["rapport"] > bad["rapport"], detail


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_bundled_scenario_plays_the_same_twice(path: Path, coder: Any) -> None:
    scenario = load_for_play(path)

    def run() -> dict[str, Any]:
        session = SimulatedSession(scenario, coder, seed=9, clock=lambda: None)
        for line in MI_SCRIPTS["reflect first, then evoke"] + DIRECTIVE_SCRIPTS["closed questions"]:
            if session.finished:
                break
            session.say(line)
        session.end()
        return session.transcript.to_dict()

    assert run() == run()


PASTE = ("It sounds like the nights are really hard for you and you're worried. " * 1500)[:100_000]


def test_a_100_kb_paste_through_the_real_coder_is_one_turn() -> None:
    session = SimulatedSession(load_for_play(SCENARIOS[0]), _real_coder(), seed=0)
    practitioner, reply, *_ = session.say(PASTE)
    assert practitioner.text == PASTE and reply.talk_type is not None


@pytest.mark.perf
def test_a_100_kb_paste_through_the_real_coder_does_not_stall() -> None:
    import time

    session = SimulatedSession(load_for_play(SCENARIOS[0]), _real_coder(), seed=0)
    start = time.perf_counter()
    session.say(PASTE)
    assert time.perf_counter() - start < 5.0  # generous: CI machines are busy
