"""Load spec/methods.yaml and validate it into typed records.

Every problem is reported as a ``SpecError`` naming the entry and the
field (``methods.friends.get.params.ext.type: unknown type 'boolean'; …``),
never as a traceback.
"""

from __future__ import annotations

import keyword
import math
import re
import typing
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from codegen.provenance import Source, SourceSyntaxError, parse_source
from codegen.typeexpr import ParamType, TypeRef, TypeSyntaxError, parse_type

PARAM_TYPES: tuple[ParamType, ...] = typing.get_args(ParamType)
"""The parameter types a spec may name, in the grammar's order."""

COMMON_PARAMS = frozenset({"app_id", "method", "sig", "session_key", "secure", "format"})
"""Added by the SDK itself; a method may not declare them."""

CALL_OPTIONS = frozenset(
    {
        "extra_params",
        "options",
        "timeout",
        "max_retries",
        "deadline",
        "max_items",
        "chunk_concurrency",
    }
)
"""The keyword-only tail of every generated method; a parameter may not take these names."""

CIRCUITS = ("client", "server")
HTTP_METHODS = ("GET", "POST")
PAGING = ("offset", "skip")
STATUSES = ("disabled",)

_METHOD_NAME = re.compile(r"^[a-z][a-z0-9]*\.[A-Za-z][A-Za-z0-9_]*$")

GENERATED_NAMES = frozenset(
    {
        "Any",
        "FileInput",
        "Iterator",
        "Literal",
        "Mapping",
        "MethodInfo",
        "Namespace",
        "Sequence",
        "TYPE_CHECKING",
        "Timeout",
        "TypedDict",
        "builtins",
        "object",
        "overload",
    }
)
"""Names the generated modules use; a method or object named so would shadow them."""
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CLASS_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")


class SpecError(Exception):
    """A problem in the catalogue, located by a dotted path."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class FieldSpec:
    """One field of an object."""

    name: str
    type: TypeRef
    description: str


@dataclass(frozen=True)
class ObjectSpec:
    """A response object (rendered as a TypedDict)."""

    name: str
    description: str
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True)
class ErrorSpec:
    """A platform error code (rendered as an APIError subclass)."""

    code: int
    name: str
    message: str
    description: str
    retryable: bool
    source: Source
    """Where the code and its meaning are known from."""


@dataclass(frozen=True)
class ParamSpec:
    """One method parameter."""

    name: str
    type: ParamType
    required: bool
    description: str
    values: tuple[str | int | bool, ...] | None
    default: str | int | float | bool | None
    """The platform-side default, for documentation: a YAML scalar, or ``None`` if not given."""
    source: Source
    """Where the parameter (its name) is known from."""
    type_source: Source
    """Where its type is known from (``source`` unless the spec says otherwise)."""
    required_source: Source
    """Where its being required or optional is known from (``source`` unless given)."""
    max_items: int | None = None
    """For a list parameter: the most items one call sends (longer lists are chunked)."""
    max_items_source: Source | None = None
    """Where that maximum is known from (given whenever ``max_items`` is)."""


@dataclass(frozen=True)
class OverloadSpec:
    """A return shape chosen by literal values of some parameters."""

    when: tuple[tuple[str, bool | int | str], ...]
    returns: TypeRef


@dataclass(frozen=True)
class MethodSpec:
    """One REST method."""

    name: str
    description: str
    reference: str
    http: str
    idempotent: bool
    privilege: str | None
    circuits: tuple[str, ...]
    params_complete: bool
    status: str | None
    paging: str | None
    params: tuple[ParamSpec, ...]
    returns: TypeRef
    overloads: tuple[OverloadSpec, ...]
    notes: tuple[str, ...]
    source: Source
    """The method's default source: of every fact below not given its own."""
    method_source: Source
    """Where the method itself (its name) is known from."""
    reference_source: Source
    """``doc`` for a URL seen in the docs, ``pattern`` for one built from the naming pattern."""
    circuits_source: Source
    privilege_source: Source | None
    """``None`` when no privilege is catalogued (nothing is claimed)."""
    returns_source: Source | None
    """``None`` when the return shape is unknown (``Any``: nothing is claimed)."""
    one_of: tuple[tuple[str, ...], ...] = ()
    """Groups of parameters of which a call gives exactly one (``one_of``)."""

    @property
    def namespace(self) -> str:
        """The part before the dot: ``friends`` for ``friends.get``."""
        return self.name.split(".", 1)[0]

    @property
    def short_name(self) -> str:
        """The part after the dot: ``get`` for ``friends.get``."""
        return self.name.split(".", 1)[1]


