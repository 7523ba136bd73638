"""The coder's rules for directive statements, affirmations, advice with permission, sharing
power and one-fact questions, each as a table of social-work lines (our own wording) with the
client's previous line where it matters, the code MITI 4.2.1 gives and the cue id that decides.
Every row fails without the rule or the pattern line it names."""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


CO = Code.CONFRONT
PE = Code.PERSUADE
PP = Code.PERSUADE_WITH_PERMISSION
AF = Code.AFFIRM
EA = Code.EMPHASIZING_AUTONOMY
SC = Code.SEEKING_COLLABORATION
QC = Code.QUESTION_CLOSED
QO = Code.QUESTION_OPEN
GI = Code.GIVING_INFORMATION
SR = Code.REFLECTION_SIMPLE
OT = Code.OTHER

# (client's last line or None, the worker's line, the code, a cue id among the turn's reasons)
TABLE = [
    # --- confront in its forms; it outranks a question form and a reflective opening
    (None, "A decent dad would have stayed sober for contact.", CO, "moralises"),
    (None, "Good parents put their children first, every time.", CO, "moralises"),
    ("I only had two glasses.", "Two glasses. Same as last time, then.", CO, "sarcasm"),
    ("It's all the school's fault.", "So it's everyone's fault but yours.", CO, "sarcasm"),
    (None, "Oh, of course you did.", CO, "sarcasm"),
    ("He's never laid a finger on them.", "I don't believe that for a minute.", CO, "disagrees"),
    (None, "Let's be honest, the drinking is the whole problem.", CO, "disagrees"),
    (None, "Don't you see what this is doing to Kayla?", CO, "rhetorical_question"),
    (
        "He shouts, but he's never hit her.",
        "And you think that's alright?",
        CO,
        "rhetorical_question",
    ),
    (None, "If it happens again, we'll have no choice.", CO, "threatens"),
    (None, "You bring him back to the flat and that's it, end of story.", CO, "threatens"),
    (None, "You're far too trusting with him.", CO, "labels_too"),
    (None, "Your drinking isn't helping anyone.", CO, "judges_action"),
    (None, "Your parenting was a complete shambles.", CO, "labels_action"),
    (None, "That's totally unacceptable.", CO, "labels_that_is"),
    # a warning of consequences is confront (MITI); an argument is persuade
    (None, "If you miss another appointment, this goes to court.", CO, "warns_if"),
    (None, "Carry on like this and you'll lose your tenancy.", CO, "warns_if"),
    (None, "You must ring the GP, they can't help if you don't.", PE, "you_should"),
    # --- persuade: advice without permission, in its softer forms too
    (None, "You really ought to change the locks.", PE, "you_should"),
    (None, "It's best to tell the social worker yourself.", PE, "you_should"),
    (None, "I'd phone the housing officer first thing.", PE, "worker_would_do"),
    (None, "Going to the parenting group would show the panel you mean it.", PE, "suggests_option"),
    (
        None,
        "Mornings are easier with a plan, so make a list the night before.",
        PE,
        "instruction_after_so",
    ),
    (None, "Stick with the detox programme.", PE, "instruction_start"),
    # --- affirm: a "you" statement prizing a strength or effort, however it starts
    (None, "You've made sure Tia has breakfast every single day.", AF, "prizes_quality"),
    (None, "Even on the worst days you got them to school.", AF, "prizes_quality"),
    (None, "The way you calmed him down just then was so gentle.", AF, "prizes_quality"),
    (
        None,
        "Writing to Jake every week shows how much you're putting into this.",
        AF,
        "prizes_quality",
    ),
    (None, "I can see how hard you've worked on the flat.", AF, "prizes_quality"),
    # --- emphasizing autonomy
    (None, "Nobody is going to force you to go to the refuge.", EA, "choice_is_theirs"),
    (None, "You're the one who gets to choose who comes to the meeting.", EA, "choice_is_theirs"),
    (
        None,
        "It's down to you whether your brother comes to the conference.",
        EA,
        "choice_is_theirs",
    ),
    (
        None,
        "Some carers tell the school and some don't. You're the one who decides.",
        EA,
        "choice_is_theirs",
    ),
    # --- persuade with permission: a preface to take or leave it, choice with the advice,
    #     or advice they asked for
    (
        None,
        "Feel free to ignore me, but a sleep diary might help you spot the pattern.",
        PP,
        "advice_preface",
    ),
    (
        None,
        "Just a thought, and tell me if this doesn't fit: a weekly call with Nan.",
        PP,
        "announces_idea",
    ),
    (None, "This is just a thought, but could your aunt do the school run?", PP, "announces_idea"),
    (
        None,
        "It's your call, but having a friend at the review might help you.",
        PP,
        "suggests_option",
    ),
    (
        "What would you do if you were me?",
        "I'd ring the school and ask for a meeting.",
        PP,
        "invited_advice",
    ),
    ("Any ideas? I'm stuck.", "Maybe try the homework club after school.", PP, "invited_advice"),
    (
        None,
        "People in your situation often cut down slowly. Does that sound like something you'd try?",
        PP,
        "suggests_option",
    ),
    # --- seeking collaboration: permission, their view first, their view of information
    (None, "Would you be happy for me to talk to the health visitor?", SC, "asks_permission"),
    (None, "Is it alright with you if I write a few things down?", SC, "asks_permission"),
    (None, "I have my own view, but I'd like to hear yours first.", SC, "shares_power"),
    (None, "What do you think we should focus on before the review?", SC, "shares_power"),
    (None, "How would you like the next visit to go?", SC, "shares_power"),
    (
        None,
        "The police report says you were shouting. Does that match how you remember it?",
        SC,
        "asks_view_of_information",
    ),
    (
        None,
        "Nursery says she's missed nine sessions. What do you make of that?",
        SC,
        "asks_view_of_information",
    ),
    # --- one-fact wh-questions are closed; a risk question stays closed
    (None, "Where was Jayden when the police came?", QC, "where_one_fact"),
    (None, "Where's Connor staying at the moment?", QC, "where_one_fact"),
    (None, "What's the school nurse's name?", QC, "what_named_fact"),
    (None, "Have you had any thoughts of ending your life?", QC, "aux_before_subject"),
    (None, "Any thoughts?", QO, "anything_else"),
    # --- other: small talk, structuring, repair however it starts
    (None, "Sorry I'm late, the bus from the estate didn't turn up at all.", OT, "small_talk"),
    (None, "Aw, look at her, she's walking now!", OT, "small_talk"),
    (None, "Right, we've got about fifteen minutes left.", OT, "structuring"),
    (None, "Let me start by saying what today is for.", OT, "structuring"),
    (
        "You wrote that I was aggressive. I wasn't.",
        "You're right, I got that wrong, and I'm sorry.",
        OT,
        "repair_apology",
    ),
    # --- their own facts said back are a reflection; what will happen is information
    ("I had four cans on Friday.", "Four cans on Friday.", SR, "echoes_client"),
    (None, "Kelly will sort your bus pass out.", GI, "case_statement"),
    # --- session 6: affirmations that prize an effort, however they start
    (
        "I take them to the dentist every six months.",
        "That's you looking after their teeth without anyone having to ask.",
        AF,
        "prizes_that_is_you",
    ),
    (
        "I went to the school meeting.",
        "You showed up for Tyler when it counted.",
        AF,
        "prizes_effort",
    ),
    (
        "I keep ringing housing.",
        "You've never stopped pushing for a better flat for them.",
        AF,
        "prizes_effort",
    ),
    (
        "I know it was me who started it.",
        "You're owning your part in the argument, and that isn't easy.",
        AF,
        "prizes_effort",
    ),
    (
        "I told the police what happened.",
        "Plenty of people wouldn't have picked up the phone.",
        AF,
        "prizes_effort",
    ),
    (
        "I got them out before he came home.",
        "You put the children's safety first that night.",
        AF,
        "prizes_effort",
    ),
    # --- session 6: the decision handed to them and the people they name; ideas left to them
    (
        "I don't know whether to let him come back.",
        "The decision about having him home is yours, Tasha.",
        EA,
        "choice_is_theirs",
    ),
    (
        "Everyone's got an opinion.",
        "How you run bedtimes is yours to work out.",
        EA,
        "choice_is_theirs",
    ),
    (
        "Dad wants me to move in with him.",
        "That's for you and your mum to decide together.",
        EA,
        "choice_is_theirs",
    ),
    (
        "I'm not sure what to talk about.",
        "Is there something you'd rather we looked at first today?",
        SC,
        "shares_power",
    ),
    (
        "I'm not sure.",
        "I'd start with the bathroom. See if that fits for you.",
        PP,
        "leaves_it_to_them",
    ),
    (
        "I'm not sure.",
        "Some parents do a bath and a story every night. It might not be your thing, though.",
        PP,
        "leaves_it_to_them",
    ),
    (
        "He won't listen.",
        "I'd tell him you need a break, only if that feels safe for you.",
        PP,
        "leaves_it_to_them",
    ),
    # --- session 6: their words said back only as the reason for advice are advice
    (
        "We're arguing every night.",
        "So you're arguing most nights, which is why you both need to take a break from it at tea.",
        PE,
        "reflection_as_lever",
    ),
    (
        "I love my boys.",
        "You love them, which is exactly why the drinking can't carry on.",
        PE,
        "reflection_as_lever",
    ),
    (
        "I want to get my flat back.",
        "You want the flat back, so let's get the rent arrears plan signed today.",
        PE,
        "reflection_as_lever",
    ),
    (
        "He's a loving dad.",
        "What kind of loving dad leaves a toddler alone in the bath?",
        CO,
        "rhetorical_question",
    ),
    (
        "The school never rang us.",
        "He missed three weeks and nobody thought to ask where he was?",
        CO,
        "argues_labels_blames",
    ),
    (
        "It was her fault, she wound me up.",
        "Why would a court trust you with the kids when you're still blaming her?",
        CO,
        "rhetorical_question",
    ),
    (
        "I've stopped using, honestly.",
        "Why should we believe you this time?",
        CO,
        "rhetorical_question",
    ),
    # --- session 6: settling in and keeping time are other, however much they say
    (None, "Apologies for the late start, the car park was full.", OT, "small_talk"),
    (None, "Sorry, that's my phone, I'll turn it off.", OT, "small_talk"),
    ("Is now okay?", "Grab a seat, I've got the room until twelve.", OT, "small_talk"),
    (
        "How long will this be?",
        "I've got until two, then I need to get back to the office.",
        OT,
        "structuring",
    ),
    ("Is that it for today?", "I'll let you get back to your evening.", OT, "structuring"),
    # --- session 6: the worker's disapproval, blame and accusing questions are confront
    ("He's always shouting at me.", "I'd be ashamed to let my kids see that.", CO, "disapproves"),
    ("It'll be fine.", "I'm not convinced you see how serious this is.", CO, "disapproves"),
    (
        "I read the report.",
        "Did you actually read the whole report before the meeting?",
        CO,
        "rhetorical_question",
    ),
    (
        "She's made her choice.",
        "Is that really how you want to speak about your son?",
        CO,
        "rhetorical_question",
    ),
    (
        "I'm the victim here.",
        "You're still making this about you, Dean.",
        CO,
        "argues_labels_blames",
    ),
]


