"""The base of the generated namespaces: how a typed stub becomes a session call.

Generated code (``mailru_sdk._generated``) describes each method with a
:class:`MethodInfo` and calls :meth:`Namespace._call`; the checks that the
type checker makes for typed users are repeated here at run time for
everyone else, before any traffic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mailru_sdk.sessions import HTTPMethod, TokenSession
from mailru_sdk.signing import Circuit
from mailru_sdk.transport import Timeout
from mailru_sdk.uploads import FileInput

__all__ = ["FileInput", "MethodInfo", "Namespace"]


@dataclass(frozen=True, slots=True)
class MethodInfo:
    """What the catalogue says about one method, as the call path needs it."""

    name: str
    http: HTTPMethod
    idempotent: bool
    circuits: tuple[Circuit, ...]
    required: tuple[str, ...] = ()
    choices: Mapping[str, frozenset[object]] = field(default_factory=dict)
    files: tuple[str, ...] = ()


class Namespace:
    """Methods of one namespace (``friends``, ``stream``...), bound to a session."""

    __slots__ = ("_session",)

    def __init__(self, session: TokenSession) -> None:
        self._session = session

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._session!r}>"

    def _call(
        self,
        info: MethodInfo,
        params: dict[str, object],
        extra_params: Mapping[str, object] | None,
        timeout: Timeout | None,
        max_retries: int | None,
    ) -> Any:
        for name in info.required:
            if params[name] is None:
                raise TypeError(f"{info.name}: parameter {name!r} is required, got None")
        for name, allowed in info.choices.items():
            value = params[name]
            if value is not None and value not in allowed:
                options = ", ".join(repr(v) for v in sorted(allowed, key=repr))
                raise ValueError(f"{info.name}: {name}={value!r} is not one of {options}")
        if extra_params:
            clash = sorted(k for k in extra_params if params.get(k) is not None)
            if clash:
                raise TypeError(
                    f"{info.name}: {', '.join(clash)} given both as a keyword and in extra_params"
                )
            params = {**params, **extra_params}
        files = {name: params.pop(name) for name in info.files if params.get(name) is not None}
        return self._session.call(
            info.name,
            params,
            http_method=info.http,
            idempotent=info.idempotent,
            timeout=timeout,
            max_retries=max_retries,
            circuits=info.circuits,
            files=files or None,
        )
