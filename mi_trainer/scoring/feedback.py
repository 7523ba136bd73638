"""Per-turn coaching: the code and cue, and a concrete alternative built from the client's words.

Rules (docs/scoring.md, "Feedback"), checked in this order for each practitioner turn:
1. persuade / confront -> a reflection of the client's last line + a permission-asking line;
2. change talk heard and not reflected -> a reflection built from the change talk (pronouns
   flipped: "I want..." -> "You want...");
3. a closed question -> an open version of the question (rule-based rewrite).
Otherwise no suggestion, just what the turn did. No two identical suggestions in a row: a
repeat takes the next wording variant.
"""

from __future__ import annotations

import re

from mi_trainer.coding.codes import CODE_LABELS, Code, TalkType
from mi_trainer.scoring.facts import PTurn, talk_of
from mi_trainer.scoring.model import TurnFeedback

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
    # "I are" can arise from "you are" at the start: tidy it.
    return re.sub(r"\bI are\b", "I am", flipped)


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?…])\s+", text.strip())
    return [p for p in parts if p.strip()]


_CHANGE_HINT = re.compile(
    r"\b(want|wish|hope|could|can|able|would|will|going to|gonna|need|have to|must|should|"
    r"ready|try|trying|tried|started|stopped|cut down|because|kids|children|better|"
    r"change|different|plan|rang|called|booked)\b",
    re.IGNORECASE,
)


def _clause(text: str, prefer_change: bool = False) -> str:
    """The sentence worth reflecting, cleaned of fillers, without end punctuation."""
    sentences = _sentences(text) or [text]
    chosen = sentences[-1]
    if prefer_change:
        hits = [s for s in sentences if _CHANGE_HINT.search(s)]
        if hits:
            chosen = hits[-1]
    chosen = _FILLERS.sub("", chosen.strip()).strip()
    chosen = chosen.rstrip(" .!?…,;:")
    return chosen


def _reflect_clause(text: str, prefer_change: bool = False) -> str:
    clause = _clause(text, prefer_change)
    if not clause:
        return ""
    flipped = flip_pronouns(clause)
    if flipped[:1].isupper() and not flipped.startswith(("I ", "I'")):
        flipped = flipped[0].lower() + flipped[1:]
    return flipped


_REFLECT_TEMPLATES = (
    "So {x}.",
    "It sounds like {x}.",
    "You're saying {x}.",
)
_CHANGE_TEMPLATES = (
    "{X}.",
    "So {x}, and that matters to you.",
    "Part of you is already thinking {x}.",
)
_PERMISSION_LINES = (
    "Would it be all right if I shared what some other parents have found helpful?",
    "Can I share a worry I have, and you tell me what you make of it?",
    "Would it help to hear some of the options, and you decide what might fit?",
)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def reflection_of(client_line: str, variant: int = 0) -> str:
    x = _reflect_clause(client_line)
    if not x:
        return "It sounds like there's a lot going on for you."
    return _cap(_REFLECT_TEMPLATES[variant % len(_REFLECT_TEMPLATES)].format(x=x))


def change_reflection(client_line: str, variant: int = 0) -> str:
    x = _reflect_clause(client_line, prefer_change=True)
    if not x:
        return reflection_of(client_line, variant)
    template = _CHANGE_TEMPLATES[variant % len(_CHANGE_TEMPLATES)]
    return _cap(template.format(x=x, X=_cap(x)))


# --- closed -> open question rewrite -------------------------------------------------------

_TIME = re.compile(
    r"\b(last night|last week|last weekend|yesterday|this morning|today|tonight|this week|"
    r"at the weekend|over the weekend|recently|lately|since (?:then|we last met)|"
    r"the other (?:day|night)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.IGNORECASE,
)
_AUX = (
    r"(?:do|does|did|have|has|had|are|is|was|were|will|would|could|can|should|shall|might|may|"
    r"won't|wouldn't|can't|couldn't|don't|didn't|haven't|hasn't|isn't|aren't|wasn't|weren't)"
)
_LEAD = re.compile(r"^(?:(?:so|and|but|okay|ok|right|well|now)\b[,]?\s*)+", re.IGNORECASE)


