"""Estimated globals (1–5) and the overall 0–100 score: documented rules, their basis, edges."""

from __future__ import annotations

import re

import pytest

from mi_trainer.coding.codes import Code, Reflected, TalkType
from mi_trainer.scoring import score_transcript
from mi_trainer.scoring.score import OVERALL_WEIGHTS
from tests.scoring.conftest import said_back, voiced


def _g(score, key):
    return score.globals[key].value


def test_reflecting_change_talk_cultivates_it_more_than_missing_it(session) -> None:
    reflected = session(
        ("c", "I want to be a better mum for them.", TalkType.CHANGE),
        ("p", "Being a good mum really matters to you.", Code.REFLECTION_COMPLEX, Reflected.CHANGE),
        ("c", "I could ring the GP.", TalkType.CHANGE),
        ("p", "You've already got a first step in mind.", Code.REFLECTION_SIMPLE, Reflected.CHANGE),
    )
    missed = session(
        ("c", "I want to be a better mum for them.", TalkType.CHANGE),
        ("p", "Did you drink last night?", Code.QUESTION_CLOSED),
        ("c", "I could ring the GP.", TalkType.CHANGE),
        ("p", "The conference is on Thursday.", Code.GIVING_INFORMATION),
    )
    good, poor = score_transcript(reflected), score_transcript(missed)
    assert _g(good, "cct") > _g(poor, "cct")
    assert any("missed" in b for b in poor.globals["cct"].basis)
    assert good.globals["cct"].turns  # explainable: the turns it rests on


def test_double_sided_reflections_soften_sustain_talk_and_persuasion_does_not(session) -> None:
    softened = session(
        ("c", "It's only at weekends, it's not a problem.", TalkType.SUSTAIN),
        (
            "p",
            "Part of you feels it's fine, and part of you wonders.",
            Code.REFLECTION_COMPLEX,
            Reflected.BOTH,
        ),
        ("c", "I don't need anyone telling me what to do.", TalkType.SUSTAIN),
        ("p", "It's your decision what happens next.", Code.EMPHASIZING_AUTONOMY),
    )
    argued = session(
        ("c", "It's only at weekends, it's not a problem.", TalkType.SUSTAIN),
        ("p", "You need to stop drinking.", Code.PERSUADE),
        ("c", "I don't need anyone telling me what to do.", TalkType.SUSTAIN),
        ("p", "You're in denial about this.", Code.CONFRONT),
    )
    assert _g(score_transcript(softened), "sst") >= 4.5
    assert _g(score_transcript(argued), "sst") == 1.0


def test_without_sustain_talk_softening_is_not_rated(session) -> None:
    score = score_transcript(session(("p", "What brings you here?", Code.QUESTION_OPEN)))
    assert _g(score, "sst") is None
    assert "no sustain talk" in score.globals["sst"].basis[0]
    assert score.globals["sst"].display == "n/a"
    # Technical then rests on Cultivating Change Talk alone, and says so.
    assert _g(score, "technical") == _g(score, "cct")
    assert "not rated" in score.globals["technical"].basis[0]


def test_without_change_talk_cultivating_it_is_at_most_two(session) -> None:
    lines = []
    for q in ("How old is Tyler?", "Which school?", "Who lives here?", "What time's bedtime?"):
        lines += [("p", q, Code.QUESTION_OPEN), ("c", "Nine.", TalkType.NEUTRAL)]
    score = score_transcript(session(*lines))
    assert _g(score, "cct") <= 2.0
    assert any("no change talk heard" in b for b in score.globals["cct"].basis)


def test_partnership_rises_with_collaboration_and_falls_with_persuasion(session) -> None:
    shared = session(
        ("p", "Would it be OK to look at the plan together?", Code.SEEKING_COLLABORATION),
        ("c", "Go on.", TalkType.NEUTRAL),
        ("p", "What would you want in it?", Code.QUESTION_OPEN),
        ("c", "The school run in the mornings is the worst bit.", TalkType.NEUTRAL),
        ("p", "The school run in the mornings is the pinch point.", Code.REFLECTION_COMPLEX),
    )
    told = session(
        ("p", "You need to get them to school.", Code.PERSUADE),
        ("c", "I know.", TalkType.NEUTRAL),
        ("p", "The plan says you must.", Code.PERSUADE),
        ("c", "Fine.", TalkType.NEUTRAL),
        ("p", "You should stop drinking.", Code.PERSUADE),
    )
    assert _g(score_transcript(shared), "partnership") >= 4.5
    assert _g(score_transcript(told), "partnership") == 1.0


