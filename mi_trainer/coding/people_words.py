"""The words for people in a family ("dad", "the baby", "nan"), from patterns/intent-people.json.

Kept apart from :mod:`mi_trainer.coding.intent` (a spaCy component) so that the simulation,
which needs the words but not spaCy, imports no spaCy: the app's scenario scan runs in one
thread while the coder loads spaCy in another, and two threads importing spaCy at once can
meet it half-initialised ("cannot import name 'Doc' from partially initialized module").
"""

from __future__ import annotations

import json
from pathlib import Path

from mi_trainer.coding.cue_patterns import PatternError, word_sets

INTENT_DIR = Path(__file__).with_name("patterns")


def load_people_words(folder: Path | None = None) -> dict[str, frozenset[str]]:
    path = (folder or INTENT_DIR) / "intent-people.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise PatternError(f"{path}: cannot read the person words ({err})") from err
    return word_sets(data)
