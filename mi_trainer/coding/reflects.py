"""What a reflection reflects: the client's change talk, sustain talk, both, or neither.

Uses the scoring engineer's ``ClientTalkCoder`` when it is installed; until then (or if it
fails to load) a small built-in classifier of the client line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mi_trainer.coding.codes import Reflected, TalkType

# Double-sided reflections hold both sides in one breath.
_BOTH_SIDES = re.compile(
    r"\b(on the one hand|on the other hand|part of you|at the same time|and yet|"
    r"even though|although|but you also|but also|torn|in two minds|mixed feelings)\b",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(i (really )?(want|wanna|need|have|ought|will|would like|'d like|could|can|should)( to)? "
    r"(stop|cut|quit|change|give up|do something|get help|try|sort|be a better|be there)|"
    r"i'?m (going|gonna|ready|willing|trying) to|i'?ll (try|stop|ring|call|go|do)|"
    r"i (rang|called|booked|went|stopped|started|have stopped|'ve stopped|cut down)|"
    r"i (don't|do not) want (this|to lose|them to)|for the kids|for my kids|i could (try|do)|"
    r"it'?s (a|the) problem|it has to stop|something has to change|i need help)\b",
    re.IGNORECASE,
)
_SUSTAIN = re.compile(
    r"\b(i (don't|do not|dont) (need|want) to (stop|change|cut)|i can'?t (stop|change|do)|"
    r"not a problem|it'?s (fine|not that bad|nothing|only)|only (at|on|a) |never (hurt|affect)|"
    r"i like (it|drinking|a drink)|helps me|i'?m not (going|gonna) to|i won'?t|"
    r"it'?s my (life|business)|i'?m fine|we'?re fine|they'?re fine|no big deal|everyone does)\b",
    re.IGNORECASE,
)
_DISCORD = re.compile(
    r"\b(you lot|you people|you don'?t (know|understand|care)|none of your business|"
    r"leave me alone|get out|not listening to you|why should i)\b",
    re.IGNORECASE,
)


def fallback_classify(text: str) -> tuple[TalkType, tuple[str, ...]]:
    """A small built-in stand-in for ``ClientTalkCoder().classify``."""
    change = _CHANGE.search(text)
    sustain = _SUSTAIN.search(text)
    if _DISCORD.search(text) and not change:
        return TalkType.DISCORD, ("pushes back at the worker",)
    if change and not sustain:
        return TalkType.CHANGE, (f"change talk ('{change.group(0)}')",)
    if sustain and not change:
        return TalkType.SUSTAIN, (f"sustain talk ('{sustain.group(0)}')",)
    if change and sustain:
        return TalkType.CHANGE, ("both change and sustain talk",)
    return TalkType.NEUTRAL, ()


def load_classifier() -> Callable[[str], tuple[TalkType, tuple[str, ...]]]:
    """``ClientTalkCoder().classify`` if available, else :func:`fallback_classify`."""
    try:
        from mi_trainer.coding.client_talk import ClientTalkCoder

        return ClientTalkCoder().classify
    except Exception:  # not written yet, or broken mid-edit: the coder must still work
        return fallback_classify


def reflected(
    reflection: str,
    client_line: str,
    classify: Callable[[str], tuple[TalkType, tuple[str, ...]]],
) -> Reflected:
    """What ``reflection`` reflects of ``client_line``."""
    try:
        talk, _ = classify(client_line)
    except Exception:
        talk = fallback_classify(client_line)[0]
    double_sided = bool(_BOTH_SIDES.search(reflection))
    if double_sided and talk in (TalkType.SUSTAIN, TalkType.CHANGE):
        return Reflected.BOTH
    if talk == TalkType.CHANGE:
        return Reflected.CHANGE
    if talk == TalkType.SUSTAIN:
        return Reflected.SUSTAIN
    return Reflected.BOTH if double_sided else Reflected.NEUTRAL
