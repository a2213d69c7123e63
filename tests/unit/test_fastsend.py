"""The fast send path's pure parts: query encoding, plan eligibility, error mapping."""

from __future__ import annotations

import urllib.parse

import responses
from hypothesis import given
from hypothesis import strategies as st
from requests.adapters import HTTPAdapter

from mailru_sdk import ServerSession
from mailru_sdk._fastsend import adapter_patched, build_plan, query_string
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


def test_no_plan_for_a_mounted_adapter_or_a_proxy() -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    stock = session._stock_adapters
    assert build_plan(session, API_URL, stock) is not None
    # even a plain HTTPAdapter: the user mounted it for its settings (retries, pool size)
    session.mount("https://", HTTPAdapter(max_retries=3))
    assert build_plan(session, API_URL, stock) is None
    other = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    other.proxies = {"https": "http://127.0.0.1:9"}
    assert build_plan(other, API_URL, other._stock_adapters) is None


def test_no_plan_when_accept_encoding_asks_for_what_cannot_be_decoded() -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    session.headers["Accept-Encoding"] = "gzip, br"
    assert build_plan(session, API_URL, session._stock_adapters) is None
    session.headers["Accept-Encoding"] = "gzip;q=1.0, deflate"
    assert build_plan(session, API_URL, session._stock_adapters) is not None


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


def test_tls_settings_follow_verify() -> None:
    import ssl

    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    plan = build_plan(session, API_URL, session._stock_adapters)
    assert plan is not None and plan.pool.context is not None
    assert plan.pool.context.verify_mode == ssl.CERT_REQUIRED
    assert plan.pool.context.check_hostname
    assert plan.pool.context.minimum_version == ssl.TLSVersion.TLSv1_2
    session.verify = False
    plan = build_plan(session, API_URL, session._stock_adapters)
    assert plan is not None and plan.pool.context is not None
    assert plan.pool.context.verify_mode == ssl.CERT_NONE


def test_tls_settings_are_loaded_once_for_all_sessions() -> None:
    from mailru_sdk._direct import tls_context

    tls_context.cache_clear()
    for _ in range(3):
        session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
        assert session._send_plan() is not None
        session.close()
    info = tls_context.cache_info()
    assert info.misses == 1 and info.hits == 2
    ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN).reset_send_plan()
    assert tls_context.cache_info().currsize == 0
