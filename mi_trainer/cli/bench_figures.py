"""What the coder benchmarks share: reading a CSV file with one clear message for any problem,
per-class precision/recall/F1 from a confusion matrix, and the tables that show them."""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Hashable, Iterable, Iterator
from pathlib import Path
from typing import Any

from mi_trainer.cli.errors import UserError


@contextlib.contextmanager
def csv_read_errors(path: Path, exit_code: int = 1) -> Iterator[None]:
    """Around reading ``path`` as CSV: a decoding, CSV or OS error becomes one UserError that
    names the file (a UserError raised inside passes through)."""
    try:
        yield
    except UnicodeDecodeError as err:
        message = f"{path}: not UTF-8 text ({err.reason}); save it as UTF-8 CSV."
        raise UserError(message, exit_code) from None
    except csv.Error as err:
        raise UserError(f"{path}: not a readable CSV file ({err}).", exit_code) from None
    except OSError as err:
        raise UserError(f"{path}: cannot read ({err.strerror or err}).", exit_code) from None


def per_class_scores(
    confusion: dict[Any, dict[Any, int]], classes: Iterable[Hashable]
) -> dict[str, dict[str, float | int]]:
    """``{class: {precision, recall, f1, support}}`` (rows: the reference, columns: the coder;
    0.0 where a class was never given or never predicted)."""
    classes = list(classes)
    scores: dict[str, dict[str, float | int]] = {}
    for cls in classes:
        tp = confusion[cls][cls]
        predicted = sum(confusion[g][cls] for g in classes)
        support = sum(confusion[cls].values())
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[str(cls)] = {"precision": precision, "recall": recall, "f1": f1, "support": support}
    return scores


def score_table(per_class: dict[str, dict[str, Any]], label: str, width: int) -> list[str]:
    """One row per class: precision, recall, F1 and support under a header."""
    rows = [f"{label:<{width}} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}"]
    for cls, v in per_class.items():
        rows.append(
            f"{cls:<{width}} {v['precision']:>9.3f} {v['recall']:>7.3f} {v['f1']:>6.3f} "
            f"{v['support']:>8}"
        )
    return rows


def confusion_table(
    confusion: dict[str, dict[str, int]], names: dict[str, str], first: int, cell: int
) -> list[str]:
    """The confusion matrix as rows of text: ``names`` maps each class to the name shown (row
    labels cut to ``first`` characters, column heads to ``cell``)."""
    rows = [f"{'':<{first}} " + " ".join(f"{names[c][:cell]:>{cell}}" for c in names)]
    for gold, row in confusion.items():
        cells = " ".join(f"{row[c]:>{cell}}" for c in names)
        rows.append(f"{names[gold][:first]:<{first}} {cells}")
    return rows
