"""The app when someone is signed in (served, or a shared database): the account says who
practises, the role says what is shown, and the store's scope holds behind the screens."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from mi_trainer.accounts import AccountStore
from mi_trainer.storage import SessionStore
from tests.tui.conftest import FIXED_TIME, SCENARIOS, say, shared_coder, wait_for

PASSWORD = "correct horse battery"


def app_for(db: Path, name: str, tmp_path: Path):
    from mi_trainer.tui.app import MITrainerApp

    with SessionStore.open(db) as store:
        identity = AccountStore(store).get(name).identity
    return MITrainerApp(
        scenarios_dir=SCENARIOS,
        db=db,
        coder_factory=shared_coder,
        clock=lambda: FIXED_TIME,
        seed=1,
        export_dir=tmp_path,
        identity=identity,
    )


def service(tmp_path: Path) -> Path:
    db = tmp_path / "service.db"
    with SessionStore.open(db) as store:
        accounts = AccountStore(store)
        accounts.add("Sam Jones", "North", "practitioner", PASSWORD)
        accounts.add("Tom Reid", None, "trainer", PASSWORD)
        accounts.add("Olu Ade", "South", "practitioner", PASSWORD)
        accounts.add("Ada Admin", None, "admin", PASSWORD)
    return db


async def play_two_lines(pilot) -> None:
    from mi_trainer.tui.session import SessionScreen

    app = pilot.app
    # The first test to run loads the shared coder (spaCy): seconds on a busy machine.
    await wait_for(pilot, lambda: app.coder_ready, tries=3000)
    app.screen.query_one("#scenarios", OptionList).focus()
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
    await say(pilot, "What would a good week look like for you?")
    await say(pilot, "You're worried about getting it wrong.")


async def test_the_account_not_typing_says_who_practises(tmp_path):
    db = service(tmp_path)
    app = app_for(db, "Sam Jones", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert not app.screen.query("#name") and not app.screen.query("#team")
        assert "Sam Jones (practitioner, North)" in str(app.screen.query_one("#signed-in").render())
        await play_two_lines(pilot)
    with SessionStore.open(db) as store:
        [saved] = store.list_sessions()
        assert (saved.practitioner, saved.team) == ("Sam Jones", "North")


async def test_a_trainer_tries_a_scenario_without_it_being_saved(tmp_path):
    db = service(tmp_path)
    app = app_for(db, "Tom Reid", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await play_two_lines(pilot)
        assert app.screen.session.transcript.turns, "the scenario plays as usual"
    with SessionStore.open(db) as store:
        assert store.count_sessions() == 0


async def test_a_practitioner_sees_only_their_own_history_and_no_file_checker(tmp_path):
    from mi_trainer.tui.check import CheckScreen
    from mi_trainer.tui.history import HistoryScreen

    db = service(tmp_path)
    async with app_for(db, "Olu Ade", tmp_path).run_test(size=(100, 30)) as pilot:
        await play_two_lines(pilot)
    app = app_for(db, "Sam Jones", tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert not isinstance(app.screen, CheckScreen)
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.pause()
        assert app.screen.rows == []  # Olu's session exists, but is not Sam's
        assert app.services.list_sessions(practitioner="Olu Ade") == []


async def test_scenario_files_outside_the_scenarios_folder_are_not_read(tmp_path):
    from mi_trainer.tui.services import ServiceError

    db = service(tmp_path)
    app = app_for(db, "Tom Reid", tmp_path)
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("id: x\n")
    for path in (outside, "/etc/passwd"):
        try:
            app.services.validate(path)
        except ServiceError as err:
            assert "Only scenario files in" in str(err)
        else:
            raise AssertionError(f"{path} was read")


async def test_an_admin_manages_accounts_and_reads_the_audit_log(tmp_path):
    from textual.widgets import DataTable

    from mi_trainer.tui.accounts import AccountsScreen

    db = service(tmp_path)
    with SessionStore.open(db) as store:
        AccountStore(store).audit("Sam Jones", "export", {"sessions": 3})
    app = app_for(db, "Ada Admin", tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, AccountsScreen))
        screen = app.screen
        table = screen.query_one("#accounts", DataTable)
        assert [r.name for r in screen.rows] == ["Ada Admin", "Olu Ade", "Sam Jones", "Tom Reid"]
        audit = screen.query_one("#audit", DataTable)
        first = [str(c) for c in audit.get_row_at(0)]
        assert first[1:3] == ["Sam Jones", "exported sessions (sessions=3)"]
        table.move_cursor(row=2)
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert screen.rows[2].disabled
        await pilot.press("ctrl+n")
        await pilot.pause()
        modal = app.screen
        modal.query_one("#name").value = "Kim Lee"
        modal.query_one("#team").value = "East"
        modal.query_one("#pw").value = "a long enough password"
        modal.query_one("#pw2").value = "a long enough password"
        modal.query_one("#add").press()
        await wait_for(pilot, lambda: isinstance(app.screen, AccountsScreen))
        await pilot.pause()
        assert "Kim Lee" in [r.name for r in screen.rows]
    with SessionStore.open(db) as store:
        accounts = AccountStore(store)
        assert accounts.check_password("Sam Jones", PASSWORD) is None  # disabled
        assert accounts.check_password("Kim Lee", "a long enough password") is not None
        actions = [(e.actor, e.action) for e in accounts.audit_log(limit=2)]
        assert actions == [("Ada Admin", "account_added"), ("Ada Admin", "account_disabled")]


async def test_no_one_but_an_admin_opens_the_accounts(tmp_path):
    from mi_trainer.tui.accounts import AccountsScreen
    from mi_trainer.tui.services import ServiceError

    db = service(tmp_path)
    app = app_for(db, "Sam Jones", tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert not isinstance(app.screen, AccountsScreen)
        try:
            app.services.account_store()
        except ServiceError as err:
            assert "Only an admin" in str(err)
        else:
            raise AssertionError("a practitioner reached the accounts")
