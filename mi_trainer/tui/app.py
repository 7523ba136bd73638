"""The Textual app: practise, see the feedback, review, check scenarios.

Dependencies are injected so tests never touch the user's home: ``scenarios_dir``, ``db``,
``coder_factory`` (defaults to the real spaCy-based Coder, built in a worker thread while the
user picks a scenario), ``clock`` (ISO timestamps) and ``seed``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.worker import Worker, WorkerState

from mi_trainer.preferences import Preferences
from mi_trainer.tui.services import ServiceError, Services, utc_clock
from mi_trainer.wording import plural


class MainCommands(Provider):
    """Command palette entries for the main actions."""

    COMMANDS = (
        ("New session", "new_session", "Back to the start screen to choose a scenario"),
        ("History and review", "history", "Past sessions, transcripts and trends"),
        ("Check a scenario file", "check", "Validate a YAML scenario and play it"),
        ("Help and MI reference", "help", "Keys and a one-screen MI reference"),
        ("End session", "end_session", "End the current session (asks first)"),
        ("Toggle inner-state hint", "toggle_hint", "Coach mode: how the person feels"),
    )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self.COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.app.run_action, action),
                    help=help_text,
                )

    async def discover(self) -> Hits:
        for name, action, help_text in self.COMMANDS:
            yield Hit(1.0, name, partial(self.app.run_action, action), help=help_text)


class MITrainerApp(App[None]):
    TITLE = "mi-trainer"
    SUB_TITLE = "Practise motivational interviewing"
    COMMANDS = App.COMMANDS | {MainCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help", show=False),
    ]

    def __init__(
        self,
        scenarios_dir: str | Path | None = None,
        db: str | Path | None = None,
        *,
        coder_factory: Callable[[], Any] | None = None,
        clock: Callable[[], str | None] = utc_clock,
        seed: int | None = None,
        export_dir: str | Path | None = None,
        check_resume: bool = True,
    ) -> None:
        super().__init__()
        self.scenarios_dir = scenarios_dir
        self.db = db
        self.services = Services(
            scenarios_dir=scenarios_dir, db=db, coder_factory=coder_factory, clock=clock, seed=seed
        )
        self.preferences = Preferences.load()
        self.export_dir = export_dir
        self.check_resume = check_resume
        self.coder_ready = False
        self.coder_error: str | None = None
        self._pending: tuple[Any, str, str, str] | None = None
        self._pending_resume: Any | None = None

    # ------------------------------------------------------------------ start-up
    def on_mount(self) -> None:
        from mi_trainer.tui.start import StartScreen

        self.push_screen(StartScreen())
        # Load spaCy after the first screen has painted, so start-up stays quick.
        self.set_timer(0.05, self.load_coder)
        if self.check_resume:
            self.call_after_refresh(self.offer_resume)

    @work(thread=True, exclusive=True, group="coder")
    def load_coder(self) -> Any:
        return self.services.make_coder()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "coder":
            return
        if event.state == WorkerState.SUCCESS:
            self.coder_ready = True
            self._status("Ready. Enter starts a session.")
            if self._pending_resume is not None:
                summary, self._pending_resume = self._pending_resume, None
                self.resume(summary)
            elif self._pending is not None:
                pending, self._pending = self._pending, None
                self.start_session(*pending)
        elif event.state == WorkerState.ERROR:
            self.coder_error = f"The language pipeline could not load: {event.worker.error}"
            self._status(self.coder_error)
            self.notify(self.coder_error, severity="error", timeout=15)

    def _status(self, text: str) -> None:
        from mi_trainer.tui.start import StartScreen

        for screen in self.screen_stack:
            if isinstance(screen, StartScreen):
                screen.set_status(text)

    def offer_resume(self) -> None:
        from mi_trainer.tui.common import ResumeScreen

        try:
            found = self.services.storage_call("incomplete_sessions")
        except ServiceError as err:
            self.notify(str(err), severity="error", timeout=10)
            return
        if not found:
            return
        s = found[-1]
        text = (
            f"An interrupted session was found: {s.scenario_title or s.scenario_id}, "
            f"{(s.started_at or '')[:16].replace('T', ' ')}, {plural(s.practitioner_turns, 'turn')}"
            f" ({s.practitioner or 'no name'}). Resume it, or close it as incomplete?"
        )
        self.push_screen(ResumeScreen(text), partial(self._resume_choice, s))

    def _resume_choice(self, summary: Any, choice: str | None) -> None:
        if choice == "close":
            try:
                transcript = self.services.storage_call("load", summary.session_id)
                score = self.services.score(transcript)
                self.services.storage_call("close_incomplete", summary.session_id, score)
            except ServiceError as err:
                self.notify(str(err), severity="error")
                return
            self.notify("Closed as incomplete. You can still review it in History.")
        elif choice == "resume":
            self.resume(summary)

    def resume(self, summary: Any) -> None:
        scenario = self.services.scenario_by_id(summary.scenario_id or "")
        if scenario is None:
            self.notify(
                f"The scenario '{summary.scenario_id}' is no longer available, so the session "
                "cannot be resumed. Close it as incomplete instead.",
                severity="error",
                timeout=10,
            )
            return
        if not self.coder_ready:
            self._pending_resume = summary
            self.notify("Loading the language pipeline; the session resumes in a moment.")
            return
        try:
            transcript = self.services.storage_call("resume", summary.session_id)
            session = self.services.replay(scenario, transcript)
        except (ServiceError, ValueError) as err:
            self.notify(f"Could not resume: {err}", severity="error")
            return
        replayed = [(t.speaker, t.text) for t in session.transcript.turns]
        if replayed != [(t.speaker, t.text) for t in transcript.turns]:
            self.notify(
                "The scenario has changed since this session was saved, so it cannot be "
                "resumed exactly. It stays in History; close it as incomplete next time.",
                severity="warning",
                timeout=12,
            )
            return
        session.transcript.session_id = summary.session_id
        session.transcript.started_at = transcript.started_at
        self._attach_storage(session, summary.session_id)
        self._open_session(session, summary.session_id)

    # ------------------------------------------------------------------ sessions
    def start_session(self, scenario: Any, name: str, team: str, mode: str) -> None:
        self.preferences = Preferences(name=name, team=team, mode=mode)
        if not self.preferences.save():
            self.notify(
                "Could not remember your name for next time (settings folder not writable)."
            )
        if self.coder_error:
            self.notify(self.coder_error, severity="error")
            return
        if not self.coder_ready:
            self._pending = (scenario, name, team, mode)
            self.notify("Loading the language pipeline; the session starts in a moment.")
            return
        try:
            session = self.services.new_session(scenario, name, team, mode)
        except Exception as err:
            self.notify(f"Could not start '{scenario.title}': {err}", severity="error")
            return
        sid: str | None = None
        try:
            sid = self.services.storage_call("start_session", session.transcript)
            self._attach_storage(session, sid)
        except ServiceError as err:
            self.notify(f"{err} This session will not be saved.", severity="error", timeout=10)
        self._open_session(session, sid)

    def _attach_storage(self, session: Any, sid: str) -> None:
        def save(turn: Any) -> None:
            try:
                self.services.storage_call("append_turn", sid, turn)
            except ServiceError as err:
                self.notify(f"{err} (turn {turn.index} not saved)", severity="error")

        session.on_turn = save

    def _open_session(self, session: Any, sid: str | None) -> None:
        from mi_trainer.tui.session import SessionScreen
        from mi_trainer.tui.start import StartScreen

        while len(self.screen_stack) > 2 and not isinstance(self.screen, StartScreen):
            self.pop_screen()
        self.push_screen(SessionScreen(session, sid))

    def finish_session(self, screen: Any, confirm: bool) -> None:
        """Close the session (practitioner ended it, or it ended itself) and save its score."""
        session = screen.session
        if confirm and not session.finished:
            try:
                for turn in session.end():
                    screen.show_turn(turn)
            except Exception as err:
                self.notify(f"Could not end cleanly: {err}", severity="error")
        if not screen.finalised:
            screen.finalised = True
            score = self.services.score(session.transcript)
            screen.final_score = score
            if screen.sid:
                try:
                    self.services.storage_call(
                        "finish_session", screen.sid, session.transcript, score
                    )
                except ServiceError as err:
                    self.notify(str(err), severity="error", timeout=10)
            if not confirm:
                self.notify("The session has ended. Press Ctrl+E to see your summary.")
        if confirm:
            self.show_summary(screen)

    def show_summary(self, screen: Any) -> None:
        from mi_trainer.tui.summary import SummaryScreen

        if not screen.finalised:
            self.finish_session(screen, confirm=False)
        debrief = getattr(screen.session.scenario, "debrief", None)
        self.switch_screen(
            SummaryScreen(screen.session.transcript, screen.final_score, debrief=debrief)
        )

    def open_review(self, session_id: str) -> None:
        from mi_trainer.tui.summary import SummaryScreen

        try:
            transcript = self.services.storage_call("load", session_id)
        except ServiceError as err:
            self.notify(str(err), severity="error")
            return
        try:
            scenario = self.services.scenario_by_id(transcript.scenario_id or "")
        except ServiceError:
            scenario = None
        debrief = getattr(scenario, "debrief", None)
        score = self.services.score(transcript)
        self.push_screen(SummaryScreen(transcript, score, review=True, debrief=debrief))

    # ------------------------------------------------------------------ actions
    def _to_start(self) -> None:
        from mi_trainer.tui.start import StartScreen

        while len(self.screen_stack) > 2 and not isinstance(self.screen, StartScreen):
            self.pop_screen()

    def action_new_session(self) -> None:
        from mi_trainer.tui.session import SessionScreen

        if isinstance(self.screen, SessionScreen):
            self.notify("End this session first (Ctrl+E).")
            return
        self._to_start()

    def action_history(self) -> None:
        from mi_trainer.tui.history import HistoryScreen

        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    def action_check(self, path: str = "") -> None:
        from mi_trainer.tui.check import CheckScreen

        if not isinstance(self.screen, CheckScreen):
            self.push_screen(CheckScreen(path))

    def action_help(self) -> None:
        from mi_trainer.tui.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_end_session(self) -> None:
        from mi_trainer.tui.session import SessionScreen

        if isinstance(self.screen, SessionScreen):
            self.screen.action_end()
        else:
            self.notify("There is no session in progress.")

    def action_toggle_hint(self) -> None:
        from mi_trainer.tui.session import SessionScreen

        if isinstance(self.screen, SessionScreen):
            self.screen.action_toggle_hint()
        else:
            self.notify("The hint is shown during a coach-mode session.")

    def on_unmount(self) -> None:
        from mi_trainer.tui.heap import release

        self.services.close()
        release()  # nothing frozen outlives the app (tests run many in one process)
