"""Do the family members answer what was asked, and can the engine be gamed? (issue 21)

    python -m benchmarks.responsiveness [--questions DIR] [--gaming FILE] [--seeds N] [--json]
        [floors...]

Over the bundled scenarios, with the real coder:

- **answered**: each concrete question of ``benchmarks/engine/questions/<id>.yaml`` asked as
  a session's first line, of the file's ``member`` or of the question's own ``member`` (family
  scenes); the reply must match one of its ``expect`` patterns and none of its ``never``
  patterns (a contradiction of the scenario's facts);
- **gaming**: change talk drawn by nonsense said as reflections and by one good reflection
  said 20 times (the gaming file's ``repeated: {<scenario>: line}``, else the first
  reflection of the MI script), as a share of what the scenario's own MI script draws
  (``tests/library/scripts``); disclosures they unlock (must be none);
- **discord**: polite closed questions (walk-outs per scenario), two confrontations followed
  by repair (walk-outs per seed), and whether MI practice still draws more change talk, and a
  smaller share of sustain talk plus discord and of discord, than directive practice in every
  scenario and seed (shares, since directive sessions often end early);
- **determinism**: the same scenario, seed and lines give the same transcript.

The gaming and discord scripts are ``benchmarks/engine/gaming.yaml`` unless ``--gaming FILE``.
``benchmarks/engine/questions`` to ``questions-6`` are tuning data (3 to 6 were held out
until their figures were published); ``--questions benchmarks/engine/heldout-N --gaming
benchmarks/engine/heldout-N/gaming.yaml``, where present, are held out: written without
reading the engine, never opened while tuning.
Each floor flag exits 1 when missed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
DATA = HERE / "engine"
LIBRARY_SCRIPTS = HERE.parent / "tests" / "library" / "scripts"
_CODE_TAG = re.compile(r"^@[\w-]+[,:;]?\s*")


def _scenarios() -> list[tuple[str, Any]]:
    from mi_trainer.simulation.loading import bundled_scenario_paths, load_for_play

    return [(p.stem, load_for_play(p)) for p in bundled_scenario_paths()]


def _session(scenario: Any, coder: Any, seed: int) -> Any:
    from mi_trainer.simulation import SimulatedSession

    return SimulatedSession(scenario, coder, seed=seed, clock=lambda: None)


def _say_all(session: Any, member: str, lines: list[str]) -> None:
    for line in lines:
        if session.finished or member not in session.present:
            break
        session.say(line, addressed=member)


def _talk(session: Any, member: str) -> Counter[str]:
    return Counter(
        str(t.talk_type) for t in session.transcript.client_turns() if t.speaker == member
    )


def _library_script(scenario_id: str, kind: str) -> tuple[str, list[str]]:
    """The first MI (or directive) script of the scenario's library scripts: (member, lines)."""
    data = yaml.safe_load((LIBRARY_SCRIPTS / f"{scenario_id}.yaml").read_text(encoding="utf-8"))
    lines = [text for _code, text in next(iter(data[kind].values()))]
    return lines, [_CODE_TAG.sub("", text) for text in lines]  # type: ignore[return-value]


def answered(coder: Any, scenarios: list[tuple[str, Any]], folder: Path) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    total = good = wrong = 0
    misses: list[str] = []
    for scenario_id, scenario in scenarios:
        path = folder / f"{scenario_id}.yaml"
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        hits = 0
        for item in data["questions"]:
            member = item.get("member", data.get("member"))
            session = _session(scenario, coder, seed=0)
            new = session.say(item["ask"], addressed=member)
            reply = next((t.text for t in new[1:] if t.speaker == member), "")
            text = reply.lower()
            ok = any(re.search(p, text) for p in item["expect"])
            contradicts = any(re.search(p, text) for p in item.get("never", ()))
            total += 1
            wrong += contradicts
            if ok and not contradicts:
                hits += 1
            else:
                misses.append(f"{scenario_id}: @{member} {item['ask']} -> {reply}")
        good += hits
        rows[scenario_id] = {"asked": len(data["questions"]), "answered": hits}
    return {
        "by_scenario": rows,
        "asked": total,
        "answered": good,
        "share": round(good / total, 3) if total else 0.0,
        "contradictions": wrong,
        "misses": misses,
    }


