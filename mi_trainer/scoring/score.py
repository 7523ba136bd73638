"""score_transcript: MITI summary figures, estimated globals, client language and the overall.

Every number is documented in docs/scoring.md; every figure keeps the turn indices it came
from. Pure Python over the already-coded transcript, so it is cheap to recompute live.
"""

from __future__ import annotations

from mi_trainer.coding.codes import MI_ADHERENT, MI_NON_ADHERENT, Code, TalkType
from mi_trainer.scoring.facts import PTurn, closed_strings, is_client, practitioner_facts, talk_of
from mi_trainer.scoring.feedback import build_feedback
from mi_trainer.scoring.model import (
    ClientSummary,
    Figure,
    GlobalEstimate,
    OverallPart,
    Segment,
    SessionScore,
)
from mi_trainer.scoring.thresholds import THRESHOLDS, rate
from mi_trainer.transcript import Transcript
from mi_trainer.wording import plural

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


EVOKING_CODES = frozenset({Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX, Code.QUESTION_OPEN})
TELLING_CODES = frozenset(
    {Code.GIVING_INFORMATION, Code.PERSUADE, Code.PERSUADE_WITH_PERMISSION, Code.CONFRONT}
)


def _pct(num: int, den: int) -> float | None:
    return None if den == 0 else round(100.0 * num / den, 1)


def _clamp(x: float, lo: float = 1.0, hi: float = 5.0) -> float:
    return max(lo, min(hi, x))


def _turns_with(pturns: list[PTurn], *codes: Code) -> tuple[int, ...]:
    return tuple(p.index for p in pturns if p.has(*codes))


def _count_figure(key: str, label: str, turns: tuple[int, ...], note: str = "") -> Figure:
    return Figure(key, label, float(len(turns)), str(len(turns)), turns=turns, note=note)


def _summary(pturns: list[PTurn]) -> dict[str, Figure]:
    questions = _turns_with(pturns, Code.QUESTION_OPEN, Code.QUESTION_CLOSED)
    open_q = _turns_with(pturns, Code.QUESTION_OPEN)
    reflections = _turns_with(pturns, Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX)
    complex_r = _turns_with(pturns, Code.REFLECTION_COMPLEX)
    adherent = _turns_with(pturns, *MI_ADHERENT)
    non_adherent = _turns_with(pturns, *MI_NON_ADHERENT)
    n_adh = sum(len(p.codes & MI_ADHERENT) for p in pturns)
    n_non = sum(len(p.codes & MI_NON_ADHERENT) for p in pturns)

    # Each turn counts once, by what it mainly did (the coder's main code): evoking when that is
    # a reflection or an open question, telling when it is information, advice or confrontation.
    evoking = tuple(p.index for p in pturns if p.coded.code in EVOKING_CODES)
    telling = tuple(p.index for p in pturns if p.coded.code in TELLING_CODES)
    n_evoke, n_tell = len(evoking), len(telling)
    evoke_share = None if n_evoke + n_tell == 0 else round(n_evoke / (n_evoke + n_tell), 3)
    if questions:
        rq: float | None = round(len(reflections) / len(questions), 2)
        rq_display = f"{rq:g}:1"
        rq_note = f"{len(reflections)} reflections to {len(questions)} questions"
    else:
        rq, rq_display = None, "n/a"
        rq_note = "no questions asked, so the ratio is undefined"
    pct_cx = _pct(len(complex_r), len(reflections))
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
            rq_note,
        ),
        "pct_complex": thresholded(
            "pct_complex",
            "% complex reflections",
            pct_cx,
            "n/a" if pct_cx is None else f"{pct_cx:g}%",
            reflections,
            f"{len(complex_r)} complex of {len(reflections)} reflections"
            if reflections
            else "no reflections yet",
        ),
        "pct_open": thresholded(
            "pct_open",
            "% open questions",
            pct_open,
            "n/a" if pct_open is None else f"{pct_open:g}%",
            questions,
            f"{len(open_q)} open of {len(questions)} questions" if questions else "no questions",
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
            note=f"{n_evoke} turns mainly reflecting or asking openly to {n_tell} mainly giving "
            "information, advice or confrontation",
        ),
        "questions": _count_figure("questions", "questions", questions),
        "reflections": _count_figure("reflections", "reflections", reflections),
    }


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
        trajectory=tuple(segments),
        direction=direction,
        balance=tuple(balance),
    )


def _righting_penalty(pturns: list[PTurn]) -> tuple[float, tuple[int, ...]]:
    turns = _turns_with(pturns, *MI_NON_ADHERENT)
    share = len(turns) / len(pturns)
    return min(2.0, RIGHTING_REFLEX_SLOPE * share), turns


