"""`mi-trainer users ...` and `mi-trainer serve` as an admin types them."""

from __future__ import annotations

import io
import json
import sys

import pytest

from mi_trainer.accounts import AccountStore
from mi_trainer.cli.main import main
from mi_trainer.storage import SessionStore

PASSWORD = "correct horse battery"


def users(db, *argv, password: str | None = None, monkeypatch=None):
    if password is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    return main(["--db", str(db), "users", *argv])


def test_an_admin_adds_lists_disables_and_resets(tmp_path, capsys, monkeypatch):
    db = tmp_path / "service.db"
    assert (
        users(
            db,
            "add",
            "Sam Jones",
            "--team",
            "North",
            "--role",
            "practitioner",
            "--password-stdin",
            password=PASSWORD,
            monkeypatch=monkeypatch,
        )
        == 0
    )
    assert "Added Sam Jones (practitioner, North)." in capsys.readouterr().out
    assert users(db, "list", "--json") == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row | {"created_at": None} == {
        "name": "Sam Jones",
        "team": "North",
        "role": "practitioner",
        "disabled": False,
        "created_at": None,
    }
    assert users(db, "disable", "Sam Jones") == 0
    assert "disabled and signed out everywhere" in capsys.readouterr().out
    assert (
        users(
            db,
            "reset-password",
            "Sam Jones",
            "--password-stdin",
            password="a different long one",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    assert users(db, "enable", "sam jones") == 0
    with SessionStore.open(db) as store:
        accounts = AccountStore(store)
        assert accounts.check_password("Sam Jones", "a different long one") is not None
        assert accounts.check_password("Sam Jones", PASSWORD) is None
        raw = store.db.read(
            lambda c: c.execute("SELECT password_hash FROM users").fetchone()["password_hash"]
        )
        assert raw.startswith("scrypt$") and "different" not in raw
    assert users(db, "audit", "--only", "password_reset") == 0
    out = capsys.readouterr().out
    assert "reset a password" in out and "name=Sam Jones" in out


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["add", "Sam", "--role", "manager", "--password-stdin"], PASSWORD, "--team"),
        (["add", "Sam", "--role", "admin", "--password-stdin"], "short", "too short"),
        (["add", "Sam", "--role", "admin"], None, "--password-stdin"),
        (["disable", "Nobody Here"], None, "no account called 'Nobody Here'"),
        (["reset-password", "Nobody", "--password-stdin"], PASSWORD, "no account called"),
    ],
)
def test_mistakes_get_a_clear_message_and_change_nothing(
    tmp_path, capsys, monkeypatch, argv, stdin, message
):
    db = tmp_path / "service.db"
    SessionStore.open(db).close()
    monkeypatch.setattr(sys, "stdin", io.StringIO((stdin or "") + "\n"))
    assert users(db, *argv) == 1
    with SessionStore.open(db) as store:
        assert AccountStore(store).list() == []
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_the_same_name_twice_is_refused(tmp_path, capsys, monkeypatch):
    db = tmp_path / "service.db"
    for _ in range(2):
        code = users(
            db,
            "add",
            "Sam",
            "--role",
            "admin",
            "--password-stdin",
            password=PASSWORD,
            monkeypatch=monkeypatch,
        )
    assert code == 1 and "already an account" in capsys.readouterr().err


def test_serve_without_accounts_says_how_to_add_one(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "s.db"), "serve", "--port", "8999"]) == 1
    err = capsys.readouterr().err
    assert 'mi-trainer users add "Your Name" --team "Your Team" --role admin --db ' in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--trust-proxy-header", "X-Remote-User", "--host", "0.0.0.0"], "127.0.0.1"),
        (["--public-url", "mi.example.org"], "must start with https://"),
        (["--port", "70000"], "not a port number"),
    ],
)
def test_unsafe_or_wrong_serve_options_are_refused(tmp_path, capsys, argv, message):
    assert main(["--db", str(tmp_path / "s.db"), "serve", *argv]) == 2
    assert message in capsys.readouterr().err
