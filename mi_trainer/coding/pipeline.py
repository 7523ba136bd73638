"""spaCy components for MITI coding, registered with ``@Language.factory``.

``mi_cues`` finds every cue of the pattern files (``Matcher`` + ``PhraseMatcher``);
``mi_code`` codes each sentence and the turn. Results live on extensions:

- ``Span._.mi_code`` (:class:`Code`), ``Span._.mi_cues`` (tuple of reasons) per sentence;
- ``Doc._.mi_main_code``, ``Doc._.mi_main_cues``, ``Doc._.mi_sentences`` (the coded spans).

``build_nlp()`` makes the default pipeline on ``spacy.blank("en")``: no model download.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import spacy
from spacy.errors import MatchPatternError
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from mi_trainer.coding import rules
from mi_trainer.coding.anchored import AnchoredMatcher
from mi_trainer.coding.batched import BatchedComponent
from mi_trainer.coding.codes import Code
from mi_trainer.coding.cue_patterns import CueRule, PatternError, load_rules, load_words
from mi_trainer.coding.intent import add_intent_pipe
from mi_trainer.coding.regex_guard import UnsafeRegex, guarded_pattern
from mi_trainer.coding.result import Cue
from mi_trainer.coding.tokens import SPOKEN_TOKENIZER, lexeme_lists

for _name, _default in (("mi_code", None), ("mi_cues", ())):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
for _name, _default in (
    ("mi_hits", None),
    ("mi_lower", None),  # each token's lower-case form (list[str]), set by mi_code
    ("mi_previous_client", None),
    ("mi_main_code", None),
    ("mi_main_cues", ()),
    ("mi_sentences", ()),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"'})


def normalise(text: str) -> str:
    """Same length as ``text`` (offsets stay valid): curly quotes become straight ones."""
    return text.translate(_TRANSLATE)


@Language.factory("mi_cues", default_config={"patterns_dir": None, "extra_dirs": []})
def make_cue_matcher(
    nlp: Language, name: str, patterns_dir: str | None, extra_dirs: list[str]
) -> CueMatcher:
    return CueMatcher(nlp, Path(patterns_dir) if patterns_dir else None, extra_dirs)


@Language.factory("mi_code", default_config={"patterns_dir": None, "extra_dirs": []})
def make_sentence_coder(
    nlp: Language, name: str, patterns_dir: str | None, extra_dirs: list[str]
) -> SentenceCoder:
    return SentenceCoder(Path(patterns_dir) if patterns_dir else None, extra_dirs)


# "I share a bit", "we'll talk more about", "let me share": an invitation phrase whose subject
# is the worker.
WORKER_SUBJECTS = frozenset({"i", "we"})
TELLING_VERBS = frozenset({"share", "talk", "say", "explain", "describe", "walk"})
WORKER_MODALS = frozenset({"'ll", "'d", "will", "would", "can", "could", "might", "may"})


def _worker_offers(words: list[str], start: int) -> bool:
    if words[start] not in TELLING_VERBS:
        return False  # "I'd like to find out…" is the worker asking
    before = words[max(0, start - 2) : start]
    if before[-1:] and before[-1] in WORKER_SUBJECTS:
        return True
    return len(before) == 2 and (
        (before[0] in WORKER_SUBJECTS and before[1] in WORKER_MODALS)
        or (before[0] == "let" and before[1] in ("me", "us"))
    )


class CueMatcher(BatchedComponent):
    """Runs every cue pattern over the doc; stores ``(start, end, rule)`` on ``Doc._.mi_hits``."""

    def __init__(
        self, nlp: Language, patterns_dir: Path | None = None, extra_dirs: Sequence[str] = ()
    ) -> None:
        # A trainer's own folders are read after the bundled cues: they add, never replace.
        self.rules: list[CueRule] = load_rules(patterns_dir)
        bundled = len(self.rules) if patterns_dir is None else 0
        for folder in extra_dirs:
            self.rules.extend(load_rules(Path(folder)))
        self.matcher = AnchoredMatcher(nlp.vocab)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_key: dict[int, CueRule] = {}
        self.order: dict[str, int] = {rule.source: n for n, rule in enumerate(self.rules)}
        # Token patterns that are only word choices with a guard word before or after run as
        # phrases (the PhraseMatcher is many times faster than the Matcher) plus the guard.
        self.guards: dict[int, tuple[Guard | None, Guard | None]] = {}
        for index, rule in enumerate(self.rules):
            key = f"mi_cue_{index}"
            self.by_key[nlp.vocab.strings.add(key)] = rule
            compiled = as_phrases(rule.pattern) if rule.pattern and index < bundled else None
            if rule.phrases:
                self.phrases.add(key, [nlp.make_doc(p) for p in rule.phrases])
            elif rule.sequences:
                self.phrases.add(key, [Doc(nlp.vocab, words=list(q)) for q in rule.sequences])
            elif compiled is not None:
                sequences, lead, trail = compiled
                self.phrases.add(key, [Doc(nlp.vocab, words=list(q)) for q in sequences])
                self.guards[nlp.vocab.strings[key]] = (lead, trail)
            else:
                try:
                    pattern = guarded_pattern(list(rule.pattern), bounded=index >= bundled)
                except UnsafeRegex as err:
                    raise PatternError(f"{rule.source}: {err}") from None
                try:
                    self.matcher.add(key, [pattern])
                except (MatchPatternError, ValueError) as err:
                    # spaCy's message lists each bad attribute; keep the end, where they are.
                    detail = " ".join(str(err).split())[-300:]
                    raise PatternError(
                        f"{rule.source}: not a valid spaCy Matcher pattern ({detail}); see "
                        "https://spacy.io/usage/rule-based-matching for the token attributes"
                    ) from err

    def __call__(self, doc: Doc) -> Doc:
        by_key = self.by_key
        found = [(s, e, by_key[k]) for k, s, e in self.matcher(doc)]
        guards = self.guards
        for k, s, e in self.phrases(doc):
            guard = guards.get(k)
            if guard is not None:
                lead, trail = guard
                if lead is not None:
                    if s == 0 or not lead(doc[s - 1]):
                        continue
                    s -= 1
                if trail is not None:
                    if e >= len(doc) or not trail(doc[e]):
                        continue
                    e += 1
            found.append((s, e, by_key[k]))
        # Same span from several lines: file and line order decides, not the matcher's hashes.
        order = self.order
        found.sort(key=lambda m: (m[0], m[1], order[m[2].source]))
        doc._.mi_hits = found
        return doc


class SentenceTokens(NamedTuple):
    """A sentence's tokens as plain lists: lower-case form, punctuation, whitespace."""

    lower: list[str]
    punct: list[bool]
    space: list[bool]


