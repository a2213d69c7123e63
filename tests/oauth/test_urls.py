"""The web flow helpers: authorization_url, the callback check, the implicit redirect."""

from __future__ import annotations

import urllib.parse

import pytest

from mailru_sdk import ClientSession, MismatchingStateError, OAuthError
from mailru_sdk.auth.web import scope_string
from mailru_sdk.errors import ClientNotAvailableError, InvalidUserError
from mailru_sdk.oauth import (
    AUTHORIZE_URL,
    PRIVILEGES,
    STANDALONE_REDIRECT_URI,
    authorization_url,
    parse_authorization_response,
    parse_implicit_redirect,
)
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, UID
from tests.oauth.conftest import CODE, REDIRECT_URI, REFRESH_TOKEN, error_text


def query(url: str) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query, keep_blank_values=True)


# -- authorization_url -------------------------------------------------------------------


def test_authorization_url_for_a_web_app() -> None:
    url, state = authorization_url(APP_ID, REDIRECT_URI)
    assert url.startswith(AUTHORIZE_URL + "?")
    assert query(url) == {
        "client_id": [str(APP_ID)],
        "response_type": ["code"],
        "redirect_uri": [REDIRECT_URI],
        "state": [state],
    }


def test_a_fresh_unguessable_state_each_time() -> None:
    states = {authorization_url(APP_ID, REDIRECT_URI)[1] for _ in range(20)}
    assert len(states) == 20
    assert all(len(state) >= 40 for state in states)  # 32 random bytes, base64url


def test_given_state_scope_and_display() -> None:
    url, state = authorization_url(
        APP_ID, REDIRECT_URI, scope=["stream", "photos"], state="abc", display="popup"
    )
    assert state == "abc"
    assert query(url)["scope"] == ["stream photos"]
    assert query(url)["state"] == ["abc"] and query(url)["display"] == ["popup"]
    assert "scope=stream%20photos" in url  # space-separated, percent-encoded


def test_scope_string_forms() -> None:
    assert authorization_url(APP_ID, REDIRECT_URI, "stream,photos")[0].count("stream%20photos")
    assert scope_string("stream, photos stream") == "stream photos"
    assert scope_string(()) == ""
    assert (
        scope_string(PRIVILEGES) == "photos guestbook stream messages events widget notifications"
    )
    with pytest.raises(ValueError, match="privilege names"):
        scope_string(["two words"])


def test_implicit_grant_url() -> None:
    url, _ = authorization_url(APP_ID, STANDALONE_REDIRECT_URI, response_type="token")
    assert query(url)["response_type"] == ["token"]
    assert query(url)["redirect_uri"] == [STANDALONE_REDIRECT_URI]


@pytest.mark.parametrize(
    ("args", "kwargs", "error"),
    [
        (("423004", REDIRECT_URI), {}, TypeError),
        ((0, REDIRECT_URI), {}, ValueError),
        ((APP_ID, ""), {}, ValueError),
        ((APP_ID, REDIRECT_URI), {"state": ""}, ValueError),
        ((APP_ID, REDIRECT_URI), {"response_type": "id_token"}, ValueError),
        ((APP_ID, REDIRECT_URI), {"authorize_url": "ftp://x"}, ValueError),
    ],
)
def test_authorization_url_refuses_bad_arguments(
    args: tuple[object, ...], kwargs: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        authorization_url(*args, **kwargs)  # type: ignore[arg-type]


# -- the callback ------------------------------------------------------------------------


def test_callback_returns_the_code() -> None:
    _, state = authorization_url(APP_ID, REDIRECT_URI)
    callback = f"{REDIRECT_URI}?code={CODE}&state={urllib.parse.quote(state)}"
    assert parse_authorization_response(callback, state) == CODE
    assert parse_authorization_response({"code": CODE, "state": state}, state) == CODE


@pytest.mark.parametrize(
    ("params", "expected_state"),
    [
        ({"code": CODE, "state": "forged-state-value"}, "real-state-value"),
        ({"code": CODE}, "real-state-value"),
        ({"code": CODE, "state": ""}, ""),  # no login started in this browser session
    ],
    ids=["other-state", "no-state", "nothing-stored"],
)
def test_callback_with_a_mismatching_state(params: dict[str, str], expected_state: str) -> None:
    with pytest.raises(MismatchingStateError) as info:
        parse_authorization_response(params, expected_state)
    assert isinstance(info.value, OAuthError) and info.value.error == "mismatching_state"
    text = error_text(info.value)
    assert "real-state-value" not in text and "forged-state-value" not in text
    assert CODE not in text


@pytest.mark.parametrize(
    ("error", "cls"),
    [
        ("access_denied", OAuthError),
        ("invalid_user", InvalidUserError),
        ("client_not_available", ClientNotAvailableError),
    ],
)
def test_callback_with_an_error(error: str, cls: type[OAuthError]) -> None:
    callback = f"{REDIRECT_URI}?error={error}&error_description=User+denied&state=s"
    with pytest.raises(OAuthError) as info:
        parse_authorization_response(callback, "s")
    assert type(info.value) is cls
    assert (info.value.error, info.value.error_description) == (error, "User denied")


def test_callback_without_a_code() -> None:
    with pytest.raises(OAuthError, match="no code") as info:
        parse_authorization_response({"state": "s"}, "s")
    assert type(info.value) is OAuthError and info.value.error == "invalid_request"


# -- standalone apps: the implicit grant ---------------------------------------------------


def implicit(fragment: str) -> str:
    return f"{STANDALONE_REDIRECT_URI}#{fragment}"


def test_implicit_redirect_gives_what_client_session_needs() -> None:
    url = implicit(
        f"access_token={ACCESS_TOKEN}&refresh_token={REFRESH_TOKEN}&expires_in=86400"
        f"&token_type=bearer&x_mailru_vid={UID}&state=s1"
    )
    tokens = parse_implicit_redirect(url, state="s1")
    assert tokens["access_token"] == ACCESS_TOKEN and tokens["uid"] == UID
    assert tokens["refresh_token"] == REFRESH_TOKEN and tokens["expires_in"] == 86400
    assert tokens["expires_at"] is not None
    session = ClientSession(APP_ID, PRIVATE_KEY, tokens["access_token"], tokens["uid"])
    assert session.circuit == "client-server"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (implicit("error=access_denied&error_description=no"), "access_denied: no"),
        (STANDALONE_REDIRECT_URI + "?error=invalid_user", "invalid_user"),
        (implicit(f"x_mailru_vid={UID}"), "no access_token"),
        (implicit(f"access_token={ACCESS_TOKEN}"), "no x_mailru_vid"),
        (implicit(f"access_token={ACCESS_TOKEN}&x_mailru_vid=abc"), "not a numeric user id"),
        (STANDALONE_REDIRECT_URI, "no access_token"),
    ],
    ids=["denied", "error-in-query", "no-token", "no-uid", "bad-uid", "no-fragment"],
)
def test_implicit_redirect_failures(url: str, message: str) -> None:
    with pytest.raises(OAuthError) as info:
        parse_implicit_redirect(url)
    assert message in str(info.value)
    assert ACCESS_TOKEN not in error_text(info.value)


def test_implicit_redirect_state_is_checked_when_given() -> None:
    url = implicit(f"access_token={ACCESS_TOKEN}&x_mailru_vid={UID}&state=other")
    with pytest.raises(MismatchingStateError):
        parse_implicit_redirect(url, state="mine")
    assert parse_implicit_redirect(url)["uid"] == UID
