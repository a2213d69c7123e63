"""``responses`` sees every SDK call: API calls (GET and POST) and token requests."""

from __future__ import annotations

import logging

import pytest
import responses

from mailru_sdk import API
from mailru_sdk.errors import MailRuError
from tests.compat.conftest import (
    MOCKED_ANSWER,
    REFRESH_TOKEN,
    TOKEN_ANSWER,
    CountingServer,
    assert_no_secret,
    assert_no_secret_logged,
    form_of,
    query_of,
    refresh_session,
    server_session,
    server_sig,
)


def test_get_is_mocked(loopback: CountingServer) -> None:
    with responses.RequestsMock() as mock:
        mock.get(loopback.api_url, json=MOCKED_ANSWER)
        assert API(server_session(loopback.api_url)).friends.get() == MOCKED_ANSWER
        assert len(mock.calls) == 1
        sent = mock.calls[0].request
    assert sent.url is not None
    query = query_of(sent.url)
    assert query["method"] == "friends.get"
    assert query["sig"] == server_sig()
    assert loopback.hits == 0


def test_session_used_before_the_mock_is_still_mocked(loopback: CountingServer) -> None:
    api = API(server_session(loopback.api_url))
    assert api.friends.get() == ["loopback"]
    with responses.RequestsMock() as mock:
        mock.get(loopback.api_url, json=MOCKED_ANSWER)
        assert api.friends.get() == MOCKED_ANSWER
        assert len(mock.calls) == 1
    assert loopback.hits == 1


def test_post_session_option_is_mocked(loopback: CountingServer) -> None:
    session = server_session(loopback.api_url, http_method="POST")
    with responses.RequestsMock() as mock:
        mock.post(loopback.api_url, json=MOCKED_ANSWER)
        assert API(session).friends.get() == MOCKED_ANSWER
        assert len(mock.calls) == 1
        sent = mock.calls[0].request
    assert sent.method == "POST"
    assert form_of(sent.body)["sig"] == server_sig()
    assert loopback.hits == 0


def test_token_request_and_the_calls_after_it_are_mocked(loopback: CountingServer) -> None:
    with responses.RequestsMock() as mock:
        mock.post(loopback.token_url, json=TOKEN_ANSWER)
        mock.post(loopback.api_url, json=MOCKED_ANSWER)
        session = refresh_session(loopback).authorize()
        assert session.access_token == TOKEN_ANSWER["access_token"]
        assert API(session).friends.get() == MOCKED_ANSWER
        token_call, api_call = mock.calls
    assert form_of(token_call.request.body)["refresh_token"] == REFRESH_TOKEN
    assert api_call.request.url == loopback.api_url  # the default POST: the token in the body
    assert form_of(api_call.request.body)["session_key"] == TOKEN_ANSWER["access_token"]
    assert loopback.hits == 0


@pytest.mark.parametrize("what", ["api", "token"])
def test_unmatched_request_is_a_mailru_error_without_secrets(
    what: str, loopback: CountingServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(f"{loopback.base}/elsewhere", json=MOCKED_ANSWER)
        with pytest.raises(MailRuError) as caught:
            if what == "api":
                API(server_session(loopback.api_url, max_retries=0)).friends.get()
            else:
                refresh_session(loopback, max_retries=0).authorize()
        assert len(mock.calls) == 1  # responses saw the request and refused it
    assert_no_secret(caught.value)
    assert_no_secret_logged(caplog.records)
    assert loopback.hits == 0
