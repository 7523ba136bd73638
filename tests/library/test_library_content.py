"""What every bundled scenario must hold, read straight from the trainer's YAML.

The library promise (issue 9): at least 80 authored client lines, every one labelled with
its talk type; lines for several stages of readiness; at least two disclosures that only
trust unlocks; acceptable plans gated on preparation; openers, good and poor endings and
walk-outs; a reaction to directive practice and to good practice; something to say to any
kind of practitioner turn; interjections in family scenes; British English; valid under
`mi-trainer validate --strict`; listed in docs/scenarios.md for trainers.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest
import yaml

from mi_trainer.paths import PROJECT_DIR, bundled_scenarios_dir
from mi_trainer.simulation.rules import engine_defaults

ENGINE = engine_defaults()  # the engine's defaults the checks compare with

PATHS = sorted(p for p in bundled_scenarios_dir().glob("*.yaml") if not p.name.startswith("_"))
IDS = [p.stem for p in PATHS]
TALK = {"change", "sustain", "neutral", "discord", "disclosure"}
INTENTS = {"deny", "downplay", "blame", "engage", "inform", "hesitate", "acknowledge", "plan"}
DARN_CAT = {"desire", "ability", "reason", "need", "commitment", "activation", "taking_steps"}
FAMILIES = ("question", "reflection", "directive", "adherent", "information", "other")
FAMILY_OF = {
    "question_open": "question",
    "question_closed": "question",
    "reflection_simple": "reflection",
    "reflection_complex": "reflection",
    "persuade": "directive",
    "confront": "directive",
    "affirm": "adherent",
    "seeking_collaboration": "adherent",
    "emphasizing_autonomy": "adherent",
    "giving_information": "information",
    "persuade_with_permission": "information",
    "other": "other",
}
STATE_KEYS = ("rapport", "openness", "readiness", "discord", "stage", "disclosed", "turn")


@cache
def scenario(scenario_id: str) -> dict[str, Any]:
    path = bundled_scenarios_dir() / f"{scenario_id}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def variants(say: Any) -> list[str]:
    """The texts of a line: plain text, a list of variants, or a labelled {say: …} line."""
    if isinstance(say, dict):
        say = say.get("say") or []
    return [say] if isinstance(say, str) else list(say)


def labelled_items(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every authored client line that carries its own labels (all but openers/walk-outs)."""
    items: list[dict[str, Any]] = []
    for rs in (data.get("response_sets") or {}).values():
        items += rs
    for member in data["members"]:
        for key in ("closing", "responses", "disclosures", "plans"):
            items += [i for i in member.get(key) or [] if isinstance(i, dict)]
    items += data.get("interjections") or []
    return items


def line_count(data: dict[str, Any]) -> int:
    """Authored client lines, each variant of a `say` list counted as a line."""
    count = sum(len(variants(i["say"])) for i in labelled_items(data))
    for member in data["members"]:
        count += len(variants(member.get("opening") or []))
        count += len(variants(member.get("walk_out") or []))
    return count


