"""Every catalogued method against FakePlatform's canned answers, checked against the spec.

The canned answers are built from the generated code; this test checks them
against spec/methods.yaml itself: a list where the catalogue returns a list,
an object (with only catalogued fields) where it returns an object.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from codegen.model import python_name
from codegen.spec import MethodSpec
from codegen.typeexpr import TypeRef
from mailru_sdk import API, ClientSession, ServerSession, TokenSession, _catalogue
from mailru_sdk._catalogue import parse_type
from mailru_sdk.testing import FakePlatform
from mailru_sdk.testing.canned import sample, unknown_shape
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID
from tests.integration.test_catalogue_coverage import SPEC, cases
from tests.integration.test_catalogue_coverage import sample as sample_param

OBJECTS = {obj.name: {f.name: f.type for f in obj.fields} for obj in SPEC.objects}
PRIMITIVES = {"str": str, "int": int, "bool": bool}


@pytest.fixture(scope="module")
def fake() -> Iterator[FakePlatform]:
    with FakePlatform() as platform:
        yield platform


def check_shape(value: Any, ref: TypeRef, where: str) -> None:
    """``value`` has the catalogue's type ``ref`` (``Any`` accepts anything)."""
    if ref.name == "Any":
        return
    if ref.name == "list":
        assert isinstance(value, list), f"{where}: expected a list, got {value!r}"
        for item in value:
            check_shape(item, ref.args[0], f"{where}[]")
    elif ref.name == "dict":
        assert isinstance(value, dict), f"{where}: expected an object, got {value!r}"
        for key, item in value.items():
            check_shape(item, ref.args[1], f"{where}.{key}")
    elif ref.name in PRIMITIVES:
        assert isinstance(value, PRIMITIVES[ref.name]), f"{where}: {value!r} is not {ref.name}"
    else:
        fields = OBJECTS[ref.name]
        assert isinstance(value, dict), f"{where}: expected a {ref.name} object, got {value!r}"
        assert set(value) <= set(fields), f"{where}: {set(value) - set(fields)} not in {ref.name}"
        for key, item in value.items():
            check_shape(item, fields[key], f"{where}.{key}")


@pytest.mark.parametrize(("method", "circuit"), list(cases()))
def test_every_method_gets_a_canned_answer_of_its_catalogued_shape(
    fake: FakePlatform, method: MethodSpec, circuit: str
) -> None:
    session: TokenSession
    if circuit == "client":
        session = ClientSession(APP_ID, PRIVATE_KEY, ACCESS_TOKEN, UID)
    else:
        session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    stub = getattr(getattr(API(session), method.namespace), python_name(method.short_name))
    kwargs = {python_name(p.name): sample_param(p)[0] for p in method.params}
    before = len(fake.calls)

    answer = stub(**kwargs)

    (call,) = fake.calls[before:]
    assert call.method == method.name and call.circuit == f"{circuit}-server"
    returns = method.returns
    for overload in method.overloads:
        if all(kwargs.get(name) == value for name, value in overload.when):
            returns = overload.returns
    check_shape(answer, returns, method.name)
    if returns.name == "Any":
        assert answer == unknown_shape(method.name) or answer.get("fake") is True


def test_the_generated_catalogue_has_every_method_of_the_spec() -> None:
    entries = _catalogue.methods()
    assert sorted(entries) == sorted(m.name for m in SPEC.methods)
    for method in SPEC.methods:
        entry = entries[method.name]
        assert [p.name for p in entry.params] == [p.name for p in method.params]
        assert [p.required for p in entry.params] == [p.required for p in method.params]
        assert entry.info.circuits == tuple(f"{c}-server" for c in method.circuits)
        assert entry.description == method.description
        for param in method.params:
            # the docstring adds "Required." or "Platform default: …" after the description
            assert entry.param(param.name).description.startswith(param.description)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("kind", "spec_type"),
    [("str", "str"), ("int", "int"), ("bool", "bool"), ("uid", "uid"), ("file", "file")]
    + [(t, t) for t in ("list[str]", "list[uid]")],
)
def test_parameter_kinds_match_the_spec(kind: str, spec_type: str) -> None:
    entries = _catalogue.methods()
    pairs = {
        (entries[m.name].param(p.name).kind, p.type)  # type: ignore[union-attr]
        for m in SPEC.methods
        for p in m.params
        if p.type == spec_type and p.values is None
    }
    assert pairs == {(kind, spec_type)}


@pytest.mark.parametrize(
    ("annotation", "kind", "choices"),
    [
        ("Literal['a', 'b'] | None", "choice", ("a", "b")),
        ("Literal[1, 2]", "choice", (1, 2)),
        ("Literal[True] | Literal[False]", "bool", ()),
        ("Sequence[int] | None", "list[int]", ()),
        ("SomethingNew", "str", ()),
    ],
)
def test_parameter_kinds_of_other_annotations(
    annotation: str, kind: str, choices: tuple[object, ...]
) -> None:
    assert _catalogue._kind(annotation) == (kind, choices)


@pytest.mark.parametrize(
    "text",
    ["Any", "list[User] | list[str]", "dict[str, int]", "builtins.list[builtins.str]"],
)
def test_parse_type_round_trips(text: str) -> None:
    assert str(parse_type(text)) == text.replace("builtins.", "")


@pytest.mark.parametrize("text", ["list[", "list[str", "list[str;]", "| str", "list[str]]"])
def test_parse_type_refuses_text_outside_the_grammar(text: str) -> None:
    with pytest.raises(ValueError):
        parse_type(text)


def test_sample_values_follow_field_names() -> None:
    photo = sample("Photo")
    assert photo["pid"] == "1" and photo["src"].startswith("https://fake.invalid/")
    assert photo["created"] == 1_700_000_000 and photo["width"] == 1
    assert sample("dict[str, bool]") == {"key": True}
    assert sample("Any") is None
