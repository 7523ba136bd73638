"""The command line on a shared database: report, export, import and purge ask who you are,
do only what your role may, and are written to the audit log, as in the app. Every test runs
on a SQLite file with accounts and on a real PostgreSQL server (conftest.py)."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import pytest

from mi_trainer.accounts import AccountStore
from mi_trainer.accounts.sign_in import FAILED, LOCKED
from mi_trainer.cli.app import SIGN_IN_ENV, signed_in_identity
from mi_trainer.cli.errors import UserError
from mi_trainer.cli.main import main
from mi_trainer.cli.sign_in import EXIT_REFUSED
from mi_trainer.storage import SessionStore

PASSWORD = "correct horse battery"
ALL = ["Ada Admin", "Maria Lopez", "Olu Ade", "Priya Shah", "Sam Jones"]
NORTH = ["Maria Lopez", "Priya Shah", "Sam Jones"]


@pytest.fixture
def cli(service_db, shared, capsys, monkeypatch):
    """cli(*argv, user=NAME, password=...) -> (exit code, stdout, stderr), signed in with
    --user NAME --password-stdin as a script would be."""

    def run(*argv: str, user: str | None = None, password: str = PASSWORD):
        args = [*argv, "--db", service_db]
        if user is not None:
            args += ["--user", user, "--password-stdin"]
            monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
        code = main(args)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def audit(shared, action):
    return shared[1].audit_log(action=action)


def report_names(out: str) -> list[str]:
    return sorted(p["name"] for p in json.loads(out)["practitioners"])


def exported_names(path: Path) -> list[str]:
    lines = path.read_text().splitlines()
    return sorted(json.loads(line)["session"]["practitioner"] for line in lines)


@pytest.mark.parametrize(
    ("who", "sees"),
    [("Sam Jones", ["Sam Jones"]), ("Maria Lopez", NORTH), ("Ada Admin", ALL)],
)
def test_report_and_export_cover_what_the_role_sees_and_are_audited(
    cli, shared, tmp_path, who, sees
):
    code, out, _ = cli("report", "--format", "json", user=who)
    assert code == 0
    assert report_names(out) == sees
    [entry] = audit(shared, "report")
    assert (entry.actor, entry.detail["via"], entry.detail["format"]) == (
        who,
        "command line (report)",
        "json",
    )
    archive = tmp_path / "mine.jsonl"
    code, _, err = cli("export", "-o", str(archive), user=who)
    assert code == 0, err
    assert exported_names(archive) == sees
    [entry] = audit(shared, "export")
    assert entry.actor == who
    assert entry.detail["output"] == str(archive)
    assert entry.detail["via"] == "command line (export)"
    assert entry.address and entry.address.startswith("local")
    signed_in = [e.actor for e in audit(shared, "sign_in")]
    assert signed_in == [who, who]  # one sign-in per command, newest first


def test_the_audit_entry_names_the_scope_the_command_ran_with(cli, shared):
    assert cli("report", "--format", "json", user="Maria Lopez")[0] == 0
    assert cli("export", "--scenario", "mum-drinking", user="Sam Jones")[0] == 0
    exported, reported = audit(shared, "export")[0], audit(shared, "report")[0]
    assert reported.detail["team"] == "North"  # the manager's team, though none was asked
    assert exported.detail["practitioner"] == "Sam Jones"
    assert exported.detail["scenario"] == "mum-drinking"
    assert exported.detail["output"] == "stdout"


@pytest.mark.parametrize(
    ("who", "argv", "says"),
    [
        ("Sam Jones", ["report", "--practitioner", "Olu Ade"], "only your own sessions"),
        ("Sam Jones", ["export", "--practitioner", "priya shah"], "only your own sessions"),
        ("Maria Lopez", ["report", "--team", "South"], "only your team's sessions (North)"),
        ("Maria Lopez", ["export", "--team", "South"], "only your team's sessions (North)"),
        ("Tom Reid", ["report"], "not saved as practice"),
        ("Tom Reid", ["export"], "not saved as practice"),
        ("Sam Jones", ["purge", "--before", "2030-01-01"], "may not purge"),
        ("Maria Lopez", ["purge", "--before", "2030-01-01"], "may not purge"),
        ("Tom Reid", ["purge", "--before", "2030-01-01", "--dry-run"], "may not purge"),
    ],
)
def test_what_a_role_may_not_do_is_refused_clearly_and_nothing_is_done(
    cli, shared, who, argv, says
):
    store = shared[0]
    before = store.count_sessions()
    code, out, err = cli(*argv, user=who)
    assert code == EXIT_REFUSED
    assert says in err and "Traceback" not in err
    assert out == ""
    assert store.count_sessions() == before
    assert audit(shared, "export") == [] and audit(shared, "report") == []


def test_only_an_admin_imports_and_the_import_is_audited(cli, shared, tmp_path):
    archive = tmp_path / "all.jsonl"
    assert cli("export", "-o", str(archive), user="Ada Admin")[0] == 0
    code, _, err = cli("import", str(archive), user="Maria Lopez")
    assert code == EXIT_REFUSED and "may not import" in err
    code, out, _ = cli("import", str(archive), user="Ada Admin")
    assert code == 0 and "skipped 5" in out
    [entry] = audit(shared, "import")
    assert (entry.actor, entry.detail["source"], entry.detail["skipped"]) == (
        "Ada Admin",
        str(archive),
        5,
    )


def test_an_admins_purge_is_audited_with_its_rule_and_counts(cli, shared):
    code, out, _ = cli("purge", "--before", "2030-01-01", "--dry-run", user="Ada Admin")
    assert code == 0 and "Would delete 5 session(s)" in out
    assert audit(shared, "purge") == []  # a dry run changes nothing
    code, out, _ = cli(
        "purge", "--before", "2030-01-01", "--practitioner", "Olu Ade", user="Ada Admin"
    )
    assert code == 0 and "Deleted 1 session(s)" in out
    [entry] = audit(shared, "purge")
    assert entry.actor == "Ada Admin"
    assert {k: entry.detail[k] for k in ("before", "practitioner", "sessions", "turns")} == {
        "before": "2030-01-01",
        "practitioner": "Olu Ade",
        "sessions": 1,
        "turns": 1,
    }
    assert entry.detail["via"] == "command line (purge)"


@pytest.mark.parametrize("argv", [["report"], ["export"], ["purge", "--before", "2030-01-01"]])
def test_a_wrong_password_does_nothing_and_is_audited(cli, shared, argv):
    store = shared[0]
    code, out, err = cli(*argv, user="Ada Admin", password="not the password")
    assert code == EXIT_REFUSED
    assert "do not match an enabled account" in err and out == ""
    assert store.count_sessions() == 5
    [failed] = audit(shared, FAILED)
    assert (failed.actor, failed.detail["name"]) == (None, "Ada Admin")
    assert audit(shared, "sign_in") == []


def test_a_disabled_account_cannot_sign_in_on_the_command_line(cli, shared):
    shared[1].set_disabled("Sam Jones")
    code, _, err = cli("report", user="Sam Jones")
    assert code == EXIT_REFUSED and "do not match an enabled account" in err


def test_failed_sign_ins_lock_the_account_across_runs_until_a_reset(cli, shared):
    accounts = shared[1]
    for _ in range(5):
        assert cli("report", user="Sam Jones", password="guess guess")[0] == EXIT_REFUSED
    # The right password now gets the lock-out, without being checked.
    for _ in range(3):
        code, out, err = cli("report", user="Sam Jones")
        assert code == EXIT_REFUSED and out == ""
        assert "Too many failed sign-ins for 'Sam Jones'" in err
        assert "reset-password" in err
    assert len(audit(shared, FAILED)) == 5
    assert len(audit(shared, LOCKED)) == 1  # one entry per lock-out, not per try
    assert audit(shared, "sign_in") == []
    # Other accounts are not locked out by one person's failures.
    assert cli("report", user="Maria Lopez")[0] == 0
    accounts.reset_password("Sam Jones", "a brand new password", actor="Ada Admin")
    assert cli("report", user="Sam Jones", password="a brand new password")[0] == 0


def test_failures_from_one_address_lock_it_whatever_names_are_tried(cli, shared):
    for n in range(20):
        assert cli("report", user=f"Nobody {n}", password="guess")[0] == EXIT_REFUSED
    code, _, err = cli("report", user="Sam Jones")
    assert code == EXIT_REFUSED and "Too many failed sign-ins" in err


def test_an_account_the_server_locked_is_locked_on_the_command_line_too(cli, shared):
    # What a server wrote when only its memory counted the browser's failures (one without
    # `via`; servers now write each failure too, test_sign_in_limit_shared.py).
    shared[1].audit(None, LOCKED, {"name": "Sam Jones"}, address="203.0.113.9")
    code, _, err = cli("report", user="Sam Jones")
    assert code == EXIT_REFUSED and "Too many failed sign-ins" in err


def test_without_a_terminal_or_password_stdin_the_command_says_how_to_sign_in(
    cli, shared, monkeypatch
):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = cli("export")
    assert code == EXIT_REFUSED and out == ""
    assert "--user NAME" in err and "--password-stdin" in err
    code, _, err = cli("report", "--password-stdin")
    assert code == 2 and "needs --user NAME" in err


def test_in_a_terminal_the_name_and_password_are_asked_for(cli, shared, monkeypatch):
    import mi_trainer.cli.sign_in as sign_in_module

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt="": "Maria Lopez")
    answers = iter(["wrong password!", PASSWORD])
    monkeypatch.setattr(sign_in_module.getpass, "getpass", lambda prompt="": next(answers))
    monkeypatch.setattr(sign_in_module.time, "sleep", lambda s: None)
    code, out, _ = cli("report", "--format", "json")
    assert code == 0
    assert report_names(out.split("\n", 2)[-1]) == NORTH  # after the two sign-in lines


# ---------------------------------------------------------------------- PostgreSQL, no accounts


@pytest.fixture
def empty_service(pg_cluster):
    name = "no_accounts_yet"
    url = str(pg_cluster.create_database(name))
    yield url
    pg_cluster.drop_database(name)


@pytest.mark.parametrize(
    "argv",
    [
        ["report"],
        ["export", "-o", "all.jsonl"],
        ["purge", "--before", "2030-01-01"],
        ["serve"],
    ],
)
def test_a_postgresql_database_without_accounts_is_refused_with_how_to_add_the_first_admin(
    empty_service, capsys, monkeypatch, tmp_path, kit, argv
):
    monkeypatch.chdir(tmp_path)
    with SessionStore.open(empty_service) as store:  # the tables, and one practice session
        store.start_session(kit.practice("Sam Jones", "North"))
    code = main([*argv, "--db", empty_service])
    _, err = capsys.readouterr()
    assert code == (1 if argv == ["serve"] else EXIT_REFUSED)
    assert "mi-trainer users add" in err and "--role admin" in err
    assert f"--db {empty_service}" in err
    assert not (tmp_path / "all.jsonl").exists()
    with SessionStore.open(empty_service) as store:
        assert store.count_sessions() == 1


def test_the_terminal_app_on_postgresql_without_accounts_says_how_to_begin(
    empty_service, monkeypatch
):
    monkeypatch.delenv(SIGN_IN_ENV, raising=False)
    with pytest.raises(UserError, match="has no accounts yet") as err:
        signed_in_identity(argparse.Namespace(db=empty_service))
    assert "--role admin" in err.value.message


def test_the_first_admin_is_added_on_an_empty_postgresql_database_and_can_then_report(
    empty_service, capsys, monkeypatch
):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    code = main(
        [
            *("users", "add", "Ada Admin", "--team", "Service", "--role", "admin"),
            *("--password-stdin", "--db", empty_service),
        ]
    )
    assert code == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    capsys.readouterr()
    code = main(["report", "--db", empty_service, "--user", "ada admin", "--password-stdin"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "No sessions" in out
    with SessionStore.open(empty_service) as store:
        actions = [e.action for e in AccountStore(store).audit_log()]
    assert actions == ["report", "sign_in", "account_added"]  # newest first
