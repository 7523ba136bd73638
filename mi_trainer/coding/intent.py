"""What the worker is doing, beyond the MITI code: a spaCy component (``mi_intent``).

A question can be closed and still ask for the one thing an assessment needs ("How old is
Mia?"); an apology, an offer of tea or a risk question each call for their own answer. The
component reads the patterns in ``patterns/intent.jsonl`` (rules as data, each with an
id) and puts a :class:`~mi_trainer.coding.result.PractitionerIntent` on ``Doc._.mi_intent``:
its ``kind`` (ask_fact, ask_event, ask_view, offer, ask_permission, summarise, apologise,
thank, ask_about_member, ask_risk, other), its ``subject`` ("age", "household", "drink",
"self_harm"...), the person the line names (``member``: "mia", "dad") and the id of the
pattern that decided it (``cue``).

When several sentences of a turn have an intent, the kind earliest in :data:`PRIORITY` wins
(a risk question outweighs a thank-you); within a kind the longest match wins. Asking kinds
count only in a sentence that asks (a question or an invitation to talk), so "You said Mia
is nine" is not a question about her age.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.errors import MatchPatternError
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from mi_trainer.coding.anchored import AnchoredMatcher
from mi_trainer.coding.batched import BatchedComponent
from mi_trainer.coding.codes import QUESTIONS, REFLECTIONS
from mi_trainer.coding.cue_patterns import PatternError, _expand, jsonl_records
from mi_trainer.coding.people_words import INTENT_DIR, load_people_words
from mi_trainer.coding.result import FACT_CHECK, QUESTION_FORM, PractitionerIntent

# Which kind of a turn wins when its sentences do different things.
# The question part of a turn wins over its apology or thanks ("Sorry I put that badly. How
# old is Mia?"), which stay in ``also`` so that the repair is still heard.
PRIORITY: tuple[str, ...] = (
    "ask_risk",
    "ask_fact",
    "ask_event",
    "ask_about_member",
    "ask_permission",
    "offer",
    "apologise",
    "summarise",
    "ask_view",
    "thank",
)
# What a turn's other sentences did that the member still hears beside its question.
ALSO = ("apologise", "thank")
KINDS = frozenset((*PRIORITY, "other", "none"))
ASKING = frozenset(
    {"ask_risk", "ask_fact", "ask_event", "ask_about_member", "offer", "ask_permission"}
)
OTHER = PractitionerIntent(kind="other")

if not Doc.has_extension("mi_intent"):
    Doc.set_extension("mi_intent", default=None)


@dataclass(frozen=True, slots=True)
class IntentRule:
    id: str
    kind: str
    subject: str | None
    question: bool
    blocks: tuple[str, ...]
    source: str
    order: int = 0  # position in the files: the earlier of two equal matches wins
    # a 'frames' rule: an offer or request frame whose subject is the thing it names
    framed: bool = False
    things: tuple[str, ...] | None = None  # the thing classes it takes (None: all)
    opens: bool = False  # counts only where a clause starts ("when did…", not "…when they")
    # makes its sentence ask ("I was wondering whether…"): "always", or "unless_reflection"
    # ("I wonder if you feel let down" is a tentative reflection, not a question)
    asks: str | None = None
    whole: bool = False  # only when it is the whole sentence ("Sorry." but not "Sorry, how old…")
    not_closed: bool = False  # not in a yes/no question ("Were you in on Tuesday?" is no event)
    # a noun phrase naming what a fact is about ("the house", "born"), not the question's frame:
    # it yields to a 'head' frame that opens the clause ("How's Lily been since you left the
    # house?" asks how Lily is; "Talk me through how it's been since he was born" a story)
    topic: bool = False
    head: bool = False
    check: bool = False  # checks a statement back ("…, is that right?"): see _fact_check


def _person_slots(words: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The token patterns a ``{"PERSON": true}`` slot stands for: a name or a relation."""
    name = {"IS_TITLE": True, "LOWER": {"NOT_IN": sorted(words["not_names"])}}
    relation = [
        {"LOWER": {"IN": sorted(words["possessives"])}, "OP": "?"},
        {"LOWER": {"IN": sorted(words["relation_adjectives"])}, "OP": "?"},  # "the little lad"
        {"LOWER": {"IN": sorted(words["relations"])}},
    ]
    return [[name], relation]


def _expand_person(
    pattern: list[dict[str, Any]], slots: list[list[dict[str, Any]]], words: dict[str, Any]
) -> list[list]:
    # {"PERSON": "any"} also takes a name typed in lower case ("kai how's leah doing")
    lower = [{"IS_LOWER": True, "IS_ALPHA": True, "LOWER": {"NOT_IN": sorted(words["not_names"])}}]
    out: list[list[dict[str, Any]]] = [[]]
    for token in pattern:
        if token.get("PERSON"):
            options = [*slots, lower] if token["PERSON"] == "any" else slots
            out = [done + slot for done in out for slot in options]
        else:
            out = [[*done, token] for done in out]
    return out


