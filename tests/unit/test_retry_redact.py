"""_retry.py and _redact.py: the retry policy, Retry-After, and redaction of secrets."""

from __future__ import annotations

import datetime as dt
import email.utils
import traceback
import urllib.parse
from typing import Any

import pytest
import requests
import urllib3.exceptions

from mailru_sdk._redact import (
    REDACTED,
    SECRET_PARAMS,
    redact_params,
    redact_text,
    scrub_exception_chain,
)
from mailru_sdk._retry import RetryPolicy, parse_retry_after, request_never_sent
from mailru_sdk._validate import validate_timeout
from tests.conftest import ACCESS_TOKEN, PRIVATE_KEY, SECRET_KEY

# -- validate_timeout ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (5, 5.0),
        (2.5, 2.5),
        (0.001, 0.001),
        ((1, 2), (1.0, 2.0)),
        ((0.5, 30.0), (0.5, 30.0)),
    ],
)
def test_validate_timeout_accepts_finite_positive_numbers_and_pairs(
    given: object, expected: object
) -> None:
    result = validate_timeout(given)
    assert result == expected
    # always floats, so the value passed to requests has one shape
    parts = result if isinstance(result, tuple) else (result,)
    assert all(type(part) is float for part in parts)


@pytest.mark.parametrize(
    ("given", "error", "match"),
    [
        (None, TypeError, "waiting forever is not allowed"),
        ("5", TypeError, "timeout must be a number of seconds, got str"),
        (True, TypeError, "got bool"),
        ([1, 2], TypeError, "got list"),
        (0, ValueError, "above 0"),
        (-1.0, ValueError, "above 0"),
        (float("inf"), ValueError, "finite"),
        (float("nan"), ValueError, "finite"),
        ((1, 2, 3), ValueError, "pair"),
        ((1,), ValueError, "pair"),
        ((0, 5), ValueError, "connect timeout"),
        ((5, None), TypeError, "read timeout"),
        ((5, float("inf")), ValueError, "read timeout"),
        (("1", 2), TypeError, "connect timeout"),
    ],
)
def test_validate_timeout_refuses_everything_else(
    given: object, error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        validate_timeout(given)


# -- RetryPolicy ---------------------------------------------------------------------

#: retry number → the un-jittered step for the default policy (base 0.5, cap 8).
STEPS = {1: 0.5, 2: 1.0, 3: 2.0, 4: 4.0, 5: 8.0, 6: 8.0}


@pytest.mark.parametrize("retry", sorted(STEPS))
def test_backoff_stays_between_half_and_all_of_its_step(retry: int) -> None:
    policy = RetryPolicy()
    step = min(policy.backoff_cap, policy.backoff_base * 2 ** (retry - 1))
    assert step == STEPS[retry]
    delays = [policy.backoff(retry) for _ in range(300)]
    assert all(step / 2 <= delay <= step for delay in delays)
    assert len(set(delays)) > 1, "the delay is jittered"


@pytest.mark.parametrize("retry", sorted(STEPS))
def test_backoff_jitter_bounds_are_exactly_half_and_full_step(
    retry: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = RetryPolicy()
    monkeypatch.setattr("mailru_sdk._retry.random.uniform", lambda low, high: low)
    assert policy.backoff(retry) == STEPS[retry] / 2
    monkeypatch.setattr("mailru_sdk._retry.random.uniform", lambda low, high: high)
    assert policy.backoff(retry) == STEPS[retry]


def test_backoff_honours_custom_base_and_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mailru_sdk._retry.random.uniform", lambda low, high: high)
    policy = RetryPolicy(backoff_base=1.0, backoff_cap=3.0)
    assert [policy.backoff(n) for n in (1, 2, 3, 4)] == [1.0, 2.0, 3.0, 3.0]


def test_delay_without_retry_after_is_the_backoff() -> None:
    policy = RetryPolicy()
    for retry, step in STEPS.items():
        delay = policy.delay(retry, None)
        assert delay is not None and step / 2 <= delay <= step


@pytest.mark.parametrize(("retry_after", "expected"), [(3.0, 3.0), (0.0, 0.0), (30.0, 30.0)])
def test_delay_with_retry_after_waits_what_the_server_asked(
    retry_after: float, expected: float
) -> None:
    # the server's value replaces the backoff, whatever the retry number
    assert RetryPolicy().delay(1, retry_after) == expected
    assert RetryPolicy().delay(6, retry_after) == expected


def test_delay_never_negative() -> None:
    assert RetryPolicy().delay(1, -5.0) == 0.0


def test_delay_over_max_retry_after_ends_the_retries() -> None:
    assert RetryPolicy().delay(1, 30.5) is None
    assert RetryPolicy(max_retry_after=60.0).delay(1, 45.0) == 45.0
    assert RetryPolicy(max_retry_after=60.0).delay(1, 3600.0) is None


def test_with_max_retries_copies_everything_else() -> None:
    def sleeper(seconds: float) -> None:
        pass

    policy = RetryPolicy(
        max_retries=2, backoff_base=0.1, backoff_cap=1.0, max_retry_after=5.0, sleep=sleeper
    )
    copy = policy.with_max_retries(7)
    assert copy.max_retries == 7
    assert (copy.backoff_base, copy.backoff_cap, copy.max_retry_after) == (0.1, 1.0, 5.0)
    assert copy.sleep is sleeper
    assert policy.max_retries == 2, "the original is unchanged"
    assert policy.with_max_retries(0).max_retries == 0


@pytest.mark.parametrize(
    ("value", "error"), [(-1, ValueError), (1.0, TypeError), (True, TypeError), ("2", TypeError)]
)
def test_with_max_retries_validates(value: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match="max_retries"):
        RetryPolicy().with_max_retries(value)


def test_retry_policy_is_immutable() -> None:
    policy = RetryPolicy()
    with pytest.raises(AttributeError):
        policy.max_retries = 5
    assert policy.max_retries == 2


def test_default_sleep_calls_time_sleep_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr("mailru_sdk._retry.time.sleep", slept.append)
    RetryPolicy().sleep(1.25)
    assert slept == [1.25]


# -- parse_retry_after ---------------------------------------------------------------


@pytest.mark.parametrize(("header", "expected"), [("120", 120.0), (" 7 ", 7.0), ("0", 0.0)])
def test_parse_retry_after_seconds(header: str, expected: float) -> None:
    assert parse_retry_after(header) == expected


def http_date(offset_seconds: float) -> str:
    when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=offset_seconds)
    return email.utils.format_datetime(when, usegmt=True)


def test_parse_retry_after_http_date_in_the_future() -> None:
    seconds = parse_retry_after(http_date(3600))
    # the header has whole seconds and the clock moves on: a window, not an exact value
    assert seconds is not None and 3590.0 <= seconds <= 3600.0


def test_parse_retry_after_http_date_in_the_past_is_zero() -> None:
    assert parse_retry_after(http_date(-3600)) == 0.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


@pytest.mark.parametrize("header", ["soon", "", "   ", "-5", "1.5", "Someday, 99 Foo 20xx"])
def test_parse_retry_after_garbage_is_none(header: str) -> None:
    assert parse_retry_after(header) is None


def test_parse_retry_after_absent_is_none() -> None:
    assert parse_retry_after(None) is None


# -- redact_params / redact_text -----------------------------------------------------


def test_redact_params_hides_secret_names_and_keeps_the_rest() -> None:
    params = {
        "method": "photos.createAlbum",
        "app_id": "423004",
        "session_key": ACCESS_TOKEN,
        "sig": "4a05af66f80da18b308fa7e536912bae",
        "password": "hunter2",
        "title": "Holiday",
        "uids": "1,2",
    }
    redacted = redact_params(params)
    assert redacted == {
        "method": "photos.createAlbum",
        "app_id": "423004",
        "session_key": REDACTED,
        "sig": REDACTED,
        "password": REDACTED,
        "title": "Holiday",
        "uids": "1,2",
    }
    assert params["session_key"] == ACCESS_TOKEN, "the input is not modified"


def test_secret_params_cover_the_documented_secrets() -> None:
    expected = {"sig", "session_key", "access_token", "refresh_token", "password"}
    assert expected <= SECRET_PARAMS
    assert {"private_key", "secret_key"} <= SECRET_PARAMS


SPECIAL_SECRET = "a b/c+d&é=ü"


@pytest.mark.parametrize(
    "form",
    [
        SPECIAL_SECRET,
        urllib.parse.quote(SPECIAL_SECRET, safe=""),
        urllib.parse.quote_plus(SPECIAL_SECRET),
    ],
    ids=["raw", "quote", "quote_plus"],
)
def test_redact_text_hides_every_encoding_of_a_secret(form: str) -> None:
    text = f"GET /platform/api?session_key={form}&method=friends.get failed"
    redacted = redact_text(text, [SPECIAL_SECRET])
    assert form not in redacted
    assert redacted == f"GET /platform/api?session_key={REDACTED}&method=friends.get failed"


def test_redact_text_hides_several_secrets_and_repeated_occurrences() -> None:
    text = f"{ACCESS_TOKEN} {PRIVATE_KEY} {ACCESS_TOKEN} {SECRET_KEY} tail"
    assert redact_text(text, [ACCESS_TOKEN, PRIVATE_KEY, SECRET_KEY]) == (
        f"{REDACTED} {REDACTED} {REDACTED} {REDACTED} tail"
    )


def test_redact_text_ignores_empty_secrets() -> None:
    text = "nothing secret here"
    # "".replace would put *** between every character
    assert redact_text(text, ["", ""]) == text
    assert redact_text(f"k={ACCESS_TOKEN}", ["", ACCESS_TOKEN]) == f"k={REDACTED}"


# -- request_never_sent --------------------------------------------------------------


def refused() -> requests.ConnectionError:
    """What requests raises when the port is closed: MaxRetryError(reason=NewConnectionError)."""
    reason = urllib3.exceptions.NewConnectionError(
        None,  # type: ignore[arg-type]
        "Failed to establish a new connection: [Errno 111] Connection refused",
    )
    return requests.ConnectionError(
        urllib3.exceptions.MaxRetryError(None, "/platform/api?x=1", reason=reason)  # type: ignore[arg-type]
    )


def test_connect_timeout_never_sent() -> None:
    assert request_never_sent(requests.ConnectTimeout("connect timed out")) is True


def test_refused_connection_never_sent() -> None:
    assert request_never_sent(refused()) is True


def test_bare_new_connection_error_never_sent() -> None:
    reason = urllib3.exceptions.NewConnectionError(None, "refused")  # type: ignore[arg-type]
    assert request_never_sent(requests.ConnectionError(reason)) is True


@pytest.mark.parametrize(
    "exc",
    [
        requests.ReadTimeout("read timed out"),
        requests.ConnectionError("Connection aborted."),
        requests.ConnectionError(),
        requests.ConnectionError(
            urllib3.exceptions.ProtocolError("Connection aborted.", ConnectionResetError())
        ),
        requests.ConnectionError(
            urllib3.exceptions.MaxRetryError(
                None,  # type: ignore[arg-type]
                "/x",
                reason=urllib3.exceptions.ProtocolError("reset"),
            )
        ),
        requests.exceptions.SSLError("certificate verify failed"),
        requests.exceptions.ChunkedEncodingError("broken"),
    ],
    ids=["read-timeout", "generic", "no-args", "protocol", "max-retry-protocol", "ssl", "chunked"],
)
def test_anything_later_may_have_been_sent(exc: requests.RequestException) -> None:
    assert request_never_sent(exc) is False


def test_ssl_error_is_sent_even_when_it_wraps_a_connection_failure() -> None:
    ssl_error = requests.exceptions.SSLError(refused().args[0])
    assert request_never_sent(ssl_error) is False


# -- scrub_exception_chain -----------------------------------------------------------

SIG = "4a05af66f80da18b308fa7e536912bae"
ALL_SECRETS = [ACCESS_TOKEN, PRIVATE_KEY, SECRET_KEY, SIG, SPECIAL_SECRET]


def build_chain() -> tuple[requests.ConnectionError, ValueError, OSError, RuntimeError]:
    """top (with a nested exception as an arg) <- ValueError (cause) <- OSError (context).

    ``top`` is a ``requests.ConnectionError`` (an ``OSError``) with two args, so
    Python shows it as ``[Errno <arg 0>] <arg 1>`` from its ``errno``/``strerror``
    attributes rather than from ``args``.
    """
    nested = RuntimeError(f"pool said session_key={ACCESS_TOKEN}")
    nested.__cause__ = KeyError(f"private {PRIVATE_KEY}")
    try:
        try:
            try:
                raise OSError(f"connect /platform/api?sig={SIG}&x={SECRET_KEY}")
            except OSError:
                # implicit chaining: the OSError becomes __context__
                raise ValueError(  # noqa: B904
                    "wrapped", f"key={urllib.parse.quote_plus(SPECIAL_SECRET)}", 42
                )
        except ValueError as middle:
            raise requests.ConnectionError(nested, f"url ?session_key={ACCESS_TOKEN}") from middle
    except requests.ConnectionError as top:
        middle_exc = top.__cause__
        assert isinstance(middle_exc, ValueError)
        bottom = middle_exc.__context__
        assert isinstance(bottom, OSError)
        return top, middle_exc, bottom, nested


def formatted(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))


