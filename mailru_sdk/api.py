"""``API``: the entry point users call methods on.

``api("any.method", **params)`` calls any method by name;
``api.friends.get(...)`` calls a catalogued method.
"""

from __future__ import annotations

from typing import Any

from mailru_sdk.sessions import TokenSession

__all__ = ["API"]


class API:
    """Calls API methods through a session.

    Args:
        session: the :class:`~mailru_sdk.sessions.TokenSession` (or subclass)
            that signs and sends the calls.
    """

    def __init__(self, session: TokenSession) -> None:
        if not isinstance(session, TokenSession):
            raise TypeError(f"API needs a TokenSession (or subclass), got {type(session).__name__}")
        self.session = session

    def __call__(self, method: str, /, **params: object) -> Any:
        """Call ``method`` (e.g. ``"friends.get"``); ``None`` parameters are not sent."""
        return self.session.call(method, params)

    def __getattr__(self, namespace: str) -> _Namespace:
        if namespace.startswith("_"):
            raise AttributeError(namespace)
        return _Namespace(self, namespace)

    def __repr__(self) -> str:
        return f"API({self.session!r})"


class _Namespace:
    def __init__(self, api: API, name: str) -> None:
        self._api = api
        self._name = name

    def __getattr__(self, method: str) -> Any:
        if method.startswith("_"):
            raise AttributeError(method)
        full = f"{self._name}.{method}"
        return lambda **params: self._api(full, **params)
