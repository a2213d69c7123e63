"""``API``: the entry point users call methods on.

``api.friends.get(ext=True)`` calls a catalogued method through its typed stub
(generated from spec/methods.yaml); ``api("any.method", **params)`` calls any
method by name, for methods the catalogue does not know.
"""

from __future__ import annotations

from typing import Any

from mailru_sdk._generated.client import GeneratedAPI
from mailru_sdk.options import Timeout
from mailru_sdk.sessions import TokenSession

__all__ = ["API"]


class API(GeneratedAPI):
    """Calls API methods through a session.

    Args:
        session: the [`TokenSession`][mailru_sdk.sessions.TokenSession] (or subclass)
            that signs and sends the calls.

    Every catalogued namespace is a typed attribute (``api.friends``,
    ``api.stream``...); a misspelt one is an ``AttributeError`` at run time and
    an error under mypy.
    """

    def __init__(self, session: TokenSession) -> None:
        if not isinstance(session, TokenSession):
            raise TypeError(f"API needs a TokenSession (or subclass), got {type(session).__name__}")
        super().__init__(session)

    def __call__(
        self,
        method: str,
        /,
        *,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        **params: object,
    ) -> Any:
        """Call ``method`` (e.g. ``"friends.get"``); ``None`` parameters are not sent.

        This is the escape hatch for methods outside the catalogue: no parameter
        checks beyond wire encoding, sent with the session's HTTP method and
        retried as a read. ``timeout``, ``max_retries`` and ``deadline`` apply to
        this call only (a platform parameter of one of those names can go
        through ``session.call(method, params)``).
        """
        return self.session.call(
            method, params, timeout=timeout, max_retries=max_retries, deadline=deadline
        )

    def __repr__(self) -> str:
        return f"API({self.session!r})"
