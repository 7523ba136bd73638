"""`mi-trainer serve`: the Textual app in a browser (textual-serve), behind a sign-in.

textual-serve's aiohttp application runs one app process per websocket (``/ws``). This
server keeps its routes and process handling and adds, in front of every request:

- a sign-in page (``/login``) and ``/logout``; a signed, HttpOnly, SameSite=Strict cookie
  with an expiry naming a server-side sign-in (``accounts.cookies``), Secure when the public
  URL is https;
- a middleware that refuses every request without a live sign-in, the websocket included
  (before it is upgraded, so no app process starts), and a websocket from another origin;
- failed sign-ins limited per account and per address: counted in memory (a burst or a
  flood is refused without a database read or a password check, ``accounts.throttle``) and
  in the audit log, where every failure is written, so the limit counts the command line's
  failures too and holds across restarts and several server processes
  (``accounts.sign_in.sign_in_limit``); while memory holds an account locked, the audit log
  is asked at most every ``RESET_CHECK_S`` seconds whether an admin has set a new password
  (on the command line, in the app or through another server), which ends the lock;
- or, with ``--trust-proxy-header NAME``, the account named by a reverse proxy's header.

The app process learns who is signed in from a sign-in token in its environment
(``MI_TRAINER_SIGN_IN``), which it checks against the database itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import os
import shlex
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import textual_serve
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from mi_trainer.accounts import AccountStore, Identity
from mi_trainer.accounts.cookies import COOKIE_NAME, sign, unsign
from mi_trainer.accounts.sign_in import FAILED, LOCKED, last_cleared, sign_in_limit
from mi_trainer.accounts.throttle import LoginThrottle

log = logging.getLogger("mi-trainer.serve")

SIGN_IN_ENV = "MI_TRAINER_SIGN_IN"
VIA = "browser"  # how a sign-in came, in its audit entries (else "terminal", "command line …")
TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(textual_serve.__file__).parent / "static"
# While memory holds an account locked, how often (at most) to look in the audit log for a new
# password set elsewhere: a flood of refused tries costs one read per account per this.
RESET_CHECK_S = 5.0
MAX_FRAME_BYTES = 1024 * 1024  # a long paste fits; anything bigger closes the socket
MAX_FORM_BYTES = 8 * 1024
STOP_WAIT_S = 5.0
RECHECK_S = 30.0  # an open app closes within this long of its sign-in ending

IDENTITY = web.RequestKey("identity", Identity)
TOKEN = web.RequestKey("token", object)  # str, or None for a proxy-header sign-in

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on the
    # sign-in form, which the origin check rightly refuses.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' "
        "'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self' ws: wss:; "
        "frame-ancestors 'none'; form-action 'self'"
    ),
}


class SignedInAppService(AppService):
    """textual-serve's app process, started with the sign-in it belongs to."""

    def __init__(self, *args: Any, sign_in: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sign_in = sign_in

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment[SIGN_IN_ENV] = self.sign_in
        return environment

    async def stop(self) -> None:
        """Ask the app to quit; one that does not within a few seconds is ended."""
        with contextlib.suppress(TimeoutError, ConnectionError, RuntimeError):
            await asyncio.wait_for(super().stop(), timeout=STOP_WAIT_S)
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


class MIServer(Server):
    def __init__(
        self,
        accounts: AccountStore,
        command: str,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        public_url: str | None = None,
        trust_proxy_header: str | None = None,
        address_header: str | None = None,
        session_hours: float = 8,
        throttle: LoginThrottle | None = None,
        quiet: bool = False,
    ) -> None:
        super().__init__(
            command,
            host=host,
            port=port,
            title="mi-trainer",
            public_url=public_url,
            statics_path=STATIC,
            templates_path=TEMPLATES,
        )
        self.accounts = accounts
        self.secret = accounts.secret()
        self.trust_proxy_header = trust_proxy_header
        self.address_header = address_header
        self.session_hours = session_hours
        self.throttle = throttle or LoginThrottle()
        self.cleaning: set[asyncio.Future[None]] = set()
        self.quiet = quiet
        self.secure_cookie = self.public_url.startswith("https://")
        # Without --public-url the page is wherever the browser reached it (localhost or
        # 127.0.0.1); with it, only that origin.
        self.fixed_origin = (
            "{0.scheme}://{0.netloc}".format(urlsplit(public_url)) if public_url else None
        )
        self._locked_noted: set[tuple[str, str]] = set()
        self._reset_checked: dict[str, float] = {}  # account -> when last asked (throttle clock)
        self.live: set[SignedInAppService] = set()

    # ------------------------------------------------------------------ the aiohttp app
    async def _make_app(self) -> web.Application:
        return self.make_app()

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.sign_in_middleware], client_max_size=MAX_FORM_BYTES)
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.get("/login", self.handle_login_page, name="login"),
                web.post("/login", self.handle_login),
                web.post("/logout", self.handle_logout, name="logout"),
                web.get("/favicon.ico", self.handle_favicon),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.stop_apps)
        return app

    async def stop_apps(self, app: web.Application) -> None:
        """Server stopping: every app process is asked to quit (and ended if it does not)."""
        await asyncio.gather(*(service.stop() for service in list(self.live)))

    async def on_startup(self, app: web.Application) -> None:
        if not self.quiet:
            print(f"mi-trainer: serving the app on {self.public_url} (Ctrl+C stops)", flush=True)

    # ------------------------------------------------------------------ who is asking
    def address(self, request: web.Request) -> str:
        if self.address_header:
            forwarded = request.headers.get(self.address_header, "")
            first = forwarded.split(",")[0].strip()
            if first:
                return first[:64]
        return request.remote or "unknown"

    def cookie_token(self, request: web.Request) -> str | None:
        return unsign(self.secret, request.cookies.get(COOKIE_NAME), time.time())

    async def identity_of(self, request: web.Request) -> tuple[Identity | None, str | None]:
        """(identity, sign-in token) of the request, or (None, None)."""
        if self.trust_proxy_header:
            name = request.headers.get(self.trust_proxy_header, "").strip()
            if not name:
                return None, None
            account = await asyncio.to_thread(self.accounts.get, name)
            if account is None or account.disabled:
                return None, None
            return account.identity, None
        token = self.cookie_token(request)
        if token is None:
            return None, None
        identity = await asyncio.to_thread(self.accounts.identity_for, token)
        return (identity, token) if identity else (None, None)

    @web.middleware
    async def sign_in_middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        try:
            response = await self.signed_in_only(request, handler)
        except web.HTTPException as exc:  # redirects and refusals get the headers too
            exc.headers.update(SECURITY_HEADERS)
            raise
        if not response.prepared:  # a websocket has sent its headers already
            response.headers.update(SECURITY_HEADERS)
        return response

    async def signed_in_only(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path == "/favicon.ico" or (
            request.path == "/login" and not self.trust_proxy_header
        ):
            return await handler(request)
        identity, token = await self.identity_of(request)
        if identity is None:
            return self.refuse(request)
        request[IDENTITY] = identity
        request[TOKEN] = token
        return await handler(request)

    def refuse(self, request: web.Request) -> web.StreamResponse:
        if self.trust_proxy_header:
            return web.Response(
                status=403,
                text="No enabled mi-trainer account for this sign-in; ask an admin.\n",
            )
        if request.method == "GET" and request.path in ("/", ""):
            raise web.HTTPSeeOther("/login")
        return web.Response(status=401, text="Sign in first: open /login.\n")

    # ------------------------------------------------------------------ sign in and out
    def page(self, template: str, status: int = 200, **values: str) -> web.Response:
        text = (TEMPLATES / template).read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace("{{ " + key + " }}", value)
        return web.Response(status=status, text=text, content_type="text/html")

    async def handle_login_page(self, request: web.Request) -> web.StreamResponse:
        return self.page("login.html", message="", name="")

    def origin_of(self, request: web.Request) -> str:
        return self.fixed_origin or f"http://{request.host}"

    def same_origin(self, request: web.Request) -> bool:
        """No Origin (not a browser, or same-origin GET) or this server's own."""
        origin = request.headers.get("Origin")
        return origin is None or origin == self.origin_of(request)

    async def handle_login(self, request: web.Request) -> web.StreamResponse:
        if not self.same_origin(request):
            return web.Response(status=403, text="Sign in from the mi-trainer page itself.\n")
        try:
            form = await request.post()
        except ValueError:
            return web.Response(status=413, text="That sign-in form is too large.\n")
        name = str(form.get("name", "")).strip()[:80]
        password = str(form.get("password", ""))
        address = self.address(request)
        wait, noted, cleared = self.throttle.retry_after(name, address), False, 0
        if wait > 0 and await self.new_password_elsewhere(name):
            wait = self.throttle.retry_after(name, address)
        if wait == 0:  # failures elsewhere: the command line, another process, before a restart
            limit = await asyncio.to_thread(sign_in_limit, self.accounts, name, address)
            wait, noted, cleared = limit.wait_s, limit.noted, limit.cleared
        if wait == 0:  # counted now, so a concurrent burst stays within the limit
            wait = self.throttle.begin(name, address, cleared)
        if wait > 0:
            if not noted:
                await self.note_locked(name, address)
            minutes = max(1, round(wait / 60))
            response = self.page(
                "login.html",
                status=429,
                message=f"Too many failed sign-ins. Try again in about {minutes} "
                "minute(s), or ask an admin to reset your password.",
                name=html.escape(name),
            )
            response.headers["Retry-After"] = str(int(wait) + 1)
            return response
        account = await asyncio.to_thread(self.accounts.check_password, name, password)
        if account is None:
            detail = {"name": name, "via": VIA}
            await asyncio.to_thread(self.accounts.audit, None, FAILED, detail, address=address)
            return self.page(
                "login.html",
                status=401,
                message="That name and password do not match an enabled account.",
                name=html.escape(name),
            )
        self.throttle.succeeded(name, address)
        token, expires = await asyncio.to_thread(
            self.accounts.start_login, account, address=address, hours=self.session_hours
        )
        response = web.HTTPSeeOther("/")  # raised, after the cookie is on it
        response.set_cookie(
            COOKIE_NAME,
            sign(self.secret, token, expires),
            max_age=int(expires - time.time()),
            httponly=True,
            samesite="Strict",
            secure=self.secure_cookie,
            path="/",
        )
        raise response

    async def new_password_elsewhere(self, name: str) -> bool:
        """Whether an admin has set the account a new password since the failures memory holds
        it locked for (then those are forgotten). Asked at most every ``RESET_CHECK_S`` per
        account, so a burst or a flood of refused tries costs no database read."""
        if self.throttle.account_wait(name) == 0:
            return False  # locked by its address alone, which a new password does not change
        key, now = name.casefold(), self.throttle.clock()
        asked = self._reset_checked.get(key)
        if asked is not None and now < asked + RESET_CHECK_S:
            return False
        if len(self._reset_checked) > 10_000:
            self._reset_checked.clear()
        self._reset_checked[key] = now
        cleared = await asyncio.to_thread(last_cleared, self.accounts, name)
        if not self.throttle.forget_before(name, cleared):
            return False
        self._locked_noted = {noted for noted in self._locked_noted if noted[0] != key}
        return True

    async def note_locked(self, name: str, address: str) -> None:
        """One audit entry per lock-out (not one per refused try: a flood writes nothing)."""
        key = (name.casefold(), address)
        if key in self._locked_noted:
            return
        if len(self._locked_noted) > 10_000:
            self._locked_noted.clear()
        self._locked_noted.add(key)
        detail = {"name": name, "via": VIA}
        await asyncio.to_thread(self.accounts.audit, None, LOCKED, detail, address=address)

    async def handle_logout(self, request: web.Request) -> web.StreamResponse:
        if not self.same_origin(request):
            return web.Response(status=403, text="Sign out from the mi-trainer page itself.\n")
        token = request.get(TOKEN)
        if token:
            await asyncio.to_thread(self.accounts.end_login, token, address=self.address(request))
        response = web.HTTPSeeOther("/login")
        response.del_cookie(COOKIE_NAME, path="/")
        raise response

    async def handle_favicon(self, request: web.Request) -> web.StreamResponse:
        return web.Response(status=204)

    # ------------------------------------------------------------------ the app page
    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        identity: Identity = request[IDENTITY]
        font_size = min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 40)
        ws_url = "ws" + self.origin_of(request)[len("http") :] + "/ws"
        return self.page(
            "app.html",
            static="/static/",
            websocket=html.escape(ws_url),
            font_size=str(font_size),
            user=html.escape(identity.describe()),
            logout="" if self.trust_proxy_header else LOGOUT_FORM,
        )

    # ------------------------------------------------------------------ the websocket
    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not self.same_origin(request):
            return web.Response(status=403, text="The app is opened from its own page only.\n")
        identity: Identity = request[IDENTITY]
        token: str | None = request[TOKEN]
        own_sign_in = token is None  # proxy mode: a sign-in for this connection only
        if own_sign_in:
            account = await asyncio.to_thread(self.accounts.get, identity.name)
            if account is None:
                return self.refuse(request)
            token, _ = await asyncio.to_thread(
                self.accounts.start_login,
                account,
                address=self.address(request),
                hours=self.session_hours,
            )
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_FRAME_BYTES)
        width = min(max(to_int(request.query.get("width", "80"), 80), 20), 500)
        height = min(max(to_int(request.query.get("height", "24"), 24), 5), 200)
        app_service: AppService | None = None
        watcher: asyncio.Task[None] | None = None
        try:
            await websocket.prepare(request)
            app_service = SignedInAppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
                sign_in=token,
            )
            self.live.add(app_service)
            await app_service.start(width, height)
            watcher = asyncio.create_task(self.close_when_signed_out(websocket, token))
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one visitor's failure must not stop the server
            log.warning("app session ended with an error: %s", error)
        finally:
            if watcher is not None:
                watcher.cancel()
            # Shielded: a handler cancelled (client gone, server stopping) still stops its app
            # process and ends the sign-in it made.
            cleaning = asyncio.ensure_future(
                self.clean_up(app_service, token if own_sign_in else None)
            )
            self.cleaning.add(cleaning)  # held until done: the loop keeps only weak references
            cleaning.add_done_callback(self.cleaning.discard)
            await asyncio.shield(cleaning)
        return websocket

    async def clean_up(self, app_service: AppService | None, own_token: str | None) -> None:
        if app_service is not None:
            with contextlib.suppress(Exception):
                await app_service.stop()
            self.live.discard(app_service)
        if own_token is not None:
            await asyncio.to_thread(self.accounts.end_login, own_token)

    async def close_when_signed_out(self, websocket: web.WebSocketResponse, token: str) -> None:
        while not websocket.closed:
            await asyncio.sleep(RECHECK_S)
            if await asyncio.to_thread(self.accounts.identity_for, token) is None:
                await websocket.close(code=WSCloseCode.POLICY_VIOLATION, message=b"signed out")

    async def _process_messages(
        self, websocket: web.WebSocketResponse, app_service: AppService
    ) -> None:
        """textual-serve's message loop, closing (not crashing) on anything malformed."""
        async for message in websocket:
            if message.type == WSMsgType.ERROR:
                break
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            except (ValueError, TypeError, IndexError, KeyError):
                await websocket.close(code=WSCloseCode.UNSUPPORTED_DATA, message=b"bad frame")
                break
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width = min(max(to_int(str(data.get("width", 80)), 80), 20), 500)
                height = min(max(to_int(str(data.get("height", 24)), 24), 5), 200)
                await app_service.set_terminal_size(width, height)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    # ------------------------------------------------------------------ running
    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        logging.basicConfig(level=logging.INFO, format="mi-trainer serve: %(message)s")
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
        web.run_app(self.make_app(), host=self.host, port=self.port, print=None, access_log=None)


LOGOUT_FORM = '<form method="post" action="/logout"><button type="submit">Sign out</button></form>'


def app_command(db: str, scenarios: str | None) -> str:
    """The command each browser session runs: this Python, this database, these scenarios."""
    parts = [sys.executable, "-m", "mi_trainer", "--db", db]
    if scenarios:
        parts += ["--scenarios", scenarios]
    if os.name == "nt":
        return " ".join(f'"{p}"' for p in parts)
    return " ".join(shlex.quote(p) for p in parts)
