"""The method reference of the docs site: spec/methods.yaml → docs/reference/methods/*.md.

Written by ``python -m codegen`` next to the stubs and checked by ``--check``
like them, so the reference and the code can never disagree. One page per
namespace (each method: its Python signature, parameters with type, required
and provenance, returns, paging, circuits, HTTP verb, privilege, errors,
notes, reference link) and an index page. As in ``codegen.model``, this
module decides every string and the templates only print them.

Provenance (where a fact comes from: the platform's documentation, another
client's code, or our guess) is read through ``param_provenance()``, the one
place that knows how the spec records it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from codegen.model import (
    CIRCUIT_NAMES,
    Argument,
    ErrorClass,
    Method,
    Model,
    NamespaceModule,
    build_model,
    max_items_sentence,
    one_of_sentence,
    param_model,
)
from codegen.provenance import readable_clients
from codegen.render import TEMPLATES
from codegen.spec import MethodSpec, ParamSpec, Spec

__all__ = ["DEFAULT_DOCS_OUT", "docs_files", "param_provenance"]

DEFAULT_DOCS_OUT = Path(__file__).resolve().parent.parent / "docs" / "reference" / "methods"

BANNER = (
    "<!-- Generated from spec/methods.yaml by `python -m codegen`; do not edit.\n"
    "     Change the spec and run `make generate` instead. -->"
)

# the docs pages the generated ones link to, relative to docs/reference/methods/
ERRORS_PAGE = "../../errors.md"
CALLING_PAGE = "../../calling.md"
SESSIONS_PAGE = "../../sessions.md"


def param_provenance(method: MethodSpec, param: ParamSpec) -> str:
    """Where the catalogue's knowledge of ``param`` comes from, as the stub's docstring says it.

    ``doc``, ``code: <client>`` or ``unconfirmed (guess)`` for the parameter,
    then its type and its being required where those come from elsewhere,
    e.g. ``code: py-mymailru; type: unconfirmed (guess)``.
    """
    sentence = param_model(param).provenance
    return sentence.removeprefix("Source: ").removesuffix(".")


@dataclass(frozen=True)
class ParamRow:
    """One row of a method's parameter table; every field ready-made Markdown."""

    name: str
    annotation: str
    required: str
    provenance: str
    description: str


@dataclass(frozen=True)
class MethodDoc:
    """One method's section of its namespace page; every field ready-made Markdown."""

    name: str
    anchor: str
    description: str
    signatures: tuple[str, ...]
    """The Python signature, or one per ``@overload`` where the stub has overloads."""
    params: tuple[ParamRow, ...]
    facts: tuple[str, ...]  # "**Returns:** …", "**Signing:** …" lines
    errors: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class NamespaceDoc:
    """One page of the method reference."""

    name: str
    file: str
    summary: str  # its methods, linked within the page
    index_summary: str  # the same, linked from the index page
    methods: tuple[MethodDoc, ...]


def docs_files(spec: Spec, model: Model | None = None) -> dict[str, str]:
    """Every page of the method reference: file name → Markdown."""
    model = build_model(spec) if model is None else model
    specs = {m.name: m for m in spec.methods}
    errors = {e.code: e for e in model.errors}
    pages = tuple(_namespace_doc(ns, specs, errors) for ns in model.namespaces)

    def page(template: str, **context: object) -> str:
        return TEMPLATES.get_template(template).render(banner=BANNER, **context)

    files = {"index.md": page("methods_index.md.j2", pages=pages, count=model.method_count)}
    for doc in pages:
        files[doc.file] = page("methods_namespace.md.j2", page=doc)
    return files


def _namespace_doc(
    ns: NamespaceModule, specs: dict[str, MethodSpec], errors: dict[int, ErrorClass]
) -> NamespaceDoc:
    methods = tuple(_method_doc(m, specs[m.wire_name], errors) for m in ns.methods)
    count = f"{len(methods)} method{'s' if len(methods) != 1 else ''}"
    file = f"{ns.module}.md"

    def links(target: str) -> str:
        return f"{count}: " + ", ".join(f"[`{m.name}`]({target}#{m.anchor})" for m in methods)

    return NamespaceDoc(
        name=ns.name,
        file=file,
        summary=links(""),
        index_summary=links(file),
        methods=methods,
    )


def _method_doc(method: Method, spec: MethodSpec, errors: dict[int, ErrorClass]) -> MethodDoc:
    rows = tuple(
        ParamRow(
            name=f"`{argument.py_name}`",
            annotation=_code(argument.annotation),
            required="yes" if param.required else "no",
            provenance=param_provenance(spec, param),
            description=_cell(_param_details(param)),
        )
        for argument, param in zip(method.arguments, spec.params, strict=True)
    )
    return MethodDoc(
        name=spec.name,
        anchor=spec.name.replace(".", "").lower(),
        description=_text(spec.description),
        signatures=_signatures(spec, method),
        params=rows,
        facts=tuple(_facts(spec, method)),
        errors=tuple(_errors(spec, method, errors)),
        notes=tuple(_text(readable_clients(note)) for note in spec.notes),
    )


