"""Help: key bindings and a one-screen MI reference."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown

HELP = """\
## Keys
| Where | Key | What it does |
|---|---|---|
| Everywhere | Tab / Shift+Tab | move between fields |
| Everywhere | Ctrl+P | command palette (all main actions) |
| Everywhere | F1 | this help · Ctrl+Q quits |
| Start | ↑ ↓ Enter | choose a scenario and start (or Ctrl+S) |
| Start | F2 / F3 | history · check a scenario file |
| Session | Enter | say the line · `@name` speaks to one person |
| Session | Ctrl+N | speak to the next person (family scenes) |
| Session | Ctrl+Z | undo: bring back the text you cleared or sent |
| Session | Ctrl+T | coach mode: hint of how the person feels |
| Session | Ctrl+E | end the session (asks first) |
| Summary | Ctrl+N · Esc | new session · back |
| History | Enter · Esc | open the session · back |

## Motivational interviewing in one screen
**Spirit**: partnership, acceptance (autonomy), compassion, evocation.
**Processes**: engaging, focusing, evoking, planning.
**OARS**: Open questions, Affirmations, Reflections, Summaries.

| Code | Example |
|---|---|
| open question | "What would a good week look like for you and the kids?" |
| closed question | "Did you drink last night?" |
| simple reflection | "You've had the school on the phone twice this week." |
| complex reflection | "Part of you is angry at us, and part of you is scared of losing them." |
| affirm | "You got both kids to school every day, even after that night." |
| seeking collaboration | "Would it be OK if we looked at the safety plan together?" |
| emphasising autonomy | "You know your family best; it's your call how to start." |
| persuade / confront | advice without permission, warnings, labels: MI non-adherent |

| Summary score | fair | good |
|---|---|---|
| reflections : questions | 1:1 | 2:1 |
| % complex reflections | 40% | 50% |
| % open questions | 50% | 70% |
| Technical (CCT + SST) / 2 | 3.0 | 4.0 |
| Relational (Partnership + Empathy) / 2 | 3.5 | 4.0 |

**Change talk** (desire, ability, reasons, need; commitment, activation, taking steps) is the
person's own case for change: reflect it. **Sustain talk** is the case against; **discord** is
friction between you: step back, reflect, emphasise their choice. Avoid the righting reflex.
"""


class HelpScreen(Screen[None]):
    BINDINGS = [Binding("escape,f1,q", "app.pop_screen", "Close help")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Markdown(HELP)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Help"
        self.sub_title = "Keys and MI reference"
        self.query_one(VerticalScroll).focus()
