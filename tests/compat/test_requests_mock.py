"""requests-mock sees every SDK call: API calls (GET and POST) and token requests."""

from __future__ import annotations

import logging
from typing import Literal

import pytest
import requests_mock as requests_mock_module
from requests_mock import Mocker

from mailru_sdk import API
from mailru_sdk.errors import MailRuError
from tests.compat.conftest import (
    MOCKED_ANSWER,
    REFRESH_TOKEN,
    TOKEN_ANSWER,
    CountingServer,
    assert_no_secret,
    assert_no_secret_logged,
    exception_chain,
    form_of,
    query_of,
    refresh_session,
    server_session,
    server_sig,
)
from tests.conftest import APP_ID


def test_mocker_context_manager_answers_a_get(loopback: CountingServer) -> None:
    session = server_session(loopback.api_url)
    with Mocker() as mock:
        mock.get(loopback.api_url, json=MOCKED_ANSWER)
        assert API(session).friends.get() == MOCKED_ANSWER
    assert mock.call_count == 1
    sent = mock.last_request
    assert sent is not None and sent.method == "GET"
    query = query_of(sent.url)
    assert query["method"] == "friends.get"
    assert query["sig"] == server_sig()
    assert loopback.hits == 0


def test_pytest_fixture_answers_a_get(requests_mock: Mocker, loopback: CountingServer) -> None:
    requests_mock.get(loopback.api_url, json=MOCKED_ANSWER)
    assert server_session(loopback.api_url).call("friends.get") == MOCKED_ANSWER
    assert requests_mock.call_count == 1
    assert loopback.hits == 0


def test_session_built_and_used_before_the_mock_is_still_mocked(loopback: CountingServer) -> None:
    session = server_session(loopback.api_url)
    api = API(session)
    assert api.friends.get() == ["loopback"]  # a real call: connection pooled, caches warm
    assert loopback.hits == 1
    with Mocker() as mock:
        mock.get(loopback.api_url, json=MOCKED_ANSWER)
        assert api.friends.get() == MOCKED_ANSWER
        assert api.friends.get() == MOCKED_ANSWER
    assert mock.call_count == 2
    assert loopback.hits == 1
    assert api.friends.get() == ["loopback"]  # the mock is gone: real again
    assert loopback.hits == 2


def test_post_session_option_is_mocked(loopback: CountingServer) -> None:
    session = server_session(loopback.api_url, http_method="POST")
    with Mocker() as mock:
        mock.post(loopback.api_url, json=MOCKED_ANSWER)
        assert API(session).friends.get() == MOCKED_ANSWER
    assert mock.call_count == 1
    sent = mock.last_request
    assert sent is not None and sent.method == "POST"
    form = form_of(sent.body)
    assert form["method"] == "friends.get"
    assert form["sig"] == server_sig()
    assert "sig=" not in sent.url  # a POST session keeps the signature out of the URL
    assert loopback.hits == 0


def test_catalogued_post_method_is_mocked(requests_mock: Mocker, loopback: CountingServer) -> None:
    requests_mock.post(loopback.api_url, json=MOCKED_ANSWER)
    answer = API(server_session(loopback.api_url)).stream.share(url="https://example.org/")
    assert answer == MOCKED_ANSWER
    sent = requests_mock.last_request
    assert sent is not None and sent.method == "POST"
    form = form_of(sent.body)
    assert form["method"] == "stream.share"
    assert form["url"] == "https://example.org/"
    assert loopback.hits == 0


def test_token_request_and_the_calls_after_it_are_mocked(
    requests_mock: Mocker, loopback: CountingServer
) -> None:
    requests_mock.post(loopback.token_url, json=TOKEN_ANSWER)
    requests_mock.post(loopback.api_url, json=MOCKED_ANSWER)
    session = refresh_session(loopback)
    with session:  # authorizes on entry
        assert session.access_token == TOKEN_ANSWER["access_token"]
        assert session.uid == TOKEN_ANSWER["x_mailru_vid"]
        assert API(session).friends.get() == MOCKED_ANSWER
    token_request, api_request = requests_mock.request_history
    assert token_request.method == "POST"
    form = form_of(token_request.body)
    assert form["grant_type"] == "refresh_token"
    assert form["refresh_token"] == REFRESH_TOKEN
    assert form["client_id"] == str(APP_ID)
    assert api_request.url == loopback.api_url  # the default POST: the token in the body only
    assert form_of(api_request.body)["session_key"] == TOKEN_ANSWER["access_token"]
    assert loopback.hits == 0


@pytest.mark.parametrize("http_method", ["GET", "POST"])
def test_unmatched_call_is_a_mailru_error_without_secrets(
    http_method: Literal["GET", "POST"], loopback: CountingServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    session = server_session(loopback.api_url, http_method=http_method, max_retries=0)
    with Mocker() as mock:
        mock.get(f"{loopback.base}/elsewhere", json=MOCKED_ANSWER)  # registered, not matching
        with pytest.raises(MailRuError) as caught:
            API(session).friends.get()
    assert mock.call_count == 1  # requests-mock saw the call and refused it
    chain = exception_chain(caught.value)
    assert any(isinstance(e, requests_mock_module.NoMockAddress) for e in chain)
    assert_no_secret(caught.value)
    assert_no_secret_logged(caplog.records)
    assert loopback.hits == 0


def test_unmatched_token_request_is_a_mailru_error_without_secrets(
    loopback: CountingServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    session = refresh_session(loopback, max_retries=0)
    with Mocker() as mock, pytest.raises(MailRuError) as caught:
        session.authorize()
    assert mock.call_count == 1
    assert_no_secret(caught.value)
    assert_no_secret_logged(caplog.records)
    assert loopback.hits == 0


def test_real_http_mocker_passes_unmatched_calls_through_requests(
    loopback: CountingServer,
) -> None:
    api = API(server_session(loopback.api_url))
    with Mocker(real_http=True) as mock:
        mock.get(f"{loopback.base}/elsewhere", json=MOCKED_ANSWER)
        assert api.friends.get() == ["loopback"]  # not matched: sent on, as the user asked
    assert mock.call_count == 1  # ...but only after requests-mock saw it
    assert loopback.hits == 1
