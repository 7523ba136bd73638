"""The app under a stopwatch, for `python -m benchmarks app` (the command is benchmarks/app.py).

Everything that needs Textual is here: a hook on the frames the app paints, a start-up probe
run in a fresh process, and a headless session that times each line from Enter to the frame
with the reply on screen.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from textual.app import App
from textual.errors import NoWidget
from textual.screen import Screen
from textual.widgets import Input

from mi_trainer.tui.services import ServiceError

SIZE = (120, 40)
REPLY_TIMEOUT_S = 10.0


def on_frames(app: App[Any], on_frame: Callable[[Screen[Any]], None]) -> None:
    """Call ``on_frame(screen)`` after each frame the app paints, once it is terminal output.

    A headless app builds each frame but does not write it; turning it into terminal output
    here keeps that cost, which a user in a real terminal waits for, in the timings.
    """
    paint = app._display  # Textual's one door to the terminal

    def display(screen: Screen[Any], update: Any) -> None:
        paint(screen, update)
        if update is None:
            return
        render = getattr(update, "render_segments", None)
        if render is not None:
            render(app.console)
        on_frame(screen)

    app._display = display  # type: ignore[method-assign]


def probe_start() -> None:
    """Entry point of a fresh process: print when the first usable screen is painted.

    ``sys.argv[1:]`` are the scenario folder ('' for the bundled one) and a database path.
    """
    scenarios, db = sys.argv[1] or None, sys.argv[2]
    from mi_trainer.cli.main import build_parser

    build_parser().parse_args([])  # as `mi-trainer` does before it opens the app
    from mi_trainer.tui.app import MITrainerApp
    from mi_trainer.tui.start import StartScreen

    app = MITrainerApp(scenarios_dir=scenarios, db=db)
    painted: list[float] = []

    def on_frame(screen: Screen[Any]) -> None:
        usable = isinstance(screen, StartScreen) and screen.query_one("#scenarios").option_count
        if usable and not painted:
            painted.append(time.time())

    on_frames(app, on_frame)

    async def wait() -> None:
        async with app.run_test(size=SIZE):
            while not painted:
                await asyncio.sleep(0.001)
            print(json.dumps({"painted_at": painted[0]}), flush=True)
            os._exit(0)  # not waiting for the pipeline, which loads after the first paint

    asyncio.run(wait())


async def time_replies(
    turns: int,
    scenario_id: str,
    lines: Sequence[str],
    *,
    scenarios: str | Path | None,
    db: str | Path,
    coder_factory: Callable[[], Any] | None = None,
) -> dict[str, Any]:
    """Play ``turns`` lines of a coach-mode session; milliseconds from Enter to the reply.

    Returns ``reply_ms`` (one per line), ``pipeline_ready_s`` (app opened to pipeline loaded)
    and ``ended`` (why the session stopped early, or None). Raises ServiceError when the
    scenario is missing or the pipeline cannot load.
    """
    from mi_trainer.tui.app import MITrainerApp
    from mi_trainer.tui.messages import PracticeRequested
    from mi_trainer.tui.session import Bubble, SessionScreen
    from mi_trainer.tui.start import StartScreen

    app = MITrainerApp(scenarios_dir=scenarios, db=db, coder_factory=coder_factory)
    watch: dict[str, Any] = {"bubbles": None, "seen": None}

    def on_frame(screen: Screen[Any]) -> None:
        """Note the first frame with a bubble added since Enter on screen: the reply's."""
        if watch["bubbles"] is None or watch["seen"] is not None:
            return
        if not isinstance(screen, SessionScreen):
            return
        convo = screen.query_one("#convo")
        shown = [w for w in convo.children if isinstance(w, Bubble)]
        if len(shown) <= watch["bubbles"]:
            return
        try:
            on_screen = shown[-1].region.overlaps(convo.region)
        except NoWidget:  # mounted, not laid out yet
            return
        if on_screen:
            watch["seen"] = time.perf_counter()

    on_frames(app, on_frame)
    opened = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        while not isinstance(app.screen, StartScreen):
            await pilot.pause(0.01)
        while not app.coder_ready:
            if app.coder_error:
                raise ServiceError(app.coder_error)
            await pilot.pause(0.02)
        ready_s = time.perf_counter() - opened
        scenario = app.services.scenario_by_id(scenario_id)
        if scenario is None:
            raise ServiceError(f"no scenario '{scenario_id}' in {app.services.scenarios_root()}")
        if scenario.turn_limit <= turns:  # a long run: room for every line and its reply
            scenario = scenario.model_copy(update={"turn_limit": turns + 1})
        # as the start screen's Enter
        app.start_practice(PracticeRequested(scenario, "Bench", "Bench", "coach"))
        while not isinstance(app.screen, SessionScreen):
            await pilot.pause(0.01)
        screen = app.screen
        await pilot.pause(0.1)
        line = screen.query_one("#line", Input)
        replies: list[float] = []
        ended = None
        for turn in range(turns):
            if screen.session.finished:
                ended = f"the session ended after {turn} turns"
                break
            line.value = lines[turn % len(lines)]  # as a paste would
            await pilot.pause()
            watch["bubbles"] = len(screen.query(Bubble))
            watch["seen"] = None
            pressed = time.perf_counter()
            await pilot.press("enter")
            while watch["seen"] is None:
                if time.perf_counter() - pressed > REPLY_TIMEOUT_S:
                    raise ServiceError(f"no reply on screen {REPLY_TIMEOUT_S:g} s after Enter")
                await asyncio.sleep(0.001)
            replies.append((watch["seen"] - pressed) * 1000)
            watch["bubbles"] = None
            await pilot.pause(0.05)  # the practitioner reads, then types the next line
    return {"reply_ms": replies, "pipeline_ready_s": ready_s, "ended": ended}
