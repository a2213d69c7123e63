"""Session attributes that are fields of the session's frozen parts.

A session keeps its settings in frozen parts (its
[`Options`][mailru_sdk.options.Options], an OAuth session's
``OAuthConfig``). Users still read and
set them as attributes, as on any ``requests.Session``: ``session.timeout =
3``. A ``PartField`` makes that one mechanism: reading reads the part's
field, setting replaces the part with a checked copy (``part.replace(...)``),
so a call in flight keeps the part it started with and no setting can look
applied without being so.
"""

from __future__ import annotations

from typing import Any, Generic, Protocol, Self, TypeVar, overload

__all__ = ["PartField"]

T = TypeVar("T")


class _Replaceable(Protocol):
    def replace(self, **changes: Any) -> Any: ...


class PartField(Generic[T]):
    """The attribute ``name`` of a session: field ``name`` of the part in attribute ``part``.

    ``writable=False``: the field is fixed once the session is built (setting
    it raises ``AttributeError`` saying why).
    """

    def __init__(self, part: str, *, writable: bool = True, why_fixed: str = "") -> None:
        self.part = part
        self.writable = writable
        self.why_fixed = why_fixed
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type) -> Self: ...

    @overload
    def __get__(self, instance: object, owner: type) -> T: ...

    def __get__(self, instance: object | None, owner: type) -> Self | T:
        if instance is None:
            return self
        value: T = getattr(getattr(instance, self.part), self.name)
        return value

    def __set__(self, instance: object, value: T) -> None:
        if not self.writable:
            raise AttributeError(f"{self.name} is fixed once the session is built{self.why_fixed}")
        part: _Replaceable = getattr(instance, self.part)
        setattr(instance, self.part, part.replace(**{self.name: value}))
