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
