"""The refresh's parts as users meet them: where token_updater runs, tokens set by hand,
a refresh that cannot start, a failed save, what the secrets registry keeps.

Against the loopback emulator (127.0.0.1), as tests/oauth/test_refresh.py.
"""

from __future__ import annotations

import contextvars
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import responses

from mailru_sdk import API, InvalidGrantError, OAuthTokens, RefreshServerSession
from mailru_sdk._redact import TOKENS_KEPT, Secrets
from mailru_sdk.errors import (
    AuthorizationFailedError,
    HTTPStatusError,
    MailRuError,
    RedisUnavailableError,
)
from mailru_sdk.stores import InMemoryTokenStore, StoredTokens
from mailru_sdk.testing import LoopbackPlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY, UID
from tests.oauth.conftest import REFRESH_TOKEN

FRIENDS = ["100", "200"]
REQUEST = contextvars.ContextVar("request", default="none")


def session_for(platform: LoopbackPlatform, **options: Any) -> RefreshServerSession:
    options = {"token_url": platform.token_url, "api_url": platform.url, **options}
    session = RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN, **options)
    return session.load_tokens({"access_token": ACCESS_TOKEN, "refresh_token": REFRESH_TOKEN})


def refreshes(platform: LoopbackPlatform) -> int:
    return sum(r.get("grant_type") == "refresh_token" for r in platform.token_requests)


def test_token_updater_runs_in_the_callers_thread_and_context(platform: LoopbackPlatform) -> None:
    """A web app's updater writes to the request's session: it must run where the call runs."""
    seen: list[tuple[int, str]] = []
    session = session_for(platform)
    session.token_updater = lambda tokens: seen.append((threading.get_ident(), REQUEST.get()))
    platform.expire_token(ACCESS_TOKEN)
    REQUEST.set("request-1")
    assert API(session).friends.get() == FRIENDS
    assert seen == [(threading.get_ident(), "request-1")]


def test_a_token_set_by_hand_is_not_undone_by_the_stores_older_copy(
    platform: LoopbackPlatform,
) -> None:
    session = session_for(platform)
    assert API(session).friends.get() == FRIENDS  # the private store holds these tokens
    fresh = platform.fake.issue_tokens(UID)
    session.access_token, session.refresh_token = "expired-by-hand", fresh["refresh_token"]
    assert API(session).friends.get() == FRIENDS  # refreshed with the refresh token set
    assert refreshes(platform) == 1 and session.access_token != "expired-by-hand"


