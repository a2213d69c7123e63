"""Adapters the user mounts on the session carry every SDK call (``session.mount``)."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from typing import Any

import requests
from requests.adapters import BaseAdapter, HTTPAdapter

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


class AnsweringAdapter(BaseAdapter):
    """Answers every request itself (API calls and token requests), keeping what it was sent."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[requests.PreparedRequest] = []

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float, float] | tuple[float, None] | None = None,
        verify: bool | str = True,
        cert: bytes | str | tuple[bytes | str, bytes | str] | None = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        self.sent.append(request)
        url = request.url or ""
        body = TOKEN_ANSWER if url.endswith("/oauth/token") else MOCKED_ANSWER
        response = requests.Response()
        response.status_code = 200
        response.headers["Content-Type"] = "application/json"
        response.raw = io.BytesIO(json.dumps(body).encode())
        response.url = url
        response.request = request
        return response

    def close(self) -> None:
        pass


class CountingAdapter(HTTPAdapter):
    """requests' own adapter, counting what passes through it (as logging adapters do)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sent: list[requests.PreparedRequest] = []

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        self.sent.append(request)
        return super().send(request, *args, **kwargs)


def test_mounted_adapter_answers_a_get(loopback: CountingServer) -> None:
    session = server_session(loopback.api_url)
    adapter = AnsweringAdapter()
    session.mount("http://", adapter)
    assert API(session).friends.get() == MOCKED_ANSWER
    (request,) = adapter.sent
    assert request.url is not None
    assert query_of(request.url)["sig"] == server_sig()
    assert loopback.hits == 0


def test_adapter_mounted_after_a_real_call_answers(loopback: CountingServer) -> None:
    session = server_session(loopback.api_url, http_method="POST")
    api = API(session)
    assert api.friends.get() == ["loopback"]
    adapter = AnsweringAdapter()
    session.mount(loopback.base, adapter)  # a longer prefix than requests' own "http://"
    assert api.friends.get() == MOCKED_ANSWER
    (request,) = adapter.sent
    assert request.method == "POST"
    assert form_of(request.body)["method"] == "friends.get"
    assert loopback.hits == 1


def test_mounted_adapter_answers_the_token_request(loopback: CountingServer) -> None:
    session = refresh_session(loopback)
    adapter = AnsweringAdapter()
    session.mount("http://", adapter)
    with session:
        assert session.access_token == TOKEN_ANSWER["access_token"]
        assert API(session).friends.get() == MOCKED_ANSWER
    token_request, api_request = adapter.sent
    assert form_of(token_request.body)["refresh_token"] == REFRESH_TOKEN
    assert api_request.url == loopback.api_url  # the default POST: the token in the body only
    assert form_of(api_request.body)["session_key"] == TOKEN_ANSWER["access_token"]
    assert loopback.hits == 0


def test_a_subclass_of_requests_adapter_carries_the_calls(loopback: CountingServer) -> None:
    session = server_session(loopback.api_url)
    adapter = CountingAdapter(pool_maxsize=4)
    session.mount("http://", adapter)
    api = API(session)
    assert api.friends.get() == ["loopback"]
    assert api.friends.get() == ["loopback"]
    assert len(adapter.sent) == 2
    assert loopback.hits == 2  # it really sent them, through requests' own HTTPAdapter.send
