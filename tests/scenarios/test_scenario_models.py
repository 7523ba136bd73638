"""The scenario models as the engine sees them: parsed conditions, resolved responses, hashes."""

from __future__ import annotations

import hashlib
import math
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mi_trainer.coding.codes import Code, TalkType
from mi_trainer.coding.result import CodedSentence, CodedUtterance
from mi_trainer.scenarios import load_scenario
from mi_trainer.scenarios.loader import Loaded, read_scenario
from mi_trainer.scenarios.models import Comparison, Condition, Scenario
from mi_trainer.simulation.rules import engine_defaults

ENGINE = engine_defaults()  # the engine's defaults the checks compare with

VALID = Path(__file__).parent / "fixtures" / "valid"


# -- comparisons ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "inside", "outside"),
    [
        ("< 0.5", [0.0, 0.49], [0.5, 0.9]),
        ("<= 0.5", [0.5, 0.1], [0.51]),
        ("> 0.3", [0.31, 1.0], [0.3, 0.0]),
        (">= 0.3", [0.3, 0.8], [0.29]),
        ("0.2..0.6", [0.2, 0.6, 0.4], [0.19, 0.61]),
        ("== 0.5", [0.5], [0.49, 0.51]),
        (">=0.7", [0.7], [0.69]),
        (0.6, [0.6, 0.9], [0.59]),  # a bare number means "at least"
        (">= 5", [5, 12], [4]),  # turn numbers
    ],
)
def test_comparisons_as_trainers_write_them(
    written: object, inside: list[float], outside: list[float]
) -> None:
    comparison = Comparison.parse(written)
    assert all(comparison.contains(x) for x in inside)
    assert not any(comparison.contains(x) for x in outside)


@pytest.mark.parametrize(
    "written", ["high", "> ", "0.5 <", "between 0.2 and 0.6", "=> 0.5", True, [0.5]]
)
def test_anything_else_is_not_a_comparison(written: object) -> None:
    with pytest.raises(ValueError, match="comparison"):
        Comparison.parse(written)


@pytest.mark.parametrize(
    ("a", "b", "empty"),
    [
        ("< 0.3", "> 0.5", True),
        ("< 0.5", ">= 0.5", True),
        ("<= 0.5", ">= 0.5", False),
        ("0.2..0.6", "0.5..0.9", False),
        ("0.6..0.4", ">= 0", True),
    ],
)
def test_two_comparisons_together(a: str, b: str, empty: bool) -> None:
    assert Comparison.parse(a).intersect(Comparison.parse(b)).is_empty() is empty


def test_a_comparison_keeps_its_text_and_its_bounds() -> None:
    comparison = Comparison.parse("< 0.5")
    assert (comparison.raw, comparison.op, comparison.lo, comparison.hi) == (
        "< 0.5",
        "<",
        -math.inf,
        0.5,
    )
    assert comparison.hi_strict and not comparison.lo_strict
    assert Comparison.parse("0.2..0.6").op == ".."


# -- conditions ---------------------------------------------------------------------------------

STATE = {
    "rapport": 0.6,
    "openness": 0.4,
    "readiness": 0.2,
    "discord": 0.1,
    "stage": "precontemplation",
    "disclosed": ["night-drinking"],
}


