"""Small builders for the storage tests: transcripts in children's-social-work language and a
stand-in score (anything with ``figures()`` and ``to_dict()`` will do for storage).

Every test that takes ``store``, ``new_db`` or ``backend`` runs twice: on a SQLite file and on
a real PostgreSQL server that the tests start themselves (``benchmarks/pg_cluster.py``: a
throwaway cluster in a temporary folder, run as an unprivileged user on 127.0.0.1, installed
with apt-get first when it is missing and we are root). Each PostgreSQL test gets a database of
its own, dropped afterwards.
"""

from __future__ import annotations

import itertools
import os
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from mi_trainer.coding.codes import Code, TalkType
from mi_trainer.coding.result import CodedSentence, CodedUtterance
from mi_trainer.storage import SessionStore
from mi_trainer.storage.schema import FIGURE_KEYS
from mi_trainer.transcript import END_BY_PRACTITIONER, Transcript, Turn

LINES = [
    (
        "practitioner",
        "What would a good week look like for you and the children?",
        Code("question_open"),
    ),
    ("kerry", "I just want them to be happy, and to stop the school ringing.", TalkType("change")),
    (
        "practitioner",
        "You want the children settled and the school off your back.",
        Code("reflection_complex"),
    ),
    ("kerry", "It's only a couple of glasses at night. It helps me sleep.", TalkType("sustain")),
    ("practitioner", "You need to stop drinking before the conference.", Code("persuade")),
    ("kerry", "You lot just want to take my kids.", TalkType("discord")),
]


def turn(index: int) -> Turn:
    speaker, text, label = LINES[index % len(LINES)]
    if speaker == "practitioner":
        coded = CodedUtterance(
            text=text, code=label, sentences=(CodedSentence(text, label, ("cue",)),)
        )
        return Turn(index, speaker, text, coded=coded, addressed="kerry")
    return Turn(index, speaker, text, talk_type=label, state_before={"rapport": 0.2})


def transcript(
    practitioner: str = "Sam Jones",
    team: str = "Family Safeguarding North",
    scenario: str = "mum-drinking-school-concerns",
    started_at: str = "2026-03-02T10:00:00+00:00",
    turns: int = 2,
) -> Transcript:
    return Transcript(
        turns=[turn(i) for i in range(turns)],
        scenario_id=scenario,
        scenario_title="Kerry: the school is worried",
        scenario_hash="ab" * 32,
        seed=7,
        coder_version="test-1",
        practitioner=practitioner,
        team=team,
        mode="coach",
        started_at=started_at,
        members={"kerry": "Kerry"},
    )


def sql(store: SessionStore, statement: str, *params: Any) -> list[Any]:
    """Run one statement on the store's database in a transaction; its rows (by name)."""

    def run(conn: Any) -> list[Any]:
        cursor = conn.execute(statement, params)
        return cursor.fetchall() if cursor.description else []

    return store.db.write(run)


def emptied(location: str) -> SessionStore:
    """The store at ``location`` with every session deleted (one database reused by the
    examples of a property test)."""
    store = SessionStore.open(location)
    try:
        for table in ("turns", "scores", "sessions"):
            sql(store, f"DELETE FROM {table}")
    except BaseException:
        store.close()
        raise
    return store


@dataclass
class FakeScore:
    """Stands in for SessionScore: storage only needs figures() and to_dict()."""

    values: dict[str, float | None] = field(default_factory=dict)

    def figures(self) -> dict[str, float | None]:
        base: dict[str, float | None] = dict.fromkeys(FIGURE_KEYS, 1.0)
        base.update(self.values)
        return base

    def to_dict(self) -> dict[str, Any]:
        return {"overall": self.figures()["overall"], "figures": self.figures()}


def finished(store: Any, t: Transcript, **figures: float | None) -> str:
    sid = store.start_session(t)
    t.end_reason = END_BY_PRACTITIONER
    t.ended_at = t.started_at
    store.finish_session(sid, t, FakeScore(figures))
    return sid


# Fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def kit() -> types.SimpleNamespace:
    """The builders above, for tests (conftest modules are not importable by name)."""
    return types.SimpleNamespace(
        turn=turn,
        transcript=transcript,
        FakeScore=FakeScore,
        finished=finished,
        LINES=LINES,
        sql=sql,
        emptied=emptied,
    )


REPO = Path(__file__).resolve().parents[2]
BACKENDS = ["sqlite", "postgresql"]


_numbers = itertools.count()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def new_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable]:
    """``new_db(name)`` -> the location of a new, empty database on this test's backend (a
    file path as text, or a postgresql:// URL); nothing is created for SQLite until opened."""
    made: list[str] = []
    cluster = request.getfixturevalue("pg_cluster") if backend == "postgresql" else None

    def make(name: str = "sessions") -> str:
        if cluster is None:
            return str(tmp_path / "team" / f"{name}.db")
        database = f"t{os.getpid()}_{next(_numbers)}_{name}".lower().replace("-", "_")
        made.append(database)
        return str(cluster.create_database(database))

    yield make
    for database in made:
        cluster.drop_database(database)


@pytest.fixture
def db_location(new_db: Callable[..., str]) -> str:
    return new_db()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A SQLite file (for the tests about files: permissions, foreign files, locks)."""
    return tmp_path / "team" / "sessions.db"


@pytest.fixture
def store(db_location: str):  # type: ignore[no-untyped-def]
    s = SessionStore.open(db_location)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(db_path: Path):  # type: ignore[no-untyped-def]
    """A store on a SQLite file, for what only SQLite has (query plans, pragmas, files)."""
    s = SessionStore.open(db_path)
    yield s
    s.close()


# ---------------------------------------------------------------------- commands on PostgreSQL

SIGNED_IN_COMMANDS = ("report", "export", "import", "purge")
SERVICE_ADMIN = "Service Admin"
SERVICE_PASSWORD = "storage tests admin"


def as_service_admin(argv: list[str], *, accounts_db: str | None = None) -> list[str]:
    """``argv`` as the storage tests run it. A PostgreSQL database is shared, so report,
    export, import and purge sign in there (tests/accounts tests who may do what); these tests
    are about storage, so they sign in as an admin, added to ``accounts_db`` (default: the
    command's database) if missing, opened as the command opens it (only import creates the
    tables). The password goes on standard input."""
    import io
    import sys

    from mi_trainer.accounts import AccountStore
    from mi_trainer.storage import StorageError

    db = argv[argv.index("--db") + 1] if "--db" in argv else os.environ.get("MI_TRAINER_DB", "")
    if not (argv and argv[0] in SIGNED_IN_COMMANDS and db.startswith("postgresql")):
        return argv
    try:
        store = SessionStore.open(accounts_db or db, create=argv[0] == "import")
    except StorageError:
        return argv  # the command says what is wrong with the database itself
    with store:
        accounts = AccountStore(store)
        if accounts.get(SERVICE_ADMIN) is None:
            accounts.add(SERVICE_ADMIN, None, "admin", SERVICE_PASSWORD)
    sys.stdin = io.StringIO(SERVICE_PASSWORD + "\n")  # pytest puts its own back after the test
    return [*argv, "--user", SERVICE_ADMIN, "--password-stdin"]
