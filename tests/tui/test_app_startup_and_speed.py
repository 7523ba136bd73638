"""The app opens quickly and answers at once; a bad scenario folder is explained, not a crash."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.tui.conftest import BROKEN, SCENARIOS, shared_coder, wait_for


def test_opening_the_app_does_not_import_spacy():
    code = "import sys, mi_trainer.tui.app; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.perf
def test_a_reply_and_the_live_scores_take_well_under_100_ms_once_loaded():
    from mi_trainer.practice import PracticeSession
    from mi_trainer.tui.services import Services

    services = Services(scenarios_dir=SCENARIOS, coder_factory=shared_coder, seed=1)
    scenario = services.scenario_by_id("tui-test-family")
    assert scenario is not None
    session = PracticeSession.start(scenario, services.make_coder(), practitioner="Alex", seed=1)
    slowest = 0.0
    for line in ["You're exhausted.", "What would help?", "@lee You do what you can."]:
        start = time.perf_counter()
        session.say(line)  # the reply and the live score
        slowest = max(slowest, time.perf_counter() - start)
    assert slowest < 0.1


async def test_a_broken_file_in_the_scenario_folder_is_named_in_a_notice(make_app, tmp_path: Path):
    folder = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS, folder)
    shutil.copy(BROKEN, folder / "broken.yaml")
    app = make_app(scenarios_dir=folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: bool(app._notifications))
        assert any("broken.yaml" in n.message for n in app._notifications)
        assert app.screen.query_one("#scenarios").option_count == 2


async def test_a_missing_scenario_folder_is_a_notice(make_app, tmp_path: Path):
    app = make_app(scenarios_dir=tmp_path / "nowhere")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: bool(app._notifications))
        assert any("Scenario folder not found" in n.message for n in app._notifications)


async def test_the_pipeline_and_the_database_load_only_once_the_scenarios_are_listed(
    make_app, monkeypatch: pytest.MonkeyPatch
):
    # Loaded in a thread before the first screen is usable, they would share the interpreter
    # with the scenario scan and the first paint.
    from mi_trainer.tui.app import MITrainerApp

    listed_when_loading: list[int] = []
    real_load = MITrainerApp.load_coder

    def load_coder(self: MITrainerApp):  # type: ignore[no-untyped-def]
        listed_when_loading.append(self.screen.query_one("#scenarios").option_count)
        return real_load(self)

    monkeypatch.setattr(MITrainerApp, "load_coder", load_coder)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.coder_ready, tries=3000)
        assert listed_when_loading == [2]