@pytest.mark.parametrize(
    ("when", "turn", "holds"),
    [
        ({}, {"code": "persuade"}, True),
        ({"codes": ["question_open"]}, {"code": "question_open"}, True),
        ({"codes": "question_open"}, {"code": "question_closed"}, False),
        ({"families": ["reflection"]}, {"code": "reflection_complex"}, True),
        ({"families": ["reflection"]}, {"code": "affirm"}, False),
        ({"reflects": ["change"]}, {"code": "reflection_simple", "reflects": "change"}, True),
        ({"reflects": ["change"]}, {"code": "reflection_simple", "reflects": "sustain"}, False),
        ({"topics": ["school", "drinking"]}, {"code": "question_open", "topics": {"school"}}, True),
        ({"topics": ["school"]}, {"code": "question_open", "topics": set()}, False),
        ({"rapport": ">= 0.5"}, {"code": "affirm"}, True),
        ({"rapport": ">= 0.5", "openness": "> 0.4"}, {"code": "affirm"}, False),
        ({"stage": "precontemplation"}, {"code": "other"}, True),
        ({"stage": ["preparation"]}, {"code": "other"}, False),
        ({"disclosed": ["night-drinking"]}, {"code": "other"}, True),
        ({"not_disclosed": ["night-drinking"]}, {"code": "other"}, False),
        ({"turn": ">= 5"}, {"code": "other", "turn": 5}, True),
        ({"turn": "1..3"}, {"code": "other", "turn": 4}, False),
        ({"families": ["question"]}, {"code": None}, False),  # outside a turn (a closing)
        ({"rapport": "> 0.5"}, {"code": None}, True),
    ],
)
def test_a_condition_holds_when_every_key_holds(
    when: dict[str, object], turn: dict[str, object], holds: bool
) -> None:
    condition = Condition.model_validate(when)
    assert condition.matches(state=STATE, **turn) is holds  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("when", "codes"),
    [
        ({}, {str(c) for c in Code}),
        ({"families": ["directive"]}, {"persuade", "confront"}),
        ({"codes": ["persuade", "affirm"], "families": ["directive"]}, {"persuade"}),
        ({"codes": ["persuade"], "families": ["reflection"]}, set()),
        ({"reflects": ["both"]}, {"reflection_simple", "reflection_complex"}),
    ],
)
def test_which_codes_a_condition_can_answer(when: dict[str, object], codes: set[str]) -> None:
    assert Condition.model_validate(when).allowed_codes() == codes


# -- a loaded scenario -----------------------------------------------------------------------


def test_the_example_scenario_loads_with_everything_in_place() -> None:
    scenario = load_scenario(VALID / "two-members.yaml", ENGINE)
    assert scenario.member_ids == ["dani", "lee"]
    dani = scenario.member("dani")
    assert dani.opening is not None
    assert dani.opening.say == ["Come in. Riley's napping, so we'll need to keep our voices down."]
    assert dani.opening.talk == TalkType.NEUTRAL  # plain text
    assert [c.talk for c in dani.closing] == [TalkType.NEUTRAL, TalkType.NEUTRAL]
    assert dani.closing[1].say == ["Okay. Bye, then."]
    assert [r.id for r in dani.resolved_responses][:4] == [
        "dani-open",
        "dani-reflected",
        "dani-told",
        "dani-info",
    ]
    assert dani.resolved_responses[-1].say == ["I don't know.", "Maybe."]
    assert scenario.responses_for("lee")[-1].intent == "hesitate"
    assert scenario.interjections[0].when is not None
    assert scenario.interjections[0].when.addressed == ["dani"]
    raw = (VALID / "two-members.yaml").read_bytes()
    assert scenario.source_hash == hashlib.sha256(raw).hexdigest()
    assert scenario.source_path == VALID / "two-members.yaml"


def test_included_sets_are_merged_and_hashed_with_the_file(tmp_path: Path) -> None:
    shutil.copytree(VALID, tmp_path / "valid")
    path = tmp_path / "valid" / "with-include.yaml"
    include = tmp_path / "valid" / "_shared" / "quiet.yaml"
    scenario = load_scenario(path, ENGINE)
    assert list(scenario.response_sets) == ["quiet-fallbacks"]
    assert scenario.responses_for("robin")[-1].say == ["I don't know."]
    assert scenario.included_files == [path.parent / "_shared/quiet.yaml"]
    expected = hashlib.sha256(path.read_bytes() + include.read_bytes()).hexdigest()
    assert scenario.source_hash == expected
    include.write_text(include.read_text().replace("I don't know.", "No idea."))
    changed = load_scenario(path, ENGINE)
    assert changed.source_hash != expected
    assert changed.responses_for("robin")[-1].say == ["No idea."]


def test_single_words_become_lists_and_comparisons_dump_as_written() -> None:
    scenario = load_scenario(VALID / "with-include.yaml", ENGINE)
    when = scenario.member("robin").responses[0].when
    assert when is not None
    assert when.topics == ["school"] and when.stage == ["contemplation"]
    dumped = load_scenario(VALID / "two-members.yaml", ENGINE).model_dump(mode="json")
    assert dumped["members"][0]["closing"][0]["when"]["rapport"] == ">= 0.5"
    assert Scenario.model_validate(dumped).members[0].closing[0].when is not None


# -- openers ----------------------------------------------------------------------------------

_OPENER = """\
schema_version: 1
id: opener
title: Opener
members:
  - id: kim
    name: Kim
    opening: {opening}
    responses:
      - {{say: "Fine.", talk: neutral}}
"""


def _read_opener(tmp_path: Path, opening: str) -> Loaded:
    path = tmp_path / "opener.yaml"
    path.write_text(_OPENER.format(opening=opening), encoding="utf-8")
    return read_scenario(path)


