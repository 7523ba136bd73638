"""`bench annomi --quality`: AUC by Mann-Whitney, medians, client talk F1, floors and exits."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import pytest

from mi_trainer.cli import bench_quality
from mi_trainer.cli.errors import UserError
from mi_trainer.cli.main import main

HEADER = [
    "transcript_id",
    "mi_quality",
    "topic",
    "utterance_id",
    "interlocutor",
    "utterance_text",
    "main_therapist_behaviour",
    "question_subtype",
    "reflection_subtype",
    "therapist_input_subtype",
    "client_talk_type",
]

# Our own lines (children's social care), written for this test.
GOOD = [
    ("therapist", "What's a typical morning like for you and the kids?"),
    ("client", "Chaos, honestly. I want to get them to school on time.", "change"),
    ("therapist", "Getting them there on time really matters to you."),
    ("client", "It does. I could ask my sister to help.", "change"),
    ("therapist", "You've already got an idea of who could help."),
    ("client", "Yeah.", "neutral"),
]
POOR = [
    ("therapist", "You need to stop drinking before the conference."),
    ("client", "It's only at weekends.", "sustain"),
    ("therapist", "You should get them up earlier. You must do better."),
    ("client", "You lot just want to take my kids.", "neutral"),
    ("therapist", "Did you drink last night?"),
    ("client", "No.", "neutral"),
]


def write_csv(path: Path, conversations: list[tuple[str, list[tuple]]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for tid, (quality, rows) in enumerate(conversations):
            for uid, row in enumerate(rows):
                who, text = row[0], row[1]
                talk = row[2] if who == "client" else "n/a"
                writer.writerow(
                    [tid, quality, "school", uid, who, text, "n/a", "n/a", "n/a", "n/a", talk]
                )
    return path


def args(path: Path, **kw) -> argparse.Namespace:
    base = {"path": str(path), "json": False, "min_auc": None, "min_client_f1": None}
    base.update(kw)
    return argparse.Namespace(**base)


def test_a_conversation_coded_by_several_experts_is_scored_once_with_every_label(
    tmp_path: Path,
) -> None:
    # AnnoMI lists each turn once per expert, in a row, under one transcript_id and position.
    path = tmp_path / "three-experts.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for uid, row in enumerate(GOOD):
            who, text = row[0], row[1]
            for expert_label in (row[2], row[2], "neutral") if who == "client" else ("n/a",) * 3:
                writer.writerow(
                    [5, "high", "school", uid, who, text, "n/a", "n/a", "n/a", "n/a", expert_label]
                )
    (conversation,) = bench_quality.read_annomi(path)
    assert [text for _, text, _ in conversation.rows] == [row[1] for row in GOOD]
    assert conversation.rows[1][2] == ["change", "change", "neutral"]
    single = bench_quality.evaluate(write_csv(tmp_path / "one.csv", [("high", GOOD)]))
    result = bench_quality.evaluate(path)
    assert result["client_rows"] == 3 * single["client_rows"]
    assert result["per_transcript"][0]["overall"] == single["per_transcript"][0]["overall"]


@pytest.mark.parametrize(
    ("pos", "neg", "auc"),
    [
        ([3, 4], [1, 2], 1.0),
        ([1, 2], [3, 4], 0.0),
        ([1, 2], [1, 2], 0.5),
        ([2, 3], [1, 3], 0.625),
        ([], [1], None),
    ],
)
def test_roc_auc_is_mann_whitney_with_ties_as_halves(pos, neg, auc) -> None:
    assert bench_quality.roc_auc(pos, neg) == auc


def test_f1_table_per_class_and_macro() -> None:
    pairs = [
        ("change", "change"),
        ("change", "neutral"),
        ("neutral", "neutral"),
        ("sustain", "sustain"),
        ("sustain", "change"),
    ]
    table = bench_quality.f1_table(pairs)
    assert table["per_class"]["change"]["precision"] == 0.5
    assert table["per_class"]["change"]["recall"] == 0.5
    assert table["per_class"]["sustain"]["f1"] == pytest.approx(0.667, abs=0.001)
    assert table["macro_f1"] == pytest.approx((0.5 + 0.667 + 0.667) / 3, abs=0.002)


def test_synthetic_csv_separates_good_from_poor_practice(tmp_path, capsys) -> None:
    path = write_csv(tmp_path / "mini.csv", [("high", GOOD), ("high", GOOD), ("low", POOR)])
    assert bench_quality.run(args(path, json=True, min_auc=0.9)) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["transcripts"] == 3
    assert result["auc"] == 1.0
    assert result["median_high"] > result["median_low"]
    assert set(result["client_per_class"]) == {"change", "neutral", "sustain"}
    assert result["client_rows"] == 6 * 3 // 2


def test_below_a_floor_exits_one(tmp_path, capsys) -> None:
    # Labels swapped on purpose: the poor session is called high.
    path = write_csv(tmp_path / "swapped.csv", [("low", GOOD), ("high", POOR)])
    assert bench_quality.run(args(path, min_auc=0.9)) == 1
    out = capsys.readouterr()
    assert "FAIL: ROC AUC" in out.out
    assert bench_quality.run(args(path, min_client_f1=1.01)) == 1


def test_it_runs_through_bench_annomi(tmp_path, capsys) -> None:
    path = write_csv(tmp_path / "mini.csv", [("high", GOOD), ("low", POOR)])
    assert main(["bench", "annomi", str(path), "--quality", "--min-auc", "0.9"]) == 0
    assert "ROC AUC" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a,b\n1,2\n", "missing column"),
        (",".join(HEADER) + "\n1,medium,x,0,therapist,Hi,n/a,n/a,n/a,n/a,n/a\n", "mi_quality"),
        (",".join(HEADER) + "\n", "no transcripts"),
    ],
)
def test_bad_csv_is_a_clear_mistake(tmp_path, content, message) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        bench_quality.read_annomi(path)


def test_missing_csv(tmp_path) -> None:
    with pytest.raises(UserError, match="no such file"):
        bench_quality.read_annomi(tmp_path / "none.csv")


def test_real_annomi_dev_meets_the_floors(annomi_dev, capsys) -> None:
    assert bench_quality.run(args(annomi_dev, json=True, min_auc=0.90, min_client_f1=0.55)) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["auc"] >= 0.90
    assert result["median_high"] > result["median_low"]
    assert result["client_macro_f1"] >= 0.55


def test_cross_validation_by_transcript_reports_the_spread_over_folds() -> None:
    from mi_trainer.cli.bench_quality import cross_validated_auc

    separated = [{"mi_quality": "high", "overall": 80.0 + i} for i in range(9)] + [
        {"mi_quality": "low", "overall": 20.0 + i} for i in range(6)
    ]
    cv = cross_validated_auc(separated, 3)
    assert cv["folds"] == 3 and cv["mean"] == cv["min"] == cv["max"] == 1.0 and cv["sd"] == 0.0
    mixed = [
        *separated,
        {"mi_quality": "low", "overall": 95.0},
        {"mi_quality": "high", "overall": 1.0},
    ]
    cv = cross_validated_auc(mixed, 3)
    assert cv["min"] < cv["max"] <= 1.0 and cv["sd"] > 0
    # Fewer low transcripts than folds: as many folds as there are.
    assert cross_validated_auc(separated[:9] + separated[9:11], 5)["folds"] == 2
