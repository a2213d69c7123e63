"""The hand-written exceptions of mailru-sdk; users import them from
[`mailru_sdk.errors`][mailru_sdk.errors].

Everything the SDK raises on purpose derives from [`MailRuError`][mailru_sdk._errors.MailRuError]:

* [`APIError`][mailru_sdk._errors.APIError]: the platform answered with an error body
  (``{"error": {"error_code": …, "error_msg": …}}``); one subclass per
  catalogued code, looked up with [`APIError.from_code()`][mailru_sdk._errors.APIError.from_code].
* [`OAuthError`][mailru_sdk._errors.OAuthError]: the OAuth token endpoint refused a grant; one
  subclass per known ``error`` string, looked up with
  [`OAuthError.from_response()`][mailru_sdk._errors.OAuthError.from_response].
* [`TransportError`][mailru_sdk._errors.TransportError] /
  [`RequestTimeoutError`][mailru_sdk._errors.RequestTimeoutError]: the request failed
  on the network; [`HTTPStatusError`][mailru_sdk._errors.HTTPStatusError]: an unexpected HTTP
  status with a body that is not a platform error;
  [`ResponseDecodeError`][mailru_sdk._errors.ResponseDecodeError] /
  [`EmptyResponseError`][mailru_sdk._errors.EmptyResponseError]: the body is not JSON.
* [`CredentialsError`][mailru_sdk._errors.CredentialsError]: the session cannot sign a request.
* [`RedisUnavailableError`][mailru_sdk._errors.RedisUnavailableError] /
  [`TokenLockTimeoutError`][mailru_sdk._errors.TokenLockTimeoutError]: a shared
  token store or rate limiter (several workers) could not do its job.
* [`PaginationError`][mailru_sdk._errors.PaginationError]: an ``iter_…`` companion cannot go on (a
  page that is not a list, no cursor, or a page repeated).

No exception text contains a secret: messages are built from the method
name, codes and redacted excerpts only.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "APIError",
    "ClientNotAvailableError",
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
    "PaginationError",
    "RedisUnavailableError",
    "RequestTimeoutError",
    "ResponseDecodeError",
    "TokenLockTimeoutError",
    "TokenResponseError",
    "TransportError",
    "UnsupportedGrantTypeError",
]


class MailRuError(Exception):
    """Base class of every exception mailru-sdk raises on purpose."""


def _rebuild(cls: type[MailRuError], args: tuple[object, ...], state: dict[str, object]) -> object:
    # Unpickling for exceptions whose constructors take keyword-only arguments.
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class CredentialsError(MailRuError, ValueError):
    """The session lacks the keys needed to sign a request (raised before any traffic)."""


class APIError(MailRuError):
    """The platform answered with an error body.

    Attributes:
        code: the platform's ``error_code``.
        msg: the platform's ``error_msg``.
        method: the API method that was called, e.g. ``"friends.get"``.
    """

    code: int
    msg: str
    method: str

    #: code → subclass, filled by [`register()`][mailru_sdk._errors.APIError.register].
    _by_code: ClassVar[dict[int, type[APIError]]] = {}
    #: the platform code this subclass stands for (``None`` on the base class).
    error_code: ClassVar[int | None] = None
    #: whether the platform documents this error as transient.
    retryable: ClassVar[bool] = False
    #: the platform's catalogued ``error_msg`` for this code (``""`` on the base class).
    message: ClassVar[str] = ""

    def __init__(self, code: int, msg: str, method: str) -> None:
        super().__init__(code, msg, method)
        self.code = code
        self.msg = msg
        self.method = method

    def __str__(self) -> str:
        return f"[{self.code}] {self.msg} (method {self.method})"

    @classmethod
    def register(cls, subclass: type[APIError]) -> type[APIError]:
        """Record ``subclass`` as the class for its ``error_code`` (used as a decorator)."""
        code = subclass.error_code
        if code is None:
            raise ValueError(f"{subclass.__name__} has no error_code")
        if code in APIError._by_code and APIError._by_code[code] is not subclass:
            raise ValueError(f"error code {code} is already {APIError._by_code[code].__name__}")
        APIError._by_code[code] = subclass
        return subclass

    @classmethod
    def class_for(cls, code: int) -> type[APIError]:
        """The subclass registered for ``code``, or [`APIError`][mailru_sdk._errors.APIError] for
        unknown codes."""
        return APIError._by_code.get(code, APIError)

    @classmethod
    def from_code(cls, code: int, msg: str, method: str) -> APIError:
        """Build the exception for a platform error: the subclass for ``code`` if known."""
        return APIError.class_for(code)(code, msg, method)

    @classmethod
    def from_body(cls, body: object, method: str) -> APIError | None:
        """The exception for a decoded answer that is a platform error body, else ``None``.

        An error body is ``{"error": {"error_code": …, "error_msg": …}}``; a code
        that is not an integer (nor a string of one) is kept as 0.
        """
        error = body.get("error") if isinstance(body, dict) else None
        if not isinstance(error, dict) or "error_code" not in error:
            return None
        return APIError.from_code(
            _code_number(error["error_code"]), str(error.get("error_msg", "")), method
        )


def _code_number(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return 0


class OAuthError(MailRuError):
    """The OAuth token endpoint refused a grant (or the authorization step failed).

    One subclass per known ``error`` string, looked up with
    [`from_response()`][mailru_sdk._errors.OAuthError.from_response];
    unknown strings stay [`OAuthError`][mailru_sdk._errors.OAuthError].

    Attributes:
        error: the ``error`` field of the response, e.g. ``"invalid_grant"``.
        error_description: the ``error_description`` field (may be empty).
    """

    #: the ``error`` string this subclass stands for (``None`` on the base class).
    oauth_error: ClassVar[str | None] = None

    def __init__(self, error: str, error_description: str = "") -> None:
        super().__init__(error, error_description)
        self.error = error
        self.error_description = error_description

    def __str__(self) -> str:
        if self.error_description:
            return f"{self.error}: {self.error_description}"
        return self.error

    @classmethod
    def class_for(cls, error: str) -> type[OAuthError]:
        """The subclass for the OAuth ``error`` string, or
        [`OAuthError`][mailru_sdk._errors.OAuthError] if unknown."""
        return _OAUTH_ERRORS.get(error, OAuthError)

    @classmethod
    def from_response(cls, error: str, description: str = "") -> OAuthError:
        """Build the exception for an OAuth error body: the subclass for ``error`` if known."""
        return OAuthError.class_for(error)(error, description)


class InvalidGrantError(OAuthError):
    """``invalid_grant``: wrong login or password, or a used/expired code or refresh token."""

    oauth_error = "invalid_grant"


class InvalidClientError(OAuthError):
    """``invalid_client``: unknown app id, or a client secret that does not match it."""

    oauth_error = "invalid_client"


class InvalidUserError(OAuthError):
    """``invalid_user``: the user is blocked."""

    oauth_error = "invalid_user"


class ClientNotAvailableError(OAuthError):
    """``client_not_available``: the app is in test mode and this user may not use it."""

    oauth_error = "client_not_available"


class UnsupportedGrantTypeError(OAuthError):
    """``unsupported_grant_type``: the token endpoint does not know this grant."""

    oauth_error = "unsupported_grant_type"


class MismatchingStateError(OAuthError):
    """The ``state`` returned to the OAuth callback is not the one the login started with.

    Either a cross-site request forgery attempt or a stale login page; the
    authorization code must not be used. Neither state value is in the text.
    """

    oauth_error = "mismatching_state"


class TokenResponseError(OAuthError):
    """The token endpoint answered without tokens and without an OAuth error body.

    A 200 answer lacking ``access_token``, a body that is not a JSON object, an
    unexpected HTTP status or a redirect. ``error`` is ``"invalid_token_response"``;
    ``error_description`` says what arrived without repeating any token.

    Attributes:
        status: the HTTP status code.
    """

    oauth_error = "invalid_token_response"

    def __init__(self, description: str, *, status: int) -> None:
        super().__init__("invalid_token_response", description)
        self.status = status

    def __reduce__(self) -> tuple[object, ...]:
        state = {
            "error": self.error,
            "error_description": self.error_description,
            "status": self.status,
        }
        return (_rebuild, (type(self), self.args, state))


_OAUTH_ERRORS: dict[str, type[OAuthError]] = {
    cls.oauth_error: cls
    for cls in (
        InvalidGrantError,
        InvalidClientError,
        InvalidUserError,
        ClientNotAvailableError,
        UnsupportedGrantTypeError,
    )
    if cls.oauth_error is not None
}


class TransportError(MailRuError):
    """The request did not complete on the network (connection refused, reset, TLS...).

    The underlying ``requests`` exception is ``__cause__``, with secrets redacted.
    """

    def __init__(self, message: str, *, method: str, sent: bool) -> None:
        super().__init__(message)
        self.method = method
        #: whether the request may have reached the server.
        self.sent = sent

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.args, {"method": self.method, "sent": self.sent}))


class RequestTimeoutError(TransportError):
    """The server did not answer within the session's (or call's) timeout."""


class DeadlineExceededError(RequestTimeoutError):
    """The call did not complete within its deadline (``deadline=``), retries included.

    Raised as soon as the deadline passes: while connecting, waiting for the
    answer, reading a slow body, or before a retry or a rate-limit wait that
    could not end in time.
    """


class HTTPStatusError(MailRuError):
    """The server answered with an unexpected HTTP status and no platform error body.

    Attributes:
        status: the HTTP status code.
        body_excerpt: the start of the body (at most 200 characters, redacted).
        method: the API method that was called.
    """

    def __init__(self, status: int, body_excerpt: str, *, method: str) -> None:
        super().__init__(f"HTTP {status} from the platform for {method}: {body_excerpt!r}")
        self.status = status
        self.body_excerpt = body_excerpt
        self.method = method

    def __reduce__(self) -> tuple[object, ...]:
        state = {"status": self.status, "body_excerpt": self.body_excerpt, "method": self.method}
        return (_rebuild, (type(self), self.args, state))


class ResponseDecodeError(MailRuError):
    """The body could not be decoded as JSON (HTML page, truncated JSON...).

    Attributes:
        status: the HTTP status code.
        body_excerpt: the start of the body (at most 200 characters, redacted).
        method: the API method that was called.
    """

    def __init__(self, message: str, *, status: int, body_excerpt: str, method: str) -> None:
        super().__init__(message)
        self.status = status
        self.body_excerpt = body_excerpt
        self.method = method

    def __reduce__(self) -> tuple[object, ...]:
        state = {"status": self.status, "body_excerpt": self.body_excerpt, "method": self.method}
        return (_rebuild, (type(self), self.args, state))


class EmptyResponseError(ResponseDecodeError):
    """The server answered with an empty body."""


class RedisUnavailableError(MailRuError):
    """Redis, holding the shared token store or rate limiter, could not be used.

    Unreachable, restarted while a command was out, still loading its data, or
    answering with an error. The ``redis`` exception is ``__cause__``; the text
    names the server's address (never its password) and what the SDK was doing.
    """


class TokenLockTimeoutError(MailRuError):
    """Waited too long for the per-key refresh lock of a token store.

    Another worker held the lock (refreshing the same user's token) for longer
    than the store's ``lock_wait``; a worker that died holding it delays the
    others by at most the lock's lifetime, so this means a slow token endpoint
    or a ``lock_wait`` shorter than the lock's lifetime.
    """


class PaginationError(MailRuError):
    """A page cannot be iterated over: not a list, no cursor to go on, or no progress.

    Attributes:
        method: the API method that was called, e.g. ``"stream.get"``.
    """

    def __init__(self, message: str, *, method: str) -> None:
        super().__init__(message)
        self.method = method

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.args, {"method": self.method}))
