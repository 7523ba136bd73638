"""Session reports: plain text (the CLI), Markdown and self-contained HTML (inline CSS + SVG).

    from mi_trainer.scoring.reports import render_markdown, render_html, render_text
    html = render_html(transcript, score)

The overall score is never shown without its parts; globals are labelled as estimates with their
basis; every figure lists the turns it came from. No JavaScript, no external resources.
"""

from __future__ import annotations

from html import escape

from mi_trainer.coding.codes import CODE_LABELS, Code
from mi_trainer.safe_text import markdown_text
from mi_trainer.scoring.figures import exact, thresholds
from mi_trainer.scoring.model import SessionScore
from mi_trainer.transcript import Transcript
from mi_trainer.wording import plural

ESTIMATE_NOTE = (
    "Global ratings are estimates made from the text by documented rules "
    "(docs/scoring.md), not a trained coder's rating; each shows what it was based on."
)


def _turns(turns: tuple[int, ...], limit: int = 12) -> str:
    if not turns:
        return "–"
    shown = ", ".join(str(t) for t in turns[:limit])
    return shown + (f" … (+{len(turns) - limit})" if len(turns) > limit else "")


def _title(transcript: Transcript) -> str:
    return transcript.scenario_title or transcript.scenario_id or "Scored transcript"


def _speaker(transcript: Transcript, speaker: str) -> str:
    if speaker == "practitioner":
        return transcript.practitioner or "Practitioner"
    return transcript.members.get(speaker, speaker.capitalize())


# --- plain text -----------------------------------------------------------------------------


LENS_NOTE = (
    "Child-protection lens (Forrester et al.): estimates from the words alone "
    "(docs/scoring.md), beside MI spirit; each shows what it was based on."
)


def _safeguarding_lines(score: SessionScore) -> list[str]:
    if score.safeguarding is None:
        return []
    lines = score.safeguarding.lines(score.names)
    return lines[1:] if score.headline else lines


def render_text(transcript: Transcript, score: SessionScore, feedback: bool = True) -> str:
    # A missed disclosure is the first thing shown, whatever the score.
    lines = [f"{score.headline}", ""] if score.headline else []
    lines += [
        f"{_title(transcript)}",
        f"Overall MI-consistency: {score.overall:.0f}/100 "
        f"({plural(score.practitioner_turns, 'practitioner turn')})",
        "  made of:",
    ]
    for part in score.parts:
        value = "n/a (left out)" if part.value is None else f"{part.value:.2f}"
        lines.append(f"    {part.label:<62} {value:>14}  × {part.weight:g}  = {part.points:.1f}")
    lines.append("")
    lines.append("MITI summary (thresholds from MITI 4.2.1; % open from MITI 3.1.1)")
    for fig in score.summary.values():
        rating = f"  [{fig.rating}]" if fig.rating else ""
        thr = thresholds(fig.key, fig.fair, fig.good, missing="")
        thr = f"  ({thr})" if thr else ""
        lines.append(f"  {fig.label:<24} {fig.display:>12}{rating}{thr}")
        note = f"; {fig.note}" if fig.note else ""
        lines.append(f"  {'':<24} turns: {_turns(fig.turns)}{note}")
    lines.append("")
    lines.append("Behaviour counts")
    for code in Code:
        n = score.counts[str(code)]
        if n:
            lines.append(
                f"  {CODE_LABELS[code]:<28} {n:>3}   turns: {_turns(score.count_turns[code])}"
            )
    lines.append("")
    lines.append("Estimated global ratings (1–5) — estimates, see basis")
    for g in score.globals.values():
        rating = f"  [{g.rating}]" if g.rating else ""
        lines.append(f"  {g.label:<40} {g.display:>4}{rating}")
        for fact in g.basis:
            lines.append(f"      - {fact}")
    if score.lens:
        lines.append("")
        lines.append("Child-protection lens (1–5) — estimates, see basis")
        for g in score.lens.values():
            lines.append(f"  {g.label:<40} {g.display:>4}")
            for fact in g.basis:
                lines.append(f"      - {fact}")
    safeguarding = _safeguarding_lines(score)
    if safeguarding:
        lines.append("")
        lines.append("Safeguarding")
        lines.extend(f"  {line}" for line in safeguarding)
    c = score.client
    lines.append("")
    pct = exact("pct_change_talk", c.pct_change)
    disclosed = f", disclosure {c.disclosure}" if c.disclosure else ""
    lines.append(
        f"Client language: change talk {c.change}, sustain talk {c.sustain}, discord "
        f"{c.discord}{disclosed}, neutral {c.neutral}; % change talk {pct} ({c.direction})"
    )
    for seg in c.trajectory:
        sp = exact("pct_change_talk", seg.pct_change)
        lines.append(
            f"  {seg.label:<13} change {seg.change}, sustain {seg.sustain}, discord "
            f"{seg.discord}: {sp} change talk"
        )
    if feedback and score.feedback:
        lines.append("")
        lines.append("Turn by turn")
        texts = {t.index: t.text for t in transcript.turns}
        for f in score.feedback:
            lines.append(f"  [{f.turn_index}] {texts.get(f.turn_index, '')}")
            lines.append(f"       {', '.join(f.codes)} — {f.note}")
            lines.append(f"       cue: {f.cue}")
            if f.suggestion:
                lines.append(f"       try: {f.suggestion}")
    lines.append("")
    lines.append(ESTIMATE_NOTE)
    if score.lens:
        lines.append(LENS_NOTE)
    return "\n".join(lines) + "\n"