def test_a_refresh_that_cannot_start_leaves_no_flight_behind(
    platform: LoopbackPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = session_for(platform, deadline=5.0)
    platform.expire_token(ACCESS_TOKEN)
    start = threading.Thread.start

    def refused(self: threading.Thread) -> None:
        if not self.name.startswith("mailru_sdk refresh"):
            return start(self)  # the emulator's own threads
        monkeypatch.setattr(threading.Thread, "start", start)  # once
        raise RuntimeError("can't create new thread at interpreter shutdown")

    monkeypatch.setattr(threading.Thread, "start", refused)
    with pytest.raises(RuntimeError, match="interpreter shutdown"):
        API(session).friends.get()
    assert API(session).friends.get() == FRIENDS  # not a wait for a flight that never ran
    assert refreshes(platform) == 1


def test_a_refused_refresh_token_is_raised_again_without_a_thread(
    platform: LoopbackPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = session_for(platform)
    platform.fake.refresh_tokens.pop(REFRESH_TOKEN, None)  # revoked
    platform.expire_token(ACCESS_TOKEN)
    with pytest.raises(InvalidGrantError):
        API(session).friends.get()

    def no_thread(self: threading.Thread) -> None:
        if self.name.startswith("mailru_sdk refresh"):
            raise AssertionError("a thread was started to raise a known refusal")
        start(self)

    start = threading.Thread.start

    monkeypatch.setattr(threading.Thread, "start", no_thread)
    with pytest.raises(InvalidGrantError):
        API(session).friends.get()
    assert refreshes(platform) == 1


def test_a_failed_save_is_raised_once_and_the_other_calls_go_on(
    platform: LoopbackPlatform,
) -> None:
    class SaveFails(InMemoryTokenStore):
        def save(self, key: str, tokens: OAuthTokens, *, version: int | None = None) -> Any:
            if tokens["access_token"] != ACCESS_TOKEN:
                raise RedisUnavailableError("Redis at 127.0.0.1:1/0 failed while saving")
            return super().save(key, tokens, version=version)

    store = SaveFails()
    store.save("user:1", {**_STORED})
    session = session_for(platform, token_store=store, token_key="user:1")
    session.load_stored()
    platform.expire_token(ACCESS_TOKEN)
    barrier = threading.Barrier(4)

    def call(_: int) -> BaseException | None:
        barrier.wait()
        try:
            API(session).friends.get()
        except MailRuError as exc:
            return exc
        return None

    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(call, range(4)))
    failures = [o for o in outcomes if o is not None]
    assert len(failures) <= 1 and refreshes(platform) == 1
    assert all(isinstance(f, RedisUnavailableError) for f in failures)
    if failures:  # the one raised carries the note; the session holds the new tokens
        assert "the token store does not" in " ".join(getattr(failures[0], "__notes__", []))
    assert session.access_token != ACCESS_TOKEN and API(session).friends.get() == FRIENDS


_STORED: OAuthTokens = {
    "access_token": ACCESS_TOKEN,
    "refresh_token": REFRESH_TOKEN,
    "expires_in": None,
    "expires_at": None,
    "uid": "",
}


@pytest.mark.parametrize("password", ["authorization", "failed"])
def test_a_logins_password_is_not_masked_in_later_messages(
    platform: LoopbackPlatform, password: str
) -> None:
    """The password is redacted from the token request's errors only, not session-wide."""
    from mailru_sdk import PasswordServerSession

    platform.fake.add_account("word@example.org", password, UID)
    session = PasswordServerSession(
        APP_ID,
        SECRET_KEY,
        "word@example.org",
        password,
        token_url=platform.token_url,
        api_url=platform.url,
        auto_refresh=False,
    ).authorize()
    platform.expire_token(session.access_token)
    with pytest.raises(AuthorizationFailedError) as caught:
        API(session).friends.get()
    assert password in str(caught.value) and "***" not in str(caught.value)


@responses.activate
def test_a_token_url_set_later_has_its_password_redacted() -> None:
    """A proxy's error page that echoes the URL's password: redacted, as for a URL given first."""
    responses.post(
        "https://user:S3cretPw@proxy.example/token", status=502, body="bad creds S3cretPw"
    )
    session = RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN)
    session.token_url = "https://user:S3cretPw@proxy.example/token"
    with pytest.raises(HTTPStatusError) as caught:
        session.authorize()
    assert "bad creds" in str(caught.value) and "S3cretPw" not in str(caught.value)


def test_the_registry_keeps_the_latest_tokens_and_every_key() -> None:
    secrets = Secrets("private-key")
    for number in range(100):
        secrets.add_token(f"token-{number}")
    kept = secrets.values()
    assert "private-key" in kept and "token-99" in kept and "token-0" not in kept
    assert len(kept) == 1 + TOKENS_KEPT


def test_reprs_show_no_url_password_and_no_token() -> None:
    session = RefreshServerSession(
        APP_ID,
        SECRET_KEY,
        REFRESH_TOKEN,
        api_url="https://user:PassW0rd@example.org/api",
        token_url="https://user:Tok3nPw@example.org/token",
    )
    shown = " ".join(
        repr(part)
        for part in (session, session.sdk_options, session._config, session._parts.tokens.held)
    )
    assert "PassW0rd" not in shown and "Tok3nPw" not in shown and REFRESH_TOKEN not in shown


def test_stored_tokens_round_trip() -> None:
    assert StoredTokens(_STORED, 1).tokens == _STORED
