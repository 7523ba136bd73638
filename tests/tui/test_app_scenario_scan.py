"""The first screen lists every good scenario even when the folder holds hostile files.

Issue 17 items 1 and 7: a merge-key alias bomb or a 5,000-digit number in one file
never stops the first screen drawing nor empties the list; the notice names each
file left out and why.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.scenarios.test_scenario_hostile_files import DIGITS, merge_bomb
from tests.tui.conftest import SCENARIOS, wait_for


async def test_hostile_files_are_skipped_with_their_reason_and_the_rest_are_listed(
    make_app, tmp_path: Path
):
    folder = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS, folder)
    text = (folder / "tui-test-family.yaml").read_text(encoding="utf-8")
    assert "turn_limit: 12\n" in text
    (folder / "digits.yaml").write_text(
        text.replace("turn_limit: 12\n", f"turn_limit: {DIGITS}\n"), encoding="utf-8"
    )
    (folder / "bomb.yaml").write_text(merge_bomb(60), encoding="utf-8")
    app = make_app(scenarios_dir=folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: bool(app._notifications), tries=1000)
        notice = "\n".join(n.message for n in app._notifications)
        assert "digits.yaml: line" in notice and "5,000 digits long" in notice
        assert "bomb.yaml: line" in notice and "alias bomb" in notice
        assert app.screen.query_one("#scenarios").option_count == 2
