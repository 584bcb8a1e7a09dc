"""The per-process cache of verified tokens: token hash -> who it belongs to, for a few seconds.

Each process (and app) has its own; entries count only under the credential epoch they were
verified under (see accounts.authenticate), so a change committed by any worker stops them.
"""

import os
import threading
import time
import weakref
from collections import OrderedDict


class Verified:
    """A verification: who the token belongs to, the credential epoch it was made under, and
    when the token's use was last written."""

    __slots__ = ("principal", "token_id", "last_used", "epoch", "expires")

    def __init__(self, principal, token_id: int, last_used, epoch: int = 0):
        self.principal, self.token_id, self.last_used = principal, token_id, last_used
        self.epoch, self.expires = epoch, 0.0


class TokenCache:
    """Token hash -> verification, for `seconds`, at most `size` entries (the least recently
    used go first). One per process and app: nothing in it is shared with other workers.

    A verification counts only under the credential epoch it was made under: a request that
    finds one reads the epoch and passes it to `current`, and a different number empties the
    cache, so a revocation, deactivation or role change committed by any worker stops cached
    tokens on every worker's next request. The time limit only bounds how long changes made
    behind the services' back (SQL by hand) go unnoticed.
    """

    def __init__(self, seconds: float, size: int = 4096, clock=time.monotonic):
        if seconds <= 0 or size < 1:
            raise ValueError("A token cache needs seconds > 0 and size >= 1.")
        self.seconds, self.size, self._clock = seconds, size, clock
        self._entries: OrderedDict[str, Verified] = OrderedDict()
        self._epoch: int | None = None  # the last one a request read
        self._lock = threading.Lock()
        _caches.add(self)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, digest: str) -> Verified | None:
        """An unexpired verification of the token, still to be checked with `current`."""
        with self._lock:
            entry = self._entries.get(digest)
            if entry is None:
                return None
            if entry.expires <= self._clock():
                del self._entries[digest]
                return None
            self._entries.move_to_end(digest)
            return entry

    def current(self, entry: Verified, epoch: int) -> bool:
        """Does `entry` still count, `epoch` being the number just read from the database?"""
        with self._lock:
            self._saw(epoch)
        return entry.epoch == epoch

    def put(self, digest: str, entry: Verified) -> None:
        with self._lock:
            self._saw(entry.epoch)
            entry.expires = self._clock() + self.seconds
            self._entries[digest] = entry
            self._entries.move_to_end(digest)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def _saw(self, epoch: int) -> None:
        if epoch != self._epoch:  # credentials changed: nothing verified before counts
            self._entries.clear()
            self._epoch = epoch

    def _after_fork(self) -> None:
        # A lock held by another thread at fork time would stay held in the child forever.
        self._lock = threading.Lock()
        self._entries.clear()
        self._epoch = None


_caches: "weakref.WeakSet[TokenCache]" = weakref.WeakSet()
os.register_at_fork(after_in_child=lambda: [cache._after_fork() for cache in list(_caches)])
