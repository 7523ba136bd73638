"""Issue 17 items 3, 4 and 6 (writing): every file holding practitioners' or families' words is
owner-only, written through a uniquely named temporary file that is never a planted link, and
replaced atomically; a full disk or a folder as the output is a message, never a traceback."""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mi_trainer import safe_files
from mi_trainer.preferences import Preferences
from mi_trainer.safe_files import atomic_writer, write_text
from mi_trainer.scoring import score_transcript
from mi_trainer.tui.services import Services

pytestmark = pytest.mark.usefixtures("loose_umask")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def leftovers(folder: Path, *expected: str) -> list[str]:
    """Files in ``folder`` other than ``expected`` (a temporary file left behind shows here)."""
    return sorted(p.name for p in folder.iterdir() if p.name not in expected)


def stale(path: Path) -> Path:
    """A world-readable file already at ``path`` (as left by an older version or another tool)."""
    path.write_text("old content", "utf-8")
    os.chmod(path, 0o644)
    return path


# ------------------------------------------------------------------ item 3: every writer, 0600


def write_with_report_html(kit, capsys, db: Path, out: Path) -> None:
    assert kit.run(capsys, "report", "--db", str(db), "--format", "html", "-o", str(out))[0] == 0


def write_with_report_csv(kit, capsys, db: Path, out: Path) -> None:
    assert kit.run(capsys, "report", "--db", str(db), "--format", "csv", "-o", str(out))[0] == 0


def write_with_score(kit, capsys, db: Path, out: Path) -> None:
    transcript = out.parent / "session.txt"
    transcript.write_text("P: How are the mornings going?\nC: Hard, honestly.\n", "utf-8")
    code, _out, err = kit.run(capsys, "score", str(transcript), "--json", "-o", str(out))
    assert code == 0, err


def write_with_export(kit, capsys, db: Path, out: Path) -> None:
    assert kit.run(capsys, "export", "--db", str(db), "-o", str(out))[0] == 0


def write_with_the_apps_export(kit, capsys, db: Path, out: Path) -> None:
    transcript = kit.session("Sam Jones", "North", "2026-01-12T10:00:00+00:00")
    Services(db=db).export("md", out, transcript, score_transcript(transcript))


def write_preferences(kit, capsys, db: Path, out: Path) -> None:
    assert Preferences(name="Sam Jones", team="North").save(out.parent)


WRITERS = {
    "report -o (HTML)": (write_with_report_html, "north.html"),
    "report -o (CSV)": (write_with_report_csv, "north.csv"),
    "score -o": (write_with_score, "score.json"),
    "export -o": (write_with_export, "all.jsonl"),
    "the app's session export": (write_with_the_apps_export, "session.md"),
    "preferences.json": (write_preferences, "preferences.json"),
}


@pytest.mark.parametrize("writer", list(WRITERS))
def test_every_file_with_peoples_words_is_owner_only_even_over_a_world_readable_one(
    writer: str, kit, capsys, team_db: Path, tmp_path: Path
) -> None:
    write, name = WRITERS[writer]
    folder = tmp_path / "out"
    folder.mkdir()
    out = stale(folder / name)
    write(kit, capsys, team_db, out)
    assert out.read_text("utf-8") != "old content"
    assert mode(out) == 0o600, f"{writer} left {out.name} {oct(mode(out))}"
    extra = {"session.txt"} if writer == "score -o" else set()
    assert leftovers(folder, name, *extra) == []


def test_folders_made_for_preferences_are_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "mi-trainer" / "nested"
    assert Preferences(name="Sam Jones").save(folder)
    for made in (tmp_path / "config", tmp_path / "config" / "mi-trainer", folder):
        assert mode(made) == 0o700, f"{made} is {oct(mode(made))}"
    assert mode(folder / "preferences.json") == 0o600


