"""Running test work in threads started together: shared by the token store tests."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from mailru_sdk.stores.tokens import TokenStore

T = TypeVar("T")


def run_together(jobs: Sequence[Callable[[], T]], *, join: float = 30.0) -> list[T | Exception]:
    """Run each job in its own thread, all released at once; each result or exception."""
    start = threading.Barrier(len(jobs))
    outcomes: list[T | Exception] = []

    def run(job: Callable[[], T]) -> None:
        start.wait(10)
        try:
            outcomes.append(job())
        except Exception as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(join)
    return outcomes


def most_holders_at_once(stores: Sequence[TokenStore], key: str, rounds: int, hold: float) -> int:
    """How many of ``stores``' lock holders of ``key`` were ever inside at once (1: exclusive).

    One thread per store takes the lock ``rounds`` times and holds it ``hold``
    seconds each time.
    """
    inside = 0
    most = 0
    guard = threading.Lock()

    def work(store: TokenStore) -> None:
        nonlocal inside, most
        for _ in range(rounds):
            with store.lock(key):
                with guard:
                    inside += 1
                    most = max(most, inside)
                time.sleep(hold)
                with guard:
                    inside -= 1

    outcomes = run_together([functools.partial(work, store) for store in stores])
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    return most
