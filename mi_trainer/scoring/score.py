"""score_transcript: MITI summary figures, estimated globals, client language and the overall.

Every number is documented in docs/scoring.md; every figure keeps the turn indices it came
from. Pure Python over the already-coded transcript, so it is cheap to recompute live.
"""

from __future__ import annotations

import re

from mi_trainer.coding.codes import (
    MI_ADHERENT,
    MI_NON_ADHERENT,
    QUESTIONS,
    REFLECTIONS,
    Code,
    TalkType,
)
from mi_trainer.scoring.facts import (
    PTurn,
    closed_strings,
    is_client,
    practitioner_facts,
    talk_of,
)
from mi_trainer.scoring.feedback import build_feedback
from mi_trainer.scoring.figures import exact
from mi_trainer.scoring.lens import lens
from mi_trainer.scoring.model import (
    ClientSummary,
    Figure,
    GlobalEstimate,
    OverallPart,
    Segment,
    SessionScore,
)
from mi_trainer.scoring.safeguarding import Safeguarding, safeguarding_moments
from mi_trainer.scoring.thresholds import THRESHOLDS, rate
from mi_trainer.transcript import Transcript
from mi_trainer.wording import agree, plural

# Weights of the overall 0–100 MI-consistency score (docs/scoring.md, "Overall").
# The righting reflex (persuading, confronting) is what MI most asks a practitioner to avoid,
# so its absence weighs most; evoking rather than telling comes next; then the estimated globals
# and the MITI summary figures; the client's change talk, which the practitioner only influences,
# weighs least.
OVERALL_WEIGHTS: dict[str, float] = {
    "non_adherent": 25.0,
    "evoking": 20.0,
    "technical": 15.0,
    "relational": 10.0,
    "r_to_q": 10.0,
    "pct_open": 10.0,
    "pct_complex": 5.0,
    "pct_change_talk": 5.0,
}
# Reference points the parts are scaled against (a part is 1.0 at or beyond them).
GOOD_R_TO_Q = 2.0
GOOD_PCT_COMPLEX = 50.0
GOOD_PCT_OPEN = 70.0
NON_ADHERENT_ZERO_SHARE = 0.2  # a fifth of turns persuading/confronting scores 0 on that part
RIGHTING_REFLEX_SLOPE = 10.0  # global points lost per unit share of non-adherent turns (cap 2)
MISSED_DISCLOSURE_CAP = 60.0  # the most a session that passed over a disclosure can score
# Talk time: in an evoking conversation the person does most of the talking. Beyond half of
# the words, each point of the worker's share costs the evoking part two (75% costs half).
TALK_TIME_FAIR_SHARE = 0.5
TALK_TIME_SLOPE = 2.0
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


EVOKING_CODES = frozenset({Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX, Code.QUESTION_OPEN})
TELLING_CODES = frozenset(
    {Code.GIVING_INFORMATION, Code.PERSUADE, Code.PERSUADE_WITH_PERMISSION, Code.CONFRONT}
)
# The turns the evoking share is taken over: evoking, telling, and asking for facts.
SUBSTANTIVE_CODES = EVOKING_CODES | TELLING_CODES


def _pct(num: float, den: float) -> float | None:
    return None if den == 0 else round(100.0 * num / den, 1)


def _clamp(x: float, lo: float = 1.0, hi: float = 5.0) -> float:
    return max(lo, min(hi, x))


def _turns_with(pturns: list[PTurn], *codes: Code) -> tuple[int, ...]:
    return tuple(p.index for p in pturns if p.has(*codes))


def _count(x: float, word: str | None = None) -> str:
    """A credited count: whole numbers as they are, partial credit with one decimal; with
    ``word``, followed by it in the singular only for exactly one ("1 reflection")."""
    shown = f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"
    if word is None:
        return shown
    return f"{shown} {word}" if shown == "1" else f"{shown} {word}s"


def _count_figure(key: str, label: str, turns: tuple[int, ...], note: str = "") -> Figure:
    return Figure(key, label, float(len(turns)), str(len(turns)), turns=turns, note=note)


def asked_questions(pturns: list[PTurn]) -> list[PTurn]:
    """Turns that ask a question, less direct risk questions (never counted against anyone)."""
    return [p for p in pturns if p.has(*QUESTIONS) and not p.risk_question]


