"""Cues have stable ids: the rules decide on ids, so rewording an explanation changes no code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mi_trainer.coding import coder as coder_module
from mi_trainer.coding import rules
from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code
from mi_trainer.coding.cue_patterns import PATTERNS_DIR, PatternError, load_rules
from mi_trainer.coding.result import LEGACY_CUE_ID, CodedUtterance, Cue
from mi_trainer.transcript import Turn
from tests.coding.test_coder_codes_table import TABLE

# Lines whose code depends on the rules that used to compare cue text: a check-in after
# information or advice, a warning that starts with "you", a weighted meaning-adding cue, plain
# statements leading to an affirmation, the worker speaking of themselves.
WITH_CLIENT: list[tuple[str, str | None]] = [
    ("The conference is on Thursday. What do you think about that?", None),
    ("You could ask your sister to help. What do you make of that?", None),
    ("You'll lose the children if you keep drinking.", None),
    ("It's kind of like a fog you're in.", "I just can't think straight."),
    ("You've been at every contact. That takes real commitment.", None),
    ("I was a bit late today. You kept going anyway, that's great.", None),
    ("So you stopped at the weekend?", "I stopped at the weekend."),
    ("You stopped.", "I stopped."),
]


def _reworded_patterns(tmp_path: Path) -> Path:
    folder = tmp_path / "reworded"
    shutil.copytree(PATTERNS_DIR, folder)
    for path in folder.glob("*.jsonl"):
        out = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.lstrip().startswith(("#", "//")):
                data = json.loads(line)
                data["cue"] = f"reworded {path.stem} {number}"
                line = json.dumps(data)
            out.append(line)
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


def _reword_rule_reasons(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reasons the rules give themselves are reworded too."""
    for module in (rules, coder_module):
        for name, value in vars(module).items():
            if isinstance(value, Cue):
                monkeypatch.setattr(module, name, Cue(value.id, f"reworded {value.id}"))


def test_every_bundled_cue_line_names_its_id() -> None:
    for path in sorted(PATTERNS_DIR.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.lstrip().startswith(("#", "//")):
                assert "id" in json.loads(line), f"{path.name}:{number} has no id"
    ids = {rule.id for rule in load_rules()}
    assert {rules.CHECK_IN_ID, rules.WARNING_ID} <= ids


def test_rewording_every_cue_changes_no_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [(text, None) for text, _ in TABLE] + WITH_CLIENT
    bundled = Coder()
    before = [bundled.code(text, client) for text, client in lines]
    reworded_dir = _reworded_patterns(tmp_path)
    _reword_rule_reasons(monkeypatch)
    reworded = Coder(patterns_dir=reworded_dir)
    after = [reworded.code(text, client) for text, client in lines]
    for (text, _), old, new in zip(lines, before, after, strict=True):
        assert new.codes == old.codes, text
        assert new.code == old.code, text
        assert [s.cue_ids for s in new.sentences] == [s.cue_ids for s in old.sentences], text
    old_texts = {c.text for u in before for c in u.cues}
    new_texts = {c.text for u in after for c in u.cues}
    assert not old_texts & new_texts, "every explanation was reworded"


def test_a_reason_is_an_id_and_a_text() -> None:
    cue = Coder().code("You need to stop drinking.").cues[0]
    assert cue.id == "you_should"
    assert "you need to" in cue.text
    assert str(cue) == cue.text


def test_cues_serialise_with_ids_and_old_plain_string_cues_still_load() -> None:
    coded = Coder().code("What matters most to you?")
    data = coded.to_dict()
    assert data["sentences"][0]["cues"][0] == {
        "id": coded.cues[0].id,
        "text": coded.cues[0].text,
    }
    assert CodedUtterance.from_dict(json.loads(json.dumps(data))) == coded

    # A turn stored before cues had ids (old databases, exports): cues were plain strings.
    old_turn = {
        "index": 0,
        "speaker": "practitioner",
        "text": "What matters most to you?",
        "coded": {
            "text": "What matters most to you?",
            "code": "question_open",
            "sentences": [
                {
                    "text": "What matters most to you?",
                    "code": "question_open",
                    "cues": ["starts with a wh-word: 'what'"],
                }
            ],
            "reflects": None,
        },
    }
    loaded = Turn.from_dict(old_turn)
    assert loaded.coded is not None
    assert loaded.coded.cues == (Cue(LEGACY_CUE_ID, "starts with a wh-word: 'what'"),)
    assert Turn.from_dict(loaded.to_dict()) == loaded


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "has space", "label": "persuade", "cue": "x", "phrases": ["a b"]}', "'id'"),
        (
            '{"id": "ok", "weight": "heavy", "label": "complex", "cue": "x", "phrases": ["a"]}',
            "weight",
        ),
    ],
)
def test_a_bad_id_or_weight_is_refused_with_file_and_line(
    tmp_path: Path, line: str, message: str
) -> None:
    (tmp_path / "mine.jsonl").write_text("# mine\n" + line + "\n", encoding="utf-8")
    with pytest.raises(PatternError, match=rf"mine\.jsonl:2: .*{message}"):
        load_rules(tmp_path)


def test_a_trainers_line_without_an_id_gets_one_from_its_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "my cues.jsonl").write_text(
        '{"label": "confront", "cue": "threatens court", "phrases": ["see you in court"]}\n',
        encoding="utf-8",
    )
    assert [r.id for r in load_rules(tmp_path)] == ["my_cues:1"]


def test_an_apology_for_the_workers_manner_is_repair() -> None:
    coded = Coder().code("I'm sorry, I came in far too strong, that wasn't fair on you at all.")
    assert coded.code == Code.OTHER
    assert rules.REPAIR_ID in coded.cue_ids
