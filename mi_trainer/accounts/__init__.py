"""Accounts for a shared database: who is signed in, what their role lets them see.

    from mi_trainer.accounts import AccountStore, Identity, Role, ScopedStore
    accounts = AccountStore(session_store)
    accounts.add("Sam Patel", "North", "practitioner", password)
    account = accounts.check_password("Sam Patel", password)   # None if wrong or disabled
    store = ScopedStore(session_store, account.identity)       # every query narrowed

Plain Python (no web or Textual imports); the server and the app are thin shells on it.
See docs/deployment.md.
"""

from mi_trainer.accounts.roles import ROLES, AccountError, Identity, Role
from mi_trainer.accounts.scoped import ScopedStore, ScopeError
from mi_trainer.accounts.store import Account, AccountStore, AuditEntry

__all__ = [
    "ROLES",
    "Account",
    "AccountError",
    "AccountStore",
    "AuditEntry",
    "Identity",
    "Role",
    "ScopeError",
    "ScopedStore",
]
