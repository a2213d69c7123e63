"""Where each fact of the catalogue comes from: the provenance vocabulary of spec/methods.yaml.

A source is written as text in the spec and read into a :class:`Source`:

``doc``
    read on an api.mail.ru page (the pages tagged ``doc`` in the platform reference).
``code:<client>[,<client>...]``
    seen in public client code, naming which client(s); the keys are :data:`CLIENTS`.
``guess``
    no source: the catalogue's own choice, typed or worded so as not to exclude what
    the platform may accept.
``pattern``
    only for reference URLs: built from the docs' naming pattern, not seen in the docs.

The generator prints :attr:`Source.label` in stubs; the docs-site method reference
reads the same labels from :mod:`codegen.model`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from codegen.spec import Spec

__all__ = [
    "CLIENTS",
    "FACT_KINDS",
    "KINDS",
    "Source",
    "SourceSyntaxError",
    "parse_source",
    "readable_clients",
    "summary",
]

SourceKind = Literal["doc", "code", "guess", "pattern"]
KINDS: tuple[SourceKind, ...] = ("doc", "code", "guess", "pattern")

CLIENTS: dict[str, str] = {
    "aiomailru": "aiomailru",
    "py_mymailru": "py-mymailru",
    "ruby_mailru_api": "the Ruby client mailru-api",
    "js_loader": "the platform's JS loader",
    "ios_beobyte": "the iOS SDK by beobyte",
    "ios_official": "the official iOS SDK",
    "misc": "assorted PHP/JS/C# snippets",
}
"""Client key (as the spec writes it) → the name stubs print. The keys follow the
platform reference (``meta.sources.code`` of platform.yaml), which says where each
client's code was read."""


class SourceSyntaxError(ValueError):
    """A provenance the vocabulary does not accept."""


@dataclass(frozen=True)
class Source:
    """The provenance of one fact."""

    kind: SourceKind
    clients: tuple[str, ...] = ()
    """For ``code``: the client keys, in the order the spec gives them."""

    @property
    def label(self) -> str:
        """How a stub says it: ``doc``, ``code: py-mymailru``, ``unconfirmed (guess)``…"""
        if self.kind == "code":
            return "code: " + ", ".join(CLIENTS[c] for c in self.clients)
        if self.kind == "guess":
            return "unconfirmed (guess)"
        if self.kind == "pattern":
            return "URL inferred from the naming pattern"
        return "doc"

    def __str__(self) -> str:
        """The spec's own spelling, which :func:`parse_source` reads back."""
        return f"code:{','.join(self.clients)}" if self.kind == "code" else self.kind


_CLIENT_ID = re.compile(r"\b(" + "|".join(sorted(CLIENTS, key=len, reverse=True)) + r")\b")


def readable_clients(text: str) -> str:
    """``text`` with the spec's client ids (``py_mymailru``) as readers know them (py-mymailru).

    For the free-text notes of the spec, which name clients by their ids.
    """
    return _CLIENT_ID.sub(lambda match: CLIENTS[match.group(1)], text)


def parse_source(text: object, *, allow_pattern: bool = False) -> Source:
    """Read a provenance written in the spec (``doc``, ``code:py_mymailru,js_loader``…).

    Raises:
        SourceSyntaxError: naming what is wrong and what is allowed.
    """
    allowed = "doc, code:<client>[,<client>...], guess" + (", pattern" if allow_pattern else "")
    if not isinstance(text, str):
        raise SourceSyntaxError(f"expected a source ({allowed}), got {text!r}")
    kind, sep, rest = text.strip().partition(":")
    if kind == "code":
        clients = tuple(c.strip() for c in rest.split(",")) if sep else ()
        if not clients or not all(clients):
            raise SourceSyntaxError(
                f"{text!r} names no client; write code:<client>, e.g. code:py_mymailru"
            )
        unknown = [c for c in clients if c not in CLIENTS]
        if unknown:
            raise SourceSyntaxError(
                f"unknown client {unknown[0]!r}; expected one of {', '.join(CLIENTS)}"
            )
        if len(set(clients)) != len(clients):
            raise SourceSyntaxError(f"{text!r} names a client twice")
        return Source("code", clients)
    source = None if sep else _PLAIN.get(kind)
    if source is None or (source.kind == "pattern" and not allow_pattern):
        raise SourceSyntaxError(f"unknown source {text!r}; expected {allowed}")
    return source


_PLAIN = {"doc": Source("doc"), "guess": Source("guess"), "pattern": Source("pattern")}


FACT_KINDS = (
    "method",
    "reference",
    "circuits",
    "privilege",
    "returns",
    "param",
    "param.type",
    "param.required",
    "error",
)
"""The kinds of sourced facts (see :meth:`codegen.spec.Spec.facts`), in the table's order."""


def summary(spec: Spec) -> list[str]:
    """The provenance table the spec's header carries: facts counted by kind and source.

    A test compares it with the header, so the figures there stay true.
    """
    facts = spec.facts()
    counts = Counter((f.kind, f.source.kind) for f in facts)
    lines = [f"{'fact':<16}{'doc':>6}{'code':>6}{'guess':>7}{'pattern':>9}"]
    for kind in (*FACT_KINDS, "all"):
        row = [
            sum(n for (k, s), n in counts.items() if s == source and kind in (k, "all"))
            for source in KINDS
        ]
        lines.append(f"{kind:<16}{row[0]:>6}{row[1]:>6}{row[2]:>7}{row[3]:>9}")
    clients = sorted(Counter(c for f in facts for c in f.source.clients).items())
    clients.sort(key=lambda item: -item[1])  # most facts first, then by name (a stable sort)
    lines.append(
        "code facts naming each client: " + ", ".join(f"{name} {n}" for name, n in clients)
    )
    no_privilege = sum(1 for m in spec.methods if m.privilege_source is None)
    no_shape = sum(1 for m in spec.methods if m.returns_source is None)
    lines.append(
        f"not claimed (no source needed): {no_privilege} methods with no known privilege, "
        f"{no_shape} with an unknown (Any) return shape"
    )
    return lines
