"""Huge, deep or random files are refused with a clear message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mi_trainer.cli.main import main
from mi_trainer.scenarios import validate_paths
from mi_trainer.scenarios.safeyaml import MAX_BYTES
from mi_trainer.simulation.rules import engine_defaults

ENGINE = engine_defaults()  # the engine's defaults the checks compare with

VALID = Path(__file__).parent / "fixtures" / "valid" / "two-members.yaml"


def test_a_file_over_a_megabyte_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    line = "# " + "padding " * 12 + "\n"
    path.write_text(VALID.read_text(encoding="utf-8") + line * (MAX_BYTES // len(line) + 10))
    assert [str(d) for d in validate_paths([path], ENGINE)] == [
        f"{path}:1:1: error: file is too large (over 1 MB): scenario files must be smaller; "
        "move shared responses into include files"
    ]


def test_a_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    text = VALID.read_text(encoding="utf-8")
    path.write_text(text + "#" * (MAX_BYTES - len(text.encode()) - 10) + "\n")
    assert validate_paths([path], ENGINE) == []


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        ("a: " + "[" * 200 + "]" * 200 + "\n", 1, 68, "nested too deeply (over 64 levels)"),
        (
            "a: &x [*x]\n",
            1,
            4,
            "a recursive alias: an alias refers to the list or mapping that contains it",
        ),
        (
            "a: !!binary aGVsbG8=\n",
            1,
            4,
            "YAML tag '!!binary' is not allowed: scenario files "
            "hold plain text, numbers, lists and mappings only",
        ),
        ("? [a, b]\n: c\n", 1, 3, "a key must be plain text, not a list or mapping"),
        (
            "a: !!python/name:os.system\n",
            1,
            4,
            "YAML tag '!!python/name:os.system' is not "
            "allowed: scenario files hold plain text, numbers, lists and mappings only",
        ),
        (
            "\ufeffschema_version: 1\nid: x\ntitle: t\nmembers: 3\n",
            4,
            10,
            "'members' expects a list, not the number 3",
        ),
        (
            "a: 1\x07\n",
            1,
            5,
            "control character U+0007 is not allowed in a scenario file (is this a binary file?)",
        ),
    ],
    ids=[
        "deep-nesting",
        "recursive-alias",
        "binary-tag",
        "list-as-key",
        "python-name",
        "bom-then-wrong-type",
        "bell-character",
    ],
)
def test_hostile_yaml_gets_one_clear_message(
    tmp_path: Path, text: str, line: int, col: int, message: str
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    diagnostics = validate_paths([path], ENGINE)
    assert str(diagnostics[0]) == f"{path}:{line}:{col}: error: {message}"


def test_utf16_files_are_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes(VALID.read_text(encoding="utf-8").encode("utf-16"))
    assert [str(d) for d in validate_paths([path], ENGINE)] == [
        f"{path}:1:1: error: file is saved as UTF-16: save it as UTF-8 text"
    ]


def test_a_missing_path_is_a_diagnostic_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.yaml"
    assert main(["validate", str(missing), str(VALID)]) == 1
    out = capsys.readouterr().out
    assert f"{missing}:1:1: error: no such file or folder" in out
    assert out.splitlines()[-1] == "1 file checked: 1 error, 0 warnings"


def test_an_empty_folder_is_a_clear_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path)]) == 1
    assert f"no scenario files (*.yaml) found in {tmp_path}" in capsys.readouterr().err


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400))
def test_any_bytes_at_all_give_diagnostics_never_an_exception(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.yaml"
    path.write_bytes(data)
    for diagnostic in validate_paths([path], ENGINE):
        assert diagnostic.line >= 1 and diagnostic.col >= 1
        assert diagnostic.level in ("error", "warning")


_yaml_ish = st.text(alphabet=st.sampled_from(list("abc:-[]{}'\"&*!#|>\n\t 0.5,@%?")), max_size=200)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_yaml_ish)
def test_any_yaml_like_text_gives_diagnostics_never_an_exception(
    text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    for diagnostic in validate_paths([path], ENGINE):
        assert diagnostic.line >= 1 and diagnostic.col >= 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    line=st.integers(min_value=0, max_value=140),
    junk=st.sampled_from(
        ["\t", ": :", "- ", "{", "]", "'", '"', "&a", "*a", "!!str", "?", "  ", "x"]
    ),
)
def test_damaging_a_valid_scenario_anywhere_never_crashes(
    line: int, junk: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    lines = VALID.read_text(encoding="utf-8").splitlines()
    position = min(line, len(lines))
    lines.insert(position, junk + (lines[position] if position < len(lines) else ""))
    path = tmp_path_factory.mktemp("fuzz") / "damaged.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    for diagnostic in validate_paths([path], ENGINE):
        assert 1 <= diagnostic.line <= len(lines) + 1