@dataclass(frozen=True)
class Fact:
    """One sourced fact of the catalogue: where it is, what it is, and its provenance."""

    path: str
    """Where in the spec, e.g. ``methods.friends.get.params.ext.type``."""
    kind: str
    """``method``, ``reference``, ``circuits``, ``privilege``, ``returns``, ``param``,
    ``param.type``, ``param.required``, ``param.max_items`` or ``error``."""
    source: Source


@dataclass(frozen=True)
class Spec:
    """The whole catalogue."""

    objects: tuple[ObjectSpec, ...]
    errors: tuple[ErrorSpec, ...]
    methods: tuple[MethodSpec, ...]

    def facts(self) -> tuple[Fact, ...]:
        """Every sourced fact, in spec order (an unknown, such as an ``Any`` return, is none)."""
        found: list[Fact] = []
        for m in self.methods:
            path = f"methods.{m.name}"
            found.append(Fact(path, "method", m.method_source))
            found.append(Fact(f"{path}.reference", "reference", m.reference_source))
            found.append(Fact(f"{path}.circuits", "circuits", m.circuits_source))
            if m.privilege_source is not None:
                found.append(Fact(f"{path}.privilege", "privilege", m.privilege_source))
            if m.returns_source is not None:
                found.append(Fact(f"{path}.returns", "returns", m.returns_source))
            for p in m.params:
                ppath = f"{path}.params.{p.name}"
                found.append(Fact(ppath, "param", p.source))
                found.append(Fact(f"{ppath}.type", "param.type", p.type_source))
                found.append(Fact(f"{ppath}.required", "param.required", p.required_source))
                if p.max_items_source is not None:
                    found.append(Fact(f"{ppath}.max_items", "param.max_items", p.max_items_source))
        for e in self.errors:
            found.append(Fact(f"errors[code={e.code}]", "error", e.source))
        return tuple(found)


def load_spec(path: Path) -> Spec:
    """Read and validate the catalogue at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(str(path), f"cannot read the file ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise SpecError(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return parse_spec(text)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice in one mapping (YAML keeps the last)."""


def _construct_unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if not isinstance(key, Hashable):
            break  # construct_mapping below reports it as a YAML error, with its line
        if key in seen:
            raise SpecError(f"line {key_node.start_mark.line + 1}", f"duplicate key {key!r}")
        seen.add(key)
    return dict(loader.construct_mapping(node))


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


def parse_spec(text: str) -> Spec:
    """Validate the catalogue given as YAML text."""
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "YAML"
        problem = getattr(exc, "problem", None) or str(exc)
        raise SpecError(where, f"not valid YAML: {problem}") from None
    root = _mapping("(top level)", data)
    _keys("(top level)", root, required={"version", "objects", "errors", "methods"})
    if type(root["version"]) is not int or root["version"] != 1:
        raise SpecError("version", f"unsupported version {root['version']!r}; expected 1")
    objects = _objects(_mapping("objects", root["objects"]))
    object_names = {obj.name for obj in objects}
    for obj in objects:
        for fld in obj.fields:
            _known_objects(f"objects.{obj.name}.fields.{fld.name}.type", fld.type, object_names)
    errors = _errors(root["errors"])
    methods = _methods(_mapping("methods", root["methods"]), object_names)
    return Spec(objects=objects, errors=errors, methods=methods)


# -- sections ------------------------------------------------------------------------


