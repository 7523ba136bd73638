"""Tokenising what people actually type and say, in time linear in the input.

spaCy's English tokenizer peels punctuation and symbols off a space-free chunk one character
at a time, re-reading the rest of the chunk each time: a pasted run of 100 KB of "!!!!" or
emoji takes minutes. :func:`guard_long_runs` cuts such runs into short pieces first, so every
input is tokenised in linear time; ``doc.text`` is the input, unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# No word is this long; a run of it without a space is a paste or a keyboard held down.
_LONG_RUN = re.compile(r"\S{64,}\s?")
_PIECE = 32


class LongRunSafeTokenizer:
    """Wraps a spaCy tokenizer: ordinary text goes straight through (one regex scan); a long
    space-free run is tokenised in pieces of ``_PIECE`` characters and the pieces are joined."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            return self.tokenizer(text)
        pieces: list[str] = []
        done = 0
        for run in _LONG_RUN.finditer(text):
            start, end = run.span()
            if start > done:
                pieces.append(text[done:start])
            pieces.extend(text[i : min(i + _PIECE, end)] for i in range(start, end, _PIECE))
            done = end
        if done < len(text):
            pieces.append(text[done:])
        return Doc.from_docs([self.tokenizer(piece) for piece in pieces], ensure_whitespace=False)


def guard_long_runs(nlp: Language) -> None:
    nlp.tokenizer = LongRunSafeTokenizer(nlp.tokenizer)


def split_broken_off_words(nlp: Language) -> None:
    """Spoken and typed turns break off mid-word ("Tell me- tell me what…", "-last night"): a
    dash stuck to a word is split from it, so "me-" is still "me" to the cues. Hyphens inside a
    word ("not-so-good") are left alone."""
    prefixes = [r"-+", *nlp.Defaults.prefixes]
    suffixes = [r"-+", *nlp.Defaults.suffixes]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