@pytest.mark.parametrize(
    ("client", "utterance", "expected", "cue_id"), TABLE, ids=[t[1][:45] for t in TABLE]
)
def test_social_work_line_gets_its_miti_code(
    coder: Coder, client: str | None, utterance: str, expected: Code, cue_id: str
) -> None:
    coded = coder.code(utterance, previous_client_line=client)
    detail = [(s.text, str(s.code), [c.id for c in s.cues]) for s in coded.sentences]
    assert coded.code == expected, detail
    ids = {c.id for s in coded.sentences for c in s.cues}
    assert cue_id in ids, detail


@pytest.mark.parametrize(
    "utterance",
    [
        "What kind of dad do you want Alfie to grow up with?",  # a values question, not a jibe
        "This isn't a formal process, it's a conversation.",  # reassurance, not a warning
        "Shall we think together about what would help you?",  # help named inside a question
        "I could be wrong, but it sounds like you're fed up with all of us.",  # a hedged reflection
        "If you don't mind me asking, how old is he?",  # politeness, not a warning
        "How could you tell he'd been drinking?",  # a real question
        "She said the group would help you.",  # reported, not advised
        "What kind of good dad do you want to be for him?",  # a values question
        "You're arguing most nights, which is really hard on everyone.",  # no advice follows
    ],
)
def test_mi_lines_that_look_like_directive_ones_are_not_directive(
    coder: Coder, utterance: str
) -> None:
    assert coder.code(utterance).code not in (CO, PE, PP)


