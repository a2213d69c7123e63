"""``mailru-sdk methods [NAMESPACE]``: the catalogue, with parameters and descriptions."""

from __future__ import annotations

import argparse
import textwrap

from mailru_sdk import _catalogue
from mailru_sdk._catalogue import MethodEntry, ParamEntry
from mailru_sdk.cli.messages import UsageError, did_you_mean

__all__ = ["describe", "run_methods"]


def run_methods(args: argparse.Namespace) -> int:
    """Print every method, a namespace's, or one method's; returns the exit status."""
    catalogue = _catalogue.methods()
    wanted: str | None = args.namespace
    if wanted is None:
        entries = list(catalogue.values())
    elif wanted in catalogue:
        entries = [catalogue[wanted]]
    elif wanted in _catalogue.namespaces():
        entries = [e for e in catalogue.values() if e.namespace == wanted]
    else:
        hint = did_you_mean(wanted, [*_catalogue.namespaces(), *catalogue])
        raise UsageError(
            f"unknown namespace or method {wanted!r}{hint}; namespaces: "
            + ", ".join(_catalogue.namespaces())
        )
    for index, entry in enumerate(entries):
        if index:
            print()
        print(describe(entry))
    return 0


def describe(entry: MethodEntry) -> str:
    """The listing of one method: its head line, description and parameters."""
    kind = "read" if entry.idempotent else "write"
    circuits = " or ".join(entry.circuits)
    returns = " | ".join(entry.return_types)
    lines = [f"{entry.name}  ({entry.http}, {kind}, {circuits}) -> {returns}"]
    lines += textwrap.wrap(entry.description, 96, initial_indent="  ", subsequent_indent="  ")
    for param in entry.params:
        needed = "required" if param.required else "optional"
        head = f"    {param.name}: {param.kind}, {needed}"
        lines += textwrap.wrap(f"{head}. {_details(param)}", 96, subsequent_indent=" " * 8)
    return "\n".join(lines)


def _details(param: ParamEntry) -> str:
    """The parameter's description, with its allowed values and documented default."""
    text = param.description
    if param.values is not None:
        text += f" One of: {', '.join(repr(v) for v in param.values)}."
    if param.default is not None:
        text += f" Platform default: {param.default!r}."
    return text + (" Required." if param.required else "")
