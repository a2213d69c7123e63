"""PublicSession: the platform's public, unsigned data, against the fake platform."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses

from mailru_sdk import PublicSession, ServerSession, TokenSession
from mailru_sdk.errors import APIError, HTTPStatusError, InvalidParameterError
from mailru_sdk.options import DEFAULT_PUBLIC_URL
from mailru_sdk.testing import PUBLIC, FakePlatform, Fault
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY

PROFILE = {"uid": "42", "nick": "ivanov"}


@pytest.fixture
def served() -> Iterator[FakePlatform]:
    with FakePlatform() as fake:
        fake.serve()
        yield fake


def test_the_hierarchy_follows_the_peer() -> None:
    assert issubclass(TokenSession, PublicSession)
    assert issubclass(ServerSession, PublicSession)


def test_public_request_reads_served_public_data(served: FakePlatform) -> None:
    served.add_public(("mail", "ivanov"), PROFILE)
    session = served.public_session()
    assert session.public_url == served.public_url
    assert session.public_request(("mail", "ivanov"), {"lang": "ru"}) == PROFILE
    (request,) = served.public_requests
    assert request.segments == ("mail", "ivanov")
    assert request.params == {"lang": "ru"}  # unsigned: no app_id, session_key or sig


def test_a_token_session_sends_no_keys_with_public_requests(served: FakePlatform) -> None:
    served.add_public(("mail", "ivanov"), PROFILE)
    session = served.server_session()
    assert session.public_request(["mail", "ivanov"]) == PROFILE
    assert served.public_requests[0].params == {}
    assert served.calls == []  # not an API call


def test_the_in_process_fake_intercepts_the_default_public_url() -> None:
    with FakePlatform() as fake:
        fake.add_public(("mail", "ivanov"), lambda params: {"asked": dict(params)})
        session = PublicSession()
        assert session.public_url == DEFAULT_PUBLIC_URL
        assert session.public_request(("mail", "ivanov"), {"x": 1}) == {"asked": {"x": "1"}}


def test_segments_are_quoted_one_by_one(served: FakePlatform) -> None:
    served.add_public(("mail", "a/b c", "Иван"), [1])
    assert served.public_session().public_request(("mail", "a/b c", "Иван")) == [1]


def test_unscripted_public_data_is_an_http_status_error(served: FakePlatform) -> None:
    with pytest.raises(HTTPStatusError) as caught:
        served.public_session(max_retries=0).public_request(("mail", "nobody"))
    assert caught.value.status == 404


def test_a_platform_error_body_maps_to_its_class_or_passes(served: FakePlatform) -> None:
    body = {"error": {"error_code": 100, "error_msg": "bad login"}}
    served.add_public(("mail", "?"), body)
    with pytest.raises(InvalidParameterError) as caught:
        served.public_session().public_request(("mail", "?"))
    assert isinstance(caught.value, APIError) and caught.value.method == "public/mail/%3F"
    assert served.public_session(pass_error=True).public_request(("mail", "?")) == body


@pytest.mark.parametrize("segments", [(), ("",), ("mail", 3), 5, ("..", "api"), ("mail", ".")])
def test_bad_segments_are_refused_before_any_traffic(segments: object) -> None:
    with responses.RequestsMock() as mock:  # any request would fail the test
        with pytest.raises(ValueError, match="segments"):
            PublicSession().public_request(segments)  # type: ignore[arg-type]
        assert len(mock.calls) == 0


@responses.activate
def test_public_requests_are_retried_and_timed_like_api_calls(sleeps: list[float]) -> None:
    url = f"{DEFAULT_PUBLIC_URL}/mail/ivanov"
    responses.get(url, status=503, body="busy")
    responses.get(url, json=PROFILE)
    session = PublicSession(timeout=(1.0, 2.0))
    assert session.public_request(("mail", "ivanov"), timeout=3.0) == PROFILE
    assert len(responses.calls) == 2 and len(sleeps) == 1
    assert responses.calls[0].request.req_kwargs["timeout"] == 3.0  # type: ignore[attr-defined]


def test_a_token_session_options_apply_to_public_requests() -> None:
    session = ServerSession(
        APP_ID, SECRET_KEY, ACCESS_TOKEN, public_url="http://127.0.0.1:1/platform/"
    )
    assert session.public_url == "http://127.0.0.1:1/platform"
    with pytest.raises(ValueError, match="public_url"):
        PublicSession(public_url="ftp://example.org")


def test_the_fake_s_scripted_faults_reach_public_requests(
    served: FakePlatform, sleeps: list[float]
) -> None:
    """Regression: the fake answered public data before it took the scripted faults."""
    served.add_public(("mail", "ivanov"), PROFILE)
    served.drop_connection(times=1, method=PUBLIC)
    served.inject(Fault("error", code=1))  # every method: the next request gets it
    session = served.public_session()
    assert session.public_request(("mail", "ivanov")) == PROFILE  # two retries, then the data
    assert len(served.public_requests) == 3 and len(sleeps) == 2
    served.http_error(503, times=None, method=PUBLIC)
    with pytest.raises(HTTPStatusError):
        session.public_request(("mail", "ivanov"), max_retries=0)
