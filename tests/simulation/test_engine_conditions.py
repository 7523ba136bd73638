"""The engine's compiled conditions agree with the format's reference evaluation."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mi_trainer.coding.codes import Code, Reflected
from mi_trainer.scenarios.models import Condition as ConditionModel
from mi_trainer.scenarios.vocab import FAMILY_OF, Family, Stage
from mi_trainer.simulation.conditions import TurnContext, compile_condition
from mi_trainer.simulation.rules import Rules
from mi_trainer.simulation.state import MemberState

CODES = [str(c) for c in Code]
TOPICS = ["drinking", "school", "money"]
DISCLOSURES = ["rent-arrears", "blackout"]
comparisons = st.sampled_from(
    ["< 0.5", "<= 0.5", "> 0.3", ">= 0.3", "0.2..0.6", "== 0.5", 0.4, "< 0.35"]
)
conditions = st.fixed_dictionaries(
    {},
    optional={
        "codes": st.lists(st.sampled_from(CODES), max_size=3),
        "families": st.lists(st.sampled_from([str(f) for f in Family]), max_size=2),
        "topics": st.lists(st.sampled_from(TOPICS), max_size=2),
        "reflects": st.lists(st.sampled_from([str(r) for r in Reflected]), max_size=2),
        "rapport": comparisons,
        "openness": comparisons,
        "readiness": comparisons,
        "discord": comparisons,
        "stage": st.lists(st.sampled_from([str(s) for s in Stage]), max_size=2),
        "disclosed": st.lists(st.sampled_from(DISCLOSURES), max_size=2),
        "not_disclosed": st.lists(st.sampled_from(DISCLOSURES), max_size=2),
        "turn": st.sampled_from([">= 3", "1..2", "< 5"]),
    },
)
unit = st.sampled_from([0.0, 0.2, 0.3, 0.35, 0.4, 0.5, 0.6, 0.9, 1.0])


@settings(max_examples=400, deadline=None)
@given(
    when=conditions,
    in_turn=st.booleans(),
    code=st.sampled_from(CODES),
    reflects=st.sampled_from([None, *(str(r) for r in Reflected)]),
    topics=st.lists(st.sampled_from(TOPICS), unique=True, max_size=3),
    turn=st.integers(min_value=1, max_value=8),
    values=st.fixed_dictionaries(
        {"rapport": unit, "openness": unit, "readiness": unit, "discord": unit}
    ),
    stage=st.sampled_from([str(s) for s in Stage]),
    disclosed=st.lists(st.sampled_from(DISCLOSURES), unique=True),
)
def test_compiled_conditions_agree_with_the_reference_evaluation(
    when: dict[str, Any],
    in_turn: bool,
    code: str,
    reflects: str | None,
    topics: list[str],
    turn: int,
    values: dict[str, float],
    stage: str,
    disclosed: list[str],
) -> None:
    model = ConditionModel.model_validate(when)
    state = MemberState(values=dict(values), stage=stage, disclosed=list(disclosed))
    ctx = (
        TurnContext(
            code=code,
            family=Rules.from_scenario_rules(None).family_of[code],
            reflects=reflects,
            topics=frozenset(topics),
            turn=turn,
            addressed=None,
        )
        if in_turn
        else None
    )
    expected = model.matches(
        state={**values, "stage": stage, "disclosed": disclosed},
        code=code if in_turn else None,
        reflects=reflects,
        topics=topics,
        turn=turn,
    )
    assert compile_condition(model).holds(ctx, state) == expected


def test_the_engine_and_the_format_agree_on_code_families() -> None:
    assert Rules.from_scenario_rules(None).family_of == FAMILY_OF
