"""The decision rules: from the cues found in a sentence to one MITI code, and from a turn's
sentence codes to its main code.

The cue *phrases* live in ``patterns/*.jsonl`` (data a trainer can extend); this module holds
only the order in which kinds of cue decide, which is the coding manual's logic:

1. a sentence of fillers and backchannels only ("Okay.", "Mm-hmm.") is ``other``;
2. arguing, labelling or blaming is ``confront``;
3. advice that opens the sentence ("Why don't you…", "You need to…") is ``persuade`` — with
   permission when the same sentence offers it as a choice;
4. asking permission or sharing the decision is ``seeking_collaboration``;
5. a question — a "?" or a question form (wh-word, auxiliary before the subject, "tell me") —
   is ``question_open`` or ``question_closed``; a statement that only rises at the end ("So you
   stopped at the weekend?") is a reflection, as coders hear it;
6. then autonomy, advice anywhere in the sentence, affirmation, reflection, information;
7. a short remark with no cue is ``other``; a longer statement is a reflection only with
   evidence that it says back or builds on what they said (their words, "you", a feeling, "so…",
   a continued sentence, a verbless gloss), otherwise it is information: never a default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mi_trainer.coding.codes import REFLECTIONS, Code
from mi_trainer.coding.result import Cue

# How a turn's main code is chosen from its sentences: the highest rank wins; among sentences of
# the same rank, the later one wins (coders code the behaviour the turn ends on, e.g. the question
# a reflection leads into). Documented in docs/coding.md.
MAIN_CODE_RANK: dict[Code, int] = {
    Code.CONFRONT: 9,
    Code.PERSUADE: 8,
    Code.QUESTION_OPEN: 7,
    Code.QUESTION_CLOSED: 7,
    Code.SEEKING_COLLABORATION: 7,
    Code.PERSUADE_WITH_PERMISSION: 6,
    Code.REFLECTION_COMPLEX: 5,
    Code.REFLECTION_SIMPLE: 5,
    Code.GIVING_INFORMATION: 4,
    Code.EMPHASIZING_AUTONOMY: 3,
    Code.AFFIRM: 3,
    Code.OTHER: 0,
}


# Meaning-adding cues differ in strength: naming a feeling or holding both sides is a complex
# reflection on its own; a hedge or an intensifier ("really", "kind of") only tips the balance.
# (A cue's weight is data: ``"weight"`` in its pattern line, 1 when not given.)
COMPLEX_THRESHOLD = 0.5


# "Elicit-provide-elicit": information or advice followed by "What do you think about that?" is
# coded by what was provided; the check-in question only hands the floor back.
CHECK_IN_ID = "check_in"
CHECK_IN_CODES = frozenset({Code.QUESTION_OPEN, Code.QUESTION_CLOSED, Code.SEEKING_COLLABORATION})
PROVIDED = (Code.PERSUADE, Code.PERSUADE_WITH_PERMISSION, Code.GIVING_INFORMATION)
ADVICE = (Code.PERSUADE, Code.PERSUADE_WITH_PERMISSION)
WARNING_ID = "warns_consequences"  # persuade: "It's not safe", "I'm really worried"
WARNS_IF_ID = "warns_if"  # "If you don't…", "You'll lose…": a warning, confront (MITI)
WARNING_IDS = frozenset({WARNING_ID, WARNS_IF_ID})
REPAIR_ID = "repair_apology"  # the shared interface: the simulation and scoring test this id
# "So you want him home, which is why you need to…": their words turned into the reason for advice.
LEVER_ID = "reflection_as_lever"
INFERRED_STATE_ID = "inferred_state"
# Confrontations that outrank a question form or a reflective opening (MITI: confront wins).
CONFRONT_OUTRANKS_QUESTION = frozenset(
    {
        "rhetorical_question",
        "bare_verdict",
        "sarcastic_praise",
        "sarcasm",
        "disagrees",
        "threatens",
        "moralises",
        "deserve_better",
        "blames",
        "shames",
        "about_time",
        "labels_character",
        "blames_harm",
        "sarcastic_echo",
        "disapproves",
        "labels_conduct",
        "contradicts",
    }
)
CHILD_NEEDS_ID = "child_needs"  # "Leo needs to be in bed by eight": advice about their child
CONTRADICTS_ID = "contradicts"  # "No, it isn't.": confront only against the claim they made
# Blame and judgement that a reflective frame turns into saying back ("You're worried the kids
# hear it all", "You feel you've been selfish"): heard as confront only without one.
JUDGES_THEM_ID = "judges_them"
FRAMED_CONFRONT_IDS = frozenset({"blames_harm", "blames_exposure", JUDGES_THEM_ID})
DENIES_LABEL_ID = "denies_label"  # "I don't think you're a bad mum": reassurance
RULES_OUT_ID = "rules_out"  # "…doesn't mean the children will be removed": reassurance
SARCASTIC_ECHO_ID = "sarcastic_echo"  # "Oh yeah, …" + their own words: mocks them
# Second words that make a "you…" sentence their words or views reported, not what they did.
REPORTING_WORDS = frozenset(
    {
        "said",
        "say",
        "told",
        "tell",
        "think",
        "thought",
        "feel",
        "felt",
        "reckon",
        "believe",
        "worry",
        "worried",
        "guess",
        "suppose",
        "mean",
        "meant",
        "wonder",
        "know",
        "knew",
        "heard",
        "hear",
        "mentioned",
        "describe",
        "described",
        "call",
        "called",
        "see",
        "saw",
        "find",
        "found",
        "'d",
        "would",
        "might",
        "may",
        "must",
        "hope",
        "wish",
        "fear",
        "feared",
        "sound",
        "seem",
        "seemed",
    }
)
# The tag's pronoun names a third party ("…, did he?"): the claim is about someone else.
THIRD_PARTY_TAGS = frozenset({"he", "she", "they"})
# First words of a claim about the person, the worker or the moment, not about someone else.
NOT_THIRD_PARTY = frozenset(
    {
        "you",
        "your",
        "you're",
        "you've",
        "yours",
        "i",
        "i'm",
        "we",
        "we're",
        "my",
        "our",
        "it",
        "it's",
        "that",
        "that's",
        "this",
        "there",
        "there's",
        "let",
        "let's",
    }
)
OFFERS_IDEAS_ID = "offers_ideas"  # "Would you like some ideas?": what follows is the advice
BETTER_IF_ID = "better_if_you"  # "The kids would be happier if you…": advice
SAME_POLARITY_TAG_ID = "same_polarity_tag"  # "So it's the school's fault, is it?": sarcasm
SARCASTIC_TAG = Cue("sarcastic_tag", "a positive tag on a positive 'So…': doubts or mocks it")
# A "but" after a preface that leaves them free: what follows is the advice ("You don't have to,
# but talking to the school nurse could help"). "I could be wrong, but…" has its own rule.
CONCEDES_THEN_ADVISES = Cue(
    "choice_then_advice", "leaves the choice to them, then offers the idea after 'but'"
)
# Case information said in a sentence that starts like a "you" statement ("Your housing officer
# says…", "Your last two tests were negative", "You'll get a copy…"): information, not a
# reflection.
CASE_INFORMATION_IDS = frozenset({"reports_others", "case_record", "what_will_happen"})
# Prefaces that leave them free to take or leave what follows "but" (not the advice words
# themselves, "you could", "some parents find", nor "I could be wrong", which has its own rule).
FREEING_PREFACES = frozenset({"fit_hedge", "advice_preface", "announces_idea"})
# A strength named with a present-tense verb ("…takes courage") prizes them only when the
# sentence is about what they did ("Telling me that takes courage", "That took guts"), not a
# general truth ("Change takes work"): it opens with "you", their act or one of these words.
ACT_SUBJECTS = frozenset({"that", "it", "this", "which", "what"})
# Longer than a greeting, still other.
SOCIAL_IDS = frozenset({"small_talk", "structuring", "logistics", "compliments", "courtesy"})
# Fixing a time ("Shall we say Tuesday at two?"), asking them to say it again, or a compliment
# on their things ("Love your nails, did you do them yourself?") stays other with a rising end:
# it asks nothing about the case.
RISING_SOCIAL_IDS = frozenset({"logistics", "compliments"})
# "Hiya, I'm Priya, the social worker from the Family Safeguarding team.": an introduction is
# other however long the name of the team, when it opens the sentence or follows a greeting.
INTRODUCTION_ID = "introduces_self"
INTRODUCTION_WORDS = 20
SHARES_POWER_ID = "shares_power"
HOW_MANY_FACT_ID = "how_many_fact"  # "how many of the kids are registered": a number asked
SUGGESTS_ID = "suggests_option"
ANNOUNCES_IDEA_ID = "announces_idea"  # "Just a thought:…": the idea itself is the advice
HEDGED_ID = "hedged_advice"  # "I could be wrong, but…": advice only when advice follows
PREFACE_IDS = frozenset({"advice_preface", ANNOUNCES_IDEA_ID, HEDGED_ID})
ADVICE_PREFACE_ID = "advice_preface"  # "Feel free to ignore this, but…": advice to take or leave
VIEW_OF_INFORMATION_ID = "asks_view_of_information"  # "Does that fit with how you remember it?"
# "How does that sound?": their reaction to what the worker just said or proposed; asked on its
# own or after a proposal, it shares the decision (seeking collaboration).
REACTION_ID = "asks_reaction"
# "Is that something you'd want to try?": whether they would take up what was just put to them;
# what was put is then an idea offered with permission, not plain information.
UPTAKE_ID = "asks_uptake"
# "Which of those feels doable?", "What questions has that left you with?": a view asked of what
# was just said ('that', 'those'), or of information just given or put in front of them ("What
# do you make of what the consultant said?", "…of the report?", id asks_view_of_what_was_said);
# "What do you make of what the school has been saying?" asks about a stance, an open question.
VIEW_OF_SAID = Cue("asks_view_of_what_was_said", "asks their view of what was just said")
DEICTIC = ("that", "this", "it", "those", "these")
INVITED_ADVICE = Cue("invited_advice", "advice they asked for (their last line invited it)")
WARNING = Cue("warning", "a warning of consequences: MITI codes it as confront")
# Reasons the rules give themselves (not from a pattern line): ids the other layers may test.
WORKER_ON_THEMSELVES = Cue("worker_on_themselves", "the worker speaking of themselves")
YOU_STATEMENT = Cue("you_statement", "a statement about them ('you…')")
SAYS_THEIR_WORDS = Cue("says_their_words", "says back words from their last line")
ABOUT_THEM = Cue("paraphrases_them", "puts their situation in the worker's words ('you', 'your')")
NAMES_THEIR_FEELING = Cue("names_their_feeling", "names how it is for them")
CONTINUES_THEIR_SENTENCE = Cue("continues_sentence", "carries on the sentence being built")
ANSWERS_QUESTION = Cue("answers_question", "answers the question they just asked: information")
SUMS_UP = Cue("sums_up", "'So…': draws together what they have said")
GLOSS = Cue("gloss", "a short gloss of what they said, with no verb of its own")
CASE_STATEMENT = Cue(
    "case_statement", "a statement of fact, not in their words and not about them: information"
)
# Complex cues that say how it is for them (a feeling, an understatement, a metaphor, both
# sides): evidence of a reflection even without "you" or a reflective frame.
EXPERIENCE_IDS = frozenset(
    {
        "names_feeling",
        "feel_word",
        "understates",
        "understates_been",
        "adds_meaning",
        "both_sides",
        "amplifies_whatever",
    }
)
# Of those, the ones that name a feeling or a difficulty itself (not a hedge such as "really").
FEELING_IDS = frozenset({"names_feeling", "feel_word", "understates", "understates_been"})
LONG_REFLECTION = Cue("long_reflection", "a long reflection that goes beyond their words")
ADDS_MEANING = Cue("adds_meaning", "adds meaning beyond their words")
SAYS_BACK = Cue("says_back", "says back what was said, adding little")
ECHO = Cue("echoes_client", "repeats the client's own words")
ONLY_FILLERS = Cue("only_fillers", "only fillers or a backchannel ('okay', 'mm-hmm')")
ACKNOWLEDGEMENT = Cue("acknowledgement", "a short acknowledgement ('okay', 'right', 'thank you')")
RISING_STATEMENT = Cue("rising_statement", "a statement with a rising end, offered for checking")
QUESTION_MARK = Cue("question_mark", "ends with a question mark")
OPTION = Cue("puts_forward_option", "puts forward an option")
SHORT_REMARK = Cue("short_remark", "a short remark with no coding cue")
BRIEF_SELF_REMARK = Cue("brief_self_remark", "a brief remark about the worker ('I see', 'I know')")
WORKER_VIEW = Cue("worker_own_view", "the worker's own view or experience ('I', 'me')")
# Codes that plain statements about the person can lead up to, and the cues of those statements.
EVIDENCED = (Code.AFFIRM, Code.EMPHASIZING_AUTONOMY)
# Reflections heard from evidence alone (no reflective frame): they rank below cued sentences.
WEAK_REFLECTION = frozenset(
    {
        SAYS_THEIR_WORDS.id,
        ABOUT_THEM.id,
        NAMES_THEIR_FEELING.id,
        CONTINUES_THEIR_SENTENCE.id,
        GLOSS.id,
        SUMS_UP.id,
    }
)
EVIDENCE = frozenset({YOU_STATEMENT.id, *WEAK_REFLECTION})
# Information that can lead up to an affirmation: the worker on themselves, or a plain fact
# ("They're at school every day. That's down to you.").
PLAIN_STATEMENTS = frozenset({WORKER_ON_THEMSELVES.id, CASE_STATEMENT.id, ANSWERS_QUESTION.id})
UNCUED_RANK = 3.5  # between giving_information (4) and affirm/autonomy (3)
UNCUED_IDS = frozenset({*WEAK_REFLECTION, CASE_STATEMENT.id, ANSWERS_QUESTION.id})
# Sentences whose subject is the worker or the service are the worker's input, not a reflection.
SELF_SUBJECTS = frozenset(
    {"i", "we", "i'm", "we're", "i'd", "we'd", "i'll", "we'll", "i've", "we've", "my", "our", "let"}
)


# Subjects that follow a wh-word directly in a clause rather than a question ("what you said").
SUBJECTS = frozenset({"i", "you", "we", "i'm", "you're", "we're", "you've", "you'd", "i've"})
# Words that follow a question word when subject and verb are inverted ("What do you…").
INVERTED = frozenset(
    [
        "do",
        "does",
        "did",
        "is",
        "are",
        "was",
        "were",
        "would",
        "could",
        "can",
        "will",
        "'s",
        "'re",
        "'d",
        "have",
        "has",
        "had",
        "might",
        "should",
        "shall",
        "may",
        "must",
        "else",
        "kind",
        "sort",
    ]
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One cue found in a sentence: its label, the reason, the words, and where it sits."""

    label: str
    cue: str
    words: str
    at_start: bool
    at_end: bool
    id: str = ""
    weight: float | None = None
    position: int = -1  # the first token's index in the sentence