def _objects(raw: Mapping[str, Any]) -> tuple[ObjectSpec, ...]:
    result = []
    for name, body in raw.items():
        path = f"objects.{name}"
        if not isinstance(name, str) or not _CLASS_NAME.match(name):
            raise SpecError(path, "object names must be CamelCase identifiers")
        if name in GENERATED_NAMES:
            raise SpecError(path, f"{name!r} is a name the generated code uses; rename the object")
        entry = _mapping(path, body)
        _keys(path, entry, required={"description", "fields"})
        fields = []
        for fname, fbody in _mapping(f"{path}.fields", entry["fields"]).items():
            fpath = f"{path}.fields.{fname}"
            _identifier(fpath, fname)
            fentry = _mapping(fpath, fbody)
            _keys(fpath, fentry, required={"type", "description"})
            fields.append(
                FieldSpec(
                    name=fname,
                    type=_type(f"{fpath}.type", fentry["type"]),
                    description=_text(f"{fpath}.description", fentry["description"]),
                )
            )
        result.append(
            ObjectSpec(name, _text(f"{path}.description", entry["description"]), tuple(fields))
        )
    return tuple(result)


def _errors(raw: object) -> tuple[ErrorSpec, ...]:
    if not isinstance(raw, list):
        raise SpecError("errors", f"expected a list, got {_kind(raw)}")
    result: list[ErrorSpec] = []
    codes: set[int] = set()
    names: set[str] = set()
    for index, body in enumerate(raw):
        path = f"errors[{index}]"
        entry = _mapping(path, body)
        _keys(
            path, entry, required={"code", "name", "message", "description", "retryable", "source"}
        )
        code = entry["code"]
        if isinstance(code, bool) or not isinstance(code, int):
            raise SpecError(f"{path}.code", f"expected an integer, got {_kind(code)}")
        name = _text(f"{path}.name", entry["name"])
        if not _CLASS_NAME.match(name) or not name.endswith("Error"):
            raise SpecError(
                f"{path}.name", f"{name!r} must be a CamelCase class name ending in Error"
            )
        if code in codes:
            raise SpecError(f"{path}.code", f"duplicate error code {code}")
        if name in names:
            raise SpecError(f"{path}.name", f"duplicate error class name {name}")
        codes.add(code)
        names.add(name)
        result.append(
            ErrorSpec(
                code=code,
                name=name,
                message=_text(f"{path}.message", entry["message"]),
                description=_text(f"{path}.description", entry["description"]),
                retryable=_bool(f"{path}.retryable", entry["retryable"]),
                source=_source(f"{path}.source", entry["source"]),
            )
        )
    return tuple(result)


_METHOD_KEYS = {
    "description",
    "reference",
    "http",
    "idempotent",
    "privilege",
    "circuits",
    "params_complete",
    "params",
    "returns",
    "notes",
    "source",
}

_METHOD_SOURCES = (
    "method_source",
    "reference_source",
    "circuits_source",
    "privilege_source",
    "returns_source",
)
"""Optional per-fact overrides of a method's ``source``."""