class SentenceCoder(BatchedComponent):
    """Codes each sentence from its cues, then picks the turn's main code by precedence."""

    def __init__(self, patterns_dir: Path | None = None, extra_dirs: Sequence[str] = ()) -> None:
        words = load_words(patterns_dir)
        for folder in extra_dirs:
            extra = load_words(Path(folder), required=False)
            for key, more in extra.items():
                words[key] = words.get(key, frozenset()) | more
        self.fillers = words.get("fillers", frozenset())
        self.backchannel = words.get("backchannel", frozenset()) | self.fillers
        self.you_verbs = words.get("you_subject_verbs", frozenset())
        self.not_gerunds = words.get("not_gerunds", frozenset())
        self.stopwords = words.get("stopwords", frozenset()) | self.backchannel
        self.finite_verbs = words.get("finite_verbs", frozenset())
        self.conduct_nouns = words.get("conduct_nouns", frozenset())
        self.advice_requests = tuple(sorted(words.get("advice_requests", frozenset())))
        self.self_blame = words.get("self_blame", frozenset())

    def __call__(self, doc: Doc) -> Doc:
        turn = doc._  # (each ``._`` builds a new accessor: one per turn and sentence)
        hits = turn.mi_hits or []
        client_line = turn.mi_previous_client or ""
        client_words = self.content_words(client_line)
        client_stems = frozenset(stem(w) for w in client_words)
        client_trails = client_line.rstrip().endswith(TRAILING)
        asked = client_line.lower()
        client_invited = bool(asked) and any(p in asked for p in self.advice_requests)
        client_asked = asked.rstrip(" \"')]").endswith("?")
        client_claim = self.claim_of(asked, client_words, client_asked)
        sentences = list(doc.sents) if len(doc) else []
        # Each token's lower-case form and kind, read once for the turn: every rule below
        # reads these lists, not spaCy's Token objects (one is built per access).
        lower, punct, space = lexeme_lists(doc)
        codes: list[Code] = []
        all_cues: list[tuple[Cue, ...]] = []
        position = 0
        for sent in sentences:
            while position < len(hits) and hits[position][0] < sent.start:
                position += 1
            inside = []
            scan = position
            while scan < len(hits) and hits[scan][0] < sent.end:
                if hits[scan][1] <= sent.end:
                    inside.append(hits[scan])
                scan += 1
            start, end = sent.start, sent.end
            code, cues = self.code_span(
                sent,
                inside,
                SentenceTokens(lower[start:end], punct[start:end], space[start:end]),
                client_words,
                client_stems,
                client_trails,
                client_invited,
                client_asked,
                client_claim,
            )
            sentence = sent._
            sentence.mi_code = code
            sentence.mi_cues = reasons = tuple(cues)
            codes.append(code)
            all_cues.append(reasons)
        main, index = rules.main_code(codes, all_cues)
        if main in (Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX):
            main = rules.turn_reflection(codes, punct.count(False))
        turn.mi_lower = lower
        turn.mi_main_code = main
        turn.mi_main_cues = all_cues[index] if index is not None else ()
        turn.mi_sentences = tuple(sentences)
        return doc

    def claim_of(self, line: str, words: frozenset[str], asked: bool) -> str:
        """What their last line claimed, for hearing a bare "No, it isn't." as contradicting it:
        "" (no line, or a question), "self_blame" ("It's my fault"), "negative" or "positive"."""
        if not line or asked:
            return ""
        if words & self.self_blame:
            return "self_blame"
        return "negative" if NEGATION.search(line) else "positive"

    def content_words(self, text: str) -> frozenset[str]:
        """Lower-case content words of a client line (for spotting echoes of their words)."""
        if not text:
            return frozenset()
        words = WORD.findall(text.lower())
        # "The shouting's every night": the worker's tokens split the clitic off ("shouting",
        # "'s"), so the client's word counts in its bare form too ("n't" stays: "don" is no word).
        bare = [w.split("'")[0] for w in words if w.endswith(CLITICS)]
        return frozenset(w for w in (*words, *bare) if w not in self.stopwords)

    def code_span(
        self,
        sent: Span,
        found: list[tuple[int, int, CueRule]],
        tokens: SentenceTokens,
        client_words: frozenset[str] = frozenset(),
        client_stems: frozenset[str] = frozenset(),
        client_trails: bool = False,
        client_invited: bool = False,
        client_asked: bool = False,
        client_claim: str = "",
    ) -> tuple[Code, list[Cue]]:
        fillers = self.fillers
        words, punct = tokens.lower, tokens.punct
        content = [
            i for i, (p, s) in enumerate(zip(punct, tokens.space, strict=True)) if not (p or s)
        ]
        substantive = [i for i in content if words[i].strip("-") not in fillers]
        first = substantive[0] if substantive else len(words)
        last_content = content[-1] if content else -1
        backchannel = self.backchannel
        only_backchannel = all(words[i].strip("-") in backchannel for i in content)
        trivial = rules.trivial_sentence(len(content), len(substantive), only_backchannel)
        if trivial is not None:
            return trivial
        question_mark = any(w.endswith("?") for w in words[last_content + 1 :]) or (
            bool(words) and words[-1].endswith("?")
        )
        # 'You're thinking, "Do I deserve this?"': a question in quotes after the worker's own
        # words is the person's voice, said back; only the worker's own words can ask.
        quoted = _quoted_spans(words, first)
        if quoted:
            found = [hit for hit in found if not _inside(hit[0] - sent.start, quoted)]
            question_mark = question_mark and not _inside(last_content, quoted[-1:])
        first_word = words[first] if substantive else ""
        after = [i for i in content if i > first]
        second_word = words[after[0]] if after else ""
        # (set tests, not a generator per word: these run on every sentence coded)
        has_you = not SECOND_PERSON.isdisjoint(words)
        has_me = not FIRST_PERSON.isdisjoint([words[i] for i in substantive])
        you_verb_start = (first_word == "you" and second_word in self.you_verbs) or (
            first_word in ("your", "you're", "you've") and bool(second_word)
        )
        # "Blaming her…", "Not speaking to Gary…": the sentence is about something they do.
        opener = first_word if first_word != "not" else second_word
        gerund_start = (
            len(opener) >= 6 and opener.endswith("ing") and opener.isalpha()
        ) and opener not in self.not_gerunds
        # "Your drinking isn't helping": a verdict on their conduct, like "Drinking isn't…".
        conduct_start = first_word == "your" and second_word in self.conduct_nouns
        echo = ""
        if client_words:
            mine = [words[i] for i in substantive if words[i].isalpha()]
            mine = [w for w in mine if w not in self.stopwords]
            shared = [w for w in mine if w in client_words]
            if shared and len(shared) * 2 >= len(mine):
                echo = " ".join(shared)
        overlap = ""
        if client_stems:
            # Their words in another form ("demanding" / "demands"): content words only.
            shared_stems = [
                words[i]
                for i in substantive
                if len(words[i]) >= 3
                and words[i].isalpha()
                and words[i] not in self.stopwords
                and stem(words[i]) in client_stems
            ]
            overlap = " ".join(dict.fromkeys(shared_stems))
        # "-and the drinking on top": a sentence that starts mid-clause carries on a sentence
        # (theirs, when their line trailed off); "Ready meals, that sort of thing": a gloss
        # with no verb of its own builds on what they just said.
        # (The first character of its text: whitespace is always a token of its own.)
        opening = sent[tokens.space.index(False)].text[:1] if False in tokens.space else ""
        continues = client_trails or opening in DASHES or opening.islower()
        # "So Dean moved out in March.": "so" draws a conclusion from what was said.
        sums_up = "so" in words[:first]
        finite = self.finite_verbs
        future = not FUTURE.isdisjoint(words)
        verbless = finite.isdisjoint(words) and not any(
            [len(w) > 4 and w.endswith("ed") for w in words]
        )
        facts = rules.SentenceFacts(
            n_content=len(content),
            n_substantive=len(substantive),
            question_mark=question_mark,
            only_backchannel=only_backchannel,
            first_word=first_word,
            second_word=second_word,
            has_you=has_you,
            has_me=has_me,
            you_verb_start=you_verb_start,
            echo=echo,
            overlap=overlap,
            continues=continues,
            sums_up=sums_up,
            verbless=verbless,
            future=future,
            gerund_start=gerund_start,
            conduct_start=conduct_start,
            client_invited=client_invited,
            client_asked=client_asked,
            client_trails=client_trails,
            client_claim=client_claim,
        )
        by_label: dict[str, list[rules.Hit]] = {}
        base = sent.start
        # "Priya, book the visit today.": a name (a capitalised word) and a comma before it do
        # not stop a cue from opening the sentence ("Yeah, obviously, drink…" is no name).
        named = (
            first + 2 < len(words)
            and words[first + 1] == ","
            and words[first].isalpha()
            and words[first] not in self.stopwords
            and sent[first].text[:1].isupper()
        )
        opens = first + 2 if named else first
        for start, end, rule in _without_contained(found):
            s, e = start - base, end - base
            at_start = s <= opens and all(
                words[i].strip("-") in fillers or punct[i] or (named and i == first)
                for i in range(s)
            )
            at_end = e > last_content
            if rule.at == "start" and not at_start:
                continue
            if rule.at == "end" and not at_end:
                continue
            if (
                rule.label == "complex"
                and client_words
                and _named_by_client(words[s:e], client_words, client_stems)
            ):
                # Naming a feeling the client has just named is saying it back, not adding it,
                # in any form ("anxious" after "the anxiety", "scared" after "it's scary").
                continue
            if rule.label == "open_request" and _worker_offers(words, s):
                # "…if I share a bit about…", "We'll talk more about…": the worker offering
                # to tell, not an invitation to the person.
                continue
            text = " ".join(words[s:e]).replace(" '", "'").replace(" n't", "n't")
            by_label.setdefault(rule.label, []).append(
                rules.Hit(rule.label, rule.cue, text, at_start, at_end, rule.id, rule.weight, s)
            )
        return rules.code_sentence(by_label, facts)