def _load(folder: Path) -> list[tuple[IntentRule, dict[str, Any]]]:
    rules = []
    for path in sorted(folder.glob("intent*.jsonl")):
        for _number, where, data in jsonl_records(path):
            if not isinstance(data.get("id"), str):
                raise PatternError(f"{where}: each line is a JSON object with an 'id'")
            kind = data.get("kind")
            if kind not in KINDS:
                raise PatternError(
                    f"{where}: unknown kind {kind!r}; use one of: {', '.join(sorted(KINDS))}"
                )
            if sum(1 for key in ("phrases", "words", "pattern", "frames") if data.get(key)) != 1:
                raise PatternError(
                    f"{where}: give exactly one of 'phrases', 'words', 'pattern' or 'frames'"
                )
            things = data.get("things")
            if things is not None and not (
                isinstance(things, list) and all(isinstance(t, str) for t in things)
            ):
                raise PatternError(f"{where}: 'things' is a list of thing classes")
            rule = IntentRule(
                id=data["id"],
                kind=kind,
                subject=data.get("subject"),
                question=bool(data.get("question", kind in ASKING)),
                blocks=tuple(data.get("blocks", ())),
                source=where,
                order=len(rules),
                framed=bool(data.get("frames")),
                things=tuple(things) if things is not None else None,
                opens=bool(data.get("opens")),
                asks=_asks_value(data.get("asks"), where),
                whole=bool(data.get("whole")),
                not_closed=bool(data.get("not_closed")),
                topic=bool(data.get("topic")),
                head=bool(data.get("head")),
                check=bool(data.get("check")),
            )
            rules.append((rule, data))
    return rules


@Language.factory("mi_intent", default_config={"patterns_dir": None})
def make_intent_recogniser(nlp: Language, name: str, patterns_dir: str | None) -> IntentRecogniser:
    return IntentRecogniser(nlp, Path(patterns_dir) if patterns_dir else None)


