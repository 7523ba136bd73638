"""The checks the MI-form tables share: a line gets its code, keeps its cue, explains itself;
the same words in another form keep their own code."""

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


def assert_keeps_code(
    coder: Coder, client: str | None, line: str, code: Code | None, not_codes: tuple[Code, ...]
) -> None:
    """`code` given: the line gets it; None: it gets none of `not_codes` (the form under test)."""
    coded = coder.code(line, previous_client_line=client)
    if code is None:
        assert coded.code not in not_codes, [(s.text, s.code, s.cue_ids) for s in coded.sentences]
    else:
        assert coded.code == code, [(s.text, s.code, s.cue_ids) for s in coded.sentences]