def _methods(raw: Mapping[str, Any], object_names: set[str]) -> tuple[MethodSpec, ...]:
    result = []
    for name, body in raw.items():
        path = f"methods.{name}"
        if not isinstance(name, str) or not _METHOD_NAME.match(name):
            raise SpecError(path, "method names look like 'namespace.method' (e.g. friends.get)")
        if name.split(".", 1)[1] in GENERATED_NAMES:
            raise SpecError(path, "this method name would shadow a name the generated code uses")
        entry = _mapping(path, body)
        _keys(
            path,
            entry,
            required=_METHOD_KEYS,
            optional={"status", "paging", "one_of", "overloads", *_METHOD_SOURCES},
        )
        source = _source(f"{path}.source", entry["source"])
        params = _params(f"{path}.params", _mapping(f"{path}.params", entry["params"]), source)
        returns = _type(f"{path}.returns", entry["returns"])
        _known_objects(f"{path}.returns", returns, object_names)
        circuits = entry["circuits"]
        if not isinstance(circuits, list) or not circuits:
            raise SpecError(f"{path}.circuits", "expected a non-empty list of client/server")
        for circuit in circuits:
            _choice(f"{path}.circuits", circuit, CIRCUITS)
        if len(set(circuits)) != len(circuits):
            raise SpecError(f"{path}.circuits", "a circuit is listed twice")
        privilege = entry["privilege"]
        if privilege is not None:
            privilege = _text(f"{path}.privilege", privilege)
        notes = entry["notes"]
        if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
            raise SpecError(f"{path}.notes", "expected a list of strings")
        overloads = _overloads(f"{path}.overloads", entry.get("overloads"), params, object_names)
        # a source is given only for a claim: no privilege and an unknown return claim nothing
        privilege_source = _fact_source(path, entry, "privilege", privilege is not None, source)
        shape_known = returns.name != "Any" or bool(overloads)
        returns_source = _fact_source(path, entry, "returns", shape_known, source)
        reference_source = _source(
            f"{path}.reference_source", entry.get("reference_source", "pattern"), allow_pattern=True
        )
        if reference_source.kind not in ("doc", "copy", "pattern"):
            raise SpecError(
                f"{path}.reference_source",
                "a reference URL is either seen in the docs (doc, or copy:<copy> for a copy "
                "of them) or built from the naming pattern (pattern)",
            )
        method_source, circuits_source = (
            _source(f"{path}.{key}", entry[key]) if key in entry else source
            for key in ("method_source", "circuits_source")
        )
        paging = _choice(f"{path}.paging", entry["paging"], PAGING) if "paging" in entry else None
        if paging is not None:
            _check_paging(path, paging, params, returns, overloads, returns_source)
        result.append(
            MethodSpec(
                name=name,
                description=_text(f"{path}.description", entry["description"]),
                reference=_url(f"{path}.reference", entry["reference"]),
                http=_choice(f"{path}.http", entry["http"], HTTP_METHODS),
                idempotent=_bool(f"{path}.idempotent", entry["idempotent"]),
                privilege=privilege,
                circuits=tuple(circuits),
                params_complete=_bool(f"{path}.params_complete", entry["params_complete"]),
                status=_choice(f"{path}.status", entry["status"], STATUSES)
                if "status" in entry
                else None,
                paging=paging,
                params=params,
                returns=returns,
                overloads=overloads,
                notes=tuple(notes),
                source=source,
                method_source=method_source,
                reference_source=reference_source,
                circuits_source=circuits_source,
                privilege_source=privilege_source,
                returns_source=returns_source,
                one_of=_one_of(f"{path}.one_of", entry.get("one_of", []), params),
            )
        )
    return tuple(result)


def _one_of(path: str, raw: object, params: tuple[ParamSpec, ...]) -> tuple[tuple[str, ...], ...]:
    """``one_of``: groups of two or more optional parameters of the method, exactly one given."""
    if not isinstance(raw, list):
        raise SpecError(path, f"expected a list of parameter lists, got {type(raw).__name__}")
    by_name = {p.name: p for p in params}
    groups = []
    for index, group in enumerate(raw):
        where = f"{path}[{index}]"
        if not isinstance(group, list) or len(group) < 2:
            raise SpecError(where, "expected a list of two or more parameter names")
        if len(set(map(str, group))) != len(group):
            raise SpecError(where, "a parameter is listed twice")
        for name in group:
            if name not in by_name:
                raise SpecError(where, f"{name!r} is not a parameter of the method")
            if by_name[name].required:
                raise SpecError(where, f"{name!r} is required, so it cannot be one of several")
        groups.append(tuple(group))
    return tuple(groups)


_UNCLAIMED = {
    "privilege": "no privilege is catalogued (null)",
    "returns": "the return shape is unknown (Any)",
}


def _fact_source(
    path: str, entry: Mapping[str, Any], fact: str, claimed: bool, default: Source
) -> Source | None:
    """The source of ``fact`` (its ``<fact>_source`` or the method's); ``None`` if not claimed."""
    key = f"{fact}_source"
    if not claimed:
        if key in entry:
            what = _UNCLAIMED[fact]
            raise SpecError(f"{path}.{key}", f"{what}, so there is nothing to source")
        return None
    return _source(f"{path}.{key}", entry[key]) if key in entry else default


PAGING_CURSORS = {"offset": "int", "skip": "str"}
"""Paging style → the type of its cursor parameter, which is named like the style."""


