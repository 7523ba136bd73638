"""The public coding API.

>>> from mi_trainer.coding.coder import Coder
>>> Coder().code("What worries you most about the conference?").code
<Code.QUESTION_OPEN: 'question_open'>
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from mi_trainer.coding.client_talk import ClientTalkCoder
from mi_trainer.coding.codes import REFLECTIONS, Code
from mi_trainer.coding.cue_patterns import extra_pattern_dirs
from mi_trainer.coding.intent import intent_of
from mi_trainer.coding.pipeline import build_nlp, normalise
from mi_trainer.coding.reflects import BOTH_SIDES_ID, reflected
from mi_trainer.coding.result import CodedSentence, CodedUtterance, Cue, PractitionerIntent

# Bump whenever rules or bundled patterns change, so stored transcripts say which coder coded them.
CODER_VERSION = "1.19.0"

NOTHING_SAID = Cue("nothing_said", "nothing said")
_MAX_CHARS = 1_000_000  # spaCy's own limit; longer input is coded in slices


class Coder:
    """Rule-based MITI coder on ``spacy.blank("en")``. One worker thread at a time."""

    version = CODER_VERSION

    def __init__(
        self,
        patterns_dir: str | Path | None = None,
        extra_patterns: Iterable[str | Path] | None = None,
    ) -> None:
        """``patterns_dir`` replaces the bundled cues; ``extra_patterns`` adds a trainer's own
        folders after them (default: the folders named in ``$MI_TRAINER_PATTERNS``)."""
        extras = list(extra_patterns) if extra_patterns is not None else extra_pattern_dirs()
        self.nlp = build_nlp(patterns_dir, extras)
        self._client_talk: ClientTalkCoder | None = None

    def code(self, text: str, previous_client_line: str | None = None) -> CodedUtterance:
        """Code one practitioner turn; ``reflects`` is set for reflections when the client's
        previous line is given."""
        text = _clean(text)
        client = _clean(previous_client_line) if previous_client_line else None
        doc = self._run(text, client) if text.strip() else None
        return _released(self._result(text, doc, client), doc)

    def code_many(
        self, texts: Iterable[str], previous_client_lines: Iterable[str | None] | None = None
    ) -> list[CodedUtterance]:
        """Code many turns at once, in order; optionally with each turn's previous client line."""
        cleaned = [_clean(t) for t in texts]
        clients: list[str | None] = [None] * len(cleaned)
        if previous_client_lines is not None:
            given = [_clean(c) if c else None for c in previous_client_lines][: len(cleaned)]
            clients[: len(given)] = given
        # One nlp.pipe over the turns: each component codes a batch at a time (coding/batched.py).
        docs = iter(
            self.nlp.pipe(
                self._doc(t, c) for t, c in zip(cleaned, clients, strict=True) if t.strip()
            )
        )
        results = []
        for t, c in zip(cleaned, clients, strict=True):
            doc = next(docs) if t.strip() else None
            results.append(_released(self._result(t, doc, c), doc))
        return results

    def _doc(self, text: str, client: str | None) -> Doc:
        """The turn's tokens, with the client's previous line available to the rules."""
        doc = self.nlp.make_doc(normalise(text))
        if client:
            doc._.mi_previous_client = normalise(client)
        return doc

    def _run(self, text: str, client: str | None) -> Doc:
        """The pipeline on one turn."""
        doc = self._doc(text, client)
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return doc

    def _result(self, text, doc, previous_client_line) -> CodedUtterance:  # type: ignore[no-untyped-def]
        if doc is None or not doc._.mi_sentences:
            sentence = CodedSentence(text=text, code=Code.OTHER, cues=(NOTHING_SAID,))
            return CodedUtterance(
                text=text,
                code=Code.OTHER,
                sentences=(sentence,),
                intent=PractitionerIntent("other"),
            )
        sentences = tuple(
            _coded_sentence(text[s.start_char : s.end_char], s._) for s in doc._.mi_sentences
        )
        code = doc._.mi_main_code
        reflects = None
        if code in REFLECTIONS and previous_client_line and previous_client_line.strip():
            if self._client_talk is None:
                self._client_talk = ClientTalkCoder()
            talk, _ = self._client_talk.classify(previous_client_line)
            double_sided = any(rule.id == BOTH_SIDES_ID for _, _, rule in doc._.mi_hits or ())
            reflects = reflected(talk, double_sided)
        return CodedUtterance(
            text=text, code=code, sentences=sentences, reflects=reflects, intent=intent_of(doc)
        )


def _released(result: CodedUtterance, doc: Doc | None) -> CodedUtterance:
    """``result``, with the turn's Doc let go: its sentence spans, kept on the Doc, point back
    at it, so without this each Doc is a reference cycle that only the garbage collector frees,
    and a file of turns fills the collector's oldest generation (a sixth of the coding time)."""
    if doc is not None:
        doc.user_data.clear()
    return result


def _coded_sentence(text: str, extensions: Any) -> CodedSentence:
    """A sentence's record from its extensions (read through one accessor: spaCy builds a new
    one for each ``._``)."""
    return CodedSentence(text=text, code=extensions.mi_code, cues=extensions.mi_cues)


def _clean(text: object) -> str:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if len(text) > _MAX_CHARS:
        text = text[:_MAX_CHARS]
    # Lone surrogates cannot be encoded anywhere downstream; replace them.
    return text.encode("utf-8", "replace").decode("utf-8")
