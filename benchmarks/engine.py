"""`python -m benchmarks engine`: time the engine step (code + choose reply + update state).

Plays every bundled scenario (or the engine's test fixture when none are
bundled) with mixed scripts (MI-consistent, directive, interrogating, mixed, a
long pasted paragraph, @name addressing in family scenes) until ``--turns``
practitioner turns have been timed. Each timed step is one ``PracticeSession.say()``
(the layer the app and `play` drive, with no store): the coder, the reaction, the
choice of reply, interjections and the end checks.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

from benchmarks.common import BenchError, percentile

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "simulation" / "fixtures" / "family-scene.yaml"
DESCRIPTION = """\
Plays every bundled scenario with mixed scripts and reports per-turn step times.

example:
  python -m benchmarks engine --turns 2000 --max-p95-ms 20
"""

# Our own practitioner lines, general enough for any family scenario.
MI_LINES = (
    "What's a normal day like for you and the kids at the moment?",
    "It sounds like you're carrying a lot on your own right now.",
    "You've kept going through a really hard year, and the children are fed and loved.",
    "What would you like things to look like in six months?",
    "Part of you wants to be left alone, and part of you is worried about the children.",
    "It's your decision what happens next; you know your family best.",
    "Would it be okay if we looked at the mornings together?",
    "You want the children to have a better time of it than you had.",
    "What have you tried before that helped, even a bit?",
    "So the evenings are when it gets hardest, and that's when the drinking creeps up.",
    "How would you know things were getting better?",
    "You're angry that we're here, and you're also scared of what this means.",
)
DIRECTIVE_LINES = (
    "You need to stop drinking before the conference.",
    "Did you drink last night?",
    "Are the children going to school every day?",
    "You're putting the children at risk and you're in denial about it.",
    "If this carries on, it could end up in court.",
    "You should go to the GP this week.",
    "Is your partner still living here?",
    "Have you been told about the plan?",
    "You have to take this seriously.",
    "Do you understand why we're worried?",
)
INFO_LINES = (
    "Hello, I'm Sam from children's services.",
    "The conference is on Thursday at ten, and you can bring someone with you.",
    "Some parents find the drug and alcohol service helpful. Would that fit for you?",
    "Okay.",
)
LONG_LINE = " ".join(MI_LINES + DIRECTIVE_LINES)  # a pasted paragraph (~1.5 KB)


def _scripts() -> list[list[str]]:
    mixed = [line for pair in zip(MI_LINES, DIRECTIVE_LINES, strict=False) for line in pair]
    return [
        list(MI_LINES) * 3,
        list(DIRECTIVE_LINES) * 3,
        mixed + list(INFO_LINES) + mixed,
        [INFO_LINES[0], *MI_LINES[:4], LONG_LINE, *DIRECTIVE_LINES[:3], *MI_LINES[4:]],
    ]


class _TimedCoder:
    """Wraps the coder to time it separately from the rest of the step."""

    def __init__(self, coder: Any) -> None:
        self.coder = coder
        self.version = getattr(coder, "version", None)
        self.last_ns = 0

    def code(self, text: str, previous_client_line: str | None = None) -> Any:
        start = time.perf_counter_ns()
        result = self.coder.code(text, previous_client_line=previous_client_line)
        self.last_ns = time.perf_counter_ns() - start
        return result


def _load_scenarios() -> list[tuple[str, Any]]:
    from mi_trainer.simulation.loading import PlayError, bundled_scenario_paths, load_for_play

    paths: list[Path] = bundled_scenario_paths() or [FIXTURE]
    loaded = []
    for path in paths:
        try:
            loaded.append((path.stem, load_for_play(path)))
        except PlayError as err:
            raise BenchError(f"cannot benchmark {path}: {err.message}") from None
    return loaded


def measure(turns: int, coder: Any, scenarios: list[tuple[str, Any]]) -> dict[str, Any]:
    """Time ``turns`` engine steps; returns the figures (milliseconds)."""
    from mi_trainer.practice import PracticeSession

    timed = _TimedCoder(coder)
    scripts = _scripts()
    rng = random.Random(0)
    steps: list[float] = []
    coder_steps: list[float] = []
    session_count = 0
    # Warm-up: the first call of a fresh coder builds caches; not what a user waits for.
    warm = PracticeSession.start(scenarios[0][1], timed, seed=0)
    for line in MI_LINES[:3]:
        if not warm.finished:
            warm.say(line)
    while len(steps) < turns:
        _name, scenario = scenarios[session_count % len(scenarios)]
        script = scripts[(session_count // len(scenarios)) % len(scripts)]
        session = PracticeSession.start(scenario, timed, seed=session_count)
        session_count += 1
        for line in script:
            if session.finished or len(steps) >= turns:
                break
            present = session.present
            text = line
            if len(present) > 1 and rng.random() < 0.5:
                text = f"@{present[rng.randrange(len(present))]} {line}"
            start = time.perf_counter_ns()
            session.say(text)
            elapsed = time.perf_counter_ns() - start
            steps.append(elapsed / 1e6)
            coder_steps.append(timed.last_ns / 1e6)
        if not session.finished:
            session.end()
    steps.sort()
    coder_steps.sort()
    engine_only = sorted(max(0.0, s - c) for s, c in zip(steps, coder_steps, strict=True))
    return {
        "turns": len(steps),
        "sessions": session_count,
        "scenarios": [name for name, _ in scenarios],
        "p50_ms": round(percentile(steps, 0.50), 3),
        "p95_ms": round(percentile(steps, 0.95), 3),
        "max_ms": round(steps[-1] if steps else 0.0, 3),
        "mean_ms": round(sum(steps) / len(steps) if steps else 0.0, 3),
        "coder_p95_ms": round(percentile(coder_steps, 0.95), 3),
        "reply_and_state_p95_ms": round(percentile(engine_only, 0.95), 3),
    }


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--turns", type=int, default=2000, help="turns to time (default 2000)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--max-p95-ms", type=float, metavar="MS", help="exit 1 above MS")


def run(args: argparse.Namespace) -> int:
    from mi_trainer.simulation.loading import PlayError, make_coder

    turns = int(args.turns)
    if turns < 1:
        raise BenchError("--turns must be at least 1")
    scenarios = _load_scenarios()
    try:
        coder = make_coder()
    except PlayError as err:
        raise BenchError(err.message) from None
    figures = measure(turns, coder, scenarios)
    floor = args.max_p95_ms
    ok = floor is None or figures["p95_ms"] <= floor
    figures["max_p95_ms"] = floor
    figures["ok"] = ok
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"engine step (code + choose reply + update state): {figures['turns']} turns, "
            f"{figures['sessions']} sessions, {len(figures['scenarios'])} scenarios"
        )
        print(f"  p50   {figures['p50_ms']:8.3f} ms")
        print(f"  p95   {figures['p95_ms']:8.3f} ms")
        print(f"  max   {figures['max_ms']:8.3f} ms")
        print(f"  mean  {figures['mean_ms']:8.3f} ms")
        print(
            f"  of which the coder p95 {figures['coder_p95_ms']:.3f} ms; "
            f"reply and state p95 {figures['reply_and_state_p95_ms']:.3f} ms"
        )
        if floor is not None:
            verdict = "ok" if ok else "TOO SLOW"
            print(f"  floor: p95 <= {floor:g} ms: {verdict}")
    return 0 if ok else 1
