"""`mi-trainer serve`: the app in a browser for a whole service, behind a sign-in."""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Serve the app to browsers (accounts and sign-in; see docs/deployment.md)."
DESCRIPTION = """\
Serves the same app to web browsers: each browser that signs in gets its own app process on
this database. People sign in with the accounts made by `mi-trainer users`; what they see
follows their role. Run it behind a TLS reverse proxy for anything beyond this machine and
give the proxy's address with --public-url (see docs/deployment.md).

examples:
  mi-trainer users add "Ada Okafor" --role admin
  mi-trainer serve                                   http://127.0.0.1:8000
  mi-trainer serve --port 8080 --public-url https://mi.example.org
  mi-trainer serve --trust-proxy-header X-Remote-User --public-url https://mi.example.org
"""


def register(subparsers: Any) -> None:
    from mi_trainer.cli.main import add_db_option

    parser = subparsers.add_parser("serve", help=HELP, description=DESCRIPTION)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address people open, e.g. https://mi.example.org behind a TLS proxy "
        "(default: http://HOST:PORT); https makes the cookie Secure",
    )
    parser.add_argument(
        "--trust-proxy-header",
        metavar="NAME",
        help="take the signed-in account's name from this request header, set by a reverse "
        "proxy that signs people in itself (off by default; never on a port others can reach)",
    )
    parser.add_argument(
        "--client-address-header",
        metavar="NAME",
        help="the header in which the proxy gives the visitor's address (e.g. X-Forwarded-For), "
        "so failed sign-ins are limited per visitor rather than per proxy",
    )
    parser.add_argument(
        "--session-hours",
        type=float,
        default=8.0,
        metavar="H",
        help="how long a sign-in lasts (8 hours)",
    )
    parser.add_argument(
        "--scenarios", metavar="DIR", default=argparse.SUPPRESS, help="folder of scenario files"
    )
    add_db_option(parser)
    parser.set_defaults(handler=run)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_options(args: argparse.Namespace) -> None:
    if not 0 < args.port < 65536:
        raise UserError(f"--port {args.port} is not a port number (1-65535).", exit_code=2)
    if not 0.05 <= args.session_hours <= 24 * 30:
        raise UserError("--session-hours must be between 0.05 and 720.", exit_code=2)
    url = args.public_url
    if url is not None:
        if not url.startswith(("http://", "https://")):
            raise UserError(
                f"--public-url '{url}' must start with https:// (or http:// on this machine).",
                exit_code=2,
            )
        args.public_url = url.rstrip("/")
    if args.trust_proxy_header and not _loopback(args.host):
        raise UserError(
            "--trust-proxy-header lets whoever sends that header in: listen on 127.0.0.1 "
            "(--host) so only the reverse proxy on this machine reaches the server.",
            exit_code=2,
        )


def run(args: argparse.Namespace) -> int:
    from mi_trainer.accounts import AccountStore
    from mi_trainer.cli.cmd_report import open_store, storage_error
    from mi_trainer.storage import StorageError

    check_options(args)
    store = open_store(args, create=True)
    accounts = AccountStore(store)
    try:
        has_accounts = accounts.has_accounts()
    except StorageError as err:
        store.close()
        raise storage_error(err) from None
    if not has_accounts:
        store.close()  # nothing to serve: let go of the database before saying why
        raise UserError(
            f"There are no accounts in {store.location} yet, so nobody could sign in. Add "
            'the first admin: mi-trainer users add "Your Name" --team "Your Team" --role admin'
            f" --db {shlex.quote(store.location)}"
        )
    from mi_trainer.serve.server import MIServer, app_command

    db = store.location if "://" in store.location else str(Path(store.location).resolve())
    scenarios = getattr(args, "scenarios", None)
    if scenarios and not Path(scenarios).is_dir():
        raise UserError(f"--scenarios {scenarios}: no such folder.")
    server = MIServer(
        accounts,
        app_command(db, str(Path(scenarios).resolve()) if scenarios else None),
        host=args.host,
        port=args.port,
        public_url=args.public_url,
        trust_proxy_header=args.trust_proxy_header,
        address_header=args.client_address_header,
        session_hours=args.session_hours,
    )
    try:
        server.serve()
    except OSError as err:
        raise UserError(
            f"Cannot listen on {args.host}:{args.port}: {err.strerror or err}. "
            "Is another server using that port? Choose another with --port."
        ) from None
    finally:
        store.close()
    print("mi-trainer: server stopped.", file=sys.stderr)
    return 0
