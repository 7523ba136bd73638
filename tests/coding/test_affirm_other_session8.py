"""Session 8 (s8-affirm): affirmations and other on unseen lines, heard by their form (MITI
4.2.1): British praise, what they did named as an effort, the worker impressed by or valuing a
quality; apology and repair, courtesies, small talk and the housekeeping of a visit. Every line
here is our own, written for these forms in situations of our own; none is taken from a coded set
or from AnnoMI."""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code
from tests.coding.form_checks import assert_form, assert_keeps_code


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


AF = Code.AFFIRM
OT = Code.OTHER

# (the family member's last line, what the worker says, the code, a cue id it keeps)
FORMS = [
    (
        "I stopped at one can.",
        "Fair play for stopping at one, with everyone else drinking.",
        AF,
        "praise_interjection",
    ),
    (
        "We went to the parenting group.",
        "fair play to u both for going along",
        AF,
        "prizes_effort",  # 'u' is read as 'you', so the longer 'fair play to you' cue hears it
    ),
    (
        "I told the school myself.",
        "Good on you for telling the school yourself.",
        AF,
        "praise_interjection",
    ),
    ("i rang the gp", "good on u for ringing the gp", AF, "praise_interjection"),
    ("I rang the helpline.", "Credit to you for picking up the phone.", AF, "affirm_praise"),
    (
        "I got them all to the dentist.",
        "Getting all four of them to the dentist in one morning takes some doing.",
        AF,
        "strength_shown",
    ),
    (
        "I stayed off it over Christmas.",
        "Staying dry through Christmas took some doing.",
        AF,
        "strength_shown",
    ),
    (
        "I've kept the flat going on my own.",
        "Keeping the flat going on one wage is no mean feat.",
        AF,
        "strength_shown",
    ),
    (
        "I walk her to school every day.",
        "Walking her to school every day in all weathers is remarkable.",
        AF,
        "strength_shown",
    ),
    (
        "I put his meds in a weekly box.",
        "That's a clever system, and you worked it out yourself.",
        AF,
        "strength_shown",
    ),
    (
        "I left before it kicked off.",
        "That was a smart move, leaving before it kicked off.",
        AF,
        "prizes_decision",
    ),
    (
        "I told him no.",
        "Saying no to your brother, that's a brave thing to do.",
        AF,
        "affirm_praise",
    ),
    (
        "She's been dry a month.",
        "I'm really impressed you've kept it up for a month.",
        AF,
        "affirm_praise",
    ),
    ("i did the food diary", "really impressed u kept the diary all week", AF, "affirm_praise"),
    (
        "I did the whole course.",
        "I really value how much you've put into this course.",
        AF,
        "prizes_quality",
    ),
    (
        "I've told you everything.",
        "I respect how honest you've been with me about the debt.",
        AF,
        "prizes_quality",
    ),
    (
        "He kicked off at the shop.",
        "You handled the shop really well, stayed calm and got him home.",
        AF,
        "prizes_quality",
    ),
    (
        "I asked for a second opinion.",
        "Asking for a second opinion shows good judgement.",
        AF,
        "strength_shown",
    ),
    (
        "I noticed she'd gone quiet.",
        "Picking up on that shows how well you know your daughter.",
        AF,
        "strength_shown",
    ),
    (
        "I chased the housing every week.",
        "Chasing the housing every single week, that's proper determination.",
        AF,
        "prizes_quality",
    ),
    (
        "I'm the one who noticed.",
        "You've always been the one who notices when the little ones are off.",
        AF,
        "prizes_what_they_did",
    ),
    (
        "I worked it all out myself.",
        "You're clearly a capable young woman who thinks ahead.",
        AF,
        "prizes_quality",
    ),
    ("He settles for me.", "You know that little boy inside out.", AF, "prizes_quality"),
    (
        "I can tell when she's tired.",
        "The way you pick up on her moods is spot on.",
        AF,
        "prizes_quality",
    ),
    (
        "You said you'd ring.",
        "Apologies, Mrs Khan, I should have called you yesterday.",
        OT,
        "repair_apology",
    ),
    (
        "The letter had the wrong date.",
        "Apologies for the confusion over the date, that was my error.",
        OT,
        "repair_apology",
    ),
    ("You never sent the minutes.", "My apologies, that's on me.", OT, "repair_apology"),
    ("We got engaged.", "Congratulations on the engagement, by the way.", OT, "courtesy"),
    ("We're expecting again.", "Congratulations on the pregnancy!", OT, "courtesy"),
    ("Alright.", "Bit chilly out there this morning.", OT, "small_talk"),
    ("Hiya.", "Proper grim weather today.", OT, "small_talk"),
    ("That's Milo.", "Your dog's gorgeous, what a sweetheart.", OT, "compliments"),
    ("That's Luna.", "Aw, your kitten is adorable.", OT, "compliments"),
    ("Are we starting?", "Let me just put my phone on silent.", OT, "structuring"),
    ("Hang on.", "Let me just grab a pen.", OT, "structuring"),
    (
        "Sorry I'm late.",
        "Thanks for texting to let me know you were running late, it's fine.",
        OT,
        "structuring",
    ),
    (
        "Is that everything?",
        "Thanks for your time this afternoon, Gemma, I'll see you next Tuesday.",
        OT,
        "structuring",
    ),
    (
        "Shall we start?",
        "Right, first item is the Hussain family, then your training.",
        OT,
        "structuring",
    ),
    ("Anything else?", "OK, that's the paperwork side done.", OT, "structuring"),
    (
        "I'm her dad.",
        "You're clearly a bright young dad who reads up on everything.",
        AF,
        "prizes_quality",
    ),
    ("I did the night feeds.", "fair play for doing every night feed", AF, "praise_interjection"),
    ("I phoned the GP.", "i'm so impressed u rang them yourself", AF, "affirm_praise"),
    ("I did it all myself.", "honestly u should be proud", AF, "affirm_praise"),
    (
        "I kept at the college course.",
        "Sticking with the course when everything else fell apart, that's real determination.",
        AF,
        "strength_shown",
    ),
    (
        "I told my mum no.",
        "Standing up to your mum like that, that's a strong thing to do.",
        AF,
        "strength_shown",
    ),
    ("We've moved in.", "Congratulations on the new flat!", OT, "courtesy"),
    (
        "You spelt her name wrong.",
        "Apologies, that was my fault, I'll get it corrected.",
        OT,
        "repair_apology",
    ),
    ("Hello.", "Lovely weather out there today.", OT, "small_talk"),
    (
        "I took him to the dentist in the end.",
        "You followed through on that, even though he screamed the place down.",
        AF,
        "prizes_effort",
    ),
    (
        "I've been going to the meetings.",
        "Three weeks of meetings on the trot \u2014 that's commitment.",
        AF,
        "strength_shown",
    ),
    (
        "I told the school about his dad.",
        "It can't have been easy telling the school, and you did it anyway.",
        AF,
        "prizes_effort",
    ),
    (
        "I've been tidying up.",
        "The kitchen looks completely different, you've worked so hard on it.",
        AF,
        "affirm_praise",
    ),
    (
        "I said sorry to her.",
        "Owning it with your daughter like that shows real maturity.",
        AF,
        "prizes_effort",
    ),
    (
        "I've stopped shouting.",
        "You've really turned things around with the shouting.",
        AF,
        "prizes_effort",
    ),
    (
        "I go to the food bank now.",
        "Asking for help when you need it is a strength.",
        AF,
        "affirm_strength",
    ),
    (
        "I've been keeping a diary.",
        "Keeping that diary going every night is really impressive.",
        AF,
        "prizes_quality",
    ),
    (
        "I kept her home when she was poorly.",
        "You put Mia's health first, and that's what a good mum does.",
        AF,
        "prizes_quality",
    ),
    (
        "I stayed calm.",
        "You kept your cool, even when he was winding you up.",
        AF,
        "affirm_kept_safe",
    ),
    (
        "I phoned them myself.",
        "You took the initiative and rang them yourself.",
        AF,
        "prizes_effort",
    ),
    ("I did the whole form.", "You've done a brilliant job with that form.", AF, "prizes_quality"),
    (
        "I managed to get him to bed by eight.",
        "Getting him down by eight is a real achievement.",
        AF,
        "strength_shown",
    ),
    (
        "He's doing better at school.",
        "A lot of that is down to the routine you've built.",
        AF,
        "affirm_strength",
    ),
    ("I've been sober for a week.", "A whole week sober, that's brilliant.", AF, "affirm_praise"),
    ("I spoke to my mum about it.", "That was brave, talking to your mum.", AF, "affirm_praise"),
    ("I've been doing the exercises.", "You've stuck at it, and it shows.", AF, "prizes_effort"),
    (
        "I kept the appointment.",
        "You came, and that tells me how much this matters to you.",
        AF,
        "prizes_quality",
    ),
    ("I cooked a proper meal.", "Look at you, cooking from scratch!", OT, "small_talk"),
    ("I told you the truth.", "I appreciate your honesty.", AF, "affirm_praise"),
    (
        "I made a list of questions.",
        "What a great idea to write your questions down.",
        AF,
        "affirm_praise",
    ),
    ("I stood up to him.", "You were so brave to stand up to him.", AF, "prizes_quality"),
    (
        "I think I did OK.",
        "You did more than OK, you were brilliant with her.",
        AF,
        "prizes_quality",
    ),
    ("I cleaned his room.", "You've made a real effort with his room.", AF, "affirm_praise"),
    (
        "I got the kids there on time.",
        "Nice one, getting them in on time.",
        AF,
        "praise_interjection",
    ),
    (
        "I didn't drink at the party.",
        "Not drinking at a party, with everyone around you drinking, is hard, and you did it.",
        AF,
        "prizes_effort",
    ),
    ("I rang the helpline.", "Brilliant that you rang them.", AF, "praise_interjection"),
    ("I said no to the cigarettes.", "Well played, saying no.", AF, "praise_interjection"),
    ("Hello.", "Thanks for having me in your home.", OT, "structuring"),
    ("Hi.", "Sorry, I'm a bit early.", OT, "greeting"),
    ("Would you like a tea?", "Ooh, yes please, milk no sugar.", OT, "small_talk"),
    ("Right.", "Let me just check I've got the right date of birth for Callum.", OT, "structuring"),
    ("Bye.", "Take care, and I'll see you Thursday.", OT, "greeting"),
    ("Bye.", "Have a good weekend.", OT, "greeting"),
    ("OK.", "Right, I think that's everything for today.", OT, "structuring"),
    ("OK.", "I'll type this up and send it over.", OT, "structuring"),
    ("The dog's barking.", "Don't worry about the dog, I love dogs.", OT, "small_talk"),
    ("Sorry about the mess.", "Honestly, don't worry about the mess.", OT, "small_talk"),
    (
        "Is it recording?",
        "Just to let you know, I'll be taking a few notes as we go.",
        OT,
        "structuring",
    ),
    ("I'm sorry I'm late.", "No worries at all.", OT, "greeting"),
    (
        "You got it wrong last time.",
        "I'm sorry, you're right, I did get that wrong.",
        OT,
        "greeting",
    ),
    ("I was upset last time.", "I'm sorry about how the last meeting went.", OT, "greeting"),
    (
        "I didn't like how you spoke to me.",
        "I hear you, and I'm sorry \u2014 that wasn't how I wanted it to come across.",
        OT,
        "repair_apology",
    ),
    ("Thanks.", "You're welcome.", OT, "greeting"),
    ("I'm off then.", "Mind how you go, it's icy.", OT, "greeting"),
    ("Hi.", "You must be Dawn.", OT, "greeting"),
    ("Ready?", "Let's start with the easy bits, name and address.", OT, "structuring"),
    (
        "I got him to the clinic.",
        "Getting him there with everything else going on, that's no small thing.",
        AF,
        "affirm_praise",
    ),
    (
        "I've been off the weed a fortnight.",
        "A fortnight clean is something to be proud of.",
        AF,
        "affirm_strength",
    ),
    (
        "I read every page of the report.",
        "You've clearly done your homework.",
        AF,
        "affirm_strength",
    ),
    (
        "I asked my sister to help.",
        "Reaching out to your sister was a big step.",
        AF,
        "affirm_praise",
    ),
    (
        "I didn't hit back.",
        "You held it together, and that's not easy when someone's in your face.",
        AF,
        "affirm_kept_safe",
    ),
    ("I've been learning English.", "Your English has come on loads.", AF, "prizes_progress"),
    (
        "I fixed the gate.",
        "The gate's sorted, the garden's safe \u2014 you've made a real difference to this house.",
        AF,
        "affirm_strength",
    ),
    ("I made the appointment.", "You're someone who gets things done.", AF, "prizes_quality"),
    (
        "I've been doing his reading with him.",
        "Doing his reading every night, that's real dedication.",
        AF,
        "strength_shown",
    ),
    (
        "He talks to me now.",
        "That's down to the time you've put in with him.",
        AF,
        "affirm_strength",
    ),
    (
        "I've been really honest.",
        "Your honesty today has made this so much easier.",
        AF,
        "affirm_praise",
    ),
    (
        "I was calm with her.",
        "You showed a lot of patience with her this morning.",
        AF,
        "strength_shown",
    ),
    ("I left him.", "You had the strength to leave.", AF, "affirm_strength"),
    ("I'm going to the course.", "That's a positive step.", AF, "praise_verdict"),
    ("I kept my temper.", "Well done for keeping your temper.", AF, "affirm_praise"),
    ("I did it all by myself.", "You should be really proud of that.", AF, "affirm_praise"),
    ("I came to the meeting.", "It means a lot that you came.", AF, "affirm_praise"),
    ("I've tried everything.", "You've been so resourceful.", AF, "prizes_quality"),
    ("I took the tablets.", "Good on you, that's a big thing to do.", AF, "praise_interjection"),
    ("Bye.", "Cheers then, see you soon.", OT, "greeting"),
    (
        "You cut me off.",
        "Sorry, I interrupted you, please finish what you were saying.",
        OT,
        "greeting",
    ),
    (
        "I said that already.",
        "My apologies, you did say that, I wasn't listening properly.",
        OT,
        "repair_apology",
    ),
    ("Can I get you a drink?", "I'm fine thanks, I've just had one.", OT, "small_talk"),
    ("I'll get the paperwork.", "No rush, I'll wait.", OT, "structuring"),
    ("Right.", "Where were we?", OT, "logistics"),
    ("Sorry.", "No, carry on.", OT, "continuer"),
    ("Hang on.", "Let me find the consent form.", OT, "structuring"),
    ("Are you ready?", "I'll get my notebook out.", OT, "structuring"),
    ("Oh no.", "Sorry, my phone's ringing, one sec.", OT, "structuring"),
    ("Just a minute.", "Hold on a sec, the screen's frozen.", OT, "structuring"),
]

