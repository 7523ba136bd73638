"""Issue 17 items 5 and 6 (import): every record is checked in full before anything is written;
each problem is reported with its line; nothing is lost or misfiled silently."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mi_trainer.storage import SessionStore
from mi_trainer.storage.export_format import without_none

Record = dict[str, Any]


@pytest.fixture
def exported(kit, capsys, team_db: Path, tmp_path: Path) -> list[Record]:
    """The team database's two sessions as export records."""
    out = tmp_path / "all.jsonl"
    assert kit.run(capsys, "export", "--db", str(team_db), "-o", str(out))[0] == 0
    return [json.loads(line) for line in out.read_text("utf-8").splitlines()]


def write_lines(path: Path, records: list[Any]) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), "utf-8"
    )
    return path


def sessions_in(db: Path) -> list[str]:
    if not db.exists():
        return []
    with SessionStore.open(db, create=False) as store:
        return sorted(s.session_id for s in store.list_sessions())


def edited(record: Record, change: Callable[[Record], None]) -> Record:
    copied = copy.deepcopy(record)
    change(copied)
    return copied


def set_in(*path: Any, value: Any) -> Callable[[Record], None]:
    def change(record: Record) -> None:
        target = record
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def ten_turns_one_index(record: Record) -> None:
    turn = record["session"]["turns"][0]
    record["session"]["turns"] = [dict(turn) for _ in range(10)]


# The review's probes: a change to a good record, and what the message must say.
PROBES: dict[str, tuple[Callable[[Record], None], str]] = {
    "duplicate turn indices": (ten_turns_one_index, "turns[1] repeats index 0"),
    "a start that is not a date": (
        set_in("session", "started_at", value="not a date"),
        "session.started_at: Value error, 'not a date' is not a date and time",
    ),
    "a start out of range": (
        set_in("session", "started_at", value="9999-12-31T23:59:59-05:00"),
        "is not a date and time",
    ),
    "version 999": (
        set_in("version", value=999),
        "version: Input should be less than or equal to 1",
    ),
    "version banana": (
        set_in("version", value="banana"),
        "version: Input should be a valid integer",
    ),
    "status hacked": (set_in("status", value="hacked"), "status: Input should be 'complete'"),
    "a 2**70 turn index": (
        set_in("session", "turns", 0, "index", value=2**70),
        "session.turns[0].index: Input should be less than or equal to 1000000",
    ),
    "a 2**70 seed": (set_in("session", "seed", value=2**70), "session.seed: Input should be less"),
    "a 2**63 seed": (set_in("session", "seed", value=2**63), "session.seed: Input should be less"),
    "figures as text": (set_in("figures", value="xyz"), "figures: Input should be a JSON object"),
    "a figure as text": (set_in("figures", "overall", value="xyz"), "figures.overall: Input"),
    "turns as text": (set_in("session", "turns", value="abc"), "session.turns: Input should be"),
    "an unknown figure": (set_in("figures", "bonus", value=1.0), "figures.bonus"),
    "a key the app does not keep": (
        set_in("session", "turns", 0, "notes", value="said at the door"),
        "session.turns[0].notes is not something the app keeps, so it would be lost",
    ),
    "an unknown top-level key": (set_in("extra", value=1), "extra: Extra inputs are not permitted"),
    "no session id": (set_in("session", "session_id", value=None), "session.session_id"),
    "an unknown code": (
        set_in("session", "turns", 0, "coded", "code", value="hack"),
        "session.turns[0].coded.code: Input should be",
    ),
}


@pytest.mark.parametrize("probe", list(PROBES))
def test_a_bad_record_is_reported_with_its_line_and_nothing_is_imported(
    probe: str, kit, capsys, exported: list[Record], tmp_path: Path
) -> None:
    change, expected = PROBES[probe]
    path = write_lines(tmp_path / "in.jsonl", [exported[0], edited(exported[1], change)])
    target = tmp_path / "target.db"
    code, out, err = kit.run(capsys, "import", str(path), "--db", str(target))
    assert code == 1, out
    assert f"{path}:2: " in err and expected.replace("Value error, ", "") in err, err
    assert "Traceback" not in err and "Damaged" not in err and "damaged" not in err
    assert "Nothing was imported" in err
    assert sessions_in(target) == []


@pytest.mark.parametrize(
    "line, expected",
    [
        ('{"format": "mi-trainer-session", "figures": {"overall": Infinity}}', "Infinity is not"),
        ('{"format": "mi-trainer-session", "figures": {"overall": 1e400}}', "1e400 is too large"),
        ('{"format": "mi-trainer-session", "x": ' + "[" * 100_000, "nested far too deeply"),
        ("not json", "not valid JSON"),
        ('{"format": "mi-trainer-session", "version": ' + "9" * 5000 + "}", "5000 digits"),
    ],
)
def test_json_an_export_never_holds_is_reported_with_its_line(
    line: str, expected: str, kit, capsys, exported: list[Record], tmp_path: Path
) -> None:
    path = write_lines(tmp_path / "in.jsonl", [exported[0], line])
    code, _, err = kit.run(capsys, "import", str(path), "--db", str(tmp_path / "t.db"))
    assert code == 1
    assert f"{path}:2: " in err and expected in err and "Traceback" not in err


