"""The base of the generated namespaces: how a typed stub becomes a session call.

Generated code (``mailru_sdk._generated``) describes each method with a
:class:`MethodInfo` and calls :meth:`Namespace._call`; the checks that the
type checker makes for typed users are repeated here at run time for
everyone else, before any traffic.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, Generic, TypeVar, overload

from mailru_sdk.sessions import HTTPMethod, TokenSession
from mailru_sdk.signing import Circuit
from mailru_sdk.transport import Timeout
from mailru_sdk.uploads import FileInput

__all__ = ["FileInput", "MethodInfo", "Namespace", "NamespaceAttribute"]

N = TypeVar("N", bound="Namespace")


class MethodInfo:
    """What the catalogue says about one method, as the call path needs it."""

    __slots__ = ("choices", "circuits", "files", "http", "idempotent", "name", "required")

    def __init__(
        self,
        name: str,
        *,
        http: HTTPMethod,
        idempotent: bool,
        circuits: tuple[Circuit, ...],
        required: tuple[str, ...] = (),
        choices: Mapping[str, frozenset[object]] | None = None,
        files: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.http: HTTPMethod = http
        self.idempotent = idempotent
        self.circuits = circuits
        self.required = required
        self.choices: Mapping[str, frozenset[object]] = choices or {}
        self.files = files

    def __repr__(self) -> str:
        return f"MethodInfo({self.name!r}, http={self.http!r}, idempotent={self.idempotent})"


class NamespaceAttribute(Generic[N]):
    """A namespace of ``API``, imported and built on first access, then cached on the instance.

    Keeps ``import mailru_sdk`` and ``API(session)`` cheap: a namespace's module is
    loaded only when a program first uses it.
    """

    def __init__(self, module: str, class_name: str) -> None:
        self.module = module
        self.class_name = class_name
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type) -> NamespaceAttribute[N]: ...

    @overload
    def __get__(self, instance: object, owner: type) -> N: ...

    def __get__(self, instance: object | None, owner: type) -> NamespaceAttribute[N] | N:
        if instance is None:
            return self
        cls = getattr(importlib.import_module(self.module), self.class_name)
        namespace: N = cls(instance.session)  # type: ignore[attr-defined]
        # a plain attribute from now on: later lookups skip this descriptor
        instance.__dict__[self.name] = namespace
        return namespace


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
