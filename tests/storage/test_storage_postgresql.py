"""What only a shared PostgreSQL database has: URLs, a server that goes away, databases that
are not ours, migrations of its own versions, and the least-privilege role of the deployment
guide. The tests start a real server (see conftest.py); nothing is mocked."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from typing import Any

import psycopg
import pytest

from mi_trainer.cli.main import main
from mi_trainer.storage import STATUS_COMPLETE, SessionStore, StorageError
from mi_trainer.storage.schema import MIGRATIONS, SCHEMA_VERSION
from tests.storage.conftest import as_service_admin

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def backend() -> str:
    """Every test here is about PostgreSQL (the rest of the suite runs on both)."""
    return "postgresql"


def run(capsys: pytest.CaptureFixture[str], *argv: str, **admin: str) -> tuple[int, str, str]:
    code = main(as_service_admin(list(argv), **admin))
    out, err = capsys.readouterr()
    return code, out, err


def superuser_sql(cluster: Any, database: str, statement: str, params: tuple = ()) -> list:
    with psycopg.connect(cluster.url(database), autocommit=True) as conn:
        cur = conn.execute(statement, params)
        return cur.fetchall() if cur.description else []


def database_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


# ---------------------------------------------------------------------- locations


@pytest.mark.parametrize(
    "url", ["mysql://sam@db.example/mi", "sqlite:///tmp/x.db", "https://example.org/db"]
)
def test_a_url_of_an_unsupported_kind_is_refused_and_never_becomes_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, url: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StorageError, match="URL, which mi-trainer cannot use") as err:
        SessionStore.open(url)
    assert "postgresql://user@host/dbname" in str(err.value)
    code, _, message = run(capsys, "report", "--db", url)
    assert code == 1 and "cannot use" in message and "--db" in message
    assert list(tmp_path.iterdir()) == []  # no "mysql:" folder, no file


def test_an_unreachable_server_is_a_clear_message_without_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    url = "postgresql://sam:hunter2secret@127.0.0.1:1/mi"  # nothing listens on port 1
    code, _, err = run(capsys, "report", "--db", url)
    assert code == 1
    assert "Cannot connect to the session database postgresql://sam@127.0.0.1:1/mi" in err
    assert "hunter2secret" not in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # the old behaviour made a folder "postgresql:"


def test_the_url_can_come_from_the_environment_and_libpq_variables(
    pg_cluster: Any, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    url = pg_cluster.create_database("from_env")
    try:
        # Only the scheme in the URL: host, port, user and database come from PG* variables
        # and the password from the password file, as libpq reads them.
        monkeypatch.setenv("PGHOST", "127.0.0.1")
        monkeypatch.setenv("PGPORT", str(pg_cluster.port))
        monkeypatch.setenv("PGUSER", "postgres")
        monkeypatch.setenv("PGDATABASE", database_of(url))
        monkeypatch.setenv("MI_TRAINER_DB", "postgresql://")
        code, out, _ = run(capsys, "migrate")
        assert code == 0 and f"schema version {SCHEMA_VERSION}" in out
        with SessionStore.open() as store:
            assert store.backend == "postgresql" and store.count_sessions() == 0
    finally:
        pg_cluster.drop_database(database_of(url))


# ---------------------------------------------------------------------- dropped connections


def test_a_dropped_connection_is_retried_and_the_turn_stored_once(
    pg_cluster: Any, db_location: str, kit
) -> None:
    with SessionStore.open(db_location) as store:
        t = kit.transcript(turns=2)
        sid = store.start_session(t)
        # The server ends every connection to this database (a restart, a failover, an
        # administrator's pg_terminate_backend): the pooled connection is dead.
        ended = superuser_sql(
            pg_cluster,
            "postgres",
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (database_of(db_location),),
        )
        assert ended
        store.append_turn(sid, kit.turn(2))  # retried on a new connection
        store.append_turn(sid, kit.turn(2))  # the same turn again (a retry) is stored once
        assert [turn.index for turn in store.load(sid).turns] == [0, 1, 2]
        assert store.count_turns() == 3


@pytest.fixture
def own_cluster(pg_cluster: Any):  # type: ignore[no-untyped-def]
    """A server of this test's own, to stop and start (``pg_cluster`` makes it importable)."""
    import pg_cluster as module

    cluster = module.Cluster.start()
    previous = os.environ.get("PGPASSFILE")
    with open(cluster.passfile, "a") as both:  # one password file for both servers
        both.write(Path(previous).read_text() if previous else "")
    os.environ["PGPASSFILE"] = str(cluster.passfile)
    yield cluster
    cluster.stop()
    if previous:
        os.environ["PGPASSFILE"] = previous


