"""A trainer's broken scenario files: every mistake is reported at file:line:col, never a traceback.

Each row is a fixture file in fixtures/broken/ and the exact lines `mi-trainer validate`
prints for it (paths relative to that folder). Levels: `error` stops a scenario loading;
`warning` marks a line that is dead or suspicious (`--strict` makes it an error).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mi_trainer.cli.main import main
from mi_trainer.scenarios import ScenarioError, load_scenario, validate_paths
from mi_trainer.simulation.rules import engine_defaults

ENGINE = engine_defaults()  # the engine's defaults the checks compare with

BROKEN = Path(__file__).parent / "fixtures" / "broken"

E = "error"
W = "warning"

# (fixture, [(line, col, level, message[, file]), ...]) -- every problem, in order; `file`
# when the problem is in another file (an include).
Row = tuple
CASES: list[tuple[str, list[Row]]] = [
    # --- not YAML at all, or hostile YAML -----------------------------------------------
    ("unclosed-quote.yaml", [(3, 8, E, 'a closing quote (") is missing on this line')]),
    (
        "bad-indentation.yaml",
        [
            (
                7,
                4,
                E,
                "this line is indented differently from the lines "
                "around it (or a list item '-' is mixed with 'key: value' lines at the same level)",
            )
        ],
    ),
    (
        "tab-indentation.yaml",
        [
            (
                6,
                1,
                E,
                "tab character: YAML indents with spaces, not tabs (replace the tab with spaces)",
            )
        ],
    ),
    (
        "colon-in-text.yaml",
        [
            (
                8,
                18,
                E,
                "unexpected ':' here: put text that contains ': ' in "
                "quotes, or check the indentation of this line",
            )
        ],
    ),
    (
        "two-documents.yaml",
        [(10, 1, E, "only one YAML document per file: remove the second '---'")],
    ),
    (
        "empty.yaml",
        [
            (
                1,
                1,
                E,
                "the file is empty: a scenario starts with 'schema_version: 1' "
                "(run `mi-trainer new ID` for a template)",
            )
        ],
    ),
    (
        "comments-only.yaml",
        [
            (
                1,
                1,
                E,
                "the file is empty: a scenario starts with "
                "'schema_version: 1' (run `mi-trainer new ID` for a template)",
            )
        ],
    ),
    (
        "top-level-list.yaml",
        [
            (
                1,
                1,
                E,
                "the top level must be a mapping of keys "
                "(schema_version, id, title, members, ...), not a list",
            )
        ],
    ),
    (
        "python-tag.yaml",
        [
            (
                4,
                10,
                E,
                "YAML tag '!!python/object/apply:os.system' is not allowed: "
                "scenario files hold plain text, numbers, lists and mappings only",
            )
        ],
    ),
    (
        "custom-tag.yaml",
        [
            (
                4,
                10,
                E,
                "YAML tag '!secret' is not allowed: scenario files hold "
                "plain text, numbers, lists and mappings only",
            )
        ],
    ),
    (
        "alias-bomb.yaml",
        [
            (
                1,
                14,
                E,
                "too many values after expanding aliases and merges (over 100,000): "
                "this looks like an alias bomb; write the content out instead of nesting "
                "aliases or '<<' merges",
            )
        ],
    ),
    (
        "binary-garbage.yaml",
        [(3, 1, E, "this looks like a binary file, not YAML text (it contains a NUL byte)")],
    ),
    ("not-utf8.yaml", [(4, 13, E, "not UTF-8 text (byte 0xe9): save the file as UTF-8")]),
    (
        "duplicate-yaml-key.yaml",
        [
            (
                7,
                5,
                E,
                "duplicate key 'name' (first at line 6); the second "
                "one would silently replace the first",
            )
        ],
    ),
    # --- shape: types, required keys, typos, words --------------------------------------
    (
        "schema-version-2.yaml",
        [(1, 17, E, "schema_version must be 1 (this version of mi-trainer reads format 1), not 2")],
    ),
    ("missing-title.yaml", [(1, 1, E, "missing required key 'title' in the top level")]),
    ("missing-members.yaml", [(1, 1, E, "missing required key 'members' in the top level")]),
    ("no-members.yaml", [(4, 10, E, "a scenario needs at least one member")]),
    (
        "missing-say.yaml",
        [(8, 9, E, "missing required key 'say' in members[1].responses[1] (what the member says)")],
    ),
    ("title-is-a-list.yaml", [(3, 8, E, "'title' expects text, not a list")]),
    ("age-is-text.yaml", [(7, 10, E, "'age' expects a whole number, not the text 'thirty-four'")]),
    (
        "say-is-a-mapping.yaml",
        [
            (
                8,
                14,
                E,
                "'say' expects text or a list of texts, not a mapping (key: value) "
                "(put the line in quotes, or list several lines starting with '- ')",
            )
        ],
    ),
    (
        "responses-not-a-list.yaml",
        [
            (
                8,
                7,
                E,
                "'responses' expects a list, not a mapping "
                "(key: value) (write each item on its own line starting with '- ')",
            )
        ],
    ),
    (
        "bad-id.yaml",
        [
            (
                2,
                5,
                E,
                "'Broken Example' is not a valid id: use lower-case letters, "
                "digits and hyphens, e.g. 'broken-example'",
            )
        ],
    ),
    ("typo-responses-key.yaml", [(7, 5, E, "unknown key 'respones' — did you mean 'responses'?")]),
    ("typo-talk-key.yaml", [(9, 9, E, "unknown key 'tlak' — did you mean 'talk'?")]),
    (
        "bad-talk-type.yaml",
        [
            (
                9,
                15,
                E,
                "unknown talk type 'chnage' — did you mean 'change'? "
                "(one of: change, sustain, neutral, discord, disclosure)",
            )
        ],
    ),
    (
        "bad-code.yaml",
        [
            (
                10,
                24,
                E,
                "unknown code 'reflection_complx' — did you mean "
                "'reflection_complex'? (one of: question_open, question_closed, reflection_simple, "
                "reflection_complex, affirm, seeking_collaboration, emphasizing_autonomy, "
                "giving_information, persuade, persuade_with_permission, confront, other)",
            )
        ],
    ),
    (
        "bad-stage.yaml",
        [
            (
                7,
                12,
                E,
                "unknown stage 'precontemplative' — did you mean "
                "'precontemplation'? (one of: precontemplation, contemplation, "
                "preparation, action)",
            )
        ],
    ),
    (
        "bad-intent.yaml",
        [
            (
                10,
                17,
                E,
                "unknown intent 'denial' — did you mean 'deny'? (one of: "
                "deny, downplay, blame, engage, inform, hesitate, acknowledge, plan)",
            )
        ],
    ),
    (
        "bad-darn-cat.yaml",
        [
            (
                10,
                19,
                E,
                "unknown DARN-CAT category 'reasons' — did you mean "
                "'reason'? (one of: desire, ability, reason, need, commitment, activation, "
                "taking_steps)",
            )
        ],
    ),
    (
        "bad-family.yaml",
        [
            (
                10,
                27,
                E,
                "unknown code family 'questions' — did you mean "
                "'question'? (one of: question, reflection, directive, adherent, "
                "information, other)",
            )
        ],
    ),
    (
        "bad-comparison.yaml",
        [
            (
                10,
                25,
                E,
                "'high' is not a comparison: write a comparison such "
                "as '< 0.5', '>= 0.3' or a range '0.2..0.6'",
            )
        ],
    ),
    (
        "many-errors.yaml",
        [
            (1, 1, E, "missing required key 'title' in the top level"),
            (3, 1, E, "unknown key 'titel' — did you mean 'title'?"),
            (4, 13, E, "'difficulty' must be between 1 and 5, not 9"),
            (8, 22, E, "'rapport' must be between 0.0 and 1.0, not 1.5"),
            (8, 27, E, "unknown key 'opennes' — did you mean 'openness'?"),
            (
                11,
                15,
                E,
                "unknown talk type 'nuetral' — did you mean 'neutral'? (one of: change, "
                "sustain, neutral, discord, disclosure)",
            ),
        ],
    ),
    (
        "numbers-and-yes-where-text-belongs.yaml",
        [
            (2, 5, E, "'id' expects text, not the number 123 (put it in quotes)"),
            (3, 8, E, "'title' expects text, not the number 2024 (put it in quotes)"),
            (6, 11, E, "'name' expects text, not the number 007 (put it in quotes)"),
            (7, 10, E, "'age' expects a whole number, not the number 34.5"),
            (8, 22, E, "'rapport' expects a number, not the text 'high'"),
            (10, 14, E, "'say' expects text, not 'yes' (read as true) (put it in quotes)"),
            (
                11,
                15,
                E,
                "unknown talk type 'yes' (read as true) (one of: change, sustain, "
                "neutral, discord, disclosure)",
            ),
            (12, 14, E, "'say' expects text, not the number 42 (put it in quotes)"),
            (14, 17, E, "'weight' must be between 0.0 and 100.0, not -1"),
            (15, 14, E, "empty text: write something here or remove the key"),
            (17, 14, E, "'say' needs at least one line"),
            (19, 19, E, "an item of 'say' expects text, not nothing (an empty value)"),
            (
                21,
                25,
                E,
                "write the comparison as text in quotes: write a comparison such as "
                "'< 0.5', '>= 0.3' or a range '0.2..0.6'",
            ),
            (22, 28, E, "'discord' must be between -1.0 and 1.0, not 2"),
        ],
    ),
    # --- references, duplicates, includes ------------------------------------------------
    ("duplicate-member-id.yaml", [(10, 9, E, "duplicate member id 'sam' (first at line 5)")]),
    (
        "duplicate-response-id.yaml",
        [(11, 13, W, "duplicate id 'sam-unsure' for Sam (first at line 8)")],
    ),
    (
        "interjection-unknown-member.yaml",
        [(16, 13, E, "unknown member 'dean' (members: sam, alex)")],
    ),
    (
        "unknown-response-set.yaml",
        [
            (
                5,
                3,
                W,
                "response set 'sam-fallbacks' is not used by any member (add it to a "
                "member's uses:)",
            ),
            (11, 12, E, "unknown response set 'sam-fallback' — did you mean 'sam-fallbacks'?"),
        ],
    ),
    (
        "unknown-topic.yaml",
        [
            (12, 9, W, "response can never be said: none of its topics exist"),
            (14, 25, W, "unknown topic 'drinkin' — did you mean 'drinking'?"),
        ],
    ),
    (
        "unknown-disclosure.yaml",
        [
            (10, 9, W, "response can never be said: Sam never discloses 'night-drinking'"),
            (12, 28, W, "Sam has no disclosure 'night-drinking'"),
        ],
    ),
    (
        "unknown-rule.yaml",
        [
            (5, 3, E, "unknown key 'leave_at_discrod' in rules — did you mean 'leave_at_discord'?"),
            (
                7,
                5,
                E,
                "unknown code or family 'persuasion' in rules.reactions — did you mean 'persuade'?",
            ),
        ],
    ),
    (
        "unknown-theme.yaml",
        [(4, 10, W, "unknown theme 'substance abuse' — did you mean 'substance misuse'?")],
    ),
    (
        "missing-include.yaml",
        [
            (
                4,
                12,
                E,
                "included file '_shared/nowhere.yaml' not found "
                "(looked for _shared/nowhere.yaml; paths are relative to this file)",
            )
        ],
    ),
    (
        "include-cycle.yaml",
        [
            (
                1,
                12,
                E,
                "include cycle: _cycle-a.yaml -> _cycle-b.yaml -> _cycle-a.yaml",
                "_cycle-b.yaml",
            )
        ],
    ),
    (
        "duplicate-topic.yaml",
        [
            (
                7,
                3,
                E,
                "duplicate key 'school' (first at line 5); the second one would silently "
                "replace the first",
            )
        ],
    ),
    (
        "duplicate-disclosure-and-plan-ids.yaml",
        [(16, 13, W, "duplicate id 'sam-debts' for Sam (first at line 11)")],
    ),
    # --- a family scene's shared fact written in one member's voice ----------------------
    # (the couple's household said by the partner it names; one parent's "I" said by both;
    # "Mark's mum" is still Mark talking about himself)
    (
        "shared-fact-in-one-voice.yaml",
        [
            (
                25,
                15,
                W,
                "facts item 'household' (line 23) is said by everyone but its reply names Mark: "
                "add `by: [lisa]` and a version for mark in their own words",
            ),
            (
                33,
                14,
                W,
                "facts item 'referral' (line 30) is said by everyone but its reply speaks as 'I' "
                "(whose account is it?): add `by: [lisa]` or `by: [mark]` and a version for the "
                "other in their own words",
            ),
            (
                38,
                17,
                W,
                "facts item 'work' (line 34) is said by everyone but its reply speaks as 'I' "
                "(Mark's own account): add `by: [mark]` and a version for lisa in their own words",
            ),
            (
                42,
                15,
                W,
                "facts item 'fridays' (line 39) is said by everyone but its reply names Mark: "
                "add `by: [lisa]` and a version for mark in their own words",
            ),
        ],
    ),
    (
        "interjection-to-themselves.yaml",
        [
            (
                16,
                5,
                W,
                "interjection can never be said: Alex cannot interject when the "
                "practitioner is talking to them",
            ),
            (20, 5, W, "interjection can never be said: none of the members in 'addressed' exist"),
            (21, 24, W, "unknown member 'alx' — did you mean 'alex'?"),
        ],
    ),
    (
        "other-members-disclosure.yaml",
        [
            (10, 9, W, "response can never be said: Sam never discloses 'alex-debts'"),
            (
                12,
                28,
                W,
                "Sam has no disclosure 'alex-debts' (it is Alex's: conditions refer "
                "to the speaker's own)",
            ),
            (
                19,
                9,
                W,
                "disclosure can never be made: it needs itself ('alex-debts') to be "
                "disclosed first",
            ),
        ],
    ),
    # --- lines no state or code can reach ------------------------------------------------
    (
        "rapport-above-one.yaml",
        [
            (
                10,
                9,
                W,
                "response can never be said: rapport '> 1' is outside 0..1 (states run 0 to 1)",
            )
        ],
    ),
    (
        "codes-outside-families.yaml",
        [
            (
                10,
                9,
                W,
                "response can never be said: no code is in "
                "both its 'codes' and its 'families' (persuade / reflection)",
            )
        ],
    ),
    (
        "stage-contradicts-readiness.yaml",
        [
            (
                10,
                9,
                W,
                "response can never be said: stage "
                "preparation never has readiness '< 0.3' (stages start at contemplation 0.35, "
                "preparation 0.7, action 0.9)",
            )
        ],
    ),
    (
        "walks-out-first.yaml",
        [
            (
                10,
                9,
                W,
                "response can never be said: discord '>= 0.95' is at "
                "or above Sam's walk-out point (0.9), so Sam leaves instead",
            )
        ],
    ),
    (
        "turn-and-weight-never.yaml",
        [
            (
                11,
                9,
                W,
                "response can never be said: turn '> 25' is outside the session's turns (1..20)",
            ),
            (14, 9, W, "response can never be said: its weight is 0"),
        ],
    ),
    (
        "closing-with-codes.yaml",
        [
            (
                8,
                9,
                W,
                "closing line can never be said: closing lines are "
                "said after the last turn, so 'codes' never holds",
            )
        ],
    ),
    (
        "disclosure-after-telling-off.yaml",
        [
            (
                11,
                9,
                W,
                "disclosure can never be made: "
                "disclosures never come straight after directive statements",
            )
        ],
    ),
    (
        "no-fallback.yaml",
        [
            (
                7,
                5,
                W,
                "Sam has no fallback response for directive statements "
                "(persuade, confront): add one whose 'when' names only codes or families (e.g. "
                "families: [directive]), so there is always a reply",
            )
        ],
    ),
    (
        "unlabelled-talk.yaml",
        [
            (
                8,
                9,
                W,
                "response has no talk type: add 'talk: change', "
                "'sustain', 'neutral' or 'discord' so scoring can count it",
            )
        ],
    ),
]


def _expected(name: str, rows: list[Row]) -> list[str]:
    return [f"{(row[4:] or (name,))[0]}:{row[0]}:{row[1]}: {row[2]}: {row[3]}" for row in rows]


def test_the_table_covers_every_broken_fixture() -> None:
    names = {name for name, _ in CASES}
    on_disk = {p.name for p in BROKEN.glob("*.yaml") if not p.name.startswith("_")}
    assert names == on_disk
    assert len(CASES) >= 30


@pytest.mark.parametrize(("fixture", "problems"), CASES, ids=[c[0] for c in CASES])
def test_every_problem_is_reported_at_its_line_and_column(
    fixture: str, problems: list[Row], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BROKEN)
    assert [str(d) for d in validate_paths([fixture], ENGINE)] == _expected(fixture, problems)


@pytest.mark.parametrize(("fixture", "problems"), CASES, ids=[c[0] for c in CASES])
def test_the_validate_command_prints_them_and_exits_1_without_a_traceback(
    fixture: str,
    problems: list[Row],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(BROKEN)
    errors = sum(1 for p in problems if p[2] == E)
    warnings = len(problems) - errors
    code = main(["validate", fixture])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = out.splitlines()
    # A file that is not YAML stops at its first problem, and the output says so.
    notes = [line for line in lines[:-1] if line.startswith("Not YAML, so reading stopped")]
    assert lines[:-1] == _expected(fixture, problems) + notes
    stops = any(d.stops for d in validate_paths([fixture], ENGINE))
    assert len(notes) == stops
    assert lines[-1] == (
        f"1 file checked: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}"
    )
    assert code == (1 if errors else 0)


@pytest.mark.parametrize(
    "fixture", [name for name, rows in CASES if rows and all(r[2] == W for r in rows)]
)
def test_strict_turns_each_warning_into_an_error(
    fixture: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(BROKEN)
    assert main(["validate", fixture]) == 0
    assert main(["validate", "--strict", fixture]) == 1
    out = capsys.readouterr().out
    assert ": warning: " not in out.split("\n1 file checked")[-1]
    assert all(d.level == E for d in validate_paths([fixture], ENGINE, strict=True))


@pytest.mark.parametrize("fixture", [name for name, rows in CASES if any(r[2] == E for r in rows)])
def test_a_scenario_with_errors_does_not_load_and_says_why(
    fixture: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BROKEN)
    rows = dict(CASES)[fixture]
    errors = [text for text, row in zip(_expected(fixture, rows), rows, strict=True) if row[2] == E]
    with pytest.raises(ScenarioError) as caught:
        load_scenario(fixture, ENGINE)
    found = [str(d) for d in caught.value.diagnostics if d.level == E]
    assert sorted(found) == sorted(errors)
    assert str(caught.value).startswith(errors[0])


def test_an_include_cycle_is_named_in_the_include_that_closes_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(BROKEN)
    assert [str(d) for d in validate_paths(["include-cycle.yaml"], ENGINE)] == [
        "_cycle-b.yaml:1:12: error: include cycle: _cycle-a.yaml -> _cycle-b.yaml -> _cycle-a.yaml"
    ]


def test_a_folder_is_checked_file_by_file_with_includes_checked_as_includes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(BROKEN)
    code = main(["validate", "."])
    out = capsys.readouterr().out
    lines = out.splitlines()
    files = len(list(BROKEN.glob("*.yaml")))
    assert code == 1
    assert lines[-1].startswith(f"{files} files checked: ")
    # The include cycle is reported once, however many files reach it.
    assert sum("include cycle" in line for line in lines) == 2  # one per direction it closes
    assert "Traceback" not in out
