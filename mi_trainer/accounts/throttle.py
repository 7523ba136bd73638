"""Failed sign-ins are limited per account and per address (sliding window, in memory).

After ``per_account`` failures for one account name within ``window_s``, that name is refused
until the oldest failure ages out, whatever the password; likewise ``per_address`` failures
from one address (whatever names it tries). A refused attempt never reaches the password
check, so a burst costs no hashing. Memory is bounded: at most ``max_keys`` names/addresses
are remembered, the stalest forgotten first.

Each failure keeps the ``cleared`` mark it was tried under (the audit log's newest entry that
cleared the account, ``accounts.sign_in.SignInLimit.cleared``), so when an admin sets a new
password elsewhere, :meth:`forget_before` drops exactly the failures from before it.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable

# The limits, counted in the audit log for every way in (accounts/sign_in.py: they hold from
# one run to the next and between processes) and by the server in memory too (here).
PER_ACCOUNT = 5
PER_ADDRESS = 20
WINDOW_S = 15 * 60


class LoginThrottle:
    def __init__(
        self,
        per_account: int = PER_ACCOUNT,
        per_address: int = PER_ADDRESS,
        window_s: float = WINDOW_S,
        *,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_account = per_account
        self.per_address = per_address
        self.window_s = window_s
        self.max_keys = max_keys
        self.clock = clock
        # (moment, cleared mark) per failure, oldest first
        self._failures: OrderedDict[tuple[str, str], deque[tuple[float, int]]] = OrderedDict()

    def _recent(self, key: tuple[str, str]) -> deque[tuple[float, int]]:
        found = self._failures.get(key)
        if found is None:
            return deque()
        cutoff = self.clock() - self.window_s
        while found and found[0][0] <= cutoff:
            found.popleft()
        return found

    def _wait(self, key: tuple[str, str], limit: int) -> float:
        recent = self._recent(key)
        if len(recent) < limit:
            return 0.0
        return max(0.0, recent[0][0] + self.window_s - self.clock())

    def account_wait(self, account: str) -> float:
        """Seconds until this account may try again, from any address (0: not locked)."""
        return self._wait(("account", account.casefold()), self.per_account)

    def retry_after(self, account: str, address: str) -> float:
        """Seconds until this account and address may try again (0: may try now)."""
        return max(
            self._wait(("account", account.casefold()), self.per_account),
            self._wait(("address", address), self.per_address),
        )

    def failed(self, account: str, address: str, cleared: int = 0) -> None:
        now = self.clock()
        for key, limit in (
            (("account", account.casefold()), self.per_account),
            (("address", address), self.per_address),
        ):
            recent = self._failures.setdefault(key, deque(maxlen=limit))
            recent.append((now, cleared))
            self._failures.move_to_end(key)
        while len(self._failures) > self.max_keys:
            self._failures.popitem(last=False)

    def succeeded(self, account: str, address: str | None = None) -> None:
        """A correct password clears that account's failures, and takes back the attempt
        counted for the address by :meth:`failed` before the check (see ``begin``)."""
        self._failures.pop(("account", account.casefold()), None)
        if address is not None:
            recent = self._failures.get(("address", address))
            if recent:
                recent.pop()

    def forget_before(self, account: str, cleared: int) -> bool:
        """Drop the account's failures tried before the audit entry ``cleared`` (a new
        password); whether any were. The address keeps its count (it may have tried others)."""
        key = ("account", account.casefold())
        recent = self._failures.get(key)
        if recent is None:
            return False
        kept = deque((f for f in recent if f[1] >= cleared), maxlen=recent.maxlen)
        self._failures[key] = kept
        return len(kept) < len(recent)

    def begin(self, account: str, address: str, cleared: int = 0) -> float:
        """Start a sign-in attempt: 0 and the attempt counted as failed until it succeeds, or
        the seconds to wait. Counting first keeps a concurrent burst within the limit (every
        attempt waiting for its password check already counts)."""
        wait = self.retry_after(account, address)
        if wait == 0:
            self.failed(account, address, cleared)
        return wait
