"""Speed-ups that must not change a single code: token patterns run as phrases, and the intent
component skips its token patterns for turns that ask nothing."""

from __future__ import annotations

import pytest

from mi_trainer.coding import pipeline
from mi_trainer.coding.coder import Coder

LINES = [
    "Do not keep the tablets where the kids can reach them.",
    "Why don't you tell me about the weekend?",
    "Who's picking Mia up on Friday?",
    "It hasn't been easy, not so easy at all, not been easy.",
    "That's completely unacceptable, and your drinking isn't helping.",
    "Just try the group, you felt better after the last one.",
    "Mornings are hard, so stick to the same bedtime, and then just ring me.",
    "I felt sick, I feel awful, I feel like giving up.",
    "Where's Dean living now? Where was Leo when it started?",
    "Any thoughts? Any thoughts of hurting yourself?",
    "You know, the police said what?",
]


def _hits(coder: Coder, text: str) -> list[tuple[int, int, str]]:
    doc = coder.nlp.get_pipe("mi_cues")(coder.nlp.make_doc(text))
    return sorted((s, e, rule.source) for s, e, rule in doc._.mi_hits)


def test_patterns_run_as_phrases_find_exactly_what_the_matcher_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fast = Coder()
    assert fast.nlp.get_pipe("mi_cues").guards  # some bundled patterns are run as phrases
    monkeypatch.setattr(pipeline, "as_phrases", lambda pattern: None)
    plain = Coder()
    assert not plain.nlp.get_pipe("mi_cues").guards
    for line in LINES:
        assert _hits(fast, line) == _hits(plain, line), line


@pytest.mark.parametrize(
    ("pattern", "runs_as_phrases"),
    [
        ([{"LOWER": "why"}, {"LOWER": {"IN": ["do", "did"]}}], True),
        ([{"LOWER": "not"}, {"LOWER": "been", "OP": "?"}, {"LOWER": "easy"}], True),
        ([{"LOWER": {"IN": ["feel"]}}, {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["like"]}}], True),
        ([{"LOWER": "if"}, {"OP": "{0,7}"}, {"LOWER": "court"}], False),  # a wildcard
        ([{"LIKE_NUM": True}, {"LOWER": "cans"}], False),  # an attribute phrases cannot test
        ([{"ORTH": "So"}, {"LOWER": "you"}], False),  # ORTH of a word is case-sensitive
    ],
)
def test_which_patterns_run_as_phrases(pattern: list, runs_as_phrases: bool) -> None:
    assert (pipeline.as_phrases(pattern) is not None) == runs_as_phrases


def test_the_intent_of_a_turn_that_asks_nothing_is_unchanged_by_the_skip() -> None:
    fast = Coder()
    assert fast.nlp.get_pipe("mi_intent").matcher_only_asks  # the bundled token patterns all ask
    slow = Coder()
    slow.nlp.get_pipe("mi_intent").matcher_only_asks = False
    lines = [*LINES, "Thanks for the tea.", "I'm sorry, I came in too strong.", "Mia is nine."]
    for line in lines:
        assert fast.code(line).intent == slow.code(line).intent, line
