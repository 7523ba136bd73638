"""The coder hears a MITI code from a sentence's FORM, whatever its words (coder 1.12.0).

Each table is one form the rules recognise on general word classes (patterns/word_classes.json,
patterns/forms.jsonl); its lines were written for this table in children's social-care
language, in other wordings than any coded-lines file (tests/coding/social_work/*.yaml), so a
rule that only knew those files' phrases would fail here. docs/coding.md lists the forms.
"""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code

CODER = Coder()

C = Code

# A bare verdict: "that's / this is / it's" + an adjective or noun of moral judgement.
BARE_VERDICTS = [
    "That's disgraceful, leaving them with no tea.",
    "This is completely irresponsible.",
    "That was really careless of you.",
    "It's selfish, plain and simple.",
    "That's a disgusting way to speak to your daughter.",
    "That's pathetic.",
    "That's a disgrace.",
    "That's neglect, whatever you call it.",
    "That's a total shambles of a bedroom for a baby.",
    "That's so childish.",
    "It was thoughtless, bringing him round when the kids were there.",
    "That's a lie.",
]

# A label for the person: "you're (being) (so)" + a judgement.
LABELS = [
    "You're being completely unreasonable.",
    "You're so lazy about the school run.",
    "You're just selfish.",
    "You were reckless that night.",
    "You're really manipulative with the professionals.",
    "You're being obstructive.",
    "You're dishonest with everyone who tries to help.",
    "You're stubborn, that's the problem.",
    "You are irresponsible with money.",
    "You're deluded if you think the court won't see it.",
]

# Rhetorical questions: a negated auxiliary before "you" and a verb of stance; "isn't it time";
# "what kind of (parent)…"; "how could you (leave)…".
RHETORICAL = [
    "Doesn't it bother you what the kids see?",
    "Can't you see he's scared of you?",
    "Didn't you realise she was only four?",
    "Wouldn't you agree you've let things slide?",
    "Shouldn't you know where your own son is at midnight?",
    "Isn't it time you put the children first?",
    "Haven't you noticed how thin she's got?",
    "What sort of mother lets her baby go hungry?",
    "What kind of man hits a pregnant woman?",
    "How could you leave a baby in the bath on her own?",
    "How can you justify spending the rent on cans?",
    "How dare you speak to the teacher like that?",
    "Don't you care that he's missing school?",
]

# Blame, shame and reproach: "because you didn't…", "the choices you made", "I expected better
# of you", "could have been killed", "about time you…", "the kids deserve better".
BLAME = [
    "Ellie ended up in A&E because you didn't check on her.",
    "He's behind at school because you never read with him.",
    "All of this is the result of the choices you've made.",
    "I'm really disappointed in you.",
    "I honestly expected more from you after the last review.",
    "Your son could have been killed on that road.",
    "About time you started taking this seriously.",
    "It's high time you grew up.",
    "The children deserve so much better.",
    "Your baby deserves better than a mum who's always out.",
    "The kids were frightened because you went out and left them.",
]

# What they are doing to the family; not caring or not trying; heard it before; what others
# said set against their account (coder 1.13.0).
CONDUCT_AND_DISBELIEF = [
    "You're not even trying to get him to school.",
    "You're not listening to a word the teacher says.",
    "Your temper is frightening those children.",
    "Shouting at them every night is damaging them.",
    "You're wrecking your own chances with the court.",
    "You're failing those kids.",
    "I've seen all this before, Dean.",
    "We've heard the same promises before.",
    "That's not what your mum told the health visitor.",
    "That isn't how the school described it.",
    "Frankly, you should have rung us straight away.",
    "Honestly, you could have prevented this.",
    "It's a complete tip in here.",
]

# A threat: an instruction joined by "and"/"or" to a bad outcome.
THREATS = [
    "Miss one more visit and this goes back to court.",
    "Cancel the drug test again and we'll start care proceedings.",
    "Let him back in the house and the children will be removed.",
    "Skip the parenting course and you'll lose the kids.",
    "Sign the agreement or we go to court.",
    "Drink again before contact and the police will be called.",
    "Ignore the plan and the baby will be taken into care.",
    "Break the safety agreement and you could be arrested.",
    "Keep missing the core group and we'll have to escalate.",
    "Refuse the hair strand test and the court will hear about it.",
]

