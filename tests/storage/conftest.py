"""Small builders for the storage tests: transcripts in children's-social-work language and a
stand-in score (anything with ``figures()`` and ``to_dict()`` will do for storage)."""

from __future__ import annotations

import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from mi_trainer.coding.codes import Code, TalkType
from mi_trainer.coding.result import CodedSentence, CodedUtterance
from mi_trainer.storage import SessionStore
from mi_trainer.storage.schema import FIGURE_KEYS
from mi_trainer.transcript import END_BY_PRACTITIONER, Transcript, Turn

LINES = [
    (
        "practitioner",
        "What would a good week look like for you and the children?",
        Code("question_open"),
    ),
    ("kerry", "I just want them to be happy, and to stop the school ringing.", TalkType("change")),
    (
        "practitioner",
        "You want the children settled and the school off your back.",
        Code("reflection_complex"),
    ),
    ("kerry", "It's only a couple of glasses at night. It helps me sleep.", TalkType("sustain")),
    ("practitioner", "You need to stop drinking before the conference.", Code("persuade")),
    ("kerry", "You lot just want to take my kids.", TalkType("discord")),
]


def turn(index: int) -> Turn:
    speaker, text, label = LINES[index % len(LINES)]
    if speaker == "practitioner":
        coded = CodedUtterance(
            text=text, code=label, sentences=(CodedSentence(text, label, ("cue",)),)
        )
        return Turn(index, speaker, text, coded=coded, addressed="kerry")
    return Turn(index, speaker, text, talk_type=label, state_before={"rapport": 0.2})


def transcript(
    practitioner: str = "Sam Jones",
    team: str = "Family Safeguarding North",
    scenario: str = "mum-drinking-school-concerns",
    started_at: str = "2026-03-02T10:00:00+00:00",
    turns: int = 2,
) -> Transcript:
    return Transcript(
        turns=[turn(i) for i in range(turns)],
        scenario_id=scenario,
        scenario_title="Kerry: the school is worried",
        scenario_hash="ab" * 32,
        seed=7,
        coder_version="test-1",
        practitioner=practitioner,
        team=team,
        mode="coach",
        started_at=started_at,
        members={"kerry": "Kerry"},
    )


def sql(store: SessionStore, statement: str, *params: Any) -> list[Any]:
    """Run one statement on the store's database in a transaction; its rows (by name)."""
    return store.db.write(lambda c: c.execute(statement, params).fetchall())


@dataclass
class FakeScore:
    """Stands in for SessionScore: storage only needs figures() and to_dict()."""

    values: dict[str, float | None] = field(default_factory=dict)

    def figures(self) -> dict[str, float | None]:
        base: dict[str, float | None] = dict.fromkeys(FIGURE_KEYS, 1.0)
        base.update(self.values)
        return base

    def to_dict(self) -> dict[str, Any]:
        return {"overall": self.figures()["overall"], "figures": self.figures()}


def finished(store: Any, t: Transcript, **figures: float | None) -> str:
    sid = store.start_session(t)
    t.end_reason = END_BY_PRACTITIONER
    t.ended_at = t.started_at
    store.finish_session(sid, t, FakeScore(figures))
    return sid


# Fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def kit() -> types.SimpleNamespace:
    """The builders above, for tests (conftest modules are not importable by name)."""
    return types.SimpleNamespace(
        turn=turn,
        transcript=transcript,
        FakeScore=FakeScore,
        finished=finished,
        LINES=LINES,
        sql=sql,
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "team" / "sessions.db"


@pytest.fixture
def store(db_path: Path):  # type: ignore[no-untyped-def]
    s = SessionStore.open(db_path)
    yield s
    s.close()