@dataclass(slots=True)
class SentenceFacts:
    """What the rules need to know about a sentence, beyond its cues."""

    n_content: int  # words that are not punctuation
    n_substantive: int  # words that are neither punctuation nor fillers
    question_mark: bool  # ends with "?"
    only_backchannel: bool  # every word is a filler or a backchannel word
    first_word: str  # first substantive word, lower case ("" if none)
    second_word: str  # the word after it
    has_you: bool  # mentions "you"/"your"
    you_verb_start: bool  # starts "you <verb>" / "your <noun>"
    echo: str = ""  # the client's own words repeated here (when their last line is known)
    overlap: str = ""  # content words shared with their last line, in any form
    continues: bool = False  # starts mid-clause ("-and then…") or their line trailed off
    verbless: bool = False  # no verb of its own ("Ready meals, that sort of thing.")
    sums_up: bool = False  # opens with "so" ("So Dean moved out in March.")
    future: bool = False  # says what will happen ("will", "'ll")
    gerund_start: bool = False  # opens with what someone does ("Blaming her…", "Getting out…")
    conduct_start: bool = False  # opens with their conduct ("Your drinking…", "Your best…")
    client_invited: bool = False  # their last line asked for advice ("What would you do?")
    client_asked: bool = False  # their last line was a question ("Does it really work?")
    client_trails: bool = False  # their last line broke off ("I just-")
    # what their last line claimed: "" (unknown or a question), "positive", "negative",
    # "self_blame" ("It's all my fault"): a bare "No, it isn't." contradicts only a claim
    client_claim: str = ""
    has_me: bool = False  # the worker speaks of themselves ("I", "me", "my") somewhere


