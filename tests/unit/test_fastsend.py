"""The fast send path's pure parts: query encoding, plan eligibility, error mapping."""

from __future__ import annotations

import urllib.parse

import pytest
import requests
import responses
import urllib3
from hypothesis import given
from hypothesis import strategies as st
from requests.adapters import HTTPAdapter
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from mailru_sdk import ServerSession
from mailru_sdk._fastsend import _as_requests_error, adapter_patched, build_plan, query_string
from mailru_sdk.transport import request_never_sent
from tests.conftest import ACCESS_TOKEN, API_URL, APP_ID, SECRET_KEY

text = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)


@given(st.dictionaries(text, text, max_size=8))
def test_query_string_is_urlencode_byte_for_byte(wire: dict[str, str]) -> None:
    assert query_string(wire) == urllib.parse.urlencode(wire)


def test_query_string_quotes_names_too() -> None:
    assert query_string({":": ""}) == "%3A="


def test_query_string_keeps_order_and_quotes_what_needs_it() -> None:
    wire = {"method": "friends.get", "text": "a b&c=д", "app_id": "1"}
    assert query_string(wire) == "method=friends.get&text=a+b%26c%3D%D0%B4&app_id=1"


def test_responses_mock_disables_the_fast_path() -> None:
    assert not adapter_patched()
    with responses.RequestsMock() as mock:
        assert adapter_patched()
        mock.get(API_URL, json=["mocked"])
        session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
        assert session.call("friends.get") == ["mocked"]
    assert not adapter_patched()


def test_no_plan_for_a_custom_adapter_or_a_proxy() -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    assert build_plan(session, API_URL) is not None

    class Custom(HTTPAdapter):
        pass

    session.mount("https://", Custom())
    assert build_plan(session, API_URL) is None
    other = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    other.proxies = {"https": "http://127.0.0.1:9"}
    assert build_plan(other, API_URL) is None


def test_no_plan_while_auth_hooks_or_cookies_are_set() -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    assert session._send_plan() is not None
    session.auth = ("u", "p")
    assert session._send_plan() is None
    session.auth = None
    session.hooks["response"].append(lambda r, *a, **k: None)
    assert session._send_plan() is None
    session.hooks["response"].clear()
    session.cookies.set("a", "b")
    assert session._send_plan() is None


def test_verify_false_is_configured_on_the_pool() -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    session.verify = False
    plan = build_plan(session, API_URL)
    assert plan is not None and plan.pool.cert_reqs == "CERT_NONE"  # type: ignore[attr-defined]


pool = urllib3.HTTPConnectionPool("127.0.0.1", 9)
new_connection = NewConnectionError(urllib3.connection.HTTPConnection("127.0.0.1", 9), "refused")


@pytest.mark.parametrize(
    ("error", "expected", "never_sent"),
    [
        (MaxRetryError(pool, "/", new_connection), requests.ConnectionError, True),
        (MaxRetryError(pool, "/", ConnectTimeoutError("slow")), requests.ConnectTimeout, True),
        (MaxRetryError(pool, "/", SSLError("bad cert")), requests.exceptions.SSLError, False),
        (ReadTimeoutError(pool, "/", "slow"), requests.ReadTimeout, False),
        (ProtocolError("reset"), requests.ConnectionError, False),
        (ConnectionResetError("reset"), requests.ConnectionError, False),
        (SSLError("bad"), requests.exceptions.SSLError, False),
    ],
)
def test_urllib3_errors_map_as_requests_maps_them(
    error: Exception, expected: type[Exception], never_sent: bool
) -> None:
    mapped = _as_requests_error(error)  # type: ignore[arg-type]
    assert type(mapped) is expected
    assert request_never_sent(mapped) is never_sent