class IntentRecogniser(BatchedComponent):
    """Finds the worker's intent in each sentence and picks the turn's (see module doc)."""

    def __init__(self, nlp: Language, patterns_dir: Path | None = None) -> None:
        folder = patterns_dir or INTENT_DIR
        if not folder.is_dir():
            raise PatternError(f"{folder}: intent pattern folder not found")
        own_words = (folder / "intent-people.json").exists()
        self.words = load_people_words(folder if own_words else None)
        slots = _person_slots(self.words)
        self.matcher = AnchoredMatcher(nlp.vocab)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_key: dict[int, IntentRule] = {}
        # When every token pattern asks (and blocks nothing), a turn that asks nothing needs
        # only the phrases: the Matcher is most of this component's time.
        self.matcher_only_asks = True
        # The things an offer or a request is about: phrases of the same matcher, by class.
        self.thing_of: dict[int, str] = {}
        for name, phrases in _load_things(folder).items():
            key = f"mi_thing_{name}"
            self.thing_of[nlp.vocab.strings.add(key)] = name
            self.phrases.add(key, [nlp.make_doc(p) for p in phrases])
        for index, (rule, data) in enumerate(_load(folder)):
            key = f"mi_intent_{index}"
            self.by_key[nlp.vocab.strings.add(key)] = rule
            if data.get("phrases") or data.get("frames"):
                said = data.get("phrases") or data.get("frames")
                self.phrases.add(key, [nlp.make_doc(str(p).lower()) for p in said])
            elif data.get("words"):
                sequences = _expand(data["words"], rule.source)
                self.phrases.add(key, [Doc(nlp.vocab, words=list(s)) for s in sequences])
            else:
                # a rule that only cancels asking kinds ("Is the boiler working?" is no job
                # question) matters only where a sentence asks, like the asking rules
                cancels_asking = bool(rule.blocks) and set(rule.blocks) <= ASKING
                self.matcher_only_asks &= (rule.question and not rule.blocks) or cancels_asking
                try:
                    self.matcher.add(key, _expand_person(list(data["pattern"]), slots, self.words))
                except (MatchPatternError, ValueError, TypeError) as err:
                    detail = " ".join(str(err).split())[-200:]
                    raise PatternError(f"{rule.source}: not a valid pattern ({detail})") from err

    def __call__(self, doc: Doc) -> Doc:
        sentences = list(doc._.mi_sentences or ()) or (list(doc.sents) if len(doc) else [])
        lower = doc._.mi_lower  # each token's lower-case form, when the coder ran first
        codes = [sent._.mi_code for sent in sentences]
        found: list[tuple[int, int, IntentRule]] = []
        things: list[tuple[int, int, str]] = []
        for k, s, e in self.phrases(doc):
            if k in self.thing_of:
                things.append((s, e, self.thing_of[k]))
            else:
                found.append((s, e, self.by_key[k]))
        asking = [  # once per sentence
            _asks(sent, self.words, lower, code)
            or any(
                rule.asks is not None
                and sent.start <= s < sent.end
                and (rule.asks == "always" or code not in REFLECTIONS)
                and (not rule.opens or self._opens_clause(sent, s, lower))
                for s, _e, rule in found
            )
            for sent, code in zip(sentences, codes, strict=True)
        ]
        asks = not self.matcher_only_asks or any(asking)
        if asks:
            found.extend((s, e, self.by_key[k]) for k, s, e in self.matcher(doc))
        best: tuple[int, ...] | None = None
        chosen: PractitionerIntent = OTHER
        did: set[str] = set()  # the kinds of every sentence's intent
        for position, sent in enumerate(sentences):
            inside = [hit for hit in found if hit[0] >= sent.start and hit[1] <= sent.end]
            if not inside:
                continue
            earlier = [t for t in things if t[1] <= sent.start]
            result = self._sentence(
                sent, inside, asking[position], things, earlier, lower, codes[position]
            )
            if result is None:
                continue
            rank, length, intent = result
            did.add(intent.kind)
            # "How old is she? And where does she go?": the first concrete question; a plain
            # who/where/when (a wh_ cue) only when no sentence asks anything more concrete
            key = (rank, int((intent.cue or "").startswith("wh_")), position, -length)
            if best is None or key < best:
                best, chosen = key, intent
        if chosen.kind in _CHECKABLE:
            chosen = self._fact_check(sentences, found, things, lower, chosen)
        if chosen is OTHER:
            chosen = self._bare_offer(sentences, things, lower) or OTHER
        if (chosen is OTHER or chosen.kind in ALSO) and "question_open" in codes:
            # "Sorry, that came out wrong. What matters most to you?": the open question
            chosen = PractitionerIntent(kind="ask_view", cue="open_question")
        elif chosen is OTHER and any(
            code not in QUESTIONS and asked for code, asked in zip(codes, asking, strict=True)
        ):
            # "right, does Kai still go to football": a question typed without its '?'
            chosen = PractitionerIntent(kind="other", cue=QUESTION_FORM)
        if chosen.member is None and chosen.kind in ("other", "ask_view", "ask_about_member"):
            # "Are the kids sleeping alright?", "What's Jayden into?": no rule named the person,
            # but the question is still about them; "What about Alfie? How's he doing?": the
            # one named before 'he'
            member = next(
                (self.person(sent) for sent, a in zip(sentences, asking, strict=True) if a), None
            )
            if member is not None:
                chosen = PractitionerIntent(chosen.kind, chosen.subject, member, chosen.cue)
        if chosen.cue == "about_member_pronoun" and chosen.member is None:
            # "I haven't met your eldest yet. How's she coping?"
            member = next((m for m in map(self.person, sentences) if m is not None), None)
            chosen = PractitionerIntent(chosen.kind, chosen.subject, member, chosen.cue)
        if chosen.cue == "about_member_pronoun" and chosen.member is None:
            # "How's she doing?" with nobody named: about no one we know, so their own view
            chosen = PractitionerIntent(kind="ask_view", cue="open_question")
        also = tuple(kind for kind in ALSO if kind in did and kind != chosen.kind)
        if also and chosen.kind not in ("other", "none"):
            chosen = PractitionerIntent(
                chosen.kind, chosen.subject, chosen.member, chosen.cue, also
            )
        doc._.mi_intent = chosen
        return doc

    def _opens_clause(self, sent: Span, start: int, lower: list[str] | None) -> bool:
        """Whether a match at ``start`` opens a clause of its sentence ("mind if I sit", not
        "I don't mind if I do")."""
        tokens = _lowers(sent, lower)
        begins = clause_starts(tokens, _Titles(sent), self.words)
        return _opens_at(tokens, start - sent.start, begins, self.words["lead_ins"])

    def _sentence(
        self,
        sent: Span,
        hits: list,
        asks: bool,
        things: list[tuple[int, int, str]],
        earlier: list[tuple[int, int, str]],
        lower: list[str] | None,
        code: str | None = None,
    ) -> tuple[int, int, PractitionerIntent] | None:
        candidates = [h for h in hits if h[2].kind in PRIORITY and (asks or not h[2].question)]
        if not candidates:
            return None
        tokens = _lowers(sent, lower)
        starts = {sent.start + i for i in clause_starts(tokens, _Titles(sent), self.words)}
        # questions joined by 'and'/'or' ("How old is Leah and where does she go?"), not a
        # topic put first ("Your partner, what's her name?")
        joined = [sent.start + i + 1 for i, tok in enumerate(tokens) if tok in _JOINS]
        # "I'd like to know | when the baby's due": a question said inside a statement
        starts |= {e for _s, e, rule in hits if rule.asks is not None}
        offer = self._framed(sent, hits, asks, things, earlier, tokens, starts)
        plain = [hit for hit in hits if not hit[2].framed]
        blocked = {kind for _, _, rule in plain for kind in rule.blocks}
        if offer is not None:
            # the frame read who does what to which thing: it outranks a bare phrase's guess
            plain.append(offer)
            # and the offer opens the sentence: "Do you want something to eat before the
            # school run?" offers food; the school run is only when
            blocked |= {"offer", "ask_permission", "ask_fact", "ask_event", "ask_about_member"}
            blocked |= set(offer[2].blocks)
        heads = any(
            rule.head
            and start in starts
            and rule.kind not in blocked
            and (asks or not rule.question)
            for start, _e, rule in plain
        )
        # "Do you mind me asking what the row was about?": a yes/no frame round a wh-question
        wh_inside = any(
            rule.asks is not None
            and e < sent.end
            and tokens[e - sent.start] in self.words["wh_words"]
            for _s, e, rule in hits
        )
        best: tuple[int, ...] | None = None
        chosen: IntentRule | None = None
        for start, end, rule in plain:
            if rule.kind in blocked and not rule.framed:
                continue
            if rule.kind not in PRIORITY or (rule.question and not asks):
                continue
            if rule.topic and heads:
                continue
            if rule.not_closed and code == "question_closed" and not wh_inside:
                continue
            if rule.opens and start not in starts:
                continue  # "Did he have anything on him when they found him?": not a when
            outside = [*tokens[: start - sent.start], *tokens[end - sent.start :]]
            if rule.whole and any(t.isalnum() and t not in self.words["lead_ins"] for t in outside):
                continue
            # Of the best kind: the first clause's ("How old is Leah and where does she go to
            # school?" asks her age), there the longest match; a plain who/where/when (wh_)
            # or a match inside a longer one only when nothing else is there.
            nested = any(
                s <= start and end <= e and (s, e) != (start, end) and r.kind in PRIORITY
                for s, e, r in plain
            )
            # a plain who/where/when (wh_), or the plain "what do you think" of a view, yields
            # to what the sentence names ("What do you think social care is going to do?")
            generic = rule.id.startswith("wh_") or (
                rule.kind == "ask_view" and rule.subject == "view"
            )
            clause = bisect_right(joined, start)
            key = (
                PRIORITY.index(rule.kind),
                generic + nested,
                clause,
                start - end,
                start,
                rule.order,
            )
            if best is None or key < best:
                best, chosen = key, rule
        if best is None or chosen is None:
            return None
        member = self.person(sent)
        intent = PractitionerIntent(chosen.kind, chosen.subject, member, chosen.id)
        return best[0], -best[3], intent

    def _framed(
        self,
        sent: Span,
        hits: list,
        asks: bool,
        things: list[tuple[int, int, str]],
        earlier: list[tuple[int, int, str]],
        tokens: list[str],
        starts: set[int],
    ) -> tuple[int, int, IntentRule] | None:
        """The sentence's offer or request: the longest frame where a clause starts, with the
        first thing it takes after it (else before it; else, for 'one'/'some', the last thing
        of an earlier sentence). None when no frame names a thing."""
        best: tuple[int, int, int] | None = None
        found: tuple[int, int, IntentRule] | None = None
        # "Do you mind me asking whether…": asking leave to ask wraps the real question
        wraps = [(s, e) for s, e, r in hits if r.asks is not None]
        leads = self.words["lead_ins"]
        begins = [b - sent.start for b in starts]
        for start, end, rule in hits:
            if not rule.framed or (rule.question and not asks):
                continue
            # the frame opens a clause, or its lead-in does ("ok if I jot a few things down")
            if not _opens_at(tokens, start - sent.start, begins, leads):
                continue
            # a frame that is itself the leave asked ("mind if I …") still reads its thing
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e in wraps):
                continue
            takes = [t for t in things if rule.things is None or t[2] in rule.things]
            inside = [t for t in takes if sent.start <= t[0] and t[1] <= sent.end]
            after = [t for t in inside if t[0] >= start]
            before = [t for t in inside if t[0] < start]
            refers = set(tokens) & self.words["pro_forms"]
            back = [t for t in earlier if rule.things is None or t[2] in rule.things]
            thing = (after or before or [None])[0] or (back[-1] if back and refers else None)
            if thing is None:
                continue
            key = (start, start - end, rule.order)
            if best is None or key < best:
                span_end = max(end, thing[1]) if thing[0] >= sent.start else end
                named = IntentRule(
                    id=f"{rule.id}_{thing[2]}",
                    kind=rule.kind,
                    subject=thing[2],
                    question=rule.question,
                    blocks=rule.blocks,
                    source=rule.source,
                    order=rule.order,
                    framed=True,
                )
                best, found = key, (start, span_end, named)
        return found

    def _fact_check(
        self,
        sentences: list[Span],
        found: list[tuple[int, int, IntentRule]],
        things: list[tuple[int, int, str]],
        lower: list[str] | None,
        chosen: PractitionerIntent,
    ) -> PractitionerIntent:
        """One fact said back to be confirmed ("So you moved in March, is that right?",
        "He's in year two, isn't he?"): ask_fact with the subject the statement names (None:
        its words say which fact), cue ``fact_check``. A long statement, summary words ("to
        sum up") or a feeling said back ("You feel let down, don't you?") keep ``chosen``."""
        if any(rule.kind == "summarise" and not rule.check for _s, _e, rule in found):
            return chosen
        for position, sent in enumerate(sentences):
            tokens = _lowers(sent, lower)
            at = self._check_at(sent, tokens, found)
            if at is None:
                continue
            if at == 0 and position:  # "You moved in March. Is that right?"
                sent = sentences[position - 1]
                tokens = _lowers(sent, lower)
                at = len(tokens)
            statement = tokens[:at]
            while statement and not statement[-1][:1].isalnum():
                statement = statement[:-1]  # the comma or dash before the check
            for i in range(len(statement) - 1, -1, -1):  # "Thanks for coming — I know you…"
                if statement[i] in _STATEMENT_BREAKS:
                    statement = statement[i + 1 :]
                    break
            words = [t for t in statement if t[:1].isalnum()]
            if (
                not words
                or len(words) > _CHECK_WORDS
                or set(words) & self.words.get("inner_state", frozenset())
            ):
                return chosen
            if self._clauses(statement) > 1:
                return chosen  # "So you're up at six, the school keeps ringing, nobody helps."
            subject = chosen.subject if chosen.kind == "ask_fact" else None
            if subject is None:
                inside = [h for h in found if h[0] >= sent.start and h[1] <= sent.end]
                topic = (
                    self._sentence(sent, inside, True, things, [], lower, None) if inside else None
                )
                if topic is not None and topic[2].kind == "ask_fact":
                    subject = topic[2].subject
            member = chosen.member or self.person(sent)
            return PractitionerIntent("ask_fact", subject, member, FACT_CHECK)
        return chosen

    def _clauses(self, statement: list[str]) -> int:
        """How many of a statement's comma-separated parts have a subject ("for my notes" has
        none; "the school keeps ringing" has one): several is a list said back, a summary."""
        subjects = self.words["question_subjects"] | _LIST_SUBJECTS
        parts: list[list[str]] = [[]]
        for token in statement:
            if token in (",", ";"):
                parts.append([])
            else:
                parts[-1].append(token)
        return sum(1 for part in parts if set(part) & subjects)

    def _check_at(
        self, sent: Span, tokens: list[str], found: list[tuple[int, int, IntentRule]]
    ) -> int | None:
        """Where a sentence's check starts: a check phrase ("is that right", "have I got that
        right"), or a tag at its end after a statement ("…, isn't he?", "…, right?")."""
        for s, _e, rule in found:
            if rule.check and sent.start <= s < sent.end:
                before = [t for t in tokens[: s - sent.start] if t not in self.words["lead_ins"]]
                return s - sent.start if any(t[:1].isalnum() for t in before) else 0
        words = list(tokens)
        while words and not words[-1][:1].isalnum():
            words.pop()  # the "?" or "."
        if (
            len(words) < 4
            or words[0] in self.words["auxiliaries"]
            or words[0] in self.words["wh_words"]
        ):
            return None  # "Is he at school, is he?" is a question already
        tail = words[-1]
        if tail in self.words.get("check_words", ()) and tokens[len(words) - 2] in _CLAUSE_BREAKS:
            return len(words) - 2
        if tail not in self.words.get("tag_subjects", ()):
            return None
        aux = len(words) - 2 - (words[-2] == "n't")
        if aux < 2 or words[aux] not in self.words.get("tag_auxiliaries", ()):
            return None
        if words[-2] != "n't" and words[aux - 1] not in _CLAUSE_BREAKS:
            return None  # "…, can you?" needs its comma; "…haven't you" does not
        return aux - (words[aux - 1] in _CLAUSE_BREAKS)

    def _bare_offer(
        self, sentences: list[Span], things: list[tuple[int, int, str]], lower: list[str] | None
    ) -> PractitionerIntent | None:
        """A drink or food said alone as a question ("Tea?", "Another coffee, Jade?",
        "Biscuit, anyone?"), or a choice of them typed without its "?" ("tea or coffee",
        "a cuppa or just water for you"): an offer of it, as "Do you want…" would be."""
        fillers = self.words.get("offer_fillers", frozenset())
        things = [t for t in things if t[2] in _BARE_OFFERS]  # once, not per sentence
        if not things:
            return None
        for sent in sentences:
            tokens = _lowers(sent, lower)
            if not tokens:
                continue
            named = [t for t in things if sent.start <= t[0] and t[1] <= sent.end]
            if not named:
                continue
            # "tea or coffee": a choice between two things to have asks, with or without "?"
            choice = len(named) >= 2 and "or" in tokens
            if not tokens[-1].endswith("?") and not choice:
                continue
            covered = {i for s, e, _n in named for i in range(s, e)}
            rest = [
                (i, t)
                for i, t in enumerate(tokens, sent.start)
                if i not in covered and t[:1].isalnum() and t not in fillers
            ]
            if all(sent[i - sent.start].is_title and i > sent.start for i, _t in rest):
                return PractitionerIntent("offer", named[0][2], None, f"offer_{named[0][2]}_alone")
        return None

    def person(self, sent: Span) -> str | None:
        """The first person a sentence names: a name not at its start, else a relation."""
        not_names = self.words["not_names"]
        relations = self.words["relations"]
        tokens = list(sent)
        for i, token in enumerate(tokens):
            if i and token.is_title and token.is_alpha and token.lower_ not in not_names:
                return token.lower_
        for i, token in enumerate(tokens):
            if i and f"{tokens[i - 1].lower_} {token.lower_}" in relations:
                return f"{tokens[i - 1].lower_} {token.lower_}"  # "this little one"
            if token.lower_ in relations and self._role(tokens, i):
                continue  # "Are you a mum yourself?": what they are, not someone in the family
            if token.lower_ in relations:
                # "the children's dad": the person is the last relation of the phrase
                if (
                    i + 2 < len(tokens)
                    and tokens[i + 1].lower_ in ("'s", "'")
                    and tokens[i + 2].lower_ in relations
                ):
                    return tokens[i + 2].lower_
                return token.lower_
        return None

    def _role(self, tokens: list, i: int) -> bool:
        """A relation said of the listener with 'a'/'an' ('are you a mum', 'as a dad')."""
        roles = self.words.get("role_frames", frozenset())
        return i >= 2 and tokens[i - 1].lower_ in ("a", "an") and tokens[i - 2].lower_ in roles


