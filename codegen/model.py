"""Decide everything the templates print: names, annotations, imports, docstrings.

The templates hold no logic; this module turns the validated spec into plain
records of ready-made strings.
"""

from __future__ import annotations

import keyword
import textwrap
from dataclasses import dataclass

from codegen.provenance import Source, readable_clients
from codegen.spec import ErrorSpec, MethodSpec, ObjectSpec, ParamSpec, Spec, SpecError
from codegen.typeexpr import ParamType, TypeRef

CIRCUIT_NAMES = {"client": "client-server", "server": "server-server"}

PARAM_TYPES: dict[ParamType, str] = {
    "str": "{b}str",
    "int": "{b}int",
    "bool": "{b}bool",
    "uid": "{b}str | {b}int",
    "list[str]": "Sequence[{b}str]",
    "list[int]": "Sequence[{b}int]",
    "list[uid]": "Sequence[{b}str | {b}int]",
    "file": "FileInput",
    "str | int": "{b}str | {b}int",
    "str | list[str | int]": "{b}str | Sequence[{b}str | {b}int]",
}
"""Parameter type → the Python annotation users see; ``{b}`` is the builtins prefix."""
RESERVED_ATTRIBUTES = frozenset({"session"})
"""Names ``API`` already uses; a namespace may not take them."""

_SHADOWABLE = frozenset({"list", "dict", "str", "int", "bool"})


@dataclass(frozen=True)
class Argument:
    """One keyword-only argument of a generated method or overload."""

    py_name: str
    wire_name: str
    annotation: str
    default: str | None  # None: required, no default


@dataclass(frozen=True)
class ParamModel:
    """The provenance of one parameter, as stubs and the docs-site reference print it.

    Each ``*_label`` is a ``codegen.provenance.Source.label``: ``"doc"``,
    ``"code: py-mymailru, …"`` or ``"unconfirmed (guess)"``.
    """

    name: str
    """The platform's name."""
    py_name: str
    """The stub's keyword argument."""
    source_label: str
    """Where the parameter itself (its name) is known from."""
    type_label: str
    """Where its type is known from."""
    required_label: str
    """Where its being required (or optional) is known from."""
    provenance: str
    """The sentence the stub's ``Args:`` entry ends with, e.g.
    ``"Source: code: py-mymailru; type: unconfirmed (guess)."``"""


@dataclass(frozen=True)
class Overload:
    """An ``@overload`` signature."""

    arguments: tuple[Argument, ...]
    returns: str


@dataclass(frozen=True)
class Companion:
    """The ``iter_…`` companion of a paged list method: same arguments, an iterator of items."""

    py_name: str
    returns: str
    overloads: tuple[Overload, ...]
    docstring: str


@dataclass(frozen=True)
class Method:
    """A generated method."""

    wire_name: str
    py_name: str
    const_name: str
    arguments: tuple[Argument, ...]
    returns: str
    overloads: tuple[Overload, ...]
    docstring: str
    info_args: str  # the MethodInfo(...) arguments, rendered
    params: tuple[ParamModel, ...]
    """The provenance of each parameter, in the spec's order."""
    source_label: str
    """Where the method itself (its name) is known from."""
    reference_label: str
    """``doc`` for a URL seen in the docs, else ``URL inferred from the naming pattern``."""
    circuits_label: str
    """Where the allowed signing circuits are known from."""
    privilege_label: str | None
    """Where the privilege is known from, ``"assumed"`` for a guessed one; ``None``: none known."""
    returns_label: str | None
    """Where the return shape is known from; ``None``: unknown (``Any``)."""
    companion: Companion | None = None


@dataclass(frozen=True)
class NamespaceModule:
    """A generated module holding one namespace class."""

    name: str
    module: str
    class_name: str
    b: str  # "builtins." where a method name shadows a builtin, else ""
    docstring: str
    imports: tuple[str, ...]
    type_imports: tuple[str, ...]
    methods: tuple[Method, ...]


@dataclass(frozen=True)
class Field:
    """A TypedDict field."""

    name: str
    annotation: str
    comment_lines: tuple[str, ...]


@dataclass(frozen=True)
class TypedDictModel:
    """A generated TypedDict."""

    name: str
    docstring: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class ErrorClass:
    """A generated APIError subclass."""

    name: str
    code: int
    docstring: str
    retryable: bool
    message: str  # a Python string literal, ready to print
    source_label: str
    """Where the error code is known from (a ``codegen.provenance.Source.label``)."""