# The same words in another form: not an affirmation (or the code given).
NOT_THESE = [
    ("We went to Courage.", "The Courage Project runs a group on Tuesdays.", None),
    ("I coped.", "You coped with the move as well.", None),
    ("dont want him there", "totally up to u who comes to the review", Code.EMPHASIZING_AUTONOMY),
    ("My boiler's playing up.", "It's a good idea to get the boiler checked before winter.", None),
    ("I need to sort the locks.", "Getting the locks changed is the first job.", None),
    (
        "I left the kids with him.",
        "Leaving them with him when he'd been drinking was not a clever move.",
        None,
    ),
    ("He's lovely.", "Your son's gorgeous.", None),
    ("I'm fine.", "You're clearly not fine, and I think you know it.", None),
    ("It's not my fault.", "A lot of this is down to the decisions you've taken.", None),
    (
        "I'll check with the school.",
        "I'll check the records and get back to you on Friday.",
        Code.GIVING_INFORMATION,
    ),
    ("It's been a nightmare.", "It's been a miserable few weeks for you.", None),
    ("I've been clean three months.", "Congratulations on staying clean for three months!", AF),
]


@pytest.mark.parametrize(
    ("client", "line", "code", "cue_id"), FORMS, ids=[f[1][:48] for f in FORMS]
)
def test_a_form_gets_its_code_and_explains_it(
    coder: Coder, client: str | None, line: str, code: Code, cue_id: str | None
) -> None:
    assert_form(coder, client, line, code, cue_id)


@pytest.mark.parametrize(("client", "line", "code"), NOT_THESE, ids=[f[1][:48] for f in NOT_THESE])
def test_the_same_words_in_another_form_keep_their_code(
    coder: Coder, client: str | None, line: str, code: Code | None
) -> None:
    assert_keeps_code(coder, client, line, code, not_codes=(Code.AFFIRM,))
