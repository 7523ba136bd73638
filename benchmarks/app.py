"""`python -m benchmarks app`: time the real app, headless: start-up, and Enter to the reply.

Start-up: a fresh Python process builds the command line, opens the app (headless, the
scenario folder, an empty database) and notes when it paints the first usable screen, the
start screen with its scenario list. It is timed from before the process is launched, so the
interpreter and every import count. Run ``--start-runs`` times; the floor is for the slowest.

Replies: the app runs in this process (``App.run_test``, headless, 120×40), loads the
language pipeline, starts a coach-mode session of the scenario (tips and live counts: the most
work per line) and, for each turn, puts a line in the input as a paste would, presses Enter
and waits for the frame in which the reply's bubble is on screen. A headless app builds each
frame but does not write it; the bench also turns it into terminal output, which a user in a
real terminal waits for too. The time is from the key press to that frame.

The Textual side (the frame hook, the probe, the session) is benchmarks/app_timing.py; this
module is the command: options, the start-up processes, the figures and the floors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import BenchError, percentile
from benchmarks.engine import MI_LINES

REPO = Path(__file__).resolve().parents[1]
DESCRIPTION = """\
Opens the app headless, plays a coach-mode session of a scenario and times each line from
Enter to the frame with the reply on screen; times a fresh process from launch to the first
usable screen.

example:
  python -m benchmarks app --turns 30 --max-p95-ms 100 --max-start-s 1.5
