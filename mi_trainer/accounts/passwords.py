"""Password hashing: scrypt from the standard library, salted, slow, constant-time to check.

A stored hash reads ``scrypt$N$r$p$salt$key`` (salt and key in URL-safe base64), so the cost
can be raised later without breaking old hashes: each hash carries its own parameters.
Passwords are never logged or stored in any other form.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

# 2**14 * 8 * 128 bytes = 16 MiB and ~50 ms per check on one core: slow for a guesser,
# quick enough for a person signing in.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
KEY_BYTES = 32
SALT_BYTES = 16
MIN_LENGTH = 10
MAX_LENGTH = 1024  # a 1 MB "password" must not cost the server a 1 MB hash


class PasswordError(ValueError):
    """A new password that cannot be accepted; ``str(err)`` says why and what to do."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES, maxmem=64 * 2**20
    )


def check_new_password(password: str) -> None:
    """Refuse a password too short to resist guessing, or too long to hash cheaply."""
    if len(password) < MIN_LENGTH:
        raise PasswordError(
            f"The password is too short: use at least {MIN_LENGTH} characters "
            "(a few unrelated words are easy to remember)."
        )
    if len(password) > MAX_LENGTH:
        raise PasswordError(f"The password is too long: use at most {MAX_LENGTH} characters.")
    if not password.strip():
        raise PasswordError("The password is only spaces: choose one with letters or words.")


def hash_password(password: str) -> str:
    check_new_password(password)
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str | None) -> bool:
    """True when ``password`` matches ``stored``. Unknown accounts cost the same time (``None``)."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        scheme, n, r, p, salt, key = (stored or _DUMMY).split("$")
        if scheme != "scrypt":
            return False
        derived = _derive(password, _unb64(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return stored is not None and hmac.compare_digest(derived, _unb64(key))


# Checked against when the account does not exist, so a guesser cannot tell a wrong name from
# a wrong password by the time the answer takes.
_DUMMY = (
    f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(b'0' * SALT_BYTES)}${_b64(b'0' * KEY_BYTES)}"
)
