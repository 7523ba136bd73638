"""`mi-trainer new`: create a new, valid, commented scenario file to start from."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mi_trainer.cli.errors import UserError

HELP = "Create a new, valid, commented scenario file to start from."
DESCRIPTION = """\
Scaffolds scenarios/ID.yaml (or --output PATH) that validates cleanly, with a comment
on every key. ID is lower-case letters, digits and hyphens. Never overwrites a file.

example:
  mi-trainer new dad-before-conference
  mi-trainer new nan-and-grandson --members 2 --output my-scenarios/
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("new", help=HELP, description=DESCRIPTION)
    parser.add_argument("id", metavar="ID", help="scenario id, e.g. dad-before-conference")
    parser.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help="file to write, or a folder to write ID.yaml into (default: scenarios/ID.yaml)",
    )
    parser.add_argument(
        "--members",
        type=int,
        default=2,
        metavar="N",
        help="how many family members to start with (1-4, default 2)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from mi_trainer.scenarios.models import is_valid_id, slugify
    from mi_trainer.scenarios.scaffold import MAX_MEMBERS, scaffold

    scenario_id = args.id
    if not is_valid_id(scenario_id) or len(scenario_id) > 80:
        raise UserError(
            f"'{scenario_id}' is not a valid scenario id: use lower-case letters, digits and "
            f"hyphens, e.g. '{slugify(scenario_id)}'"
        )
    if not 1 <= args.members <= MAX_MEMBERS:
        raise UserError(f"--members must be between 1 and {MAX_MEMBERS}, not {args.members}")
    if args.output:
        path = Path(args.output)
        if path.is_dir() or args.output.endswith(("/", "\\")):
            path = path / f"{scenario_id}.yaml"
    else:
        path = Path("scenarios") / f"{scenario_id}.yaml"
    if path.suffix not in (".yaml", ".yml"):
        raise UserError(f"{path}: scenario files end in .yaml")
    if path.exists():
        raise UserError(
            f"{path} already exists; nothing was overwritten (choose another id or --output)"
        )
    text = scaffold(scenario_id, args.members)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError as err:
        raise UserError(f"{path} already exists; nothing was overwritten") from err
    except OSError as err:
        raise UserError(f"cannot write {path}: {err.strerror or err}") from err
    print(f"Created {path}")
    print(f"Next: edit it, then `mi-trainer validate --strict {path}`")
    print(f"      and try it with `mi-trainer play {path} --script lines.txt`.")
    return 0
