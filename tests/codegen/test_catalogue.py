"""The generated catalogue (mailru_sdk/_generated/catalogue.py) against spec/methods.yaml.

The command line and the fake platform read every method, parameter and type
from this data (through ``mailru_sdk._catalogue``), never from the stubs'
docstrings or annotations: these tests hold it to the spec entry by entry, to
the generated stubs, and check that it is plain data, loaded only on demand.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from codegen import DEFAULT_OUT, DEFAULT_SPEC, model
from codegen.model import CIRCUIT_NAMES, PARAM_TYPES, build_model, python_name
from codegen.render import render
from codegen.spec import MethodSpec, load_spec
from mailru_sdk import _catalogue
from mailru_sdk._catalogue import MethodEntry, ParamEntry
from mailru_sdk._typeexpr import ParamType, TypeSyntaxError, parse_type
from mailru_sdk.api.base import MethodInfo, Namespace

ROOT = Path(__file__).resolve().parents[2]
SPEC = load_spec(DEFAULT_SPEC)
OPTIONS = {"extra_params", "options"}


def entry(method: MethodSpec) -> MethodEntry:
    return _catalogue.methods()[method.name]


def typed(value: object) -> tuple[type, object]:
    """A value with its type: ``False`` and ``0`` (or ``1`` and ``True``) compare equal."""
    if isinstance(value, tuple):
        return tuple, tuple(typed(item) for item in value)
    return type(value), value


def test_every_method_of_the_spec_in_namespace_order() -> None:
    by_namespace = sorted(SPEC.methods, key=lambda m: m.namespace)  # stable: the spec's order
    assert list(_catalogue.methods()) == [m.name for m in by_namespace]
    assert _catalogue.namespaces() == sorted({m.namespace for m in SPEC.methods})


@pytest.mark.parametrize("method", SPEC.methods, ids=lambda m: m.name)
def test_a_method_agrees_with_the_spec(method: MethodSpec) -> None:
    got = entry(method)
    assert (got.name, got.namespace) == (method.name, method.namespace)
    assert got.python_name == python_name(method.short_name)
    assert got.description == method.description
    assert got.reference == method.reference
    assert got.http == got.info.http == method.http
    assert typed(got.idempotent) == typed(method.idempotent)
    assert got.privilege == method.privilege
    assert got.circuits == tuple(CIRCUIT_NAMES[c] for c in method.circuits)
    assert typed(got.params_complete) == typed(method.params_complete)
    assert got.paging == method.paging
    assert got.status == method.status
    # the runtime's grammar is a copy of the generator's: compare the trees as text
    assert parse_type(got.returns).render() == method.returns.render()
    assert [(typed(o.when), parse_type(o.returns).render()) for o in got.overloads] == [
        (typed(o.when), o.returns.render()) for o in method.overloads
    ]


@pytest.mark.parametrize("method", SPEC.methods, ids=lambda m: m.name)
def test_every_parameter_agrees_with_the_spec(method: MethodSpec) -> None:
    got = entry(method).params
    assert [p.name for p in got] == [p.name for p in method.params]
    for param, spec in zip(got, method.params, strict=True):
        assert param.python_name == python_name(spec.name)
        assert param.type == spec.type
        assert typed(param.required) == typed(spec.required)
        assert param.description == spec.description
        assert typed(param.values) == typed(spec.values)
        assert typed(param.default) == typed(spec.default)
        assert entry(method).param(spec.name) is param


def test_every_object_agrees_with_the_spec() -> None:
    objects = _catalogue.objects()
    assert list(objects) == [obj.name for obj in SPEC.objects]
    for obj in SPEC.objects:
        assert {name: parse_type(text).render() for name, text in objects[obj.name].items()} == {
            f.name: f.type.render() for f in obj.fields
        }


@pytest.mark.parametrize("namespace", sorted({m.namespace for m in SPEC.methods}))
def test_the_catalogue_matches_the_generated_stubs(namespace: str) -> None:
    """Each entry names a stub with its keyword arguments, and carries the stub's MethodInfo."""
    module = importlib.import_module(f"mailru_sdk._generated.resources.{namespace}")
    (cls,) = (
        v
        for v in vars(module).values()
        if isinstance(v, type) and issubclass(v, Namespace) and v.__module__ == module.__name__
    )
    infos = {v.name: v for v in vars(module).values() if isinstance(v, MethodInfo)}
    entries = [e for e in _catalogue.methods().values() if e.namespace == namespace]
    assert sorted(infos) == sorted(e.name for e in entries)
    for got in entries:
        stub = inspect.signature(getattr(cls, got.python_name))
        arguments = [name for name in stub.parameters if name not in {"self", *OPTIONS}]
        assert arguments == [p.python_name for p in got.params]
        assert facts(got.info) == facts(infos[got.name])


def facts(info: MethodInfo) -> dict[str, object]:
    """Every attribute of a MethodInfo (it has no equality of its own)."""
    return {name: getattr(info, name) for name in MethodInfo.__slots__}


# -- parameter kinds (what the command line converts to) -----------------------------------


def test_the_parameter_types_are_the_generators() -> None:
    assert set(typing.get_args(ParamType)) == set(PARAM_TYPES)


def test_every_parameter_kind_follows_its_spec_type() -> None:
    kinds = set()
    for method in SPEC.methods:
        for param, spec in zip(entry(method).params, method.params, strict=True):
            chosen = spec.values is not None and spec.type != "bool"
            assert param.kind == ("choice" if chosen else spec.type), f"{method.name}.{spec.name}"
            kinds.add(param.kind)
    assert {"str", "int", "bool", "uid", "list[uid]", "file", "str | int"} <= kinds
    assert "str | list[str | int]" in kinds