# Sarcasm: a positive "So…" with a positive tag.
SARCASTIC_TAGS = [
    ("So it's all the teacher's fault, is it?", ""),
    ("So you're the victim here, are you?", "He winds me up on purpose."),
    ("So the police made it all up, did they?", "The police have it in for me."),
    ("So everyone's against you, are they?", "Everyone's against me."),
    ("So it just happened by itself, did it?", "It just happened."),
    ("So you know better than the doctors, do you?", ""),
    ("So the bruises just appeared, did they?", ""),
    ("So a few cans every night is normal, is it?", "He only has a few cans."),
    ("So your mum's the problem now, is she?", "My mum's always interfering."),
    ("So you were home by ten, were you?", "I was home early that night."),
]

# Not sarcasm: a tag that checks (negative tag, or a negation before a positive tag).
CHECKING_TAGS = [
    ("So you've been to the GP, haven't you?", "I saw the doctor on Monday."),
    ("So it's not been easy, has it?", "It's been a nightmare."),
    ("So you're not sleeping, are you?", "I'm up every night with her."),
]

# Affirm: a strength or effort shown, however the sentence starts.
STRENGTH_SHOWN = [
    "Ringing the police that night took a lot of courage.",
    "Asking for help with the baby showed real maturity.",
    "Staying sober through Christmas took real determination.",
    "Getting all three of them to school on time takes organisation.",
    "Admitting you'd relapsed takes honesty.",
    "That took guts, walking into the conference on your own.",
    "Your letter to the judge shows how much you care about them.",
    "It shows how determined you are.",
    "Coming to every single contact showed how committed you are.",
    "Moving the kids to your mum's was a really sensible decision.",
    "That was brilliant thinking, getting Leo out of the house first.",
    "Keeping the flat going on your own took a great deal of hard work.",
]

# Affirm: "you're" + a quality or a person of strength; "not many people would…".
QUALITIES = [
    "You're a survivor.",
    "You're a real grafter, Sam.",
    "You're so patient with him.",
    "You're really resourceful.",
    "You've been incredibly brave.",
    "You're a natural with the baby.",
    "You're very thoughtful with your sister's kids.",
    "Not everyone would have taken their nephew in overnight.",
    "Not many parents would admit that to a social worker.",
    "Few people could have coped with what you've coped with.",
    "It's clear you've worked really hard on the routines.",
    "It's obvious how much you love them.",
]

# How hard they have worked, the way they did it, a big thing to admit, handled well, kept up,
# credit to their effort (coder 1.13.0).
EFFORT_AND_MANNER = [
    "I can tell how hard you've been trying with the school run.",
    "It's plain how much you've put into the flat.",
    "The way you talked Kayla down last night was really skilful.",
    "What you did for your sister's boys was amazing.",
    "That was a brave thing to say in front of everyone.",
    "It's a huge step to ask for help.",
    "You spoke to the head teacher so calmly.",
    "You dealt with the police really maturely.",
    "You've kept all the contact sessions going.",
    "The house looks so different, and that's down to your hard work.",
    "Even with the baby teething, you've been at every group.",
    "It's clear you treasure those boys.",
]

# Not an affirmation: a general truth about change, and feelings said back.
NOT_AFFIRM = [
    ("Change takes time, for anyone.", "", C.GIVING_INFORMATION),
    ("Recovery takes work, for anyone.", "", C.GIVING_INFORMATION),
    ("You're worried the school will think badly of you.", "What will the school think?", None),
]

# Autonomy: nobody can make them; the say is theirs; they can stop or say no.
AUTONOMY = [
    "No one is going to force you to go to the group.",
    "Nobody's going to make you talk about your dad.",
    "I'm not going to make you sign anything today.",
    "We can't force you to take the test.",
    "Who comes to the family meeting is yours to choose.",
    "You get the final say on the names on the plan.",
    "You've got a say in who supervises contact.",
    "It's your recovery.",
    "It's your own decision.",
    "That's between you and your GP.",
    "You can always stop me if it gets too much.",
    "You can say no to any of this.",
    "You can change your mind at any point.",
    "You've got a few options.",
    "No one else can decide this for you.",
    "I can't choose for you.",
    "Nobody gets to pick for you.",
]

