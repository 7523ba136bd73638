"""Shared fixtures. Paths to shared data are resolved relative to the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MI_TRAINER_SHARED", REPO.parent / "shared"))
ANNOMI_DEV = SHARED / "data" / "annomi" / "annomi-dev.csv"


@pytest.fixture
def annomi_dev() -> Path:
    if not ANNOMI_DEV.exists():
        pytest.skip(f"shared AnnoMI data not found at {ANNOMI_DEV}")
    return ANNOMI_DEV


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user data folder or database."""
    monkeypatch.setenv("MI_TRAINER_DB", str(tmp_path / "sessions.db"))
    monkeypatch.setenv("MI_TRAINER_CONFIG_DIR", str(tmp_path / "config"))