def test_a_server_that_goes_away_is_reported_and_the_session_resumed_later(
    own_cluster: Any, kit
) -> None:
    url = own_cluster.create_database("away")
    store = SessionStore.open(url, retries=1)
    t = kit.transcript(turns=3)
    sid = store.start_session(t)
    own_cluster.stop_server()
    with pytest.raises(StorageError) as err:
        store.append_turn(sid, kit.turn(3))
    message = str(err.value)
    assert "Lost the connection to the session database" in message
    assert "can be resumed" in message and "Traceback" not in message
    store.close()

    own_cluster.start_server()
    with SessionStore.open(url) as again:
        [found] = again.incomplete_sessions(include_live=True)  # this process wrote it
        assert (found.session_id, found.turn_count) == (sid, 3)
        resumed = again.resume(sid)
        again.append_turn(sid, kit.turn(3))
        resumed.turns.append(kit.turn(3))
        again.finish_session(sid, resumed, kit.FakeScore())
        assert again.status_of(sid) == STATUS_COMPLETE
        assert len(again.load(sid).turns) == 4


def test_many_threads_of_one_service_share_the_pool_without_losing_a_turn(
    db_location: str, kit
) -> None:
    with SessionStore.open(db_location, pool_size=4) as store:
        errors: list[BaseException] = []

        def practitioner(n: int) -> None:
            try:
                t = kit.transcript(practitioner=f"Worker {n}", turns=0)
                sid = store.start_session(t)
                for i in range(15):
                    store.append_turn(sid, kit.turn(i))
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=practitioner, args=(n,)) for n in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert store.count_turns() == 12 * 15
        assert all(s.turn_count == 15 for s in store.list_sessions())


# ---------------------------------------------------------------------- not ours, newer, older


def test_a_database_of_another_application_is_refused_and_left_untouched(
    pg_cluster: Any, db_location: str
) -> None:
    name = database_of(db_location)
    superuser_sql(pg_cluster, name, "CREATE TABLE customers (id int)")
    with pytest.raises(StorageError, match="not one made by mi-trainer") as err:
        SessionStore.open(db_location)
    assert err.value.choose_another
    tables = superuser_sql(
        pg_cluster,
        name,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    )
    assert tables == [("customers",)]


def test_a_database_from_a_newer_mi_trainer_is_refused(db_location: str) -> None:
    SessionStore.open(db_location).close()
    with psycopg.connect(db_location, autocommit=True) as conn:
        conn.execute("UPDATE mi_trainer_schema SET version = 99")
    with pytest.raises(StorageError, match="newer mi-trainer"):
        SessionStore.open(db_location)


def test_review_commands_do_not_set_up_an_empty_database(db_location: str, capsys) -> None:
    code, _, err = run(capsys, "report", "--db", db_location)
    assert code == 1 and "There is no session database at" in err
    with psycopg.connect(db_location) as conn:
        present = conn.execute("SELECT to_regclass('sessions') IS NOT NULL").fetchone()[0]
    assert not present


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_a_database_of_every_earlier_version_is_migrated_and_keeps_its_sessions(
    db_location: str, version: int
) -> None:
    with psycopg.connect(db_location, autocommit=True) as conn, conn.transaction():
        conn.execute("CREATE TABLE mi_trainer_schema (application TEXT NOT NULL, version INTEGER)")
        conn.execute("INSERT INTO mi_trainer_schema VALUES ('mi-trainer', %s)", (version,))
        for migration in MIGRATIONS[:version]:
            for statement in migration.postgresql:
                conn.execute(statement)
        score = ", score_json" if version == 1 else ""
        # From version 3 on, the practitioner's turns are counted as they are written.
        counted = ", practitioner_turns" if version >= 3 else ""
        conn.execute(
            "INSERT INTO sessions (session_id, status, practitioner, team, started_at, "
            f"turn_count, overall{score}{counted}) VALUES ('abc123', 'complete', 'Priya Shah', "
            "'Kinship Care Chichester', '2026-01-05T09:00:00+00:00', 2, 71.5"
            + (", '{\"overall\": 71.5}'" if version == 1 else "")
            + (", 1" if version >= 3 else "")
            + ")"
        )
        rowid = conn.execute("SELECT id FROM sessions").fetchone()[0]
        if version >= 2:
            conn.execute("INSERT INTO scores VALUES (%s, '{\"overall\": 71.5}')", (rowid,))
        conn.execute(
            "INSERT INTO turns (session, idx, speaker, text, code) VALUES "
            "(%s, 0, 'practitioner', 'How is Jay settling in with you?', 'question_open'), "
            "(%s, 1, 'pat', 'He is trying, bless him.', NULL)",
            (rowid, rowid),
        )
        if version >= 3:  # as version 3 kept it
            conn.execute("UPDATE sessions SET practitioner_turns = 1")
    with SessionStore.open(db_location) as store:
        assert store.schema_version == SCHEMA_VERSION
        first = store.load("abc123").turns[0]
        assert first.text == "How is Jay settling in with you?"
        assert store.score_of("abc123") == {"overall": 71.5}
        [summary] = store.list_sessions(team="Kinship Care Chichester")
        assert (summary.overall, summary.turn_count, summary.practitioner_turns) == (71.5, 2, 1)
        # The report's per-day totals (version 4) are filled from the sessions already there.
        report = store.report(team="Kinship Care Chichester", since="2026-01-01")
        assert (report.overall.sessions, report.overall.figures["overall"]) == (1, 71.5)


