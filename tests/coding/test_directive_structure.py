"""Directive practice heard from its sentence form (coder 1.16.0, issue 15, session 5).

Each table is one FORM of confronting or persuading, written as a sentence shape of English
with its words drawn from broad word classes, and each line is our own: children's social-care
situations (a dog bite, dental neglect, county lines, a kinship carer, a hoarded flat, gambling
debts, a young carer, a private fostering arrangement…) that no coded-lines file uses. The last
tables are the other side: MI-adherent and neutral lines of the same shapes that must not be
heard as directive. docs/coding.md ("Directive forms (coder 1.16.0)") lists the forms and their
cue ids.
"""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code

CODER = Coder()

DIRECTIVE = frozenset({Code.CONFRONT, Code.PERSUADE})

# A yes/no question that opens with a negated auxiliary and argues rather than asks: "Shouldn't
# you…", "Isn't that a bit convenient?", "Aren't you forgetting…", "Haven't they been through
# enough?".
LEADING_NEGATIVE_QUESTIONS = [
    "Shouldn't you be the one taking Amber to the dentist?",
    "Shouldn't you have rung someone the minute she stopped breathing?",
    "Isn't that a bit convenient, the phone going missing the week of the review?",
    "Wasn't it rather lucky that the bruise had faded by the time the nurse came?",
    "Aren't you forgetting that the boys were in the car with him?",
    "Aren't you leaving out the part where the police were called?",
    "Haven't those girls been through enough this year?",
    "Hasn't Tayo had enough of moving from sofa to sofa?",
]

# A question that answers their claim with the evidence against it: "Then why…?", "If…, why…?",
# "Have you, though?".
CHALLENGING_QUESTIONS = [
    "Then why was there no food in the cupboards when I came on Monday?",
    "But then why did the school find him asleep in class three days running?",
    "If the money's all going on the rent, why are the arrears still going up?",
    "Why would you keep the knife in your bag if you weren't planning to use it?",
    "Has she, though?",
    "Did you, though? Because the nursery says nobody picked her up.",
]

# Incredulity at what they said: the worker does not believe them.
INCREDULITY = [
    "Are you serious? He's six.",
    "You can't be serious about leaving the baby with him.",
    "Oh, come off it, nobody believes the dog did that to her face.",
    "Do you honestly believe the neighbours made all of this up?",
    "Do you seriously expect the panel to accept that?",
]

# How long they will go on: the question only presses.
HOW_LONG_WILL_YOU = [
    "How long are you going to keep telling the school she's poorly?",
    "How long is he going to carry on gambling the rent away?",
    "How much longer are you going to let your brother run things from your flat?",
]

# "What you did / are describing is" + a verdict: their account relabelled as abuse or neglect.
WHAT_YOU_DID_IS_A_VERDICT = [
    "What you're describing is coercive control, whatever he calls it.",
    "What you did to Kasim's arm was assault.",
    "What you call tough love is emotional abuse.",
    "That's called neglect, Dionne.",
]

# A norm for a good parent, said at them: "A mum who… wouldn't…", "A dad puts…first".
MORALISING_NORMS = [
    "A dad who cared about his son wouldn't leave him waiting at the contact centre.",
    "A mother doesn't let her twelve-year-old run drugs for her boyfriend.",
    "A good carer puts the child's needs before her own social life.",
    "Any decent grandparent would have rung an ambulance.",
    "Real parents don't leave a toddler with a stranger they met online.",
]

# The worker's disapproval of what they did, said as "I'm disappointed / not happy with…".
DISAPPROVAL = [
    "I'm disappointed that you let him stay over again.",
    "I'm really not happy with the way you spoke to the foster carer.",
    "I'm frustrated that you still haven't booked the dental appointment.",
    "I'm not impressed with how you've handled the school this term.",
    "I'm annoyed about what you said to Jayden in front of his friends.",
]

# Their act joined to a harm done to the children: blame.
BLAME_FOR_HARM = [
    "You brought those lads into the house, so you've put your own boys in danger.",
    "You've left Keeley at risk by going back to him.",
    "Nia's in foster care because of choices you made, not because of the social worker.",
]

# A virtue denied them: "you're not being honest / realistic".
VIRTUE_DENIED = [
    "You're not being honest with me about where the money goes.",
    "With three kids under five and no bed for the baby, you're not being realistic, are you?",
    "You haven't been straight with the school about the bruise.",
]

