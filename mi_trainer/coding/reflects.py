"""What a reflection reflects: the client's change talk, sustain talk, both, or neither.

The client line is classified by :class:`~mi_trainer.coding.client_talk.ClientTalkCoder` (its
cues are ``patterns/client_talk.yaml``); a reflection is double-sided when the coder found a
"holds both sides" cue in it (cue id :data:`BOTH_SIDES_ID`, ``patterns/complexity.jsonl``).
"""

from __future__ import annotations

from mi_trainer.coding.codes import Reflected, TalkType

BOTH_SIDES_ID = "both_sides"


def reflected(talk: TalkType, double_sided: bool) -> Reflected:
    """What a reflection reflects of a client line of kind ``talk``."""
    if double_sided and talk in (TalkType.SUSTAIN, TalkType.CHANGE):
        return Reflected.BOTH
    if talk == TalkType.CHANGE:
        return Reflected.CHANGE
    if talk == TalkType.SUSTAIN:
        return Reflected.SUSTAIN
    return Reflected.BOTH if double_sided else Reflected.NEUTRAL
