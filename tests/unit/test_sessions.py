"""TokenSession / ClientSession / ServerSession: construction, signing on the wire, errors."""

from __future__ import annotations

import logging
import urllib.parse
from typing import Any

import pytest
import requests
import responses

from mailru_sdk import (
    API,
    APIError,
    ClientSession,
    CredentialsError,
    EmptyResponseError,
    HTTPStatusError,
    MailRuError,
    RequestTimeoutError,
    ResponseDecodeError,
    ServerSession,
    TokenSession,
    TransportError,
)
from mailru_sdk.errors import AccessDeniedError, ServiceUnavailableError, UnknownPlatformError
from mailru_sdk.options import DEFAULT_TIMEOUT
from tests.conftest import (
    ACCESS_TOKEN,
    API_URL,
    APP_ID,
    PRIVATE_KEY,
    SECRET_KEY,
    SECRETS,
    UID,
    sent_params,
)


def sent_timeout(call: Any) -> object:
    """The timeout requests was given (responses keeps the send kwargs on the request)."""
    return call.request.req_kwargs["timeout"]


def query_of(call: Any) -> dict[str, str]:
    """What a call sent (the form body by default, the query string with GET)."""
    return sent_params(call.request)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record retry sleeps instead of sleeping."""
    slept: list[float] = []
    monkeypatch.setattr("mailru_sdk._retry.time.sleep", slept.append)
    return slept


def server_session(**kw: Any) -> ServerSession:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, **kw)
    session.retry_policy = session.retry_policy.__class__(
        max_retries=session.max_retries, sleep=lambda s: None
    )
    return session


# -- the two documented requests, byte for byte on the wire ---------------------------


@responses.activate
def test_server_session_sends_the_documented_server_server_request() -> None:
    responses.post(API_URL, json=["1", "2"])
    result = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)).friends.get()
    assert result == ["1", "2"]
    request = responses.calls[0].request
    assert request.url == API_URL  # the default: a form body, nothing in the URL
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert query_of(responses.calls[0]) == {
        "method": "friends.get",
        "app_id": "423004",
        "session_key": ACCESS_TOKEN,
        "secure": "1",
        "sig": "4a05af66f80da18b308fa7e536912bae",
    }


@responses.activate
def test_http_method_get_sends_the_documented_request_in_the_query() -> None:
    responses.get(API_URL, json=["1", "2"])
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, http_method="GET")
    assert API(session).friends.get() == ["1", "2"]
    request = responses.calls[0].request
    assert request.method == "GET" and request.body is None
    assert query_of(responses.calls[0]) == {
        "method": "friends.get",
        "app_id": "423004",
        "session_key": ACCESS_TOKEN,
        "secure": "1",
        "sig": "4a05af66f80da18b308fa7e536912bae",
    }


@responses.activate
def test_token_session_seed_example_uses_client_server() -> None:
    responses.post(API_URL, json=[])
    session = TokenSession(
        app_id=APP_ID, private_key=PRIVATE_KEY, secret_key="", access_token=ACCESS_TOKEN, uid=UID
    )
    API(session).friends.get()
    assert query_of(responses.calls[0]) == {
        "method": "friends.get",
        "app_id": "423004",
        "session_key": ACCESS_TOKEN,
        "sig": "5073f15c6d5b6ab2fde23ac43332b002",
    }


@responses.activate
def test_client_session_signs_client_server() -> None:
    responses.post(API_URL, json=[])
    API(ClientSession(APP_ID, PRIVATE_KEY, ACCESS_TOKEN, UID)).friends.get()
    assert query_of(responses.calls[0])["sig"] == "5073f15c6d5b6ab2fde23ac43332b002"


def test_circuit_inference_prefers_client_server() -> None:
    both = TokenSession(APP_ID, PRIVATE_KEY, SECRET_KEY, ACCESS_TOKEN, UID)
    assert both.circuit == "client-server"
    assert TokenSession(APP_ID, PRIVATE_KEY, SECRET_KEY, ACCESS_TOKEN, "").circuit == (
        "server-server"
    )


def test_circuit_is_inferred_at_call_time() -> None:
    session = TokenSession(APP_ID, PRIVATE_KEY, SECRET_KEY, ACCESS_TOKEN, "")
    first: str = session.circuit
    session.uid = UID
    assert (first, session.circuit) == ("server-server", "client-server")


@responses.activate
def test_no_keys_raises_before_any_traffic() -> None:
    session = TokenSession(APP_ID, "", "", ACCESS_TOKEN, UID)
    with pytest.raises(CredentialsError, match=r"missing: private_key\).*secret_key") as info:
        session.call("friends.get")
    assert isinstance(info.value, MailRuError)
    assert len(responses.calls) == 0


def test_client_session_without_uid_names_it() -> None:
    with pytest.raises(CredentialsError, match="missing: uid"):
        _ = ClientSession(APP_ID, PRIVATE_KEY, ACCESS_TOKEN, "").circuit


@responses.activate
def test_params_are_encoded_once_and_signed_as_sent() -> None:
    responses.post(API_URL, json=[])
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    session.call("users.getInfo", {"uids": [1, "2"], "ext": True, "offset": 0, "skip": None})
    query = query_of(responses.calls[0])
    assert query["uids"] == "1,2" and query["ext"] == "1" and query["offset"] == "0"
    assert "skip" not in query
    from mailru_sdk.testing import expected_signature

    assert query["sig"] == expected_signature(query, "", SECRET_KEY, None)


@responses.activate
def test_no_session_key_when_access_token_is_empty() -> None:
    responses.post(API_URL, json=[])
    ServerSession(APP_ID, SECRET_KEY, "").call("users.getInfo", {"uid": 5})
    assert "session_key" not in query_of(responses.calls[0])


@responses.activate
def test_post_sends_a_form_body_and_no_secrets_in_the_url() -> None:
    responses.post(API_URL, json={"ok": 1})
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    assert session.call("stream.post", {"text": "hi"}, http_method="POST") == {"ok": 1}
    request = responses.calls[0].request
    assert request.url == API_URL
    assert isinstance(request.body, str)
    body = dict(urllib.parse.parse_qsl(request.body))
    assert body["text"] == "hi" and body["secure"] == "1" and "sig" in body


# -- validation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"app_id": "423004"}, TypeError, "app_id must be an int"),
        ({"app_id": True}, TypeError, "app_id must be an int"),
        ({"app_id": 0}, ValueError, "positive"),
        ({"uid": "abc"}, ValueError, "numeric id"),
        ({"uid": 1.5}, TypeError, "uid must be"),
        ({"private_key": 5}, TypeError, "private_key must be a str"),
        ({"api_url": "ftp://x"}, ValueError, "api_url"),
        ({"timeout": None}, TypeError, "finite timeout"),
        ({"timeout": 0}, ValueError, "above 0"),
        ({"timeout": float("inf")}, ValueError, "finite"),
        ({"timeout": (1, 2, 3)}, ValueError, "pair"),
        ({"timeout": (1, "x")}, TypeError, "read timeout"),
        ({"max_retries": -1}, ValueError, "max_retries"),
        ({"max_retries": 1.0}, TypeError, "max_retries"),
    ],
)
def test_bad_constructor_arguments(kwargs: dict[str, Any], error: type, match: str) -> None:
    args: dict[str, Any] = {
        "app_id": APP_ID,
        "private_key": PRIVATE_KEY,
        "secret_key": SECRET_KEY,
        "access_token": ACCESS_TOKEN,
        "uid": UID,
    }
    args.update(kwargs)
    with pytest.raises(error, match=match):
        TokenSession(**args)


@pytest.mark.parametrize("name", ["app_id", "method", "sig", "session_key", "secure", "format"])
def test_reserved_parameters_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match=f"{name}: set by the session"):
        server_session().call("friends.get", {name: "x"})


@pytest.mark.parametrize("method", ["", "friends", 5])
def test_bad_method_names_are_refused(method: Any) -> None:
    with pytest.raises(ValueError, match="method must be"):
        server_session().call(method)


def test_bad_http_method_is_refused() -> None:
    with pytest.raises(ValueError, match="http_method"):
        server_session().call("friends.get", http_method="PUT")  # type: ignore[arg-type]


def test_bad_parameter_type_raises_before_traffic() -> None:
    with pytest.raises(TypeError, match="parameter 'offset'"):
        server_session().call("friends.get", {"offset": 1.5})


# -- state, repr, context manager ----------------------------------------------------------


def test_defaults_are_exposed() -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    assert session.timeout == DEFAULT_TIMEOUT
    assert session.max_retries == 2
    assert session.pass_error is False
    assert session.api_url == API_URL
    assert isinstance(session, requests.Session)


def test_max_retries_can_be_changed() -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, max_retries=0)
    session.max_retries = 5
    assert session.retry_policy.max_retries == 5


def test_repr_shows_class_app_and_circuit_but_no_secret() -> None:
    session = TokenSession(APP_ID, PRIVATE_KEY, SECRET_KEY, ACCESS_TOKEN, UID)
    text = repr(session) + repr(API(session))
    assert "TokenSession" in text and "423004" in text and "client-server" in text
    for secret in SECRETS:
        assert secret not in text
    assert "unsigned" in repr(TokenSession(APP_ID, "", "", ACCESS_TOKEN, UID))


def test_context_manager_closes_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    closed: list[bool] = []
    with ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN) as session:
        monkeypatch.setattr(session.get_adapter(API_URL), "close", lambda: closed.append(True))
    assert closed


def test_request_keeps_its_requests_meaning() -> None:
    with responses.RequestsMock() as mock:
        mock.get("https://example.invalid/x", body="plain")
        response = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN).request(
            "GET", "https://example.invalid/x"
        )
        assert response.text == "plain"


# -- errors --------------------------------------------------------------------------


@pytest.mark.parametrize("status", [200, 400, 403, 500])
@responses.activate
def test_error_body_is_recognised_whatever_the_status(status: int) -> None:
    body = {"error": {"error_code": 202, "error_msg": "Access to this object is denied"}}
    responses.post(API_URL, json=body, status=status)
    with pytest.raises(AccessDeniedError) as info:
        server_session(max_retries=0).call("photos.get", {"aid": "1"})
    assert info.value.code == 202
    assert info.value.msg == "Access to this object is denied"
    assert info.value.method == "photos.get"
    assert str(info.value) == "[202] Access to this object is denied (method photos.get)"


@responses.activate
def test_unknown_error_code_stays_api_error() -> None:
    responses.post(API_URL, json={"error": {"error_code": 777, "error_msg": "new"}})
    with pytest.raises(APIError) as info:
        server_session().call("friends.get")
    assert type(info.value) is APIError and info.value.code == 777


@responses.activate
def test_pass_error_returns_the_error_body() -> None:
    body = {"error": {"error_code": 202, "error_msg": "denied"}}
    responses.post(API_URL, json=body)
    assert server_session(pass_error=True).call("friends.get") == body


@responses.activate
def test_non_json_body_is_a_decode_error() -> None:
    responses.post(API_URL, body="<html>oops</html>", content_type="text/html")
    with pytest.raises(ResponseDecodeError, match="not JSON") as info:
        server_session().call("friends.get")
    assert info.value.body_excerpt == "<html>oops</html>" and info.value.status == 200
    assert isinstance(info.value.__cause__, ValueError)


@responses.activate
def test_empty_body_is_an_empty_response_error() -> None:
    responses.post(API_URL, body="")
    with pytest.raises(EmptyResponseError, match="empty"):
        server_session().call("friends.get")


@responses.activate
def test_unexpected_status_with_html_is_http_status_error() -> None:
    responses.post(API_URL, body="<h1>Not Found</h1>", status=404)
    with pytest.raises(HTTPStatusError) as info:
        server_session().call("friends.get")
    assert info.value.status == 404 and "Not Found" in info.value.body_excerpt
    assert len(responses.calls) == 1  # 404 is not retried


@responses.activate
def test_redirects_are_not_followed() -> None:
    responses.post(API_URL, status=302, headers={"Location": "https://elsewhere.example/"})
    with pytest.raises(HTTPStatusError, match=r"redirect to https://elsewhere\.example/"):
        server_session().call("friends.get")


@responses.activate
def test_body_excerpt_is_short_and_redacted() -> None:
    responses.post(API_URL, body="x" * 500 + ACCESS_TOKEN, status=400)
    with pytest.raises(HTTPStatusError) as info:
        server_session().call("friends.get")
    assert len(info.value.body_excerpt) == 200
    responses.replace(responses.POST, API_URL, body=f"echo {ACCESS_TOKEN}", status=400)
    with pytest.raises(HTTPStatusError) as info:
        server_session().call("friends.get")
    assert ACCESS_TOKEN not in str(info.value) and "***" in info.value.body_excerpt


@responses.activate
def test_connection_error_is_a_transport_error_with_cause() -> None:
    responses.post(API_URL, body=requests.ConnectionError("boom"))
    with pytest.raises(TransportError) as info:
        server_session(max_retries=0).call("friends.get")
    assert isinstance(info.value.__cause__, requests.ConnectionError)
    assert not isinstance(info.value, RequestTimeoutError)


@responses.activate
def test_read_timeout_is_a_request_timeout_error() -> None:
    responses.post(API_URL, body=requests.ReadTimeout("slow"))
    with pytest.raises(RequestTimeoutError, match="waiting for the answer") as info:
        server_session(max_retries=0).call("friends.get")
    assert info.value.sent is True


@responses.activate
def test_invalid_url_is_raised_as_is_and_not_retried() -> None:
    responses.post(API_URL, body=requests.exceptions.InvalidURL("bad"))
    with pytest.raises(requests.exceptions.InvalidURL, match="bad"):
        server_session().call("friends.get")
    assert len(responses.calls) == 1


# -- retries -------------------------------------------------------------------------


@responses.activate
def test_5xx_then_success_is_retried_with_backoff(sleeps: list[float]) -> None:
    responses.post(API_URL, status=503, body="busy")
    responses.post(API_URL, status=502, body="busy")
    responses.post(API_URL, json=["ok"])
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    assert session.call("friends.get") == ["ok"]
    assert len(responses.calls) == 3
    assert 0.25 <= sleeps[0] <= 0.5 and 0.5 <= sleeps[1] <= 1.0


@responses.activate
def test_retries_are_bounded(sleeps: list[float]) -> None:
    responses.post(API_URL, status=500, body="down")
    with pytest.raises(HTTPStatusError) as info:
        ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, max_retries=3).call("friends.get")
    assert info.value.status == 500
    assert len(responses.calls) == 4 and len(sleeps) == 3


@responses.activate
def test_retry_after_is_honoured(sleeps: list[float]) -> None:
    responses.post(API_URL, status=429, body="slow down", headers={"Retry-After": "3"})
    responses.post(API_URL, json=[])
    ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN).call("friends.get")
    assert sleeps == [3.0]


@responses.activate
def test_too_long_retry_after_ends_retries(sleeps: list[float]) -> None:
    responses.post(API_URL, status=503, body="later", headers={"Retry-After": "3600"})
    with pytest.raises(HTTPStatusError):
        ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN).call("friends.get")
    assert sleeps == [] and len(responses.calls) == 1


@pytest.mark.parametrize("error_cls", [UnknownPlatformError, ServiceUnavailableError])
@responses.activate
def test_platform_codes_1_and_3_are_retried(sleeps: list[float], error_cls: type[APIError]) -> None:
    code = error_cls.error_code
    responses.post(API_URL, json={"error": {"error_code": code, "error_msg": "x"}})
    responses.post(API_URL, json={"count": 1})
    assert ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN).call("events.getNewCount") == {
        "count": 1
    }
    assert len(sleeps) == 1


@responses.activate
def test_each_retry_is_re_signed(sleeps: list[float]) -> None:
    session = TokenSession(APP_ID, PRIVATE_KEY, SECRET_KEY, ACCESS_TOKEN, "")
    responses.post(API_URL, status=503, body="x")
    responses.post(API_URL, json=[])

    def refresh_between_tries(seconds: float) -> None:
        session.access_token = "new-token"
        session.uid = UID

    session.retry_policy = session.retry_policy.__class__(sleep=refresh_between_tries)
    session.call("friends.get")
    first, second = (query_of(c) for c in responses.calls)
    assert first["session_key"] == ACCESS_TOKEN and first["secure"] == "1"
    assert second["session_key"] == "new-token" and "secure" not in second
    assert first["sig"] != second["sig"]


@responses.activate
def test_non_idempotent_call_is_not_retried_after_the_request_left(sleeps: list[float]) -> None:
    responses.post(API_URL, status=503, body="x")
    with pytest.raises(HTTPStatusError):
        server_session().call("stream.post", {"text": "a"}, http_method="POST", idempotent=False)
    assert len(responses.calls) == 1


@responses.activate
def test_non_idempotent_call_is_retried_when_the_connection_never_opened(
    sleeps: list[float],
) -> None:
    responses.post(API_URL, body=requests.ConnectTimeout("connect"))
    responses.post(API_URL, json={"ok": 1})
    result = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN).call(
        "stream.post", {"text": "a"}, http_method="POST", idempotent=False
    )
    assert result == {"ok": 1} and len(sleeps) == 1


@responses.activate
def test_per_call_overrides(sleeps: list[float]) -> None:
    responses.post(API_URL, status=503, body="x")
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    with pytest.raises(HTTPStatusError):
        session.call("friends.get", max_retries=0, timeout=1.5)
    assert len(responses.calls) == 1 and session.max_retries == 2
    assert sent_timeout(responses.calls[0]) == 1.5


@responses.activate
def test_session_timeout_is_passed_to_requests() -> None:
    responses.post(API_URL, json=[])
    ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, timeout=(2, 7)).call("friends.get")
    assert sent_timeout(responses.calls[0]) == (2.0, 7.0)


@responses.activate
def test_pass_error_after_exhausted_retries_returns_body(sleeps: list[float]) -> None:
    body = {"error": {"error_code": 3, "error_msg": "later"}}
    responses.post(API_URL, json=body)
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, pass_error=True, max_retries=1)
    assert session.call("friends.get") == body
    assert len(responses.calls) == 2


# -- logging -------------------------------------------------------------------------


def assert_no_secret(text: str, *extra: str) -> None:
    for secret in (*SECRETS, *extra):
        assert secret not in text, f"secret leaked: {text!r}"


@pytest.mark.parametrize(
    "setup",
    [
        lambda: responses.post(API_URL, json=[]),
        lambda: responses.post(API_URL, json={"error": {"error_code": 202, "error_msg": "no"}}),
        lambda: responses.post(API_URL, status=503, body="x"),
        lambda: responses.post(API_URL, body="<html>"),
        lambda: responses.post(API_URL, body=""),
        lambda: responses.post(
            API_URL, body=requests.ConnectionError(f"refused ?sk={ACCESS_TOKEN}")
        ),
        lambda: responses.post(API_URL, body=requests.ReadTimeout(f"timeout {ACCESS_TOKEN}")),
    ],
    ids=["ok", "api-error", "5xx", "html", "empty", "connection", "timeout"],
)
@responses.activate
def test_logs_and_errors_never_contain_secrets(
    setup: Any, caplog: pytest.LogCaptureFixture, sleeps: list[float]
) -> None:
    import traceback

    setup()
    caplog.set_level(logging.DEBUG, logger="mailru_sdk")
    session = TokenSession(APP_ID, PRIVATE_KEY, SECRET_KEY, ACCESS_TOKEN, UID)
    text = ""
    album_password = "album-" + "pass"  # built so the traceback's source line does not show it
    try:
        session.call("photos.createAlbum", {"title": "t", "password": album_password})
    except MailRuError as exc:
        text = "".join(traceback.format_exception(exc)) + repr(exc)
    sig = query_of(responses.calls[0])["sig"]
    debug_lines = [r for r in caplog.records if r.levelno == logging.DEBUG]
    assert debug_lines, "one DEBUG line per attempt"
    assert "photos.createAlbum" in debug_lines[0].getMessage()
    assert "elapsed_ms=" in debug_lines[0].getMessage()
    assert "'password': '***'" in debug_lines[0].getMessage()
    assert_no_secret(caplog.text + text, sig, "album-pass")


# -- settings stay valid after construction --------------------------------------------------


@pytest.mark.parametrize(
    ("value", "error"),
    [(None, TypeError), ("5", TypeError), (0, ValueError), ((1, -1), ValueError)],
)
def test_timeout_stays_finite_when_set_later(value: Any, error: type[Exception]) -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    with pytest.raises(error):
        session.timeout = value
    assert session.timeout == DEFAULT_TIMEOUT
    session.timeout = (1, 2)
    assert session.timeout == (1.0, 2.0)


@pytest.mark.parametrize(
    "url",
    [
        "https://appsmail.ru/platform/api?gw=1",
        "https://appsmail.ru/platform/api#x",
        "https:///platform/api",
        "appsmail.ru/platform/api",
    ],
)
def test_api_url_without_host_query_or_fragment_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match="api_url"):
        ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=url)
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    with pytest.raises(ValueError, match="api_url"):
        session.api_url = url
    assert session.api_url == API_URL


@pytest.mark.parametrize("uid", ["²", "\u0661\u0662\u0663", "1²", "\uff11\uff12"])
def test_a_uid_of_non_ascii_digits_is_refused(uid: str) -> None:
    # str.isdigit() is true for these, but the platform's ids are ASCII digits
    with pytest.raises(ValueError, match="numeric id"):
        TokenSession(APP_ID, PRIVATE_KEY, "", ACCESS_TOKEN, uid)


def test_the_options_are_named_the_same_everywhere() -> None:
    """SessionOptions (typing), SESSION_DEFAULTS (run time) and Options.build agree."""
    from mailru_sdk.auth.oauth_options import OAUTH_DEFAULTS, OAuthOptions
    from mailru_sdk.options import SESSION_DEFAULTS, Options, RequestOptions, SessionOptions

    assert set(SessionOptions.__annotations__) == set(SESSION_DEFAULTS)
    assert set(OAuthOptions.__annotations__) == set(SESSION_DEFAULTS) | set(OAUTH_DEFAULTS)
    assert set(RequestOptions.__annotations__) <= set(SESSION_DEFAULTS)
    built = Options.build("S", dict(SESSION_DEFAULTS))
    assert repr(built) == repr(Options.build("S", {}))  # every default is what build fills in
    for name in SESSION_DEFAULTS:
        with pytest.raises((TypeError, ValueError)):
            Options.build("S", {name: object()})  # each one is checked