# The worker does not believe what someone named did.
DISBELIEF_OF_AN_ACCOUNT = [
    "I don't believe Jordan fell down the stairs.",
    "I just don't buy Kasim getting those marks at football.",
    "I can't believe Nanna didn't notice he'd gone.",
]

# "You're choosing X over Y": blame for what they put first.
CHOOSING_OVER = [
    "You're choosing the pub over your daughter.",
    "You're choosing him over the kids every time he rings.",
    "You are choosing the bookies before the gas bill.",
]

# Blame, shame and put-downs in their everyday forms: chances wasted, love doubted, their conduct
# named as the cause, the blame put on them, the evidence against their account, being told
# before, not grasping how serious it is, shock at what they did, sarcasm, "grow up", doing
# nothing.
BLAME_AND_PUT_DOWNS = [
    "You were offered the family support place and you threw it away.",
    "You've blown every chance the panel gave you.",
    "You keep wasting the help the nursery offers.",
    "If you really cared about Ruby, you'd be at contact on time.",
    "If you loved those boys you wouldn't bring him round.",
    "If you actually meant it, the tests would be clear.",
    "Your temper is the reason Kyle won't come home.",
    "Gambling is the whole reason the electric's been cut off.",
    "Shouting at her isn't going to get her to school.",
    "Mia's frightened to come home, and that's on you.",
    "You've only got yourself to blame for the eviction.",
    "Honestly, you brought this on yourself.",
    "You say he's never there, but the neighbours say otherwise.",
    "Your bank statements tell a different story.",
    "The nursery's photos paint a different picture, Jade.",
    "You've been told three times about the stair gate.",
    "You were warned about the dog twice last year.",
    "Did you even try ringing the dentist?",
    "Are you even listening to what the school is saying?",
    "Do you even know who he's with tonight?",
    "You don't seem to understand how serious a head injury is.",
    "You still don't get how dangerous he is.",
    "You really don't grasp how close the baby came.",
    "What on earth were you thinking, leaving the back door open?",
    "Why the hell did you let him drive them?",
    "Where was your head, letting a stranger take her to the park?",
    "That's rich, coming from someone who missed every review.",
    "You're eighteen, act like it.",
    "Grow up, Liam, you've got a daughter now.",
    "Pull yourself together before the children get home.",
    "You've done nothing since the last core group.",
    "You have done absolutely nothing about the mould.",
    "You've done nothing about the nits since half term.",
]

# An elliptical contradiction of the claim they just made: "No, it isn't.", "Yes, you do."
CONTRADICTIONS = [
    ("It's only a few scratches, it's normal with dogs.", "No, it isn't. He needed stitches."),
    ("I don't drink in front of them.", "Yes, you do. Aaliyah told her teacher."),
    ("He's fine at home, he's just bored at school.", "No, he isn't. He's been self-harming."),
    ("I'm doing everything the plan asked.", "No, you're not. You missed two drug tests."),
]


@pytest.mark.parametrize(
    "line",
    [
        *LEADING_NEGATIVE_QUESTIONS,
        *CHALLENGING_QUESTIONS,
        *INCREDULITY,
        *HOW_LONG_WILL_YOU,
        *WHAT_YOU_DID_IS_A_VERDICT,
        *MORALISING_NORMS,
        *DISAPPROVAL,
        *BLAME_FOR_HARM,
        *VIRTUE_DENIED,
        *DISBELIEF_OF_AN_ACCOUNT,
        *CHOOSING_OVER,
        *BLAME_AND_PUT_DOWNS,
    ],
)
def test_confrontation_is_heard_as_confront(line: str) -> None:
    assert CODER.code(line).code == Code.CONFRONT, line


@pytest.mark.parametrize(("previous", "line"), CONTRADICTIONS)
def test_a_contradiction_of_their_claim_is_confront(previous: str, line: str) -> None:
    assert CODER.code(line, previous).code == Code.CONFRONT, line


# Advice that argues its worth: "it makes sense to…", "it wouldn't hurt to…", "no harm in…",
# "it'd be wise to…", "you'd do well to…".
ARGUES_ITS_WORTH = [
    "It makes sense to get the locks changed before he's released.",
    "It would make a lot of sense to keep the tablets in the locked box.",
    "It'd be wise to keep a copy of every letter from the council.",
    "You'd do well to get the dog muzzled before the children's friends come round.",
    "It wouldn't hurt to ring the dentist this week.",
    "There's no harm in giving the young carers' group one go.",
    "It can't hurt to ask the school for a reduced timetable.",
    "It wouldn't cost you anything to let his nan have him on Saturdays.",
]

