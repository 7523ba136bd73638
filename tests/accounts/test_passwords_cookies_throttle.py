"""Passwords are slow salted hashes; cookies are signed and expire; guessing is throttled."""

from __future__ import annotations

import pytest

from mi_trainer.accounts.cookies import MAX_COOKIE_CHARS, sign, unsign
from mi_trainer.accounts.passwords import (
    PasswordError,
    check_new_password,
    hash_password,
    verify_password,
)
from mi_trainer.accounts.throttle import LoginThrottle

SECRET = b"k" * 32


def test_a_hash_is_salted_scrypt_and_never_the_password():
    first, second = hash_password("correct horse battery"), hash_password("correct horse battery")
    assert first != second  # a fresh salt every time
    assert first.startswith("scrypt$16384$8$1$")
    assert "correct horse" not in first
    assert verify_password("correct horse battery", first)
    assert not verify_password("correct horse batterY", first)


@pytest.mark.parametrize(
    "stored",
    [None, "", "plain-text", "md5$abc", "scrypt$16384$8$1$!!$!!", "scrypt$x$8$1$aa$bb"],
)
def test_anything_but_a_good_hash_never_matches(stored):
    assert not verify_password("correct horse battery", stored)


@pytest.mark.parametrize(
    ("password", "why"),
    [("short", "too short"), (" " * 12, "only spaces"), ("x" * 1025, "too long")],
)
def test_weak_or_absurd_passwords_are_refused_with_a_reason(password, why):
    with pytest.raises(PasswordError, match=why):
        check_new_password(password)


def test_a_huge_password_is_not_even_hashed():
    assert not verify_password("x" * 100_000, hash_password("correct horse battery"))


def test_a_signed_cookie_gives_its_token_back_until_it_expires():
    value = sign(SECRET, "tok", 1000)
    assert unsign(SECRET, value, now=999) == "tok"
    assert unsign(SECRET, value, now=1000) is None  # expired
    assert unsign(SECRET, value, now=5000) is None


@pytest.mark.parametrize(
    "forged",
    [
        sign(b"another server's key".ljust(32), "tok", 10**10),  # signed with another key
        sign(SECRET, "tok", 1000).replace(".1000.", ".9999999999."),  # expiry moved
        sign(SECRET, "tok", 10**10).replace("tok", "tol"),  # token changed
        "tok.9999999999",  # no signature
        "",
        "a" * (MAX_COOKIE_CHARS + 1),
        "tök.9999999999.sig",
        "tok.-5.sig",
    ],
)
def test_forged_or_damaged_cookies_give_nothing(forged):
    assert unsign(SECRET, forged, now=0) is None


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_failed_sign_ins_lock_the_account_then_age_out():
    clock = Clock()
    throttle = LoginThrottle(per_account=3, per_address=100, window_s=60, clock=clock)
    for _ in range(3):
        assert throttle.retry_after("Sam", "10.0.0.1") == 0
        throttle.failed("Sam", "10.0.0.1")
    assert throttle.retry_after("sam", "10.0.0.9") == pytest.approx(60)  # any address, any case
    assert throttle.retry_after("Priya", "10.0.0.1") == 0  # others unaffected
    clock.now = 61
    assert throttle.retry_after("Sam", "10.0.0.1") == 0


def test_one_address_trying_many_names_is_locked_out():
    clock = Clock()
    throttle = LoginThrottle(per_account=3, per_address=5, window_s=60, clock=clock)
    for n in range(5):
        throttle.failed(f"guess{n}", "203.0.113.7")
    assert throttle.retry_after("Sam", "203.0.113.7") > 0
    assert throttle.retry_after("Sam", "198.51.100.1") == 0


def test_a_right_password_clears_the_account_but_not_the_address():
    throttle = LoginThrottle(per_account=2, per_address=3, window_s=60, clock=Clock())
    throttle.failed("Sam", "a")
    throttle.failed("Sam", "a")
    throttle.succeeded("Sam", None)
    assert throttle.retry_after("Sam", "b") == 0
    throttle.failed("Priya", "a")
    assert throttle.retry_after("Olu", "a") > 0


def test_a_new_password_forgets_only_the_failures_tried_before_it():
    # Each failure keeps the audit log's newest clearing entry it was tried under (here 0,
    # then 7 once the server has seen the reset written as entry 7).
    throttle = LoginThrottle(per_account=3, per_address=4, window_s=60, clock=Clock())
    for _ in range(3):
        throttle.failed("Sam", "a", cleared=0)
    assert throttle.account_wait("Sam") > 0
    assert throttle.forget_before("Sam", 7) is True
    assert throttle.account_wait("Sam") == 0
    assert throttle.forget_before("Sam", 7) is False  # nothing more to forget
    throttle.failed("Sam", "a", cleared=7)
    assert throttle.retry_after("Sam", "b") == 0
    assert throttle.retry_after("Priya", "a") > 0  # the address keeps its count
    throttle.failed("Sam", "b", cleared=7)
    throttle.failed("Sam", "b", cleared=7)
    assert throttle.forget_before("Sam", 7) is False and throttle.account_wait("Sam") > 0


def test_attempts_count_before_the_password_is_checked_so_a_burst_stays_within_the_limit():
    throttle = LoginThrottle(per_account=5, per_address=100, window_s=60, clock=Clock())
    started = [throttle.begin("Sam", "a") for _ in range(100)]  # all before any answer
    assert started.count(0) == 5
    throttle.succeeded("Sam", "a")  # one of them had the right password
    assert throttle.retry_after("Sam", "a") == 0
    assert len(throttle._failures[("address", "a")]) == 4


def test_memory_stays_bounded_under_a_flood_of_names():
    throttle = LoginThrottle(max_keys=100, clock=Clock())
    for n in range(10_000):
        throttle.failed(f"name{n}", f"10.0.{n // 256}.{n % 256}")
    assert len(throttle._failures) <= 100