def test_a_report_into_a_missing_folder_says_so_and_creates_nothing(
    kit, capsys, team_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "no" / "such" / "north.csv"
    code, _, err = kit.run(capsys, "report", "--db", str(team_db), "-o", str(out))
    assert code == 1
    assert "does not exist" in err and "Traceback" not in err
    assert not (tmp_path / "no").exists()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(umask=st.integers(0, 0o777), before=st.sampled_from([None, 0o644, 0o666, 0o600, 0o400]))
def test_write_text_gives_0600_whatever_the_umask_and_whatever_was_there(
    tmp_path_factory: pytest.TempPathFactory, umask: int, before: int | None
) -> None:
    folder = tmp_path_factory.mktemp("w")
    target = folder / "notes.md"
    if before is not None:
        target.write_text("before", "utf-8")
        os.chmod(target, before)
    old = os.umask(umask)
    try:
        write_text(folder / "deeper" / "notes.md", "what Kerry said", create_folders=True)
        write_text(target, "what Kerry said")
    finally:
        os.umask(old)
    assert target.read_text("utf-8") == "what Kerry said"
    assert mode(target) == 0o600
    assert mode(folder / "deeper") == 0o700
    assert mode(folder / "deeper" / "notes.md") == 0o600
    assert leftovers(folder, "notes.md", "deeper") == []


# ------------------------------------------------------------------ item 4: planted links


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file an attacker wants overwritten by pointing a link at it."""
    path = tmp_path / "victim.txt"
    path.write_text("someone else's file", "utf-8")
    return path


def test_export_never_follows_a_planted_partial_link(
    kit, capsys, team_db: Path, tmp_path: Path, victim: Path
) -> None:
    out = tmp_path / "all.jsonl"
    (tmp_path / "all.jsonl.partial").symlink_to(victim)
    code, _, err = kit.run(capsys, "export", "--db", str(team_db), "-o", str(out))
    assert code == 0, err
    assert victim.read_text("utf-8") == "someone else's file"
    assert len(out.read_text("utf-8").splitlines()) == 2
    assert (tmp_path / "all.jsonl.partial").is_symlink()  # untouched, not written through


def test_an_export_over_a_world_readable_partial_file_is_still_owner_only(
    kit, capsys, team_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "all.jsonl"
    stale(tmp_path / "all.jsonl.partial")
    assert kit.run(capsys, "export", "--db", str(team_db), "-o", str(out))[0] == 0
    assert mode(out) == 0o600
    assert (tmp_path / "all.jsonl.partial").read_text("utf-8") == "old content"


def test_a_link_at_the_output_name_is_replaced_not_written_through(
    kit, capsys, team_db: Path, tmp_path: Path, victim: Path
) -> None:
    out = tmp_path / "north.csv"
    out.symlink_to(victim)
    assert (
        kit.run(capsys, "report", "--db", str(team_db), "--format", "csv", "-o", str(out))[0] == 0
    )
    assert victim.read_text("utf-8") == "someone else's file"
    assert not out.is_symlink() and mode(out) == 0o600


def test_the_temporary_name_is_created_exclusively_so_a_link_there_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, victim: Path
) -> None:
    """Even an attacker who guesses the next temporary name cannot redirect the write."""
    names = iter(["guessed", "guessed", "fresh"])
    monkeypatch.setattr(safe_files.secrets, "token_hex", lambda _n: next(names))
    (tmp_path / ".report.md.guessed.partial").symlink_to(victim)
    write_text(tmp_path / "report.md", "the report")
    assert victim.read_text("utf-8") == "someone else's file"
    assert (tmp_path / "report.md").read_text("utf-8") == "the report"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "all.jsonl"
    target.write_text("the archive from last month\n", "utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_writer(target) as handle:
        handle.write("half of a new archive")
        raise KeyboardInterrupt
    assert target.read_text("utf-8") == "the archive from last month\n"
    assert leftovers(tmp_path, "all.jsonl") == []


# ------------------------------------------------------------------ item 6: output errors


def test_export_to_an_existing_folder_is_a_message(
    kit, capsys, team_db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    code, _, err = kit.run(capsys, "export", "--db", str(team_db), "-o", str(folder))
    assert code == 1
    assert f"{folder}: it is a folder" in err and "Traceback" not in err
    assert list(folder.iterdir()) == []


def _limit_file_size() -> None:
    limit = 64 * 1024  # room for SQLite's 32 KB shared-memory file, not for the export
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_full_disk_during_export_is_a_message_and_leaves_nothing_behind(
    kit, team_db: Path, tmp_path: Path
) -> None:
    sessions = [
        kit.session("Sam Jones", "North", f"2026-03-{day:02d}T10:00:00+00:00", "How are you? " * 80)
        for day in range(1, 29)
    ]
    kit.keep(team_db, *sessions)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "all.jsonl"
    stale(target)
    done = subprocess.run(
        [sys.executable, "-m", "mi_trainer", "export", "--db", str(team_db), "-o", str(target)],
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert f"Cannot write {target}: the disk is full or the file is larger" in done.stderr
    assert target.read_text("utf-8") == "old content"  # the last good archive is kept
    assert leftovers(out, "all.jsonl") == []
    full = subprocess.run(
        [sys.executable, "-m", "mi_trainer", "export", "--db", str(team_db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert len(full.stdout) > 64 * 1024  # the limit really was hit, not skipped
    assert all(json.loads(line)["format"] for line in full.stdout.splitlines())
