"""Event hooks: which events a call emits, in what order, with what, and hook failures."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from mailru_sdk import API, ServerSession
from mailru_sdk.errors import AccessDeniedError
from mailru_sdk.hooks import EVENT_NAMES, Event, Hooks
from mailru_sdk.oauth import RefreshSession
from mailru_sdk.testing import EXAMPLE, TOKEN, FakePlatform

REFRESH_TOKEN = "5d41402abc4b2a76b9719d911017c592"


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mailru_sdk._retry.time.sleep", lambda seconds: None)


@pytest.fixture
def fake() -> Iterator[FakePlatform]:
    with FakePlatform(refresh_tokens={REFRESH_TOKEN: EXAMPLE.uid}) as platform:
        yield platform


class Recorder:
    """A hook for every event, keeping what it got."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def __call__(self, event: Event) -> None:
        self.events.append(event)

    def hooks(self) -> dict[str, list[Recorder]]:
        return {name: [self] for name in EVENT_NAMES}

    def names(self) -> list[str]:
        return [event.name for event in self.events]


def test_a_retried_call_emits_its_steps_in_order(fake: FakePlatform) -> None:
    seen = Recorder()
    api = API(fake.server_session(event_hooks=seen.hooks()))
    fake.http_error(503)
    assert len(api.friends.get()) == 3
    assert seen.names() == [
        "before_send",
        "after_answer",
        "retry",
        "before_send",
        "after_answer",
        "outcome",
    ]
    first, answered, retry, _, again, outcome = seen.events
    assert {event.call_id for event in seen.events} == {first.call_id}
    assert {event.method for event in seen.events} == {"friends.get"}
    assert {event.server for event in seen.events} == {"appsmail.ru"}
    assert (first.attempt, answered.attempt, again.attempt) == (1, 1, 2)
    assert (answered.status, answered.ok, answered.error) == (503, False, "HTTPStatusError")
    assert answered.duration is not None and answered.duration >= 0
    assert retry.retries == 1 and retry.duration is not None and retry.duration > 0
    assert (again.status, again.ok, again.error) == (200, True, None)
    assert (outcome.ok, outcome.retries, outcome.attempt, outcome.status) == (True, 1, 2, 200)
    assert outcome.elapsed >= answered.elapsed >= first.elapsed >= 0


def test_a_platform_error_carries_its_code(fake: FakePlatform) -> None:
    seen = Recorder()
    api = API(fake.server_session(event_hooks={"after_answer": [seen], "outcome": [seen]}))
    fake.fail("friends.get", code=202)
    with pytest.raises(AccessDeniedError):
        api.friends.get()
    answered, outcome = seen.events
    assert (answered.error_code, answered.error, answered.ok) == (202, "AccessDeniedError", False)
    assert (outcome.error_code, outcome.error, outcome.ok) == (202, "AccessDeniedError", False)


def test_pass_error_is_not_a_success(fake: FakePlatform) -> None:
    seen = Recorder()
    session = fake.server_session(event_hooks={"outcome": [seen]}, pass_error=True)
    fake.fail("friends.get", code=202)
    assert "error" in API(session).friends.get()
    (outcome,) = seen.events
    assert (outcome.ok, outcome.error_code, outcome.error) == (False, 202, None)


def test_each_call_has_its_own_id(fake: FakePlatform) -> None:
    seen = Recorder()
    api = API(fake.server_session(event_hooks={"outcome": [seen]}))
    api.friends.get()
    api.friends.get()
    assert len({event.call_id for event in seen.events}) == 2


class SlowLimiter:
    """A rate limiter that always makes the call wait 0.25 s."""

    def reserve(self, timeout: float | None) -> float | None:
        return 0.25

    def acquire(self, timeout: float | None = None) -> bool:
        return True


