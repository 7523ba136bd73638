"""What screens ask of the app: the app routes between screens, the screens do not reach into it.

A screen posts one of these; it bubbles to :class:`~mi_trainer.tui.app.MITrainerApp`, which
opens the next screen. The practice itself is :class:`mi_trainer.practice.PracticeSession`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from mi_trainer.scenarios import Scenario
    from mi_trainer.scoring import SessionScore
    from mi_trainer.transcript import Transcript


class PracticeRequested(Message):
    """Start practising ``scenario`` (from the start screen, or a trainer's Check screen).

    ``test_play``: a trainer trying a scenario from Check scenario; never saved, so it
    shows in no one's history or reports.
    """

    def __init__(
        self, scenario: Scenario, name: str, team: str, mode: str, test_play: bool = False
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.name = name
        self.team = team
        self.mode = mode
        self.test_play = test_play


class SummaryRequested(Message):
    """A session is over and scored: show its summary in place of the conversation."""

    def __init__(self, transcript: Transcript, score: SessionScore, debrief: str | None) -> None:
        super().__init__()
        self.transcript = transcript
        self.score = score
        self.debrief = debrief


class ReviewRequested(Message):
    """Open a kept session for review (from History)."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
