"""Where each fact of the catalogue comes from: the provenance vocabulary of spec/methods.yaml.

A source is written as text in the spec and read into a ``Source``:

``doc``
    read on an api.mail.ru page (the pages tagged ``doc`` in the platform reference).
``copy:<copy>``
    documentation read second-hand, in a copy kept elsewhere (a client repository's
    copy of the docs' index, a Markdown copy of one page); the keys are ``COPIES``.
``code:<client>[,<client>...]``
    seen in public client code, naming which client(s); the keys are ``CLIENTS``.
``guess``
    no source: the catalogue's own choice, typed or worded so as not to exclude what
    the platform may accept.
``pattern``
    only for reference URLs: built from the docs' naming pattern, not seen in the docs.

The generator prints ``Source.label`` in stubs; the docs-site method reference
reads the same labels from ``codegen.model``. The counts of the spec's header are
``codegen.header``'s (this module knows the vocabulary, not the catalogue).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "CLIENTS",
    "COPIES",
    "FACT_KINDS",
    "KINDS",
    "Source",
    "SourceSyntaxError",
    "parse_source",
    "readable_clients",
]

SourceKind = Literal["doc", "copy", "code", "guess", "pattern"]
KINDS: tuple[SourceKind, ...] = ("doc", "copy", "code", "guess", "pattern")

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


COPIES: dict[str, str] = {
    "methods_txt": "a copy in py-mymailru (pymymailru/methods.txt, the docs' index of methods)",
    "users_getinfo_md": "a Markdown copy of the users.getInfo page in a public repository",
}
"""Copy key (as the spec writes it, ``copy:<key>``) → where the copy is, as stubs print it
after ``doc, via``. The platform reference records both: ``meta.sources.code.py_mymailru``
(methods.txt) and ``meta.sources.doc.users_getInfo_doc_copy`` (whose page also carries the
REST guide's table of common parameters)."""


class SourceSyntaxError(ValueError):
    """A provenance the vocabulary does not accept."""


@dataclass(frozen=True)
class Source:
    """The provenance of one fact."""

    kind: SourceKind
    clients: tuple[str, ...] = ()
    """For ``code``: the client keys, in the order the spec gives them."""
    copy: str = ""
    """For ``copy``: the key of the copy (in ``COPIES``)."""

    @property
    def label(self) -> str:
        """How a stub says it: ``doc``, ``code: py-mymailru``, ``unconfirmed (guess)``…"""
        if self.kind == "code":
            return "code: " + ", ".join(CLIENTS[c] for c in self.clients)
        if self.kind == "copy":
            return f"doc, via {COPIES[self.copy]}"
        if self.kind == "guess":
            return "unconfirmed (guess)"
        if self.kind == "pattern":
            return "URL inferred from the naming pattern"
        return "doc"

    def __str__(self) -> str:
        """The spec's own spelling, which ``parse_source()`` reads back."""
        if self.kind == "code":
            return f"code:{','.join(self.clients)}"
        return f"copy:{self.copy}" if self.kind == "copy" else self.kind


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
    allowed = "doc, copy:<copy>, code:<client>[,<client>...], guess" + (
        ", pattern" if allow_pattern else ""
    )
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
    if kind == "copy":
        key = rest.strip()
        if key not in COPIES:
            known = ", ".join(COPIES)
            raise SourceSyntaxError(f"unknown copy {key!r} in {text!r}; expected one of {known}")
        return Source("copy", copy=key)
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
    "param.max_items",
    "error",
)
"""The kinds of sourced facts (see ``codegen.spec.Spec.facts()``), in the table's order."""
