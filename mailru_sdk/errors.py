"""Exceptions raised by mailru-sdk.

Everything the SDK raises on purpose derives from :class:`MailRuError`:

* :class:`APIError`: the platform answered with an error body
  (``{"error": {"error_code": …, "error_msg": …}}``); one subclass per
  catalogued code (``AccessDeniedError``...), looked up with
  :meth:`APIError.from_code`.
* :class:`OAuthError`: the OAuth token endpoint refused a grant; one subclass
  per known ``error`` string, looked up with :meth:`OAuthError.from_response`.
* :class:`TransportError` / :class:`RequestTimeoutError` /
  :class:`DeadlineExceededError`: the request failed on the network or ran out
  of time; :class:`HTTPStatusError`: an unexpected HTTP status with a body
  that is not a platform error; :class:`ResponseDecodeError` /
  :class:`EmptyResponseError`: the body is not JSON.
* :class:`CredentialsError`: the session cannot sign a request.
* :class:`RedisUnavailableError` / :class:`TokenLockTimeoutError`: a shared
  token store or rate limiter (several workers) could not do its job.
* :class:`PaginationError`: an ``iter_…`` companion cannot go on.

No exception text contains a secret: messages are built from the method
name, codes and redacted excerpts only.

This module is the public face: the hand-written classes live in
``mailru_sdk._errors``, the per-code subclasses in the generated
``mailru_sdk._generated.errors`` (importing it registers each with
:meth:`APIError.from_code`).
"""

from __future__ import annotations

from mailru_sdk import _errors
from mailru_sdk._errors import *  # noqa: F403
from mailru_sdk._generated import errors as _generated_errors
from mailru_sdk._generated.errors import *  # noqa: F403

__all__: list[str] = []
__all__ += _errors.__all__
__all__ += _generated_errors.__all__