def _check_paging(
    path: str,
    paging: str,
    params: tuple[ParamSpec, ...],
    returns: TypeRef,
    overloads: tuple[OverloadSpec, ...],
    returns_source: Source | None,
) -> None:
    """A paged method has its cursor parameter, an int ``limit`` if any, and a sourced list.

    Pages are cut only where a source shows the answer is a list: an unknown
    (``Any``) or guessed return shape gets no ``iter_…`` companion.
    """
    by_name = {p.name: p for p in params}
    cursor_type = PAGING_CURSORS[paging]
    cursor = by_name.get(paging)
    if cursor is None or cursor.type != cursor_type:
        raise SpecError(
            f"{path}.paging", f"paging {paging} needs a parameter {paging!r} of type {cursor_type}"
        )
    limit = by_name.get("limit")
    if limit is not None and limit.type != "int":
        raise SpecError(f"{path}.params.limit.type", "the page size of a paged method is an int")
    shapes = [(f"{path}.returns", returns)] + [
        (f"{path}.overloads[{i}].returns", o.returns) for i, o in enumerate(overloads)
    ]
    for where, ref in shapes:
        if ref.name != "list":
            raise SpecError(
                where,
                f"a paged method returns list[T] shown by a source, not {ref.render()}; "
                "remove paging where no source shows a list",
            )
    if returns_source is None or returns_source.kind == "guess":
        raise SpecError(
            f"{path}.paging",
            "page only where a source shows a list: the return shape is a guess here",
        )


def _params(path: str, raw: Mapping[str, Any], fallback: Source) -> tuple[ParamSpec, ...]:
    result = []
    for name, body in raw.items():
        ppath = f"{path}.{name}"
        _identifier(ppath, name)
        if name in COMMON_PARAMS:
            raise SpecError(ppath, f"{name!r} is a common parameter the SDK adds itself; remove it")
        if name in CALL_OPTIONS:
            raise SpecError(ppath, f"{name!r} collides with the call option of the same name")
        entry = _mapping(ppath, body)
        _keys(
            ppath,
            entry,
            required={"type", "required", "description"},
            optional={
                "values",
                "default",
                "source",
                "type_source",
                "required_source",
                "max_items",
                "max_items_source",
            },
        )
        source = _source(f"{ppath}.source", entry["source"]) if "source" in entry else fallback
        type_source, required_source = (
            _source(f"{ppath}.{key}", entry[key]) if key in entry else source
            for key in ("type_source", "required_source")
        )
        ptype = entry["type"]
        if not isinstance(ptype, str) or ptype not in PARAM_TYPES:
            raise SpecError(
                f"{ppath}.type",
                f"unknown type {ptype!r}; expected one of {', '.join(PARAM_TYPES)}",
            )
        values = entry.get("values")
        if values is not None:
            if not isinstance(values, list) or not values:
                raise SpecError(f"{ppath}.values", "expected a non-empty list of allowed values")
            for value in values:
                if not _fits(ptype, value):
                    raise SpecError(f"{ppath}.values", f"{value!r} is not a {ptype}")
            values = tuple(values)
        default = entry.get("default")
        finite = not isinstance(default, float) or math.isfinite(default)
        if not isinstance(default, str | int | float | bool | None) or not finite:
            raise SpecError(
                f"{ppath}.default", f"expected a number, text, true or false, got {default!r}"
            )
        max_items, max_items_source = _max_items(ppath, entry, ptype)
        result.append(
            ParamSpec(
                name=name,
                type=ptype,
                required=_bool(f"{ppath}.required", entry["required"]),
                description=_text(f"{ppath}.description", entry["description"]),
                values=values,
                default=default,
                source=source,
                type_source=type_source,
                required_source=required_source,
                max_items=max_items,
                max_items_source=max_items_source,
            )
        )
    return tuple(result)


def _max_items(
    ppath: str, entry: Mapping[str, Any], ptype: str
) -> tuple[int | None, Source | None]:
    """A list parameter's per-call maximum and its source; both given, or neither."""
    if "max_items" not in entry:
        if "max_items_source" in entry:
            raise SpecError(f"{ppath}.max_items_source", "given without max_items")
        return None, None
    value = entry["max_items"]
    if "list[" not in ptype:
        raise SpecError(f"{ppath}.max_items", f"only a list parameter has one, not a {ptype}")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SpecError(f"{ppath}.max_items", f"expected a whole number above 0, got {value!r}")
    if "max_items_source" not in entry:
        raise SpecError(
            f"{ppath}.max_items_source",
            "a maximum needs its provenance (doc, copy:<copy>, code:<client> or guess)",
        )
    return value, _source(f"{ppath}.max_items_source", entry["max_items_source"])


