"""Does a reflection say back what the person said? (coding/accuracy.py)"""

from __future__ import annotations

import pytest

from mi_trainer.coding.accuracy import reflection_accuracy

KERRY = [
    "I'm doing it all on my own. Their dad's nowhere. Nobody gives me credit for that.",
    "A glass of wine is the only bit of the day that's mine. Once they're down, I can breathe.",
]


@pytest.mark.parametrize(
    ("reflection", "kind"),
    [
        ("The wine is the one bit of the day that's yours.", "accurate"),  # other words
        ("So nobody gives you credit for doing it on your own.", "accurate"),
        ("You're exhausted.", "inference"),  # a feeling their words make plausible
        ("You're angry that nobody sees how hard you work.", "inference"),
        ("You feel banana.", "inaccurate"),
        ("So you're saying the moon is cheese.", "inaccurate"),
        ("You feel purple about the spaceship.", "inaccurate"),
    ],
)
def test_reflections_against_what_kerry_said(reflection, kind):
    assert reflection_accuracy(reflection, KERRY).kind == kind


def test_a_reflection_said_before_is_a_repeat():
    said = ["The wine is the one bit of the day that's yours."]
    fit = reflection_accuracy("The wine's the one bit of the day that's yours.", KERRY, said)
    assert fit.kind == "repeat" and not fit.fits


def test_the_overlap_names_the_shared_meanings():
    fit = reflection_accuracy("So Mia's nine.", ["Mia's nine, she's the eldest."])
    assert fit.overlap == ("mia", "nine") and fit.score == 1.0


DONNA = ["Nursery keep phoning me. Leah won't settle at night so we're late every day."]


@pytest.mark.parametrize(
    ("reflection", "fits"),
    [
        # their own topic word, said to be something nobody mentioned: nonsense, not a fit
        ("So nursery is a submarine.", False),
        ("So Leah is a windmill at night.", False),
        ("You feel bedtime is made of custard.", False),
        # their words, or an image that names what it is like: a fit
        ("So nursery keep ringing and Leah won't settle.", True),
        ("Nights are a battle with Leah.", True),
        ("It sounds like nights are exhausting.", True),
    ],
)
def test_a_topic_word_does_not_make_nonsense_a_reflection(reflection, fits):
    assert reflection_accuracy(reflection, DONNA).fits is fits


UPSET = ["I can't cope with any of it!", "Every day is the same and nobody helps."]


@pytest.mark.parametrize(
    ("reflection", "fits"),
    [
        # a short image for how it is for them: an inference
        ("It's like being underwater.", True),
        ("It's as if you're running on empty.", True),
        # an image made of things nobody mentioned: not a reflection of anything they said
        ("It's as though the kettle has been elected mayor of the bins.", False),
        ("It sounds like the curtains are booking a trip to Margate.", False),
    ],
)
def test_an_image_needs_to_be_about_how_it_is_for_them(reflection, fits):
    assert reflection_accuracy(reflection, UPSET).fits is fits


# Each content word of a reflection must be grounded: in what they said, in their story, or
# in feeling and general words. A topic word borrowed into nonsense is not a fit.
DAD = [
    "The nursery rang again about Leo's nappy rash. They act like I don't change him.",
    "I'm on my own with three of them since their mum went. I'm up at six every day.",
]
TEEN = [
    "Everyone's on at me about college. I just want to be left alone.",
    "My mum doesn't get it. She shouts and then I go out and stay at my mate's.",
]
NAN = [
    "I love having them, but my hip's bad and the stairs are a nightmare.",
    "Their mum rings when she's had a drink and it upsets Amber for days.",
]


@pytest.mark.parametrize(
    ("said", "reflection"),
    [
        (
            DAD,
            "You're doing it all on your own, and it feels like nursery only sees what goes wrong.",
        ),
        (DAD, "So nursery think you're not changing him, and that stings."),
        (DAD, "Three kids, on your own, up at six: that's a lot."),
        (DAD, "You're exhausted."),
        (DAD, "Part of you is fed up with nursery, and part of you wants Leo's skin to clear up."),
        (DAD, "It's like you're running on empty."),
        (TEEN, "You want people to stop going on at you about college."),
        (TEEN, "When your mum shouts, going to your mate's feels like the only way out."),
        (TEEN, "You feel like nobody at home gets it."),
        (TEEN, "You'd rather be left alone than have another row."),
        (NAN, "You love having them, and your hip is making it really hard."),
        (NAN, "It hurts to see Amber upset after those calls."),
        (NAN, "The stairs have become a real battle."),
        (NAN, "You're torn: you want them with you, and your body is telling you it's a struggle."),
    ],
)
def test_paraphrases_images_and_double_sided_reflections_fit(said, reflection):
    assert reflection_accuracy(reflection, said).fits


