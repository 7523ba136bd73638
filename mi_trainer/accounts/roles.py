"""Who is signed in, and what each role may see and do.

- practitioner: practises; sees only their own sessions.
- trainer: checks and tries scenarios; nothing they play is saved as practice; sees their own.
- manager: practises; sees every session of their team.
- admin: manages accounts, sees the audit log and every session, exports and purges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    PRACTITIONER = "practitioner"
    TRAINER = "trainer"
    MANAGER = "manager"
    ADMIN = "admin"


ROLES = tuple(r.value for r in Role)

# Sign-in names are shown as the practitioner's name on every session: letters (any
# script), digits, spaces and . ' - _ @, 1 to 80 characters, no control characters.
_NAME = re.compile(r"^[\w][\w .'@-]{0,79}$")


class AccountError(ValueError):
    """An account request that cannot be done; ``str(err)`` says why and what to do."""


def check_name(name: str, what: str = "name") -> str:
    name = name.strip()
    if not _NAME.match(name):
        raise AccountError(
            f"'{name}' is not a usable {what}: use 1-80 letters, digits, spaces or . ' - _ @, "
            "starting with a letter or digit."
        )
    return name


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise AccountError(f"'{value}' is not a role; choose one of: {', '.join(ROLES)}.") from None


@dataclass(frozen=True, slots=True)
class Identity:
    """The person signed in (from their account), as the app and the store see them."""

    name: str
    team: str | None
    role: Role

    @property
    def saves_practice(self) -> bool:
        """A trainer's sessions are trying scenarios out, not practice: never stored."""
        return self.role is not Role.TRAINER

    @property
    def sees_all(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def sees_team(self) -> bool:
        return self.role is Role.MANAGER and bool(self.team)

    @property
    def manages_accounts(self) -> bool:
        return self.role is Role.ADMIN

    def describe(self) -> str:
        team = f", {self.team}" if self.team else ""
        return f"{self.name} ({self.role.value}{team})"

    def to_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "team": self.team, "role": self.role.value}