def test_strings_of_closed_questions_cost_partnership_and_empathy(session) -> None:
    lines = []
    for q in ("Did you drink?", "Was it wine?", "Were the kids in?", "Did they eat?"):
        lines += [("p", q, Code.QUESTION_CLOSED), ("c", "Yes.", TalkType.NEUTRAL)]
    score = score_transcript(session(*lines))
    assert any("closed questions" in b for b in score.globals["partnership"].basis)
    assert any("closed questions" in b for b in score.globals["empathy"].basis)


def _said_back(code: Code, n: int = 4) -> list[tuple]:
    lines: list[tuple] = []
    for i in range(n):
        lines += [("c", voiced(i), TalkType.NEUTRAL), ("p", said_back(i), code)]
    return lines


def test_empathy_grows_with_reflections_and_their_depth(session) -> None:
    deep = session(*_said_back(Code.REFLECTION_COMPLEX))
    shallow = session(*_said_back(Code.REFLECTION_SIMPLE))
    none = session(*[("p", "Did you drink?", Code.QUESTION_CLOSED)] * 4)
    assert _g(score_transcript(deep), "empathy") == 5.0
    assert (
        _g(score_transcript(deep), "empathy")
        > _g(score_transcript(shallow), "empathy")
        > _g(score_transcript(none), "empathy")
    )


def test_technical_and_relational_are_the_averages_with_thresholds(session) -> None:
    score = score_transcript(
        session(
            ("p", "What matters most to you?", Code.QUESTION_OPEN),
            ("c", "Kids. Not this drinking business.", TalkType.SUSTAIN),
            ("p", "It's your choice what happens next.", Code.EMPHASIZING_AUTONOMY),
        )
    )
    g = score.globals
    assert g["technical"].value == pytest.approx((g["cct"].value + g["sst"].value) / 2, abs=0.01)
    assert g["relational"].value == pytest.approx(
        (g["partnership"].value + g["empathy"].value) / 2, abs=0.01
    )
    assert (g["technical"].fair, g["technical"].good) == (3.0, 4.0)
    assert (g["relational"].fair, g["relational"].good) == (3.5, 4.0)


def test_every_global_is_labelled_an_estimate_within_one_to_five(session) -> None:
    score = score_transcript(
        session(("c", "Get out.", TalkType.DISCORD), ("p", "You're in denial.", Code.CONFRONT))
    )
    for g in (*score.globals.values(), *score.lens.values()):
        assert g.estimate
        assert 1.0 <= g.value <= 5.0
        assert g.basis


def test_overall_weights_sum_to_a_hundred_and_parts_add_up(session) -> None:
    assert sum(OVERALL_WEIGHTS.values()) == 100
    score = score_transcript(
        session(
            ("p", "What's been happening?", Code.QUESTION_OPEN),
            ("c", "I want things to change.", TalkType.CHANGE),
            ("p", "You want something different.", Code.REFLECTION_SIMPLE, Reflected.CHANGE),
            ("c", "It's only weekends though.", TalkType.SUSTAIN),
        )
    )
    assert sum(p.points for p in score.parts) == pytest.approx(score.overall, abs=0.3)
    assert 0 <= score.overall <= 100


def test_undefined_parts_are_left_out_and_the_weights_rescaled(session) -> None:
    # Only fitting reflections: no questions (ratio unbounded -> 1, % open undefined), no change
    # or sustain talk.
    score = score_transcript(session(*_said_back(Code.REFLECTION_COMPLEX, 3)))
    parts = {p.key: p for p in score.parts}
    assert parts["pct_open"].value is None and parts["pct_open"].points == 0
    assert parts["pct_change_talk"].value is None
    used = sum(p.weight for p in score.parts if p.value is not None)
    assert used == 85
    assert score.overall == pytest.approx(sum(p.points for p in score.parts), abs=0.3)


