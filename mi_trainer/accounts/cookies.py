"""Signed session cookies: ``TOKEN.EXPIRES.SIGNATURE``.

The token is random and names a row in the ``login_sessions`` table (stored only as its
SHA-256, so reading the database does not give anyone a cookie); the expiry is a Unix time;
the signature is an HMAC-SHA256 of both with the server's secret, so a cookie cannot be made
up or have its expiry moved. A cookie is good only while its signature holds, it has not
expired, and its row is neither revoked (signed out) nor past its own expiry.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

COOKIE_NAME = "mi_trainer_session"
MAX_COOKIE_CHARS = 200  # anything longer is not ours: refuse before doing any work


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_secret() -> bytes:
    return secrets.token_bytes(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def _signature(secret: bytes, token: str, expires: int) -> str:
    mac = hmac.new(secret, f"{token}.{expires}".encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode("ascii").rstrip("=")


def sign(secret: bytes, token: str, expires: int) -> str:
    return f"{token}.{int(expires)}.{_signature(secret, token, int(expires))}"


def unsign(secret: bytes, value: str | None, now: float) -> str | None:
    """The token inside a cookie value, or None if it is forged, damaged or expired."""
    if not value or len(value) > MAX_COOKIE_CHARS or not value.isascii():
        return None
    parts = value.split(".")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    token, expires_text, signature = parts
    expires = int(expires_text)
    if not hmac.compare_digest(signature, _signature(secret, token, expires)):
        return None
    if expires <= now:
        return None
    return token
