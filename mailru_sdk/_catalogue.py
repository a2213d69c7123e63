"""The method catalogue as the running package knows it: read from the generated code.

The command line (``mailru-sdk methods``, parameter conversion) and the fake
platform (canned answers) need to know every catalogued method, its
parameters and its return type. At run time the package may not read
``spec/methods.yaml``; everything it needs is already in
``mailru_sdk._generated``: a :class:`~mailru_sdk.resources.MethodInfo` per
method, the typed stub's signature and annotations, and its docstring. This
module collects them once, on first use.

Types stay the strings the generator wrote (``"list[User] | list[str]"``);
:func:`parse_type` reads them with the catalogue's small type grammar.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import keyword
import pkgutil
import re
from dataclasses import dataclass
from typing import Literal

from mailru_sdk.resources import MethodInfo, Namespace

__all__ = [
    "MethodEntry",
    "ParamEntry",
    "ParamKind",
    "TypeExpr",
    "methods",
    "namespaces",
    "parse_type",
]

_RESOURCES = "mailru_sdk._generated.resources"
#: keyword-only arguments every stub has that are options, not platform parameters
_OPTIONS = frozenset({"extra_params", "timeout", "max_retries"})

ParamKind = Literal[
    "str", "int", "bool", "uid", "list[str]", "list[int]", "list[uid]", "file", "choice"
]
"""How a parameter is typed in the catalogue (``uid``: a user id, str or int)."""


@dataclass(frozen=True)
class ParamEntry:
    """One parameter of a catalogued method."""

    name: str
    """The platform's name (``python_name`` without a keyword's trailing underscore)."""
    python_name: str
    annotation: str
    """The stub's annotation, e.g. ``"bool | None"``."""
    kind: ParamKind
    required: bool
    description: str
    choices: tuple[object, ...] = ()
    """The allowed values when ``kind`` is ``"choice"``."""


@dataclass(frozen=True)
class MethodEntry:
    """One catalogued method."""

    name: str
    """The platform's name, e.g. ``"friends.get"``."""
    namespace: str
    python_name: str
    """The stub's attribute name (``titles.del`` → ``del_``)."""
    description: str
    info: MethodInfo
    params: tuple[ParamEntry, ...]
    returns: str
    """The stub's return annotation, e.g. ``"list[User] | list[str]"``."""

    def param(self, name: str) -> ParamEntry | None:
        """The parameter called ``name`` (platform or Python spelling), or ``None``."""
        for param in self.params:
            if name in (param.name, param.python_name):
                return param
        return None


@functools.cache
def methods() -> dict[str, MethodEntry]:
    """Every catalogued method by platform name, in catalogue order within each namespace."""
    found: dict[str, MethodEntry] = {}
    package = importlib.import_module(_RESOURCES)
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{_RESOURCES}.{module_info.name}")
        classes = [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, Namespace)
            and value.__module__ == module.__name__
        ]
        if len(classes) != 1:  # pragma: no cover - the generator writes one per module
            continue
        for info in vars(module).values():
            if isinstance(info, MethodInfo):
                found[info.name] = _entry(info, classes[0])
    return found


def namespaces() -> list[str]:
    """The catalogued namespaces, sorted."""
    return sorted({entry.namespace for entry in methods().values()})


def _python_name(name: str) -> str:
    return f"{name}_" if keyword.iskeyword(name) else name


def _entry(info: MethodInfo, cls: type[Namespace]) -> MethodEntry:
    namespace, short = info.name.split(".", 1)
    python_name = _python_name(short)
    function = getattr(cls, python_name)
    doc = inspect.getdoc(function) or ""
    descriptions = _arg_descriptions(doc)
    params: list[ParamEntry] = []
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind is not inspect.Parameter.KEYWORD_ONLY or parameter.name in _OPTIONS:
            continue
        annotation = str(parameter.annotation).replace("builtins.", "")
        kind, choices = _kind(annotation)
        name = parameter.name
        if name.endswith("_") and keyword.iskeyword(name[:-1]):
            name = name[:-1]
        params.append(
            ParamEntry(
                name=name,
                python_name=parameter.name,
                annotation=annotation,
                kind=kind,
                required=parameter.default is inspect.Parameter.empty,
                description=descriptions.get(parameter.name, ""),
                choices=choices,
            )
        )
    returns = str(inspect.signature(function).return_annotation).replace("builtins.", "")
    return MethodEntry(
        name=info.name,
        namespace=namespace,
        python_name=python_name,
        description=_summary(doc, info.name),
        info=info,
        params=tuple(params),
        returns=returns,
    )


