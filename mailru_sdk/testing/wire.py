"""What a transport and the fake platform exchange: the request, the answer, the URLs.

Both transports (in-process through ``responses``, see
``mailru_sdk.testing._responses``, and over HTTP, see
``mailru_sdk.testing.server``) turn what they receive into a
``FakeRequest``, hand it to a ``Platform`` (the
[`FakePlatform`][mailru_sdk.testing.FakePlatform]) and carry out the
``FakeResponse`` it returns. The helpers at the end decode a request's
path and body. Nothing here knows the platform's rules.
"""

from __future__ import annotations

import email.parser
import email.policy
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

__all__ = [
    "FakeRequest",
    "FakeResponse",
    "FakeURLs",
    "Platform",
    "body_text",
    "parse_multipart",
    "public_segments",
]


@dataclass(frozen=True)
class FakeRequest:
    """An HTTP request as a transport hands it to
    [`FakePlatform.handle()`][mailru_sdk.testing.FakePlatform.handle]."""

    http_method: str
    path: str
    query: str = ""
    body: bytes = b""
    content_type: str = ""


@dataclass(frozen=True)
class FakeResponse:
    """What a transport must do: wait ``delay`` seconds, then send the answer or ``drop``."""

    status: int
    body: bytes
    content_type: str = "application/json"
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False


class FakeURLs(NamedTuple):
    """Where a served fake listens."""

    api_url: str
    token_url: str

    @property
    def public_url(self) -> str:
        """The root of the public data (``PublicSession``'s ``public_url``): above ``api_url``."""
        return self.api_url.rsplit("/", 1)[0]


class Platform(Protocol):
    """What a transport needs of the fake: an answer for each request."""

    def handle(self, request: FakeRequest) -> FakeResponse:
        """Answer one HTTP request."""
        ...

    def has_public(self, path: str) -> bool:
        """Whether public data was given for the URL path ``path``."""
        ...


def public_segments(path: str) -> tuple[str, ...] | None:
    """The segments of a public data path (``/platform/mail/x`` → ``("mail", "x")``), else None.

    The REST endpoint (``/platform/api``) and the token endpoints are not public data.
    """
    parts = [urllib.parse.unquote(part) for part in path.split("/") if part]
    if len(parts) < 2 or parts[0] != "platform" or parts[1] == "api":
        return None
    return tuple(parts[1:])


def body_text(body: bytes) -> str:
    """A urlencoded body as text (undecodable bytes replaced, as a lenient server does)."""
    return body.decode("utf-8", errors="replace")


def parse_multipart(
    content_type: str, body: bytes
) -> tuple[list[tuple[str, str]], dict[str, tuple[str, bytes]]]:
    """The text fields and the files (field name → (file name, content)) of a multipart body."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    form: list[tuple[str, str]] = []
    files: dict[str, tuple[str, bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        payload = part.get_payload(decode=True)
        if not isinstance(name, str) or not isinstance(payload, bytes):
            continue
        if filename is not None:
            files[name] = (filename, payload)
        else:
            form.append((name, payload.decode("utf-8")))
    return form, files
