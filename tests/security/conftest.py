"""Builders for the hostile-input suite: a small real database, and running the command line.

Sessions are scored by the real scorer from hand-coded turns (no spaCy needed), so what the
commands write is what a team manager would get.
"""

from __future__ import annotations

import os
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from mi_trainer.cli.main import main
from mi_trainer.coding.codes import Code, TalkType
from mi_trainer.coding.result import CodedSentence, CodedUtterance
from mi_trainer.scoring import score_transcript
from mi_trainer.storage import SessionStore
from mi_trainer.transcript import END_BY_PRACTITIONER, Transcript, Turn

CONVERSATION = [
    ("practitioner", "What matters most to you about the children's school?", "question_open"),
    ("kerry", "I want them settled. I know the mornings have been hard.", "change"),
    (
        "practitioner",
        "You want them settled, and mornings are the hard part.",
        "reflection_complex",
    ),
    ("kerry", "Yeah. I don't want the school ringing every day.", "change"),
]


def session(practitioner: str, team: str, started_at: str, text: str | None = None) -> Transcript:
    """A four-turn practice session; ``text`` replaces the practitioner's first line."""
    turns = []
    for index, (speaker, line, label) in enumerate(CONVERSATION):
        if index == 0 and text is not None:
            line = text
        if speaker == "practitioner":
            code = Code(label)
            coded = CodedUtterance(line, code, (CodedSentence(line, code, ("cue",)),))
            turns.append(Turn(index, speaker, line, coded=coded, addressed="kerry"))
        else:
            turns.append(Turn(index, speaker, line, talk_type=TalkType(label)))
    return Transcript(
        turns=turns,
        scenario_id="mum-drinking-school-concerns",
        scenario_title="Kerry: the school is worried",
        seed=7,
        coder_version="test",
        practitioner=practitioner,
        team=team,
        mode="coach",
        started_at=started_at,
        members={"kerry": "Kerry"},
    )


def keep(db: Path, *transcripts: Transcript) -> list[str]:
    """Store and finish each session (scored for real); their ids."""
    ids = []
    with SessionStore.open(db) as store:
        for t in transcripts:
            sid = store.start_session(t)
            t.end_reason = END_BY_PRACTITIONER
            t.ended_at = t.started_at
            store.finish_session(sid, t, score_transcript(t))
            ids.append(sid)
    return ids


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def kit() -> types.SimpleNamespace:
    return types.SimpleNamespace(session=session, keep=keep, run=run)


@pytest.fixture
def team_db(tmp_path: Path) -> Path:
    db = tmp_path / "team.db"
    keep(
        db,
        session("Sam Jones", "Family Safeguarding North", "2026-01-12T10:00:00+00:00"),
        session("Amira Khan", "Family Safeguarding North", "2026-02-02T10:00:00+00:00"),
    )
    return db


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The common default umask 022, under which plain writes are world-readable."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)
