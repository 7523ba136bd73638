"""Whole scripted sessions: who speaks, what is recorded, how sessions end."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mi_trainer.coding.codes import TalkType
from mi_trainer.scenarios import ScenarioError
from mi_trainer.simulation import SessionOver, SimulatedSession
from mi_trainer.simulation.rules import engine_defaults
from mi_trainer.simulation.script import compile_scenario
from mi_trainer.transcript import (
    END_BY_PRACTITIONER,
    END_TURN_LIMIT,
    END_WALK_OUT,
    PRACTITIONER,
    Transcript,
)

ENGINE = engine_defaults()  # the engine's defaults the checks compare with

REFLECT = "It sounds like the evenings are the hardest part."
REFLECT_CHANGE = "You want Ellie to have better than you had."
OPEN = "What would make this week a bit easier?"
CONFRONT = "You're in denial."
PERSUADE = "You need to stop drinking."


# -- openers and the shape of a turn --------------------------------------------------


def test_members_with_an_opening_line_speak_first(family: Any, coder: Any) -> None:
    session = SimulatedSession(family, coder, seed=0)
    turns = session.transcript.turns
    assert [t.speaker for t in turns] == ["leanne", "mark"]  # Jay has no opening line
    assert turns[0].text in (
        "You'd better come in before the neighbours start.",
        "Go on then. Say what you came to say.",
    )
    assert turns[1].text == "I'm here, but I'm on nights, so be quick."
    assert all(t.talk_type == TalkType.NEUTRAL for t in turns)


def test_a_labelled_opener_is_recorded_with_its_talk_type(
    family_data: dict, scenario_from: Any, coder: Any
) -> None:
    family_data["members"][0]["opening"] = {
        "say": "You lot again. We're fine, there's nothing to talk about.",
        "talk": "sustain",
        "intent": "deny",
    }
    session = SimulatedSession(scenario_from(family_data), coder, seed=0)
    leanne, mark = session.transcript.turns
    assert leanne.text == "You lot again. We're fine, there's nothing to talk about."
    assert (leanne.talk_type, leanne.subtype) == (TalkType.SUSTAIN, "deny")
    assert leanne.response_id == "opening"
    # An opener sets the scene: the member comes in with their `start` state, unmoved.
    assert leanne.state_before == leanne.state_after == session.state("leanne")
    assert (mark.talk_type, mark.subtype) == (TalkType.NEUTRAL, None)  # plain text
    assert [t.talk_type for t in session.transcript.client_turns()][:1] == [TalkType.SUSTAIN]


def test_the_transcript_knows_the_scenario_seed_and_members(family: Any, coder: Any) -> None:
    session = SimulatedSession(family, coder, seed=7, practitioner="Sam", team="North")
    transcript = session.transcript
    assert transcript.scenario_id == "fixture-family-scene"
    assert transcript.seed == 7
    assert transcript.practitioner == "Sam" and transcript.team == "North"
    assert transcript.mode == "coach"
    assert transcript.coder_version == "fake-1"
    assert transcript.members == {"leanne": "Leanne", "mark": "Mark", "jay": "Jay"}


def test_a_practitioner_turn_and_the_reply_record_codes_talk_and_state(
    single: Any, coder: Any
) -> None:
    session = SimulatedSession(single, coder, seed=0)
    practitioner, reply = session.say(REFLECT_CHANGE)
    assert practitioner.speaker == PRACTITIONER
    assert practitioner.coded is not None and practitioner.coded.code == "reflection_complex"
    assert practitioner.addressed == "dean"
    assert practitioner.state_before is not None and practitioner.state_after is not None
    assert reply.speaker == "dean"
    assert reply.talk_type in tuple(TalkType)
    assert reply.response_id
    assert reply.state_before == practitioner.state_after
    assert reply.state_after == session.state("dean")
    assert set(session.state("dean")) >= {
        "rapport",
        "openness",
        "readiness",
        "discord",
        "stage",
        "disclosed",
    }


def test_turn_indexes_run_in_order_and_survive_a_round_trip(family: Any, coder: Any) -> None:
    session = SimulatedSession(family, coder, seed=3)
    for line in (f"@leanne {OPEN}", REFLECT, f"@leanne {CONFRONT}", "@jay " + OPEN):
        if not session.finished:
            session.say(line)
    session.end()
    turns = session.transcript.turns
    assert [t.index for t in turns] == list(range(len(turns)))
    assert Transcript.from_dict(session.transcript.to_dict()) == session.transcript


def test_every_new_turn_is_handed_to_on_turn_as_it_happens(family: Any, coder: Any) -> None:
    seen: list[int] = []
    session = SimulatedSession(family, coder, seed=0, on_turn=lambda t: seen.append(t.index))
    assert seen == [0, 1]  # the openers
    new = session.say(f"@leanne {OPEN}")
    new += session.end()
    assert seen == [0, 1] + [t.index for t in new]


def test_the_coder_hears_the_addressed_members_last_line(single: Any, coder: Any) -> None:
    session = SimulatedSession(single, coder, seed=0)
    session.say(OPEN)
    last_reply = session.transcript.turns[-1].text
    session.say(REFLECT)
    assert coder.calls[0] == (OPEN, "I know, I missed it. Go on.")
    assert coder.calls[1] == (REFLECT, last_reply)


# -- addressing -------------------------------------------------------------------------


def test_an_untagged_line_goes_to_whoever_the_practitioner_spoke_to(
    family: Any, coder: Any
) -> None:
    session = SimulatedSession(family, coder, seed=0)
    assert session.addressed == "leanne"  # the first member, whoever opened last
    assert session.say(OPEN)[0].addressed == "leanne"
    session.say(f"@mark {OPEN}")
    assert session.say(OPEN)[0].addressed == "mark"


def test_a_name_at_the_start_of_a_line_speaks_to_that_member(family: Any, coder: Any) -> None:
    session = SimulatedSession(family, coder, seed=0)
    practitioner = session.say(f"Mark, {OPEN}")[0]
    assert practitioner.addressed == "mark"
    assert session.addressed == "mark"


@pytest.mark.parametrize(
    ("typed", "member", "coded_text"),
    [
        (f"@leanne {OPEN}", "leanne", OPEN),
        (f"@Leanne, {OPEN}", "leanne", OPEN),
        (f"@LEANNE: {OPEN}", "leanne", OPEN),
        (f"@jay {OPEN}", "jay", OPEN),
        (f"{OPEN} @mark", "mark", OPEN),
    ],
)
def test_at_name_picks_the_member_and_is_not_coded(
    family: Any, coder: Any, typed: str, member: str, coded_text: str
) -> None:
    session = SimulatedSession(family, coder, seed=0)
    practitioner, reply, *_ = session.say(typed)
    assert practitioner.addressed == member
    # what was said is kept; an address at the start says who it was for (issue 18)
    assert practitioner.text == (coded_text if typed.startswith("@") else typed)
    assert practitioner.coded is not None and practitioner.coded.text == coded_text
    assert reply.speaker == member


def test_the_interface_can_pick_the_member_without_a_tag(family: Any, coder: Any) -> None:
    session = SimulatedSession(family, coder, seed=0)
    assert session.say(OPEN, addressed="jay")[0].addressed == "jay"


def test_an_unknown_name_is_a_clear_mistake_not_a_crash(family: Any, coder: Any) -> None:
    session = SimulatedSession(family, coder, seed=0)
    with pytest.raises(ValueError, match=r"Nobody called '@gran'.*Leanne \(@leanne\)"):
        session.say(f"@gran {OPEN}")
    assert len(session.transcript.turns) == 2  # nothing was added


@pytest.mark.parametrize("typed", ["", "   ", "\n\t "])
def test_an_empty_line_is_a_clear_mistake(single: Any, coder: Any, typed: str) -> None:
    session = SimulatedSession(single, coder, seed=0)
    with pytest.raises(ValueError, match="nothing to code"):
        session.say(typed)
    assert len(session.transcript.turns) == 1
    assert session.turn_number == 0


def test_a_name_on_its_own_is_not_a_turn(family: Any, coder: Any) -> None:
    session = SimulatedSession(family, coder, seed=0)
    with pytest.raises(ValueError, match="after @leanne"):
        session.say("@leanne ")


HUGE_PASTE = ("The school rang about Tia and the missed meeting. " * 2100)[:100_000]


def test_a_huge_paste_is_kept_whole(single: Any, coder: Any) -> None:
    session = SimulatedSession(single, coder, seed=0)
    practitioner, reply = session.say(HUGE_PASTE)
    assert practitioner.text == HUGE_PASTE
    assert reply.speaker == "dean"


@pytest.mark.perf
def test_a_huge_paste_does_not_stall(single: Any, coder: Any) -> None:
    session = SimulatedSession(single, coder, seed=0)
    start = time.perf_counter()
    session.say(HUGE_PASTE)
    assert time.perf_counter() - start < 2.0  # nothing quadratic (generous for busy CI)


# -- ends -------------------------------------------------------------------------------


def test_pushing_too_hard_makes_a_lone_parent_walk_out(single: Any, coder: Any) -> None:
    session = SimulatedSession(single, coder, seed=0)
    for _ in range(6):
        if session.finished:
            break
        session.say(CONFRONT)
    assert session.finished
    assert session.end_reason == END_WALK_OUT
    walk_out, left = session.transcript.turns[-2:]
    assert walk_out.speaker == "dean" and walk_out.text == "Forget it. I'm off."
    assert walk_out.talk_type == TalkType.DISCORD
    assert left.event == END_WALK_OUT and left.text == "Dean leaves the room."
    assert session.transcript.end_reason == END_WALK_OUT
    with pytest.raises(SessionOver):
        session.say(OPEN)


CLOSINGS = {"Cheers. That helped, actually.", "Right. See you."}  # Dean's, in the fixture


def test_the_session_ends_at_the_turn_limit(single: Any, coder: Any) -> None:
    session = SimulatedSession(single, coder, seed=0)
    for _ in range(6):  # the fixture's turn_limit
        session.say(OPEN)
    assert session.finished and session.end_reason == END_TURN_LIMIT
    goodbye, last = session.transcript.turns[-2:]
    assert last.speaker == "dean" and last.event == END_TURN_LIMIT
    assert "limit of 6" in last.text
    # time running out is not a walk-out: Dean still says goodbye in his own words first
    assert goodbye.speaker == "dean" and goodbye.event is None
    assert goodbye.text in CLOSINGS


@pytest.mark.parametrize(
    ("lines", "closing"),
    [
        ([REFLECT_CHANGE, REFLECT, REFLECT_CHANGE, OPEN], "Cheers. That helped, actually."),
        ([PERSUADE], "Right. See you."),
    ],
)
def test_ending_the_session_brings_a_closing_line_that_fits_the_mood(
    single_data: dict, scenario_from: Any, coder: Any, lines: list[str], closing: str
) -> None:
    single_data["members"][0]["start"]["rapport"] = 0.45
    session = SimulatedSession(scenario_from(single_data), coder, seed=0)
    for line in lines:
        session.say(line)
    new = session.end()
    assert [t.text for t in new] == [closing, "Session ended by the practitioner."]
    assert new[-1].event == END_BY_PRACTITIONER and new[-1].speaker == "dean"
    assert session.finished and session.end_reason == END_BY_PRACTITIONER
    assert session.end() == []


# -- family scenes --------------------------------------------------------------------


def test_a_partner_interrupts_when_mum_is_confronted(family: Any, coder: Any) -> None:
    session = SimulatedSession(family, coder, seed=0)
    new = session.say(f"@leanne {CONFRONT}")
    speakers = [t.speaker for t in new]
    assert speakers[:2] == [PRACTITIONER, "leanne"]
    assert "mark" in speakers
    mark = next(t for t in new if t.speaker == "mark")
    assert mark.text in ("Don't talk to her like that.", "Hang on, that's out of order.")
    assert mark.talk_type == TalkType.DISCORD
    assert session.addressed == "leanne"  # his interjection does not move the selector


def test_an_interjection_rests_before_it_can_fire_again(family: Any, coder: Any) -> None:
    session = SimulatedSession(family, coder, seed=0)
    first = session.say(f"@leanne {PERSUADE}")
    second = session.say(f"@leanne {PERSUADE}")
    assert any(t.speaker == "mark" for t in first)
    assert not any(t.speaker == "mark" for t in second)


def test_each_member_keeps_their_own_state(family: Any, coder: Any) -> None:
    session = SimulatedSession(family, coder, seed=0)
    mark_before = session.state("mark")
    for line in (REFLECT_CHANGE, "The rent worries sit behind a lot of the drinking.", OPEN):
        session.say(f"@leanne {line}")
    assert session.state("leanne")["readiness"] > 0.2
    assert session.state("mark")["readiness"] == mark_before["readiness"]


def test_a_teenager_storms_off_and_the_session_goes_on(family: Any, coder: Any) -> None:
    session = SimulatedSession(family, coder, seed=0)
    for _ in range(4):
        session.say(f"@leanne {CONFRONT}")
        if "jay" not in session.present:
            break
    assert "jay" not in session.present
    jay = [t for t in session.transcript.turns if t.speaker == "jay"]
    assert [t.text for t in jay] == ["I'm going out.", "Jay leaves the room."]
    assert jay[-1].event == END_WALK_OUT
    assert not session.finished
    with pytest.raises(ValueError, match="Jay has left the room"):
        session.say(f"@jay {OPEN}")


def test_the_session_ends_when_nobody_is_left_in_the_room(family: Any, coder: Any) -> None:
    session = SimulatedSession(family, coder, seed=0)
    for _ in range(30):
        if session.finished:
            break
        target = session.present[0]
        session.say(f"@{target} {CONFRONT}")
    assert session.finished and session.end_reason == END_WALK_OUT
    assert session.present == []
    assert session.transcript.turns[-1].event == END_WALK_OUT


def test_interjections_follow_the_seeded_chance(family: Any, coder: Any) -> None:
    """Jay backs his mum up after an affirmation about half the time (chance 0.5)."""
    line = "You've kept Ellie fed and happy through a really hard year."
    backed = 0
    for seed in range(40):
        session = SimulatedSession(family, coder, seed=seed)
        new = session.say(f"@leanne {line}")
        backed += any(t.text == "She is a good mum, actually." for t in new)
    assert 8 <= backed <= 32


# -- determinism ------------------------------------------------------------------------

SCRIPT = [
    f"@leanne {OPEN}",
    REFLECT,
    "@leanne What worries you most about the money?",
    "@mark It sounds like the evenings are the hardest part.",
    "@leanne The rent worries sit behind a lot of the drinking.",
    "@leanne You've kept Ellie fed and happy through a really hard year.",
    "@jay What would make this week a bit easier?",
    "@leanne You need to stop drinking.",
    "@leanne The wine helps you switch off, and it's making the mornings harder.",
]


def _play(scenario: Any, coder: Any, seed: int) -> dict[str, Any]:
    session = SimulatedSession(scenario, coder, seed=seed, clock=lambda: None)
    for line in SCRIPT:
        if not session.finished:
            session.say(line)
    session.end()
    return session.transcript.to_dict()


@pytest.mark.parametrize("seed", [0, 1, 42])
def test_same_scenario_seed_and_script_give_the_same_transcript(
    family: Any, coder: Any, seed: int
) -> None:
    assert _play(family, coder, seed) == _play(family, coder, seed)


def test_different_seeds_give_different_sessions(family: Any, coder: Any) -> None:
    texts = {tuple(t["text"] for t in _play(family, coder, seed)["turns"]) for seed in range(6)}
    assert len(texts) > 1


def test_a_scenario_given_as_plain_data_is_refused_with_how_to_load_it(
    family: Any, family_data: dict, coder: Any
) -> None:
    with pytest.raises(TypeError, match="not a dict") as refused:
        SimulatedSession(family_data, coder, seed=0)
    assert "load_playable(path)" in str(refused.value)
    assert "Scenario.model_validate(data)" in str(refused.value)
    with pytest.raises(TypeError, match="not a dict"):
        compile_scenario(family_data)
    with pytest.raises(TypeError, match="not a str"):  # a path is not a scenario either
        SimulatedSession(str(family.source_path), coder, seed=0)


def test_a_typo_in_a_tweaked_scenario_is_a_validation_error_not_a_silent_default(
    single_data: dict, scenario_from: Any
) -> None:
    single_data["members"][0]["leave_at_discrod"] = 0.5
    with pytest.raises(ScenarioError, match="leave_at_discrod"):
        scenario_from(single_data)


def test_a_validated_copy_of_the_fixture_plays_exactly_like_the_fixture(
    family: Any, family_data: dict, scenario_from: Any, coder: Any
) -> None:
    """What the tests that tweak plain data build is what the app would have loaded."""
    file_run = _play(family, coder, 5)
    data_run = _play(scenario_from(family_data), coder, 5)
    assert file_run.pop("scenario_hash") != data_run.pop("scenario_hash")  # another file
    assert file_run == data_run


# -- anything a user can type -----------------------------------------------------------


class _AnyTextCoder:
    """Codes every line as a reflection: enough to push arbitrary text through the engine."""

    def code(self, text: str, previous_client_line: str | None = None) -> Any:
        from mi_trainer.coding.codes import Code
        from mi_trainer.coding.result import CodedSentence, CodedUtterance

        return CodedUtterance(text, Code.REFLECTION_SIMPLE, (CodedSentence(text, Code.OTHER),))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.text(max_size=200), min_size=1, max_size=8))
def test_any_unicode_text_is_a_turn_or_a_clear_mistake(family: Any, lines: list[str]) -> None:
    session = SimulatedSession(family, _AnyTextCoder(), seed=0)
    for line in lines:
        if session.finished:
            break
        count = len(session.transcript.turns)
        try:
            new = session.say(line)
        except ValueError as err:
            assert str(err)  # a message for the user
            assert len(session.transcript.turns) == count  # and nothing half-done
            continue
        assert new[0].text == line and new[0].speaker == PRACTITIONER


@pytest.mark.parametrize(
    "typed", ["Email me at sam@council.gov.uk", "See you @ 10", "Shall we say @10am?"]
)
def test_an_at_sign_that_is_not_a_name_is_just_text(family: Any, typed: str) -> None:
    session = SimulatedSession(family, _AnyTextCoder(), seed=0)
    practitioner = session.say(typed)[0]
    assert practitioner.coded is not None and practitioner.coded.text == typed


def test_the_engine_fixtures_validate_cleanly_under_strict() -> None:
    from mi_trainer.scenarios import validate_paths

    fixtures = Path(__file__).resolve().parent / "fixtures"
    assert validate_paths([fixtures], ENGINE, strict=True) == []


def test_every_turn_has_a_known_speaker_a_talk_type_or_codes_and_a_state_after(
    family: Any, coder: Any
) -> None:
    """Other layers can rely on the shape, events included (play --json shows it)."""
    session = SimulatedSession(family, coder, seed=2)
    for line in (f"@leanne {CONFRONT}", f"@leanne {CONFRONT}", f"@mark {OPEN}", REFLECT):
        if not session.finished:
            session.say(line)
    session.end()
    members = set(session.transcript.members)
    assert any(t.event for t in session.transcript.turns)
    for turn in session.transcript.turns:
        assert turn.speaker == PRACTITIONER or turn.speaker in members
        if turn.speaker == PRACTITIONER:
            assert turn.coded is not None and turn.coded.codes
        else:
            assert turn.talk_type in tuple(TalkType)
        assert turn.state_after is not None
    # Events are narrative: never counted as what a family member said.
    assert all(t.event is None for t in session.transcript.client_turns())


def test_a_partner_bristles_when_mum_is_confronted_even_before_he_speaks(
    family_data: dict, scenario_from: Any, coder: Any
) -> None:
    family_data["interjections"] = []  # only the bystander effect
    session = SimulatedSession(scenario_from(family_data), coder, seed=0)
    mark_before = session.state("mark")
    session.say(f"@leanne {CONFRONT}")
    mark_after = session.state("mark")
    assert mark_after["discord"] > mark_before["discord"]
    assert mark_after["rapport"] < mark_before["rapport"]
    assert mark_after["readiness"] == mark_before["readiness"]  # not his change to make


def test_after_mum_walks_out_untagged_lines_go_to_someone_still_in_the_room(
    family_data: dict, scenario_from: Any, coder: Any
) -> None:
    family_data["interjections"] = []
    session = SimulatedSession(scenario_from(family_data), coder, seed=0)
    while "leanne" in session.present:
        session.say(f"@leanne {CONFRONT}")
    assert not session.finished
    assert session.addressed in session.present
    practitioner = session.say(OPEN)[0]
    assert practitioner.addressed in ("mark", "jay")
