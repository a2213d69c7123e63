"""Event hooks: your functions, called at each step of every call the SDK makes.

Give a session ``event_hooks=`` (a ``Hooks``, or a dict of lists, as
httpx's ``event_hooks``)::

    def log_retry(event: Event) -> None:
        print(event.method, event.attempt, event.error)

    session = ServerSession(APP_ID, SECRET_KEY, TOKEN, event_hooks={"retry": [log_retry]})

Each hook receives one ``Event``, frozen, and never a secret: the
platform method's name, the try's number, timings, the HTTP status, the
platform's error code and the exception's class name; no parameter, token,
key, signature, URL or message. The events, in a call's order:

- ``rate_limit_wait``: the call waits ``duration`` seconds for a rate-limit slot;
- ``before_send``: try number ``attempt`` is about to be sent;
- ``after_answer``: the try ended (``status``, ``error_code``, ``error`` if it
  failed; ``duration``: the try's seconds);
- ``retry``: the call will be tried again after ``duration`` seconds;
- ``token_refresh``: an OAuth session's token was refreshed after error 102
  (``ok``; ``duration``: the refresh's seconds; once per refresh, however many
  calls waited on it; from the thread that refreshed);
- ``outcome``: the call ended (``ok``, ``status``, ``error_code``, ``error``,
  ``retries``, ``refreshed``; ``elapsed``: the whole call's seconds).

Every event of one call carries the same ``call_id``. Token requests (an
OAuth login or refresh) are calls too, named ``"oauth/token"``.

Hooks run in the calling thread, inside the call: keep them fast. A hook that
raises does not fail the call: its exception is logged (logger
``mailru_sdk``, WARNING, with the traceback) and the other hooks still run.
A session without hooks pays nothing for them.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from typing import Literal, get_args

from mailru_sdk._log import logger

__all__ = [
    "EVENT_NAMES",
    "CallTrace",
    "Event",
    "EventName",
    "Hook",
    "Hooks",
    "active_hooks",
    "emit_refresh",
]

EventName = Literal[
    "before_send", "after_answer", "retry", "rate_limit_wait", "token_refresh", "outcome"
]
EVENT_NAMES: tuple[EventName, ...] = get_args(EventName)


@dataclasses.dataclass(frozen=True, slots=True)
class Event:
    """One step of a call, as hooks see it: never a secret."""

    name: EventName
    """Which step: ``"before_send"``, ``"after_answer"``, ``"retry"``... (see the module)."""
    method: str
    """The platform method (``"friends.get"``), ``"oauth/token"``, or ``"public/<path>"``."""
    call_id: int
    """The same for every event of one call; unique in the process."""
    attempt: int
    """The try this event is about (1 for the first); 0 before any try."""
    elapsed: float
    """Seconds since the call began."""
    server: str = ""
    """The endpoint's host (``"appsmail.ru"``)."""
    duration: float | None = None
    """Seconds of this step: the try, the wait, the backoff, the refresh."""
    status: int | None = None
    """The HTTP status of the last answer (``None``: none arrived)."""
    error_code: int | None = None
    """The platform's error code (``APIError.code``), if the answer was an error."""
    error: str | None = None
    """The class name of the failure (``"AccessDeniedError"``), if any."""
    retries: int = 0
    """Retries made so far."""
    refreshed: bool = False
    """The call was repeated with a refreshed token (after error 102)."""
    ok: bool | None = None
    """``after_answer``, ``token_refresh``, ``outcome``: whether it succeeded."""


Hook = Callable[[Event], object]
"""A function of one ``Event``; what it returns is ignored."""


