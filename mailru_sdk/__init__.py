"""mailru-sdk: a synchronous, typed SDK for the Mail.Ru Platform REST API.

>>> from mailru_sdk import API, ServerSession
>>> api = API(ServerSession(423004, "secret key", "access token"))  # doctest: +SKIP
>>> api.friends.get()  # doctest: +SKIP
"""

from __future__ import annotations

from mailru_sdk.api import API
from mailru_sdk.errors import (
    APIError,
    ClientNotAvailableError,
    CredentialsError,
    DeadlineExceededError,
    EmptyResponseError,
    HTTPStatusError,
    InvalidClientError,
    InvalidGrantError,
    InvalidUserError,
    MailRuError,
    MismatchingStateError,
    OAuthError,
    PaginationError,
    RedisUnavailableError,
    RequestTimeoutError,
    ResponseDecodeError,
    TokenLockTimeoutError,
    TokenResponseError,
    TransportError,
    UnsupportedGrantTypeError,
)
from mailru_sdk.oauth import (
    CodeClientSession,
    CodeServerSession,
    CodeSession,
    OAuthSession,
    OAuthTokens,
    PasswordClientSession,
    PasswordServerSession,
    PasswordSession,
    RefreshClientSession,
    RefreshServerSession,
    RefreshSession,
)
from mailru_sdk.sessions import ClientSession, PublicSession, ServerSession, TokenSession

__version__ = "0.1.0"

__all__ = [
    "API",
    "APIError",
    "ClientNotAvailableError",
    "ClientSession",
    "CodeClientSession",
    "CodeServerSession",
    "CodeSession",
    "CredentialsError",
    "DeadlineExceededError",
    "EmptyResponseError",
    "HTTPStatusError",
    "InvalidClientError",
    "InvalidGrantError",
    "InvalidUserError",
    "MailRuError",
    "MismatchingStateError",
    "OAuthError",
    "OAuthSession",
    "OAuthTokens",
    "PaginationError",
    "PasswordClientSession",
    "PasswordServerSession",
    "PasswordSession",
    "PublicSession",
    "RedisUnavailableError",
    "RefreshClientSession",
    "RefreshServerSession",
    "RefreshSession",
    "RequestTimeoutError",
    "ResponseDecodeError",
    "ServerSession",
    "TokenLockTimeoutError",
    "TokenResponseError",
    "TokenSession",
    "TransportError",
    "UnsupportedGrantTypeError",
    "__version__",
]