@dataclass(frozen=True)
class CatalogueParam:
    """A ``ParamEntry(...)`` of the generated catalogue; every field a Python literal."""

    name: str
    python_name: str
    type: str
    required: str
    description: str
    values: str
    default: str


@dataclass(frozen=True)
class CatalogueOverload:
    """An ``OverloadEntry(...)`` of the generated catalogue; every field a Python literal."""

    when: str
    returns: str


@dataclass(frozen=True)
class CatalogueMethod:
    """A ``MethodEntry(...)`` of the generated catalogue; every field a Python literal."""

    name: str
    namespace: str
    python_name: str
    description: str
    reference: str
    privilege: str
    params_complete: str
    status: str
    info_args: str  # the MethodInfo(...) arguments, rendered as in the namespace module
    params: tuple[CatalogueParam, ...]
    returns: str
    overloads: tuple[CatalogueOverload, ...]


@dataclass(frozen=True)
class CatalogueObject:
    """An object of the generated catalogue: its name and ``(field, spec type)`` literals."""

    name: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Model:
    """Everything the templates need."""

    namespaces: tuple[NamespaceModule, ...]
    typed_dicts: tuple[TypedDictModel, ...]
    errors: tuple[ErrorClass, ...]
    method_count: int
    catalogue: tuple[CatalogueMethod, ...]
    """Every method as data (``_generated/catalogue.py``), in the order of ``namespaces``."""
    catalogue_objects: tuple[CatalogueObject, ...]

    @property
    def type_names(self) -> list[str]:
        """TypedDict names, sorted for ``__all__``."""
        return sorted(t.name for t in self.typed_dicts)

    @property
    def error_names(self) -> list[str]:
        """Error class names, sorted for ``__all__``."""
        return sorted(e.name for e in self.errors)


def build_model(spec: Spec) -> Model:
    """Turn the validated spec into the render model."""
    by_namespace: dict[str, list[MethodSpec]] = {}
    for method in spec.methods:
        by_namespace.setdefault(method.namespace, []).append(method)
    grouped = sorted(by_namespace.items())
    namespaces = tuple(_namespace(name, methods) for name, methods in grouped)
    return Model(
        namespaces=namespaces,
        typed_dicts=tuple(_typed_dict(obj) for obj in spec.objects),
        errors=tuple(_error_class(e) for e in spec.errors),
        method_count=len(spec.methods),
        catalogue=tuple(_catalogue_method(m) for _, methods in grouped for m in methods),
        catalogue_objects=tuple(_catalogue_object(obj) for obj in spec.objects),
    )


def _error_class(error: ErrorSpec) -> ErrorClass:
    return ErrorClass(
        name=error.name,
        code=error.code,
        docstring=_docstring(
            f"Platform error {error.code}: {error.message}",
            [error.description, f"Source: {error.source.label}."],
            indent=4,
        ),
        retryable=error.retryable,
        message=repr(error.message),
        source_label=error.source.label,
    )


def privilege_label(source: Source) -> str:
    """How a stub qualifies a privilege: ``assumed`` for a guess, else the source's label."""
    return "assumed" if source.kind == "guess" else source.label


def param_model(param: ParamSpec) -> ParamModel:
    """The provenance of ``param`` as stubs and the docs-site reference print it."""
    parts = [f"Source: {param.source.label}"]
    if param.type_source != param.source:
        parts.append(f"type: {param.type_source.label}")
    if param.required_source != param.source:
        need = "required" if param.required else "optional"
        parts.append(f"{need}: {param.required_source.label}")
    if param.max_items is not None and param.max_items_source is not None:
        parts.append(f"maximum: {param.max_items_source.label}")
    return ParamModel(
        name=param.name,
        py_name=python_name(param.name),
        source_label=param.source.label,
        type_label=param.type_source.label,
        required_label=param.required_source.label,
        provenance="; ".join(parts) + ".",
    )


def max_items_sentence(param: ParamSpec) -> str:
    """What a stub and the reference say of a list parameter's per-call maximum ("" if none)."""
    if param.max_items is None:
        return ""
    return (
        f" At most {param.max_items} per call: a longer list or tuple is sent in calls of at"
        " most that many (``max_items=`` overrides)."
    )


def one_of_sentence(group: tuple[str, ...], quote: str) -> str:
    """What a stub and the reference say of a ``one_of`` group, names quoted with ``quote``."""
    names = ", ".join(f"{quote}{python_name(n)}{quote}" for n in group)
    return f"Give exactly one of {names}: neither or more than one is refused before any traffic."


