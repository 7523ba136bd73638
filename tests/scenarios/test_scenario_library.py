"""Finding scenarios: bundled ones by id, folders of a trainer's own, and the bundled library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mi_trainer.cli.main import main
from mi_trainer.paths import bundled_scenarios_dir
from mi_trainer.scenarios import find_scenario, list_scenarios, validate_paths
from mi_trainer.simulation.rules import engine_defaults

ENGINE = engine_defaults()  # the engine's defaults the checks compare with

VALID = Path(__file__).parent / "fixtures" / "valid"
BROKEN = Path(__file__).parent / "fixtures" / "broken"


def test_every_bundled_scenario_validates_cleanly_under_strict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = bundled_scenarios_dir()
    files = sorted(folder.rglob("*.yaml"))
    assert [p for p in files if not p.name.startswith("_")], "at least one scenario"
    assert [str(d) for d in validate_paths([folder], ENGINE, strict=True)] == []
    assert main(["validate", "--strict", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith(f"{len(files)} files checked: 0 errors, 0 warnings")


def test_the_example_fixtures_validate_cleanly_under_strict() -> None:
    assert validate_paths([VALID], ENGINE, strict=True) == []


def test_list_scenarios_skips_includes_and_broken_files(tmp_path: Path) -> None:
    shutil.copytree(VALID, tmp_path / "mine")
    shutil.copy(BROKEN / "bad-talk-type.yaml", tmp_path / "mine" / "bad-talk-type.yaml")
    found = list_scenarios(tmp_path / "mine")
    assert [s.id for s in found] == ["two-members", "with-include"]


def test_list_scenarios_defaults_to_the_bundled_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(VALID / "two-members.yaml", tmp_path / "two-members.yaml")
    monkeypatch.setenv("MI_TRAINER_SCENARIOS", str(tmp_path))
    assert [s.id for s in list_scenarios()] == ["two-members"]
    assert list_scenarios(tmp_path / "missing") == []


@pytest.mark.parametrize(
    ("asked", "found"),
    [
        ("two-members", "two-members.yaml"),  # a bundled file name
        ("renamed-id", "other-name.yaml"),  # a bundled scenario's id: differs from its file
    ],
)
def test_find_scenario_by_id(
    asked: str, found: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(VALID / "two-members.yaml", tmp_path / "two-members.yaml")
    text = (VALID / "two-members.yaml").read_text(encoding="utf-8")
    (tmp_path / "other-name.yaml").write_text(text.replace("id: two-members", "id: renamed-id"))
    monkeypatch.setenv("MI_TRAINER_SCENARIOS", str(tmp_path))
    assert find_scenario(asked) == tmp_path / found


def test_find_scenario_by_path() -> None:
    path = VALID / "two-members.yaml"
    assert find_scenario(path) == path
    assert find_scenario(str(path)) == path


def test_find_scenario_suggests_the_nearest_bundled_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(VALID / "two-members.yaml", tmp_path / "two-members.yaml")
    monkeypatch.setenv("MI_TRAINER_SCENARIOS", str(tmp_path))
    with pytest.raises(FileNotFoundError) as caught:
        find_scenario("two-member")
    assert str(caught.value) == (
        "no scenario file or bundled scenario called 'two-member' — did you mean "
        "'two-members'? Bundled scenarios: two-members."
    )
    with pytest.raises(FileNotFoundError, match="is a folder"):
        find_scenario(tmp_path)
