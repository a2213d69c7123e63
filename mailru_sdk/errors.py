"""Exceptions raised by mailru-sdk.

Everything the SDK raises on purpose derives from [`MailRuError`][mailru_sdk.errors.MailRuError]:

* [`APIError`][mailru_sdk.errors.APIError]: the platform answered with an error body
  (``{"error": {"error_code": …, "error_msg": …}}``); one subclass per
  catalogued code (``AccessDeniedError``...), looked up with
  [`APIError.from_code()`][mailru_sdk.errors.APIError.from_code].
* [`OAuthError`][mailru_sdk.errors.OAuthError]: the OAuth token endpoint refused a grant; one
  subclass per known ``error`` string, looked up with
  [`OAuthError.from_response()`][mailru_sdk.errors.OAuthError.from_response].
* [`TransportError`][mailru_sdk.errors.TransportError] /
  [`RequestTimeoutError`][mailru_sdk.errors.RequestTimeoutError] /
  [`DeadlineExceededError`][mailru_sdk.errors.DeadlineExceededError]: the request failed on the
  network or ran out
  of time; [`HTTPStatusError`][mailru_sdk.errors.HTTPStatusError]: an unexpected HTTP status with a
  body
  that is not a platform error; [`ResponseDecodeError`][mailru_sdk.errors.ResponseDecodeError] /
  [`EmptyResponseError`][mailru_sdk.errors.EmptyResponseError]: the body is not JSON.
* [`CredentialsError`][mailru_sdk.errors.CredentialsError]: the session cannot sign a request.
* [`RedisUnavailableError`][mailru_sdk.errors.RedisUnavailableError] /
  [`TokenLockTimeoutError`][mailru_sdk.errors.TokenLockTimeoutError]: a shared
  token store or rate limiter (several workers) could not do its job.
* [`PaginationError`][mailru_sdk.errors.PaginationError]: an ``iter_…`` companion cannot go on.

No exception text contains a secret: messages are built from the method
name, codes and redacted excerpts only.

This module is the public face: the hand-written classes live in
``mailru_sdk._errors``, the per-code subclasses in the generated
``mailru_sdk._generated.errors`` (importing it registers each with
[`APIError.from_code()`][mailru_sdk.errors.APIError.from_code]).
"""

from __future__ import annotations

from mailru_sdk import _errors
from mailru_sdk._errors import *  # noqa: F403
from mailru_sdk._generated import errors as _generated_errors
from mailru_sdk._generated.errors import *  # noqa: F403

__all__: list[str] = []
__all__ += _errors.__all__
__all__ += _generated_errors.__all__
