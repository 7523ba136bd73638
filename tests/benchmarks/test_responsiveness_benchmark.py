"""`python -m benchmarks.responsiveness`: question files per member, a chosen gaming file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks import responsiveness
from mi_trainer.simulation.loading import bundled_scenario_paths, load_for_play, make_coder

SCRIPTS = {
    "nonsense": ["So the lampshade is your accountant."],
    "polite_closed": ["Is now still a good time?"],
    "confront": ["You are not taking this seriously."],
    "repair": ["I'm sorry, that was unfair of me."],
}


@pytest.fixture(scope="module")
def coder() -> Any:
    return make_coder()


def _scenario(scenario_id: str) -> list[tuple[str, Any]]:
    path = next(p for p in bundled_scenario_paths() if p.stem == scenario_id)
    return [(scenario_id, load_for_play(path))]


def _write(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_a_question_may_name_its_own_member_in_a_family_scene(coder: Any, tmp_path: Path) -> None:
    _write(
        tmp_path / "couple-new-baby-low-mood.yaml",
        {
            "member": "jade",
            "questions": [
                {"ask": "How old is Ellie?", "expect": ["no such answer"]},
                {"ask": "What do you do for work?", "member": "ryan", "expect": ["no such"]},
            ],
        },
    )
    report = responsiveness.answered(coder, _scenario("couple-new-baby-low-mood"), tmp_path)
    assert report["asked"] == 2
    assert [m.split(" ", 2)[1] for m in report["misses"]] == ["@jade", "@ryan"]


def test_gaming_repeats_the_reflection_the_gaming_file_names(coder: Any) -> None:
    line = "You're doing all of this on your own and it's wearing you down."
    scripts = {**SCRIPTS, "repeated": {"mum-drinking-school-concerns": line}}
    report = responsiveness.gaming(coder, _scenario("mum-drinking-school-concerns"), 1, scripts)
    assert report["repeated_lines"] == {"mum-drinking-school-concerns": line}


def test_without_a_named_reflection_the_mi_scripts_first_reflection_is_repeated(
    coder: Any,
) -> None:
    report = responsiveness.gaming(coder, _scenario("mum-drinking-school-concerns"), 1, SCRIPTS)
    (line,) = report["repeated_lines"].values()
    assert coder.code(line).code.startswith("reflection")


def test_the_default_gaming_file_has_every_script() -> None:
    assert isinstance(responsiveness.load_gaming(responsiveness.DATA / "gaming.yaml"), dict)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the gaming file"),
        ("nonsense: [a\n", "is not valid YAML"),
        ("- a line\n", "must be a mapping"),
        ("nonsense: [a]\nconfront: [b]\n", "has no polite_closed, repair"),
    ],
)
def test_a_broken_gaming_file_is_refused_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "gaming.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        responsiveness.main(["--gaming", str(path)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert message in err and str(path) in err and "Traceback" not in err


QUESTION_FILES = sorted(
    path
    for folder in sorted(p.name for p in responsiveness.DATA.iterdir() if p.is_dir())
    for path in (responsiveness.DATA / folder).glob("*.yaml")
    if path.name != "gaming.yaml"
)


@pytest.mark.parametrize("path", QUESTION_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_question_file_names_a_scenario_its_members_and_valid_patterns(path: Path) -> None:
    scenarios = {p.stem: p for p in bundled_scenario_paths()}
    assert path.stem in scenarios, f"{path}: no bundled scenario {path.stem}"
    members = {m.id for m in load_for_play(scenarios[path.stem]).members}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["questions"], f"{path}: no questions"
    for item in data["questions"]:
        assert item["ask"].strip() and item["expect"], f"{path}: {item}"
        assert item.get("member", data.get("member")) in members, f"{path}: {item['ask']}"
        for pattern in [*item["expect"], *item.get("never", ())]:
            re.compile(pattern)


@pytest.mark.parametrize(
    "folder",
    sorted(
        p.name
        for p in responsiveness.DATA.iterdir()
        if p.is_dir() and p.name not in ("questions", "questions-2")
    ),
)
def test_held_out_gaming_files_load(folder: str) -> None:
    path = responsiveness.DATA / folder / "gaming.yaml"
    if not path.exists():
        pytest.skip(f"no {path}")
    scripts = responsiveness.load_gaming(path)
    assert isinstance(scripts, dict), scripts
    known = {p.stem for p in bundled_scenario_paths()}
    assert set(scripts.get("repeated") or {}) <= known


@pytest.mark.parametrize(
    ("contradictions", "allowed", "fails"),
    [(0, 0, False), (1, 0, True), (1, 1, False), (2, 1, True)],
)
def test_a_reply_that_contradicts_the_facts_fails_unless_the_floor_allows_it(
    contradictions: int, allowed: int, fails: bool
) -> None:
    report = {
        "answered": {"share": 1.0, "contradictions": contradictions},
        "gaming": {"nonsense_share": 0.0, "repeated_share": 0.0, "disclosures": {}},
        "discord": {
            "polite_closed_walk_out_scenarios": [],
            "confront_then_repair_walk_out_share": 0.0,
            "mi_not_better": [],
        },
        "deterministic": True,
    }
    args = responsiveness.argparse.Namespace(
        min_answered=None,
        max_contradictions=allowed,
        max_gaming_share=None,
        max_polite_walk_outs=None,
        max_repair_walk_out_share=None,
        require_mi_better=False,
    )
    failures = responsiveness._failures(report, args)
    assert bool(failures) is fails, failures


@pytest.mark.parametrize(
    ("folder", "shown"), [("heldout-9", 0), ("questions-13", 2), ("my-own-questions", 2)]
)
def test_a_held_out_sets_misses_are_counted_never_shown(folder: str, shown: int) -> None:
    report = {"answered": {"misses": ["kai: how old r u -> Mm.", "kai: school? -> Hard to say."]}}
    responsiveness.hide_held_out_misses(report, Path("benchmarks/engine") / folder)
    assert len(report["answered"]["misses"]) == shown
    assert report["answered"].get("misses_hidden", 0) == 2 - shown
