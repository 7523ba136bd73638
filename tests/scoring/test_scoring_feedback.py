"""Per-turn coaching: codes and cues, concrete alternatives from the client's words, no repeats."""

from __future__ import annotations

from itertools import pairwise

import pytest

from mi_trainer.coding.codes import Code, Reflected, TalkType
from mi_trainer.scoring import score_transcript
from mi_trainer.scoring.feedback import (
    advice_of,
    change_reflection,
    flip_pronouns,
    open_question,
    permission_first,
    reflection_of,
)


@pytest.mark.parametrize(
    ("client", "reflection"),
    [
        ("I want to be a better mum.", "You want to be a better mum"),
        ("I'm going to ring the GP tomorrow.", "You're going to ring the GP tomorrow"),
        ("I've cut down to weekends.", "You've cut down to weekends"),
        ("I could get my sister to help me.", "You could get your sister to help you"),
        ("We need to sort our mornings out.", "You need to sort your mornings out"),
        ("I am tired and I was scared.", "You are tired and you were scared"),
        ("Well, I can't keep doing this to them.", "You can't keep doing this to them"),
        ("I'll do it for myself.", "You'll do it for yourself"),
    ],
)
def test_a_change_talk_reflection_flips_the_pronouns(client, reflection) -> None:
    assert change_reflection(client).startswith(reflection)


def test_the_flip_turns_second_person_into_first() -> None:
    assert flip_pronouns("You lot never listen to me.") == "We never listen to you."
    assert flip_pronouns("you don't care about my kids") == "I don't care about your kids"


@pytest.mark.parametrize(
    ("closed", "open_"),
    [
        ("Did you drink last night?", "What happened last night?"),
        ("Were you out at the weekend?", "What happened at the weekend?"),
        ("Do you want to stop drinking?", "How important is it to you to stop drinking?"),
        ("Could you ring the GP?", "What would help you ring the GP?"),
        ("Is there anyone who could help with the mornings?", "Who could help with the mornings?"),
        ("Is there anything that worries you?", "What worries you?"),
        ("Are you worried about the school?", "How do you feel about the school?"),
        (
            "Have you thought about a family group conference?",
            "What are your thoughts about a family group conference?",
        ),
        ("Have you been to the GP?", "What has happened with the GP so far?"),
        ("Is it hard?", "What makes it hard?"),
        (
            "Okay. So you're seeing him on Friday?",
            "How are you feeling about seeing him on Friday?",
        ),
        (
            "Do the kids get to school on time?",
            "How do you see the kids getting to school on time?",
        ),
        # Doubting them ("are you sure…") becomes asking what tells them so.
        ("Are you sure the kids are okay?", "What tells you that the kids are okay?"),
        ("Are you sure you can manage?", "What tells you that you can manage?"),
        # A check on a task or a thing: where things are with it, in the worker's own words.
        ("Is the washing machine fixed?", "Where are things with the washing machine?"),
        ("Have you updated the Smith chronology?", "How are things with the Smith chronology?"),
        # An event: how it went ("How do you see ringing the dentist?" read as a riddle).
        ("Did you ring the dentist?", "How did it go with ringing the dentist?"),
        # Never "how it went" for harm, or for a state of mind.
        ("Did you hit Shannon?", "Can you talk me through what happened?"),
        ("Did you grab her arm?", "Can you talk me through what happened?"),
        ("Did you know it was this bad?", "Can you tell me more about that?"),
    ],
)
def test_a_closed_question_gets_an_open_version(closed, open_) -> None:
    assert open_question(closed) == open_


@pytest.mark.parametrize(
    ("said", "reflection"),
    [
        # A shrug said back ("You don't know.") sounds like a verdict.
        ("I don't know. Maybe.", "You're not sure yet."),
        ("I dunno.", "You're not sure yet."),
        # Something with content beside the shrug is what is said back.
        ("I don't know. The school keep ringing me.", "You're saying the school keep ringing you."),
    ],
)
def test_a_shrug_is_not_said_back_as_a_verdict(said, reflection) -> None:
    assert reflection_of(said) == reflection


def test_an_unknown_closed_question_still_gets_an_open_invitation() -> None:
    rewritten = open_question("Right?")
    assert rewritten.endswith("?")
    assert not rewritten.lower().startswith(("did", "do ", "is ", "are "))


def test_closed_question_feedback_offers_the_open_version(session) -> None:
    score = score_transcript(
        session(
            ("c", "Mm.", TalkType.NEUTRAL), ("p", "Did you drink last night?", Code.QUESTION_CLOSED)
        )
    )
    fb = score.feedback[0]
    assert fb.turn_index == 1
    assert fb.code == "question_closed"
    assert fb.cue == "cue for question_closed"
    assert fb.kind == "open_question"
    assert fb.suggestion == "What happened last night?"


def test_persuasion_gets_ask_permission_first_built_around_the_actual_advice(session) -> None:
    score = score_transcript(
        session(
            ("c", "It's only at weekends.", TalkType.SUSTAIN),
            ("p", "You need to stop drinking before the conference.", Code.PERSUADE),
        )
    )
    fb = score.feedback[0]
    assert fb.kind == "ask_permission"
    assert fb.suggestion.startswith("Would it be all right if I shared an idea?")
    assert "to stop drinking before the conference." in fb.suggestion
    assert fb.suggestion.endswith("?")  # the choice handed back
    assert fb.why and "invited" in fb.why


