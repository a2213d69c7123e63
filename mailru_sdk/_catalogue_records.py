"""The records the generated catalogue is written in: a method, its parameters, its overloads.

The command line (``mailru-sdk methods``, parameter conversion) and the fake
platform (canned answers) need to know every catalogued method, its
parameters and its return type. At run time the package may not read
``spec/methods.yaml``: ``python -m codegen`` writes what they need as plain
data, instances of the records below, into ``mailru_sdk._generated.catalogue``.
This module loads it on first use; ``import mailru_sdk`` never does.

Types stay the spec's strings (``"list[User]"``, ``"list[uid]"``);
``mailru_sdk._typeexpr.parse_type()`` reads return and field types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from mailru_sdk._typeexpr import ParamType

if TYPE_CHECKING:
    from mailru_sdk.api.base import MethodInfo
    from mailru_sdk.signing import Circuit

__all__ = ["MethodEntry", "OverloadEntry", "ParamEntry", "ParamKind"]

ParamKind = Literal[ParamType, "choice"]
"""How the command line reads a parameter: its spec type, or ``"choice"`` among allowed values."""


@dataclass(frozen=True)
class ParamEntry:
    """One parameter of a catalogued method."""

    name: str
    """The platform's name."""
    python_name: str
    """The stub's keyword argument."""
    type: ParamType
    """The spec's type, e.g. ``"list[uid]"``."""
    required: bool
    description: str
    """The spec's description (without the docstring's additions)."""
    values: tuple[str | int | bool, ...] | None = None
    """The allowed values, when the spec lists them."""
    default: str | int | float | bool | None = None
    """The platform-side default the spec documents, if any."""

    @property
    def kind(self) -> ParamKind:
        """``"choice"`` for a non-bool parameter with allowed values, else its type."""
        if self.values is not None and self.type != "bool":
            return "choice"
        return self.type

    @property
    def choices(self) -> tuple[str | int | bool, ...]:
        """The allowed values when ``kind`` is ``"choice"``, else ``()``."""
        return self.values or () if self.kind == "choice" else ()


@dataclass(frozen=True)
class OverloadEntry:
    """A return shape chosen by flags: ``returns`` when every ``(name, value)`` of ``when`` holds.

    The spec allows bool flags only: ``(("ext", True),)``.
    """

    when: tuple[tuple[str, bool], ...]
    returns: str


@dataclass(frozen=True)
class MethodEntry:
    """One catalogued method."""

    name: str
    """The platform's name, e.g. ``"friends.get"``."""
    namespace: str
    python_name: str
    """The stub's attribute name (``titles.del`` → ``del_``)."""
    description: str
    reference: str
    """The platform documentation's page."""
    privilege: str | None
    params_complete: bool
    """False when the parameters come from client code rather than complete documentation."""
    status: str | None
    """``"disabled"`` when the platform disabled the method, else ``None``."""
    info: MethodInfo
    """What the call path knows: verb, idempotency, circuits, required, files, paging."""
    params: tuple[ParamEntry, ...]
    returns: str
    """The spec's return type, e.g. ``"list[str]"``, when no overload applies."""
    overloads: tuple[OverloadEntry, ...] = ()

    @property
    def http(self) -> str:
        """``"GET"`` or ``"POST"``."""
        return self.info.http

    @property
    def idempotent(self) -> bool:
        """False for writes (not retried once sent)."""
        return self.info.idempotent

    @property
    def circuits(self) -> tuple[Circuit, ...]:
        """The signing circuits the platform allows."""
        return self.info.circuits

    @property
    def paging(self) -> str | None:
        """``"offset"`` or ``"skip"`` for a paged list method, else ``None``."""
        return self.info.paging

    @property
    def return_types(self) -> tuple[str, ...]:
        """Every shape the method may return: the overloads' first, then ``returns``.

        ``" | ".join(...)`` of it is the return annotation of the stub.
        """
        return tuple(dict.fromkeys([*(o.returns for o in self.overloads), self.returns]))

    def param(self, name: str) -> ParamEntry | None:
        """The parameter called ``name`` (platform or Python spelling), or ``None``."""
        for param in self.params:
            if name in (param.name, param.python_name):
                return param
        return None
