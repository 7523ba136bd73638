"""A new scenario to start from: valid, richly commented YAML (``mi-trainer new``).

Written as text (not dumped from models) so the comments teach the format. The
result validates cleanly under ``mi-trainer validate --strict`` (a test holds it).
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_MEMBERS = 4


@dataclass(frozen=True, slots=True)
class _Person:
    id: str
    name: str
    role: str
    age: int
    opening: str
    relation: str  # who they are to the children, for the facts block
    pronoun: str


PEOPLE = (
    _Person(
        "alex",
        "Alex",
        "mother",
        32,
        '["Come in, then.", "Hello. You\'d better sit down."]',
        "mum",
        "she",
    ),
    _Person(
        "sam", "Sam", "father", 35, "\"I'm staying in the room, if that's alright.\"", "dad", "he"
    ),
    _Person("jordan", "Jordan", "young person", 15, '"Do I have to be here?"', "son", "he"),
    _Person("pat", "Pat", "grandmother", 61, '"Sit yourself down. Tea?"', "grandmother", "she"),
)


def title_from_id(scenario_id: str) -> str:
    words = scenario_id.replace("_", "-").split("-")
    return " ".join(words).capitalize()


HEADER = """\
# {id}.yaml: a practice scenario for mi-trainer (format: docs/authoring.md).
#
# Workflow:
#   mi-trainer validate --strict {id}.yaml      # every problem as file:line:col
#   mi-trainer play {id}.yaml --script lines.txt # one practitioner line per line
#
# Editor help: run `mi-trainer schema -o mi-trainer-scenario.schema.json` and keep the
# next line pointing at it (VS Code's YAML extension then completes and checks keys).
# yaml-language-server: $schema=mi-trainer-scenario.schema.json

schema_version: 1                 # the format version; always 1 for now
id: {id}                          # unique, lower-case, hyphens (matches the file name)
title: "{title}"                  # shown in the scenario list
summary: "One or two sentences: who, where and what the worry is."
themes: [neglect]                 # tags, e.g. substance misuse, domestic abuse,
                                  # parental mental health, kinship care, staff supervision
difficulty: 2                     # 1 (gentle) to 5 (very hard)
setting: "Home visit during a child and family assessment"
learning_goals:
  - "Reflect before asking"
  - "Evoke the family's own reasons for change"
content_notes: ["neglect"]        # sensitive content, shown before the session starts
debrief: |
  For the trainer: what good practice looks like here, what to watch for, and what the
  family members will only say once trust is earned.
turn_limit: 40                    # practitioner turns before time is up

# Topics: what the practitioner may mention. Keywords are lower-case words or phrases.
# Conditions refer to topics by their id (e.g. `topics: [school]`).
topics:
  school: [school, attendance, teacher, uniform, late]
  home: [home, house, evenings, mornings, bedtime]
  worries: [worry, worried, worries, stress, stressed, scared]

# Optional tuning of the engine's reactions (docs/simulation.md has every rule).
rules:
  stages: {{contemplation: 0.3, preparation: 0.6}}   # readiness where each stage begins

# Response sets: shared replies that members add with `uses:`. Put sets that several
# scenarios share in an include file, e.g. _shared/common.yaml, and list it under
# `includes:` at the top level.
response_sets:
  gentle-fallbacks:
    - say: ["I don't know.", "Maybe."]
      talk: neutral
      intent: hesitate
      weight: 0.3                 # low weight: said only when nothing fits better

members:
"""

MEMBER = """\
  - id: {id}                      # used for @{id} and in references
    name: {name}
    role: {role}
    age: {age}
    persona: "How {name} comes across: guarded, warm, quick to feel judged..."
    background: "{name}'s story so far, in a few sentences."
    values: ["being a good parent", "keeping the family together"]
    reasons_against_change: ["things are fine as they are", "fear of being judged"]
    stage: precontemplation       # precontemplation | contemplation | preparation | action
    start: {{rapport: 0.3, openness: 0.3, discord: 0.2}}   # 0..1; readiness follows the stage
    opening: {opening}   # a line, or a list of lines (one is chosen)
    walk_out: "I'm not doing this. I think you should go."   # when discord gets too high
    closing:                      # when the practitioner ends; most specific line that holds
      - say: "Thanks. That was better than I expected."
        talk: neutral
        when: {{rapport: ">= 0.5"}}
      - "Right. Bye, then."       # plain text: a neutral line
    uses: [gentle-fallbacks]
    responses:                    # chosen among those whose `when` holds
      - id: {id}-open
        say: ["Evenings are the hardest. Everyone's tired.", "It's just busy, you know?"]
        talk: neutral             # change | sustain | neutral | discord
        intent: inform            # deny downplay blame engage inform hesitate acknowledge plan
        when: {{families: [question]}}
      - id: {id}-closed
        say: ["No.", "Sometimes."]
        talk: neutral
        intent: hesitate
        when: {{codes: [question_closed]}}
      - id: {id}-heard
        say: ["Yeah. That's it, really.", "I do want things calmer for the kids."]
        talk: change
        darn_cat: desire          # desire ability reason need commitment activation taking_steps
        intent: acknowledge
        when: {{families: [reflection, adherent]}}
      - id: {id}-reflects-change
        say: "I want them to have a better start than I had."
        talk: change
        darn_cat: reason
        intent: acknowledge
        when: {{reflects: [change]}}
      - id: {id}-told
        say: ["You don't know what it's like here.", "Don't tell me how to raise my kids."]
        talk: discord
        intent: blame
        when: {{families: [directive]}}
        effects: {{discord: +0.05}}   # extra change to {name}'s state when said
      - id: {id}-school-worry
        say: "The school's always on at me about being late."
        talk: sustain
        darn_cat: reason
        intent: downplay
        when: {{topics: [school], rapport: "< 0.5"}}
      - id: {id}-info
        say: ["Right. I didn't know that.", "Okay."]
        talk: neutral
        intent: inform
        when: {{families: [information, other]}}
    disclosures:                  # said once, only when `when` holds (trust earned)
      - id: {id}-mornings
        say: "Some mornings I can't get out of bed. The kids get themselves ready."
        talk: change
        darn_cat: need
        when: {{rapport: ">= 0.5", families: [reflection, question], topics: [home, worries]}}
    plans:                        # the only plans {name} can voice (from preparation on)
      - id: {id}-alarm-plan
        say: "I could set an alarm and get the uniforms out the night before."
        talk: change
        darn_cat: commitment
        intent: plan
        when: {{stage: [preparation]}}