@pytest.mark.parametrize(
    ("written", "say", "talk", "darn_cat"),
    [
        ('"Come in."', ["Come in."], TalkType.NEUTRAL, None),
        ('["Come in.", "Go on, then."]', ["Come in.", "Go on, then."], TalkType.NEUTRAL, None),
        ('{say: "Hello."}', ["Hello."], TalkType.NEUTRAL, None),
        (
            '{say: "I want this sorted.", talk: change, darn_cat: desire}',
            ["I want this sorted."],
            TalkType.CHANGE,
            "desire",
        ),
        (
            '{say: ["Not again.", "Here we go."], talk: sustain}',
            ["Not again.", "Here we go."],
            TalkType.SUSTAIN,
            None,
        ),
    ],
)
def test_an_opener_is_text_or_a_line_with_its_talk_type(
    tmp_path: Path, written: str, say: list[str], talk: TalkType, darn_cat: str | None
) -> None:
    loaded = _read_opener(tmp_path, written)
    assert loaded.ok, loaded.diagnostics
    assert isinstance(loaded.model, Scenario)
    opening = loaded.model.member("kim").opening
    assert opening is not None
    assert (opening.say, opening.talk, opening.darn_cat) == (say, talk, darn_cat)


@pytest.mark.parametrize(
    ("written", "position", "message"),
    [
        (
            '{say: "Hi.", talk: chnage}',
            (7, 33),
            "unknown talk type 'chnage' — did you mean 'change'? "
            "(one of: change, sustain, neutral, discord, disclosure)",
        ),
        (
            '{say: "Hi.", talk: change, when: {rapport: ">= 0.5"}}',
            (7, 41),
            "unknown key 'when' (allowed here: say, talk, darn_cat, intent)",
        ),
        (
            '[{say: "Hi.", talk: change}]',
            (7, 14),
            "a list under 'opening' holds variants of one line, as text; to label the "
            "opener write it as {say: [...], talk: ...}",
        ),
        (
            "{talk: change}",
            (7, 14),
            "missing required key 'say' in members[1].opening (what the member says)",
        ),
        # the text forms read exactly as they always did
        ("[]", (7, 14), "'opening' needs at least one line"),
        ('["Hi.", ""]', (7, 22), "empty text: write something here or remove the key"),
        ("5", (7, 14), "'opening' expects text, not the number 5 (put it in quotes)"),
    ],
)
def test_a_mistaken_opener_is_explained_where_it_is_written(
    tmp_path: Path, written: str, position: tuple[int, int], message: str
) -> None:
    loaded = _read_opener(tmp_path, written)
    assert [(d.line, d.col, d.message) for d in loaded.diagnostics] == [(*position, message)]


class _TableCoder:
    """Codes a line by its first word, enough to drive the engine."""

    def code(self, text: str, previous_client_line: str | None = None) -> CodedUtterance:
        code = Code.QUESTION_OPEN if text.startswith("What") else Code.PERSUADE
        return CodedUtterance(text=text, code=code, sentences=(CodedSentence(text, code),))


def test_the_engine_plays_a_loaded_scenario() -> None:
    from mi_trainer import simulation

    scenario = load_scenario(VALID / "two-members.yaml", ENGINE)
    session = simulation.SimulatedSession(scenario, _TableCoder(), seed=3)
    assert session.transcript.scenario_hash == scenario.source_hash
    turns = session.say("@dani What are evenings like at the moment?")
    assert turns[1].speaker == "dani"
    assert turns[1].text in (
        "Evenings are hard. Lee's tired, I'm tired, Riley won't settle.",
        "I don't know.",
        "Maybe.",
    )


@settings(max_examples=300, deadline=None)
@given(
    op=st.sampled_from(["<", "<=", ">", ">=", "==", ".."]),
    a=st.integers(min_value=0, max_value=20),
    b=st.integers(min_value=0, max_value=20),
    x=st.integers(min_value=-2, max_value=22),
)
def test_the_engine_reads_every_comparison_as_the_validator_does(
    op: str, a: int, b: int, x: int
) -> None:
    from mi_trainer.simulation import conditions

    text = f"{a / 20}..{b / 20}" if op == ".." else f"{op} {a / 20}"
    ours = Comparison.parse(text)
    engine = conditions.Range.of(ours)  # the engine compiles our parsed object
    assert ours.contains(x / 20) == ((x / 20) in engine)
