"""Accounts and the audit log, for admins (served, or on a shared database).

Admins see every account with its role and team, disable or enable one (Ctrl+D: disabling
signs it out everywhere), add one (Ctrl+N) and read the audit log of sign-ins, exports,
purges and account changes, newest first. Passwords are set here only for new accounts;
resetting one is `mi-trainer users reset-password` on the server (it ends their sign-ins).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Select, Static

from mi_trainer.tui.common import TrainerScreen, plain

if TYPE_CHECKING:
    from mi_trainer.accounts import AccountStore, Identity

AUDIT_ROWS = 200
ROLE_CHOICES = [
    ("practitioner", "practitioner"),
    ("trainer", "trainer"),
    ("manager", "manager"),
    ("admin", "admin"),
]


class AccountsScreen(TrainerScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+d", "toggle", "Disable / enable"),
        Binding("ctrl+n", "add", "Add account"),
        Binding("ctrl+r", "refresh", "Refresh"),
    ]
    DEFAULT_CSS = """
    AccountsScreen #accounts { height: 1fr; min-height: 5; }
    AccountsScreen #audit { height: 2fr; min-height: 5; }
    AccountsScreen .heading { height: 1; padding: 0 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Accounts", classes="heading")
        yield DataTable(id="accounts", cursor_type="row", zebra_stripes=True)
        yield Static("Audit log (newest first)", classes="heading")
        yield DataTable(id="audit", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Accounts and audit log"
        self.sub_title = "For admins"
        self.query_one("#accounts", DataTable).add_columns("Name", "Role", "Team", "State")
        self.query_one("#audit", DataTable).add_columns("When (UTC)", "Who", "What", "From")
        self.action_refresh()
        self.query_one("#accounts", DataTable).focus()

    @property
    def accounts(self) -> AccountStore:
        return self.trainer.services.account_store()

    @property
    def me(self) -> Identity:
        """The signed-in admin (the app opens this screen only for one)."""
        identity = self.trainer.identity
        if identity is None:
            raise RuntimeError("the accounts screen needs a signed-in admin")
        return identity

    def action_refresh(self) -> None:
        from mi_trainer.accounts.store import ACTION_WORDS

        table = self.query_one("#accounts", DataTable)
        table.clear()
        self.rows = self.accounts.list()
        for a in self.rows:
            state = "disabled" if a.disabled else "enabled"
            cells = (a.name, a.role.value, a.team or "–", state)
            table.add_row(*(plain(cell) for cell in cells), key=a.name)  # names are not markup
        audit = self.query_one("#audit", DataTable)
        audit.clear()
        for e in self.accounts.audit_log(limit=AUDIT_ROWS):
            what = ACTION_WORDS.get(e.action, e.action.replace("_", " "))
            detail = ", ".join(f"{k}={v}" for k, v in sorted(e.detail.items()))
            cells = (
                e.at[:19].replace("T", " "),
                e.actor or "–",
                f"{what} ({detail})" if detail else what,
                e.address or "–",
            )
            audit.add_row(*(plain(cell) for cell in cells))

    def selected(self) -> Any | None:
        table = self.query_one("#accounts", DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def action_toggle(self) -> None:
        account = self.selected()
        me = self.me
        if account is None:
            return
        if account.name == me.name:
            self.notify("You cannot disable your own account here.", severity="warning")
            return
        self.accounts.set_disabled(account.name, not account.disabled, actor=me.name)
        done = "enabled" if account.disabled else "disabled and signed out everywhere"
        self.notify(f"{account.name}: {done}.")
        self.action_refresh()

    def action_add(self) -> None:
        self.app.push_screen(AddAccountScreen(), self._added)

    def _added(self, values: dict[str, str] | None) -> None:
        from mi_trainer.accounts import AccountError
        from mi_trainer.accounts.passwords import PasswordError

        if not values:
            return
        try:
            account = self.accounts.add(
                values["name"],
                values["team"] or None,
                values["role"],
                values["password"],
                actor=self.me.name,
            )
        except (AccountError, PasswordError) as err:
            self.notify(str(err), severity="error", timeout=10)
            return
        self.notify(f"Added {account.identity.describe()}.")
        self.action_refresh()


class AddAccountScreen(ModalScreen[dict[str, str] | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    AddAccountScreen { align: center middle; }
    AddAccountScreen > Vertical {
        width: 64; max-width: 95%; height: auto; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    AddAccountScreen Input, AddAccountScreen Select { margin-bottom: 1; }
    AddAccountScreen Horizontal { height: auto; }
    AddAccountScreen Button { width: 1fr; margin: 0 1; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("A new account (they can sign in at once)")
            yield Input(placeholder="Name", id="name")
            yield Input(placeholder="Team (required for a manager)", id="team")
            yield Select(ROLE_CHOICES, value="practitioner", allow_blank=False, id="role")
            yield Input(placeholder="Password (10 characters or more)", password=True, id="pw")
            yield Input(placeholder="The same password again", password=True, id="pw2")
            with Horizontal():
                yield Button("Add", variant="primary", id="add")
                yield Button("Cancel", id="cancel")
        yield Footer()

    @on(Button.Pressed, "#add")
    @on(Input.Submitted, "#pw2")
    def _add(self) -> None:
        value = {name: self.query_one(f"#{name}", Input).value for name in ("name", "team")}
        password = self.query_one("#pw", Input).value
        if password != self.query_one("#pw2", Input).value:
            self.notify("The two passwords differ.", severity="error")
            return
        role = str(self.query_one("#role", Select).value)
        self.dismiss(value | {"role": role, "password": password})

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
