"""Issue 17 items 3, 8 and 11 (the database file): what is at the --db path is reported for what
it is (a pipe, a link loop, a read-only folder), never as "damaged" and never with a hang; a new
database is owner-only however it comes to be; a purge leaves no deleted text in the file."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mi_trainer.storage import SessionStore

pytestmark = pytest.mark.usefixtures("loose_umask")


def mi_trainer(*argv: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess[str]:
    """The real command in its own process (a hang shows as a timeout, not a stuck suite)."""
    return subprocess.run(
        [sys.executable, "-m", "mi_trainer", *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ------------------------------------------------------------------ what is at the path


@pytest.mark.parametrize("command", [["report"], ["export"], ["import", "x.jsonl"]])
def test_a_named_pipe_as_the_database_is_a_message_not_a_hang(
    command: list[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "sessions.db"
    os.mkfifo(fifo)
    (tmp_path / "x.jsonl").write_text("", "utf-8")
    done = mi_trainer(*command, "--db", str(fifo), timeout=30, cwd=tmp_path)
    assert done.returncode == 1
    assert f"{fifo} is not a regular file (it is a named pipe)" in done.stderr
    assert "no such" not in done.stderr.lower() and "Traceback" not in done.stderr


def test_a_symlink_loop_as_the_database_is_named_as_one(tmp_path: Path) -> None:
    loop = tmp_path / "sessions.db"
    loop.symlink_to(tmp_path / "other.db")
    (tmp_path / "other.db").symlink_to(loop)
    for command in (["report"], ["purge", "--before", "2026-01-01"]):
        done = mi_trainer(*command, "--db", str(loop))
        assert done.returncode == 1
        assert f"{loop} is a symbolic link that leads round in a loop" in done.stderr
        assert "There is no session database" not in done.stderr


def test_a_database_made_through_a_dangling_link_is_owner_only(kit, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "deeper" / "sessions.db"
    link = tmp_path / "sessions.db"
    link.symlink_to(target)
    kit.keep(link, kit.session("Sam Jones", "North", "2026-01-12T10:00:00+00:00"))
    assert target.is_file() and link.is_symlink()
    assert mode(target) == 0o600
    assert mode(tmp_path / "elsewhere") == 0o700 and mode(target.parent) == 0o700


def test_an_existing_empty_file_becomes_an_owner_only_database(kit, tmp_path: Path) -> None:
    db = tmp_path / "sessions.db"
    db.touch()
    os.chmod(db, 0o644)
    kit.keep(db, kit.session("Sam Jones", "North", "2026-01-12T10:00:00+00:00"))
    assert mode(db) == 0o600
    assert all(mode(p) == 0o600 for p in tmp_path.glob("sessions.db-*"))


def test_every_folder_made_for_a_new_database_is_owner_only(kit, tmp_path: Path) -> None:
    db = tmp_path / "a" / "b" / "c" / "sessions.db"
    kit.keep(db, kit.session("Sam Jones", "North", "2026-01-12T10:00:00+00:00"))
    for folder in (tmp_path / "a", tmp_path / "a" / "b", db.parent):
        assert mode(folder) == 0o700, folder


def test_a_widened_database_is_left_as_the_user_chose(kit, tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    kit.keep(db, kit.session("Sam Jones", "North", "2026-01-12T10:00:00+00:00"))
    os.chmod(db, 0o640)
    kit.keep(db, kit.session("Amira Khan", "North", "2026-01-13T10:00:00+00:00"))
    assert mode(db) == 0o640


# ------------------------------------------------------------------ healthy is not "damaged"


def report_in_read_only_folder(db: Path) -> subprocess.CompletedProcess[str]:
    """`report` on ``db`` while its folder cannot be written: by permissions for an ordinary
    user; for root (who ignores permissions) through a read-only bind mount of the folder in
    a private mount namespace, which vanishes with the process."""
    folder = db.parent
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)
        try:
            return mi_trainer("report", "--db", str(db))
        finally:
            os.chmod(folder, 0o755)
    script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
    command = ["unshare", "-m", "sh", "-c", script, "sh", str(folder), sys.executable]
    probe = subprocess.run([*command, "-c", "pass"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a read-only folder as root here: {probe.stderr.strip()}")
    return subprocess.run(
        [*command, "-m", "mi_trainer", "report", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_database_in_a_read_only_folder_is_not_called_damaged(kit, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "sessions.db"
    kit.keep(db, kit.session("Sam Jones", "North", "2026-01-12T10:00:00+00:00"))
    assert not list(folder.glob("sessions.db-*"))  # closed cleanly: reading needs new ones
    before = db.read_bytes()
    done = report_in_read_only_folder(db)
    assert done.returncode == 1, done.stdout
    assert "damaged" not in done.stderr.lower() and "move it aside" not in done.stderr.lower()
    assert f"the folder {folder} is read-only" in done.stderr
    assert db.read_bytes() == before


# ------------------------------------------------------------------ purge really deletes


SECRET = "Kerry said her partner hit her on Saturday"


def _purgeable(kit, db: Path) -> None:
    old = [
        kit.session("Sam Jones", "North", f"2025-03-{day:02d}T10:00:00+00:00", f"{SECRET} ({day})")
        for day in range(1, 25)
    ]
    kit.keep(db, *old, kit.session("Amira Khan", "North", "2026-02-02T10:00:00+00:00"))


def _fragments(db: Path) -> int:
    data = b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))
    return data.count(SECRET[10:30].encode())


def test_purge_leaves_no_free_pages_and_no_purged_text_in_the_file(kit, tmp_path: Path) -> None:
    db = tmp_path / "sessions.db"
    _purgeable(kit, db)
    size = db.stat().st_size
    done = mi_trainer("purge", "--before", "2026-01-01", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "Deleted 24 session(s)" in done.stdout
    assert _fragments(db) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0  # vacuumed
    assert db.stat().st_size < size
    with SessionStore.open(db, create=False) as store:
        assert [s.practitioner for s in store.list_sessions()] == ["Amira Khan"]


def test_purge_while_another_program_reads_says_the_text_is_not_yet_gone(
    kit, tmp_path: Path
) -> None:
    db = tmp_path / "sessions.db"
    _purgeable(kit, db)
    reader = sqlite3.connect(db)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM turns").fetchone()  # a snapshot held open
    try:
        done = mi_trainer("purge", "--before", "2026-01-01", "--db", str(db))
    finally:
        reader.rollback()
        reader.close()
    assert done.returncode == 0, done.stderr
    assert "Deleted 24 session(s)" in done.stdout
    assert "still in the database file" in done.stdout
    again = mi_trainer("purge", "--before", "2026-01-01", "--db", str(db))
    assert "nothing to delete" in again.stdout
    assert _fragments(db) == 0


def test_a_value_the_database_refuses_does_not_call_it_damaged(kit, tmp_path: Path) -> None:
    """A bug or a record that slipped past the checks must not send anyone to move a healthy
    database aside (that advice loses data)."""
    from mi_trainer.storage import StorageError
    from mi_trainer.transcript import Turn

    db = tmp_path / "sessions.db"
    kit.keep(db, kit.session("Sam Jones", "North", "2026-01-12T10:00:00+00:00"))
    with SessionStore.open(db) as store:
        sid = store.start_session(kit.session("Amira Khan", "North", "2026-01-13T10:00:00+00:00"))
        with pytest.raises(StorageError) as caught:
            store.append_turn(sid, Turn(9, "practitioner", ["not", "text"]))  # type: ignore[arg-type]
    message = str(caught.value)
    assert "damaged" not in message.lower() and "move it aside" not in message.lower()
    assert "The database itself is fine" in message
    with SessionStore.open(db, create=False) as store:
        assert len(store.list_sessions()) == 2