def python_name(name: str) -> str:
    """A platform name as a Python identifier: keywords get a trailing underscore."""
    return f"{name}_" if keyword.iskeyword(name) else name


def _namespace(name: str, methods: list[MethodSpec]) -> NamespaceModule:
    if name in RESERVED_ATTRIBUTES or keyword.iskeyword(name):
        raise SpecError(f"methods.{methods[0].name}", f"namespace {name!r} is reserved")
    py_names: dict[str, str] = {}
    const_names: dict[str, str] = {}
    for method in methods:
        py_name = python_name(method.short_name)
        if py_name in py_names:
            raise SpecError(
                f"methods.{method.name}",
                f"its Python name {py_name!r} is taken by {py_names[py_name]}",
            )
        py_names[py_name] = method.name
    for method in methods:
        if method.paging is None:
            continue
        iter_name = _companion_name(method)
        if iter_name in py_names:
            raise SpecError(
                f"methods.{method.name}",
                f"the name of its iterator {iter_name!r} is taken by {py_names[iter_name]}",
            )
        py_names[iter_name] = method.name
    for method in methods:
        # the MethodInfo constant is upper-cased: names differing only in case would share it
        const_name = _const_name(method)
        if const_name in const_names:
            raise SpecError(
                f"methods.{method.name}",
                f"its constant {const_name} is taken by {const_names[const_name]} "
                "(names differing only in case)",
            )
        const_names[const_name] = method.name
    # A method named like a builtin (achievements.list) shadows it inside the class:
    # annotations there must name the builtin explicitly.
    prefix = "builtins." if _SHADOWABLE & py_names.keys() else ""
    built = tuple(_method(m, prefix) for m in methods)
    objects: set[str] = set()
    for method in methods:
        objects |= method.returns.objects()
        for overload in method.overloads:
            objects |= overload.returns.objects()
    imports = {"from mailru_sdk.api.base import MethodInfo, Namespace, Params"}
    typing_names = {"Unpack"}
    if any("Any" in _all_annotations(m) for m in built):
        typing_names.add("Any")
    if objects:
        typing_names.add("TYPE_CHECKING")
    if any(m.overloads for m in built):
        typing_names |= {"Literal", "overload"}
    if any("Literal[" in a.annotation for m in built for a in m.arguments):
        typing_names.add("Literal")
    imports.add(f"from typing import {', '.join(sorted(typing_names))}")
    abc_names = {"Mapping"} if any("Mapping[" in _all_annotations(m) for m in built) else set()
    if any(m.companion for m in built):
        abc_names.add("Iterator")
    if any("Sequence[" in a.annotation for m in built for a in m.arguments):
        abc_names.add("Sequence")
    if abc_names:
        imports.add(f"from collections.abc import {', '.join(sorted(abc_names))}")
    imports.add("from mailru_sdk.options import CallOptions")
    if any("FileInput" in a.annotation for m in built for a in m.arguments):
        imports.add("from mailru_sdk.uploads import FileInput")
    if prefix:
        imports.add("import builtins")
    type_imports = tuple(sorted(objects))
    return NamespaceModule(
        name=name,
        module=name,
        class_name=f"{name[0].upper()}{name[1:]}Namespace",
        b=prefix,
        docstring=f"The ``{name}.*`` methods of the platform.",
        imports=tuple(sorted(imports)),
        type_imports=type_imports,
        methods=built,
    )


def _all_annotations(method: Method) -> str:
    parts = [method.returns, *(a.annotation for a in method.arguments)]
    overloads = list(method.overloads)
    if method.companion is not None:
        parts.append(method.companion.returns)
        overloads.extend(method.companion.overloads)
    for overload in overloads:
        parts.append(overload.returns)
        parts.extend(a.annotation for a in overload.arguments)
    return " ".join(parts)


def _annotation(param: ParamSpec, prefix: str) -> str:
    if param.values is not None:
        return f"Literal[{', '.join(repr(v) for v in param.values)}]"
    return PARAM_TYPES[param.type].format(b=prefix)


def _argument(param: ParamSpec, prefix: str) -> Argument:
    annotation = _annotation(param, prefix)
    if param.required:
        return Argument(python_name(param.name), param.name, annotation, None)
    return Argument(python_name(param.name), param.name, f"{annotation} | None", "None")


