"""mailru-sdk: a synchronous, typed SDK for the Mail.Ru Platform REST API.

>>> from mailru_sdk import API, ServerSession
>>> api = API(ServerSession(423004, "secret key", "access token"))  # doctest: +SKIP
>>> api.friends.get()  # doctest: +SKIP
"""

from __future__ import annotations

from mailru_sdk.api import API
from mailru_sdk.errors import (
    APIError,
    CredentialsError,
    EmptyResponseError,
    HTTPStatusError,
    MailRuError,
    OAuthError,
    RequestTimeoutError,
    ResponseDecodeError,
    TransportError,
)
from mailru_sdk.sessions import ClientSession, ServerSession, TokenSession

__version__ = "0.1.0"

__all__ = [
    "API",
    "APIError",
    "ClientSession",
    "CredentialsError",
    "EmptyResponseError",
    "HTTPStatusError",
    "MailRuError",
    "OAuthError",
    "RequestTimeoutError",
    "ResponseDecodeError",
    "ServerSession",
    "TokenSession",
    "TransportError",
    "__version__",
]
