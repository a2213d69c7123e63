"""No secret in what OpenTelemetry's requests and urllib3 instrumentation export (127.0.0.1 only).

Every session type, the token endpoint, successes and failures (platform
errors, HTTP errors, dropped and refused connections, a refresh after error
102): the spans' names, attributes, events (exception messages) and statuses
carry no key, token, password, code or signature. The default sends every
parameter in a form body; a GET session is shown to leak, which is why.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from mailru_sdk import API, ClientSession, PublicSession, ServerSession, TokenSession
from mailru_sdk.errors import MailRuError
from mailru_sdk.oauth import CodeSession, OAuthSession, PasswordSession, RefreshSession
from mailru_sdk.testing import EXAMPLE, TOKEN, FakePlatform
from tests.observability.conftest import Telemetry, assert_no_secret

REFRESH_TOKEN = "5d41402abc4b2a76b9719d911017c592"
CODE = "8c1e2b6f0d9a4c7e"
REDIRECT_URI = "https://example.com/mailru/callback"
KNOWN = (
    EXAMPLE.private_key,
    EXAMPLE.secret_key,
    EXAMPLE.access_token,
    EXAMPLE.password,
    REFRESH_TOKEN,
    CODE,
)


@pytest.fixture
def fake() -> Iterator[FakePlatform]:
    platform = FakePlatform(
        codes={CODE: (EXAMPLE.uid, REDIRECT_URI)}, refresh_tokens={REFRESH_TOKEN: EXAMPLE.uid}
    )
    platform.serve()
    try:
        yield platform
    finally:
        platform.stop()


def secrets_seen(fake: FakePlatform, *sessions: object) -> list[str]:
    """The known secrets, every signature the fake received, every token the sessions hold."""
    found = [*KNOWN, *(call.params.get("sig", "") for call in fake.calls)]
    for session in sessions:
        found += [getattr(session, "access_token", ""), getattr(session, "refresh_token", "")]
    for form in fake.token_requests:
        found += [form.get(name, "") for name in ("client_secret", "refresh_token", "code")]
    return found


def exercise(api: API, fake: FakePlatform, tmp_path_file: bytes = b"\x89PNG") -> None:
    """A read, a POST-catalogued write, an upload, and the failures the SDK meets."""
    api.friends.get()
    api.stream.share(url="https://example.org/")
    api.session.call("photos.upload", {"aid": "a1"}, files={"img_file": tmp_path_file})
    fake.fail("friends.get", code=202)
    fake.http_error(503, times=1)  # retried
    fake.drop_connection(times=1)  # retried
    with pytest.raises(MailRuError):
        api.friends.get()
    api.friends.get()
    api.friends.get()


def quick(session_class: type[TokenSession], fake: FakePlatform) -> TokenSession:
    urls: dict[str, Any] = {"api_url": fake.api_url, "public_url": fake.public_url}
    if session_class is ServerSession:
        return ServerSession(EXAMPLE.app_id, EXAMPLE.secret_key, EXAMPLE.access_token, **urls)
    if session_class is ClientSession:
        return ClientSession(
            EXAMPLE.app_id, EXAMPLE.private_key, EXAMPLE.access_token, EXAMPLE.uid, **urls
        )
    return TokenSession(
        EXAMPLE.app_id,
        EXAMPLE.private_key,
        EXAMPLE.secret_key,
        EXAMPLE.access_token,
        EXAMPLE.uid,
        **urls,
    )


@pytest.mark.parametrize("session_class", [ServerSession, ClientSession, TokenSession])
def test_token_sessions_export_no_secret(
    instrumented: Telemetry, fake: FakePlatform, session_class: type[TokenSession]
) -> None:
    session = quick(session_class, fake)
    exercise(API(session), fake)
    assert instrumented.spans()  # the instrumentation did trace the calls
    assert_no_secret(instrumented.exported(), secrets_seen(fake, session))
    assert_no_secret(instrumented.metrics(), secrets_seen(fake, session))


def oauth_session(grant: str, fake: FakePlatform) -> OAuthSession:
    keys = (EXAMPLE.app_id, EXAMPLE.private_key, EXAMPLE.secret_key)
    urls: dict[str, Any] = {"api_url": fake.api_url, "token_url": fake.token_url}
    if grant == "password":
        return PasswordSession(*keys, EXAMPLE.email, EXAMPLE.password, "", **urls)
    if grant == "code":
        return CodeSession(*keys, CODE, REDIRECT_URI, **urls)
    return RefreshSession(*keys, REFRESH_TOKEN, **urls)


@pytest.mark.parametrize("grant", ["password", "code", "refresh"])
def test_oauth_sessions_and_the_token_endpoint_export_no_secret(
    instrumented: Telemetry, fake: FakePlatform, grant: str
) -> None:
    with oauth_session(grant, fake) as session:
        api = API(session)
        exercise(api, fake)
        first = session.access_token
        fake.expire_token(first)  # error 102, then a refresh through the token endpoint
        api.friends.get()
        assert session.access_token != first
        held = [first, session.access_token, session.refresh_token]
    token_spans = [s for s in instrumented.spans() if "oauth/token" in s.to_json()]
    assert len(token_spans) >= 2  # the login and the refresh were traced
    assert_no_secret(instrumented.exported(), [*secrets_seen(fake, session), *held])


def test_token_endpoint_failures_export_no_secret(
    instrumented: Telemetry, fake: FakePlatform
) -> None:
    refused = RefreshSession(
        EXAMPLE.app_id,
        EXAMPLE.private_key,
        EXAMPLE.secret_key,
        "0123456789abcdef0123456789abcdef",  # unknown: invalid_grant
        api_url=fake.api_url,
        token_url=fake.token_url,
    )
    with pytest.raises(MailRuError):
        refused.authorize()
    fake.http_error(503, method=TOKEN, times=5)
    with pytest.raises(MailRuError):
        oauth_session("password", fake).authorize()
    fake.drop_connection(method=TOKEN, times=1)
    with pytest.raises(MailRuError):
        oauth_session("refresh", fake).authorize()
    assert_no_secret(
        instrumented.exported(), [*secrets_seen(fake), "0123456789abcdef0123456789abcdef"]
    )


def closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_refused_connections_export_no_secret(instrumented: Telemetry) -> None:
    """The instrumentation records the exception of a failed send, message and all."""
    base = closed_port()
    session = ServerSession(
        EXAMPLE.app_id,
        EXAMPLE.secret_key,
        EXAMPLE.access_token,
        api_url=f"{base}/platform/api",
        max_retries=0,
    )
    with pytest.raises(MailRuError):
        API(session).friends.get()
    oauth = RefreshSession(
        EXAMPLE.app_id,
        EXAMPLE.private_key,
        EXAMPLE.secret_key,
        REFRESH_TOKEN,
        token_url=f"{base}/oauth/token",
        max_retries=0,
    )
    with pytest.raises(MailRuError):
        oauth.authorize()
    exported = instrumented.exported()
    assert "exception" in exported  # the failures were recorded, with their messages
    assert_no_secret(exported, KNOWN)


def test_public_requests_export_no_secret(instrumented: Telemetry, fake: FakePlatform) -> None:
    fake.add_public(("mail", "ivanov"), {"ok": 1})
    session = PublicSession(public_url=fake.public_url)
    assert session.public_request(("mail", "ivanov")) == {"ok": 1}
    assert_no_secret(instrumented.exported(), KNOWN)


def test_a_get_session_would_export_the_token(instrumented: Telemetry, fake: FakePlatform) -> None:
    """Why POST is the default: a GET's URL, ``session_key`` included, is a span attribute."""
    session = fake.server_session(http_method="GET")
    API(session).friends.get()
    assert EXAMPLE.access_token in instrumented.exported()