def test_the_per_day_totals_agree_with_the_sessions_after_every_kind_of_change(
    db_location: str, kit, tmp_path: Path
) -> None:
    from mi_trainer.storage.queries import Filters
    from mi_trainer.storage.report import build_report

    with SessionStore.open(db_location) as store:
        for n, day in enumerate(["2026-01-05", "2026-01-05", "2026-02-10", "2026-03-01"]):
            who = "Sam Jones" if n % 2 else "Amira Khan"
            t = kit.transcript(who, started_at=f"{day}T10:00:00+00:00", turns=4)
            kit.finished(store, t, r_to_q=0.5 + n, overall=40.0 + n)
        unfinished = store.start_session(kit.transcript(started_at="2026-02-11T09:00:00+00:00"))
        closed = store.start_session(kit.transcript("Dean Walker", team=None))
        store.close_incomplete(closed, kit.FakeScore({"overall": 12.0}))
        store.resume(closed)  # reopened: in progress again
        finished = store.list_sessions(practitioner="Amira Khan")[0]
        again = store.load(finished.session_id)
        store.finish_session(finished.session_id, again, kit.FakeScore({"overall": 99.0}))
        store.import_sessions(list(store.export_sessions()))  # all skipped
        store.purge("2026-01-06", practitioner="Sam Jones")
        assert store.status_of(unfinished) == "in_progress"

        for filters in (
            Filters(),
            Filters(team="Family Safeguarding North"),
            Filters(practitioner="Amira Khan", since="2026-01-01", until="2026-02-10"),
            Filters(since="2026-02-11"),
            Filters(since="2026-01-05", until="2026-01-31"),  # a part-month, then a whole one
            Filters(since="2026-01-01", until="2026-03-01"),  # whole months and a day
            Filters(since="2026-01-06", until="2026-02-10"),  # parts of two months only
            Filters(until="2026-02-28"),
        ):
            where, params = filters.where()
            described = filters.described()
            totals = filters.totals_parts()

            def both(c: Any, w=where, p=params, d=described, t=totals) -> tuple:
                return (
                    build_report(c, w, p, d, "x", totals=t, lateral=True).to_dict(),
                    build_report(c, w, p, d, "x").to_dict(),
                )

            from_totals, from_sessions = store.db.read(both)
            assert from_totals == from_sessions, filters


# ---------------------------------------------------------------------- moving a team over


