"""errors.py: the exception hierarchy, APIError.from_code and the per-code subclasses."""

from __future__ import annotations

import inspect

import pytest

import mailru_sdk
from mailru_sdk import errors
from mailru_sdk.errors import (
    AccessDeniedError,
    APIError,
    ApplicationNotInstalledError,
    AuthorizationFailedError,
    CredentialsError,
    EmptyResponseError,
    HTTPStatusError,
    IncorrectImageError,
    InvalidApplicationError,
    InvalidParameterError,
    InvalidSignatureError,
    MailRuError,
    MethodDeprecatedError,
    OAuthError,
    PermissionDeniedError,
    RequestTimeoutError,
    ResponseDecodeError,
    ServiceUnavailableError,
    TransportError,
    UnknownMethodError,
    UnknownPlatformError,
)

#: the platform's documented error codes and the class each must map to.
BY_CODE: dict[int, type[APIError]] = {
    1: UnknownPlatformError,
    2: UnknownMethodError,
    3: ServiceUnavailableError,
    4: MethodDeprecatedError,
    100: InvalidParameterError,
    102: AuthorizationFailedError,
    103: InvalidApplicationError,
    104: InvalidSignatureError,
    105: ApplicationNotInstalledError,
    200: PermissionDeniedError,
    202: AccessDeniedError,
    501: IncorrectImageError,
}
RETRYABLE_CODES = {1, 3}


@pytest.mark.parametrize("code", sorted(BY_CODE))
def test_from_code_builds_the_subclass_for_each_documented_code(code: int) -> None:
    error = APIError.from_code(code, f"message {code}", "friends.get")
    assert type(error) is BY_CODE[code]
    assert isinstance(error, APIError) and isinstance(error, MailRuError)
    assert (error.code, error.msg, error.method) == (code, f"message {code}", "friends.get")
    assert BY_CODE[code].error_code == code
    assert APIError.class_for(code) is BY_CODE[code]
    assert error.retryable is (code in RETRYABLE_CODES)
    assert str(error) == f"[{code}] message {code} (method friends.get)"


def test_each_code_has_its_own_class() -> None:
    classes = [APIError.class_for(code) for code in BY_CODE]
    assert len(set(classes)) == len(BY_CODE)
    assert APIError not in classes


def test_only_codes_1_and_3_are_retryable() -> None:
    assert {code for code, cls in BY_CODE.items() if cls.retryable} == RETRYABLE_CODES
    assert APIError.retryable is False


def test_subclasses_can_be_caught_by_their_base() -> None:
    with pytest.raises(APIError) as info:
        raise APIError.from_code(202, "Access to this object is denied", "photos.get")
    assert isinstance(info.value, AccessDeniedError)


@pytest.mark.parametrize("code", [0, 5, 101, 999, -1])
def test_unknown_code_is_a_plain_api_error(code: int) -> None:
    error = APIError.from_code(code, "something new", "stream.post")
    assert type(error) is APIError
    assert (error.code, error.msg, error.method) == (code, "something new", "stream.post")
    assert error.retryable is False
    assert APIError.class_for(code) is APIError


def test_api_error_args_round_trip() -> None:
    error = APIError.from_code(104, "Incorrect signature.", "friends.get")
    assert error.args == (104, "Incorrect signature.", "friends.get")
    rebuilt = type(error)(*error.args)
    assert (rebuilt.code, rebuilt.msg, rebuilt.method) == (error.code, error.msg, error.method)


# -- register --------------------------------------------------------------------------


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> dict[int, type[APIError]]:
    """A private copy of the code registry, restored after the test."""
    copy = dict(APIError._by_code)
    monkeypatch.setattr(APIError, "_by_code", copy)
    return copy


def test_register_refuses_a_class_without_error_code(registry: dict[int, type[APIError]]) -> None:
    class NoCode(APIError):
        pass

    before = dict(registry)
    with pytest.raises(ValueError, match="NoCode has no error_code"):
        APIError.register(NoCode)
    assert registry == before


def test_register_refuses_a_duplicate_code(registry: dict[int, type[APIError]]) -> None:
    class AnotherSignatureError(APIError):
        error_code = 104

    with pytest.raises(ValueError, match="error code 104 is already InvalidSignatureError"):
        APIError.register(AnotherSignatureError)
    assert APIError.class_for(104) is InvalidSignatureError


def test_register_adds_a_new_code_and_is_idempotent(registry: dict[int, type[APIError]]) -> None:
    class BrandNewError(APIError):
        error_code = 98765

    assert APIError.register(BrandNewError) is BrandNewError
    assert APIError.register(BrandNewError) is BrandNewError  # same class again is fine
    assert type(APIError.from_code(98765, "new", "a.b")) is BrandNewError
    assert registry[98765] is BrandNewError


def test_register_fixture_leaves_the_real_registry_alone() -> None:
    assert APIError.class_for(98765) is APIError


# -- the other errors ------------------------------------------------------------------


def test_oauth_error_with_description() -> None:
    error = OAuthError("invalid_grant", "The refresh token has expired")
    assert (error.error, error.error_description) == (
        "invalid_grant",
        "The refresh token has expired",
    )
    assert str(error) == "invalid_grant: The refresh token has expired"


def test_oauth_error_without_description() -> None:
    error = OAuthError("invalid_client")
    assert error.error_description == ""
    assert str(error) == "invalid_client"
    assert str(OAuthError("invalid_client", "")) == "invalid_client"


