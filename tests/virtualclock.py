"""A virtual clock for threads: time advances only when every worker is asleep.

Stands in for ``time`` in :mod:`mailru_sdk.stores.ratelimit` (``monotonic`` and
``sleep``). Worker threads really run, concurrently, and really block in
``sleep``; when all of them are blocked, the driver (:meth:`VirtualClock.run`)
moves the clock to the earliest wake-up time and releases the sleepers due
then. Tests are therefore instant and exact in virtual time, whatever the
machine's speed, and a worker that blocks on anything other than the clock
(a lock held across a sleep, for instance) stops time, which the driver
reports instead of hanging.
"""

from __future__ import annotations

import heapq
import threading
from collections.abc import Callable

# A liveness guard, not a timing assertion: only reached when workers are stuck.
_STUCK_AFTER = 30.0


class StuckError(AssertionError):
    """Workers stopped making progress without sleeping on the clock."""


class VirtualClock:
    """Shared virtual time for a fixed set of worker threads."""

    def __init__(self) -> None:
        self.now = 0.0
        self._cond = threading.Condition()
        self._wakes: list[float] = []  # a heap of pending wake-up times
        self._running = 0  # workers neither asleep nor finished

    # -- the ``time`` interface the code under test sees -------------------------------------

    def monotonic(self) -> float:
        """The virtual time, in seconds."""
        return self.now

    def sleep(self, seconds: float) -> None:
        """Block the calling worker until the virtual time has advanced by ``seconds``."""
        if seconds <= 0:
            return
        with self._cond:
            wake = self.now + seconds
            heapq.heappush(self._wakes, wake)
            self._running -= 1
            self._cond.notify_all()
            while self.now < wake:
                self._cond.wait()
            # the driver counted this worker as running again when it released it

    # -- the driver ----------------------------------------------------------------------

    def run(self, workers: list[Callable[[], None]]) -> None:
        """Run ``workers`` in threads until all return, advancing time when all sleep.

        Raises:
            StuckError: when workers stop without sleeping on the clock.
            BaseException: the first exception a worker raised.
        """
        errors: list[BaseException] = []

        def wrap(work: Callable[[], None]) -> None:
            try:
                work()
            except BaseException as exc:
                errors.append(exc)
            finally:
                with self._cond:
                    self._running -= 1
                    self._cond.notify_all()

        with self._cond:
            self._running = len(workers)
        threads = [threading.Thread(target=wrap, args=(w,), daemon=True) for w in workers]
        for thread in threads:
            thread.start()
        with self._cond:
            while True:
                if not self._cond.wait_for(lambda: self._running == 0, timeout=_STUCK_AFTER):
                    raise StuckError(
                        f"{self._running} workers neither sleep nor finish at t={self.now}"
                    )
                if not self._wakes:
                    break  # every worker finished
                self.now = self._wakes[0]
                while self._wakes and self._wakes[0] <= self.now:
                    heapq.heappop(self._wakes)
                    self._running += 1
                self._cond.notify_all()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]