def test_a_laptops_database_is_imported_into_the_shared_one_once(
    tmp_path: Path, db_location: str, kit, capsys
) -> None:
    laptop = tmp_path / "sessions.db"
    with SessionStore.open(laptop) as local:
        for day in ("2026-01-05", "2026-01-12", "2026-02-02"):
            kit.finished(local, kit.transcript(started_at=f"{day}T10:00:00+00:00", turns=4))
        local.start_session(kit.transcript(started_at="2026-02-09T10:00:00+00:00"))
    code, out, _ = run(capsys, "import", str(laptop), "--db", db_location)
    assert code == 0 and "Imported 4 session(s)" in out and "skipped 0" in out
    code, out, _ = run(capsys, "import", str(laptop), "--db", db_location)
    assert code == 0 and "Imported 0 session(s)" in out and "skipped 4" in out
    with SessionStore.open(laptop) as local, SessionStore.open(db_location) as shared:
        assert shared.list_sessions() == local.list_sessions()
        for summary in local.list_sessions():
            sid = summary.session_id
            assert shared.load(sid).to_dict() == local.load(sid).to_dict()
            assert shared.score_of(sid) == local.score_of(sid)
        assert shared.report().to_dict()["teams"] == local.report().to_dict()["teams"]
        # The unfinished one can be resumed or closed on the shared database.
        assert len(shared.incomplete_sessions()) == 1


# ---------------------------------------------------------------------- least privilege


def _deployment_sql() -> str:
    text = (REPO / "docs" / "storage.md").read_text(encoding="utf-8")
    marker = text.index("<!-- app-role-grants")
    block = re.search(r"```sql\n(.*?)```", text[marker:], flags=re.S)
    assert block is not None
    return block.group(1)


def test_the_app_role_of_the_deployment_guide_can_do_everything_the_app_does_and_no_more(
    pg_cluster: Any, kit, capsys, tmp_path: Path
) -> None:
    suffix = f"{os.getpid()}"
    names = {"mi_owner": f"own{suffix}", "mi_app": f"app{suffix}", "mi_sessions": f"dep{suffix}"}
    script = _deployment_sql()
    for generic, real in names.items():
        script = re.sub(rf"\b{generic}\b", real, script)
    database = "postgres"
    statement: list[str] = []
    for line in script.splitlines():
        line = line.split("--", 1)[0].strip()
        if line.startswith("\\connect"):
            database = line.split()[1]
        elif line:
            statement.append(line)
            if line.endswith(";"):
                superuser_sql(pg_cluster, database, " ".join(statement).rstrip(";"))
                statement.clear()
    for role in (names["mi_owner"], names["mi_app"]):
        superuser_sql(pg_cluster, "postgres", f"ALTER ROLE {role} PASSWORD '{pg_cluster.password}'")
    owner = pg_cluster.url(names["mi_sessions"], user=names["mi_owner"])
    app = pg_cluster.url(names["mi_sessions"], user=names["mi_app"])
    try:
        # The app's role cannot create the tables: it says who must.
        code, _, err = run(capsys, "migrate", "--db", app)
        assert code == 1 and "Ask whoever manages the database to run the migrations" in err
        code, out, _ = run(capsys, "migrate", "--db", owner)
        assert code == 0 and f"schema version {SCHEMA_VERSION}" in out

        # Everything the app and the review commands do, as the app's role.
        with SessionStore.open(app) as store:
            t = kit.transcript(turns=2, started_at="2025-06-01T10:00:00+00:00")
            sid = store.start_session(t)
            store.append_turn(sid, kit.turn(2))
            t.turns.append(kit.turn(2))
            store.finish_session(sid, t, kit.FakeScore())
            other = store.start_session(kit.transcript())
            store.resume(other)
            store.close_incomplete(other, kit.FakeScore())
            assert store.report().overall.sessions == 1
            assert store.filter_choices().practitioners == ("Sam Jones",)
            assert len(store.practitioner_trend("Sam Jones")) == 1
            records = list(store.export_sessions())
        archive = tmp_path / "all.jsonl"
        # The review commands sign in (a shared database); the owner adds the account.
        assert run(capsys, "export", "--db", app, "-o", str(archive), accounts_db=owner)[0] == 0
        assert run(capsys, "import", str(archive), "--db", app, accounts_db=owner)[0] == 0
        assert len(records) == 2
        code, out, _ = run(capsys, "purge", "--db", app, "--before", "2026-01-01")
        assert code == 0 and "Deleted 1 session(s)" in out

        # ...and no more: it cannot change the schema or drop what it keeps.
        with psycopg.connect(app) as conn:
            for statement in ("DROP TABLE turns", "CREATE TABLE notes (x int)"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)
                conn.rollback()
    finally:
        pg_cluster.drop_database(names["mi_sessions"])
        for role in (names["mi_app"], names["mi_owner"]):
            superuser_sql(pg_cluster, "postgres", f"DROP ROLE IF EXISTS {role}")