"""

# The app's coder; None builds the real one, as the app does (tests inject a shared one).
CODER_FACTORY: Any = None


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scenarios", metavar="DIR", help="scenario folder (default: the bundled scenarios)"
    )
    parser.add_argument("--turns", type=int, default=30, help="lines to say (default 30)")
    parser.add_argument(
        "--scenario",
        default="mum-drinking-school-concerns",
        metavar="ID",
        help="scenario id, from the scenario folder (default mum-drinking-school-concerns)",
    )
    parser.add_argument(
        "--start-runs", type=int, default=3, help="start-ups to time, each a new process (3)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--max-p95-ms", type=float, metavar="MS", help="exit 1 if replies' p95 > MS"
    )
    parser.add_argument(
        "--max-start-s", type=float, metavar="S", help="exit 1 if the slowest start-up > S"
    )


def measure_start(runs: int, scenarios: str | None, workdir: Path) -> list[float]:
    """Seconds from launching a process to its first usable screen, for each run."""
    code = "from benchmarks.app_timing import probe_start; probe_start()"
    env = dict(os.environ, MI_TRAINER_CONFIG_DIR=str(workdir / "config"))
    times = []
    for run in range(runs):
        db = workdir / f"start-{run}.db"
        launched = time.time()
        out = subprocess.run(
            [sys.executable, "-c", code, scenarios or "", str(db)],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,  # where `benchmarks` can be imported from
            timeout=120,
        )
        if out.returncode != 0:
            raise BenchError(f"the app did not start: {out.stderr.strip()[-500:]}")
        painted = json.loads(out.stdout.strip().splitlines()[-1])["painted_at"]
        times.append(painted - launched)
    return times


def measure_replies(turns: int, scenario: str, scenarios: str | None, workdir: Path) -> Any:
    from benchmarks.app_timing import time_replies
    from mi_trainer.tui.services import ServiceError

    try:
        return asyncio.run(
            time_replies(
                turns,
                scenario,
                MI_LINES,
                scenarios=scenarios,
                db=workdir / "replies.db",
                coder_factory=CODER_FACTORY,
            )
        )
    except ServiceError as err:
        raise BenchError(str(err)) from None


def _by_ten(replies: list[float]) -> list[dict[str, Any]]:
    rows = []
    for first in range(0, len(replies), 10):
        block = sorted(replies[first : first + 10])
        rows.append(
            {
                "turns": f"{first + 1}-{first + len(block)}",
                "p50_ms": round(percentile(block, 0.5), 1),
                "max_ms": round(block[-1], 1),
            }
        )
    return rows


def run(args: argparse.Namespace) -> int:
    turns = int(args.turns)
    if turns < 1:
        raise BenchError("--turns must be at least 1")
    if args.start_runs < 0:
        raise BenchError("--start-runs must be 0 or more")
    if args.max_start_s is not None and args.start_runs == 0:
        raise BenchError("--max-start-s needs at least one start run (--start-runs)")
    scenarios = args.scenarios
    workdir = Path(tempfile.mkdtemp(prefix="mi-trainer-bench-app-"))
    saved_config = os.environ.get("MI_TRAINER_CONFIG_DIR")
    os.environ["MI_TRAINER_CONFIG_DIR"] = str(workdir / "config")  # not the user's preferences
    try:
        start = measure_start(args.start_runs, scenarios, workdir)
        measured = measure_replies(turns, args.scenario, scenarios, workdir)
    finally:
        if saved_config is None:
            os.environ.pop("MI_TRAINER_CONFIG_DIR", None)
        else:
            os.environ["MI_TRAINER_CONFIG_DIR"] = saved_config
        shutil.rmtree(workdir, ignore_errors=True)
    replies = measured["reply_ms"]
    if not replies:
        raise BenchError(f"no reply was timed: {measured['ended']}")
    ordered = sorted(replies)
    figures: dict[str, Any] = {
        "scenario": args.scenario,
        "mode": "coach",
        "size": "120x40",
        "turns": len(replies),
        "ended_early": measured["ended"],
        "reply_ms": [round(ms, 2) for ms in replies],
        "p50_ms": round(percentile(ordered, 0.50), 2),
        "p95_ms": round(percentile(ordered, 0.95), 2),
        "max_ms": round(ordered[-1], 2),
        "mean_ms": round(sum(ordered) / len(ordered), 2),
        "by_ten": _by_ten(replies),
        "start_s": [round(s, 3) for s in start],
        "start_s_max": round(max(start), 3) if start else None,
        "pipeline_ready_s": round(measured["pipeline_ready_s"], 2),
        "max_p95_ms": args.max_p95_ms,
        "max_start_s": args.max_start_s,
    }
    reply_ok = args.max_p95_ms is None or figures["p95_ms"] <= args.max_p95_ms
    start_ok = args.max_start_s is None or figures["start_s_max"] <= args.max_start_s
    figures["ok"] = reply_ok and start_ok
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        _print_table(figures, reply_ok, start_ok)
    return 0 if figures["ok"] else 1


def _print_table(figures: dict[str, Any], reply_ok: bool, start_ok: bool) -> None:
    print(
        f"app: Enter to reply on screen, {figures['turns']} turns of {figures['scenario']} "
        f"({figures['mode']} mode, {figures['size']}, headless)"
    )
    print(f"  {'turns':<9} {'p50 ms':>8} {'max ms':>8}")
    for row in figures["by_ten"]:
        print(f"  {row['turns']:<9} {row['p50_ms']:8.1f} {row['max_ms']:8.1f}")
    print(
        f"  all       p50 {figures['p50_ms']:.1f}  p95 {figures['p95_ms']:.1f}  "
        f"max {figures['max_ms']:.1f}  mean {figures['mean_ms']:.1f} ms"
    )
    if figures["ended_early"]:
        print(f"  note: {figures['ended_early']}")
    if figures["start_s"]:
        runs = ", ".join(f"{s:.2f}" for s in figures["start_s"])
        print(
            f"start to first usable screen: {runs} s (slowest {figures['start_s_max']:.2f} s); "
            f"language pipeline ready {figures['pipeline_ready_s']:.1f} s after the app opened"
        )
    if figures["max_p95_ms"] is not None:
        verdict = "ok" if reply_ok else "TOO SLOW"
        print(f"  floor: reply p95 <= {figures['max_p95_ms']:g} ms: {verdict}")
    if figures["max_start_s"] is not None:
        verdict = "ok" if start_ok else "TOO SLOW"
        print(f"  floor: start <= {figures['max_start_s']:g} s: {verdict}")
