"""Confrontation on unseen lines (session 8, s8-confront).

Each table is one FORM of confronting, in our own words and in situations no coded-lines file
uses (a dog left in a hot car, a teenager vaping in class, a grandad's fireworks in the shed, a
trampoline with no net, a mum's payday loans, a pony left unfed, a boy's e-scooter). The last
tables are the other side: MI-adherent lines of the same shapes that must stay MI-adherent.
docs/coding.md ("Session 8: confrontation on unseen lines (s8-confront)") lists the forms.
"""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code

CODER = Coder()

CONFRONT = [
    # typed without apostrophes: the cues written with "'s" / "n't" hear it ("u" is "you")
    ("its only a few loans", "thats reckless with two kids to feed"),
    ("the dog was fine", "thats neglect, leaving her in a hot car"),
    ("i dont see the problem", "dont you think the kids deserve better"),
    # blame: what would not have happened had they acted
    (
        "The net came off in the wind.",
        "If you'd fixed the net, Ollie wouldn't have broken his arm.",
    ),
    ("He's always been wild.", "If you'd been checking his phone, he wouldn't be in this trouble."),
    # their word replaced by a verdict
    ("It's just a smack now and then.", "That's not discipline, that's physical abuse."),
    ("I'm only looking after her money.", "It's not help, it's financial abuse."),
    (
        "I'm keeping him safe by keeping him in.",
        "You're not keeping him safe, you're isolating him.",
    ),
    # shaming comparison
    ("I can't manage the school run.", "Other mums have it far harder than you and they manage."),
    # rhetorical questions that blame or doubt
    ("I left the window open a bit.", "What were you thinking, leaving the dog in the car?"),
    ("I've stopped the vaping now.", "You said that in May, so why should school believe you?"),
    (
        "It was only round the block.",
        "How would you live with yourself if he'd come off that scooter?",
    ),
    # ultimatums and warnings
    (
        "I'm not moving the fireworks.",
        "They go by Friday or we take this further, make no mistake.",
    ),
    ("I'll feed her when I can.", "Keep skipping the pony's feeds and the charity will be called."),
]


DIRECTIVE = frozenset({Code.CONFRONT, Code.PERSUADE})

# MI-adherent lines of the same shapes.
NOT_DIRECTIVE = [
    # a counterfactual of what they missed out on, or of what they did right
    (
        "Nobody helped me back then.",
        "If you'd had more support, things might have gone differently.",
    ),
    ("I rang the police in the end.", "If you hadn't rung them, she wouldn't be safe now."),
    (
        "I wish I'd known sooner.",
        "If you'd known then what you know now, you'd have done it differently.",
    ),
    # a reframe that names a strength, not a harm
    ("I'm so weak, I cried in front of them.", "That's not weakness, that's how much you care."),
    ("I'm failing him.", "You're not failing him, you're exhausted."),
    # normalising, not shaming
    ("Everyone else seems to cope.", "A lot of parents struggle with the school run."),
    # typed without apostrophes, MI-adherent
    ("im knackered all the time", "sounds like its really wearing u down"),
    ("i dont want him going back", "u dont want that for him"),
    (
        "I've had a rough week.",
        "ur call but a night off might help, tell me if thats not right for u",
    ),
    # what they were thinking, asked openly
    ("I just froze.", "What was going through your mind at that point?"),
]


def test_typed_contraction_is_heard_like_the_written_one() -> None:
    typed = CODER.code("thats not ok", "I hit him.")
    written = CODER.code("that's not ok", "I hit him.")
    assert typed.code == written.code


MORE_CONFRONT = [
    (
        "I'll stop the loans after Christmas.",
        "I'm sorry, but borrowing against the rent was reckless.",
    ),
    ("I didn't tell the nurse.", "Didn't you promise you'd ring her if he got worse?"),
    ("It's just a phase.", "Sure, and I suppose he just happens to vape in every lesson."),
    (
        "Everyone's kids are on trampolines.",
        "Plenty of parents have trampolines and don't let toddlers on alone.",
    ),
    ("I want him back with me full time.", "You can barely look after yourself at the moment."),
    (
        "Fireworks are only a bit of fun.",
        "Storing them next to the boiler makes you part of the problem.",
    ),
    ("He's a lovely lad, I trust him.", "You've lost all perspective where he's concerned."),
]


@pytest.mark.parametrize(("previous", "line"), CONFRONT + MORE_CONFRONT)
def test_confrontation_is_heard_as_confront(previous: str, line: str) -> None:
    coded = CODER.code(line, previous)
    assert coded.code == Code.CONFRONT, (line, coded.code, coded.sentences)


MORE_NOT_DIRECTIVE = [
    (
        "I'm sorry I'm late.",
        "I'm sorry, but getting here through that traffic was never going to be easy.",
    ),
    (
        "Loads of people must feel like this.",
        "Plenty of parents feel that way and still find a way through.",
    ),
    ("I can't keep on top of it all.", "You feel like you can barely keep your head above water."),
    ("I keep saying I'll go.", "What's made it hard to get to the appointment?"),
]


@pytest.mark.parametrize(("previous", "line"), NOT_DIRECTIVE + MORE_NOT_DIRECTIVE)
def test_mi_adherent_lines_of_the_same_shapes_are_not_directive(previous: str, line: str) -> None:
    coded = CODER.code(line, previous)
    assert coded.code not in DIRECTIVE, (line, coded.code, coded.sentences)


TYPED_UR = [
    ("I only had a couple.", "ur not being straight with me about the drinking", Code.CONFRONT),
    ("I'm fine.", "ur a danger to him when ur like this", Code.CONFRONT),
]


@pytest.mark.parametrize(("previous", "line", "code"), TYPED_UR)
def test_typed_ur_before_what_only_youre_precedes_is_you_are(
    previous: str, line: str, code: Code
) -> None:
    coded = CODER.code(line, previous)
    assert coded.code == code, (line, coded.code, coded.sentences)


def test_typed_ur_keeps_the_text_and_is_your_before_a_noun() -> None:
    from mi_trainer.coding.pipeline import build_nlp

    nlp = build_nlp()
    doc = nlp("ur a star and ur mum knows it")
    assert doc.text == "ur a star and ur mum knows it"
    assert [t.lower_ for t in doc][:3] == ["you", "'re", "a"]
    assert "your" in [t.lower_ for t in doc]
