"""Read a transcript to score: plain text with speaker labels, or a JSON/JSONL session export.

Plain text: each turn starts with a speaker label, ``P:`` / ``C:`` or ``practitioner:`` /
``client:`` (any case; also ``worker:``, ``social worker:``, ``sw:``, ``parent:``). A line without
a label continues the previous turn; blank lines are ignored; lines starting with ``#`` are
comments. JSON: one object in the shape of ``Transcript.to_dict()`` (turns may omit codes);
JSONL: one turn object per line, or a first line holding the session header, or
``mi-trainer export`` records (one session a line; pick one with ``session_id``).

Errors are :class:`TranscriptFileError` with ``file:line: message`` and a hint, never a trace.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mi_trainer import safe_json
from mi_trainer.transcript import PRACTITIONER, Transcript, Turn
from mi_trainer.transcript_model import (
    RecordError,
    index_problem,
    transcript_from_data,
    turn_from_data,
)

CLIENT = "client"

# Limits that keep `score` to seconds (documented in docs/scoring.md): a long role-play or a
# recorded hour of practice is a few hundred turns and well under 100,000 characters.
MAX_FILE_BYTES = 64 * 10**6  # a JSONL export may hold many sessions; one is chosen
MAX_TURNS = 3_000
MAX_TEXT_CHARS = 600_000

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
    continued: list[list[str]] = []  # each turn's lines, joined once at the end (linear time)
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
            continued.append([body])
            continue
        if not turns:
            raise _err(
                source,
                number,
                "the first line has no speaker label; start each turn with 'P:' "
                "(practitioner) or 'C:' (client)",
            )
        continued[-1].append(line)
    for turn, lines in zip(turns, continued, strict=True):
        turn.text = " ".join(part for part in lines if part)
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
        return turn_from_data(data, f"turns[{index}]")
    except RecordError as exc:
        raise _err(source, line, f"bad turn ({exc})") from None


def _transcript_from(data: dict[str, Any], source: str, line: int | None) -> Transcript:
    turns = data.get("turns")
    if not isinstance(turns, list):
        raise _err(source, line, "a session export needs a 'turns' list")
    transcript = _header(data, source, line)
    transcript.turns = [_turn_from(t, source, line, i) for i, t in enumerate(turns)]
    return transcript


def _header(data: dict[str, Any], source: str, line: int | None) -> Transcript:
    """The session header (everything but the turns), checked."""
    header = {k: v for k, v in data.items() if k != "turns"}
    try:
        return transcript_from_data({**header, "turns": []})
    except RecordError as exc:
        raise _err(source, line, f"bad session header ({exc})") from None


def _loads(text: str, source: str, first_line: int = 1) -> Any:
    try:
        return safe_json.loads(text)
    except safe_json.JSONInputError as exc:
        raise _err(source, first_line + exc.line - 1, exc.message) from None


def _choose(
    sessions: list[tuple[int | None, Transcript]], source: str, session_id: str | None
) -> Transcript:
    """One session out of an export: the only one, or the one whose id starts with session_id."""
    if session_id:
        found = [t for _, t in sessions if (t.session_id or "").startswith(session_id)]
        if len(found) == 1:
            return found[0]
        what = "no session" if not found else f"{len(found)} sessions"
        raise _err(source, None, f"{what} with an id starting {session_id!r}")
    if len(sessions) == 1:
        return sessions[0][1]
    ids = ", ".join((t.session_id or f"line {line}")[:12] for line, t in sessions[:8])
    raise _err(
        source,
        None,
        f"holds {len(sessions)} sessions; choose one with --session ID (ids: {ids}"
        + (", …)" if len(sessions) > 8 else ")"),
    )


def parse_json(text: str, source: str = "<json>", session_id: str | None = None) -> Transcript:
    data = _loads(text, source)
    if isinstance(data, list):
        if data and all(isinstance(d, dict) and "session" in d for d in data):
            sessions = [(None, _record(d, source, None)) for d in data]
            return _choose(sessions, source, session_id)
        return Transcript(turns=[_turn_from(t, source, None, i) for i, t in enumerate(data)])
    if not isinstance(data, dict):
        raise _err(source, 1, "expected a session object (the shape of a session export)")
    if "session" in data:
        return _record(data, source, 1)
    return _transcript_from(data, source, 1)


def _record(data: dict[str, Any], source: str, line: int | None) -> Transcript:
    """An export record ({"format", "session": {...}, "figures", "score"})."""
    session = data.get("session")
    if not isinstance(session, dict):
        raise _err(source, line, "an export record's 'session' must be an object")
    return _transcript_from(session, source, line)


def parse_jsonl(text: str, source: str = "<jsonl>", session_id: str | None = None) -> Transcript:
    records: list[tuple[int | None, Transcript]] = []
    transcript = Transcript()
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        data = _loads(raw, source, number)
        if isinstance(data, dict) and "session" in data and "speaker" not in data:
            records.append((number, _record(data, source, number)))
        elif isinstance(data, dict) and "turns" in data:
            session = _transcript_from(data, source, number)
            session.turns = transcript.turns + session.turns
            transcript = session
        elif isinstance(data, dict) and "speaker" not in data and "text" not in data:
            # A header line without turns.
            header = _header(data, source, number)
            header.turns = transcript.turns
            transcript = header
        else:
            transcript.turns.append(_turn_from(data, source, number, len(transcript.turns)))
    if records:
        return _choose(records, source, session_id)
    if not transcript.turns:
        raise _err(source, None, "no turns found in the JSONL file")
    return transcript


def read_transcript(path: Path, session_id: str | None = None) -> Transcript:
    """Read a transcript file by its content: JSON / JSONL when it starts with '{' or '['.

    An export holding several sessions needs ``session_id`` (a prefix of the id is enough).
    Files over ``MAX_FILE_BYTES`` and transcripts over ``MAX_TURNS`` turns or
    ``MAX_TEXT_CHARS`` characters are refused with a message (see docs/scoring.md).
    """
    transcript = _read_transcript(path, session_id)
    check_transcript(transcript, str(path))
    return transcript


def check_transcript(transcript: Transcript, source: str) -> None:
    """Refuse repeated turn indices, and a transcript too long to score in reasonable time
    (coding takes about 10 s per MB of text)."""
    problem = index_problem([t.index for t in transcript.turns])
    if problem:
        raise _err(source, None, problem)
    turns = len(transcript.turns)
    chars = sum(len(t.text) for t in transcript.turns)
    if turns > MAX_TURNS or chars > MAX_TEXT_CHARS:
        raise _err(
            source,
            None,
            f"the transcript has {turns:,} turns and {chars:,} characters; score takes up to "
            f"{MAX_TURNS:,} turns and {MAX_TEXT_CHARS:,} characters (a long session has a few "
            "hundred turns). Split it into sessions and score each",
        )


def _read_transcript(path: Path, session_id: str | None) -> Transcript:
    if not path.exists():
        raise _err(path, None, "no such file")
    if path.is_dir():
        raise _err(path, None, "is a folder; give a transcript file")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _err(path, None, f"cannot be read ({exc.strerror})") from exc
    if size > MAX_FILE_BYTES:
        raise _err(
            path,
            None,
            f"is {size / 1e6:.0f} MB; score reads files up to {MAX_FILE_BYTES // 10**6} MB "
            "(export fewer sessions, e.g. with --since or --practitioner)",
        )
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
        return parse_jsonl(text, str(path), session_id)
    if stripped.startswith("["):
        return parse_json(text, str(path), session_id)
    if stripped.startswith("{"):
        first = stripped.splitlines()[0].strip()
        if len(stripped.splitlines()) > 1 and first.endswith("}"):
            try:
                safe_json.loads(first)
            except safe_json.JSONInputError:
                pass  # not one object a line: read it as one JSON document
            else:
                return parse_jsonl(text, str(path), session_id)
        return parse_json(text, str(path), session_id)
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
