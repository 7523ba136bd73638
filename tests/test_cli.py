"""The command line as a user meets it: help, examples, unknown commands."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mi_trainer.cli.main import COMMAND_MODULES, main

SUBCOMMANDS = [m.rstrip("_") for m in COMMAND_MODULES]


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for name in SUBCOMMANDS:
        assert f"    {name} " in out, name


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_subcommand_help_has_an_example(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([name, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "example" in out
    assert f"mi-trainer {name}" in out


def test_unknown_subcommand_suggests_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["valdate"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "unknown command 'valdate'" in err
    assert "Did you mean 'validate'?" in err


def test_console_entry_point_runs_as_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mi_trainer", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "mi-trainer" in result.stdout


LOADED_AFTER_HELP = """
import sys
from mi_trainer.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


@pytest.mark.parametrize("argv", [["--help"], ["play", "--help"], ["bench", "--help"]])
def test_help_loads_no_spacy_textual_or_pydantic(argv: list[str]) -> None:
    """`mi-trainer --help` answers at once: the heavy libraries load only when a command
    needs them (a fresh process, so nothing another test imported counts)."""
    result = subprocess.run(
        [sys.executable, "-c", LOADED_AFTER_HELP, *argv], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    assert "mi_trainer" in loaded
    assert loaded.isdisjoint({"spacy", "textual", "pydantic"}), loaded


def test_domain_packages_do_not_import_textual() -> None:
    """The layering rule: only tui/ may import Textual."""
    import re
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "mi_trainer"
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tui" not in path.relative_to(package).parts
        and any(
            # textual_serve (the web server around the app) is another package
            re.match(r"(import|from) textual(\.|\s|$)", line.lstrip())
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []
