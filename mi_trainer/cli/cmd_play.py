"""`mi-trainer play`: play a scenario from a script of practitioner lines, without the app."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mi_trainer.cli.errors import UserError
from mi_trainer.safe_text import json_for_terminal, visible_controls

if TYPE_CHECKING:
    from mi_trainer.practice import PracticeSession, UtteranceCoder
    from mi_trainer.scenarios import Scenario

HELP = "Play a scenario from a script of practitioner lines, without the app."
DESCRIPTION = """\
Runs a session headless and prints the transcript with codes, talk types and state.

The script has one practitioner line per line. Start a line with @name to speak
to one family member (default: whoever spoke last). Blank lines and lines
starting with '#' are skipped; a line '/end' ends the session (the family's
closing lines follow). The same scenario, seed and script always give the same
output.

example:
  mi-trainer play mum-drinking-school-concerns --script lines.txt --seed 7
  mi-trainer play my-scenario.yaml --script lines.txt --json
"""

END_COMMAND = "/end"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("play", help=HELP, description=DESCRIPTION)
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario file or bundled id")
    parser.add_argument(
        "--script", required=True, metavar="FILE", help="practitioner lines, one per line"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def read_script(path: Path) -> list[tuple[int, str]]:
    """(line number, text) for every line to play; blank and '#' lines skipped."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"script file not found: {path}") from None
    except IsADirectoryError:
        raise UserError(f"script {path} is a folder; give a text file of lines") from None
    except OSError as err:
        raise UserError(f"cannot read script {path}: {err.strerror or err}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UserError(
            f"{path}: not UTF-8 text (byte {err.start}); save the script as UTF-8"
        ) from None
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("/") and stripped.split()[0].lower() != END_COMMAND:
            word = visible_controls(stripped.split()[0])
            raise UserError(
                f"{path}:{number}: unknown command '{word}' (the only command is {END_COMMAND})"
            )
        lines.append((number, stripped))
    return lines


def play(
    scenario: Scenario,
    coder: UtteranceCoder,
    lines: list[tuple[int, str]],
    seed: int,
    script: Path,
) -> PracticeSession:
    """Run the script; returns the session. A bad line is a UserError naming file:line.

    Nothing is stored; a script that stops before the session ends leaves it incomplete.
    """
    from mi_trainer.practice import PracticeError, PracticeSession
    from mi_trainer.simulation import MemberAbsent

    try:
        session = PracticeSession.start(scenario, coder, seed=seed, clock=lambda: None)
    except PracticeError as err:
        raise UserError(str(err)) from None
    for position, (number, text) in enumerate(lines):
        if session.finished:
            left = len(lines) - position
            _note(
                f"the session ended ({session.end_reason}) before line "
                f"{number}; {left} script line{'s' if left != 1 else ''} not played."
            )
            break
        if text.lower() == END_COMMAND:
            session.end()
            continue
        try:
            session.say(text)
        except MemberAbsent as err:
            # A line to someone who has walked out: say so and play on (as in the app).
            _note(f"{script}:{number}: {err} Line not played.")
        except ValueError as err:
            raise UserError(f"{script}:{number}: {err}") from None
    if not session.finished:
        session.close_incomplete()
    return session


def run(args: argparse.Namespace) -> int:
    from mi_trainer.simulation.loading import PlayError, load_for_play, make_coder

    script = Path(args.script)
    lines = read_script(script)
    try:
        scenario = load_for_play(args.scenario)
        coder = make_coder()
    except PlayError as err:
        for detail in err.details:
            print(detail, file=sys.stderr)
        raise UserError(err.message) from None
    session = play(scenario, coder, lines, args.seed, script)
    transcript = session.transcript
    if args.json:
        text = json.dumps(transcript_json(transcript), indent=2, ensure_ascii=False)
        _emit(json_for_terminal(text) + "\n")  # the same JSON value, no raw controls
    else:
        _emit(visible_controls(render_text(transcript)))
    return 0


def _note(text: str) -> None:
    """A note on stderr; the script's words in it show their control characters visibly."""
    print(f"mi-trainer: note: {visible_controls(text)}", file=sys.stderr)


def _emit(text: str) -> None:
    """Write to stdout; a terminal that cannot show a character gets a '?' instead.

    Script lines and scenario text reach it with their control characters made visible
    (``safe_text``): an escape sequence in a script is shown, never obeyed by the terminal.
    """
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        encoding = sys.stdout.encoding or "ascii"
        sys.stdout.write(text.encode(encoding, errors="replace").decode(encoding))


def transcript_json(transcript: Any) -> dict[str, Any]:
    """The --json shape: run details, then every turn (codes / talk type / state after)."""
    return {
        "scenario_id": transcript.scenario_id,
        "scenario_title": transcript.scenario_title,
        "scenario_hash": transcript.scenario_hash,
        "seed": transcript.seed,
        "coder_version": transcript.coder_version,
        "end_reason": transcript.end_reason,
        "members": dict(transcript.members),
        "turns": [turn.to_dict() for turn in transcript.turns],
    }


def _state(state: dict[str, Any] | None) -> str:
    if not state:
        return ""
    text = (
        f"rapport {state['rapport']:.2f} · openness {state['openness']:.2f} · "
        f"readiness {state['readiness']:.2f} · discord {state['discord']:.2f} · {state['stage']}"
    )
    if state.get("disclosed"):
        text += f" · disclosed: {', '.join(state['disclosed'])}"
    return text


def render_text(transcript: Any) -> str:
    """A readable transcript: one block per turn with codes, talk type and state."""
    from mi_trainer.coding.codes import CODE_LABELS

    names = dict(transcript.members)
    out = [
        f"{transcript.scenario_title} [{transcript.scenario_id}] · seed {transcript.seed}",
        "",
    ]
    for turn in transcript.turns:
        if turn.event is not None:
            out.append(f"{turn.index:>3}  ** {turn.text} [{turn.event}]")
            continue
        if turn.coded is not None:
            to = names.get(turn.addressed or "", turn.addressed)
            out.append(f"{turn.index:>3}  You → {to}: {turn.text}")
            labels = " + ".join(CODE_LABELS.get(c, str(c)) for c in turn.coded.codes)
            reflects = f" · reflects {turn.coded.reflects}" if turn.coded.reflects else ""
            out.append(f"       [{turn.coded.code}] {labels}{reflects}")
            out.append(f"       {to}: {_state(turn.state_after)}")
            continue
        name = names.get(turn.speaker, turn.speaker)
        out.append(f"{turn.index:>3}  {name}: {turn.text}")
        talk = str(turn.talk_type) if turn.talk_type else "neutral"
        if turn.subtype:
            talk += f" ({turn.subtype})"
        out.append(f"       [{talk}] {_state(turn.state_after)}")
    out.append("")
    out.append(f"End: {transcript.end_reason}")
    return "\n".join(out) + "\n"
