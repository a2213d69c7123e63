"""OAuth sessions without a server: the token request on the wire, answers, errors (responses)."""

from __future__ import annotations

import inspect
import json
import pickle
import urllib.parse
from collections.abc import Callable
from typing import Any, cast

import pytest
import requests
import responses

import mailru_sdk
from mailru_sdk import (
    ClientNotAvailableError,
    CodeServerSession,
    CodeSession,
    CredentialsError,
    HTTPStatusError,
    InvalidClientError,
    InvalidGrantError,
    InvalidUserError,
    MailRuError,
    MismatchingStateError,
    OAuthError,
    PasswordServerSession,
    PasswordSession,
    RefreshClientSession,
    RefreshServerSession,
    RequestTimeoutError,
    TokenResponseError,
    TransportError,
    UnsupportedGrantTypeError,
)
from mailru_sdk import oauth as oauth_module
from mailru_sdk.oauth import CODE_TOKEN_URL, TOKEN_URL, OAuthSession
from mailru_sdk.sessions import DEFAULT_API_URL
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID
from tests.oauth.conftest import (
    CASES,
    CODE,
    EMAIL,
    PASSWORD,
    REDIRECT_URI,
    REFRESH_TOKEN,
    assert_no_secret,
    build_session,
    error_text,
)

NEW_ACCESS = "aaaabbbbccccddddeeeeffff00001111"
NEW_REFRESH = "22223333444455556666777788889999"
GOOD_ANSWER = {
    "access_token": NEW_ACCESS,
    "refresh_token": NEW_REFRESH,
    "expires_in": 86400,
    "token_type": "bearer",
    "x_mailru_vid": UID,
}


def default_url(grant: str) -> str:
    return CODE_TOKEN_URL if grant == "code" else TOKEN_URL


def sent_form(index: int = 0) -> dict[str, str]:
    body = responses.calls[index].request.body
    assert isinstance(body, str)
    return dict(urllib.parse.parse_qsl(body, keep_blank_values=True))


# -- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "cls"),
    [
        ("invalid_grant", InvalidGrantError),
        ("invalid_client", InvalidClientError),
        ("invalid_user", InvalidUserError),
        ("client_not_available", ClientNotAvailableError),
        ("unsupported_grant_type", UnsupportedGrantTypeError),
        ("something_new", OAuthError),
        ("invalid_token_response", OAuthError),  # an SDK-side error, not a server string
        ("mismatching_state", OAuthError),
    ],
)
def test_from_response_lookup(error: str, cls: type[OAuthError]) -> None:
    built = OAuthError.from_response(error, "why")
    assert type(built) is cls and OAuthError.class_for(error) is cls
    assert (built.error, built.error_description, str(built)) == (error, "why", f"{error}: why")


@pytest.mark.parametrize(
    "error",
    [
        InvalidGrantError("invalid_grant", "bad password"),
        MismatchingStateError("mismatching_state", "no"),
        TokenResponseError("HTTP 502 without an OAuth error body", status=502),
    ],
    ids=lambda e: type(e).__name__,
)
def test_oauth_errors_survive_pickling(error: OAuthError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error) and vars(copy) == vars(error)


def test_every_oauth_error_is_exported_and_a_mailru_error() -> None:
    for name in (
        "InvalidGrantError",
        "InvalidClientError",
        "InvalidUserError",
        "ClientNotAvailableError",
        "UnsupportedGrantTypeError",
        "MismatchingStateError",
        "TokenResponseError",
    ):
        cls = getattr(mailru_sdk, name)
        assert cls is getattr(mailru_sdk.errors, name)
        assert issubclass(cls, OAuthError) and issubclass(cls, MailRuError)
        assert name in mailru_sdk.__all__ and name in mailru_sdk.errors.__all__