def test_a_rate_limit_wait_is_an_event(fake: FakePlatform, monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr("mailru_sdk._pipeline._sleep", slept.append)
    seen = Recorder()
    session = fake.server_session(event_hooks=seen.hooks(), rate_limit=SlowLimiter())
    API(session).friends.get()
    assert seen.names()[:2] == ["rate_limit_wait", "before_send"]
    assert seen.events[0].duration == 0.25 and seen.events[0].attempt == 0
    assert slept == [0.25]


def test_a_token_refresh_is_an_event_and_marks_the_call(fake: FakePlatform) -> None:
    seen = Recorder()
    session = RefreshSession(
        EXAMPLE.app_id,
        EXAMPLE.private_key,
        EXAMPLE.secret_key,
        REFRESH_TOKEN,
        event_hooks=seen.hooks(),
    )
    with session:
        login = [event for event in seen.events if event.name == "outcome"]
        assert [(e.method, e.ok) for e in login] == [("oauth/token", True)]
        seen.events.clear()
        fake.expire_token(session.access_token)
        API(session).friends.get()
    refresh = [event for event in seen.events if event.name == "token_refresh"]
    assert [(e.method, e.ok) for e in refresh] == [("friends.get", True)]
    outcomes = {event.method: event for event in seen.events if event.name == "outcome"}
    assert outcomes["oauth/token"].ok  # the refresh's own request, a call of its own
    call = outcomes["friends.get"]
    assert (call.ok, call.refreshed, call.attempt, call.retries) == (True, True, 2, 0)


def test_a_failed_token_request_is_an_outcome(fake: FakePlatform) -> None:
    seen = Recorder()
    fake.http_error(400, method=TOKEN)
    session = RefreshSession(
        EXAMPLE.app_id,
        EXAMPLE.private_key,
        EXAMPLE.secret_key,
        REFRESH_TOKEN,
        event_hooks={"outcome": [seen]},
    )
    with pytest.raises(Exception, match="400"):
        session.authorize()
    (outcome,) = seen.events
    assert (outcome.method, outcome.ok, outcome.status) == ("oauth/token", False, 400)


def test_a_failing_hook_is_logged_and_the_call_goes_on(
    fake: FakePlatform, caplog: pytest.LogCaptureFixture
) -> None:
    seen = Recorder()

    def broken(event: Event) -> None:
        raise RuntimeError("hook bug")

    session = fake.server_session(event_hooks={"before_send": [broken, seen], "outcome": [broken]})
    with caplog.at_level(logging.WARNING, logger="mailru_sdk"):
        assert len(API(session).friends.get()) == 3
    assert seen.names() == ["before_send"]  # the next hook still ran
    failures = [r for r in caplog.records if "event hook" in r.getMessage()]
    assert len(failures) == 2
    assert failures[0].exc_info is not None and "hook bug" in str(failures[0].exc_info[1])


def test_events_carry_no_secret(fake: FakePlatform) -> None:
    seen = Recorder()
    api = API(fake.server_session(event_hooks=seen.hooks()))
    fake.fail("friends.get", code=202)
    with pytest.raises(AccessDeniedError):
        api.friends.get()
    api.friends.get()
    text = repr(seen.events)
    sigs = [call.params["sig"] for call in fake.calls]
    for secret in (EXAMPLE.secret_key, EXAMPLE.access_token, *sigs):
        assert secret not in text


def test_event_hooks_are_checked_and_normalised() -> None:
    def hook(event: Event) -> None:
        pass

    session = ServerSession(1, "sk", "tok", event_hooks={"outcome": [hook]})
    assert session.event_hooks == Hooks(outcome=(hook,))
    assert ServerSession(1, "sk", "tok", event_hooks={}).event_hooks is None
    assert ServerSession(1, "sk", "tok").event_hooks is None
    session.event_hooks = Hooks(retry=(hook,))
    assert session.sdk_options.defaults.hooks == Hooks(retry=(hook,))
    with pytest.raises(ValueError, match="unknown event 'on_send'"):
        ServerSession(1, "sk", "tok", event_hooks={"on_send": [hook]})
    with pytest.raises(TypeError, match="not callable"):
        ServerSession(1, "sk", "tok", event_hooks={"outcome": ["nope"]})  # type: ignore[list-item]
    with pytest.raises(TypeError, match="event_hooks must be"):
        ServerSession(1, "sk", "tok", event_hooks=[hook])  # type: ignore[arg-type]
    assert Hooks(outcome=(hook,)) + Hooks(retry=(hook,)) == Hooks(retry=(hook,), outcome=(hook,))