def _first(hits: dict[str, list[Hit]], label: str, start: bool | None = None) -> Hit | None:
    for hit in hits.get(label, ()):
        if start is None or hit.at_start == start:
            return hit
    return None


def _reason(hit: Hit) -> Cue:
    return Cue(hit.id, f"{hit.cue}: '{hit.words}'" if hit.words else hit.cue)


def _quoting(cue: Cue, words: str) -> Cue:
    return Cue(cue.id, f"{cue.text}: '{words}'")


def _reasons(hits: dict[str, list[Hit]], label: str, limit: int = 2) -> list[Cue]:
    """Up to ``limit`` reasons, each for different words (two cues naming the same words say
    one thing twice)."""
    out: list[Cue] = []
    cited: set[str] = set()
    for hit in hits.get(label, ()):
        if hit.words and hit.words in cited:
            continue
        cited.add(hit.words)
        reason = _reason(hit)
        if reason not in out:
            out.append(reason)
        if len(out) >= limit:
            break
    return out


def complexity(
    hits: dict[str, list[Hit]], facts: SentenceFacts, bonus: float = 0.0
) -> tuple[bool, list[Cue]]:
    """Complex (adds meaning) or simple (says back), with the reasons."""
    complex_hits = hits.get("complex", [])
    simple_hits = hits.get("simple", [])
    score = bonus
    reasons: list[Cue] = []
    seen: set[str] = set()
    for hit in complex_hits:
        if hit.words in seen:
            continue
        seen.add(hit.words)
        score += 1.0 if hit.weight is None else hit.weight
        if len(reasons) < 2:
            reasons.append(_reason(hit))
    score -= 0.8 * len({h.words for h in simple_hits})
    if facts.echo:
        score -= ECHO_WEIGHT
    # Longer reflections usually add something; very short ones rarely do.
    if facts.n_substantive >= 20:
        score += 1.0
        reasons.append(LONG_REFLECTION)
    elif facts.n_substantive <= 5:
        score -= 0.5
    if score >= COMPLEX_THRESHOLD:
        return True, reasons or [ADDS_MEANING]
    simple_reasons = _reasons(hits, "simple") or [SAYS_BACK]
    if facts.echo:
        simple_reasons = [_quoting(ECHO, facts.echo), *simple_reasons]
    return False, simple_reasons


def code_sentence(hits: dict[str, list[Hit]], facts: SentenceFacts) -> tuple[Code, list[Cue]]:
    """One sentence's code and the cues that decided it."""
    code, reasons = _code_sentence(hits, facts)
    check_in = _first(hits, "check_in")
    if check_in is not None and code in CHECK_IN_CODES:
        # Marked by the rule's own id, whichever pattern line found it (a trainer's too).
        reasons = [*reasons, Cue(CHECK_IN_ID, _reason(check_in).text)]
        for kind in (VIEW_OF_INFORMATION_ID, REACTION_ID, UPTAKE_ID, VIEW_OF_SAID.id):
            asked = next((h for h in hits["check_in"] if h.id == kind), None)
            if asked is not None:
                reasons.append(_reason(asked))
            said = next(
                (h for h in hits["check_in"] if h.id == kind and h.words.endswith(DEICTIC)), None
            )
            if kind == VIEW_OF_INFORMATION_ID and said is not None:
                # "…; what do you make of it?": the longest cue may not be the first found.
                reasons.append(_quoting(VIEW_OF_SAID, said.words))
    if facts.client_invited and (
        code == Code.PERSUADE
        or (
            code == Code.GIVING_INFORMATION
            and any(h.id in SHARED for h in (*reasons, *hits.get("information", ())))
        )
    ):
        # "What would you do?" - "Some parents find a calendar helps.": they asked for it.
        return Code.PERSUADE_WITH_PERMISSION, [*reasons, INVITED_ADVICE]
    return code, reasons


# Information that is advice when they have asked for it: what other parents found, what the
# worker would do in their place ("If I were you, I'd ring them first").
WOULD_DO_ID = "worker_would_do"
SHARED = frozenset({"shares_facts", WOULD_DO_ID})
IDEA_FITS_ID = "offers_as_choice"  # "It's up to you whether that fits": the idea before it


# A verdict or a benefit becomes a directive cue only when the sentence is about an action:
# "Blaming her isn't helping" judges what they did, "The bus isn't helping" does not.
ABOUT_AN_ACTION = {"judgement": "confront", "benefit": "persuade"}
# Determiners that open a sentence about a new option put to them ("A course would…", "Some
# time off would…"); "The morning routine would help if…" speaks of what is already there.
OPTION_OPENERS = frozenset({"a", "an", "some", "another"})