def test_exports_are_sorted_and_documented() -> None:
    names = [n for n in mailru_sdk.__all__ if n != "__version__"]
    assert names == sorted(names)
    for name in oauth_module.__all__:
        obj = getattr(oauth_module, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert obj.__doc__ and obj.__doc__.strip(), f"{name} has no docstring"
            for member, value in vars(obj).items():
                if inspect.isfunction(value) and not member.startswith("_"):
                    assert value.__doc__, f"{name}.{member} has no docstring"


# -- construction ----------------------------------------------------------------------------


@pytest.mark.parametrize(("grant", "variant"), CASES)
def test_sessions_are_token_sessions_with_default_endpoints(grant: str, variant: str) -> None:
    session = build_session(grant, variant)
    assert isinstance(session, OAuthSession)
    assert isinstance(session, mailru_sdk.TokenSession)
    assert isinstance(session, requests.Session)
    assert session.token_url == default_url(grant)
    assert session.refresh_url == TOKEN_URL
    assert session.api_url == DEFAULT_API_URL
    assert (session.access_token, session.refresh_token if grant != "refresh" else "") == ("", "")
    assert session.uid == "" and session.expires_in is None and session.expires_at is None
    assert session.client_secret == (PRIVATE_KEY if variant == "client" else SECRET_KEY)
    text = repr(session)
    assert text.startswith(f"<{type(session).__name__} app_id={APP_ID} circuit=")
    assert "authorized=False" in text
    assert ("circuit=server-server" in text) is (variant == "server")
    assert_no_secret(text)


def test_a_custom_token_url_serves_refreshes_too() -> None:
    session = CodeServerSession(
        APP_ID, SECRET_KEY, CODE, REDIRECT_URI, token_url="https://proxy.example/token"
    )
    assert session.refresh_url == "https://proxy.example/token"
    explicit = CodeServerSession(
        APP_ID,
        SECRET_KEY,
        CODE,
        REDIRECT_URI,
        token_url="https://proxy.example/token",
        refresh_url="https://proxy.example/refresh",
    )
    assert explicit.refresh_url == "https://proxy.example/refresh"


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda: CodeSession(APP_ID, "", "", CODE, REDIRECT_URI), CredentialsError),
        (lambda: CodeServerSession(APP_ID, SECRET_KEY, "", REDIRECT_URI), ValueError),
        (lambda: CodeServerSession(APP_ID, SECRET_KEY, CODE, ""), ValueError),
        (lambda: PasswordServerSession(APP_ID, SECRET_KEY, "", PASSWORD, ""), ValueError),
        (lambda: PasswordServerSession(APP_ID, SECRET_KEY, EMAIL, "", ""), ValueError),
        (lambda: PasswordServerSession(APP_ID, SECRET_KEY, EMAIL, PASSWORD, ["a b"]), ValueError),
        (lambda: RefreshServerSession(APP_ID, SECRET_KEY, ""), ValueError),
        (lambda: RefreshServerSession(APP_ID, SECRET_KEY, 5), TypeError),  # type: ignore[arg-type]
        (lambda: RefreshServerSession("1", SECRET_KEY, REFRESH_TOKEN), TypeError),  # type: ignore[arg-type]
        (
            lambda: RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN, token_url="x"),
            ValueError,
        ),
        (
            lambda: RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN, token_updater=1),  # type: ignore[arg-type]
            TypeError,
        ),
        (lambda: RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN, timeout=None), TypeError),  # type: ignore[arg-type]
    ],
)
def test_bad_arguments_fail_before_any_traffic(
    make: Callable[[], OAuthSession], error: type[Exception]
) -> None:
    with responses.RequestsMock(), pytest.raises(error) as info:  # any request would fail
        make()
    assert_no_secret(error_text(info.value))


def test_everything_after_the_grant_arguments_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN, "https://x")  # type: ignore[call-arg]


@responses.activate
def test_an_unauthorized_session_refuses_calls_without_traffic() -> None:
    session = RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN)
    with pytest.raises(CredentialsError, match="not authorized yet"):
        session.call("friends.get")
    with pytest.raises(CredentialsError):
        _ = session.circuit
    assert len(responses.calls) == 0


# -- the token request on the wire ---------------------------------------------------------


@pytest.mark.parametrize(("grant", "variant"), CASES)
@responses.activate
def test_the_token_request_is_a_post_form_at_the_default_endpoint(grant: str, variant: str) -> None:
    responses.post(default_url(grant), json=GOOD_ANSWER)
    session = build_session(grant, variant)
    session.headers["X-Trace"] = "t-1"  # the request goes through the session itself
    session.authorize()
    request = responses.calls[0].request
    assert request.method == "POST"
    assert request.url == default_url(grant)  # nothing in the query string
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.headers["X-Trace"] == "t-1"
    assert request.headers["Accept"] == "application/json"
    assert cast(Any, request).req_kwargs["timeout"] == session.timeout
    form = sent_form()
    assert form["client_id"] == str(APP_ID)
    assert form["client_secret"] == (PRIVATE_KEY if variant == "client" else SECRET_KEY)
    secret_fields = {"code": ["code"], "password": ["password"], "refresh": ["refresh_token"]}
    for field in secret_fields[grant]:
        assert form[field] in (CODE, PASSWORD, REFRESH_TOKEN)
    assert (session.access_token, session.refresh_token, session.uid) == (
        NEW_ACCESS,
        NEW_REFRESH,
        UID,
    )