def response_sets(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The scenario's own response sets and those of its includes (paths relative to it)."""
    sets = dict(data.get("response_sets") or {})
    for include in data.get("includes") or []:
        path = bundled_scenarios_dir() / include
        sets.update(yaml.safe_load(path.read_text(encoding="utf-8"))["response_sets"])
    return sets


def responses_of(data: dict[str, Any], member: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(member.get("responses") or [])
    for name in member.get("uses") or []:
        found += response_sets(data)[name]
    return found


def answers(response: dict[str, Any], family: str) -> bool:
    when = response.get("when") or {}
    if "families" in when:
        return family in when["families"]
    if "codes" in when:
        return any(FAMILY_OF[c] == family for c in when["codes"])
    return True


def is_fallback(response: dict[str, Any]) -> bool:
    """A line that depends on nothing but the kind of turn: always available."""
    return not set(response.get("when") or {}) - {"families", "codes"}


# ---------------------------------------------------------------------------------------


def test_the_library_ships_the_seven_scenarios_of_issue_9() -> None:
    assert set(IDS) >= {
        "mum-drinking-school-concerns",
        "dad-minimising-before-icpc",
        "couple-new-baby-low-mood",
        "nan-kinship-care",
        "teen-cannabis-missing",
        "dad-neglect-plo-hopeless",
        "manager-recording-behind",
    }
    for path in PATHS:
        assert scenario(path.stem)["id"] == path.stem, "file name and id must match"


@pytest.mark.parametrize("scenario_id", IDS)
def test_full_metadata_and_a_substantial_trainers_debrief(scenario_id: str) -> None:
    data = scenario(scenario_id)
    for key in ("title", "summary", "themes", "difficulty", "setting", "learning_goals"):
        assert data.get(key), key
    assert data["content_notes"]
    assert 1 <= data["difficulty"] <= 5
    assert len(data["learning_goals"]) >= 4
    assert len(data["debrief"].split()) >= 250, "the debrief is what trainers teach from"
    assert "What good practice looks like here" in data["debrief"]
    for member in data["members"]:
        for key in ("name", "role", "age", "persona", "background", "stage", "start"):
            assert member.get(key), (member["id"], key)
        assert len(member["values"]) >= 2 and len(member["reasons_against_change"]) >= 2


@pytest.mark.parametrize("scenario_id", IDS)
def test_at_least_80_authored_lines_every_one_labelled(scenario_id: str) -> None:
    data = scenario(scenario_id)
    assert line_count(data) >= 80
    for item in labelled_items(data):
        assert item.get("talk") in TALK, item["say"]
        assert item.get("intent", "plan") in INTENTS, item["say"]
        assert item.get("darn_cat", "need") in DARN_CAT, item["say"]
    every = [v for i in labelled_items(data) for v in variants(i["say"])]
    assert len(every) == len(set(every)), "the same line twice: make variants genuinely different"


@pytest.mark.parametrize("scenario_id", IDS)
def test_lines_for_every_stage_of_readiness(scenario_id: str) -> None:
    for member in scenario(scenario_id)["members"]:
        stages: set[str] = set()
        early = False
        for r in member.get("responses") or []:
            when = r.get("when") or {}
            stages |= set(when.get("stage") or [])
            early = early or str(when.get("rapport", "")).startswith("<")
        assert {"contemplation", "preparation"} <= stages, member["id"]
        assert early or member["stage"] == "contemplation", member["id"]


@pytest.mark.parametrize("scenario_id", IDS)
def test_at_least_two_disclosures_that_only_trust_unlocks(scenario_id: str) -> None:
    disclosures = [d for m in scenario(scenario_id)["members"] for d in m.get("disclosures") or []]
    assert len(disclosures) >= 2
    for d in disclosures:
        when = d["when"]
        assert float(when["rapport"].split()[-1]) >= 0.45, d["id"]
        assert float(when["openness"].split()[-1]) >= 0.35, d["id"]
        assert "topics" in when or "disclosed" in when, d["id"]
        assert set(when["families"]) <= {"reflection", "question", "adherent"}, d["id"]
        # Safeguarding disclosures (self-harm, suicidal thoughts, harm to a child, violence)
        # are their own talk type; every other disclosure is change talk.
        assert d["talk"] in ("change", "disclosure"), d["id"]
    assert any(d["talk"] == "change" for d in disclosures)


@pytest.mark.parametrize("scenario_id", IDS)
def test_acceptable_plans_only_in_preparation(scenario_id: str) -> None:
    for member in scenario(scenario_id)["members"]:
        plans = member.get("plans") or []
        assert len(plans) >= 2, member["id"]
        for plan in plans:
            assert plan["when"]["stage"] == ["preparation"], plan["id"]
            assert plan["talk"] == "change" and plan["intent"] == "plan", plan["id"]


@pytest.mark.parametrize("scenario_id", IDS)
def test_openers_walk_outs_and_good_and_poor_endings(scenario_id: str) -> None:
    for member in scenario(scenario_id)["members"]:
        assert len(variants(member["opening"])) >= 2, member["id"]
        assert len(variants(member["walk_out"])) >= 2, member["id"]
        closings = member["closing"]
        good = [c for c in closings if ">=" in str((c.get("when") or {}).get("rapport", ""))]
        poor = [c for c in closings if "discord" in (c.get("when") or {})]
        plain = [c for c in closings if not c.get("when")]
        assert good and poor and plain, member["id"]
        assert all(c["talk"] != "discord" for c in good)
        assert all(c["talk"] in ("discord", "sustain") for c in poor)


@pytest.mark.parametrize("scenario_id", IDS)
def test_reactions_to_directive_and_to_mi_consistent_practice(scenario_id: str) -> None:
    for member in scenario(scenario_id)["members"]:
        responses = member.get("responses") or []

        def talk_for(pred: Any, responses: list[dict[str, Any]] = responses) -> set[str]:
            return {r["talk"] for r in responses if pred(r.get("when") or {})}

        directive = talk_for(
            lambda w: (
                "directive" in w.get("families", [])
                or set(w.get("codes", [])) & {"persuade", "confront"}
            )
        )
        closed = talk_for(lambda w: "question_closed" in w.get("codes", []))
        good = talk_for(
            lambda w: (
                set(w.get("families", [])) & {"reflection", "adherent"}
                or w.get("reflects")
                or set(w.get("codes", [])) & {"emphasizing_autonomy", "affirm"}
            )
        )
        assert {"sustain", "discord"} <= directive | closed, member["id"]
        assert closed, member["id"]
        assert "change" in good, member["id"]
        assert any(r.get("when", {}).get("reflects") == ["both"] for r in responses)
        assert any(r.get("when", {}).get("reflects") == ["change"] for r in responses)


@pytest.mark.parametrize("scenario_id", IDS)
def test_every_member_always_has_something_to_say(scenario_id: str) -> None:
    data = scenario(scenario_id)
    for member in data["members"]:
        responses = responses_of(data, member)
        for family in FAMILIES:
            assert any(is_fallback(r) and answers(r, family) for r in responses), (
                member["id"],
                family,
            )


@pytest.mark.parametrize("scenario_id", IDS)
def test_conditions_name_only_known_topics_state_and_lines(scenario_id: str) -> None:
    data = scenario(scenario_id)
    topics = set(data["topics"])
    for keywords in data["topics"].values():
        assert all(k == k.lower() for k in keywords)
    ids = {d["id"] for m in data["members"] for d in m.get("disclosures") or []}
    for item in labelled_items(data) + [
        d for m in data["members"] for d in m.get("disclosures") or []
    ]:
        when = item.get("when") or {}
        assert set(when.get("topics", [])) <= topics, item["say"]
        for key in ("disclosed", "not_disclosed"):
            assert set(when.get(key, [])) <= ids, item["say"]


def test_family_scenes_have_interjections_from_each_member_and_a_teenager_who_can_leave() -> None:
    for scenario_id in IDS:
        data = scenario(scenario_id)
        if len(data["members"]) < 2:
            continue
        speakers = {i["member"] for i in data["interjections"]}
        assert speakers == {m["id"] for m in data["members"]}, scenario_id
    teen = scenario("teen-cannabis-missing")
    assert any(i.get("leaves") and i["member"] == "kai" for i in teen["interjections"])


def test_the_domestic_abuse_scenario_never_puts_the_victim_in_the_room() -> None:
    data = scenario("dad-minimising-before-icpc")
    assert [m["role"] for m in data["members"]] == ["father"]
    assert "not present" in data["setting"]
    debrief = " ".join(data["debrief"].split())
    for point in ("collude", "lecture", "children's experience", "Joint work with a victim"):
        assert point in debrief, point


AMERICANISMS = re.compile(
    r"\b(mom|moms|mommy|color|behavior|favorite|diaper|apartment|vacation|soccer|realize|"
    r"organize|center|neighbor|pediatric|cell phone|gotten|math|candy|sidewalk|stroller)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("scenario_id", IDS)
def test_british_english_throughout(scenario_id: str) -> None:
    text = (bundled_scenarios_dir() / f"{scenario_id}.yaml").read_text(encoding="utf-8")
    assert not AMERICANISMS.findall(text)


@pytest.mark.parametrize("scenario_id", IDS)
def test_valid_under_strict_validation(scenario_id: str) -> None:
    from mi_trainer.scenarios import validate_paths

    path = bundled_scenarios_dir() / f"{scenario_id}.yaml"
    diagnostics = validate_paths([path], ENGINE, strict=True)
    assert [str(d) for d in diagnostics] == []


def test_validate_strict_command_passes_on_the_bundled_library(capsys: Any) -> None:
    from mi_trainer.cli.main import main

    code = main(["validate", "--strict", str(bundled_scenarios_dir())])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err


def test_docs_list_every_scenario_for_trainers() -> None:
    docs = (PROJECT_DIR / "docs" / "scenarios.md").read_text(encoding="utf-8")
    for scenario_id in IDS:
        data = scenario(scenario_id)
        assert f"`{scenario_id}`" in docs, scenario_id
        assert data["title"] in docs, scenario_id
        for goal in data["learning_goals"]:
            assert goal in docs, goal
