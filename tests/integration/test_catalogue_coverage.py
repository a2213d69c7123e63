"""Every catalogued method, called through its typed stub, against the loopback platform.

Checks, per method and per allowed circuit: the method name, every parameter
encoded on the wire as DESIGN.md section 2 says, the HTTP verb from the
catalogue, and a signature the platform accepts (the emulator verifies it
independently of the SDK's signing code).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from codegen.model import python_name
from codegen.spec import MethodSpec, ParamSpec, load_spec
from mailru_sdk import API, ClientSession, ServerSession, TokenSession, _catalogue
from mailru_sdk.testing import LoopbackPlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID

SPEC = load_spec(Path(__file__).resolve().parents[2] / "spec" / "methods.yaml")

# A sample value per parameter type, and how it must look on the wire.
SAMPLES: dict[str, tuple[object, str]] = {
    "str": ("Привет, мир & co", "Привет, мир & co"),
    "int": (0, "0"),
    "bool": (False, "0"),
    "uid": (15410773191172635989, "15410773191172635989"),
    "list[str]": (["a1", "b2"], "a1,b2"),
    "list[int]": ([1, 2], "1,2"),
    "list[uid]": ([1, "2"], "1,2"),
    "str | int": (7, "7"),
    "str | list[str | int]": (["a1", 2], "a1,2"),
    "file": (b"\x89PNG fake image", ""),
}


def sample(param: ParamSpec) -> tuple[object, str]:
    if param.values is not None:
        value = param.values[0]
        return value, ("1" if value is True else "0" if value is False else str(value))
    return SAMPLES[param.type]


def given(method: MethodSpec) -> list[ParamSpec]:
    """The parameters a call gives: all but the first of each ``one_of`` group (exactly one)."""
    left_out = {name for group in method.one_of for name in group[1:]}
    return [p for p in method.params if p.name not in left_out]


def cases() -> Iterator[Any]:
    for method in SPEC.methods:
        for circuit in method.circuits:
            yield pytest.param(method, circuit, id=f"{method.name}-{circuit}")


@pytest.fixture(scope="module")
def platform() -> Iterator[LoopbackPlatform]:
    handlers = {m.name: (lambda params: {"ok": 1}) for m in SPEC.methods}
    with LoopbackPlatform(
        {APP_ID: (PRIVATE_KEY, SECRET_KEY)}, {ACCESS_TOKEN: UID}, handlers
    ) as server:
        yield server


def test_the_catalogue_is_whole() -> None:
    # the spec and the generated catalogue agree; the count grows with every method added
    assert sorted(m.name for m in SPEC.methods) == sorted(_catalogue.methods())
    assert len(SPEC.methods) >= 56  # the platform reference's 56: none lost


@pytest.mark.parametrize(("method", "circuit"), list(cases()))
def test_every_method_reaches_the_platform_signed(
    platform: LoopbackPlatform, method: MethodSpec, circuit: str
) -> None:
    session: TokenSession
    if circuit == "client":
        session = ClientSession(APP_ID, PRIVATE_KEY, ACCESS_TOKEN, UID, api_url=platform.url)
    else:
        session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=platform.url)
    namespace = getattr(API(session), method.namespace)
    stub = getattr(namespace, python_name(method.short_name))
    kwargs = {python_name(p.name): sample(p)[0] for p in given(method)}
    before = len(platform.calls)

    assert stub(**kwargs) == {"ok": 1}

    (call,) = platform.calls[before:]
    assert call.method == method.name
    assert call.circuit == f"{circuit}-server"
    # the sessions' default posts every method (test_post_mode.py covers GET sessions)
    assert call.http_method == "POST"
    for param in given(method):
        if param.type == "file":
            assert call.files[param.name][1] == sample(param)[0]
            assert param.name not in call.params
        else:
            assert call.params[param.name] == sample(param)[1], param.name
    common = {"method", "app_id", "session_key", "sig"} | (
        {"secure"} if circuit == "server" else set()
    )
    sent = {p.name for p in given(method) if p.type != "file"}
    assert set(call.params) == common | sent


def test_a_server_only_method_is_refused_by_a_client_session(platform: LoopbackPlatform) -> None:
    from mailru_sdk import CredentialsError

    api = API(ClientSession(APP_ID, PRIVATE_KEY, ACCESS_TOKEN, UID, api_url=platform.url))
    before = len(platform.calls)
    with pytest.raises(CredentialsError, match="server-server"):
        api.notifications.send(uids=[1], text="hi")
    assert len(platform.calls) == before


def test_a_session_with_both_keys_uses_the_circuit_the_method_allows(
    platform: LoopbackPlatform,
) -> None:
    api = API(
        TokenSession(APP_ID, PRIVATE_KEY, SECRET_KEY, ACCESS_TOKEN, UID, api_url=platform.url)
    )
    api.notifications.send(uids=[1], text="hi")
    api.friends.get()
    assert [c.circuit for c in platform.calls[-2:]] == ["server-server", "client-server"]