# Seeking collaboration: doing it together; their say in the plan or agenda; correcting what
# the worker set out.
COLLABORATION = [
    "I'd like us to work out the contact plan together.",
    "I'd rather we decided the next steps between us.",
    "Are you okay with me ringing your mum?",
    "Would you be comfortable with me speaking to the nursery?",
    "Would you be up for doing the genogram together?",
    "What would you like in the family plan?",
    "Is there anything you'd like to add to the safety plan?",
    "How shall we split the phone calls between the two of us?",
    "Here's my summary of the assessment. Is there anything you'd correct?",
    "This is the chronology I've put together. Tell me where I've got it wrong.",
    "These are the school's attendance figures. What are your thoughts on them?",
    "How would you feel about us going to the GP together?",
    "How do you feel about me ringing the nursery with you here?",
    "What would you like me to say to the judge about the last month?",
    "Do you want me to mention the new flat at the review?",
    "Would you like some ideas?",
]

# An offer of ideas, then the idea: persuade with permission (coder 1.13.0).
OFFER_THEN_IDEA = [
    "Would you like a couple of suggestions? Some dads keep a diary of the contact visits.",
    "Can I give you some ideas? A lot of parents use a sticker chart for bedtime.",
    "Do you want some tips? The library does free baby groups on Wednesdays.",
    "Shall I share a few thoughts? You could ask the school about breakfast club.",
    "One thing other carers find useful is a WhatsApp group with the school. Would that suit you?",
    "Some families put the contact dates on the fridge. Could that work for you?",
    "Whether it'll help I'm not sure, but the family centre has a Saturday club.",
    "This might not appeal, but a family support worker could do the mornings.",
    "Whether it would work for you I don't know, but a key safe could help your mum.",
    "If that's okay with you, I'd suggest we ask your aunt first.",
]

# Persuade with permission: what leaves them free, then "but", then the idea.
CHOICE_THEN_ADVICE = [
    "It's completely up to you, but a parenting group might give you some new ideas.",
    "You don't have to decide today, but I'd think about asking your sister.",
    "This may not suit you, but some parents keep a diary of the arguments.",
    "You might not like the sound of it, but a mediator could take the heat out of things.",
    "I'm not trying to push you, but the drop-in on Tuesdays is really friendly.",
    "No pressure at all, but the health visitor could come out this week.",
    "You know your son best, but a chat with the school nurse could help.",
    "Feel free to disagree, but I think a fixed bedtime would help Jack.",
    "I don't know if this would help, but there's a dads' group at the children's centre.",
    "If it doesn't feel right, tell me, but I'd try the later contact time first.",
    "You may see it differently, but I think the kids need to hear it from you.",
]

# Persuade: an instruction (a verb, then what to do it to); what would be better if they
# changed; the best thing to do.
PERSUADE_FORMS = [
    "Lock the tablets away where Ruby can't reach them.",
    "Tidy the bedroom before the health visitor comes.",
    "Pay the rent first, before anything else.",
    "Move the kids' beds away from the window.",
    "Cancel the party this weekend.",
    "Check the baby's temperature every few hours.",
    "The kids would be much happier if you two stopped arguing in front of them.",
    "Your mum would feel a lot better if you rang her more often.",
    "Things would be a lot calmer if he moved out.",
    "The only thing you can do now is be honest with the conference.",
    "It'd be worth ringing the housing officer this week.",
    "You'd be so much better off away from that estate.",
    "The kids would be far safer off at your mum's.",
    "If you cut down on the drinking, the mornings would improve.",
    "If you stopped the arguments in front of them, the boys would settle.",
    "The best thing for the baby now would be a proper routine.",
    "The safest plan here is to keep Dean away from the house.",
]

# Other: closing, pauses, the worker's housekeeping, small talk, handing the floor back.
OTHER_FORMS = [
    "That's it for today.",
    "That's all from me for now.",
    "Let's have a short break.",
    "Let's stop there for today.",
    "Let's leave it there.",
    "Let me just grab my notebook.",
    "I'll just turn my phone off.",
    "Give me a second.",
    "Bear with me, my laptop's slow.",
    "Lovely garden.",
    "What a gorgeous puppy.",
    "Carry on.",
    "Sorry, I didn't mean it to sound like that.",
    "Shall we make a start?",
    "Let's get started, then.",
    "Let's take ten.",
    "I'll see you next week, Lisa.",
    "Right, we'll see you on Tuesday.",
]

