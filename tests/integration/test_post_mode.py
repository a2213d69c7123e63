"""``http_method="POST"``: no ``session_key`` or ``sig`` in any URL (127.0.0.1 only).

The request lines are read where the loopback server parses them (see
wiretap.py), whichever path of the SDK sent the request, and every method of
the catalogue is called, GET-catalogued and POST-catalogued alike.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from codegen.model import python_name
from codegen.spec import MethodSpec, ParamSpec, load_spec
from mailru_sdk import API, TokenSession
from mailru_sdk.testing import LoopbackPlatform, expected_signature
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID
from tests.integration.test_catalogue_coverage import given
from tests.integration.wiretap import Wiretap, wiretap

__all__ = ["wiretap"]  # the fixture, imported for pytest

SPEC = load_spec(Path(__file__).resolve().parents[2] / "spec" / "methods.yaml")
SAMPLES: dict[str, object] = {
    "str": "Привет & co",
    "int": 7,
    "bool": True,
    "uid": 15410773191172635989,
    "list[str]": ["a", "b"],
    "list[int]": [1, 2],
    "list[uid]": [1, "2"],
    "file": b"\x89PNG",
    "str | int": "7",
    "str | list[str | int]": "a,b",
}


def sample(param: ParamSpec) -> object:
    return param.values[0] if param.values is not None else SAMPLES[param.type]


@pytest.fixture(scope="module")
def platform() -> Iterator[LoopbackPlatform]:
    handlers = {m.name: (lambda params: {"ok": 1}) for m in SPEC.methods}
    handlers["some.uncataloguedMethod"] = lambda params: {"ok": 1}
    with LoopbackPlatform({APP_ID: (PRIVATE_KEY, SECRET_KEY)}, {ACCESS_TOKEN: UID}, handlers) as p:
        yield p


def session(platform: LoopbackPlatform, http_method: str) -> TokenSession:
    # both keys: every method of the catalogue can be signed, on the circuit it allows
    return TokenSession(
        APP_ID,
        PRIVATE_KEY,
        SECRET_KEY,
        ACCESS_TOKEN,
        UID,
        api_url=platform.url,
        http_method=http_method,  # type: ignore[arg-type]
    )


def call_every_method(api: API) -> None:
    for method in SPEC.methods:
        stub = getattr(getattr(api, method.namespace), python_name(method.short_name))
        assert stub(**{python_name(p.name): sample(p) for p in given(method)}) == {"ok": 1}


def secrets_in(target: str, sigs: set[str]) -> list[str]:
    """Secret parameters or values found in a request target (path and query)."""
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(target).query)
    found: list[str] = [name for name in ("session_key", "sig") if name in query]
    found += [value for value in (ACCESS_TOKEN, *sigs) if value in target]
    return found


def test_a_post_session_keeps_every_call_out_of_the_url(
    platform: LoopbackPlatform, wiretap: Wiretap
) -> None:
    before = len(platform.calls)
    api = API(session(platform, "POST"))
    call_every_method(api)
    api("some.uncataloguedMethod", x=1)  # the escape hatch too
    api.session.call("friends.get", http_method="GET")  # a POST session always posts

    calls = platform.calls[before:]
    assert len(calls) == len(wiretap.requests) == len(SPEC.methods) + 2
    sigs = {call.params["sig"] for call in calls}
    for request in wiretap.requests:
        assert request.request_line.startswith("POST /platform/api HTTP/1.1")
        assert urllib.parse.urlsplit(request.target).query == ""
        assert secrets_in(request.target, sigs) == []
    for call in calls:
        assert call.http_method == "POST"
        assert {"session_key", "sig"} <= set(call.params)
        uid = UID if call.circuit == "client-server" else None
        assert call.params["sig"] == expected_signature(call.params, PRIVATE_KEY, SECRET_KEY, uid)


def post_catalogued(method: MethodSpec) -> bool:
    return method.http == "POST" or any(p.type == "file" for p in method.params)


def test_a_get_session_posts_the_methods_the_catalogue_marks_post(
    platform: LoopbackPlatform, wiretap: Wiretap
) -> None:
    before = len(platform.calls)
    call_every_method(API(session(platform, "GET")))
    calls = platform.calls[before:]
    sigs = {call.params["sig"] for call in calls}
    assert len(calls) == len(wiretap.requests) == len(SPEC.methods)
    posted = 0
    for method, request, call in zip(SPEC.methods, wiretap.requests, calls, strict=True):
        assert call.method == method.name
        if post_catalogued(method):
            posted += 1
            assert request.request_line.startswith("POST ")
            assert secrets_in(request.target, sigs) == []
        else:
            # the default GET mode: signed parameters in the query, as the platform documents
            assert request.request_line.startswith("GET ")
            assert set(secrets_in(request.target, sigs)) >= {"session_key", "sig"}
    assert posted == sum(1 for m in SPEC.methods if post_catalogued(m)) > 5


def test_an_invalid_http_method_is_refused() -> None:
    with pytest.raises(ValueError, match="http_method must be 'GET' or 'POST'"):
        TokenSession(APP_ID, PRIVATE_KEY, SECRET_KEY, ACCESS_TOKEN, UID, http_method="PUT")  # type: ignore[arg-type]
