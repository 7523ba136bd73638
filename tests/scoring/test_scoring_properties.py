"""Property: any coded session, however odd its words, scores within bounds and never crashes."""

from __future__ import annotations

import json
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from mi_trainer.coding.codes import Code, Reflected, TalkType
from mi_trainer.coding.result import CodedSentence, CodedUtterance
from mi_trainer.scoring import score_transcript
from mi_trainer.scoring.feedback import change_reflection, flip_pronouns, open_question
from mi_trainer.scoring.reports import render_html, render_markdown, render_text
from mi_trainer.transcript import PRACTITIONER, Transcript, Turn

texts = st.text(max_size=80)
practitioner = st.tuples(
    st.just("p"),
    texts,
    st.lists(st.sampled_from(list(Code)), min_size=1, max_size=3),
    st.none() | st.sampled_from(list(Reflected)),
)
client = st.tuples(st.just("c"), texts, st.none() | st.sampled_from(list(TalkType)))


def _transcript(lines) -> Transcript:
    turns = []
    for i, line in enumerate(lines):
        if line[0] == "p":
            _, text, codes, reflects = line
            sentences = tuple(CodedSentence(text, c, ()) for c in codes)
            turns.append(
                Turn(
                    i, PRACTITIONER, text, coded=CodedUtterance(text, codes[0], sentences, reflects)
                )
            )
        else:
            turns.append(Turn(i, "kerry", line[1], talk_type=line[2]))
    return Transcript(turns=turns)


@settings(max_examples=150, deadline=None)
@given(st.lists(practitioner | client, max_size=30))
def test_any_session_scores_within_bounds(lines) -> None:
    transcript = _transcript(lines)
    score = score_transcript(transcript)
    assert 0.0 <= score.overall <= 100.0
    for g in score.globals.values():
        assert g.value is None or 1.0 <= g.value <= 5.0
    for key in ("pct_complex", "pct_open"):
        value = score.summary[key].value
        assert value is None or 0.0 <= value <= 100.0
    suggestions = [f.suggestion for f in score.feedback if f.suggestion]
    consecutive = [f.suggestion for f in score.feedback]
    assert all(a != b for a, b in pairwise(consecutive) if a)
    assert all(isinstance(s, str) for s in suggestions)
    json.dumps(score.to_dict())
    render_text(transcript, score)
    render_markdown(transcript, score)
    assert "<script" not in render_html(transcript, score)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_rewrites_never_crash_on_any_text(text) -> None:
    assert isinstance(flip_pronouns(text), str)
    assert open_question(text).endswith("?")
    assert isinstance(change_reflection(text), str)
