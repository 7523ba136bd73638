"""Placeholder app shell; the full screens arrive with the app issue."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class MITrainerApp(App[None]):
    TITLE = "mi-trainer"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, scenarios_dir: str | None = None, db: str | None = None) -> None:
        super().__init__()
        self.scenarios_dir = scenarios_dir
        self.db = db

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Welcome to mi-trainer. Press q to quit.")
        yield Footer()