@dataclasses.dataclass(frozen=True, slots=True)
class Hooks:
    """The hooks of a session, one tuple per event name (see ``mailru_sdk.hooks``)."""

    before_send: tuple[Hook, ...] = ()
    after_answer: tuple[Hook, ...] = ()
    retry: tuple[Hook, ...] = ()
    rate_limit_wait: tuple[Hook, ...] = ()
    token_refresh: tuple[Hook, ...] = ()
    outcome: tuple[Hook, ...] = ()

    @classmethod
    def of(cls, value: Hooks | Mapping[str, Iterable[Hook]] | None) -> Hooks | None:
        """``value`` as ``Hooks`` (``None`` when it holds no hook).

        Raises:
            TypeError / ValueError: an unknown event name, or a hook that is not callable.
        """
        if value is None:
            return None
        if isinstance(value, Hooks):
            hooks = value
        elif isinstance(value, Mapping):
            unknown = sorted(set(value) - set(EVENT_NAMES))
            if unknown:
                raise ValueError(
                    f"event_hooks: unknown event {', '.join(map(repr, unknown))}; "
                    f"the events are {', '.join(EVENT_NAMES)}"
                )
            hooks = cls(**{name: _hook_tuple(name, funcs) for name, funcs in value.items()})
        else:
            raise TypeError(
                "event_hooks must be a Hooks or a dict of event name -> list of functions, "
                f"got {type(value).__name__}"
            )
        for name in EVENT_NAMES:
            for hook in getattr(hooks, name):
                if not callable(hook):
                    raise TypeError(f"event_hooks[{name!r}]: {hook!r} is not callable")
        return hooks if any(getattr(hooks, name) for name in EVENT_NAMES) else None

    def __add__(self, other: Hooks) -> Hooks:
        """Both sets of hooks, ``self``'s first."""
        return Hooks(*(getattr(self, n) + getattr(other, n) for n in EVENT_NAMES))

    def emit(self, event: Event) -> None:
        """Call the hooks of ``event.name``; a hook that raises is logged, not propagated."""
        for hook in getattr(self, event.name):
            try:
                hook(event)
            except Exception:
                logger.warning(
                    "event hook %r failed on %s of %s (ignored)",
                    getattr(hook, "__qualname__", hook),
                    event.name,
                    event.method,
                    exc_info=True,
                    extra={"event": event.name, "method": event.method},
                )


def _hook_tuple(name: str, funcs: Iterable[Hook]) -> tuple[Hook, ...]:
    if callable(funcs):
        return (funcs,)  # one function for the event, not in a list
    return tuple(funcs)


#: the hooks of the call this thread is inside (set only while a call with hooks runs)
_ACTIVE: ContextVar[Hooks | None] = ContextVar("mailru_sdk_hooks", default=None)
_IDS = itertools.count(1)


def active_hooks() -> Hooks | None:
    """The hooks of the call this thread is inside, if it has any (for the token refresh)."""
    return _ACTIVE.get()


class CallTrace:
    """What one call's events share: built by the pipeline only when the session has hooks."""

    __slots__ = (
        "call_id",
        "error_code",
        "hooks",
        "method",
        "refreshed",
        "retries",
        "server",
        "started",
        "status",
        "tries",
    )

    def __init__(self, hooks: Hooks, method: str, server: str) -> None:
        self.hooks = hooks
        self.method = method
        self.server = server
        self.call_id = next(_IDS)
        self.started = time.perf_counter()
        self.tries = 0
        self.retries = 0
        self.status: int | None = None
        self.error_code: int | None = None
        self.refreshed = False

    def emit(
        self,
        name: EventName,
        *,
        duration: float | None = None,
        error: BaseException | None = None,
        ok: bool | None = None,
    ) -> None:
        """Emit event ``name`` with the call's state and these fields."""
        self.hooks.emit(
            Event(
                name=name,
                method=self.method,
                call_id=self.call_id,
                attempt=self.tries,
                elapsed=time.perf_counter() - self.started,
                server=self.server,
                duration=duration,
                status=self.status,
                error_code=self.error_code,
                error=None if error is None else type(error).__name__,
                retries=self.retries,
                refreshed=self.refreshed,
                ok=ok,
            )
        )

    def activate(self) -> object:
        """Make the hooks ``active_hooks()`` for the call; the token for ``deactivate()``."""
        return _ACTIVE.set(self.hooks)

    @staticmethod
    def deactivate(token: object) -> None:
        _ACTIVE.reset(token)  # type: ignore[arg-type]


def emit_refresh(hooks: Hooks, method: str, started: float, error: BaseException | None) -> None:
    """The ``token_refresh`` event of a refresh that began at ``started`` (``perf_counter``)."""
    duration = time.perf_counter() - started
    hooks.emit(
        Event(
            name="token_refresh",
            method=method,
            call_id=next(_IDS),
            attempt=0,
            elapsed=duration,
            duration=duration,
            error=None if error is None else type(error).__name__,
            ok=error is None,
        )
    )
