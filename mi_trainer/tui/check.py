"""Scenario check for trainers: choose or type a YAML file, see its problems, preview, play."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, DirectoryTree, Footer, Header, Input, Label, Static

from mi_trainer.tui.common import TrainerScreen, plain, shown
from mi_trainer.tui.messages import PracticeRequested
from mi_trainer.tui.start import preview_text
from mi_trainer.wording import plural

YAML_SUFFIXES = (".yaml", ".yml")
SKIPPED_FOLDERS = {"__pycache__", "node_modules"}
START_TEXT = (
    "Choose a scenario file on the left (↑ ↓, Enter opens a folder or checks a file; "
    "Backspace goes up a folder), or type its path above and press Enter."
)


def shown_path(path: Path) -> str:
    """A path as a person would type it: relative to here, else to home, else absolute."""
    path = path.expanduser().resolve()
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            rel = path.relative_to(base.resolve())
        except ValueError:
            continue
        return prefix + str(rel) if str(rel) != "." else (prefix.rstrip("/") or ".")
    return str(path)


def _safe_is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


class ScenarioFiles(DirectoryTree):
    """Folders and YAML files only (hidden ones left out), the root shown as a typed path."""

    BINDINGS = [
        Binding("backspace", "up", "Up a folder"),
        Binding("tab", "to_path", "Type a path", show=False),
    ]

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        for path in paths:
            if path.name.startswith(".") or path.name in SKIPPED_FOLDERS:
                continue
            if self._safe_is_dir(path) or (
                path.suffix.lower() in YAML_SUFFIXES and _safe_is_file(path)
            ):
                yield path

    def __init__(self, path: str | Path, *, id: str | None = None) -> None:
        super().__init__(path, id=id)
        self.came_from: Path | None = None
        self.root.set_label(shown_path(Path(path)))

    def reset_node(self, node: Any, label: Any, data: Any = None) -> Any:
        if node is self.root and data is not None:
            label = shown_path(data.path)  # where we are, not just the folder's name
        return super().reset_node(node, label, data)

    def action_to_path(self) -> None:
        """One Tab from the files reaches the path box (not the results pane first)."""
        self.screen.query_one("#file", Input).focus()

    def action_up(self) -> None:
        here = Path(self.path).expanduser().resolve()
        if here.parent != here:
            self.came_from = here
            self.path = here.parent

    async def watch_path(self) -> None:
        await super().watch_path()
        # After going up a folder, the cursor is on the folder we came from.
        came_from, self.came_from = self.came_from, None
        for node in self.root.children:
            if came_from is not None and node.data is not None and node.data.path == came_from:
                self.move_cursor(node, animate=False)


class CheckScreen(TrainerScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("f5", "play", "Play it"),
        Binding("f1", "app.help", "Help"),
    ]

    DEFAULT_CSS = """
    CheckScreen #open { height: auto; padding: 0 1; }
    CheckScreen #open Label { padding: 1 1 0 0; }
    CheckScreen #file { width: 1fr; }
    CheckScreen #files {
        width: 50%; min-width: 30; max-width: 48; height: 1fr; border-right: vkey $primary;
    }
    CheckScreen #out { width: 1fr; padding: 0 1; }
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
        with Horizontal():
            yield ScenarioFiles(self.start_folder(), id="files")
            with VerticalScroll(id="out"):
                yield Static(START_TEXT, id="result")
        yield Footer()

    def start_folder(self) -> Path:
        """The folder of the file given, else the scenarios in use, else here."""
        if self.path:
            given = Path(self.path).expanduser()
            if given.parent.is_dir():
                return given.parent
        root = self.trainer.services.scenarios_root()
        return root if root.is_dir() else Path.cwd()

    def on_mount(self) -> None:
        self.title = "Scenario check"
        self.sub_title = "For trainers writing scenarios"
        if self.path:
            self.query_one("#file", Input).focus()
            self.check()
        else:
            self.query_one("#files", ScenarioFiles).focus()

    @on(DirectoryTree.FileSelected, "#files")
    def _chosen(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#file", Input).value = shown_path(event.path)
        self.check()

    @on(Input.Submitted, "#file")
    @on(Button.Pressed, "#check")
    def check(self) -> None:
        from mi_trainer.tui.services import ServiceError

        services = self.trainer.services
        raw = self.query_one("#file", Input).value.strip()
        self.scenario = None
        self.query_one("#play", Button).disabled = True
        result = self.query_one("#result", Static)
        if not raw:
            self.notify("Choose a scenario .yaml file, or type its path.", severity="warning")
            return
        if Path(raw).expanduser().is_dir():
            self.query_one("#files", ScenarioFiles).path = Path(raw).expanduser()
            self.query_one("#files", ScenarioFiles).focus()
            result.update(plain(f"Showing {raw}: choose a scenario file in it."))
            return
        try:
            diagnostics = services.validate(raw)
        except ServiceError as err:
            result.update(plain(str(err)))
            self.notify(str(err), severity="error")
            return
        errors = [d for d in diagnostics if d.level == "error"]
        warnings = [d for d in diagnostics if d.level != "error"]
        lines: list[Content | str] = []
        if errors:
            lines.append(shown(f"[b red]{plural(len(errors), 'error')}[/b red]"))
            lines += [_problem(d, "red") for d in errors]
            if any(d.stops for d in errors):
                from mi_trainer.scenarios.diagnostics import STOPPED

                lines.append(shown("  [dim]$stopped[/dim]", stopped=STOPPED.format(where="")))
        if warnings:
            lines.append(shown(f"[b yellow]{plural(len(warnings), 'warning')}[/b yellow]"))
            lines += [_problem(d, "yellow") for d in warnings]
        if not errors:
            try:
                self.scenario = services.load_scenario(Path(raw).expanduser())
            except ServiceError as err:
                lines.append(shown("[red]$error[/red]", error=err))
        if self.scenario is not None:
            lines.insert(0, shown("[b green]No errors: ready to play (F5).[/b green]"))
            lines += ["", preview_text(self.scenario)]
            self.query_one("#play", Button).disabled = False
        else:
            self.notify("The scenario has errors; fix them and check again.", severity="warning")
        result.update(Content("\n").join(lines))
        self.query_one("#out", VerticalScroll).scroll_home(animate=False)

    @on(Button.Pressed, "#play")
    def _play(self) -> None:
        self.action_play()

    def action_play(self) -> None:
        if self.scenario is None:
            self.notify("Check a scenario without errors first.", severity="warning")
            return
        prefs = self.trainer.preferences
        self.post_message(
            PracticeRequested(self.scenario, prefs.name, prefs.team, prefs.mode, test_play=True)
        )


def _problem(diagnostic: Any, style: str) -> Content:
    """One problem of a scenario file: where (coloured), then its message as written."""
    where = f"[{style}]line {diagnostic.line}:{diagnostic.col}[/{style}]"
    return shown(f"  {where} $message", message=diagnostic.message)
