"""The trainer's tools: `mi-trainer new` scaffolds, `mi-trainer schema` feeds the editor."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mi_trainer.cli.main import main
from mi_trainer.scenarios import load_scenario, validate_paths
from mi_trainer.scenarios.models import Scenario
from mi_trainer.scenarios.scaffold import scaffold
from mi_trainer.scenarios.schema import include_json_schema, scenario_json_schema
from mi_trainer.scenarios.vocab import DarnCat, Family, Intent, Stage
from mi_trainer.simulation.rules import engine_defaults

ENGINE = engine_defaults()  # the engine's defaults the checks compare with

DOCS = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"


# -- mi-trainer new ---------------------------------------------------------------------------


@pytest.mark.parametrize("members", [1, 2, 3, 4])
def test_a_new_scenario_validates_cleanly_under_strict(
    members: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "dad-before-conference", "--members", str(members)]) == 0
    path = tmp_path / "scenarios" / "dad-before-conference.yaml"
    assert [str(d) for d in validate_paths([path], ENGINE, strict=True)] == []
    scenario = load_scenario(path, ENGINE)
    assert scenario.id == "dad-before-conference"
    assert len(scenario.members) == members
    assert len(scenario.interjections) == members - 1


def test_a_new_scenario_is_commented_for_the_trainer() -> None:
    text = scaffold("nan-and-grandson")
    comments = [line for line in text.splitlines() if "#" in line]
    assert len(comments) >= 40
    assert "# yaml-language-server: $schema=" in text
    assert "mi-trainer validate --strict nan-and-grandson.yaml" in text


def test_new_writes_into_a_given_folder_or_file(tmp_path: Path) -> None:
    assert main(["new", "in-folder", "--output", str(tmp_path)]) == 0
    assert (tmp_path / "in-folder.yaml").is_file()
    assert main(["new", "as-file", "--output", str(tmp_path / "sub" / "x.yaml")]) == 0
    assert (tmp_path / "sub" / "x.yaml").is_file()


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("my precious work\n")
    assert main(["new", "mine", "--output", str(path)]) == 1
    assert path.read_text() == "my precious work\n"
    assert "already exists; nothing was overwritten" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["new", "Dad Before Conference"],
            "'Dad Before Conference' is not a valid scenario id: "
            "use lower-case letters, digits and hyphens, e.g. 'dad-before-conference'",
        ),
        (["new", "kerry--visit"], "not a valid scenario id"),
        (["new", "ok-id", "--members", "0"], "--members must be between 1 and 4, not 0"),
        (["new", "ok-id", "--output", "notes.txt"], "scenario files end in .yaml"),
    ],
)
def test_new_explains_a_bad_request(
    argv: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not (tmp_path / "scenarios").exists()


# -- mi-trainer schema --------------------------------------------------------------------------


def _properties(schema: dict) -> list[tuple[str, str, dict]]:
    found = []
    for name, definition in schema.get("$defs", {}).items():
        for prop, body in definition.get("properties", {}).items():
            found.append((name, prop, body))
    for prop, body in schema.get("properties", {}).items():
        found.append(("Scenario", prop, body))
    return found


@pytest.mark.parametrize("schema", [scenario_json_schema(), include_json_schema()])
def test_every_field_has_help_for_the_editor(schema: dict) -> None:
    missing = [(m, p) for m, p, body in _properties(schema) if not body.get("description")]
    assert missing == []


def test_the_schema_knows_the_vocabulary_and_the_required_keys() -> None:
    schema = scenario_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) == {"schema_version", "id", "title", "members"}
    assert schema["properties"]["schema_version"]["const"] == 1
    defs = schema["$defs"]
    assert defs["Scenario" if "Scenario" in defs else "Member"]["additionalProperties"] is False
    for enum, name in ((Stage, "Stage"), (Intent, "Intent"), (DarnCat, "DarnCat")):
        assert defs[name]["enum"] == [str(e) for e in enum]
    families = defs["Condition"]["properties"]["families"]["anyOf"]
    assert families[0]["enum"] == [str(f) for f in Family]
    closing = defs["Member"]["properties"]["closing"]["anyOf"]
    assert closing[0]["type"] == "string"
    opening = defs["Member"]["properties"]["opening"]["anyOf"]
    assert [form.get("type") for form in opening[:2]] == ["string", "array"]
    assert {"$ref": "#/$defs/OpeningLine"} in opening
    assert defs["OpeningLine"]["required"] == ["say"]


def test_the_schema_command_prints_or_writes_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(scenario_json_schema()))
    target = tmp_path / ".vscode" / "scenario.schema.json"
    assert main(["schema", "--output", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == printed
    assert main(["schema", "--include", "-o", str(tmp_path / "inc.json")]) == 0
    assert "response_sets" in json.loads((tmp_path / "inc.json").read_text())["properties"]


# -- docs/authoring.md ----------------------------------------------------------------------------


def _worked_example() -> str:
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(r"<!-- worked-example -->\s*```yaml\n(.*?)```", text, re.DOTALL)
    assert match, "docs/authoring.md marks its worked example"
    return match.group(1)


def test_the_worked_example_in_the_guide_validates_under_strict(tmp_path: Path) -> None:
    path = tmp_path / "bedtimes-and-bottles.yaml"
    path.write_text(_worked_example(), encoding="utf-8")
    assert [str(d) for d in validate_paths([path], ENGINE, strict=True)] == []
    scenario = load_scenario(path, ENGINE)
    assert len(scenario.members) == 2
    assert scenario.interjections


def test_the_guide_documents_every_key_of_the_format() -> None:
    text = DOCS.read_text(encoding="utf-8")
    models = [Scenario]
    seen: set[type] = set()
    keys: set[str] = set()
    while models:
        model = models.pop()
        if model in seen:
            continue
        seen.add(model)
        keys |= set(model.model_fields)
        for field in model.model_fields.values():
            for arg in re.findall(r"\b([A-Z]\w+)\b", str(field.annotation)):
                candidate = getattr(
                    __import__("mi_trainer.scenarios.models").scenarios.models, arg, None
                )
                if isinstance(candidate, type) and hasattr(candidate, "model_fields"):
                    models.append(candidate)
    undocumented = sorted(
        k
        for k in keys
        if f"`{k}`" not in text and k not in ("raw", "lo", "hi", "lo_strict", "hi_strict")
    )
    assert undocumented == []


def test_the_typo_shown_in_the_guide_is_what_validate_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = DOCS.read_text(encoding="utf-8")
    shown = re.search(r"^(scenarios/bedtimes-and-bottles\.yaml:\d+:\d+: error: .*)$", text, re.M)
    assert shown
    (tmp_path / "scenarios").mkdir()
    broken = _worked_example().replace("    responses:", "    respones:", 1)
    (tmp_path / "scenarios" / "bedtimes-and-bottles.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "scenarios/bedtimes-and-bottles.yaml"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == shown.group(1)


def test_a_new_scenario_has_facts_its_members_answer_from(tmp_path: Path) -> None:
    from mi_trainer.simulation import SimulatedSession
    from mi_trainer.simulation.loading import make_coder

    path = tmp_path / "new-one.yaml"
    path.write_text(scaffold("new-one", 2), encoding="utf-8")
    scenario = load_scenario(path, ENGINE)
    assert scenario.facts is not None and scenario.facts.household
    session = SimulatedSession(scenario, make_coder(), seed=1, clock=lambda: None)
    reply = session.say("How old is Riley?", addressed="alex")[-1]
    assert "eight" in reply.text.lower()
    reply = session.say("Why did the school get in touch?", addressed="sam")[-1]
    assert "school" in reply.text.lower()


def test_a_scenario_without_facts_gets_a_warning_that_says_how_to_add_them(
    tmp_path: Path,
) -> None:
    text = scaffold("no-facts", 1)
    path = tmp_path / "no-facts.yaml"
    path.write_text(text[: text.index("\n# Facts:")] + "\n", encoding="utf-8")
    lenient = [str(d) for d in validate_paths([path], ENGINE)]
    assert len(lenient) == 1
    message = lenient[0]
    assert message.startswith(f"{path}:") and ": warning: no `facts:` block" in message
    for needed in ("Alex", "household", "children", "referral", "docs/authoring.md"):
        assert needed in message
    strict = [str(d) for d in validate_paths([path], ENGINE, strict=True)]
    assert len(strict) == 1 and ": error: no `facts:` block" in strict[0]
