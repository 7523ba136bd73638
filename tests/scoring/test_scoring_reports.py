"""Reports: Markdown and self-contained HTML with the overall, its parts and the charts."""

from __future__ import annotations

import re

from mi_trainer.coding.codes import Code, Reflected, TalkType
from mi_trainer.scoring import score_transcript
from mi_trainer.scoring.reports import render_html, render_markdown, render_text
from mi_trainer.transcript import Transcript


def _sample(session):
    return session(
        ("c", "It's only at weekends <honestly> & that's it.", TalkType.SUSTAIN),
        ("p", "You need to stop drinking.", Code.PERSUADE),
        ("c", "I want to be a better mum.", TalkType.CHANGE),
        ("p", "Being a good mum matters to you.", Code.REFLECTION_COMPLEX, Reflected.CHANGE),
        ("p", "Did you drink last night?", Code.QUESTION_CLOSED),
    )


def test_markdown_shows_the_overall_with_its_parts_and_the_estimates(session) -> None:
    transcript = _sample(session)
    md = render_markdown(transcript, score_transcript(transcript))
    assert "## Overall MI-consistency" in md
    assert "| part | value (0–1) | weight | points |" in md
    assert "fair 1:1, good 2:1" in md and "fair 40%, good 50%" in md
    assert "estimate" in md.lower()
    assert "**try:** What happened last night?" in md


def test_html_is_self_contained_with_inline_svg_charts(session) -> None:
    transcript = _sample(session)
    html = render_html(transcript, score_transcript(transcript))
    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html
    assert html.count("<svg") == 2
    assert "<script" not in html
    assert not re.search(r"(https?:)?//[a-z0-9]", html, re.IGNORECASE), "no external resources"
    assert "<link" not in html and "src=" not in html
    # user text is escaped
    assert "&lt;honestly&gt; &amp; that" in html
    assert "overall MI-consistency" in html


def test_reports_render_an_empty_session() -> None:
    empty = Transcript()
    score = score_transcript(empty)
    assert "No client turns yet." in render_html(empty, score)
    assert "n/a" in render_markdown(empty, score)
    assert "Overall MI-consistency: 0/100" in render_text(empty, score)
