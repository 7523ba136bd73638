"""The settings a deployment chooses (docs/deployment.md): the cookie's flags and lifetime, and
single sign-on at the proxy with --trust-proxy-header, which is off unless asked for."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from mi_trainer.accounts import AccountStore
from mi_trainer.serve.server import MIServer
from mi_trainer.storage import SessionStore
from tests.serve.conftest import PASSWORD, marker_command, started_with

HEADER = "X-Remote-User"


@contextlib.asynccontextmanager
async def serving(tmp_path: Path, **options):
    store = SessionStore.open(tmp_path / "service.db")
    accounts = AccountStore(store)
    accounts.add("Sam Jones", "North", "practitioner", PASSWORD)
    accounts.add("Olu Ade", "South", "practitioner", PASSWORD)
    accounts.set_disabled("Olu Ade")
    spawned = tmp_path / "spawned"
    spawned.mkdir()
    server = MIServer(accounts, marker_command(spawned), quiet=True, **options)
    client = TestClient(TestServer(server.make_app(), host="127.0.0.1"))
    await client.start_server()
    try:
        yield client, accounts, spawned
    finally:
        await client.close()
        store.close()


async def sign_in(client):
    return await client.post(
        "/login", data={"name": "Sam Jones", "password": PASSWORD}, allow_redirects=False
    )


@pytest.mark.parametrize(
    ("options", "secure"),
    [({}, False), ({"public_url": "https://mi.example.org"}, True)],
)
async def test_the_cookie_is_http_only_strict_expiring_and_secure_behind_https(
    tmp_path, options, secure
):
    async with serving(tmp_path, session_hours=2, **options) as (client, _, _):
        response = await sign_in(client)
        assert response.status == 303
        header = response.headers["Set-Cookie"]
        attributes = [part.strip() for part in header.split(";")]
        assert "HttpOnly" in attributes and "SameSite=Strict" in attributes
        assert "Path=/" in attributes
        [max_age] = [a for a in attributes if a.startswith("Max-Age=")]
        assert 2 * 3600 - 5 <= int(max_age.split("=")[1]) <= 2 * 3600
        assert ("Secure" in attributes) is secure


async def test_a_proxy_header_is_ignored_unless_the_server_is_told_to_trust_it(tmp_path):
    async with serving(tmp_path) as (client, accounts, spawned):
        page = await client.get("/", headers={HEADER: "Sam Jones"}, allow_redirects=False)
        assert page.status == 303 and page.headers["Location"] == "/login"
        with pytest.raises(aiohttp.WSServerHandshakeError) as err:
            await client.ws_connect("/ws", headers={HEADER: "Sam Jones"})
        assert err.value.status == 401
        assert list(spawned.iterdir()) == []
        assert accounts.audit_log(action="sign_in") == []


async def test_with_trust_proxy_header_the_proxys_name_signs_in_an_enabled_account(tmp_path):
    async with serving(tmp_path, trust_proxy_header=HEADER) as (client, accounts, spawned):
        page = await client.get("/", headers={HEADER: "Sam Jones"})
        assert page.status == 200
        assert "Sam Jones (practitioner, North)" in await page.text()
        for headers in ({}, {HEADER: "Nobody Known"}, {HEADER: "Olu Ade"}, {HEADER: " "}):
            refused = await client.get("/", headers=headers, allow_redirects=False)
            assert refused.status == 403, headers
        # Its own sign-in page is not a way in when the proxy signs people in.
        form = await client.post("/login", data={"name": "Sam Jones", "password": PASSWORD})
        assert form.status == 403
        ws = await client.ws_connect("/ws", headers={HEADER: "Sam Jones"})
        token = await started_with(spawned)
        assert accounts.identity_for(token).name == "Sam Jones"  # the app checks this itself
        await ws.close()
        for _ in range(300):  # the connection's own sign-in ends with it
            if accounts.identity_for(token) is None:
                break
            await asyncio.sleep(0.1)
        assert accounts.identity_for(token) is None
        [entry] = accounts.audit_log(action="sign_in")
        assert entry.actor == "Sam Jones"
