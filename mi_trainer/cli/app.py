"""Start the Textual app (imported only when `mi-trainer` runs with no command)."""

from __future__ import annotations

import argparse


def run_app(args: argparse.Namespace) -> int:
    from mi_trainer.tui.app import MITrainerApp

    MITrainerApp(scenarios_dir=getattr(args, "scenarios", None), db=getattr(args, "db", None)).run()
    return 0