def test_every_cue_text_is_readable(coder: Coder) -> None:
    for _, utterance, _, _ in TABLE:
        for sentence in coder.code(utterance).sentences:
            assert all(c.text and not c.text.startswith("mi_cue") for c in sentence.cues)


# Wordings the rules were not written from (a generalisation check of the same kinds).
MORE = [
    (None, "You're kidding me, you left them on their own again?", CO),
    (None, "Typical. Always someone else to blame.", CO),
    (None, "Nice one, another missed appointment.", CO),
    (None, "I'm not buying that, Dean.", CO),
    (None, "That's just not true, is it?", CO),
    (None, "Mark my words, if he comes back the children will be removed.", CO),
    (None, "This is the last warning you'll get.", CO),
    (None, "The sensible thing would be to ring the GP today.", PE),
    (None, "You've worked really hard to get here.", AF),
    (None, "It took guts to tell me that.", AF),
    (None, "You put the children first when it really mattered.", AF),
    (None, "Nobody can make that choice but you.", EA),
    (None, "I could be wrong here, but a chat with the school nurse might be worth it.", PP),
    (None, "Only if you want, but I'd think about speaking to your GP.", PP),
    (None, "Could I make a suggestion?", SC),
    (None, "I've shared what the school think. How does that land with you?", SC),
    # Session 6: what they did, credited to them, is an affirmation; deciding stays theirs.
    (None, "You're the one who's taken Maisie to every appointment.", AF),
    (None, "You're the one that stood by her through all of it.", AF),
    (None, "You're the one who gets to say what happens next.", EA),
    (None, "You are the one who knows your family.", EA),
    # Session 6: their word with its contraction ("arguing's") is still their word.
    ("The arguing's constant since he left.", "The arguing is unsettling Ruby.", SR),
]


@pytest.mark.parametrize(("client", "utterance", "expected"), MORE, ids=[t[1][:45] for t in MORE])
def test_other_wordings_of_the_same_kinds(
    coder: Coder, client: str | None, utterance: str, expected: Code
) -> None:
    assert coder.code(utterance, previous_client_line=client).code == expected
