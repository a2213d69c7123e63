"""Issue 17, items 2 and 6: secrets redacted in every encoding, placeholders kept readable."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import urllib3.exceptions
from hypothesis import given
from hypothesis import strategies as st
from requests.adapters import BaseAdapter

from mailru_sdk import ServerSession
from mailru_sdk._answers import read_answer
from mailru_sdk._redact import SHORT_SECRET, body_excerpt, redact_text
from mailru_sdk.errors import (
    APIError,
    HTTPStatusError,
    ResponseDecodeError,
    TokenResponseError,
    TransportError,
)
from tests.conftest import APP_ID, SECRET_KEY
from tests.hostile.echo import everything_shown, forms, surviving

API_URL = "http://127.0.0.1:9/platform/api"  # never reached: the adapter below answers


class Echo(BaseAdapter):
    """Answers every request with ``status`` and ``body``, or raises ``error``."""

    def __init__(
        self, status: int = 200, body: bytes = b"", error: Exception | None = None
    ) -> None:
        super().__init__()
        self.status, self.body, self.error = status, body, error

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        if self.error is not None:
            raise self.error
        response = requests.Response()
        response.status_code = self.status
        response._content = self.body
        response.headers["Content-Type"] = "text/html" if self.status >= 300 else "text/plain"
        response.request = request
        response.url = request.url or ""
        return response

    def close(self) -> None:
        pass


def session_answering(token: str, adapter: BaseAdapter) -> ServerSession:
    session = ServerSession(APP_ID, SECRET_KEY, token, api_url=API_URL, max_retries=0)
    session.mount("http://", adapter)
    return session


def echoed(secret: str) -> str:
    """Text that holds ``secret`` in each of its forms, between other words."""
    return " | ".join(f"x={form};" for form in forms(secret))


# secrets as users may have them: passwords with any character (surrogates and the
# redaction marker's "*" aside), long enough to count as real (see test_short_secrets)
SECRETS = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="*"),
    min_size=SHORT_SECRET,
    max_size=40,
)


@given(secret=SECRETS, where=st.sampled_from(["api", "status", "not_json", "network", "tokens"]))
def test_no_form_of_a_secret_survives_anywhere(secret: str, where: str) -> None:
    """The property: a secret echoed in every encoding is gone from all that is shown."""
    text = echoed(secret)
    error: BaseException
    if where == "tokens":  # field names of a token answer, and an error page's excerpt
        fields = {name: 1 for name in forms(secret)}
        outcome = read_answer(
            "tokens", "oauth/token", 200, {}, json.dumps(fields).encode(), lambda: [secret]
        )
        assert isinstance(outcome.error, TokenResponseError)
        error = outcome.error
    else:
        if where == "api":
            body = json.dumps({"error": {"error_code": 100, "error_msg": text}}).encode()
            adapter = Echo(200, body)
        elif where == "status":  # an HTML error page, the secret across the excerpt's cut
            adapter = Echo(502, ("<p>" + "." * 190 + text + "</p>").encode())
        elif where == "not_json":
            adapter = Echo(200, ("." * 150 + text).encode())
        else:  # urllib3's MaxRetryError inside requests' ConnectionError, the URL in vars()
            reason = urllib3.exceptions.NewConnectionError(None, f"refused for {text}")  # type: ignore[arg-type]
            adapter = Echo(
                error=requests.ConnectionError(
                    urllib3.exceptions.MaxRetryError(None, f"/api?{text}", reason)  # type: ignore[arg-type]
                )
            )
        expected = {
            "api": APIError,
            "status": HTTPStatusError,
            "not_json": ResponseDecodeError,
            "network": TransportError,
        }[where]
        with pytest.raises(expected) as caught:
            session_answering(secret, adapter).call("friends.get")
        error = caught.value
    assert surviving(secret, everything_shown(error)) == []


@given(secret=SECRETS)
def test_an_excerpt_is_redacted_before_it_is_cut(secret: str) -> None:
    for form in forms(secret):
        for start in range(0, 200, 37):
            excerpt = body_excerpt(("a" * start + form + "b" * 300).encode(), [secret], 200)
            assert surviving(secret, excerpt) == []
            # not even the start of a secret is left at the cut
            cut = [k for k in range(4, len(form)) if excerpt.endswith(form[:k])]
            assert [k for k in cut if form[:k].strip("ab")] == []


def test_a_refused_connections_urllib3_chain_keeps_no_secret_in_its_attributes() -> None:
    token = "be6ef89965d58e56dec21acb9b62bdaa"
    session = ServerSession(APP_ID, SECRET_KEY, token, api_url=API_URL, max_retries=0)
    with pytest.raises(TransportError) as caught:
        session.call("friends.get")  # port 9 of 127.0.0.1: refused
    shown = everything_shown(caught.value)
    assert "_message" in shown  # urllib3's private copy of the message was looked at
    assert token not in shown and SECRET_KEY not in shown


@pytest.fixture
def records() -> Iterator[list[logging.LogRecord]]:
    got: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            got.append(record)

    handler = Keep()
    for name in ("urllib3.connectionpool", "mailru_sdk"):
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield got
    for name in ("urllib3.connectionpool", "mailru_sdk"):
        logging.getLogger(name).removeHandler(handler)
        logging.getLogger(name).setLevel(logging.NOTSET)


@pytest.mark.parametrize("logger", ["urllib3.connectionpool", "mailru_sdk"])
def test_log_records_are_redacted_of_live_secrets_in_every_form(
    logger: str, records: list[logging.LogRecord]
) -> None:
    secret = "p&ss wörd/<x>'"
    session = ServerSession(APP_ID, SECRET_KEY, secret)
    logging.getLogger(logger).debug("echo %s and %s", echoed(secret), echoed(SECRET_KEY))
    shown = records[-1].getMessage()
    assert surviving(secret, shown) == [] and surviving(SECRET_KEY, shown) == []
    del session


# -- item 6: short placeholders ------------------------------------------------------


def test_placeholder_secrets_do_not_shred_a_message() -> None:
    # GET: the URL, with session_key and sig in it, is what the message shows
    session = ServerSession(1, "s", "t", api_url=API_URL, max_retries=0, http_method="GET")
    with pytest.raises(TransportError) as caught:
        session.call("friends.get")
    message = str(caught.value)
    assert "HTTPConnectionPool(host='127.0.0.1', port=9)" in message
    assert "session_key=***" in message and "sig=***" in message
    assert "***" not in message.replace("session_key=***", "").replace("sig=***", "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HTTPSConnectionPool(host='appsmail.ru')", "HTTPSConnectionPool(host='appsmail.ru')"),
        ("session_key=t&x=1", "session_key=***&x=1"),
        ('{"token": "t"}', '{"token": "***"}'),
        ("user:t@host", "user:***@host"),
        ("beta_t2", "beta_t2"),  # inside longer tokens: kept
        ("t%2Fx", "***%2Fx"),  # "t/x": a whole token before the "/"
    ],
)
def test_a_short_secret_is_redacted_only_as_a_whole_token(text: str, expected: str) -> None:
    assert redact_text(text, ["t"]) == expected


def test_a_secret_of_the_threshold_length_is_redacted_anywhere() -> None:
    secret = "k" * SHORT_SECRET
    assert redact_text(f"abc{secret}def", [secret]) == "abc***def"
