"""Accounts, sign-in sessions and the audit log, kept in the product database.

The tables are made by the storage migrations (``storage/schema.py``: users, login_sessions,
audit_log, settings); this module reads and writes them through the store's own transaction
helpers, so they share its locking, retries and error messages.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from mi_trainer.accounts.cookies import new_secret, new_token, token_hash
from mi_trainer.accounts.passwords import hash_password, verify_password
from mi_trainer.accounts.roles import AccountError, Identity, Role, check_name, parse_role

SESSION_HOURS = 8  # one working day, then sign in again
SECRET_KEY = "cookie_secret"


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


@dataclass(frozen=True, slots=True)
class Account:
    name: str
    team: str | None
    role: Role
    disabled: bool
    created_at: str

    @property
    def identity(self) -> Identity:
        return Identity(self.name, self.team, self.role)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: str
    actor: str | None
    action: str
    detail: dict[str, Any]
    address: str | None
    id: int = 0  # the order entries were written in (not part of an export)

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "detail": dict(self.detail),
            "address": self.address,
        }

    def describe(self) -> str:
        """One line for a person: when, who, what (the detail as key=value)."""
        what = ACTION_WORDS.get(self.action, self.action.replace("_", " "))
        detail = ", ".join(f"{k}={v}" for k, v in sorted(self.detail.items()))
        where = f" from {self.address}" if self.address else ""
        return f"{self.at[:19].replace('T', ' ')}  {self.actor or '–'}: {what}{where}" + (
            f" ({detail})" if detail else ""
        )


ACTION_WORDS = {
    "sign_in": "signed in",
    "sign_out": "signed out",
    "sign_in_failed": "failed to sign in",
    "sign_in_locked": "sign-in locked after repeated failures",
    "report": "ran a report",
    "export": "exported sessions",
    "purge": "purged sessions",
    "import": "imported sessions",
    "account_added": "added an account",
    "account_disabled": "disabled an account",
    "account_enabled": "enabled an account",
    "password_reset": "reset a password",
}


_USER_COLUMNS = "name, team, role, disabled_at, created_at"


def _account(row: Any) -> Account:
    """A users row, read by column name (both backends' rows allow it)."""
    return Account(
        row["name"],
        row["team"],
        Role(row["role"]),
        row["disabled_at"] is not None,
        row["created_at"],
    )


class AccountStore:
    """Accounts on top of an open :class:`~mi_trainer.storage.SessionStore`."""

    def __init__(self, sessions: Any, *, clock: Callable[[], float] = time.time) -> None:
        self.sessions = sessions
        self.clock = clock

    def _read(self, fn: Callable[[Any], Any]) -> Any:
        return self.sessions.db.read(fn)

    def _write(self, fn: Callable[[Any], Any]) -> Any:
        return self.sessions.db.write(fn)

    # ------------------------------------------------------------------ accounts
    def has_accounts(self) -> bool:
        """Once a database has accounts it is shared: every way in asks who you are."""
        return bool(self._read(lambda c: c.execute("SELECT 1 FROM users LIMIT 1").fetchone()))

    def get(self, name: str) -> Account | None:
        row = self._read(
            lambda c: c.execute(
                f"SELECT {_USER_COLUMNS} FROM users WHERE lower(name) = lower(?)", (name.strip(),)
            ).fetchone()
        )
        return _account(row) if row else None

    def list(self) -> list[Account]:
        rows = self._read(
            lambda c: c.execute(
                f"SELECT {_USER_COLUMNS} FROM users ORDER BY lower(name)"
            ).fetchall()
        )
        return [_account(r) for r in rows]

    def add(
        self, name: str, team: str | None, role: str, password: str, *, actor: str | None = None
    ) -> Account:
        name = check_name(name)
        team = check_name(team, "team name") if team and team.strip() else None
        parsed = parse_role(role)
        if parsed is Role.MANAGER and not team:
            raise AccountError(f"A manager sees their team's sessions: give {name} a --team.")
        hashed = hash_password(password)
        now = _iso(self.clock())

        def insert(conn: Any) -> None:
            if conn.execute("SELECT 1 FROM users WHERE lower(name) = lower(?)", (name,)).fetchone():
                raise AccountError(f"There is already an account called '{name}'.")
            conn.execute(
                "INSERT INTO users (name, team, role, password_hash, created_at, "
                "password_changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                (name, team, parsed.value, hashed, now, now),
            )
            self._audit(conn, actor, "account_added", {"name": name, "role": parsed.value})

        self._write(insert)
        return Account(name, team, parsed, False, now)

    def _existing(self, conn: Any, name: str) -> str:
        row = conn.execute(
            "SELECT name FROM users WHERE lower(name) = lower(?)", (name,)
        ).fetchone()
        if row is None:
            raise AccountError(f"There is no account called '{name}'. See `mi-trainer users list`.")
        return str(row["name"])

    def set_disabled(self, name: str, disabled: bool = True, *, actor: str | None = None) -> None:
        """Disable (or enable again) an account; disabling also signs it out everywhere."""
        now = _iso(self.clock())

        def update(conn: Any) -> None:
            real = self._existing(conn, name)
            conn.execute(
                "UPDATE users SET disabled_at = ? WHERE name = ?", (now if disabled else None, real)
            )
            if disabled:
                self._revoke_all(conn, real, now)
            action = "account_disabled" if disabled else "account_enabled"
            self._audit(conn, actor, action, {"name": real})

        self._write(update)

    def reset_password(self, name: str, password: str, *, actor: str | None = None) -> None:
        """A new password; every existing sign-in of the account ends."""
        hashed = hash_password(password)
        now = _iso(self.clock())

        def update(conn: Any) -> None:
            real = self._existing(conn, name)
            conn.execute(
                "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE name = ?",
                (hashed, now, real),
            )
            self._revoke_all(conn, real, now)
            self._audit(conn, actor, "password_reset", {"name": real})

        self._write(update)

    def check_password(self, name: str, password: str) -> Account | None:
        """The account if the password is right and the account enabled, else None."""
        row = self._read(
            lambda c: c.execute(
                f"SELECT {_USER_COLUMNS}, password_hash FROM users WHERE lower(name) = lower(?)",
                (name.strip(),),
            ).fetchone()
        )
        ok = verify_password(password, row["password_hash"] if row else None)
        if not ok or row is None or row["disabled_at"] is not None:
            return None
        return _account(row)

    # ------------------------------------------------------------------ sign-in sessions
    def secret(self) -> bytes:
        """The key that signs cookies, made once per database (deleting it signs everyone out)."""

        def get_or_make(conn: Any) -> str:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (SECRET_KEY,)).fetchone()
            if row:
                return str(row["value"])
            value = new_secret().hex()
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (SECRET_KEY, value))
            return value

        found = self._read(
            lambda c: c.execute(
                "SELECT value FROM settings WHERE key = ?", (SECRET_KEY,)
            ).fetchone()
        )
        return bytes.fromhex(found["value"] if found else self._write(get_or_make))

    def start_login(
        self, account: Account, *, address: str | None = None, hours: float = SESSION_HOURS
    ) -> tuple[str, int]:
        """A new sign-in for ``account``: (token, expiry as Unix time). Audited."""
        token = new_token()
        now = self.clock()
        expires = int(now + hours * 3600)

        def insert(conn: Any) -> None:
            conn.execute(
                "INSERT INTO login_sessions (token_hash, user_name, created_at, expires_at, "
                "address) VALUES (?, ?, ?, ?, ?)",
                (token_hash(token), account.name, _iso(now), expires, address),
            )
            self._audit(conn, account.name, "sign_in", {"role": account.role.value}, address)

        self._write(insert)
        return token, expires

    def identity_for(self, token: str | None) -> Identity | None:
        """Who a live sign-in token belongs to; None if unknown, signed out, expired or disabled."""
        if not token:
            return None
        row = self._read(
            lambda c: c.execute(
                "SELECT u.name, u.team, u.role FROM login_sessions s JOIN users u "
                "ON u.name = s.user_name WHERE s.token_hash = ? AND s.revoked_at IS NULL "
                "AND s.expires_at > ? AND u.disabled_at IS NULL",
                (token_hash(token), int(self.clock())),
            ).fetchone()
        )
        return Identity(row["name"], row["team"], Role(row["role"])) if row else None

    def end_login(self, token: str, *, address: str | None = None) -> None:
        now = _iso(self.clock())

        def update(conn: Any) -> None:
            row = conn.execute(
                "SELECT user_name FROM login_sessions WHERE token_hash = ? AND revoked_at IS NULL",
                (token_hash(token),),
            ).fetchone()
            if row is None:
                return
            conn.execute(
                "UPDATE login_sessions SET revoked_at = ? WHERE token_hash = ?",
                (now, token_hash(token)),
            )
            self._audit(conn, row["user_name"], "sign_out", {}, address)

        self._write(update)

    def _revoke_all(self, conn: Any, name: str, now: str) -> None:
        conn.execute(
            "UPDATE login_sessions SET revoked_at = ? WHERE user_name = ? AND revoked_at IS NULL",
            (now, name),
        )

    # ------------------------------------------------------------------ audit log
    def _audit(
        self,
        conn: Any,
        actor: str | None,
        action: str,
        detail: dict[str, Any],
        address: str | None = None,
    ) -> None:
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, detail, address) VALUES (?, ?, ?, ?, ?)",
            (_iso(self.clock()), actor, action, json.dumps(detail, sort_keys=True), address),
        )

    def audit(
        self,
        actor: str | None,
        action: str,
        detail: dict[str, Any] | None = None,
        *,
        address: str | None = None,
    ) -> None:
        self._write(lambda c: self._audit(c, actor, action, detail or {}, address))

    def audit_since(self, moment: float, actions: tuple[str, ...]) -> list[AuditEntry]:
        """Entries of these actions from ``moment`` (Unix time) on, oldest first (by time, then
        as written: the order the time index ``audit_log_at`` keeps, so only the window is read)."""
        marks = ", ".join("?" for _ in actions)
        rows = self._read(
            lambda c: c.execute(
                "SELECT id, at, actor, action, detail, address FROM audit_log "
                f"WHERE at >= ? AND action IN ({marks}) ORDER BY at, id",
                (_iso(moment), *actions),
            ).fetchall()
        )
        return [_entry(r) for r in rows]

    def audit_log(self, limit: int = 200, action: str | None = None) -> list[AuditEntry]:
        """The newest entries first."""
        sql = "SELECT id, at, actor, action, detail, address FROM audit_log"
        params: list[Any] = []
        if action:
            sql += " WHERE action = ?"
            params.append(action)
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(int(limit))
        rows = self._read(lambda c: c.execute(sql, params).fetchall())
        return [_entry(r) for r in rows]


def _entry(row: Any) -> AuditEntry:
    detail = json.loads(row["detail"] or "{}")
    return AuditEntry(row["at"], row["actor"], row["action"], detail, row["address"], row["id"])
