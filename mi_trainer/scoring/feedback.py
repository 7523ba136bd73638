"""Per-turn coaching that reads the moment: what the turn did, and a better line built from
what the family member actually said, fitted to what the practitioner was trying to do.

Rules (docs/scoring.md, "Feedback"), checked in this order for each practitioner turn:
1. the turn after a disclosure of risk that passed over it -> receive it: thank them, say back
   what they disclosed, ask about safety now;
2. a direct question about risk -> never tipped against: credited as good practice;
3. confront -> a reflection of what the person said (their words, pronouns turned to "you");
4. persuade -> ask permission first, built around the actual advice;
5. change talk heard and not reflected -> a reflection of the change talk;
6. a reflection with a yes/no check -> the reflection as a statement;
7. a closed question, by the practitioner's intent: a plain fact is fine as asked; a fact
   about what happened gets an invitation to talk it through; a view gets an open question.
Each tip says why in one line. No suggestion is given twice in a session while another
wording is left, so the coaching does not repeat itself.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from mi_trainer.coding.codes import CODE_LABELS, Code, TalkType
from mi_trainer.scoring.facts import PTurn, talk_of
from mi_trainer.scoring.model import TurnFeedback

if TYPE_CHECKING:
    from mi_trainer.scoring.safeguarding import Safeguarding

# --- pronoun flip (client's words -> practitioner's reflection) ----------------------------

_FLIP = {
    "i": "you",
    "i'm": "you're",
    "im": "you're",
    "i've": "you've",
    "i'll": "you'll",
    "i'd": "you'd",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "we": "you",
    "we're": "you're",
    "we've": "you've",
    "we'll": "you'll",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
    "am": "are",
    "was": "were",
    "you": "I",
    "your": "my",
    "yours": "mine",
    "yourself": "myself",
    "you're": "I'm",
    "you've": "I've",
}
_SUBJECT_BEFORE = {"i"}
_WORD = re.compile(r"[A-Za-z’']+|[^A-Za-z’']+")
_FILLERS = re.compile(
    r"^(?:(?:well|yeah|yes|no|so|um+|uh+|er+|erm+|look|like|okay|ok|right|i mean|you know|"
    r"honestly|to be honest|i suppose|i guess|i think|and|but)\b[,.!…]*\s*)+",
    re.IGNORECASE,
)
_OBJECT_CONTEXT = {
    "to",
    "for",
    "with",
    "at",
    "about",
    "from",
    "of",
    "on",
    "by",
    "tell",
    "told",
    "give",
    "gave",
    "help",
    "helps",
    "ask",
    "asked",
    "want",
    "wants",
    "like",
    "let",
    "trust",
    "see",
    "saw",
    "call",
    "ring",
    "judge",
    "blame",
    "take",
    "makes",
    "make",
    "than",
    "and",
}


def flip_pronouns(text: str) -> str:
    """Turn first person into second person and back ("I want my kids" -> "You want your kids")."""
    text = re.sub(r"\byou (?:lot|people|lots)\b", "WEXX", text.replace("’", "'"), flags=re.I)
    tokens = _WORD.findall(text)
    out: list[str] = []
    prev_word = ""
    for tok in tokens:
        low = tok.lower()
        if low in _FLIP and tok[0].isalpha():
            new = _FLIP[low]
            first_person_verb = low in {"am", "was"}
            if first_person_verb and prev_word not in _SUBJECT_BEFORE:
                new = tok
            elif low == "you" and prev_word in _OBJECT_CONTEXT:
                new = "me"
            elif low == "are" and prev_word == "you":
                new = "am"
            if not prev_word and tok[0].isupper() and new != "I":
                new = new[0].upper() + new[1:]
            out.append(new)
            prev_word = low
        else:
            out.append(tok)
            if tok.strip() and tok[0].isalpha():
                prev_word = low
    flipped = "".join(out)
    flipped = flipped.replace("WEXX", "we")
    if flipped.startswith("we"):
        flipped = "W" + flipped[1:]
    # "I are" / "I were" can arise from "you are" / "you were": tidy them.
    return re.sub(r"\bI were\b", "I was", re.sub(r"\bI are\b", "I am", flipped))


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?…])\s+", text.strip())
    return [p for p in parts if p.strip()]


_CHANGE_HINT = re.compile(
    r"\b(want|wish|hope|could|can|able|would|will|going to|gonna|need|have to|must|should|"
    r"ready|try|trying|tried|started|stopped|cut down|because|kids|children|better|"
    r"change|different|plan|rang|called|booked)\b",
    re.IGNORECASE,
)
# A reflection is said as a statement about the person: after flipping, the clause must open
# with a subject ("you…", "it…", "your sister…", a name), never with a bare verb ("heard it
# all before") or a fragment ("every night").
_NOT_SUBJECT_NAMES = frozenset(
    {
        "Yes",
        "No",
        "Yeah",
        "Every",
        "Never",
        "Always",
        "Maybe",
        "Just",
        "Not",
        "Because",
        "If",
        "When",
        "What",
        "Why",
        "How",
        "Sorry",
        "Thanks",
        "Please",
        "Go",
        "Look",
        "Fine",
        "Sure",
        "Right",
        "Okay",
        "Ok",
        "Well",
        "So",
        "And",
        "But",
        "Or",
        "Then",
        "Only",
        "Sometimes",
        "Too",
        "Really",
        "Honestly",
        "Obviously",
        "Once",
        "Twice",
        "Mostly",
        "Hard",
        "Busy",
    }
)
_MIN_WORDS = 3  # "Every night." is too little to say back as a sentence
# Words that open a sentence capitalised but never name anyone ("At work I…", "Babies lose…").
_NOT_NAMES = frozenset(
    {
        "at",
        "in",
        "on",
        "for",
        "with",
        "from",
        "after",
        "before",
        "since",
        "until",
        "during",
        "over",
        "under",
        "like",
        "even",
        "still",
        "also",
        "about",
        "babies",
        "kids",
        "children",
        "people",
        "parents",
        "mums",
        "dads",
        "teachers",
        "social",
        "workers",
        "everyone",
    }
)
# Subjects said in lower case inside a reflection ("So you're…", "It sounds like it's…").
_LOWER_SUBJECTS = frozenset(
    {
        "you",
        "you're",
        "you've",
        "you'd",
        "you'll",
        "your",
        "it",
        "it's",
        "that",
        "that's",
        "there",
        "there's",
        "they",
        "they're",
        "they've",
        "he",
        "he's",
        "she",
        "she's",
        "we",
        "this",
        "these",
        "those",
        "the",
        "his",
        "her",
        "their",
        "nobody",
        "no",
        "everyone",
        "everybody",
        "everything",
        "nothing",
        "someone",
        "somebody",
        "some",
        "all",
        "one",
        "both",
    }
)


# A clause said back must have a verb: an auxiliary or modal, a past form, or a common verb.
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|am|be|been|being|has|have|had|do|does|did|can|could|will|would|"
    r"should|shall|must|might|may|cannot|won't|can't|don't|doesn't|didn't|isn't|aren't|"
    r"wasn't|weren't|haven't|hasn't|wouldn't|couldn't|shouldn't|\w+'(?:s|re|ve|d|ll|m)|"
    r"\w+ed|want|wants|need|needs|know|knows|think|thinks|feel|feels|get|gets|got|love|loves|"
    r"like|likes|hate|hates|say|says|said|tell|tells|told|keep|keeps|kept|make|makes|made|go|"
    r"goes|went|come|comes|came|see|sees|saw|take|takes|took|give|gives|gave|let|lets|put|"
    r"puts|drink|drinks|drank|sleep|sleeps|slept|hit|hits|hurt|hurts|leave|leaves|left|"
    r"miss|misses|mean|means|meant|help|helps|work|works|try|tries|look|looks|seem|seems|"
    r"sound|sounds|stop|stops|start|starts|live|lives|stay|stays|lose|loses|lost|find|finds|"
    r"found|ask|asks|pay|pays|paid|eat|eats|ate|run|runs|ran|cry|cries|shout|shouts|hear|"
    r"hears|heard|cope|copes|manage|manages|matter|matters|care|cares|worry|worries)\b",
    re.IGNORECASE,
)


_SUBJECTS = re.compile(
    "^(?:"
    + "|".join(sorted((re.escape(w) for w in _LOWER_SUBJECTS), key=len, reverse=True))
    + r"|[A-Z][a-z]+)(?![\w'])"
)


def _has_subject(clause: str) -> bool:
    m = _SUBJECTS.match(clause)
    if not m:
        return False
    first = m.group(0)
    rest = clause[m.end() :]
    if first[0].isupper():
        # A capitalised first word is a subject only as a name doing something ("Mia found
        # me…", "Gary's on the list"), never an imperative ("Tell her…") or a phrase ("At least").
        if first in _NOT_SUBJECT_NAMES or first.lower() in _NOT_NAMES:
            return False
        return rest.startswith("'s ") or _VERBISH.match(rest.lstrip()) is not None
    return _VERBISH.search(first + rest) is not None


def _candidates(text: str) -> list[str]:
    """The statements of a line, cleaned of fillers and end punctuation, latest last
    (questions are left out: a question is not said back as a statement)."""
    out = []
    for sentence in _sentences(text) or [text]:
        if sentence.rstrip().endswith("?"):
            continue
        cleaned = _FILLERS.sub("", sentence.strip()).strip().rstrip(" .!?…,;:")
        if cleaned:
            out.append(cleaned)
    return out


def _reflectable(clause: str) -> str | None:
    """The clause flipped to the second person, or None if it would not read as a sentence."""
    if "?" in clause or len(clause.split()) < _MIN_WORDS:
        return None
    flipped = flip_pronouns(clause)
    first = flipped.split()[0].lower()
    if first in _LOWER_SUBJECTS or first.removesuffix("'s") in _LOWER_SUBJECTS:
        flipped = flipped[0].lower() + flipped[1:]
    return flipped if _has_subject(flipped) else None


def reflect_clause(lines: list[str], prefer_change: bool = False) -> str | None:
    return _reflect_clause_cached(tuple(lines), prefer_change)


@functools.lru_cache(maxsize=4096)
def _reflect_clause_cached(lines: tuple[str, ...], prefer_change: bool) -> str | None:
    """The part of the person's latest lines worth saying back, as a second-person clause.

    The latest sentence that reads as a statement wins (a change-talk sentence first when
    ``prefer_change``); None when nothing they said can be said back as a sentence.
    """
    sentences = [c for line in lines for c in _candidates(line)]
    ordered = list(reversed(sentences))
    if prefer_change:
        ordered = [c for c in ordered if _CHANGE_HINT.search(c)] + ordered
    unsure = False
    for clause in ordered:
        if _HOLLOW.match(clause):
            # "I don't know." said back as "You don't know." sounds like a verdict: say back
            # something with content if they said it, else that they are not sure yet.
            unsure = unsure or _UNSURE.search(clause) is not None
            continue
        flipped = _reflectable(clause)
        if flipped:
            return flipped
    return "you're not sure yet" if unsure else None


# Sentences with nothing to say back: a shrug, not a statement.
_HOLLOW = re.compile(
    r"^(?:i )?(?:don't|do not|dont) know(?: really)?$|^i dunno$|^dunno$|^i'?m not sure$|"
    r"^not sure$|^i (?:guess|suppose)(?: so)?$|^maybe$|^not really$|^whatever$|^i don't mind$",
    re.IGNORECASE,
)
_UNSURE = re.compile(r"^(?:i )?(?:don't|do not|dont) know|dunno|not sure", re.IGNORECASE)


_REFLECT_TEMPLATES = (
    "{X}.",
    "So {x}.",
    "It sounds like {x}.",
    "You're saying {x}.",
)
_CHANGE_TEMPLATES = (
    "{X}.",
    "{X}, and that matters to you.",
    "Part of you is already thinking {x}.",
)
# When nothing they said can be said back as a sentence (a word, a fragment): a reflection of
# the moment rather than of their words.
_NO_CLAUSE = (
    "It sounds like there's a lot going on for you right now.",
    "This is hard to talk about.",
    "You've got a lot on your mind.",
    "It sounds like this matters to you.",
)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _fill(template: str, x: str) -> str:
    # "You're saying you're…" reads badly: the plain statement says the same.
    if template.startswith("You're saying") and x.startswith("you're"):
        template = "{X}."
    return _cap(template.format(x=x, X=_cap(x)))


def reflection_of(client_line: str | list[str], variant: int = 0) -> str:
    """A reflection of what the person said ("I'm fed up" -> "So you're fed up.")."""
    lines = [client_line] if isinstance(client_line, str) else client_line
    x = reflect_clause(lines)
    if not x:
        return _NO_CLAUSE[variant % len(_NO_CLAUSE)]
    return _fill(_reflect_templates(x)[variant % len(_REFLECT_TEMPLATES)], x)


# Said back plainly, "We just want to take your kids." or "It's only at weekends." would sound
# like the worker agreeing: a clause about anyone but the person is framed as their view.
_ABOUT_THE_WORKER = re.compile(r"^(?:we|we're|we've|I|I'm|I've|I'd|I'll|me|us|our|my)\b")
_THEIR_VIEW_TEMPLATES = (
    "You feel {x}.",
    "It feels to you like {x}.",
    "You're saying {x}.",
    "For you, {x}.",
)
_ABOUT_THE_WORLD_TEMPLATES = (
    "You're saying {x}.",
    "It sounds like {x}.",
    "You feel {x}.",
    "For you, {x}.",
)


def _reflect_templates(x: str) -> tuple[str, ...]:
    if _ABOUT_THE_WORKER.match(x):
        return _THEIR_VIEW_TEMPLATES
    if not x.lower().startswith(("you", "your")):
        return _ABOUT_THE_WORLD_TEMPLATES
    return _REFLECT_TEMPLATES


def change_reflection(client_line: str | list[str], variant: int = 0) -> str:
    """A reflection of their change talk, pronouns flipped ("I want…" -> "You want…")."""
    lines = [client_line] if isinstance(client_line, str) else client_line
    x = reflect_clause(lines, prefer_change=True)
    if not x:
        return reflection_of(lines, variant)
    return _fill(_CHANGE_TEMPLATES[variant % len(_CHANGE_TEMPLATES)], x)


# --- closed -> open question rewrite -------------------------------------------------------

_TIME = re.compile(
    r"\b(last night|last week|last weekend|yesterday|this morning|today|tonight|this week|"
    r"at the weekend|over the weekend|recently|lately|since (?:then|we last met)|"
    r"that night|that day|in the mornings|in the evenings|at night|"
    r"the other (?:day|night)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.IGNORECASE,
)
_AUX = (
    r"(?:do|does|did|have|has|had|are|is|was|were|will|would|could|can|should|shall|might|may|"
    r"won't|wouldn't|can't|couldn't|don't|didn't|haven't|hasn't|isn't|aren't|wasn't|weren't)"
)
_LEAD = re.compile(r"^(?:(?:so|and|but|okay|ok|right|well|now)\b[,]?\s*)+", re.IGNORECASE)
# Base forms a gerund may be made from: only verbs known to be in their base form, so a past
# form ("made", "had") is never turned into a non-word ("mading").
_BASE_VERBS = frozenset(
    {
        "get",
        "go",
        "come",
        "eat",
        "sleep",
        "drink",
        "stop",
        "start",
        "try",
        "use",
        "see",
        "talk",
        "speak",
        "ring",
        "call",
        "help",
        "keep",
        "take",
        "make",
        "give",
        "leave",
        "attend",
        "cope",
        "manage",
        "plan",
        "sort",
        "work",
        "walk",
        "play",
        "feel",
        "think",
        "look",
        "live",
        "stay",
        "spend",
        "cut",
        "change",
        "ask",
        "tell",
        "listen",
        "wake",
        "bring",
        "pick",
        "put",
        "run",
        "shop",
        "cook",
        "clean",
        "read",
        "learn",
        "visit",
        "meet",
        "move",
        "pay",
        "save",
        "smoke",
        "argue",
        "fight",
        "shout",
        "hit",
        "hurt",
        "share",
        "join",
        "book",
    }
)


def _gerund(verb: str) -> str | None:
    v = verb.lower()
    if v not in _BASE_VERBS:
        return None
    if v in {"be"}:
        return "being"
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        return v[:-1] + "ing"
    if v in {"stop", "get", "cut", "plan", "sit", "put", "run", "drop", "shop", "chat", "hit"}:
        return v + v[-1] + "ing"
    return v + "ing"


# Closed-question openings and the open question each becomes, tried in order; ``{}`` is
# the rest of the question in the practitioner's own words.
_OPENING_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (r"^is there (?:anything|something) (?:that |which )?(.+)$", "What {}?"),
        (r"^is there (?:anyone|anybody|someone|somebody) (?:who |that )?(.+)$", "Who {}?"),
        (
            r"^(?:do|did) you (?:think|feel|reckon) (?:that )?(.+)$",
            "What are your thoughts about whether {}?",
        ),
        (r"^(?:do|would) you (?:want|like|need) to (.+)$", "How important is it to you to {}?"),
        (r"^(?:could|can|would|will|might) you (.+)$", "What would help you {}?"),
        (
            r"^have you (?:tried|thought about|considered) (.+)$",
            "What are your thoughts about {}?",
        ),
    )
)
# "How much had you…", "Where were the kids…": a wh-question for one fact, its subject after
# the auxiliary; said back in statement order inside an invitation to talk it through.
_WH_FACT = re.compile(
    r"^(how much|how many|how often|how long|how old|when|where|who|which|what time)\s+"
    r"(is|are|was|were|had|has|have|will|would|could|can)\s+"
    r"(you|he|she|they|we|it|the kids|the children|the baby|[a-z]+'s \w+|your \w+|his \w+|"
    r"her \w+)\b\s*(.*)$"
)


# Verbs of harm: a question about them is about what happened, never "How did it go with…".
_VIOLENT = frozenset(
    re.findall(
        r"\w+",
        "hit hurt push pushed grab grabbed slap slapped kick kicked punch punched shove shoved "
        "strangle strangled choke choked shake shook smack smacked beat beaten harm harmed "
        "threaten threatened touch touched",
    )
)
# States, not events: "Did you know…?" has no "how it went".
_STATIVE = frozenset(
    re.findall(
        r"\w+",
        "know understand realise realize mean want like love hate need believe remember forget "
        "notice think feel hear see agree expect hope mind get have",
    )
)


def open_question(question: str) -> str:
    """A rule-based open version of a closed question ("Did you drink last night?" ->
    "What happened last night?")."""
    sentences = _sentences(question) or [question]
    q = _LEAD.sub("", sentences[-1].strip()).rstrip(" ?.!")
    time = _TIME.search(q)
    low = q.lower()
    q = q[:1].lower() + q[1:]
    for pattern, template in _OPENING_REWRITES:
        m = pattern.match(low)
        if m:
            return template.format(_orig(q, m, 1))
    m = _WH_FACT.match(low)
    if m:
        # "How old are you, Pat?": the name said to them is left out of the statement order.
        rest = "" if m.group(4).startswith(",") else f" {_orig(q, m, 4)}" if m.group(4) else ""
        return f"Can you talk me through {m.group(1)} {_orig(q, m, 3)} {m.group(2)}{rest}?"
    if time and re.match(rf"^{_AUX} you\b", low):
        when = time.group(1).lower()
        return (
            f"What happened {when}?"
            if low.startswith(("did", "were", "was", "had"))
            else (f"How have things been {when}?")
        )
    m = re.match(r"^(?:are|were) you (?:sure|certain|confident) (?:that )?(.+)$", low)
    if m and len(m.group(1).split()) >= 2:
        # "Are you sure the kids are okay?" doubts them; asking what tells them invites it.
        return f"What tells you that {_orig(q, m, 1)}?"
    m = re.match(
        r"^(?:are|were) you (?:worried|scared|frightened|angry|upset|happy|ok|okay|"
        r"alright|all right|sure|bothered|concerned)(?: (?:about|with|by) (.+))?$",
        low,
    )
    if m:
        return (
            f"How do you feel about {_orig(q, m, 1)}?"
            if m.group(1)
            else ("How are you feeling about it all?")
        )
    m = re.match(r"^are you going to (.+)$", low)
    if m:
        return f"What are your thoughts about whether to {_orig(q, m, 1)}?"
    m = re.match(
        r"^(?:are|were) you (coping|managing|feeling|sleeping|eating|getting on|finding it|"
        r"doing)\b(.*)$",
        low,
    )
    if m:
        return f"How are you {_orig(q, m, 1)}{_orig(q, m, 2) and ' ' + _orig(q, m, 2)}?"
    m = re.match(
        r"^(?:is|are|was|were) ((?:the|your|his|her|their|this|that) [\w' -]+?) (?:fixed|"
        r"finished|done|sorted|ready|working|up to date|booked|paid|set up|in place|"
        r"on time|going ahead|happening|arranged|signed|sent|written up)$",
        low,
    )
    if m:
        # "Is the washing machine fixed?": where things are with it, in their words.
        return f"Where are things with {_orig(q, m, 1)}?"
    m = re.match(
        r"^(?:are|is|was|were) ((?:the|your|his|her|their) (?:kids|children|girls|boys|baby|"
        r"nits|school|nursery|house|flat|mornings|evenings|nights|appointments|cases|visits|"
        r"meetings|records|notes|bills|rent|[a-z]+'s \w+))\b",
        low,
    )
    if m:
        return f"How are things with {_orig(q, m, 1)}?"
    m = re.match(
        r"^(?:have|has) (?:you|they|he|she) (?:been|gone|got|had|done|seen|tried) "
        r"(?:to |with )?(.+)$",
        low,
    )
    if m:
        return f"What has happened with {_orig(q, m, 1)} so far?"
    m = re.match(
        r"^(?:have|has) (?:you|they|he|she) (\w+) ((?:the|your|his|her|their|this|that|those|"
        r"these) .+)$",
        low,
    )
    if m and m.group(1) not in _VIOLENT and m.group(1).endswith(("ed", "en", "ung", "ad", "one")):
        # "Have you updated the Smith chronology?" -> how things are with the chronology.
        return f"How are things with {_orig(q, m, 2)}?"
    m = re.match(r"^did you (\w+) (.+)$", low)
    if m and m.group(1) not in _STATIVE:
        if m.group(1) in _VIOLENT:
            return "Can you talk me through what happened?"
        verb = _gerund(m.group(1))
        if verb:
            # "Did you ring the dentist?" asks after an event: how it went.
            return f"How did it go with {verb} {_orig(q, m, 2)}?"
    m = re.match(r"^you're (\w+ing) (.+)$", low)
    if m:
        return f"How are you feeling about {_orig(q, m, 1)} {_orig(q, m, 2)}?"
    m = re.match(rf"^{_AUX} (you|they|he|she|the kids|the children) (\w+)(?: (.+))?$", low)
    if m:
        who = "" if m.group(1) == "you" else _orig(q, m, 1) + " "
        verb = _gerund(m.group(2))
        if verb and m.group(3):
            return f"How do you see {who}{verb} {_orig(q, m, 3)}?"
        if verb:
            return f"What's your sense of {who}{verb}?"
    m = re.match(rf"^{_AUX} (it|that|this|things) (.+)$", low)
    if m:
        return f"What makes {_orig(q, m, 1)} {_orig(q, m, 2)}?"
    return "Can you tell me more about that?"


def _orig(q: str, m: re.Match[str], group: int) -> str:
    """The matched group in its original capitalisation (matching ran on lower case)."""
    return q[m.start(group) : m.end(group)].strip().rstrip(" ?.!")


# --- advice -> asking permission first ------------------------------------------------------

# "You need to X", "You should X", "Why don't you X", "Try to X", "Ring the GP": the advice X
# in its base form, so it can be offered as one option after asking permission.
_ADVICE = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(?:i think |i reckon |honestly,? )?you (?:really |just |honestly )?"
        r"(?:need to|have to|ought to|'ve got to|have got to|must|should|had better|"
        r"'d better|could always|could just) (.+)$",
        r"^why don't you (?:just )?(.+)$",
        r"^(?:you should |you could )?try to (.+)$",
        r"^it's (?:really )?(?:important|time|best) (?:that you |for you to |you |to )(.+)$",
        r"^(?:just |please )?((?:stop|start|ring|call|go|get|make|take|put|keep|cut|talk|ask|"
        r"speak|see|think|let|give|leave|switch|try|buy|set|use|write|book|join|find|tell|"
        r"turn|drink|eat|sleep|spend|save|pay|move|throw|lock|walk) .+)$",
    )
)
_NOT_IMPERATIVE = re.compile(r"^(?:get out|go away|leave me)\b", re.IGNORECASE)
# Demands about attitude, not something to do: "take this seriously", "pull yourself together"
# cannot be offered as "one option"; they get a permission question alone.
_NOT_AN_OPTION = re.compile(
    r"^(?:take (?:this|it|that|things|them|me) (?:more |really )?seriously|pull yourself together|"
    r"take responsibility|understand\b|accept (?:that|this|it|what|you)\b|admit|face up|"
    r"be (?:honest|realistic|sensible)|listen\b|wake up|grow up|sort yourself out|get a grip|"
    r"stop (?:lying|making excuses|blaming|pretending|minimising)|calm down|"
    r"man up|do better|try harder|step up)",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)


def advice_of(text: str) -> str | None:
    """The advice in a persuading turn, in its base form ("stop drinking before Friday")."""
    clauses = [
        c
        for sentence in _sentences(text) or [text]
        for c in re.split(r",\s+(?:so\s+|and\s+|but\s+)?|;\s+", sentence)
    ]
    for clause in reversed(clauses):
        clean = _LEAD.sub("", clause.strip()).rstrip(" .!?…")
        if _NOT_IMPERATIVE.match(clean):
            continue
        for pattern in _ADVICE:
            m = pattern.match(clean)
            if m:
                advice = m.group(1).strip()
                if _NOT_AN_OPTION.match(advice):
                    return None
                if len(advice.split()) >= 2 and "?" not in advice:
                    return advice[:1].lower() + advice[1:]
    return None


_PERMISSION_ASKS = (
    "Would it be all right if I shared an idea?",
    "Can I suggest something, and you tell me what you make of it?",
    "Would it help if I shared what others in your position have found useful?",
)
_OFFERS = (
    "One option is to {a}. How would that fit for you?",
    "Some people find it helps to {a}. What do you think?",
    "One thing that might help is to {a}. What do you make of that?",
)
# "Some people find it helps to go back on your tablets" mixes them and you: with advice said
# to "you", the offer says it to them.
_OFFERS_TO_YOU = (
    _OFFERS[0],
    "It might help to {a}. What do you think?",
    _OFFERS[2],
)
_GENERIC_PERMISSION = (
    "Would it be all right if I shared a worry I have, and you tell me what you make of it?",
    "Can I tell you what I'm thinking, and then hear what you think?",
    "Would it help to hear some of the options, and you decide what might fit?",
)


def permission_first(advice: str | None, variant: int = 0) -> str:
    """Ask permission first, then offer the advice as one option with the choice left to them
    (advice without a form to build on, or a demand about attitude: the permission question)."""
    if not advice:
        return _GENERIC_PERMISSION[variant % len(_GENERIC_PERMISSION)]
    offers = _OFFERS_TO_YOU if _SECOND_PERSON.search(advice) else _OFFERS
    ask = _PERMISSION_ASKS[variant % len(_PERMISSION_ASKS)]
    return f"{ask} {offers[variant % len(offers)].format(a=advice)}"


# --- disclosures: receive them --------------------------------------------------------------

# What to ask about safety now, by what the disclosure says (words in the disclosure -> the
# direct question a child-protection worker asks next, and the one after it when the disclosure
# was itself the answer to a direct question about risk). The first match wins.
_SAFETY_QUESTIONS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), q, then)
    for p, q, then in (
        (
            r"better off|die|dead|kill myself|end (?:it|my life)|not (?:be )?here|suicid|"
            r"no point",
            "Are you having thoughts of ending your life?",
            "Have you thought about how, or made any plans, and are you safe right now?",
        ),
        (
            r"hurt(?:ing)? myself|harm(?:ing)? myself|cut(?:ting)? myself|overdose|pills|"
            r"burn",
            "Have you hurt yourself, and are you safe right now?",
            "Do you need any medical help now, and are you safe right now?",
        ),
        (
            r"hit (?:him|her|them|my)|marks|bruise|smack|shook|beat|locked|touched",
            "Is anyone hurt, and are the children safe right now?",
            "Where are the children now, and is anyone hurt?",
        ),
        (
            r"hit me|hits me|pushed|punched|kicked|strangl|choked|throat|threat|scared of him|"
            r"afraid of him|frightened of him|hurts me|hurt me",
            "Are you and the children safe tonight?",
            "Where is he now, and are you and the children safe tonight?",
        ),
    )
)
_SAFETY_DEFAULT = "Are you and the children safe right now?"
_THANKS = (
    "Thank you for telling me that.",
    "Thank you for trusting me with that.",
    "I'm glad you told me.",
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def receive_disclosure(disclosure: str, variant: int = 0, *, answered_risk: bool = False) -> str:
    """Thank them, say back what they disclosed, and ask about safety now.

    The sentence said back is the one that discloses (not "I wouldn't do anything" after it);
    when the disclosure answered a direct question about risk, the question is the next one.
    """
    sentences = [s for s in _SENTENCE_END.split(disclosure.strip()) if s]
    disclosing = [s for s in sentences if any(p.search(s) for p, _, _ in _SAFETY_QUESTIONS)]
    x = (reflect_clause(disclosing[-1:]) if disclosing else None) or reflect_clause([disclosure])
    match = next(((q, then) for p, q, then in _SAFETY_QUESTIONS if p.search(disclosure)), None)
    question = _SAFETY_DEFAULT if match is None else match[1] if answered_risk else match[0]
    said_back = f" {_fill('{X}.', x)}" if x else ""
    return f"{_THANKS[variant % len(_THANKS)]}{said_back} {question}"


# --- the rules ------------------------------------------------------------------------------

# Intent kinds (coding/intent.py) and the fact subjects a plain closed question is right for.
ASK_FACT = "ask_fact"
ASK_EVENT = "ask_event"
ASK_VIEW = "ask_view"
ASK_ABOUT_MEMBER = "ask_about_member"
PLAIN_FACTS = frozenset(
    {
        "age",
        "household",
        "school",
        "where",
        "when",
        "name",
        "date",
        "time",
        "address",
        "nursery",
        "gp",
        "contact",
        "phone",
        "birthday",
        "class",
        "year",
    }
)

WHY = {
    "receive_disclosure": "a disclosure of risk comes first: thanking them, saying it back and "
    "asking about safety now shows it was heard and keeps everyone safe",
    "risk_question": "asking directly and calmly about risk is good practice in child "
    "protection, even as a closed question",
    "reflect_instead": "confronting invites defending; saying back what they said keeps them "
    "talking and lowers discord",
    "ask_permission": "advice lands when it is invited: asking first and leaving the choice "
    "with them avoids the righting reflex",
    "reflect_change_talk": "reflecting their own reasons for change lets them hear them again "
    "and say more",
    "drop_check": "said as a statement, a reflection invites them to go on; 'is that right?' "
    "turns it into a yes/no question",
    "fact_question": "inviting them to talk you through it gets the fact and their account of it",
    "open_question": "an open question invites their own view, not a yes or no",
    "ask_about_member": "an open question about them brings out how that person is doing",
    "fine_as_asked": "a plain fact is best asked plainly: a closed question is the right tool",
}


def _cue_text(p: PTurn) -> str:
    cues = p.coded.cues
    if cues:
        return ", ".join(dict.fromkeys(c.text for c in cues))
    return "no specific cue (default for the sentence form)"


def _last_question(p: PTurn) -> str:
    for s in reversed(p.coded.sentences):
        if s.code == Code.QUESTION_CLOSED:
            asked = [q for q in _sentences(s.text) if q.endswith("?")]
            return asked[-1] if asked else s.text
    sentences = [s for s in _sentences(p.coded.text) if s.endswith("?")]
    return sentences[-1] if sentences else p.coded.text


_CHECK = re.compile(
    r"^\W*(?:is that (?:right|fair|true|ok|okay|it)|does that (?:make sense|sound right|fit)|"
    r"am i right|have i got that right|did i get that right|right|yeah|no|is it)\W*$",
    re.IGNORECASE,
)


def _reflection_sentence(p: PTurn) -> str:
    parts = [
        s.text
        for s in p.coded.sentences
        if s.code in (Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX)
    ]
    source = " ".join(parts) if parts else p.coded.text
    kept = [s for s in _sentences(source) if not _CHECK.match(s)]
    return " ".join(kept).strip() or source


def _note(p: PTurn) -> str:
    codes = p.codes
    if p.reflection and p.repeat:
        return "reflection said before: saying the same line again does not show listening"
    if p.reflection and p.unfit:
        return "said as a reflection, but it does not say back anything the person said"
    if p.reflection and p.unverified:
        return (
            "reflection in words of your own: it is on the topic but uses none of theirs, so "
            "it counts half (their own words show you heard them)"
        )
    if p.double_sided:
        return "double-sided reflection: holds both sides and softens sustain talk"
    if p.reflects_change:
        return "reflection of change talk: this is what cultivates it"
    if Code.REFLECTION_COMPLEX in codes:
        return "complex reflection: adds meaning or feeling to what was said"
    if Code.REFLECTION_SIMPLE in codes:
        return "simple reflection: says back what was said; adding meaning would deepen it"
    if Code.QUESTION_OPEN in codes:
        return "open question: invites the person to say more"
    if Code.AFFIRM in codes:
        return "affirmation: recognises a strength or effort"
    if Code.SEEKING_COLLABORATION in codes:
        return "seeking collaboration: shares the power in the conversation"
    if Code.EMPHASIZING_AUTONOMY in codes:
        return "emphasising autonomy: the choice stays with the person"
    if Code.PERSUADE_WITH_PERMISSION in codes:
        return "advice given with permission or with choice emphasised"
    if Code.GIVING_INFORMATION in codes:
        return "giving information: neutral facts, no push"
    if Code.QUESTION_CLOSED in codes:
        return "closed question: invites a short answer"
    return "structuring or other talk"


_KIND_NOTES = {
    "receive_disclosure": "the family member had just disclosed a risk, and this turn passed "
    "over it",
    "risk_question": "direct question about risk",
    "reflect_instead": "confronting",
    "ask_permission": "persuading without permission (the righting reflex)",
    "reflect_change_talk": "the family member had just voiced change talk, and this turn did "
    "not reflect it",
    "drop_check": "a reflection turned into a yes/no question by the check at its end",
    "fact_question": "closed question about what happened",
    "open_question": "closed question: invites a short answer",
    "ask_about_member": "closed question about someone in the family",
    "fine_as_asked": "closed question for a plain fact: fine as asked",
}

Builder = Callable[[int], str]
# Answers to change talk that need no tip: following it up openly, affirming it, or moving to
# plan with the person (collaboration, their choice, advice they asked for).
FOLLOWS_CHANGE_TALK = (
    Code.QUESTION_OPEN,
    Code.AFFIRM,
    Code.SEEKING_COLLABORATION,
    Code.EMPHASIZING_AUTONOMY,
    Code.PERSUADE_WITH_PERMISSION,
)
# Kinds whose wordings are equally good, so they take turns through a session.
ROTATING = frozenset({"receive_disclosure", "reflect_instead", "ask_permission"})


def _rule(p: PTurn, missed_after: dict[int, tuple[str, bool]]) -> tuple[str | None, Builder | None]:
    """The coaching kind for a turn and a builder of its suggestion (variant -> text)."""
    lines = [t.text for t in p.before]
    if p.index in missed_after:
        disclosure, answered_risk = missed_after[p.index]
        return "receive_disclosure", lambda v: receive_disclosure(
            disclosure, v, answered_risk=answered_risk
        )
    if p.risk_question:
        return "risk_question", None
    if p.has(Code.CONFRONT):
        if not lines:
            return "reflect_instead", None
        return "reflect_instead", lambda v: reflection_of(lines, v)
    if p.has(Code.PERSUADE):
        advice = advice_of(p.coded.text)
        return "ask_permission", lambda v: permission_first(advice, v)
    change_lines = [t.text for t in p.before if talk_of(t) == TalkType.CHANGE]
    if (
        change_lines
        and not (p.reflection or p.has(*FOLLOWS_CHANGE_TALK))
        and p.intent_kind not in ("thank", "summarise", "apologise")
    ):
        return "reflect_change_talk", lambda v: change_reflection(change_lines, v)
    if p.has(Code.QUESTION_CLOSED) and p.reflection and _CHECK.match(_last_question(p)):
        statement = _reflection_sentence(p)
        return "drop_check", lambda v: statement
    if p.has(Code.QUESTION_CLOSED) and not p.has(Code.QUESTION_OPEN):
        intent = p.coded.intent
        question = _last_question(p)
        if intent is not None and intent.kind == ASK_FACT and intent.subject in PLAIN_FACTS:
            return "fine_as_asked", None
        if intent is not None and intent.kind == ASK_ABOUT_MEMBER and intent.member:
            who = intent.member[:1].upper() + intent.member[1:]
            alternatives = (
                f"How are things for {who} at the moment?",
                f"What's {who} been like lately?",
                f"What do you notice about how {who} is doing?",
            )
            return "ask_about_member", lambda v: alternatives[v % len(alternatives)]
        rewritten = open_question(question)
        if intent is not None and intent.kind in (ASK_FACT, ASK_EVENT):
            alternatives = (rewritten, "Can you talk me through what happened?")
            return "fact_question", lambda v: alternatives[v % len(alternatives)]
        alternatives = (rewritten, "How do you see it yourself?", "What's your view on that?")
        return "open_question", lambda v: alternatives[v % len(alternatives)]
    return None, None


def build_feedback(
    pturns: list[PTurn], safeguarding: Safeguarding | None = None
) -> list[TurnFeedback]:
    # The turn that passed over a disclosure -> (what was disclosed, whether it answered a
    # direct question about risk: then the tip asks the next safety question, not the same).
    risk_asked_before = {
        p.index: pturns[p.position - 1].risk_question for p in pturns if p.position > 0
    }
    missed_after = {
        d.response_turn: (d.text, risk_asked_before.get(d.response_turn, False))
        for d in (safeguarding.missed if safeguarding is not None else ())
        if d.response_turn is not None
    }
    out: list[TurnFeedback] = []
    used: set[str] = set()
    seen: dict[str, int] = {}
    previous: str | None = None
    for p in pturns:
        kind, build = _rule(p, missed_after)
        suggestion = None
        if kind is not None and build is not None:
            # Vary across the session: wordings of equal worth take turns; then the first
            # wording not yet suggested, else the first that differs from the last suggestion.
            start = seen.get(kind, 0) if kind in ROTATING else 0
            seen[kind] = seen.get(kind, 0) + 1
            options: list[str] = []
            for v in range(start, start + 4):
                options.append(build(v))
                if options[-1] not in used:
                    break
            fresh = [o for o in options if o not in used]
            suggestion = (
                fresh[0] if fresh else next((o for o in options if o != previous), options[0])
            )
            used.add(suggestion)
        main = p.coded.code
        label = CODE_LABELS.get(main, str(main))
        if kind is None:
            note = _note(p)
        else:
            what = _KIND_NOTES[kind]
            note = (
                f"{what}: {WHY[kind]}"
                if kind in ("risk_question", "fine_as_asked")
                else (f"{what if kind != 'reflect_instead' else label}: {WHY[kind]}")
            )
        out.append(
            TurnFeedback(
                turn_index=p.index,
                code=str(main),
                codes=tuple(str(c) for c in p.codes),
                cue=_cue_text(p),
                note=note,
                suggestion=suggestion,
                kind=kind,
                why=None if kind is None else WHY[kind],
            )
        )
        previous = suggestion
    return out
