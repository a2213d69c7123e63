"""Issue 17, item 5: no setting that looks applied but is not."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import requests

from mailru_sdk import ServerSession
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY


class Recording(requests.adapters.BaseAdapter):
    """Answers 200 ``[]`` and records the timeout each request was sent with."""

    def __init__(self) -> None:
        super().__init__()
        self.timeouts: list[object] = []

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        self.timeouts.append(kwargs.get("timeout"))
        response = requests.Response()
        response.status_code, response._content = 200, b"[]"
        response.url, response.request = request.url or "", request
        return response

    def close(self) -> None:
        pass


@pytest.fixture
def recorded() -> tuple[ServerSession, Recording]:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, timeout=(2.0, 7.0))
    adapter = Recording()
    session.mount("https://", adapter)
    return session, adapter


def test_the_sessions_timeout_applies_to_requests_own_calls(
    recorded: tuple[ServerSession, Recording],
) -> None:
    session, adapter = recorded
    session.get("https://example.org/")
    session.post("https://example.org/", data={"a": "1"})
    session.send(session.prepare_request(requests.Request("GET", "https://example.org/")))
    session.get("https://example.org/", timeout=None)  # requests' "no timeout": the session's
    assert adapter.timeouts == [(2.0, 7.0)] * 4


def test_a_timeout_given_to_the_request_wins(recorded: tuple[ServerSession, Recording]) -> None:
    session, adapter = recorded
    session.get("https://example.org/", timeout=1.5)
    session.timeout = 3
    session.get("https://example.org/")
    session.call("friends.get")
    assert adapter.timeouts == [1.5, 3.0, 3.0]


def test_setting_the_timeout_to_none_is_refused_with_the_reason() -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    with pytest.raises(TypeError, match="waiting forever is not allowed"):
        session.timeout = None  # type: ignore[assignment]
    assert session.timeout == (5.0, 30.0)


def test_the_urllib3_log_filter_is_documented() -> None:
    """Importing the SDK redacts urllib3's records process-wide: the logging docs say so."""
    from pathlib import Path

    assert any(
        f.__class__.__name__ == "QueryRedactingFilter"
        for f in logging.getLogger("urllib3.connectionpool").filters
    )
    text = (Path(__file__).parents[2] / "docs" / "transport.md").read_text()
    assert "QueryRedactingFilter" in text and "whole process" in text
