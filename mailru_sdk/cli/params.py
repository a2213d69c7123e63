"""A command's METHOD and its ``name=value`` parameters, converted to the catalogued types."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from mailru_sdk import _catalogue
from mailru_sdk._catalogue import MethodEntry, ParamEntry
from mailru_sdk.cli.messages import PROG, UsageError, did_you_mean, shown

__all__ = ["add_method_arguments", "call_arguments", "convert", "method_entry"]

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def add_method_arguments(parser: argparse.ArgumentParser) -> None:
    """METHOD, its ``name=value`` parameters, ``--extra`` and ``--raw``."""
    parser.add_argument("method", metavar="METHOD", help="e.g. friends.get")
    parser.add_argument("params", nargs="*", metavar="name=value", help="method parameters")
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="name=value",
        help="a parameter the catalogue does not list, sent as given (repeatable)",
    )
    parser.add_argument(
        "--raw",
        action="store_true",
        help="allow a method the catalogue does not know; values are sent as given",
    )


def method_entry(args: argparse.Namespace) -> MethodEntry | None:
    """The catalogue's entry of METHOD; None for a method it does not know, with ``--raw``.

    Raises:
        UsageError: an unknown method without ``--raw`` (naming the closest one), or a
            name that is no method name.
    """
    method: str = args.method
    entry = _catalogue.methods().get(method)
    if entry is None and not args.raw:
        hint = did_you_mean(method, _catalogue.methods())
        raise UsageError(
            f"unknown method {method!r}{hint}; see `{PROG} methods`, or add --raw to call "
            "a method the catalogue does not know"
        )
    if entry is None and (method.count(".") < 1 or " " in method):
        raise UsageError(f"method must be a name like friends.get, got {method!r}")
    return entry


def _pairs(items: Sequence[str]) -> list[tuple[str, str]]:
    pairs = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name or not name.replace("_", "a").isalnum():
            raise UsageError(f"expected name=value, got {item!r}")
        pairs.append((name, value))
    seen: set[str] = set()
    for name, _ in pairs:
        if name in seen:
            raise UsageError(f"parameter {name!r} given twice")
        seen.add(name)
    return pairs


def convert(param: ParamEntry, text: str) -> object:
    """Convert a command-line value to ``param``'s catalogued type.

    Raises:
        UsageError: a value the type does not allow.
    """
    kind = param.kind
    if kind == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise UsageError(f"{param.name} is a bool: give 1/0, true/false or yes/no, not {text!r}")
    if kind == "int":
        return _int(param.name, text)
    if kind == "uid":
        return _uid(param.name, text)
    if kind.startswith("list["):
        items = [item.strip() for item in text.split(",")] if text else []
        if kind == "list[int]":
            return [_int(param.name, item) for item in items]
        if kind == "list[uid]":
            return [_uid(param.name, item) for item in items]
        return items
    if kind == "choice":
        for choice in param.choices:
            if text == str(choice) or (isinstance(choice, bool) and text.lower() == str(choice)):
                return choice
        options = ", ".join(str(choice) for choice in param.choices)
        raise UsageError(f"{param.name} must be one of {options}, not {text!r}")
    return text  # str, and file (a path)


def _int(name: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise UsageError(f"{name} is an int, not {text!r}") from None


def _uid(name: str, text: str) -> str:
    if not (text.isascii() and text.isdigit()):
        raise UsageError(f"{name} is a user id (digits), not {shown(text)}")
    return text


def call_arguments(
    entry: MethodEntry | None, args: argparse.Namespace
) -> tuple[dict[str, object], dict[str, str]]:
    """The typed keyword arguments (or, for ``--raw``, strings) and the extra parameters."""
    params: dict[str, object] = {}
    for name, text in _pairs(args.params):
        if entry is None:
            params[name] = text
            continue
        param = entry.param(name)
        if param is None:
            known = ", ".join(p.name for p in entry.params) or "none"
            raise UsageError(
                f"{entry.name} has no parameter {name!r} (catalogued: {known}); "
                f"pass others with --extra {name}=VALUE"
            )
        params[param.python_name] = convert(param, text)
    extra = dict(_pairs(args.extra))
    clash = sorted(set(extra) & set(params))
    if clash:
        raise UsageError(f"{', '.join(clash)} given both as a parameter and with --extra")
    if entry is not None:
        missing = [p.name for p in entry.params if p.required and p.python_name not in params]
        if missing:
            raise UsageError(f"{entry.name} needs {', '.join(f'{m}=...' for m in missing)}")
    return params, extra
