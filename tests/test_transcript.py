"""The session record survives a round trip through its dictionary form."""

from __future__ import annotations

from mi_trainer.coding.codes import Code, Reflected, TalkType
from mi_trainer.coding.result import CodedSentence, CodedUtterance
from mi_trainer.transcript import PRACTITIONER, Transcript, Turn


def test_transcript_round_trip_keeps_codes_cues_and_state() -> None:
    coded = CodedUtterance(
        text="You're worried about the conference. What matters most to you?",
        code=Code.REFLECTION_COMPLEX,
        sentences=(
            CodedSentence(
                "You're worried about the conference.", Code.REFLECTION_COMPLEX, ("feeling word",)
            ),
            CodedSentence(
                "What matters most to you?", Code.QUESTION_OPEN, ("starts with a wh-word",)
            ),
        ),
        reflects=Reflected.SUSTAIN,
    )
    transcript = Transcript(
        turns=[
            Turn(0, PRACTITIONER, coded.text, coded=coded, addressed="mum"),
            Turn(
                1,
                "mum",
                "I just want them home.",
                talk_type=TalkType.CHANGE,
                state_after={"rapport": 0.4},
            ),
        ],
        scenario_id="mum-drinking",
        seed=3,
    )
    again = Transcript.from_dict(transcript.to_dict())
    assert again == transcript
    assert again.turns[0].to_dict()["codes"] == ["reflection_complex", "question_open"]
    assert [t.speaker for t in again.client_turns()] == ["mum"]
