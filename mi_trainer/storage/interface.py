"""The review side of a session store, as the app and the served app use it.

Two classes satisfy it: :class:`~mi_trainer.storage.SessionStore` (every session: the local
app on its own database) and ``accounts.ScopedStore`` (the sessions one signed-in person may
see: the served app, or the app on a shared database). The shells are typed against this
protocol, not against either class, so a role's scope is never a cast away. Writing a
session as it is practised is ``practice.PracticeStore``'s part; the app's store is both
(``tui.services.AppStore``).
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from mi_trainer.storage.records import FilterChoices, SessionSummary
from mi_trainer.transcript import Transcript

# Month ('YYYY-MM') -> the average figures of one practitioner's completed sessions.
Trend = list[tuple[str, dict[str, float | None]]]


class ReviewStore(Protocol):
    """Finding kept sessions and reading them back (raises ``StorageError``)."""

    @property
    def location(self) -> str: ...
    def close(self) -> None: ...
    def load(self, sid: str) -> Transcript: ...
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
    ) -> list[SessionSummary]: ...
    def filter_choices(self) -> FilterChoices: ...
    def practitioner_trend(
        self, name: str, since: str | date | None = None, until: str | date | None = None
    ) -> Trend: ...