def _about_an_action(hits: dict[str, list[Hit]], facts: SentenceFacts) -> dict[str, list[Hit]]:
    if not any(label in hits for label in (*ABOUT_AN_ACTION, "strength")):
        return hits
    hits = dict(hits)
    for label, becomes in ABOUT_AN_ACTION.items():
        found = hits.pop(label, [])
        if label == "benefit" and facts.first_word in OPTION_OPENERS:
            # "A few sessions at the club would do him good": the sentence opens with an
            # option put to them, and says what it would do for them: advice.
            pass
        elif found and not (facts.gerund_start or facts.conduct_start):
            # "You left her alone in a filthy flat": a word of moral judgement in a plain
            # statement about what they did judges them, as "Leaving her…" would.
            found = [h for h in found if h.id == JUDGES_THEM_ID and _says_what_they_did(facts)]
        if found:
            hits[becomes] = [*hits.get(becomes, []), *found]
    strength = hits.pop("strength", [])
    if strength and (
        facts.gerund_start
        or facts.conduct_start
        or facts.has_you
        or facts.first_word in ACT_SUBJECTS
    ):
        hits["affirm"] = [*hits.get("affirm", []), *strength]
    return hits


def _without_choice_inside_advice(hits: dict[str, list[Hit]]) -> dict[str, list[Hit]]:
    """ "The best thing you could do is…": a "you could" inside the words of the advice is part
    of the advice, not an option left to them."""
    advice = hits.get("persuade", ())
    permission = hits.get("permission", ())
    if not (advice and permission):
        return hits
    spans = [(h.position, h.position + _n_tokens(h.words)) for h in advice if h.position >= 0]
    kept = [h for h in permission if not any(a <= h.position < b for a, b in spans)]
    if len(kept) == len(permission):
        return hits
    return _replaced(hits, "permission", kept)


def _replaced(hits: dict[str, list[Hit]], key: str, kept: list[Hit]) -> dict[str, list[Hit]]:
    """A copy of ``hits`` whose ``key`` holds only ``kept`` (gone when nothing is kept)."""
    hits = dict(hits)
    if kept:
        hits[key] = kept
    else:
        del hits[key]
    return hits


def _n_tokens(words: str) -> int:
    """How many tokens a hit's words were ("you'd" and "can't" are two each)."""
    return len(words.replace("n't", " n't").replace("'", " '").split())


def _says_what_they_did(facts: SentenceFacts) -> bool:
    """ "You left…", "Your kitchen was…": a statement about them, not their words or views
    reported ("You said it was selfish", "You think he's lazy")."""
    return facts.first_word in ("you", "your") and facts.second_word not in REPORTING_WORDS


def _sarcastic_tag(hits: dict[str, list[Hit]], facts: SentenceFacts) -> Hit | None:
    """ "So it's the school's fault, is it?": a positive statement with a positive tag doubts
    what they said (a negative one, "…, isn't it?", checks it; so does a tag after a
    negation, "So it's not working, is it?")."""
    if "negation" in hits or not facts.question_mark:
        return None
    tag = next((h for h in hits.get("tag_check", ()) if h.id == SAME_POLARITY_TAG_ID), None)
    if tag is None or _first(hits, "aux_question", start=True) or _first(hits, "wh_open", True):
        return None
    if facts.sums_up:
        return tag
    # "He tripped over the dog, did he?": a claim about someone or something else, doubted
    # back with the same polarity, mocks their account; about them ("You've been to the GP,
    # have you?") or about the time ("It's Tuesday, is it?") it only checks.
    third_party = tag.words.rsplit(" ", 1)[-1] in THIRD_PARTY_TAGS
    claim = facts.first_word not in NOT_THIRD_PARTY and not facts.continues
    return tag if third_party and claim else None


def _concedes_then_advises(hits: dict[str, list[Hit]], n_words: int) -> Hit | None:
    """The preface that leaves them free, when "but" and more follow it in the sentence."""
    contrast = next((h for h in hits.get("contrast", ()) if not h.at_end), None)
    if contrast is None or contrast.position + 2 >= n_words:
        return None  # "Nobody can make that choice but you.": no idea follows
    later_reflection = any(
        h.position > contrast.position
        for label in ("reflection_start", "reflection_any")
        for h in hits.get(label, ())
    )
    if later_reflection:
        return None  # "You don't have to say, but it sounds like…" reflects
    prefaces = [
        h
        for label in ("permission", "autonomy")
        for h in hits.get(label, ())
        if (label == "autonomy" or h.id in FREEING_PREFACES) and 0 <= h.position < contrast.position
    ]
    return min(prefaces, key=lambda h: h.position) if prefaces else None


def _first_warning(hits: dict[str, list[Hit]], start: bool | None = None) -> Hit | None:
    for hit in hits.get("persuade", ()):
        if hit.id == WARNS_IF_ID and (start is None or hit.at_start == start):
            return hit
    return None


def trivial_sentence(
    n_content: int, n_substantive: int, only_backchannel: bool
) -> tuple[Code, list[Cue]] | None:
    """Fillers only ("Um."), or a short acknowledgement ("Okay. Mm-hmm."): ``other`` whatever
    cues the sentence holds. The sentence coder asks this before it reads any cue (a third of
    AnnoMI's sentences); :func:`code_sentence` gives the same answer."""
    if n_substantive == 0:
        return Code.OTHER, [ONLY_FILLERS]
    if only_backchannel and n_content <= 6:
        return Code.OTHER, [ACKNOWLEDGEMENT]
    return None


def _without_ruled_out(hits: dict[str, list[Hit]]) -> dict[str, list[Hit]]:
    """Reassurance and reflections are not directive: a warning whose bad outcome is ruled out
    ("Being on a plan doesn't mean the children will be removed"), and blame or a judgement
    inside a reflective frame ("You're worried the kids see it all", "It sounds like you…")."""
    ruled_out = False
    denied: Hit | None = None
    for h in hits.get("information", ()):  # (most sentences hold no information cue)
        if h.id == RULES_OUT_ID:
            ruled_out = True
        elif h.id == DENIES_LABEL_ID and denied is None:
            denied = h
    framed = "reflection_start" in hits or "reflection_any" in hits
    if not (ruled_out or framed or denied):
        return hits
    hits = dict(hits)
    if denied is not None:
        # "I don't think you're a bad mum": the label they fear, denied.
        for label in ("confront", "judgement"):
            kept = [h for h in hits.get(label, ()) if h.position < denied.position]
            if kept:
                hits[label] = kept
            else:
                hits.pop(label, None)
    for label, drop in (
        ("persuade", WARNING_IDS if ruled_out else frozenset()),
        ("confront", FRAMED_CONFRONT_IDS if framed else frozenset()),
        ("judgement", FRAMED_CONFRONT_IDS if framed else frozenset()),
    ):
        if label in hits and drop:
            kept = [h for h in hits[label] if h.id not in drop]
            if kept:
                hits[label] = kept
            else:
                del hits[label]
    return hits


