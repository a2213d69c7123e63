"""Every grant x session variant against the loopback emulator's token endpoint (127.0.0.1).

Success, bad credentials, bad client, malformed token responses and network
faults during the exchange (a 200 without ``access_token`` is in test_unit.py,
the emulator cannot be told to send one); on every error path no credential reaches the
exception text, the traceback, the session's repr or any log record.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from mailru_sdk import (
    API,
    HTTPStatusError,
    InvalidClientError,
    InvalidGrantError,
    MailRuError,
    OAuthError,
    RequestTimeoutError,
    TokenResponseError,
    TransportError,
)
from mailru_sdk.oauth import OAuthSession
from mailru_sdk.testing import Fault, LoopbackPlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID
from tests.oauth.conftest import (
    CASES,
    CODE,
    EMAIL,
    PASSWORD,
    REDIRECT_URI,
    REFRESH_TOKEN,
    WRONG_KEY,
    assert_no_secret,
    build_session,
    error_text,
    issued_tokens,
    make_platform,
)

ALL_PRIVILEGES = "photos guestbook stream messages events widget notifications"
FRIENDS = ["100", "200"]


def build(grant: str, variant: str, platform: LoopbackPlatform, **options: Any) -> OAuthSession:
    """A session of the grant and variant, on the emulator's endpoints unless told otherwise."""
    options = {"token_url": platform.token_url, "api_url": platform.url, **options}
    return build_session(grant, variant, **options)


def expected_form(grant: str, variant: str) -> dict[str, str]:
    form = {
        "client_id": str(APP_ID),
        "client_secret": PRIVATE_KEY if variant == "client" else SECRET_KEY,
    }
    if grant == "code":
        form.update(grant_type="authorization_code", code=CODE, redirect_uri=REDIRECT_URI)
    elif grant == "password":
        form.update(grant_type="password", username=EMAIL, password=PASSWORD, scope=ALL_PRIVILEGES)
    else:
        form.update(grant_type="refresh_token", refresh_token=REFRESH_TOKEN)
    return form


def assert_nothing_leaked(
    platform: LoopbackPlatform, session: OAuthSession, error: BaseException, logs: str
) -> None:
    assert_no_secret(error_text(error) + logs + repr(session), *issued_tokens(platform))


# -- success ---------------------------------------------------------------------------


