"""Start screen: who is practising, which scenario, coach or assessment mode."""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from mi_trainer.tui.common import FieldInput, TrainerScreen, plain, shown
from mi_trainer.tui.messages import PracticeRequested

ALL_THEMES = "__all__"
#: How long the first screen waits for the scenario folder before it draws without it.
SCAN_WAIT_SECONDS = 0.25
MODES = [
    ("Coach: codes and tips as you go", "coach"),
    ("Assessment: feedback at the end", "assessment"),
]


def difficulty_dots(value: int | None) -> str:
    if not value:
        return "     "
    return "●" * value + "○" * (5 - value)


def gentlest_first(scenario: Any) -> tuple[int, str, str]:
    """Sort key: difficulty (none given: last), then title, so a newcomer starts gently."""
    return (scenario.difficulty or 6, scenario.title.casefold(), scenario.id)


def preview_text(scenario: Any) -> Content:
    """The scenario as the start screen previews it (its text shown exactly as written)."""
    lines: list[Content | str] = [shown("[b]$title[/b]", title=scenario.title)]
    meta = []
    if scenario.difficulty:
        meta.append(f"difficulty {scenario.difficulty}/5")
    if scenario.themes:
        meta.append(", ".join(scenario.themes))
    if meta:
        lines.append(shown("[dim]$meta[/dim]", meta=" · ".join(meta)))
    if scenario.summary:
        lines += ["", scenario.summary]
    if getattr(scenario, "setting", None):
        lines += ["", shown("[b]Setting[/b]  $setting", setting=scenario.setting)]
    lines += ["", shown("[b]Family[/b]")]
    for m in scenario.members:
        bits = [m.role or "", f"{m.age}" if m.age is not None else ""]
        extra = ", ".join(b for b in bits if b)
        template = "  • $name [dim]($extra)[/dim]" if extra else "  • $name"
        lines.append(shown(template, name=m.name, extra=extra))
    if scenario.learning_goals:
        lines += ["", shown("[b]Learning goals[/b]")]
        lines += [f"  • {g}" for g in scenario.learning_goals]
    notes = getattr(scenario, "content_notes", None)
    if notes:
        lines += ["", shown("[b]Content notes[/b]  $notes", notes=", ".join(notes))]
    return Content("\n").join(lines)