def _asks_value(value: Any, where: str) -> str | None:
    if value in (None, False):
        return None
    if value is True or value == "always":
        return "always"
    if value == "unless_reflection":
        return "unless_reflection"
    raise PatternError(f"{where}: 'asks' is true, 'always' or 'unless_reflection'")


def _load_things(folder: Path) -> dict[str, list[str]]:
    """The thing classes of ``intent-things.json`` (the bundled ones for a folder without)."""
    path = folder / "intent-things.json"
    if not path.exists():
        path = INTENT_DIR / "intent-things.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise PatternError(f"{path}: cannot read the thing words ({err})") from err
    return {
        str(name): [str(p).lower() for p in phrases]
        for name, phrases in data.items()
        if isinstance(phrases, list)
    }


def clause_starts(
    tokens: list[str], titles: Sequence[bool], words: dict[str, frozenset[str]]
) -> list[int]:
    """Where a clause of the sentence starts, past its lead-ins and at most one name: the
    sentence's start, after a comma or a dash, and after 'and', 'but', 'so'... ("Right,
    Jade, do you want a tea", "I know you're busy but shall I put the kettle on"); a first
    word before a wh-word is taken for a name typed in lower case ("kai where were you")."""
    out: list[int] = []
    for at in range(len(tokens)):
        before = tokens[at - 1] if at else ","
        if before not in _CLAUSE_BREAKS and before not in words["lead_ins"]:
            continue
        i = at
        while i < len(tokens) and tokens[i] in words["lead_ins"]:
            i += 1
        out.append(i)
        named = i < len(tokens) and titles[i] and tokens[i] not in words["not_names"]
        # "craig where are you stopping": a name typed in lower case before a wh-word
        named |= (
            at == 0
            and i + 1 < len(tokens)
            and tokens[i].isalpha()
            and tokens[i] not in words["wh_words"]
            and tokens[i + 1] in words["wh_words"]
        )
        if named or (i + 1 < len(tokens) and tokens[i + 1] == ","):
            out.append(i + 1 + (i + 1 < len(tokens) and tokens[i + 1] == ","))
    return out


