"""The report's averages are exactly the averages of the stored sessions, and its order is
alphabetical whatever the scores (a supervision aid, not a league table)."""

from __future__ import annotations

import statistics
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NAMES = ["Zara Ahmed", "amira Khan", "Dean Walker", "Bethan Owen"]
TEAMS = ["Family Safeguarding North", "Connected Practice Lewes"]

session = st.tuples(
    st.sampled_from(NAMES),
    st.sampled_from(TEAMS),
    st.dates(
        min_value=date(2025, 1, 1),
        max_value=date(2026, 12, 31),
    ),
    st.one_of(st.none(), st.floats(min_value=0, max_value=5, allow_nan=False)),
    st.floats(min_value=0, max_value=100, allow_nan=False),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(session, min_size=1, max_size=25))
def test_report_averages_match_the_sessions_and_names_are_alphabetical(
    db_location: str, kit, sessions: list
) -> None:
    with kit.emptied(db_location) as store:
        for who, team, day, r_to_q, overall in sessions:
            t = kit.transcript(who, team, started_at=f"{day}T09:30:00+00:00")
            kit.finished(store, t, r_to_q=r_to_q, overall=overall)
        report = store.report()
    names = [(g.name.casefold(), g.team) for g in report.practitioners]
    assert names == sorted(names)
    assert [g.name for g in report.teams] == sorted({s[1] for s in sessions}, key=str.casefold)
    for group in report.practitioners:
        mine = [s for s in sessions if s[0] == group.name and s[1] == group.team]
        assert group.sessions == len(mine)
        assert group.figures["overall"] == pytest.approx(
            round(statistics.fmean(s[4] for s in mine), 2), abs=0.011
        )
        known = [s[3] for s in mine if s[3] is not None]
        if known:
            assert group.figures["r_to_q"] == pytest.approx(
                round(statistics.fmean(known), 2), abs=0.011
            )
        else:
            assert group.figures["r_to_q"] is None
        assert sum(p.sessions for p in group.trend) == len(mine)
        assert [p.month for p in group.trend] == sorted({str(s[2])[:7] for s in mine})
    assert report.overall.sessions == len(sessions)