class StartScreen(TrainerScreen):
    """The first screen."""

    BINDINGS = [
        Binding("ctrl+s", "start", "Start session", priority=True),
        Binding("f2", "app.history", "History"),
        Binding("f3", "app.check", "Check scenario"),
        Binding("f1", "app.help", "Help"),
    ]

    DEFAULT_CSS = """
    StartScreen #left { width: 1fr; min-width: 34; padding: 0 1; }
    StartScreen #preview { width: 1fr; padding: 0 1; border-left: vkey $primary; }
    StartScreen .row { height: auto; }
    StartScreen .row Input { width: 1fr; }
    StartScreen Label.lbl { width: 6; }
    StartScreen .row { margin-bottom: 1; }
    StartScreen #scenarios { height: 1fr; min-height: 4; }
    StartScreen #status { height: 1; color: $text-muted; }
    StartScreen #signed-in { height: auto; margin-bottom: 1; color: $text-muted; }
    StartScreen Select { width: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.scenarios: list[Any] = []
        self._scan_lock = threading.Lock()
        self._scan_done = threading.Event()
        self._scan_result: tuple[Any, str | None] | None = None
        self._scan_late = False  # the screen drew without it: deliver it when it comes

    def compose(self) -> ComposeResult:
        prefs = self.trainer.preferences
        identity = self.trainer.identity
        yield Header()
        with Horizontal():
            with Vertical(id="left"):
                if identity is not None:  # name and team come from the account
                    admin = " · F4 accounts and audit log" if identity.manages_accounts else ""
                    yield Static(
                        plain(f"Signed in as {identity.describe()}{admin}"), id="signed-in"
                    )
                else:
                    with Horizontal(classes="row"):
                        yield Label("Name", classes="lbl")
                        yield FieldInput(
                            prefs.name, placeholder="Your name", id="name", compact=True
                        )
                    with Horizontal(classes="row"):
                        yield Label("Team", classes="lbl")
                        yield FieldInput(
                            prefs.team, placeholder="Your team (optional)", id="team", compact=True
                        )
                with Horizontal(classes="row"):
                    yield Select(
                        MODES, value=prefs.mode, allow_blank=False, id="mode", compact=True
                    )
                with Horizontal(classes="row"):
                    yield Select([], prompt="All themes", id="theme", compact=True)
                yield OptionList(id="scenarios")
                yield Static(
                    "Ready. Enter starts a session."
                    if self.trainer.coder_ready
                    else "Loading the language pipeline…",
                    id="status",
                )
            with VerticalScroll(id="preview"):
                yield Static("Choose a scenario to see the family and learning goals.", id="prev")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "mi-trainer"
        self.sub_title = "Practise motivational interviewing"
        self.reload()
        if self.trainer.identity is not None or self.query_one("#name", Input).value:
            self.query_one("#scenarios", OptionList).focus()
        else:
            self.query_one("#name", Input).focus()

    def reload(self) -> None:
        """Read the scenario folder in a thread; a slow or hostile folder never holds up
        the first screen (it draws after SCAN_WAIT_SECONDS at most and fills in later)."""
        app = self.app
        threading.Thread(target=self._scan, args=(app,), daemon=True).start()
        if not self._scan_done.wait(SCAN_WAIT_SECONDS):
            with self._scan_lock:
                self._scan_late = self._scan_result is None
            if self._scan_late:
                self.query_one("#prev", Static).update("Reading the scenario folder…")
                return
        self._show_scan()

    def _scan(self, app: Any) -> None:
        from mi_trainer.tui.services import ServiceError

        try:
            result: tuple[Any, str | None] = (app.services.scan_scenarios(), None)
        except ServiceError as err:
            result = (None, str(err))
        with self._scan_lock:
            self._scan_result = result
            late = self._scan_late
        self._scan_done.set()
        if late:
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                app.call_from_thread(self._show_scan)

    def _show_scan(self) -> None:
        assert self._scan_result is not None
        scan, error = self._scan_result
        if scan is None:
            self.notify(str(error), severity="error", timeout=10)
            self.scenarios = []
        else:
            self.scenarios = sorted(scan.scenarios, key=gentlest_first)
            if scan.skipped:
                self.notify(
                    "Not listed because of errors:\n"
                    + "\n".join(f"• {skipped}" for skipped in scan.skipped)
                    + "\nOpen them in Check scenario (F3) to see what to fix.",
                    title="Scenario files skipped",
                    severity="warning",
                    timeout=12,
                )
        themes = sorted({t for s in self.scenarios for t in s.themes})
        self.query_one("#theme", Select).set_options([(plain(t), t) for t in themes])
        self.fill_list()
        self.trainer.first_screen_shown()

    def fill_list(self) -> None:
        theme = self.query_one("#theme", Select).value
        listed = [s for s in self.scenarios if theme == Select.NULL or theme in s.themes]
        ol = self.query_one("#scenarios", OptionList)
        ol.clear_options()
        for s in listed:
            ol.add_option(Option(plain(f"{difficulty_dots(s.difficulty)} {s.title}"), id=s.id))
        if listed:
            ol.highlighted = 0
        else:
            self.query_one("#prev", Static).update("No scenarios to show.")

    @on(Select.Changed, "#theme")
    def _theme(self) -> None:
        self.fill_list()

    @on(OptionList.OptionHighlighted, "#scenarios")
    def _highlight(self, event: OptionList.OptionHighlighted) -> None:
        scenario = self.selected()
        if scenario is not None:
            self.query_one("#prev", Static).update(preview_text(scenario))

    @on(Input.Submitted, "#name")
    def _name_done(self) -> None:
        self.query_one("#team", Input).focus()

    @on(Input.Submitted, "#team")
    def _team_done(self) -> None:
        self.query_one("#scenarios", OptionList).focus()

    @on(OptionList.OptionSelected, "#scenarios")
    def _selected(self) -> None:
        self.action_start()

    def selected(self) -> Any | None:
        ol = self.query_one("#scenarios", OptionList)
        if ol.highlighted is None:
            return None
        sid = ol.get_option_at_index(ol.highlighted).id
        return next((s for s in self.scenarios if s.id == sid), None)

    def set_status(self, text: str) -> None:
        for status in self.query("#status").results(Static):
            status.update(plain(text))  # may carry an error message: not markup

    def action_start(self) -> None:
        scenario = self.selected()
        if scenario is None:
            self.notify("Choose a scenario first (arrow keys, then Enter).", severity="warning")
            return
        if self.trainer.identity is not None:  # the app files it under the account
            name, team = self.trainer.identity.name, self.trainer.identity.team or ""
        else:
            name = self.query_one("#name", Input).value.strip()
            team = self.query_one("#team", Input).value.strip()
        mode = str(self.query_one("#mode", Select).value)
        self.post_message(PracticeRequested(scenario, name, team, mode))