# --- Markdown -------------------------------------------------------------------------------


def _md(text: str) -> str:
    # Typed text is shown, never rendered: no raw HTML (<script>), links, images or cells.
    return markdown_text(text)


def render_markdown(transcript: Transcript, score: SessionScore) -> str:
    out = [f"# {_md(_title(transcript))}", ""]
    if score.headline:
        out += [f"> **{_md(score.headline)}**", ""]
    meta = []
    if transcript.practitioner:
        meta.append(f"Practitioner: {transcript.practitioner}")
    if transcript.started_at:
        meta.append(f"Started: {transcript.started_at}")
    if transcript.coder_version:
        meta.append(f"Coder: {transcript.coder_version}")
    if meta:
        out += [" · ".join(_md(m) for m in meta), ""]
    out += [
        f"## Overall MI-consistency: {score.overall:.0f} / 100",
        "",
        "| part | value (0–1) | weight | points |",
        "|---|---|---|---|",
    ]
    for p in score.parts:
        value = "n/a (left out)" if p.value is None else f"{p.value:.2f}"
        out.append(f"| {_md(p.label)} | {value} | {p.weight:g} | {p.points:.1f} |")
    out += [
        "",
        "## MITI summary",
        "",
        "| figure | value | rating | thresholds | turns | note |",
        "|---|---|---|---|---|---|",
    ]
    for f in score.summary.values():
        out.append(
            f"| {_md(f.label)} | {f.display} | {f.rating or '–'} | "
            f"{thresholds(f.key, f.fair, f.good)} | {_turns(f.turns)} | {_md(f.note)} |"
        )
    out += ["", "## Behaviour counts", "", "| code | count | turns |", "|---|---|---|"]
    for code in Code:
        out.append(
            f"| {CODE_LABELS[code]} | {score.counts[str(code)]} | "
            f"{_turns(score.count_turns[str(code)])} |"
        )
    out += ["", "## Estimated global ratings (1–5)", "", f"_{ESTIMATE_NOTE}_", ""]
    for g in score.globals.values():
        rating = f" ({g.rating})" if g.rating else ""
        out.append(f"- **{_md(g.label)}: {g.display}**{rating} — estimate")
        for fact in g.basis:
            out.append(f"  - {_md(fact)}")
        if g.turns:
            out.append(f"  - turns: {_turns(tuple(sorted(set(g.turns))))}")
    if score.lens:
        out += ["", "## Child-protection lens (1–5)", "", f"_{LENS_NOTE}_", ""]
        for g in score.lens.values():
            out.append(f"- **{_md(g.label)}: {g.display}** — estimate")
            for fact in g.basis:
                out.append(f"  - {_md(fact)}")
    safeguarding = _safeguarding_lines(score)
    if safeguarding:
        out += ["", "## Safeguarding", ""] + [f"- {_md(line)}" for line in safeguarding]
    c = score.client
    pct = exact("pct_change_talk", c.pct_change)
    out += [
        "",
        "## Client language",
        "",
        f"Change talk {c.change} · sustain talk {c.sustain} · discord {c.discord} · "
        f"neutral {c.neutral} · % change talk {pct} · over the session: {c.direction}",
        "",
        "| part of session | change | sustain | discord | % change talk |",
        "|---|---|---|---|---|",
    ]
    for s in c.trajectory:
        sp = exact("pct_change_talk", s.pct_change)
        out.append(f"| {s.label} | {s.change} | {s.sustain} | {s.discord} | {sp} |")
    out += ["", "## Turn by turn", ""]
    fb = {f.turn_index: f for f in score.feedback}
    for t in transcript.turns:
        if t.event is not None:
            out.append(f"_{_md(t.text)}_")
            out.append("")
            continue
        who = _speaker(transcript, t.speaker)
        tag = f" _({t.talk_type})_" if t.talk_type is not None and not t.is_practitioner else ""
        out.append(f"**{t.index}. {_md(who)}:** {_md(t.text)}{tag}")
        f = fb.get(t.index)
        if f is not None:
            out.append(f"> {', '.join(f.codes)} — {_md(f.note)}  ")
            out.append(f"> cue: {_md(f.cue)}" + ("  " if f.suggestion else ""))
            if f.suggestion:
                out.append(f"> **try:** {_md(f.suggestion)}")
        out.append("")
    return "\n".join(out)


