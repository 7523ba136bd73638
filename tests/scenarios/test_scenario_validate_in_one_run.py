"""`validate` gives a trainer every problem of a file in one run (issue 18, trainers).

A file that parses gets all its misspelt keys, wrong words and dangling references
at once; a file that is not YAML stops at its first problem and says so; an unclosed
bracket is reported where the parser noticed it and names where it was opened.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mi_trainer.cli.main import main
from mi_trainer.scenarios import validate_paths
from mi_trainer.simulation.rules import engine_defaults

ENGINE = engine_defaults()
VALID = Path(__file__).parent / "fixtures" / "valid" / "two-members.yaml"


def damaged(tmp_path: Path, **replace: str) -> Path:
    text = VALID.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    return path


TYPOS = {
    "talk: neutral\n        intent: inform\n": "tlak: neutral\n        intent: inform\n",
    "darn_cat: desire": "darn_cat: desier",
    "topics: [arguments, riley]": "topics: [arguments, shcool]",
    "themes: [domestic abuse, parental mental health]": "themes: [domestic abuse, neglectt]",
}


def test_every_typo_of_a_file_that_parses_comes_in_one_run(tmp_path: Path) -> None:
    path = damaged(tmp_path, **TYPOS)
    messages = [d.message for d in validate_paths([path], ENGINE)]
    assert [m.split(" — ")[0] for m in messages] == [
        "unknown theme 'neglectt'",
        "unknown key 'tlak'",
        "unknown DARN-CAT category 'desier'",
        "unknown topic 'shcool'",
    ]
    assert "did you mean 'talk'?" in messages[1] and "did you mean 'desire'?" in messages[2]


def test_a_key_in_error_adds_no_second_message_about_the_same_line(tmp_path: Path) -> None:
    path = damaged(tmp_path, **TYPOS)
    lines = [d.line for d in validate_paths([path], ENGINE)]
    assert len(lines) == len(set(lines))  # e.g. no "has no talk type" beside 'tlak'


def test_a_required_key_in_error_still_reports_the_other_errors_of_shape(tmp_path: Path) -> None:
    path = damaged(tmp_path, **{"title: ": "titel: ", "darn_cat: desire": "darn_cat: desier"})
    messages = [d.message for d in validate_paths([path], ENGINE)]
    assert any(m.startswith("unknown key 'titel'") for m in messages)
    assert any(m.startswith("unknown DARN-CAT category 'desier'") for m in messages)
    assert any(m.startswith("missing required key 'title'") for m in messages)


def test_a_file_that_is_not_yaml_says_reading_stopped_at_its_first_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged(tmp_path, **{'title: "Dani': 'title: "Dani" "', **TYPOS})
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3
    assert out[1] == (
        f"Not YAML, so reading stopped there ({path} at line 3): fix that and check again "
        "to see the file's other problems."
    )


@pytest.mark.parametrize(
    ("broken", "opened", "noticed", "closer"),
    [
        ('learning_goals: ["Reflect before asking",', (8, 17), (10, 1), "]"),
        ("start: {rapport: 0.3, openness: 0.2, discord: 0.2", (42, 12), (43, 12), "}"),
    ],
)
def test_an_unclosed_bracket_names_where_it_was_opened(
    tmp_path: Path, broken: str, opened: tuple[int, int], noticed: tuple[int, int], closer: str
) -> None:
    text = VALID.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.strip().startswith(broken))
    path = tmp_path / "draft.yaml"
    path.write_text(text.replace(line, line.split(broken)[0] + broken, 1), encoding="utf-8")
    [diagnostic] = validate_paths([path], ENGINE)
    assert (diagnostic.line, diagnostic.col) == noticed
    assert diagnostic.message == (
        f"the '{'[' if closer == ']' else '{'}' opened at line {opened[0]}, column {opened[1]} "
        f"is not closed (noticed here): add the missing '{closer}', or a ',' between two items"
    )
    assert diagnostic.stops
