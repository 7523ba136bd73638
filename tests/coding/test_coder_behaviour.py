"""Cues, main-code precedence, what reflections reflect, robustness, and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mi_trainer.cli.bench_annomi import Row, evaluate, expert_agreement, read_rows
from mi_trainer.cli.errors import UserError
from mi_trainer.coding.coder import CODER_VERSION, Coder
from mi_trainer.coding.codes import Code, Reflected
from mi_trainer.coding.cue_patterns import PatternError, load_rules


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


CUES = [
    ("You should stop drinking before contact.", "you should"),
    ("What worries you about the conference?", "wh-word"),
    ("Did the school ring you?", "auxiliary"),
    ("It sounds like the core group felt like an ambush.", "it sounds"),
    ("Part of you wants Dean home, and part of you is scared.", "part of you"),
    ("It's up to you who comes to the meeting.", "up to you"),
    ("You're in denial about the drinking.", "in denial"),
    ("Tell me about contact at the weekend.", "tell me"),
    # the explanation names what the worker is doing, not just "information"
    ("I think the school are worried about Mia.", "the worker's own view"),
    ("I'd like to explain what the conference is for.", "what the worker will do"),
    ("The core group meets every six weeks.", "the process or the service"),
    ("Research shows that routines help children settle.", "facts or evidence"),
    ('Part of you is thinking, "Will they come home?"', "part of you"),
]


def test_two_cues_for_the_same_words_are_given_once(coder: Coder) -> None:
    cues = coder.code("The conference is on Thursday at ten.").cues
    assert len(cues) == len({cue.text.rsplit(": ", 1)[-1] for cue in cues}), cues


@pytest.mark.parametrize(("utterance", "words"), CUES)
def test_every_code_says_which_cue_decided_it(coder: Coder, utterance: str, words: str) -> None:
    coded = coder.code(utterance)
    assert coded.cues, "a code without a reason"
    assert any(words in cue.text for cue in coded.cues), coded.cues


PRECEDENCE = [
    # a question at the end of a turn is what the turn is remembered for
    ("So the school rang again. What happened this morning?", Code.QUESTION_OPEN),
    ("Okay. You've had a hard week. Did you make the core group?", Code.QUESTION_CLOSED),
    # a reflection outranks the backchannel and information around it
    ("Mm-hmm. So you're worried the conference will go against you.", Code.REFLECTION_COMPLEX),
    # advice without permission outranks everything but confrontation
    ("You need to go to the GP. The appointment is on Monday.", Code.PERSUADE),
    ("You're making excuses. You need to get them to school.", Code.CONFRONT),
    # advice alongside permission or choice becomes advice with permission
    ("You need to ring the service. Is that okay with you?", Code.PERSUADE_WITH_PERMISSION),
    # fillers alone stay other
    ("Okay. Right. Mm-hmm.", Code.OTHER),
]


@pytest.mark.parametrize(("turn", "expected"), PRECEDENCE)
def test_main_code_follows_the_documented_precedence(
    coder: Coder, turn: str, expected: Code
) -> None:
    assert coder.code(turn).code == expected


def test_each_sentence_keeps_its_own_code(coder: Coder) -> None:
    coded = coder.code("Okay. So you drink at weekends. What would help most?")
    assert [s.code for s in coded.sentences] == [
        Code.OTHER,
        Code.REFLECTION_SIMPLE,
        Code.QUESTION_OPEN,
    ]


REFLECTS = [
    (
        "So you want to stop before the conference.",
        "I want to stop drinking for the kids.",
        Reflected.CHANGE,
    ),
    (
        "So it's not a problem for you.",
        "It's not a problem, it's only at weekends.",
        Reflected.SUSTAIN,
    ),
    (
        "Part of you likes a drink, and part of you wants to be there for the kids.",
        "I like a drink, it helps me sleep.",
        Reflected.BOTH,
    ),
    ("So the bus was late.", "The bus was late again.", Reflected.NEUTRAL),
]


@pytest.mark.parametrize(("reflection", "client", "expected"), REFLECTS)
def test_reflections_say_what_they_reflect(
    coder: Coder, reflection: str, client: str, expected: Reflected
) -> None:
    coded = coder.code(reflection, previous_client_line=client)
    assert coded.code in (Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX)
    assert coded.reflects == expected


def test_reflects_is_only_for_reflections_with_a_client_line(coder: Coder) -> None:
    assert coder.code("So you want to stop.").reflects is None
    assert coder.code("Did you drink?", previous_client_line="I want to stop.").reflects is None


def test_version_and_serialisation(coder: Coder) -> None:
    assert CODER_VERSION
    data = coder.code("What matters most to you?").to_dict()
    assert data["code"] == "question_open"
    assert data["sentences"][0]["cues"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_unicode_is_coded_without_error(text: str) -> None:
    coded = _CODER.code(text)
    assert coded.code in set(Code)
    assert json.dumps(coded.to_dict(), ensure_ascii=False)


_CODER = Coder()


def test_empty_and_very_long_input(coder: Coder) -> None:
    assert coder.code("").code == Code.OTHER
    assert coder.code("\n\t ").code == Code.OTHER
    long = "You need to get the children to school on time. " * 2100  # > 100 KB
    assert len(long) > 100_000
    assert coder.code(long).code == Code.PERSUADE


# A long turn, and pastes that are one long run with no space (spaCy alone takes time that
# grows with the square of such a run: minutes for 100 KB of "!" or emoji).
LINEAR_CASES = [
    ("So you're worried about the conference, and what the school will say? ", 140),
    ("!", 2_000),
    ("\N{GRINNING FACE}", 2_000),
    ("\N{EM DASH}", 2_000),
    ('?")', 700),
]


@pytest.mark.perf
@pytest.mark.parametrize(
    ("unit", "n"), LINEAR_CASES, ids=["sentences", "!", "emoji", "dash", "mix"]
)
def test_time_grows_roughly_linearly_with_input(coder: Coder, unit: str, n: int) -> None:
    def best(text: str) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            coder.code(text)
            times.append(time.perf_counter() - start)
        return min(times)

    small, large = best(unit * n), best(unit * n * 10)  # ~2-10 KB vs ~20-100 KB
    assert large / small < 30, (small, large)  # linear would be ~10; quadratic ~100


def test_the_pipeline_is_blank_english_with_registered_components(coder: Coder) -> None:
    nlp = coder.nlp
    assert nlp.lang == "en" and nlp.meta["name"] == "pipeline"  # spacy.blank, no trained model
    assert nlp.pipe_names == ["sentencizer", "mi_cues", "mi_code", "mi_intent"]
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "mi_trainer.spoken_tokenizer.v1"
    # a dash stuck to a broken-off word is split off; a hyphenated word keeps its parts
    assert [t.text for t in nlp.make_doc("Tell me- what the not-so-good")] == [
        *("Tell", "me", "-", "what", "the", "not", "-", "so", "-", "good")
    ]
    doc = nlp("So you're worried about contact?")
    assert doc._.mi_main_code is not None and doc.sents


def test_a_long_run_without_spaces_keeps_its_text(coder: Coder) -> None:
    paste = "Are you okay" + "?" * 5_000 + " I'm worried" + "!" * 100
    doc = coder.nlp.make_doc(paste)
    assert doc.text == paste
    coded = coder.code(paste)
    assert "".join(s.text for s in coded.sentences).replace(" ", "") == paste.replace(" ", "")


@pytest.mark.perf
def test_the_client_talk_coder_is_linear_on_long_runs_too() -> None:
    from mi_trainer.coding.client_talk import ClientTalkCoder

    talk = ClientTalkCoder()

    def seconds(text: str) -> float:
        start = time.perf_counter()
        talk.classify(text)
        return time.perf_counter() - start

    small, large = seconds("!" * 1_000), seconds("!" * 10_000)
    assert large / small < 30, (small, large)


def test_pattern_files_are_checked_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text('{"label": "nonsense", "cue": "x", "phrases": ["a"]}\n')
    with pytest.raises(PatternError, match=r"bad.jsonl:1: unknown label"):
        load_rules(tmp_path)


def test_a_trainer_can_extend_the_patterns(tmp_path: Path) -> None:
    bundled = Path(__file__).resolve().parents[2] / "mi_trainer" / "coding" / "patterns"
    for path in bundled.iterdir():
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / "local.jsonl").open("w", encoding="utf-8") as handle:
        handle.write(
            json.dumps(
                {
                    "label": "confront",
                    "at": "any",
                    "cue": "threatens court",
                    "phrases": ["see you in court"],
                }
            )
            + "\n"
        )
    coded = Coder(patterns_dir=tmp_path).code("We will see you in court then.")
    assert coded.code == Code.CONFRONT
    assert any("threatens court" in cue.text for cue in coded.cues)


# ---------------------------------------------------------------- CLI


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mi_trainer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_cli_table_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("What worries you about the plan?\nYou need to stop.\n", encoding="utf-8")
    out = _cli("code", str(path))
    assert out.returncode == 0, out.stderr
    assert "question_open" in out.stdout and "persuade" in out.stdout
    assert "because:" in out.stdout


def test_cli_table_keeps_the_text_column_aligned_for_the_longest_code() -> None:
    from mi_trainer.cli.cmd_code import render_table

    turn = "Some parents find a sitter helps. Would that fit for you?"
    table = render_table(Coder().code_many([turn])).splitlines()
    main_row, first_sentence, because = table[2], table[3], table[4]
    assert main_row.split()[1] == "persuade_with_permission"
    column = main_row.index("Some parents")
    assert first_sentence.index("Some parents") == column
    assert because.index("because:") == column


def test_cli_jsonl_from_stdin_one_object_per_line_empty_gives_other() -> None:
    out = _cli("code", "--jsonl", stdin="Did you drink last night?\n\nOkay. 🙂 \u200b\n")
    assert out.returncode == 0, out.stderr
    objs = [json.loads(line) for line in out.stdout.splitlines()]
    assert [o["code"] for o in objs] == ["question_closed", "other", "other"]
    assert set(objs[0]) >= {"text", "code", "sentences"}
    assert set(objs[0]["sentences"][0]) >= {"text", "code", "cues"}


def test_cli_dash_means_stdin() -> None:
    out = _cli("code", "-", "--jsonl", stdin="Tell me about the school.\n")
    assert json.loads(out.stdout)["code"] == "question_open"


def test_cli_missing_file_is_a_clear_message(tmp_path: Path) -> None:
    out = _cli("code", str(tmp_path / "nope.txt"))
    assert out.returncode != 0
    assert "nope.txt: file not found" in out.stderr
    assert "Traceback" not in out.stderr


# ---------------------------------------------------------------- bench

HEADER = (
    "transcript_id,mi_quality,topic,utterance_id,interlocutor,utterance_text,"
    "main_therapist_behaviour,question_subtype,reflection_subtype,therapist_input_subtype,"
    "client_talk_type"
)
# Our own lines, in AnnoMI's format: (speaker, text, behaviour, question, reflection)
SYNTHETIC_ROWS = [
    ("therapist", "What worries you about the conference?", "question", "open", "n/a"),
    ("client", "The school keep ringing.", "n/a", "n/a", "n/a"),
    ("therapist", "Did the school ring you again?", "question", "closed", "n/a"),
    ("client", "Twice.", "n/a", "n/a", "n/a"),
    ("therapist", "It sounds like you feel watched.", "reflection", "n/a", "complex"),
    ("therapist", "You said they rang twice.", "reflection", "n/a", "simple"),
    ("therapist", "The core group meets every six weeks.", "therapist_input", "n/a", "n/a"),
    ("therapist", "Okay.", "other", "n/a", "n/a"),
]
SYNTHETIC = (
    "\n".join(
        [HEADER]
        + [
            f'1,high,drinking,{i},{who},"{text}",{beh},{q},{r},n/a,n/a'
            for i, (who, text, beh, q, r) in enumerate(SYNTHETIC_ROWS)
        ]
    )
    + "\n"
)


def test_bench_on_a_small_synthetic_file(tmp_path: Path) -> None:
    path = tmp_path / "mini.csv"
    path.write_text(SYNTHETIC, encoding="utf-8")
    out = _cli("bench", "annomi", str(path), "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["utterances"] == 6
    assert result["accuracy"] == 1.0
    assert result["open_vs_closed"] == 1.0
    assert result["simple_vs_complex"] == 1.0
    assert result["utterances_per_second"] > 0
    assert set(result["per_class"]) == {"question", "reflection", "therapist_input", "other"}
    floor = _cli("bench", "annomi", str(path), "--min-macro-f1", "1.01")
    assert floor.returncode == 1
    assert "below the floor" in floor.stdout


@pytest.mark.parametrize(
    ("option", "label"),
    [
        ("--min-open-closed", "open vs closed"),
        ("--min-simple-complex", "simple vs complex"),
        ("--min-speed", "utterances per second"),
    ],
)
def test_bench_floors_on_question_and_reflection_agreement_and_speed(
    tmp_path: Path, option: str, label: str
) -> None:
    path = tmp_path / "mini.csv"
    path.write_text(SYNTHETIC, encoding="utf-8")
    met = _cli("bench", "annomi", str(path), option, "0.5")
    assert met.returncode == 0, met.stdout
    assert f"{label} " in met.stdout and "meets the floor" in met.stdout
    missed = _cli("bench", "annomi", str(path), option, "1e9", "--json")
    assert missed.returncode == 1
    result = json.loads(missed.stdout)
    assert result["passed"] is False
    assert result[option[2:].replace("-", "_")] == 1e9


def test_bench_metrics_by_hand() -> None:
    rows = [Row("a", "question", "open", ""), Row("b", "reflection", "", "simple")]
    result = evaluate(rows, [Code.QUESTION_CLOSED, Code.GIVING_INFORMATION])
    assert result["accuracy"] == 0.5
    assert result["open_vs_closed"] == 0.0
    assert result["simple_vs_complex"] is None
    assert result["confusion"]["reflection"]["therapist_input"] == 1


# One conversation coded by two experts: AnnoMI lists each turn once per expert, in a row.
TWO_EXPERTS = "\n".join(
    [
        HEADER,
        '7,high,drinking,0,client,"I only drink at weekends.",n/a,n/a,n/a,n/a,sustain',
        '7,high,drinking,0,client,"I only drink at weekends.",n/a,n/a,n/a,n/a,sustain',
        '7,high,drinking,1,therapist,"Only at weekends.",reflection,n/a,simple,n/a,n/a',
        '7,high,drinking,1,therapist,"Only at weekends.",reflection,n/a,complex,n/a,n/a',
        '7,high,drinking,2,therapist,"What happens then?",question,open,n/a,n/a,n/a',
        '7,high,drinking,2,therapist,"What happens then?",question,open,n/a,n/a,n/a',
        '8,high,drinking,0,therapist,"Hello.",other,n/a,n/a,n/a,n/a',
    ]
)


def test_every_experts_copy_of_a_turn_is_coded_with_the_client_line_before_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "two-experts.csv"
    path.write_text(TWO_EXPERTS + "\n", encoding="utf-8")
    rows = read_rows(path)
    assert [r.previous_client for r in rows[:2]] == ["I only drink at weekends."] * 2
    # the next turn follows a therapist turn, not a client line
    assert [r.previous_client for r in rows[2:]] == ["", "", ""]


def test_expert_agreement_sets_the_coder_beside_experts_coding_the_same_turns() -> None:
    def turn(position: str, behaviour: str, question: str = "", reflection: str = "") -> Row:
        return Row("x", behaviour, question, reflection, conversation="7", position=position)

    rows = [
        turn("1", "question", question="open"),
        turn("1", "question", question="open"),
        turn("1", "question", question="closed"),
        turn("2", "reflection", reflection="simple"),
        turn("2", "other"),
        Row("coded once", "question", "closed", "", conversation="8", position="1"),
    ]
    codes = [Code.QUESTION_OPEN] * 3 + [Code.REFLECTION_SIMPLE] * 2 + [Code.QUESTION_OPEN]
    result = expert_agreement(rows, codes)
    assert result is not None
    assert (result["conversations"], result["utterances"], result["codes"]) == (1, 2, 5)
    figures = result["figures"]
    # three experts on turn 1 make 3 pairs, one of which agrees (open, open)
    assert figures["open vs closed"]["experts_with_each_other"] == pytest.approx(1 / 3)
    assert figures["open vs closed"]["expert_pairs"] == 3
    assert figures["open vs closed"]["coder_with_the_experts"] == pytest.approx(2 / 3)
    # the best a coder could do: always the majority (open), right for 2 of the 3 experts
    assert figures["open vs closed"]["majority_with_the_experts"] == pytest.approx(2 / 3)
    assert figures["main behaviour"]["majority_with_the_experts"] == pytest.approx(4 / 5)
    # behaviour: turn 1's pairs all agree, turn 2's one pair does not: 3 of 4 pairs
    assert figures["main behaviour"]["experts_with_each_other"] == pytest.approx(3 / 4)
    assert figures["main behaviour"]["coder_with_the_experts"] == pytest.approx(4 / 5)
    # only one expert called turn 2 a reflection: no pair to compare
    assert figures["simple vs complex"]["experts_with_each_other"] is None
    assert figures["simple vs complex"]["coder_with_the_experts"] == 1.0


def test_expert_agreement_needs_a_turn_coded_more_than_once() -> None:
    rows = [Row("a", "question", "open", "", conversation="1", position="1")]
    assert expert_agreement(rows, [Code.QUESTION_OPEN]) is None
    assert expert_agreement([Row("a", "question", "open", "")], [Code.QUESTION_OPEN]) is None


def test_the_bench_shows_expert_agreement_when_the_file_has_it(tmp_path: Path) -> None:
    path = tmp_path / "two-experts.csv"
    path.write_text(TWO_EXPERTS + "\n", encoding="utf-8")
    out = _cli("bench", "annomi", str(path))
    assert out.returncode == 0, out.stderr
    assert "agreement where several experts coded the same conversation" in out.stdout
    assert "(1 conversation, 2 therapist turns, 4 codes)" in out.stdout
    assert "best possible" in out.stdout
    plain = tmp_path / "mini.csv"
    plain.write_text(SYNTHETIC, encoding="utf-8")
    result = json.loads(_cli("bench", "annomi", str(plain), "--json").stdout)
    assert result["expert_agreement"] is None


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "file not found"), ("a,b\n1,2\n", "missing column"), (b"\xff\xfe\x00", "UTF-8")],
)
def test_bench_bad_input_is_a_clear_message(tmp_path: Path, content, message: str) -> None:
    path = tmp_path / "x.csv"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        read_rows(path)


def test_bench_on_the_real_dev_file_meets_the_floor(annomi_dev: Path) -> None:
    rows = read_rows(annomi_dev)
    coded = Coder().code_many(r.text for r in rows)
    result = evaluate(rows, [c.code for c in coded])
    assert result["macro_f1"] >= 0.70
    assert result["accuracy"] >= 0.75


def _own_cue_folder(tmp_path: Path, rule: dict) -> Path:
    folder = tmp_path / "my-cues"
    folder.mkdir()
    (folder / "court.jsonl").write_text(json.dumps(rule) + "\n", encoding="utf-8")
    return folder


COURT = {
    "label": "confront",
    "at": "any",
    "cue": "threatens court",
    "phrases": ["see you in court"],
}


def test_a_trainers_own_folder_adds_to_the_bundled_cues(tmp_path: Path) -> None:
    folder = _own_cue_folder(tmp_path, COURT)
    coder = Coder(extra_patterns=[folder])
    assert coder.code("We will see you in court then.").code == Code.CONFRONT
    # the bundled cues are all still there
    assert coder.code("What worries you about the conference?").code == Code.QUESTION_OPEN


def test_the_app_and_cli_pick_up_the_folder_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _own_cue_folder(tmp_path, COURT)
    monkeypatch.setenv("MI_TRAINER_PATTERNS", str(folder))
    assert Coder().code("We will see you in court then.").code == Code.CONFRONT
    out = _cli("code", "--jsonl", stdin="We will see you in court then.\n")
    assert json.loads(out.stdout)["code"] == "confront"


def test_cli_patterns_option_adds_a_folder(tmp_path: Path) -> None:
    folder = _own_cue_folder(tmp_path, COURT)
    out = _cli(
        "code", "--jsonl", "--patterns", str(folder), stdin="Then we will see you in court.\n"
    )
    assert out.returncode == 0, out.stderr
    record = json.loads(out.stdout)
    assert record["code"] == "confront"
    assert any("threatens court" in cue["text"] for s in record["sentences"] for cue in s["cues"])


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            {"label": "confront", "cue": "x", "pattern": [{"SUFFIX": "ing"}]},
            "court.jsonl:1: not a valid spaCy Matcher pattern",
        ),
        ({"label": "persuasion", "cue": "x", "phrases": ["go"]}, "court.jsonl:1: unknown label"),
    ],
)
def test_a_broken_cue_file_is_a_message_naming_file_and_line(
    tmp_path: Path, rule: dict, message: str
) -> None:
    folder = _own_cue_folder(tmp_path, rule)
    out = _cli("code", "--patterns", str(folder), stdin="Hello.\n")
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr


def test_a_missing_cue_folder_is_a_message(tmp_path: Path) -> None:
    out = _cli("code", "--patterns", str(tmp_path / "nope"), stdin="Hello.\n")
    assert out.returncode == 2
    assert "pattern folder not found" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize(
    "line",
    [
        "The bus into town isn't helping with the school run.",
        "Nothing is easy with a newborn.",
        "Looking after three kids on your own isn't easy.",
        "Something isn't right at home, and you can feel it.",
        "The morning routine would help if your mum came over.",
    ],
)
def test_a_verdict_about_something_other_than_what_they_did_is_not_directive(
    coder: Coder, line: str
) -> None:
    assert coder.code(line).code not in (Code.CONFRONT, Code.PERSUADE), coder.code(line)