def _heard_contradictions(hits: dict[str, list[Hit]], facts: SentenceFacts) -> dict[str, list[Hit]]:
    """ "No, it isn't." after "It's normal with dogs", "Yes, you do." after "I don't drink in
    front of them": a bare yes or no that is the whole sentence contradicts the claim they just
    made when it turns its polarity round. Agreeing ("No, it isn't." after "It isn't fair"),
    answering their question, or reassuring them against their own blame ("No, you're not." after
    "I'm a useless mum") is not a contradiction."""
    found = [h for h in hits.get("confront", ()) if h.id == CONTRADICTS_ID]
    if not found:
        return hits
    kept = [h for h in hits["confront"] if h.id != CONTRADICTS_ID]
    for hit in found:
        worker_denies = "n't" in hit.words or " not" in hit.words
        claim = facts.client_claim
        turned = (worker_denies and claim == "positive") or (
            not worker_denies and claim == "negative"
        )
        if hit.at_start and hit.at_end and turned:
            kept.append(hit)
    return _replaced(hits, "confront", kept)


def _without_summed_up_needs(
    hits: dict[str, list[Hit]], facts: SentenceFacts
) -> dict[str, list[Hit]]:
    """ "So he has to go to his dad's on Fridays": what the child has to do, drawn together from
    what they said, is a reflection of their situation, not advice."""
    if not facts.sums_up or not any(h.id == CHILD_NEEDS_ID for h in hits.get("persuade", ())):
        return hits
    return _replaced(hits, "persuade", [h for h in hits["persuade"] if h.id != CHILD_NEEDS_ID])


