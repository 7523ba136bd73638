"""`mi-trainer bench annomi PATH --quality`: does the session score separate good MI from poor?

Scores every transcript of an AnnoMI-format CSV (therapist rows coded by the practitioner
coder with the previous client line, client rows by the client talk coder, in order) and
reports:

- ROC AUC of the overall score for ``mi_quality`` high against low (Mann-Whitney U / (n1 n2),
  ties count a half), with the two groups' medians;
- the same AUC under cross-validation by transcript: the transcripts dealt into ``--folds``
  folds (high and low dealt separately, so each fold keeps both), the AUC of each fold, over
  ``CV_REPEATS`` seeded shuffles: the mean and the spread (min, max, standard deviation) say how
  far the figure holds on transcript sets the size of a held-back split. The score has no fitted
  parameters, so a fold's AUC is that of transcripts it was not tuned on as much as any other;
- client talk macro-F1 over change / neutral / sustain against the experts' labels (a line the
  client talk coder calls discord is counted as neutral: AnnoMI has no discord label and discord
  is about the relationship, not about the change), with per-class precision, recall and F1.

Exits 1 below ``--min-auc`` or ``--min-client-f1``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mi_trainer.cli.errors import UserError
from mi_trainer.coding.codes import TalkType
from mi_trainer.transcript import PRACTITIONER, Transcript, Turn

CV_REPEATS = 20
CV_SEED = 16
REQUIRED = ("transcript_id", "mi_quality", "interlocutor", "utterance_text", "client_talk_type")
CLASSES = ("change", "neutral", "sustain")


@dataclass
class _Conversation:
    transcript_id: str
    quality: str
    # (speaker, text, gold talk types): one entry per turn, with every expert's label for it
    rows: list[tuple[str, str, list[str]]] = field(default_factory=list)
    last_position: str = ""


def read_annomi(path: Path) -> list[_Conversation]:
    """Read an AnnoMI-format CSV, grouped by transcript in file order. Clear errors, no traces."""
    if not path.exists():
        raise UserError(f"{path}: no such file (give the path to an AnnoMI-format CSV)")
    if path.is_dir():
        raise UserError(f"{path}: is a folder; give the path to an AnnoMI-format CSV file")
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror})") from exc
    conversations: dict[str, _Conversation] = {}
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise UserError(
                f"{path}:1: not an AnnoMI-format CSV: missing column(s) {', '.join(missing)}"
            )
        try:
            for row in reader:
                tid = row["transcript_id"]
                quality = (row["mi_quality"] or "").strip().lower()
                if quality not in ("high", "low"):
                    raise UserError(
                        f"{path}:{reader.line_num}: mi_quality must be 'high' or 'low', "
                        f"not {row['mi_quality']!r}"
                    )
                conv = conversations.setdefault(tid, _Conversation(tid, quality))
                speaker = (row["interlocutor"] or "").strip().lower()
                if speaker not in ("therapist", "client"):
                    raise UserError(
                        f"{path}:{reader.line_num}: interlocutor must be 'therapist' or "
                        f"'client', not {row['interlocutor']!r}"
                    )
                text, gold = row["utterance_text"] or "", row["client_talk_type"]
                position = (row.get("utterance_id") or "").strip()
                if position and position == conv.last_position and conv.rows[-1][1] == text:
                    # Several experts coded this conversation: AnnoMI repeats the turn once per
                    # expert. The session is scored as it happened; each label is kept.
                    conv.rows[-1][2].append(gold)
                    continue
                conv.last_position = position
                conv.rows.append((speaker, text, [gold]))
        except UnicodeDecodeError as exc:
            raise UserError(f"{path}: not UTF-8 text ({exc.reason})") from exc
        except csv.Error as exc:
            raise UserError(f"{path}:{reader.line_num}: bad CSV ({exc})") from exc
    if not conversations:
        raise UserError(f"{path}: no transcripts in the file")
    return list(conversations.values())


def roc_auc(positives: list[float], negatives: list[float]) -> float | None:
    """Mann-Whitney ROC AUC: P(score of a positive > score of a negative), ties count a half."""
    if not positives or not negatives:
        return None
    wins = 0.0
    for p in positives:
        for n in negatives:
            wins += 1.0 if p > n else 0.5 if p == n else 0.0
    return wins / (len(positives) * len(negatives))


def cross_validated_auc(per_transcript: list[dict[str, Any]], folds: int) -> dict[str, Any]:
    """AUC per fold of transcripts (stratified by quality), over CV_REPEATS seeded shuffles."""
    high = [t["overall"] for t in per_transcript if t["mi_quality"] == "high"]
    low = [t["overall"] for t in per_transcript if t["mi_quality"] == "low"]
    folds = max(2, min(folds, len(low), len(high))) if high and low else 0
    if folds < 2:
        return {"folds": 0, "aucs": [], "mean": None, "min": None, "max": None, "sd": None}
    rng = random.Random(CV_SEED)
    aucs: list[float] = []
    for _ in range(CV_REPEATS):
        rng.shuffle(high)
        rng.shuffle(low)
        for k in range(folds):
            auc = roc_auc(high[k::folds], low[k::folds])
            if auc is not None:
                aucs.append(auc)
    return {
        "folds": folds,
        "repeats": CV_REPEATS,
        "mean": round(statistics.mean(aucs), 3),
        "min": round(min(aucs), 3),
        "max": round(max(aucs), 3),
        "sd": round(statistics.pstdev(aucs), 3),
    }


def f1_table(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Per-class precision/recall/F1 and macro-F1 over CLASSES from (gold, predicted) pairs."""
    per: dict[str, dict[str, float]] = {}
    for cls in CLASSES:
        tp = sum(1 for g, p in pairs if g == cls and p == cls)
        fp = sum(1 for g, p in pairs if g != cls and p == cls)
        fn = sum(1 for g, p in pairs if g == cls and p != cls)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[cls] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "support": tp + fn,
        }
    macro = sum(v["f1"] for v in per.values()) / len(CLASSES)
    return {"macro_f1": round(macro, 3), "per_class": per, "rows": len(pairs)}


