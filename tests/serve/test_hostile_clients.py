"""Hostile clients on loopback: every way in without a live sign-in is refused, and nothing
is written (no app process, no session, no sign-in, at most one lock-out note)."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from mi_trainer.accounts.cookies import COOKIE_NAME, new_secret, sign
from tests.serve.conftest import started_with

PASSWORD = "correct horse battery"


async def sign_in(client, name="Sam Jones", password=PASSWORD):
    return await client.post(
        "/login", data={"name": name, "password": password}, allow_redirects=False
    )


def cookie_of(response) -> str:
    return response.cookies[COOKIE_NAME].value


async def refused_websocket(client, cookie: str | None = None, **headers):
    if cookie is not None:
        client.session.cookie_jar.clear()  # only the cookie under test is sent
        headers["Cookie"] = f"{COOKIE_NAME}={cookie}"
    with pytest.raises(aiohttp.WSServerHandshakeError) as err:
        await client.ws_connect("/ws", headers=headers)
    return err.value.status


async def test_the_websocket_without_a_cookie_is_refused_before_any_app_starts(served):
    before = served.counts()
    assert await refused_websocket(served.client) == 401
    page = await served.client.get("/", allow_redirects=False)
    assert (page.status, page.headers["Location"]) == (303, "/login")
    assert served.counts() == before


@pytest.mark.parametrize(
    "forge",
    [
        lambda secret, token: sign(new_secret(), token, int(time.time()) + 3600),  # other key
        lambda secret, token: sign(secret, token, int(time.time()) - 1),  # expired
        lambda secret, token: sign(secret, token, int(time.time()) + 3600)[:-2] + "AA",
        lambda secret, token: sign(secret, "made-up-token", int(time.time()) + 3600),
        lambda secret, token: "x" * 5000,
    ],
    ids=["other-key", "expired", "bad-signature", "unknown-token", "huge"],
)
async def test_forged_or_expired_cookies_are_refused(served, forge):
    signed_in = await sign_in(served.client)
    token = cookie_of(signed_in).split(".")[0]
    before = served.counts()
    assert await refused_websocket(served.client, forge(served.server.secret, token)) == 401
    assert served.counts() == before


async def test_a_sign_in_past_its_expiry_in_the_database_is_refused(served):
    account = served.accounts.get("Sam Jones")
    token, _ = served.accounts.start_login(account, hours=-1)  # already over
    cookie = sign(served.server.secret, token, int(time.time()) + 3600)
    before = served.counts()
    assert await refused_websocket(served.client, cookie) == 401
    assert served.counts() == before


async def test_another_users_cookie_after_logout_is_refused(served):
    priya = await sign_in(served.client, "Priya Shah")
    cookie = cookie_of(priya)
    served.client.session.cookie_jar.clear()
    out = await served.client.post(
        "/logout", headers={"Cookie": f"{COOKIE_NAME}={cookie}"}, allow_redirects=False
    )
    assert out.status == 303
    served.client.session.cookie_jar.clear()
    before = served.counts()
    assert await refused_websocket(served.client, cookie) == 401
    page = await served.client.get(
        "/", headers={"Cookie": f"{COOKIE_NAME}={cookie}"}, allow_redirects=False
    )
    assert page.status == 303
    assert served.counts() == before


async def test_a_thousand_bad_logins_in_a_burst_are_all_refused(served):
    before = served.counts()

    async def guess(n: int) -> int:
        response = await served.client.post(
            "/login",
            data={"name": "Sam Jones", "password": f"guess number {n}"},
            allow_redirects=False,
        )
        await response.read()
        return response.status

    statuses = []
    for start in range(0, 1000, 100):
        statuses += await asyncio.gather(*(guess(n) for n in range(start, start + 100)))
    assert set(statuses) <= {401, 429} and statuses.count(429) >= 990
    # Locked: even the right password is refused now, with a time to wait.
    right = await sign_in(served.client)
    assert right.status == 429 and int(right.headers["Retry-After"]) > 0
    assert "Too many failed sign-ins" in await right.text()
    after = served.counts()
    assert after["login_sessions"] == before["login_sessions"] == 0
    assert after["processes"] == 0 and after["sessions"] == 0
    # Each password checked is a failure in the audit log (the limit is counted there too),
    # then one note of the lock-out: six entries, not 1,000.
    failures = served.accounts.audit_log(limit=10, action="sign_in_failed")
    notes = served.accounts.audit_log(limit=10, action="sign_in_locked")
    assert (len(failures), len(notes)) == (5, 1)
    assert after["audit_log"] - before["audit_log"] == 6


async def test_many_names_from_one_address_are_locked_out_too(served):
    for n in range(25):
        await sign_in(served.client, f"guess{n}", "wrong password!")
    assert (await sign_in(served.client, "Priya Shah")).status == 429


async def test_oversized_and_malformed_frames_close_the_socket_and_write_nothing(served):
    await sign_in(served.client)
    ws = await served.client.ws_connect("/ws")
    before = served.counts()
    await ws.send_str('["stdin", "' + "x" * (2 * 1024 * 1024) + '"]')
    message = await ws.receive(timeout=10)
    assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert ws.close_code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
    ws = await served.client.ws_connect("/ws")
    await ws.send_str("this is not json {")
    await ws.receive(timeout=10)
    assert ws.close_code == aiohttp.WSCloseCode.UNSUPPORTED_DATA
    after = served.counts()
    assert {k: after[k] for k in ("sessions", "turns", "login_sessions")} == {
        k: before[k] for k in ("sessions", "turns", "login_sessions")
    }


async def test_a_signed_in_browser_gets_one_app_process_with_its_sign_in(served, tmp_path):
    response = await sign_in(served.client)
    assert response.status == 303
    header = response.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Strict" in header and "Max-Age=" in header
    ws = await served.client.ws_connect("/ws")
    token = cookie_of(response).split(".")[0]
    assert await started_with(tmp_path / "spawned") == token  # the app checks it itself
    await ws.close()


async def test_a_websocket_from_another_site_is_refused_even_with_a_cookie(served):
    await sign_in(served.client)
    before = served.counts()
    assert await refused_websocket(served.client, Origin="https://evil.example") == 403
    assert served.counts() == before


async def test_a_sign_in_form_from_another_site_is_refused(served):
    response = await served.client.post(
        "/login",
        data={"name": "Sam Jones", "password": PASSWORD},
        headers={"Origin": "https://evil.example"},
        allow_redirects=False,
    )
    assert response.status == 403 and COOKIE_NAME not in response.cookies