# The best course named for them: "the safest/best/wisest thing is…".
THE_BEST_COURSE = [
    "The safest thing is to keep Rocky out of the house while the baby's here.",
    "Honestly, the wisest option would be to clear the hallway before the fire officer comes.",
    "The best thing you could do for Mikey is stop taking him to his cousin's.",
    "The right thing would be to tell the school about the knife yourself.",
]

# The sooner they act, the better.
THE_SOONER = [
    "Kids who miss this much dental care end up in hospital, so the sooner she's seen the better.",
    "The earlier you tell the housing officer, the better.",
    "I'd say get the debt advice booked, the sooner the better.",
]

# An option said to fix it: "a course would sort that", "would do him the world of good".
OPTION_WILL_FIX_IT = [
    "A few sessions at the boxing club would do Reece the world of good.",
    "An evening class would sort that out in a month.",
    "A proper bedtime would do all three of them a lot of good.",
]


# What a child in their care needs or has to do, said to them: advice about the child.
WHAT_THE_CHILD_NEEDS = [
    "Leo needs to be in bed by eight on school nights.",
    "The girls have to be at school every day, whatever the weather.",
    "Your son needs a proper breakfast before he goes out.",
    "Kayla's got to start taking her inhaler to school.",
    "The baby should be sleeping in her own cot, not in your bed.",
]

# An instruction that opens with "never" or "always".
NEVER_AND_ALWAYS = [
    "Never leave her alone in the bath.",
    "Always lock the medicine cabinet after you've used it.",
    "Never let the dog in the bedroom while the baby's asleep.",
]

# Advice said as the folly of not taking it.
FOOLISH_NOT_TO = [
    "Honestly, you'd be mad not to take the place at the nursery.",
    "You'd be daft not to ring the debt line.",
    "You would be a fool not to take the extra support.",
]

# "Let" + someone of theirs + what to allow them.
LET_THEM = [
    "Let Nanna have the kids on Saturday so you can sleep.",
    "Let Tyler choose his own bedtime story.",
    "Let his dad do the school run this week.",
]


# Advice in its other everyday forms: a cleft ("What I'd do is…", "What Jack needs is…"),
# "please just…", "have a word with…", "why not…", "how about you…", a prohibition ("you can't
# let…"), "it's time to…", the only way, how much better they will feel once they change.
EVERYDAY_ADVICE = [
    "What I'd do is ring the housing officer first thing tomorrow.",
    "What I would suggest is a lock on the medicine cupboard.",
    "What Jack needs right now is stability, not another move.",
    "What the twins need is a proper bedtime.",
    "Honestly, a routine is what they need.",
    "Please just try the young carers' group once.",
    "Please ring me before you let him in.",
    "Have a word with her teacher at pick-up.",
    "Have a proper think about the kinship assessment tonight.",
    "Why not give the parenting course a go?",
    "Why not ask your sister to do Tuesdays?",
    "How about you ring the dentist now, while I'm here?",
    "How about you just text him that it's over?",
    "You can't let him keep coming round when he's been drinking.",
    "You can't leave a two-year-old in the bath on her own.",
    "It's time to tell the school what's been going on at home.",
    "It's high time you got the gas meter sorted.",
    "There's only one answer here, and that's moving out.",
    "The only way this works is if he leaves the house.",
    "You'll feel so much better once you've stopped.",
    "You'd sleep a lot better if you cut out the energy drinks.",
    "You'll cope far better when you've got the debt sorted.",
]


@pytest.mark.parametrize(
    "line",
    [
        *EVERYDAY_ADVICE,
        *ARGUES_ITS_WORTH,
        *THE_BEST_COURSE,
        *THE_SOONER,
        *OPTION_WILL_FIX_IT,
        *WHAT_THE_CHILD_NEEDS,
        *NEVER_AND_ALWAYS,
        *FOOLISH_NOT_TO,
        *LET_THEM,
    ],
)
def test_advice_without_permission_is_directive(line: str) -> None:
    assert CODER.code(line).code in DIRECTIVE, line


