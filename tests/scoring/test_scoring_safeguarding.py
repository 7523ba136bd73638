"""Safeguarding moments: direct risk questions credited, never tipped against; a disclosure is
its own talk type, received or passed over, and a missed one is the first thing every view shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from mi_trainer.coding.client_talk import ClientTalkCoder
from mi_trainer.coding.codes import Code, TalkType
from mi_trainer.coding.result import CodedSentence, CodedUtterance, PractitionerIntent
from mi_trainer.scoring import score_transcript
from mi_trainer.scoring.reports import render_html, render_markdown, render_text
from mi_trainer.transcript import PRACTITIONER, Transcript, Turn

DISCLOSURE = "Some days I think they'd all be better off without me."


def _p(i: int, text: str, code: Code, intent: str | None = None) -> Turn:
    coded = CodedUtterance(
        text,
        code,
        (CodedSentence(text, code, (f"cue for {code}",)),),
        intent=PractitionerIntent(intent, "suicide") if intent else None,
    )
    return Turn(i, PRACTITIONER, text, coded=coded)


def _c(i: int, text: str, talk: TalkType) -> Turn:
    return Turn(i, "jade", text, talk_type=talk)


def _session(*turns: Turn) -> Transcript:
    return Transcript(turns=list(turns), members={"jade": "Jade"}, scenario_title="Jade")


def passed_over() -> Transcript:
    return _session(
        _p(0, "How have things been since Noah arrived?", Code.QUESTION_OPEN),
        _c(1, "I'm so tired. I lie awake every night listening to him breathe.", TalkType.NEUTRAL),
        _p(2, "You lie awake every night listening to him breathe.", Code.REFLECTION_SIMPLE),
        _c(3, DISCLOSURE, TalkType.DISCLOSURE),
        _p(4, "What's sleep like during the day?", Code.QUESTION_OPEN),
        _c(5, "I want to feel like me again.", TalkType.CHANGE),
        _p(6, "You want to feel like yourself again.", Code.REFLECTION_SIMPLE),
    )


@pytest.mark.parametrize(
    ("response", "code", "intent", "how"),
    [
        ("Thank you for telling me that.", Code.OTHER, "thank", "thanked"),
        (
            "Are you having thoughts of ending your life?",
            Code.QUESTION_CLOSED,
            "ask_risk",
            "asked about safety",
        ),
        (
            "Some days you think they'd all be better off without you.",
            Code.REFLECTION_SIMPLE,
            None,
            "reflected it",
        ),
    ],
)
def test_a_disclosure_is_received_by_thanks_a_safety_question_or_a_reflection(
    response, code, intent, how
) -> None:
    score = score_transcript(
        _session(_c(0, DISCLOSURE, TalkType.DISCLOSURE), _p(1, response, code, intent))
    )
    (moment,) = score.safeguarding.disclosures
    assert moment.status == "received" and how in moment.how
    assert score.headline is None
    assert score.missed_disclosures == 0


def test_a_disclosure_passed_over_is_the_first_thing_every_view_shows() -> None:
    transcript = passed_over()
    score = score_transcript(transcript)
    (moment,) = score.safeguarding.missed
    assert (moment.turn, moment.response_turn, moment.status) == (3, 4, "passed over")
    assert score.headline.startswith("Missed disclosure: Jade said")
    assert render_text(transcript, score).splitlines()[0] == score.headline
    assert render_markdown(transcript, score).splitlines()[2].startswith("> **Missed disclosure")
    html = render_html(transcript, score)
    assert html.index("Missed disclosure") < html.index("overall MI-consistency")
    # Whatever the rest of the session did, the overall cannot read as a good session.
    assert score.overall <= 60
    assert any(p.key == "missed_disclosure" for p in score.parts)
    # The coaching for the turn that passed over it: receive it.
    fb = next(f for f in score.feedback if f.turn_index == 4)
    assert fb.kind == "receive_disclosure"
    assert fb.suggestion.startswith("Thank you for telling me that.")
    assert fb.suggestion.endswith("Are you having thoughts of ending your life?")


def test_the_tip_says_back_the_disclosure_and_asks_the_next_question_when_risk_was_asked() -> None:
    # Jade's line as the scenario has it: the disclosure, then a minimising sentence.
    said = DISCLOSURE + " I wouldn't do anything. But I think it."
    score = score_transcript(
        _session(
            _p(
                0,
                "Have you had any thoughts of ending your life?",
                Code.QUESTION_CLOSED,
                "ask_risk",
            ),
            _c(1, said, TalkType.DISCLOSURE),
            _p(2, "What are you up to at the weekend?", Code.QUESTION_OPEN),
        )
    )
    fb = next(f for f in score.feedback if f.turn_index == 2)
    assert fb.kind == "receive_disclosure"
    # Said back: what she disclosed, not "You wouldn't do anything."
    assert "Some days you think they'd all be better off without you." in fb.suggestion
    assert "wouldn't do anything" not in fb.suggestion
    # She was asked already: the next question, not the same one again.
    assert "thoughts of ending your life" not in fb.suggestion
    assert fb.suggestion.endswith("made any plans, and are you safe right now?")


def test_the_app_summary_shows_a_missed_disclosure_first_and_the_lens() -> None:
    from mi_trainer.tui.summary import summary_text

    transcript = passed_over()
    score = score_transcript(transcript)
    lines = summary_text(transcript, score).plain.splitlines()
    assert "Missed disclosure: Jade said" in lines[0]
    assert any("Overall" in line for line in lines[1:4])
    text = "\n".join(lines)
    assert text.index("Missed disclosure") < text.index("Overall")
    assert "Child-protection lens" in text and "Child focus" in text


def test_a_disclosure_is_never_counted_as_change_talk() -> None:
    score = score_transcript(passed_over())
    assert score.client.disclosure == 1 and score.client.disclosure_turns == (3,)
    assert 3 not in score.client.change_turns


def test_a_disclosure_nobody_answered_before_the_end_is_missed() -> None:
    score = score_transcript(_session(_c(0, DISCLOSURE, TalkType.DISCLOSURE)))
    assert score.safeguarding.disclosures[0].status == "unanswered"


def test_direct_risk_questions_are_never_tipped_against_and_are_credited() -> None:
    score = score_transcript(
        _session(
            _c(0, "I don't feel like me.", TalkType.NEUTRAL),
            _p(1, "Have you had thoughts of ending your life?", Code.QUESTION_CLOSED, "ask_risk"),
            _c(2, "I want to feel better.", TalkType.CHANGE),
            _p(3, "Have you made any plans to hurt yourself?", Code.QUESTION_CLOSED, "ask_risk"),
            _c(4, "No.", TalkType.NEUTRAL),
            _p(5, "Are you safe right now?", Code.QUESTION_CLOSED, "ask_risk"),
        )
    )
    assert score.safeguarding.risk_questions == (1, 3, 5)
    for fb in score.feedback:
        assert fb.suggestion is None and fb.kind == "risk_question"
        assert "good practice" in fb.note
    # Not counted against the question figures, and never a string of closed questions.
    assert score.summary["pct_open"].value is None
    assert "direct question" in score.summary["pct_open"].note
    assert not any("closed questions" in b for b in score.globals["empathy"].basis)
    lines = score.safeguarding.lines(score.names)
    assert any("Asked directly about risk (3 questions" in line for line in lines)


@pytest.mark.parametrize(
    ("line", "talk"),
    [
        ("Some days I think they'd all be better off without me.", TalkType.DISCLOSURE),
        ("Sometimes I just want to die.", TalkType.DISCLOSURE),
        ("I've been cutting myself again.", TalkType.DISCLOSURE),
        ("I lost it on Tuesday and hit him with the belt. It left marks.", TalkType.DISCLOSURE),
        ("He pushed me into the door, and he's hit me before.", TalkType.DISCLOSURE),
        ("He's never hit me.", None),
        ("I would never hurt myself.", None),
        ("I want to stop drinking for the kids.", None),
    ],
)
def test_the_client_talk_coder_labels_disclosures_in_hand_written_transcripts(line, talk) -> None:
    coded = ClientTalkCoder().classify(line)[0]
    if talk is None:
        assert coded != TalkType.DISCLOSURE
    else:
        assert coded == talk


def test_the_bundled_scenario_s_disclosure_is_authored_as_one() -> None:
    text = (
        Path(__file__).resolve().parents[2] / "scenarios" / "couple-new-baby-low-mood.yaml"
    ).read_text()
    block = text[text.index("id: better-off-without-me") :].split("when:")[0]
    assert "talk: disclosure" in block
