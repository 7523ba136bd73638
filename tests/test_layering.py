"""The layers that show in the folders, enforced: import-linter's contracts (pyproject.toml).

Only the app imports Textual; the domain and the practice layer import no shell; the app does
not import the command line; the server imports neither; no import cycles between the
packages. `make test` runs `lint-imports` too; this test keeps a plain `pytest` run honest.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_import_contracts_hold() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is a test dependency (pip install -e '.[test]')"
    result = subprocess.run([lint], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def _contracts() -> list[dict]:
    with (REPO / "pyproject.toml").open("rb") as config:
        return list(tomllib.load(config)["tool"]["importlinter"]["contracts"])


def test_the_contracts_list_no_exceptions() -> None:
    """No import is let off a contract: storage keeps the score it is given and never scores,
    so scoring's team report may read storage's report data without a cycle."""
    contracts = _contracts()
    assert len(contracts) == 5
    for contract in contracts:
        assert "ignore_imports" not in contract, contract["name"]


def test_every_module_but_the_app_is_kept_from_textual() -> None:
    """A new package or top-level module of mi_trainer is in the Textual contract too: the
    contract lists its sources by name, and one left out would be checked by nothing."""
    contracts = _contracts()
    [textual] = [c for c in contracts if c.get("forbidden_modules") == ["textual"]]
    package = REPO / "mi_trainer"
    modules = {f"mi_trainer.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    modules |= {f"mi_trainer.{p.parent.name}" for p in package.glob("*/__init__.py")}
    assert not [
        d.name
        for d in package.iterdir()
        if d.is_dir() and list(d.glob("*.py")) and not (d / "__init__.py").exists()
    ], "a package without __init__.py is not checked"
    assert set(textual["source_modules"]) == modules - {"mi_trainer.tui"}


def test_the_developer_benchmarks_are_not_in_the_installed_package() -> None:
    package = REPO / "mi_trainer"
    assert not (package / "tui" / "bench.py").exists()
    assert not list((package / "cli").glob("bench_engine.py"))
    assert not list((package / "cli").glob("bench_app.py"))
    assert not list((package / "cli").glob("bench_storage.py"))
    assert not list((package / "storage").glob("synthetic.py"))
    assert (REPO / "benchmarks" / "__main__.py").exists()


def test_nothing_in_the_package_imports_the_benchmarks() -> None:
    """The installed package must work without the repository's benchmarks/ folder."""
    for source in (REPO / "mi_trainer").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for needle in (
            "import benchmarks",
            "from benchmarks",
            "storage.synthetic",
            "import synthetic",
        ):
            assert needle not in text, f"{source.relative_to(REPO)} mentions {needle!r}"


def _bench_commands() -> list[str]:
    """The user's `mi-trainer bench` subcommands, read from the parser."""
    import argparse

    from mi_trainer.cli.main import build_parser

    def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                return dict(action.choices)
        return {}

    return sorted(subcommands(subcommands(build_parser())["bench"]))


def test_the_bench_command_help_points_at_no_repository_path() -> None:
    assert {"annomi", "scoring"} <= set(_bench_commands())
    assert "storage" not in _bench_commands()  # a developer benchmark: benchmarks/storage.py
    for argv in (["bench", "--help"], *(["bench", name, "--help"] for name in _bench_commands())):
        out = subprocess.run(
            [sys.executable, "-m", "mi_trainer", *argv], capture_output=True, text=True, check=True
        ).stdout
        for repository_only in ("../shared", "shared/data", "benchmarks/", "tests/"):
            assert repository_only not in out, out


def test_the_simulation_and_the_scenario_scan_import_no_spacy() -> None:
    """Only the coder loads spaCy. The app scans the scenario folder in one thread while the
    coder loads in another; if the scan imported spaCy too, the two imports could meet it
    half-initialised and the coder would never load (served apps stuck on "Loading")."""
    code = (
        "import sys\n"
        "import mi_trainer.simulation, mi_trainer.simulation.rules, mi_trainer.scenarios\n"
        "from mi_trainer.simulation.loading import load_playable\n"
        "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
