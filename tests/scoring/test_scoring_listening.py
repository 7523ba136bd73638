"""What a reflection is worth when the text check cannot match it, and who does the talking.

A reflection in the worker's own words that stays on what the conversation is about is not
shown to be wrong: it counts half unless the person's next line says it missed. One about
nothing anybody has said counts nothing. In an evoking conversation the person does most of the
talking: beyond half of the words, the worker's share costs the evoking part.
"""

from __future__ import annotations

from pathlib import Path

from mi_trainer.coding.codes import Code, TalkType
from mi_trainer.scoring import score_transcript

ASKED = ("p", "How are the mornings at the moment?", Code.QUESTION_OPEN)
ANSWER = ("c", "Tyler won't get up and the school keep ringing me.", TalkType.NEUTRAL)
OWN_WORDS = ("p", "The mornings go on forever.", Code.REFLECTION_COMPLEX)


def _part(score, key: str) -> float | None:
    return next(p.value for p in score.parts if p.key == key)


def test_a_reflection_on_the_topic_in_other_words_counts_half(session) -> None:
    score = score_transcript(
        session(ASKED, ANSWER, OWN_WORDS, ("c", "Every single day.", TalkType.NEUTRAL))
    )
    assert score.summary["reflections"].value == 0.5
    assert _part(score, "non_adherent") == 1.0
    note = next(f for f in score.feedback if f.turn_index == 2).note
    assert "counts half" in note


def test_the_same_reflection_met_with_puzzlement_counts_nothing_and_is_not_listening(
    session,
) -> None:
    score = score_transcript(
        session(ASKED, ANSWER, OWN_WORDS, ("c", "What do you mean?", TalkType.NEUTRAL))
    )
    assert score.summary["reflections"].value == 0.0
    assert _part(score, "non_adherent") < 1.0
    assert "not listening" in " ".join(score.globals["empathy"].basis)


def test_a_reflection_about_nothing_anybody_said_counts_nothing(session) -> None:
    score = score_transcript(
        session(
            ASKED,
            ANSWER,
            ("p", "You feel banana.", Code.REFLECTION_SIMPLE),
            ("c", "Anyway, he was late again today.", TalkType.NEUTRAL),
        )
    )
    assert score.summary["reflections"].value == 0.0


def test_a_reflection_in_their_words_counts_in_full(session) -> None:
    score = score_transcript(
        session(ASKED, ANSWER, ("p", "Tyler won't get up for school.", Code.REFLECTION_SIMPLE))
    )
    assert score.summary["reflections"].value == 1.0


def test_talk_time_is_the_workers_share_of_the_words(session) -> None:
    score = score_transcript(
        session(
            ("p", "What would help in the mornings?", Code.QUESTION_OPEN),
            ("c", "My sister could take him on Mondays.", TalkType.CHANGE),
        )
    )
    talk = score.summary["talk_time"]
    assert talk.value == 46.2  # 6 words of 13
    assert talk.display == "46.2%"
    assert "6 words said by the worker, 7 words by the family" in talk.note
    assert _part(score, "evoking") == 1.0  # the person said more: no cost


def test_the_worker_doing_most_of_the_talking_costs_the_evoking_part(session) -> None:
    long_question = (
        "I wanted to ask you, because the school has been in touch with us a few times now and "
        "I know that mornings can be hard, what do you think would help?"
    )
    score = score_transcript(
        session(
            ("p", long_question, Code.QUESTION_OPEN), ("c", "His dad, maybe.", TalkType.NEUTRAL)
        )
    )
    talk = score.summary["talk_time"].value
    assert talk > 90
    assert "costs the evoking part" in score.summary["talk_time"].note
    assert score.summary["evoking"].value == 1.0  # every turn evokes...
    expected = max(0.0, 1.0 - 2 * (talk / 100 - 0.5))
    assert abs(_part(score, "evoking") - round(expected, 3)) < 0.002  # ...but the worker told


def test_an_empty_session_has_no_talk_time(session) -> None:
    score = score_transcript(session())
    assert score.summary["talk_time"].value is None
    assert score.summary["talk_time"].display == "n/a"


def test_saying_nothing_earns_nothing_for_avoiding_the_righting_reflex(session) -> None:
    lines = []
    for i, encourager in enumerate(("Mm.", "Okay.", "Right.", "Mm-hmm.", "Okay.")):
        lines += [("c", f"I keep worrying about thing number {i}.", TalkType.CHANGE)]
        lines += [("p", encourager, Code.OTHER)]
    score = score_transcript(session(*lines))
    assert _part(score, "non_adherent") is None
    assert score.overall <= 40
    # One turn that does something makes the part count again, over the turns that acted.
    acted = score_transcript(session(*lines, ("p", "What would help?", Code.QUESTION_OPEN)))
    assert _part(acted, "non_adherent") == 1.0


def test_minimal_encouragers_do_not_thin_the_shares_the_globals_rest_on(session) -> None:
    from tests.scoring.conftest import said_back, voiced

    lines = []
    for i in range(4):
        lines += [("c", voiced(i), TalkType.NEUTRAL), ("p", said_back(i), Code.REFLECTION_SIMPLE)]
    with_mm = []
    for line in lines:
        with_mm.append(line)
        if line[0] == "p":
            with_mm += [("c", "And another thing.", TalkType.NEUTRAL), ("p", "Mm-hmm.", Code.OTHER)]
    plain, quiet = score_transcript(session(*lines)), score_transcript(session(*with_mm))
    for key in ("empathy", "partnership", "cct"):
        assert quiet.globals[key].value == plain.globals[key].value, key
    assert any("4 turns of only" in b for b in quiet.globals["empathy"].basis)
    assert not any("of only" in b for b in plain.globals["empathy"].basis)


def test_a_reflection_borrowing_their_words_that_they_say_missed_counts_nothing(session) -> None:
    said = ("c", "The school keep ringing me about Tyler.", TalkType.NEUTRAL)
    nonsense = ("p", "So the school is a spaceship.", Code.REFLECTION_SIMPLE)
    score = score_transcript(session(said, nonsense, ("c", "What? No.", TalkType.NEUTRAL)))
    assert score.summary["reflections"].value == 0.0
    assert "; turn 1 counted less" in score.summary["reflections"].note  # one turn: singular
    assert _part(score, "non_adherent") == 0.0  # not listening, like the righting reflex
    # Discord alone after a reflection that fits is not held against it.
    fits = ("p", "The school keep ringing you about Tyler.", Code.REFLECTION_SIMPLE)
    pushed = score_transcript(
        session(said, fits, ("c", "So what? It's my business.", TalkType.DISCORD))
    )
    assert pushed.summary["reflections"].value == 1.0
    assert _part(pushed, "non_adherent") == 1.0


def _voice_lines(key: str) -> list[str]:
    """Every line the simulated members say for ``key`` (the engine's defaults and each
    scenario's own voice), from the YAML files as shipped."""
    import yaml

    root = Path(__file__).resolve().parents[2]
    lines: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == key and isinstance(v, list):
                    lines.extend(str(x) for x in v if isinstance(x, str))
                else:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    files = [root / "mi_trainer" / "simulation" / "default_rules.yaml"]
    files += sorted((root / "scenarios").glob("*.yaml"))
    for path in files:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return lines


def test_the_score_hears_every_way_a_simulated_member_says_a_reflection_missed() -> None:
    # The engine answers a reflection that fits nothing they said with a "misheard" line; the
    # score must read that line as the person saying it missed, or the two would disagree.
    from mi_trainer.scoring.facts import says_missed
    from mi_trainer.transcript import Turn

    lines = _voice_lines("misheard")
    assert len(lines) >= 8
    unheard = [line for line in lines if not says_missed(Turn(0, "kerry", line))]
    assert not unheard, unheard
