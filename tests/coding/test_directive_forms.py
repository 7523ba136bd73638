"""Directive practice is heard as directive, whatever its words (coder 1.15.0, issue 15).

Each table is one FORM of confronting or persuading, written for this file in children's
social-care language and in situations of its own (not the wordings of any coded-lines file in
tests/coding/social_work/), so a rule that only knew one miss would fail here. The last tables
are the other side: MI-adherent and neutral lines of the same shapes that must not be heard as
directive. docs/coding.md ("Coder 1.14.0") lists the forms and their cue ids.
"""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code

CODER = Coder()

DIRECTIVE = frozenset({Code.CONFRONT, Code.PERSUADE})

# A label for their character: "you're a/an/such a" + a judgement or a word for a bad person.
CHARACTER_LABELS = [
    "You're a bully, and the kids are scared stiff of you.",
    "You're an unreliable father and everyone at the school knows it.",
    "You're a liar, Craig.",
    "You're such a hypocrite about the cannabis.",
    "You're a terrible role model for those boys.",
    "You've been a useless dad to Kayden this year.",
    "You're a selfish woman who puts her boyfriend first.",
]

# Their conduct, then a causal link to what it does to the children: blame.
CONDUCT_AND_HARM = [
    "You let him back in every time, and that's why Mia won't sleep.",
    "You keep drinking in the afternoons, so the kids end up putting themselves to bed.",
    "You keep missing contact, which is why Leo gets so upset on Fridays.",
    "You scream at each other in the kitchen and the girls hear every word of it.",
    "You kept the bottle in her bedroom, so now she's terrified of the dark.",
]

# A you-statement that judges what they did with a word of moral judgement inside it.
JUDGED_CONDUCT = [
    "You left a four-year-old alone in a filthy flat.",
    "You've been really selfish with the money this month.",
    "You spoke to the teacher in a disgusting way.",
    "You handled the whole contact visit in a completely irresponsible way.",
]

# Sarcasm: their account said back to mock it; an implausible event "on its own"; a tag that
# doubts a claim.
SARCASM = [
    "Right, so he just fell off the sofa by himself.",
    "So the money just vanished into thin air.",
    "Ten-year-olds make their own tea every night, do they?",
    "He tripped over the dog, did he?",
    "And the bottles in the recycling belong to the neighbours, do they?",
    "You haven't exactly been honest with us, have you?",
    "Oh yeah, because that worked so well last time.",
]

# A threat: a condition, then what the worker or the agency will bring (court, police, care).
THREATS = [
    "If I find out he's been at the house again, I'll be going straight to court.",
    "If we get one more call from the school, this goes to a child protection conference.",
    "If I see another bruise on her, the police will be involved.",
    "Any more missed appointments and the baby goes into foster care.",
    "One more incident like that and the children will be removed, end of.",
    "If the next test is positive we'll be applying for an order.",
]

# The worker's own disagreement or disbelief, set against their account.
DISAGREEMENT = [
    "I'm not buying that, Lee.",
    "I don't agree that the kids didn't notice.",
    "I really don't believe the baby rolled off the changing mat.",
    "That's not how the school sees it, and it's not how I see it either.",
    "Honestly, I find that very hard to believe.",
    "I'm shocked you'd leave a toddler with someone you met online.",
    "Frankly, I'm appalled that you didn't ring an ambulance.",
    "I disagree, Sam. The house wasn't fit for a baby.",
    "I can't accept that from you.",
]

# A rhetorical or accusing question: it argues, it does not ask (confront outranks the form).
RHETORICAL = [
    "What's it going to take before you actually stop drinking?",
    "Why on earth would this time be any different?",
    "When are you actually going to start putting the kids first?",
    "Who do you think you're kidding?",
    "How is that fair on the children?",
    "Why should anyone believe you this time?",
    "And whose fault is that?",
    "What did you think was going to happen, leaving him with the lighter?",
]

# Persuade: the worker's own advice in the first person ("I'd…").
WORKER_ADVICE = [
    "I'd ring the health visitor first thing tomorrow.",
    "Personally, I'd keep him off the Xbox after nine.",
    "I'd really encourage you to take the parenting course.",
    "I'd seriously think about changing the locks.",
    "If it was my lad, I'd be down that school first thing.",
    "I'd definitely stop letting her stay out past ten.",
]