@pytest.mark.parametrize(
    ("said", "reflection"),
    [
        (DAD, "So nursery is basically a haunted lighthouse."),
        (DAD, "It sounds like Leo's nappy has been writing poetry about the Alps."),
        (DAD, "You're worried the toothbrushes are plotting a mutiny."),
        (DAD, "Being on your own is a bit like a giraffe doing the ironing."),
        (DAD, "So what matters to you is the price of parsnips in Peru."),
        (TEEN, "College sounds like a trampoline full of jellyfish."),
        (TEEN, "You feel your mum is a vending machine on the moon."),
        (TEEN, "Your mate's house is where the penguins keep their passports."),
        (TEEN, "It's as if the bus stop has been knitting your future."),
        (TEEN, "On one hand you like cucumbers, and on the other hand Saturn is grumpy."),
        (NAN, "Your hip has been secretly training for the Olympics."),
        (NAN, "The stairs are made of porridge and Amber is a kite."),
        (NAN, "You love them the way a kettle loves the seaside."),
        (NAN, "So the phone calls are a parade of tiny tractors."),
        (KERRY, "So your drinking is a bit like a polar bear learning French."),
        (KERRY, "You're worried the postman is secretly a pineapple."),
        (KERRY, "What matters most to you is the alphabet backwards."),
    ],
)
def test_nonsense_that_borrows_a_topic_word_or_a_feeling_does_not_fit(said, reflection):
    assert not reflection_accuracy(reflection, said).fits


def test_their_story_makes_an_inference_plausible_but_a_scattered_word_does_not():
    story = [
        "I did get Ruby to the dentist. Three buses with all of them.",
        "The washing machine broke in March.",
    ]
    said = ["It's been one thing after another."]
    # Said back from one line of their story: what they would plausibly say.
    fit = reflection_accuracy("You got Ruby to the dentist on three buses.", said, (), story)
    assert fit.kind == "inference"
    # Words found here and there in their story do not carry nonsense.
    odd = reflection_accuracy("The dentist is a washing machine for buses.", said, (), story)
    assert not odd.fits


@pytest.mark.parametrize(
    ("a", "b"),
    [("changing", "change"), ("hoping", "hope"), ("sitting", "sit"), ("caring", "care")],
)
def test_word_forms_meet(a, b):
    from mi_trainer.coding.accuracy import content_meanings

    assert content_meanings(a) == content_meanings(b)


def test_a_set_phrase_is_one_feeling():
    from mi_trainer.coding.accuracy import content_meanings

    assert content_meanings("You're fed up.") != content_meanings("You're fed.")


@pytest.mark.parametrize(
    ("earlier", "again", "small_edits", "same"),
    [
        (
            "You're exhausted and nobody helps.",
            "So, you're exhausted, and nobody helps.",
            False,
            True,
        ),
        (
            "You're on your own and nobody sees how hard you work.",
            "Nobody sees how hard you work, and you're on your own.",
            False,
            True,
        ),
        (
            "You're doing it all on your own, and nobody sees how hard you work.",
            "Nobody notices how hard you're working on your own.",
            True,
            True,
        ),
        (
            "You're doing it all on your own, and nobody sees how hard you work.",
            "Nobody notices how hard you're working on your own.",
            False,
            False,
        ),
        ("The mornings are hard.", "The wine helps you sleep.", True, False),
    ],
)
def test_a_line_said_again_is_the_same_content(earlier, again, small_edits, same):
    from mi_trainer.coding.accuracy import content_meanings, same_content

    a, b = set(content_meanings(earlier)), set(content_meanings(again))
    assert same_content(a, b, small_edits=small_edits) is same


def test_a_feeling_alone_is_a_guess_even_when_their_words_carry_none():
    fit = reflection_accuracy(
        "It sounds like the last few weeks have been exhausting.", ["Hello. Come in."]
    )
    assert fit.kind == "inference"
