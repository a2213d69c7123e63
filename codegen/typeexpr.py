"""The catalogue's small type language: the type strings of ``spec/methods.yaml``.

One grammar for the generator and the running package. The generator owns it:
this module, imported normally by ``codegen.spec`` and ``codegen.model``.
The running package (whose fake platform reads the generated catalogue's return
and field types) gets a verbatim copy, ``mailru_sdk/_generated/typeexpr.py``,
written by ``python -m codegen`` and checked by ``--check`` like every generated
file. Why this way round: the runtime must never import ``codegen`` (a dev-time
tool), and the generator must not import ``mailru_sdk`` (its ``__init__`` loads
the generated modules, and the generator has to run when they are broken, to
repair them), so the one side that may know the other is the generator, which
already writes the runtime's view of the catalogue. It imports nothing but the
standard library, so the copy runs as it is.

Parameter types are a closed list (``ParamType``). Return and field types:
``Any``, ``str``, ``int``, ``bool``, an object name (``User``), ``list[T]``,
``dict[str, T]``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["PRIMITIVES", "ParamType", "TypeRef", "TypeSyntaxError", "parse_type"]

ParamType = Literal[
    "str",
    "int",
    "bool",
    "uid",
    "list[str]",
    "list[int]",
    "list[uid]",
    "file",
    "str | int",
    "str | list[str | int]",
]
"""A parameter's type in the spec (``uid``: a user id, str or int; ``file``: an upload;
``str | int``: either, for a number whose type no source confirms; ``str | list[str | int]``:
a comma-separated string sent unchanged, or a list the SDK comma-joins)."""

PRIMITIVES = frozenset({"Any", "str", "int", "bool"})
"""The return/field types that are neither a container nor an object."""

_TOKEN = re.compile(r"\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(\[)|(\])|(,))")


class TypeSyntaxError(ValueError):
    """A type expression that the grammar does not accept."""


@dataclass(frozen=True)
class TypeRef:
    """A parsed return/field type: ``name`` with ``args`` for ``list``/``dict``."""

    name: str
    args: tuple[TypeRef, ...] = ()

    def objects(self) -> set[str]:
        """Names of catalogue objects used anywhere in this type."""
        found: set[str] = set()
        if self.name not in PRIMITIVES and self.name not in ("list", "dict"):
            found.add(self.name)
        for arg in self.args:
            found |= arg.objects()
        return found

    def render(self, builtin_prefix: str = "") -> str:
        """The type as text; ``builtin_prefix`` (``builtins.``) avoids shadowed names.

        Without a prefix this is the spec's own spelling (``dict[str, User]``),
        which ``parse_type()`` reads back to an equal tree.
        """
        if self.name == "list":
            return f"{builtin_prefix}list[{self.args[0].render(builtin_prefix)}]"
        if self.name == "dict":
            key, value = self.args
            return (
                f"{builtin_prefix}dict[{key.render(builtin_prefix)}, "
                f"{value.render(builtin_prefix)}]"
            )
        if self.name in ("str", "int", "bool"):
            return builtin_prefix + self.name
        return self.name

    def __str__(self) -> str:
        return self.render()


@functools.cache
def parse_type(text: str) -> TypeRef:
    """Parse a return/field type expression, e.g. ``"list[User]"``.

    Cached: the fake platform reads the same few type strings on every request,
    and a ``TypeRef`` is immutable.

    Raises:
        TypeSyntaxError: naming what is wrong.
    """
    tokens = _tokenize(text)
    ref, rest = _parse(tokens, text)
    if rest:
        raise TypeSyntaxError(f"unexpected {rest[0]!r} after the type in {text!r}")
    return ref


def _tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise TypeSyntaxError(f"cannot read {text[pos:]!r} in type {text!r}")
        tokens.append(match.group(match.lastindex or 0))
        pos = match.end()
    if not tokens:
        raise TypeSyntaxError("empty type")
    return tokens


def _parse(tokens: list[str], text: str) -> tuple[TypeRef, list[str]]:
    if not tokens:
        raise TypeSyntaxError(f"type {text!r} ends too early")
    head, rest = tokens[0], tokens[1:]
    if head in ("[", "]", ","):
        raise TypeSyntaxError(f"unexpected {head!r} in type {text!r}")
    if head == "list":
        rest = _expect(rest, "[", text)
        item, rest = _parse(rest, text)
        return TypeRef("list", (item,)), _expect(rest, "]", text)
    if head == "dict":
        rest = _expect(rest, "[", text)
        key, rest = _parse(rest, text)
        if key.name != "str":
            raise TypeSyntaxError(f"dict keys must be str in {text!r}")
        rest = _expect(rest, ",", text)
        value, rest = _parse(rest, text)
        return TypeRef("dict", (key, value)), _expect(rest, "]", text)
    if head[0].islower() and head not in PRIMITIVES:
        raise TypeSyntaxError(
            f"unknown type {head!r} in {text!r}; expected Any, str, int, bool, list[T], "
            "dict[str, T] or an object name"
        )
    return TypeRef(head), rest


def _expect(tokens: list[str], token: str, text: str) -> list[str]:
    if not tokens or tokens[0] != token:
        raise TypeSyntaxError(f"expected {token!r} in type {text!r}")
    return tokens[1:]
