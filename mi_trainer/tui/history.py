"""History and review: past sessions for supervision (trends and examples, not a league table)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from mi_trainer.scoring.figures import rounded
from mi_trainer.tui.common import FieldInput, TrainerScreen, plain, shown, spark
from mi_trainer.tui.messages import ReviewRequested

# At most this many sessions are listed (newest first); the filters narrow the rest down.
LIST_LIMIT = 200
NOTE = "A supervision aid: look at trends and pick examples to talk through together."

TREND_FIGURES = (
    ("r_to_q", "Reflections per question"),
    ("pct_open", "% open questions"),
    ("pct_complex", "% complex reflections"),
    ("pct_change_talk", "% change talk"),
)


def is_day(text: str) -> bool:
    """A date History can filter by: 2026-01-31, or 2026-01 for the month."""
    try:
        date.fromisoformat(text + "-01" if len(text) == 7 else text)
    except ValueError:
        return False
    return True


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class ColumnWidths:
    practitioner: int
    team: int
    scenario: int
    status: int
    mode: int


def short_mode(mode: str | None, width: int) -> str:
    if not mode:
        return "–"
    return mode if len(mode) <= width else {"assessment": "assess"}.get(mode, clip(mode, width))


COLUMNS = ("Date", "Session", "Practitioner", "Team", "Scenario", "Your\nturns", "Status", "Mode")
SHORT_ID = 6  # hex digits of the session id shown; the id box takes these or the whole id
SESSION_ID = re.compile(r"[0-9a-f]{4,32}")
# Date (10), Session, "Your turns" (5) and the cell padding and scrollbar take the rest.
FIXED_WIDTH = 10 + SHORT_ID + 5 + len(COLUMNS) * 2 + 2


def column_widths(screen_width: int) -> ColumnWidths:
    """Text widths that fit the whole row on screen: at 80 columns names and statuses are
    shortened; wider terminals give the room to the scenario title."""
    if screen_width < 100:
        practitioner, team, status, mode = 9, 7, 8, 6
    else:
        practitioner, team, status, mode = 14, 10, 11, 10
    left = screen_width - FIXED_WIDTH - practitioner - team - status - mode
    return ColumnWidths(practitioner, team, max(10, min(40, left)), status, mode)


def scenario_name(session: Any, titles: dict[str, str]) -> str:
    """The title saved with the session, else the scenario's title now, else its id."""
    sid = session.scenario_id or ""
    return session.scenario_title or titles.get(sid) or sid or "–"


