"""The base of the generated namespaces: how a typed stub becomes a session call.

Generated code (``mailru_sdk._generated``) describes each method with a
``MethodInfo`` and calls ``Namespace._call()`` (or, for the ``iter_…``
companions of list methods, ``Namespace._paginate()``); the checks that the
type checker makes for typed users are repeated here at run time for
everyone else, before any traffic.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from mailru_sdk.api.chunking import call_chunked, chunk_plan, without_chunk_options
from mailru_sdk.api.pagination import Paging, iter_offset, iter_skip
from mailru_sdk.options import CallOptions, HTTPMethod, check_call_options
from mailru_sdk.signing import Circuit, Params, param_mapping
from mailru_sdk.uploads import FileInput

if TYPE_CHECKING:  # a type only: the stubs' base does not load the sessions
    from mailru_sdk.sessions import TokenSession

__all__ = ["FileInput", "MethodInfo", "Namespace", "NamespaceAttribute", "Params"]

N = TypeVar("N", bound="Namespace")


class MethodInfo:
    """What the catalogue says about one method, as the call path needs it.

    ``paging`` is how a list method pages (``"offset"`` or ``"skip"``, ``None``
    for other methods) and ``page_size`` the platform's documented default
    ``limit``, if any (see [`mailru_sdk.api.pagination`][mailru_sdk.api.pagination]). ``max_items``
    maps each list parameter with a per-call maximum to it, and ``returns_list`` says
    whether the answer is a list that chunked calls can merge (see
    ``mailru_sdk.api.chunking``). ``one_of`` holds groups of parameters of
    which a call gives exactly one (``photos.upload``: ``img_url`` or ``img_file``).
    """

    __slots__ = (
        "choices",
        "circuits",
        "files",
        "http",
        "idempotent",
        "max_items",
        "name",
        "one_of",
        "page_size",
        "paging",
        "required",
        "returns_list",
    )

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
        paging: Paging | None = None,
        page_size: int | None = None,
        max_items: Mapping[str, int] | None = None,
        returns_list: bool = False,
        one_of: tuple[tuple[str, ...], ...] = (),
    ) -> None:
        self.name = name
        self.http: HTTPMethod = http
        self.idempotent = idempotent
        self.circuits = circuits
        self.required = required
        self.choices: Mapping[str, frozenset[object]] = choices or {}
        self.files = files
        self.paging: Paging | None = paging
        self.page_size = page_size
        self.max_items: Mapping[str, int] = max_items or {}
        self.returns_list = returns_list
        self.one_of = one_of

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
        extra_params: Params | None,
        options: CallOptions,
    ) -> Any:
        options = check_call_options(f"{info.name}()", options)
        params = _checked(info, params, extra_params)
        request = without_chunk_options(options)
        if info.max_items or "max_items" in options or "chunk_concurrency" in options:
            chunked = chunk_plan(info, params, options)  # checks the two options
            if chunked is not None:
                return call_chunked(self._session, info, chunked, request)
        files = {name: params.pop(name) for name in info.files if params.get(name) is not None}
        return self._session.call(
            info.name,
            params,
            http_method=info.http,
            idempotent=info.idempotent,
            circuits=info.circuits,
            files=files or None,
            **request,
        )

    def _paginate(
        self,
        info: MethodInfo,
        params: dict[str, object],
        extra_params: Params | None,
        options: CallOptions,
    ) -> Iterator[Any]:
        """The items of every page of ``info``'s method, fetched lazily.

        The parameters and options are checked now; the first page is asked
        for on the first ``next()``. The cursor parameter (``offset`` or ``skip``) gives
        where to start, and is then set by the iterator.
        """
        if info.paging is None:
            raise TypeError(f"{info.name} does not page")
        cursor = info.paging  # the parameter is named like the paging style
        if extra_params:
            extra_params = param_mapping(extra_params, "extra_params")
        if extra_params and cursor in extra_params:
            raise TypeError(
                f"{info.name}: give the starting {cursor} as {cursor}=, not in extra_params"
            )
        request = without_chunk_options(check_call_options(f"{info.name} (paged)", options))
        params = _checked(info, params, extra_params)
        session = self._session
        # the options too are checked now rather than at the first page (each page's
        # call gets the whole deadline)
        session.sdk_options.for_call(request)

        def fetch(value: object) -> object:
            return session.call(
                info.name,
                {**params, cursor: value},
                http_method=info.http,
                idempotent=info.idempotent,
                circuits=info.circuits,
                **request,
            )

        start = params.get(cursor)
        if info.paging == "skip":
            return iter_skip(info.name, fetch, start=None if start is None else str(start))
        limit = params.get("limit")
        return iter_offset(
            info.name,
            fetch,
            start=start if isinstance(start, int) and not isinstance(start, bool) else 0,
            page_size=(
                limit if isinstance(limit, int) and not isinstance(limit, bool) else info.page_size
            ),
        )


def _checked(
    info: MethodInfo, params: dict[str, object], extra_params: Params | None
) -> dict[str, object]:
    """``params`` checked as the type checker would, merged with ``extra_params``.

    ``extra_params`` is a mapping or ``(name, value)`` pairs (a name given twice is
    a ``ValueError``).
    """
    for name in info.required:
        if params[name] is None:
            raise TypeError(f"{info.name}: parameter {name!r} is required, got None")
    for name, allowed in info.choices.items():
        value = params[name]
        if value is not None and value not in allowed:
            options = ", ".join(repr(v) for v in sorted(allowed, key=repr))
            raise ValueError(f"{info.name}: {name}={value!r} is not one of {options}")
    if extra_params:
        extra_params = param_mapping(extra_params, "extra_params")
        clash = sorted(k for k in extra_params if params.get(k) is not None)
        if clash:
            raise TypeError(
                f"{info.name}: {', '.join(clash)} given both as a keyword and in extra_params"
            )
        params = {**params, **extra_params}
    for group in info.one_of:
        given = [name for name in group if params.get(name) is not None]
        if len(given) != 1:
            got = " and ".join(given) if given else "neither"
            raise TypeError(f"{info.name}: give exactly one of {', '.join(group)} (got {got})")
    return params