@responses.activate
def test_password_scope_on_the_wire() -> None:
    responses.post(TOKEN_URL, json=GOOD_ANSWER)
    PasswordServerSession(APP_ID, SECRET_KEY, EMAIL, PASSWORD, "").authorize()
    assert sent_form(0)["scope"] == "photos guestbook stream messages events widget notifications"
    PasswordServerSession(APP_ID, SECRET_KEY, EMAIL, PASSWORD, ["stream", "photos"]).authorize()
    assert sent_form(1)["scope"] == "stream photos"
    PasswordSession(APP_ID, PRIVATE_KEY, SECRET_KEY, EMAIL, PASSWORD, "stream,events").authorize()
    assert sent_form(2)["scope"] == "stream events"
    assert sent_form(2)["username"] == EMAIL


# -- answers of the token endpoint -----------------------------------------------------------


@pytest.mark.parametrize(("grant", "variant"), CASES)
@responses.activate
def test_a_200_without_access_token_is_an_oauth_error(grant: str, variant: str) -> None:
    answer = {k: v for k, v in GOOD_ANSWER.items() if k != "access_token"}
    responses.post(default_url(grant), json=answer)
    session = build_session(grant, variant)
    with pytest.raises(TokenResponseError) as info:
        session.authorize()
    assert isinstance(info.value, OAuthError) and info.value.status == 200
    assert "no access_token" in str(info.value) and "refresh_token" in str(info.value)
    assert_no_secret(error_text(info.value), NEW_REFRESH)
    assert not session.authorized


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"json": [GOOD_ANSWER]}, "a JSON list instead of an object"),
        ({"json": {"error": {"error_code": 103, "error_msg": "app"}}}, "error_code 103"),
        ({"body": "", "status": 200}, "an empty body"),
        (
            {"body": f"access_token={NEW_ACCESS}&refresh_token={NEW_REFRESH}"},
            "not JSON (text/plain",
        ),
        ({"json": {**GOOD_ANSWER, "x_mailru_vid": "me"}}, "x_mailru_vid is not a numeric"),
        ({"json": {**GOOD_ANSWER, "refresh_token": 5}}, "refresh_token is not a string"),
        ({"body": "<html>Bad gateway</html>", "content_type": "text/html"}, "Bad gateway"),
    ],
    ids=[
        "list",
        "platform-error",
        "empty",
        "urlencoded",
        "bad-uid",
        "bad-refresh",
        "html",
    ],
)
@responses.activate
def test_malformed_answers(kwargs: dict[str, Any], expected: str) -> None:
    responses.post(TOKEN_URL, **kwargs)
    session = RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN)
    with pytest.raises(TokenResponseError) as info:
        session.authorize()
    assert expected in str(info.value)
    assert len(responses.calls) == 1  # not retried, redirects not followed
    assert_no_secret(error_text(info.value), NEW_ACCESS, NEW_REFRESH)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"status": 302, "headers": {"Location": "https://elsewhere/"}}, "redirects are not"),
        ({"status": 500, "json": {}}, "HTTP 500"),
        ({"status": 503, "body": "busy", "content_type": "text/plain"}, "busy"),
    ],
    ids=["redirect", "500", "503-text"],
)
@responses.activate
def test_error_statuses_read_as_from_the_api(kwargs: dict[str, Any], expected: str) -> None:
    """The one answer mapper: an error status without an OAuth body is HTTPStatusError."""
    responses.post(TOKEN_URL, **kwargs)
    session = RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN)
    with pytest.raises(HTTPStatusError) as info:
        session.authorize()
    assert expected in str(info.value) and info.value.method == "oauth/token"
    assert len(responses.calls) == 1  # not retried (a refresh token may be spent), no redirect
    assert_no_secret(error_text(info.value), NEW_ACCESS, NEW_REFRESH)


@responses.activate
def test_error_descriptions_are_redacted() -> None:
    body = {"error": "invalid_grant", "error_description": f"wrong password {PASSWORD}"}
    responses.post(TOKEN_URL, json=body, status=400)
    with pytest.raises(InvalidGrantError) as info:
        PasswordServerSession(APP_ID, SECRET_KEY, EMAIL, PASSWORD, "").authorize()
    assert info.value.error_description == "wrong password ***"
    assert_no_secret(error_text(info.value))


