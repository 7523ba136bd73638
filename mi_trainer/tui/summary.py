"""Summary screen: scores with thresholds, estimated globals, feedback, talk plot, export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Button,
    Footer,
    Header,
    Input,
    Label,
    Static,
    TabbedContent,
    TabPane,
)

from mi_trainer.scoring.figures import rounded, thresholds
from mi_trainer.tui.common import ConfirmScreen, TrainerScreen, plain, shown, spark
from mi_trainer.wording import plural

FIGURE_ORDER = ("r_to_q", "pct_open", "pct_complex", "adherent", "non_adherent")
RATING_STYLE = {"good": "green", "fair": "yellow", "below fair": "red"}


def _threshold(fair: float | None, good: float | None, key: str) -> str:
    return thresholds(key, fair, good, separator=" · ", missing="")


def _figure_line(label: str, display: str, rating: str | None = None, th: str = "") -> Content:
    """One figure: its label, value, rating (coloured) and thresholds (dim)."""
    line = shown("  $label [b]$display[/b]  ", label=f"{label:<26}", display=f"{display:>7}")
    if rating:
        style = RATING_STYLE.get(rating, "dim")
        line += shown(f"[{style}]$rating[/{style}]", rating=rating)
    return line + (shown("  [dim]$th[/dim]", th=th) if th else "")


def talk_plot(transcript: Any, width: int = 60) -> str:
    """Change and sustain talk across the session, one column per family-member line."""
    from mi_trainer.transcript import PRACTITIONER

    marks = {"change": "▲", "sustain": "▼", "discord": "✕", "disclosure": "!"}
    timeline = []
    change: list[float | None] = []
    sustain: list[float | None] = []
    c = s = 0
    for turn in transcript.turns:
        if turn.speaker == PRACTITIONER or turn.event is not None or turn.talk_type is None:
            continue
        kind = str(turn.talk_type)
        c += kind == "change"
        s += kind == "sustain"
        timeline.append(marks.get(kind, "·"))
        change.append(float(c))
        sustain.append(float(s))
    if not timeline:
        return "[dim]No family-member lines yet.[/dim]"
    step = max(1, -(-len(timeline) // width))
    timeline, change, sustain = timeline[::step], change[::step], sustain[::step]
    top = max(c, s, 1)
    return "\n".join(
        [
            f"[green]Change talk  {spark(change, top)}[/green] {c}",
            f"[red]Sustain talk {spark(sustain, top)}[/red] {s}",
            f"Each line    {''.join(timeline)}",
            "[dim]▲ change · ▼ sustain · ✕ discord · ! disclosure · · neutral "
            "(running totals above)[/dim]",
        ]
    )


def summary_text(transcript: Any, score: Any) -> Content:
    # A missed disclosure comes first, whatever the score (scoring/safeguarding.py).
    headline = getattr(score, "headline", None)
    lines: list[Content | str] = []
    if headline:
        lines += [shown("[b red]$headline[/b red]", headline=headline), ""]
    lines.append(
        shown(
            f"[b]Overall {score.overall:.0f}/100[/b]  "
            f"[dim]({plural(score.practitioner_turns, 'turn')})[/dim]"
        )
    )
    safeguarding = getattr(score, "safeguarding", None)
    credit = safeguarding.lines(score.names)[1 if headline else 0 :] if safeguarding else []
    if credit:
        lines += ["", shown("[b]Safeguarding[/b]")] + [f"  {c}" for c in credit]
    lines += ["", shown("[b]Your practice[/b]")]
    for key in FIGURE_ORDER:
        fig = score.summary.get(key)
        if fig is None:
            continue
        th = _threshold(fig.fair, fig.good, key)
        lines.append(_figure_line(fig.label, fig.display, fig.rating, th))
    cl = score.client
    pct = rounded("pct_change_talk", cl.pct_change, missing="n/a")
    counts = f"{cl.change} change · {cl.sustain} sustain · {cl.discord} discord · {pct} change"
    if cl.direction != "n/a":
        counts += f" · {cl.direction}"
    lines += [
        "",
        shown("[b]Change talk and sustain talk[/b]  [dim]$counts[/dim]", counts=counts),
        shown(talk_plot(transcript)),
    ]
    lines += ["", shown(f"[b]Estimated global ratings[/b] {ESTIMATES}")]
    for g in score.globals.values():
        lines.append(_figure_line(g.label, g.display, g.rating, _threshold(g.fair, g.good, g.key)))
        lines += [_basis_line(basis) for basis in g.basis]
    lens = getattr(score, "lens", None) or {}
    if lens:
        lines += ["", shown(f"[b]Child-protection lens[/b] {ESTIMATES}")]
        for g in lens.values():
            lines.append(_figure_line(g.label, g.display).rstrip())
            lines += [_basis_line(basis) for basis in g.basis]
    return Content("\n").join(lines)


ESTIMATES = "[dim](estimates from the words alone)[/dim]"


def _basis_line(basis: str) -> Content:
    return shown("      [dim]· $basis[/dim]", basis=basis)


def feedback_text(transcript: Any, score: Any) -> Content:
    from mi_trainer.coding.codes import CODE_LABELS

    by_index = {t.index: t for t in transcript.turns}
    out: list[Content | str] = [shown("[b]Turn by turn[/b]")]
    if not score.feedback:
        out.append(shown("[dim]No practitioner turns to comment on.[/dim]"))
    for fb in score.feedback:
        turn = by_index.get(fb.turn_index)
        out.append(
            shown(
                f"\n[b]{fb.turn_index}.[/b] “$said”  [reverse] $label [/reverse]",
                said=turn.text if turn is not None else "",
                label=CODE_LABELS.get(fb.code, str(fb.code)),
            )
        )
        if fb.note:
            out.append(f"   {fb.note}")
        if fb.suggestion:
            out.append(shown("   [green]Try:[/green] “$suggestion”", suggestion=fb.suggestion))
    return Content("\n").join(out)


class SummaryScreen(TrainerScreen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+left", "tab(-1)", "Prev tab", show=False),
        Binding("ctrl+right", "tab(1)", "Next tab", show=False),
        Binding("ctrl+n", "app.new_session", "New session", priority=True),
        Binding("f2", "app.history", "History"),
        Binding("f1", "app.help", "Help"),
    ]

    DEFAULT_CSS = """
    SummaryScreen #body { height: 1fr; }
    SummaryScreen TabPane { padding: 0 1; }
    SummaryScreen #export { height: auto; dock: bottom; padding: 0 1; }
    SummaryScreen #export Label { padding: 1 1 0 0; }
    SummaryScreen #path { width: 1fr; }
    SummaryScreen #export Button { min-width: 8; margin-left: 1; }
    """

    def __init__(
        self, transcript: Any, score: Any, review: bool = False, debrief: str | None = None
    ) -> None:
        super().__init__()
        self.debrief = debrief
        self.transcript = transcript
        self.score = score
        self.review = review

    def compose(self) -> ComposeResult:
        from mi_trainer.tui.services import default_export_dir

        yield Header()
        with TabbedContent(id="body"):
            with TabPane("Scores", id="tab-scores"), VerticalScroll():
                yield Static(summary_text(self.transcript, self.score), id="scores")
            with TabPane("Turn by turn", id="tab-feedback"), VerticalScroll():
                yield Static(feedback_text(self.transcript, self.score), id="feedback")
            with TabPane("Transcript", id="tab-transcript"), VerticalScroll():
                yield Static(transcript_text(self.transcript), id="transcript")
            if self.debrief:
                with TabPane("Debrief", id="tab-debrief"), VerticalScroll():
                    yield Static(plain(self.debrief.strip()), id="debrief")
        with Horizontal(id="export"):
            if self.app.is_web:  # served: the file goes to the browser, not the server's disk
                yield Label("Download as")
            else:
                yield Label("Export to")
                yield Input(str(self.trainer.export_folder() or default_export_dir()), id="path")
            yield Button("Markdown", id="md")
            yield Button("HTML", id="html")
            yield Button("JSON", id="json")
        yield Footer()

    def on_mount(self) -> None:
        t = self.transcript
        self.title = (
            f"{'Review' if self.review else 'Summary'}: {t.scenario_title or t.scenario_id}"
        )
        who = t.practitioner or "practitioner"
        self.sub_title = f"{who} · {(t.started_at or '')[:10]} · {t.mode or ''}"
        self.query_one("#tab-scores VerticalScroll").focus()

    @on(Button.Pressed)
    def _export(self, event: Button.Pressed) -> None:
        self.export(str(event.button.id))

    def export(self, fmt: str) -> Path | None:
        """Write the report; a file that is already there is replaced only when confirmed."""
        from mi_trainer.tui.services import export_target

        if self.app.is_web:
            self.trainer.services.download(self.app, fmt, self.transcript, self.score)
            self.notify("Your browser is downloading the file.", title="Exported")
            return None
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self.notify("Type a folder or file to export to.", severity="warning")
            return None
        target = export_target(fmt, raw, self.transcript)
        if target.exists():

            def answer(replace: bool | None) -> None:
                if replace:
                    self._write(fmt, target)
                else:
                    self.notify(
                        f"Not exported: {target.name} is kept as it was. Type another name "
                        "or folder to export to.",
                        title="Not replaced",
                    )

            self.app.push_screen(
                ConfirmScreen(
                    f"{target.name} already exists in {target.parent}. Replace it?",
                    "Replace (y)",
                    "Keep it (n)",
                ),
                answer,
            )
            return None
        return self._write(fmt, target)

    def _write(self, fmt: str, target: Path) -> Path | None:
        from mi_trainer.tui.services import ServiceError

        try:
            written = self.trainer.services.export(fmt, target, self.transcript, self.score)
        except ServiceError as err:
            self.notify(str(err), title="Export failed", severity="error", timeout=10)
            return None
        self.trainer.remember_export_folder(written.parent)
        self.notify(f"Saved {written}", title="Exported")
        return written

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        ids = ["tab-scores", "tab-feedback", "tab-transcript"]
        if self.debrief:
            ids.append("tab-debrief")
        current = ids.index(tabs.active) if tabs.active in ids else 0
        tabs.active = ids[(current + step) % len(ids)]
        self.query_one(f"#{tabs.active} VerticalScroll").focus()

    def action_back(self) -> None:
        self.app.pop_screen()


def transcript_text(transcript: Any) -> Content:
    from mi_trainer.transcript import PRACTITIONER

    names = dict(transcript.members)
    out = []
    for turn in transcript.turns:
        if turn.event is not None:
            out.append(shown("[dim]   $text[/dim]", text=turn.text))
        elif turn.speaker == PRACTITIONER:
            code = f" [dim]({turn.coded.code})[/dim]" if turn.coded is not None else ""
            out.append(shown(f"[b]{turn.index:>3} You:[/b] $text{code}", text=turn.text))
        else:
            talk = f" [dim]({turn.talk_type})[/dim]" if turn.talk_type else ""
            name = names.get(turn.speaker, turn.speaker)
            out.append(
                shown(f"[b]{turn.index:>3} $name:[/b] $text{talk}", name=name, text=turn.text)
            )
    return Content("\n").join(out)
