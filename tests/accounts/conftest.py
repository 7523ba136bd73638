"""A shared database with a few accounts and sessions in a children's services team."""

from __future__ import annotations

import itertools
import os
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from mi_trainer.accounts import AccountStore
from mi_trainer.scoring import score_transcript
from mi_trainer.storage import SessionStore
from mi_trainer.transcript import Transcript, Turn

PASSWORD = "correct horse battery"

PEOPLE = [
    ("Sam Jones", "North", "practitioner"),
    ("Priya Shah", "North", "practitioner"),
    ("Olu Ade", "South", "practitioner"),
    ("Maria Lopez", "North", "manager"),
    ("Tom Reid", None, "trainer"),
    ("Ada Admin", None, "admin"),
]


def practice(name: str, team: str | None, scenario: str = "mum-drinking") -> Transcript:
    return Transcript(
        turns=[Turn(0, "practitioner", f"What matters most to you this week? ({name})")],
        scenario_id=scenario,
        scenario_title="Kerry: the school is worried",
        seed=1,
        practitioner=name,
        team=team,
        mode="coach",
        started_at="2026-03-02T10:00:00+00:00",
    )


@pytest.fixture
def kit() -> types.SimpleNamespace:
    return types.SimpleNamespace(PASSWORD=PASSWORD, practice=practice)


_numbers = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def service_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "service.db")
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = f"accounts_{os.getpid()}_{next(_numbers)}"
    yield str(cluster.create_database(name))
    cluster.drop_database(name)


@pytest.fixture
def shared(service_db: str):
    """(SessionStore, AccountStore, {name: session id}) with one session per practitioner,
    on SQLite and on PostgreSQL."""
    store = SessionStore.open(service_db)
    accounts = AccountStore(store)
    sids = {}
    for name, team, role in PEOPLE:
        accounts.add(name, team, role, PASSWORD)
        if role != "trainer":
            t = practice(name, team)
            sids[name] = store.start_session(t)
            if name != "Priya Shah":  # hers stays in progress (for the write tests)
                store.finish_session(sids[name], t, score_transcript(t))
    yield store, accounts, sids
    store.close()