def _signatures(spec: MethodSpec, method: Method) -> tuple[str, ...]:
    """What the stub declares: its overloads when it has them (a flag picks the return
    type, e.g. ``friends.get(ext=True) -> list[User]``), else its one signature."""
    if method.overloads:
        return tuple(_signature(spec, method, o.arguments, o.returns) for o in method.overloads)
    return (_signature(spec, method, method.arguments, method.returns),)


def _signature(
    spec: MethodSpec, method: Method, arguments: tuple[Argument, ...], returns: str
) -> str:
    shown = [
        f"{a.py_name}: {a.annotation}" + (f" = {a.default}" if a.default is not None else "")
        for a in arguments
    ]
    lines = ["*", *shown, "extra_params=None", "**options: Unpack[CallOptions]"]
    inner = "".join(f"    {line},\n" for line in lines)
    return f"api.{spec.namespace}.{method.py_name}(\n{inner}) -> {returns}"


def _param_details(param: ParamSpec) -> str:
    text = readable_clients(param.description)
    if param.values is not None:
        text += f" One of: {', '.join(repr(v) for v in param.values)}."
    if param.default is not None:
        text += f" Platform default: {param.default!r}."
    return text + max_items_sentence(param)


def _facts(spec: MethodSpec, method: Method) -> list[str]:
    facts = []
    if spec.status == "disabled":
        facts.append("**Status:** disabled by the platform; calls are expected to fail.")
    returns = f"**Returns:** {_code(str(spec.returns))}"
    shapes = [
        f"{_code(str(o.returns))} when "
        + " and ".join(f"`{name}={value!r}`" for name, value in o.when)
        for o in spec.overloads
    ]
    returns += f"; {'; '.join(shapes)}" if shapes else ""
    returns += f" (source: {method.returns_label})" if method.returns_label else ""
    facts.append(returns + ".")
    facts += [f"**Parameters:** {one_of_sentence(group, '`')}" for group in spec.one_of]
    if method.companion is not None:
        facts.append(
            f"**Paging:** `api.{spec.namespace}.{method.companion.py_name}(...)` "
            f"→ {_code(method.companion.returns)}, by `{spec.paging}` "
            f"([pagination]({CALLING_PAGE}#pagination))."
        )
    circuits = " or ".join(CIRCUIT_NAMES[c] for c in spec.circuits)
    facts.append(
        f"**Signing:** {circuits} (source: {method.circuits_label}; "
        f"[circuits]({SESSIONS_PAGE}#the-two-circuits))."
    )
    kind = (
        "a read, retried on transient faults"
        if spec.idempotent
        else "a write, retried only when the request provably never left"
    )
    facts.append(f"**HTTP:** {spec.http}, {kind}.")
    privilege = f"`{spec.privilege}` ({method.privilege_label})" if spec.privilege else "none known"
    facts.append(f"**Privilege:** {privilege}.")
    if not spec.params_complete:
        facts.append(
            "**Parameters:** known from client code, not from complete documentation: "
            f"pass others with `extra_params` ([calling]({CALLING_PAGE}#calling-methods))."
        )
    inferred = "" if method.reference_label == "doc" else f" ({method.reference_label})"
    facts.append(f"**Platform reference:** <{spec.reference}>{inferred}")
    facts.insert(0, f"**Method known from:** {method.source_label}.")
    return facts


def _errors(spec: MethodSpec, method: Method, errors: dict[int, ErrorClass]) -> list[str]:
    """What this method can raise besides any platform error: derived from its facts."""

    def named(code: int, when: str) -> list[str]:
        error = errors.get(code)
        return [f"`{error.name}` ({code}): {when}"] if error is not None else []

    found = [
        "`TypeError` before any traffic: a missing or unknown keyword, or a value of a type "
        "the wire cannot carry"
    ]
    if spec.status == "disabled":
        found += named(4, "expected: the platform switched the method off")
    found += named(100, "a parameter the platform finds missing or invalid")
    found += named(102, "the access token expired (refreshed once by OAuth sessions)")
    found += named(104, "a wrong key, uid or circuit")
    if spec.privilege:
        found += named(200, f"the user has not granted `{spec.privilege}`")
    if len(spec.circuits) == 1:
        circuit = CIRCUIT_NAMES[spec.circuits[0]]
        found.append(f"`CredentialsError` before any traffic: the session has no {circuit} keys")
    if any(p.type == "file" for p in spec.params):
        found += named(501, "the uploaded image is not accepted")
    if method.companion is not None:
        found.append(f"`PaginationError` from `{method.companion.py_name}`: a page it cannot read")
    found.append(f"any other [platform or transport error]({ERRORS_PAGE})")
    return found


def _code(text: str) -> str:
    """Inline code (Python-Markdown's tables do not split cells at a pipe inside it)."""
    return f"`{text}`"


def _text(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _text(text).replace("|", "\\|")
