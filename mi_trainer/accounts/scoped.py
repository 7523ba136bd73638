"""The session store as one signed-in person may use it: role checks on every query path.

:class:`ScopedStore` wraps a :class:`~mi_trainer.storage.SessionStore` and is the only store
the served app (and the terminal app on a shared database) is given. Every method narrows
its filters to what the identity may see before the query runs, so no filter, session id
or name reaches another person's practice:

- practitioner, trainer: their own sessions (``practitioner = name``);
- manager: their team's (``team = team``);
- admin: every session.

A session someone may not see behaves exactly like one that does not exist (same error), so
ids cannot be probed. Any store method not listed here is refused (``AttributeError``): a
new query added to the store stays closed until its scoping is written here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from mi_trainer.accounts.roles import Identity

if TYPE_CHECKING:
    from mi_trainer.storage import (
        FilterChoices,
        ImportResult,
        PurgeResult,
        SessionStore,
        SessionSummary,
        StorageError,
        StoredScore,
    )
    from mi_trainer.storage.interface import Trend
    from mi_trainer.storage.report import Report
    from mi_trainer.transcript import Transcript, Turn

# A practitioner filter no session can match (names cannot hold control characters).
NOBODY = "\x00"


class ScopeError(PermissionError):
    """The signed-in role may not do this; ``str(err)`` says so in plain words."""


class ScopedStore:
    """A :class:`~mi_trainer.storage.SessionStore` narrowed to ``identity``; it satisfies the
    same :class:`~mi_trainer.storage.ReviewStore` and ``practice.PracticeStore`` protocols."""

    def __init__(
        self,
        store: SessionStore,
        identity: Identity,
        *,
        audit: Callable[[str, dict[str, Any]], None] | None = None,
    ) -> None:
        self._store = store
        self.identity = identity
        self._audit = audit or (lambda action, detail: None)
        self._visible: set[str] = set()

    # ------------------------------------------------------------------ the rule
    def narrow(self, practitioner: str | None, team: str | None) -> tuple[str | None, str | None]:
        """The filters intersected with what the identity may see (``NOBODY`` if empty)."""
        me = self.identity
        if me.sees_all:
            return practitioner, team
        if me.sees_team:
            if team is not None and team != me.team:
                return NOBODY, team
            return practitioner, me.team
        if practitioner is not None and practitioner != me.name:
            return NOBODY, team
        return me.name, team

    def may_see(self, practitioner: str | None, team: str | None) -> bool:
        me = self.identity
        if me.sees_all:
            return True
        if me.sees_team:
            return team == me.team
        return practitioner == me.name

    def _check(self, sid: str) -> None:
        """Refuse a session id outside the scope with the store's own 'no such session'."""
        if sid in self._visible or self.identity.sees_all:
            return
        transcript = self._store.load(sid)  # raises the store's error if it does not exist
        if not self.may_see(transcript.practitioner, transcript.team):
            raise self._no_such_session(sid)
        self._visible.add(sid)

    def _check_own(self, sid: str) -> None:
        """Refuse a session that is not the identity's own (resuming, closing one)."""
        if self._store.load(sid).practitioner != self.identity.name:
            raise self._no_such_session(sid)

    def _no_such_session(self, sid: str) -> StorageError:
        from mi_trainer.storage import StorageError

        return StorageError(f"No session {sid} in {self._store.location}.")

    def _refuse(self, what: str) -> ScopeError:
        return ScopeError(f"{self.identity.describe()} may not {what}; ask an admin.")

    # ------------------------------------------------------------------ plain delegation
    @property
    def backend(self) -> str:
        return self._store.backend

    @property
    def location(self) -> str:
        return self._store.location

    @property
    def schema_version(self) -> int:
        return self._store.schema_version

    def close(self) -> None:
        self._store.close()

    # ------------------------------------------------------------------ writing practice
    def start_session(self, transcript: Transcript) -> str:
        me = self.identity
        if not me.saves_practice:
            raise self._refuse("save practice (a trainer's sessions try scenarios out)")
        # The account says who practised: a typed or forged name cannot file it elsewhere.
        transcript.practitioner = me.name
        transcript.team = me.team
        sid = self._store.start_session(transcript)
        self._visible.add(sid)
        return sid

    def append_turn(self, sid: str, turn: Turn) -> None:
        self._check(sid)
        self._store.append_turn(sid, turn)

    def finish_session(
        self, sid: str, transcript: Transcript, score: StoredScore, *, status: str = "complete"
    ) -> None:
        self._check(sid)
        self._store.finish_session(sid, transcript, score, status=status)

    def incomplete_sessions(self, include_live: bool = False) -> list[SessionSummary]:
        # Only one's own: another person's interrupted session is theirs to resume.
        found = self._store.incomplete_sessions(include_live=include_live)
        return [s for s in found if s.practitioner == self.identity.name]

    def resume(self, sid: str) -> Transcript:
        self._check_own(sid)
        return self._store.resume(sid)

    def close_incomplete(self, sid: str, score: StoredScore) -> None:
        self._check_own(sid)
        self._store.close_incomplete(sid, score)

    # ------------------------------------------------------------------ reading one session
    def load(self, sid: str) -> Transcript:
        self._check(sid)
        return self._store.load(sid)

    def score_of(self, sid: str) -> dict[str, Any] | None:
        self._check(sid)
        return self._store.score_of(sid)

    def status_of(self, sid: str) -> str:
        self._check(sid)
        return self._store.status_of(sid)

    # ------------------------------------------------------------------ review queries
    def list_sessions(
        self,
        practitioner: str | None = None,
        team: str | None = None,
        scenario: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        limit: int | None = None,
        status: str | None = None,
        session: str | None = None,
    ) -> list[SessionSummary]:
        # The id prefix only narrows further: the account's scope is applied first.
        practitioner, team = self.narrow(practitioner, team)
        return self._store.list_sessions(
            practitioner, team, scenario, since, until, limit=limit, status=status, session=session
        )

    def count_sessions(self) -> int:
        if self.identity.sees_all:
            return self._store.count_sessions()
        return len(self.list_sessions())

    def count_turns(self) -> int:
        if self.identity.sees_all:
            return self._store.count_turns()
        return sum(s.turn_count for s in self.list_sessions())

    def filter_choices(self) -> FilterChoices:
        if self.identity.sees_all:
            return self._store.filter_choices()
        from mi_trainer.storage import FilterChoices

        rows = self.list_sessions()
        names = sorted({r.practitioner for r in rows if r.practitioner}, key=str.casefold)
        teams = sorted({r.team for r in rows if r.team}, key=str.casefold)
        titles: dict[str, str | None] = {}
        for r in reversed(rows):  # oldest first, so the newest title wins
            if r.scenario_id:
                titles[r.scenario_id] = r.scenario_title or titles.get(r.scenario_id)
        scenarios = sorted(titles.items(), key=lambda p: ((p[1] or p[0]).casefold(), p[0]))
        return FilterChoices(tuple(names), tuple(teams), tuple(scenarios))

    def report(
        self,
        practitioner: str | None = None,
        team: str | None = None,
        scenario: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
    ) -> Report:
        practitioner, team = self.narrow(practitioner, team)
        return self._store.report(practitioner, team, scenario, since, until)

    def practitioner_trend(
        self, name: str, since: str | date | None = None, until: str | date | None = None
    ) -> Trend:
        me = self.identity
        # A manager may see a practitioner of their team: one session of theirs in the team
        # says so (not every team session read to list its names).
        allowed = (
            me.sees_all
            or name == me.name
            or (
                me.sees_team
                and bool(name)
                and bool(self._store.list_sessions(name, me.team, limit=1))
            )
        )
        return self._store.practitioner_trend(name, since=since, until=until) if allowed else []

    # ------------------------------------------------------------------ export / import / purge
    def export_sessions(
        self,
        practitioner: str | None = None,
        team: str | None = None,
        scenario: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
    ) -> Iterator[dict[str, Any]]:
        practitioner, team = self.narrow(practitioner, team)
        asked = {
            "practitioner": practitioner,
            "team": team,
            "scenario": scenario,
            "since": since,
            "until": until,
        }
        self._audit("export", {k: str(v) for k, v in asked.items() if v is not None})
        return self._store.export_sessions(practitioner, team, scenario, since, until)

    # Import and purge are an admin's, whole-database operations.
    def import_sessions(
        self,
        records: list[dict[str, Any]],
        *,
        source: str = "import",
        lines: list[int] | None = None,
    ) -> ImportResult:
        if not self.identity.sees_all:
            raise self._refuse("import sessions")
        result = self._store.import_sessions(records, source=source, lines=lines)
        self._audit("import", {"source": source, "added": result.added, "skipped": result.skipped})
        return result

    def purge(
        self, before: str | date, practitioner: str | None = None, dry_run: bool = False
    ) -> PurgeResult:
        if not self.identity.sees_all:
            raise self._refuse("purge sessions")
        result = self._store.purge(before, practitioner=practitioner, dry_run=dry_run)
        if not result.dry_run:  # who deleted what, by which rule
            criteria = {"before": str(before)} | (
                {"practitioner": practitioner} if practitioner else {}
            )
            self._audit("purge", criteria | {"sessions": result.sessions, "turns": result.turns})
        return result