_JOINS = frozenset({"and", "or", "plus"})
_WHO = frozenset({"who", "who's", "whose"})
# The kinds a fact check can be read as: a check phrase is a summary's, a tag asks nothing else.
_CHECKABLE = frozenset({"summarise", "other", "ask_fact"})
_CHECK_WORDS = 14  # a statement this short checks one fact; longer, it summarises
# Where the statement a check confirms starts: after a dash or a semicolon, not a comma.
_STATEMENT_BREAKS = frozenset({";", ":", "-", "--", "\u2013", "\u2014"})
_BARE_OFFERS = frozenset({"drink", "food"})
_LIST_SUBJECTS = frozenset({"nobody", "everybody", "noone", "no-one", "somebody", "she's", "he's"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "-", "--", "\u2013", "\u2014", "...", "\u2026"})


def _opens_at(tokens: list[str], at: int, begins: Iterable[int], leads: frozenset[str]) -> bool:
    """Whether a clause starts at ``at``, or just past lead-ins it opens with ("okay, mind if…")."""
    return any(at <= b and all(t in leads for t in tokens[at:b]) for b in begins)


def _lowers(sent: Span, lower: list[str] | None) -> list[str]:
    """The sentence's tokens in lower case: from the turn's ``lower`` when the coder made it."""
    return lower[sent.start : sent.end] if lower is not None else [t.lower_ for t in sent]