def _overloads(
    path: str, raw: object, params: tuple[ParamSpec, ...], object_names: set[str]
) -> tuple[OverloadSpec, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        raise SpecError(path, "expected a non-empty list of {when, returns}")
    by_name = {p.name: p for p in params}
    flag_values: dict[str, object] = {}
    result = []
    for index, body in enumerate(raw):
        opath = f"{path}[{index}]"
        entry = _mapping(opath, body)
        _keys(opath, entry, required={"when", "returns"})
        when = _mapping(f"{opath}.when", entry["when"])
        if not when:
            raise SpecError(f"{opath}.when", "name at least one parameter")
        for pname, value in when.items():
            param = by_name.get(pname)
            if param is None:
                raise SpecError(f"{opath}.when.{pname}", "not a parameter of this method")
            # only a boolean flag with one value per overload renders as sound overloads
            if param.type != "bool" or not isinstance(value, bool):
                raise SpecError(
                    f"{opath}.when.{pname}",
                    f"overloads are chosen by a bool parameter set to true or false, got {value!r}",
                )
            if flag_values.setdefault(pname, value) != value:
                raise SpecError(
                    f"{opath}.when.{pname}",
                    "give one overload per flag (the other value is the method's own returns)",
                )
        returns = _type(f"{opath}.returns", entry["returns"])
        _known_objects(f"{opath}.returns", returns, object_names)
        result.append(OverloadSpec(tuple(when.items()), returns))
    return tuple(result)


# -- field checks ----------------------------------------------------------------------


def _kind(value: object) -> str:
    return "nothing" if value is None else type(value).__name__


def _mapping(path: str, value: object) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SpecError(path, f"expected a mapping, got {_kind(value)}")
    return value


def _keys(
    path: str,
    entry: Mapping[str, Any],
    *,
    required: set[str],
    optional: frozenset[str] | set[str] = frozenset(),
) -> None:
    missing = sorted(required - entry.keys())
    if missing:
        raise SpecError(path, f"missing {', '.join(missing)}")
    unknown = sorted(set(entry) - required - set(optional), key=str)
    if unknown:
        allowed = ", ".join(sorted(required | set(optional)))
        where = str(unknown[0]) if path == "(top level)" else f"{path}.{unknown[0]}"
        raise SpecError(where, f"unknown field; expected one of {allowed}")


def _text(path: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SpecError(path, f"expected non-empty text, got {_kind(value)}")
    return value.strip()


def _bool(path: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise SpecError(path, f"expected true or false, got {value!r}")
    return value


def _choice(path: str, value: object, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise SpecError(path, f"{value!r} is not one of {', '.join(allowed)}")
    assert isinstance(value, str)
    return value


def _source(path: str, value: object, *, allow_pattern: bool = False) -> Source:
    try:
        return parse_source(value, allow_pattern=allow_pattern)
    except SourceSyntaxError as exc:
        raise SpecError(path, str(exc)) from None


def _url(path: str, value: object) -> str:
    text = _text(path, value)
    if not text.startswith("https://"):
        raise SpecError(path, f"expected an https:// URL, got {text!r}")
    return text


def _identifier(path: str, name: object) -> None:
    if not isinstance(name, str) or not _IDENTIFIER.match(name):
        raise SpecError(path, "names must be valid Python identifiers")
    if keyword.iskeyword(name):
        raise SpecError(path, f"{name!r} is a Python keyword; it cannot be a keyword argument")


def _type(path: str, value: object) -> TypeRef:
    if not isinstance(value, str):
        raise SpecError(path, f"expected a type expression, got {_kind(value)}")
    try:
        return parse_type(value)
    except TypeSyntaxError as exc:
        raise SpecError(path, str(exc)) from None


def _known_objects(path: str, ref: TypeRef, object_names: set[str]) -> None:
    unknown = sorted(ref.objects() - object_names)
    if unknown:
        raise SpecError(path, f"unknown object {unknown[0]!r}; define it under objects")


def _fits(ptype: str, value: object) -> bool:
    if ptype == "bool":
        return isinstance(value, bool)
    if ptype in ("int", "uid", "str | int") and type(value) is int:
        return True
    return ptype in ("str", "uid", "str | int") and isinstance(value, str)
