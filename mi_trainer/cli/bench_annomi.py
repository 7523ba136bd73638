"""Placeholder: implemented by the issue that owns this benchmark."""

from __future__ import annotations

import argparse

from mi_trainer.cli.errors import UserError


def run(args: argparse.Namespace) -> int:
    raise UserError("this benchmark is not available in this build yet.", exit_code=2)
