"""Small shared widgets: confirmation modal, sparkline text, speaker names, and text shown
exactly as typed (:func:`shown`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label

if TYPE_CHECKING:
    from mi_trainer.tui.app import MITrainerApp

BLOCKS = " ▁▂▃▄▅▆▇█"


def shown(template: str, /, **values: object) -> Content:
    """Our markup ``template`` with each ``$name`` in it replaced by its value shown exactly as
    it is: names, teams, typed lines, scenario text and file paths may hold ``[``, ``\\`` or
    ``$``, and as values they are never read as markup. (Escaping is not enough for Textual's
    markup: ``rich.markup.escape`` leaves ``[$accent]`` a style and doubles backslashes.)"""
    return Content.from_markup(template, **{k: str(v) for k, v in values.items()})


def plain(text: str) -> Text:
    """``text`` shown as it is, with no markup at all: for a ``Static``, an ``Option``, a
    ``Select`` choice (whose type-to-search reads a ``Text``) or a ``DataTable`` cell (which
    reads a plain string as Rich markup)."""
    return Text(text)


def spark(values: list[float | None], top: float | None = None) -> str:
    """A one-line Unicode plot; None shows as a dot."""
    nums = [v for v in values if v is not None]
    top = top if top is not None else (max(nums) if nums else 0.0)
    out = []
    for v in values:
        if v is None:
            out.append("·")
        elif top <= 0:
            out.append(BLOCKS[1] if v == 0 else BLOCKS[-1])
        else:
            out.append(BLOCKS[max(1, min(8, round(v / top * 8)))] if v > 0 else BLOCKS[1])
    return "".join(out)


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%" if value <= 1 else f"{value:.0f}%"


def member_label(member: Any) -> str:
    role = getattr(member, "role", None)
    return f"{member.name} ({role})" if role else str(member.name)


class TrainerScreen(Screen[None]):
    """A screen of :class:`~mi_trainer.tui.app.MITrainerApp`, which it reads settings from."""

    @property
    def trainer(self) -> MITrainerApp:
        from mi_trainer.tui.app import MITrainerApp

        app = self.app
        if not isinstance(app, MITrainerApp):
            raise TypeError(f"{type(self).__name__} runs inside MITrainerApp, not {type(app)}")
        return app


class FieldInput(Input):
    """An input in a form, for text that arrives in one burst.

    Tab and Shift+Tab move the focus *before* the keys that follow them are handed out
    (priority bindings of the focused field): what a text expander types ("Kim<Tab>North")
    fills this field and then the next instead of running on in this one. A paste holding a
    Tab does the same (a row copied from a spreadsheet: name, Tab, team).
    """

    BINDINGS = [
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]

    def _on_paste(self, event: events.Paste) -> None:
        first, tab, rest = event.text.partition("\t")
        if not tab:
            return  # Input's own handler pastes it
        event.prevent_default()  # not Input's handler as well: this one pastes the first part
        event.stop()
        if first.splitlines():
            self.insert_text_at_cursor(first.splitlines()[0])
        self.screen.focus_next()
        following = self.screen.focused
        if rest and isinstance(following, Input) and following is not self:
            following.post_message(events.Paste(rest))


class ConfirmScreen(ModalScreen[bool]):
    """Yes / no question; Escape or n means no."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
    ]
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 60; max-width: 95%; height: auto; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    ConfirmScreen Label { width: 100%; margin-bottom: 1; }
    ConfirmScreen Horizontal { height: auto; }
    ConfirmScreen Button { width: 1fr; margin: 0 1; }
    """

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain(self.question))
            with Horizontal():
                yield Button(self.yes, variant="primary", id="yes")
                yield Button(self.no, id="no")
        yield Footer()  # this question's keys, over the dimmed screen's own

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ResumeScreen(ModalScreen[str]):
    """An interrupted session was found: resume, close as incomplete, or decide later."""

    BINDINGS = [
        Binding("escape", "choose('later')", "Later"),
        Binding("r", "choose('resume')", "Resume"),
        Binding("c", "choose('close')", "Close"),
    ]
    DEFAULT_CSS = """
    ResumeScreen { align: center middle; }
    ResumeScreen > Vertical {
        width: 70; max-width: 95%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    ResumeScreen Label { width: 100%; margin-bottom: 1; }
    ResumeScreen Horizontal { height: auto; }
    ResumeScreen Button { width: 1fr; margin: 0 1; }
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain(self.text))
            with Horizontal():
                yield Button("Resume (r)", variant="primary", id="resume")
                yield Button("Close (c)", id="close")
                yield Button("Later (esc)", id="later")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "later")

    def action_choose(self, value: str) -> None:
        self.dismiss(value)


__all__ = [
    "ConfirmScreen",
    "FieldInput",
    "Horizontal",
    "ResumeScreen",
    "TrainerScreen",
    "member_label",
    "pct",
    "spark",
]
