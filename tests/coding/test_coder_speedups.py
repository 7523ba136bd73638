"""Speed-ups of the AnnoMI side that must not change a single code: token patterns tried only on
turns holding their words (coding/anchored.py), and components run a batch of turns at a time
(coding/batched.py)."""

from __future__ import annotations

import gc

import pytest
from spacy.matcher import Matcher
from spacy.tokens import Doc

from mi_trainer.coding import batched
from mi_trainer.coding.anchored import UNBOUNDED, AnchoredMatcher, _span, required_words
from mi_trainer.coding.coder import Coder

LINES = [
    "Do not keep the tablets where the kids can reach them.",
    "You should never have left them alone.",
    "Other parents manage to get their kids to school.",
    "That's a complete disgrace, and it is a mess.",
    "So, Dean moved out in March?",
    "You drink 14 units a week, and you've had three drinks today.",
    "We've only got about ten minutes left.",
    "How would you like to go about telling them?",
    "What's your daughter's name?",
    "Where do you usually go on Fridays?",
    "If you miss the next appointment, this goes to court.",
    "I'm Sam. Lovely to meet you.",
    "Who's Lily? Which one of them?",
    "What does your mum do?",
    "How is Mia coping at school? Is Dean okay?",
    "Tell me about your brother.",
    "",
    "Mm-hmm.",
    # Long-span forms: their words present, in order or not, near or far apart.
    "You left them with him again and now the girls are frightened of going home.",
    "You were drinking so the kids ended up late every morning.",
    "The kids were upset and you said you'd ring the school.",
    "Now the children are scared, and that's what you told me last week.",
    "If you can't get a lift to the core group, ring me and I'll sort a taxi.",
    "When the baby wakes, change him first, then feed him.",
    "Ring me, if the baby wakes up.",
]


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.mark.parametrize(
    ("token", "words"),
    [
        ({"LOWER": "where"}, {"where"}),
        ({"LOWER": {"IN": ["is", "was"]}}, {"is", "was"}),
        ({"LOWER": {"IN": ["n't", "have"]}, "OP": "+"}, {"n't", "have"}),
        ({"LOWER": {"IN": ["a", "an"]}, "OP": "*"}, None),  # may be absent
        ({"LOWER": "so", "OP": "?"}, None),
        ({"LOWER": "no", "OP": "!"}, None),  # any word but this one
        ({"IS_ALPHA": True, "OP": "{1,3}"}, None),  # no word named
        ({"LOWER": "to", "OP": "{0,7}"}, None),
        ({"LOWER": "to", "OP": "{2}"}, {"to"}),
        ({"LOWER": {"REGEX": "ed$"}}, None),
        ({"LOWER": {"NOT_IN": ["need"]}}, None),
    ],
)
def test_the_words_a_required_token_must_be(token: dict, words: set[str] | None) -> None:
    assert required_words(token) == (frozenset(words) if words is not None else None)


