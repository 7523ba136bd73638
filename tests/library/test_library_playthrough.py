"""The bundled scenario library, played through with scripts a trainer would recognise.

For every bundled scenario, `tests/library/scripts/<id>.yaml` holds MI-consistent scripts
(reflections, open questions, affirmations, autonomy) and directive scripts of the same
length (advice, warnings, closed questions, confrontation), written in social-work language
for that family. Each line carries the code a MITI coder would give it, and the tests feed
those codes to the engine, so what is tested here is the scenario's content: the family
member opens up to good practice and shuts down under the righting reflex, whatever the
seed. A last test runs the same scripts through the real utterance coder.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from mi_trainer.coding.codes import Code, Reflected, TalkType
from mi_trainer.coding.result import CodedSentence, CodedUtterance
from mi_trainer.paths import bundled_scenarios_dir
from mi_trainer.simulation import SimulatedSession
from mi_trainer.simulation.loading import load_for_play

SCRIPTS_DIR = Path(__file__).parent / "scripts"
SEEDS = (0, 1, 2, 3, 4)
BUNDLED = sorted(
    p.stem for p in bundled_scenarios_dir().glob("*.yaml") if not p.name.startswith("_")
)
FAMILY_SCENES = ("couple-new-baby-low-mood", "teen-cannabis-missing")
_TAG = re.compile(r"@([\w-]+)[,:;]?\s*")
_NAMED = re.compile(r"^[A-Z][\w'-]*,\s*(.+)$")

# ---------------------------------------------------------------------------------------
# Scripts and a coder that codes each line as the script labels it


Line = tuple[Code, Reflected | None, str]


@cache
def scripts(scenario_id: str) -> dict[str, Any]:
    data = yaml.safe_load((SCRIPTS_DIR / f"{scenario_id}.yaml").read_text(encoding="utf-8"))

    def parse(entries: Iterable[list[str]]) -> list[Line]:
        lines = []
        for code, text in entries:
            name, _, reflects = code.partition("/")
            lines.append((Code(name), Reflected(reflects) if reflects else None, text))
        return lines

    return {
        "mi": {name: parse(lines) for name, lines in data["mi"].items()},
        "directive": {name: parse(lines) for name, lines in data["directive"].items()},
        "planning": parse(data["planning"]),
    }


def pairs(scenario_id: str) -> list[tuple[str, str]]:
    """Each MI script with the directive script of the same position (same length)."""
    s = scripts(scenario_id)
    return list(zip(s["mi"], s["directive"], strict=True))


class ScriptCoder:
    """Codes a practitioner line exactly as the script labels it."""

    version = "script-labels"

    def __init__(self, lines: Iterable[Line]) -> None:
        self.table = {_TAG.sub("", text).strip(): (code, refl) for code, refl, text in lines}
        # "Craig, domestic abuse…" is said to Craig: the engine codes the rest of the line.
        for text, labels in list(self.table.items()):
            named = _NAMED.match(text)
            if named:
                self.table.setdefault(named.group(1), labels)

    def code(self, text: str, previous_client_line: str | None = None) -> CodedUtterance:
        labels = self.table.get(text.strip())
        if labels is None:
            # A part of a script line: the session hears each of two questions asked in one
            # line ("How many glasses…? Is it more than three?") by its intent, from the coder.
            from mi_trainer.coding import coder

            return _real_coder(coder).code(text, previous_client_line)
        code, reflects = labels
        return CodedUtterance(text, code, (CodedSentence(text, code),), reflects)


@cache
def scenario(scenario_id: str) -> Any:
    return load_for_play(scenario_id)


def play(scenario_id: str, lines: list[Line], seed: int, coder: Any = None) -> SimulatedSession:
    """Say every line (skipping lines to someone who has left), then end the session."""
    session = SimulatedSession(
        scenario(scenario_id), coder or ScriptCoder(lines), seed=seed, clock=lambda: None
    )
    for _code, _reflects, text in lines:
        if session.finished:
            break
        tag = _TAG.match(text)
        if tag and tag.group(1) not in session.present:
            continue
        session.say(text)
    session.end()
    return session


def talk(session: SimulatedSession) -> Counter[str]:
    return Counter(str(t.talk_type) for t in session.transcript.client_turns())


def member_ids(scenario_id: str) -> list[str]:
    return [m["id"] for m in raw(scenario_id)["members"]]


def mean_rapport(session: SimulatedSession, scenario_id: str) -> float:
    ids = member_ids(scenario_id)
    return sum(session.state(m)["rapport"] for m in ids) / len(ids)


def disclosed(session: SimulatedSession, scenario_id: str) -> list[str]:
    return [d for m in member_ids(scenario_id) for d in session.state(m)["disclosed"]]


def plans_voiced(session: SimulatedSession, scenario_id: str) -> list[str]:
    return [p for m in member_ids(scenario_id) for p in session.state(m)["plans"]]


@cache
def raw(scenario_id: str) -> dict[str, Any]:
    path = bundled_scenarios_dir() / f"{scenario_id}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def authored_lines(scenario_id: str, member_id: str) -> set[str]:
    """Every line the scenario gives this member to say (responses, sets, interjections...)."""
    data = raw(scenario_id)

    def texts(say: Any) -> list[str]:
        if isinstance(say, dict):  # a labelled line: {say: …, talk: …}
            say = say.get("say")
        return [say] if isinstance(say, str) else list(say or [])

    member = next(m for m in data["members"] if m["id"] == member_id)
    found = set(texts(member.get("opening"))) | set(texts(member.get("walk_out")))
    for key in ("closing", "responses", "disclosures", "plans"):
        for item in member.get(key) or []:
            found |= set(texts(item["say"] if isinstance(item, dict) else item))
    sets = dict(data.get("response_sets") or {})
    for include in data.get("includes") or []:
        path = bundled_scenarios_dir() / include
        sets.update(yaml.safe_load(path.read_text(encoding="utf-8"))["response_sets"])
    for set_name in member.get("uses") or []:
        for item in sets[set_name]:
            found |= set(texts(item["say"]))
    for item in data.get("interjections") or []:
        if item["member"] == member_id:
            found |= set(texts(item["say"]))
    return found | engine_lines(scenario_id, member_id)


def engine_lines(scenario_id: str, member_id: str) -> set[str]:
    """What the member says from the scenario's facts and the engine's voice (data too)."""
    from mi_trainer.simulation.answers import PERSON_SUBJECTS, FactBook
    from mi_trainer.simulation.rules import default_rules

    data = raw(scenario_id)
    facts = data.get("facts") or {}
    found: set[str] = set()
    for item in facts.get("items") or []:
        if item.get("by") and member_id not in item["by"]:
            continue
        found.add(item["answer"])
        for key in ("guarded", "open", "deflect"):
            value = item.get(key) or []
            found |= {value} if isinstance(value, str) else set(value)
    rules = default_rules()
    voice = dict(rules["voice"])
    voice.update((facts.get("voice") or {}).get(member_id) or {})
    for value in voice.values():
        if isinstance(value, list):
            found |= set(value)
        elif isinstance(value, dict):
            found |= {line for lines in value.values() for line in lines}
    for key, value in rules["answers"].items():
        if isinstance(value, dict) and key not in (
            "person",
            "things",
            "field_cues",
            "form_words",
            "unknown_about",
        ):
            found |= {line for lines in value.values() for line in lines}
    for moods in rules["answers"]["unknown_about"].values():  # subject -> mood -> lines
        found |= {line for lines in moods.values() for line in lines}
    for templates in rules["answers"]["person"].values():  # the ones that name no one
        found |= {t for lines in templates.values() for t in lines if "{" not in t}
    # Answers read off facts.people ("Mia's nine.", "67. Why do you need that?").
    loaded = scenario(scenario_id)
    book = FactBook(loaded.facts, loaded.members, rules)
    for pid in book.people:
        for about in PERSON_SUBJECTS:
            derived = book._person_fact(about, pid, member_id)
            if derived is not None:
                found |= {line for lines in derived[2].values() for line in lines}
    return found


def in_character(text: str, lines: set[str]) -> bool:
    """An authored line, or an answer then an authored reaction, or 'I told you, …'."""
    if text in lines:
        return True
    if text.startswith(("I told you, ", "I've said. ", "Like I said, ")):
        return True
    for line in lines:  # a voice template said with the thing they never mentioned
        if "{thing}" in line:
            head, tail = (re.escape(part) for part in line.split("{thing}", 1))
            if re.fullmatch(f"(?i){head}[a-z][a-z' -]*{tail}", text):
                return True
    return any(text.startswith(line + " ") and text[len(line) + 1 :] in lines for line in lines)


# ---------------------------------------------------------------------------------------
# The scripts themselves


def test_every_bundled_scenario_has_play_through_scripts() -> None:
    assert BUNDLED, "no bundled scenarios found"
    assert sorted(p.stem for p in SCRIPTS_DIR.glob("*.yaml")) == BUNDLED


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_scripts_practise_what_they_claim_in_social_work_language(scenario_id: str) -> None:
    s = scripts(scenario_id)
    assert len(s["mi"]) >= 2 and len(s["directive"]) >= 2
    for mi_name, directive_name in pairs(scenario_id):
        mi, directive = s["mi"][mi_name], s["directive"][directive_name]
        assert len(mi) == len(directive) >= 16, (mi_name, directive_name)
    for name, lines in s["mi"].items():
        codes = {code for code, _, _ in lines}
        assert codes & {Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX}, name
        assert Code.QUESTION_OPEN in codes, name
        assert codes & {Code.AFFIRM}, name
        assert codes & {Code.EMPHASIZING_AUTONOMY, Code.SEEKING_COLLABORATION}, name
        assert not codes & {Code.PERSUADE, Code.CONFRONT, Code.QUESTION_CLOSED}, name
    for name, lines in s["directive"].items():
        codes = Counter(code for code, _, _ in lines)
        assert codes[Code.PERSUADE] >= 3 and codes[Code.CONFRONT] >= 2, name
        assert codes[Code.QUESTION_CLOSED] >= 3, name
        assert not set(codes) & {
            Code.REFLECTION_SIMPLE,
            Code.REFLECTION_COMPLEX,
            Code.AFFIRM,
            Code.EMPHASIZING_AUTONOMY,
            Code.SEEKING_COLLABORATION,
        }, name


# ---------------------------------------------------------------------------------------
# Good practice opens people up; the righting reflex shuts them down


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_mi_practice_draws_out_change_talk_and_rapport_directive_practice_meets_resistance(
    scenario_id: str, seed: int
) -> None:
    s = scripts(scenario_id)
    for mi_name, directive_name in pairs(scenario_id):
        good = play(scenario_id, s["mi"][mi_name], seed)
        bad = play(scenario_id, s["directive"][directive_name], seed)
        g, b = talk(good), talk(bad)
        detail = f"{mi_name}: {dict(g)} vs {directive_name}: {dict(b)}"
        # Members answer what is asked and puzzle over reflections that miss, so fewer of
        # their lines are change talk than when every reply was picked by the code alone.
        assert g["change"] >= 3, detail
        assert 2 * (g["change"] + g["disclosure"]) >= g["sustain"] + g["discord"], detail
        assert b["change"] <= 1, detail
        assert b["sustain"] + b["discord"] >= 3, detail
        assert b["sustain"] + b["discord"] > b["change"], detail
        assert g["change"] >= 3 * b["change"] + 3, detail
        assert mean_rapport(good, scenario_id) >= mean_rapport(bad, scenario_id) + 0.3, detail
        assert max(bad.state(m)["discord"] for m in member_ids(scenario_id)) >= 0.6, detail
        assert max(good.state(m)["discord"] for m in member_ids(scenario_id)) <= 0.2, detail


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_a_slip_or_two_in_good_practice_does_not_end_the_session(scenario_id: str) -> None:
    """Real practitioners slip: one warning and one closed question in an MI session cost
    something, but nobody walks out and change talk still comes."""
    s = scripts(scenario_id)
    mi_name, directive_name = pairs(scenario_id)[0]
    mi, directive = s["mi"][mi_name], s["directive"][directive_name]
    slip = next(line for line in directive if line[0] == Code.PERSUADE)
    closed = next(line for line in directive if line[0] == Code.QUESTION_CLOSED)
    mixed = [*mi[:5], slip, *mi[5:11], closed, *mi[11:]]
    for seed in SEEDS:
        session = play(scenario_id, mixed, seed)
        assert session.present == member_ids(scenario_id), f"seed {seed}: someone walked out"
        assert talk(session)["change"] >= 2, f"seed {seed}: {dict(talk(session))}"


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_trust_unlocks_disclosures_only_for_mi_practice(scenario_id: str, seed: int) -> None:
    s = scripts(scenario_id)
    earned = 0
    for mi_name, directive_name in pairs(scenario_id):
        good = play(scenario_id, s["mi"][mi_name], seed)
        bad = play(scenario_id, s["directive"][directive_name], seed)
        earned += len(disclosed(good, scenario_id))
        assert disclosed(bad, scenario_id) == [], directive_name
        # Nobody discloses in the first few minutes, however good the practice.
        early = [
            t for t in good.transcript.turns[:8] if t.response_id in disclosed(good, scenario_id)
        ]
        assert early == [], mi_name
    # A disclosure takes its topic explored for a few turns: the scripts earn some, not all.
    assert earned >= 1, "no MI script earned a disclosure"


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_every_authored_disclosure_can_be_earned(scenario_id: str) -> None:
    """Across the MI scripts (with planning) and seeds, each disclosure is heard at least once."""
    s = scripts(scenario_id)
    heard: set[str] = set()
    for lines in s["mi"].values():
        for seed in SEEDS:
            heard |= set(disclosed(play(scenario_id, lines + s["planning"], seed), scenario_id))
    authored = {d["id"] for m in raw(scenario_id)["members"] for d in m.get("disclosures") or []}
    assert authored - heard <= _HARDEST_DISCLOSURES.get(scenario_id, set()), authored - heard


# Disclosures that need more trust than two scripted sessions build; trainers meet them
# in longer sessions. Keep this list short: every entry is a line few people will hear.
_HARDEST_DISCLOSURES: dict[str, set[str]] = {}


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_planning_after_good_practice_voices_only_authored_plans(scenario_id: str) -> None:
    s = scripts(scenario_id)
    authored = {p["id"] for m in raw(scenario_id)["members"] for p in m.get("plans") or []}
    seeds_with_plans = 0
    for seed in SEEDS:
        voiced_any = False
        for mi_name, directive_name in pairs(scenario_id):
            good = play(scenario_id, s["mi"][mi_name] + s["planning"], seed)
            bad = play(scenario_id, s["directive"][directive_name] + s["planning"], seed)
            voiced = plans_voiced(good, scenario_id)
            assert set(voiced) <= authored
            voiced_any = voiced_any or bool(voiced)
            assert plans_voiced(bad, scenario_id) == [], directive_name
        seeds_with_plans += voiced_any
    assert seeds_with_plans >= 3, f"plans voiced in only {seeds_with_plans} of {len(SEEDS)} seeds"


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_directive_practice_can_end_in_a_walk_out(scenario_id: str) -> None:
    s = scripts(scenario_id)
    for name, lines in s["directive"].items():
        left = [
            seed
            for seed in SEEDS
            if set(member_ids(scenario_id)) - set(play(scenario_id, lines, seed).present)
        ]
        assert len(left) >= 3, f"{name}: somebody left in seeds {left}"


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_good_and_poor_endings_differ(scenario_id: str) -> None:
    s = scripts(scenario_id)
    mi_name, directive_name = pairs(scenario_id)[0]
    good = play(scenario_id, s["mi"][mi_name], 0).transcript
    bad = play(scenario_id, s["directive"][directive_name], 0).transcript
    good_end = [t for t in good.client_turns() if t.response_id and "closing" in t.response_id]
    assert good_end, "a session of good practice ends with a closing line"
    assert all(t.talk_type != TalkType.DISCORD for t in good_end)
    bad_last = [t for t in bad.client_turns()][-1]
    assert bad_last.talk_type in (TalkType.DISCORD, TalkType.SUSTAIN)


# ---------------------------------------------------------------------------------------
# Seeds: different sessions, the same people


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_same_seed_same_session_different_seeds_different_sessions(scenario_id: str) -> None:
    s = scripts(scenario_id)
    lines = next(iter(s["mi"].values()))
    first = play(scenario_id, lines, 7).transcript.to_dict()
    again = play(scenario_id, lines, 7).transcript.to_dict()
    assert first == again
    texts = {
        tuple(t.text for t in play(scenario_id, lines, seed).transcript.client_turns())
        for seed in SEEDS
    }
    assert len(texts) >= 3, "five seeds gave fewer than three different sessions"


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_members_stay_in_character_whatever_the_seed(scenario_id: str) -> None:
    s = scripts(scenario_id)
    for kind in ("mi", "directive"):
        for lines in s[kind].values():
            for seed in SEEDS:
                for turn in play(scenario_id, lines, seed).transcript.client_turns():
                    known = authored_lines(scenario_id, turn.speaker)
                    assert in_character(turn.text, known), turn.text


# ---------------------------------------------------------------------------------------
# Family scenes


@pytest.mark.parametrize("scenario_id", FAMILY_SCENES)
def test_family_members_interject_protectively_under_pressure_and_warmly_when_heard(
    scenario_id: str,
) -> None:
    s = scripts(scenario_id)
    interjections: dict[str, Counter[str]] = {"mi": Counter(), "directive": Counter()}
    for kind in ("mi", "directive"):
        for lines in s[kind].values():
            for seed in SEEDS:
                turns = play(scenario_id, lines, seed).transcript.turns
                addressed = None
                for turn in turns:
                    if turn.is_practitioner:
                        addressed = turn.addressed
                    elif turn.event is None and addressed and turn.speaker != addressed:
                        interjections[kind][str(turn.talk_type)] += 1
    assert interjections["mi"]["change"] >= 3, interjections
    assert interjections["directive"]["discord"] + interjections["directive"]["sustain"] >= 3
    assert interjections["directive"]["change"] == 0, interjections


def test_kai_storms_off_under_directive_practice_and_his_mum_stays() -> None:
    s = scripts("teen-cannabis-missing")
    stormed = 0
    for lines in s["directive"].values():
        for seed in SEEDS:
            session = play("teen-cannabis-missing", lines, seed)
            if "kai" not in session.present:
                stormed += 1
    assert stormed >= 5
    lines = s["directive"]["interrogation"]
    stays = [
        seed for seed in SEEDS if "donna" in play("teen-cannabis-missing", lines, seed).present
    ]
    assert stays, "Donna should usually still be there when Kai has gone"


# ---------------------------------------------------------------------------------------
# The whole pipeline: the same scripts through the real utterance coder


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_with_the_real_coder_mi_scripts_still_beat_directive_scripts(scenario_id: str) -> None:
    from mi_trainer.coding import coder as coder_module

    coder = _real_coder(coder_module)
    s = scripts(scenario_id)
    good_change = bad_change = 0
    good_rapport = bad_rapport = 0.0
    for mi_name, directive_name in pairs(scenario_id):
        for seed in SEEDS[:3]:
            good = play(scenario_id, s["mi"][mi_name], seed, coder)
            bad = play(scenario_id, s["directive"][directive_name], seed, coder)
            good_change += talk(good)["change"]
            bad_change += talk(bad)["change"]
            good_rapport += mean_rapport(good, scenario_id)
            bad_rapport += mean_rapport(bad, scenario_id)
    assert good_change >= 2 * bad_change + 6
    assert good_rapport > bad_rapport + 0.5


@cache
def _real_coder(module: Any) -> Any:
    return module.Coder()


# ---------------------------------------------------------------------------------------
# The same scripts as a trainer would run them: `mi-trainer play ID --script FILE --json`


def _script_file(tmp_path: Path, lines: list[Line]) -> Path:
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(text for _, _, text in lines) + "\n", encoding="utf-8")
    return path


def _play_json(scenario_id: str, script: Path, seed: int, capsys: Any) -> dict[str, Any]:
    from mi_trainer.cli.main import main

    code = main(["play", scenario_id, "--script", str(script), "--seed", str(seed), "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_mi_trainer_play_json_shows_change_talk_for_mi_practice(
    scenario_id: str, tmp_path: Path, capsys: Any
) -> None:
    s = scripts(scenario_id)
    mi_name, directive_name = pairs(scenario_id)[0]
    good = _play_json(scenario_id, _script_file(tmp_path, s["mi"][mi_name]), 1, capsys)
    members = set(member_ids(scenario_id))
    for turn in good["turns"]:
        assert "speaker" in turn and "text" in turn
        if turn["speaker"] == "practitioner":
            assert turn["codes"]
        elif turn["speaker"] in members and not turn.get("event"):
            assert turn["talk_type"] in TALK_TYPES
    change = sum(1 for t in good["turns"] if t.get("talk_type") == "change")
    assert change >= 2, f"{mi_name}: only {change} change-talk lines through the real coder"
    if len(members) == 1:  # nobody can leave mid-script and strand an @name line
        bad = _play_json(
            scenario_id, _script_file(tmp_path, s["directive"][directive_name]), 1, capsys
        )
        assert change > sum(1 for t in bad["turns"] if t.get("talk_type") == "change")


TALK_TYPES = {"change", "sustain", "neutral", "discord", "disclosure"}
