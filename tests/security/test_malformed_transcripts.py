"""Issue 17 items 6 and 11: `score` on malformed or oversized transcripts says what is wrong,
naming the file and line, and exits 1; it never prints a traceback or runs for minutes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mi_trainer.scoring.parse import (
    MAX_TEXT_CHARS,
    MAX_TURNS,
    TranscriptFileError,
    parse_text,
    read_transcript,
)

TURN = '{"index": 0, "speaker": "practitioner", "text": "How are the mornings?"}'

# The review's probes: file name, content, what the message must say.
PROBES = {
    "coded as a string": (
        "coded.json",
        '{"turns": [{"index": 0, "speaker": "practitioner", "text": "Hi", "coded": "x"}]}',
        "coded.json:1: bad turn (turns[0].coded: Input should be a JSON object",
    ),
    "index 1e400": (
        "huge.json",
        '{"turns": [\n{"index": 1e400, "speaker": "practitioner", "text": "Hi"}]}',
        "huge.json:2: the number 1e400 is too large",
    ),
    "a 5,000-digit integer": (
        "digits.jsonl",
        TURN + "\n" + '{"index": ' + "9" * 5000 + ', "speaker": "kerry", "text": "Fine."}',
        "digits.jsonl:2: a number with 5000 digits",
    ),
    'a JSONL header {"members": 5}': (
        "header.jsonl",
        '{"members": 5}\n' + TURN,
        "header.jsonl:1: bad session header (members: Input should be a JSON object",
    ),
    "100,000 nested [": ("nested.json", "[" * 100_000, "nested.json:1: brackets nested far too"),
    "NaN as an index": (
        "nan.jsonl",
        TURN + '\n{"index": NaN, "speaker": "kerry", "text": "Fine."}',
        "nan.jsonl:2: NaN is not a number JSON allows",
    ),
    "a turn index as text": (
        "text-index.json",
        '[{"index": "one", "speaker": "practitioner", "text": "Hi"}]',
        "text-index.json: bad turn (turns[0].index: Input should be a valid integer",
    ),
    "an unknown code": (
        "code.jsonl",
        TURN + '\n{"index": 1, "speaker": "practitioner", "text": "Hi", "code": "hack"}',
        "code.jsonl:2: bad turn (turns[1].code: Input should be",
    ),
    "the same index twice": (
        "twice.json",
        '{"turns": [' + TURN + ", " + TURN + "]}",
        "twice.json: turns[1] repeats index 0",
    ),
    "a start time that is not a date": (
        "date.json",
        '{"started_at": "not a date", "turns": [' + TURN + "]}",
        "'not a date' is not a date and time",
    ),
}


@pytest.mark.parametrize("probe", list(PROBES))
def test_malformed_transcripts_are_a_message_with_file_and_line(
    probe: str, kit, capsys, tmp_path: Path
) -> None:
    name, content, expected = PROBES[probe]
    path = tmp_path / name
    path.write_text(content, "utf-8")
    code, out, err = kit.run(capsys, "score", str(path))
    assert code == 1
    assert out == ""
    assert expected.replace(name, str(path), 1) in err, err
    assert "Traceback" not in err and len(err.splitlines()) == 1


# Any JSON at all: the reader returns a transcript or says what is wrong, nothing else.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**80), 2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
turn_like = st.fixed_dictionaries(
    {"speaker": st.sampled_from(["practitioner", "kerry", "", 5]), "text": st.text(max_size=20)},
    optional={
        "index": json_values,
        "coded": json_values,
        "code": json_values,
        "talk_type": json_values,
        "state_before": json_values,
    },
)
documents = st.one_of(
    json_values,
    st.lists(turn_like, max_size=4),
    st.fixed_dictionaries(
        {"turns": st.lists(turn_like, max_size=4)},
        optional={
            "members": json_values,
            "seed": json_values,
            "started_at": json_values,
        },
    ),
    st.fixed_dictionaries({"format": json_values, "session": json_values}),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=documents, as_lines=st.booleans())
def test_any_json_is_read_or_refused_with_a_message(
    tmp_path_factory: pytest.TempPathFactory, document: object, as_lines: bool
) -> None:
    folder = tmp_path_factory.mktemp("t")
    if as_lines and isinstance(document, list):
        path = folder / "session.jsonl"
        path.write_text("\n".join(json.dumps(d) for d in document) or "{}", "utf-8")
    else:
        path = folder / "session.json"
        path.write_text(json.dumps(document), "utf-8")
    try:
        transcript = read_transcript(path)
    except TranscriptFileError as err:
        assert str(err).startswith(str(path))
    else:
        assert all(isinstance(t.index, int) for t in transcript.turns)


# ------------------------------------------------------------------ item 11: size


def test_a_transcript_over_the_limit_is_refused_before_coding(kit, capsys, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("P: How are things?\nC: Fine.\n" * (MAX_TURNS // 2 + 1), "utf-8")
    started = time.perf_counter()
    code, _, err = kit.run(capsys, "score", str(path))
    assert time.perf_counter() - started < 10  # refused, not coded line by line
    assert code == 1
    assert f"{path}: the transcript has {MAX_TURNS + 2:,} turns" in err
    assert f"score takes up to {MAX_TURNS:,} turns" in err


def test_one_enormous_turn_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "paste.txt"
    path.write_text("P: " + "so " * (MAX_TEXT_CHARS // 3 + 10), "utf-8")
    with pytest.raises(TranscriptFileError, match="characters; score takes up to"):
        read_transcript(path)


def test_reading_continued_lines_takes_linear_time() -> None:
    """A turn continued over many lines used to be rebuilt on every line (quadratic)."""
    text = "P: hello\n" + "and then the school rang again\n" * 200_000
    started = time.perf_counter()
    transcript = parse_text(text)
    assert time.perf_counter() - started < 5
    assert len(transcript.turns) == 1
    assert transcript.turns[0].text.count("school") == 200_000
