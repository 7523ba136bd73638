"""A real server on loopback over a throwaway shared database with two accounts."""

from __future__ import annotations

import asyncio
import shlex
import sys
import types
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from mi_trainer.accounts import AccountStore
from mi_trainer.accounts.throttle import LoginThrottle
from mi_trainer.serve.server import MIServer
from mi_trainer.storage import SessionStore

PASSWORD = "correct horse battery"


def marker_command(folder: Path) -> str:
    """An 'app' that only leaves a file behind: proof of whether a process was started."""
    code = (
        "import os, pathlib, sys; "
        f"pathlib.Path({str(folder)!r}, 'started-' + str(os.getpid())).write_text("
        "os.environ.get('MI_TRAINER_SIGN_IN', ''))\n"
        "while (chunk := sys.stdin.buffer.read1(65536)) and b'quit' not in chunk: pass"
    )
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(code)}"


async def started_with(spawned: Path) -> str:
    """The sign-in token the one app process was started with (once it has written it)."""
    for _ in range(200):
        found = [p.read_text() for p in spawned.iterdir()]
        if found and found[0]:
            [token] = found
            return token
        await asyncio.sleep(0.05)
    raise AssertionError("no app process started")


@pytest.fixture
async def served(tmp_path: Path):
    store = SessionStore.open(tmp_path / "service.db")
    accounts = AccountStore(store)
    accounts.add("Sam Jones", "North", "practitioner", PASSWORD)
    accounts.add("Priya Shah", "North", "practitioner", PASSWORD)
    spawned = tmp_path / "spawned"
    spawned.mkdir()
    server = MIServer(
        accounts,
        marker_command(spawned),
        throttle=LoginThrottle(per_account=5, per_address=20, window_s=900),
        quiet=True,
    )
    client = TestClient(TestServer(server.make_app(), host="127.0.0.1"))
    await client.start_server()

    def counts() -> dict[str, int]:
        def read(conn):
            return {
                table: conn.execute(f"SELECT count(*) AS n FROM {table}").fetchone()["n"]
                for table in ("sessions", "turns", "login_sessions", "audit_log", "users")
            }

        return store.db.read(read) | {"processes": len(list(spawned.iterdir()))}

    yield types.SimpleNamespace(
        client=client, server=server, accounts=accounts, store=store, counts=counts
    )
    await client.close()
    store.close()