def gaming(
    coder: Any, scenarios: list[tuple[str, Any]], seeds: int, scripts: dict[str, Any]
) -> dict[str, Any]:
    totals = Counter()  # type: ignore[var-annotated]
    disclosed = Counter()  # type: ignore[var-annotated]
    repeated: dict[str, str] = {}
    for scenario_id, scenario in scenarios:
        member = scenario.members[0].id
        _, mi = _library_script(scenario_id, "mi")
        reflection = (scripts.get("repeated") or {}).get(scenario_id) or next(
            (line for line in mi if coder.code(line).code.startswith("reflection")), mi[0]
        )
        repeated[scenario_id] = reflection
        plays = {
            "mi": mi,
            "nonsense": list(scripts["nonsense"]) + list(scripts["nonsense"][:4]),
            "repeated": [reflection] * 20,
        }
        for seed in range(seeds):
            for name, lines in plays.items():
                session = _session(scenario, coder, seed)
                _say_all(session, member, lines)
                totals[name] += _talk(session, member)["change"]
                disclosed[name] += len(session.state(member)["disclosed"])
    mi = totals["mi"] or 1
    return {
        "change_talk": dict(totals),
        "nonsense_share": round(totals["nonsense"] / mi, 3),
        "repeated_share": round(totals["repeated"] / mi, 3),
        "disclosures": dict(disclosed),
        "repeated_lines": repeated,
    }


def discord(
    coder: Any, scenarios: list[tuple[str, Any]], seeds: int, scripts: dict[str, Any]
) -> dict[str, Any]:
    polite_walkouts = []
    repair_left = repair_runs = 0
    mi_worse: list[str] = []
    for scenario_id, scenario in scenarios:
        member = scenario.members[0].id
        left = 0
        for seed in range(seeds):
            session = _session(scenario, coder, seed)
            _say_all(session, member, list(scripts["polite_closed"]))
            left += member not in session.present
        if left * 2 > seeds:
            polite_walkouts.append(scenario_id)
        for seed in range(max(seeds, 10)):
            session = _session(scenario, coder, seed)
            _say_all(session, member, list(scripts["confront"]) + list(scripts["repair"]))
            repair_runs += 1
            repair_left += member not in session.present
        _, mi = _library_script(scenario_id, "mi")
        _, directive = _library_script(scenario_id, "directive")
        for seed in range(seeds):
            good, bad = _session(scenario, coder, seed), _session(scenario, coder, seed)
            _say_all(good, member, mi)
            _say_all(bad, member, directive)
            g, b = _talk(good, member), _talk(bad, member)
            # Directive sessions often end early: compare shares of the member's lines.
            gn, bn = sum(g.values()) or 1, sum(b.values()) or 1
            g_resist, b_resist = g["sustain"] + g["discord"], b["sustain"] + b["discord"]
            if not (
                g["change"] > b["change"]
                and g_resist / gn < b_resist / bn
                and g["discord"] / gn <= b["discord"] / bn
            ):
                mi_worse.append(f"{scenario_id} seed {seed}: MI {dict(g)} vs directive {dict(b)}")
    return {
        "polite_closed_walk_out_scenarios": polite_walkouts,
        "confront_then_repair_walk_out_share": round(repair_left / repair_runs, 3),
        "mi_not_better": mi_worse,
    }


GAMING_KEYS = ("nonsense", "polite_closed", "confront", "repair")