# Persuade: an instruction (a verb first, then what or where).
INSTRUCTIONS = [
    "Sign up for the Freedom Programme this month.",
    "Stay away from him until the assessment's done.",
    "Get yourself down to the food bank on Thursday.",
    "Speak to the housing officer before Friday.",
    "Apply for the free school meals today.",
    "If he turns up drunk again, ring 999 straight away.",
    "When she kicks off at bedtime, take the phone off her.",
    "Once the letter comes, send a copy to your solicitor.",
]

# Persuade: the best thing to do, what they want to do, their best bet, the sooner the better.
BEST_THING = [
    "The best thing now is to let the school know what's going on.",
    "What you want to do is get the rent sorted before anything else.",
    "Your best bet is to speak to the housing officer yourself.",
    "The sooner you tell the school, the better.",
    "You'll want to get that letter to your solicitor today.",
]

# Persuade: an argument for change: what would be better or would help if they changed.
ARGUMENTS_FOR_CHANGE = [
    "The girls will listen to you more if you stay calm.",
    "It's really worth sticking with the counselling.",
    "Keeping a diary of the nights he drinks would really help.",
    "Your mum will be much happier if you let her help with the school run.",
    "It's definitely worth giving the group another go.",
]

# Not directive: praise for a past decision, reassurance that names a bad outcome only to rule
# it out, conditions that offer help, reflections that say back a self-label or a doubt.
NOT_DIRECTIVE = [
    ("Getting the baby seen that same night was exactly the right thing to do.", ""),
    ("Calling the police when he kicked off was the right thing to do.", ""),
    ("A child protection plan isn't a punishment.", "Are you punishing me?"),
    ("Being on a plan doesn't mean the children will be removed.", "Are you taking them?"),
    ("If anything happens again, you can ring the out-of-hours team.", ""),
    ("You're a fighter, and the kids can see it.", ""),
    ("You feel like a terrible mum right now.", "I'm a terrible mum."),
    ("You're worried people will think you're lazy.", "Everyone thinks I'm lazy."),
    ("It sounds like you don't believe the school's version.", "The school's lying."),
    ("What makes you want to give it another go?", "I might try the group again."),
    ("What would it take for you to feel ready to talk to the school?", ""),
    ("When are you going to see the GP?", "I'll make an appointment."),
    ("I'd love to hear how the weekend went.", ""),
    ("I'd say that's real progress.", "I've not had a drink for a week."),
    ("I'd imagine that was terrifying.", "He had the knife out."),
    ("I don't believe you're a bad mum.", "I'm a bad mum."),
    ("It's worth knowing that the letter is only a first step.", ""),
    ("So you keep letting him back in because you hope he's changed.", "He said he's changed."),
    ("You keep going back to him, and part of you wonders why.", "I always go back."),
    ("It's not exactly clear yet when the hearing will be.", "When's court?"),
    ("I'm shocked to hear what he did to you.", "He locked me in the flat."),
]


def _code(line: str, previous: str = "") -> Code:
    return CODER.code(line, previous_client_line=previous or None).code


@pytest.mark.parametrize(
    "line",
    CHARACTER_LABELS
    + CONDUCT_AND_HARM
    + JUDGED_CONDUCT
    + SARCASM
    + THREATS
    + DISAGREEMENT
    + RHETORICAL,
)
def test_confrontation_is_heard_as_confront(line: str) -> None:
    assert _code(line) == Code.CONFRONT


@pytest.mark.parametrize("line", WORKER_ADVICE + INSTRUCTIONS + BEST_THING + ARGUMENTS_FOR_CHANGE)
def test_advice_without_permission_is_persuade(line: str) -> None:
    assert _code(line) == Code.PERSUADE


@pytest.mark.parametrize(("line", "previous"), NOT_DIRECTIVE)
def test_mi_adherent_and_neutral_lines_are_not_directive(line: str, previous: str) -> None:
    assert _code(line, previous) not in DIRECTIVE