def _code_sentence(hits: dict[str, list[Hit]], facts: SentenceFacts) -> tuple[Code, list[Cue]]:
    hits = _without_summed_up_needs(_heard_contradictions(hits, facts), facts)
    hits = _about_an_action(_without_ruled_out(hits), facts)
    sincere = not facts.overlap or facts.has_you
    if sincere and any(h.id == SARCASTIC_ECHO_ID for h in hits.get("confront", ())):
        # "Oh yeah, she knows exactly what she's doing." mocks their claim in their own words;
        # "Oh right, the school run" (not their words) is a reaction, and "Oh yeah, that was a
        # hard week for you" (about them) says it back.
        hits = _replaced(
            hits, "confront", [h for h in hits["confront"] if h.id != SARCASTIC_ECHO_ID]
        )
    trivial = trivial_sentence(facts.n_content, facts.n_substantive, facts.only_backchannel)
    if trivial is not None:
        return trivial
    sarcastic = _sarcastic_tag(hits, facts)
    if sarcastic is not None:
        # "So you're the victim here, are you?": the tag mocks what they said.
        return Code.CONFRONT, [_quoting(SARCASTIC_TAG, sarcastic.words)]

    repair = next((h for h in hits.get("other", ()) if h.id == REPAIR_ID), None)
    if repair is not None and not facts.question_mark:
        # "I'm sorry, I came in far too strong": repair of the relationship, its own kind of
        # other (the simulation answers it as repair), however long the apology runs.
        return Code.OTHER, [_reason(repair)]
    outranking = [h for h in hits.get("confront", ()) if h.id in CONFRONT_OUTRANKS_QUESTION]
    if outranking:
        # "Don't you think the kids deserve better?", "That's far too much.": confront outranks
        # the question form and any reflective opening.
        return Code.CONFRONT, [_reason(outranking[0])]
    others = [h for h in hits.get("other", ()) if h.at_start]
    # Small talk and structuring may run longer than a greeting ("Sorry I'm late, the bus…").
    social = [h for h in others if h.id in SOCIAL_IDS]
    # The whole sentence when one such cue spans it ("Right, shall we make a start?").
    greeting = next((h for h in social if h.at_end), social[0] if social else None)
    if greeting is None and others:
        greeting = others[0]
    if _first(hits, "affirm", start=True) is not None:
        greeting = None  # "Thank you for being so honest…" thanks them for a strength
    # "Hello?", "You know what?": with a rising end, only when it is the whole sentence.
    short_greeting = greeting is not None and (
        facts.n_substantive <= 10 or (greeting.id in SOCIAL_IDS and facts.n_substantive <= 16)
    )
    if short_greeting and (
        not facts.question_mark or greeting.at_end or greeting.id in RISING_SOCIAL_IDS
    ):
        return Code.OTHER, [_reason(greeting)]
    introduction = next((h for h in hits.get("other", ()) if h.id == INTRODUCTION_ID), None)
    if (
        introduction is not None
        and (introduction.at_start or (greeting is not None and greeting.position == 0))
        and facts.n_substantive <= INTRODUCTION_WORDS
        and not facts.question_mark
    ):
        return Code.OTHER, [_reason(introduction)]

    if any(h.id == INFERRED_STATE_ID for h in hits.get("reflection_start", ())):
        # "You must be so tired.": a guess at how they are, not "you must" as an order.
        hits = {**hits, "persuade": [h for h in hits.get("persuade", ()) if h.words != "you must"]}
        if not hits["persuade"]:
            del hits["persuade"]
    hits = _without_choice_inside_advice(hits)
    offered = _reasons(hits, "permission") + _reasons(hits, "autonomy")
    affirm_first = _first(hits, "affirm", start=True)
    if affirm_first is not None and not facts.question_mark:
        return Code.AFFIRM, [_reason(affirm_first)]
    advice_first = _first(hits, "persuade", start=True)
    # A judgement stays a judgement with a tag on the end ("That isn't working, is it?").
    rhetorical = facts.question_mark and _first(hits, "tag_check") is not None
    if "confront" in hits and (rhetorical or not facts.question_mark):
        return Code.CONFRONT, _reasons(hits, "confront")
    if advice_first is not None:
        if not offered and facts.question_mark:
            # "I wonder whether a call might help; what do you reckon?": the check-in after the
            # idea hands the choice back, as it does from a sentence of its own.
            offered = [
                _reason(h) for h in hits.get("check_in", ()) if h.position > advice_first.position
            ][:1]
        if offered:
            return Code.PERSUADE_WITH_PERMISSION, [_reason(advice_first), *offered[:1]]
        if _first_warning(hits, start=True) is not None:
            # "If you don't engage, this goes to court." ("You must tell the GP, they can't
            # help if you don't" is advice with its reason.)
            return Code.CONFRONT, [_reason(_first_warning(hits) or advice_first), WARNING]
        return Code.PERSUADE, [_reason(advice_first)]

    preface = next((h for h in hits.get("permission", ()) if h.id in PREFACE_IDS), None)
    # "Just a thought, but could your aunt do the school run?": a suggestion in question form
    # (a wh-question after the preface asks for their ideas instead).
    wh_start = _first(hits, "wh_open", start=True) is not None
    advice = [h for h in hits.get("persuade", ()) if h.id not in WARNING_IDS]
    announced = preface is not None and preface.id != HEDGED_ID and not wh_start
    if preface is not None and (advice or announced):
        # "Feel free to ignore this, but a drink diary might show you the pattern.", "One idea,
        # and you can tell me it's rubbish: a bedtime chart.": advice offered to take or leave
        # ("I could be wrong, but it sounds like…" without advice is still a reflection).
        return Code.PERSUADE_WITH_PERMISSION, [_reason(preface), *(_reason(h) for h in advice[:1])]
    if offered and advice and not facts.question_mark:
        # "It's your call, of course, but having your mum there might help.": the choice and
        # the advice in one breath.
        return Code.PERSUADE_WITH_PERMISSION, [_reason(advice[0]), offered[0]]
    conceded = _concedes_then_advises(hits, facts.n_content)
    if conceded is not None:
        # "Only you know if it'd fit, but an easy-read plan might help.", "There's no pressure,
        # but a family group conference…": the choice first, then the idea (MITI: advice with
        # an emphasis on choice is persuade with permission).
        return Code.PERSUADE_WITH_PERMISSION, [_reason(conceded), CONCEDES_THEN_ADVISES]

    wh_open = _first(hits, "wh_open", start=True)
    wh_closed = _first(hits, "wh_closed", start=True)
    wh_clause = False  # opens with a wh-clause as its subject ("What you're going through…")
    if (
        not facts.question_mark
        and facts.second_word not in INVERTED
        and not any(h.id == HOW_MANY_FACT_ID and h.at_start for h in hits.get("wh_closed", ()))
    ):
        # Without a "?", a wh-word opens a question only when the verb comes next ("What do
        # you…", "How's…"); otherwise it opens a clause ("What I'm hearing is…", "When you go
        # out, you…"). "how many of the kids are…" asks a number all the same (typed fast).
        wh_open = wh_closed = None
    elif facts.second_word in SUBJECTS and facts.first_word in ("what", "how", "why"):
        # "What you're saying is…", "What I'm hearing is…": a clause, not a question word.
        wh_open = wh_closed = None
        wh_clause = True
    elif (
        wh_open is not None
        and facts.first_word in ("when", "where", "if")
        and (facts.second_word not in INVERTED)
    ):
        # "When you're out with friends, is there…?": a time clause, not the question word.
        wh_open = None
    aux = _first(hits, "aux_question", start=True)
    open_request = _first(hits, "open_request")
    if (
        open_request is not None
        and "affirm" in hits
        and not (open_request.at_start or facts.question_mark)
    ):
        open_request = None  # "It took guts to tell me that.": praise, not an invitation
    if (
        open_request is not None
        and not (open_request.at_start or facts.question_mark)
        and facts.first_word in ("you", "your")
    ):
        # "You're scared that if you tell us the truth…", "You choose how much you tell me":
        # a statement about them that mentions telling, not an invitation.
        open_request = None
    closed_request = _first(hits, "closed_request")
    if closed_request is not None and not facts.question_mark and "collaboration" not in hits:
        # "I'm wondering if it's…" without a rising end is a musing, not a question; "I wonder
        # if we could…" still asks permission.
        closed_request = None
    question_form = bool(wh_open or wh_closed or aux or open_request or closed_request)

    if "confront" in hits and not question_form:
        return Code.CONFRONT, _reasons(hits, "confront")
    lever = next((h for h in hits.get("persuade", ()) if h.id == LEVER_ID), None)
    if lever is not None and not facts.question_mark:
        # "So you're shouting at each other, which is why you need to stop…": what they said,
        # said back only as the reason for the worker's advice, is advice (MITI: persuade).
        if offered:
            return Code.PERSUADE_WITH_PERMISSION, [_reason(lever), offered[0]]
        return Code.PERSUADE, [_reason(lever)]

    collaboration = _first(hits, "collaboration")
    if collaboration is not None and (question_form or facts.question_mark):
        # "Shall we think about what would help you?": a help named inside the question is
        # not advice.
        advised = [h for h in hits.get("persuade", ()) if h.id != SUGGESTS_ID]
        if advised:
            return Code.PERSUADE_WITH_PERMISSION, [_reason(advised[0]), _reason(collaboration)]
        invitation = wh_open if wh_open is not None else open_request
        sharing = next(
            (h for h in hits["collaboration"] if h.id in (SHARES_POWER_ID, OFFERS_IDEAS_ID)), None
        )
        if invitation is not None and (
            sharing is None or (open_request is not None and sharing.id == SHARES_POWER_ID)
        ):
            # "Would you like to tell me about…?", "Why don't we start by you telling me about
            # yourself?" ask for their story in their own words: an open question that seeks
            # collaboration (MITI codes both).
            return Code.QUESTION_OPEN, [_reason(invitation), _reason(collaboration)]
        # "What do you think we should prioritise?", "Is it OK if I…?": sharing the decision
        # (the agenda, their view first) is the behaviour, whatever the question form.
        return Code.SEEKING_COLLABORATION, [_reason(sharing or collaboration)]

    scale = _first(hits, "scale_question")
    if scale is not None and (facts.question_mark or question_form):
        return Code.QUESTION_CLOSED, [_reason(scale)]

    if facts.question_mark or question_form:
        if wh_closed is not None:
            return Code.QUESTION_CLOSED, [_reason(wh_closed)]
        if wh_open is not None:
            # "Why don't you tell me…": the wh-word, and the invitation it carries.
            also = [_reason(open_request)] if open_request is not None else []
            return Code.QUESTION_OPEN, [_reason(wh_open), *also]
        if (
            closed_request is not None
            and open_request is not None
            and open_request.words in closed_request.words
        ):
            # "Tell me if it hurts": the invitation is only to say whether.
            return Code.QUESTION_CLOSED, [_reason(closed_request)]
        if open_request is not None:
            return Code.QUESTION_OPEN, [_reason(open_request)]
        wh_inside = _first(hits, "wh_inside")
        if wh_inside is not None and facts.question_mark:
            return Code.QUESTION_OPEN, [_reason(wh_inside)]
        if aux is not None:
            return Code.QUESTION_CLOSED, [_reason(aux)]
        if closed_request is not None:
            return Code.QUESTION_CLOSED, [_reason(closed_request)]
        # Statement form with a rising end: a reflection offered for checking, unless it is
        # only a word or two ("Friends?").
        reflective = _first(hits, "reflection_start", start=True)
        long_statement = facts.n_substantive >= LONG_RISING and (
            facts.you_verb_start or facts.first_word in ("it", "it's", "that", "that's", "this")
        )
        # "What you're going through sounds hard?": a wh-clause about them is the subject of a
        # statement, not a question word; with a rising end it is offered for checking.
        about_them = wh_clause and facts.has_you
        if (reflective is not None and facts.n_substantive >= 3) or long_statement or about_them:
            # Offered for checking ("So you stopped at the weekend?"): the worker is testing a
            # guess against their words, which leans towards saying back.
            is_complex, reasons = complexity(hits, facts, RISING_BONUS)
            code = Code.REFLECTION_COMPLEX if is_complex else Code.REFLECTION_SIMPLE
            return code, [RISING_STATEMENT, *reasons]
        return Code.QUESTION_CLOSED, [QUESTION_MARK]

    if "autonomy" in hits:
        # "It's up to you whether that fits.": the choice of an idea put just before it
        # (kept as a cue, so the turn can hear the idea as advice with permission).
        fits = [r for r in _reasons(hits, "permission") if r.id == IDEA_FITS_ID]
        return Code.EMPHASIZING_AUTONOMY, [*_reasons(hits, "autonomy"), *fits[:1]]

    if collaboration is not None:
        # "Let's work this out together", "We could go through them together if you like":
        # the work shared, or the option put as theirs to take up, is an invitation; "We can
        # work together on that" only puts an option forward.
        shared = any(h.id == SHARES_POWER_ID for h in hits["collaboration"]) and (
            bool(offered) or collaboration.words.startswith("let's")
        )
        if collaboration.words.startswith(("we can", "we could", "let's")) and not shared:
            # "We could talk about that next time": an option put forward, not a question.
            return Code.GIVING_INFORMATION, [_quoting(OPTION, collaboration.words)]
        sharing = next((h for h in hits["collaboration"] if h.id == SHARES_POWER_ID), None)
        return Code.SEEKING_COLLABORATION, [_reason(sharing or collaboration)]

    if "affirm" in hits:
        return Code.AFFIRM, _reasons(hits, "affirm")

    reflective_start = _first(hits, "reflection_start", start=True)
    warning = next((h for h in hits.get("persuade", ()) if h.id in WARNING_IDS), None)
    if warning is not None and reflective_start is None and "reflection_any" not in hits:
        # "You'll lose the children if…": a warning, even though it starts with "you"; MITI
        # codes a warning of consequences as confront ("It's not safe" only argues: persuade).
        if _first_warning(hits):
            return Code.CONFRONT, [_reason(_first_warning(hits) or warning), WARNING]
        return Code.PERSUADE, [_reason(warning)]
    # "Your mum would feel better if you let her help": advice about someone of theirs, even
    # though it opens with "your".
    better_if = facts.first_word == "your" and any(
        h.id == BETTER_IF_ID for h in hits.get("persuade", ())
    )
    if "persuade" in hits and reflective_start is None and (not facts.you_verb_start or better_if):
        if offered:
            return Code.PERSUADE_WITH_PERMISSION, [_reason(hits["persuade"][0]), offered[0]]
        return Code.PERSUADE, _reasons(hits, "persuade")

    case_info = next(
        (h for h in hits.get("information", ()) if h.id in CASE_INFORMATION_IDS and h.at_start),
        None,
    )
    if case_info is not None and reflective_start is None and "reflection_any" not in hits:
        # "Your housing officer says the flat is yours until June.": case information, even
        # though it opens with "your".
        return Code.GIVING_INFORMATION, [
            ANSWERS_QUESTION if facts.client_asked else _reason(case_info)
        ]
    if reflective_start is not None or facts.you_verb_start or "reflection_any" in hits:
        lead_hit = reflective_start or _first(hits, "reflection_any")
        if lead_hit is None and facts.client_asked:
            # "Will they take the kids?" - "You'll get a letter first.": an answer.
            return Code.GIVING_INFORMATION, [ANSWERS_QUESTION]
        lead = _reason(lead_hit) if lead_hit else YOU_STATEMENT
        # "You care about them." states something about the person in the worker's words,
        # rather than handing back theirs ("So you…", "You said…").
        bonus = YOU_STATEMENT_BONUS if lead_hit is None else 0.0
        if lead_hit is not None and lead_hit.id == INFERRED_STATE_ID:
            bonus = 1.0  # "You must be exhausted": a guess at the unsaid is complex
        is_complex, reasons = complexity(hits, facts, bonus)
        code = Code.REFLECTION_COMPLEX if is_complex else Code.REFLECTION_SIMPLE
        return code, [lead, *reasons]

    if "information" in hits:
        if facts.echo and facts.n_substantive <= ECHO_MAX_WORDS:
            # "Three cans on Saturday." after "I had three cans on Saturday": their own facts
            # said back are a simple reflection, not information.
            return Code.REFLECTION_SIMPLE, [_quoting(ECHO, facts.echo)]
        return Code.GIVING_INFORMATION, _reasons(hits, "information")

    if facts.n_substantive <= 3:
        if facts.echo:
            return Code.REFLECTION_SIMPLE, [_quoting(ECHO, facts.echo)]
        short = _short_reflection(hits, facts)
        if short is not None:
            # "Discouraged." after "I'm just, I guess-": a word or two that finishes their
            # sentence, names how it is for them or takes up their words. Naming a feeling
            # they have not named themselves adds it: a complex reflection.
            if short.id == NAMES_THEIR_FEELING.id and any(
                h.id in FEELING_IDS for h in hits.get("complex", ())
            ):
                return Code.REFLECTION_COMPLEX, [short]
            return Code.REFLECTION_SIMPLE, [short]
        return Code.OTHER, [SHORT_REMARK]
    if facts.first_word in SELF_SUBJECTS and facts.n_substantive <= 4:
        return Code.OTHER, [BRIEF_SELF_REMARK]
    if facts.first_word in SELF_SUBJECTS:
        return Code.GIVING_INFORMATION, [_quoting(WORKER_ON_THEMSELVES, facts.first_word)]
    if facts.has_me and not facts.has_you:
        return Code.GIVING_INFORMATION, [WORKER_VIEW]
    # A statement with no other cue is a reflection only with evidence that it says back or
    # builds on what they said; otherwise it tells them something (MITI: never assume a
    # reflection). Either ranks below any cued sentence when choosing the main code.
    if facts.client_asked:
        # "Does it really work?" - "It does really work.": an answer is information.
        return Code.GIVING_INFORMATION, [ANSWERS_QUESTION]
    evidence = _reflection_evidence(hits, facts)
    if evidence is None:
        return Code.GIVING_INFORMATION, [CASE_STATEMENT]
    is_complex, reasons = complexity(hits, facts)
    code = Code.REFLECTION_COMPLEX if is_complex else Code.REFLECTION_SIMPLE
    return code, [evidence, *reasons]