FUTURE = frozenset({"will", "'ll", "wo", "gonna"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves", "ya"})
FIRST_PERSON = frozenset({"i", "me", "my", "myself"})
TRAILING = ("-", "—", "–", "…", "...")
DASHES = frozenset("-—–…")
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
CLITICS = ("'s", "'re", "'ve", "'ll", "'d", "'m")
NEGATION = re.compile(r"n't\b|n’t\b|\b(?:not|no|never|nothing|nobody|none|nowhere|cannot)\b")
SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s", "ly")


def _named_by_client(
    span: list[str], client_words: frozenset[str], client_stems: frozenset[str]
) -> bool:
    """Every word of a cue is a word of their last line, as said or in another form
    ("struggle" / "struggling": the stem without its silent "e")."""
    return all(
        w in client_words
        or (w.isalpha() and (stem(w) in client_stems or stem(w).removesuffix("e") in client_stems))
        for w in span
    )


def stem(word: str) -> str:
    """A crude stem for matching their words in another form ("worried" / "worrying")."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "ls":
                word = word[:-1]  # "getting" -> "get", "stopped" -> "stop"
            return word
    return word


# A cue of one of these kinds inside a longer cue of a kind that outranks it is not heard on its
# own: "how much you're putting into this" prizes effort, it does not blame ("you're putting");
# "down to you whether" gives the choice, it does not credit them ("down to you").
OUTRANKS_INSIDE: dict[str, frozenset[str]] = {
    "affirm": frozenset({"confront", "persuade", "judgement", "benefit"}),
    "autonomy": frozenset(
        {"affirm", "confront", "persuade", "judgement", "benefit", "other", "open_request"}
    ),
    "permission": frozenset({"confront", "persuade", "judgement", "benefit", "open_request"}),
}
# By cue id: "Congratulations on the new baby" is a courtesy; the "congratulations" in it is no
# praise (thanks for coming in keeps its own rule).
OUTRANKS_INSIDE_IDS: dict[str, frozenset[str]] = {"courtesy": frozenset({"affirm"})}


def _without_contained(
    found: list[tuple[int, int, CueRule]],
) -> list[tuple[int, int, CueRule]]:
    outer = [(s, e, OUTRANKS_INSIDE[r.label]) for s, e, r in found if r.label in OUTRANKS_INSIDE]
    outer += [(s, e, OUTRANKS_INSIDE_IDS[r.id]) for s, e, r in found if r.id in OUTRANKS_INSIDE_IDS]
    if not outer:
        return found
    return [
        (s, e, r)
        for s, e, r in found
        if not any(
            r.label in beaten and s2 <= s and e <= e2 and (e - s) < (e2 - s2)
            for s2, e2, beaten in outer
        )
    ]


Guard = Any  # a test of one token: Callable[[Token], bool]
GUARD_FLAGS = {"IS_ALPHA": "is_alpha", "IS_TITLE": "is_title", "IS_PUNCT": "is_punct"}
MAX_PHRASES = 5000


def _choices(token: dict[str, Any]) -> list[str] | None:
    """The words a plain token may be (LOWER, or ORTH of punctuation), else None."""
    if set(token) - {"LOWER", "ORTH", "OP"} or token.get("OP") not in (None, "?"):
        return None
    if len([k for k in token if k != "OP"]) != 1:
        return None
    attr = "LOWER" if "LOWER" in token else "ORTH"
    value = token[attr]
    if isinstance(value, str):
        words = [value]
    elif isinstance(value, dict) and set(value) == {"IN"}:
        words = [str(w) for w in value["IN"]]
    else:
        return None
    if attr == "ORTH" and any(w.isalpha() for w in words):
        return None  # ORTH is case-sensitive for words
    return [w.lower() for w in words] + ([""] if token.get("OP") == "?" else [])


def _guard(token: dict[str, Any]) -> Guard | None:
    """A test for a guard token (``NOT_IN``/``IN`` words and IS_ALPHA/IS_TITLE/IS_PUNCT)."""
    if "OP" in token or set(token) - {"LOWER", *GUARD_FLAGS}:
        return None
    flags = [(GUARD_FLAGS[k], bool(v)) for k, v in token.items() if k in GUARD_FLAGS]
    lower = token.get("LOWER")
    allowed = barred = None
    if lower is not None:
        if not isinstance(lower, dict) or not set(lower) <= {"IN", "NOT_IN"}:
            return None
        allowed = frozenset(str(w) for w in lower["IN"]) if "IN" in lower else None
        barred = frozenset(str(w) for w in lower.get("NOT_IN", ()))

    def test(tok: Any) -> bool:
        if any(getattr(tok, name) != want for name, want in flags):
            return False
        low = tok.lower_
        return (allowed is None or low in allowed) and (barred is None or low not in barred)

    return test


def as_phrases(
    pattern: Sequence[dict[str, Any]],
) -> tuple[list[tuple[str, ...]], Guard | None, Guard | None] | None:
    """A token pattern as word sequences for the PhraseMatcher, with an optional guard token
    before and after, or None when it needs the Matcher (wildcards, repeats, other attributes)."""
    tokens = list(pattern)
    lead = trail = None
    if tokens and _choices(tokens[0]) is None:
        lead = _guard(tokens[0])
        if lead is None:
            return None
        tokens = tokens[1:]
    if tokens and _choices(tokens[-1]) is None:
        trail = _guard(tokens[-1])
        if trail is None:
            return None
        tokens = tokens[:-1]
    sequences: list[tuple[str, ...]] = [()]
    for token in tokens:
        choices = _choices(token)
        if choices is None:
            return None
        sequences = [q + ((w,) if w else ()) for q in sequences for w in choices]
        if len(sequences) > MAX_PHRASES:
            return None
    sequences = list(dict.fromkeys(q for q in sequences if q))
    return (sequences, lead, trail) if sequences else None


def _quoted_spans(words: list[str], first: int) -> list[tuple[int, int]]:
    """(open, close) token indices of the quotations opening after the first word; an
    unclosed quotation runs to the end."""
    quotes = [i for i in range(first + 1, len(words)) if words[i] == '"']
    closes = [*quotes[1::2], len(words)]
    return list(zip(quotes[::2], closes, strict=False))


def _inside(index: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < index < end for start, end in spans)


def build_nlp(
    patterns_dir: str | Path | None = None, extra_dirs: Sequence[str | Path] = ()
) -> Language:
    """``spacy.blank("en")`` (with the spoken-text tokenizer of ``coding/tokens.py``) +
    sentencizer + the MITI components. ``extra_dirs``: a trainer's
    own cue folders, read after ``patterns_dir`` (default: the bundled cues)."""
    nlp = spacy.blank("en", config=SPOKEN_TOKENIZER)
    nlp.add_pipe("sentencizer")
    config: dict[str, Any] = {
        "patterns_dir": str(patterns_dir) if patterns_dir else None,
        "extra_dirs": [str(d) for d in extra_dirs],
    }
    nlp.add_pipe("mi_cues", config=config)
    nlp.add_pipe("mi_code", config=config)
    add_intent_pipe(nlp)  # what the worker is doing (coding/intent.py, owned by the engine side)
    return nlp