def evoking_weight(p: PTurn) -> float:
    """How far a turn evokes: an open question fully, a reflection as far as it fits."""
    if p.has(Code.QUESTION_OPEN) and not p.risk_question:
        return 1.0
    return p.credit


def not_listening(pturns: list[PTurn]) -> tuple[float, tuple[int, ...]]:
    """(count, turns) of reflections that show the worker was not listening: one said again,
    and one that fits nothing the person said and that they met with puzzlement or discord."""
    missed = tuple(p.index for p in pturns if p.missed)
    return float(len(missed)), missed


def main_evoking(p: PTurn) -> float:
    """How far a turn's main code evokes: an open question fully, a reflection as it fits."""
    if p.coded.code == Code.QUESTION_OPEN:
        return 1.0
    if p.coded.code in REFLECTIONS:
        return p.credit
    return 0.0


def unfit_note(pturns: list[PTurn]) -> str:
    unfit = [p.index for p in pturns if p.reflection and p.credit < 1.0]
    if not unfit:
        return ""
    turns = ", ".join(str(i) for i in unfit[:8])
    which = "turn" if len(unfit) == 1 else "turns"
    return (
        f"; {which} {turns} counted less or not at all (not what the person said, or said before)"
    )


def _summary(pturns: list[PTurn]) -> dict[str, Figure]:
    asked = asked_questions(pturns)
    questions = tuple(p.index for p in asked)
    open_q = tuple(p.index for p in asked if p.has(Code.QUESTION_OPEN))
    risk = tuple(p.index for p in pturns if p.risk_question)
    reflections = _turns_with(pturns, *REFLECTIONS)
    credited = round(sum(p.credit for p in pturns), 2)
    credited_complex = round(sum(p.credit for p in pturns if p.has(Code.REFLECTION_COMPLEX)), 2)
    adherent = _turns_with(pturns, *MI_ADHERENT)
    non_adherent = _turns_with(pturns, *MI_NON_ADHERENT)
    n_adh = sum(len(p.codes & MI_ADHERENT) for p in pturns)
    n_non = sum(len(p.codes & MI_NON_ADHERENT) for p in pturns)
    said = f"{plural(len(reflections), 'reflection')} said, {_count(credited)} counted"
    risk_note = (
        f"; {plural(len(risk), 'direct question')} about risk not counted against the figure"
        if risk
        else ""
    )

    # Each turn counts once, by what it mainly did (the coder's main code): evoking as far as it
    # is a fitting reflection or an open question; asking for facts (closed questions, less
    # direct risk questions) or telling (information, advice, confrontation) otherwise.
    # A reflection that fits nothing said is left out (the text check misses some paraphrases),
    # unless it is one the session's not listening is made of.
    missed = set(not_listening(pturns)[1])
    substantive = [
        p
        for p in pturns
        if not p.risk_question
        and p.coded.code in SUBSTANTIVE_CODES
        and (not p.unfit or p.index in missed)
    ]
    evoking = tuple(p.index for p in substantive if main_evoking(p) > 0)
    telling = tuple(p.index for p in substantive if p.coded.code in TELLING_CODES)
    e_sum = sum(main_evoking(p) for p in substantive)
    evoke_share = None if not substantive else round(e_sum / len(substantive), 3)
    if questions:
        rq: float | None = round(credited / len(questions), 2)
        rq_display = exact("r_to_q", rq)
        rq_note = f"{said}, to {plural(len(questions), 'question')}"
    else:
        rq, rq_display = None, "n/a"
        rq_note = "no questions asked, so the ratio is undefined"
        if reflections:
            rq_note += f" ({said})"
    pct_cx = _pct(credited_complex, credited) if credited else None
    pct_open = _pct(len(open_q), len(questions))

    def thresholded(
        key: str, label: str, value: float | None, display: str, turns: tuple[int, ...], note: str
    ) -> Figure:
        fair, good = THRESHOLDS[key]
        return Figure(key, label, value, display, fair, good, rate(key, value), turns, note)

    return {
        "r_to_q": thresholded(
            "r_to_q",
            "reflection : question",
            rq,
            rq_display,
            tuple(sorted(set(questions) | set(reflections))),
            rq_note + unfit_note(pturns) + risk_note,
        ),
        "pct_complex": thresholded(
            "pct_complex",
            "% complex reflections",
            pct_cx,
            exact("pct_complex", pct_cx),
            reflections,
            f"{_count(credited_complex)} complex of {_count(credited, 'counted reflection')}"
            if credited
            else "no reflections that fit what the person said"
            if reflections
            else "no reflections yet",
        ),
        "pct_open": thresholded(
            "pct_open",
            "% open questions",
            pct_open,
            exact("pct_open", pct_open),
            questions,
            (
                f"{len(open_q)} open of {plural(len(questions), 'question')}"
                if questions
                else "no questions"
            )
            + risk_note,
        ),
        "adherent": Figure(
            "adherent",
            "total MI-adherent",
            float(n_adh),
            str(n_adh),
            turns=adherent,
            note="affirm + seeking collaboration + emphasising autonomy",
        ),
        "non_adherent": Figure(
            "non_adherent",
            "total MI non-adherent",
            float(n_non),
            str(n_non),
            turns=non_adherent,
            note="persuade (without permission) + confront",
        ),
        "evoking": Figure(
            "evoking",
            "evoking : telling",
            evoke_share,
            "n/a" if evoke_share is None else f"{round(100 * evoke_share):d}% evoking",
            turns=tuple(sorted(set(evoking) | set(telling))),
            note=f"{_count(e_sum)} of {plural(len(substantive), 'turn')} mainly reflecting "
            f"what was said or asking openly; {len(telling)} mainly giving information, advice "
            "or confrontation"
            + (
                f"; {plural(len(pturns) - len(substantive), 'other turn')} left out (closed "
                "or risk questions, affirmations, collaboration, structuring, reflections that "
                "fit nothing said)"
                if len(pturns) > len(substantive)
                else ""
            ),
        ),
        "questions": _count_figure("questions", "questions", questions, risk_note.lstrip("; ")),
        "reflections": Figure(
            "reflections",
            "reflections",
            credited,
            _count(credited),
            turns=reflections,
            note=said + unfit_note(pturns),
        ),
    }


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _talk_time(transcript: Transcript, pturns: list[PTurn]) -> Figure:
    """The worker's share of the words said (MI: the person does most of the talking)."""
    worker = sum(word_count(p.turn.text) for p in pturns)
    person = sum(word_count(t.text) for t in transcript.turns if is_client(t))
    share = _pct(worker, worker + person)
    if share is None:
        note = "nothing said yet"
    else:
        note = (
            f"{plural(worker, 'word')} said by the worker, {plural(person, 'word')} by the "
            "family; in an evoking conversation the person does most of the talking"
        )
        if share > 100 * TALK_TIME_FAIR_SHARE:
            note += " (more than half costs the evoking part)"
    return Figure(
        "talk_time",
        "worker's share of the words",
        share,
        "n/a" if share is None else f"{share:g}%",
        turns=tuple(p.index for p in pturns),
        note=note,
    )


