"""Shared fixtures. Paths to shared data are resolved relative to the repository."""

from __future__ import annotations

import importlib.util
import os
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


def _load_pg_cluster() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(
        "pg_cluster", REPO / "benchmarks" / "pg_cluster.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pg_cluster"] = module
    spec.loader.exec_module(module)
    return module


pg_cluster_module = _load_pg_cluster()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """One real PostgreSQL server for the whole run (started on first use), for the storage
    tests and the accounts tests alike."""
    cluster = pg_cluster_module.Cluster.start()
    previous = os.environ.get("PGPASSFILE")
    os.environ.update(cluster.env())  # libpq reads the password from the file
    try:
        yield cluster
    finally:
        cluster.stop()
        if previous is None:
            os.environ.pop("PGPASSFILE", None)
        else:
            os.environ["PGPASSFILE"] = previous