def test_chain_fixture_really_leaks_before_scrubbing() -> None:
    top, *_ = build_chain()
    text = formatted(top)
    for secret in (ACCESS_TOKEN, SIG, SECRET_KEY, urllib.parse.quote_plus(SPECIAL_SECRET)):
        assert secret in text


def test_scrub_exception_chain_removes_every_secret_from_the_traceback() -> None:
    top, middle, bottom, nested = build_chain()
    scrub_exception_chain(top, ALL_SECRETS)
    text = formatted(top)
    for secret in ALL_SECRETS:
        assert secret not in text
        assert urllib.parse.quote_plus(secret) not in text
        assert urllib.parse.quote(secret, safe="") not in text
    # each exception of the chain is still shown, with its redacted text
    assert "OSError: connect /platform/api?sig=***&x=***" in text
    assert "ValueError: ('wrapped', 'key=***', 42)" in text
    assert "pool said session_key=***" in text
    # the chain and the exception types are left as they were; non-text args are kept
    assert top.__cause__ is middle and middle.__context__ is bottom
    assert middle.args[2] == 42
    # the nested exception is replaced by its redacted text, and itself scrubbed with its chain
    assert top.args[0] == "pool said session_key=***"
    assert nested.args == ("pool said session_key=***",)
    assert isinstance(nested.__cause__, KeyError)
    assert PRIVATE_KEY not in str(nested.__cause__)


def test_scrub_exception_chain_ignores_empty_secrets() -> None:
    exc = ValueError("plain message")
    scrub_exception_chain(exc, ["", ACCESS_TOKEN])
    assert exc.args == ("plain message",)


def test_scrub_exception_chain_survives_a_cycle() -> None:
    first = ValueError(f"a {ACCESS_TOKEN}")
    second = ValueError(f"b {SIG}")
    first.__context__ = second
    second.__context__ = first
    scrub_exception_chain(first, ALL_SECRETS)
    assert first.args == ("a ***",) and second.args == ("b ***",)
