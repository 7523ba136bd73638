"""What the worker is doing, beyond the MITI code: the intent component (coding/intent.py)."""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.result import CodedUtterance, PractitionerIntent


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


# line -> (kind, subject, member)
INTENTS = [
    ("How old is Mia?", "ask_fact", "age", "mia"),
    ("Who else lives with you?", "ask_fact", "household", None),
    ("What did the school say exactly?", "ask_fact", "services", None),
    ("Where are the children now?", "ask_fact", "where", "children"),
    ("Is the children's dad in touch?", "ask_fact", "contact", "dad"),
    ("Which school does Tyler go to?", "ask_fact", "school", "tyler"),
    ("When is the conference?", "ask_fact", "when", None),
    ("How much do you drink on a typical night?", "ask_fact", "how_much", None),
    ("Do you work at the moment?", "ask_fact", "work", None),
    ("What's the baby called?", "ask_fact", "name", "baby"),
    ("What happened on Tuesday night?", "ask_event", "event", None),
    ("Can you talk me through the night the police came?", "ask_event", "event", None),
    ("What do you think about the school's concerns?", "ask_view", "view", None),
    ("Do you want a cup of tea?", "offer", "drink", None),
    ("Would you like to stop for a minute?", "offer", "break", None),
    ("Can I sit here?", "ask_permission", "seat", None),
    ("Is it okay if we talk about the drinking?", "ask_permission", "ask", None),
    (
        "So you're up at six, the school keeps ringing, nobody helps. Is that right?",
        "summarise",
        "summary",
        None,
    ),
    ("I'm sorry, I came in far too strong.", "apologise", "repair", None),
    ("Thanks for letting me in.", "thank", "thanks", None),
    ("How is Ryan coping?", "ask_about_member", "wellbeing", "ryan"),
    ("What does Gary think about the plan?", "ask_about_member", "view", "gary"),
    ("Have you ever thought about ending your life?", "ask_risk", "suicide", None),
    ("Have you been hurting yourself?", "ask_risk", "self_harm", None),
    ("Has he ever hit you?", "ask_risk", "violence", None),
    ("Has anyone ever hurt the children?", "ask_risk", "harm_to_child", "children"),
    # asked of the one who may have been violent: a risk question too
    ("Did you hit Shannon?", "ask_risk", "violence", "shannon"),
    ("Did you grab her arm?", "ask_risk", "violence", None),
    ("Have you ever put your hands on her?", "ask_risk", "violence", None),
    # the subject of a question, whatever its wording
    ("What ages are your two?", "ask_fact", "age", None),
    ("Who's at home with you?", "ask_fact", "household", None),
    ("Does Ellie go to nursery?", "ask_fact", "school", "ellie"),
    ("What does Ryan do for work?", "ask_fact", "work", "ryan"),
    ("What are your weekends like?", "ask_fact", "routine", None),
    ("What's a typical evening like for you?", "ask_fact", "routine", None),
    ("Who's supporting you through this?", "ask_fact", "support", None),
    ("What has the health visitor said?", "ask_fact", "services", None),
    ("What's the kids' mum called?", "ask_fact", "name", "mum"),  # named by relation
    # typed without a '?', after a lead-in or a name, or after a clause
    ("and what age is Tyler", "ask_fact", "age", "tyler"),
    ("so where does their dad live these days", "ask_fact", "where", "dad"),
    ("sorry, how long has Pat had the children", "ask_fact", "when", "pat"),
    ("ellie how old is noah", "ask_fact", "age", None),
    ("how's alfie getting on at nursery", "ask_fact", "school", None),
    # offers and requests in other words
    ("Do you fancy five minutes before we carry on?", "offer", "break", None),
    ("Mind if I perch on the arm of the sofa?", "ask_permission", "seat", None),
    # the frame is the leave asked, its thing later, or after a lead-in ("ok")
    ("ok if i jot a few things down", "ask_permission", "notes", None),
    ("mind if i scribble a few bits down?", "ask_permission", "notes", None),
    ("ok if i take my shoes off", "ask_permission", "shoes", None),
    # a choice whose second half asks, typed without a '?'
    ("shoes off or are you ok", "ask_permission", "ask", None),
]


@pytest.mark.parametrize(("line", "kind", "subject", "member"), INTENTS)
def test_the_intent_of_a_line(coder, line, kind, subject, member):
    intent = coder.code(line).intent
    assert (intent.kind, intent.subject, intent.member) == (kind, subject, member), intent
    assert intent.cue  # the id of the pattern that decided it


@pytest.mark.parametrize(
    "line",
    [
        "I'm sorry to hear that.",  # sympathy, not an apology
        "So you're saying the moon is cheese.",
        "You said Mia is nine.",  # says back a fact; does not ask for it
        "Have you hit rock bottom?",  # an idiom, not violence
        "It must have hit you hard.",
        # shaped like statements, not questions, though they open with a wh-word
        "What you said about the mornings stuck with me.",
        "When you talk about Mia, you smile.",
        "Can't have been easy.",
    ],
)
def test_lines_that_are_not_asks_or_apologies(coder, line):
    assert coder.code(line).intent.kind in ("other", "ask_view")
    assert not coder.code(line).risk_question


def test_a_risk_question_is_flagged(coder):
    assert coder.code("Have you had thoughts of killing yourself?").risk_question
    assert not coder.code("How old is Mia?").risk_question


def test_intent_is_serialised_and_old_records_load_without_it(coder):
    coded = coder.code("How old is Mia?")
    again = CodedUtterance.from_dict(coded.to_dict())
    assert again.intent == coded.intent == PractitionerIntent("ask_fact", "age", "mia", "fact_age")
    old = coded.to_dict()
    del old["intent"]
    assert CodedUtterance.from_dict(old).intent is None


@pytest.mark.parametrize(
    "line", ["right, does Kai still go to football", "jade is that your mum's car outside"]
)
def test_a_question_typed_without_its_mark_is_marked_as_one(coder, line):
    """The engine hears it as a question, not as a reflection to check."""
    assert coder.code(line).intent.cue == "question_form"