def _asks(
    sent: Span,
    words: dict[str, frozenset[str]] | None = None,
    lower: list[str] | None = None,
    code: str | None = None,
) -> bool:
    """A sentence that asks: a question code, a "?", or a question's form without one.
    ``lower``: the turn's tokens in lower case, ``code`` the sentence's code, when known (no
    Token or extension objects to build)."""
    if (code if code is not None else sent._.mi_code) in QUESTIONS:
        return True
    tokens = _lowers(sent, lower)
    if any(t.endswith("?") for t in tokens):
        return True
    if words is None:
        return False
    return question_form(tokens, _Titles(sent), words)


class _Titles:
    """``titles[i]``: whether token ``i`` of the sentence is title-case, read only if asked."""

    def __init__(self, sent: Span) -> None:
        self.sent = sent

    def __getitem__(self, index: int) -> bool:
        return bool(self.sent[index].is_title)


def question_form(
    tokens: list[str], titles: Sequence[bool], words: dict[str, frozenset[str]]
) -> bool:
    """A clause shaped like a question, typed without a '?' ("and how old's Ellie", "kai are
    you at school in the afternoons", "just so I've got it right, how old is Ruby"): after
    lead-in words and at most one name, a wh-word with an auxiliary within two words ("what
    time do", not "what you said was"), 'how' + old/long/many..., or an auxiliary + a
    subject or a name ("are you", "is Noah"). Word lists: patterns/intent-people.json."""
    starts = [0] + [i + 1 for i, tok in enumerate(tokens) if tok in (",", ";", ":", "-")]
    # a choice whose second half asks ("shoes off or are you ok"): 'or' opens a clause too
    starts += [i + 1 for i, tok in enumerate(tokens) if tok == "or" and i]
    for start in starts:
        i = start
        while i < len(tokens) and tokens[i] in words["lead_ins"]:
            i += 1
        for skip in (0, 1):  # "kai what year are you in", "ryan how old is the baby"
            j = i + skip
            if j >= len(tokens) or (skip and not tokens[i].isalpha()):
                break
            head, rest = tokens[j], tokens[j + 1 : j + 4]
            if start <= 2 and head in _WHO and rest[:1] and rest[0].isalpha():
                return (
                    True  # "donna, who lives here": "who" opening a sentence (or after a name) asks
                )
            if _pseudo_cleft(head, tokens[j + 1 :], words):
                break  # "So what you're saying is…": a reflection's frame, not a question
            if head in words["wh_words"]:
                if head.startswith("how") and rest[:1] and rest[0] in words["how_words"]:
                    return True
                if head.endswith("'s") or any(t in words["auxiliaries"] for t in rest[:3]):
                    return True
            if head in words["auxiliaries"] and not head.startswith("'") and rest[:1]:
                named = titles[j + 1] and rest[0] not in words["not_names"]
                if rest[0] in words["question_subjects"] or named:
                    return True
            # (a word skipped before the head was a name, never "I" or "she": "she was late")
            spoken = skip and tokens[i] in words["question_subjects"]
            if start <= 2 and not spoken and _typed_fast(head, rest, tokens[start:], words, skip):
                return True
    return False