def test_mi_consistent_practice_scores_well_above_the_righting_reflex(session) -> None:
    mi = session(
        ("c", "The school's always on at me.", TalkType.SUSTAIN),
        ("p", "It feels like everyone's watching you.", Code.REFLECTION_COMPLEX, Reflected.SUSTAIN),
        ("c", "I do want them to be happy there.", TalkType.CHANGE),
        ("p", "Their happiness matters to you.", Code.REFLECTION_COMPLEX, Reflected.CHANGE),
        ("c", "I could get them up earlier.", TalkType.CHANGE),
        ("p", "What would help with that?", Code.QUESTION_OPEN),
        ("c", "My sister could come round.", TalkType.CHANGE),
        ("p", "You've thought about who can help.", Code.AFFIRM),
    )
    directive = session(
        ("c", "The school's always on at me.", TalkType.SUSTAIN),
        ("p", "You need to get them there on time.", Code.PERSUADE),
        ("c", "It's not my fault.", TalkType.SUSTAIN),
        ("p", "Did you get them up this morning?", Code.QUESTION_CLOSED),
        ("c", "No.", TalkType.NEUTRAL),
        ("p", "You're putting them at risk.", Code.CONFRONT),
        ("c", "You lot just want to take my kids.", TalkType.DISCORD),
        ("p", "Attendance below 90% is a concern.", Code.GIVING_INFORMATION),
    )
    good, poor = score_transcript(mi), score_transcript(directive)
    assert good.overall >= 75
    assert poor.overall <= 25
    parts = {p.key: p for p in poor.parts}
    assert parts["non_adherent"].value == 0.0


def test_every_verb_agrees_with_a_count_of_one(session) -> None:
    from mi_trainer.scoring.reports import render_text

    transcript = session(
        ("c", "The school keep ringing about Tyler.", TalkType.NEUTRAL),
        ("p", "What would you like to happen?", Code.QUESTION_OPEN),
        ("c", "I want him in school.", TalkType.CHANGE),
        ("p", "You want Tyler in school.", Code.REFLECTION_SIMPLE, Reflected.CHANGE),
        ("c", "I can't get him up though.", TalkType.SUSTAIN),
        ("p", "You need to set an alarm for him.", Code.PERSUADE),
        ("c", "Easy for you to say.", TalkType.DISCORD),
        ("p", "What would make the mornings easier?", Code.QUESTION_OPEN),
        ("c", "My sister could help.", TalkType.CHANGE),
        ("p", "How would you like to take it from here?", Code.SEEKING_COLLABORATION),
        ("c", "I'll ring her.", TalkType.CHANGE),
        ("p", "The breakfast club opens at eight.", Code.GIVING_INFORMATION),
    )
    text = render_text(transcript, score_transcript(transcript))
    assert "1 of 6 turns persuades or confronts" in text
    assert "1 other turn left out" in text  # the one seeking collaboration, named as such
    assert "the rest closed questions" not in text
    assert "1 turn shares power" in text
    for bad in ("1 of 6 turns persuade ", "1 turn share ", "1 of 6 turns give "):
        assert bad not in text


def test_the_basis_reads_as_plain_english_for_a_single_turn(session) -> None:
    one = session(
        ("c", "I want to be a better mum for them.", TalkType.CHANGE),
        ("p", "Being a good mum really matters to you.", Code.REFLECTION_COMPLEX, Reflected.CHANGE),
        ("c", "It's only at weekends, it's not a problem.", TalkType.SUSTAIN),
        ("p", "It's your decision what happens next.", Code.EMPHASIZING_AUTONOMY),
    )
    scored = score_transcript(one)
    basis = scored.globals["cct"].basis + scored.globals["sst"].basis
    assert any("heard before 1 turn:" in b for b in basis), basis
    assert not any("1 turns" in b for b in basis), basis


def test_a_turn_that_reflects_and_asks_counts_once_and_every_count_has_its_plural(session) -> None:
    from mi_trainer.scoring.reports import render_text

    transcript = session(
        ("c", voiced(0), TalkType.NEUTRAL),
        ("p", said_back(0) + " What else?", (Code.REFLECTION_SIMPLE, Code.QUESTION_OPEN)),
    )
    score = score_transcript(transcript)
    assert "1 of 1 turn reflects what was said or asks openly" in score.globals["partnership"].basis
    text = render_text(transcript, score)
    assert "(1 practitioner turn)" in text
    assert not re.search(r"\b1 (?:turns|reflections|questions|chances|strings)\b", text)
    assert "1 reflection fitting what was said" in text
    # The verb agrees with its count: "1 of 1 turn reflects", "1 turn shares", never "1 … share".
    assert "1 of 1 turn evokes or reflects change" in text
    assert "0 turns share power" in text
    for g in score.globals.values():
        for line in g.basis:
            m = re.search(r"(\d+(?:\.\d)?) of (\d+) turn", line)
            assert m is None or float(m.group(1)) <= int(m.group(2)), line
