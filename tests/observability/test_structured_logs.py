"""The SDK's log records carry their facts as fields, which a JSON formatter writes, redacted."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from mailru_sdk import API
from mailru_sdk.oauth import RefreshSession
from mailru_sdk.testing import EXAMPLE, FakePlatform

REFRESH_TOKEN = "5d41402abc4b2a76b9719d911017c592"
#: what every LogRecord has; the rest is what the SDK added with extra=
STANDARD = set(vars(logging.LogRecord("x", logging.INFO, "", 0, "", None, None))) | {"message"}


class JSONFormatter(logging.Formatter):
    """What python-json-logger and its kind do: the message, plus every extra attribute."""

    def format(self, record: logging.LogRecord) -> str:
        fields = {k: v for k, v in vars(record).items() if k not in STANDARD}
        return json.dumps({"message": record.getMessage(), **fields}, default=str)


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mailru_sdk._retry.time.sleep", lambda seconds: None)


@pytest.fixture
def json_lines() -> Iterator[list[str]]:
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = Collect()
    handler.setFormatter(JSONFormatter())
    sdk = logging.getLogger("mailru_sdk")
    level = sdk.level
    sdk.addHandler(handler)
    sdk.setLevel(logging.DEBUG)
    try:
        yield lines
    finally:
        sdk.removeHandler(handler)
        sdk.setLevel(level)


def test_tries_and_retries_are_structured(json_lines: list[str]) -> None:
    with FakePlatform() as fake:
        api = API(fake.server_session())
        fake.fail("friends.get", code=1)  # UnknownPlatformError: retried
        api.friends.get(ext=True)
        sigs = [call.params["sig"] for call in fake.calls]
    records = [json.loads(line) for line in json_lines]
    first, retry, second = records
    assert first["method"] == "friends.get" and first["attempt"] == 1
    assert (first["status"], first["error"], first["error_code"]) == (
        200,
        "UnknownPlatformError",
        1,
    )
    assert isinstance(first["elapsed_ms"], float) and "'ext': '1'" in first["details"]
    assert (retry["method"], retry["retry"], retry["max_retries"], retry["error_code"]) == (
        "friends.get",
        1,
        2,
        1,
    )
    assert retry["delay_s"] > 0
    assert (second["attempt"], second["error"], second["error_code"]) == (2, None, None)
    text = "\n".join(json_lines)
    for secret in (EXAMPLE.secret_key, EXAMPLE.access_token, *sigs):
        assert secret not in text


def test_a_refresh_is_structured_and_redacted(json_lines: list[str]) -> None:
    with FakePlatform(refresh_tokens={REFRESH_TOKEN: EXAMPLE.uid}) as fake:
        session = RefreshSession(
            EXAMPLE.app_id, EXAMPLE.private_key, EXAMPLE.secret_key, REFRESH_TOKEN
        )
        with session:
            first = session.access_token
            fake.expire_token(first)
            API(session).friends.get()
            held = (first, session.access_token, session.refresh_token)
    records = [json.loads(line) for line in json_lines]
    refreshed = [r for r in records if r.get("event") == "token_refreshed"]
    assert [r["session"] for r in refreshed] == ["RefreshSession"]
    token_tries = [r for r in records if r.get("method") == "oauth/token"]
    assert token_tries and all(r["details"] == "grant_type=refresh_token" for r in token_tries)
    text = "\n".join(json_lines)
    for secret in (EXAMPLE.private_key, EXAMPLE.secret_key, REFRESH_TOKEN, *held):
        assert secret not in text