def _client(transcript: Transcript) -> ClientSummary:
    client_turns = [t for t in transcript.turns if is_client(t)]
    by_type: dict[TalkType, list[int]] = {t: [] for t in TalkType}
    balance: list[tuple[int, int]] = []
    running = 0
    for t in client_turns:
        talk = talk_of(t)
        by_type[talk].append(t.index)
        running += 1 if talk == TalkType.CHANGE else -1 if talk == TalkType.SUSTAIN else 0
        balance.append((t.index, running))
    change, sustain = len(by_type[TalkType.CHANGE]), len(by_type[TalkType.SUSTAIN])

    segments: list[Segment] = []
    n = len(client_turns)
    if n:
        labels = ("first third", "middle third", "last third")
        for k, label in enumerate(labels):
            part = client_turns[(k * n) // 3 : ((k + 1) * n) // 3]
            talks = [talk_of(t) for t in part]
            segments.append(
                Segment(
                    label,
                    tuple(t.index for t in part),
                    talks.count(TalkType.CHANGE),
                    talks.count(TalkType.SUSTAIN),
                    talks.count(TalkType.DISCORD),
                    talks.count(TalkType.NEUTRAL),
                    talks.count(TalkType.DISCLOSURE),
                )
            )
    direction = "n/a"
    if segments:
        first, last = segments[0].pct_change, segments[-1].pct_change
        if first is not None and last is not None:
            diff = last - first
            direction = "rising" if diff >= 10 else "falling" if diff <= -10 else "steady"
    return ClientSummary(
        change=change,
        sustain=sustain,
        discord=len(by_type[TalkType.DISCORD]),
        neutral=len(by_type[TalkType.NEUTRAL]),
        pct_change=_pct(change, change + sustain),
        change_turns=tuple(by_type[TalkType.CHANGE]),
        sustain_turns=tuple(by_type[TalkType.SUSTAIN]),
        discord_turns=tuple(by_type[TalkType.DISCORD]),
        disclosure=len(by_type[TalkType.DISCLOSURE]),
        disclosure_turns=tuple(by_type[TalkType.DISCLOSURE]),
        trajectory=tuple(segments),
        direction=direction,
        balance=tuple(balance),
    )


def did_something(p: PTurn) -> bool:
    """A turn with a code beyond "other": more than "Mm-hmm", "Okay" or a greeting, which MITI
    does not code as behaviour."""
    return bool(p.codes - {Code.OTHER})


def acted_count(pturns: list[PTurn]) -> int:
    """The turns the globals' shares are taken over: those that did something (all of them when
    none did), so a worker's "Mm-hmm" while the person talks does not thin their reflections."""
    return sum(1 for p in pturns if did_something(p)) or len(pturns)


def _quiet_fact(pturns: list[PTurn]) -> list[str]:
    quiet = len(pturns) - sum(1 for p in pturns if did_something(p))
    if not quiet or quiet == len(pturns):
        return []
    return [
        f"{plural(quiet, 'turn')} of only “Mm-hmm”, “Okay” or a greeting left out of the shares"
    ]


def _righting_penalty(pturns: list[PTurn]) -> tuple[float, tuple[int, ...]]:
    turns = _turns_with(pturns, *MI_NON_ADHERENT)
    share = len(turns) / acted_count(pturns)
    return min(2.0, RIGHTING_REFLEX_SLOPE * share), turns


GLOBAL_LABELS = {
    "cct": "Cultivating Change Talk",
    "sst": "Softening Sustain Talk",
    "partnership": "Partnership",
    "empathy": "Empathy",
    "technical": "Technical (CCT + SST) / 2",
    "relational": "Relational (Partnership + Empathy) / 2",
}


def _estimate(
    key: str, value: float | None, basis: list[str], turns: tuple[int, ...] = ()
) -> GlobalEstimate:
    fair, good = THRESHOLDS.get(key, (None, None))
    return GlobalEstimate(
        key, GLOBAL_LABELS[key], value, tuple(basis), turns, fair, good, rate(key, value)
    )


def _cct(pturns: list[PTurn], penalty: float, penalty_fact: str) -> GlobalEstimate:
    """Cultivating Change Talk: rests on change talk heard and reflected."""
    n = acted_count(pturns)
    ct_opps = [p for p in pturns if TalkType.CHANGE in p.heard]
    ct_reflected = [p for p in ct_opps if p.reflects_change]
    ct_followed = [
        p
        for p in ct_opps
        if not p.reflects_change and (p.has(Code.AFFIRM) or evoking_weight(p) == 1.0)
    ]
    evoking = [p for p in pturns if evoking_weight(p) == 1.0 or p.reflects_change]
    evoke = min(1.0, len(evoking) / n / 0.35)
    basis = [
        f"{len(evoking)} of {plural(n, 'turn')} "
        f"{agree(len(evoking), 'evokes or reflects', 'evoke or reflect')} change"
        " (open questions, reflections of change talk that fit what was said)"
    ]
    if ct_opps:
        reflected = sum(p.credit for p in ct_reflected)
        answered = (reflected + 0.5 * len(ct_followed)) / len(ct_opps)
        raw = 0.6 * answered + 0.4 * evoke
        cct = _clamp(1 + 4 * raw - penalty)
        basis.append(
            f"change talk heard before {plural(len(ct_opps), 'turn')}: "
            f"reflected in {len(ct_reflected)}, "
            f"followed up with an open question or affirmation in {len(ct_followed)}"
        )
        missed = len(ct_opps) - len(ct_reflected) - len(ct_followed)
        if missed:
            basis.append(f"{plural(missed, 'chance')} to reflect change talk missed")
    else:
        # No change talk heard: nothing could be cultivated yet, so at most sporadic attention
        # to it (MITI's 2) for asking about change.
        cct = _clamp(1 + evoke - penalty, hi=2.0)
        basis.append(
            "no change talk heard, so none was reflected: at most 2, for evoking questions"
        )
    basis.append(penalty_fact)
    basis += _quiet_fact(pturns)
    turns = tuple(sorted({p.index for p in evoking + ct_opps}))
    return _estimate("cct", round(cct, 1), basis, turns)


def _sst(pturns: list[PTurn], penalty: float, penalty_fact: str) -> GlobalEstimate:
    """Softening Sustain Talk: rests on sustain talk (or discord) met without argument."""
    st_opps = [p for p in pturns if p.heard & {TalkType.SUSTAIN, TalkType.DISCORD}]
    if not st_opps:
        return _estimate(
            "sst",
            None,
            ["no sustain talk or discord heard, so there was nothing to soften: not rated"],
        )
    soft = 0.0
    softened: list[int] = []
    pressed: list[int] = []
    for p in st_opps:
        if p.has(*MI_NON_ADHERENT):
            pressed.append(p.index)
        elif (p.double_sided or p.has(Code.REFLECTION_COMPLEX)) and p.credit > 0:
            soft += p.credit
            softened.append(p.index)
        elif p.has(Code.EMPHASIZING_AUTONOMY, Code.SEEKING_COLLABORATION):
            soft += 1.0
            softened.append(p.index)
        elif p.credit > 0 or p.has(Code.QUESTION_OPEN, Code.AFFIRM):
            soft += 0.5 * max(p.credit, 1.0 if p.has(Code.QUESTION_OPEN, Code.AFFIRM) else 0.0)
            softened.append(p.index)
        elif p.has(Code.QUESTION_CLOSED) or p.unfit:
            pressed.append(p.index)
    share = soft / len(st_opps)
    sst = _clamp(2 + 3 * share - penalty)
    basis = [
        f"sustain talk or discord heard before {plural(len(st_opps), 'turn')}: softened "
        f"(double-sided or complex reflection, autonomy, collaboration; half for a simple "
        f"reflection, open question or affirmation) in {len(softened)}, "
        f"met with argument, a closed question or a reflection that missed in {len(pressed)}",
        penalty_fact,
    ]
    directive = {p.index for p in pturns if p.has(*MI_NON_ADHERENT)}
    return _estimate(
        "sst", round(sst, 1), basis, tuple(sorted({p.index for p in st_opps} | directive))
    )


def _globals(
    pturns: list[PTurn], summary: dict[str, Figure], safeguarding: Safeguarding
) -> dict[str, GlobalEstimate]:
    if not pturns:
        return {k: _estimate(k, None, ["no practitioner turns yet"]) for k in GLOBAL_LABELS}
    n = acted_count(pturns)
    penalty, directive_turns = _righting_penalty(pturns)
    penalty_fact = (
        f"{len(directive_turns)} of {plural(n, 'turn')} "
        f"{agree(len(directive_turns), 'persuades or confronts', 'persuade or confront')}: "
        f"−{penalty:.1f} (righting reflex)"
        if directive_turns
        else "no persuading or confronting"
    )
    strings = closed_strings(pturns)
    string_turns = tuple(i for run in strings for i in run)
    cct = _cct(pturns, penalty, penalty_fact)
    sst = _sst(pturns, penalty, penalty_fact)
    unfit_weight, unfit = not_listening(pturns)
    unfit_fact = (
        f"not listening: {plural(len(unfit), 'reflection')} said back little or nothing of "
        "what the person said, or said the same again"
    )
    missed = safeguarding.missed

    # Partnership. Each turn counts once: as far as it reflects what was said, or asks openly.
    listening = sum(evoking_weight(p) for p in pturns)
    power = [
        p
        for p in pturns
        if p.has(
            Code.SEEKING_COLLABORATION, Code.EMPHASIZING_AUTONOMY, Code.PERSUADE_WITH_PERMISSION
        )
    ]
    listen = min(1.0, listening / n / 0.5)
    share_power = min(1.0, len(power) / n / 0.1)
    info = [p for p in pturns if p.has(Code.GIVING_INFORMATION)]
    telling = min(1.0, max(0.0, 2 * (len(info) / n - 0.25)))
    string_pen = min(1.0, 0.25 * len(strings))
    unfit_pen = min(1.0, 2 * unfit_weight / n)
    partnership = round(
        _clamp(2 + 2 * listen + share_power - penalty - telling - string_pen - unfit_pen), 1
    )
    p_basis = [
        f"{_count(listening)} of {plural(n, 'turn')} "
        f"{agree(round(listening, 1), 'reflects', 'reflect')} what was said or "
        f"{agree(round(listening, 1), 'asks', 'ask')} openly",
        f"{plural(len(power), 'turn')} {agree(len(power), 'shares', 'share')} power "
        "(seeking collaboration, autonomy, permission)",
        penalty_fact,
        *_quiet_fact(pturns),
    ]
    if telling:
        p_basis.append(
            f"{len(info)} of {plural(n, 'turn')} {agree(len(info), 'gives', 'give')} "
            f"information: −{telling:.1f} (telling)"
        )
    if strings:
        p_basis.append(
            f"{plural(len(strings), 'string')} of 3+ closed questions: −{string_pen:.2f}"
        )
    if unfit_pen:
        p_basis.append(f"{unfit_fact}: −{unfit_pen:.1f}")
    p_turns = tuple(
        sorted(
            {p.index for p in pturns if evoking_weight(p) > 0}
            | {p.index for p in power}
            | set(directive_turns)
            | set(string_turns)
        )
    )

    # Empathy: reflections count as far as they fit what the person said.
    confronts = _turns_with(pturns, Code.CONFRONT)
    credited = sum(p.credit for p in pturns)
    credited_complex = sum(p.credit for p in pturns if p.has(Code.REFLECTION_COMPLEX))
    reflect = min(1.0, credited / n / 0.4)
    depth = min(1.0, (credited_complex / credited) / 0.5) if credited else 0.0
    conf_pen = min(1.5, 0.5 * len(confronts))
    emp_string_pen = min(0.75, 0.25 * len(strings))
    emp_unfit_pen = min(1.5, 3 * unfit_weight / n)
    missed_pen = min(2.0, 1.0 * len(missed))
    empathy = round(
        _clamp(
            1.5
            + 2.5 * reflect
            + 1.0 * depth
            - conf_pen
            - emp_string_pen
            - emp_unfit_pen
            - missed_pen
        ),
        1,
    )
    e_basis = [
        f"{_count(credited, 'reflection')} fitting what was said, in {plural(n, 'turn')}",
        f"{_count(credited_complex)} of them complex (meaning or feeling added)",
        *_quiet_fact(pturns),
    ]
    if confronts:
        e_basis.append(f"{plural(len(confronts), 'confrontation')}: −{conf_pen:.1f}")
    if strings:
        e_basis.append(
            f"{plural(len(strings), 'string')} of 3+ closed questions: −{emp_string_pen:.2f}"
        )
    if emp_unfit_pen:
        e_basis.append(f"{unfit_fact}: −{emp_unfit_pen:.1f}")
    if missed:
        e_basis.append(
            f"{plural(len(missed), 'disclosure')} of risk passed over: −{missed_pen:.0f}"
        )
    e_turns = tuple(
        sorted(
            {p.index for p in pturns if p.reflection}
            | set(confronts)
            | set(string_turns)
            | {d.response_turn for d in missed if d.response_turn is not None}
        )
    )
    partnership_g = _estimate("partnership", partnership, p_basis, p_turns)
    empathy_g = _estimate("empathy", empathy, e_basis, e_turns)

    if sst.value is None:
        technical = cct.value
        t_basis = [f"CCT {cct.display} alone: Softening Sustain Talk not rated (no sustain talk)"]
    else:
        technical = round((cct.value + sst.value) / 2, 2)
        t_basis = [f"(CCT {cct.display} + SST {sst.display}) / 2"]
    relational = round((partnership + empathy) / 2, 2)
    return {
        "cct": cct,
        "sst": sst,
        "partnership": partnership_g,
        "empathy": empathy_g,
        "technical": _estimate("technical", technical, t_basis, cct.turns + sst.turns),
        "relational": _estimate(
            "relational",
            relational,
            [f"(Partnership {partnership:.1f} + Empathy {empathy:.1f}) / 2"],
            p_turns + e_turns,
        ),
    }


def _overall(
    pturns: list[PTurn],
    summary: dict[str, Figure],
    gl: dict[str, GlobalEstimate],
    client: ClientSummary,
    safeguarding: Safeguarding,
) -> tuple[float, tuple[OverallPart, ...]]:
    n = len(pturns)
    values: dict[str, float | None] = dict.fromkeys(OVERALL_WEIGHTS)
    labels = {
        "relational": "relational average (1–5)",
        "technical": "technical average (1–5)",
        "r_to_q": "reflection : question (2:1 = full)",
        "evoking": "evoking rather than telling (reflections + open questions share, "
        "less twice the worker's share of the words beyond half)",
        "non_adherent": "no persuading, confronting or reflections that miss (a fifth = 0)",
        "pct_complex": "% complex reflections (50% = full)",
        "pct_open": "% open questions (70% = full)",
        "pct_change_talk": "% change talk from the client",
    }
    if n:
        rel, tech = gl["relational"].value, gl["technical"].value
        values["relational"] = None if rel is None else (rel - 1) / 4
        values["technical"] = None if tech is None else (tech - 1) / 4
        rq = summary["r_to_q"].value
        credited = summary["reflections"].value or 0
        if rq is not None:
            values["r_to_q"] = min(1.0, rq / GOOD_R_TO_Q)
        elif summary["reflections"].turns:
            # Reflections and no questions at all: the ratio is unbounded, so the part is the
            # share of the reflections that fit what the person said.
            values["r_to_q"] = credited / len(summary["reflections"].turns)
        cx = summary["pct_complex"].value
        values["pct_complex"] = None if cx is None else min(1.0, cx / GOOD_PCT_COMPLEX)
        po = summary["pct_open"].value
        values["pct_open"] = None if po is None else min(1.0, po / GOOD_PCT_OPEN)
        evoke, talk = summary["evoking"].value, summary["talk_time"].value
        if evoke is not None:
            # The worker doing most of the talking is telling, however the turns are coded.
            over = 0.0 if talk is None else max(0.0, talk / 100 - TALK_TIME_FAIR_SHARE)
            values["evoking"] = max(0.0, evoke - TALK_TIME_SLOPE * over)
        # Not listening counts with the righting reflex: in a session whose reflections fit
        # almost nothing the person said, each counts as far as it misses.
        # Over the turns that did something (more than "Mm-hmm", "Okay", a greeting): no
        # righting reflex is worth something only in a conversation the worker took part in.
        missing = len(summary["non_adherent"].turns) + not_listening(pturns)[0]
        if any(did_something(p) for p in pturns):
            share = missing / acted_count(pturns)
            values["non_adherent"] = max(0.0, 1 - share / NON_ADHERENT_ZERO_SHARE)
        if client.pct_change is not None:
            values["pct_change_talk"] = client.pct_change / 100
    used = sum(OVERALL_WEIGHTS[k] for k, v in values.items() if v is not None)
    parts = []
    total = 0.0
    for key, weight in OVERALL_WEIGHTS.items():
        v = values[key]
        points = 0.0 if v is None or used == 0 else 100 * weight * v / used
        total += points
        parts.append(
            OverallPart(
                key, labels[key], None if v is None else round(v, 3), weight, round(points, 1)
            )
        )
    missed = safeguarding.missed
    if missed and total > MISSED_DISCLOSURE_CAP:
        # A disclosure of risk passed over is the most serious miss in a session: however
        # MI-consistent the rest, the overall cannot read as a good session.
        cut = MISSED_DISCLOSURE_CAP - total
        parts.append(
            OverallPart(
                "missed_disclosure",
                f"a disclosure of risk passed over (turn {missed[0].turn}): "
                f"capped at {MISSED_DISCLOSURE_CAP:g}",
                None,
                0.0,
                round(cut, 1),
            )
        )
        total = MISSED_DISCLOSURE_CAP
    return round(total, 1), tuple(parts)


def score_transcript(transcript: Transcript, *, feedback: bool = True) -> SessionScore:
    """Score a (possibly partial or empty) coded transcript. Never raises on an empty one."""
    pturns = practitioner_facts(transcript)
    counts = {str(code): 0 for code in Code}
    count_turns: dict[str, list[int]] = {str(code): [] for code in Code}
    for p in pturns:
        for code in p.codes:
            counts[str(code)] += 1
            count_turns[str(code)].append(p.index)
    summary = _summary(pturns)
    summary["talk_time"] = _talk_time(transcript, pturns)
    client = _client(transcript)
    safeguarding = safeguarding_moments(transcript, pturns)
    gl = _globals(pturns, summary, safeguarding)
    overall, parts = _overall(pturns, summary, gl, client, safeguarding)
    return SessionScore(
        overall=overall,
        parts=parts,
        counts=counts,
        count_turns={k: tuple(v) for k, v in count_turns.items()},
        summary=summary,
        globals=gl,
        client=client,
        feedback=build_feedback(pturns, safeguarding) if feedback else [],
        practitioner_turns=len(pturns),
        safeguarding=safeguarding,
        lens=lens(transcript, pturns, safeguarding),
        names=dict(transcript.members),
    )