def _method(method: MethodSpec, prefix: str) -> Method:
    arguments = tuple(_argument(p, prefix) for p in method.params)
    returns = method.returns.render(prefix)
    overloads = tuple(_overloads(method, arguments, prefix))
    if overloads:
        # the implementation returns what the catch-all (last) overload does
        returns = overloads[-1].returns
    return Method(
        wire_name=method.name,
        py_name=python_name(method.short_name),
        const_name=_const_name(method),
        arguments=arguments,
        returns=returns,
        overloads=overloads,
        docstring=_method_docstring(method),
        info_args=_info_args(method),
        companion=_companion(method, overloads, prefix),
        params=tuple(param_model(p) for p in method.params),
        source_label=method.method_source.label,
        reference_label=method.reference_source.label,
        circuits_label=method.circuits_source.label,
        privilege_label=None
        if method.privilege_source is None
        else privilege_label(method.privilege_source),
        returns_label=None if method.returns_source is None else method.returns_source.label,
    )


def _info_args(method: MethodSpec) -> str:
    """The arguments of the method's ``MethodInfo(...)``, rendered."""
    required = tuple(p.name for p in method.params if p.required)
    choices = {p.name: p.values for p in method.params if p.values is not None}
    files = tuple(p.name for p in method.params if p.type == "file")
    circuits = tuple(CIRCUIT_NAMES[c] for c in method.circuits)
    info_args = [
        repr(method.name),
        f"http={method.http!r}",
        f"idempotent={method.idempotent!r}",
        f"circuits={circuits!r}",
    ]
    if required:
        info_args.append(f"required={required!r}")
    if choices:
        rendered = ", ".join(
            f"{name!r}: frozenset({{{', '.join(repr(v) for v in values)}}})"
            for name, values in choices.items()
        )
        info_args.append(f"choices={{{rendered}}}")
    if files:
        info_args.append(f"files={files!r}")
    max_items = {p.name: p.max_items for p in method.params if p.max_items is not None}
    if max_items:
        info_args.append(f"max_items={max_items!r}")
        # chunked calls merge their answers only where every shape a source shows is a list
        shapes = [method.returns, *(o.returns for o in method.overloads)]
        if method.returns_source is not None and all(t.name == "list" for t in shapes):
            info_args.append("returns_list=True")
    if method.one_of:
        info_args.append(f"one_of={method.one_of!r}")
    if method.paging is not None:
        info_args.append(f"paging={method.paging!r}")
        page_size = _page_size(method)
        if page_size is not None:
            info_args.append(f"page_size={page_size!r}")
    return ", ".join(info_args)


def _catalogue_method(method: MethodSpec) -> CatalogueMethod:
    """The method as catalogue data: the spec's facts and type strings, as literals."""
    return CatalogueMethod(
        name=repr(method.name),
        namespace=repr(method.namespace),
        python_name=repr(python_name(method.short_name)),
        description=repr(method.description),
        reference=repr(method.reference),
        privilege=repr(method.privilege),
        params_complete=repr(method.params_complete),
        status=repr(method.status),
        info_args=_info_args(method),
        params=tuple(
            CatalogueParam(
                name=repr(p.name),
                python_name=repr(python_name(p.name)),
                type=repr(p.type),
                required=repr(p.required),
                description=repr(p.description),
                values=repr(p.values),
                default=repr(p.default),
            )
            for p in method.params
        ),
        returns=repr(str(method.returns)),
        overloads=tuple(
            CatalogueOverload(when=repr(o.when), returns=repr(str(o.returns)))
            for o in method.overloads
        ),
    )


def _catalogue_object(obj: ObjectSpec) -> CatalogueObject:
    """The object as catalogue data: its fields and their spec types, as literals."""
    return CatalogueObject(
        name=repr(obj.name),
        fields=tuple((repr(f.name), repr(str(f.type))) for f in obj.fields),
    )


def _companion_name(method: MethodSpec) -> str:
    return f"iter_{method.short_name}"


def _page_size(method: MethodSpec) -> int | None:
    """The platform's documented default ``limit`` of a paged method, if any."""
    for param in method.params:
        if param.name == "limit" and type(param.default) is int:
            return param.default
    return None


def _item_type(ref: TypeRef, prefix: str) -> str:
    """The item type of a page: ``T`` of ``list[T]``; ``Any`` when the shape is unknown."""
    return ref.args[0].render(prefix) if ref.name == "list" else "Any"


