"""Signing in outside the browser (the terminal app and the command-line commands), and the
limit on failed sign-ins that every way in shares.

The limits are counted in the database's audit log, where they hold from one run to the next,
across server restarts and between server processes (:func:`wait_before_sign_in`; the server
counts in memory first too, :mod:`~mi_trainer.accounts.throttle`, so a burst or a flood of
refused tries costs no database read):

- every failed try is an entry ``sign_in_failed`` (the name tried, from which address, via
  the browser or the command line);
- an account is locked after ``PER_ACCOUNT`` failures since its last sign-in within
  ``WINDOW_S``, an address after ``PER_ADDRESS`` failures within ``WINDOW_S``, and an account
  a server locked by its memory alone (``sign_in_locked`` without ``via``: what servers wrote
  before they wrote the browser's failures) stays locked for the window too;
- a right password, or a new one set by an admin, clears the account's failures; a server
  whose memory has locked the account asks :func:`last_cleared` now and then, so a new
  password set anywhere (the command line, the app, another server) ends that lock too;
- a locked try gets :class:`SignInLocked` without any password check, and writes one
  ``sign_in_locked`` entry per lock-out (not one per try).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mi_trainer.accounts.store import Account, AccountStore, AuditEntry
from mi_trainer.accounts.throttle import PER_ACCOUNT, PER_ADDRESS, WINDOW_S

FAILED = "sign_in_failed"
LOCKED = "sign_in_locked"
SIGNED_IN = "sign_in"
RESET = "password_reset"  # by an admin: the account's failures no longer count


class SignInLocked(Exception):
    """Too many failed sign-ins; ``wait_s`` until the next try is allowed."""

    def __init__(self, name: str, wait_s: float) -> None:
        minutes = max(1, round(wait_s / 60))
        super().__init__(
            f"Too many failed sign-ins for '{name}'. Try again in about {minutes} minute(s), "
            "or ask an admin to reset the password (mi-trainer users reset-password NAME)."
        )
        self.wait_s = wait_s


@dataclass(frozen=True, slots=True)
class _Event:
    moment: float
    entry: AuditEntry

    @property
    def name(self) -> str:
        return _name_of(self.entry)


def _name_of(entry: AuditEntry) -> str:
    """The account an entry is about, casefolded."""
    named = entry.detail.get("name") if entry.action != SIGNED_IN else None
    # sign_in: the actor is the account; failed, locked, reset: the name is in the detail
    return str(named or entry.actor or "").casefold()


def _events(accounts: AccountStore, now: float) -> list[_Event]:
    found = accounts.audit_since(now - WINDOW_S, (FAILED, LOCKED, SIGNED_IN, RESET))
    return [_Event(datetime.fromisoformat(e.at).timestamp(), e) for e in found]


@dataclass(frozen=True, slots=True)
class SignInLimit:
    """What the audit log says about a sign-in try of one name from one address."""

    wait_s: float  # seconds before the try is allowed (0: now)
    noted: bool  # that lock-out is already in the audit log
    cleared: int  # the newest entry that cleared the account's failures (0: none in the window)


CLEARS = (SIGNED_IN, RESET)  # a right password, or a new one from an admin


def sign_in_limit(accounts: AccountStore, name: str, address: str) -> SignInLimit:
    """The limit on ``name`` trying from ``address``, counted in the audit log."""
    now = accounts.clock()
    wanted = name.strip().casefold()
    account_failures: list[float] = []
    address_failures: list[float] = []
    locked_at: float | None = None  # the server's lock-out (it keeps its count in memory)
    noted_at: float | None = None
    cleared = 0
    for event in _events(accounts, now):
        action = event.entry.action
        if action == FAILED and event.entry.address == address:
            address_failures.append(event.moment)
        if event.name != wanted:
            continue
        if action in CLEARS:
            account_failures.clear()
            locked_at = noted_at = None
            cleared = max(cleared, event.entry.id)
        elif action == FAILED:
            account_failures.append(event.moment)
        elif action == LOCKED:
            noted_at = event.moment
            if "via" not in event.entry.detail:  # a server's count in memory only
                locked_at = event.moment
    waits = [0.0]
    if len(account_failures) >= PER_ACCOUNT:
        waits.append(account_failures[-PER_ACCOUNT] + WINDOW_S - now)
    if len(address_failures) >= PER_ADDRESS:
        waits.append(address_failures[-PER_ADDRESS] + WINDOW_S - now)
    if locked_at is not None:
        waits.append(locked_at + WINDOW_S - now)
    # Locked tries write no failures, so a lock-out noted after the last failure is this one.
    last_failure = max(account_failures[-1:] + address_failures[-1:], default=0.0)
    return SignInLimit(max(waits), noted_at is not None and noted_at >= last_failure, cleared)


def wait_before_sign_in(accounts: AccountStore, name: str, address: str) -> tuple[float, bool]:
    """(seconds to wait before ``name`` may try from ``address``, whether that lock-out is
    already in the audit log). (0, False): may try now."""
    limit = sign_in_limit(accounts, name, address)
    return limit.wait_s, limit.noted


def last_cleared(accounts: AccountStore, name: str) -> int:
    """The newest entry within the window that cleared ``name``'s failures (a new password
    from an admin, or a right one), 0 if none: what a server compares with the ``cleared`` its
    counted failures were tried under (:attr:`SignInLimit.cleared`)."""
    wanted = name.strip().casefold()
    found = accounts.audit_since(accounts.clock() - WINDOW_S, CLEARS)
    return max((e.id for e in found if _name_of(e) == wanted), default=0)


def sign_in(
    accounts: AccountStore, name: str, password: str, *, address: str, via: str
) -> Account | None:
    """The account if ``password`` is right (and the account enabled), else None; every try
    is audited. :class:`SignInLocked` when too many tries failed, before any password check."""
    name = name.strip()[:80]
    wait, noted = wait_before_sign_in(accounts, name, address)
    if wait > 0:
        if not noted:
            accounts.audit(None, LOCKED, {"name": name, "via": via}, address=address)
        raise SignInLocked(name, wait)
    account = accounts.check_password(name, password)
    if account is None:
        accounts.audit(None, FAILED, {"name": name, "via": via}, address=address)
        return None
    detail: dict[str, Any] = {"role": account.role.value, "via": via}
    accounts.audit(account.name, SIGNED_IN, detail, address=address)
    return account