def evaluate(path: Path, folds: int = 3) -> dict[str, Any]:
    from mi_trainer.coding.client_talk import ClientTalkCoder
    from mi_trainer.coding.coder import Coder
    from mi_trainer.scoring import score_transcript

    started = time.perf_counter()
    conversations = read_annomi(path)
    coder = Coder()
    talk_coder = ClientTalkCoder()
    scores: dict[str, list[float]] = {"high": [], "low": []}
    pairs: list[tuple[str, str]] = []
    per_transcript = []
    for conv in conversations:
        turns: list[Turn] = []
        previous_client: str | None = None
        for speaker, text, golds in conv.rows:
            index = len(turns)
            if speaker == "therapist":
                coded = coder.code(text, previous_client)
                turns.append(Turn(index, PRACTITIONER, text, coded=coded))
            else:
                talk, _cues = talk_coder.classify(text)
                turns.append(Turn(index, "client", text, talk_type=talk))
                previous_client = text
                predicted = TalkType.NEUTRAL if talk == TalkType.DISCORD else talk
                pairs.extend((gold, str(predicted)) for gold in golds if gold in CLASSES)
        score = score_transcript(Transcript(turns=turns), feedback=False)
        scores[conv.quality].append(score.overall)
        per_transcript.append(
            {
                "transcript_id": conv.transcript_id,
                "mi_quality": conv.quality,
                "overall": score.overall,
            }
        )
    auc = roc_auc(scores["high"], scores["low"])
    client = f1_table(pairs)
    return {
        "file": str(path),
        "transcripts": len(conversations),
        "high": len(scores["high"]),
        "low": len(scores["low"]),
        "auc": None if auc is None else round(auc, 3),
        "cv": cross_validated_auc(per_transcript, folds),
        "median_high": round(statistics.median(scores["high"]), 1) if scores["high"] else None,
        "median_low": round(statistics.median(scores["low"]), 1) if scores["low"] else None,
        "client_macro_f1": client["macro_f1"],
        "client_per_class": client["per_class"],
        "client_rows": client["rows"],
        "seconds": round(time.perf_counter() - started, 1),
        "per_transcript": per_transcript,
    }


def _text(result: dict[str, Any]) -> str:
    def fmt(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.3f}"

    lines = [
        f"Session score vs MI quality: {result['file']}",
        f"  transcripts: {result['transcripts']} ({result['high']} high, {result['low']} low)",
        f"  ROC AUC (overall score, high vs low): {fmt(result['auc'])}",
        f"  median overall: high {result['median_high']}, low {result['median_low']}",
        f"  cross-validated by transcript ({result['cv']['folds']} folds x "
        f"{result['cv'].get('repeats', 0)} shuffles): mean {fmt(result['cv']['mean'])}, "
        f"min {fmt(result['cv']['min'])}, max {fmt(result['cv']['max'])}, "
        f"sd {fmt(result['cv']['sd'])}",
        f"Client talk (change / neutral / sustain), {result['client_rows']} client lines:",
        f"  macro-F1: {fmt(result['client_macro_f1'])}",
    ]
    for cls, v in result["client_per_class"].items():
        lines.append(
            f"  {cls:<8} precision {v['precision']:.3f}  recall {v['recall']:.3f}  "
            f"F1 {v['f1']:.3f}  (n={v['support']})"
        )
    lines.append(f"  time: {result['seconds']} s")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    result = evaluate(Path(args.path), getattr(args, "folds", None) or 3)
    failures = []
    min_auc = getattr(args, "min_auc", None)
    min_f1 = getattr(args, "min_client_f1", None)
    if min_auc is not None and (result["auc"] is None or result["auc"] < min_auc):
        failures.append(f"ROC AUC {result['auc']} is below the floor {min_auc}")
    min_cv = getattr(args, "min_cv_auc", None)
    cv_mean = result["cv"]["mean"]
    if min_cv is not None and (cv_mean is None or cv_mean < min_cv):
        failures.append(f"cross-validated ROC AUC {cv_mean} is below the floor {min_cv}")
    if min_f1 is not None and result["client_macro_f1"] < min_f1:
        failures.append(f"client talk macro-F1 {result['client_macro_f1']} is below {min_f1}")
    result["failures"] = failures
    if getattr(args, "json", False):
        print(json.dumps(result, indent=2))
    else:
        print(_text(result))
        for failure in failures:
            print(f"FAIL: {failure}")
    if failures:
        print(f"mi-trainer: {'; '.join(failures)}", file=sys.stderr)
        return 1
    return 0