def test_every_bad_line_is_listed_not_only_the_first(
    kit, capsys, exported: list[Record], tmp_path: Path
) -> None:
    bad = edited(exported[0], set_in("status", value="hacked"))
    worse = edited(exported[1], set_in("version", value=999))
    path = write_lines(tmp_path / "in.jsonl", [bad, "{", worse])
    code, _, err = kit.run(capsys, "import", str(path), "--db", str(tmp_path / "t.db"))
    assert code == 1
    assert f"{path}:1: status" in err and f"{path}:2: not valid JSON" in err
    assert f"{path}:3: version" in err


def test_the_same_session_twice_is_imported_once_and_said(
    kit, capsys, exported: list[Record], tmp_path: Path
) -> None:
    path = write_lines(tmp_path / "in.jsonl", [exported[0], exported[1], exported[0]])
    target = tmp_path / "t.db"
    code, out, err = kit.run(capsys, "import", str(path), "--db", str(target))
    assert code == 0, err
    assert f"{path}:3: repeats session" in out + err and "of line 1; imported once" in out + err
    assert "Imported 2 session(s)" in out
    assert len(sessions_in(target)) == 2


def test_two_versions_of_one_session_in_a_file_are_an_error_naming_both_lines(
    kit, capsys, exported: list[Record], tmp_path: Path
) -> None:
    longer = edited(exported[0], lambda r: r["session"]["turns"].pop())
    path = write_lines(tmp_path / "in.jsonl", [exported[0], exported[1], longer])
    code, _, err = kit.run(capsys, "import", str(path), "--db", str(tmp_path / "t.db"))
    assert code == 1
    assert f"{path}:3: a different version of session" in err and "than line 1" in err
    assert "4 turns there, 3 here" in err


def test_a_session_already_there_with_different_content_is_reported_not_skipped(
    kit, capsys, exported: list[Record], team_db: Path, tmp_path: Path
) -> None:
    changed = edited(exported[1], set_in("session", "turns", 0, "text", value="Changed line."))
    path = write_lines(tmp_path / "in.jsonl", [exported[0], changed])
    before = sessions_in(team_db)
    code, out, err = kit.run(capsys, "import", str(path), "--db", str(team_db))
    assert code == 1, out
    assert f"{path}:2: session {changed['session']['session_id'][:12]}" in err
    assert "already in the database with different content" in err
    assert "Nothing was imported" in err
    assert sessions_in(team_db) == before
    with SessionStore.open(team_db, create=False) as store:
        kept = store.load(changed["session"]["session_id"])
    assert kept.turns[0].text != "Changed line."  # the database's copy is untouched


def test_the_same_sessions_again_are_skipped_as_before(
    kit, capsys, exported: list[Record], team_db: Path, tmp_path: Path
) -> None:
    path = write_lines(tmp_path / "in.jsonl", exported)
    code, out, err = kit.run(capsys, "import", str(path), "--db", str(team_db))
    assert code == 0, err
    assert "Imported 0 session(s)" in out and "skipped 2 already in the database" in out


def test_an_import_keeps_what_the_export_held(
    kit, capsys, exported: list[Record], tmp_path: Path
) -> None:
    path = write_lines(tmp_path / "in.jsonl", exported)
    target = tmp_path / "t.db"
    assert kit.run(capsys, "import", str(path), "--db", str(target))[0] == 0
    again = tmp_path / "again.jsonl"
    assert kit.run(capsys, "export", "--db", str(target), "-o", str(again))[0] == 0
    assert [json.loads(line) for line in again.read_text("utf-8").splitlines()] == exported


# Any change to one field of a good record: imported as given, or refused with a message.
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)
FIELDS = [
    ("version",),
    ("status",),
    ("figures",),
    ("figures", "overall"),
    ("score",),
    ("session", "session_id"),
    ("session", "started_at"),
    ("session", "ended_at"),
    ("session", "seed"),
    ("session", "members"),
    ("session", "turns"),
    ("session", "turns", 0, "index"),
    ("session", "turns", 0, "speaker"),
    ("session", "turns", 0, "text"),
    ("session", "turns", 0, "coded"),
    ("session", "turns", 1, "talk_type"),
    ("session", "turns", 1, "state_before"),
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(where=st.sampled_from(FIELDS), value=values)
def test_any_single_field_changed_is_kept_exactly_or_refused(
    kit, capsys, exported: list[Record], tmp_path_factory: pytest.TempPathFactory, where, value
) -> None:
    folder = tmp_path_factory.mktemp("imp")
    record = edited(exported[0], set_in(*where, value=value))
    path = write_lines(folder / "in.jsonl", [record])
    target = folder / "t.db"
    code, _, err = kit.run(capsys, "import", str(path), "--db", str(target))
    assert "Traceback" not in err and "damaged" not in err.lower()
    if code != 0:
        assert code == 1 and f"{path}:1: " in err
        assert sessions_in(target) == []
        return
    again = folder / "again.jsonl"
    assert kit.run(capsys, "export", "--db", str(target), "-o", str(again))[0] == 0
    back = json.loads(again.read_text("utf-8"))
    assert without_none(back["session"]["turns"]) == without_none(record["session"]["turns"])
    assert back["session"]["seed"] == record["session"].get("seed")


def test_importing_from_a_named_pipe_is_a_message_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "sessions.jsonl"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "mi_trainer", "import", str(fifo), "--db", str(tmp_path / "t.db")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 1
    assert f"{fifo}: not a regular file (a pipe or a device)" in done.stderr
