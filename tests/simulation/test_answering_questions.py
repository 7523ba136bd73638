"""Family members answer what was asked (issue 21), in phrasings the engine was not tuned on.

Each row is a concrete question a social worker asks on a first visit, said as the session's
first line to one member of a bundled scenario, with the real coder: the reply must say what
was asked (one of ``expect``), never contradict the scenario (none of ``never``), and a
wh-question never gets a bare yes or no.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest

from mi_trainer.simulation import SimulatedSession
from mi_trainer.simulation.loading import load_for_play, make_coder

# scenario, member, question, expected (any), never
ROWS: list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]] = [
    # ages, by name, relation and role, and as a birthday
    ("mum-drinking-school-concerns", "kerry", "And Mia, how old's she?", ("nine",), ("six",)),
    ("mum-drinking-school-concerns", "kerry", "How old's your youngest?", ("six",), ("nine",)),
    ("mum-drinking-school-concerns", "kerry", "What ages are your two?", ("nine", "six"), ()),
    ("nan-kinship-care", "pat", "And how old is Jayden now?", ("eight",), ("five",)),
    ("dad-neglect-plo-hopeless", "darren", "How old's the eldest?", ("ten",), ("four",)),
    ("dad-minimising-before-icpc", "craig", "How old's your little boy?", ("eighteen months",), ()),
    ("couple-new-baby-low-mood", "ryan", "How old's Ellie?", ("three",), ("weeks",)),
    ("teen-cannabis-missing", "kai", "How old's Leah?", ("nine",), ("fifteen",)),
    ("teen-cannabis-missing", "donna", "How old is your son?", ("fifteen", "15"), ()),
    # the household
    (
        "mum-drinking-school-concerns",
        "kerry",
        "So who lives here with you?",
        ("mia", "tyler", "kids", "three"),
        ("boyfriend",),
    ),
    (
        "nan-kinship-care",
        "pat",
        "Is it just you and the children in the house?",
        ("jayden", "amber", "little ones", "me and"),
        (),
    ),
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "Who else is living here?",
        ("kids", "three", "kayden"),
        (),
    ),
    (
        "couple-new-baby-low-mood",
        "jade",
        "Who else lives in the house?",
        ("ryan", "ellie", "baby", "noah"),
        (),
    ),
    ("teen-cannabis-missing", "kai", "Who else lives at home?", ("mum", "leah", "three"), ()),
    # school
    ("mum-drinking-school-concerns", "kerry", "What school does Mia go to?", ("oakfield",), ()),
    ("nan-kinship-care", "pat", "Is Amber at school yet?", ("reception", "primary"), ()),
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "Where does Maisie go to school?",
        ("reception", "primary"),
        (),
    ),
    (
        "teen-cannabis-missing",
        "donna",
        "Is Kai going to school at the moment?",
        ("timetable", "mornings", "year 11", "exclusion"),
        (),
    ),
    # where people are and live
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Where's the kids' dad now?",
        ("leeds", "not around", "left"),
        (),
    ),
    (
        "dad-minimising-before-icpc",
        "craig",
        "Where are you staying at the moment?",
        ("mum's", "blow-up"),
        (),
    ),
    ("nan-kinship-care", "pat", "Where's the children's mum these days?", ("flat", "town"), ()),
    ("teen-cannabis-missing", "kai", "Where's your dad at the moment?", ("prison",), ()),
    ("couple-new-baby-low-mood", "jade", "Does Ryan's mum live close by?", ("ten minutes",), ()),
    # when, how long, how often, how much
    ("couple-new-baby-low-mood", "ryan", "When's Noah next being weighed?", ("tuesday",), ()),
    (
        "dad-minimising-before-icpc",
        "craig",
        "When is the child protection conference?",
        ("next week",),
        (),
    ),
    (
        "nan-kinship-care",
        "pat",
        "How long have Jayden and Amber been living with you?",
        ("eight months",),
        (),
    ),
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "How long have the kids been on a child protection plan?",
        ("fourteen months",),
        (),
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "How much wine would you have in an evening?",
        ("glass", "couple", "few"),
        (),
    ),
    (
        "teen-cannabis-missing",
        "kai",
        "How often do you smoke weed?",
        ("most days", "bit", "sleep"),
        (),
    ),
    (
        "manager-recording-behind",
        "amira",
        "How many cases are you carrying?",
        ("twenty-two", "22"),
        (),
    ),
    ("teen-cannabis-missing", "donna", "How many times has he gone missing?", ("three",), ()),
    # services, what was said, the referral
    (
        "couple-new-baby-low-mood",
        "jade",
        "What has the health visitor said about Noah?",
        ("weigh", "chart", "centiles"),
        (),
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "What's the school been saying?",
        ("late", "monday", "uniform"),
        (),
    ),
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "What has your solicitor told you?",
        ("court", "chance"),
        (),
    ),
    (
        "manager-recording-behind",
        "amira",
        "What did the audit say?",
        ("three months", "six", "recording"),
        (),
    ),
    ("dad-minimising-before-icpc", "craig", "Who rang the police that night?", ("neighbour",), ()),
    # work, money, support, routine
    ("couple-new-baby-low-mood", "jade", "What does Ryan do?", ("warehouse", "nights"), ()),
    ("teen-cannabis-missing", "kai", "Where does your mum work?", ("supermarket",), ()),
    ("dad-minimising-before-icpc", "craig", "What's your job?", ("scaffold",), ()),
    ("nan-kinship-care", "pat", "What's money like at the moment?", ("pension", "get by"), ()),
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "Is there any family who could help out?",
        ("sister",),
        (),
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Is there anyone who helps you with the kids?",
        ("sister",),
        (),
    ),
    ("nan-kinship-care", "pat", "What time are the children up in the morning?", ("six",), ()),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "What are the mornings like in your house?",
        ("morning", "tyler", "get up"),
        (),
    ),
    (
        "nan-kinship-care",
        "pat",
        "What does a normal day look like for you and the kids?",
        ("six", "school", "bath", "bed"),
        (),
    ),
    (
        "manager-recording-behind",
        "amira",
        "What have your weekends been like lately?",
        ("weekend", "family"),
        (),
    ),
    # about another member, either member answering
    (
        "couple-new-baby-low-mood",
        "jade",
        "How's Ryan doing with it all?",
        ("knackered", "exhausted", "everything", "tired"),
        (),
    ),
    ("couple-new-baby-low-mood", "ryan", "How's Jade been?", ("tired",), ()),
    ("teen-cannabis-missing", "donna", "How's Leah coping with everything?", ("bed", "hears"), ()),
    ("teen-cannabis-missing", "kai", "How's your mum been?", ("stressed", "on at me", "cries"), ()),
    # a second batch, written after the first was answered
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Tell me about the kids. How old are they?",
        ("nine", "six"),
        (),
    ),
    ("mum-drinking-school-concerns", "kerry", "Is Mia at Oakfield too?", ("oakfield",), ()),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "What's Mia's school like?",
        ("oakfield", "year 5", "school"),
        (),
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Do the children see their father at all?",
        ("no", "not around", "left"),
        (),
    ),
    ("mum-drinking-school-concerns", "kerry", "Where is Mia right now?", ("school",), ()),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "How many nights a week do you drink?",
        ("night", "glass", "couple", "few"),
        (),
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "What's bedtime like for the kids?",
        ("eight", "bed"),
        (),
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Who takes them to school?",
        ("me", "i ", "morning", "school"),
        (),
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Are you on your own with the children?",
        ("just", "mia", "tyler", "kids", "us three", "me"),
        (),
    ),
    ("nan-kinship-care", "pat", "Who is Michelle?", ("daughter", "mum"), ()),
    ("nan-kinship-care", "pat", "And their mum, where is she living?", ("flat", "town"), ()),
    ("nan-kinship-care", "pat", "How is Jayden?", ("worries", "doors", "jayden"), ()),
    ("nan-kinship-care", "pat", "Do you get any help from your family?", ("jean", "sister"), ()),
    ("nan-kinship-care", "pat", "Where does Gary live?", ("across town", "speak"), ()),
    (
        "nan-kinship-care",
        "pat",
        "Is there a family group conference planned?",
        ("conference", "assessment"),
        (),
    ),
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "How old are Kayden, Ruby and Maisie?",
        ("ten", "seven", "four"),
        (),
    ),
    ("dad-neglect-plo-hopeless", "darren", "When did their mum leave?", ("two years",), ()),
    ("dad-neglect-plo-hopeless", "darren", "What benefits are you on?", ("universal credit",), ()),
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "What's the house like at the moment?",
        ("house", "sorted", "review", "family house"),
        (),
    ),
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "Does Maisie go to school?",
        ("reception", "primary"),
        (),
    ),
    ("dad-minimising-before-icpc", "craig", "Where's Shannon living now?", ("house", "kids"), ()),
    ("dad-minimising-before-icpc", "craig", "How's Alfie?", ("little", "know"), ()),
    ("dad-minimising-before-icpc", "craig", "Do you drink much?", ("few", "weekend", "couple"), ()),
    (
        "dad-minimising-before-icpc",
        "craig",
        "What happened three weeks ago?",
        ("row", "argument", "police", "neighbour"),
        (),
    ),
    ("dad-minimising-before-icpc", "craig", "When do you next see the kids?", ("saturday",), ()),
    ("dad-minimising-before-icpc", "craig", "Who are you living with?", ("mum",), ()),
    ("couple-new-baby-low-mood", "jade", "What's the baby's name?", ("noah",), ()),
    (
        "couple-new-baby-low-mood",
        "jade",
        "How's Ellie getting on at nursery?",
        ("nursery", "clingy", "ellie", "mornings"),
        (),
    ),
    (
        "couple-new-baby-low-mood",
        "jade",
        "How many feeds is he having?",
        ("three hours", "bottle"),
        (),
    ),
    ("couple-new-baby-low-mood", "jade", "Were you on medication before?", ("tablets",), ()),
    ("couple-new-baby-low-mood", "ryan", "What shifts do you do?", ("nights", "warehouse"), ()),
    (
        "couple-new-baby-low-mood",
        "ryan",
        "How is the baby doing?",
        ("weight", "hungry", "baby"),
        (),
    ),
    ("couple-new-baby-low-mood", "ryan", "Who does the night feeds?", ("jade",), ()),
    (
        "couple-new-baby-low-mood",
        "ryan",
        "Does your mum help out?",
        ("mum", "ten minutes", "offered"),
        (),
    ),
    ("teen-cannabis-missing", "donna", "Where was Kai found?", ("two counties", "police"), ()),
    (
        "teen-cannabis-missing",
        "donna",
        "Is Kai still at school?",
        ("timetable", "year 11", "mornings", "exclusion"),
        (),
    ),
    ("teen-cannabis-missing", "donna", "Does Kai have contact with his dad?", ("prison",), ()),
    ("teen-cannabis-missing", "donna", "What's Leah like?", ("bed", "hears", "leah"), ()),
    ("teen-cannabis-missing", "kai", "Who gave you the phone?", ("mate",), ()),
    (
        "teen-cannabis-missing",
        "kai",
        "Are you still playing football?",
        ("football", "used to", "not now"),
        (),
    ),
    ("teen-cannabis-missing", "kai", "Where do you go when you go out?", ("mate", "out"), ()),
    (
        "teen-cannabis-missing",
        "kai",
        "Is your sister alright?",
        ("bed", "hears", "leah", "she"),
        (),
    ),
    ("teen-cannabis-missing", "kai", "What's your mum's job?", ("supermarket",), ()),
    (
        "manager-recording-behind",
        "amira",
        "How long have you been in the team?",
        ("four years",),
        (),
    ),
    (
        "manager-recording-behind",
        "amira",
        "How many of your cases are child protection?",
        ("two", "cp", "child protection"),
        (),
    ),
    ("manager-recording-behind", "amira", "Do you have children yourself?", ("no",), ()),
    (
        "manager-recording-behind",
        "amira",
        "Where does your family live?",
        ("motorway", "two hours"),
        (),
    ),
    (
        "manager-recording-behind",
        "amira",
        "How many new cases did you get last month?",
        ("three",),
        (),
    ),
    # a third batch: named at the start, two sentences, yes/no forms
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Thanks for seeing me. How old are Mia and Tyler?",
        ("nine", "six"),
        (),
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Kerry, who else lives here?",
        ("mia", "tyler", "kids", "three"),
        (),
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Is it just you and the kids?",
        ("mia", "tyler", "kids", "three", "just"),
        (),
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "What do you do for work, Kerry?",
        ("care home",),
        (),
    ),
    ("mum-drinking-school-concerns", "kerry", "When did their dad leave?", ("three years",), ()),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Tell me about Tyler.",
        ("tyler", "dinosaurs", "noise", "mornings", "six"),
        (),
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "And what's Tyler like in the mornings?",
        ("mornings", "get up", "tyler"),
        (),
    ),
    ("nan-kinship-care", "pat", "How old is Amber now?", ("five",), ()),
    ("nan-kinship-care", "pat", "Has Michelle got a flat?", ("flat", "town"), ()),
    ("nan-kinship-care", "pat", "Are the children at school today?", ("school",), ()),
    (
        "nan-kinship-care",
        "pat",
        "How are you finding it, looking after two young ones at your age?",
        ("knees", "stairs", "tired", "manage", "routine", "six", "it's", "i"),
        (),
    ),
    ("dad-neglect-plo-hopeless", "darren", "Where do the kids go to school?", ("primary",), ()),
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "Has your sister offered to help?",
        ("sister", "offered"),
        (),
    ),
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "What's Maisie like?",
        ("carrying", "maisie", "alright"),
        (),
    ),
    ("dad-neglect-plo-hopeless", "darren", "Is Ruby seeing the dentist?", ("dentist", "ruby"), ()),
    (
        "dad-minimising-before-icpc",
        "craig",
        "Craig, how old are your children?",
        ("four", "eighteen months"),
        (),
    ),
    (
        "dad-minimising-before-icpc",
        "craig",
        "Where do you see the children?",
        ("mum's", "saturday"),
        (),
    ),
    (
        "dad-minimising-before-icpc",
        "craig",
        "Are you still working?",
        ("scaffold", "not missed"),
        (),
    ),
    (
        "dad-minimising-before-icpc",
        "craig",
        "What are the bail conditions?",
        ("contact", "shannon", "not allowed", "investigation"),
        (),
    ),
    ("couple-new-baby-low-mood", "jade", "Jade, how old is Ellie?", ("three",), ()),
    (
        "couple-new-baby-low-mood",
        "jade",
        "How much is Noah feeding?",
        ("three hours", "bottle"),
        (),
    ),
    (
        "couple-new-baby-low-mood",
        "ryan",
        "Ryan, what time do you get home from work?",
        ("six", "nights", "warehouse"),
        (),
    ),
    ("couple-new-baby-low-mood", "ryan", "Where do you work?", ("warehouse",), ()),
    (
        "couple-new-baby-low-mood",
        "ryan",
        "Has Jade seen a doctor?",
        ("tablets", "gp", "doctor"),
        (),
    ),
    ("teen-cannabis-missing", "donna", "Donna, how old is Leah?", ("nine",), ()),
    (
        "teen-cannabis-missing",
        "donna",
        "What did the police say when they brought him back?",
        ("two counties", "police", "missing", "found"),
        (),
    ),
    ("teen-cannabis-missing", "donna", "Where's Kai's father?", ("prison",), ()),
    ("teen-cannabis-missing", "kai", "Kai, how old are you?", ("15", "fifteen"), ()),
    (
        "teen-cannabis-missing",
        "kai",
        "Do you go to school?",
        ("mornings", "timetable", "year 11", "go"),
        (),
    ),
    ("teen-cannabis-missing", "kai", "Does your dad keep in touch?", ("prison",), ()),
    (
        "teen-cannabis-missing",
        "kai",
        "How much do you smoke a day?",
        ("bit", "most days", "sleep"),
        (),
    ),
    (
        "manager-recording-behind",
        "amira",
        "How big is your caseload right now?",
        ("twenty-two", "22"),
        (),
    ),
    (
        "manager-recording-behind",
        "amira",
        "How far behind is your recording?",
        ("three months", "six"),
        (),
    ),
    (
        "manager-recording-behind",
        "amira",
        "Where are you living these days?",
        ("flat", "own", "across town"),
        (),
    ),
    ("manager-recording-behind", "amira", "How long have you been qualified?", ("four years",), ()),
    # someone who is not in the family
    ("mum-drinking-school-concerns", "kerry", "How old is Lily?", ("lily",), ("nine", "six")),
    # typed without a '?', after a lead-in: still a question, answered
    ("couple-new-baby-low-mood", "jade", "and noah, how old is he now", ("ten weeks",), ()),
    ("mum-drinking-school-concerns", "kerry", "so what time are the kids in bed", ("eight",), ()),
    # the answer in the form asked for: a time, a place
    ("couple-new-baby-low-mood", "ryan", "What time are you due in at work tonight?", ("ten",), ()),
    ("couple-new-baby-low-mood", "jade", "Where's the baby's cot?", ("our room",), ()),
    # a tag question and a statement then a question
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Tyler's the youngest, isn't he?",
        ("six",),
        ("nine",),
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Their dad, does he see them at all?",
        ("left", "not around"),
        ("yes",),
    ),
    (
        "dad-minimising-before-icpc",
        "craig",
        "Your partner, what's her name again?",
        ("shannon",),
        (),
    ),
    # where a child is now is not where they live ("Here with me" while at school)
    ("nan-kinship-care", "pat", "Where's Amber this morning?", ("school",), ("here with me",)),
    # a kin word with a possessive, and a stated fact asked as yes/no
    ("nan-kinship-care", "pat", "what's your granddaughter's name", ("amber",), ("jayden",)),
    ("nan-kinship-care", "pat", "Are you married?", ("widow",), ()),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "Do you ever have a drink at lunchtime?",
        ("no",),
        (),
    ),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "I was wondering what time you collect them.",
        ("quarter past three",),
        (),
    ),
    # a missing teenager's account never says where he was in a way that disagrees with the
    # police finding him far away; his mum says where
    (
        "teen-cannabis-missing",
        "kai",
        "So the last time, where did you end up?",
        ("not saying", "away"),
        ("at a mate's", "just around"),
    ),
    ("teen-cannabis-missing", "donna", "Where was he when they picked him up?", ("counties",), ()),
    # the member's own name opening the line addresses them; the question is about another
    ("teen-cannabis-missing", "donna", "donna what age is leah", ("nine",), ("44",)),
    ("teen-cannabis-missing", "kai", "Do you still go to training?", ("striker", "saturday"), ()),
    # "when" answered with the event's day, and the form asked for
    (
        "dad-minimising-before-icpc",
        "craig",
        "When exactly did the police get called?",
        ("three weeks",),
        (),
    ),
    ("dad-minimising-before-icpc", "craig", "And your partner's name is?", ("shannon",), ()),
    (
        "dad-minimising-before-icpc",
        "craig",
        "Have you been with Shannon long?",
        ("seven years",),
        (),
    ),
    # the children's names, asked of "them"
    ("mum-drinking-school-concerns", "kerry", "what are they called", ("mia and tyler",), ()),
    # a role word asked "who": the name; a year group: the child in it
    ("dad-neglect-plo-hopeless", "darren", "Who's the eldest?", ("kayden",), ()),
    ("dad-neglect-plo-hopeless", "darren", "Which one's in Year 2?", ("ruby",), ()),
    # asking permission, then the question: the question is answered
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "Is it okay if I ask about the washing machine, when did it break?",
        ("march",),
        (),
    ),
    (
        "dad-neglect-plo-hopeless",
        "darren",
        "Have you told your doctor how low you get?",
        ("gp", "never"),
        (),
    ),
    # a yes/no question about the member's own entry; the form of a count
    ("manager-recording-behind", "amira", "Is your flat near here?", ("across town",), ()),
    ("manager-recording-behind", "amira", "Where do you grab lunch on a visit day?", ("car",), ()),
    (
        "manager-recording-behind",
        "amira",
        "How many duty shifts have you picked up?",
        ("four",),
        (),
    ),
    # kin words with an adjective, resolved to the person
    ("dad-minimising-before-icpc", "craig", "How's the little lad doing?", ("too little",), ()),
    (
        "mum-drinking-school-concerns",
        "kerry",
        "and the little one, how old's she?",
        ("six",),
        ("nine",),
    ),
    # nothing known: an "I don't know" about that thing, never a yes/no filler
    ("mum-drinking-school-concerns", "kerry", "When did you last go on holiday?", ("when",), ()),
    ("couple-new-baby-low-mood", "jade", "Who's your best friend?", ("who",), ("sometimes",)),
    # an offer answered yes or no
    (
        "teen-cannabis-missing",
        "donna",
        "Do you fancy five minutes before we carry on?",
        ("no", "yes"),
        (),
    ),
]

WH = re.compile(r"^\W*(?:and |so )?(?:what|where|when|who|which|how)\b", re.IGNORECASE)


@cache
def _coder() -> Any:
    return make_coder()


@cache
def _scenario(scenario_id: str) -> Any:
    return load_for_play(scenario_id)


def _first_reply(scenario_id: str, member: str, question: str) -> str:
    session = SimulatedSession(_scenario(scenario_id), _coder(), seed=0, clock=lambda: None)
    new = session.say(question, addressed=member)
    return next(t.text for t in new[1:] if t.speaker == member)


@pytest.mark.parametrize(
    ("scenario_id", "member", "question", "expect", "never"),
    ROWS,
    ids=[f"{r[1]}: {r[2]}" for r in ROWS],
)
def test_a_concrete_first_question_gets_what_was_asked(
    scenario_id: str, member: str, question: str, expect: tuple[str, ...], never: tuple[str, ...]
) -> None:
    reply = _first_reply(scenario_id, member, question)
    said = reply.lower()
    assert any(word in said for word in expect), reply
    assert not any(word in said for word in never), reply
    if WH.match(question):
        assert not re.match(r"^(yes|no|yeah|nope)[.,!]", said), reply


def test_a_risk_question_before_trust_gets_the_members_own_denial() -> None:
    reply = _first_reply("mum-drinking-school-concerns", "kerry", "Do you hit the children?")
    assert "never" in reply.lower() and "don't know" not in reply.lower(), reply


def test_a_fact_asked_again_is_remembered_in_a_sentence() -> None:
    session = SimulatedSession(
        _scenario("mum-drinking-school-concerns"), _coder(), seed=0, clock=lambda: None
    )
    session.say("How old is Mia?", addressed="kerry")
    again = session.say("And how old is Mia?", addressed="kerry")[-1].text
    assert again.startswith(("I told you, ", "I've said. ", "Like I said, ")), again
    assert "nine" in again and again.endswith((".", "!", "?"))
    assert not re.search(r"\. [a-z]", again), again


@pytest.mark.parametrize(
    ("member", "question", "expect"),
    [
        ("ryan", "Is your mum nearby?", "ten minutes"),  # where she lives: 'nearby'
        ("jade", "Does Ryan's mum live close?", "ten minutes"),
    ],
)
def test_how_near_someone_lives_is_where_they_live(member: str, question: str, expect: str):
    assert expect in _first_reply("couple-new-baby-low-mood", member, question).lower()
