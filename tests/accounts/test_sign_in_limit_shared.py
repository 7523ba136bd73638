"""One limit on failed sign-ins, whichever way in. The server counts the failures in the audit
log: the command line's, its own from before a restart, and those of another server process
on the same database; and a new password set by an admin anywhere ends the lock in every
server. Every test runs on a SQLite file with accounts and on a real PostgreSQL server
(conftest.py)."""

from __future__ import annotations

import asyncio
import contextlib
import io
import sys
from collections.abc import AsyncIterator

from aiohttp.test_utils import TestClient, TestServer

from mi_trainer.accounts import AccountStore
from mi_trainer.accounts.sign_in import FAILED, LOCKED
from mi_trainer.accounts.throttle import LoginThrottle
from mi_trainer.cli.main import main
from mi_trainer.cli.sign_in import EXIT_REFUSED
from mi_trainer.serve.server import RESET_CHECK_S, MIServer

PASSWORD = "correct horse battery"
NEW_PASSWORD = "a brand new password"


class Clock:
    """The servers' monotonic clock, moved by hand (the audit log keeps the real time)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@contextlib.asynccontextmanager
async def a_server(accounts: AccountStore, clock: Clock | None = None) -> AsyncIterator[TestClient]:
    """A server as a new process starts it: nothing counted in its memory yet."""
    throttle = LoginThrottle(clock=clock) if clock else None
    server = MIServer(accounts, "true", quiet=True, throttle=throttle)
    client = TestClient(TestServer(server.make_app()))
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


def reset_on_the_command_line(db: str, monkeypatch, capsys) -> None:
    """What the 429 page tells them to ask for: an admin's new password, on the command line."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(NEW_PASSWORD + "\n"))
    code = main(["users", "reset-password", "Sam Jones", "--db", db, "--password-stdin"])
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()


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


async def test_a_new_password_set_on_the_command_line_ends_the_lock_in_every_server(
    shared, service_db, monkeypatch, capsys
):
    accounts, clock = shared[1], Clock()
    async with a_server(accounts, clock) as first, a_server(accounts, clock) as second:
        for n in range(5):
            assert (await sign_in(first, password=f"guess {n}")).status == 401
        for server in (first, second):  # first by its memory, second by the audit log
            assert (await sign_in(server)).status == 429
        reset_on_the_command_line(service_db, monkeypatch, capsys)
        # The server that counted the failures in memory looked in the audit log a moment
        # ago; it looks again only after a few seconds, so refused tries cost no reads.
        assert (await sign_in(first, password=NEW_PASSWORD)).status == 429
        assert (await sign_in(second, password=NEW_PASSWORD)).status == 303
        clock.now += RESET_CHECK_S
        assert (await sign_in(first, password=NEW_PASSWORD)).status == 303
    assert len(accounts.audit_log(action=FAILED)) == 5
    assert len(accounts.audit_log(action=LOCKED)) == 1


async def burst(client: TestClient, tries: int) -> list[int]:
    guesses = [sign_in(client, password=f"guess {n}") for n in range(tries)]
    return [response.status for response in await asyncio.gather(*guesses)]


async def test_a_burst_after_a_new_password_still_gets_only_five_tries(
    shared, service_db, monkeypatch, capsys
):
    accounts, clock = shared[1], Clock()
    async with a_server(accounts, clock) as browser:
        statuses = await burst(browser, 30)
        assert (statuses.count(401), statuses.count(429)) == (5, 25)
        reset_on_the_command_line(service_db, monkeypatch, capsys)
        clock.now += RESET_CHECK_S
        # A second burst once the lock has ended, then more guesses one after another: five
        # more failures in all, then locked again (the right password too).
        statuses = await burst(browser, 30)
        for n in range(10):
            statuses.append((await sign_in(browser, password=f"again {n}")).status)
        assert (statuses.count(401), statuses.count(429)) == (5, 35)
        assert (await sign_in(browser, password=NEW_PASSWORD)).status == 429
    assert len(accounts.audit_log(action=FAILED)) == 10
    assert len(accounts.audit_log(action=LOCKED)) == 2  # one per lock-out