def load_gaming(path: Path) -> dict[str, Any] | str:
    """The gaming scripts of ``path``, or a message saying what is wrong with the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        return f"cannot read the gaming file {path}: {error.strerror}"
    except yaml.YAMLError as error:
        return f"the gaming file {path} is not valid YAML: {error}"
    if not isinstance(data, dict):
        return f"the gaming file {path} must be a mapping with keys {', '.join(GAMING_KEYS)}"
    missing = [key for key in GAMING_KEYS if not data.get(key)]
    if missing:
        return f"the gaming file {path} has no {', '.join(missing)} (a list of lines each)"
    return data


def deterministic(coder: Any, scenarios: list[tuple[str, Any]]) -> bool:
    scenario_id, scenario = scenarios[0]
    _, mi = _library_script(scenario_id, "mi")

    def run() -> dict[str, Any]:
        session = _session(scenario, coder, seed=5)
        _say_all(session, scenario.members[0].id, mi)
        return session.transcript.to_dict()

    return run() == run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.responsiveness")
    parser.add_argument("--questions", type=Path, default=DATA / "questions")
    parser.add_argument(
        "--gaming", type=Path, default=DATA / "gaming.yaml", help="nonsense/discord scripts"
    )
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--min-answered", type=float, help="share of questions answered")
    parser.add_argument(
        "--max-contradictions",
        type=int,
        default=0,
        help="replies that contradict the facts (default 0; a held-out set's measured count)",
    )
    parser.add_argument("--max-gaming-share", type=float, help="nonsense/repeat vs MI")
    parser.add_argument("--max-polite-walk-outs", type=int, help="scenarios")
    parser.add_argument("--max-repair-walk-out-share", type=float)
    parser.add_argument(
        "--require-mi-better", action="store_true", help="fail if any scenario/seed is not"
    )
    args = parser.parse_args(argv)
    scripts = load_gaming(args.gaming)
    if isinstance(scripts, str):
        parser.error(scripts)

    from mi_trainer.simulation.loading import make_coder

    coder = make_coder()
    scenarios = _scenarios()
    report = {
        "answered": answered(coder, scenarios, args.questions),
        "gaming": gaming(coder, scenarios, args.seeds, scripts),
        "discord": discord(coder, scenarios, args.seeds, scripts),
        "deterministic": deterministic(coder, scenarios),
    }
    hide_held_out_misses(report, args.questions)
    failures = _failures(report, args)
    report["failures"] = failures
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print(report)
    return 1 if failures else 0


def hide_held_out_misses(report: dict[str, Any], questions: Path | None) -> None:
    """A held-out set's figures are read, never its questions and replies: the CI log and
    `issues ci` show this output to everyone, tuners included. Only the count of misses stays."""
    if questions is not None and Path(questions).name.startswith("heldout-"):
        answers = report["answered"]
        answers["misses_hidden"] = len(answers["misses"])
        answers["misses"] = []


def _failures(report: dict[str, Any], args: argparse.Namespace) -> list[str]:
    out = []
    a, g, d = report["answered"], report["gaming"], report["discord"]
    if args.min_answered is not None and a["share"] < args.min_answered:
        out.append(f"answered {a['share']:.2f} < {args.min_answered}")
    if a["contradictions"] > args.max_contradictions:
        out.append(f"{a['contradictions']} replies contradict the scenario's facts")
    if args.max_gaming_share is not None:
        for key in ("nonsense_share", "repeated_share"):
            if g[key] > args.max_gaming_share:
                out.append(f"{key} {g[key]:.2f} > {args.max_gaming_share}")
        for key in ("nonsense", "repeated"):
            if g["disclosures"].get(key):
                out.append(f"{key} unlocked {g['disclosures'][key]} disclosures")
    polite = d["polite_closed_walk_out_scenarios"]
    if args.max_polite_walk_outs is not None and len(polite) > args.max_polite_walk_outs:
        out.append(f"polite closed questions walk out in {len(polite)} scenarios")
    share = d["confront_then_repair_walk_out_share"]
    if args.max_repair_walk_out_share is not None and share > args.max_repair_walk_out_share:
        out.append(f"confront then repair walks out {share:.2f}")
    if args.require_mi_better and d["mi_not_better"]:
        out.append(f"MI not better than directive in {len(d['mi_not_better'])} runs")
    if not report["deterministic"]:
        out.append("the same seed and lines gave different transcripts")
    return out


def _print(report: dict[str, Any]) -> None:
    a, g, d = report["answered"], report["gaming"], report["discord"]
    print(
        f"answered as a first line: {a['answered']}/{a['asked']} ({a['share']:.0%}); "
        f"contradictions: {a['contradictions']}"
    )
    for scenario_id, row in a["by_scenario"].items():
        print(f"  {scenario_id:32} {row['answered']}/{row['asked']}")
    for miss in a["misses"]:
        print(f"    miss: {miss}")
    if a.get("misses_hidden"):
        print(f"    ({a['misses_hidden']} misses not shown: a held-out set)")
    print(
        f"gaming: change talk {g['change_talk']}; nonsense {g['nonsense_share']:.0%} and "
        f"one reflection x20 {g['repeated_share']:.0%} of real MI; disclosures {g['disclosures']}"
    )
    print(
        f"discord: polite closed questions walk out in "
        f"{len(d['polite_closed_walk_out_scenarios'])} of 7 scenarios "
        f"{d['polite_closed_walk_out_scenarios']}; two confrontations then repair walk out in "
        f"{d['confront_then_repair_walk_out_share']:.0%} of sessions"
    )
    print(f"MI better than directive in every scenario and seed: {not d['mi_not_better']}")
    for row in d["mi_not_better"]:
        print(f"    {row}")
    print(f"deterministic: {report['deterministic']}")
    for failure in report["failures"]:
        print(f"FLOOR MISSED: {failure}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
