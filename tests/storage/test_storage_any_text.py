"""Whatever a practitioner types (any Unicode, quotes, SQL-looking text) is kept exactly,
through the database and through export and import."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mi_trainer.storage import SessionStore
from mi_trainer.transcript import Transcript, Turn

text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.one_of(st.just("Siobhán O'Brien"), st.just("x'); DROP TABLE sessions;--"), text),
    team=text,
    lines=st.lists(text, min_size=1, max_size=6),
)
def test_any_text_round_trips_through_the_database_and_an_export(
    tmp_path_factory: pytest.TempPathFactory, name: str, team: str, lines: list[str]
) -> None:
    folder: Path = tmp_path_factory.mktemp("anytext")
    t = Transcript(
        turns=[
            Turn(i, "practitioner" if i % 2 == 0 else "kerry", line) for i, line in enumerate(lines)
        ],
        practitioner=name,
        team=team,
        scenario_id="mum-drinking-school-concerns",
        started_at="2026-05-05T09:00:00+00:00",
    )
    with SessionStore.open(folder / "a.db") as a:
        sid = a.start_session(t)
        assert a.load(sid).to_dict() == t.to_dict()
        assert [s.session_id for s in a.list_sessions(practitioner=name, team=team)] == [sid]
        records = list(a.export_sessions())
    with SessionStore.open(folder / "b.db") as b:
        assert (b.import_sessions(records).added, b.import_sessions(records).skipped) == (1, 1)
        assert b.load(sid).to_dict() == t.to_dict()
