# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""One [`APIError`][mailru_sdk.errors.APIError] subclass per catalogued platform error code."""

from __future__ import annotations

from mailru_sdk._errors import APIError

__all__ = [
    "AccessDeniedError",
    "ApplicationNotInstalledError",
    "AuthorizationFailedError",
    "IncorrectImageError",
    "InvalidApplicationError",
    "InvalidParameterError",
    "InvalidSignatureError",
    "MethodDeprecatedError",
    "PermissionDeniedError",
    "ServiceUnavailableError",
    "UnknownMethodError",
    "UnknownPlatformError",
]


@APIError.register
class UnknownPlatformError(APIError):
    """Platform error 1: Unknown error: Please resubmit the request.

    Generic, transient platform failure; resend the request.

    Source: doc.
    """

    error_code = 1
    message = "Unknown error: Please resubmit the request."
    retryable = True


@APIError.register
class UnknownMethodError(APIError):
    """Platform error 2: Unknown method called.

    The 'method' name does not exist; check its spelling.

    Source: doc.
    """

    error_code = 2
    message = "Unknown method called."


@APIError.register
class ServiceUnavailableError(APIError):
    """Platform error 3: Service Unavailable. Please try again later.

    The service is temporarily unavailable; retry later with backoff. (ruby_mailru_api maps 3 to
    'deprecated'; the docs say 3 = unavailable, 4 = deprecated.)

    Source: doc.
    """

    error_code = 3
    message = "Service Unavailable. Please try again later."
    retryable = True


@APIError.register
class MethodDeprecatedError(APIError):
    """Platform error 4: Method is deprecated.

    The method has been switched off by the platform.

    Source: doc.
    """

    error_code = 4
    message = "Method is deprecated."


@APIError.register
class InvalidParameterError(APIError):
    """Platform error 100: One of the parameters specified is missing or invalid.

    A required parameter is missing or a value is invalid; fix the request.

    Source: doc.
    """

    error_code = 100
    message = "One of the parameters specified is missing or invalid."


@APIError.register
class AuthorizationFailedError(APIError):
    """Platform error 102: User authorization failed: the session key or uid is incorrect.

    The session_key has expired or is invalid, or the uid is wrong; re-authorize or refresh the
    token.

    Source: doc.
    """

    error_code = 102
    message = "User authorization failed: the session key or uid is incorrect."


@APIError.register
class InvalidApplicationError(APIError):
    """Platform error 103: Application lookup failed: the application id is not correct.

    The app_id is wrong.

    Source: doc.
    """

    error_code = 103
    message = "Application lookup failed: the application id is not correct."


@APIError.register
class InvalidSignatureError(APIError):
    """Platform error 104: Incorrect signature.

    The sig does not match; check the keys, uid and signing circuit.

    Source: doc.
    """

    error_code = 104
    message = "Incorrect signature."


@APIError.register
class ApplicationNotInstalledError(APIError):
    """Platform error 105: Application is not installed for this user.

    The user has not installed or authorized the application.

    Source: doc.
    """

    error_code = 105
    message = "Application is not installed for this user."


@APIError.register
class PermissionDeniedError(APIError):
    """Platform error 200: Permission error: the application does not have permission to perform
    this action.

    A privilege (ext_perm) is missing, or the method is not allowed for this kind of app or signing
    circuit.

    Source: doc.
    """

    error_code = 200
    message = "Permission error: the application does not have permission to perform this action."


@APIError.register
class AccessDeniedError(APIError):
    """Platform error 202: Access to this object is denied

    Access to the requested object is denied (a variant adds ': you are in blacklist'). Not on the
    documented error table. REST evidence: the Ruby client (mailru-api) maps code 202 in its REST
    error table (AccessToObjectDeniedError), and the error example on the seed session page
    (aiomailru's docs) shows a REST error body with code 202; aiomailru itself raises 202 only in
    its HTML scraper.

    Source: code: the Ruby client mailru-api.
    """

    error_code = 202
    message = "Access to this object is denied"


@APIError.register
class IncorrectImageError(APIError):
    """Platform error 501: unknown

    The uploaded image is incorrect (photos.upload). Code-only evidence: known from ruby_mailru_api;
    the platform's message text is unknown.

    Source: code: the Ruby client mailru-api.
    """

    error_code = 501
    message = "unknown"