@pytest.mark.parametrize(
    ("param", "kind", "choices"),
    [
        (ParamEntry("kind", "kind", "str", False, "", values=("a", "b")), "choice", ("a", "b")),
        (ParamEntry("size", "size", "int", True, "", values=(1, 2)), "choice", (1, 2)),
        (ParamEntry("ext", "ext", "bool", False, "", values=(True,)), "bool", ()),
        (ParamEntry("uids", "uids", "list[int]", False, ""), "list[int]", ()),
    ],
)
def test_parameter_kinds_with_allowed_values(
    param: ParamEntry, kind: str, choices: tuple[object, ...]
) -> None:
    assert (param.kind, param.choices) == (kind, choices)


def test_return_types_put_the_overloads_first() -> None:
    friends = _catalogue.methods()["friends.get"]
    assert friends.returns == "list[str]"
    assert friends.return_types == ("list[User]", "list[str]")
    assert _catalogue.methods()["notifications.send"].return_types == ("Any",)


# -- the one type parser, shared by the generator and the runtime --------------------------


def test_the_runtime_parses_with_a_generated_copy_of_the_generators_grammar() -> None:
    """One grammar: codegen owns it, imports it normally, and writes the runtime's copy."""
    from codegen import typeexpr
    from mailru_sdk import _typeexpr
    from mailru_sdk._generated import typeexpr as generated

    source = (ROOT / "codegen" / "typeexpr.py").read_text(encoding="utf-8")
    copy = (ROOT / "mailru_sdk" / "_generated" / "typeexpr.py").read_text(encoding="utf-8")
    assert copy.endswith(source) and copy.startswith("# Generated from spec/methods.yaml")
    assert _typeexpr.parse_type is generated.parse_type is parse_type
    assert typeexpr.__file__ != generated.__file__  # two modules, one text
    assert typeexpr.parse_type("list[User]").render() == parse_type("list[User]").render()
    assert typeexpr.__name__ == "codegen.typeexpr"  # imported normally, not loaded by path
    assert "importlib" not in source and "spec_from_file_location" not in source


@pytest.mark.parametrize(
    "text", ["Any", "User", "list[str]", "dict[str, int]", "list[dict[str, list[Photo]]]"]
)
def test_parse_type_round_trips(text: str) -> None:
    assert str(parse_type(text)) == text
    assert parse_type(f"  {text} ") == parse_type(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "list[",
        "list[str",
        "list[str;]",
        "| str",
        "list[str]]",
        "list[User] | list[str]",  # unions are the stubs' business, not the spec's
        "dict[int, str]",
        "boolean",
        "list",
    ],
)
def test_parse_type_refuses_text_outside_the_grammar(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        parse_type(text)


def test_a_type_renders_with_the_builtins_prefix() -> None:
    ref = parse_type("dict[str, list[User]]")
    assert ref.render("builtins.") == "builtins.dict[builtins.str, builtins.list[User]]"
    assert ref.objects() == {"User"}


# -- the generated file: plain data, independent of the docstrings, loaded on demand -------

_DATA_NODES = (
    ast.Module,
    ast.Expr,
    ast.Constant,
    ast.ImportFrom,
    ast.alias,
    ast.AnnAssign,
    ast.Assign,
    ast.Name,
    ast.Load,
    ast.Store,
    ast.Subscript,
    ast.Tuple,
    ast.List,
    ast.Dict,
    ast.Set,
    ast.Call,
    ast.keyword,
    ast.UnaryOp,
    ast.USub,
)
_CONSTRUCTORS = {"MethodEntry", "ParamEntry", "OverloadEntry", "MethodInfo", "frozenset"}


def test_the_generated_catalogue_is_plain_data() -> None:
    tree = ast.parse((DEFAULT_OUT / "catalogue.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        assert isinstance(node, _DATA_NODES), f"line {getattr(node, 'lineno', '?')}: {node!r}"
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name) and node.func.id in _CONSTRUCTORS
    imported = {
        (node.module, alias.name)
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert {module for module, _ in imported} == {
        "__future__",
        "collections.abc",
        "mailru_sdk._catalogue_records",
        "mailru_sdk.api.base",
    }


def test_the_catalogue_does_not_depend_on_the_docstrings(monkeypatch: pytest.MonkeyPatch) -> None:
    built = build_model(SPEC)
    before = render(built)["catalogue.py"]
    monkeypatch.setattr(model, "_method_docstring", lambda method: "Rewritten.")
    monkeypatch.setattr(model, "_args_paragraph", lambda *args: "Args: gone.")
    changed = build_model(SPEC)
    assert changed.namespaces != built.namespaces  # the stubs' docstrings did change
    assert render(changed)["catalogue.py"] == before


def run(code: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *options, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )


def test_importing_the_package_does_not_load_the_catalogue() -> None:
    done = run("import requests, mailru_sdk", "-X", "importtime")
    assert "catalogue" not in done.stderr and "_typeexpr" not in done.stderr
    code = (
        "import sys\n"
        "from mailru_sdk import API, ServerSession\n"
        "api = API(ServerSession(1, 'secret', 'token'))\n"
        "api.friends, api.users, api.photos\n"
        "print(sorted(m for m in sys.modules if 'catalogue' in m or 'typeexpr' in m))\n"
        "from mailru_sdk import _catalogue\n"
        "assert 'mailru_sdk._generated.catalogue' not in sys.modules\n"
        f"assert len(_catalogue.methods()) == {len(_catalogue.methods())}\n"
        "print('mailru_sdk._generated.catalogue' in sys.modules)\n"
    )
    assert run(code).stdout.split("\n") == ["[]", "True", ""]