def _companion(
    method: MethodSpec, overloads: tuple[Overload, ...], prefix: str
) -> Companion | None:
    if method.paging is None:
        return None
    items = [_item_type(o.returns, prefix) for o in method.overloads]
    items.append(_item_type(method.returns, prefix))
    iter_overloads: list[Overload] = []
    if overloads:
        # the method's overloads, in order: one per spec overload, the base shape, a catch-all
        iter_overloads = [
            Overload(o.arguments, f"Iterator[{item}]")
            for o, item in zip(overloads[:-1], items, strict=True)
        ]
        union = " | ".join(dict.fromkeys(part for item in items for part in item.split(" | ")))
        iter_overloads.append(Overload(overloads[-1].arguments, f"Iterator[{union}]"))
        returns = iter_overloads[-1].returns
    else:
        returns = f"Iterator[{items[-1]}]"
    return Companion(
        py_name=_companion_name(method),
        returns=returns,
        overloads=tuple(iter_overloads),
        docstring=_companion_docstring(method),
    )


def _const_name(method: MethodSpec) -> str:
    return "_" + method.name.replace(".", "_").upper()


def _overloads(method: MethodSpec, arguments: tuple[Argument, ...], prefix: str) -> list[Overload]:
    if not method.overloads:
        return []
    result = []
    flags: dict[str, list[object]] = {}
    for overload in method.overloads:
        when = dict(overload.when)
        args = []
        for arg in arguments:
            if arg.wire_name in when:
                flags.setdefault(arg.wire_name, []).append(when[arg.wire_name])
                args.append(
                    Argument(arg.py_name, arg.wire_name, f"Literal[{when[arg.wire_name]!r}]", None)
                )
            else:
                args.append(arg)
        result.append(Overload(tuple(_required_first(args)), overload.returns.render(prefix)))
    # the base shape: the flags absent, None, or the other literal of a bool flag
    base_args = []
    for arg in arguments:
        used = flags.get(arg.wire_name)
        if used is not None and all(isinstance(v, bool) for v in used) and len(set(used)) == 1:
            other = not used[0]
            base_args.append(
                Argument(arg.py_name, arg.wire_name, f"Literal[{other!r}] | None", "None")
            )
        else:
            base_args.append(arg)
    result.append(Overload(tuple(base_args), method.returns.render(prefix)))
    # a catch-all for a flag known only at run time (a plain bool)
    union = " | ".join(dict.fromkeys(part for o in result for part in o.returns.split(" | ")))
    result.append(Overload(arguments, union))
    return result


def _required_first(args: list[Argument]) -> list[Argument]:
    return [a for a in args if a.default is None] + [a for a in args if a.default is not None]


def _typed_dict(obj: ObjectSpec) -> TypedDictModel:
    return TypedDictModel(
        name=obj.name,
        docstring=_docstring(
            obj.description,
            ["Every field is optional: the platform sends what it knows."],
            indent=4,
        ),
        fields=tuple(
            Field(f.name, f.type.render(), tuple(textwrap.wrap(_comment(f.description), 92)))
            for f in obj.fields
        ),
    )


def _comment(text: str) -> str:
    return " ".join(text.split())


def _args_paragraph(method: MethodSpec, overrides: dict[str, str], scope: str) -> str:
    """The ``Args:`` section; ``overrides`` replaces some parameters' descriptions."""
    lines = ["Args:"]
    for param in method.params:
        detail = readable_clients(overrides.get(param.name, param.description))
        if param.values is not None:
            detail += f" One of: {', '.join(repr(v) for v in param.values)}."
        if param.default is not None:
            detail += f" Platform default: {param.default!r}."
        detail += " Required." if param.required else ""
        detail += max_items_sentence(param)
        detail += " " + param_model(param).provenance
        lines.append(f"    {python_name(param.name)}: {detail}")
    lines.append("    extra_params: parameters the catalogue does not list, sent as given.")
    lines.append(
        f"    **options: ``timeout``, ``max_retries`` and ``deadline`` for {scope} only "
        "([`CallOptions`][mailru_sdk.options.CallOptions])."
    )
    return "\n".join(lines)