def test_http_status_error_attributes() -> None:
    error = HTTPStatusError(502, "Bad Gateway", method="friends.get")
    assert (error.status, error.body_excerpt, error.method) == (502, "Bad Gateway", "friends.get")
    assert str(error) == "HTTP 502 from the platform for friends.get: 'Bad Gateway'"


def test_response_decode_error_attributes() -> None:
    error = ResponseDecodeError(
        "the answer is not JSON", status=200, body_excerpt="<html>", method="users.getInfo"
    )
    assert (error.status, error.body_excerpt, error.method) == (200, "<html>", "users.getInfo")
    assert str(error) == "the answer is not JSON"
    empty = EmptyResponseError("empty", status=200, body_excerpt="", method="friends.get")
    assert isinstance(empty, ResponseDecodeError)
    assert (empty.status, empty.body_excerpt) == (200, "")


def test_transport_error_attributes() -> None:
    error = TransportError("refused", method="friends.get", sent=False)
    assert (error.method, error.sent, str(error)) == ("friends.get", False, "refused")
    timeout = RequestTimeoutError("slow", method="friends.get", sent=True)
    assert isinstance(timeout, TransportError) and timeout.sent is True


def test_credentials_error_is_also_a_value_error() -> None:
    assert issubclass(CredentialsError, ValueError)


def error_classes() -> list[type[BaseException]]:
    found = {
        obj
        for obj in vars(errors).values()
        if inspect.isclass(obj) and issubclass(obj, BaseException)
    }
    found.update(cls for cls in BY_CODE.values())
    found.update(
        obj
        for name in mailru_sdk.__all__
        if inspect.isclass(obj := getattr(mailru_sdk, name)) and issubclass(obj, BaseException)
    )
    return sorted(found, key=lambda cls: cls.__name__)


@pytest.mark.parametrize("cls", error_classes(), ids=lambda cls: cls.__name__)
def test_every_error_class_is_a_mailru_error(cls: type[BaseException]) -> None:
    assert issubclass(cls, MailRuError)


def test_every_exported_exception_is_importable_from_the_errors_module() -> None:
    # mailru_sdk.PaginationError once lived in mailru_sdk.api.pagination only, while the
    # docs' table of exceptions (all "from mailru_sdk.errors import ...") listed it
    exported = {
        name
        for name in mailru_sdk.__all__
        if inspect.isclass(obj := getattr(mailru_sdk, name)) and issubclass(obj, BaseException)
    }
    assert "PaginationError" in exported
    assert exported <= set(errors.__all__)
    for name in exported:
        assert getattr(errors, name) is getattr(mailru_sdk, name)


def test_the_hierarchy_has_the_documented_shape() -> None:
    hand_written = {
        MailRuError,
        CredentialsError,
        APIError,
        OAuthError,
        TransportError,
        RequestTimeoutError,
        HTTPStatusError,
        ResponseDecodeError,
        EmptyResponseError,
    }
    assert hand_written | set(BY_CODE.values()) <= set(error_classes())
    for cls in (APIError, OAuthError, TransportError, HTTPStatusError, ResponseDecodeError):
        assert issubclass(cls, MailRuError)
    # the families are distinct: catching one never catches another by accident
    assert not issubclass(HTTPStatusError, TransportError)
    assert not issubclass(ResponseDecodeError, HTTPStatusError)
    assert not issubclass(APIError, TransportError | HTTPStatusError | ResponseDecodeError)


@pytest.mark.parametrize(
    "error",
    [
        TransportError("t", method="friends.get", sent=False),
        RequestTimeoutError("slow", method="friends.get", sent=True),
        HTTPStatusError(503, "busy", method="friends.get"),
        ResponseDecodeError("bad", status=200, body_excerpt="<html>", method="friends.get"),
        EmptyResponseError("empty", status=200, body_excerpt="", method="friends.get"),
        AccessDeniedError(202, "denied", "photos.get"),
        OAuthError("invalid_grant", "bad password"),
        errors.PaginationError("not a list", method="stream.get"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_errors_survive_pickling(error: MailRuError) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert vars(copy) == vars(error)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"error": {"error_code": 202, "error_msg": "no"}}, 202),
        ({"error": {"error_code": "202", "error_msg": "no"}}, 202),
        ({"error": {"error_code": " -1 ", "error_msg": "no"}}, -1),
        ({"error": {"error_code": "x", "error_msg": "no"}}, 0),
        ({"error": {"error_code": True}}, 0),
    ],
)
def test_from_body_reads_the_error_code(body: object, code: int) -> None:
    error = APIError.from_body(body, "friends.get")
    assert error is not None and error.code == code and error.method == "friends.get"


@pytest.mark.parametrize("body", [[], {}, {"error": "text"}, {"error": {"msg": "x"}}, None])
def test_from_body_is_none_for_other_answers(body: object) -> None:
    assert APIError.from_body(body, "friends.get") is None


def test_each_error_class_carries_its_catalogued_message() -> None:
    """The fake platform answers with these; they come from the spec, not from docstrings."""
    from pathlib import Path

    from codegen.spec import load_spec

    spec = load_spec(Path(__file__).resolve().parents[2] / "spec" / "methods.yaml")
    for entry in spec.errors:
        assert APIError.class_for(entry.code).message == entry.message
    assert APIError.message == ""


def test_a_star_import_brings_the_per_code_classes_too() -> None:
    namespace: dict[str, object] = {}
    exec("from mailru_sdk.errors import *", namespace)
    assert "AccessDeniedError" in namespace and "APIError" in namespace
    from mailru_sdk.errors import APIError

    assert all(cls.__name__ in namespace for cls in APIError._by_code.values())
