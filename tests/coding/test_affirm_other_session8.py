"""Session 8 (s8-affirm): affirmations and other on unseen lines, heard by their form (MITI
4.2.1): British praise, what they did named as an effort, the worker impressed by or valuing a
quality; apology and repair, courtesies, small talk and the housekeeping of a visit. Every line
here is our own, written for these forms in situations of our own; none is taken from a coded set
or from AnnoMI."""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code
from tests.coding.form_checks import assert_form


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
        "praise_interjection",
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
    coded = coder.code(line, previous_client_line=client)
    if code is None:
        assert coded.code != Code.AFFIRM, [(s.text, s.code, s.cue_ids) for s in coded.sentences]
    else:
        assert coded.code == code, [(s.text, s.code, s.cue_ids) for s in coded.sentences]
