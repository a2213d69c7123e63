"""After ``os.fork()``: what a child process must not share with its parent.

gunicorn, uWSGI and Celery's prefork pool fork workers from a parent that may
already have made calls. A child that kept the parent's keep-alive
connections would write its requests on the parent's sockets and read the
parent's answers (or the parent its own); a lock held by another of the
parent's threads at the fork would never be released in the child.

Objects holding such state register here (``forget_at_fork()``) and get
``_after_fork()`` called in the child, right after the fork, before any other
code runs there: sessions drop their connection pools, parts make new locks
and forget the parent's refreshes in flight. Nothing is closed or sent: the
parent's connections stay the parent's.
"""

from __future__ import annotations

import os
import threading
import weakref
from typing import Protocol

__all__ = ["ForkAware", "forget_at_fork"]


class ForkAware(Protocol):
    """An object with process-bound state (connections, locks, threads' work)."""

    def _after_fork(self) -> None:
        """Drop, in the child, what belongs to the parent process."""


_REGISTERED: weakref.WeakSet[ForkAware] = weakref.WeakSet()
_GUARD = threading.Lock()


def forget_at_fork(owner: ForkAware) -> None:
    """Have ``owner._after_fork()`` called in every child forked while ``owner`` lives."""
    with _GUARD:
        _REGISTERED.add(owner)


def _in_child() -> None:
    global _GUARD
    _GUARD = threading.Lock()  # another thread may have held it at the fork
    for owner in list(_REGISTERED):
        owner._after_fork()


os.register_at_fork(after_in_child=_in_child)
