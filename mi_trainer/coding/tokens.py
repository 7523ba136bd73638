"""Tokenising what practitioners actually type and say, in time linear in the input.

Two differences from spaCy's English tokenizer, registered the spaCy way as
``mi_trainer.spoken_tokenizer.v1`` (``spacy.blank("en", config=SPOKEN_TOKENIZER)``):

- spoken and typed turns break off mid-word ("Tell me- tell me what…", "-last night"): a dash
  stuck to a word is split from it, so "me-" is still "me" to the cues; hyphens inside a word
  ("not-so-good") are left alone;
- spaCy peels punctuation and symbols off a space-free chunk one character at a time,
  re-reading the rest of the chunk each time, so a pasted run of 100 KB of "!!!!" or emoji takes
  minutes. Long runs are cut into short pieces first (:class:`LongRunSafeTokenizer`), so every
  input is tokenised in linear time; ``doc.text`` is the input, unchanged.

Lines typed fast drop the apostrophe ("thats neglect", "if u dont go"). spaCy already splits
"thats" into "that" + "s" and "dont" into "do" + "nt", like "that's" and "don't"; the pieces
are given the lower-case form of the contraction they stand for (:data:`TYPED_FORMS`), so every
cue written with "'s" or "n't" hears the typed line too, and "u" is "you". A word the
apostrophe-less form makes ("its", "were", "well", "ill") is not split, so is not touched.
"ur" is "your" ("ur kids"), and "you" + "'re" before a word that only "you're" can precede
("ur a liar", "ur being naive", "ur not listening": :data:`AFTER_YOU_ARE`).

The affixes are given when the tokenizer is made: setting them afterwards would make spaCy
re-read its 4,000 special cases once per setting (0.15 s of start-up).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

# No word is this long; a run of it without a space is a paste or a key held down.
_LONG_RUN = re.compile(r"\S{64,}\s?")
_PIECE = 32
BROKEN_OFF = r"-+"

# The piece a typed contraction leaves (or a texting spelling) -> the form cues are written with.
TYPED_FORMS: dict[str, str] = {
    "s": "'s",
    "nt": "n't",
    "re": "'re",
    "m": "'m",
    "ve": "'ve",
    "ll": "'ll",
    "d": "'d",
    "u": "you",
    "r": "'re",
    "ur": "your",
}
_UR = re.compile(r"(?i)\bur\b")
# After these, a typed "ur" is "you're", never "your" ("ur a liar", "ur not listening").
AFTER_YOU_ARE = frozenset(
    [
        "a",
        "an",
        "the",
        "not",
        "n't",
        "so",
        "such",
        "being",
        "just",
        "always",
        "never",
        "really",
        "still",
        "clearly",
        "obviously",
        "only",
        "too",
        "very",
        "gonna",
        "going",
        "quite",
        "pretty",
        "literally",
        "basically",
        "definitely",
        "probably",
        "actually",
    ]
)

SPOKEN_TOKENIZER: dict[str, Any] = {
    "nlp": {"tokenizer": {"@tokenizers": "mi_trainer.spoken_tokenizer.v1"}}
}


class LongRunSafeTokenizer:
    """Wraps a spaCy tokenizer: ordinary text goes straight through (one regex scan); a long
    space-free run is tokenised in pieces of ``_PIECE`` characters and the pieces are joined."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self._tokenize(text)
        return doc if _UR.search(text) is None else _split_you_are(doc)

    def _tokenize(self, text: str) -> Doc:
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


def _split_you_are(doc: Doc) -> Doc:
    """A typed "ur" that stands for "you're" as the two words "u" + "r" (the text unchanged)."""
    words: list[str] = []
    spaces: list[bool] = []
    split = False
    for i, tok in enumerate(doc):
        following = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        if tok.text.lower() == "ur" and following in AFTER_YOU_ARE:
            words.extend((tok.text[0], tok.text[1]))
            spaces.extend((False, bool(tok.whitespace_)))
            split = True
        else:
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))
    return Doc(doc.vocab, words=words, spaces=spaces) if split else doc


@spacy.registry.tokenizers("mi_trainer.spoken_tokenizer.v1")
def create_spoken_tokenizer() -> Callable[[Language], LongRunSafeTokenizer]:
    def make(nlp: Language) -> LongRunSafeTokenizer:
        defaults = nlp.Defaults
        for typed, form in TYPED_FORMS.items():
            nlp.vocab[typed].lower_ = form
        tokenizer = Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=spacy.util.compile_prefix_regex([BROKEN_OFF, *defaults.prefixes]).search,
            suffix_search=spacy.util.compile_suffix_regex([BROKEN_OFF, *defaults.suffixes]).search,
            infix_finditer=spacy.util.compile_infix_regex(defaults.infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )
        return LongRunSafeTokenizer(tokenizer)

    return make


def guard_long_runs(nlp: Language) -> None:
    """Linear-time tokenising for a pipeline that keeps spaCy's own affixes."""
    nlp.tokenizer = LongRunSafeTokenizer(nlp.tokenizer)


# A word's lower-case form, and whether it is punctuation or space, are the word's own (spaCy's
# lexeme attributes), so they are read once per word and kept: a turn's lists come from one
# array of its words, with no spaCy Token object built per token (a tenth of the coding time).
_LEXEMES: dict[int, tuple[str, bool, bool]] = {}
_MAX_LEXEMES = 200_000  # a flood of pasted junk words: start again, stay bounded


def lexeme_lists(doc: Doc) -> tuple[list[str], list[bool], list[bool]]:
    """Each token's lower-case form, whether it is punctuation, whether it is space."""
    known = _LEXEMES
    vocab = doc.vocab
    lower: list[str] = []
    punct: list[bool] = []
    space: list[bool] = []
    for orth in doc.to_array(ORTH).tolist():
        info = known.get(orth)
        if info is None:
            lexeme = vocab[orth]
            info = (lexeme.lower_, lexeme.is_punct, lexeme.is_space)
            if len(known) >= _MAX_LEXEMES:
                known.clear()
            known[orth] = info
        lower.append(info[0])
        punct.append(info[1])
        space.append(info[2])
    return lower, punct, space