def _short_reflection(hits: dict[str, list[Hit]], facts: SentenceFacts) -> Cue | None:
    if facts.only_backchannel or facts.client_asked:
        return None
    if facts.overlap:
        return _quoting(SAYS_THEIR_WORDS, facts.overlap)
    feeling = next((h for h in hits.get("complex", ()) if h.id in EXPERIENCE_IDS), None)
    if feeling is not None:
        return _quoting(NAMES_THEIR_FEELING, feeling.words)
    if facts.continues and facts.client_trails:
        return CONTINUES_THEIR_SENTENCE
    return None


def _reflection_evidence(hits: dict[str, list[Hit]], facts: SentenceFacts) -> Cue | None:
    """Why a statement with no reflective frame still reflects, or None."""
    if facts.overlap:
        return _quoting(SAYS_THEIR_WORDS, facts.overlap)
    if facts.has_you and not facts.future:
        # "Every contact matters to you." ("The audit will look at your cases" tells them
        # what will happen: information.)
        return ABOUT_THEM
    feeling = next((h for h in hits.get("complex", ()) if h.id in EXPERIENCE_IDS), None)
    if feeling is not None:
        return _quoting(NAMES_THEIR_FEELING, feeling.words)
    if facts.sums_up:
        return SUMS_UP
    if facts.continues:
        return CONTINUES_THEIR_SENTENCE
    if facts.verbless:
        return GLOSS
    return None


ECHO_MAX_WORDS = 8  # a short echo of their facts is a reflection even with a number in it
LONG_RISING = 11  # a statement this long that rises at the end is a reflection offered for checking
YOU_STATEMENT_BONUS = 0.5
RISING_BONUS = -0.5
ECHO_WEIGHT = 1.0  # saying back the client's own words is the mark of a simple reflection
SUMMARY_WORDS = 30  # a reflecting turn this long gathers several things: a summary


