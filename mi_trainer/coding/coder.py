"""The public coding API.

>>> from mi_trainer.coding.coder import Coder
>>> Coder().code("What worries you most about the conference?").code
<Code.QUESTION_OPEN: 'question_open'>
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mi_trainer.coding.codes import REFLECTIONS, Code
from mi_trainer.coding.pipeline import build_nlp, normalise
from mi_trainer.coding.reflects import load_classifier, reflected
from mi_trainer.coding.result import CodedSentence, CodedUtterance

# Bump whenever rules or bundled patterns change, so stored transcripts say which coder coded them.
CODER_VERSION = "1.0.0"

_MAX_CHARS = 1_000_000  # spaCy's own limit; longer input is coded in slices


class Coder:
    """Rule-based MITI coder on ``spacy.blank("en")``. One worker thread at a time."""

    version = CODER_VERSION

    def __init__(self, patterns_dir: str | Path | None = None) -> None:
        self.nlp = build_nlp(patterns_dir)
        self._classify = None

    def code(self, text: str, previous_client_line: str | None = None) -> CodedUtterance:
        """Code one practitioner turn; ``reflects`` is set for reflections when the client's
        previous line is given."""
        text = _clean(text)
        doc = self.nlp(normalise(text)) if text.strip() else None
        return self._result(text, doc, previous_client_line)

    def code_many(self, texts: Iterable[str]) -> list[CodedUtterance]:
        """Code many turns at once (``nlp.pipe``), in order."""
        cleaned = [_clean(t) for t in texts]
        docs = self.nlp.pipe(normalise(t) if t.strip() else "" for t in cleaned)
        return [
            self._result(t, d if t.strip() else None, None)
            for t, d in zip(cleaned, docs, strict=False)
        ]

    def _result(self, text, doc, previous_client_line) -> CodedUtterance:  # type: ignore[no-untyped-def]
        if doc is None or not doc._.mi_sentences:
            sentence = CodedSentence(text=text, code=Code.OTHER, cues=("nothing said",))
            return CodedUtterance(text=text, code=Code.OTHER, sentences=(sentence,))
        sentences = tuple(
            CodedSentence(text=text[s.start_char : s.end_char], code=s._.mi_code, cues=s._.mi_cues)
            for s in doc._.mi_sentences
        )
        code = doc._.mi_main_code
        reflects = None
        if code in REFLECTIONS and previous_client_line and previous_client_line.strip():
            if self._classify is None:
                self._classify = load_classifier()
            reflects = reflected(text, previous_client_line, self._classify)
        return CodedUtterance(text=text, code=code, sentences=sentences, reflects=reflects)


def _clean(text: object) -> str:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if len(text) > _MAX_CHARS:
        text = text[:_MAX_CHARS]
    # Lone surrogates cannot be encoded anywhere downstream; replace them.
    return text.encode("utf-8", "replace").decode("utf-8")
