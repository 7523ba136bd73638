"""One limit on failed sign-ins, whichever way in. The server counts the failures in the audit
log: the command line's, its own from before a restart, and those of another server process
on the same database. Every test runs on a SQLite file with accounts and on a real
PostgreSQL server (conftest.py)."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import AsyncIterator

from aiohttp.test_utils import TestClient, TestServer

from mi_trainer.accounts import AccountStore
from mi_trainer.accounts.sign_in import FAILED
from mi_trainer.cli.main import main
from mi_trainer.cli.sign_in import EXIT_REFUSED
from mi_trainer.serve.server import MIServer

PASSWORD = "correct horse battery"


@contextlib.asynccontextmanager
async def a_server(accounts: AccountStore) -> AsyncIterator[TestClient]:
    """A server as a new process starts it: nothing counted in its memory yet."""
    client = TestClient(TestServer(MIServer(accounts, "true", quiet=True).make_app()))
    await client.start_server()
    try:
        yield client
    finally:
        await client.close()


async def sign_in(client: TestClient, name: str = "Sam Jones", password: str = PASSWORD):
    response = await client.post(
        "/login", data={"name": name, "password": password}, allow_redirects=False
    )
    await response.read()
    return response


def report_on_the_command_line(db: str, password: str, monkeypatch, capsys) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    code = main(["report", "--db", db, "--user", "Sam Jones", "--password-stdin"])
    return code, capsys.readouterr().err


async def test_failures_on_the_command_line_lock_the_browser_sign_in(
    shared, service_db, monkeypatch, capsys
):
    accounts = shared[1]
    for _ in range(5):
        code, _ = report_on_the_command_line(service_db, "guess guess", monkeypatch, capsys)
        assert code == EXIT_REFUSED
    async with a_server(accounts) as browser:
        # The right password is refused, with a time to wait; nobody else is locked out.
        locked = await sign_in(browser)
        assert locked.status == 429 and int(locked.headers["Retry-After"]) > 0
        assert "Too many failed sign-ins" in await locked.text()
        assert (await sign_in(browser, "Priya Shah")).status == 303
        # A new password from an admin (on the command line) lets them in at once.
        accounts.reset_password("Sam Jones", "a brand new password", actor="Ada Admin")
        assert (await sign_in(browser, password="a brand new password")).status == 303


async def test_browser_failures_hold_across_a_restart_and_another_server(
    shared, service_db, monkeypatch, capsys
):
    accounts = shared[1]
    async with a_server(accounts) as first:
        for n in range(3):
            assert (await sign_in(first, password=f"guess {n}")).status == 401
    async with a_server(accounts) as restarted, a_server(accounts) as beside_it:
        assert (await sign_in(restarted, password="guess 3")).status == 401
        assert (await sign_in(beside_it, password="guess 4")).status == 401
        for server in (restarted, beside_it):
            assert (await sign_in(server)).status == 429
    failures = accounts.audit_log(action=FAILED)
    assert len(failures) == 5
    assert {(f.actor, f.detail["name"], f.detail["via"]) for f in failures} == {
        (None, "Sam Jones", "browser")
    }
    # The command line counts the browser's failures too.
    code, err = report_on_the_command_line(service_db, PASSWORD, monkeypatch, capsys)
    assert code == EXIT_REFUSED and "Too many failed sign-ins for 'Sam Jones'" in err
