"""Real processes: the app killed mid-session, and several practitioners writing at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from mi_trainer.scoring import score_transcript
from mi_trainer.storage import STATUS_COMPLETE, STATUS_INCOMPLETE, SessionStore

CHILD_SESSION = textwrap.dedent(
    """
    import sys, time
    from mi_trainer.storage import SessionStore
    from mi_trainer.transcript import Transcript, Turn

    store = SessionStore.open(sys.argv[1])
    t = Transcript(scenario_id="mum-drinking-school-concerns", practitioner="Sam Jones",
                   team="Family Safeguarding North", seed=3, coder_version="test",
                   started_at="2026-03-02T10:00:00+00:00")
    sid = store.start_session(t)
    print(sid, flush=True)
    for i in range(int(sys.argv[2])):
        speaker = "practitioner" if i % 2 == 0 else "kerry"
        store.append_turn(sid, Turn(i, speaker, f"line {i}: how are the children doing?"))
        print(i, flush=True)
    time.sleep(60)   # still "typing" when killed
    """
)


def test_a_session_killed_mid_way_keeps_every_committed_turn_and_is_found_next_time(
    db_location: str,
) -> None:
    db = db_location
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_SESSION, str(db), "7"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    sid = child.stdout.readline().strip()
    committed = [child.stdout.readline().strip() for _ in range(7)]
    assert committed[-1] == "6"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    with SessionStore.open(db) as store:
        [found] = store.incomplete_sessions()  # the killed process no longer owns it
        assert found.session_id == sid and found.turn_count == 7
        transcript = store.resume(sid)
        assert [t.text for t in transcript.turns][-1] == "line 6: how are the children doing?"
        store.close_incomplete(sid, score_transcript(transcript))
        assert store.status_of(sid) == STATUS_INCOMPLETE
        assert store.incomplete_sessions() == []


WRITER = textwrap.dedent(
    """
    import pathlib, sys, time
    from mi_trainer.storage import SessionStore
    from mi_trainer.transcript import Transcript, Turn

    class Score:
        def figures(self): return {"overall": 50.0, "r_to_q": 1.0}
        def to_dict(self): return {"overall": 50.0}

    name, sessions, turns = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    store = SessionStore.open(sys.argv[1])
    go = pathlib.Path(sys.argv[5])
    while not go.exists():   # all writers start together
        time.sleep(0.005)
    for n in range(sessions):
        t = Transcript(practitioner=name, team="Family Safeguarding South",
                       scenario_id="nan-kinship-care", started_at=f"2026-04-01T10:{n % 60:02d}:00")
        sid = store.start_session(t)
        for i in range(turns):
            turn = Turn(i, "practitioner", f"{name} line {i}")
            t.turns.append(turn)
            store.append_turn(sid, turn)
        store.finish_session(sid, t, Score())
    print("done", flush=True)
    """
)


def test_several_app_instances_writing_at_once_lose_nothing(
    tmp_path: Path, new_db, backend: str
) -> None:
    db = new_db("shared")
    go = tmp_path / "go"
    SessionStore.open(db).close()
    names = ["Amira Khan", "Dean Walker", "Sam Jones", "Niamh Murphy"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), name, "40", "10", str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    time.sleep(0.5)  # let every writer open the database, then start them at once
    go.touch()
    deadline = time.monotonic() + 120
    for proc in procs:
        out, err = proc.communicate(timeout=max(1, deadline - time.monotonic()))
        assert proc.returncode == 0, err
        assert out.strip() == "done"
    with SessionStore.open(db) as store:
        listed = store.list_sessions()
        assert len(listed) == 160
        assert {s.status for s in listed} == {STATUS_COMPLETE}
        assert all(s.turn_count == 10 for s in listed)
        for name in names:
            assert len(store.list_sessions(practitioner=name)) == 40
        turns = store.count_turns()
        assert turns == 1600
    if backend == "sqlite":
        assert os.stat(db).st_size > 0
