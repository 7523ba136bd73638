"""The Textual app: practise, see the feedback, review, check scenarios.

The app routes between screens (each screen posts a message from
:mod:`mi_trainer.tui.messages`) and holds the injected dependencies; the practice itself is a
:class:`~mi_trainer.practice.PracticeSession`, which the session screen drives.

Dependencies are injected so tests never touch the user's home: ``scenarios_dir``, ``db``,
``coder_factory`` (defaults to the real spaCy-based Coder, built in a worker thread while the
user picks a scenario), ``clock`` (ISO timestamps) and ``seed``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.notifications import SeverityLevel
from textual.worker import Worker, WorkerState

from mi_trainer.practice import InterruptedSession, PracticeError, PracticeSession, UtteranceCoder
from mi_trainer.preferences import Preferences
from mi_trainer.tui.messages import PracticeRequested, ReviewRequested, SummaryRequested
from mi_trainer.tui.services import ServiceError, Services, storage_message, utc_clock
from mi_trainer.wording import plural

if TYPE_CHECKING:
    from mi_trainer.accounts import Identity
    from mi_trainer.practice import PracticeStore

# When the start screen has not said it shows its scenarios by then (a slow folder), the
# pipeline and the database load anyway.
FIRST_SCREEN_WAIT_SECONDS = 3.0
AFTER_PAINT_SECONDS = 0.15  # several of Textual's frames (60 a second)


class MainCommands(Provider):
    """Command palette entries for the main actions."""

    COMMANDS = (
        ("New session", "new_session", "Back to the start screen to choose a scenario"),
        ("History and review", "history", "Past sessions, transcripts and trends"),
        ("Check a scenario file", "check", "Validate a YAML scenario and play it"),
        ("Help and MI reference", "help", "Keys and a one-screen MI reference"),
        ("End session", "end_session", "End the current session (asks first)"),
        ("Toggle inner-state hint", "toggle_hint", "Coach mode: how the person feels"),
        ("Accounts and audit log", "accounts", "Admins: accounts, sign-ins, exports, purges"),
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
        Binding("f4", "accounts", "Accounts", show=False),
    ]

    def __init__(
        self,
        scenarios_dir: str | Path | None = None,
        db: str | Path | None = None,
        *,
        coder_factory: Callable[[], UtteranceCoder] | None = None,
        clock: Callable[[], str | None] = utc_clock,
        seed: int | None = None,
        export_dir: str | Path | None = None,
        check_resume: bool = True,
        identity: Identity | None = None,
    ) -> None:
        super().__init__()
        self.scenarios_dir = scenarios_dir
        self.db = db
        # Signed in (served, or a shared database): name, team and role come from the account
        # and every query goes through the role's scope (accounts.ScopedStore).
        self.identity = identity
        self.services = Services(
            scenarios_dir=scenarios_dir,
            db=db,
            coder_factory=coder_factory,
            clock=clock,
            seed=seed,
            identity=identity,
        )
        self.preferences = Preferences.load()
        if identity is not None:  # the settings file belongs to whoever runs the server
            self.preferences = Preferences(
                name=identity.name, team=identity.team or "", mode=self.preferences.mode
            )
        self.export_dir = export_dir
        self.check_resume = check_resume
        self.coder_ready = False
        self.coder_error: str | None = None
        # What waits for the pipeline: a session to start, or one to resume.
        self._pending: PracticeRequested | None = None
        self._pending_resume: InterruptedSession | None = None

    # ------------------------------------------------------------------ start-up
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice is plain text: notices carry names, paths, typed text and error
        messages, none of which is markup (so ``markup`` is accepted and not used)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        from mi_trainer.tui.start import StartScreen

        self.push_screen(StartScreen())
        # spaCy and the sessions database load once the first screen shows its scenarios
        # (StartScreen calls first_screen_shown): a thread started before it would share the
        # interpreter with the scenario scan and the first paint. The timer is the fallback
        # for a screen that never says so.
        self._first_screen_shown = False
        self.set_timer(FIRST_SCREEN_WAIT_SECONDS, self.first_screen_shown)

    def first_screen_shown(self) -> None:
        """The start screen lists its scenarios: after that paint, load what waits for it."""
        if self._first_screen_shown:
            return
        self._first_screen_shown = True
        # Textual paints on its own timer, after the refreshes call_after_refresh waits for.
        self.set_timer(AFTER_PAINT_SECONDS, self._after_first_paint)

    def _after_first_paint(self) -> None:
        self.load_coder()
        if self.check_resume:
            self.offer_resume()

    @work(thread=True, exclusive=True, group="coder")
    def load_coder(self) -> UtteranceCoder:
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
                self.start_practice(pending)
        elif event.state == WorkerState.ERROR:
            self.coder_error = f"The language pipeline could not load: {event.worker.error}"
            self._status(self.coder_error)
            self.notify(self.coder_error, severity="error", timeout=15)

    def _status(self, text: str) -> None:
        from mi_trainer.tui.start import StartScreen

        for screen in self.screen_stack:
            if isinstance(screen, StartScreen):
                screen.set_status(text)

    def _store(self, consequence: str) -> PracticeStore | None:
        """The sessions database, or None with a notice saying what that means."""
        try:
            return self.services.store
        except ServiceError as err:
            self.notify(f"{err} {consequence}", severity="error", timeout=10)
            return None

    def _tell(self, problems: tuple[str, ...]) -> None:
        for problem in problems:
            self.notify(problem, severity="error", timeout=10)

    # ------------------------------------------------------------------ interrupted sessions
    def offer_resume(self) -> None:
        from mi_trainer.tui.common import ResumeScreen

        store = self._store("Interrupted sessions cannot be offered.")
        if store is None:
            return
        try:
            found = PracticeSession.interrupted(store, storage_message)
        except PracticeError as err:
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

    def _resume_choice(self, summary: InterruptedSession, choice: str | None) -> None:
        if choice == "close":
            store = self._store("The session stays as it is.")
            if store is None:
                return
            try:
                PracticeSession.close_interrupted(
                    store, summary.session_id, describe=storage_message
                )
            except PracticeError as err:
                self.notify(str(err), severity="error")
                return
            self.notify("Closed as incomplete. You can still review it in History.")
        elif choice == "resume":
            self.resume(summary)

    def resume(self, summary: InterruptedSession) -> None:
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
        store = self._store("The session cannot be resumed.")
        if store is None:
            return
        try:
            practice = PracticeSession.resume(
                scenario,
                self.services.make_coder(),
                store,
                summary.session_id,
                clock=self.services.clock,
                describe=storage_message,
            )
        except PracticeError as err:
            self.notify(str(err), severity="warning", timeout=12)
            return
        self._open_session(practice)

    # ------------------------------------------------------------------ sessions
    @on(PracticeRequested)
    def _practice_requested(self, request: PracticeRequested) -> None:
        self.start_practice(request)

    def start_practice(self, request: PracticeRequested) -> None:
        """Start a session (remembering who is practising), once the pipeline is loaded.

        A test play (from Check scenario) is not practice: it is not saved at all, and neither
        is anything a trainer plays. Signed in, the account says who practises."""
        me = self.identity
        if me is not None:
            request = PracticeRequested(
                request.scenario,
                me.name,
                me.team or "",
                request.mode,
                test_play=request.test_play or not me.saves_practice,
            )
        elif not request.test_play:
            self.preferences = Preferences(
                name=request.name,
                team=request.team,
                mode=request.mode,
                export_dir=self.preferences.export_dir,
            )
            if not self.preferences.save():
                self.notify(
                    "Could not remember your name for next time (settings folder not writable)."
                )
        if self.coder_error:
            self.notify(self.coder_error, severity="error")
            return
        if not self.coder_ready:
            self._pending = request
            self.notify("Loading the language pipeline; the session starts in a moment.")
            return
        if request.test_play:
            store = None
            self.notify(
                "A test play of the scenario: it is not saved as practice and shows in no "
                "history or report.",
                title="Test play",
            )
        else:
            store = self._store("This session will not be saved.")
        try:
            practice = PracticeSession.start(
                request.scenario,
                self.services.make_coder(),
                store=store,
                practitioner=request.name,
                team=request.team,
                mode=request.mode,
                seed=self.services.seed,
                clock=self.services.clock,
                describe=storage_message,
            )
        except PracticeError as err:
            self.notify(str(err), severity="error")
            return
        self._tell(practice.take_problems())
        self._open_session(practice)

    def _open_session(self, practice: PracticeSession) -> None:
        from mi_trainer.tui.session import SessionScreen

        self._to_start()
        self.push_screen(SessionScreen(practice))

    @on(SummaryRequested)
    def _summary_requested(self, request: SummaryRequested) -> None:
        from mi_trainer.tui.summary import SummaryScreen

        self.clear_notifications()  # the conversation's notices end with it
        self.switch_screen(
            SummaryScreen(request.transcript, request.score, debrief=request.debrief)
        )

    @on(ReviewRequested)
    def _review_requested(self, request: ReviewRequested) -> None:
        from mi_trainer.tui.summary import SummaryScreen

        try:
            transcript = self.services.load(request.session_id)
        except ServiceError as err:
            self.notify(str(err), severity="error")
            return
        try:
            scenario = self.services.scenario_by_id(transcript.scenario_id or "")
        except ServiceError:
            scenario = None
        debrief = scenario.debrief if scenario is not None else None
        score = self.services.score(transcript)
        self.push_screen(SummaryScreen(transcript, score, review=True, debrief=debrief))

    def export_folder(self) -> str | None:
        """Where the export box starts: the folder of the last export (this run or before)."""
        return str(self.export_dir) if self.export_dir else self.preferences.export_dir or None

    def remember_export_folder(self, folder: Path) -> None:
        self.export_dir = folder
        self.preferences.export_dir = str(folder)
        self.preferences.save()

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

        if self.identity is not None and self.identity.role not in ("trainer", "admin"):
            self.notify("Checking scenario files is for trainers.", severity="warning")
            return
        if not isinstance(self.screen, CheckScreen):
            self.push_screen(CheckScreen(path))

    def action_accounts(self) -> None:
        from mi_trainer.tui.accounts import AccountsScreen

        if self.identity is None or not self.identity.manages_accounts:
            self.notify("Accounts are managed by an admin.", severity="warning")
            return
        if not isinstance(self.screen, AccountsScreen):
            self.push_screen(AccountsScreen())

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
