"""The check the MI-form tables share: a line gets its code, keeps its cue, explains itself."""

from __future__ import annotations

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code


def assert_form(
    coder: Coder, client: str | None, line: str, code: Code, cue_id: str | None
) -> None:
    coded = coder.code(line, previous_client_line=client)
    assert coded.code == code, [(s.text, s.code, s.cue_ids) for s in coded.sentences]
    if cue_id is not None:
        assert cue_id in {c.id for s in coded.sentences for c in s.cues}
    assert all(c.text for c in coded.cues), "every decision explains itself to the trainer"
