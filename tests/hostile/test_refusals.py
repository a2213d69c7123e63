"""Issue 17, item 3: bad numbers and parameters are refused before any traffic, clearly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
import requests

from mailru_sdk import API, ServerSession
from mailru_sdk.stores.ratelimit import RateLimiter, check_rate
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY

HUGE = 10**400  # an int no float can hold: math.isfinite() and float() overflow on it


@pytest.fixture
def no_traffic() -> Iterator[mock.MagicMock]:
    """``requests.Session.send`` replaced by a mock that fails the test if it is called."""
    with mock.patch.object(
        requests.Session, "send", side_effect=AssertionError("no request may be sent")
    ) as send:
        yield send
    assert not send.called


@pytest.mark.parametrize("option", ["deadline", "timeout", "rate_limit"])
def test_a_huge_session_option_is_a_value_error_naming_it(option: str) -> None:
    with pytest.raises(ValueError, match=rf"^{option} must be a finite number"):
        ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, **{option: HUGE})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"timeout": HUGE}, "timeout"),
        ({"timeout": (1, HUGE)}, "read timeout"),
        ({"timeout": (HUGE, 1)}, "connect timeout"),
        ({"deadline": HUGE}, "deadline"),
        ({"deadline": -HUGE}, "deadline"),
    ],
)
def test_a_huge_call_option_is_refused_before_any_traffic(
    options: dict[str, Any], named: str, no_traffic: mock.MagicMock
) -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    with pytest.raises(ValueError, match=rf"^{named} must be a finite number"):
        session.call("friends.get", **options)
    with pytest.raises(ValueError, match=rf"^{named} must be a finite number"):
        API(session).friends.get(**options)


def test_a_huge_setting_assigned_to_a_session_is_refused() -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    with pytest.raises(ValueError, match=r"^timeout must be"):
        session.timeout = HUGE
    with pytest.raises(ValueError, match=r"^deadline must be"):
        session.deadline = HUGE
    assert session.timeout == (5.0, 30.0)


def test_the_message_does_not_print_four_hundred_digits() -> None:
    with pytest.raises(ValueError, match="a 401-digit number") as caught:
        check_rate("rate_limit", HUGE)
    assert len(str(caught.value)) < 120


def test_a_rate_limiter_refuses_a_huge_rate() -> None:
    with pytest.raises(ValueError, match=r"^rate_limit must be a finite number above 0"):
        RateLimiter(HUGE)
    assert RateLimiter(10**6).interval == pytest.approx(1e-6)  # big but finite: fine
