"""Automatic refresh after error 102, against the loopback emulator (127.0.0.1).

The emulator forgets an access token on ``expire_token`` (calls with it then
get error 102) and accepts each refresh token once, so a second refresh with
the same one would fail: "exactly one refresh request" is checked twice over.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

from mailru_sdk import (
    API,
    InvalidGrantError,
    OAuthTokens,
    PasswordServerSession,
    RefreshServerSession,
    TransportError,
)
from mailru_sdk.errors import (
    AuthorizationFailedError,
    DeadlineExceededError,
    HTTPStatusError,
    RequestTimeoutError,
)
from mailru_sdk.oauth import OAuthSession
from mailru_sdk.testing import TOKEN, LoopbackPlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID
from tests.oauth.conftest import (
    CASES,
    EMAIL,
    PASSWORD,
    REFRESH_TOKEN,
    assert_no_secret,
    build_session,
    error_text,
    issued_tokens,
)

FRIENDS = ["100", "200"]


def refresh_requests(platform: LoopbackPlatform) -> list[dict[str, str]]:
    return [r for r in platform.token_requests if r.get("grant_type") == "refresh_token"]


def stored_session(
    platform: LoopbackPlatform, updates: list[OAuthTokens], **options: Any
) -> RefreshServerSession:
    """A server session resumed from stored tokens (the emulator knows ACCESS_TOKEN)."""
    options = {
        "token_url": platform.token_url,
        "api_url": platform.url,
        "token_updater": updates.append,
        **options,
    }
    session = RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN, **options)
    return session.load_tokens({"access_token": ACCESS_TOKEN, "refresh_token": REFRESH_TOKEN})


@pytest.fixture
def updates() -> list[OAuthTokens]:
    """What token_updater received."""
    return []


@pytest.mark.parametrize(("grant", "variant"), CASES)
def test_expired_token_is_refreshed_and_the_call_repeated(
    platform: LoopbackPlatform, grant: str, variant: str, updates: list[OAuthTokens]
) -> None:
    session = build_session(
        grant, variant, token_url=platform.token_url, api_url=platform.url
    ).authorize()
    session.token_updater = updates.append
    old_access, old_refresh = session.access_token, session.refresh_token
    platform.expire_token(old_access)

    assert API(session).friends.get() == FRIENDS

    assert session.access_token not in (old_access, "") and platform.tokens[session.access_token]
    assert session.refresh_token not in (old_refresh, "")
    assert updates == [session.tokens]  # once, with the new tokens
    assert updates[0]["access_token"] == session.access_token and updates[0]["uid"] == UID
    initial = 1 if grant == "refresh" else 0  # a refresh session's own grant
    assert len(refresh_requests(platform)) == initial + 1
    assert refresh_requests(platform)[-1] == {
        "grant_type": "refresh_token",
        "client_id": str(APP_ID),
        "client_secret": PRIVATE_KEY if variant == "client" else SECRET_KEY,
        "refresh_token": old_refresh,
    }
    rejected, repeated = platform.calls[-2:]
    assert rejected.params["session_key"] == old_access
    assert repeated.params["session_key"] == session.access_token
    assert repeated.params["sig"] != rejected.params["sig"]  # signed again


def test_code_sessions_refresh_at_their_token_url(
    platform: LoopbackPlatform, updates: list[OAuthTokens]
) -> None:
    # a custom token_url (here the emulator) serves refreshes too; see refresh_url
    session = build_session("code", "server", token_url=platform.token_url, api_url=platform.url)
    assert session.refresh_url == platform.token_url


def test_post_sessions_refresh_too(platform: LoopbackPlatform, updates: list[OAuthTokens]) -> None:
    session = stored_session(platform, updates, http_method="POST")
    platform.expire_token(ACCESS_TOKEN)
    assert API(session).friends.get() == FRIENDS
    assert len(updates) == 1 and platform.calls[-1].http_method == "POST"


def test_eight_threads_refresh_once(
    platform: LoopbackPlatform, updates: list[OAuthTokens], monkeypatch: pytest.MonkeyPatch
) -> None:
    session = stored_session(platform, updates)
    platform.expire_token(ACCESS_TOKEN)
    threads = 8
    start = threading.Barrier(threads)
    send = session.send

    def all_rejected() -> bool:
        return sum(c.params.get("session_key") == ACCESS_TOKEN for c in platform.calls) >= threads

    def token_request_after_all_saw_102(request: requests.PreparedRequest, **kwargs: Any) -> Any:
        if request.url == platform.token_url:
            # hold the refresh (and its lock) until every thread's call came back 102,
            # so that all eight contend for it; bounded, not a timing assertion
            for _ in range(500):
                if all_rejected():
                    break
                time.sleep(0.01)
        return send(request, **kwargs)

    monkeypatch.setattr(session, "send", token_request_after_all_saw_102)

    def call(_: int) -> Any:
        start.wait()
        return API(session).friends.get()

    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(call, range(threads)))

    assert results == [FRIENDS] * threads
    assert all_rejected()
    assert len(refresh_requests(platform)) == 1
    assert len(updates) == 1 and updates[0] == session.tokens
    repeated = [c for c in platform.calls if c.params.get("session_key") == session.access_token]
    assert len(repeated) == threads


def test_refreshed_token_also_rejected_raises(
    platform: LoopbackPlatform, updates: list[OAuthTokens]
) -> None:
    def expire_right_away(tokens: OAuthTokens) -> None:
        updates.append(tokens)
        platform.expire_token(tokens["access_token"])

    session = stored_session(platform, updates, token_updater=expire_right_away)
    platform.expire_token(ACCESS_TOKEN)
    with pytest.raises(AuthorizationFailedError) as info:
        API(session).friends.get()
    assert info.value.code == 102
    assert len(refresh_requests(platform)) == 1 and len(updates) == 1
    assert len(platform.calls) == 2  # the call, and its one repetition: no loop


def test_auto_refresh_off(platform: LoopbackPlatform, updates: list[OAuthTokens]) -> None:
    session = stored_session(platform, updates, auto_refresh=False)
    platform.expire_token(ACCESS_TOKEN)
    with pytest.raises(AuthorizationFailedError):
        API(session).friends.get()
    assert platform.token_requests == [] and updates == [] and len(platform.calls) == 1


def test_no_refresh_token_no_refresh(
    platform: LoopbackPlatform, updates: list[OAuthTokens]
) -> None:
    session = stored_session(platform, updates).load_tokens({"access_token": ACCESS_TOKEN})
    platform.expire_token(ACCESS_TOKEN)
    with pytest.raises(AuthorizationFailedError):
        API(session).friends.get()
    assert platform.token_requests == [] and updates == []


def test_a_refused_refresh_is_raised_and_not_retried(
    platform: LoopbackPlatform,
    updates: list[OAuthTokens],
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    # POST calls: urllib3's own DEBUG line of a GET shows its query, session_key included
    session = stored_session(platform, updates, http_method="POST")
    platform.expire_token(ACCESS_TOKEN)
    platform.refresh_tokens.clear()  # revoked
    errors = []
    for _ in range(2):
        with pytest.raises(InvalidGrantError) as info:
            API(session).friends.get()
        errors.append(info.value)
    # the second call learnt from the first: no second request with the dead refresh token
    assert len(refresh_requests(platform)) == 1 and updates == []
    assert not session.authorized or session.access_token == ACCESS_TOKEN
    for error in errors:
        assert_no_secret(error_text(error) + debug_logs.text + repr(session))


def test_a_refresh_that_fails_on_the_network(
    platform: LoopbackPlatform,
    closed_port_url: str,
    updates: list[OAuthTokens],
    debug_logs: pytest.LogCaptureFixture,
    sleeps: list[float],
) -> None:
    session = stored_session(platform, updates, refresh_url=closed_port_url, http_method="POST")
    platform.expire_token(ACCESS_TOKEN)
    with pytest.raises(TransportError) as info:
        API(session).friends.get()
    assert info.value.sent is False and updates == []
    assert_no_secret(error_text(info.value) + debug_logs.text + repr(session))


def test_new_tokens_after_a_refused_refresh_refresh_again(
    platform: LoopbackPlatform, updates: list[OAuthTokens]
) -> None:
    session = PasswordServerSession(
        APP_ID,
        SECRET_KEY,
        EMAIL,
        PASSWORD,
        "",
        token_url=platform.token_url,
        api_url=platform.url,
        token_updater=updates.append,
    ).authorize()
    platform.expire_token(session.access_token)
    platform.refresh_tokens.clear()
    with pytest.raises(InvalidGrantError):
        API(session).friends.get()
    session.authorize()  # the user logs in again: a new refresh token
    platform.expire_token(session.access_token)
    assert API(session).friends.get() == FRIENDS
    assert len(refresh_requests(platform)) == 2 and len(updates) == 1


def test_token_updater_errors_propagate(
    platform: LoopbackPlatform, updates: list[OAuthTokens]
) -> None:
    def broken_store(tokens: OAuthTokens) -> None:
        raise RuntimeError("database is down")

    session = stored_session(platform, updates, token_updater=broken_store)
    platform.expire_token(ACCESS_TOKEN)
    with pytest.raises(RuntimeError, match="database is down"):
        API(session).friends.get()
    assert session.access_token in platform.tokens  # the session itself has the new token
    assert API(session).friends.get() == FRIENDS


@pytest.fixture
def no_leaks(
    platform: LoopbackPlatform, debug_logs: pytest.LogCaptureFixture
) -> Iterator[Callable[[], None]]:
    def check() -> None:
        sdk = "\n".join(r.getMessage() for r in debug_logs.records if r.name == "mailru_sdk")
        assert_no_secret(sdk, *issued_tokens(platform))

    yield check


def test_refresh_logs_nothing_secret(
    platform: LoopbackPlatform,
    updates: list[OAuthTokens],
    no_leaks: Callable[[], None],
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    session: OAuthSession = stored_session(platform, updates)
    platform.expire_token(ACCESS_TOKEN)
    API(session).friends.get()
    assert "access token refreshed after error 102" in debug_logs.text
    no_leaks()


# -- a token_updater that calls the session; a refresh failure shared by the waiting threads ----


def test_calls_from_token_updater_do_not_refresh(
    platform: LoopbackPlatform, updates: list[OAuthTokens]
) -> None:
    # the updater calls the API (e.g. to store the user's name with the tokens) while the
    # platform keeps answering 102: that call raises it instead of refreshing again (recursion)
    names: list[str] = []

    def store_with_name(tokens: OAuthTokens) -> None:
        updates.append(tokens)
        names.append(API(session).users.getInfo()[0]["first_name"])

    session = stored_session(platform, updates, token_updater=store_with_name)
    platform.fake.fail("users.getInfo", 102, times=None)
    platform.expire_token(ACCESS_TOKEN)
    with pytest.raises(AuthorizationFailedError) as info:
        API(session).users.getInfo()
    assert info.value.code == 102
    assert len(refresh_requests(platform)) == 1 and len(updates) == 1 and names == []

    # the flag is per call of the updater: a later refresh, and its updater's call, work
    platform.fake.clear_faults()
    platform.expire_token(session.access_token)
    assert API(session).friends.get() == FRIENDS
    assert len(refresh_requests(platform)) == 2 and len(updates) == 2 and names == ["User"]


def lost_answer(session: OAuthSession, platform: LoopbackPlatform) -> None:
    """The token endpoint gets the refresh (and spends the token), its answer is lost."""
    send = session.send

    def request(prepared: requests.PreparedRequest, **kwargs: Any) -> Any:
        response = send(prepared, **kwargs)
        if prepared.url == platform.token_url:
            raise requests.ReadTimeout("read timed out (the answer was lost)")
        return response

    setattr(session, "send", request)  # noqa: B010 (mypy: no method assignment)


def failing_503(session: OAuthSession, platform: LoopbackPlatform) -> None:
    platform.fake.http_error(503, times=None, method=TOKEN)


@pytest.mark.parametrize(
    ("failure", "error"),
    [(failing_503, HTTPStatusError), (lost_answer, RequestTimeoutError)],
    ids=["503", "read-timeout"],
)
def test_eight_threads_share_a_failed_refresh(
    platform: LoopbackPlatform,
    updates: list[OAuthTokens],
    failure: Callable[[OAuthSession, LoopbackPlatform], None],
    error: type[Exception],
) -> None:
    session = stored_session(platform, updates, http_method="POST")
    platform.expire_token(ACCESS_TOKEN)
    failure(session, platform)
    threads = 8
    start = threading.Barrier(threads)
    send = session.send

    def all_rejected() -> bool:
        return sum(c.params.get("session_key") == ACCESS_TOKEN for c in platform.calls) >= threads

    def token_request_after_all_saw_102(request: requests.PreparedRequest, **kwargs: Any) -> Any:
        if request.url == platform.token_url:
            for _ in range(500):  # bounded wait so that all eight contend; no timing assertion
                if all_rejected():
                    break
                time.sleep(0.01)
        return send(request, **kwargs)

    setattr(session, "send", token_request_after_all_saw_102)  # noqa: B010

    def call(_: int) -> BaseException | None:
        start.wait()
        try:
            API(session).friends.get()
        except Exception as exc:  # every thread must get here
            return exc
        return None

    with ThreadPoolExecutor(threads) as pool:
        errors = list(pool.map(call, range(threads)))

    assert all_rejected()
    assert all(isinstance(e, error) for e in errors), errors
    assert len(refresh_requests(platform)) == 1 and updates == []
    # the refresh ran apart from all eight: each raised a copy of its failure, with a note
    shared = [e for e in errors if e is not None and getattr(e, "__notes__", None)]
    assert len(shared) == threads
    assert len({id(e) for e in errors}) == threads
    for e in errors:
        assert e is not None
        assert_no_secret(error_text(e))


def test_a_call_made_after_a_failed_refresh_may_refresh_again(
    platform: LoopbackPlatform, updates: list[OAuthTokens]
) -> None:
    session = stored_session(platform, updates)
    platform.expire_token(ACCESS_TOKEN)
    platform.fake.http_error(503, times=None, method=TOKEN)
    with pytest.raises(HTTPStatusError):
        API(session).friends.get()
    platform.fake.clear_faults()  # the endpoint is back
    assert API(session).friends.get() == FRIENDS
    assert len(refresh_requests(platform)) == 2 and len(updates) == 1


def test_a_refresh_outlasting_the_call_deadline_goes_on_apart_from_the_caller(
    platform: LoopbackPlatform, updates: list[OAuthTokens]
) -> None:
    """A refresh token cut off after it was sent may be spent: the refresh runs to its end,
    but the caller is not held past its deadline.

    The rejected call takes 0.5 s of a 0.8 s deadline; the token endpoint answers
    after 1.5 s. The call raises DeadlineExceededError while the refresh is still
    out; the refresh then completes on its own and its tokens are kept; the next
    call hands them to token_updater (in its own thread) and uses them without
    another refresh.
    """
    session = stored_session(platform, updates, deadline=0.8, max_retries=0)
    platform.expire_token(ACCESS_TOKEN)
    platform.fake.delay(0.5, times=1, method="friends.get")
    platform.fake.delay(1.5, times=1, method=TOKEN)
    with pytest.raises(DeadlineExceededError) as caught:
        API(session).friends.get()
    assert updates == [] and session.access_token == ACCESS_TOKEN  # raised before it ended
    assert caught.value.method == "friends.get"
    assert "the refresh goes on" in str(caught.value)
    for _ in range(500):  # bounded: until the refresh has ended on its own
        if session.access_token != ACCESS_TOKEN:
            break
        time.sleep(0.01)
    assert session.access_token != ACCESS_TOKEN  # the refresh went on and its tokens are held
    assert len(platform.calls) == 1  # not repeated past the deadline
    assert updates == []  # token_updater runs in a caller's thread: the next call's
    assert API(session).friends.get() == ["100", "200"]
    assert len(updates) == 1 and session.access_token == updates[0]["access_token"]
    assert len(refresh_requests(platform)) == 1


def test_a_call_waiting_for_another_threads_refresh_keeps_its_deadline(
    platform: LoopbackPlatform, updates: list[OAuthTokens]
) -> None:
    """Regression: a call waiting for the token lock waited out the whole refresh."""
    session = stored_session(platform, updates, max_retries=0)
    platform.expire_token(ACCESS_TOKEN)
    platform.fake.delay(1.0, times=1, method=TOKEN)
    refreshing = ThreadPoolExecutor(1)
    first = refreshing.submit(API(session).friends.get)
    for _ in range(200):  # bounded: until the refresh is under way (it holds the lock)
        if refresh_requests(platform):
            break
        time.sleep(0.01)
    assert refresh_requests(platform)
    with pytest.raises(DeadlineExceededError, match="the refresh goes on") as caught:
        API(session).friends.get(deadline=0.3)
    assert caught.value.sent is False  # refused with error 102: it took no effect
    assert first.result(timeout=10) == ["100", "200"]
    refreshing.shutdown()
    assert len(refresh_requests(platform)) == 1