def turn_reflection(codes: Sequence[Code], n_words: int) -> Code:
    """A reflecting turn is complex when any of its reflections is, or when it is long enough to
    be a summary (bringing several things together adds meaning)."""
    if Code.REFLECTION_COMPLEX in codes or n_words >= SUMMARY_WORDS:
        return Code.REFLECTION_COMPLEX
    return Code.REFLECTION_SIMPLE


def main_code(
    codes: Sequence[Code], cues: Sequence[Sequence[Cue]] | None = None
) -> tuple[Code, int | None]:
    """The turn's main code and the index of the sentence that decided it."""
    best: int | None = None
    best_rank: float = -1
    for index, code in enumerate(codes):
        rank: float = MAIN_CODE_RANK[code]
        if cues is not None and cues[index] and cues[index][0].id in UNCUED_IDS:
            rank = UNCUED_RANK
        if rank >= best_rank:
            best, best_rank = index, rank
    if best is None:
        return Code.OTHER, None
    evidenced = _led_up_to(codes, cues)
    if evidenced is not None:
        return codes[evidenced], evidenced
    offer = _offers_ideas(codes, cues)
    if offer is not None and codes[best] != Code.PERSUADE:
        # "Would you like some ideas? Some mums write the routine on the fridge.": the ideas
        # they said yes to hearing are advice with permission.
        return Code.PERSUADE_WITH_PERMISSION, offer
    if (
        cues is not None
        and codes[best] in CHECK_IN_CODES
        and any(c.id == CHECK_IN_ID for c in cues[best])
    ):
        asked = {c.id for c in cues[best]}
        provided = [i for i in range(best) if codes[i] in PROVIDED]
        if provided:
            first_advice = next((i for i in provided if codes[i] != Code.GIVING_INFORMATION), None)
            if first_advice is not None:
                return Code.PERSUADE_WITH_PERMISSION, first_advice
            if UPTAKE_ID in asked:
                # "Some women keep a bag at a friend's. Is that something you'd want to think
                # about?": what was told is an idea put to them to take up or leave.
                return Code.PERSUADE_WITH_PERMISSION, provided[-1]
            if VIEW_OF_INFORMATION_ID in asked:
                # "The school says he's been late eleven times. What do you make of that?":
                # asking their view of what was just told them shares the judgement.
                return Code.SEEKING_COLLABORATION, best
            return Code.GIVING_INFORMATION, provided[-1]
        proposed = any(codes[i] == Code.SEEKING_COLLABORATION for i in range(best))
        reflected = any(
            codes[i] in REFLECTIONS and cues[i] and cues[i][0].id not in EVIDENCE
            for i in range(best)
        )
        if proposed or (asked & {REACTION_ID, VIEW_OF_SAID.id} and not reflected):
            # "Shall we start with what's going well? What do you reckon?", "How does that
            # sound?", "How does that fit with how you remember it?": their view of what the
            # worker just proposed or set out (not a reflection being checked).
            return Code.SEEKING_COLLABORATION, best
    if (
        codes[best] == Code.PERSUADE
        and any(CHECK_IN_ID in {c.id for c in cues[i]} for i in range(best + 1, len(codes)))
        if cues is not None
        else False
    ):
        # "Some people in your shoes cut down bit by bit. Does that sound like something you'd
        # want to try?": the check-in hands the choice back.
        return Code.PERSUADE_WITH_PERMISSION, best
    # Advice in a turn that also asks permission or hands over the choice is advice with
    # permission ("Some parents find a sitter helps. Would that fit for you?").
    advice = next((i for i, c in enumerate(codes) if c in ADVICE), None)
    if advice is None and cues is not None and Code.EMPHASIZING_AUTONOMY in codes:
        # "I'd delete that account. But it's your choice.": what the worker would do, with the
        # choice handed back, is advice with permission.
        handed = [cues[i] for i, c in enumerate(codes) if c == Code.EMPHASIZING_AUTONOMY]
        advice = next(
            (
                i
                for i, c in enumerate(codes)
                if c == Code.GIVING_INFORMATION
                and (
                    any(r.id == WOULD_DO_ID for r in cues[i])
                    or any(_idea_left_to_them(cues[i], h) for h in handed)
                )
            ),
            None,
        )
        if advice is not None:
            return Code.PERSUADE_WITH_PERMISSION, advice
    if (
        codes[best] in (Code.PERSUADE, Code.SEEKING_COLLABORATION)
        and advice is not None
        and (
            Code.SEEKING_COLLABORATION in codes
            or Code.EMPHASIZING_AUTONOMY in codes
            or Code.PERSUADE_WITH_PERMISSION in codes
        )
    ):
        # "Would you like some ideas? You could ask your sister…": the advice, with permission
        # ("Some people walk it off. You could try it and see.": the choice in the turn).
        return Code.PERSUADE_WITH_PERMISSION, advice
    return codes[best], best


def _offers_ideas(codes: Sequence[Code], cues: Sequence[Sequence[Cue]] | None) -> int | None:
    """The first idea given after an offer of ideas in the same turn, or None."""
    if cues is None:
        return None
    offered = False
    for index, (code, why) in enumerate(zip(codes, cues, strict=False)):
        if offered and (code in PROVIDED or (why and why[0].id in UNCUED_IDS)):
            return index
        offered = offered or (
            code == Code.SEEKING_COLLABORATION and any(c.id == OFFERS_IDEAS_ID for c in why)
        )
    return None


def _idea_left_to_them(told: Sequence[Cue], handed: Sequence[Cue]) -> bool:
    """What others like them did, then "it's up to you whether that fits": an idea offered."""
    return any(c.id in SHARED for c in told) and any(c.id == IDEA_FITS_ID for c in handed)


def _led_up_to(codes: Sequence[Code], cues: Sequence[Sequence[Cue]] | None) -> int | None:
    """ "You've been at every contact. That takes real commitment.": the plain statements about
    the person are the evidence for the affirmation (or for "It's your family. You decide."),
    so the turn is coded by what they lead to. A turn that also reflects ("So you…", "It
    sounds like…"), asks or advises is coded by that instead."""
    if cues is None:
        return None
    lead = next((i for i, c in enumerate(codes) if c in EVIDENCED), None)
    if lead is None:
        return None
    for code, why in zip(codes, cues, strict=False):
        if code in EVIDENCED or code == Code.OTHER:
            continue
        if code in REFLECTIONS and why and why[0].id in EVIDENCE:
            continue
        if any(c.id == WOULD_DO_ID for c in why):
            return None  # "I'd ring them first. It's your call.": advice, handed back
        if code == Code.GIVING_INFORMATION and why and why[0].id in PLAIN_STATEMENTS:
            continue
        if code == Code.GIVING_INFORMATION and codes[lead] == Code.EMPHASIZING_AUTONOMY:
            if _idea_left_to_them(why, cues[lead]):
                return None  # "Some dads hand their card over. Up to you whether that fits."
            continue  # "Some people cut down, some stop. You're the one who chooses."
        return None
    return lead