@responses.activate
def test_unknown_oauth_error_is_a_plain_oauth_error() -> None:
    responses.post(TOKEN_URL, json={"error": "slow_down"}, status=400)
    with pytest.raises(OAuthError) as info:
        RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN).authorize()
    assert type(info.value) is OAuthError
    assert (info.value.error, info.value.error_description) == ("slow_down", "")


@pytest.mark.parametrize(
    ("fields", "expires_in", "uid"),
    [
        ({"expires_in": "3600", "x_mailru_vid": int(UID)}, 3600, UID),
        ({"expires_in": None}, None, ""),
        ({"expires_in": "soon"}, None, ""),
    ],
)
@responses.activate
def test_lenient_field_types(fields: dict[str, Any], expires_in: int | None, uid: str) -> None:
    responses.post(TOKEN_URL, json={"access_token": NEW_ACCESS, **fields})
    session = RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN).authorize()
    assert session.expires_in == expires_in and session.uid == uid
    assert (session.expires_at is None) is (expires_in is None)
    assert session.refresh_token == REFRESH_TOKEN  # no new one: the old one is kept


# -- network faults (retried only when the request never left) -------------------------------


@responses.activate
def test_connect_timeout_is_retried(sleeps: list[float]) -> None:
    responses.post(TOKEN_URL, body=requests.ConnectTimeout("connect"))
    responses.post(TOKEN_URL, json=GOOD_ANSWER)
    session = RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN).authorize()
    assert session.access_token == NEW_ACCESS
    assert len(responses.calls) == 2 and len(sleeps) == 1


@pytest.mark.parametrize(
    ("exc", "cls"),
    [
        (requests.ReadTimeout("read timed out"), RequestTimeoutError),
        (requests.ConnectionError("Connection reset by peer"), TransportError),
        (requests.exceptions.ChunkedEncodingError("broken"), TransportError),
    ],
)
@responses.activate
def test_failures_after_sending_are_not_retried(
    sleeps: list[float], exc: Exception, cls: type[TransportError]
) -> None:
    responses.post(TOKEN_URL, body=exc)
    with pytest.raises(cls) as info:
        RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN).authorize()
    assert type(info.value) is cls and info.value.sent is True
    assert info.value.__cause__ is exc
    assert len(responses.calls) == 1 and sleeps == []


@responses.activate
def test_max_retries_zero_means_no_retry(sleeps: list[float]) -> None:
    responses.post(TOKEN_URL, body=requests.ConnectTimeout("connect"))
    session = RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN, max_retries=0)
    with pytest.raises(RequestTimeoutError) as info:
        session.authorize()
    assert info.value.sent is False and len(responses.calls) == 1 and sleeps == []


@responses.activate
def test_secrets_in_requests_exception_texts_are_scrubbed(sleeps: list[float]) -> None:
    leaky = requests.ConnectionError(
        f"failed to send code={CODE}&client_secret={urllib.parse.quote(SECRET_KEY)} to x"
    )
    responses.post(CODE_TOKEN_URL, body=leaky)
    with pytest.raises(TransportError) as info:
        CodeServerSession(APP_ID, SECRET_KEY, CODE, REDIRECT_URI).authorize()
    assert_no_secret(error_text(info.value))
    assert "code=***" in str(info.value)


# -- stored tokens -----------------------------------------------------------------------------


@responses.activate
def test_load_tokens_authorizes_without_a_request() -> None:
    stored = {
        "access_token": ACCESS_TOKEN,
        "refresh_token": REFRESH_TOKEN,
        "expires_in": 60,
        "expires_at": 1e9,
        "uid": UID,
    }
    session = RefreshClientSession(APP_ID, PRIVATE_KEY, "old").load_tokens(stored)
    with session as entered:
        assert entered.authorized and entered.circuit == "client-server"
        assert entered.tokens == stored
    assert len(responses.calls) == 0
    stored_json = json.loads(json.dumps(session.tokens))  # plain JSON types
    assert stored_json == stored
    assert "authorized=True" in repr(session)
    assert_no_secret(repr(session))


@pytest.mark.parametrize(
    ("tokens", "error"),
    [
        ({}, ValueError),
        ({"access_token": ""}, ValueError),
        ({"access_token": "t", "uid": "me"}, ValueError),
        ({"access_token": "t", "refresh_token": 1}, TypeError),
        ({"access_token": "t", "expires_in": "60"}, TypeError),
        ({"access_token": "t", "expires_at": "later"}, TypeError),
    ],
)
def test_load_tokens_refuses_malformed_tokens(
    tokens: dict[str, Any], error: type[Exception]
) -> None:
    session = RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN)
    with pytest.raises(error):
        session.load_tokens(tokens)
    assert not session.authorized