# Information: what a professional said or did, their case records, what will happen next.
INFORMATION_FORMS = [
    "Your health visitor has booked you in for Thursday.",
    "The school nurse rang this morning about Jade's weight.",
    "Your solicitor says the hearing has moved to March.",
    "The police have confirmed they'll return the phone.",
    "Your last three screens were all clear.",
    "Your rent arrears are just over four hundred pounds.",
    "Your next appointment is on the 3rd.",
    "You'll get a letter with the date of the review.",
    "You'll be sent the minutes within a week.",
    "You'll be invited to the core group.",
    "Your tenancy starts on the first of the month.",
    "Your social worker will be off from next week.",
    "Your review in June was positive.",
    "Your hair strand test from the lab came back negative.",
    "The nursery has told us Kai has missed twelve sessions, and that really worries me.",
    "I'm really concerned about the bruise on Ava's arm.",
]

# A wh-question that asks where a named person does a thing: one place, closed (coder 1.13.0).
WHERE_ONE_PLACE = [
    "Where does Tyler sleep when his dad has him?",
    "Where did Mia go after school?",
    "Where does your partner keep the car keys?",
    "Where will the baby stay during the hearing?",
    "Where did Jade live before the refuge?",
    "Where does Nan work?",
    "Where would the boys go if you were ill?",
    "Where does your brother usually park?",
    "Where did the kids eat that night?",
    "Where do the girls play after tea?",
]


def _code(line: str, previous: str = "") -> Code:
    return CODER.code(line, previous_client_line=previous or None).code


@pytest.mark.parametrize(
    "line", BARE_VERDICTS + LABELS + RHETORICAL + BLAME + THREATS + CONDUCT_AND_DISBELIEF
)
def test_confrontation_forms(line: str) -> None:
    assert _code(line) == C.CONFRONT


@pytest.mark.parametrize(("line", "previous"), SARCASTIC_TAGS)
def test_positive_so_with_a_positive_tag_is_sarcasm(line: str, previous: str) -> None:
    assert _code(line, previous) == C.CONFRONT


@pytest.mark.parametrize(("line", "previous"), CHECKING_TAGS)
def test_a_tag_that_checks_is_not_sarcasm(line: str, previous: str) -> None:
    assert _code(line, previous) != C.CONFRONT


@pytest.mark.parametrize("line", STRENGTH_SHOWN + QUALITIES + EFFORT_AND_MANNER)
def test_affirmation_forms(line: str) -> None:
    assert _code(line) == C.AFFIRM


@pytest.mark.parametrize(("line", "previous", "expected"), NOT_AFFIRM)
def test_not_an_affirmation(line: str, previous: str, expected: Code | None) -> None:
    code = _code(line, previous)
    assert code != C.AFFIRM
    if expected is not None:
        assert code == expected


@pytest.mark.parametrize("line", AUTONOMY)
def test_autonomy_forms(line: str) -> None:
    assert _code(line) == C.EMPHASIZING_AUTONOMY


@pytest.mark.parametrize("line", COLLABORATION)
def test_collaboration_forms(line: str) -> None:
    assert _code(line) == C.SEEKING_COLLABORATION


@pytest.mark.parametrize("line", CHOICE_THEN_ADVICE + OFFER_THEN_IDEA)
def test_choice_then_advice_is_persuade_with_permission(line: str) -> None:
    assert _code(line) == C.PERSUADE_WITH_PERMISSION


@pytest.mark.parametrize("line", PERSUADE_FORMS)
def test_persuade_forms(line: str) -> None:
    assert _code(line) == C.PERSUADE


@pytest.mark.parametrize("line", OTHER_FORMS)
def test_other_forms(line: str) -> None:
    assert _code(line) == C.OTHER


@pytest.mark.parametrize("line", INFORMATION_FORMS)
def test_information_forms(line: str) -> None:
    assert _code(line) == C.GIVING_INFORMATION


@pytest.mark.parametrize("line", WHERE_ONE_PLACE)
def test_where_a_named_person_does_a_thing_is_closed(line: str) -> None:
    assert _code(line) == C.QUESTION_CLOSED
