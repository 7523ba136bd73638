"""The practitioner's name and team are remembered between runs, and never cause a crash."""

from __future__ import annotations

from pathlib import Path

from mi_trainer.preferences import Preferences, config_dir


def test_saved_details_come_back(tmp_path: Path):
    assert Preferences("Priya Shah", "Family Safeguarding", "assessment").save(tmp_path)
    assert Preferences.load(tmp_path) == Preferences(
        "Priya Shah", "Family Safeguarding", "assessment"
    )


def test_nothing_saved_yet_means_empty_details(tmp_path: Path):
    assert Preferences.load(tmp_path) == Preferences()


def test_a_damaged_file_is_ignored(tmp_path: Path):
    (tmp_path / "preferences.json").write_text("{not json", "utf-8")
    assert Preferences.load(tmp_path) == Preferences()


def test_the_config_folder_follows_the_environment(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("MI_TRAINER_CONFIG_DIR", str(tmp_path / "cfg"))
    assert config_dir() == tmp_path / "cfg"


def test_an_unwritable_folder_returns_false(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    assert Preferences("A").save(blocker / "sub") is False