def _gerund(verb: str) -> str:
    v = verb.lower()
    if v.endswith("ing"):
        return v
    if v in {"be"}:
        return "being"
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        return v[:-1] + "ing"
    if (
        len(v) >= 3
        and v[-1] not in "aeiouwxy"
        and v[-2] in "aeiou"
        and v[-3] not in "aeiou"
        and v in {"stop", "get", "cut", "plan", "sit", "put", "run", "drop", "shop", "chat"}
    ):
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
    if time and re.match(rf"^{_AUX} you\b", low):
        when = time.group(1).lower()
        return (
            f"What happened {when}?"
            if low.startswith(("did", "were", "was"))
            else (f"How have things been {when}?")
        )
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
    m = re.match(
        r"^(?:have|has) (?:you|they|he|she) (?:been|gone|got|had|done|seen|tried) "
        r"(?:to |with )?(.+)$",
        low,
    )
    if m:
        return f"What has happened with {_orig(q, m, 1)} so far?"
    m = re.match(r"^you're (\w+ing) (.+)$", low)
    if m:
        return f"How are you feeling about {_orig(q, m, 1)} {_orig(q, m, 2)}?"
    m = re.match(rf"^{_AUX} (you|they|he|she|the kids|the children) (\w+)(?: (.+))?$", low)
    if m:
        who = "" if m.group(1) == "you" else _orig(q, m, 1) + " "
        verb = _gerund(m.group(2))
        if m.group(3):
            return f"How do you see {who}{verb} {_orig(q, m, 3)}?"
        return f"What's your sense of {who}{verb}?"
    m = re.match(rf"^{_AUX} (it|that|this|things|there) (.+)$", low)
    if m:
        return f"What makes {_orig(q, m, 1)} {_orig(q, m, 2)}?"
    return "What do you make of that?"


def _orig(q: str, m: re.Match[str], group: int) -> str:
    """The matched group in its original capitalisation (matching ran on lower case)."""
    return q[m.start(group) : m.end(group)].strip().rstrip(" ?.!")


# --- the rules ------------------------------------------------------------------------------


def _cue_text(p: PTurn) -> str:
    cues = p.coded.cues
    if cues:
        return ", ".join(dict.fromkeys(cues))
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
    if Code.PERSUADE in codes:
        return "persuading without permission: the righting reflex invites sustain talk"
    if Code.CONFRONT in codes:
        return "confronting: likely to raise discord"
    if Code.QUESTION_CLOSED in codes:
        return "closed question: invites a short answer"
    return "structuring or other talk"


def build_feedback(pturns: list[PTurn]) -> list[TurnFeedback]:
    out: list[TurnFeedback] = []
    previous: str | None = None
    seen: dict[str | None, int] = {}
    for p in pturns:
        kind: str | None = None
        builders = []
        last = p.last_client
        change_lines = [t for t in p.before if talk_of(t) == TalkType.CHANGE]
        if p.has(Code.PERSUADE, Code.CONFRONT):
            kind = "reflect_then_permission"
            line = last.text if last else ""

            def build(v: int, line: str = line) -> str:
                reflection = reflection_of(line, v) if line else "Let me check I've understood."
                return f"{reflection} {_PERMISSION_LINES[v % len(_PERMISSION_LINES)]}"

            builders.append(build)
        elif change_lines and not (p.reflection or p.has(Code.QUESTION_OPEN, Code.AFFIRM)):
            kind = "reflect_change_talk"
            line = change_lines[-1].text
            builders.append(lambda v, line=line: change_reflection(line, v))
        elif p.has(Code.QUESTION_CLOSED) and p.reflection and _CHECK.match(_last_question(p)):
            # "You're worried about Mia. Is that right?": the check turns a reflection into a
            # closed question; the reflection works better left as a statement.
            kind = "open_question"
            statement = _reflection_sentence(p)
            alternatives = (
                f'Let the reflection stand on its own: "{statement}"',
                f'Say it as a statement and pause: "{statement}"',
                f'Drop the check and leave space: "{statement}"',
            )
            builders.append(lambda v, alts=alternatives: alts[v % len(alts)])
        elif p.has(Code.QUESTION_CLOSED):
            kind = "open_question"
            question = _last_question(p)
            base = open_question(question)
            alternatives = (base, "What else can you tell me about that?", "How was that for you?")
            builders.append(lambda v, alts=alternatives: alts[v % len(alts)])
        suggestion = None
        if builders:
            # Permission lines rotate through the session so repeated advice-giving does not
            # meet the same coaching line each time; other kinds start with their best wording.
            start = seen.get(kind, 0) if kind == "reflect_then_permission" else 0
            for v in range(start, start + 3):
                suggestion = builders[0](v)
                if suggestion != previous:
                    break
            seen[kind] = seen.get(kind, 0) + 1
        main = p.coded.code
        out.append(
            TurnFeedback(
                turn_index=p.index,
                code=str(main),
                codes=tuple(str(c) for c in p.codes),
                cue=_cue_text(p),
                note=_note(p)
                if kind is None
                else _kind_note(kind, CODE_LABELS.get(main, str(main))),
                suggestion=suggestion,
                kind=kind,
            )
        )
        previous = suggestion
    return out


def _kind_note(kind: str, label: str) -> str:
    if kind == "reflect_then_permission":
        return f"{label}: reflect first, then ask before advising"
    if kind == "reflect_change_talk":
        return f"{label}: the client had just voiced change talk; reflecting it would grow it"
    return f"{label}: an open question would invite more than yes or no"
