"""The child-protection lens beside MITI: clarity about concerns, purposefulness, child focus.

Forrester and colleagues' studies of child-protection conversations rate, beside MI spirit
("care"), the worker's *authority*: clarity about concerns (the concern is named honestly,
without threat or euphemism), purposefulness (the conversation has a clear, shared purpose and
ends with next steps) and child focus (the children's experience stays in view). These are
estimates (1–5) from the words alone, by the rules in docs/scoring.md, each with its basis and
turns. The cue phrases are data: ``scoring/patterns/lens.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from mi_trainer.coding.codes import MI_NON_ADHERENT, Code
from mi_trainer.scoring.facts import PTurn
from mi_trainer.scoring.model import GlobalEstimate
from mi_trainer.scoring.safeguarding import Safeguarding
from mi_trainer.transcript import Transcript
from mi_trainer.wording import agree, plural

LENS_PATH = Path(__file__).with_name("patterns") / "lens.yaml"
LABELS = {
    "clarity": "Clarity about concerns",
    "purposefulness": "Purposefulness",
    "child_focus": "Child focus",
}
# Warnings of what will happen to the family: the confront code's threats.
THREAT_WORDS = ("removed", "into care", "take the children", "take the kids", "court", "police")
# The worker names the concern within this many opening turns: the purpose is clear from the start.
EARLY_TURNS = 3
# Child focus is full when this share of the worker's turns keeps the children in view.
CHILD_SHARE_FULL = 0.4

_WORDS = re.compile(r"[a-z0-9][a-z0-9']*")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]{2,})\b")


@dataclass(frozen=True, slots=True)
class _Cues:
    # Each group of phrases as one pattern over the space-joined words of a line.
    concern: re.Pattern[str]
    euphemism: re.Pattern[str]
    purpose: re.Pattern[str]
    next_steps: re.Pattern[str]
    child: re.Pattern[str]
    child_experience: re.Pattern[str]
    not_names: frozenset[str]


@functools.cache
def _cues(path: Path = LENS_PATH) -> _Cues:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def phrases(key: str) -> re.Pattern[str]:
        alternatives = sorted(
            (
                " ".join(r"\S+" if w == "_" else re.escape(w) for w in _words(str(p)))
                for p in data[key]
            ),
            key=len,
            reverse=True,
        )
        return re.compile(rf"(?:^| )(?:{'|'.join(alternatives)})(?= |$)")

    return _Cues(
        concern=phrases("concern"),
        euphemism=phrases("euphemism"),
        purpose=phrases("purpose"),
        next_steps=phrases("next_steps"),
        child=phrases("child"),
        child_experience=phrases("child_experience"),
        not_names=frozenset(str(w).lower() for w in data["not_names"]),
    )


@functools.lru_cache(maxsize=8192)
def _joined(text: str) -> str:
    """The lower-cased words of a line, space-joined (cached: the session is rescored live)."""
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.lower().replace("\u2019", "'"))


def _has(line: str, phrases: re.Pattern[str]) -> bool:
    return phrases.search(line) is not None


def child_names(transcript: Transcript) -> frozenset[str]:
    """Names said in the same sentence as a word for a child ("my son Tyler", "Ellie's
    nursery"), less the speaking family members' own names."""
    members = {n.lower() for n in transcript.members.values()}
    names: set[str] = set()
    for turn in transcript.turns:
        names |= _names_beside_children(turn.text)
    return frozenset(names - members)


@functools.lru_cache(maxsize=8192)
def _names_beside_children(text: str) -> frozenset[str]:
    cues = _cues()
    names: set[str] = set()
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if _has(_joined(sentence), cues.child):
            for match in _NAME.finditer(sentence):
                word = match.group(1).lower()
                if word not in cues.not_names:
                    names.add(word)
    return frozenset(names)


def _estimate(
    key: str, value: float, basis: list[str], turns: set[int] | tuple[int, ...]
) -> GlobalEstimate:
    return GlobalEstimate(
        key, LABELS[key], round(max(1.0, min(5.0, value)), 1), tuple(basis), tuple(sorted(turns))
    )


def _not_rated(key: str) -> GlobalEstimate:
    return GlobalEstimate(key, LABELS[key], None, ("no practitioner turns yet",))


def lens(
    transcript: Transcript, pturns: list[PTurn], safeguarding: Safeguarding
) -> dict[str, GlobalEstimate]:
    """The three authority ratings (1–5, estimates) with what each rests on."""
    if not pturns:
        return {key: _not_rated(key) for key in LABELS}
    cues = _cues()
    words = {p.index: _joined(p.coded.text) for p in pturns}
    directive = {p.index for p in pturns if p.has(*MI_NON_ADHERENT)}
    threats = [
        p.index
        for p in pturns
        if p.has(Code.CONFRONT) and any(t in p.coded.text.lower() for t in THREAT_WORDS)
    ]
    stated = [
        p.index for p in pturns if p.index not in directive and _has(words[p.index], cues.concern)
    ]
    euphemisms = [p.index for p in pturns if _has(words[p.index], cues.euphemism)]
    risk = set(safeguarding.risk_questions)
    opening = {p.index for p in pturns[:EARLY_TURNS]}

    # Clarity about concerns.
    clarity = 1.0
    c_basis: list[str] = []
    if stated:
        clarity += 2.0
        c_basis.append(f"the concern named without persuading or confronting at turn {stated[0]}")
        if stated[0] in opening:
            clarity += 0.5
            c_basis.append("named in the opening turns: the family knows why the worker is there")
        if len(stated) > 1 or risk:
            clarity += 1.0
            c_basis.append(
                f"returned to honestly ({plural(len(stated) - 1, 'more turn')} naming it, "
                f"{plural(len(risk), 'direct question')} about risk)"
            )
    else:
        clarity += 0.5
        c_basis.append("the concern was never named (what worries the worker, or who raised it)")
        if risk:
            clarity += 1.0
            c_basis.append(f"{plural(len(risk), 'direct question')} about risk")
    if not threats and not euphemisms and stated:
        clarity += 0.5
        c_basis.append("no threats and no euphemism")
    if threats:
        clarity -= min(2.0, 1.0 * len(threats))
        c_basis.append(
            f"{plural(len(threats), 'threat')} of consequences: −{min(2.0, len(threats)):.0f}"
        )
    if euphemisms:
        clarity -= 1.0
        c_basis.append(
            f"the concern blurred ('just a chat', 'nothing to worry about') at turn "
            f"{euphemisms[0]}: −1"
        )

    # Purposefulness.
    purpose = [p.index for p in pturns if _has(words[p.index], cues.purpose)]
    steps = [
        p.index
        for p in pturns
        if p.index not in directive and _has(words[p.index], cues.next_steps)
    ]
    summaries = [p.index for p in pturns if p.intent_kind == "summarise"]
    shared = [p.index for p in pturns if p.has(Code.SEEKING_COLLABORATION)]
    purposeful = 1.0
    p_basis: list[str] = []
    if purpose or (stated and stated[0] in opening):
        purposeful += 1.5
        first = (purpose or stated)[0]
        p_basis.append(f"the purpose set out at turn {first}")
    else:
        p_basis.append("no purpose set out (why the worker came, what to talk about)")
    if steps:
        purposeful += 1.5
        p_basis.append(
            f"next steps named at {plural(len(steps), 'turn')} ({', '.join(map(str, steps[:4]))})"
        )
    else:
        p_basis.append("no next steps named (who does what, by when)")
    if shared:
        purposeful += 0.5
        p_basis.append(
            "the way forward shared with the family "
            f"({plural(len(shared), 'turn')} seeking collaboration)"
        )
    if summaries:
        purposeful += 0.5
        p_basis.append(
            f"{plural(len(summaries), 'summary', 'summaries')} drawing the threads together"
        )
    if euphemisms:
        purposeful -= 0.5
        p_basis.append("the visit described as 'just a chat': −0.5")

    # Child focus.
    names = child_names(transcript)
    about_children = [
        p.index for p in pturns if _has(words[p.index], cues.child) or names & set(words[p.index])
    ]
    asks = {p.index for p in pturns if p.has(Code.QUESTION_OPEN, Code.QUESTION_CLOSED)}
    experience = [i for i in about_children if i in asks and _has(words[i], cues.child_experience)]
    share = len(about_children) / len(pturns)
    focus = 1.0 + 3.0 * min(1.0, share / CHILD_SHARE_FULL)
    f_basis = [
        f"{len(about_children)} of {plural(len(pturns), 'turn')} "
        f"{agree(len(about_children), 'keeps', 'keep')} the children in view "
        f"({round(100 * share)}%; {round(100 * CHILD_SHARE_FULL)}% counts in full)"
    ]
    if experience:
        focus += 1.0
        f_basis.append(f"asked about a child's own experience at turn {experience[0]}")
    else:
        f_basis.append("never asked what it is like for the children")
    missed = safeguarding.missed
    if missed:
        focus -= min(2.0, 1.0 * len(missed))
        f_basis.append(
            f"{plural(len(missed), 'disclosure')} of risk passed over: −{min(2, len(missed))}"
        )
    return {
        "clarity": _estimate(
            "clarity", clarity, c_basis, set(stated) | set(threats) | set(euphemisms) | risk
        ),
        "purposefulness": _estimate(
            "purposefulness",
            purposeful,
            p_basis,
            set(purpose) | set(steps) | set(shared) | set(summaries),
        ),
        "child_focus": _estimate("child_focus", focus, f_basis, set(about_children)),
    }
