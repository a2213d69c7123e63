"""Recording real exchanges (vcrpy, betamax) without writing a secret into the cassettes.

A cassette keeps each request's URL, headers and body, and each answer's
body. The SDK's calls carry ``session_key`` and ``sig`` in their form body
(or, with ``http_method="GET"``, in the URL); token requests carry the app's
key, a password, a code or a refresh token; token answers carry the new
tokens. ``vcr_config()`` filters all of them::

    recorder = vcr.VCR(cassette_library_dir="tests/cassettes", **vcr_config())

Filtered values are written as ``REDACTED``. vcrpy matches a request on its
method and URL by default, not its body, so a filtered cassette still replays.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["REDACTED", "SECRET_FIELDS", "TOKEN_ANSWER_FIELDS", "scrub_token_answer", "vcr_config"]

REDACTED = "REDACTED"

#: request parameters (query or form) that carry a secret
SECRET_FIELDS = (
    "session_key",
    "sig",
    "client_secret",
    "refresh_token",
    "code",
    "password",
    "access_token",
)

#: the fields of a token answer that carry a secret
TOKEN_ANSWER_FIELDS = ("access_token", "refresh_token")


def scrub_token_answer(response: dict[str, Any]) -> dict[str, Any]:
    """vcrpy's ``before_record_response``: a token answer's tokens replaced by ``REDACTED``.

    Other answers are kept as they are.
    """
    body = response.get("body", {}).get("string")
    if not isinstance(body, bytes | str) or b"_token" not in (
        body if isinstance(body, bytes) else body.encode()
    ):
        return response
    try:
        answer = json.loads(body)
    except ValueError:
        return response
    if not isinstance(answer, dict) or not any(f in answer for f in TOKEN_ANSWER_FIELDS):
        return response
    for field in TOKEN_ANSWER_FIELDS:
        if field in answer:
            answer[field] = REDACTED
    text = json.dumps(answer)
    response["body"]["string"] = text.encode() if isinstance(body, bytes) else text
    for name in list(response.get("headers", {})):
        if name.lower() == "content-length":
            response["headers"][name] = [str(len(text.encode()))]
    return response


def vcr_config() -> dict[str, Any]:
    """Keyword arguments for ``vcr.VCR(...)`` (or pytest-recording's ``vcr_config``)."""
    return {
        "filter_query_parameters": [(name, REDACTED) for name in SECRET_FIELDS],
        "filter_post_data_parameters": [(name, REDACTED) for name in SECRET_FIELDS],
        "filter_headers": [("authorization", REDACTED), ("cookie", REDACTED)],
        "before_record_response": scrub_token_answer,
    }
