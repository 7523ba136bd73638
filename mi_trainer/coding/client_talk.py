"""Client talk coder: change / sustain / neutral / discord from rule-based cues (DARN-CAT).

    from mi_trainer.coding.client_talk import ClientTalkCoder
    talk, cues = ClientTalkCoder().classify("I can't keep doing this to the kids.")
    # (TalkType.CHANGE, ("reason: fed up with how things are", ...))

The cues are data (``patterns/client_talk.yaml``): phrases compiled into a spaCy ``Matcher``
over a blank English pipeline, run by the ``client_talk`` pipeline component. The rules:

1. every cue that matches adds its weight to its side (change, sustain or discord);
   a match inside a longer match is dropped (the longer phrase is the more specific cue);
2. a change or sustain cue that is not ``fixed`` swaps sides when a negation sits inside it or
   just before it ("I don't need to stop" = sustain) — and swaps back when what follows is the
   status quo or a feared outcome ("I can't keep doing this", "I don't want to lose them");
3. cues after the last "but" / "though" weigh twice as much (what follows "but" is where the
   person leans: "I like a drink, but I want to be there for the kids" = change);
4. discord wins when it weighs at least as much as either side; otherwise the heavier of change
   and sustain wins; no cue at all (or a tie) is neutral.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from mi_trainer.coding.codes import TalkType
from mi_trainer.coding.tokens import guard_long_runs

PATTERNS_FILE = Path(__file__).with_name("patterns") / "client_talk.yaml"
CLIENT_TALK_VERSION = "client-talk-1"

_NEGATIONS = frozenset({"not", "n't", "never", "no", "cannot", "nothing", "nobody"})
_BUT = frozenset({"but", "though", "although", "however", "except"})
_BUT_WEIGHT = 2.0
_NEGATION_LOOKBACK = 2  # tokens before a cue where a negation still applies to it
_COMPLEMENT_WINDOW = 4  # tokens after a negated cue searched for the status quo


@dataclass(frozen=True, slots=True)
class Cue:
    talk: TalkType
    darn_cat: str | None
    label: str
    weight: float
    fixed: bool
    complement: bool  # "want to / need to / can ...": the verb after decides a negated cue


def _compile_phrase(phrase: str, lists: dict[str, list[str]]) -> list[dict[str, Any]]:
    tokens: list[dict[str, Any]] = []
    for part in phrase.split():
        optional = part.endswith("?") and len(part) > 1
        name = part[:-1] if optional else part
        if name == "_":
            spec: dict[str, Any] = {}
        elif name.startswith("@"):
            words = lists.get(name[1:])
            if words is None:
                raise ValueError(f"{PATTERNS_FILE}: unknown list {name!r} in phrase {phrase!r}")
            spec = {"LOWER": {"IN": [str(w).lower() for w in words]}}
        else:
            spec = {"LOWER": name.lower()}
        if optional:
            spec["OP"] = "?"
        tokens.append(spec)
    return tokens


@lru_cache(maxsize=1)
def _load() -> tuple[
    dict[str, Cue], dict[str, list[list[dict[str, Any]]]], frozenset[str], frozenset[str]
]:
    data = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    lists: dict[str, list[str]] = data.get("lists", {})
    cues: dict[str, Cue] = {}
    patterns: dict[str, list[list[dict[str, Any]]]] = {}
    for n, entry in enumerate(data["cues"]):
        key = f"client_talk_{n}"
        cues[key] = Cue(
            talk=TalkType(entry["talk"]),
            darn_cat=entry.get("darn_cat"),
            label=str(entry["cue"]),
            weight=float(entry.get("weight", 1.0)),
            fixed=bool(entry.get("fixed", False)),
            complement=bool(entry.get("complement", False)),
        )
        patterns[key] = [_compile_phrase(p, lists) for p in entry["phrases"]]
    status_quo = frozenset(str(w).lower() for w in lists.get("status_quo", ()))
    actions = frozenset(str(w).lower() for w in lists.get("change_action", ()))
    return cues, patterns, status_quo, actions


if not Doc.has_extension("client_talk"):
    Doc.set_extension("client_talk", default=None)
if not Doc.has_extension("client_talk_cues"):
    Doc.set_extension("client_talk_cues", default=())


class ClientTalkComponent:
    """spaCy component: sets ``doc._.client_talk`` (TalkType) and ``doc._.client_talk_cues``."""

    def __init__(self, nlp: Language) -> None:
        self.cues, patterns, self.status_quo, self.actions = _load()
        self.matcher = Matcher(nlp.vocab)
        for key, pats in patterns.items():
            self.matcher.add(key, pats)

    def __call__(self, doc: Doc) -> Doc:
        talk, cues = self.decide(doc)
        doc._.client_talk = talk
        doc._.client_talk_cues = cues
        return doc

    def decide(self, doc: Doc) -> tuple[TalkType, tuple[str, ...]]:
        matches = self.matcher(doc)
        # Longest first; drop a match lying inside one already kept.
        spans = sorted(((s, e, m) for m, s, e in matches), key=lambda x: (x[0] - x[1], x[0]))
        kept: list[tuple[int, int, int]] = []
        for s, e, m in spans:
            if any(ks <= s and e <= ke for ks, ke, _ in kept):
                continue
            kept.append((s, e, m))
        kept.sort()
        lowers = [t.lower_ for t in doc]
        last_but = max((i for i, w in enumerate(lowers) if w in _BUT), default=-1)
        scores = {
            TalkType.CHANGE: 0.0,
            TalkType.SUSTAIN: 0.0,
            TalkType.DISCORD: 0.0,
            TalkType.DISCLOSURE: 0.0,
        }
        labels: list[str] = []
        for s, e, m in kept:
            cue = self.cues[doc.vocab.strings[m]]
            talk = cue.talk
            note = ""
            if talk == TalkType.DISCLOSURE and any(
                w in _NEGATIONS for w in lowers[max(0, s - _NEGATION_LOOKBACK) : s]
            ):
                continue  # "he's never hit me", "I'd never hurt myself": nothing disclosed
            if not cue.fixed and talk in (TalkType.CHANGE, TalkType.SUSTAIN):
                window = lowers[max(0, s - _NEGATION_LOOKBACK) : e]
                # Only negations in the same clause count.
                if any(w in _NEGATIONS for w in window) and not any(
                    w in _BUT or w in {",", ".", ";"} for w in lowers[max(0, s - 2) : s]
                ):
                    after = lowers[e : e + _COMPLEMENT_WINDOW]
                    verb = lowers[e - 1 : e + 2] if cue.complement else []
                    clause_end = e >= len(lowers) or lowers[e] in {".", ",", "!", "?", ";"}
                    if any(w in self.status_quo for w in after):
                        note = " (negated status quo)"
                    elif (
                        cue.complement
                        and not clause_end
                        and not any(w in self.actions for w in verb)
                    ):
                        note = " (not wanting something else)"
                    else:
                        talk = TalkType.SUSTAIN if talk == TalkType.CHANGE else TalkType.CHANGE
                        note = " (negated)"
            if talk == TalkType.NEUTRAL:
                continue
            weight = cue.weight * (_BUT_WEIGHT if s > last_but >= 0 else 1.0)
            scores[talk] += weight
            labels.append(f"{cue.label}{note}: '{doc[s:e].text}'")
        change, sustain, discord = (
            scores[TalkType.CHANGE],
            scores[TalkType.SUSTAIN],
            scores[TalkType.DISCORD],
        )
        if scores[TalkType.DISCLOSURE] > 0:
            # A disclosure of risk is its own kind of talk, whatever else the line says.
            result = TalkType.DISCLOSURE
        elif discord > 0 and discord >= max(change, sustain):
            result = TalkType.DISCORD
        elif change > sustain:
            result = TalkType.CHANGE
        elif sustain > change:
            result = TalkType.SUSTAIN
        else:
            result = TalkType.NEUTRAL
        return result, tuple(labels)


@Language.factory("client_talk")
def make_client_talk(nlp: Language, name: str) -> ClientTalkComponent:
    return ClientTalkComponent(nlp)


_APOSTROPHES = re.compile("[’‘`]")
# Stutters and false starts in transcribed speech: "I-I", "I'll-I'll", "we-we".
_STUTTER = re.compile(r"\b([\w']+)(?:-\1\b)+", re.IGNORECASE)


def _clean(text: str) -> str:
    text = _APOSTROPHES.sub("'", text or "")
    text = _STUTTER.sub(r"\1", text)
    return text.replace("--", ", ")


class ClientTalkCoder:
    """Classifies a client line as change / sustain / neutral / discord, with its cues."""

    def __init__(self) -> None:
        self.nlp = spacy.blank("en")
        guard_long_runs(self.nlp)
        self.component: ClientTalkComponent = self.nlp.add_pipe("client_talk")

    def classify(self, text: str) -> tuple[TalkType, tuple[str, ...]]:
        doc = self.nlp(_clean(text))
        return doc._.client_talk, tuple(doc._.client_talk_cues)

    def classify_many(self, texts: list[str]) -> list[tuple[TalkType, tuple[str, ...]]]:
        return [
            (d._.client_talk, tuple(d._.client_talk_cues))
            for d in self.nlp.pipe(_clean(t) for t in texts)
        ]
