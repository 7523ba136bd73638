"""Reading transcripts to score: labelled text, continuation lines, JSON/JSONL, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mi_trainer.coding.codes import Code, TalkType
from mi_trainer.coding.result import CodedSentence, CodedUtterance
from mi_trainer.scoring.parse import (
    TranscriptFileError,
    code_transcript,
    parse_text,
    read_transcript,
)
from mi_trainer.transcript import PRACTITIONER, Transcript, Turn


@pytest.mark.parametrize(
    ("label", "speaker"),
    [
        ("P:", PRACTITIONER),
        ("p:", PRACTITIONER),
        ("Practitioner:", PRACTITIONER),
        ("PRACTITIONER :", PRACTITIONER),
        ("Social worker:", PRACTITIONER),
        ("C:", "client"),
        ("c:", "client"),
        ("Client:", "client"),
        ("CLIENT:", "client"),
        ("Parent:", "client"),
    ],
)
def test_speaker_labels_in_any_case(label, speaker) -> None:
    transcript = parse_text(f"{label} Hello there.")
    assert transcript.turns[0].speaker == speaker
    assert transcript.turns[0].text == "Hello there."


def test_an_unlabelled_line_continues_the_turn_and_blank_lines_are_ignored() -> None:
    transcript = parse_text(
        "P: Thanks for letting me in.\n\nC: I haven't got long.\n   The kids are at school.\n"
        "# a note from the trainer\nP: What's been happening?\n"
    )
    assert [(t.index, t.speaker) for t in transcript.turns] == [
        (0, PRACTITIONER),
        (1, "client"),
        (2, PRACTITIONER),
    ]
    assert transcript.turns[1].text == "I haven't got long. The kids are at school."


def test_a_first_line_without_a_label_is_a_clear_mistake_with_its_line() -> None:
    with pytest.raises(TranscriptFileError, match=r"session\.txt:2: the first line has no speaker"):
        parse_text("\nHello Kerry\nP: Hi", "session.txt")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("   \n\n", "the file is empty"),
        ('{"turns": [', "not valid JSON"),
        ('{"scenario_id": "x"}', "needs a 'turns' list"),
        ('{"turns": [{"speaker": "practitioner"}]}', "needs 'speaker' and 'text'"),
        ("P:\nC:\n", "no turns found"),
    ],
)
def test_bad_files_get_a_message_naming_the_file(tmp_path: Path, content, message) -> None:
    path = tmp_path / "session.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TranscriptFileError, match=message) as info:
        read_transcript(path)
    assert str(info.value).startswith(str(path))


def test_a_bad_jsonl_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"index": 0, "speaker": "practitioner", "text": "Hi"}\n{oops\n')
    with pytest.raises(TranscriptFileError, match=r"s\.jsonl:2: not valid JSON"):
        read_transcript(path)


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(TranscriptFileError, match="no such file"):
        read_transcript(tmp_path / "nope.txt")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\xff\xfe\x00P")
    with pytest.raises(TranscriptFileError, match="not UTF-8"):
        read_transcript(binary)


def _exported() -> Transcript:
    coded = CodedUtterance(
        "What's a morning like?",
        Code.QUESTION_OPEN,
        (CodedSentence("What's a morning like?", Code.QUESTION_OPEN, ("wh",)),),
    )
    return Transcript(
        turns=[
            Turn(0, "kerry", "Come in, then.", talk_type=TalkType.NEUTRAL),
            Turn(1, PRACTITIONER, "What's a morning like?", coded=coded),
            Turn(2, "kerry", "Chaos.", talk_type=TalkType.NEUTRAL),
        ],
        scenario_id="mum-drinking",
        members={"kerry": "Kerry"},
    )


def test_a_json_session_export_reads_back_with_its_codes(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(_exported().to_dict()), encoding="utf-8")
    transcript = read_transcript(path)
    assert transcript.scenario_id == "mum-drinking"
    assert transcript.turns[1].coded.code == Code.QUESTION_OPEN


def test_a_jsonl_export_with_a_header_line_and_one_turn_a_line(tmp_path: Path) -> None:
    exported = _exported().to_dict()
    turns = exported.pop("turns")
    lines = [json.dumps(exported)] + [json.dumps(t) for t in turns]
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    transcript = read_transcript(path)
    assert transcript.scenario_id == "mum-drinking"
    assert len(transcript.turns) == 3


def test_coding_fills_only_what_is_missing() -> None:
    class FakeCoder:
        seen: list = []

        def code(self, text, previous_client_line=None):
            self.seen.append(previous_client_line)
            return CodedUtterance(text, Code.OTHER)

    class FakeTalk:
        def classify(self, text):
            return TalkType.CHANGE, ("cue",)

    transcript = parse_text("C: I want to stop.\nP: Hello.\nC: Right.")
    coder = FakeCoder()
    code_transcript(transcript, coder, FakeTalk())
    assert coder.seen == ["I want to stop."]
    assert transcript.turns[1].coded.code == Code.OTHER
    assert transcript.turns[0].talk_type == TalkType.CHANGE


def _record(session_id: str) -> dict:
    session = _exported()
    session.session_id = session_id
    return {
        "format": "mi-trainer-export",
        "version": 1,
        "status": "finished",
        "session": session.to_dict(),
        "figures": {},
        "score": {},
    }


def test_an_export_file_with_one_session_is_read(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps(_record("abc123")) + "\n", encoding="utf-8")
    transcript = read_transcript(path)
    assert transcript.session_id == "abc123"
    assert len(transcript.turns) == 3


def test_an_export_with_several_sessions_needs_a_session_id(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    lines = [json.dumps(_record("abc123")), json.dumps(_record("def456"))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(TranscriptFileError, match=r"holds 2 sessions; choose one with --session"):
        read_transcript(path)
    assert read_transcript(path, "def").session_id == "def456"
    with pytest.raises(TranscriptFileError, match="no session with an id starting 'zzz'"):
        read_transcript(path, "zzz")