def _found(matcher: Matcher | AnchoredMatcher, doc) -> list[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    return sorted(matcher(doc))


@pytest.mark.parametrize("component", ["mi_cues", "mi_intent"])
def test_anchored_patterns_find_exactly_what_spacys_matcher_finds(
    coder: Coder, component: str
) -> None:
    anchored = coder.nlp.get_pipe(component).matcher
    assert anchored.anchored, "the bundled patterns name their words, so most are anchored"
    plain = Matcher(coder.nlp.vocab)
    for key, patterns in anchored.patterns.items():
        plain.add(key, patterns)
    for line in LINES:
        doc = coder.nlp.make_doc(line)
        assert _found(anchored, doc) == _found(plain, doc), line


def test_a_bad_pattern_is_refused_as_spacy_refuses_it(coder: Coder) -> None:
    matcher = AnchoredMatcher(coder.nlp.vocab)
    with pytest.raises(ValueError):
        matcher.add("bad", [[{"LOWER": {"IN": ["a"]}, "OP": "maybe"}]])
    assert len(matcher) == 0


def test_a_number_anchors_a_pattern(coder: Coder) -> None:
    matcher = AnchoredMatcher(coder.nlp.vocab)
    matcher.add("units", [[{"LIKE_NUM": True}, {"LOWER": "units"}]])
    assert not matcher.always and matcher.anchored
    assert len(matcher(coder.nlp.make_doc("About fourteen units a week."))) == 1
    assert matcher(coder.nlp.make_doc("Units of what?")) == []


def test_coding_many_turns_in_batches_gives_each_turn_its_own_code(
    coder: Coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batched, "BATCH", 4)  # several batches, one of them partly blank
    previous = ["I just can't cope with it all.", None, "He drinks every night."] * 6
    lines = LINES * 2
    for clients in (None, previous):
        many = coder.code_many(lines, clients)
        one_by_one = [
            coder.code(line, clients[i] if clients and i < len(clients) else None)
            for i, line in enumerate(lines)
        ]
        assert many == one_by_one


@pytest.mark.parametrize(
    ("op", "tokens"),
    [
        (None, (1, 1)),
        ("!", (1, 1)),  # one token that is not the one named
        ("?", (0, 1)),
        ("*", (0, UNBOUNDED)),
        ("+", (1, UNBOUNDED)),
        ("{3}", (3, 3)),
        ("{0,10}", (0, 10)),
        ("{1,}", (1, UNBOUNDED)),
        ("{,4}", (0, 4)),
        ("sometimes", None),
    ],
)
def test_how_many_tokens_an_operator_stands_for(op: str | None, tokens: object) -> None:
    assert _span(op) == tokens


# "you" + up to four words + "so" (+ "the") + a child + up to two words + a harm word: the
# blame form's shape. A turn is tried only when its words come in that order, close enough.
BLAME = [
    {"LOWER": "you"},
    {"OP": "{0,4}"},
    {"LOWER": "so"},
    {"LOWER": {"IN": ["the", "your"]}, "OP": "?"},
    {"LOWER": {"IN": ["kids", "children", "baby"]}},
    {"IS_PUNCT": False, "OP": "{0,2}"},
    {"LOWER": {"IN": ["scared", "hungry", "late"]}},
]


@pytest.mark.parametrize(
    ("line", "tried", "found"),
    [
        ("You were shouting so the kids got scared.", True, 1),
        ("You went out so the children were hungry.", True, 1),
        ("You were asleep so baby was late for nursery.", True, 1),
        # every word there, out of order: cannot match, not tried
        ("The kids were scared so you rang me.", False, 0),
        ("So the children were late, and you know why.", False, 0),
        # in order but too far apart for the form's wildcards
        ("You told me on the phone last Tuesday evening so the kids are scared.", False, 0),
        ("You were out so the kids, who had nobody there with them, were hungry.", False, 0),
        # in order and close: tried, though a comma between stops the match itself
        ("You were out so the kids, hungry.", True, 0),
    ],
)
def test_a_long_span_form_is_tried_only_where_its_words_come_in_order(
    coder: Coder, line: str, tried: bool, found: int
) -> None:
    matcher = AnchoredMatcher(coder.nlp.vocab)
    matcher.add("blames", [BLAME])
    plain = Matcher(coder.nlp.vocab)
    plain.add("blames", [BLAME])
    doc = coder.nlp.make_doc(line)
    assert matcher.tried(doc) == (["blames"] if tried else [])
    assert _found(matcher, doc) == _found(plain, doc)
    assert len(matcher(doc)) == found


def _docs_alive() -> int:
    return sum(isinstance(o, Doc) for o in gc.get_objects())


def test_a_coded_turn_leaves_no_doc_for_the_garbage_collector(coder: Coder) -> None:
    # A Doc's sentence spans point back at it; the coder lets each Doc go once it has read it,
    # so a file of turns does not pile up cycles for the collector to walk.
    gc.collect()
    gc.disable()
    try:
        before = _docs_alive()
        coder.code_many(LINES, ["I just can't cope with it all."] * len(LINES))
        for line in LINES:
            coder.code(line, "He drinks every night.")
        assert _docs_alive() == before
    finally:
        gc.enable()
