"""A throwaway PostgreSQL server for the tests and the storage benchmarks (never for users).

``initdb`` + ``pg_ctl`` from Debian's ``postgresql`` package (``/usr/lib/postgresql/*/bin``),
run in a temporary folder as an unprivileged user (PostgreSQL refuses to run as root: when we
are root the cluster belongs to ``nobody``), listening on 127.0.0.1 only, on a free port.
Connections use a password kept in a libpq password file (``PGPASSFILE``), as a deployment
would, so nothing secret is on a command line.

    cluster = Cluster.start()              # installs the package first when root and missing
    url = cluster.create_database("t1")    # postgresql://postgres@127.0.0.1:PORT/t1
    cluster.stop()                         # and the folder is removed

From a shell (CI, benchmarks): ``python benchmarks/pg_cluster.py start DIR`` prints the
environment to ``eval`` (``PGPASSFILE``, ``MI_TRAINER_PG_URL``); ``… stop DIR`` stops it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "postgres"
RUN_AS_WHEN_ROOT = "nobody"


class ClusterUnavailable(RuntimeError):
    """PostgreSQL's server programs are not installed and could not be installed."""


def server_bin(name: str) -> str | None:
    """The newest installed PostgreSQL server program ``name`` (initdb, pg_ctl, …)."""
    found = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return found[-1]
    return shutil.which(name)


def ensure_installed() -> None:
    """Install Debian's ``postgresql`` package when the server programs are missing (as root)."""
    if server_bin("initdb") and server_bin("pg_ctl"):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise ClusterUnavailable(
            "PostgreSQL's initdb/pg_ctl are not installed; install the 'postgresql' package "
            "(sudo apt-get install postgresql) to run the PostgreSQL tests."
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for argv in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "postgresql"]):
        subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL)
    if not server_bin("initdb"):
        raise ClusterUnavailable("apt-get installed 'postgresql' but initdb is still missing")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _runner() -> list[str]:
    """Prefix that runs a server program as an unprivileged user."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", RUN_AS_WHEN_ROOT, "--"]


def _give_away(path: Path) -> None:
    if os.geteuid() == 0:
        entry = pwd.getpwnam(RUN_AS_WHEN_ROOT)
        os.chown(path, entry.pw_uid, entry.pw_gid)


@dataclass
class Cluster:
    folder: Path
    port: int
    password: str
    _options: list[str] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def passfile(self) -> Path:
        return self.folder / "pgpass"

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    # ------------------------------------------------------------------ life cycle

    @classmethod
    def start(cls, folder: str | os.PathLike[str] | None = None, *, fast: bool = True) -> Cluster:
        """initdb + start. ``fast`` trades crash durability of the *server* for speed
        (fsync off): right for tests, which never pull the power."""
        ensure_installed()
        root = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="mi-trainer-pg-"))
        root.mkdir(parents=True, exist_ok=True)
        os.chmod(root, 0o755)  # the server user must reach its data folder
        cluster = cls(root, _free_port(), secrets.token_urlsafe(18))
        pwfile = root / "initdb-password"
        pwfile.write_text(cluster.password + "\n")
        _give_away(pwfile)
        cluster.data.mkdir(mode=0o700)
        _give_away(cluster.data)
        run = _runner()
        subprocess.run(
            [
                *run,
                server_bin("initdb") or "initdb",
                "-D",
                str(cluster.data),
                "-U",
                SUPERUSER,
                "--auth-local=reject",
                "--auth-host=scram-sha-256",
                f"--pwfile={pwfile}",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        pwfile.unlink()
        options = [
            "-c listen_addresses=127.0.0.1",
            f"-p {cluster.port}",
            "-c unix_socket_directories=''",
            "-c max_connections=200",
            "-c shared_buffers=256MB",
        ]
        if fast:
            options += ["-c fsync=off", "-c full_page_writes=off", "-c synchronous_commit=off"]
        cluster._options = options
        cluster.start_server()
        cluster.passfile.write_text(f"127.0.0.1:{cluster.port}:*:*:{cluster.password}\n")
        os.chmod(cluster.passfile, 0o600)
        return cluster

    def start_server(self) -> None:
        """Start the server on the existing data folder (again, after :meth:`stop_server`)."""
        log = self.folder / "server.log"
        log.touch()
        _give_away(log)
        subprocess.run(
            [
                *_runner(),
                server_bin("pg_ctl") or "pg_ctl",
                "-D",
                str(self.data),
                "-l",
                str(log),
                "-o",
                " ".join(self._options),
                "-w",
                "-t",
                "60",
                "start",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop_server(self) -> None:
        """Stop the server, keeping its data (``fast``: open connections are cut)."""
        with contextlib.suppress(subprocess.CalledProcessError, FileNotFoundError):
            subprocess.run(
                [
                    *_runner(),
                    server_bin("pg_ctl") or "pg_ctl",
                    "-D",
                    str(self.data),
                    "-m",
                    "fast",
                    "-w",
                    "stop",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        self.stop_server()
        shutil.rmtree(self.folder, ignore_errors=True)

    def env(self) -> dict[str, str]:
        """What a client needs: the password file (libpq reads it; no password in URLs)."""
        return {"PGPASSFILE": str(self.passfile)}

    # ------------------------------------------------------------------ databases and roles

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True, passfile=str(self.passfile)) as c:
            c.execute(statement)

    def create_database(self, name: str, owner: str = SUPERUSER) -> str:
        self.sql(f'CREATE DATABASE "{name}" OWNER "{owner}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def create_role(self, name: str) -> None:
        """A login role with the cluster's password (so the password file covers it)."""
        self.sql(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{self.password}'")


def _main(argv: list[str]) -> int:
    if argv == ["install"]:
        try:
            ensure_installed()
        except (ClusterUnavailable, subprocess.CalledProcessError) as err:
            print(f"pg_cluster: {err}", file=sys.stderr)
            return 1
        return 0
    durable = "--durable" in argv
    args = [a for a in argv if a != "--durable"]
    if len(args) != 2 or args[0] not in ("start", "stop"):
        print("usage: pg_cluster.py install | start [--durable] DIR | stop DIR", file=sys.stderr)
        return 2
    command, folder = args
    if command == "start":
        cluster = Cluster.start(folder, fast=not durable)
        (Path(folder) / "port").write_text(str(cluster.port))
        cluster.create_database("mi_trainer")
        print(f"export PGPASSFILE={cluster.passfile}")
        print(f"export MI_TRAINER_PG_URL={cluster.url('mi_trainer')}")
        return 0
    port_file = Path(folder) / "port"
    if not port_file.is_file():  # stopped already (.ci/run stops it, then its exit trap again)
        return 0
    Cluster(Path(folder), int(port_file.read_text()), "").stop()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