# --- HTML -----------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;
max-width:60rem;padding:0 1rem;color:#1d2630;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;
border-bottom:1px solid #d5dbe1;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}
th,td{border:1px solid #d5dbe1;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f5}.good{color:#1b6e3a;font-weight:600}.fair{color:#8a5a00;font-weight:600}
.below{color:#a3262a;font-weight:600}.muted{color:#5d6b78;font-size:.9rem}
.overall{font-size:2.4rem;font-weight:700}.turn{margin:.4rem 0;padding:.4rem .6rem;
border-left:4px solid #c7d0d9}.turn.p{border-color:#2f6fb3;background:#f4f8fc}
.fb{font-size:.9rem;color:#33414e;margin-top:.2rem}.try{color:#1b6e3a}
.tag{font-size:.8rem;border-radius:.6rem;padding:0 .4rem;background:#e5e9ed}
.alert{border:2px solid #a3262a;background:#fbeaea;color:#7b1e1e;padding:.6rem .8rem}
.tag.change{background:#d7f0df}.tag.disclosure{background:#f3c6c8}.tag.sustain{background:#f7e3cf}.tag.discord{background:#f6d5d6}
"""

_CODE_COLOURS = {
    Code.QUESTION_OPEN: "#2f6fb3",
    Code.QUESTION_CLOSED: "#9bb8d8",
    Code.REFLECTION_SIMPLE: "#6fb38a",
    Code.REFLECTION_COMPLEX: "#1b6e3a",
    Code.AFFIRM: "#7a5fb3",
    Code.SEEKING_COLLABORATION: "#9a7fd0",
    Code.EMPHASIZING_AUTONOMY: "#b9a3e3",
    Code.GIVING_INFORMATION: "#8c98a4",
    Code.PERSUADE: "#c0392b",
    Code.PERSUADE_WITH_PERMISSION: "#e39b3b",
    Code.CONFRONT: "#7b1e1e",
    Code.OTHER: "#c7ced5",
}


def _rating_class(rating: str | None) -> str:
    return {"good": "good", "fair": "fair", "below fair": "below"}.get(rating or "", "muted")


def svg_code_mix(score: SessionScore) -> str:
    """Horizontal bar chart of the behaviour counts."""
    rows = [(code, score.counts[str(code)]) for code in Code]
    top = max((n for _, n in rows), default=0) or 1
    height = 22 * len(rows) + 10
    parts = [
        f'<svg width="560" height="{height}" role="img" aria-label="Behaviour counts by code">'
    ]
    for i, (code, n) in enumerate(rows):
        y = 5 + 22 * i
        width = 0 if n == 0 else max(2, round(300 * n / top))
        parts.append(
            f'<text x="190" y="{y + 14}" font-size="12" text-anchor="end">'
            f"{escape(CODE_LABELS[code])}</text>"
            f'<rect x="198" y="{y + 2}" width="{width}" height="16" '
            f'fill="{_CODE_COLOURS[code]}"><title>{escape(CODE_LABELS[code])}: {n}</title></rect>'
            f'<text x="{204 + width}" y="{y + 14}" font-size="12">{n}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def svg_change_talk(score: SessionScore) -> str:
    """Line of (change talk − sustain talk) so far, per client turn, with the thirds' % below."""
    points = list(score.client.balance)
    width, height, pad = 560, 180, 30
    parts = [
        f'<svg width="{width}" height="{height}" '
        f'role="img" aria-label="Change talk minus sustain talk over the session">'
    ]
    if not points:
        parts.append(
            f'<text x="{pad}" y="{height // 2}" font-size="13">No client turns yet.</text></svg>'
        )
        return "".join(parts)
    values = [v for _, v in points]
    lo, hi = min(0, *values), max(0, *values)
    span = (hi - lo) or 1
    n = len(points)

    def x(i: int) -> float:
        return pad + (width - 2 * pad) * (i / (n - 1) if n > 1 else 0.5)

    def y(v: int) -> float:
        return pad / 2 + (height - 2 * pad) * (hi - v) / span

    parts.append(
        f'<line x1="{pad}" y1="{y(0):.1f}" x2="{width - pad}" y2="{y(0):.1f}" '
        'stroke="#8c98a4" stroke-dasharray="4 3"/>'
    )
    path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v) in enumerate(points))
    parts.append(f'<polyline points="{path}" fill="none" stroke="#1b6e3a" stroke-width="2"/>')
    for i, (turn, v) in enumerate(points):
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5" fill="#1b6e3a">'
            f"<title>turn {turn}: change − sustain so far = {v}</title></circle>"
        )
    parts.append(
        f'<text x="{pad}" y="{height - 8}" font-size="11">start</text>'
        f'<text x="{width - pad}" y="{height - 8}" font-size="11" text-anchor="end">end</text>'
        f'<text x="{width // 2}" y="{height - 8}" font-size="11" text-anchor="middle">'
        "change talk minus sustain talk, so far</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def render_html(transcript: Transcript, score: SessionScore) -> str:
    e = escape
    title = e(_title(transcript))
    h = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        f"<title>{title} — MI practice report</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{title}</h1>",
    ]
    meta = [
        x
        for x in (
            transcript.practitioner and f"Practitioner: {transcript.practitioner}",
            transcript.started_at and f"Started: {transcript.started_at}",
            transcript.coder_version and f"Coder: {transcript.coder_version}",
        )
        if x
    ]
    if meta:
        h.append(f'<p class="muted">{e(" · ".join(meta))}</p>')
    if score.headline:
        h.append(f'<p class="alert" role="alert"><strong>{e(score.headline)}</strong></p>')
    h.append(
        f'<p><span class="overall">{score.overall:.0f}</span> / 100 overall MI-consistency '
        f"({plural(score.practitioner_turns, 'practitioner turn')}), made of:</p>"
    )
    h.append("<table><tr><th>part</th><th>value (0–1)</th><th>weight</th><th>points</th></tr>")
    for p in score.parts:
        value = "n/a (left out)" if p.value is None else f"{p.value:.2f}"
        h.append(
            f"<tr><td>{e(p.label)}</td><td>{value}</td><td>{p.weight:g}</td>"
            f"<td>{p.points:.1f}</td></tr>"
        )
    h.append("</table>")
    h.append(
        "<h2>MITI summary</h2><table><tr><th>figure</th><th>value</th><th>rating</th>"
        "<th>thresholds</th><th>turns</th><th>note</th></tr>"
    )
    for f in score.summary.values():
        h.append(
            f"<tr><td>{e(f.label)}</td><td>{e(f.display)}</td>"
            f'<td class="{_rating_class(f.rating)}">{e(f.rating or "–")}</td>'
            f"<td>{e(thresholds(f.key, f.fair, f.good))}</td><td>{e(_turns(f.turns))}</td>"
            f"<td>{e(f.note)}</td></tr>"
        )
    h.append("</table>")
    h.append("<h2>Code mix</h2>")
    h.append(svg_code_mix(score))
    h.append("<h2>Estimated global ratings (1–5)</h2>")
    h.append(
        f'<p class="muted">{e(ESTIMATE_NOTE)}</p><table><tr><th>global</th>'
        "<th>estimate</th><th>rating</th><th>based on</th></tr>"
    )
    for g in score.globals.values():
        basis = "<br>".join(e(b) for b in g.basis)
        if g.turns:
            basis += (
                f'<br><span class="muted">turns: {e(_turns(tuple(sorted(set(g.turns)))))}</span>'
            )
        h.append(
            f"<tr><td>{e(g.label)}</td><td>{e(g.display)}</td>"
            f'<td class="{_rating_class(g.rating)}">{e(g.rating or "–")}</td><td>{basis}</td></tr>'
        )
    h.append("</table>")
    c = score.client
    pct = exact("pct_change_talk", c.pct_change)
    if score.lens:
        h.append("<h2>Child-protection lens (1–5)</h2>")
        h.append(
            f'<p class="muted">{e(LENS_NOTE)}</p><table><tr><th>rating</th>'
            "<th>estimate</th><th>based on</th></tr>"
        )
        for g in score.lens.values():
            basis = "<br>".join(e(b) for b in g.basis)
            h.append(f"<tr><td>{e(g.label)}</td><td>{e(g.display)}</td><td>{basis}</td></tr>")
        h.append("</table>")
    safeguarding = _safeguarding_lines(score)
    if safeguarding:
        h.append("<h2>Safeguarding</h2><ul>")
        h.extend(f"<li>{e(line)}</li>" for line in safeguarding)
        h.append("</ul>")
    h.append("<h2>Client language</h2>")
    h.append(
        f"<p>Change talk {c.change} · sustain talk {c.sustain} · discord {c.discord} · "
        f"neutral {c.neutral} · % change talk {e(pct)} · over the session: {e(c.direction)}</p>"
    )
    h.append(svg_change_talk(score))
    h.append(
        "<table><tr><th>part of session</th><th>change</th><th>sustain</th>"
        "<th>discord</th><th>% change talk</th></tr>"
    )
    for s in c.trajectory:
        sp = exact("pct_change_talk", s.pct_change)
        h.append(
            f"<tr><td>{e(s.label)}</td><td>{s.change}</td><td>{s.sustain}</td>"
            f"<td>{s.discord}</td><td>{e(sp)}</td></tr>"
        )
    h.append("</table>")
    h.append("<h2>Turn by turn</h2>")
    fb = {f.turn_index: f for f in score.feedback}
    for t in transcript.turns:
        if t.event is not None:
            h.append(f'<p class="muted"><em>{e(t.text)}</em></p>')
            continue
        who = e(_speaker(transcript, t.speaker))
        cls = "turn p" if t.is_practitioner else "turn"
        tag = (
            f' <span class="tag {e(str(t.talk_type))}">{e(str(t.talk_type))}</span>'
            if t.talk_type is not None and not t.is_practitioner
            else ""
        )
        h.append(f'<div class="{cls}"><strong>{t.index}. {who}:</strong> {e(t.text)}{tag}')
        f = fb.get(t.index)
        if f is not None:
            h.append(
                f'<div class="fb">{e(", ".join(f.codes))} — {e(f.note)}<br>'
                f'<span class="muted">cue: {e(f.cue)}</span>'
            )
            if f.suggestion:
                h.append(f'<br><span class="try">Try: {e(f.suggestion)}</span>')
            h.append("</div>")
        h.append("</div>")
    h.append("</body></html>")
    return "\n".join(h) + "\n"
