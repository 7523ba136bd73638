"""Session screen: the conversation, the input line and (coach mode) live feedback."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import AwaitMount
from textual.widgets import Footer, Header, Input, Select, Static

from mi_trainer.tui import heap
from mi_trainer.tui.common import ConfirmScreen, TrainerScreen, plain, shown
from mi_trainer.tui.messages import SummaryRequested

if TYPE_CHECKING:
    from mi_trainer.practice import Ending, PracticeSession
    from mi_trainer.scoring import SessionScore
    from mi_trainer.transcript import Turn

LIVE_FIGURES = {
    "r_to_q": "R:Q",
    "pct_open": "Open Qs",
    "pct_complex": "Complex R",
    "adherent": "Adherent",
    "non_adherent": "Non-adherent",
}
RATING_STYLE = {"good": "green", "fair": "yellow", "below fair": "red"}
TALK_LABEL = {"change": "change talk", "sustain": "sustain talk", "discord": "discord"}


class Bubble(Static):
    """One line of the conversation."""


class Conversation(VerticalScroll):
    """The bubbles, anchored to the newest one.

    Anchored, the layout pass that places new bubbles also scrolls to them, so a reply is
    painted in one pass (``scroll_end`` waits for that pass and then needs a second one).
    Textual 8.2 anchors content shorter than the view with a negative scroll, which pushes it
    to the bottom (Textual issue 6652); a :class:`Filler` after the bubbles takes the height
    they leave, so the content is never shorter than the view and stays at the top.
    """

    DEFAULT_CSS = """
    Conversation Filler { height: 0.5fr; }
    """

    def compose(self) -> ComposeResult:
        yield Filler()

    def on_mount(self) -> None:
        self.anchor()

    def add(self, widgets: list[Static]) -> AwaitMount:
        """Add bubbles at the end and return to the end (if the reader had scrolled up)."""
        mounted = self.mount_all(widgets, before=self.query_one(Filler))
        self.anchor()
        return mounted


class Filler(Static):
    """The empty space under the bubbles while they do not fill the view.

    Its ``fr`` height is all the space left; once the bubbles overflow, none is left and
    Textual counts 1fr as one row, so half of one rounds down to no row at all (1fr would leave
    a blank row under the newest bubble). The session snapshots would show that row.
    """


class SessionScreen(TrainerScreen):
    BINDINGS = [
        Binding("ctrl+e", "end", "End session", priority=True),
        Binding("ctrl+z", "undo", "Undo text", priority=True),
        Binding("ctrl+t", "toggle_hint", "Inner state", priority=True),
        Binding("ctrl+n", "next_member", "Next person", show=False, priority=True),
        Binding("f1", "app.help", "Help"),
    ]

    DEFAULT_CSS = """
    SessionScreen #convo { width: 1fr; padding: 0 1; }
    SessionScreen #side { width: 33; border-left: vkey $primary; padding: 0 1; }
    SessionScreen.assessment #side { display: none; }
    SessionScreen Bubble { margin: 1 0 0 0; padding: 0 1; height: auto; max-width: 96; }
    SessionScreen Bubble.you {
        margin: 1 0 0 6; background: $primary 20%; border-left: wide $primary;
    }
    SessionScreen Bubble.member {
        margin: 1 6 0 0; background: $secondary 15%; border-left: wide $secondary;
    }
    SessionScreen Bubble.event { color: $text-muted; text-style: italic; text-align: center; }
    SessionScreen Bubble.chip { margin: 0 0 0 6; padding: 0 1; color: $text-muted; }
    SessionScreen #bottom { height: auto; dock: bottom; }
    SessionScreen #to { width: 26; }
    SessionScreen #line { width: 1fr; }
    SessionScreen #hint { margin-top: 1; }
    """

    def __init__(self, session: PracticeSession) -> None:
        super().__init__()
        self.session = session
        self.coach = session.coach
        self.show_hint = False
        self.undo_text = ""
        self._last_value = ""
        self.names = dict(session.transcript.members)
        self.roles = {m.id: m.role for m in session.members}
        self._to: Select[str] | None = None  # the "speaking to" box, in family scenes

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield Conversation(id="convo")
            with Vertical(id="side"):
                yield Static(id="counts")
                yield Static(id="hint")
        with Horizontal(id="bottom"):
            if len(self.session.members) > 1:
                options = [(plain(self.who(m.id)), m.id) for m in self.session.members]
                yield Select(options, value=self.session.addressed, allow_blank=False, id="to")
            yield Input(placeholder="Type what you say, then Enter (@name to address)", id="line")
        yield Footer()

    def on_mount(self) -> None:
        t = self.session.transcript
        self.title = t.scenario_title or "Session"
        mode = "coach mode" if self.coach else "assessment mode"
        self.sub_title = f"{t.practitioner or 'practitioner'} · {mode}"
        if not self.coach:
            self.add_class("assessment")
        selects = self.query("#to")
        self._to = selects.first(Select) if selects else None
        # One score for every replayed turn's tip and the side panel (not one per turn).
        score = self.live_score()
        for turn in t.turns:
            self.show_turn(turn, live=False, score=score)
        self.refresh_side(score)
        self.query_one("#line", Input).focus()
        if self.session.finished:
            self.ended_note()

    def on_unmount(self) -> None:
        # This conversation's widgets can be collected now; once the next screen is painted,
        # collect them and freeze what lives on again, so that the next session's first reply
        # does not pay for a full collection of everything the app holds.
        heap.release()
        self.app.call_after_refresh(heap.settle)

    def who(self, member_id: str | None) -> str:
        name = self.names.get(member_id or "", member_id or "?")
        role = self.roles.get(member_id or "")
        return f"{name} ({role})" if role else str(name)

    def live_score(self) -> SessionScore | None:
        """The score of the conversation so far, for the coach's tips and live counts."""
        return self.session.live_score()

    # ------------------------------------------------------------------ showing turns
    def show_turn(
        self, turn: Turn, live: bool = True, score: SessionScore | None = None
    ) -> AwaitMount:
        """Add a turn's bubbles; ``score`` (of the transcript including it) gives the tip."""
        convo = self.query_one("#convo", Conversation)
        widgets: list[Static] = []
        # What was typed and what the scenario says are values of the markup, never markup.
        if turn.event is not None:
            widgets.append(Bubble(plain(turn.text), classes="event"))
        elif turn.coded is not None:
            to = self.names.get(turn.addressed or "", turn.addressed or "")
            head = "[b]You[/b] [dim]→ $to[/dim]" if len(self.names) > 1 else "[b]You[/b]"
            widgets.append(Bubble(shown(head + "\n$text", to=to, text=turn.text), classes="you"))
            if self.coach:
                widgets.append(Bubble(self.chip(turn, score), classes="chip"))
        else:
            tag = ""
            if self.coach and turn.talk_type is not None and str(turn.talk_type) in TALK_LABEL:
                tag = f"  [dim]· {TALK_LABEL[str(turn.talk_type)]}[/dim]"
            said = shown(f"[b]$who[/b]{tag}\n$text", who=self.who(turn.speaker), text=turn.text)
            widgets.append(Bubble(said, classes="member"))
        return convo.add(widgets)

    def chip(self, turn: Turn, score: SessionScore | None = None) -> Content:
        from mi_trainer.coding.codes import CODE_LABELS

        codes = " + ".join(CODE_LABELS.get(c, str(c)) for c in turn.coded.codes) or "other"
        text = shown("[reverse] $codes [/reverse]", codes=codes)
        if turn.coded.reflects and turn.coded.reflects != "neutral":
            text += shown(" [dim]reflects $talk[/dim]", talk=turn.coded.reflects)
        tip = self.tip_for(turn.index, score)
        if tip:
            text += shown("\n[b]Tip[/b] ") + tip
        return text

    def tip_for(self, index: int, score: SessionScore | None = None) -> Content | None:
        if score is None:
            score = self.live_score()
        if score is None:
            return None
        for fb in score.feedback:
            if fb.turn_index == index:
                if fb.suggestion:
                    note = f"{fb.note}\n" if fb.note else ""
                    return shown(
                        "$note[b]Try[/b] “$suggestion”", note=note, suggestion=fb.suggestion
                    )
                return None
        return None

    def refresh_side(self, score: SessionScore | None = None) -> None:
        if score is None:
            score = self.live_score()
        if score is None:  # assessment mode: no live figures
            return
        lines = ["[b]Live counts[/b]"]
        for key, label in LIVE_FIGURES.items():
            fig = score.summary.get(key)
            if fig is None:
                continue
            rating = ""
            if fig.rating and fig.rating != "n/a":
                style = RATING_STYLE.get(fig.rating, "dim")
                rating = f" [{style}]{fig.rating}[/{style}]"
            lines.append(f"{label:<12} [b]{fig.display:>5}[/b]{rating}")
        c = score.client
        lines.append(f"{'Change talk':<12} [b]{c.change:>5}[/b]")
        lines.append(f"{'Sustain talk':<12} [b]{c.sustain:>5}[/b]")
        self.query_one("#counts", Static).update("\n".join(lines))
        hint = self.query_one("#hint", Static)
        if self.show_hint and self.session.addressed:
            st = self.session.state(self.session.addressed)
            feelings = "\n".join(
                f"{k}: {bar(st.get(k))}" for k in ("rapport", "openness", "readiness", "discord")
            )
            hint.update(
                shown(
                    "[b]$who[/b] [dim](hint)[/dim]\n$feelings\nstage: $stage",
                    who=self.who(self.session.addressed),
                    feelings=feelings,
                    stage=st.get("stage"),
                )
            )
        else:
            hint.update("[dim]Ctrl+T shows a hint of how they feel.[/dim]")

    # ------------------------------------------------------------------ input
    @on(Input.Changed, "#line")
    def _changed(self, event: Input.Changed) -> None:
        if not event.value and self._last_value:
            self.undo_text = self._last_value
        self._last_value = event.value

    @on(Input.Submitted, "#line")
    async def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.notify("Type something to say first.", severity="warning")
            return
        if self.session.finished:  # the box is disabled by then; a queued Enter changes nothing
            return
        addressed = None
        if self._to is not None and not text.startswith("@"):
            addressed = self._to.value
        try:
            step = self.session.say(text, addressed=addressed)
        except ValueError as err:
            self.notify(str(err), severity="warning", timeout=8)
            return
        except Exception as err:
            self.notify(f"That line could not be played: {err}", severity="error")
            return
        self.undo_text = text
        score = self.live_score()
        # One repaint with everything: the cleared input, the new bubbles (mounted before the
        # batch ends, so they are laid out in the same pass), the address and the live counts.
        with self.app.batch_update():
            event.input.value = ""
            self._last_value = ""
            for turn in step.turns:
                await self.show_turn(turn, score=score)
            self.sync_address()
            self.refresh_side(score)
        self.tell(step.problems)
        # Once the reply is on screen, take this turn's new objects out of the collector's
        # way too (milliseconds), so no full collection stalls a later reply.
        self.call_after_refresh(heap.settle)
        if step.finished:
            self.ended_note()

    def sync_address(self) -> None:
        if self._to is not None and self.session.addressed:
            with self.prevent(Select.Changed):
                self._to.value = self.session.addressed

    def tell(self, problems: tuple[str, ...]) -> None:
        """Saving problems: the practice goes on, the practitioner knows what was not kept."""
        for problem in problems:
            self.notify(problem, severity="error", timeout=10)

    def ended_note(self) -> None:
        """The session ended itself (a walk-out, the turn limit): keep it, say how to go on.

        The input is closed, so nothing more piles up in it, and the notice is given once.
        """
        line = self.query_one("#line", Input)
        line.value = ""
        line.placeholder = "The session has ended. Ctrl+E: your summary"
        line.disabled = True
        if self._to is not None:
            self._to.disabled = True
        self.tell(self.session.end().problems)
        self.notify("The session has ended. Press Ctrl+E to see your summary.")

    def show_summary(self, ending: Ending) -> None:
        debrief = self.session.scenario.debrief
        self.post_message(SummaryRequested(self.session.transcript, ending.score, debrief))

    # ------------------------------------------------------------------ actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_hint" and not self.coach:
            return False
        return not (action == "next_member" and len(self.session.members) < 2)

    def action_undo(self) -> None:
        if self.session.finished:
            return
        line = self.query_one("#line", Input)
        if self.undo_text:
            current = line.value
            line.value = self.undo_text
            line.cursor_position = len(line.value)
            self.undo_text = current
            line.focus()
        else:
            self.notify("Nothing to undo.")

    def action_toggle_hint(self) -> None:
        if not self.coach:
            self.notify("The inner-state hint is only shown in coach mode.")
            return
        self.show_hint = not self.show_hint
        self.refresh_side()

    def action_next_member(self) -> None:
        sel = self._to
        if sel is None:
            return
        ids = [m for m in self.session.present] or [m.id for m in self.session.members]
        current = sel.value if sel.value in ids else ids[0]
        sel.value = ids[(ids.index(current) + 1) % len(ids)]

    def action_end(self) -> None:
        if self.session.finished:
            self.show_summary(self.session.end())
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.end_now()

        self.app.push_screen(
            ConfirmScreen(
                "End this session and see your summary?", "End session (y)", "Keep going (n)"
            ),
            answer,
        )

    def end_now(self) -> None:
        """The practitioner ends the session: the family's closing lines, then the summary."""
        try:
            ending = self.session.end()
        except Exception as err:  # the engine failed closing: keep what there is
            self.notify(f"Could not end cleanly: {err}", severity="error")
            ending = self.session.close_incomplete()
        for turn in ending.turns:
            self.show_turn(turn)
        self.tell(ending.problems)
        self.show_summary(ending)


def bar(value: Any, width: int = 10) -> str:
    if not isinstance(value, int | float):
        return "?"
    filled = round(max(0.0, min(1.0, float(value))) * width)
    return "█" * filled + "░" * (width - filled)
