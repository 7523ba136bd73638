"""The audit log is read by time at every sign-in (the last 15 minutes, to count failed tries),
so its time column is indexed: in a new database and in one upgraded from before the index
(version 6), on SQLite and on PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest

from mi_trainer.storage import SessionStore
from mi_trainer.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

# What every sign-in asks (AccountStore.audit_since).
RECENT = (
    "SELECT at, action FROM audit_log WHERE at >= '2026-12-01T21:00:00+00:00' "
    "AND action IN ('sign_in_failed', 'sign_in') ORDER BY at, id"
)


def indexes_of_the_audit_log(store: SessionStore, backend: str) -> set[str]:
    sql = (
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log'"
        if backend == "sqlite"
        else "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'audit_log'"
    )
    return {row["name"] for row in store.db.read(lambda c: c.execute(sql).fetchall())}


def plan_of_the_recent_window(store: SessionStore, backend: str) -> str:
    if backend == "sqlite":
        rows = store.db.read(lambda c: c.execute("EXPLAIN QUERY PLAN " + RECENT).fetchall())
        return " ".join(str(row["detail"]) for row in rows)

    def explain(conn):  # a few rows: ask whether the index can serve, not whether it is cheaper
        conn.execute("SET LOCAL enable_seqscan = off")
        return conn.execute("EXPLAIN " + RECENT).fetchall()

    return " ".join(str(next(iter(dict(row).values()))) for row in store.db.write(explain))


def make_version_6(location: str, backend: str) -> None:
    """A database as mi-trainer left it before the index (schema version 6)."""
    if backend == "sqlite":
        Path(location).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(location)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for migration in MIGRATIONS[:6]:
            for statement in migration.sqlite:
                conn.execute(statement)
        conn.execute("PRAGMA user_version = 6")
        conn.commit()
        conn.close()
        return
    with psycopg.connect(location, autocommit=True) as conn, conn.transaction():
        conn.execute("CREATE TABLE mi_trainer_schema (application TEXT NOT NULL, version INTEGER)")
        conn.execute("INSERT INTO mi_trainer_schema VALUES ('mi-trainer', 6)")
        for migration in MIGRATIONS[:6]:
            for statement in migration.postgresql:
                conn.execute(statement)


@pytest.mark.parametrize("upgraded", [False, True], ids=["new", "upgraded from version 6"])
def test_the_audit_log_is_indexed_by_time(db_location: str, backend: str, upgraded: bool) -> None:
    if upgraded:
        make_version_6(db_location, backend)
    with SessionStore.open(db_location) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert "audit_log_at" in indexes_of_the_audit_log(store, backend)
        assert "audit_log_at" in plan_of_the_recent_window(store, backend)
