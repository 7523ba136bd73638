"""Scenario check for trainers: validate a YAML file, preview its members, play it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static

from mi_trainer.tui.start import preview_text


class CheckScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("f5", "play", "Play it"),
        Binding("f1", "app.help", "Help"),
    ]

    DEFAULT_CSS = """
    CheckScreen #open { height: auto; padding: 0 1; }
    CheckScreen #open Label { padding: 1 1 0 0; }
    CheckScreen #file { width: 1fr; }
    CheckScreen #out { padding: 0 1; }
    """

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.path = path
        self.scenario: Any | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="open"):
            yield Label("File")
            yield Input(self.path, placeholder="path/to/scenario.yaml, then Enter", id="file")
            yield Button("Check", variant="primary", id="check")
            yield Button("Play", id="play", disabled=True)
        with VerticalScroll(id="out"):
            yield Static("Type the path of a scenario file and press Enter.", id="result")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Scenario check"
        self.sub_title = "For trainers writing scenarios"
        self.query_one("#file", Input).focus()
        if self.path:
            self.check()

    @on(Input.Submitted, "#file")
    @on(Button.Pressed, "#check")
    def check(self) -> None:
        from mi_trainer.tui.services import ServiceError

        services = self.app.services  # type: ignore[attr-defined]
        raw = self.query_one("#file", Input).value.strip()
        self.scenario = None
        self.query_one("#play", Button).disabled = True
        result = self.query_one("#result", Static)
        if not raw:
            self.notify("Type the path of a scenario .yaml file.", severity="warning")
            return
        try:
            diagnostics = services.validate(raw)
        except ServiceError as err:
            result.update(escape(str(err)))
            self.notify(str(err), severity="error")
            return
        errors = [d for d in diagnostics if d.level == "error"]
        warnings = [d for d in diagnostics if d.level != "error"]
        lines: list[str] = []
        if errors:
            lines.append(f"[b red]{len(errors)} error{'s' * (len(errors) != 1)}[/b red]")
            lines += [f"  [red]line {d.line}:{d.col}[/red] {escape(d.message)}" for d in errors]
        if warnings:
            lines.append(
                f"[b yellow]{len(warnings)} warning{'s' * (len(warnings) != 1)}[/b yellow]"
            )
            lines += [
                f"  [yellow]line {d.line}:{d.col}[/yellow] {escape(d.message)}" for d in warnings
            ]
        if not errors:
            try:
                self.scenario = services.load_scenario(Path(raw).expanduser())
            except ServiceError as err:
                lines.append(f"[red]{escape(str(err))}[/red]")
        if self.scenario is not None:
            lines.insert(0, "[b green]No errors: ready to play (F5).[/b green]")
            lines += ["", preview_text(self.scenario)]
            self.query_one("#play", Button).disabled = False
        else:
            self.notify("The scenario has errors; fix them and check again.", severity="warning")
        result.update("\n".join(lines))

    @on(Button.Pressed, "#play")
    def _play(self) -> None:
        self.action_play()

    def action_play(self) -> None:
        if self.scenario is None:
            self.notify("Check a scenario without errors first.", severity="warning")
            return
        prefs = self.app.preferences  # type: ignore[attr-defined]
        self.app.start_session(self.scenario, prefs.name, prefs.team, prefs.mode)  # type: ignore[attr-defined]