class HistoryScreen(TrainerScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+r", "refresh", "Apply filters", priority=True),
        Binding("f1", "app.help", "Help"),
    ]

    DEFAULT_CSS = """
    HistoryScreen #filters { height: auto; }
    HistoryScreen #filters Select { width: 1fr; margin: 0 1 0 0; }
    HistoryScreen #filters SelectOverlay { width: auto; min-width: 100%; max-width: 60; }
    HistoryScreen #filters SelectCurrent #label {
        height: 1; text-wrap: nowrap; text-overflow: ellipsis;
    }
    HistoryScreen #filters Input { width: 16; margin: 0 1 0 0; }
    HistoryScreen #filters #f-id { width: 12; margin: 0; }
    HistoryScreen #sessions { height: 1fr; }
    HistoryScreen #trend { height: auto; max-height: 8; padding: 0 1; border-top: hkey $primary; }
    HistoryScreen #note { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []
        self.titles: dict[str, str] = {}  # scenario id -> title, for sessions saved without one

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield Select([], prompt="Anyone", id="f-practitioner", compact=True)
            yield Select([], prompt="Any team", id="f-team", compact=True)
            yield Select([], prompt="Any scenario", id="f-scenario", compact=True)
            yield FieldInput(placeholder="From 2026-01-31", id="f-since", compact=True)
            yield FieldInput(placeholder="To 2026-12-31", id="f-until", compact=True)
            yield FieldInput(placeholder="Session id", id="f-id", compact=True)
        yield Static(NOTE, id="note")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True, header_height=2)
        yield Static(id="trend")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "History and review"
        self.sub_title = "Enter opens a session"
        table = self.query_one("#sessions", DataTable)
        # "Your turns": the practitioner's lines, as the summary counts them ("3 turns").
        for label in COLUMNS:
            table.add_column(label)
        table.focus()

    def on_resize(self) -> None:
        # The columns are cut to the width: list again when the terminal changes size.
        if getattr(self, "rows", None) and getattr(self, "_listed_width", None) != self.size.width:
            self.action_refresh()

    def on_screen_resume(self) -> None:
        """Shown (first time or again): offer what is in the database now, and list it."""
        self.load_choices()
        self.action_refresh()

    def load_choices(self) -> None:
        """Fill the practitioner, team and scenario boxes from the sessions kept."""
        from mi_trainer.tui.services import ServiceError

        services = self.trainer.services
        try:
            choices = services.filter_choices()
        except ServiceError as err:
            self.notify(str(err), severity="error", timeout=10)
            return
        titles: dict[str, str] = {}
        if any(title is None for _, title in choices.scenarios):
            titles = services.scenario_titles()  # sessions saved before titles were kept
        self.titles = {sid: title or titles.get(sid) or sid for sid, title in choices.scenarios}
        self._fill("#f-practitioner", [(n, n) for n in choices.practitioners])
        self._fill("#f-team", [(t, t) for t in choices.teams])
        self._fill("#f-scenario", [(title, sid) for sid, title in self.titles.items()])

    def _fill(self, selector: str, options: list[tuple[str, str]]) -> None:
        """New options for a filter box, keeping its choice if it is still there."""
        select = self.query_one(selector, Select)
        current = select.value
        with self.prevent(Select.Changed):
            # Plain text (a name is never markup), on one line (cut with … when narrow).
            select.set_options(
                (Text(label, no_wrap=True, overflow="ellipsis"), value) for label, value in options
            )
            if any(value == current for _, value in options):
                select.value = current

    def filters(self) -> dict[str, str | None]:
        def chosen(name: str) -> str | None:
            value = self.query_one(f"#f-{name}", Select).value
            return None if value == Select.NULL else str(value)

        def typed(name: str) -> str | None:
            return self.query_one(f"#f-{name}", Input).value.strip() or None

        found = {k: chosen(k) for k in ("practitioner", "team", "scenario")}
        return found | {k: typed(k) for k in ("since", "until")}

    @on(Input.Submitted, "#f-since")
    @on(Input.Submitted, "#f-until")
    @on(Select.Changed, "#filters Select")
    def _filter(self) -> None:
        self.action_refresh()

    def bad_date(self) -> str | None:
        """The screen's own words for a date it cannot use (None when both are fine)."""
        for name, label in (("since", "From"), ("until", "To")):
            typed = self.query_one(f"#f-{name}", Input).value.strip()
            if typed and not is_day(typed):
                return (
                    f"The {label} date '{typed}' is not a date. Type it as year-month-day, "
                    f"for example 2026-01-31 (or 2026-01 for the whole month), or leave it empty."
                )
        return None

    @on(Input.Submitted, "#f-id")
    def find_session(self) -> None:
        """Open the session whose id (or its start, as History and reports show it) is typed."""
        from mi_trainer.tui.services import ServiceError

        typed = self.query_one("#f-id", Input).value.strip().lower()
        if not typed:
            return
        if not SESSION_ID.fullmatch(typed):
            self.notify(
                f"'{typed}' is not a session id: ids are made of the digits 0-9 and the "
                "letters a-f, as in the Session column or a report's example to discuss.",
                severity="warning",
                timeout=8,
            )
            return
        try:
            found = self.trainer.services.list_sessions(session=typed, limit=2)
        except ServiceError as err:
            self.notify(str(err), severity="error", timeout=10)
            return
        if not found:
            self.notify(f"No session id starts with {typed}.", severity="warning")
        elif len(found) > 1:
            self.notify(
                f"More than one session id starts with {typed}: type more of it.",
                severity="warning",
            )
        else:
            self.post_message(ReviewRequested(found[0].session_id))

    def action_refresh(self) -> None:
        from mi_trainer.tui.services import ServiceError

        services = self.trainer.services
        problem = self.bad_date()
        if problem:
            self.notify(problem, title="Dates", severity="warning", timeout=10)
            return
        table = self.query_one("#sessions", DataTable)
        table.clear()
        try:
            self.rows = services.list_sessions(**self.filters(), limit=LIST_LIMIT + 1)
        except ServiceError as err:
            self.rows = []
            self.notify(str(err), severity="error", timeout=10)
        more = len(self.rows) > LIST_LIMIT
        self.rows = self.rows[:LIST_LIMIT]
        widths = column_widths(self.size.width)
        for s in self.rows:
            # A DataTable reads a string cell as Rich markup: names and titles are plain text.
            table.add_row(
                (s.started_at or "")[:10],
                s.session_id[:SHORT_ID],
                plain(clip(s.practitioner or "–", widths.practitioner)),
                plain(clip(s.team or "–", widths.team)),
                plain(clip(scenario_name(s, self.titles), widths.scenario)),
                str(s.practitioner_turns),
                clip(s.status.replace("_", " "), widths.status),
                short_mode(s.mode, widths.mode),
                key=s.session_id,
            )
        self._listed_width = self.size.width
        self.query_one("#note", Static).update(
            f"Showing the newest {LIST_LIMIT} sessions: filter to find the others."
            if more
            else NOTE
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
            trend = self.trainer.services.practitioner_trend(name)
        except ServiceError as err:
            trend_box.update(plain(str(err)))
            return
        if not trend:
            trend_box.update(shown("[dim]No completed sessions yet for $name.[/dim]", name=name))
            return
        months = f"{trend[0][0]} → {trend[-1][0]}" if len(trend) > 1 else trend[0][0]
        lines = [
            shown(f"[b]$name[/b] over time [dim](monthly averages, {months})[/dim]", name=name)
        ]
        for key, label in TREND_FIGURES:
            values = [fig.get(key) for _, fig in trend]
            last = values[-1]
            lines.append(f"  {label:<26} {spark(values):<12} {rounded(key, last)}")
        trend_box.update(Content("\n").join(lines))

    @on(DataTable.RowSelected, "#sessions")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.post_message(ReviewRequested(str(event.row_key.value)))