def _method_docstring(method: MethodSpec) -> str:
    paragraphs = []
    if method.status == "disabled":
        paragraphs.append("Disabled by the platform: calls are expected to fail.")
    paragraphs.append(_args_paragraph(method, {}, "this call"))
    paragraphs += [one_of_sentence(group, "``") for group in method.one_of]
    facts = [
        f"Known from: {method.method_source.label}.",
        f"Privilege: {_privilege_text(method)}.",
        "Signing: "
        + " or ".join(CIRCUIT_NAMES[c] for c in method.circuits)
        + f" ({method.circuits_source.label}).",
        "Return shape: "
        + ("unknown" if method.returns_source is None else method.returns_source.label)
        + ".",
        f"HTTP: {method.http}"
        + ("" if method.idempotent else " (a write: not retried once sent)")
        + ".",
    ]
    if not method.params_complete:
        facts.append(
            "The parameter list comes from client code, not from complete documentation: "
            "pass others with ``extra_params``."
        )
    paragraphs.append(" ".join(facts))
    if method.notes:
        paragraphs.append(
            "Notes:\n" + "\n".join(f"    - {_comment(readable_clients(n))}" for n in method.notes)
        )
    paragraphs.append(_reference_line(method))
    return _docstring(_summary(method), paragraphs, indent=8)


def _privilege_text(method: MethodSpec) -> str:
    if method.privilege is None or method.privilege_source is None:
        return "none known"
    return f"{method.privilege} ({privilege_label(method.privilege_source)})"


def _summary(method: MethodSpec) -> str:
    """The docstring's first line; an assumed privilege is said here, not only in the notes."""
    summary = f"``{method.name}``: {method.description}"
    if method.privilege_source is not None and method.privilege_source.kind == "guess":
        summary += f" Privilege: {method.privilege} (assumed)."
    return summary


def _reference_line(method: MethodSpec) -> str:
    line = f"Reference: {method.reference}"
    if method.reference_source.kind == "pattern":
        line += f" ({method.reference_source.label})"
    return line


def _companion_docstring(method: MethodSpec) -> str:
    if method.paging == "skip":
        rule = (
            "Paging: by ``skip``, the event-id cursor: each next page is asked for with the "
            "``id`` of the last event so far; an event already yielded is never yielded again, "
            "and the iteration ends after a page that brings no new event."
        )
        overrides = {"skip": "The event id the first page starts after (newest when omitted)."}
    else:
        size = _page_size(method)
        has_limit = any(p.name == "limit" for p in method.params)
        if has_limit and size is not None:
            end = f"an empty page or a page shorter than ``limit`` ({size} when omitted)"
        elif has_limit:
            end = "an empty page, or a page shorter than ``limit`` when it is given"
        else:
            end = "an empty page (or one shorter than a ``limit`` given in ``extra_params``)"
        rule = (
            "Paging: by ``offset``: each next page starts after the items received so far; "
            f"the iteration ends after {end}."
        )
        overrides = {"offset": "Where the first page starts."}
        if has_limit:
            overrides["limit"] = "Items per page."
    paragraphs = []
    if method.status == "disabled":
        paragraphs.append("Disabled by the platform: calls are expected to fail.")
    paragraphs.append(
        "Nothing is sent before the first ``next()``; then one page at a time. "
        "An error is raised by the ``next()`` that needed the failing page, after the "
        "items of the earlier pages."
    )
    paragraphs.append(rule)
    paragraphs.append(_args_paragraph(method, overrides, "each page's call"))
    paragraphs.append(_reference_line(method))
    return _docstring(
        f"``{method.name}``, page after page: yields every item, fetching pages lazily.",
        paragraphs,
        indent=8,
    )


def _docstring(summary: str, paragraphs: list[str], *, indent: int) -> str:
    """A docstring body (without quotes), wrapped to 100 columns at ``indent``."""
    width = 100 - indent
    # the first line shares its row with the opening quotes
    blocks = [textwrap.fill(summary, width, initial_indent='"""')[3:]]
    for paragraph in paragraphs:
        wrapped = []
        for line in paragraph.split("\n"):
            lead = len(line) - len(line.lstrip())
            extra = 6 if line.lstrip().startswith("- ") else (lead + 4 if lead else 0)
            wrapped.append(
                textwrap.fill(
                    line.strip(),
                    width,
                    initial_indent=" " * lead,
                    subsequent_indent=" " * max(extra, lead),
                    break_on_hyphens=False,
                    break_long_words=False,
                )
            )
        blocks.append("\n".join(wrapped))
    text = "\n\n".join(blocks).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    pad = " " * indent
    return "\n".join(pad + line if line else "" for line in text.split("\n")).lstrip()
