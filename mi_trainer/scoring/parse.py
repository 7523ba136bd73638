"""Read a transcript to score: plain text with speaker labels, or a JSON/JSONL session export.

Plain text: each turn starts with a speaker label, ``P:`` / ``C:`` or ``practitioner:`` /
``client:`` (any case; also ``worker:``, ``social worker:``, ``sw:``, ``parent:``). A line without
a label continues the previous turn; blank lines are ignored; lines starting with ``#`` are
comments. JSON: one object in the shape of ``Transcript.to_dict()`` (turns may omit codes);
JSONL: one turn object per line, or a first line holding the session header.

Errors are :class:`TranscriptFileError` with ``file:line: message`` and a hint, never a trace.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mi_trainer.transcript import PRACTITIONER, Transcript, Turn

CLIENT = "client"

_LABEL = re.compile(
    r"^\s*(?P<label>p|c|practitioner|client|worker|social\s+worker|sw|parent|carer|"
    r"therapist|counsellor|counselor|t)\s*[:：]\s?(?P<text>.*)$",
    re.IGNORECASE,
)
_PRACTITIONER_LABELS = {
    "p",
    "practitioner",
    "worker",
    "social worker",
    "sw",
    "therapist",
    "counsellor",
    "counselor",
    "t",
}


class TranscriptFileError(ValueError):
    """A transcript file the user must fix; ``str()`` is ``file:line: message``."""


def _err(path: Path | str, line: int | None, message: str) -> TranscriptFileError:
    where = f"{path}:{line}" if line is not None else f"{path}"
    return TranscriptFileError(f"{where}: {message}")


def parse_text(text: str, source: str = "<text>") -> Transcript:
    """Parse labelled plain text into uncoded turns (speakers 'practitioner' and 'client')."""
    turns: list[Turn] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LABEL.match(line)
        if match:
            label = re.sub(r"\s+", " ", match.group("label").lower())
            speaker = PRACTITIONER if label in _PRACTITIONER_LABELS else CLIENT
            body = match.group("text").strip()
            turns.append(Turn(len(turns), speaker, body))
            continue
        if not turns:
            raise _err(
                source,
                number,
                "the first line has no speaker label; start each turn with 'P:' "
                "(practitioner) or 'C:' (client)",
            )
        last = turns[-1]
        last.text = f"{last.text} {line}".strip()
    turns = [t for t in turns if t.text]
    for i, t in enumerate(turns):
        t.index = i
    if not turns:
        raise _err(source, None, "no turns found; write lines like 'P: How are things?'")
    return Transcript(turns=turns, members={CLIENT: "Client"})


def _turn_from(data: Any, source: str, line: int | None, index: int) -> Turn:
    if not isinstance(data, dict):
        raise _err(source, line, "each turn must be a JSON object with 'speaker' and 'text'")
    if "speaker" not in data or "text" not in data:
        raise _err(source, line, "a turn needs 'speaker' and 'text'")
    data = dict(data)
    data.setdefault("index", index)
    try:
        return Turn.from_dict(data)
    except (KeyError, ValueError, TypeError) as exc:
        raise _err(source, line, f"bad turn ({exc})") from exc


def _transcript_from(data: dict[str, Any], source: str, line: int | None) -> Transcript:
    turns = data.get("turns")
    if not isinstance(turns, list):
        raise _err(source, line, "a session export needs a 'turns' list")
    header = {k: v for k, v in data.items() if k != "turns"}
    try:
        transcript = Transcript.from_dict({**header, "turns": []})
    except (KeyError, ValueError, TypeError) as exc:
        raise _err(source, line, f"bad session header ({exc})") from exc
    transcript.turns = [_turn_from(t, source, line, i) for i, t in enumerate(turns)]
    return transcript


def parse_json(text: str, source: str = "<json>") -> Transcript:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _err(source, exc.lineno, f"not valid JSON ({exc.msg}, column {exc.colno})") from exc
    if isinstance(data, list):
        return Transcript(turns=[_turn_from(t, source, None, i) for i, t in enumerate(data)])
    if not isinstance(data, dict):
        raise _err(source, 1, "expected a session object (the shape of a session export)")
    return _transcript_from(data, source, 1)


def parse_jsonl(text: str, source: str = "<jsonl>") -> Transcript:
    transcript = Transcript()
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise _err(source, number, f"not valid JSON ({exc.msg}, column {exc.colno})") from exc
        if isinstance(data, dict) and "turns" in data:
            session = _transcript_from(data, source, number)
            session.turns = transcript.turns + session.turns
            transcript = session
        elif isinstance(data, dict) and "speaker" not in data and "text" not in data:
            # A header line without turns.
            header = Transcript.from_dict({**data, "turns": []})
            header.turns = transcript.turns
            transcript = header
        else:
            transcript.turns.append(_turn_from(data, source, number, len(transcript.turns)))
    if not transcript.turns:
        raise _err(source, None, "no turns found in the JSONL file")
    return transcript


def read_transcript(path: Path) -> Transcript:
    """Read a transcript file by its content: JSON / JSONL when it starts with '{' or '['."""
    if not path.exists():
        raise _err(path, None, "no such file")
    if path.is_dir():
        raise _err(path, None, "is a folder; give a transcript file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _err(path, None, f"not UTF-8 text ({exc.reason}); save it as UTF-8") from exc
    except OSError as exc:
        raise _err(path, None, f"cannot be read ({exc.strerror})") from exc
    if not text.strip():
        raise _err(path, None, "the file is empty; write lines like 'P: How are things?'")
    stripped = text.lstrip()
    if path.suffix.lower() == ".jsonl":
        return parse_jsonl(text, str(path))
    if stripped.startswith("["):
        return parse_json(text, str(path))
    if stripped.startswith("{"):
        first = stripped.splitlines()[0].strip()
        if len(stripped.splitlines()) > 1 and first.endswith("}"):
            try:
                json.loads(first)
                return parse_jsonl(text, str(path))
            except json.JSONDecodeError:
                pass
        return parse_json(text, str(path))
    return parse_text(text, str(path))


def code_transcript(transcript: Transcript, coder: Any = None, talk_coder: Any = None) -> None:
    """Code practitioner turns (with the previous client line) and client turns in place.

    Turns already coded (a session export) keep their codes; ``coder`` / ``talk_coder`` are
    built when needed.
    """
    previous_client: str | None = None
    for turn in transcript.turns:
        if turn.event is not None:
            continue
        if turn.is_practitioner:
            if turn.coded is None:
                if coder is None:
                    from mi_trainer.coding.coder import Coder

                    coder = Coder()
                turn.coded = coder.code(turn.text, previous_client)
        else:
            if turn.talk_type is None:
                if talk_coder is None:
                    from mi_trainer.coding.client_talk import ClientTalkCoder

                    talk_coder = ClientTalkCoder()
                turn.talk_type, _cues = talk_coder.classify(turn.text)
            previous_client = turn.text
    if coder is not None and transcript.coder_version is None:
        from mi_trainer.coding.coder import CODER_VERSION

        transcript.coder_version = CODER_VERSION