def _join(text: str, line: str) -> str:
    # docstrings are wrapped by textwrap, which also breaks after a word's hyphen
    if not text:
        return line
    if text.endswith("-") and text[-2:-1].isalpha():
        return text + line
    return f"{text} {line}"


def _summary(doc: str, name: str) -> str:
    text = ""
    for line in doc.split("\n\n", 1)[0].splitlines():
        text = _join(text, line.strip())
    prefix = f"``{name}``: "
    return text[len(prefix) :] if text.startswith(prefix) else text


def _arg_descriptions(doc: str) -> dict[str, str]:
    descriptions: dict[str, str] = {}
    lines = iter(doc.splitlines())
    for line in lines:
        if line.strip() == "Args:":
            break
    current: str | None = None
    for line in lines:
        if not line.strip():
            break
        match = re.match(r"^ {4}(\w+): ?(.*)$", line)
        if match:
            current = match.group(1)
            descriptions[current] = match.group(2).strip()
        elif current is not None:
            descriptions[current] = _join(descriptions[current], line.strip())
    return descriptions


def _split_union(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return [part for part in parts if part and part != "None"]


def _kind(annotation: str) -> tuple[ParamKind, tuple[object, ...]]:
    parts = _split_union(annotation)
    if len(parts) == 1 and parts[0].startswith(("Sequence[", "list[")):
        inner = set(_split_union(parts[0][parts[0].index("[") + 1 : -1]))
        if inner == {"int"}:
            return "list[int]", ()
        if inner == {"str"}:
            return "list[str]", ()
        return "list[uid]", ()
    if set(parts) == {"str", "int"}:
        return "uid", ()
    if parts and all(part.startswith("Literal[") for part in parts):
        literals: list[object] = []
        for part in parts:
            literals.extend(ast.literal_eval(f"[{part[len('Literal[') : -1]}]"))
        if all(isinstance(value, bool) for value in literals):
            return "bool", ()
        return "choice", tuple(literals)
    if parts == ["bool"]:
        return "bool", ()
    if parts == ["int"]:
        return "int", ()
    if parts == ["FileInput"]:
        return "file", ()
    return "str", ()


# -- the return-type grammar: T := Name | Name[T, ...] | T | T ---------------------------


@dataclass(frozen=True)
class TypeExpr:
    """A parsed type: ``name`` with ``args`` (``list[User]``), or ``"|"`` with alternatives."""

    name: str
    args: tuple[TypeExpr, ...] = ()

    def __str__(self) -> str:
        if self.name == "|":
            return " | ".join(str(arg) for arg in self.args)
        if self.args:
            return f"{self.name}[{', '.join(str(arg) for arg in self.args)}]"
        return self.name


_TOKEN = re.compile(r"\s*([A-Za-z_][\w.]*|[\[\],|])")


def parse_type(text: str) -> TypeExpr:
    """Parse a type written by the generator, e.g. ``"list[User] | list[str]"``.

    Raises:
        ValueError: for text outside the grammar.
    """
    tokens: list[str] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ValueError(f"cannot read type {text!r} at {position}")
        tokens.append(match.group(1))
        position = match.end()
    expr, rest = _parse_union(tokens)
    if rest:
        raise ValueError(f"cannot read type {text!r}: unexpected {rest[0]!r}")
    return expr


def _parse_union(tokens: list[str]) -> tuple[TypeExpr, list[str]]:
    alternatives = []
    expr, tokens = _parse_term(tokens)
    alternatives.append(expr)
    while tokens and tokens[0] == "|":
        expr, tokens = _parse_term(tokens[1:])
        alternatives.append(expr)
    if len(alternatives) == 1:
        return alternatives[0], tokens
    return TypeExpr("|", tuple(alternatives)), tokens


def _parse_term(tokens: list[str]) -> tuple[TypeExpr, list[str]]:
    if not tokens or not re.match(r"[A-Za-z_]", tokens[0]):
        raise ValueError(f"expected a type name, got {tokens[:1]}")
    name, tokens = tokens[0].replace("builtins.", ""), tokens[1:]
    if not tokens or tokens[0] != "[":
        return TypeExpr(name), tokens
    args = []
    tokens = tokens[1:]
    while True:
        arg, tokens = _parse_union(tokens)
        args.append(arg)
        if not tokens:
            raise ValueError("unclosed '['")
        if tokens[0] == "]":
            return TypeExpr(name, tuple(args)), tokens[1:]
        if tokens[0] != ",":
            raise ValueError(f"expected ',' or ']', got {tokens[0]!r}")
        tokens = tokens[1:]