def _globals(pturns: list[PTurn], summary: dict[str, Figure]) -> dict[str, GlobalEstimate]:
    labels = {
        "cct": "Cultivating Change Talk",
        "sst": "Softening Sustain Talk",
        "partnership": "Partnership",
        "empathy": "Empathy",
        "technical": "Technical (CCT + SST) / 2",
        "relational": "Relational (Partnership + Empathy) / 2",
    }
    if not pturns:
        return {
            k: GlobalEstimate(
                k,
                label,
                None,
                ("no practitioner turns yet",),
                fair=THRESHOLDS.get(k, (None, None))[0],
                good=THRESHOLDS.get(k, (None, None))[1],
                rating=rate(k, None),
            )
            for k, label in labels.items()
        }
    n = len(pturns)
    penalty, directive_turns = _righting_penalty(pturns)
    penalty_fact = (
        f"{len(directive_turns)} of {n} turns persuade or confront: "
        f"−{penalty:.1f} (righting reflex)"
        if directive_turns
        else "no persuading or confronting"
    )
    strings = closed_strings(pturns)
    string_turns = tuple(i for run in strings for i in run)

    # Cultivating Change Talk.
    ct_opps = [p for p in pturns if TalkType.CHANGE in p.heard]
    ct_reflected = [p for p in ct_opps if p.reflects_change]
    ct_followed = [
        p for p in ct_opps if not p.reflects_change and p.has(Code.QUESTION_OPEN, Code.AFFIRM)
    ]
    evoking = [p for p in pturns if p.has(Code.QUESTION_OPEN) or p.reflects_change]
    evoke = min(1.0, len(evoking) / n / 0.35)
    basis = [
        f"{len(evoking)} of {n} turns evoke or reflect change"
        " (open questions, reflections of change talk)"
    ]
    if ct_opps:
        answered = (len(ct_reflected) + 0.5 * len(ct_followed)) / len(ct_opps)
        raw = 0.6 * answered + 0.4 * evoke
        basis.append(
            f"change talk heard before {plural(len(ct_opps), 'turn')}: "
            f"reflected in {len(ct_reflected)}, "
            f"followed up with an open question or affirmation in {len(ct_followed)}"
        )
        missed = len(ct_opps) - len(ct_reflected) - len(ct_followed)
        if missed:
            basis.append(f"{missed} chance(s) to reflect change talk missed")
    else:
        raw = 0.75 * evoke
        basis.append("no change talk heard yet, so the estimate rests on evoking alone")
    basis.append(penalty_fact)
    cct = round(_clamp(1 + 4 * raw - penalty), 1)
    cct_turns = tuple(sorted({p.index for p in evoking + ct_opps} | set(directive_turns)))

    # Softening Sustain Talk.
    st_opps = [p for p in pturns if p.heard & {TalkType.SUSTAIN, TalkType.DISCORD}]
    soft = 0.0
    softened: list[int] = []
    pressed: list[int] = []
    for p in st_opps:
        if p.double_sided or p.has(
            Code.REFLECTION_COMPLEX, Code.EMPHASIZING_AUTONOMY, Code.SEEKING_COLLABORATION
        ):
            soft += 1.0
            softened.append(p.index)
        elif p.has(Code.REFLECTION_SIMPLE, Code.QUESTION_OPEN, Code.AFFIRM):
            soft += 0.5
            softened.append(p.index)
        elif p.has(Code.PERSUADE, Code.CONFRONT, Code.QUESTION_CLOSED):
            pressed.append(p.index)
    sst_basis: list[str] = []
    if st_opps:
        share = soft / len(st_opps)
        sst = _clamp(2 + 3 * share - penalty)
        sst_basis.append(
            f"sustain talk or discord heard before {plural(len(st_opps), 'turn')}: softened "
            f"(double-sided or complex reflection, autonomy, collaboration; half for a simple "
            f"reflection, open question or affirmation) in {len(softened)}, "
            f"met with persuasion, confrontation or a closed question in {len(pressed)}"
        )
    else:
        sst = _clamp(4 - penalty)
        sst_basis.append("no sustain talk or discord heard yet: starts at 4")
    sst_basis.append(penalty_fact)
    sst = round(sst, 1)
    sst_turns = tuple(sorted({p.index for p in st_opps} | set(directive_turns)))

    # Partnership.
    reflections = [p for p in pturns if p.reflection]
    open_q = [p for p in pturns if p.has(Code.QUESTION_OPEN)]
    power = [
        p
        for p in pturns
        if p.has(
            Code.SEEKING_COLLABORATION, Code.EMPHASIZING_AUTONOMY, Code.PERSUADE_WITH_PERMISSION
        )
    ]
    listen = min(1.0, (len(reflections) + len(open_q)) / n / 0.5)
    share_power = min(1.0, len(power) / n / 0.1)
    info = [p for p in pturns if p.has(Code.GIVING_INFORMATION)]
    telling = min(1.0, max(0.0, 2 * (len(info) / n - 0.25)))
    string_pen = min(1.0, 0.25 * len(strings))
    partnership = round(_clamp(2 + 2 * listen + share_power - penalty - telling - string_pen), 1)
    p_basis = [
        f"{len(reflections) + len(open_q)} of {n} turns reflect or ask openly",
        f"{len(power)} turns share power (seeking collaboration, autonomy, permission)",
        penalty_fact,
    ]
    if telling:
        p_basis.append(f"{len(info)} of {n} turns give information: −{telling:.1f} (telling)")
    if strings:
        p_basis.append(f"{len(strings)} string(s) of 3+ closed questions: −{string_pen:.2f}")
    p_turns = tuple(
        sorted(
            {p.index for p in reflections + open_q + power}
            | set(directive_turns)
            | set(string_turns)
        )
    )

    # Empathy.
    confronts = _turns_with(pturns, Code.CONFRONT)
    complex_r = [p for p in reflections if p.has(Code.REFLECTION_COMPLEX)]
    reflect = min(1.0, len(reflections) / n / 0.4)
    depth = min(1.0, (len(complex_r) / len(reflections)) / 0.5) if reflections else 0.0
    conf_pen = min(1.5, 0.5 * len(confronts))
    emp_string_pen = min(0.75, 0.25 * len(strings))
    empathy = round(_clamp(1.5 + 2.5 * reflect + 1.0 * depth - conf_pen - emp_string_pen), 1)
    e_basis = [
        f"{len(reflections)} reflections in {n} turns",
        f"{len(complex_r)} complex reflections (meaning or feeling added)",
    ]
    if confronts:
        e_basis.append(f"{len(confronts)} confrontation(s): −{conf_pen:.1f}")
    if strings:
        e_basis.append(f"{len(strings)} string(s) of 3+ closed questions: −{emp_string_pen:.2f}")
    e_turns = tuple(sorted({p.index for p in reflections} | set(confronts) | set(string_turns)))

    technical = round((cct + sst) / 2, 2)
    relational = round((partnership + empathy) / 2, 2)

    def g(key: str, value: float, b: list[str], turns: tuple[int, ...]) -> GlobalEstimate:
        fair, good = THRESHOLDS.get(key, (None, None))
        return GlobalEstimate(
            key, labels[key], value, tuple(b), turns, fair, good, rate(key, value)
        )

    return {
        "cct": g("cct", cct, basis, cct_turns),
        "sst": g("sst", sst, sst_basis, sst_turns),
        "partnership": g("partnership", partnership, p_basis, p_turns),
        "empathy": g("empathy", empathy, e_basis, e_turns),
        "technical": g(
            "technical", technical, [f"(CCT {cct:.1f} + SST {sst:.1f}) / 2"], cct_turns + sst_turns
        ),
        "relational": g(
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
) -> tuple[float, tuple[OverallPart, ...]]:
    n = len(pturns)
    values: dict[str, float | None] = dict.fromkeys(OVERALL_WEIGHTS)
    labels = {
        "relational": "relational average (1–5)",
        "technical": "technical average (1–5)",
        "r_to_q": "reflection : question (2:1 = full)",
        "evoking": "evoking rather than telling (reflections + open questions share)",
        "non_adherent": "no persuading or confronting (a fifth of turns or more = 0)",
        "pct_complex": "% complex reflections (50% = full)",
        "pct_open": "% open questions (70% = full)",
        "pct_change_talk": "% change talk from the client",
    }
    if n:
        rel, tech = gl["relational"].value, gl["technical"].value
        values["relational"] = None if rel is None else (rel - 1) / 4
        values["technical"] = None if tech is None else (tech - 1) / 4
        rq = summary["r_to_q"].value
        n_refl = summary["reflections"].value or 0
        if rq is not None:
            values["r_to_q"] = min(1.0, rq / GOOD_R_TO_Q)
        elif n_refl:
            values["r_to_q"] = 1.0  # reflections and no questions at all: the ratio is unbounded
        cx = summary["pct_complex"].value
        values["pct_complex"] = None if cx is None else min(1.0, cx / GOOD_PCT_COMPLEX)
        po = summary["pct_open"].value
        values["pct_open"] = None if po is None else min(1.0, po / GOOD_PCT_OPEN)
        values["evoking"] = summary["evoking"].value
        directive = len(summary["non_adherent"].turns)
        values["non_adherent"] = max(0.0, 1 - directive / n / NON_ADHERENT_ZERO_SHARE)
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
    client = _client(transcript)
    gl = _globals(pturns, summary)
    overall, parts = _overall(pturns, summary, gl, client)
    return SessionScore(
        overall=overall,
        parts=parts,
        counts=counts,
        count_turns={k: tuple(v) for k, v in count_turns.items()},
        summary=summary,
        globals=gl,
        client=client,
        feedback=build_feedback(pturns) if feedback else [],
        practitioner_turns=len(pturns),
    )
