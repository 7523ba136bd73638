"""Whatever a practitioner types (any Unicode, quotes, SQL-looking text) is kept exactly,
through the database and through export and import."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mi_trainer.storage import SessionStore
from mi_trainer.transcript import Transcript, Turn

text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)
# PostgreSQL text cannot hold U+0000 (no keyboard types it); it is stored as U+FFFD there,
# which test_a_nul_character_is_kept_as_a_replacement_on_postgresql checks.
text_without_nul = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=80,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.one_of(st.just("Siobhán O'Brien"), st.just("x'); DROP TABLE sessions;--"), text),
    team=text,
    lines=st.lists(text, min_size=1, max_size=6),
    data=st.data(),
)
def test_any_text_round_trips_through_the_database_and_an_export(
    backend: str, new_db, kit, name: str, team: str, lines: list[str], data
) -> None:
    if backend == "postgresql":
        name, team = (n.replace("\x00", "") or "x" for n in (name, team))
        lines = data.draw(st.lists(text_without_nul, min_size=1, max_size=6))
    a_db, b_db = _pair(new_db)
    t = Transcript(
        turns=[
            Turn(i, "practitioner" if i % 2 == 0 else "kerry", line) for i, line in enumerate(lines)
        ],
        practitioner=name,
        team=team,
        scenario_id="mum-drinking-school-concerns",
        started_at="2026-05-05T09:00:00+00:00",
    )
    with kit.emptied(a_db) as a:
        sid = a.start_session(t)
        assert a.load(sid).to_dict() == t.to_dict()
        assert [s.session_id for s in a.list_sessions(practitioner=name, team=team)] == [sid]
        records = list(a.export_sessions())
    with kit.emptied(b_db) as b:
        assert (b.import_sessions(records).added, b.import_sessions(records).skipped) == (1, 1)
        assert b.load(sid).to_dict() == t.to_dict()


_made: dict[int, tuple[str, str]] = {}


def _pair(new_db) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """Two databases for this test, made once for all its examples."""
    if id(new_db) not in _made:
        _made.clear()
        _made[id(new_db)] = (new_db("a"), new_db("b"))
    return _made[id(new_db)]


def test_a_nul_character_is_kept_as_a_replacement_on_postgresql(store: SessionStore) -> None:
    t = Transcript(
        turns=[Turn(0, "practitioner", "before\x00after")],
        practitioner="Sam\x00Jones",
        started_at="2026-05-05T09:00:00+00:00",
    )
    sid = store.start_session(t)
    loaded = store.load(sid)
    if store.backend == "postgresql":
        assert (loaded.turns[0].text, loaded.practitioner) == (
            "before\ufffdafter",
            "Sam\ufffdJones",
        )
    else:
        assert (loaded.turns[0].text, loaded.practitioner) == ("before\x00after", "Sam\x00Jones")
