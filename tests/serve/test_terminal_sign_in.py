"""The terminal app on a shared database (one with accounts) asks who you are; started by the
server it takes the sign-in token, checks it against the database, and never trusts more."""

from __future__ import annotations

import argparse
import io
import sys

import pytest

from mi_trainer.accounts import AccountStore
from mi_trainer.cli.app import SIGN_IN_ENV, signed_in_identity
from mi_trainer.cli.errors import UserError
from mi_trainer.storage import SessionStore

PASSWORD = "correct horse battery"


@pytest.fixture
def shared_db(tmp_path):
    db = tmp_path / "service.db"
    with SessionStore.open(db) as store:
        accounts = AccountStore(store)
        accounts.add("Sam Jones", "North", "practitioner", PASSWORD)
        token, _ = accounts.start_login(accounts.get("Sam Jones"))
    return db, token


def test_a_database_without_accounts_trusts_the_local_user(tmp_path, monkeypatch):
    monkeypatch.delenv(SIGN_IN_ENV, raising=False)
    assert signed_in_identity(argparse.Namespace(db=str(tmp_path / "mine.db"))) is None


def test_the_servers_sign_in_token_gives_the_accounts_identity(shared_db, monkeypatch):
    db, token = shared_db
    monkeypatch.setenv(SIGN_IN_ENV, token)
    identity = signed_in_identity(argparse.Namespace(db=str(db)))
    assert (identity.name, identity.team, identity.role.value) == (
        "Sam Jones",
        "North",
        "practitioner",
    )
    assert SIGN_IN_ENV not in __import__("os").environ  # not passed on to anything started


@pytest.mark.parametrize("token", ["made-up", ""])
def test_an_unknown_or_ended_sign_in_is_refused(shared_db, monkeypatch, token):
    db, real = shared_db
    if not token:
        with SessionStore.open(db) as store:
            AccountStore(store).end_login(real)
        token = real
    monkeypatch.setenv(SIGN_IN_ENV, token)
    with pytest.raises(UserError, match="sign-in has ended"):
        signed_in_identity(argparse.Namespace(db=str(db)))


def test_a_shared_database_asks_for_a_sign_in_and_says_so_without_a_terminal(
    shared_db, monkeypatch
):
    db, _ = shared_db
    monkeypatch.delenv(SIGN_IN_ENV, raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO("Sam Jones\n"))
    with pytest.raises(UserError, match="This database is shared") as err:
        signed_in_identity(argparse.Namespace(db=str(db)))
    assert "Run mi-trainer in a terminal" in err.value.message
    assert "--user" not in err.value.message  # the app has no such option


def test_a_terminal_sign_in_with_the_right_password_is_audited(shared_db, monkeypatch):
    import mi_trainer.cli.sign_in as app_module

    db, _ = shared_db
    monkeypatch.delenv(SIGN_IN_ENV, raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt="": "Sam Jones")
    answers = iter(["wrong password!", PASSWORD])
    monkeypatch.setattr(app_module.getpass, "getpass", lambda prompt="": next(answers))
    monkeypatch.setattr(app_module.time, "sleep", lambda s: None)
    identity = signed_in_identity(argparse.Namespace(db=str(db)))
    assert identity.name == "Sam Jones"
    with SessionStore.open(db) as store:
        [entry] = AccountStore(store).audit_log(limit=1)
    assert (entry.actor, entry.action, entry.detail) == (
        "Sam Jones",
        "sign_in",
        {"role": "practitioner", "via": "terminal"},
    )
