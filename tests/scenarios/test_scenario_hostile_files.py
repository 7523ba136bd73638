"""Issue 17, the scenario side: a security review's probes, each kept fixed.

- item 1: merge-key (`<<:`) alias bombs are counted as they are expanded and refused;
- item 2: includes stay inside the scenario's own folder tree, links out of a scenario
  folder are not followed, and no message shows the content of a file that is not a
  scenario;
- item 6 (scenario side) and item 7: a 5,000-digit number is one clear message at its
  line, and one bad file never empties the list of the others.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mi_trainer.cli.main import main
from mi_trainer.scenarios import validate_paths
from mi_trainer.scenarios.library import LINK_OUT, scan_scenarios
from mi_trainer.simulation.rules import engine_defaults

ENGINE = engine_defaults()
VALID = Path(__file__).parent / "fixtures" / "valid" / "two-members.yaml"
SECRET = (
    "rootpw:$6$hash$xyz:19000:0:99999:7:::\n"
    "daemon:*:19000:0:99999:7:::\n"
    "secretkey: hunter2-secret\n"
)
DIGITS = "9" * 5000


def merge_bomb(levels: int) -> str:
    """A small file whose `<<:` merges double at every level (2**levels pairs in full)."""
    lines = ["schema_version: 1", "id: bomb", "title: Bomb", "a0: &a0 {k: 1, j: 2}"]
    lines += [f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}]}}" for i in range(1, levels + 1)]
    lines.append(f"members: [{{id: x, name: X, <<: *a{levels}}}]")
    return "\n".join(lines) + "\n"


def scenario_text(**replace: str) -> str:
    text = VALID.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


def with_include(folder: Path, entry: str, name: str = "scenario.yaml") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scenario_text(**{"\ntopics:": f"\nincludes: ['{entry}']\ntopics:"}))
    return path


# -- item 1: merge-key alias bombs ----------------------------------------------------------


def test_a_merge_key_bomb_is_refused_at_once_not_expanded(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(merge_bomb(60))  # 2**60 pairs: expanding first would never finish
    assert len(path.read_bytes()) < 2000
    code = (
        f"from mi_trainer.cli.main import main; raise SystemExit(main(['validate', {str(path)!r}]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 1
    assert "error: too many values after expanding aliases and merges (over 100,000)" in (
        done.stdout
    )
    assert "Traceback" not in done.stderr


def test_merges_a_scenario_really_uses_still_work(tmp_path: Path) -> None:
    path = tmp_path / "merged.yaml"
    text = scenario_text(
        **{
            "  - id: dani\n": "  - &dani\n    id: dani\n",
            "  - id: lee\n": "  - <<: *dani\n    id: lee\n",
        }
    )
    path.write_text(text)
    assert [d for d in validate_paths([path], ENGINE) if d.is_error] == []


# -- item 2: includes stay in the scenario's folder tree --------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the scenario's folder that must never be read or shown."""
    path = tmp_path / "private" / "shadow.yaml"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("ABSOLUTE", "is an absolute path: includes stay inside the scenario's folder"),
        ("../private/shadow.yaml", "leads outside the scenario's folder"),
        ("_shared/../../private/shadow.yaml", "leads outside the scenario's folder"),
        ("_shared/link.yaml", "is a link outside the scenario's folder"),
        ("notes.txt", "is not a .yaml file"),
        ("~/shadow.yaml", "is an absolute path"),
    ],
)
def test_an_include_outside_the_scenario_folder_is_refused_without_reading_it(
    tmp_path: Path, secret: Path, entry: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "scenarios"
    (folder / "_shared").mkdir(parents=True)
    (folder / "_shared" / "link.yaml").symlink_to(secret)
    (folder / "notes.txt").write_text(SECRET)
    entry = str(secret) if entry == "ABSOLUTE" else entry
    path = with_include(folder, entry)
    diagnostics = validate_paths([path], ENGINE)
    assert [d.message for d in diagnostics if message in d.message], diagnostics
    assert all(d.file == str(path) for d in diagnostics)  # nothing from the other file
    assert main(["validate", str(path)]) == 1
    shown = capsys.readouterr().out
    assert "hunter2" not in shown and "rootpw" not in shown and "daemon" not in shown


def test_an_include_in_a_subfolder_and_a_link_inside_the_tree_still_work(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    shared = folder / "_shared"
    shared.mkdir(parents=True)
    (shared / "sets.yaml").write_text(
        "response_sets:\n  extra:\n    - say: Fine.\n      talk: neutral\n"
    )
    (shared / "alias.yaml").symlink_to(shared / "sets.yaml")
    path = with_include(folder, "_shared/alias.yaml")
    assert [d for d in validate_paths([path], ENGINE) if d.is_error] == []


def test_a_file_that_is_not_a_scenario_is_named_as_such_and_its_content_not_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "_shadow.yaml").write_text(SECRET)
    path = with_include(folder, "_shadow.yaml")
    for given in (path, folder / "_shadow.yaml"):
        main(["validate", str(given)])
        shown = capsys.readouterr().out
        assert "this is not a response set file" in shown
        assert "hunter2" not in shown and "rootpw" not in shown and "daemon" not in shown
    stray = tmp_path / "stray.yaml"
    stray.write_text(SECRET + "secretkey: again\n")  # a duplicate key would be named, too
    assert main(["validate", str(stray)]) == 1
    shown = capsys.readouterr().out
    assert "error: this is not a scenario file" in shown
    assert "hunter2" not in shown and "rootpw" not in shown and "secretkey" not in shown


def test_a_scenario_file_linked_from_outside_a_folder_is_not_followed(
    tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "good.yaml").write_text(VALID.read_text(encoding="utf-8"))
    (folder / "evil.yaml").symlink_to(secret)
    assert main(["validate", str(folder)]) == 1
    shown = capsys.readouterr().out
    assert f"{folder / 'evil.yaml'}:1:1: error: {LINK_OUT}" in shown
    assert "hunter2" not in shown and "rootpw" not in shown
    scan = scan_scenarios(folder, ENGINE)
    assert [s.id for s in scan.scenarios] == ["two-members"]
    assert [(s.path.name, s.reason) for s in scan.skipped] == [("evil.yaml", LINK_OUT)]


# -- items 6 and 7: a 5,000-digit number ----------------------------------------------------


def test_a_five_thousand_digit_number_is_one_message_at_its_line_and_the_rest_is_checked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "digits.yaml"
    path.write_text(
        scenario_text(
            **{"turn_limit: 20": f"turn_limit: {DIGITS}", "difficulty: 2": "dificulty: 2"}
        )
    )
    lines = path.read_text().splitlines()
    row = next(n for n, line in enumerate(lines, start=1) if line.startswith("turn_limit"))
    messages = [str(d) for d in validate_paths([path], ENGINE)]
    assert f"{path}:{row}:13: error: this number is 5,000 digits long" in messages[1]
    assert "unknown key 'dificulty' — did you mean 'difficulty'?" in messages[0]
    assert len(messages) == 2  # not a second message about the same number
    assert all(len(m) < 300 for m in messages)


def test_play_with_a_five_thousand_digit_turn_limit_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "digits.yaml"
    path.write_text(scenario_text(**{"turn_limit: 20": f"turn_limit: {DIGITS}"}))
    script = tmp_path / "script.txt"
    script.write_text("How are things?\n")
    assert main(["play", str(path), "--script", str(script)]) == 1
    captured = capsys.readouterr()
    assert "this number is 5,000 digits long" in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err


def test_one_bad_scenario_is_skipped_with_its_reason_and_the_others_are_listed(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "good.yaml").write_text(VALID.read_text(encoding="utf-8"))
    (folder / "digits.yaml").write_text(
        scenario_text(**{"turn_limit: 20": f"turn_limit: {DIGITS}"})
    )
    (folder / "bomb.yaml").write_text(merge_bomb(40))
    scan = scan_scenarios(folder, ENGINE)
    assert [s.id for s in scan.scenarios] == ["two-members"]
    reasons = {s.path.name: s.reason for s in scan.skipped}
    assert set(reasons) == {"digits.yaml", "bomb.yaml"}
    assert reasons["digits.yaml"].startswith("line 13: this number is 5,000 digits long")
    assert "alias bomb" in reasons["bomb.yaml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_scenario_is_skipped_with_its_reason(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "good.yaml").write_text(VALID.read_text(encoding="utf-8"))
    locked = folder / "locked.yaml"
    locked.write_text(VALID.read_text(encoding="utf-8"))
    locked.chmod(0)
    scan = scan_scenarios(folder, ENGINE)
    assert [s.id for s in scan.scenarios] == ["two-members"]
    assert [str(s) for s in scan.skipped] == [
        "locked.yaml: line 1: cannot read the file: Permission denied"
    ]