def _pseudo_cleft(head: str, after: list[str], words: dict[str, frozenset[str]]) -> bool:
    """ "what you're saying is…", "what I heard was…": 'what' + a subject, then a copula
    (``cleft_subjects``, ``cleft_copulas``): a statement framed round a clause."""
    return (
        head == "what"
        and bool(after)
        and after[0] in words.get("cleft_subjects", ())
        and bool(set(after[1:]) & words.get("cleft_copulas", frozenset()))
    )


# Pronouns that make a wh-word typed last part of a clause ("you told her when"), not a fragment
_OBJECT_PRONOUNS = frozenset({"me", "us", "him", "her", "them"})


def _typed_fast(
    head: str,
    rest: list[str],
    clause: list[str],
    words: dict[str, frozenset[str]],
    skipped: int = 0,
) -> bool:
    """A question typed fast, its auxiliary fused or dropped (word lists: intent-people.json):
    "d'you want a tea", "whats a normal day like", "what've you tried", "how you sleeping",
    "what year you in now", "anyone on their dad's side", "you play any sport"."""
    if head in words.get("fused_auxiliaries", ()) and rest[:1]:
        return True
    subjects = words.get("dropped_aux_subjects", frozenset())
    if rest[:1] and rest[0].isalpha():
        if (
            not skipped
            and head in words.get("opening_auxiliaries", ())
            and rest[0] not in words.get("not_after_opening_auxiliary", ())
        ):
            return True  # "is contact supervised" asks; "is a lot to carry" ('it' left out) not
        openers = words.get("dropped_aux_openers", frozenset())
        if f"{head} {rest[0]}" in openers or (
            head == "you"
            and rest[1:2]
            and f"{rest[0]} {rest[1]}" in openers
            and clause[-1:] != ["."]  # "You want a break from all of it.": a reflection, typed
        ):
            return True  # "want a brew", "you want a break": 'do you', 'have you' left out
        if head in subjects and len(rest[0]) > 4 and rest[0].endswith("ing"):
            # "you feeling let down": a feeling named, 'you're' left out (a reflection);
            # "you feeling any better" checks a state, 'are' left out
            # ("you sleeping ok", "she settling in": 'are' left out)
            return rest[0] not in words.get("feeling_verbs", ()) or not words.get(
                "feeling_checks", frozenset()
            ).isdisjoint(clause[:8])
        if (
            head == "you"
            and rest[0] in words.get("know_verbs", ())
            and rest[1:2]
            and rest[1] in words.get("know_objects", ())
            and (rest[2:3] or [""])[0].isalpha()
        ):
            return True  # "you know why I came": 'do' left out ("you know what, ..." is not)
    words_only = [t for t in clause if t.isalpha() or t.startswith("'")]
    if 2 <= len(words_only) <= 5:
        owners = words.get("fragment_owners", frozenset())
        if words_only[-1] in words.get("fragment_fields", ()) and not owners.isdisjoint(
            words_only[:-1]
        ):
            return True  # "kids' ages", "your gp", "mia's teacher name": the thing, said alone
        if words_only[1] in words.get("fragment_checks", ()) and words_only[0] not in words.get(
            "not_checked", ()
        ):
            return True  # "sleep ok", "money ok at the moment": the thing checked, said alone
        if (
            words_only[-1] in words.get("trailing_wh", ())
            and words.get("cleft_subjects", frozenset()).isdisjoint(words_only)
            and _OBJECT_PRONOUNS.isdisjoint(words_only)
        ):
            return True  # "next appointment when": the wh-word typed last
    if head in words["wh_words"]:
        if rest[:1] and rest[0] in words.get("wh_contractions", ()):
            return True
        if (
            head == "which"
            and rest[:1]
            and rest[0].isalpha()
            and rest[0] not in words["auxiliaries"]
        ):
            return True  # "which cases worry you most" ("which is why…" is a relative)
        after = words.get("dropped_aux_after", frozenset())
        for k in (0, 1):  # "how you sleeping", "what year you in", "what time you start"
            if k + 1 < len(rest) and rest[k] in subjects:
                following = rest[k + 1]
                if following in after or (len(following) > 4 and following.endswith("ing")):
                    return True
                if k == 1 and following.isalpha() and rest[0].isalpha():
                    return True
    if not words.get("negations", frozenset()).isdisjoint(clause):
        return False
    anys = words.get("any_words", frozenset())
    if head in anys and rest[:1] and rest[0].isalpha():
        return True  # "anyone else in your corner", "any meds"
    return head == "you" and any(t in anys for t in rest[1:3]) and rest[0].isalpha()


def intent_of(doc: Doc) -> PractitionerIntent:
    """The intent the component put on ``doc`` (``other`` when it did not run)."""
    value = doc._.mi_intent
    return value if isinstance(value, PractitionerIntent) else OTHER


def add_intent_pipe(nlp: Language, patterns_dir: str | Path | None = None) -> None:
    """Adds ``mi_intent`` after the coder's components (its own patterns folder)."""
    nlp.add_pipe("mi_intent", config={"patterns_dir": str(patterns_dir) if patterns_dir else None})