"""

INTERJECTION = """\
  - member: {who}                 # who speaks up
    when: {{addressed: {target}, families: [directive]}}   # state keys: the interjector's own
    chance: 0.6                   # 0..1, applied once the condition holds
    say: "Don't talk to {target_name} like that."
    talk: discord
    effects: {{discord: +0.05}}
"""


FACTS = """\

# Facts: what the members know, so that "How old is Riley?", "Who lives with you?" and
# "Why did the school ring?" get a real answer (docs/authoring.md, "Facts"). Keep them in
# line with the summary, backgrounds and lines above. `validate` checks that every member
# can answer the core facts: the household, the children and the referral.
facts:
  people:                         # everyone the family talks about (id -> who they are)
{people}    riley: {{name: Riley, relation: daughter, pronoun: she, age: "eight", aliases: [eldest],
      lives: "Here, with us", school: "Year 4 at the primary",
      wellbeing: "She's quiet. She notices everything."}}
    max: {{name: Max, relation: son, pronoun: he, age: "five", aliases: [youngest, little one],
      lives: "Here", school: "Reception at the primary", wellbeing: "He's all go. Hates mornings."}}
  household: [{household}, riley, max]   # ids of who lives in the home
  items:                          # each fact: what it answers and how it is said
    - id: household
      about: [household]          # household children age name where when how_much ...
      answer: "{household_line}"
      guarded: ["{household_line} Why?"]      # while rapport is low
    - id: children
      about: [children]
      people: [riley, max]
      answer: "Two. Riley's eight and Max is five."
    - id: referral
      about: [referral, services, event]
      keywords: [school, rang, referral, late, why]   # words that point at this fact
      answer: "The school rang you. About the kids being late."
      short: "it was the school"  # for "I told you, it was the school"
      guarded: ["The school. Because they've been late a few times."]
      open: ["The school. Max has been late most weeks and Riley's been tired in class."]
      deflect: ["Ask the school. They're the ones who rang you."]   # a refusal about it
      topics: [school]            # the focus it sets, and the lines that may follow it
    - id: mornings
      about: [routine]
      keywords: [morning, mornings, school, run, late, breakfast]
      answer: "Mornings are a battle. Max won't get dressed."
      open: ["Mornings are the worst. Max won't get dressed and we're all shouting by eight."]
      topics: [home, school]
"""


def _facts(people: tuple[_Person, ...]) -> str:
    lines = "".join(
        f"    {p.id}: {{name: {p.name}, member: {p.id}, relation: {p.relation}, "
        f'pronoun: {p.pronoun}, age: "{p.age}", lives: "Here"}}\n'
        for p in people
    )
    who = "Me" if len(people) == 1 else "Us"
    household_line = f"{who} and the kids, Riley and Max."
    return FACTS.format(
        people=lines,
        household=", ".join(p.id for p in people),
        household_line=household_line,
    )


def scaffold(scenario_id: str, members: int = 2) -> str:
    """The text of a new scenario with ``members`` people (1..4)."""
    count = max(1, min(MAX_MEMBERS, members))
    text = HEADER.format(id=scenario_id, title=title_from_id(scenario_id))
    people = PEOPLE[:count]
    text += "\n".join(
        MEMBER.format(id=p.id, name=p.name, role=p.role, age=p.age, opening=p.opening)
        for p in people
    )
    if count > 1:
        text += (
            "\n# Family scenes: after a reply, another member may speak up. Add `leaves: true`\n"
            "# to make a member leave the room after their line (a teenager storms off).\n"
            "interjections:\n"
        )
        target = people[0]
        text += "".join(
            INTERJECTION.format(who=p.id, target=target.id, target_name=target.name)
            for p in people[1:]
        )
    return text + _facts(people)