@pytest.mark.parametrize(
    "demand",
    [
        "You need to take this seriously.",
        "You need to pull yourself together for the kids.",
        "You need to take responsibility for what you did.",
        "Craig, domestic abuse harms children, and you need to understand that.",
    ],
)
def test_a_demand_about_attitude_is_not_offered_as_an_option(demand) -> None:
    # "One option is to take this seriously." is no option: ask permission to share the worry.
    assert advice_of(demand) is None
    assert permission_first(advice_of(demand)).endswith("?")
    assert "option is to" not in permission_first(advice_of(demand))


def test_advice_said_to_you_is_offered_to_you() -> None:
    tips = [permission_first("go back on your tablets", v) for v in range(3)]
    assert not any("Some people" in t for t in tips)
    assert "It might help to go back on your tablets. What do you think?" in tips[1]
    assert "Some people find it helps to ring the GP." in permission_first("ring the GP", 1)
    # Said to a worker by their manager as much as to a parent: no "some parents/families".
    every = " ".join(permission_first(a, v) for a in ("ring the GP", None) for v in range(3))
    assert "parents" not in every and "families" not in every


def test_advice_without_a_form_to_build_on_still_asks_permission_first(session) -> None:
    score = score_transcript(
        session(("p", "Drinking around children is never acceptable.", Code.PERSUADE))
    )
    fb = score.feedback[0]
    assert fb.kind == "ask_permission"
    assert fb.suggestion.startswith(("Would it", "Can I"))


def test_confrontation_gets_a_reflection_of_what_the_person_said(session) -> None:
    score = score_transcript(
        session(
            ("c", "You lot just want to take my kids.", TalkType.DISCORD),
            ("p", "You're in denial.", Code.CONFRONT),
        )
    )
    fb = score.feedback[0]
    assert fb.kind == "reflect_instead"
    # Framed as their view: said plainly it would sound like the worker agreeing.
    assert fb.suggestion == "You feel we just want to take your kids."
    assert "discord" in fb.why


def test_repeated_persuasion_meets_different_coaching_lines(session) -> None:
    score = score_transcript(
        session(
            ("c", "It's only at weekends.", TalkType.SUSTAIN),
            ("p", "You need to stop drinking.", Code.PERSUADE),
            ("c", "The kids are fine.", TalkType.SUSTAIN),
            ("p", "You must get them to school.", Code.PERSUADE),
            ("c", "I'm not listening to this.", TalkType.DISCORD),
            ("p", "You should ring the alcohol service.", Code.PERSUADE),
        )
    )
    asks = [f.suggestion.split("?", 1)[0] for f in score.feedback]
    assert len(set(asks)) == 3
    assert "to ring the alcohol service." in score.feedback[2].suggestion


def test_a_missed_chance_to_reflect_change_talk_gets_a_reflection_of_it(session) -> None:
    score = score_transcript(
        session(
            ("c", "Honestly? I want to be there for them in the mornings.", TalkType.CHANGE),
            ("p", "The conference is on Thursday.", Code.GIVING_INFORMATION),
        )
    )
    fb = score.feedback[0]
    assert fb.kind == "reflect_change_talk"
    assert fb.suggestion.startswith("You want to be there for them in the mornings")


def test_reflecting_change_talk_needs_no_suggestion_and_says_why(session) -> None:
    score = score_transcript(
        session(
            ("c", "I want to be there for them.", TalkType.CHANGE),
            ("p", "Being there matters to you.", Code.REFLECTION_COMPLEX, Reflected.CHANGE),
        )
    )
    fb = score.feedback[0]
    assert fb.suggestion is None
    assert "change talk" in fb.note
    assert "well done" not in fb.note.lower() and "great" not in fb.note.lower()


def test_no_two_identical_suggestions_in_a_row(session) -> None:
    lines = []
    for _ in range(6):
        lines += [
            ("c", "It's only at weekends.", TalkType.SUSTAIN),
            ("p", "Did you drink last night?", Code.QUESTION_CLOSED),
        ]
    lines += [("c", "It's only at weekends.", TalkType.SUSTAIN)]
    lines += [("p", "You need to stop.", Code.PERSUADE)] * 4
    suggestions = [f.suggestion for f in score_transcript(session(*lines)).feedback]
    assert all(s for s in suggestions)
    assert all(a != b for a, b in pairwise(suggestions))


def test_every_practitioner_turn_gets_feedback_with_codes_and_cue(session) -> None:
    score = score_transcript(
        session(
            ("p", "Hello, I'm Sam.", Code.OTHER),
            ("c", "Hi.", TalkType.NEUTRAL),
            ("p", "What's a typical morning like?", Code.QUESTION_OPEN),
        )
    )
    assert [f.turn_index for f in score.feedback] == [0, 2]
    assert all(f.codes and f.cue for f in score.feedback)


def test_a_reflection_with_a_yes_no_check_is_coached_to_stand_alone(session) -> None:
    text = "You're worried about Mia. Is that right?"
    score = score_transcript(
        session(
            ("c", "Mia's been quiet.", TalkType.NEUTRAL),
            ("p", text, (Code.REFLECTION_COMPLEX, Code.QUESTION_CLOSED)),
        )
    )
    fb = score.feedback[0]
    assert fb.kind == "drop_check"
    assert fb.suggestion == "You're worried about Mia."
