"""History and review: past sessions for supervision (trends and examples, not a league table)."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from mi_trainer.tui.common import spark

TREND_FIGURES = (
    ("r_to_q", "Reflections per question"),
    ("pct_open", "% open questions"),
    ("pct_complex", "% complex reflections"),
    ("pct_change_talk", "% change talk"),
)


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _fmt(value: float | None, key: str) -> str:
    if value is None:
        return "–"
    if key == "r_to_q":
        return f"{value:.1f}:1"
    if key.startswith("pct_"):
        return f"{value:.0f}%"
    return f"{value:.0f}"


class HistoryScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+r", "refresh", "Apply filters", priority=True),
        Binding("f1", "app.help", "Help"),
    ]

    DEFAULT_CSS = """
    HistoryScreen #filters { height: auto; }
    HistoryScreen #filters Input { width: 1fr; margin: 0 1 0 0; }
    HistoryScreen #sessions { height: 1fr; }
    HistoryScreen #trend { height: auto; max-height: 8; padding: 0 1; border-top: hkey $primary; }
    HistoryScreen #note { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield Input(placeholder="Practitioner", id="f-practitioner", compact=True)
            yield Input(placeholder="Team", id="f-team", compact=True)
            yield Input(placeholder="Scenario id", id="f-scenario", compact=True)
            yield Input(placeholder="From 2026-01-31", id="f-since", compact=True)
            yield Input(placeholder="To 2026-12-31", id="f-until", compact=True)
        yield Static(
            "A supervision aid: look at trends and pick examples to talk through together.",
            id="note",
        )
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(id="trend")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "History and review"
        self.sub_title = "Enter opens a session"
        table = self.query_one("#sessions", DataTable)
        table.add_columns("Date", "Practitioner", "Team", "Scenario", "Turns", "Status", "Mode")
        self.action_refresh()
        table.focus()

    def filters(self) -> dict[str, str | None]:
        def val(name: str) -> str | None:
            return self.query_one(f"#f-{name}", Input).value.strip() or None

        return {k: val(k) for k in ("practitioner", "team", "scenario", "since", "until")}

    @on(Input.Submitted)
    def _filter(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        from mi_trainer.tui.services import ServiceError

        services = self.app.services  # type: ignore[attr-defined]
        table = self.query_one("#sessions", DataTable)
        table.clear()
        try:
            self.rows = services.storage_call("list_sessions", **self.filters())
        except ServiceError as err:
            self.rows = []
            self.notify(str(err), severity="error", timeout=10)
        for s in self.rows:
            table.add_row(
                (s.started_at or "")[:10],
                clip(s.practitioner or "–", 14),
                clip(s.team or "–", 10),
                clip(s.scenario_title or s.scenario_id or "–", 18),
                str(s.turn_count),
                s.status.replace("_", " "),
                s.mode or "–",
                key=s.session_id,
            )
        if not self.rows:
            self.query_one("#trend", Static).update(
                "[dim]No sessions match. Practise one from the start screen, "
                "or clear the filters.[/dim]"
            )
        else:
            self.show_trend(self.rows[0].practitioner)

    @on(DataTable.RowHighlighted, "#sessions")
    def _highlight(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.rows):
            self.show_trend(self.rows[event.cursor_row].practitioner)

    def show_trend(self, name: str | None) -> None:
        from mi_trainer.tui.services import ServiceError

        trend_box = self.query_one("#trend", Static)
        if not name:
            trend_box.update("[dim]No practitioner name on this session, so no trend.[/dim]")
            return
        try:
            trend = self.app.services.storage_call("practitioner_trend", name)  # type: ignore[attr-defined]
        except ServiceError as err:
            trend_box.update(escape(str(err)))
            return
        if not trend:
            trend_box.update(f"[dim]No completed sessions yet for {escape(name)}.[/dim]")
            return
        months = f"{trend[0][0]} → {trend[-1][0]}" if len(trend) > 1 else trend[0][0]
        lines = [f"[b]{escape(name)}[/b] over time [dim](monthly averages, {months})[/dim]"]
        for key, label in TREND_FIGURES:
            values = [fig.get(key) for _, fig in trend]
            last = values[-1]
            lines.append(f"  {label:<26} {spark(values):<12} {_fmt(last, key)}")
        trend_box.update("\n".join(lines))

    @on(DataTable.RowSelected, "#sessions")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.app.open_review(str(event.row_key.value))  # type: ignore[attr-defined]
