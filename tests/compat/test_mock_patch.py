"""``unittest.mock.patch("requests.Session.send")`` sees every SDK call and can answer it."""

from __future__ import annotations

import io
import json
from typing import Any
from unittest import mock

import requests

from mailru_sdk import API
from tests.compat.conftest import (
    MOCKED_ANSWER,
    REFRESH_TOKEN,
    TOKEN_ANSWER,
    CountingServer,
    form_of,
    query_of,
    refresh_session,
    server_session,
    server_sig,
)


def _answer(
    request: requests.PreparedRequest, body: object, *, raw: bool = True
) -> requests.Response:
    """A Response built by hand, the way users build one for a patched ``send``.

    Both usual ways: the body as a file-like ``raw`` (``io.BytesIO``), which
    requests reads with ``raw.read``, or already read into ``_content``.
    """
    response = requests.Response()
    response.status_code = 200
    response.headers["Content-Type"] = "application/json"
    data = json.dumps(body).encode()
    if raw:
        response.raw = io.BytesIO(data)
    else:
        response._content = data
    response.url = request.url or ""
    response.request = request
    response.reason = "OK"
    return response


def _sent(send: mock.MagicMock) -> list[requests.PreparedRequest]:
    """The PreparedRequest of each call of the patched (autospec: self first) ``send``."""
    sent = []
    for call in send.call_args_list:
        request = call.args[1] if len(call.args) > 1 else call.kwargs["request"]
        assert isinstance(request, requests.PreparedRequest)
        sent.append(request)
    return sent


def _fake_send(
    session: requests.Session, request: requests.PreparedRequest, **kwargs: Any
) -> requests.Response:
    if request.url is not None and request.url.endswith("/oauth/token"):
        return _answer(request, TOKEN_ANSWER)
    return _answer(request, MOCKED_ANSWER)


def test_patched_send_answers_a_get(loopback: CountingServer) -> None:
    with mock.patch("requests.Session.send", autospec=True, side_effect=_fake_send) as send:
        assert API(server_session(loopback.api_url)).friends.get() == MOCKED_ANSWER
    (request,) = _sent(send)
    assert request.method == "GET"
    assert request.url is not None
    assert query_of(request.url)["sig"] == server_sig()
    assert loopback.hits == 0


def test_patched_send_with_a_fixed_return_value(loopback: CountingServer) -> None:
    prepared = requests.Request("GET", loopback.api_url).prepare()
    answer = _answer(prepared, MOCKED_ANSWER, raw=False)
    with mock.patch("requests.Session.send", return_value=answer) as send:
        session = server_session(loopback.api_url)
        assert session.call("friends.get") == MOCKED_ANSWER
    assert send.call_count == 1
    assert loopback.hits == 0


def test_patched_send_answers_a_post_session(loopback: CountingServer) -> None:
    session = server_session(loopback.api_url, http_method="POST")
    session.call("friends.get")  # a real call first: whatever the session caches is warm
    assert loopback.hits == 1
    with mock.patch("requests.Session.send", autospec=True, side_effect=_fake_send) as send:
        assert API(session).friends.get() == MOCKED_ANSWER
    (request,) = _sent(send)
    assert request.method == "POST"
    assert form_of(request.body)["method"] == "friends.get"
    assert loopback.hits == 1


def test_patched_send_answers_the_token_request(loopback: CountingServer) -> None:
    with mock.patch("requests.Session.send", autospec=True, side_effect=_fake_send) as send:
        session = refresh_session(loopback).authorize()
        assert session.refresh_token == TOKEN_ANSWER["refresh_token"]
        assert API(session).friends.get() == MOCKED_ANSWER
    token_request, api_request = _sent(send)
    assert token_request.method == "POST"
    assert form_of(token_request.body)["refresh_token"] == REFRESH_TOKEN
    assert api_request.url == loopback.api_url  # the default POST: the token in the body only
    assert form_of(api_request.body)["session_key"] == TOKEN_ANSWER["access_token"]
    assert loopback.hits == 0
