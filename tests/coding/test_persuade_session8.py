"""Session 8 (s8-persuade): advice, advice with permission, shared planning and autonomy forms
that unseen social-work lines were missed on, heard by their form (MITI 4.2.1). Every line here
is our own, written for these forms in situations of our own (a tenancy, a dog, a boiler, a
nursery, contact at Easter…); none is taken from a coded set or from AnnoMI."""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code
from tests.coding.form_checks import assert_form, assert_keeps_code


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


PERS = Code.PERSUADE
PWP = Code.PERSUADE_WITH_PERMISSION
SEEK = Code.SEEKING_COLLABORATION
EA = Code.EMPHASIZING_AUTONOMY
GI = Code.GIVING_INFORMATION
CR = Code.REFLECTION_COMPLEX
OT = Code.OTHER

# (the family member's last line or None, what the worker says, the code, a cue id it keeps)
FORMS = [
    # advice put as the best or first thing to do, as the worker's advice, as what the worker wants
    (None, "Best thing is to get the boiler checked before the winter.", PERS, "suggests_option"),
    (
        None,
        "The first thing to do is write every debt down on one sheet.",
        PERS,
        "suggests_option",
    ),
    (None, "My advice would be to keep the back gate locked at night.", PERS, "worker_recommends"),
    (
        None,
        "My suggestion is that Jordan's in bed by ten on school nights.",
        PERS,
        "worker_recommends",
    ),
    (None, "I'd really encourage you to go back to the pain clinic.", PERS, None),
    (None, "I'd want you to ring me the minute he turns up.", PERS, "worker_recommends"),
    # advice argued through how the agency or the court will see it
    (
        "I don't see why it matters.",
        "The magistrates will want to see that you've stayed away from him.",
        PERS,
        "argues_how_seen",
    ),
    (
        None,
        "The review panel will be looking for you to have finished the course.",
        PERS,
        "argues_how_seen",
    ),
    # advice as what other families do
    (None, "What a lot of families do is keep a rota on the fridge.", PERS, "suggests_option"),
    # a hedged suggestion ("I wonder whether … might help")
    (None, "I wonder whether a lock on the medicine tin might help.", PERS, "wonders_if_helps"),
    # the idea left to them: "see what you think", "you're the best judge", "only if you want"
    (
        None,
        "See what you think, but a lot of carers find a diary helps with contact.",
        PWP,
        "advice_preface",
    ),
    (
        None,
        "It might be worth asking the school about breakfast club. See what you think.",
        PWP,
        "leaves_it_to_them",
    ),
    (
        None,
        "You're the best judge of this, but a night off now and then might help.",
        PWP,
        "advice_preface",
    ),
    (
        None,
        "Only if you want, but your neighbour could have the dog on Tuesdays.",
        PWP,
        "advice_preface",
    ),
    (
        None,
        "This is only a suggestion and you can ignore it: a lot of mums keep a spare key with a "
        "neighbour.",
        PWP,
        "advice_preface",
    ),
    (
        "I can never keep hold of money.",
        "Some mums I've worked with put their benefits into a separate account. It's up to you "
        "whether that fits.",
        PWP,
        "offers_as_choice",
    ),
    (
        None,
        "I wonder whether a weekly call with the school might help; what do you reckon?",
        PWP,
        None,
    ),
    # advice after they gave leave for it, in this line or the one before
    (
        "Is there anything you'd suggest?",
        "My suggestion would be to ask the nursery for a key worker.",
        PWP,
        "invited_advice",
    ),
    (
        "Say it then, you're going to anyway.",
        "Then my advice would be to keep the landlord's letters in one folder.",
        PWP,
        "invited_advice",
    ),
    (
        "I don't know where to start with the flat.",
        "You asked what I'd do, so: ring the housing officer before Monday.",
        PWP,
        "advice_preface",
    ),
    (
        "Fine.",
        "Now you've said I can, I think a carer's assessment would take some of the weight off.",
        PWP,
        "advice_preface",
    ),
    # shared planning questions: seeking collaboration
    (None, "What shall we put first on the plan?", SEEK, "shares_power"),
    (None, "How do you want to do this?", SEEK, "shares_power"),
    (None, "What would you add to the plan?", SEEK, "shares_power"),
    (None, "Which parts of the plan do you want to take the lead on?", SEEK, "shares_power"),
    (
        None,
        "How do you think we could make the handover easier for Lily?",
        SEEK,
        "shares_power",
    ),
    (None, "Would you both be up for writing the contact plan with me?", SEEK, None),
    (
        None,
        "Before we get going, is there anything you want to put on the table?",
        SEEK,
        "shares_power",
    ),
    # the choice is theirs: emphasising autonomy
    (None, "It's your flat, so you're best placed to decide who stays over.", EA, None),
    (
        None,
        "Whether Kai goes to his dad's at Easter is for the two of you to decide.",
        EA,
        "choice_is_theirs",
    ),
    (None, "How you spend the grant is your business.", EA, "choice_is_theirs"),
    (None, "Totally up to you who comes to the review.", EA, "choice_is_theirs"),
    # typed fast: "u need to", "what do u make of that", "what do u reckon should go in the plan"
    (None, "u really need to get the boiler looked at before winter", PERS, "you_should"),
    (None, "ya shd ring the school first thing", PERS, "you_should"),
    (
        None,
        "I've sent you the respite dates. what do u make of that",
        SEEK,
        "asks_view_of_information",
    ),
    (None, "what do u reckon should go in the care plan", SEEK, "shares_power"),
    # they will decide; the worker trusts their judgement; free to disagree
    (None, "You know the dogs best, so you'll decide who walks them.", EA, "choice_is_theirs"),
    (
        None,
        "It's your tenancy. I trust you to make the call on the lodger.",
        EA,
        "choice_is_theirs",
    ),
    (
        None,
        "Whatever you decide about the party, you're free to tell me I've got it wrong.",
        EA,
        "choice_is_theirs",
    ),
    # advice after they asked, then handed back with a check-in
    (
        "Can I bring my sister?",
        "Now you've asked, I think having her there would help; would you want that?",
        PWP,
        "advice_preface",
    ),
    (
        "What would you do?",
        "You asked my advice, so: ask the landlord for the repairs in writing. Does that feel "
        "doable?",
        PWP,
        None,
    ),
]

# The same words in another form keep their own code (None: anything but persuade)
NOT_THESE = [
    (None, "The panel will want to see the school report.", GI),
    (None, "My suggestion box at work is always empty.", None),
    ("I just feel pushed.", "I wonder whether you're feeling pushed into this.", CR),
    (None, "You asked me last week about the grant, and I've found out more.", None),
    (None, "Totally, I get that.", None),
    (None, "The first thing I noticed was how tidy the kitchen was.", None),
    ("I feel like I'm drowning.", "u must be shattered", None),
    ("I got him to school every day this week.", "nice one, u should be proud of that", None),
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
    assert_keeps_code(coder, client, line, code, not_codes=(PERS, PWP))