# The same shapes, MI-adherent or neutral: they must not be heard as directive.
MUST_NOT_BE_DIRECTIVE = [
    # a negated auxiliary that only checks a fact, or a tag that checks a reflection
    ("We've got the review on Thursday.", "Isn't it Wednesday now? I thought it moved."),
    ("I can't remember what I told them.", "Didn't you say you'd spoken to the SENCo?"),
    # "then" and "if" in questions that explore
    (
        "I might let him come back at Christmas.",
        "If he did come back, what would need to be different?",
    ),
    ("Maybe I'll tell the school.", "So then what would you want them to know first?"),
    # the worker's feeling on their behalf, or a concern said honestly
    ("They cancelled the assessment again.", "I'm frustrated for you that they keep cancelling."),
    ("The landlord's ignoring the damp.", "I'm annoyed that the landlord hasn't fixed it for you."),
    ("I've been so worried.", "I'm worried that you're carrying all of this on your own."),
    # normalising: what any parent would feel
    ("I just panicked when he went blue.", "Any parent would have been terrified in that moment."),
    (
        "I feel like I'm failing her.",
        "A mum who's been through what you have wouldn't find this easy.",
    ),
    # "makes sense" as understanding, not advice
    (
        "I shouted because I was scared.",
        "It makes sense that you shouted when you were that scared.",
    ),
    ("I don't trust the police.", "That makes sense to me, given what happened last time."),
    # reassurance after a negative claim about themselves, and an answer to their question
    ("I'm a terrible mum.", "No, you're not. You got her to the hospital the minute you saw it."),
    ("Did I do something wrong by calling?", "No, you didn't. Calling was the right thing."),
    ("It's my fault he went back to using.", "No, it isn't. That was his choice."),
    # what they describe, reflected, and a past decision praised
    (
        "He says it's just discipline.",
        "What you're describing sounds really frightening for the boys.",
    ),
    ("I rang 999 straight away.", "What you did was exactly the right thing for Amber."),
    # "because of" a strength
    ("She's doing so well now.", "She's settled because of the routine you built with her."),
    # "the best thing" as their own view, asked for
    ("I don't know what to do.", "What do you think the best thing would be for Mikey?"),
    # agreeing with their negative claim, and a child's need summed up from what they said
    ("This isn't fair on me.", "No, it isn't."),
    ("I'm useless at this.", "No, you're not."),
    (
        "The court says he stays with his dad at weekends.",
        "So he has to go to his dad's on Fridays.",
    ),
    ("She's been up all night.", "The baby must be exhausted after a night like that."),
    ("I don't know how I'd manage.", "You'd be a great foster carer, from what I've seen."),
    ("I feel like I'm making a fuss.", "You're not being unreasonable at all."),
    ("I nearly didn't come.", "You're choosing to be here today, and that matters."),
    ("I'll tell Mark later.", "Let me know what Mark thinks."),
    # the same words reassuring, praising, reflecting or asking kindly
    ("I feel like I've done nothing right.", "You've done nothing wrong."),
    ("I keep thinking I caused it.", "You've done nothing to deserve what he did."),
    ("I'm not good at anything.", "You don't seem to realise how much you've achieved."),
    ("I've messed up so many times.", "You feel you've wasted so many chances."),
    ("I don't know if I can face the GP.", "If you wanted, I could come with you."),
    ("She's reading now, every night.", "That's down to you."),
    ("Nobody told me anything.", "Were you told why the meeting moved?"),
    ("The council never sent anything.", "Did you get a letter about it in the end?"),
    ("I want to sort it all this week.", "It won't help to rush this, there's time."),
    ("I'm shattered.", "It's time to wrap up for today, you've done plenty."),
    ("Do you want me to stand?", "Have a seat, I'll be two minutes."),
    ("What happens now?", "What I'd like to do is hear your side first."),
    ("Should I tell the school?", "Why not? Tell me what worries you about it."),
    ("I want to sort the plan.", "How about we look at it together?"),
    ("The baby never settles.", "You'll feel better when she sleeps through, I'm sure."),
    ("What do they want from me?", "What they need from me is a clear answer by Friday."),
    (
        "I'm sure they've told you all this.",
        "I'm sure you've been told before, but it's worth saying again.",
    ),
]


@pytest.mark.parametrize(("previous", "line"), MUST_NOT_BE_DIRECTIVE)
def test_mi_adherent_and_neutral_lines_of_the_same_shapes_are_not_directive(
    previous: str, line: str
) -> None:
    assert CODER.code(line, previous).code not in DIRECTIVE, line