@pytest.mark.parametrize(("grant", "variant"), CASES)
def test_authorizes_and_calls_the_api(
    platform: LoopbackPlatform,
    grant: str,
    variant: str,
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    before = time.time()
    with build(grant, variant, platform) as session:
        after = time.time()
        assert session.authorized
        assert platform.tokens[session.access_token] == UID
        assert session.access_token != ACCESS_TOKEN
        assert platform.refresh_tokens[session.refresh_token] == UID
        assert session.uid == UID
        assert session.expires_in == 86400
        assert session.expires_at is not None
        assert before + 86400 <= session.expires_at <= after + 86400
        assert session.tokens == {
            "access_token": session.access_token,
            "refresh_token": session.refresh_token,
            "expires_in": 86400,
            "expires_at": session.expires_at,
            "uid": UID,
        }
        # every logger so far: the token exchange itself logs no credential anywhere
        exchange_logs = debug_logs.text
        assert API(session).friends.get() == FRIENDS
        repr_text = repr(session)
    # the emulator checked the signature; the circuit follows the session's keys
    assert platform.calls[-1].circuit == (
        "server-server" if variant == "server" else "client-server"
    )
    assert platform.calls[-1].params["session_key"] == session.access_token
    assert platform.token_requests == [expected_form(grant, variant)]
    assert f"app_id={APP_ID}" in repr_text and "authorized=True" in repr_text
    # (urllib3 logs the URL of GET calls, query included: only the SDK's own records here)
    sdk_logs = "\n".join(r.getMessage() for r in debug_logs.records if r.name == "mailru_sdk")
    assert_no_secret(repr_text + exchange_logs + sdk_logs, *issued_tokens(platform))


@pytest.mark.parametrize(("grant", "variant"), CASES)
def test_authorize_returns_the_session(
    platform: LoopbackPlatform, grant: str, variant: str
) -> None:
    session = build(grant, variant, platform)
    assert not session.authorized
    assert session.authorize() is session
    with session as entered:  # already authorized: no second grant
        assert entered is session
    assert len(platform.token_requests) == 1


# -- refusals --------------------------------------------------------------------------


@pytest.mark.parametrize(("grant", "variant"), CASES)
def test_bad_credentials(
    platform: LoopbackPlatform,
    grant: str,
    variant: str,
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    session = build(grant, variant, platform, credential="wrong-" + grant)
    with pytest.raises(InvalidGrantError) as info, session:
        pytest.fail("entered without tokens")
    assert info.value.error == "invalid_grant"
    assert info.value.error_description
    assert not session.authorized and session.access_token == ""
    assert_nothing_leaked(platform, session, info.value, debug_logs.text)


@pytest.mark.parametrize(("grant", "variant"), CASES)
def test_bad_client(
    platform: LoopbackPlatform,
    grant: str,
    variant: str,
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    session = build(grant, variant, platform, key=WRONG_KEY)
    with pytest.raises(InvalidClientError) as info:
        session.authorize()
    assert (info.value.error, type(info.value).__mro__[1]) == ("invalid_client", OAuthError)
    assert platform.token_requests[0]["client_secret"] == WRONG_KEY
    assert_nothing_leaked(platform, session, info.value, debug_logs.text)
    assert_no_secret(error_text(info.value), WRONG_KEY)


MALFORMED = [
    pytest.param(Fault(kind="truncated"), 200, "not JSON", id="truncated-json"),
    pytest.param(Fault(kind="html"), 200, "Maintenance", id="html"),
    pytest.param(Fault(kind="empty"), 200, "empty body", id="empty"),
    # an error status without an OAuth error body: HTTPStatusError, as from the API
    pytest.param(Fault(kind="status", status=502), 502, "HTTP 502", id="http-502"),
]


@pytest.mark.parametrize(("fault", "status", "text"), MALFORMED)
@pytest.mark.parametrize(("grant", "variant"), CASES)
def test_malformed_token_response(
    grant: str,
    variant: str,
    fault: Fault,
    status: int,
    text: str,
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    with make_platform() as platform:
        platform.inject(fault)
        session = build(grant, variant, platform)
        with pytest.raises((TokenResponseError, HTTPStatusError)) as info:
            session.authorize()
    error = info.value
    if status >= 300:  # the one answer mapper: a status failure reads the same everywhere
        assert isinstance(error, HTTPStatusError) and error.status == status
        assert (error.method, text in str(error)) == ("oauth/token", True)
    else:
        assert isinstance(error, TokenResponseError) and isinstance(error, OAuthError)
        assert (error.error, error.status) == ("invalid_token_response", status)
        assert text in error.error_description
    assert not session.authorized
    # the tokens the endpoint did issue (refresh token, x_mailru_vid) are not repeated
    assert_nothing_leaked(platform, session, error, debug_logs.text)


# -- network faults during the exchange -------------------------------------------------


@pytest.mark.parametrize(("grant", "variant"), CASES)
def test_dropped_connection_is_not_retried(
    platform: LoopbackPlatform,
    grant: str,
    variant: str,
    sleeps: list[float],
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    platform.inject(Fault(kind="drop"))
    session = build(grant, variant, platform)
    with pytest.raises(TransportError) as info:
        session.authorize()
    # the request left: the code or refresh token may be spent, so no retry
    assert info.value.sent is True and info.value.method == "oauth/token"
    assert sleeps == [] and not session.authorized
    assert_nothing_leaked(platform, session, info.value, debug_logs.text)


@pytest.mark.parametrize(("grant", "variant"), CASES)
def test_refused_connection_is_retried_then_raised(
    platform: LoopbackPlatform,
    closed_port_url: str,
    grant: str,
    variant: str,
    sleeps: list[float],
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    session = build(grant, variant, platform, token_url=closed_port_url)
    with pytest.raises(TransportError) as info:
        session.authorize()
    assert type(info.value) is TransportError and info.value.sent is False
    assert len(sleeps) == 2  # max_retries: the request never left, so retrying is safe
    assert isinstance(info.value.__cause__, Exception)
    assert_nothing_leaked(platform, session, info.value, debug_logs.text)


@pytest.mark.parametrize(("grant", "variant"), CASES)
def test_timeout_waiting_for_tokens(
    platform: LoopbackPlatform,
    grant: str,
    variant: str,
    sleeps: list[float],
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    platform.inject(Fault(kind="sleep", seconds=0.5))
    session = build(grant, variant, platform, timeout=(5.0, 0.05))
    with pytest.raises(RequestTimeoutError) as info:
        session.authorize()
    assert info.value.sent is True and sleeps == []
    assert_nothing_leaked(platform, session, info.value, debug_logs.text)


def test_failed_entry_closes_the_session(
    platform: LoopbackPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = build("password", "server", platform, credential="nope")
    closed: list[bool] = []
    monkeypatch.setattr(session, "close", lambda: closed.append(True))
    with pytest.raises(InvalidGrantError), session:
        pass
    assert closed == [True]


def test_every_error_is_a_mailru_error() -> None:
    for cls in (InvalidGrantError, InvalidClientError, TokenResponseError, TransportError):
        assert issubclass(cls, MailRuError)
